"""What a build needs to survive being killed at any moment (`kill -9`, a power cut of CI).

* `write_whole`: a file appears with all its bytes or not at all, never cut short;
* `exchange`: two folders trade places in one step, so the published site is never missing;
* `one_build_at_a_time`: a lock per docs tree folder, so that a build may clear what a
  killed build left behind without pulling files from under a build that is still running.

Leftovers are removed by exact name by their owners (`generator.engine`, `generator.pdftext`);
this module only provides the primitives.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import sys
from collections.abc import Iterator
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
"""What `write_whole` appends to a temporary file's name (a dot in front hides it too)."""
LOCK = ".lock"
"""The lock file in a docs tree folder; the lock is released by the system when its holder dies."""


def temporary_name(path: Path) -> Path:
    """The file `write_whole` writes before it becomes `path`: one per writing process."""
    return path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a kill at any moment leaves the old file, the new file,
    or no file, but never part of one: a temporary file in the same folder, renamed over it.

    Not synced to disk: what this protects against is a killed process. After a power cut a
    file may still come out empty, so a reader must treat a damaged file as missing (the PDF
    cache does); syncing thousands of cache entries would cost more than reading them again."""
    temporary = temporary_name(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def writer_gone(temporary: Path) -> bool:
    """Whether the process that was writing the `temporary_name` `temporary` has ended, so
    the file is a leftover. A file of a writer still running (another `raad check` filling
    the same cache) must stay, or its rename would fail; so must one whose name carries no
    process id, which `write_whole` did not write."""
    pid = temporary.name.removesuffix(TEMPORARY_SUFFIX).rpartition(".")[2]
    if not pid.isdigit() or int(pid) <= 0:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # the process exists but belongs to another user
        return False
    return False


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NOT_SUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def exchange(a: Path, b: Path) -> bool:
    """Swap the folders `a` and `b` in one step (Linux's renameat2 with RENAME_EXCHANGE).
    False where the system or the file system cannot; the caller then renames twice."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)  # glibc has it since 2.28
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_SUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


class BuildBusy(Exception):
    """Another build holds the lock of the same docs tree folder."""


@contextlib.contextmanager
def one_build_at_a_time(build_dir: Path) -> Iterator[None]:
    """Hold the lock of `build_dir` for the block, or raise `BuildBusy` at once.

    An flock, not a file that exists while a build runs: the system releases it when the
    holder dies, even under `kill -9`, so a killed build never blocks the next one. The lock
    file itself stays (removing it would race with a build that just opened it)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    lock = build_dir / LOCK
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(f"another raad build is using {build_dir} (it holds {lock}); try again when it has finished") from None
        yield
