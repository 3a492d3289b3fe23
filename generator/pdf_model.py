"""What reading a PDF gives: its text as headings, paragraphs, lists and tables by page, or
why there is none. Plain data, cached as JSON by `generator.pdftext` and read by the pages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"  # `items`, bulleted or numbered (`ordered`)
    TABLE = "table"  # `rows` of cells, the first a header row when `header`


@dataclass
class Block:
    """A heading, paragraph, list or table of extracted text, with the page it starts on
    (1-based). `text` is the block's whole text in reading order, whatever its kind: what the
    personal data scan and the date guess read."""

    kind: str  # a BlockKind value
    text: str
    page: int
    items: list[str] = field(default_factory=list)
    ordered: bool = False
    rows: list[list[str]] = field(default_factory=list)
    header: bool = False
    indexed: bool = True
    """False for debris (formula tokens, stray single characters): shown, but kept out of the
    search index, where it would match words nobody wrote."""


class TextStatus(StrEnum):
    """Whether a PDF's text could be read, and if not, why (the page tells the reader)."""

    OK = "ok"
    ENCRYPTED = "encrypted"  # protected by a password
    NO_TEXT = "no_text"  # no text layer: a scan
    BROKEN = "broken"  # damaged, or the reader ran out of memory
    TIMEOUT = "timeout"  # reading took longer than allowed


@dataclass
class PdfText:
    """What could be read from one PDF, and if nothing, why (`status`)."""

    status: TextStatus
    pages: int | None = None
    blocks: list[Block] = field(default_factory=list)
    detail: str = ""
    properties: dict[str, str] = field(default_factory=dict)
    """The document information a PDF viewer shows (Title, Author, Subject, ...): published
    with the file, so checked for personal data like its text, even in a scan."""
    ocr_pages: list[int] = field(default_factory=list)
    """Pages whose text was read by OCR from their image (the page says so: it may contain errors)."""
    unread_pages: list[int] = field(default_factory=list)
    """Pages that are images of text but could not be OCRed (Tesseract is not installed)."""

    @property
    def ok(self) -> bool:
        return self.status is TextStatus.OK

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PdfText:
        blocks = [Block(**b) for b in data.get("blocks", [])]
        return cls(
            TextStatus(data["status"]),
            data.get("pages"),
            blocks,
            data.get("detail", ""),
            dict(data.get("properties", {})),
            list(data.get("ocr_pages", [])),
            list(data.get("unread_pages", [])),
        )
