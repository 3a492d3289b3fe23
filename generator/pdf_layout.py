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

import itertools
import re
import weakref
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
    visible page only; a baseline's text parted where a wide gap or a column edge separates
    it, so a line is one column or one table cell wide) and how much of the page its text
    and its images cover. Cleanup changes a line's `text` or drops lines, keeping the rest."""

    number: int
    lines: list[_Line] = field(default_factory=list)
    plain: str = ""
    width: float = 0.0
    height: float = 0.0
    bottom: float = 0.0
    """Where the visible page (its crop box) starts from below: lines' `y` count from the
    user space's origin, which a crop box need not start at."""
    image_area: float = 0.0
    """The area of the visible page that images cover, in square points (overlaps counted once
    at most per image)."""
    text_area: float = 0.0
    """The area of the visible page that text lines cover (line length times font size)."""

    @property
    def area(self) -> float:
        return self.width * self.height


@dataclass
class _Metrics:
    """What a font tells about its glyphs: widths by character (in 1/1000 em), the mean
    width for characters not found, the width of a space, and bytes per character code."""

    widths: dict[str, float] = field(default_factory=dict)
    default: float = 500.0
    space: float = 250.0
    code_bytes: int = 1


_MEASURED: weakref.WeakKeyDictionary[Any, dict[int, _Metrics]] = weakref.WeakKeyDictionary()
"""The fonts measured in each open document, by the identity of their dictionary (which the
reader keeps while it lives): pages share their fonts, so each is measured once."""


class _Fonts:
    """The metrics of each font on a page, measured once per document: where a fragment
    ends, and how many characters a string shown in the font holds."""

    def __init__(self, page: Any) -> None:
        try:
            self._metrics = _MEASURED.setdefault(page.pdf, {})
        except TypeError:  # a page of no document (or one that cannot be weakly referenced)
            self._metrics = {}
        try:
            self._resources = page["/Resources"].get_object()["/Font"].get_object()
        except (AttributeError, KeyError, TypeError):
            self._resources = {}

    def width(self, text: str, font: dict[str, Any] | None) -> float:
        """The width of `text` in text space units per point of font size."""
        metrics = self.of(font)
        return sum(map(metrics.widths.get, text, itertools.repeat(metrics.default, len(text)))) / 1000

    def named(self, name: Any) -> _Metrics:
        """The metrics of the page's font resource `name` (a `Tf` operand)."""
        try:
            return self.of(self._resources[name].get_object())
        except (AttributeError, KeyError, TypeError):
            return _Metrics()

    def of(self, font: dict[str, Any] | None) -> _Metrics:
        key = id(font)
        if key not in self._metrics:
            self._metrics[key] = _measure(font)
        return self._metrics[key]


def _measure(font: dict[str, Any] | None) -> _Metrics:
    if font is None:
        return _Metrics()
    from pypdf.generic._font import Font

    try:
        metrics = Font.from_font_resource(font)  # type: ignore[arg-type]
    except Exception:  # a font pypdf cannot measure: an average glyph width will do
        return _Metrics()
    mapping = metrics.character_map
    widths = {str(mapping.get(code, code)): float(width) for code, width in metrics.character_widths.items() if code != "default"}
    nonzero = [width for width in widths.values() if width > 0]
    code_bytes = 2 if font.get("/Subtype") == "/Type0" else 1
    return _Metrics(widths, sum(nonzero) / len(nonzero) if nonzero else 500.0, float(metrics.space_width or 250), code_bytes)


@dataclass
class _Show:
    """A text-showing operator: where it starts, and how many characters it shows."""

    x: float
    y: float
    characters: int


@dataclass
class _Fragment:
    y: float
    x: float
    end: float
    size: float
    bold: bool
    text: str
    symbol: bool = False
    """Set in a symbol font (Symbol, Wingdings, ...), whose glyphs extract as any character."""


SYMBOL_FONTS = ("Symbol", "Wingdings", "Webdings", "Dingbats")


def read_page(page: Any, number: int) -> PageContent:
    """One pypdf pass over `page`: text fragments with position, and the images' area."""
    box = page.cropbox
    left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    content = PageContent(number, width=right - left, height=top - bottom, bottom=bottom)
    fragments: list[_Fragment] = []
    xobjects = _image_names(page)
    fonts = _Fonts(page)
    shows: list[_Show] = []
    current = [_Metrics()]
    hidden = [False]

    def visit_text(text: str, cm: list[float], tm: list[float], font: dict[str, Any] | None, size: float) -> None:
        pending = shows.copy()
        shows.clear()
        if not text.strip():
            return
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + cm[4]
        if not _visible(tm[4], tm[5], cm, (left, bottom, right, top)):
            hidden[0] = True
            return  # outside the visible page: no reader sees it
        name = str((font or {}).get("/BaseFont", ""))
        bold, symbol = "Bold" in name or "Heavy" in name, any(family in name for family in SYMBOL_FONTS)
        stretch = abs(tm[0] * cm[0]) or scale
        for start, piece in _pieces(text.strip("\n"), pending, x):
            end = start + fonts.width(piece.rstrip(), font) * size * stretch
            fragments.append(_Fragment(round(y, 1), start, end, round(size * scale, 1), bold, piece, symbol))

    def visit_operator(operator: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        if operator == b"Do" and operands and str(operands[0]) in xobjects:
            content.image_area += _visible_area(cm, (left, bottom, right, top))
        elif operator == b"Tf" and operands:
            current[0] = fonts.named(operands[0])
        elif operator in _SHOWS and operands:
            shows.append(_Show(tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], _characters(operator, operands[-1], current[0])))

    content.plain = page.extract_text(visitor_text=visit_text, visitor_operand_before=visit_operator)
    content.lines = _merge_lines(fragments)
    if hidden[0] and not content.lines:
        content.plain = ""  # all its text is off the page: not for the layout's fallback either
    content.text_area = sum(len(line.text.strip()) * line.size * 0.5 * line.size for line in content.lines)
    return content


_SHOWS = (b"Tj", b"TJ")


def _characters(operator: bytes, operand: Any, metrics: _Metrics) -> int:
    """How many characters pypdf's text of a `Tj` or `TJ` holds: a code per character (one or
    two bytes), and in a `TJ` a space for each pull wide enough to be a word gap."""
    strings = operand if operator == b"TJ" and isinstance(operand, list) else [operand]
    count = 0
    for element in strings:
        if isinstance(element, (str, bytes)):
            raw = getattr(element, "original_bytes", None) if isinstance(element, str) else element
            count += len(raw if raw is not None else str(element).encode("latin-1", "replace")) // metrics.code_bytes
        elif isinstance(element, (int, float)) and -float(element) >= 0.95 * metrics.space / 2:
            count += 1
    return count


def _pieces(text: str, shows: list[_Show], x: float) -> list[tuple[float, str]]:
    """The text pypdf joined from several operators on one baseline, split back at each
    operator's start (so a wide gap between two of them is seen), or whole when the
    characters do not add up."""
    inserted = len(text) - sum(show.characters for show in shows)
    if len(shows) < 2 or inserted < 0 or "\n" in text or any(abs(show.y - shows[0].y) > 0.1 for show in shows):
        return [(x, text)]
    pieces: list[tuple[float, str]] = []
    at = 0
    for show in shows:
        if pieces and inserted and text[at : at + 1] == " ":  # the space pypdf put at a gap
            at, inserted = at + 1, inserted - 1
        pieces.append((show.x, text[at : at + show.characters]))
        at += show.characters
    if at != len(text) or inserted:
        return [(x, text)]
    return [(start, piece) for start, piece in pieces if piece.strip()]


def _visible(x: float, y: float, cm: list[float], box: tuple[float, float, float, float]) -> bool:
    """Whether text space point (x, y) lands on the visible page under `cm`, rotated or not
    (content drawn rotated for a landscape page has its text far from where `cm`'s
    translation alone would put it)."""
    left, bottom, right, top = box
    ux, uy = x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]
    return left - 1 <= ux <= right and bottom - 1 <= uy <= top


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
    starts = _column_starts(fragments)
    lines: list[_Line] = []
    for fragment in fragments:
        last = lines[-1] if lines else None
        if last is not None and _same_baseline(last.y, fragment) and fragment.x > last.x:
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


def _column_starts(fragments: list[_Fragment]) -> Counter[int]:
    """How many fragments start at each left edge (to the half point): a column's or a table
    column's edge. Not the text after a list marker: a list's items all start at its indent,
    which would make a footer's "1 av 2" printed at that indent a column of its own."""
    starts: Counter[int] = Counter()
    before: _Fragment | None = None
    for fragment in fragments:
        after_marker = before is not None and _same_baseline(before.y, fragment) and _marker_only(before) is not None
        if not after_marker:
            starts[round(fragment.x * 2)] += 1
        before = fragment
    return starts


def _same_baseline(y: float, fragment: _Fragment) -> bool:
    return abs(y - fragment.y) < 0.5 * max(fragment.size, 1.0)


def _marker_only(fragment: _Fragment) -> str | None:
    """The list marker `fragment` is, when it is nothing else: a glyph of a symbol font
    (a bullet, whatever character it extracts as) or a bullet, number or letter."""
    text = fragment.text.strip()
    if fragment.symbol and len(text) == 1:
        return "•"
    return _marker(text) if MARKER.fullmatch(text) else None


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
    if (marker := _marker_only(fragment)) is not None:
        line.marker, line.text = marker, ""
    elif inline := INLINE_BULLET.match(text) or re.match(r"([-–*])\s+(\S.*)", text):
        line.marker, line.text = _marker(inline.group(1)), inline.group(2)
    return line


def _marker(text: str) -> str:
    """A list marker as the list shows it: any bullet glyph is "•"; a dash typed as a bullet
    is kept as itself (it starts a list only when the next line starts with one too)."""
    if text in ("-", "–", "*"):
        return text
    return "•" if BULLET.fullmatch(text) else text
