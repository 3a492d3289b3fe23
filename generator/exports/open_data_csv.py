"""A CSV file per table of the open data (data/v1/<table>.csv), for spreadsheets and for
programs that read tables rather than JSON.

The columns come from the table's record (`open_data_model`), so they follow the JSON and
its documentation: a field is a column of its name; a nested object (a decision's
follow_up) is a column per field, `follow_up.status`; a list that holds kinds of things
(contact details, links) is a column per kind, `contact_details.email`, `links.page`; a
list of text (an agenda) is one cell, an item a line.

UTF-8 without a byte-order mark: the files are for programs first, and Python's csv module,
pandas and R read the header's first cell as `id` only without one (with one, it reads
`\\ufeffid`). Spreadsheets open them through their text import, choosing UTF-8. Lines end in
CRLF, as RFC 4180 says. A cell that a spreadsheet would run as a formula (it starts with
= + - or @) gets a leading apostrophe, as in the contact list; the JSON file holds every
value exactly as written.
"""

from __future__ import annotations

import csv
import io
import types
import typing
from collections.abc import Callable, Sequence
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.exports.contacts_csv import spreadsheet_text
from generator.exports.open_data_model import Keyed, Record

Cell = Callable[[BaseModel], str]


def columns(record: type[Record]) -> list[tuple[str, Cell]]:
    """The table's columns: each name with how its cell is read from a row."""
    found: list[tuple[str, Cell]] = []
    for name, info in record.model_fields.items():
        found += _columns(name, info.annotation, _getter(name))
    return found


def _getter(field: str, outer: Callable[[Any], Any] | None = None) -> Callable[[Any], Any]:
    """Read `field` of a row (of the object `outer` reads from a row); null stays null."""

    def get(row: Any) -> Any:
        value = row if outer is None else outer(row)
        return None if value is None else getattr(value, field)

    return get


def column_names(record: type[Record]) -> list[str]:
    return [name for name, _ in columns(record)]


def _columns(name: str, annotation: Any, get: Callable[[Any], Any]) -> list[tuple[str, Cell]]:
    annotation = _without_none(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Keyed):
        raise TypeError(f"{name}: a keyed item belongs in a list")
    if isinstance(annotation, type) and issubclass(annotation, Record):
        nested: list[tuple[str, Cell]] = []
        for field, info in annotation.model_fields.items():
            nested += _columns(f"{name}.{field}", info.annotation, _getter(field, get))
        return nested
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        if isinstance(item, type) and issubclass(item, Keyed):
            return _keyed_columns(name, item, get)
        return [(name, lambda row: "\n".join(_text(value) for value in get(row)))]
    return [(name, lambda row: _text(get(row)))]


def _keyed_columns(name: str, item: type[Keyed], get: Callable[[Any], Any]) -> list[tuple[str, Cell]]:
    """A column per kind of item; several items of a kind share the cell, a space between."""
    value_field = next(field for field in item.model_fields if field != item.KEY)
    kinds = get_args(item.model_fields[item.KEY].annotation)

    def cell(kind: str) -> Cell:
        return lambda row: " ".join(_text(getattr(i, value_field)) for i in get(row) if getattr(i, item.KEY) == kind)

    return [(f"{name}.{kind}", cell(kind)) for kind in kinds]


def _without_none(annotation: Any) -> Any:
    """`str | None` → `str`."""
    if get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else annotation
    return annotation


def _text(value: Any) -> str:
    """A value as its cell: dates in ISO 8601, nothing for null."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)  # a vocabulary's value is a StrEnum: its code, e.g. partly_followed


def table_csv(record: type[Record], rows: Sequence[BaseModel]) -> str:
    """The table as CSV text: a header of the column names, then a line per row."""
    spec = columns(record)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(name for name, _ in spec)
    for row in rows:
        writer.writerow(spreadsheet_text(cell(row)) for _, cell in spec)
    return out.getvalue()
