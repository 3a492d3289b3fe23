"""The open data page (`apne-data/`): every file under data/v1/ and every field, the licence
and the version policy, for the researchers and civic tools that reuse the data.

The field tables are made from the published JSON Schema's own definitions (the records of
`generator.exports.open_data_model`), so the page cannot describe a field the data lacks or
miss one it has; the descriptions are the schema's English ones, translated (context
"schema") into the site's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.exports.open_data import DATA_FILE, SCHEMA_URL, csv_url
from generator.exports.open_data_csv import column_names
from generator.exports.open_data_model import TABLES, VERSION_POLICY_MONTHS, OpenData
from generator.labels import Labels
from generator.schema import SCHEMA_CONTEXT
from generator.site import DATA_URL, OPEN_DATA_URL, Page, SiteContext, render_page


@dataclass(frozen=True)
class FieldDoc:
    """One field as the page lists it."""

    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Section:
    """A table of fields: the file's top level, a table of the data, or an object inside one
    (`decisions.follow_up`)."""

    name: str
    description: str
    fields: list[FieldDoc]
    csv_url: str | None = None
    csv_columns: tuple[str, ...] = ()


def _definition(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A property's schema with a `$ref` followed into `$defs`."""
    ref = node.get("$ref")
    if isinstance(ref, str):
        found: dict[str, Any] = schema["$defs"][ref.rsplit("/", 1)[-1]]
        return found
    return node


def _nullable(node: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """`anyOf: [X, null]` → (X, True)."""
    options = node.get("anyOf")
    if isinstance(options, list):
        rest = [option for option in options if option.get("type") != "null"]
        if len(rest) == 1:
            return rest[0], True
    return node, False


def type_text(schema: dict[str, Any], node: dict[str, Any], path: str, t: Labels) -> str:
    """What kind of value a field holds, in words: "date", "one of: a, b", "see decisions.follow_up"."""
    inner, nullable = _nullable(node)
    words = _kind(schema, inner, path, t)
    return t.gettext("%(type)s, or null", type=words) if nullable else words


def _kind(schema: dict[str, Any], node: dict[str, Any], path: str, t: Labels) -> str:
    definition = _definition(schema, node)
    if "enum" in definition:
        return t.gettext("one of: %(values)s", values=", ".join(str(value) for value in definition["enum"]))
    if "const" in definition:
        return t.gettext("always %(value)s", value=definition["const"])
    kind = definition.get("type")
    if kind == "object":
        return t.gettext("an object, see %(name)s", name=path)
    if kind == "array":
        items = _definition(schema, definition["items"])
        if items.get("type") == "object":
            return t.gettext("a list of objects, see %(name)s", name=path)
        return t.gettext("a list of texts")
    if kind == "integer":
        return t.gettext("a whole number")
    return _string_kind(definition, t)


def _string_kind(definition: dict[str, Any], t: Labels) -> str:
    if definition.get("format") == "date":
        return t.gettext("a date (YYYY-MM-DD)")
    if definition.get("format") == "uri":
        return t.gettext("a web address")
    if "pattern" in definition:
        return t.gettext("a date, or a date and time with the offset from UTC")
    return t.gettext("text")


def _section(schema: dict[str, Any], definition: dict[str, Any], name: str, description: str, t: Labels) -> list[Section]:
    """The fields of `definition` (in the record's order), then a section for each object
    inside it."""
    fields, nested = [], []
    for field in _field_order(definition):
        node = definition["properties"][field]
        path = f"{name}.{field}" if name else field
        inner = _definition(schema, _nullable(node)[0])
        described = _translated(node["description"], t)
        fields.append(FieldDoc(field, type_text(schema, node, path, t), described))
        if inner.get("type") == "array":
            inner = _definition(schema, inner["items"])
        if inner.get("type") == "object" and not (name == "" and field in TABLES):
            nested += _section(schema, inner, path, described, t)
    return [Section(name, description, fields), *nested]


def _translated(english: str, t: Labels) -> str:
    """A field's description in the site's language (the schema's messages)."""
    return t.pgettext(SCHEMA_CONTEXT, english)


def _field_order(definition: dict[str, Any]) -> list[str]:
    """The fields in the order the data writes them (the schema file sorts its keys)."""
    return list(definition.get("required", definition["properties"]))


def sections(ctx: SiteContext) -> list[Section]:
    """The file's top level, then each table with its CSV file, each followed by its objects."""
    t = ctx.labels
    schema = OpenData.model_json_schema(by_alias=True)
    top = _section(schema, schema, "", t.gettext("The top level of raad.json."), t)
    tables = []
    for table, record in TABLES.items():
        definition = _definition(schema, schema["properties"][table]["items"])
        described = _translated(schema["properties"][table]["description"], t)
        first, *nested = _section(schema, definition, table, described, t)
        tables += [Section(table, described, first.fields, csv_url(table), tuple(column_names(record))), *nested]
    return [*top, *tables]


def build_open_data_page(ctx: SiteContext) -> Page:
    t = ctx.labels
    licence = ctx.config.open_data.licence
    return render_page(
        ctx,
        "open_data.md.j2",
        OPEN_DATA_URL,
        t.gettext("Open data"),
        description=t.gettext(
            "The councils, members, meetings, minutes, decisions and council health as open data (JSON and CSV), under %(licence)s.",
            licence=licence.name,
        ),
        licence_link=Markup('<a href="{}">{}</a>').format(licence.url, licence.name),
        data_file=DATA_FILE,
        schema_file=SCHEMA_URL,
        data_folder=DATA_URL,
        tables=list(TABLES),
        csv_url=csv_url,
        sections=sections(ctx),
        keep_months=VERSION_POLICY_MONTHS,
    )
