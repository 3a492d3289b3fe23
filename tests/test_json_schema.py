"""The JSON Schemas editors use: generated from the model, committed, and accepting real files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import REPO
from generator.schema import SCHEMA_DIR, SCHEMAS, stale_schemas


def _as_editor_sees(value: Any) -> Any:
    """YAML 1.2, which editors speak, has no dates: they are text there."""
    if isinstance(value, dict):
        return {key: _as_editor_sees(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


def test_committed_schemas_match_the_model() -> None:
    assert stale_schemas() == [], "run raad schema"


def test_a_changed_model_makes_a_schema_stale(tmp_path: Path) -> None:
    for name in SCHEMAS:
        (tmp_path / name).write_text((SCHEMA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert stale_schemas(tmp_path) == []
    schema = json.loads((tmp_path / "council.schema.json").read_text(encoding="utf-8"))
    del schema["properties"]["unit"]
    (tmp_path / "council.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "minutes.schema.json").unlink()
    assert stale_schemas(tmp_path) == [tmp_path / "council.schema.json", tmp_path / "minutes.schema.json"]


@pytest.mark.parametrize("path", sorted(REPO.glob("councils/*/council.yml")), ids=lambda p: p.parent.name)
def test_every_example_council_is_valid_for_the_editor(path: Path) -> None:
    data = _as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.validate(data, _schema("council.schema.json"))


def test_site_config_is_valid_for_the_editor() -> None:
    data = _as_editor_sees(yaml.safe_load((REPO / "site-config.yml").read_text(encoding="utf-8")))
    jsonschema.validate(data, _schema("site-config.schema.json"))


def test_editor_flags_an_unknown_role_and_field() -> None:
    data = _as_editor_sees(yaml.safe_load((REPO / "councils/nav-eksempel/council.yml").read_text(encoding="utf-8")))
    data["members"][0]["role"] = "leader"
    with pytest.raises(jsonschema.ValidationError, match="'leader' is not one of"):
        jsonschema.validate(data, _schema("council.schema.json"))
    data["members"][0]["role"] = "chair"
    data["memebers"] = []
    with pytest.raises(jsonschema.ValidationError, match="Additional properties are not allowed"):
        jsonschema.validate(data, _schema("council.schema.json"))


def test_every_example_file_names_its_schema() -> None:
    """The modeline makes the YAML extension in VS Code and others pick the schema up."""
    for path in REPO.glob("councils/*/council.yml"):
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../generator/schemas/council.schema.json")
