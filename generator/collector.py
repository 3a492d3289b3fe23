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
from collections.abc import Iterator

FULL_COLLECTIONS_AFTER = 100_000
"""Collections of the middle generation before a full one, while long-lived objects are
made: none in practice (the default is 10)."""


@contextlib.contextmanager
def making_long_lived() -> Iterator[None]:
    """No full collection while the block runs (see the module's docstring)."""
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, FULL_COLLECTIONS_AFTER))
    try:
        yield
    finally:
        gc.set_threshold(young, middle, old)
