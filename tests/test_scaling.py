"""Navigation that scales: a council page must not grow with the number of councils."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO, run_build


def synthetic_project(root: Path, councils: int) -> Path:
    """`councils` copies of an example council, spread over the example's sectors."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "site-config.yml", root / "site-config.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "content", root / "content")
    template = (REPO / "councils/nav-eksempel/council.yml").read_text(encoding="utf-8")
    sectors = ["helse-og-velferdssentre", "hjemmetjenester", "botiltak-og-dagtilbud", "byomfattende-tjenester", "oppvekst"]
    for number in range(councils):
        folder = root / "councils" / f"rad-{number:03d}"
        folder.mkdir(parents=True)
        text = template.replace("sector: byomfattende-tjenester", f"sector: {sectors[number % len(sectors)]}")
        text = text.replace("name: Brukerråd ved NAV Eksempel", f"name: Brukerråd ved enhet {number:03d}")
        (folder / "council.yml").write_text(text, encoding="utf-8")
    return root


def council_page_size(tmp_path: Path, councils: int) -> int:
    project = synthetic_project(tmp_path / f"p{councils}", councils)
    out = tmp_path / f"site{councils}"
    result = run_build(project, out)
    assert result.exit_code == 0, result.output
    return len((out / "rad/rad-000/index.html").read_bytes())


def test_council_page_size_does_not_grow_with_the_number_of_councils(tmp_path: Path) -> None:
    small = council_page_size(tmp_path, 10)
    large = council_page_size(tmp_path, 500)
    print(f"council page: {small} bytes with 10 councils, {large} bytes with 500")
    assert large <= small * 1.10
