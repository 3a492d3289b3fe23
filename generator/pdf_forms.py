"""The values filled into a PDF form: text a reader sees on the page, which the page's own
text does not hold (a form field's value lives in its widget annotation, drawn over the page).

Each page's filled fields become one list of "label: value" after that page's text, in the
order they stand on the page; a ticked check box is its label after a ticked box ("☑ Ønsker
kopi"). The label is the field's tooltip (/TU) where the form has one, else the text on the
page beside the field (what the reader sees as its label: "Navn:"), else the field's name.
The values are published text like any other: cleaned, and scanned for personal data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.pdf_cleanup import clean_value
from generator.pdf_model import Block, BlockKind

if TYPE_CHECKING:
    from generator.pdf_layout import PageContent, _Line

TICKED = "\u2611"
"""☑: a ticked check box, in every language."""

_PUSH_BUTTON = 1 << 16
_RADIO = 1 << 15


@dataclass
class _Widget:
    """One field's widget on a page: where it is, and the field it shows."""

    field: Any
    annotation: Any
    rect: tuple[float, float, float, float]  # left, bottom, right, top


def form_blocks(reader: Any, pages: list[PageContent]) -> list[Block]:
    """One list block per page with filled fields, in page order (nothing from a damaged
    form: the text is still worth having)."""
    try:
        return list(_form_blocks(reader, pages))
    except MemoryError:
        raise
    except Exception:  # a malformed form (pypdf raises many kinds): as repeatable as the bytes
        return []


def with_form_values(blocks: list[Block], forms: list[Block]) -> list[Block]:
    """`blocks` with each page's form values after that page's last block (both are in page
    order: one pass, not a search of all blocks per page with fields)."""
    merged: list[Block] = []
    waiting = iter(forms)
    form = next(waiting, None)
    for block in blocks:
        while form is not None and block.page > form.page:
            merged.append(form)
            form = next(waiting, None)
        merged.append(block)
    return merged + ([form, *waiting] if form is not None else [])


def _form_blocks(reader: Any, pages: list[PageContent]) -> Iterator[Block]:
    seen: set[Any] = set()
    lines = {page.number: page.lines for page in pages}
    for number, page in enumerate(reader.pages, start=1):
        widgets = sorted(_widgets(page, seen), key=lambda w: (-round(w.rect[3]), w.rect[0]))
        labels = _page_labels(widgets, lines.get(number, []))
        items = [item for widget, label in zip(widgets, labels, strict=True) if (item := _item(widget, label))]
        if items:
            yield Block(BlockKind.LIST, "\n".join(items), number, items=items)


def _widgets(page: Any, seen: set[Any]) -> Iterator[_Widget]:
    """The page's form field widgets, each field once in the document (a radio group's buttons
    are one field)."""
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        if annotation.get("/Subtype") != "/Widget":
            continue
        field = annotation if "/T" in annotation or "/Parent" not in annotation else annotation["/Parent"].get_object()
        key = getattr(field, "indirect_reference", None) or id(field)
        if key in seen:
            continue
        seen.add(key)
        left, bottom, right, top = (float(v) for v in annotation.get("/Rect", [0, 0, 0, 0]))
        yield _Widget(field, annotation, (min(left, right), min(bottom, top), max(left, right), max(bottom, top)))


def _inherited(field: Any, key: str) -> Any:
    """A field's entry, or the nearest parent's (/FT, /V and /Ff are inheritable)."""
    for _ in range(32):
        if key in field:
            return field[key]
        if "/Parent" not in field:
            return None
        field = field["/Parent"].get_object()
    return None


def _page_labels(widgets: list[_Widget], lines: list[_Line]) -> list[str]:
    """Each widget's label: its tooltip, or the page line beside it (shared by several widgets,
    split at its colons: "Fra: Til:"), or its name."""
    beside = [_line_beside(widget, lines) for widget in widgets]
    labels = []
    for widget, line in zip(widgets, beside, strict=True):
        tooltip = clean_value(str(widget.field.get("/TU", "")))
        radio = int(_inherited(widget.field, "/Ff") or 0) & _RADIO  # the line beside names one button
        label = tooltip or (_share_of(line, widget, widgets, beside) if line and not radio else "")
        labels.append(label or clean_value(re.sub(r"\[\d+\]", "", str(widget.field.get("/T", "")))))
    return labels


def _line_beside(widget: _Widget, lines: list[_Line]) -> _Line | None:
    """The text line that stands on the widget's baseline (a text box's label sits at its foot;
    a check box's caption within its height), nearest its middle."""
    _, bottom, _, top = widget.rect
    middle = (bottom + top) / 2
    near = [line for line in lines if bottom - line.size <= line.y <= top]
    return min(near, key=lambda line: abs(line.y - middle), default=None)


def _share_of(line: _Line, widget: _Widget, widgets: list[_Widget], beside: list[_Line | None]) -> str:
    sharing = sorted((w for w, other in zip(widgets, beside, strict=True) if other is line), key=lambda w: w.rect[0])
    parts = [part.strip() for part in line.text.split(":") if part.strip()]
    if len(sharing) == 1:
        return clean_value(line.text.strip().rstrip(":"))
    return clean_value(parts[sharing.index(widget)]) if len(parts) == len(sharing) else ""


def _item(widget: _Widget, label: str) -> str | None:
    """The list item a filled field gives, or None for an empty one (or a button or signature)."""
    kind, value = _inherited(widget.field, "/FT"), _inherited(widget.field, "/V")
    flags = int(_inherited(widget.field, "/Ff") or 0)
    if value is None or kind not in ("/Tx", "/Ch", "/Btn") or (kind == "/Btn" and flags & _PUSH_BUTTON):
        return None
    if kind == "/Btn":
        state = str(value)
        if state in ("/Off", ""):
            return None
        if flags & _RADIO:
            return f"{label}: {clean_value(state.lstrip('/'))}"
        return f"{TICKED} {label}"
    values = value if isinstance(value, list) else [value]
    text = ", ".join(v for v in (clean_value(_option_text(widget.field, str(v))) for v in values) if v)
    return f"{label}: {text}" if text else None


def _option_text(field: Any, value: str) -> str:
    """A choice field's value as its option is shown (/Opt pairs export value and text)."""
    for option in _inherited(field, "/Opt") or []:
        if isinstance(option, list) and len(option) == 2 and str(option[0]) == value:
            return str(option[1])
    return value
