"""Golden Markdown for generated pages: the docs tree is the contract with any site engine.

The expected files sit in tests/golden/. After an intended change, regenerate them with
`RAAD_UPDATE_GOLDEN=1 make test` and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import copy_example
from generator.build import assemble_site
from generator.load import load_project

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "council.md": "rad/eksempelheim-helse-og-velferdssenter/index.md",
    "historical-council.md": "rad/psykisk-helse-og-rus/index.md",
    "sector.md": "sektor/helse-og-velferdssentre/index.md",
    "contacts.md": "kontaktliste/index.md",
    "minutes.md": "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/index.md",
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = copy_example(tmp_path_factory.mktemp("golden") / "project")
    fixed = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC).timestamp()
    for path in project.rglob("*"):
        os.utime(path, (fixed, fixed))
    today = dt.date(2026, 11, 24)
    site = assemble_site(load_project(project, today), today)
    return {page.docs_path: page.markdown for page in site.pages}


@pytest.mark.parametrize("golden", sorted(PAGES))
def test_generated_markdown_matches_golden(docs: dict[str, str], golden: str) -> None:
    actual = docs[PAGES[golden]]
    path = GOLDEN / golden
    if os.environ.get("RAAD_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{golden} differs; review and regenerate with RAAD_UPDATE_GOLDEN=1"
