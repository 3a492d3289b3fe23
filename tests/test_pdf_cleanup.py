"""PDF text that reads like the document (issue 15, point 2): no garbage characters, no
running headers, footers or page numbers, hyphens decided from the document's own words, and
the values filled into a form.

The documents are written by LibreOffice (tests/wordprocessor.py), once for the module; the
garbage comes from a PDF written by hand, as old tools write them."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from wordprocessor import (
    FORM_CHECKBOX,
    FORM_CHOICE,
    FORM_EMPTY,
    FORM_FIELDS,
    GARBLED_WORDS,
    broken_lines,
    convert,
    filled_form,
    garbled_pdf,
    odt,
    retitled,
    with_header_and_footer,
)

from generator.contact_details import DetailKind, find_contact_details
from generator.pdf_cleanup import clean_text, drop_running_lines, resolve_line_ends
from generator.pdf_layout import PageContent, _Line
from generator.pdf_model import Block, PdfText
from generator.pdftext import read_pdf
from generator.render import render_blocks

HEADER = "Brukerrådet ved Eksempelheim – referat 10. februar 2026"
FOOTER = "Eksempel kommune"
PAGES = [
    [("Sak 1/26 Budsjett", "Enhetslederen la fram budsjettet for året. Rådet ba om at aktivitetsmidlene skjermes. " * 3)],
    [("Sak 2/26 Bemanning", "Rådet drøftet bemanningen i helgene og ba om en plan før sommeren. " * 3)],
    [("Sak 3/26 Mat", "Beboerne ønsker flere varme måltider. Kjøkkenet legger fram en meny til neste møte. " * 3)],
    [("Sak 4/26 Eventuelt", "Ingen saker under eventuelt.")],
]
SOFT = "kvalitets\u00adforbedrings\u00adarbeidet"
LINES = [
    ("Text_20_body", "Saken sendes til NAV-\nkontoret for uttalelse."),
    ("Text_20_body", "Svar kommer på e-\nposten innen fredag."),
    ("Text_20_body", "Rådet besøker bo-\nog omsorgssenteret i mai."),
    ("Narrow", f"Om {SOFT} i tjenesten."),
    ("Text_20_body", "Rådet støtter kvalitetsforbedringsarbeidet, og omsorgs-\ntjenesten har fått ny tv-\nskjerm i stua."),
    ("Text_20_body", "Omsorgstjenesten svarer. Beboerne ser nyheter på tv-skjermen."),
]
"""Line ends after real hyphens (manual line breaks, Shift+Enter), a soft-hyphenated word in a
3 cm wide paragraph, which Writer must break, and two words broken at a hyphen whose form the
document gives elsewhere: "Omsorgstjenesten" joined, "tv-skjermen" hyphenated."""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cleanup")
    made = convert(
        {
            "running": with_header_and_footer(odt(PAGES), HEADER, FOOTER),
            "one_page": with_header_and_footer(odt([[("Sak 5/26 Referat", "Et kort referat på én side.")]]), FOOTER),
            "hyphens": broken_lines(LINES),
            "form": filled_form(),
        },
        folder,
    )
    made["garbled"] = garbled_pdf(folder / "garbled.pdf")
    return made


def texts(text: PdfText) -> list[str]:
    return [block.text for block in text.blocks]


def html_of(text: PdfText) -> str:
    return str(render_blocks(text.blocks, 2, lambda page: f"Side {page}"))


def test_running_header_footer_and_page_numbers_are_dropped_and_the_body_kept(pdfs: dict[str, Path]) -> None:
    raw = [page.extract_text() for page in PdfReader(pdfs["running"]).pages]
    assert all(HEADER in page and f"Side {n} av 4" in page for n, page in enumerate(raw, start=1))  # what there is to drop
    text = read_pdf(pdfs["running"])
    expected = [part.strip() for page in PAGES for pair in page for part in pair]
    assert texts(text) == expected
    assert [block.page for block in text.blocks] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert HEADER not in html_of(text)
    assert FOOTER not in html_of(text)


def test_a_one_page_document_keeps_its_header_but_not_its_page_number(pdfs: dict[str, Path]) -> None:
    assert "Side 1 av 1" in PdfReader(pdfs["one_page"]).pages[0].extract_text()
    joined = " ".join(texts(read_pdf(pdfs["one_page"])))
    assert FOOTER in joined
    assert "Et kort referat på én side." in joined
    assert "Side" not in joined


def test_hyphens_at_line_ends_are_kept_or_joined_as_the_document_writes_the_word(pdfs: dict[str, Path]) -> None:
    """Needs the layout to keep line ends as "\\n" (the contract with generator.pdf_layout)."""
    page = PdfReader(pdfs["hyphens"]).pages[0].extract_text()
    assert all(broken in page for broken in ("NAV-\nkontoret", "e-\nposten", "bo-\nog", "omsorgs-\ntjenesten", "tv-\nskjerm"))
    assert "kvalitetsforbedringsarbeidet i" not in page  # Writer broke the soft-hyphenated word
    assert texts(read_pdf(pdfs["hyphens"])) == [
        "Saken sendes til NAV-kontoret for uttalelse.",
        "Svar kommer på e-posten innen fredag.",
        "Rådet besøker bo- og omsorgssenteret i mai.",
        "Om kvalitetsforbedringsarbeidet i tjenesten.",
        "Rådet støtter kvalitetsforbedringsarbeidet, og omsorgstjenesten har fått ny tv-skjerm i stua.",
        "Omsorgstjenesten svarer. Beboerne ser nyheter på tv-skjermen.",
    ]


def test_filled_form_fields_are_in_the_text_after_their_page(pdfs: dict[str, Path]) -> None:
    fields = PdfReader(pdfs["form"]).get_fields() or {}
    assert {str(field.get("/V")) for field in fields.values()} >= set(FORM_FIELDS.values())  # Writer exported them
    page = PdfReader(pdfs["form"]).pages[0].extract_text()
    assert not any(value in page for value in FORM_FIELDS.values())  # and only as form fields
    text = read_pdf(pdfs["form"])
    form = text.blocks[-1]
    assert (form.kind, form.page) == ("list", 1)
    expected = [f"{label}: {value}" for label, value in FORM_FIELDS.items()] + [f"{FORM_CHOICE[0]}: {FORM_CHOICE[1]}", f"☑ {FORM_CHECKBOX}"]
    assert form.items == expected
    assert form.text.split("\n") == expected
    assert not any(FORM_EMPTY in item for item in form.items)  # an empty field says nothing
    assert all(f"<li>{item}</li>" in html_of(text) for item in expected)
    phones = [d.text for d in find_contact_details(form.text) if d.kind is DetailKind.PHONE]
    assert phones == [FORM_FIELDS["Telefon"]]  # what the personal data scan reads


def _garbage(text: str) -> list[str]:
    """Control (but the line end), private-use, replacement or unassigned characters."""
    return [f"U+{ord(c):04X}" for c in text if (c != "\n" and unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn")) or c == "\ufffd"]


def test_garbage_characters_and_glyph_names_reach_neither_the_text_nor_the_page(pdfs: dict[str, Path]) -> None:
    raw = PdfReader(pdfs["garbled"]).pages[0].extract_text()
    assert raw.count("\x00") > 300
    assert "/Bullet" in raw
    assert "\uf0b7" in raw
    assert "/g123" in raw
    text = read_pdf(pdfs["garbled"])
    html = html_of(text)
    for shown in (" ".join(texts(text)), html):
        assert _garbage(shown) == []
        assert not re.search(r"/(Bullet|g123|H11001|uni)", shown)
        assert all(word in shown for word in GARBLED_WORDS)
    for item in ("Punkt en", "Punkt to"):  # after /Bullet, and after U+F0B7 (Symbol's bullet) at a line start
        bulleted = re.search(f"• ?{item}", " ".join(texts(text))) or any(item in block.items for block in text.blocks)
        assert bulleted, f"{item!r} has lost its bullet"


def test_document_properties_are_cleaned(pdfs: dict[str, Path], tmp_path: Path) -> None:
    titled = retitled(pdfs["one_page"], tmp_path / "titled.pdf", "Referat\x00\x00 fra /Bullet rådet\ufffd\uf0b7\u00ad")
    assert read_pdf(titled).properties["Title"] == "Referat fra • rådet"


def test_no_control_or_private_use_character_in_any_page_of_the_example(example_site: Path) -> None:
    pages = sorted(example_site.rglob("*.html"))
    assert len(pages) > 20
    bad = {
        str(path.relative_to(example_site)): found
        for path in pages
        if (found := _garbage(path.read_text(encoding="utf-8").replace("\t", "")))
    }
    assert bad == {}


# --- the rules, on text made up to show them -------------------------------------------------


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        ("/Bullet Møte", "• Møte"),
        ("\uf0b7\tMøte", "• Møte"),
        ("Tekst\x00\x00med\x01 nuller\ufffd", "Tekstmed nuller"),
        ("Ord/g12/g13 og/eller A/S km/t", "Ord og/eller A/S km/t"),
        ("/endash.alt /f_f_i /uni00E6", "– ffi æ"),
        ("ﬁnne ﬂyt ÆØÅ æøå", "finne flyt ÆØÅ æøå"),
        ("se https://nav.no/g12 og sak 2019/AB12", "se https://nav.no/g12 og sak 2019/AB12"),
        ("kvali\u00adtet brutt\u00ad", "kvalitet brutt\u00ad"),
        ("midt\ue000i\U000f0001teksten", "midtiteksten"),
    ],
)
def test_clean_text(garbled: str, clean: str) -> None:
    assert clean_text(garbled) == clean


def _page(number: int, *lines: tuple[float, str], size: float = 10.0) -> PageContent:
    return PageContent(number, [_Line(y, 56.0, size, False, text) for y, text in lines], width=595.0, height=842.0)


def test_running_lines_of_a_textbook() -> None:
    """Chapter heads on odd pages, the book's title on even ones, printed page numbers that
    start at 11, a roman-numbered preface page; body text in the middle."""
    pages = [_page(1, (800, "Forord"), (400, "Denne boka handler om brukerråd."), (40, "v"))]
    for number in range(2, 11):
        head = "Brukerråd i praksis" if number % 2 == 0 else ("1 Mandatet" if number < 6 else "2 Møtene")
        pages.append(_page(number, (800, head), (700, f"Tekst på side {number}."), (420, "1 Mandatet"), (40, str(number + 9))))
    drop_running_lines(pages)
    assert [line.text for line in pages[0].lines] == ["Forord", "Denne boka handler om brukerråd."]
    for page in pages[1:]:
        assert [line.text for line in page.lines] == [f"Tekst på side {page.number}.", "1 Mandatet"]


def test_running_lines_need_repeating() -> None:
    two = [_page(1, (800, "Referat"), (400, "Tekst")), _page(2, (800, "Referat"), (400, "Tekst"), (40, "- 2 -"))]
    drop_running_lines(two)
    assert [[line.text for line in page.lines] for page in two] == [["Tekst"], ["Tekst"]]
    heads = {1: "Vedtak:", 2: "Sak 12/26", 3: "Sak 17/26", 4: "Vedtak:", 5: "Sak 20/26", 6: "Sak 21/26"}
    six = [_page(n, (800, head), (400, "Tekst"), (40, f"Referat 12.03.2026 side {n}")) for n, head in heads.items()]
    drop_running_lines(six)
    assert [page.lines[0].text for page in six] == list(heads.values())  # headings, not running heads
    assert all(len(page.lines) == 2 for page in six)  # the footer on every page: dropped
    title = [_page(1, (790, "Referat fra eldrerådet"), size=18), _page(2, (790, "Referat fra eldrerådet"), (400, "Tekst"))]
    drop_running_lines(title)
    assert [line.text for line in title[0].lines] == ["Referat fra eldrerådet"]  # the title, larger than a running head


def test_a_footer_printed_in_pieces_on_one_baseline_is_dropped_whole() -> None:
    """Writer prints "Side" and the page number field ("1 av 1") apart, and a header may hold
    the municipality on the left and the page number on the right: the baseline counts whole."""
    one = PageContent(
        1,
        [_Line(400, 56.0, 12, False, "Tekst"), _Line(44, 56.8, 9, False, "Side"), _Line(44, 75.1, 9, False, "1 av 1")],
        width=595.0,
        height=842.0,
    )
    drop_running_lines([one])
    assert [line.text for line in one.lines] == ["Tekst"]

    def page(number: int) -> PageContent:
        body = _Line(400, 56.0, 12, False, f"Tekst {number}")
        return PageContent(
            number,
            [_Line(800, 56.0, 9, False, "Eksempel kommune"), _Line(800, 500.0, 9, False, f"{number}"), body],
            width=595.0,
            height=842.0,
        )

    pages = [page(n) for n in (1, 2, 3)]
    drop_running_lines(pages)
    assert [[line.text for line in p.lines] for p in pages] == [["Tekst 1"], ["Tekst 2"], ["Tekst 3"]]


def _resolved(*blocks: Block) -> list[Block]:
    return resolve_line_ends(list(blocks))


def test_line_ends_in_paragraphs_lists_and_tables() -> None:
    paragraph = Block("paragraph", "Rådet ber NAV-\nkontoret og helse-\nog omsorgs-\ntjenesten om svar på e-\nposten\ninnen fredag.", 1)
    bullets = Block("list", "Kari\nOla Berg-\nHansen", 1, items=["Kari", "Ola Berg-\nHansen"])
    table = Block(
        "table", "Sak\nFrist\nBudsjett-\nforslaget\n1. mars", 2, rows=[["Sak", "Frist"], ["Budsjett-\nforslaget", "1. mars"]], header=True
    )
    other = Block("paragraph", "Budsjettforslaget kom i tide.", 2)
    _resolved(paragraph, bullets, table, other)
    assert paragraph.text == "Rådet ber NAV-kontoret og helse- og omsorgstjenesten om svar på e-posten innen fredag."
    assert bullets.items == ["Kari", "Ola Berg-Hansen"]
    assert bullets.text == "Kari\nOla Berg-Hansen"
    assert table.rows == [["Sak", "Frist"], ["Budsjettforslaget", "1. mars"]]
    assert table.text == "Sak Frist\nBudsjettforslaget 1. mars"


def test_the_documents_own_words_decide() -> None:
    kept = Block("paragraph", "Vi bruker tv-\nskjermen.", 1)
    joined = Block("paragraph", "Vi bruker data-\nmaskinen.", 1)
    spaced = Block("paragraph", "Ordet kvalitets -\nforbedrings -\narbeidet og en tankestrek -\nder.", 1)
    soft = Block("paragraph", "Et ord med myk bin\u00ad\nde\u00adstrek.", 1)
    elsewhere = Block("paragraph", "Tv-skjermene står i stua. Kvalitetsforbedringsarbeidet fortsetter.", 2)
    _resolved(kept, joined, spaced, soft, elsewhere)
    assert kept.text == "Vi bruker tv-skjermen."  # "tv-skjermene" elsewhere
    assert joined.text == "Vi bruker datamaskinen."  # nothing elsewhere: Norwegian writes compounds as one word
    assert spaced.text == "Ordet kvalitetsforbedringsarbeidet og en tankestrek - der."
    assert soft.text == "Et ord med myk bindestrek."


def test_a_prefix_always_written_with_a_hyphen_keeps_it_at_a_line_end() -> None:
    members = Block("paragraph", "Også ikke-\nmedlemmer og non-\nprofit-organisasjoner fikk komme.", 1)
    _resolved(members)
    assert members.text == "Også ikke-medlemmer og non-profit-organisasjoner fikk komme."
