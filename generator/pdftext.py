"""Text of minutes PDFs, extracted with pypdf in bounded child processes, cached by content.

A PDF alone is neither searchable on a static site nor accessible, so every minutes PDF
gets an HTML page with its text. Extraction must never hang or sink the build:

* each document is read in its own forked child with a memory limit (RLIMIT_AS) and a
  deadline; a child that runs over is killed and the document reported;
* up to one child per core runs at a time, and a child dies with the build that forked it;
* outcomes are cached on disk under the SHA-256 of the PDF's bytes, this module's `VERSION`,
  pypdf's version and the two bounds, so a rebuild re-reads only new or changed PDFs;
* only an outcome that reading the same bytes again would repeat is cached: text, encrypted,
  no text layer, damaged, or a hit of raad's own time or memory bound. A reader killed from
  outside (the OOM killer, a user) or crashing, or a file that could not be opened, is
  reported for this build and read again by the next;
* cache entries are written whole (`generator.killsafe.write_whole`), and one that is
  damaged anyway is read again, so a killed build never leaves a document without text;
* an encrypted PDF, a scan without a text layer or a broken file gives a `PdfText` whose
  `status` says why, and the site still publishes the PDF itself.

Headings and paragraphs are recovered from font sizes and line positions where the PDF
allows: word processors set headings larger or bold, and end paragraphs with a short line
or extra space.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib.metadata
import json
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.killsafe import TEMPORARY_SUFFIX, write_whole, writer_gone
from generator.pdf_model import Block, BlockKind, PdfText, TextStatus
from generator.pdf_reading import read_pdf

__all__ = ["Block", "BlockKind", "ExtractionStats", "PdfText", "TextStatus", "extract_all", "read_pdf"]

VERSION = 3  # 2: crashes and kills from outside are no longer cached as broken; 3: properties
TIMEOUT_SECONDS = 60.0
MEMORY_BYTES = 1 << 30  # 1 GiB of address space per document
PROGRESS_AFTER = 20  # documents to extract before a progress bar is worth showing


@dataclass
class ExtractionStats:
    documents: int = 0
    extracted: int = 0
    cached: int = 0
    failed: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"PDF text: {self.documents} documents, {self.extracted} extracted, {self.cached} from cache, "
            f"{self.failed} without text ({self.seconds:.2f} s)"
        )


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_all(
    paths: Iterable[Path],
    cache_dir: Path,
    workers: int | None = None,
    timeout: float = TIMEOUT_SECONDS,
    memory: int = MEMORY_BYTES,
    progress: bool | None = None,
) -> tuple[dict[Path, PdfText], ExtractionStats]:
    """The text of every PDF in `paths`, from the cache where it has it.

    Other extractions may use `cache_dir` at the same time (`raad check` takes no lock):
    entries are written whole, and only the temporary files of writers that have ended
    (a killed build) are removed here."""
    started = time.perf_counter()
    stats = ExtractionStats()
    results: dict[Path, PdfText] = {}
    todo: dict[str, list[Path]] = {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    _remove_temporary_files(cache_dir)
    bounds = cache_key_bounds(timeout, memory)
    for path in paths:
        stats.documents += 1
        key = f"{content_hash(path)}-{bounds}"
        cached = _read_cache(cache_dir / f"{key}.json")
        if cached is not None:
            results[path] = cached
            stats.cached += 1
        else:
            todo.setdefault(key, []).append(path)
    tick = _progress(len(todo), progress)

    def finished(key: str, reading: _Reading) -> None:
        """Cache each outcome as it comes: a build killed half-way keeps what it read."""
        if reading.reproducible:
            write_whole(cache_dir / f"{key}.json", json.dumps(reading.text.to_json(), ensure_ascii=False).encode("utf-8"))
        for path in todo[key]:
            results[path] = reading.text
            stats.extracted += 1
        tick()

    _run_children(todo, workers or os.cpu_count() or 1, timeout, memory, finished)
    stats.failed = sum(1 for text in results.values() if not text.ok)
    stats.seconds = time.perf_counter() - started
    return results, stats


def cache_key_bounds(timeout: float, memory: int) -> str:
    """The part of a cache key after the content hash: everything else that decides what
    reading a document gives (this module, pypdf, and the bounds a reader runs under)."""
    return f"v{VERSION}-pypdf{importlib.metadata.version('pypdf')}-{timeout:g}s-{memory}B"


def _remove_temporary_files(cache_dir: Path) -> None:
    """Cache entries a killed build was writing: `write_whole`'s `.<entry>.json.<pid>.tmp`.
    Not those of a writer still running: `raad check` fills the cache without the build's
    lock, and may do so while a build or `raad serve` runs."""
    for path in cache_dir.glob(f".*.json.*{TEMPORARY_SUFFIX}"):
        if writer_gone(path):
            path.unlink(missing_ok=True)


def _read_cache(path: Path) -> PdfText | None:
    """A cache entry, or None when there is none or it is damaged: then the PDF is read again."""
    try:
        return PdfText.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _progress(total: int, wanted: bool | None) -> Callable[[], None]:
    """A tqdm bar on a terminal when there is more than a few seconds of work."""
    if total < PROGRESS_AFTER or wanted is False or (wanted is None and not sys.stderr.isatty()):
        return lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="PDF text", unit="doc", leave=False)

    def tick() -> None:
        bar.update(1)

    return tick


@dataclass
class _Reading:
    """What a reader child gave, and whether reading the same bytes again would give it too."""

    text: PdfText
    reproducible: bool


@dataclass
class _Reader:
    key: str
    process: BaseProcess
    deadline: float


def _run_children(
    todo: dict[str, list[Path]], workers: int, timeout: float, memory: int, finished: Callable[[str, _Reading], None]
) -> None:
    """Read each document of `todo` in a child, up to `workers` at a time; hand each outcome
    to `finished` as it comes."""
    context = multiprocessing.get_context("fork")
    queue = list(todo.items())
    running: dict[Connection, _Reader] = {}
    try:
        while queue or running:
            while queue and len(running) < workers:
                key, paths = queue.pop()
                receiver, sender = context.Pipe(duplex=False)
                child = context.Process(target=_child, args=(paths[0], sender, memory, os.getpid()), daemon=True)
                child.start()
                sender.close()
                running[receiver] = _Reader(key, child, time.monotonic() + timeout)
            next_deadline = min(reader.deadline for reader in running.values())
            for ready in wait(list(running), timeout=max(0.0, next_deadline - time.monotonic())):
                if isinstance(ready, Connection):
                    reader = running.pop(ready)
                    finished(reader.key, _received(ready, reader.process))
            now = time.monotonic()
            for conn, reader in list(running.items()):
                if reader.deadline <= now:
                    del running[conn]
                    _stop(conn, reader.process)
                    # raad's own bound, as reproducible as the bound itself (part of the cache key)
                    overdue = PdfText(TextStatus.TIMEOUT, detail=f"reading took longer than {timeout:g} seconds")
                    finished(reader.key, _Reading(overdue, True))
    finally:  # an interrupted build leaves no reader behind
        for conn, reader in running.items():
            _stop(conn, reader.process)


def _stop(conn: Connection, process: BaseProcess) -> None:
    process.kill()
    process.join()
    conn.close()


def _received(conn: Connection, process: BaseProcess) -> _Reading:
    """The child's answer; a child that ended without one crashed or was killed from outside
    (raad kills only at the deadline): reported now, read again by the next build."""
    try:
        text, reproducible = conn.recv()
        reading = _Reading(PdfText.from_json(text), bool(reproducible))
    except (EOFError, OSError):
        reading = None
    conn.close()
    process.join()
    if reading is not None:
        return reading
    detail = f"the reader {_ending(process.exitcode)}; the next build reads the document again"
    return _Reading(PdfText(TextStatus.BROKEN, detail=detail), False)


def _ending(code: int | None) -> str:
    """How a child ended without an answer, from its exit code (minus the signal that killed it)."""
    if code is None or code >= 0:
        return f"exited ({code}) without a result"
    try:
        return f"was stopped by {signal.Signals(-code).name}"
    except ValueError:
        return f"was stopped by signal {-code}"


def _child(path: Path, conn: Connection, memory: int, parent: int) -> None:
    """Runs in the forked child: bound memory, read the PDF, send back plain data and
    whether the outcome is the document's own (and so worth caching)."""
    _become_reader(parent)
    with contextlib.suppress(ValueError, OSError):  # a limit the system refuses leaves only the deadline
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        result, reproducible = read_pdf(path), True
    except MemoryError:  # raad's own bound, part of the cache key
        result, reproducible = PdfText(TextStatus.BROKEN, detail="the document needs more memory than allowed"), True
    except OSError as exc:  # the file system, not the document: gone, unreadable, out of descriptors
        detail = f"the file could not be read ({exc.strerror or type(exc).__name__}); the next build reads it again"
        result, reproducible = PdfText(TextStatus.BROKEN, detail=detail), False
    conn.send((result.to_json(), reproducible))
    conn.close()


_PR_SET_NAME = 15
_PR_SET_PDEATHSIG = 1
READER_NAME = b"raad-pdf-reader"
"""The name a reader child shows in ps and top (and the OOM killer's log), on Linux."""


def _become_reader(parent: int) -> None:
    """Take a name of its own, and have Linux kill this reader when the build that forked it
    dies (killed on its own, say by the OOM killer): an orphaned reader would run on without
    its deadline."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            prctl = ctypes.CDLL(None, use_errno=True).prctl
            prctl(_PR_SET_NAME, ctypes.c_char_p(READER_NAME), 0, 0, 0)
            prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the build died before the request took effect
        os._exit(1)
