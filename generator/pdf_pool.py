"""Long-lived reader processes for PDF text, each document bounded in time and memory.

Forking one reader per document cost more than reading most documents: a fork of a build
that holds a whole loaded project, and pypdf imported again in every child. Here pypdf is
imported once, before the readers are forked, and up to one reader per core takes document
after document over a pipe. The build still keeps every document bounded:

* **time**: each document has a deadline; a reader still busy at it is killed and replaced.
  A reader may ask for more time before work whose size it knows (OCR of n pages), so a long
  scan is not cut short while a hanging document still is;
* **memory**: a reader's address space is limited (RLIMIT_AS) to what it had when it started
  plus the bound, so the bound is what one document may take, whatever the build holds. A
  reader that ran out of memory, or has grown by more than a quarter of the bound (Python
  rarely gives memory back), is retired after its document and a fresh one forked, so every
  document starts with most of the bound free;
* a reader that crashes or is killed from outside is replaced, and its document reported;
* readers die with the build that forked them (Linux), and an interrupted build kills them.

The reading function is given by the caller (`generator.pdftext.read_pdf`, looked up when
the extraction starts, so a test may replace it); it must return plain data (`PdfText`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from generator.pdf_model import PdfText, TextStatus

Extend = Callable[[float], None]
"""What a reading function calls to ask for `seconds` more before long work."""
Read = Callable[[Path, Extend], PdfText]

RETIRE_GROWTH = 4
"""A reader that grew by more than 1/RETIRE_GROWTH of the memory bound is replaced."""

_PR_SET_NAME = 15
_PR_SET_PDEATHSIG = 1
READER_NAME = b"raad-pdf-reader"
"""The name a reader shows in ps and top (and the OOM killer's log), on Linux."""


@dataclass
class Reading:
    """What a reader gave for one document, and whether reading the same bytes again would
    give it too (only then is it worth caching)."""

    text: PdfText
    reproducible: bool


@dataclass
class _Reader:
    """One reader process, and the document it is reading (if any) with its deadline."""

    process: BaseProcess
    conn: Connection
    key: str = ""
    deadline: float = 0.0

    def give(self, key: str, path: Path, timeout: float) -> None:
        self.key, self.deadline = key, time.monotonic() + timeout
        self.conn.send(path)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def read_all(
    jobs: list[tuple[str, Path]], read: Read, workers: int, timeout: float, memory: int, finished: Callable[[str, Reading], None]
) -> None:
    """Read each (key, path) of `jobs` with `read` in up to `workers` readers; hand each
    outcome to `finished` as it comes (so a build killed half-way keeps what was read)."""
    if not jobs:
        return
    import pypdf  # noqa: F401  (imported once here, shared by every reader forked below)

    context = multiprocessing.get_context("fork")
    queue = deque(jobs)
    idle: list[_Reader] = []
    busy: dict[Connection, _Reader] = {}
    try:
        while queue or busy:
            while queue and len(busy) < workers:
                reader = _ready_reader(idle, context, read, memory)
                if _gave(reader, queue, timeout, finished):
                    busy[reader.conn] = reader
            next_deadline = min(reader.deadline for reader in busy.values())
            for ready in wait(list(busy), timeout=max(0.0, next_deadline - time.monotonic())):
                assert isinstance(ready, Connection)
                _answer(busy, idle, busy[ready], finished)
            _stop_overdue(busy, timeout, finished)
    finally:  # an interrupted build leaves no reader behind
        for reader in [*busy.values(), *idle]:
            reader.stop()


def _gave(reader: _Reader, queue: deque[tuple[str, Path]], timeout: float, finished: Callable[[str, Reading], None]) -> bool:
    """Give `reader` the next document; False when it died after it was found alive. A reader
    that had read before was killed from outside while idle: the document stays first in the
    queue, for a new reader. A new reader that died at once is reported like a crash (trying
    again could go on for ever)."""
    had_read = bool(reader.key)
    key, path = queue.popleft()
    try:
        reader.give(key, path, timeout)
    except OSError:
        reader.stop()
        if had_read:
            queue.appendleft((key, path))
        else:
            finished(key, _crashed(reader))
        return False
    return True


def _ready_reader(idle: list[_Reader], context: Any, read: Read, memory: int) -> _Reader:
    """An idle reader that is still alive (one may have been killed while it waited), or a new one."""
    while idle:
        reader = idle.pop()
        if reader.process.is_alive():
            return reader
        reader.stop()
    return _start(context, read, memory)


def _answer(busy: dict[Connection, _Reader], idle: list[_Reader], reader: _Reader, finished: Callable[[str, Reading], None]) -> None:
    """Take one message of a busy reader: a request for more time, or its document's outcome."""
    try:
        message = reader.conn.recv()
    except (EOFError, OSError):
        message = None
    if message is not None and message[0] == "more":
        reader.deadline += float(message[1])
        return
    del busy[reader.conn]
    if message is None:  # it ended without an answer: crashed, or killed from outside (raad kills only at the deadline)
        reader.stop()
        finished(reader.key, _crashed(reader))
        return
    _, text, reproducible, retire = message
    if retire:
        reader.stop()
    else:
        idle.append(reader)
    finished(reader.key, Reading(PdfText.from_json(text), bool(reproducible)))


def _stop_overdue(busy: dict[Connection, _Reader], timeout: float, finished: Callable[[str, Reading], None]) -> None:
    now = time.monotonic()
    for conn, reader in list(busy.items()):
        if reader.deadline <= now:
            del busy[conn]
            reader.stop()
            # raad's own bound, as reproducible as the bound itself (part of the cache key)
            overdue = PdfText(TextStatus.TIMEOUT, detail=f"reading took longer than {timeout:g} seconds")
            finished(reader.key, Reading(overdue, True))


def _start(context: Any, read: Read, memory: int) -> _Reader:
    ours, theirs = context.Pipe(duplex=True)
    process = context.Process(target=_serve, args=(theirs, read, memory, os.getpid()), daemon=True)
    process.start()
    theirs.close()
    return _Reader(process, ours)


def _crashed(reader: _Reader) -> Reading:
    """The outcome of a reader that ended without an answer: reported now, not cached."""
    detail = f"the reader {_ending(reader.process.exitcode)}; the next build reads the document again"
    return Reading(PdfText(TextStatus.BROKEN, detail=detail), False)


def _ending(code: int | None) -> str:
    """How a reader ended without an answer, from its exit code (minus the signal that killed it)."""
    if code is None or code >= 0:
        return f"exited ({code}) without a result"
    try:
        return f"was stopped by {signal.Signals(-code).name}"
    except ValueError:
        return f"was stopped by signal {-code}"


def _serve(conn: Connection, read: Read, memory: int, parent: int) -> None:
    """Runs in a forked reader: bound memory, then read documents until told to stop, or
    until it should be replaced (out of memory, or grown too much)."""
    _become_reader(parent)
    start = _address_space()
    with contextlib.suppress(ValueError, OSError):  # a limit the system refuses leaves only the deadline
        resource.setrlimit(resource.RLIMIT_AS, (start + memory, start + memory))

    def more(seconds: float) -> None:
        conn.send(("more", seconds))

    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            break
        if path is None:
            break
        reading, spent = _read_one(read, path, more)
        retire = spent or _address_space() - start > memory // RETIRE_GROWTH
        conn.send(("done", reading.text.to_json(), reading.reproducible, retire))
        if retire:
            break
    conn.close()


def _read_one(read: Read, path: Path, more: Extend) -> tuple[Reading, bool]:
    """One document's outcome, and whether the reader ran out of memory on it.

    The outcome of running out of memory is made after the `except` block: until then the
    exception's traceback holds the frames, and with them all the memory the document took,
    so making anything inside the block would run out again."""
    try:
        return Reading(read(path, more), True), False
    except MemoryError:
        pass  # answered below, once the traceback has let go of the memory
    except OSError as exc:  # the file system, not the document: gone, unreadable, out of descriptors
        detail = f"the file could not be read ({exc.strerror or type(exc).__name__}); the next build reads it again"
        return Reading(PdfText(TextStatus.BROKEN, detail=detail), False), False
    gc.collect()
    # raad's own bound, part of the cache key
    return Reading(PdfText(TextStatus.BROKEN, detail="the document needs more memory than allowed"), True), True


def _address_space() -> int:
    """This process's virtual memory size in bytes (what RLIMIT_AS limits), or 0 where the
    system does not say (then the bound is absolute, as it was)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _become_reader(parent: int) -> None:
    """Take a name of its own, and have Linux kill this reader when the build that forked it
    dies (killed on its own, say by the OOM killer): an orphaned reader would run on without
    its deadline. Ctrl+C, which reaches every process of the terminal's group, is the build's
    to handle: it stops its readers (each would else print a traceback of where it was, or
    die before the build is told, its document reported damaged)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl(_PR_SET_NAME, ctypes.c_char_p(READER_NAME), 0, 0, 0)
            prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)
