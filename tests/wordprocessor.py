"""Minutes PDFs as municipalities get them: written by a word processor (LibreOffice).

The tests write flat ODF text documents and let Debian's LibreOffice convert them, then
derive the awkward cases from those real files: encrypted with a password, cut short, and a
"scan" (an image of a page, no text layer). Scans for OCR are real pages of those PDFs rendered
at 300 dpi, as a scanner delivers them, maybe with an archive stamp printed as real text on
top. One more is written by hand: a PDF slow to read.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from generator.ocr import Ocr, find_ocr

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

PAGE_3_SENTENCE = "Brukerrådet ønsker at pårørende får årlig informasjon om tjenestens kvalitetsmål på Ålesund sykehjem."

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="Break" style:family="paragraph" style:parent-style-name="Text_20_body">
   <style:paragraph-properties fo:break-before="page"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:text>
"""
_TAIL = "</office:text></office:body></office:document>\n"


def odt(pages: list[list[tuple[str, str]]]) -> str:
    """A flat ODF text document: per page, (heading, paragraph) pairs; pages break explicitly."""
    parts = [_HEAD]
    for number, page in enumerate(pages):
        if number:
            parts.append('<text:p text:style-name="Break"/>')
        for heading, paragraph in page:
            if heading:
                parts.append(f'<text:h text:outline-level="2">{escape(heading)}</text:h>')
            parts.append(f'<text:p text:style-name="Text_20_body">{escape(paragraph)}</text:p>')
    parts.append(_TAIL)
    return "\n".join(parts)


def odt_lines(paragraphs: list[list[str]]) -> str:
    """A flat ODF text document of paragraphs whose lines are broken by hand (Shift+Enter),
    so that they stay one paragraph: a sentence with a formula on lines of its own."""
    return broken_lines([("Text_20_body", "\n".join(lines)) for lines in paragraphs])


def require_libreoffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI"):
            raise RuntimeError("LibreOffice is missing; make test installs libreoffice-writer-nogui when run as root")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return SOFFICE


def require_tesseract() -> Ocr:
    """The machine's OCR for Norwegian: skips without Tesseract, except as root, where
    `make test` installs it (so there its absence is a failure)."""
    ocr = find_ocr("nb")
    if not ocr.available:
        if os.geteuid() == 0:
            raise RuntimeError(f"Tesseract with the Norwegian model is missing; make test installs it when run as root ({ocr.install_hint})")
        pytest.skip(f"Tesseract with the Norwegian model is not installed ({ocr.install_hint})")
    return ocr


def convert(documents: dict[str, str], folder: Path) -> dict[str, Path]:
    """Write each named document as .fodt and convert them all to PDF in one LibreOffice run."""
    soffice = require_libreoffice()
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, text in documents.items():
        source = folder / f"{name}.fodt"
        source.write_text(text, encoding="utf-8")
        sources.append(str(source))
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *sources],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: folder / f"{name}.pdf" for name in documents}


def encrypted(source: Path, target: Path) -> Path:
    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password="hemmelig", owner_password="eier", algorithm="AES-256")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def scanned(target: Path) -> Path:
    """A page as a scanner delivers it: an image of text, no text layer."""
    image = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(image)
    for line in range(30):
        draw.text((120, 150 + line * 40), "Referat fra brukerrådet – skannet side", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    target.write_bytes(buffer.getvalue())
    return target


SCAN_DPI = 300


def page_image(source: Path, dpi: int = SCAN_DPI) -> Image.Image:
    """The first page of `source` as a grayscale image, as a scanner sees it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(source)
    try:
        image: Image.Image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    return image


def scan(source: Path, target: Path, stamp: str = "", tiles: tuple[int, int] = (1, 1), stray: tuple[str, ...] = ()) -> Path:
    """An image-only PDF of the first page of `source` at 300 dpi (grayscale JPEG, as
    scanners write them): the page cut into `tiles` (columns, rows) images, with `stamp` as
    one line of real text on top and `stray` words placed outside the visible page."""
    import datetime as dt

    from fpdf import FPDF

    image = page_image(source)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    columns, rows = tiles
    for column, row in itertools.product(range(columns), range(rows)):
        box = (image.width * column // columns, image.height * row // rows, image.width * (column + 1) // columns, image.height * (row + 1) // rows)
        buffer = io.BytesIO()
        image.crop(box).save(buffer, format="JPEG", quality=60, optimize=True)
        pdf.image(buffer, x=210 * column / columns, y=297 * row / rows, w=210 / columns, h=297 / rows)
    pdf.set_font("Helvetica", "", 8)
    if stamp:
        pdf.text(12, 8, stamp)
    for number, word in enumerate(stray):
        pdf.text(-60, 40 + 30 * number, word)  # left of the page: in the file, not on the page
    target.write_bytes(bytes(pdf.output()))
    return target


def retitled(source: Path, target: Path, title: str) -> Path:
    """The same word-processor PDF with another title: other bytes, so another cache entry."""
    writer = PdfWriter(clone_from=source)
    writer.add_metadata({"/Title": title})
    with target.open("wb") as handle:
        writer.write(handle)
    return target


_PAGE_STYLES = """
  <style:page-layout style:name="Page">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.8cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.8cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Small" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
  <style:style style:name="Narrow" style:family="paragraph" style:parent-style-name="Text_20_body">
   <style:paragraph-properties fo:margin-right="14cm"/>
  </style:style>
  <style:style style:name="gr1" style:family="graphic">
   <style:graphic-properties style:vertical-pos="top" style:vertical-rel="baseline"/>
  </style:style>
"""
"""A page with room for a header and footer; a small type for them; a paragraph 3 cm wide, which
breaks a long word; the graphic style a form control needs to be placed (without it Writer
drops the form)."""


def with_header_and_footer(document: str, header: str, footer: str = "") -> str:
    """`document` (from `odt`) with a header on every page, and a footer with `footer` and the
    page number: "Side 2 av 4", as Writer's Insert > Field > Page Number and Page Count write it."""
    number = '<text:page-number text:select-page="current">1</text:page-number> av <text:page-count>1</text:page-count>'
    master = (
        ' <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">'
        f'<style:header><text:p text:style-name="Small">{escape(header)}</text:p></style:header>'
        f'<style:footer><text:p text:style-name="Small">{escape(footer)} Side {number}</text:p></style:footer>'
        "</style:master-page></office:master-styles>\n"
    )
    document = document.replace(" </office:automatic-styles>", _PAGE_STYLES + " </office:automatic-styles>", 1)
    return document.replace(" <office:body>", master + " <office:body>", 1)


def broken_lines(paragraphs: list[tuple[str, str]]) -> str:
    """A flat ODF text document of (style, text) paragraphs, each "\\n" in a text a manual line
    break (Shift+Enter); "Narrow" paragraphs are 3 cm wide, so a long word with soft hyphens
    (U+00AD, Ctrl+-) breaks at one of them."""
    body = [
        f'<text:p text:style-name="{style}">' + "<text:line-break/>".join(escape(line) for line in text.split("\n")) + "</text:p>"
        for style, text in paragraphs
    ]
    head = _HEAD.replace(" </office:automatic-styles>", _PAGE_STYLES + " </office:automatic-styles>", 1)
    return head + "\n".join(body) + _TAIL


FORM_FIELDS = {
    "Navn på innmelder": "Kari Nordmann",
    "Telefon": "912 34 567",
    "Merknad": "Rådet ønsker svar før påskeferien.",
}
"""The form's filled text fields: tooltip (the label a PDF reader shows) and value."""
FORM_CHOICE = ("Kommune", "Ålesund")
FORM_CHECKBOX = "Ønsker kopi av svaret"
FORM_EMPTY = "Kommentar fra sekretariatet"


def filled_form() -> str:
    """A form as a council secretary makes one in Writer (Form Controls: text boxes, a list box,
    a check box), filled in and saved: Writer exports the controls as PDF form fields holding
    their current values, which the page's own text does not contain."""
    head = _HEAD.replace(" </office:automatic-styles>", _PAGE_STYLES + " </office:automatic-styles>", 1)
    head = head.replace(
        "xmlns:fo=",
        'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0"\n xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"\n'
        ' xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"\n xmlns:ooo="http://openoffice.org/2004/office"\n xmlns:fo=',
    )
    component = "ooo:com.sun.star.form.component."
    controls = [
        f'<form:text form:name="Felt{n}" form:control-implementation="{component}TextField" xml:id="c{n}" form:id="c{n}"'
        f' form:title="{escape(label)}" form:current-value="{escape(value)}"/>'
        for n, (label, value) in enumerate(FORM_FIELDS.items())
    ]
    controls.append(
        f'<form:text form:name="Tom" form:control-implementation="{component}TextField" xml:id="c8" form:id="c8" form:title="{escape(FORM_EMPTY)}"/>'
    )
    controls.append(
        f'<form:listbox form:name="{FORM_CHOICE[0]}" form:control-implementation="{component}ListBox" xml:id="c9" form:id="c9" form:dropdown="true">'
        f'<form:option form:label="Bergen"/><form:option form:label="{escape(FORM_CHOICE[1])}" form:current-selected="true"/></form:listbox>'
    )
    controls.append(
        f'<form:checkbox form:name="Kopi" form:control-implementation="{component}CheckBox" xml:id="c10" form:id="c10"'
        f' form:title="{escape(FORM_CHECKBOX)}" form:label="{escape(FORM_CHECKBOX)}" form:current-state="checked"/>'
    )
    forms = (
        '<office:forms form:automatic-focus="false" form:apply-design-mode="false"><form:form form:name="Skjema">'
        + "".join(controls)
        + "</form:form></office:forms>"
    )

    def control(number: int, label: str, width: str = "8cm") -> str:
        shape = f'<draw:control text:anchor-type="as-char" draw:style-name="gr1" svg:width="{width}" svg:height="0.8cm" draw:control="c{number}"/>'
        return f'<text:p text:style-name="Text_20_body">{escape(label)}: {shape}</text:p>'

    body = [forms, '<text:h text:outline-level="1">Innmelding av sak til brukerrådet</text:h>']
    body += [control(n, label) for n, label in enumerate(FORM_FIELDS)]
    body += [control(8, FORM_EMPTY), control(9, FORM_CHOICE[0], "4cm"), control(10, "Kopi", "6cm")]
    return head + "\n".join(body) + _TAIL


GARBLED_WORDS = ["Punkt en", "Punkt to", "Tekst", "med", "nuller", "Ferdig"]


def garbled_pdf(path: Path) -> Path:
    """A PDF as old tools write them, by hand: a font whose encoding names glyphs pypdf cannot
    map (/Bullet, /g123, /H11001, /uniF0B7: a Symbol bullet in the private-use area) and has
    no ToUnicode map, and strings with NUL and other control bytes; its words are `GARBLED_WORDS`."""
    font = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding"
        b" /Differences [1 /Bullet /g123 /H11001 /uniF0B7] >> >>"
    )
    content = (
        b"BT /F1 12 Tf 72 760 Td (\001 Punkt en) Tj 0 -20 Td (\004 Punkt to) Tj"
        b" 0 -20 Td (Tekst\000\000\000\000med\002\003 nuller\x8d\x9d\x81\x0b\x1f) Tj"
        b" 0 -20 Td (" + b"\000" * 300 + b"Ferdig) Tj ET"
    )
    _write_pdf(path, content, font)
    return path


def slow_pdf(path: Path, operators: int = 300_000) -> Path:
    """A valid PDF whose one page holds `operators` text operators: slow to read (300,000
    take seconds and more memory than 64 MiB; 30,000 most of a second)."""
    content = b"BT /F1 12 Tf " + b"(x) Tj 1 0 Td " * operators + b"ET"
    _write_pdf(path, content)
    return path


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


COLUMN_LEFT_SENTENCE = "Rådet gikk gjennom referatet fra forrige møte og godkjente det uten merknader."
COLUMN_RIGHT_SENTENCE = "Eldrerådet ber om en skriftlig orientering om kvalitetsforbedringsarbeidet før neste møte."
ATTENDEES = ["Kari Nordmann, leder", "Ola Hansen, nestleder", "Aud Berg, medlem", "Per Olsen, sekretær"]
ACTIONS = [
    "Kommunedirektøren sender saken til NAV-kontoret for uttalelse.",
    "Sekretariatet sender innkallingen med e-posten til alle medlemmer i god tid før neste møte.",
    "Rådet besøker bo- og omsorgssenteret i mai.",
]
TABLE = [
    ("Sak", "Ansvarlig", "Frist"),
    ("12/26 Budsjett", "Kari Nordmann", "1. mars"),
    ("13/26 Eldrerådets årsmelding og planen for transporttilbudet", "Ola Hansen", "15. april"),
    ("14/26 Eventuelt", "Per Olsen", "1. juni"),
]
CROSSING_PARAGRAPH = (
    "Rådet drøftet tilbudet ved bo- og omsorgssenteret og samarbeidet med NAV-kontoret, og "
    "medlemmene mener at informasjonen som sendes med e-posten må være lettere å lese, at "
    "pårørende skal få vite hvem de kan kontakte, og at tjenesten bør legge fram en plan "
    "for arbeidet med tidsfrister og ansvarlige, slik at planen kan drøftes på et senere "
    "møte sammen med brukerrepresentantene fra alle bydelene i kommunen."
)
CROSSING_PAGE_PARAGRAPH = "Til slutt gikk rådet gjennom " + ", ".join(
    f"{topic} i {place}"
    for topic in ("tilbudet", "bemanningen", "ventetiden", "maten", "transporten", "aktivitetene", "besøkstidene", "rutinene", "økonomien", "turene")
    for place in ("sentrum", "nord", "sør", "øst", "vest", "fjellet", "dalen", "byen", "bygda", "skogen", "havna", "øya", "lia", "åsen", "vika", "heia")
) + ", og alt dette skal følges opp."
SOFT_HYPHEN_WORD = "kvalitets\u00adforbedrings\u00adarbeidet"
SOFT_HYPHEN_SENTENCE = f"Rådet støtter det systematiske {SOFT_HYPHEN_WORD} i tjenesten, og vil følge det videre gjennom året."
FULL_WIDTH_SENTENCE = "Møtet ble avsluttet klokken 15.30, og referatet sendes til alle medlemmene av rådet."

_COLUMNS_STYLES = """
  <style:style style:name="Columns" style:family="section">
   <style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/></style:section-properties>
  </style:style>
  <style:style style:name="Bold" style:family="paragraph" style:parent-style-name="Standard">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Cell" style:family="table-cell">
   <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
  </style:style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/>
    </style:list-level-properties>
   </text:list-level-style-bullet>
  </text:list-style>
  <text:list-style style:name="Numbers">
   <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">
    <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
     <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.635cm" fo:text-indent="-0.635cm" fo:margin-left="0.635cm"/>
    </style:list-level-properties>
   </text:list-level-style-number>
  </text:list-style>
"""


def _paragraph(text: str, style: str = "Text_20_body") -> str:
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def _list(items: list[str], style: str) -> str:
    return f'<text:list text:style-name="{style}">' + "".join(f"<text:list-item>{_paragraph(item)}</text:list-item>" for item in items) + "</text:list>"


def _table(rows: Sequence[Sequence[str]]) -> str:
    """A table with a repeated header row, as Writer's Table > Insert makes it (borders drawn)."""
    columns = len(rows[0])

    def row(cells: Sequence[str], style: str) -> str:
        return "<table:table-row>" + "".join(f'<table:table-cell table:style-name="Cell" office:value-type="string">{_paragraph(c, style)}</table:table-cell>' for c in cells) + "</table:table-row>"

    return (
        f'<table:table table:name="Oppfolging"><table:table-column table:number-columns-repeated="{columns}"/>'
        f"<table:table-header-rows>{row(rows[0], 'Bold')}</table:table-header-rows>"
        + "".join(row(cells, "Standard") for cells in rows[1:])
        + "</table:table>"
    )


def two_column_minutes() -> str:
    """Norwegian minutes as a council secretary writes them in LibreOffice: a full-width title,
    a two-column section (attendees as a bulleted list, paragraphs, a numbered list, a paragraph
    that runs from the left column into the right), then a full-width table with a header row."""
    head = _HEAD.replace("xmlns:fo=", 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"\n xmlns:fo=')
    head = head.replace(" </office:automatic-styles>", _COLUMNS_STYLES + " </office:automatic-styles>")
    columns = [
        '<text:h text:outline-level="2">Til stede</text:h>',
        _list(ATTENDEES, "Bullets"),
        '<text:h text:outline-level="2">Sak 11/26 Referat</text:h>',
        _paragraph(COLUMN_LEFT_SENTENCE),
        '<text:h text:outline-level="2">Sak 12/26 Tilbudet</text:h>',
        _paragraph(CROSSING_PARAGRAPH),
        _paragraph(SOFT_HYPHEN_SENTENCE),
        '<text:h text:outline-level="2">Oppfølging</text:h>',
        _list(ACTIONS, "Numbers"),
        _paragraph(COLUMN_RIGHT_SENTENCE),
    ]
    body = [
        '<text:h text:outline-level="1">Referat fra møte i eldrerådet 10. februar 2026</text:h>',
        '<text:section text:style-name="Columns" text:name="Spalter">',
        *columns,
        "</text:section>",
        _paragraph(FULL_WIDTH_SENTENCE),
        _table(TABLE),
        _paragraph(CROSSING_PAGE_PARAGRAPH),
    ]
    return head + "\n".join(body) + _TAIL


Part = tuple[str, object]
"""A piece of a document: ("h1"|"h2", text), ("p", text), ("ul"|"ol", items), ("table", rows),
or ("page", "") for a page break."""


def structured_document(parts: list[Part], header: str = "", footer: str = "") -> str:
    """A flat ODF text document of headings, paragraphs, bulleted and numbered lists and
    tables, as a secretary writes minutes in Writer; with `header` on every page and the
    page number ("Side 1 av 2") in the footer when `header` is given."""
    head = _HEAD.replace("xmlns:fo=", 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"\n xmlns:fo=')
    head = head.replace(" </office:automatic-styles>", _COLUMNS_STYLES + " </office:automatic-styles>")
    writers: dict[str, Callable[[Any], str]] = {
        "h1": lambda text: f'<text:h text:outline-level="1">{escape(text)}</text:h>',
        "h2": lambda text: f'<text:h text:outline-level="2">{escape(text)}</text:h>',
        "p": _paragraph,
        "ul": lambda items: _list(items, "Bullets"),
        "ol": lambda items: _list(items, "Numbers"),
        "table": _table,
        "page": lambda _: '<text:p text:style-name="Break"/>',
    }
    document = head + "\n".join(writers[kind](value) for kind, value in parts) + _TAIL
    return with_header_and_footer(document, header, footer) if header else document


INTERLEAVED_TEXT = (
    "The council asked the municipality to publish the minutes of every meeting within two weeks, "
    "to send the agenda to all members at least one week before the meeting, and to answer the "
    "questions from the members in writing before the next meeting of the council, so that the "
    "members can prepare and the public can follow the work of the council over the year."
)


def interleaved_columns_pdf(path: Path) -> tuple[list[str], list[str]]:
    """A two-column page written line by line across both columns (left line, right line, ...),
    as some typesetters do: one paragraph runs down the left column and on into the right.
    Returns the left and right column lines."""
    import textwrap

    lines = textwrap.wrap(INTERLEAVED_TEXT, 44)
    half = (len(lines) + 1) // 2
    left, right = lines[:half], lines[half:]
    placed = [(x, 760 - 14 * row, column[row]) for row in range(half) for x, column in ((56, left), (310, right)) if row < len(column)]
    positioned_text_pdf(path, placed)
    return left, right


def positioned_text_pdf(path: Path, placed: Sequence[tuple[float, float, str]]) -> Path:
    """A one-page PDF showing each text at its (x, y) in Helvetica 11, all in one text object
    (so pypdf joins the texts on one baseline into one piece, as it does for many producers)."""
    ops = [b"BT /F1 11 Tf"]
    for x, y, text in placed:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"1 0 0 1 %.1f %.1f Tm (%s) Tj" % (x, y, escaped))
    ops.append(b"ET")
    _write_pdf(path, b"\n".join(ops))
    return path


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def _write_pdf(path: Path, content: bytes, font: bytes = HELVETICA) -> None:
    """A one-page PDF showing `content` with `font` as /F1 (Helvetica, WinAnsiEncoding)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    path.write_bytes(_pdf_bytes(objects))


def _pdf_bytes(objects: Sequence[bytes]) -> bytes:
    """A PDF file of `objects`, numbered from 1 (the first the catalog), with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def pages_pdf(path: Path, contents: Sequence[bytes], page_entries: bytes = b"", extra: Sequence[bytes] = ()) -> Path:
    """A PDF by hand with one page per content stream, Helvetica as /F1 (object 3), each page
    with `page_entries` added to its dictionary (a /CropBox, /Rotate, /Annots, resources...),
    and `extra` objects numbered from 4 + 2 * len(contents)."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(contents)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for number, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R %s >>" % (5 + 2 * number, page_entries))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects += extra
    path.write_bytes(_pdf_bytes(objects))
    return path


def shown(placed: Sequence[tuple[float, float, str]], size: float = 10) -> bytes:
    """A content stream showing each text at its (x, y) in /F1."""
    ops = [b"BT /F1 %g Tf" % size]
    for x, y, text in placed:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"1 0 0 1 %.1f %.1f Tm (%s) Tj" % (x, y, escaped))
    return b"\n".join([*ops, b"ET"])
