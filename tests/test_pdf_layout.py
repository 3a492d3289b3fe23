"""The structure of a PDF's text (generator.pdf_layout, generator.pdf_structure): columns in
reading order, lists, tables, and paragraphs that run on across column and page breaks, on
a two-column LibreOffice document as a council secretary writes it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from wordprocessor import (
    ACTIONS,
    ATTENDEES,
    COLUMN_LEFT_SENTENCE,
    COLUMN_RIGHT_SENTENCE,
    CROSSING_PAGE_PARAGRAPH,
    CROSSING_PARAGRAPH,
    FULL_WIDTH_SENTENCE,
    INTERLEAVED_TEXT,
    SOFT_HYPHEN_SENTENCE,
    TABLE,
    convert,
    interleaved_columns_pdf,
    positioned_text_pdf,
    two_column_minutes,
)

from generator.pdf_layout import PageContent, _Fragment, _merge_lines, read_page
from generator.pdf_model import Block, PdfText
from generator.pdf_reading import read_pdf
from generator.pdf_structure import document_blocks
from generator.render import render_blocks


@pytest.fixture(scope="module")
def minutes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert({"columns": two_column_minutes()}, tmp_path_factory.mktemp("layout"))["columns"]


@pytest.fixture(scope="module")
def minutes(minutes_pdf: Path) -> PdfText:
    text = read_pdf(minutes_pdf)
    assert text.ok, text.detail
    return text


def laid_out(path: Path) -> list[Block]:
    """The layout's blocks before cleanup: what the contract with `pdf_cleanup` is about."""
    reader = PdfReader(path)
    return document_blocks([read_page(page, number) for number, page in enumerate(reader.pages, start=1)])


@pytest.fixture(scope="module")
def layout(minutes_pdf: Path) -> list[Block]:
    return laid_out(minutes_pdf)


def flat(text: str) -> str:
    """A block's text as one line: line ends become spaces, except after a hyphen (the
    layout leaves both to `pdf_cleanup`; the soft hyphen becomes a printed one)."""
    return " ".join(re.sub(r"-\n", "-", text).split())


def printed(text: str) -> str:
    """What the document says, as `flat` gives it."""
    return text.replace("\u00ad", "")


def one_block(blocks: list[Block], start: str) -> Block:
    found = [block for block in blocks if flat(block.text).startswith(start)]
    assert len(found) == 1, [block.text for block in blocks]
    return found[0]


def test_columns_are_read_column_by_column_between_full_width_text(minutes: PdfText) -> None:
    text = "\n".join(flat(block.text) for block in minutes.blocks)
    order = [
        "Referat fra møte i eldrerådet",
        COLUMN_LEFT_SENTENCE,
        CROSSING_PARAGRAPH,
        COLUMN_RIGHT_SENTENCE,
        FULL_WIDTH_SENTENCE,
        "Sak Ansvarlig Frist",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_a_paragraph_runs_on_from_the_left_column_into_the_right(minutes_pdf: Path, minutes: PdfText) -> None:
    lines = read_page(PdfReader(minutes_pdf).pages[0], 1).lines
    first = next(line for line in lines if line.text.startswith("Rådet drøftet tilbudet"))
    last = next(line for line in lines if line.text.endswith("kommunen."))
    assert last.x > first.x + 100, "LibreOffice broke the paragraph into the right column"
    block = one_block(minutes.blocks, "Rådet drøftet tilbudet")
    assert block.kind == "paragraph"
    assert flat(block.text) == CROSSING_PARAGRAPH


def test_a_paragraph_runs_on_into_the_next_page_and_keeps_its_first_page(minutes: PdfText) -> None:
    assert minutes.pages == 2
    block = one_block(minutes.blocks, "Til slutt gikk rådet")
    assert (block.kind, block.page) == ("paragraph", 1)
    assert flat(block.text) == CROSSING_PAGE_PARAGRAPH


def test_the_attendees_are_a_bulleted_list_one_item_each(minutes: PdfText) -> None:
    lists = [block for block in minutes.blocks if block.kind == "list" and not block.ordered]
    assert [block.items for block in lists] == [ATTENDEES]
    assert lists[0].text == "\n".join(ATTENDEES)


def test_the_actions_are_a_numbered_list_with_wrapped_items_joined(minutes: PdfText, layout: list[Block]) -> None:
    lists = [block for block in minutes.blocks if block.kind == "list" and block.ordered]
    assert len(lists) == 1
    assert lists[0].items == ACTIONS
    laid = [block for block in layout if block.kind == "list" and block.ordered]
    assert any("\n" in item for item in laid[0].items), "a wrapped item keeps its line end for cleanup"


def test_the_table_keeps_its_rows_cells_and_header(minutes: PdfText, layout: list[Block]) -> None:
    tables = [block for block in minutes.blocks if block.kind == "table"]
    assert len(tables) == 1
    assert tables[0].header
    assert tables[0].rows == [list(row) for row in TABLE]
    laid = [block for block in layout if block.kind == "table"]
    assert "\n" in laid[0].rows[2][0], "the cell wrapped in the PDF keeps its line end for cleanup"


def test_line_ends_are_kept_for_cleanup_to_decide(layout: list[Block]) -> None:
    """Hyphens stay as printed, each line end a single "\\n": `pdf_cleanup` decides from the
    document's words which hyphen is a break inside a word (the soft hyphen's)."""
    text = "\n".join(block.text for block in layout)
    for compound in ("NAV-kontoret", "e-posten", "bo- og omsorgssenteret"):
        assert compound in flat(text), compound
    for joined in ("NAVkontoret", "eposten", "boog"):
        assert joined not in text
    assert flat(one_block(layout, "Rådet støtter").text) == printed(SOFT_HYPHEN_SENTENCE).replace(
        "kvalitetsforbedrings", "kvalitets-forbedrings"
    )
    lines = [line for block in layout for line in block.text.split("\n")]
    assert all(line == line.strip() and line for line in lines)


def test_compounds_keep_their_hyphens_and_a_word_broken_at_a_line_end_is_joined(minutes: PdfText) -> None:
    """The text a reader gets, after cleanup: as the document writes each word."""
    text = "\n".join(block.text for block in minutes.blocks)
    for compound in ("NAV-kontoret", "e-posten", "bo- og omsorgssenteret"):
        assert compound in text, compound
    assert "\n" not in "".join(block.text for block in minutes.blocks if block.kind == "paragraph")
    assert one_block(minutes.blocks, "Rådet støtter").text == printed(SOFT_HYPHEN_SENTENCE)


def test_lists_and_tables_render_as_html_lists_and_tables(minutes: PdfText) -> None:
    soup = BeautifulSoup(render_blocks(minutes.blocks, 2, lambda page: f"Side {page}"), "html.parser")
    assert [th.get_text() for th in soup.select("table thead th[scope=col]")] == list(TABLE[0])
    assert len(soup.select("table tbody tr")) == len(TABLE) - 1
    assert [li.get_text() for li in soup.select("ul > li")] == ATTENDEES
    assert len(soup.select("ol > li")) == len(ACTIONS)


def test_columns_written_line_by_line_across_the_page_are_read_column_by_column(tmp_path: Path) -> None:
    """Some typesetters write a left line, then the right line on its baseline, and so on;
    pypdf joins each baseline into one piece, which the layout splits at the column edge."""
    left, right = interleaved_columns_pdf(tmp_path / "interleaved.pdf")
    blocks = laid_out(tmp_path / "interleaved.pdf")
    assert [(block.kind, block.text) for block in blocks] == [("paragraph", "\n".join(left + right))]
    assert read_pdf(tmp_path / "interleaved.pdf").blocks[0].text == INTERLEAVED_TEXT


def test_a_table_written_in_one_text_object_keeps_its_cells(tmp_path: Path) -> None:
    rows = [("Sak", "Ansvarlig", "Frist"), ("12/26 Budsjett", "Kari Nordmann", "1. mars"), ("13/26 Transport", "Ola Hansen", "15. april")]
    placed = [(x, 700 - 14 * r, cell) for r, row in enumerate(rows) for x, cell in zip((56, 220, 380), row, strict=True)]
    blocks = read_pdf(positioned_text_pdf(tmp_path / "table.pdf", placed)).blocks
    assert [(block.kind, block.rows) for block in blocks] == [("table", [list(row) for row in rows])]


def fragment(x: float, y: float, text: str, size: float = 12.0) -> _Fragment:
    return _Fragment(y, x, x + 0.5 * size * len(text), size, False, text)


def test_text_at_a_lists_indent_is_no_column_edge() -> None:
    """A list's items all start at its indent; a footer's page number field printed at that x
    ("Side" then "1 av 1") is still one line with the word before it."""
    items = [f for y in (300, 286, 272) for f in (fragment(56.8, y, f"{(300 - y) // 14 + 1}."), fragment(74.8, y, "Punkt"))]
    side = _Fragment(44, 56.8, 72.8, 9, False, "Side")  # ends a space before the indent
    lines = _merge_lines([*items, side, fragment(75.1, 44, "1 av 1", 9)])
    assert [(line.marker, line.text) for line in lines] == [("1.", "Punkt"), ("2.", "Punkt"), ("3.", "Punkt"), ("", "Side 1 av 1")]


def test_headings_stand_out_in_an_ocr_text_layer_whose_lines_each_have_a_size() -> None:
    """OCRmyPDF sizes each line of its text layer by the line's height: the example scan's
    body lines came out at 8.5 to 9.0 points and its headings at 11.7 to 13.5, two of them
    exactly 13.5, the only size that repeated."""
    lines = [
        (760, "Referat fra brukerrådet 17. mars 2026", 13.5),
        (739, "Eksempelreferat: innholdet er laget for å vise hvordan raad publiserer", 8.6),
        (712, "Sak 1/26 Godkjenning av innkalling", 11.9),
        (691, "Innkallingen og sakslisten ble godkjent uten merknader.", 8.5),
        (663, "Sak 2/26 Aktiviteter i vår", 13.5),
        (643, "Beboerne ønsker flere turer ut i nærmiljøet. Rådet takket for turen", 8.8),
        (629, "i fjor høst og ber om at den blir fast hver vår og høst.", 9.0),
    ]
    blocks = blocks_of([fragment(57.2, y, text, size) for y, text, size in lines])
    assert [(block.kind, flat(block.text)[:20]) for block in blocks] == [
        ("heading", "Referat fra brukerrå"),
        ("paragraph", "Eksempelreferat: inn"),
        ("heading", "Sak 1/26 Godkjenning"),
        ("paragraph", "Innkallingen og saks"),
        ("heading", "Sak 2/26 Aktiviteter"),
        ("paragraph", "Beboerne ønsker fler"),
    ]


def blocks_of(*pages: list[_Fragment]) -> list[Block]:
    return document_blocks([PageContent(number, _merge_lines(page), width=595, height=842) for number, page in enumerate(pages, start=1)])


def test_a_bullet_from_a_symbol_font_starts_a_list_item() -> None:
    """Word's bullets are a Symbol or Wingdings glyph that extracts as a private-use character
    (U+F0B7), printed apart from the item's text."""
    fragments = [fragment(72, 700, "Til stede:")]
    for row, name in enumerate(("Kari Nordmann", "Ola Hansen")):
        fragments += [fragment(72, 686 - 14 * row, "\uf0b7"), fragment(90, 686 - 14 * row, name)]
    blocks = blocks_of(fragments)
    assert [(block.kind, block.items) for block in blocks] == [("paragraph", []), ("list", ["Kari Nordmann", "Ola Hansen"])]


def test_any_glyph_of_a_symbol_font_before_a_line_is_a_bullet() -> None:
    """Wingdings' bullets extract as letters ("§", "Ø") when the font maps no Unicode."""
    fragments = []
    for row, name in enumerate(("Kari Nordmann", "Ola Hansen")):
        bullet = _Fragment(700 - 14 * row, 72, 78, 12.0, False, "§", symbol=True)
        fragments += [bullet, fragment(90, 700 - 14 * row, name)]
    assert [(block.kind, block.items) for block in blocks_of(fragments)] == [("list", ["Kari Nordmann", "Ola Hansen"])]


def test_a_typed_dash_is_a_bullet_only_in_a_run_of_them() -> None:
    listed = blocks_of([fragment(72, 700, "- kaffe"), fragment(72, 686, "- kaker")])
    assert [(block.kind, block.items) for block in listed] == [("list", ["kaffe", "kaker"])]
    alone = blocks_of([fragment(72, 700, "Rådet drøftet saken"), fragment(72, 686, "- og ba om en plan.")])
    assert [block.kind for block in alone] == ["paragraph"]


def test_a_number_that_starts_a_sentence_is_no_list() -> None:
    blocks = blocks_of([fragment(72, 700, "12. februar holdt rådet møte i rådhuset, og")])
    assert [(block.kind, block.text) for block in blocks] == [("paragraph", "12. februar holdt rådet møte i rådhuset, og")]


def test_text_beside_a_wide_gap_is_kept_apart_as_table_cells() -> None:
    rows = [("Navn", "Rolle"), ("Kari", "leder"), ("Ola", "medlem")]
    blocks = blocks_of([fragment(x, 700 - 14 * r, cell) for r, row in enumerate(rows) for x, cell in zip((72, 300), row, strict=True)])
    assert [(block.kind, block.rows) for block in blocks] == [("table", [list(row) for row in rows])]


def test_a_word_split_into_touching_fragments_is_one_word(tmp_path: Path) -> None:
    blocks = blocks_of([fragment(72, 700, "kvalitets"), fragment(72 + 6 * 9, 700, "arbeidet")])
    assert [block.text for block in blocks] == ["kvalitetsarbeidet"]


def test_a_numbered_heading_keeps_its_number() -> None:
    heading = _Fragment(700, 72, 80, 16.0, True, "1.")
    blocks = blocks_of([heading, _Fragment(700, 100, 200, 16.0, True, "Innledning"), fragment(72, 680, "Rådet møttes i rådhuset.")])
    assert [(block.kind, block.text) for block in blocks] == [("heading", "1. Innledning"), ("paragraph", "Rådet møttes i rådhuset.")]


def test_a_page_break_inside_a_paragraph_joins_only_what_runs_on() -> None:
    first = [fragment(72, 700, "Rådet drøftet budsjettet for neste år og ba")]
    second = [
        fragment(72, 780, "om en plan for arbeidet."),
        fragment(72, 750, "Kommunen svarte at planen kommer i mars, og at"),
        fragment(72, 736, "Rådet får den til uttalelse."),
    ]
    blocks = blocks_of(first, second)
    assert [(block.page, flat(block.text)) for block in blocks] == [
        (1, "Rådet drøftet budsjettet for neste år og ba om en plan for arbeidet."),
        (2, "Kommunen svarte at planen kommer i mars, og at Rådet får den til uttalelse."),
    ]


def test_the_example_shows_a_word_processor_pdf_as_the_document_reads(example_site: Path) -> None:
    """Eksempelveien's minutes of 12 May 2026 (tests/tools/make_example_minutes_pdf.py): the
    attendees a list, the follow-up a table with column headers, the numbered agenda of the
    next meeting an ordered list; its running header and "Side 1 av 2" are gone."""
    html = (example_site / "rad/eksempelveien-bo-og-dagtilbud/referat/2026-05-12/index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").select_one(".raad-pdf-text")
    assert text is not None
    assert [li.get_text() for li in text.select("ul > li")][:2] == ["Randi Testesen, leder", "Geir Testesen"]
    assert [th.get_text() for th in text.select("table thead th[scope=col]")] == ["Sak", "Ansvarlig", "Frist"]
    assert [td.get_text() for td in text.select("table tbody tr")[0].select("td")] == ["3 Opplæring av sommervikarer", "Tjenesteleder", "1. juni 2026"]
    assert [li.get_text() for li in text.select("ol > li")] == ["Sommeren i dagtilbudet", "Uteområdet: svar om budsjettet", "Eventuelt"]
    words = text.get_text(" ")
    assert "Side 1 av 2" not in words
    assert "brukerrådet" not in words.replace("Referat fra brukerrådet", "")  # the header "… – brukerrådet" on each page
    assert "på e-post når" in " ".join(words.split())
