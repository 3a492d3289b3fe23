"""JSON Schema for the hand-edited files, derived from the model (one source of truth).

The committed copies under `generator/schemas/` let an editor's YAML extension complete and
check fields while a secretary types; a test fails when they drift from the model, and
`raad schema` rewrites them.

Secretaries read the hover text in Norwegian: every field's description is its Bokmål
translation with the model's English after it (editors show `description` and no `x-` key),
and the values of a vocabulary get `enumDescriptions` (which yaml-language-server shows in
completion) naming the Norwegian words (`generator.vocabulary`). The English descriptions
stay in the model, beside the fields; `extract_descriptions` hands them to `pybabel
extract` (babel.cfg), so they are translated in the same catalogues as the site, with the
context "schema".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from generator.exports.open_data_model import SCHEMA_FILE as OPEN_DATA_SCHEMA
from generator.exports.open_data_model import OpenData
from generator.i18n import translations
from generator.model import CouncilFile, MinutesMeta, SiteConfig
from generator.vocabulary import VOCABULARY, Word

SCHEMA_DIR = Path(__file__).parent / "schemas"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "council.schema.json": (CouncilFile, "A council of raad: councils/<slug>/council.yml"),
    "site-config.schema.json": (SiteConfig, "The raad site configuration: site-config.yml"),
    "minutes.schema.json": (MinutesMeta, "Front matter of raad minutes, or the .yml beside a minutes PDF"),
    OPEN_DATA_SCHEMA: (OpenData, "The open data of a raad site: data/v1/raad.json"),
}
"""The schemas `raad schema` writes. The open data's is also published beside the data, as
data/v1/schema.json (`generator.exports.open_data`)."""


SCHEMA_CONTEXT = "schema"
"""The msgctxt of field descriptions in the catalogues."""


def schema_text(model: type[BaseModel], title: str) -> str:
    schema = model.model_json_schema(by_alias=True)
    for field in _described_fields(schema):
        field["description"] = _bilingual(field["description"])
    _describe_values(schema)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _described_fields(schema: Any) -> Iterator[dict[str, Any]]:
    """Every field of the schema (a property of an object) that has a description."""
    if isinstance(schema, dict):
        for field in schema.get("properties", {}).values():
            if isinstance(field, dict) and isinstance(field.get("description"), str):
                yield field
        for value in schema.values():
            yield from _described_fields(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _described_fields(value)


def _bilingual(english: str) -> str:
    """The Bokmål description, then the English one: nb is every site's default language."""
    norwegian = translations("nb").pgettext(SCHEMA_CONTEXT, english)
    return english if norwegian == english else f"{norwegian}\n\n{english}"


def _describe_values(schema: dict[str, Any]) -> None:
    """Name the Norwegian words of each value of a vocabulary, in the order of its `enum`."""
    definitions = schema.get("$defs", {})
    for values, words in VOCABULARY.items():
        definition = definitions.get(values.__name__)
        if definition is None or "enum" not in definition:
            continue
        by_value = {str(word.value): word for word in words}
        definition["enumDescriptions"] = [_words(by_value.get(value)) for value in definition["enum"]]


def _words(word: Word | None) -> str:
    """"leder (nynorsk: leiar)"; nothing for a value no Norwegian word stands for (`none`)."""
    if word is None:
        return ""
    return word.nb if word.nb == word.nn else f"{word.nb} (nynorsk: {word.nn})"


def extract_descriptions(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """A `pybabel extract` method (babel.cfg) for a committed schema file: the English
    descriptions of its model's fields, as `pgettext("schema", ...)` messages. The model, not
    the file, is read: the file holds the translations already."""
    entry = SCHEMAS.get(Path(str(getattr(fileobj, "name", ""))).name)
    if entry is None:
        return
    for field in _described_fields(entry[0].model_json_schema(by_alias=True)):
        yield 1, "pgettext", (SCHEMA_CONTEXT, field["description"]), []


def expected_schemas() -> dict[str, str]:
    return {name: schema_text(model, title) for name, (model, title) in SCHEMAS.items()}


def stale_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """The committed schemas that differ from what the model gives now (or are missing)."""
    return [
        folder / name
        for name, text in expected_schemas().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema whose text changed; return the files written."""
    written = []
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in expected_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
