"""Reading one PDF, in the process that calls it (`generator.pdftext` bounds its time and
memory): open and decrypt it with pypdf, read each page's text and images
(`generator.pdf_layout`), and recover the document's structure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.pdf_layout import read_page
from generator.pdf_model import PdfText, TextStatus
from generator.pdf_structure import document_blocks


def read_pdf(path: Path) -> PdfText:
    """Read one PDF in this process (the caller bounds time and memory)."""
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
        contents = [read_page(page, number) for number, page in enumerate(reader.pages, start=1)]
        blocks = document_blocks(contents)
    except FileNotDecryptedError:
        return PdfText(TextStatus.ENCRYPTED, detail="the document is protected by a password")
    except (MemoryError, OSError):
        raise  # a bound or the file system, not the document: the caller decides (see `_child`)
    except Exception as exc:  # pypdf on a malformed file (PdfReadError, or a bug): as repeatable as the bytes
        return PdfText(TextStatus.BROKEN, detail=f"the file is damaged or not a PDF ({type(exc).__name__})")
    properties = _properties(reader)
    if not any(block.text.strip() for block in blocks):
        return PdfText(TextStatus.NO_TEXT, pages, detail="the document has no text layer (a scan?)", properties=properties)
    return PdfText(TextStatus.OK, pages, blocks, properties=properties)


MAX_PROPERTY_CHARS = 10_000
"""Longest document property kept: a title or subject is a line; more is no property."""


def _properties(reader: Any) -> dict[str, str]:
    """The text values of the PDF's document information dictionary, by name (``Title``)."""
    try:
        info = reader.metadata or {}
        values = {str(name).lstrip("/"): info[name] for name in info}
    except Exception:  # a damaged information dictionary: the text is still worth having
        return {}
    return {name: value[:MAX_PROPERTY_CHARS] for name, value in values.items() if isinstance(value, str) and value.strip()}
