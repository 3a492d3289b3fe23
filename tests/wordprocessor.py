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
from pathlib import Path
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
    body = [
        '<text:p text:style-name="Text_20_body">' + "<text:line-break/>".join(escape(line) for line in lines) + "</text:p>"
        for lines in paragraphs
    ]
    return "\n".join([_HEAD, *body, _TAIL])


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


def slow_pdf(path: Path, operators: int = 300_000) -> Path:
    """A valid PDF whose one page holds `operators` text operators: slow to read (300,000
    take seconds and more memory than 64 MiB; 30,000 most of a second)."""
    content = b"BT /F1 12 Tf " + b"(x) Tj 1 0 Td " * operators + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
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
    return path


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)
