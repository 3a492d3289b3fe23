"""JSON Schema for the hand-edited files, derived from the model (one source of truth).

The committed copies under `generator/schemas/` let an editor's YAML extension complete and
check fields while a secretary types; a test fails when they drift from the model, and
`raad schema` rewrites them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from generator.model import CouncilFile, MinutesMeta, SiteConfig

SCHEMA_DIR = Path(__file__).parent / "schemas"
SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "council.schema.json": (CouncilFile, "A council of raad: councils/<slug>/council.yml"),
    "site-config.schema.json": (SiteConfig, "The raad site configuration: site-config.yml"),
    "minutes.schema.json": (MinutesMeta, "Front matter of raad minutes, or the .yml beside a minutes PDF"),
}


def schema_text(model: type[BaseModel], title: str) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


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
