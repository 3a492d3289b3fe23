"""The minutes archive: word-processor PDFs and their text, drafts, decisions, archives.

What the PDF cache saves on a rebuild is reported by the benchmark (`make bench`), not
asserted here as a share of wall time."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from wordprocessor import PAGE_3_SENTENCE, convert, encrypted, odt, retitled, scanned, slow_pdf, truncated

from conftest import CheckResult, attr, copy_example, one, run_build, run_check, write_tree
from generator import pdftext
from generator.ocr import Ocr
from generator.pdftext import PdfText, TextStatus, extract_all, read_pdf
from generator.site import decision_anchor

MINUTES = "councils/nav-eksempel/minutes"


@pytest.fixture(scope="module")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("word")
    made = convert(
        {
            "multipage": odt(
                [
                    [("Sak 1/26 Budsjett", "Enhetslederen la fram budsjettet. Rådet ba om at aktivitetsmidlene skjermes.")],
                    [("Sak 2/26 Bemanning", "Rådet drøftet bemanningen i helgene og ba om en plan før sommeren.")],
                    [("Sak 3/26 Informasjon", PAGE_3_SENTENCE)],
                ]
            ),
            "short": odt([[("Sak 4/26 Eventuelt", "Ingen saker under eventuelt.")]]),
        },
        folder,
    )
    made["encrypted"] = encrypted(made["short"], folder / "encrypted.pdf")
    made["truncated"] = truncated(made["multipage"], folder / "truncated.pdf")
    made["scanned"] = scanned(folder / "scanned.pdf")
    return made


@pytest.fixture(scope="module")
def archive_site(tmp_path_factory: pytest.TempPathFactory, word_pdfs: dict[str, Path]) -> tuple[Path, Path, str]:
    """The example project with the four kinds of PDF added to one council, built once."""
    root = copy_example(tmp_path_factory.mktemp("archive") / "project")
    for date, name in (("2026-01-15", "multipage"), ("2026-02-12", "encrypted"), ("2026-03-12", "scanned"), ("2026-04-16", "truncated")):
        (root / MINUTES).mkdir(parents=True, exist_ok=True)
        (root / MINUTES / f"{date}.pdf").write_bytes(word_pdfs[name].read_bytes())
    out = root / "site"
    result = build_without_ocr(root, out)
    assert result.exit_code == 0, result.output
    return root, out, result.output


def build_without_ocr(root: Path, out: Path) -> CheckResult:
    """The build on a machine without Tesseract: the scans stay unread (tests/test_ocr.py
    has them read)."""
    with mock.patch("generator.build.find_ocr", return_value=Ocr(False)):
        return run_build(root, out)


def soup_of(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_word_processor_pdf_has_three_pages_and_text(word_pdfs: dict[str, Path]) -> None:
    text = read_pdf(word_pdfs["multipage"])
    assert text.status == "ok"
    assert text.pages == 3
    assert [b.page for b in text.blocks if PAGE_3_SENTENCE[:30] in b.text] == [3]
    assert ("heading", "Sak 2/26 Bemanning") in [(b.kind, b.text) for b in text.blocks]


def test_page_3_sentence_is_on_the_html_page(archive_site: tuple[Path, Path, str]) -> None:
    _, out, _ = archive_site
    soup = soup_of(out, "rad/nav-eksempel/referat/2026-01-15")
    article = one(soup, "article")
    assert PAGE_3_SENTENCE in " ".join(article.get_text(" ", strip=True).split())  # as a browser shows it
    assert "tekstversjon av PDF-dokumentet" in article.get_text()
    assert [h.get_text() for h in article.select(".raad-pdf-text h2")] == [
        "Sak 1/26 Budsjett",
        "Sak 2/26 Bemanning",
        "Sak 3/26 Informasjon",
    ]
    paragraph = one(article, "#side-3").find_next("p")
    assert paragraph is not None
    assert PAGE_3_SENTENCE in " ".join(paragraph.get_text().split())
    download = one(article, 'a[type="application/pdf"]')
    assert re.search(r"\(PDF, \d+ kB, 3 sider\)$", download.get_text())
    assert (out / "rad/nav-eksempel/referat/2026-01-15.pdf").is_file()


@pytest.mark.parametrize(
    ("date", "reason", "detail"),
    [
        ("2026-02-12", "dokumentet er passordbeskyttet", "protected by a password"),
        ("2026-03-12", "dokumentet ikke har et tekstlag", "no text layer"),
        ("2026-04-16", "filen er skadet", "damaged"),
    ],
)
def test_bad_pdfs_are_published_with_a_reason_and_a_warning(
    archive_site: tuple[Path, Path, str], date: str, reason: str, detail: str
) -> None:
    _, out, output = archive_site
    article = one(soup_of(out, f"rad/nav-eksempel/referat/{date}"), "article")
    notice = one(article, ".raad-notice--warning").get_text()
    assert f"Teksten i PDF-dokumentet kunne ikke hentes ut fordi {reason}" in notice
    assert attr(one(article, 'a[type="application/pdf"]'), "href") == f"../{date}.pdf"
    assert (out / f"rad/nav-eksempel/referat/{date}.pdf").is_file()
    warning = next(line for line in output.splitlines() if line.startswith(f"{MINUTES}/{date}.pdf: warning:"))
    assert detail in warning


def test_rebuild_extracts_nothing(archive_site: tuple[Path, Path, str]) -> None:
    root, out, first = archive_site
    assert "PDF text: 9 documents, 9 extracted, 0 from cache" in first
    again = build_without_ocr(root, out)
    assert again.exit_code == 0
    assert "PDF text: 9 documents, 0 extracted, 9 from cache" in again.output


def test_a_warm_cache_reads_no_pdf(tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    pdfs = [retitled(word_pdfs["multipage"] if n % 2 else word_pdfs["short"], tmp_path / f"{n:02d}.pdf", f"Referat {n}") for n in range(6)]
    cold, cold_stats = extract_all(pdfs, tmp_path / "cache", progress=False)

    def no_reading(path: Path, **_: object) -> PdfText:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(pdftext, "read_pdf", no_reading)
    warm, warm_stats = extract_all(pdfs, tmp_path / "cache", progress=False)
    assert cold_stats.extracted == 6
    assert warm_stats.cached == 6
    assert warm_stats.extracted == 0
    assert warm == cold


def _hashing_fails(path: Path) -> tuple[str, None]:
    raise AssertionError(f"{path} was hashed again")


def test_a_warm_cache_does_not_read_unchanged_pdfs_to_find_their_entries(
    tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild finds each PDF's entry by the hash remembered with what `stat` says of it."""
    monkeypatch.setattr(pdftext, "RECENT_NANOSECONDS", -(1 << 62))  # trust a file however recently it changed
    pdfs = [retitled(word_pdfs["short"], tmp_path / f"{n}.pdf", f"Referat {n}") for n in range(3)]
    cold, _ = extract_all(pdfs, tmp_path / "cache", progress=False)
    monkeypatch.setattr(pdftext, "_hash_file", _hashing_fails)
    warm, stats = extract_all(pdfs, tmp_path / "cache", progress=False)
    assert (stats.cached, stats.extracted) == (3, 0)
    assert warm == cold


def test_a_pdf_written_over_in_place_to_the_same_size_is_read_again(
    tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdftext, "RECENT_NANOSECONDS", -(1 << 62))  # only what `stat` says decides
    first = retitled(word_pdfs["short"], tmp_path / "a.pdf", "Referat A")
    second = retitled(word_pdfs["short"], tmp_path / "b.pdf", "Referat B")
    assert first.stat().st_size == second.stat().st_size
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(first.read_bytes())
    texts, _ = extract_all([pdf], tmp_path / "cache", progress=False)
    assert texts[pdf].properties["Title"] == "Referat A"
    before = pdf.stat()
    with pdf.open("r+b") as handle:  # the same file (inode), other bytes, the same size
        handle.write(second.read_bytes())
    os.utime(pdf, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert pdf.stat().st_ino == before.st_ino
    assert pdf.stat().st_size == before.st_size
    texts, stats = extract_all([pdf], tmp_path / "cache", progress=False)
    assert stats.extracted == 1
    assert texts[pdf].properties["Title"] == "Referat B"


def test_the_hash_of_a_recently_changed_pdf_is_not_remembered(
    tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file may change again within one tick of the file system's clock, leaving its `stat`
    as it was: a file changed shortly before it was hashed is hashed again next time."""
    monkeypatch.setattr(pdftext, "RECENT_NANOSECONDS", 1 << 62)  # every file changed just now
    pdf = retitled(word_pdfs["short"], tmp_path / "minutes.pdf", "Referat")
    extract_all([pdf], tmp_path / "cache", progress=False)
    monkeypatch.setattr(pdftext, "_hash_file", _hashing_fails)
    with pytest.raises(AssertionError, match="was hashed again"):
        extract_all([pdf], tmp_path / "cache", progress=False)


def test_a_damaged_hash_memo_is_ignored(tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdftext, "RECENT_NANOSECONDS", -(1 << 62))
    pdf = retitled(word_pdfs["short"], tmp_path / "minutes.pdf", "Referat")
    cache = tmp_path / "cache"
    cold, _ = extract_all([pdf], cache, progress=False)
    memo = cache / pdftext.HASHES
    for damaged in (memo.read_bytes()[:20], b'{"format": 1, "files": {"%s": [1, 2, 3, 4, 5, "x"]}}' % str(pdf).encode(), b"[]"):
        memo.write_bytes(damaged)
        again, stats = extract_all([pdf], cache, progress=False)
        assert (stats.cached, again) == (1, cold)
        assert json.loads(memo.read_bytes())["files"][str(pdf)][5] == pdftext.content_hash(pdf)


def test_a_document_that_takes_too_long_is_stopped(tmp_path: Path) -> None:
    slow = slow_pdf(tmp_path / "slow.pdf")
    texts, stats = extract_all([slow], tmp_path / "cache", timeout=0.5, progress=False)
    assert texts[slow].status is TextStatus.TIMEOUT
    assert texts[slow].detail == "reading took longer than 0.5 seconds"
    assert stats.failed == 1


def test_a_document_that_needs_too_much_memory_is_stopped(tmp_path: Path) -> None:
    big = slow_pdf(tmp_path / "big.pdf")
    texts, _ = extract_all([big], tmp_path / "cache", memory=64 << 20, timeout=60, progress=False)
    assert texts[big].status == "broken"
    assert "memory" in texts[big].detail
    entries = [path.name for path in (tmp_path / "cache").glob("*.json")]
    assert len(entries) == 1, "raad's own memory bound is the document's outcome: cached"
    assert entries[0].endswith(f"-60s-{64 << 20}B.json"), "under the bounds, so other bounds read it again"


WORKERS = 3


def test_extraction_uses_several_workers(tmp_path: Path, word_pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each forked reader says it started, then waits for the others: only readers that run at
    the same time all see three starts. A serial extractor gets one at a time, each giving up."""
    started = tmp_path / "started"
    started.mkdir()
    real_read = pdftext.read_pdf

    def read_together(path: Path, **options: object) -> PdfText:
        (started / path.name).touch()
        deadline = time.monotonic() + 20  # generous: the others only need to fork
        while len(list(started.iterdir())) < WORKERS and time.monotonic() < deadline:
            threading.Event().wait(0.02)  # not time.sleep, which fails under faketime (see test_serve)
        seen = len(list(started.iterdir()))
        if seen < WORKERS:
            return PdfText(TextStatus.BROKEN, detail=f"ran alone: saw {seen} of {WORKERS} readers start")
        return real_read(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pdftext, "read_pdf", read_together)  # the forked children inherit the patch
    pdfs = [retitled(word_pdfs["short"], tmp_path / f"{n}.pdf", f"R{n}") for n in range(WORKERS)]
    texts, stats = extract_all(pdfs, tmp_path / "cache", workers=WORKERS, timeout=60, progress=False)
    assert {path.name: text.detail for path, text in texts.items() if not text.ok} == {}
    assert stats.extracted == WORKERS


# --- drafts, decisions, agenda, archives ---------------------------------------------------


def test_drafts_are_not_published_unless_configured(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    assert run_build(root, out).exit_code == 0
    draft = out / "rad/eksempelhaugen-helsehus/referat/2026-11-18"
    assert not draft.exists()
    assert "Julemarkedet" not in "".join(p.read_text(encoding="utf-8", errors="ignore") for p in out.rglob("*.json"))
    config = root / "site-config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("example_data: true", "example_data: true\npublish_drafts: true"), encoding="utf-8"
    )
    assert run_build(root, out).exit_code == 0
    assert "Utkast, ikke godkjent" in (draft / "index.html").read_text(encoding="utf-8")


def test_decision_log_shows_every_status_in_the_example(example_site: Path) -> None:
    out_root = example_site
    statuses = set()
    for council in (out_root / "rad").iterdir():
        soup = soup_of(out_root, f"rad/{council.name}")
        statuses |= {span["class"][1] for span in soup.select(".raad-status")}
    assert statuses == {f"raad-status--{s}" for s in ("pending", "followed", "partly_followed", "not_followed")}
    heim = one(soup_of(out_root, "rad/hjemmetjenesten-sone-eksempel-nord"), "article")
    row = next(tr for tr in heim.select("tr") if "2/26" in tr.get_text())
    assert "Ikke fulgt" in row.get_text()
    assert "Fagsystemet kan ikke sende SMS" in row.get_text()


def test_decisions_awaiting_follow_up_oldest_first(example_site: Path) -> None:
    out_root = example_site
    soup = soup_of(out_root, "vedtak")
    cases = [one(tr, "th").get_text(strip=True) for tr in soup.select("article tbody tr")]
    assert cases == ["4/26", "7/26"]
    dates = [attr(one(tr, "time"), "datetime") for tr in soup.select("article tbody tr")]
    assert dates == sorted(dates)


def test_agenda_and_attendance_are_shown(example_site: Path) -> None:
    out_root = example_site
    article = one(soup_of(out_root, "rad/eksempelheim-helse-og-velferdssenter/referat/2026-04-14"), "article")
    facts = one(article, "dl.raad-facts").get_text(" ", strip=True)
    assert "Til stede Kari Nordmann, Ola Nordmann, Hanne Fiktiv" in facts
    assert "Forfall Ingrid Eksempel" in facts
    assert "Godkjent 9. juni 2026" in facts
    agenda = soup_of(out_root, "rad/eksempelheim-helse-og-velferdssenter/referat/2026-02-10").select("ol.raad-agenda li")
    assert [li.get_text() for li in agenda] == ["Budsjett for 2026", "Møteplan for våren"]


def test_archive_counts_by_year_and_sector(example_site: Path) -> None:
    out_root = example_site
    soup = soup_of(out_root, "referater")
    rows = {
        one(tr, "th").get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")] for tr in soup.select("article tbody tr")
    }
    assert rows["2021"][-1] == "3"  # the committee of seed 003, historical, keeps its archive
    assert rows["2026"][0] == "5"  # helse- og velferdssentre: four in Eksempelheim, one in Eksempelhaugen (the draft is not counted)
    year = soup_of(out_root, "referater/2021")
    titles = [a.get_text() for a in year.select("#botiltak-og-dagtilbud + ul a")]
    assert len(titles) == 3
    assert all(t.startswith("Møtereferat fra brukerutvalget") for t in titles)
    council = soup_of(out_root, "rad/eksempelheim-helse-og-velferdssenter")
    assert one(council, "#referater-2026").get_text(" ", strip=True) == "2026 (4 referater)"


# --- raad check on decisions and approval ---------------------------------------------------

FRONT = "councils/testheim/minutes/2026-03-01.md"


def test_not_followed_without_justification_is_an_error(project: Path) -> None:
    write_tree(
        project,
        {
            FRONT: "---\ndecisions:\n  - id: 1/26\n    advice: Mer personale i helgene.\n    follow_up: {status: not_followed, date: 2026-04-01}\n---\nTekst\n"
        },
    )
    result = run_check(project)
    assert result.exit_code == 1
    assert result.problems == [
        f"{FRONT}:5: decisions[0].follow_up.justification: advice that is not followed must be justified (guideline 4): add justification"
    ]


def test_follow_up_needs_a_date(project: Path) -> None:
    write_tree(project, {FRONT: "---\ndecisions:\n  - id: 1/26\n    advice: Mer personale.\n    follow_up:\n      status: followed\n---\n"})
    assert run_check(project).problems == [
        f"{FRONT}:6: decisions[0].follow_up.date: say when the unit manager reported back (followed): add date"
    ]


def test_duplicate_decision_id_and_unknown_status(project: Path) -> None:
    write_tree(
        project,
        {
            FRONT: "---\ndecisions:\n  - {id: 1/26, advice: A}\n---\n",
            "councils/testheim/minutes/2026-05-01.md": "---\ndecisions:\n  - {id: 1/26, advice: B, follow_up: {status: ignored}}\n---\n",
        },
    )
    problems = run_check(project).problems
    assert problems == [
        "councils/testheim/minutes/2026-05-01.md:3: decisions[0].follow_up.status: expected one of pending, followed, partly_followed, not_followed but got 'ignored'"
    ]
    write_tree(project, {"councils/testheim/minutes/2026-05-01.md": "---\ndecisions:\n  - {id: 1/26, advice: B}\n---\n"})
    assert run_check(project).problems == [
        "councils/testheim/minutes/2026-03-01.md:3: decisions[0].id: decision '1/26' is also in councils/testheim/minutes/2026-05-01.md"
    ]


def test_two_ids_that_give_one_page_address_are_an_error(project: Path) -> None:
    """`1/26` and `1-26` would both be the page vedtak-1-26/: one decision would vanish."""
    write_tree(
        project,
        {
            FRONT: "---\ndecisions:\n  - {id: 1/26, advice: A}\n---\n",
            "councils/testheim/minutes/2026-05-01.md": '---\ndecisions:\n  - {id: "1-26", advice: B}\n---\n',
        },
    )
    assert run_check(project).problems == [
        "councils/testheim/minutes/2026-03-01.md:3: decisions[0].id: decision '1/26' gets the same page address as '1-26' in "
        "councils/testheim/minutes/2026-05-01.md; write the case numbers alike"
    ]


def test_a_long_decision_id_gets_a_short_address_of_its_own() -> None:
    """A page's folder name may not pass 255 bytes: a 300-character id crashed the build."""
    assert decision_anchor("3/26") == "vedtak-3-26"
    long_a, long_b = "Sak om " + "bemanning " * 30 + "A", "Sak om " + "bemanning " * 30 + "B"
    assert len(decision_anchor(long_a)) < 60
    assert decision_anchor(long_a) != decision_anchor(long_b)
    assert decision_anchor(long_a).startswith("vedtak-sak-om-bemanning-")


def test_approved_before_the_meeting_is_an_error(project: Path) -> None:
    write_tree(project, {FRONT: "---\napproved: 2026-02-01\n---\n"})
    assert run_check(project).problems == [f"{FRONT}:2: approved: approved 2026-02-01, before the meeting on 2026-03-01"]


def test_sidecar_decisions_are_checked_with_their_line(project: Path, word_pdfs: dict[str, Path]) -> None:
    write_tree(
        project,
        {
            "councils/testheim/minutes/2026-03-01.pdf": word_pdfs["short"].read_bytes(),
            "councils/testheim/minutes/2026-03-01.yml": "title: Referat\ndecisions:\n  - id: 2/26\n    advice: Lengre besøkstid.\n    follow_up: {status: not_followed, date: 2026-04-02}\n",
        },
    )
    assert run_check(project).problems == [
        "councils/testheim/minutes/2026-03-01.yml:5: decisions[0].follow_up.justification: advice that is not followed must be justified (guideline 4): add justification"
    ]
