"""The reading order and structure of a PDF's text: one pypdf pass per page gives its text
fragments with position, size and weight, and the area its images cover; lines, then
headings, paragraphs, lists and tables are recovered from those positions.

Word processors set headings larger or bold, and end paragraphs with a short line or extra
space. A page's image coverage tells a scan (an image of text, maybe with a stamp printed as
real text on top) from a page of text (`generator.ocr` decides which pages to OCR).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.pdf_model import Block


@dataclass
class _Line:
    y: float
    x: float
    size: float
    bold: bool
    text: str


@dataclass
class PageContent:
    """What one pass over a page's content gives: its text lines (in content order, on the
    visible page only) and how much of the page its text and its images cover."""

    number: int
    lines: list[_Line] = field(default_factory=list)
    plain: str = ""
    width: float = 0.0
    height: float = 0.0
    image_area: float = 0.0
    """The area of the visible page that images cover, in square points (overlaps counted once
    at most per image)."""
    text_area: float = 0.0
    """The area of the visible page that text lines cover (line length times font size)."""

    @property
    def area(self) -> float:
        return self.width * self.height


def read_page(page: Any, number: int) -> PageContent:
    """One pypdf pass over `page`: text fragments with position, and the images' area."""
    box = page.cropbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    content = PageContent(number, width=right - left, height=top - bottom)
    fragments: list[_Line] = []
    xobjects = _image_names(page)

    def visit_text(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float) -> None:
        if not text.strip():
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        if not (left - 1 <= x <= right and bottom - 1 <= y <= top):
            return  # outside the visible page: no reader sees it
        name = str((font or {}).get("/BaseFont", ""))
        fragments.append(_Line(round(y, 1), x, round(size * scale, 1), "Bold" in name or "Heavy" in name, text))

    def visit_operator(operator: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        if operator == b"Do" and operands and str(operands[0]) in xobjects:
            content.image_area += _visible_area(cm, (left, bottom, right, top))

    content.plain = page.extract_text(visitor_text=visit_text, visitor_operand_before=visit_operator)
    content.lines = _merge_lines(fragments)
    content.text_area = sum(len(line.text.strip()) * line.size * 0.5 * line.size for line in content.lines)
    return content


def _image_names(page: Any) -> set[str]:
    """The names of the page's image XObjects (`/Im0`), which a `Do` operator paints."""
    try:
        resources = page["/Resources"].get_object()
        xobjects = resources["/XObject"].get_object() if "/XObject" in resources else {}
        return {str(name) for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"}
    except (AttributeError, KeyError, TypeError):
        return set()


def _visible_area(cm: list[float], box: tuple[float, float, float, float]) -> float:
    """The area of the unit square under `cm` (where an image is painted) inside `box`."""
    corners = [(cm[0] * u + cm[2] * v + cm[4], cm[1] * u + cm[3] * v + cm[5]) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    width = max(0.0, min(max(xs), box[2]) - max(min(xs), box[0]))
    height = max(0.0, min(max(ys), box[3]) - max(min(ys), box[1]))
    return width * height


def document_blocks(pages: list[PageContent]) -> list[Block]:
    """The headings and paragraphs of a whole document, page by page."""
    blocks: list[Block] = []
    for page in pages:
        if page.lines:
            blocks.extend(_blocks(page.lines, page.number))
        elif page.plain.strip():
            blocks.append(Block("paragraph", " ".join(page.plain.split()), page.number))
    return blocks


def _merge_lines(fragments: list[_Line]) -> list[_Line]:
    """Fragments on one baseline become one line, in reading order."""
    lines: list[_Line] = []
    for fragment in fragments:
        if lines and abs(lines[-1].y - fragment.y) < 0.5 * max(fragment.size, 1.0):
            last = lines[-1]
            joiner = "" if last.text.endswith((" ", "-")) or fragment.text.startswith(" ") else " "
            last.text = (last.text + joiner + fragment.text.strip("\n")).rstrip("\n")
            last.bold = last.bold and fragment.bold
            last.size = max(last.size, fragment.size)
        else:
            lines.append(_Line(fragment.y, fragment.x, fragment.size, fragment.bold, fragment.text.strip("\n")))
    return [line for line in lines if line.text.strip()]


def _blocks(lines: list[_Line], number: int) -> list[Block]:
    body = Counter(line.size for line in lines).most_common(1)[0][0]
    gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if 0 < a.y - b.y < 3 * body]
    line_gap = statistics.median(gaps) if gaps else body * 1.2
    longest = max(len(line.text) for line in lines)
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in lines:
        text = " ".join(line.text.split())
        heading = (line.size > body + 1 or (line.bold and len(text) < 100)) and len(text) < 160
        kind = "heading" if heading else "paragraph"
        continues_heading = (
            heading
            and previous is not None
            and blocks[-1].kind == "heading"
            and abs(previous.size - line.size) < 0.5
            and 0 < previous.y - line.y <= line.size * 1.6
        )
        starts_new = not continues_heading and (
            previous is None
            or heading
            or blocks[-1].kind == "heading"
            or previous.y - line.y > line_gap * 1.4
            or previous.y < line.y
            or (len(previous.text.strip()) < 0.7 * longest and previous.text.rstrip().endswith((".", ":", "!", "?")))
        )
        if starts_new:
            blocks.append(Block(kind, text, number))
        else:
            joined = blocks[-1].text
            blocks[-1].text = joined[:-1] + text if joined.endswith("-") and text[:1].islower() else f"{joined} {text}"
        previous = line
    return blocks
