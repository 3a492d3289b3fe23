"""Scanned pages read by text recognition (OCR): which pages, what OCR reads, and a build
without Tesseract.

The scans are real: a Norwegian LibreOffice page rendered at 300 dpi into an image-only PDF,
as a scanner delivers it, alone, with an archive stamp printed as real text on top, or cut into
six images with stray words outside the visible page. `make test` installs Tesseract when run
as root; elsewhere, without it, the tests that need it are skipped (and fail as root).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from wordprocessor import convert, odt, page_image, require_tesseract, scan

from conftest import one, run_build, write_tree
from generator import build as build_module
from generator.ocr import Ocr, find_ocr, needs_ocr, ocr_pages
from generator.pdf_layout import read_page
from generator.pdf_model import PdfText, TextStatus
from generator.pdf_reading import read_pdf

SENTENCES = (
    "Brukerrådet ønsker at beboerne får være med på å planlegge sommerens turer.",
    "Pårørende ønsker at middagen blir servert senere på dagen.",
    "Rådet takket for høstturen til sjøen og ønsker flere slike turer i nærmiljøet.",
)
"""Whole sentences with æøå that Tesseract reads without a mistake from the 300-dpi scan."""

PAGE = [
    ("Referat fra brukerrådet", "Til stede: representantene for beboerne, de pårørende og de ansatte."),
    ("Sak 5/26 Sommeraktiviteter", f"{SENTENCES[0]} Rådet ber om at det settes av penger til en tur før ferien."),
    ("Sak 6/26 Måltider", f"{SENTENCES[1]} Ledelsen svarte at dette skal prøves ut i høst."),
    ("Sak 7/26 Eventuelt", SENTENCES[2]),
]
STAMP = "Arkivsak 19/01234-5 Journalført 12.03.2019 Side 1 av 2"
STRAY = ("Dokument", "skannet", "av", "arkivet")

SCANNED_MINUTES = "rad/eksempelveien-bo-og-dagtilbud/referat/2026-03-17"


@pytest.fixture(scope="module")
def ocr() -> Ocr:
    return require_tesseract()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The text page from LibreOffice and the scans made of it, once for the module."""
    folder = tmp_path_factory.mktemp("ocr")
    made = convert({"text": odt([PAGE])}, folder)
    made["scan"] = scan(made["text"], folder / "scan.pdf")
    made["stamped"] = scan(made["text"], folder / "stamped.pdf", stamp=STAMP)
    made["tiled"] = scan(made["text"], folder / "tiled.pdf", tiles=(2, 3), stray=STRAY)
    made["logo"] = _with_logo(made["text"], folder / "logo.pdf")
    made["mixed"] = _joined([made["text"], made["scan"]], folder / "mixed.pdf")
    return made


def _with_logo(source: Path, target: Path) -> Path:
    """A text page with a logo: a small image in the corner (a piece of the page's own image)."""
    logo = io.BytesIO()
    page_image(source).crop((0, 0, 600, 300)).save(logo, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(logo, x=150, y=10, w=40, h=20)
    pdf.set_y(40)
    pdf.set_font("Helvetica", "", 11)
    for _, paragraph in PAGE:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    target.write_bytes(bytes(pdf.output()))
    return target


def _joined(sources: list[Path], target: Path) -> Path:
    writer = PdfWriter()
    for source in sources:
        writer.append(source)
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def test_without_tesseract_on_path_there_is_no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    missing = find_ocr("nn")
    assert not missing.available
    assert missing.key == "no-ocr"  # another cache key: installing Tesseract reads the scans again
    assert missing.install_hint == "apt-get install tesseract-ocr tesseract-ocr-nor"
    assert find_ocr("en").install_hint == "apt-get install tesseract-ocr tesseract-ocr-eng"


def test_the_ocr_key_names_engine_and_model(ocr: Ocr) -> None:
    assert ocr.languages == ("nor",)
    assert ocr.key.startswith("ocrmypdf-")
    assert "+tesseract-" in ocr.key
    assert "+nor-" in ocr.key


def words(text: PdfText) -> str:
    """The document's text with its line ends and spacing as one space each."""
    return " ".join(" ".join(block.text for block in text.blocks).split())


def first_page(path: Path) -> bool:
    return needs_ocr(read_page(PdfReader(path).pages[0], 1))


def test_which_pages_need_ocr(pdfs: dict[str, Path]) -> None:
    assert first_page(pdfs["scan"])
    assert first_page(pdfs["stamped"])  # its text is the stamp
    assert first_page(pdfs["tiled"])  # six images; the stray words are not on the page
    assert not first_page(pdfs["text"])
    assert not first_page(pdfs["logo"])


@pytest.mark.parametrize("name", ["scan", "stamped", "tiled"])
def test_ocr_reads_the_norwegian_sentences_of_a_scan(pdfs: dict[str, Path], ocr: Ocr, name: str) -> None:
    extended: list[float] = []
    text = read_pdf(pdfs[name], ocr, extended.append)
    assert text.status is TextStatus.OK
    assert text.ocr_pages == [1]
    assert text.unread_pages == []
    assert extended[0] > 0  # the reader's deadline grew before OCR ran
    for sentence in SENTENCES:
        assert sentence in words(text)
    assert not any(word in words(text).split() for word in STRAY if word != "av")
    # the headings stand out (their last word: OCR may misread a case number, "Sak 51/26")
    headings = [block.text.split()[-1] for block in text.blocks if block.kind == "heading"]
    assert headings[-3:] == [heading.split()[-1] for heading, _ in PAGE[-3:]]


def test_the_stamped_scan_gives_more_than_its_stamp(pdfs: dict[str, Path], ocr: Ocr) -> None:
    without_ocr = read_pdf(pdfs["stamped"])
    assert words(without_ocr) == STAMP  # what raad published before: only the stamp
    assert without_ocr.unread_pages == [1]
    text = read_pdf(pdfs["stamped"], ocr)
    assert text.ocr_pages == [1]
    assert len(words(text)) > 5 * len(STAMP)
    assert "Sak 6/26 Måltider" in words(text)


def test_a_text_page_is_not_ocred(pdfs: dict[str, Path], ocr: Ocr) -> None:
    for name in ("text", "logo"):
        text = read_pdf(pdfs[name], ocr)
        assert text.ocr_pages == [], name
        assert text.unread_pages == [], name
        assert SENTENCES[1] in words(text)


def test_an_ocred_pdf_is_not_ocred_again(pdfs: dict[str, Path], ocr: Ocr, tmp_path: Path) -> None:
    ocred = ocr_pages(pdfs["scan"], [1], ocr, tmp_path)
    text = read_pdf(ocred, ocr)
    assert text.ocr_pages == []
    assert SENTENCES[0] in words(text)  # its own invisible text layer


def test_only_the_scanned_page_of_a_document_is_ocred(pdfs: dict[str, Path], ocr: Ocr) -> None:
    text = read_pdf(pdfs["mixed"], ocr)
    assert text.ocr_pages == [2]
    assert words(text).count(SENTENCES[1]) == 2  # the page's own text, and OCR's of its scan


def test_a_failing_ocr_keeps_the_other_text(pdfs: dict[str, Path], ocr: Ocr, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*_: object) -> Path:
        raise RuntimeError("tesseract: Error during processing")

    monkeypatch.setattr("generator.pdf_reading.ocr_pages", failing)
    text = read_pdf(pdfs["mixed"], ocr)
    assert text.status is TextStatus.OK
    assert text.unread_pages == [2]
    assert text.ocr_pages == []
    assert SENTENCES[1] in words(text)


def test_the_minutes_page_names_the_ocred_page(example_site: Path) -> None:
    from bs4 import BeautifulSoup

    require_tesseract()
    html = (example_site / SCANNED_MINUTES / "index.html").read_text(encoding="utf-8")
    article = one(BeautifulSoup(html, "html.parser"), "article")
    notice = " ".join(one(article, ".raad-notice").get_text().split())
    assert "Teksten på side 1 er lest fra et bilde av siden med tekstgjenkjenning (OCR), og kan inneholde feil." in notice
    text = one(article, ".raad-pdf-text").get_text(" ", strip=True)
    assert "sansehagevandringen" in text  # only the image holds it


def test_without_tesseract_the_build_warns_once_and_names_the_missing_pages(
    tmp_path: Path, project: Path, pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = Ocr(False, ("nor",), install_hint="apt-get install tesseract-ocr tesseract-ocr-nor")
    monkeypatch.setattr(build_module, "find_ocr", lambda language: missing)
    write_tree(
        project,
        {
            "councils/testheim/minutes/2026-03-01.pdf": pdfs["mixed"].read_bytes(),
            "councils/testheim/minutes/2025-10-01.pdf": pdfs["stamped"].read_bytes(),
        },
    )
    result = run_build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.lines if "Tesseract" in line]
    assert len(warnings) == 1, result.output
    assert "2 scanned pages in 2 PDFs could not be read" in warnings[0]
    assert "apt-get install tesseract-ocr tesseract-ocr-nor" in warnings[0]
    page = (tmp_path / "site/rad/testheim/referat/2026-03-01/index.html").read_text(encoding="utf-8")
    assert "Teksten på side 2 er et bilde og er ikke med her." in " ".join(page.split())
