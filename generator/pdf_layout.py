"""The text of a PDF page as a reader sees it: one pypdf pass per page gives its text
fragments with position, size, weight and width, and the area its images cover; fragments
on one baseline become lines, kept apart where a wide gap or a column edge separates them
(a table's cells, a second column) and with a list's marker set aside.
`generator.pdf_structure.document_blocks` recovers headings, paragraphs, lists and tables
from those lines.

A page's image coverage tells a scan (an image of text, maybe with a stamp printed as
real text on top) from a page of text (`generator.ocr` decides which pages to OCR).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

MARKER = re.compile(r"(?:[•◦▪‣–\-*·●○■□►➢✓\uf000-\uf0ff\ue000-\uf8ff]|/[Bb]ullet\w*|\d{1,3}[.)]|[a-zA-Z][.)]|[ivxIVX]{1,6}[.)])")
"""A list item's marker printed apart from its text (a bullet glyph, maybe a private-use one
from a Symbol or Wingdings font, or a number or letter)."""
BULLET = re.compile(r"(?:[•◦▪‣–\-*·●○■□►➢✓\uf000-\uf0ff\ue000-\uf8ff]|/[Bb]ullet\w*)")
INLINE_BULLET = re.compile(r"([•◦▪‣●○■□►➢\uf000-\uf0ff\ue000-\uf8ff])\s+(\S.*)")
"""A bullet typed at the start of a line's text (only glyphs that are no punctuation)."""


@dataclass
class _Line:
    """Text on one baseline, one column or one table cell wide."""

    y: float
    x: float
    size: float
    bold: bool
    text: str
    end: float = 0.0
    """Where the text ends on the right (estimated from the font's glyph widths)."""
    marker: str = ""
    """The list marker printed before the text ("•" for any bullet glyph, "1.", "a)"), not in `text`."""
    indent: float = 0.0
    """Where the text after a marker starts: a list item's wrapped lines start there."""


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


class _Widths:
    """Glyph widths per font (per page's font dictionary), to estimate where a fragment ends."""

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[dict[str, float], float]] = {}

    def of(self, text: str, font: dict[str, Any] | None) -> float:
        """The width of `text` in text space units per point of font size."""
        widths, default = self._font(font)
        return sum(widths.get(char, default) for char in text) / 1000

    def _font(self, font: dict[str, Any] | None) -> tuple[dict[str, float], float]:
        key = id(font)
        if key not in self._fonts:
            self._fonts[key] = _glyph_widths(font)
        return self._fonts[key]


def _glyph_widths(font: dict[str, Any] | None) -> tuple[dict[str, float], float]:
    """Widths by character (in 1/1000 em), and the mean width for characters not found."""
    if font is None:
        return {}, 500.0
    from pypdf.generic._font import Font

    try:
        metrics = Font.from_font_resource(font)  # type: ignore[arg-type]
    except Exception:  # a font pypdf cannot measure: an average glyph width will do
        return {}, 500.0
    mapping = metrics.character_map
    widths = {str(mapping.get(code, code)): float(width) for code, width in metrics.character_widths.items() if code != "default"}
    nonzero = [width for width in widths.values() if width > 0]
    return widths, (sum(nonzero) / len(nonzero) if nonzero else 500.0)


@dataclass
class _Fragment:
    y: float
    x: float
    end: float
    size: float
    bold: bool
    text: str


def read_page(page: Any, number: int) -> PageContent:
    """One pypdf pass over `page`: text fragments with position, and the images' area."""
    box = page.cropbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    content = PageContent(number, width=right - left, height=top - bottom)
    fragments: list[_Fragment] = []
    xobjects = _image_names(page)
    widths = _Widths()

    def visit_text(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float) -> None:
        if not text.strip():
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        if not (left - 1 <= x <= right and bottom - 1 <= y <= top):
            return  # outside the visible page: no reader sees it
        name = str((font or {}).get("/BaseFont", ""))
        stretch = abs(tm[0] * cm[0]) or scale
        end = x + widths.of(text.rstrip(), font) * size * stretch
        fragments.append(_Fragment(round(y, 1), x, end, round(size * scale, 1), "Bold" in name or "Heavy" in name, text.strip("\n")))

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


def _merge_lines(fragments: list[_Fragment]) -> list[_Line]:
    """Fragments on one baseline become one line, in content order, unless a wide gap or a
    column edge (a left edge where fragments of several baselines start: a table's or a
    second column's) parts them; a list marker takes the text printed after it."""
    starts = Counter(round(fragment.x * 2) for fragment in fragments)
    lines: list[_Line] = []
    for fragment in fragments:
        last = lines[-1] if lines else None
        if last is not None and abs(last.y - fragment.y) < 0.5 * max(fragment.size, 1.0) and fragment.x > last.x:
            gap = fragment.x - last.end
            if last.marker and not last.text and gap <= 2.5 * fragment.size:
                last.text, last.indent, last.end, last.bold = fragment.text.strip(), fragment.x, fragment.end, fragment.bold
                continue
            if not _apart(gap, fragment, starts[round(fragment.x * 2)]):
                _extend(last, fragment, gap)
                continue
        lines.append(_line(fragment))
    for line in lines:
        if not line.text:  # a marker nothing followed: just text
            line.text, line.marker = line.marker, ""
    return [line for line in lines if line.text.strip()]


def _apart(gap: float, fragment: _Fragment, starts: int) -> bool:
    """Whether `fragment` starts a new column or cell rather than going on with the line."""
    return gap > 1.5 * fragment.size or (gap > 0.25 * fragment.size and starts >= 3)


def _extend(line: _Line, fragment: _Fragment, gap: float) -> None:
    """Add a fragment to its line: touching fragments (a word split by a soft hyphen or a
    font change) join without a space."""
    spaced = gap >= 0.15 * fragment.size and not line.text.endswith(" ") and not fragment.text.startswith(" ")
    line.text = line.text + (" " if spaced else "") + fragment.text
    line.end = max(line.end, fragment.end)
    line.bold = line.bold and fragment.bold
    line.size = max(line.size, fragment.size)


def _line(fragment: _Fragment) -> _Line:
    text = fragment.text.strip()
    line = _Line(fragment.y, fragment.x, fragment.size, fragment.bold, text, fragment.end)
    if MARKER.fullmatch(text):
        line.marker, line.text = _marker(text), ""
    elif inline := INLINE_BULLET.match(text) or re.match(r"([-–*])\s+(\S.*)", text):
        line.marker, line.text = _marker(inline.group(1)), inline.group(2)
    return line


def _marker(text: str) -> str:
    """A list marker as the list shows it: any bullet glyph is "•"; a dash typed as a bullet
    is kept as itself (it starts a list only when the next line starts with one too)."""
    if text in ("-", "–", "*"):
        return text
    return "•" if BULLET.fullmatch(text) else text
