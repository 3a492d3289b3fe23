"""Odd and hostile PDFs, written by hand: `read_pdf` keeps the text a reader sees on them."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wordprocessor import convert, odt, pages_pdf, shown, with_header_and_footer

from generator.pdf_cleanup import resolve_line_ends
from generator.pdf_forms import with_form_values
from generator.pdf_model import Block, BlockKind, TextStatus
from generator.pdf_reading import read_pdf

RESOURCES = b"/Resources << /Font << /F1 3 0 R >> >>"


def _minutes_page(number: int, x: float = 0, y: float = 0) -> bytes:
    """A page of minutes with a running header and footer, its user space shifted by (x, y)."""
    body = [(x + 72, y + 700 - 14 * row, f"Saken om brukerrådet, linje {row} på side {number}.") for row in range(20)]
    return shown([(x + 72, y + 800, "Eksempel kommune"), *body, (x + 72, y + 30, f"Side {number} av 3")])


def test_a_crop_box_away_from_the_origin_keeps_the_body_and_drops_the_running_lines(tmp_path: Path) -> None:
    """The bands of running lines are measured from the visible page's foot, not from y = 0
    (every line stood in the "top band" of a page cropped at y = 1000, and all were dropped)."""
    entries = b"/CropBox [1000 1000 1595 1842] " + RESOURCES
    pdf = pages_pdf(tmp_path / "cropped.pdf", [_minutes_page(n, 1000, 1000) for n in (1, 2, 3)], entries)
    text = "\n".join(block.text for block in read_pdf(pdf).blocks)
    assert "Saken om brukerrådet, linje 7 på side 2." in text
    assert "Eksempel kommune" not in text
    assert "Side 2 av 3" not in text


@contextmanager
def _at_most(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (no time is asserted: a quadratic pass took minutes here)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_line_ends_of_a_very_long_paragraph_are_resolved_as_in_a_short_one() -> None:
    """20,000 lines ending in a spaced hyphen, each a possible break inside a word: each line
    end looks at the words before it, not at the whole paragraph (or the whole vocabulary)."""
    lines = [f"linje {n} om tema{n:05d} -" for n in range(20_000)]
    lines[10_000] = "dette er kvalitets -"
    lines[10_001] = "arbeidet vi gjør, tema -"
    blocks = [Block(BlockKind.PARAGRAPH, "\n".join(lines), 1), Block(BlockKind.PARAGRAPH, "Om kvalitetsarbeidet.", 2)]
    with _at_most(60):
        text = resolve_line_ends(blocks)[0].text
    assert "dette er kvalitetsarbeidet vi gjør, tema - linje 10002 om tema10002 - linje 10003" in text
    assert text.startswith("linje 0 om tema00000 - linje 1 om tema00001 -")
    assert text.endswith("linje 19999 om tema19999 -")


def test_case_headings_that_open_each_page_are_kept_and_the_page_numbers_dropped(tmp_path: Path) -> None:
    """Minutes with each case on a page of its own, its heading at the top: "Sak 1/26" on page
    1, "Sak 2/26" on page 2, ... number their cases, though the numbers move with the page
    (they were dropped as running lines); "Side 2 av 4" in the footer still goes."""
    body = "Brukerrådet drøftet saken grundig og ble enige om å be kommunedirektøren om en ny vurdering. " * 3
    pages = [[(f"Sak {n}/26", body), ("", body)] for n in range(1, 5)]
    pdfs = convert({"plain": odt(pages), "footed": with_header_and_footer(odt(pages), "", "Referat")}, tmp_path)
    for pdf in pdfs.values():
        blocks = read_pdf(pdf).blocks
        assert [(block.page, block.text) for block in blocks if block.kind == BlockKind.HEADING] == [(n, f"Sak {n}/26") for n in range(1, 5)]
        assert not [block.text for block in blocks if "Side" in block.text or "Referat" in block.text]


def test_a_page_pypdf_cannot_read_costs_only_its_own_text(tmp_path: Path) -> None:
    """Page 2 selects a font by a dictionary instead of a name (pypdf raises TypeError on
    it): page 1 and page 3 are still read, and the document is not "damaged"."""
    broken = b"BT << >> 12 Tf 1 0 0 1 72 700 Tm (Tapt) Tj ET"
    pages = [shown([(72, 700, "Side en er fin.")]), broken, shown([(72, 700, "Side tre er fin.")])]
    text = read_pdf(pages_pdf(tmp_path / "one-bad-page.pdf", pages, RESOURCES))
    assert text.ok
    assert [(block.page, block.text) for block in text.blocks] == [(1, "Side en er fin."), (3, "Side tre er fin.")]


def test_a_document_none_of_whose_pages_can_be_read_is_damaged(tmp_path: Path) -> None:
    broken = b"BT << >> 12 Tf 1 0 0 1 72 700 Tm (Tapt) Tj ET"
    text = read_pdf(pages_pdf(tmp_path / "bad-pages.pdf", [broken, broken], RESOURCES))
    assert text.status is TextStatus.BROKEN


def test_form_values_of_a_very_long_form_go_after_their_pages_in_one_pass() -> None:
    """20,000 pages with a filled field each: every page's values after its own blocks (each
    was placed by a search from the first block: minutes of work on a document this long)."""
    blocks = [Block(BlockKind.PARAGRAPH, f"Side {page}, avsnitt {n}.", page) for page in range(1, 20_001) for n in range(10)]
    forms = [Block(BlockKind.LIST, f"Svar: {page}", page, items=[f"Svar: {page}"]) for page in range(1, 20_001)]
    with _at_most(60):
        merged = with_form_values(blocks, forms)
    assert [block.text for block in merged[:12]] == [*(f"Side 1, avsnitt {n}." for n in range(10)), "Svar: 1", "Side 2, avsnitt 0."]
    assert merged[-1].text == "Svar: 20000"
    assert len(merged) == len(blocks) + len(forms)


def test_text_outside_the_visible_page_is_not_published_even_when_it_is_all_the_page_has(tmp_path: Path) -> None:
    """Page 2's only words lie outside its crop box (no reader sees them): they came back
    through pypdf's plain text, the layout's fallback for a page without lines."""
    pages = [shown([(72, 700, "Side en er fin.")]), shown([(-400, 700, "usynlig"), (72, 2000, "skjult")])]
    text = read_pdf(pages_pdf(tmp_path / "off-page.pdf", pages, RESOURCES))
    assert [block.text for block in text.blocks] == ["Side en er fin."]


def test_text_drawn_rotated_for_a_landscape_page_is_on_the_page(tmp_path: Path) -> None:
    """A landscape page made by rotating the content into a portrait box: its text lands on
    the page once the rotation is applied (the translation alone puts it off the page)."""
    lines = [(72, 300 + 14 * row, f"Linje {row} på et liggende ark.") for row in range(3)]
    content = b"q 0 1 -1 0 842 0 cm " + shown(lines) + b" Q"
    text = read_pdf(pages_pdf(tmp_path / "landscape.pdf", [content], RESOURCES + b" /Rotate 90"))
    assert "Linje 1 på et liggende ark." in " ".join(block.text for block in text.blocks)


def test_numbers_in_a_table_row_at_the_foot_of_a_page_are_no_page_numbers(tmp_path: Path) -> None:
    """Page 2 ends with a vote, "For 5 Mot 2", and page 3 with "Antall møter 3", each cell a
    line of its own in the footer band: the "2" and the "3" are cells, not the pages' numbers
    (those stand alone on their baseline, and go)."""
    pages = []
    for number, row in ((1, []), (2, [(72, 90, "For"), (200, 90, "5"), (300, 90, "Mot"), (420, 90, "2")]), (3, [(72, 90, "Antall møter"), (300, 90, "3")])):
        pages.append(shown([(72, 700, f"Årsmelding, side {number}."), *row, (290, 30, str(number))]))
    blocks = read_pdf(pages_pdf(tmp_path / "table-at-foot.pdf", pages, RESOURCES)).blocks
    text = [" ".join(block.text.split()) for block in blocks]
    assert "For 5 Mot 2" in text
    assert "Antall møter 3" in text
    assert not [line for line in text if line in ("1", "2", "3")]
