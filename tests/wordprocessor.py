"""Minutes PDFs as municipalities get them: written by a word processor (LibreOffice).

The tests write flat ODF text documents and let Debian's LibreOffice convert them, then
derive the awkward cases from those real files: encrypted with a password, cut short, and a
"scan" (an image of a page, no text layer). One more is written by hand: a PDF slow to read.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

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


def require_libreoffice() -> str:
    if SOFFICE is None:
        if os.environ.get("CI"):
            raise RuntimeError("LibreOffice is missing; make test installs libreoffice-writer-nogui when run as root")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    return SOFFICE


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


def retitled(source: Path, target: Path, title: str) -> Path:
    """The same word-processor PDF with another title: other bytes, so another cache entry."""
    writer = PdfWriter(clone_from=source)
    writer.add_metadata({"/Title": title})
    with target.open("wb") as handle:
        writer.write(handle)
    return target


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


def _write_pdf(path: Path, content: bytes) -> None:
    """A one-page PDF showing `content` with Helvetica as /F1 (WinAnsiEncoding)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(out)
