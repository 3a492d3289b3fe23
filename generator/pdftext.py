"""Text of minutes PDFs, extracted with pypdf in bounded reader processes, cached by content.

A PDF alone is neither searchable on a static site nor accessible, so every minutes PDF
gets an HTML page with its text. Extraction must never hang or sink the build:

* documents are read by long-lived reader processes, one per core (`generator.pdf_pool`),
  each document under a deadline and a memory bound; a reader that runs over is killed and
  replaced, and the document reported;
* outcomes are cached on disk under the SHA-256 of the PDF's bytes, this module's `VERSION`,
  pypdf's version, the OCR engine with its language models (`generator.ocr.Ocr.key`) and the
  two bounds, so a rebuild re-reads only new or changed PDFs;
* the SHA-256 of each PDF is remembered with what `stat` says of the file (`HASHES`), so a
  rebuild does not read every PDF to find its entry: a file whose size, times, inode or
  device differ, or that changed in the two seconds before it was hashed, is hashed again;
* only an outcome that reading the same bytes again would repeat is cached: text, encrypted,
  no text layer, damaged, or a hit of raad's own time or memory bound. A reader killed from
  outside (the OOM killer, a user) or crashing, or a file that could not be opened, is
  reported for this build and read again by the next;
* cache entries are written whole (`generator.killsafe.write_whole`), and one that is
  damaged anyway is read again, so a killed build never leaves a document without text;
* an encrypted PDF, a scan without a text layer (and no OCR) or a broken file gives a
  `PdfText` whose `status` says why, and the site still publishes the PDF itself.

Reading one document is `generator.pdf_reading`'s work.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.collector import making_long_lived
from generator.killsafe import TEMPORARY_SUFFIX, write_whole, writer_gone
from generator.ocr import NO_OCR, Ocr
from generator.pdf_model import Block, BlockKind, PdfText, TextStatus
from generator.pdf_pool import READER_NAME, Extend, Reading, read_all
from generator.pdf_reading import read_pdf

__all__ = ["READER_NAME", "Block", "BlockKind", "Extend", "ExtractionStats", "PdfText", "TextStatus", "extract_all", "read_pdf"]

VERSION = 4  # 2: crashes and kills from outside are no longer cached as broken; 3: properties; 4: structure, OCR
TIMEOUT_SECONDS = 60.0
MEMORY_BYTES = 1 << 30  # 1 GiB of address space per document
PROGRESS_AFTER = 20  # documents to extract before a progress bar is worth showing
HASHES = "content-hashes.memo"
"""The file in the cache folder that remembers each PDF's content hash (`_Hashes`)."""
HASHES_FORMAT = 1
RECENT_NANOSECONDS = 2_000_000_000
"""A file changed this shortly before it was hashed may change again within the same tick of
the file system's clock, leaving its `stat` as it was: its hash is not remembered."""


@dataclass
class ExtractionStats:
    documents: int = 0
    extracted: int = 0
    cached: int = 0
    failed: int = 0
    seconds: float = 0.0
    keys: dict[Path, str] = field(default_factory=dict)
    """The cache key (its content and how it was read) of each PDF whose text is the one the
    cache holds under it: read from the cache, or read now and cached. A reading not cached
    (a crashed reader's) has none: the next build reads the document again, and may get
    another text under the same key."""

    def summary(self) -> str:
        return (
            f"PDF text: {self.documents} documents, {self.extracted} extracted, {self.cached} from cache, "
            f"{self.failed} without text ({self.seconds:.2f} s)"
        )


def content_hash(path: Path) -> str:
    return _hash_file(path)[0]


_Stat = tuple[int, int, int, int, int]
"""What identifies a file's content as far as `stat` can tell: size, modification and change
times (nanoseconds), inode and device."""


def _stat_of(info: os.stat_result) -> _Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _hash_file(path: Path) -> tuple[str, _Stat | None]:
    """The SHA-256 of the file's bytes, and its `stat` if that was the same before and after
    reading it (None if the file changed while it was read)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        before = _stat_of(os.fstat(handle.fileno()))
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
        after = _stat_of(os.fstat(handle.fileno()))
    return digest.hexdigest(), (before if before == after else None)


class _Hashes:
    """Content hashes remembered across builds by each file's absolute path and `stat`.

    Any doubt reads the file again: another `stat`, a file changed shortly before it was
    hashed (`RECENT_NANOSECONDS`) or while it was, a damaged or unknown memo file. The memo
    keeps the files hashed by this extraction only, and is written whole."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / HASHES
        self.known = _read_hashes(self.path)
        self.kept: dict[str, list[Any]] = {}
        self.settled_before = time.time_ns() - RECENT_NANOSECONDS

    def of(self, path: Path) -> str:
        name = os.path.abspath(path)
        entry = self.known.get(name)
        if entry is not None:
            try:
                unchanged = tuple(entry[:5]) == _stat_of(os.stat(path))
            except OSError:
                unchanged = False
            if unchanged:
                self.kept[name] = entry
                return str(entry[5])
        digest, seen = _hash_file(path)
        if seen is not None and max(seen[1], seen[2]) < self.settled_before:
            self.kept[name] = [*seen, digest]
        return digest

    def save(self) -> None:
        if self.kept != self.known:
            write_whole(self.path, json.dumps({"format": HASHES_FORMAT, "files": self.kept}).encode("utf-8"))


def _read_hashes(path: Path) -> dict[str, list[Any]]:
    """The remembered hashes, or none when the memo is missing, damaged or of another format."""
    try:
        memo = json.loads(path.read_bytes())
        files = memo["files"] if memo["format"] == HASHES_FORMAT else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {name: entry for name, entry in files.items() if _well_formed(entry)}


def _well_formed(entry: Any) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and all(isinstance(value, int) for value in entry[:5])
        and isinstance(entry[5], str)
        and len(entry[5]) == 64
    )


def extract_all(
    paths: Iterable[Path],
    cache_dir: Path,
    workers: int | None = None,
    timeout: float = TIMEOUT_SECONDS,
    memory: int = MEMORY_BYTES,
    progress: bool | None = None,
    ocr: Ocr | None = None,
) -> tuple[dict[Path, PdfText], ExtractionStats]:
    """The text of every PDF in `paths`, from the cache where it has it; scanned pages are
    OCRed with `ocr` when it is available.

    Other extractions may use `cache_dir` at the same time (`raad check` takes no lock):
    entries are written whole, and only the temporary files of writers that have ended
    (a killed build) are removed here."""
    started = time.perf_counter()
    stats = ExtractionStats()
    results: dict[Path, PdfText] = {}
    todo: dict[str, list[Path]] = {}
    cache_dir.mkdir(parents=True, exist_ok=True)
    _remove_temporary_files(cache_dir)
    bounds = cache_key_bounds(timeout, memory, ocr.key if ocr else NO_OCR)
    hashes = _Hashes(cache_dir)
    with making_long_lived():  # the texts live as long as the build
        for path in paths:
            stats.documents += 1
            key = f"{hashes.of(path)}-{bounds}"
            cached = _read_cache(cache_dir / f"{key}.json")
            if cached is not None:
                results[path] = cached
                stats.keys[path] = key
                stats.cached += 1
            else:
                todo.setdefault(key, []).append(path)
    hashes.save()
    tick = _progress(len(todo), progress)

    def finished(key: str, reading: Reading) -> None:
        """Cache each outcome as it comes: a build killed half-way keeps what it read."""
        if reading.reproducible:
            write_whole(cache_dir / f"{key}.json", json.dumps(reading.text.to_json(), ensure_ascii=False).encode("utf-8"))
        for path in todo[key]:
            results[path] = reading.text
            if reading.reproducible:
                stats.keys[path] = key
            stats.extracted += 1
        tick()

    jobs = [(key, paths[0]) for key, paths in todo.items()]
    read_all(jobs, functools.partial(_read, ocr=ocr), workers or os.cpu_count() or 1, timeout, memory, finished)
    stats.failed = sum(1 for text in results.values() if not text.ok)
    stats.seconds = time.perf_counter() - started
    return results, stats


def _read(path: Path, extend: Extend, ocr: Ocr | None) -> PdfText:
    """`read_pdf` as it is when a reader runs it (a test may have replaced it)."""
    return read_pdf(path, ocr=ocr, extend=extend)


def cache_key_bounds(timeout: float, memory: int, ocr: str = NO_OCR) -> str:
    """The part of a cache key after the content hash: everything else that decides what
    reading a document gives (this module, pypdf, the OCR engine with its language models,
    and the bounds a reader runs under). Installing Tesseract changes it, so scans read
    without OCR are read again."""
    return f"v{VERSION}-pypdf{importlib.metadata.version('pypdf')}-{ocr}-{timeout:g}s-{memory}B"


def _remove_temporary_files(cache_dir: Path) -> None:
    """Cache entries a killed build was writing: `write_whole`'s `.<entry>.json.<pid>.tmp`.
    Not those of a writer still running: `raad check` fills the cache without the build's
    lock, and may do so while a build or `raad serve` runs."""
    for pattern in (f".*.json.*{TEMPORARY_SUFFIX}", f".{HASHES}.*{TEMPORARY_SUFFIX}"):
        for path in cache_dir.glob(pattern):
            if writer_gone(path):
                path.unlink(missing_ok=True)


def _read_cache(path: Path) -> PdfText | None:
    """A cache entry, or None when there is none or it is damaged: then the PDF is read again."""
    try:
        return PdfText.from_json(json.loads(path.read_bytes()))
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
