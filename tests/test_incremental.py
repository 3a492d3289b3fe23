"""Builds that keep up: an unchanged tree skips the engine, archives paginate, Zensical builds too."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import PRIVATE_VALUES, REPO, attr, copy_example, one, run_build, tree_bytes


def test_unchanged_project_does_not_run_the_engine_again(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    first = run_build(project, out, "--timings")
    assert first.exit_code == 0
    assert "site is up to date" not in first.output
    before = tree_bytes(out)
    second = run_build(project, out, "--timings")
    assert second.exit_code == 0
    assert "mkdocs: site is up to date, not run" in second.output
    assert tree_bytes(out) == before
    council = project / "councils/nav-eksempel/council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("Petter Fiktivsen", "Petra Fiktivsen"), encoding="utf-8")
    third = run_build(project, out, "--timings")
    assert "not run" not in third.output
    assert "Petra Fiktivsen" in (out / "rad/nav-eksempel/index.html").read_text(encoding="utf-8")


def test_year_archive_is_paginated(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    minutes = project / "councils/nav-eksempel/minutes"
    minutes.mkdir(parents=True, exist_ok=True)
    for day in range(1, 121):
        date = f"2025-{1 + (day - 1) // 28:02d}-{1 + (day - 1) % 28:02d}"
        (minutes / f"{date}.md").write_text(f"---\ntitle: Referat {date}\n---\nTekst.\n", encoding="utf-8")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    first = BeautifulSoup((out / "referater/2025/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(first.select("article ul.raad-minutes li")) == 50
    pages = [a.get_text() for a in first.select("nav.raad-pagination a")]
    assert pages == ["2", "3"]
    last = BeautifulSoup((out / "referater/2025/3/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(last.select("article ul.raad-minutes li")) == 20
    assert one(last, 'nav.raad-pagination [aria-current="page"]').get_text() == "3"


def test_zensical_engine_builds_the_same_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_build(REPO, out, "--engine", "zensical", build_dir=tmp_path / "build")
    assert result.exit_code == 0, result.output
    soup = BeautifulSoup((out / "rad/eksempelheim-helse-og-velferdssenter/index.html").read_text(encoding="utf-8"), "html.parser")
    assert attr(one(soup, "html"), "lang") == "nb"
    assert soup.select_one('a[href="mailto:kari.nordmann@example.org"]') is not None
    assert soup.select_one(".raad-banner") is not None
    everything = "".join(
        p.read_text(encoding="utf-8", errors="ignore") for p in out.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml"}
    )
    assert not [value for value in PRIVATE_VALUES if value in everything]


def test_decisions_awaiting_follow_up_are_paginated(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    minutes = project / "councils/nav-eksempel/minutes"
    minutes.mkdir(parents=True, exist_ok=True)
    decisions = "\n".join(f"  - {{id: '{n}/25', advice: Råd nummer {n}.}}" for n in range(1, 121))
    (minutes / "2025-03-03.md").write_text(f"---\ndecisions:\n{decisions}\n---\nTekst.\n", encoding="utf-8")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    first = BeautifulSoup((out / "vedtak/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(first.select("article tbody tr")) == 50
    assert [a.get_text() for a in first.select("nav.raad-pagination a")] == ["2", "3"]
    last = BeautifulSoup((out / "vedtak/3/index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(last.select("article tbody tr")) == 120 + 2 - 100  # the example's own two pending decisions come first
