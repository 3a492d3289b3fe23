"""Golden Markdown for every kind of generated page: the docs tree is the contract with any site engine.

The expected files sit in tests/golden/. After an intended change, regenerate them with
`RAAD_UPDATE_GOLDEN=1 make test` and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from conftest import REPO, TODAY
from generator.build import assemble_site, extract_pdf_texts
from generator.load import load_project

GOLDEN = Path(__file__).parent / "golden"
PAGES = {
    "home.md": "index.md",
    "content.md": "om-brukerrad/index.md",
    "sector.md": "sektor/helse-og-velferdssentre/index.md",
    "council.md": "rad/eksempelheim-helse-og-velferdssenter/index.md",
    "historical-council.md": "rad/psykisk-helse-og-rus/index.md",
    "minutes.md": "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/index.md",
    "pdf-minutes.md": "rad/bo-og-habiliteringstjenesten/referat/2021-09-07/index.md",
    "archive.md": "referater/index.md",
    "year-archive.md": "referater/2026/index.md",
    "decisions.md": "vedtak/index.md",
    "decision.md": "rad/eksempelheim-helse-og-velferdssenter/vedtak-3-26/index.md",
    "contacts.md": "kontaktliste/index.md",
    "search.md": "sok/index.md",
    "accessibility.md": "tilgjengelighet/index.md",
    "status.md": "status/index.md",
    "open-data.md": "apne-data/index.md",
    "embed-guide.md": "innbygging/index.md",
}


LAST_CHANGED = dt.date(2026, 11, 1)
"""The day every council last changed, for the golden pages: loading gathers these dates
(from git, or file times outside it), and the pages only show them."""


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("golden")
    project = load_project(REPO, TODAY)
    for council in project.councils:
        council.updated = LAST_CHANGED
    texts, _, _ = extract_pdf_texts(project, work / "pdftext")
    site = assemble_site(project, TODAY, texts)
    return {page.docs_path: page.markdown for page in site.pages}


@pytest.mark.parametrize("golden", sorted(PAGES))
def test_generated_markdown_matches_golden(docs: dict[str, str], golden: str) -> None:
    actual = docs[PAGES[golden]]
    path = GOLDEN / golden
    if os.environ.get("RAAD_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{golden} differs; review and regenerate with RAAD_UPDATE_GOLDEN=1"


def test_every_golden_file_is_checked() -> None:
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(PAGES)
