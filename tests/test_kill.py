"""Builds that lose nothing: `kill -9` at any moment leaves the published site as it was,
the PDF cache valid and nothing the next build trips over; a reader killed from outside is
not remembered as a broken document.

The builds here are real `python -m generator build` processes in a session of their own,
killed as a whole (`killpg`) at moments found by watching their processes and files. Two
moments too short to catch that way (half-way through writing the docs tree, just before
the swap) are made to last: the process runs the same command through `PAUSE`, which
replaces one function of raad by one that stops for good at that point. raad itself has
no hook for this.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wordprocessor import slow_pdf

from conftest import COUNCIL, REPO, SITE_CONFIG, TODAY, tree_bytes, write_tree
from generator import engine, pdftext
from generator.build import build
from generator.engine import clear_leftovers, scratch_folder
from generator.killsafe import exchange, one_build_at_a_time
from generator.ocr import find_ocr
from generator.pdftext import MEMORY_BYTES, READER_NAME, TIMEOUT_SECONDS, PdfText, TextStatus, cache_key_bounds, content_hash, extract_all

PDF = "councils/testheim/minutes/2026-03-01.pdf"
MINUTES_PAGE = "rad/testheim/referat/2026-03-01/index.html"
QUICK_PDF = "councils/testheim/minutes/2025-10-01.pdf"
SLOW = 30_000
"""Text operators in the minutes PDF: most of a second to read, long enough to catch its reader."""

PAUSE = """\
import importlib, os, sys, threading
from pathlib import Path

module_name, function_name, when, marker, *arguments = sys.argv[1:]
module = importlib.import_module(module_name)
original = getattr(module, function_name)


def pause():
    # Whole or not at all: the test reads the pid as soon as the marker exists.
    Path(marker + ".part").write_text(str(os.getpid()))
    os.replace(marker + ".part", marker)
    threading.Event().wait()


def paused(*args, **kwargs):
    if when == "before":
        pause()
    result = original(*args, **kwargs)
    if result:
        pause()
    return result


setattr(module, function_name, paused)
from generator.cli import main

main(args=arguments, prog_name="raad")
"""
"""`python -c PAUSE module function before|after marker raad-arguments...`: `raad` with
`module.function` stopping for good before its first call, or after its first call that
returned something true; the stopped process writes its pid into `marker` first."""


# --- processes, seen through /proc ---------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, ..."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rpartition(")")[2].split()


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _processes() -> Iterator[int]:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            yield int(entry.name)


def _children(pid: int) -> list[int]:
    return [child for child in _processes() if (fields := _stat(child)) is not None and fields[1] == str(pid) and fields[0] != "Z"]


def _command(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _group_members(group: int) -> list[int]:
    return [pid for pid in _processes() if (fields := _stat(pid)) is not None and fields[2] == str(group) and fields[0] != "Z"]


def _reader_of(build_pid: int) -> int | None:
    """A PDF reader of the build, by the name it takes (a child forked to run git has the
    build's command line too, for a moment)."""
    return next((child for child in _children(build_pid) if _name(child) == READER_NAME), None)


def _name(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/comm").read_bytes().strip()
    except OSError:
        return b""


def _indexer_of(build_pid: int) -> int | None:
    """Pagefind's indexer, a program the build runs while it writes the search index."""
    return next((child for child in _children(build_pid) if b"pagefind" in _command(child)), None)


def _wait_for(what: str, found: Callable[[], object], process: subprocess.Popen[bytes] | None = None, timeout: float = 120) -> object:
    """Poll until `found()` gives something true; fail if `process` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = found()
        if result:
            return result
        if process is not None and process.poll() is not None:
            pytest.fail(f"the build ended (exit {process.returncode}) before {what}")
        threading.Event().wait(0.002)  # not time.sleep, which fails under faketime (see test_serve)
    pytest.fail(f"waited {timeout} s in vain for {what}")


# --- a project and its builds ---------------------------------------------------------------


def _finish(process: subprocess.Popen[bytes], seconds: float) -> int:
    """`process.wait(timeout=...)`, without time.sleep (which fails under faketime): a
    watchdog kills a build that hangs, and the wait itself blocks in waitpid."""
    def stop() -> None:
        if process.poll() is None:
            process.kill()

    watchdog = threading.Timer(seconds, stop)
    watchdog.start()
    try:
        return process.wait()
    finally:
        watchdog.cancel()


class Builds:
    """One small project with a minutes PDF slow to read, built into `site`."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.root = write_tree(tmp_path / "project", {"site-config.yml": SITE_CONFIG, "councils/testheim/council.yml": COUNCIL})
        (self.root / PDF).parent.mkdir(parents=True)
        slow_pdf(self.root / PDF, SLOW)
        self.site = tmp_path / "site"
        self.cache = self.root / "build/.cache/pdftext"
        self.runs = 0
        self.marker = tmp_path / "paused"

    def arguments(self) -> list[str]:
        return ["build", str(self.root), "--out", str(self.site), "--today", TODAY.isoformat(), "--lang", "en"]

    def start(self, paused: tuple[str, str, str] | None = None) -> tuple[subprocess.Popen[bytes], Path]:
        """A build in a session of its own, optionally stopping for good at `paused`
        (module, function, before|after); returns it and the file its output goes to."""
        self.runs += 1
        log = self.tmp / f"build-{self.runs}.log"
        self.marker = self.tmp / f"paused-{self.runs}"
        command = [sys.executable, "-m", "generator", *self.arguments()]
        if paused is not None:
            command = [sys.executable, "-c", PAUSE, *paused, str(self.marker), *self.arguments()]
        with log.open("wb") as output:
            process = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        return process, log

    def run(self) -> str:
        process, log = self.start()
        assert _finish(process, 300) == 0, log.read_text()
        return log.read_text()

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the build and everything it started (its readers, Pagefind), and wait until all are gone."""
        os.killpg(process.pid, signal.SIGKILL)
        _finish(process, 60)
        _wait_for("the end of every process of the killed build", lambda: not _group_members(process.pid))

    def leftovers(self) -> list[str]:
        beside = [p.name for p in self.tmp.iterdir() if p.name.startswith(f".{self.site.name}.")]
        return sorted(beside + [p.name for p in self.cache.glob(".*")])

    def assert_cache_valid(self) -> None:
        for entry in self.cache.glob("*.json"):
            json.loads(entry.read_text(encoding="utf-8"))  # a cut-short entry would fail here


def _folders_trade_places(tmp_path: Path) -> bool:
    """Whether this system swaps two folders in one step (else the swap renames twice)."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    traded = exchange(a, b)
    a.rmdir()
    b.rmdir()
    return traded


def _pdf_text_shown(site: Path) -> bool:
    page = BeautifulSoup((site / MINUTES_PAGE).read_text(encoding="utf-8"), "html.parser")
    return page.select_one(".raad-pdf-text") is not None and page.select_one(".raad-notice--warning") is None


def test_builds_killed_at_any_moment_lose_nothing(tmp_path: Path) -> None:
    builds = Builds(tmp_path)

    # The old site: its build's PDF reader is killed from outside; the build goes on.
    process, log = builds.start()
    reader = _wait_for("a PDF reader", lambda: _reader_of(process.pid), process)
    assert isinstance(reader, int)
    os.kill(reader, signal.SIGKILL)
    assert _finish(process, 300) == 0, log.read_text()
    assert f"{PDF}: warning: the text could not be extracted: the reader was stopped by SIGKILL; the next build reads" in log.read_text()
    assert not _pdf_text_shown(builds.site)
    assert list(builds.cache.glob("*.json")) == [], "a reader killed from outside is not cached as a broken document"
    old = tree_bytes(builds.site)

    # A change that touches every page, and a second PDF, quick to read.
    council = builds.root / "councils/testheim/council.yml"
    council.write_text(COUNCIL.replace("Brukerråd ved Testheim", "Brukerråd ved Nyheim"), encoding="utf-8")
    quick = slow_pdf(builds.root / QUICK_PDF, 100)
    quick_entry = builds.cache / f"{content_hash(quick)}-{cache_key_bounds(pdftext.TIMEOUT_SECONDS, pdftext.MEMORY_BYTES, find_ocr('nb').key)}.json"

    def killed_when(what: str, moment: Callable[[subprocess.Popen[bytes]], object], paused: tuple[str, str, str] | None = None) -> None:
        process, _ = builds.start(paused)
        _wait_for(what, lambda: moment(process), process)
        builds.kill(process)
        assert tree_bytes(builds.site) == old, f"killed {what}: the old site changed"
        builds.assert_cache_valid()

    # 1. While the slow PDF is read (so the killed reader of the old site's build was not
    # cached), with the quick one read already: what was read is kept.
    killed_when("reading the PDF", lambda process: quick_entry.is_file() and _reader_of(process.pid))
    assert json.loads(quick_entry.read_text(encoding="utf-8"))["status"] == "ok"
    # 2. Half-way through the docs tree: one file written anew, the others not yet.
    killed_when("writing the docs tree", lambda _: builds.marker.is_file(), ("generator.docs_tree", "_write_if_changed", "after"))
    assert len(list(builds.cache.glob("*.json"))) == 2, "the slow PDF was read in full this time, and cached"
    # 3. While the engine renders into the scratch folder.
    scratch = scratch_folder(builds.site)
    killed_when("rendering", lambda process: scratch.is_dir() and not (scratch / "pagefind").exists() and not _indexer_of(process.pid))
    # 4. While Pagefind writes the search index.
    killed_when("indexing", lambda process: _indexer_of(process.pid))
    assert scratch.is_dir(), "a killed build leaves its scratch folder, for the next build to remove"
    # 5. With the new site complete in the scratch folder, just before it replaces the old one.
    killed_when("swapping", lambda _: builds.marker.is_file(), ("generator.engine", "_swap", "before"))
    assert (scratch / ".raad-build").is_file()
    assert (scratch / MINUTES_PAGE).is_file()
    if _folders_trade_places(tmp_path):
        # 6. Just after the swap, with the old site in the scratch folder, not yet removed:
        # the new site is published whole, and the next build, with nothing to render, removes the rest.
        process, _ = builds.start(("generator.engine", "exchange", "after"))
        _wait_for("the swap", lambda: builds.marker.is_file(), process)
        builds.kill(process)
        assert tree_bytes(scratch) == old
        assert _pdf_text_shown(builds.site)

    output = builds.run()
    assert "warning" not in output
    assert builds.leftovers() == [], "the next build removes what the killed ones left"
    new = tree_bytes(builds.site)
    assert {path for path in old if not path.startswith("pagefind/")} < set(new)
    assert {"pagefind/pagefind.js", "rad/testheim/referat/2025-10-01/index.html", ".raad-build"} < set(new)
    assert "Brukerråd ved Nyheim" in (builds.site / "rad/testheim/index.html").read_text(encoding="utf-8")
    assert _pdf_text_shown(builds.site), "the PDF whose reader was killed has its text now"


def test_a_reader_dies_with_its_build(tmp_path: Path) -> None:
    """Killed on its own (say by the OOM killer), a build takes its PDF readers with it:
    an orphaned reader would run on without anyone keeping its deadline."""
    builds = Builds(tmp_path)
    process, _ = builds.start(("generator.pdftext", "read_pdf", "before"))  # the reader stops for good
    _wait_for("a reader", lambda: builds.marker.is_file(), process)
    reader = int(builds.marker.read_text())
    assert _alive(reader)
    process.kill()  # the build alone, not its process group
    _finish(process, 60)
    try:
        _wait_for("the reader's end", lambda: not _alive(reader))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


# --- the PDF cache: only what the document itself decides -------------------------------------


def _stop_by(how: str) -> Callable[..., PdfText]:
    def read(path: Path, **_: object) -> PdfText:
        if how == "exit":
            os._exit(3)
        faulthandler.disable()  # pytest's would print the reader's stack on SIGSEGV
        os.kill(os.getpid(), getattr(signal, how))
        raise AssertionError("still running after " + how)

    return read


@pytest.mark.parametrize(
    ("how", "ending"), [("SIGKILL", "was stopped by SIGKILL"), ("SIGSEGV", "was stopped by SIGSEGV"), ("exit", "exited (3) without a result")]
)
def test_a_reader_killed_from_outside_or_crashing_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str, ending: str
) -> None:
    pdf = slow_pdf(tmp_path / "minutes.pdf", 1000)
    cache = tmp_path / "cache"
    monkeypatch.setattr(pdftext, "read_pdf", _stop_by(how))  # the forked reader inherits it
    texts, stats = extract_all([pdf], cache, progress=False)
    assert texts[pdf].status is TextStatus.BROKEN
    assert texts[pdf].detail == f"the reader {ending}; the next build reads the document again"
    assert stats.failed == 1
    assert list(cache.iterdir()) == [], "not cached: the document is not to blame"
    monkeypatch.undo()
    texts, stats = extract_all([pdf], cache, progress=False)
    assert texts[pdf].ok
    assert (stats.extracted, stats.cached) == (1, 0)
    assert len(list(cache.glob("*.json"))) == 1


def test_raads_own_deadline_is_cached_under_the_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = slow_pdf(tmp_path / "minutes.pdf", SLOW)
    cache = tmp_path / "cache"
    texts, _ = extract_all([pdf], cache, timeout=0.05, progress=False)
    assert texts[pdf].status is TextStatus.TIMEOUT
    [entry] = cache.glob("*.json")
    assert entry.name == f"{pdftext.content_hash(pdf)}-{cache_key_bounds(0.05, pdftext.MEMORY_BYTES)}.json"
    assert "-0.05s-" in entry.name
    assert f"-{pdftext.MEMORY_BYTES}B" in entry.name

    def no_reading(path: Path, **_: object) -> PdfText:
        raise AssertionError(f"{path} was read again")

    with monkeypatch.context() as patched:
        patched.setattr(pdftext, "read_pdf", no_reading)
        again, stats = extract_all([pdf], cache, timeout=0.05, progress=False)
    assert again[pdf].status is TextStatus.TIMEOUT
    assert stats.cached == 1
    longer, stats = extract_all([pdf], cache, timeout=60, progress=False)
    assert stats.extracted == 1, "another deadline reads the document again"
    assert longer[pdf].ok


def test_a_damaged_cache_entry_is_read_again_and_replaced(tmp_path: Path) -> None:
    pdf = slow_pdf(tmp_path / "minutes.pdf", 1000)
    cache = tmp_path / "cache"
    extract_all([pdf], cache, progress=False)
    [entry] = cache.glob("*.json")
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2])  # what writing in place left when killed
    unfinished = cache / f".{entry.name}.{_ended_pid()}.tmp"  # what writing whole leaves when killed
    unfinished.write_bytes(whole[:10])
    texts, stats = extract_all([pdf], cache, progress=False)
    assert texts[pdf].ok
    assert stats.extracted == 1
    assert entry.read_bytes() == whole
    assert sorted(p.name for p in cache.iterdir() if p.name != pdftext.HASHES) == [entry.name]


def _ended_pid() -> int:
    writer = subprocess.Popen([sys.executable, "-c", ""])
    writer.wait()
    return writer.pid


def test_the_cache_entry_another_reader_is_writing_stays(tmp_path: Path) -> None:
    """`raad check` fills the cache without the build's lock: a build that removed the
    temporary file of a check still writing it would make the check's rename fail."""
    pdf = slow_pdf(tmp_path / "minutes.pdf", 10)
    cache = tmp_path / "cache"
    cache.mkdir()
    writing = cache / f".{content_hash(pdf)}-{cache_key_bounds(TIMEOUT_SECONDS, MEMORY_BYTES)}.json.{os.getppid()}.tmp"
    writing.write_bytes(b"{")
    texts, _ = extract_all([pdf], cache, progress=False)
    assert texts[pdf].ok
    assert writing.read_bytes() == b"{"


# --- the site: leftovers beside it, and one build at a time --------------------------------------


def _folder(path: Path, text: str) -> Path:
    write_tree(path, {"index.html": text})
    return path


def test_an_unfinished_swap_gives_the_old_site_back(tmp_path: Path) -> None:
    """Where folders cannot trade places in one step, a kill between the two renames leaves
    no site at all, only `.site.old`: the next build puts it back."""
    site = tmp_path / "site"
    _folder(tmp_path / ".site.old", "old")
    _folder(scratch_folder(site), "new")
    clear_leftovers(site)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    _folder(tmp_path / ".site.old", "older")  # killed after the second rename: the new site stays
    clear_leftovers(site)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_without_an_exchange_of_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, new = _folder(tmp_path / "site", "old"), _folder(tmp_path / "new", "new")
    monkeypatch.setattr(engine, "exchange", lambda a, b: False)
    engine._swap(new, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_second_build_at_once_changes_nothing(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "project", {"site-config.yml": SITE_CONFIG, "councils/testheim/council.yml": COUNCIL})
    site = _folder(tmp_path / "site", "old")
    with one_build_at_a_time(root / "build"):  # another build, still running
        result = build(root, site, TODAY)
    assert not result.ok
    assert [p.format() for p in result.problems] == [
        f"{root / 'build'}: another raad build is using {root / 'build'} (it holds {root / 'build/.lock'}); try again when it has finished"
    ]
    assert tree_bytes(site) == {"index.html": b"old"}
    assert build(root, site, TODAY).ok, "the lock is released with the build that held it"
