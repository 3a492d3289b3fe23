"""Reading one PDF, in the process that calls it (`generator.pdftext` bounds its time and
memory): open and decrypt it with pypdf, read each page's text and images
(`generator.pdf_layout`), OCR the pages that are images of text (`generator.ocr`), clean
them (`generator.pdf_cleanup`), recover the document's structure (`generator.pdf_structure`),
add the values filled into its form fields (`generator.pdf_forms`), and mark what search
should not index (`generator.pdf_debris`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.ocr import OCR_SECONDS_PER_PAGE, Ocr, needs_ocr, ocr_pages
from generator.pdf_cleanup import clean_pages, clean_value, drop_running_lines, resolve_line_ends
from generator.pdf_debris import mark_debris
from generator.pdf_forms import form_blocks, with_form_values
from generator.pdf_layout import PageContent, read_page
from generator.pdf_model import PdfText, TextStatus
from generator.pdf_structure import document_blocks


def read_pdf(path: Path, ocr: Ocr | None = None, extend: Callable[[float], None] | None = None) -> PdfText:
    """Read one PDF in this process (the caller bounds time and memory). Scanned pages are
    OCRed when `ocr` is available, after asking `extend` for the time that takes."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    return PdfText(TextStatus.ENCRYPTED, detail="the document is protected by a password")
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                return PdfText(TextStatus.ENCRYPTED, detail=f"the document is encrypted ({exc})")
        pages = len(reader.pages)
        contents = _read_pages(reader)
        # Scans are found on the pages as they are: a stamp is text that cleanup could drop
        scans = [content.number for content in contents if needs_ocr(content)]
        ocred = _recognise(path, contents, scans, ocr, extend) if scans and ocr and ocr.available else []
        clean_pages(contents)
        drop_running_lines(contents)
        blocks = resolve_line_ends(document_blocks(contents))
        blocks = with_form_values(blocks, form_blocks(reader, contents))
        mark_debris(blocks)  # last: on the blocks' final text
    except FileNotDecryptedError:
        return PdfText(TextStatus.ENCRYPTED, detail="the document is protected by a password")
    except (MemoryError, OSError):
        raise  # a bound or the file system, not the document: the caller decides (`generator.pdf_pool`)
    except Exception as exc:  # pypdf on a malformed file (PdfReadError, or a bug): as repeatable as the bytes
        return PdfText(TextStatus.BROKEN, detail=f"the file is damaged or not a PDF ({type(exc).__name__})")
    properties = _properties(reader)
    unread = [number for number in scans if number not in ocred]
    if not any(block.text.strip() for block in blocks):
        detail = "the document has no text layer (a scan?)"
        return PdfText(TextStatus.NO_TEXT, pages, detail=detail, properties=properties, unread_pages=unread)
    return PdfText(TextStatus.OK, pages, blocks, properties=properties, ocr_pages=ocred, unread_pages=unread)


def _read_pages(reader: Any) -> list[PageContent]:
    """Each page's content; a page pypdf cannot read (a font with a broken width table, an
    operand of the wrong type) is left empty, and costs the document only its own text. A
    document none of whose pages can be read is damaged (the first page's error is raised)."""
    contents: list[PageContent] = []
    errors: list[Exception] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            contents.append(read_page(page, number))
        except (MemoryError, OSError):
            raise
        except Exception as exc:  # as repeatable as the bytes
            errors.append(exc)
            contents.append(PageContent(number))
    if errors and len(errors) == len(contents):
        raise errors[0]
    return contents


def _recognise(path: Path, contents: list[PageContent], scans: list[int], ocr: Ocr, extend: Callable[[float], None] | None) -> list[int]:
    """OCR the scanned pages and put what they read in place of their contents; the pages
    read. All at once; if that fails (Tesseract on one bad page fails the whole run), again
    page by page, so that a page's failure costs only that page."""
    if extend is not None:
        extend(OCR_SECONDS_PER_PAGE * len(scans))
    read = _read_ocred(path, contents, scans, ocr)
    if not read and len(scans) > 1:
        if extend is not None:
            extend(OCR_SECONDS_PER_PAGE * len(scans))
        read = [number for number in scans if _read_ocred(path, contents, [number], ocr)]
    return read


def _read_ocred(path: Path, contents: list[PageContent], pages: list[int], ocr: Ocr) -> list[int]:
    """OCR `pages` and read them again from OCRmyPDF's output, with the same page pass as
    any page; the pages read, or none when OCR failed."""
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory(prefix="raad-ocr-") as scratch:
        try:
            reader = PdfReader(ocr_pages(path, pages, ocr, Path(scratch)))
            ocred = {number: read_page(reader.pages[number - 1], number) for number in pages}
        except MemoryError:
            raise  # raad's bound (see `generator.pdftext`)
        except Exception:  # OCRmyPDF or Tesseract failed: the rest of the document keeps its text
            return []
    for number, content in ocred.items():
        contents[number - 1] = content
    return pages


MAX_PROPERTY_CHARS = 10_000
"""Longest document property kept: a title or subject is a line; more is no property."""


def _properties(reader: Any) -> dict[str, str]:
    """The text values of the PDF's document information dictionary, by name (``Title``)."""
    try:
        info = reader.metadata or {}
        values = {str(name).lstrip("/"): info[name] for name in info}
    except Exception:  # a damaged information dictionary: the text is still worth having
        return {}
    cleaned = {name: clean_value(value[:MAX_PROPERTY_CHARS]) for name, value in values.items() if isinstance(value, str)}
    return {name: value for name, value in cleaned.items() if value}
