"""Search quality: formula debris in a PDF is shown on its page but kept out of the index.

Pagefind answers a term that no indexed word starts with by the longest indexed word the term
starts with (see `generator.pdf_debris`). A page of formulas once put most of the alphabet
into the index as one-letter words, so that "xqzvoplk" found it through "x", "brummelfjas"
through "b". The minutes here are LibreOffice documents: one page with a normal paragraph
and lines of formula debris, one sentence interrupted by formulas.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect
from wordprocessor import convert, odt, odt_lines

from conftest import copy_example, one, require_chromium, run_build, serving
from generator.pdf_debris import formula_runs, is_debris, mark_debris
from generator.pdf_model import Block
from generator.pdftext import read_pdf
from generator.render import render_blocks

MINUTES = "councils/nav-eksempel/minutes"
FORMULA_DATE, MIXED_DATE = "2026-01-15", "2026-02-12"
NORMAL = "Brukerrådet gikk gjennom tilskuddsordningen for dagaktivitet og ba om en oversikt over ventelistene."
DEBRIS = ["x = a + b", "f ( x ) = 2 x − 3", "Σ i = 1 n", "a b c d e", "p q r s", "y = k x + m", "d y / d x = 2 x", "g h j k l", "v w z"]
MIXED = [
    "Tilskuddet til dagaktivitet beregnes etter formelen",
    "T = 500 × n + 2000",
    "der n er antall brukere, og veksten følger",
    "f ( x ) = 2 x − 3",
    "slik brukerrådet ble orientert om i møtet i mars.",
]
NONSENSE = ["xqzvoplk", "brummelfjas", "qqqqq", "fjzzk", "gdxqw"]
"""Words nobody wrote, each starting with a letter that only the debris has as a word."""

REAL_LINES = [
    "Ja, det er vi.",
    "Ok.",
    "Til stede: Kari N., Ola H., Per O., Åse B.",
    "Referent: KN",
    "KN, OH, PO, ÅB",
    "12.03.2024 15.04.2024 kl. 18.00",
    "Neste møte: 15.03.2026 kl. 18:00–20:00",
    "Sak 12/24 Sak 13/24 Sak 14/24",
    "12/24, 13/24, 14/24",
    "Alternativ A og B ble vurdert mot C",
    "Vedlegg A",
    "For 5 Mot 2",
    "Tlf. 22 33 44 55",
    "Fv. 17 / Rv. 9",
    "E6 / E39",
    "Q1 Q2 Q3 Q4",
    "Bo- og dagtilbud",
    "e-post: ola@example.org",
    "Sak 3/26 a) b) c)",
    "Vi regnet ut summen for i = 1 til n av alle brukere",
    "Ja = 5, Nei = 2",
    "0x100 = case-sensitive",
]


# --- the classifier ---------------------------------------------------------------------------


@pytest.mark.parametrize("line", [*DEBRIS, "f(x)=2x−3", "Formel: f ( x ) = 2 x − 3", "x² + y² = r²", "A = π r²", "x", "x2 + y2 = z2"])
def test_formula_lines_are_debris(line: str) -> None:
    assert is_debris(line)


@pytest.mark.parametrize("line", REAL_LINES)
def test_short_real_lines_are_not_debris(line: str) -> None:
    """A short answer, an attendee list with initials, dates and times, case numbers, a vote:
    few long words, but no formula."""
    assert not is_debris(line)


def test_mark_debris_marks_only_the_formula_block() -> None:
    blocks = [Block("heading", "Sak 5/26 Beregning av tilskudd", 1), Block("paragraph", NORMAL, 1), Block("paragraph", " ".join(DEBRIS), 1)]
    mark_debris(blocks)
    assert [block.indexed for block in blocks] == [True, True, False]


def test_an_attendance_table_of_names_and_crosses_stays_indexed() -> None:
    """Crosses mark who came to which meeting: they are no formula, and the names in the
    table must be found by search; a table of formula tokens is still debris."""
    rows = [["Navn", "1", "2", "3", "4", "5", "6"]] + [[name, "x", "x", "", "x", "X", "x"] for name in ("Kari Nordmann", "Ola Hansen", "Per Olsen", "Aud Berg")]
    attendance = Block("table", "\n".join(" ".join(cell for cell in row if cell) for row in rows), 1, rows=rows, header=True)
    formulas = Block("table", "x = a + b\ny = k x", 1, rows=[["x", "=", "a + b"], ["y", "=", "k x"]])
    mark_debris([attendance, formulas])
    assert attendance.indexed
    assert not formulas.indexed


def test_a_formula_inside_a_sentence_is_a_run_of_its_own() -> None:
    text = " ".join(MIXED)
    assert [text[start:end] for start, end in formula_runs(text)] == ["T = 500 × n + 2000", "f ( x ) = 2 x − 3"]
    assert not is_debris(text)
    for line in REAL_LINES:
        assert formula_runs(line) == [], line


def test_debris_is_rendered_escaped_and_marked_for_pagefind_to_skip() -> None:
    blocks = [Block("paragraph", "Regelen er at x < y gjelder for alle brukere: x < y + z + 1", 1), Block("paragraph", "a < b + c", 1)]
    mark_debris(blocks)
    html = BeautifulSoup(render_blocks(blocks, 2, lambda page: f"Side {page}"), "html.parser")
    assert [p.get_text() for p in html.select("p:not(.raad-page-marker)")] == [b.text for b in blocks]  # shown whole
    assert [p.get_text() for p in html.select("[data-pagefind-ignore]:not(.raad-page-marker)")] == ["x < y", "x < y + z + 1", "a < b + c"]
    assert "&lt; b + c" in str(html)


# --- a LibreOffice PDF, built into a site, searched in Chromium ---------------------------------


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formulas")
    return convert(
        {
            "formula": odt([[("Sak 5/26 Beregning av tilskudd", NORMAL), *(("", line) for line in DEBRIS)]]),
            "mixed": odt_lines([MIXED]),
        },
        folder,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pdfs: dict[str, Path]) -> Path:
    """The example with the two PDFs as minutes of one council, built once."""
    root = copy_example(tmp_path_factory.mktemp("search-quality") / "project")
    (root / MINUTES).mkdir(parents=True)
    (root / MINUTES / f"{FORMULA_DATE}.pdf").write_bytes(pdfs["formula"].read_bytes())
    (root / MINUTES / f"{MIXED_DATE}.pdf").write_bytes(pdfs["mixed"].read_bytes())
    result = run_build(root, root / "site")
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with serving(site) as base:
        yield base


@pytest.fixture
def page(request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page in Chromium; without Chromium the browser tests are skipped (in CI, they
    fail), and the others in this module still run."""
    require_chromium()
    browser: Browser = request.getfixturevalue("browser")
    context = browser.new_context(locale="nb-NO")
    yield context.new_page()
    context.close()


def minutes_url(date: str) -> str:
    return f"rad/nav-eksempel/referat/{date}/"


def search(page: Page, site_url: str, query: str) -> list[dict[str, str]]:
    """What the search page shows for `query`, on a fresh page (Pagefind keeps the index
    chunks an earlier query loaded, and falls back to any word in them)."""
    page.goto(site_url + "sok/?q=" + quote(query))
    expect(page.locator("#raad-search-status")).not_to_have_text("")
    page.wait_for_load_state("networkidle")
    results: list[dict[str, str]] = page.eval_on_selector_all(
        "#raad-search-results li", "items => items.map(li => ({href: li.querySelector('a').getAttribute('href'), text: li.textContent}))"
    )
    return results


def spaced(text: str) -> str:
    """`text` with each line end and run of spaces as one space (until cleanup resolves the
    layout's line ends, a block's text keeps them)."""
    return " ".join(text.split())


def test_reading_the_pdf_marks_the_debris_block(pdfs: dict[str, Path]) -> None:
    """However the layout groups the formula lines, they are marked, and the text is not."""
    blocks = read_pdf(pdfs["formula"]).blocks
    text = ["Sak 5/26 Beregning av tilskudd", NORMAL]
    assert [(spaced(block.text), block.indexed) for block in blocks if spaced(block.text) in text] == [(line, True) for line in text]
    debris = [block for block in blocks if spaced(block.text) not in text]
    assert spaced(" ".join(block.text for block in debris)) == " ".join(DEBRIS)
    assert not any(block.indexed for block in debris)
    mixed = read_pdf(pdfs["mixed"]).blocks
    for word in ("Tilskuddet", "veksten", "brukerrådet"):
        assert [block.indexed for block in mixed if word in block.text] == [True], word


def test_debris_is_on_the_page_outside_what_pagefind_indexes(site: Path) -> None:
    soup = BeautifulSoup((site / minutes_url(FORMULA_DATE) / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = one(one(soup, "[data-pagefind-body]"), ".raad-pdf-text")
    ignored = text.select("[data-pagefind-ignore]:not(.raad-page-marker)")
    assert spaced(" ".join(element.get_text() for element in ignored)) == " ".join(DEBRIS)
    normal = next(p for p in text.select("p") if spaced(p.get_text()) == NORMAL)
    assert normal.find_parent(attrs={"data-pagefind-ignore": True}) is None


def test_the_text_versions_own_words_are_not_indexed(site: Path) -> None:
    """The notice above every PDF's text and the "Side 3" markers are the same on every PDF
    page: indexed, "side" or "gjeldende" would find every PDF minutes page."""
    soup = BeautifulSoup((site / minutes_url(FORMULA_DATE) / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = one(soup, "[data-pagefind-body]")
    assert one(body, ".raad-notice").has_attr("data-pagefind-ignore")
    markers = body.select(".raad-page-marker")
    assert markers
    assert all(marker.has_attr("data-pagefind-ignore") for marker in markers)


@pytest.mark.parametrize("word", NONSENSE)
def test_a_word_nobody_wrote_finds_nothing(page: Page, site_url: str, word: str) -> None:
    assert search(page, site_url, word) == []
    expect(page.locator("#raad-search-status")).to_have_text("Ingen treff.")


def test_a_word_of_the_same_page_is_found(page: Page, site_url: str) -> None:
    assert [r["href"] for r in search(page, site_url, "ventelistene")] == [f"/{minutes_url(FORMULA_DATE)}"]


def test_the_fallback_to_a_prefix_is_live_in_this_index(page: Page, site_url: str) -> None:
    """The reason the words above find nothing is the index, not a search that finds nothing:
    a made-up word that starts with an indexed word ("tilskudd") still finds both pages."""
    assert {r["href"] for r in search(page, site_url, "tilskuddqzx")} == {f"/{minutes_url(FORMULA_DATE)}", f"/{minutes_url(MIXED_DATE)}"}


def test_a_formula_inside_a_sentence_is_left_out_of_the_excerpt(page: Page, site_url: str) -> None:
    results = search(page, site_url, "veksten")
    assert [r["href"] for r in results] == [f"/{minutes_url(MIXED_DATE)}"]
    assert "der n er antall brukere, og veksten følger slik brukerrådet" in results[0]["text"]
    assert "T = 500" not in results[0]["text"]


def test_debris_is_still_shown_to_the_reader(page: Page, site_url: str) -> None:
    page.goto(site_url + minutes_url(FORMULA_DATE))
    expect(page.locator(".raad-pdf-text")).to_contain_text(" ".join(DEBRIS))
    expect(page.locator(".raad-pdf-text [data-pagefind-ignore]").first).to_be_visible()
    page.goto(site_url + minutes_url(MIXED_DATE))
    expect(page.locator(".raad-pdf-text")).to_contain_text(" ".join(MIXED))
    expect(page.locator(".raad-pdf-text [data-pagefind-ignore]").first).to_be_visible()
