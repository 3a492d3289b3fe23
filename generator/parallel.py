"""Spread pure, CPU-bound page rendering over the machine's cores.

Rendering thousands of minutes pages is independent work; forked workers inherit the
loaded project, so only the finished pages travel back. Small jobs stay in-process, where
forking would cost more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 400
_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    function, items = _JOB
    return [function(items[index]) for index in range(*bounds)]


def map_pages(function: Callable[[T], R], items: Sequence[T], workers: int | None = None, parallel: bool | None = None) -> list[R]:
    """`[function(item) for item in items]`, in order, on all cores when it is worth it
    (`parallel`; by default, when there are many items)."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(items) < 2 or not (len(items) >= MIN_ITEMS if parallel is None else parallel):
        return [function(item) for item in items]
    global _JOB
    _JOB = (function, items)
    # The workers inherit the loaded project: hundreds of thousands of objects. Frozen, the
    # collector in a worker neither walks them nor writes to them (which would copy every
    # memory page it touches into the worker).
    gc.freeze()
    try:
        size = -(-len(items) // (workers * 4))
        bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = pool.map(_run, bounds)
    finally:
        gc.unfreeze()
        _JOB = None
    return [result for chunk in chunks for result in chunk]
