"""Python's garbage collector while raad makes what lives as long as a build.

Loading a large project and reading the cached text of its PDFs make hundreds of thousands
of objects (documents, their metadata and values, blocks of text) that all live until the
build ends. Python's collector walks every object in the process each time its oldest
generation has grown by a quarter: five or six times while a project of 20,000 documents
loads, and twice more while its PDF text is read, each walk longer than the last, together
a third of the time those steps took, freeing nothing. While they run, the oldest
generation is left alone; the younger generations are still collected, so what a refused
file leaves in reference cycles is freed as before, and the first full collection after
walks everything once.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

FULL_COLLECTIONS_AFTER = 100_000
"""Collections of the middle generation before a full one, while long-lived objects are
made: none in practice (the default is 10)."""


class _Pause:
    """The collector's thresholds as they were before the first of the blocks running now
    (a preview's build and a check may overlap on threads): the last block to end restores them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.thresholds = gc.get_threshold()

    def enter(self) -> None:
        with self.lock:
            if self.running == 0:
                self.thresholds = gc.get_threshold()
                young, middle, old = self.thresholds
                gc.set_threshold(young, middle, max(old, FULL_COLLECTIONS_AFTER))
            self.running += 1

    def leave(self) -> None:
        with self.lock:
            self.running -= 1
            if self.running == 0:
                gc.set_threshold(*self.thresholds)


_PAUSE = _Pause()


@contextlib.contextmanager
def making_long_lived() -> Iterator[None]:
    """No full collection while the block runs (see the module's docstring)."""
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.leave()
