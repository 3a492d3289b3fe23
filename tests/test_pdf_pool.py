"""The reader pool of PDF text extraction: long-lived readers, each document still bounded.

Readers are forked once and take many documents (a fork and a pypdf import per document
cost more than reading most of them); a document that runs over its deadline or out of
memory costs only its own reader, which is replaced. How much faster this is, in pages per
second, is reported by the benchmark (`make bench`), not asserted here."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path

import pytest
from wordprocessor import convert, odt, retitled, slow_pdf

from generator import pdftext
from generator.pdf_pool import _gave, _Reader
from generator.pdftext import PdfText, TextStatus, extract_all


@pytest.fixture(scope="module")
def short_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pool")
    return convert({"short": odt([[("Sak 4/26 Eventuelt", "Ingen saker under eventuelt.")]])}, folder)["short"]


def copies(source: Path, folder: Path, count: int) -> list[Path]:
    """`count` documents with other bytes (so other cache entries) and the same text."""
    folder.mkdir(parents=True, exist_ok=True)
    return [retitled(source, folder / f"{n}.pdf", f"Referat {n}") for n in range(count)]


def test_readers_take_many_documents_each(tmp_path: Path, short_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve documents on two readers: every one read, by no more than two processes."""
    readers = tmp_path / "readers"
    readers.mkdir()
    real_read = pdftext.read_pdf

    def read_noting_reader(path: Path, **options: object) -> PdfText:
        (readers / str(os.getpid())).touch()
        return real_read(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pdftext, "read_pdf", read_noting_reader)  # the forked readers inherit the patch
    pdfs = copies(short_pdf, tmp_path / "pdfs", 12)
    texts, stats = extract_all(pdfs, tmp_path / "cache", workers=2, progress=False)
    assert stats.extracted == 12
    assert all("Ingen saker under eventuelt." in " ".join(b.text for b in texts[p].blocks) for p in pdfs)
    assert 1 <= len(list(readers.iterdir())) <= 2, "a reader was forked per document"


def test_a_reader_that_overruns_is_replaced_and_the_rest_are_read(tmp_path: Path, short_pdf: Path) -> None:
    """One reader only: the slow document is stopped at its deadline, and the documents
    queued after it are still read, by a new reader."""
    slow = slow_pdf(tmp_path / "slow.pdf")
    quick = copies(short_pdf, tmp_path / "pdfs", 3)
    texts, stats = extract_all([slow, *quick], tmp_path / "cache", workers=1, timeout=0.5, progress=False)
    assert texts[slow].status is TextStatus.TIMEOUT
    assert [texts[p].status for p in quick] == [TextStatus.OK] * 3
    assert stats.failed == 1


def test_a_reader_out_of_memory_is_replaced_and_the_rest_are_read(tmp_path: Path, short_pdf: Path) -> None:
    big = slow_pdf(tmp_path / "big.pdf")
    quick = copies(short_pdf, tmp_path / "pdfs", 3)
    texts, _ = extract_all([big, *quick], tmp_path / "cache", workers=1, memory=64 << 20, timeout=60, progress=False)
    assert texts[big].status is TextStatus.BROKEN
    assert "memory" in texts[big].detail
    assert [texts[p].status for p in quick] == [TextStatus.OK] * 3


def test_the_memory_bound_is_per_document_not_the_whole_build(tmp_path: Path, short_pdf: Path) -> None:
    """The bound counts from what a reader holds when it starts (it is forked from a build
    that may hold a large project): a 64 MiB bound still reads an ordinary document."""
    pdfs = copies(short_pdf, tmp_path / "pdfs", 2)
    texts, _ = extract_all(pdfs, tmp_path / "cache", workers=1, memory=64 << 20, progress=False)
    assert [texts[p].status for p in pdfs] == [TextStatus.OK] * 2


def test_a_reader_may_ask_for_more_time_before_long_work(tmp_path: Path, short_pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work whose length is known in advance (OCR of n pages) extends the deadline; a reader
    that asks for nothing is still stopped at it."""
    real_read = pdftext.read_pdf

    def read_slowly(path: Path, extend: pdftext.Extend | None = None, **options: object) -> PdfText:
        if path.name.startswith("extended") and extend is not None:
            extend(30.0)
        threading.Event().wait(1.5)  # not time.sleep, which fails under faketime (see test_serve)
        return real_read(path, extend=extend, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pdftext, "read_pdf", read_slowly)
    extended = retitled(short_pdf, tmp_path / "extended.pdf", "Lang")
    plain = retitled(short_pdf, tmp_path / "plain.pdf", "Kort")
    texts, _ = extract_all([extended, plain], tmp_path / "cache", workers=2, timeout=0.5, progress=False)
    assert texts[extended].status is TextStatus.OK
    assert texts[plain].status is TextStatus.TIMEOUT


_INTERRUPTED = """
import signal, sys
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)  # a shell's background job ignores it
sys.path.insert(0, "tests")
from wordprocessor import slow_pdf
from generator.pdftext import extract_all
folder = Path(sys.argv[1])
pdfs = [slow_pdf(folder / f"{n}.pdf", 400_000 + n) for n in range(4)]
print("reading", flush=True)
try:
    extract_all(pdfs, folder / "cache", workers=2, progress=False)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


def test_ctrl_c_stops_the_build_and_its_readers_quietly(tmp_path: Path) -> None:
    """Ctrl+C reaches every process of the terminal's group: the build stops its readers,
    and they do not each print a traceback of where pypdf was."""
    build = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert build.stdout is not None
    assert build.stdout.readline() == "reading\n"
    threading.Event().wait(1.5)  # the readers are busy with the slow documents
    readers = _readers_of(build.pid)
    for reader in readers:  # the first Ctrl+C may reach a reader before the build
        os.kill(reader, signal.SIGINT)
    threading.Event().wait(0.5)
    assert all(_running(pid) for pid in readers), "a reader died of Ctrl+C on its own"
    os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=60)
    assert "interrupted" in out
    assert readers, "no reader was running"
    assert "Traceback" not in err
    assert not [pid for pid in readers if _running(pid)]


def _readers_of(parent: int) -> list[int]:
    children = Path(f"/proc/{parent}/task/{parent}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def _running(pid: int) -> bool:
    """Whether process `pid` runs (not ended, nor a zombie waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_a_reader_killed_while_idle_hands_its_next_document_on(tmp_path: Path) -> None:
    """A reader killed from outside between two documents (after the pool found it alive):
    giving it the next document fails, and the document waits for a new reader."""
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe(duplex=True)
    process = context.Process(target=theirs.close)  # a reader that is gone at once
    process.start()
    theirs.close()
    process.join()
    reader = _Reader(process, ours, key="read-before")
    queue = deque([("next", tmp_path / "next.pdf")])
    outcomes: list[str] = []
    assert not _gave(reader, queue, 60.0, lambda key, reading: outcomes.append(key))
    assert list(queue) == [("next", tmp_path / "next.pdf")]
    assert outcomes == []
