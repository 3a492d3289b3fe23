"""A document's structure from its pages' lines (`generator.pdf_layout`): headings,
paragraphs, lists and tables, in reading order.

Word processors write a page's text in reading order: column by column, and a table row by
row, cell by cell. So the lines keep their content order, except where text columns were
written line by line across the page (then they are read column by column). Lines that
repeat one baseline across consecutive rows at aligned left edges are a table. A paragraph
cut by the end of a column or page (no closing punctuation, the next line in lower case, the
same size) goes on in the next one and keeps the page it starts on.

Every line end inside a block stays a "\\n" (each line stripped): `generator.pdf_cleanup`
decides, from the whole document's words, whether it is a space or a word broken by a hyphen.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from dataclasses import dataclass

from generator.pdf_layout import PageContent, _Line
from generator.pdf_model import Block, BlockKind

MAX_COLUMNS = 40
"""Most cells a table row has: more on one baseline is no table (and would cost time)."""
MAX_CELL_LINES = 8
"""Most lines a table cell wraps to: more is a column of text beside another."""
CLOSING = (".", ":", "!", "?", ";")
WEAK_MARKERS = ("-", "–", "*")
"""Typed at a line start, these start a list only with a second line starting the same way."""

_Cell = list[_Line]
_Row = list[_Cell]


@dataclass
class _Table:
    rows: list[_Row]
    columns: list[float]
    """The left edge of each column."""


def document_blocks(pages: list[PageContent]) -> list[Block]:
    """The headings, paragraphs, lists and tables of a whole document, in reading order."""
    builder = _Builder()
    for page in pages:
        if page.lines:
            builder.page(page.number, page.lines)
        elif page.plain.strip():
            builder.blocks.append(Block(BlockKind.PARAGRAPH, " ".join(page.plain.split()), page.number))
            builder.previous = None
    for block in builder.blocks:
        if block.kind == BlockKind.LIST:
            block.text = "\n".join(block.items)
    return builder.blocks


def body_size(lines: list[_Line]) -> float:
    """The size most of the page's text is set in: counted in characters, not lines (a page
    of short headings and a few long paragraphs), to the whole point (an OCR text layer gives
    each line a size of its own, 8.5 to 9.0 for one body type and 11.7 to 13.5 for headings)."""
    characters: Counter[int] = Counter()
    for line in lines:
        characters[round(line.size)] += len(line.text)
    return float(characters.most_common(1)[0][0])


def reading_order(lines: list[_Line]) -> list[_Line | _Table]:
    """A page's lines in reading order, with its tables found: content order, except text
    columns written line by line across the page, which are read column by column."""
    items: list[_Line | _Table] = []
    index = 0
    while index < len(lines):
        table, after = _table_at(lines, index)
        if table is None:
            items.append(lines[index])
            index += 1
        elif _text_columns(table):
            after = _column_ends(lines, after, table)
            items.extend(line for column in range(len(table.columns)) for row in table.rows for line in _cell(row, table, column))
            index = after
        else:
            items.append(table)
            index = after
    return items


def _table_at(lines: list[_Line], index: int) -> tuple[_Table | None, int]:
    """The table whose first row starts at `lines[index]`: two or more rows of two or more
    cells whose left edges line up, and the index after it."""
    rows: list[_Row] = []
    columns: list[float] = []
    at = index
    while at < len(lines):
        row, after = _row_at(lines, at)
        if len(row) < 2 or (rows and not _aligned(row, columns, row[0][0].size)):
            break
        if not rows:
            columns = [cell[0].x for cell in row]
        rows.append(row)
        at = after
    return (_Table(rows, columns), at) if len(rows) >= 2 else (None, index)


def _row_at(lines: list[_Line], index: int) -> tuple[_Row, int]:
    """The cells of a table row starting at `lines[index]` in content order: each cell's
    lines below each other at one left edge, the next cell to the right on the row's first
    baseline."""
    first = lines[index]
    row: _Row = [[first]]
    at = index + 1
    while at < len(lines):
        line, cell = lines[at], row[-1]
        if abs(line.y - first.y) < 0.5 * line.size and line.x > cell[0].x + line.size and len(row) < MAX_COLUMNS:
            row.append([line])
        elif abs(line.x - cell[0].x) < 2 and 0 < cell[-1].y - line.y <= 1.8 * line.size and len(cell) < MAX_CELL_LINES and not line.marker:
            cell.append(line)
        else:
            break
        at += 1
    return row, at


def _aligned(row: _Row, columns: list[float], size: float) -> bool:
    return all(any(abs(cell[0].x - x) < 0.6 * size for x in columns) for cell in row)


def _cell(row: _Row, table: _Table, column: int) -> _Cell:
    """The lines of `row` in `column` (none when the cell is empty)."""
    x = table.columns[column]
    return next((cell for cell in row if abs(cell[0].x - x) < 0.6 * cell[0].size), [])


def _text_columns(table: _Table) -> bool:
    """Whether a "table" is text columns written line by line across the page: one line
    per cell, and most lines fill their column up to the next one."""
    if len(table.rows) < 3 or any(len(cell) > 1 for row in table.rows for cell in row):
        return False
    filled = total = 0
    for row in table.rows:
        for cell in row:
            column = min(range(len(table.columns)), key=lambda c: abs(table.columns[c] - cell[0].x))
            if column + 1 < len(table.columns):
                total += 1
                width = table.columns[column + 1] - table.columns[column]
                filled += cell[0].end >= table.columns[column] + 0.75 * width
    return total > 0 and filled >= 0.7 * total


def _column_ends(lines: list[_Line], index: int, table: _Table) -> int:
    """Take the lines one column has beyond the others (a column one line longer) into the
    text columns' rows; the index after them."""
    while index < len(lines):
        line, last = lines[index], table.rows[-1][0][0]
        if not (_aligned([[line]], table.columns, line.size) and 0 < last.y - line.y <= 1.6 * line.size):
            break
        table.rows.append([[line]])
        index += 1
    return index


def _table_block(table: _Table, page: int) -> Block:
    rows = [[_cell_text(_cell(row, table, column)) for column in range(len(table.columns))] for row in table.rows]
    text = "\n".join(" ".join(cell for cell in row if cell) for row in rows)
    return Block(BlockKind.TABLE, text, page, rows=rows, header=_has_header(table))


def _cell_text(cell: _Cell) -> str:
    return "\n".join(" ".join(line.text.split()) for line in cell)


def _has_header(table: _Table) -> bool:
    """A first row set in bold (and the rest not), or set apart by more space than the rows below."""
    lines = [[line for cell in row for line in cell] for row in table.rows]
    if all(line.bold for line in lines[0]) and not all(line.bold for line in lines[1]):
        return True
    if len(lines) < 3:
        return False
    gap = [min(line.y for line in lines[r]) - max(line.y for line in lines[r + 1]) for r in range(2)]
    return gap[0] > 1.3 * gap[1]


class _Builder:
    """Blocks from lines in reading order, page after page."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.previous: _Line | None = None
        self.number = 0
        """The page of the previous line."""
        self.body = 0.0
        self.line_gap = 0.0
        self.right: dict[int, float] = {}
        """The right edge of the lines starting at each left edge: where a full line ends."""
        self.item_x = 0.0
        """Where the current list item's marker starts."""

    def page(self, number: int, lines: list[_Line]) -> None:
        self.body = body_size(lines)
        gaps = [a.y - b.y for a, b in itertools.pairwise(lines) if 0 < a.y - b.y < 3 * self.body]
        self.line_gap = statistics.median(gaps) if gaps else self.body * 1.2
        self.right = {}
        for line in lines:
            self.right[round(line.x)] = max(self.right.get(round(line.x), 0.0), line.end)
        items = reading_order(lines)
        for at, item in enumerate(items):
            if isinstance(item, _Table):
                self.blocks.append(_table_block(item, number))
                self.previous = None
            else:
                following = items[at + 1] if at + 1 < len(items) else None
                self.line(item, number, following if isinstance(following, _Line) else None)
                self.previous = item
            self.number = number

    def line(self, line: _Line, number: int, following: _Line | None) -> None:
        text = " ".join(line.text.split())
        previous = self.previous
        if self._same_baseline(line, number):
            self._append(" " + text)
        elif self._heading(line, text):
            text = f"{line.marker} {text}" if line.marker else text
            if not self._continues_heading(line):
                self.blocks.append(Block(BlockKind.HEADING, text, number))
            else:
                self.blocks[-1].text += "\n" + text
        elif line.marker and (line.marker not in WEAK_MARKERS or line.indent or _same_marker(line, previous, following)):
            self._item(line, text, number)
        elif self._continues_item(line, number):
            self.blocks[-1].items[-1] += "\n" + text
        elif self._continues_paragraph(line, number):
            self.blocks[-1].text += "\n" + text
        else:
            self.blocks.append(Block(BlockKind.PARAGRAPH, f"{line.marker} {text}" if line.marker else text, number))

    def _same_baseline(self, line: _Line, number: int) -> bool:
        """Whether `line` goes on with the previous one, further right on its baseline (a
        wide gap parted them, but they made no table)."""
        previous = self.previous
        if previous is None or not self.blocks or self.number != number:
            return False
        return abs(previous.y - line.y) < 0.5 * line.size and line.x > previous.x

    def _append(self, text: str) -> None:
        block = self.blocks[-1]
        if block.kind == BlockKind.LIST:
            block.items[-1] += text
        else:
            block.text += text

    def _heading(self, line: _Line, text: str) -> bool:
        """Larger or bold, and short; a numbered heading ("1. Innledning") keeps its number,
        but a bulleted line in bold stays a list item."""
        if line.marker == "•" or len(text) >= 160:
            return False
        return line.size > self.body + 1 or (line.bold and len(text) < 100)

    def _continues_heading(self, line: _Line) -> bool:
        previous = self.previous
        return (
            previous is not None
            and self.blocks[-1].kind == BlockKind.HEADING
            and abs(previous.size - line.size) < 0.5
            and 0 < previous.y - line.y <= line.size * 1.6
        )

    def _item(self, line: _Line, text: str, number: int) -> None:
        ordered = line.marker != "•" and line.marker not in WEAK_MARKERS
        block = self.blocks[-1] if self.blocks else None
        if block is None or block.kind != BlockKind.LIST or block.ordered != ordered or self.previous is None:
            block = Block(BlockKind.LIST, "", number, ordered=ordered)
            self.blocks.append(block)
        block.items.append(text)
        self.item_x = line.x

    def _continues_item(self, line: _Line, number: int) -> bool:
        """A list item's wrapped line: indented past the item's marker (a hanging indent), or
        its text running on in the next column or page."""
        previous = self.previous
        if previous is None or not self.blocks or self.blocks[-1].kind != BlockKind.LIST:
            return False
        if self._jumped(previous, line, number):
            return _runs_on(previous, line)
        return line.x > self.item_x + 1 and 0 < previous.y - line.y <= 1.2 * self.line_gap

    def _jumped(self, previous: _Line, line: _Line, number: int) -> bool:
        """Whether `line` starts the next page or column (it is higher up than the one before)."""
        return number != self.number or line.y > previous.y + 0.5 * line.size

    def _continues_paragraph(self, line: _Line, number: int) -> bool:
        previous = self.previous
        if previous is None or not self.blocks or self.blocks[-1].kind != BlockKind.PARAGRAPH:
            return False
        if self._jumped(previous, line, number):
            return _runs_on(previous, line)
        ended = previous.text.rstrip().endswith(CLOSING)
        if previous.y - line.y > self.line_gap * 1.4:
            return False
        width = self.right.get(round(previous.x), previous.end) - previous.x
        return not (ended and previous.end - previous.x < 0.7 * width)


def _runs_on(previous: _Line, line: _Line) -> bool:
    """Whether text cut by the end of a column or page goes on in `line`: no closing
    punctuation before, lower case after, the same size."""
    return not previous.text.rstrip().endswith(CLOSING) and line.text[:1].islower() and abs(previous.size - line.size) < 0.5


def _same_marker(line: _Line, previous: _Line | None, following: _Line | None) -> bool:
    """Whether a dash typed at a line start is a bullet: the line before or after starts with one too."""
    return any(other is not None and other.marker == line.marker for other in (previous, following))
