"""The engine adapter: any engine warning fails the build, names the file a user can fix,
and leaves the previous site as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO, TODAY, copy_example, tree_bytes, write_tree
from generator.build import assemble_site, build
from generator.engine import EngineError, config_files, publishing
from generator.load import load_project
from generator.site import Page, Site

GOLDEN = Path(__file__).parent / "golden"
CONFIG = """\
site_name: Test
site_url: https://example.org/sub/
docs_dir: docs
theme: {name: material, font: false}
validation:
  links: {not_found: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
"""


def _publish(tree: Path, target: Path, pages: str) -> None:
    with publishing(target, "mkdocs", pages) as output:
        output.render(tree)


def _published(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A one-page tree, published once: the tree, the site and the site's bytes."""
    tree = write_tree(tmp_path / "tree", {"mkdocs.yml": CONFIG, "docs/index.md": "# Forside\n"})
    target = tmp_path / "site"
    _publish(tree, target, "first")
    return tree, target, tree_bytes(target)


def test_a_warning_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    tree, target, before = _published(tmp_path)
    write_tree(tree, {"docs/index.md": "# Forside\n\n[Borte](borte.md), [absolutt](/rad/), [anker](#ingen)\n"})
    with pytest.raises(EngineError) as failure:
        _publish(tree, target, "second")
    messages = "\n".join(m.text for m in failure.value.messages)
    assert "borte.md" in messages
    assert "/rad/" in messages
    assert "#ingen" in messages
    assert {m.page for m in failure.value.messages} == {"index.md"}
    assert tree_bytes(target) == before
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir()), "the scratch folder is cleaned up"


def test_a_failure_after_the_engine_ran_keeps_the_old_site(tmp_path: Path) -> None:
    """The search index is written into the new site before the swap; if that fails, nothing changes."""
    tree, target, before = _published(tmp_path)
    write_tree(tree, {"docs/index.md": "# Ny forside\n"})

    def index_fails(site_dir: Path) -> None:
        raise OSError(f"the index could not be written into {site_dir}")

    with pytest.raises(OSError, match="the index could not be written"), publishing(target, "mkdocs", "second") as output:  # noqa: PT012 (the block is what is tested)
        output.render(tree)
        index_fails(output.site_dir)
    assert tree_bytes(target) == before
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir())


def test_engine_warnings_name_the_file_to_fix(tmp_path: Path) -> None:
    """A page's warning names the project file behind it (here a minutes file whose link
    Zensical cannot resolve), not the generated configuration."""
    project = copy_example(tmp_path / "project")
    minutes = project / "councils/nav-eksempel/minutes/2026-01-05.md"
    write_tree(minutes.parent, {minutes.name: "---\ntitle: Møte\n---\nSe [vedlegget](vedlegg.md).\n"})
    result = build(project, tmp_path / "site", TODAY, build_dir=tmp_path / "build", engine="zensical")
    engine_problems = [p for p in result.problems if p.field == "engine"]
    assert not result.ok
    assert engine_problems, [p.format() for p in result.problems]
    assert {p.path for p in engine_problems} == {"councils/nav-eksempel/minutes/2026-01-05.md"}
    assert "rad/nav-eksempel/referat/2026-01-05/index.md" in engine_problems[0].message
    assert not (tmp_path / "site").exists()


def test_a_warning_without_a_page_names_the_site_config() -> None:
    site = Site(config=None, pages=[Page("rad/x/", "X", "# X", source="councils/x/council.yml")], assets=[], nav=[])  # type: ignore[arg-type]
    assert site.source_of("rad/x/index.md") == "councils/x/council.yml"
    assert site.source_of(None) == "site-config.yml"
    assert [m.page for m in EngineError(["WARNING: Doc file 'rad/x/index.md' contains a link 'y.md'", "ERROR: boom"]).messages] == [
        "rad/x/index.md",
        None,
    ]


def test_generated_config_matches_golden() -> None:
    """The generated mkdocs.yml is part of the contract with the engine, like the pages."""
    project = load_project(REPO, TODAY)
    actual = config_files(assemble_site(project, TODAY), has_theme=True)["mkdocs.yml"].decode("utf-8")
    golden = GOLDEN / "mkdocs.yml"
    if os.environ.get("RAAD_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), "mkdocs.yml differs; review and regenerate with RAAD_UPDATE_GOLDEN=1"


def test_the_preview_renders_in_place_only_when_just_pages_changed(tmp_path: Path) -> None:
    """A changed menu, theme or engine reaches every page, so it needs a whole build; a
    changed page (or source date, which only dates the sitemap) may be rendered in place."""
    tree = write_tree(tmp_path / "tree", {"mkdocs.yml": CONFIG, "docs/index.md": "# Forside\n"})
    target = tmp_path / "site"
    with publishing(target, "mkdocs", "pages-1", "frame-1", 0) as output:
        assert output.render(tree) == "mkdocs"
    with publishing(target, "mkdocs", "pages-1", "frame-1", 0, incremental=True) as output:
        assert output.render(tree) == "mkdocs: site is up to date, not run"
    write_tree(tree, {"docs/index.md": "# Ny forside\n"})
    with publishing(target, "mkdocs", "pages-2", "frame-1", 0, incremental=True) as output:
        assert output.render(tree) == "mkdocs, changed pages only"
    with publishing(target, "mkdocs", "pages-2", "frame-1", 1, incremental=True) as output:
        assert output.render(tree) == "mkdocs, changed pages only"
    with publishing(target, "mkdocs", "pages-2", "frame-2", 1, incremental=True) as output:
        assert output.render(tree) == "mkdocs"
    with publishing(target, "mkdocs", "pages-2", "frame-2", 2) as output:
        assert output.render(tree) == "mkdocs"
    assert "Ny forside" in (target / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("out", ["build", "build/site", "."])
def test_a_site_folder_that_overlaps_the_docs_tree_is_refused(tmp_path: Path, out: str) -> None:
    """Swapping the new site in would otherwise delete the docs tree, or the project."""
    project = write_tree(tmp_path / "project", {"site-config.yml": "x: 1\n"})
    result = build(project, project / out, TODAY)
    assert not result.ok
    assert [p.message for p in result.problems] == [
        f"overlaps the docs tree folder {project / 'build'}; build the site into another folder"
    ]
    assert (project / "site-config.yml").is_file()


def test_a_zensical_run_that_writes_no_page_fails(tmp_path: Path) -> None:
    """Zensical exits 0 and writes nothing for a tree with a folder named with a backslash:
    that must fail the build, not publish an empty site in place of the old one."""
    tree = write_tree(tmp_path / "tree", {"mkdocs.yml": CONFIG, "docs/index.md": "# Forside\n", "docs/a\\b/index.md": "# Side\n"})
    target = tmp_path / "site"
    with pytest.raises(EngineError) as failure, publishing(target, "zensical", "pages") as output:
        output.render(tree)
    assert failure.value.messages[0].text.startswith("ERROR: zensical wrote no page for docs/")
    assert not target.exists()


def test_a_build_spread_over_processes_is_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large site's pages are rendered by one process per core: the same bytes as one
    process renders, and a warning from any page still fails the build."""
    from generator import engine

    project = copy_example(tmp_path / "project")
    assert build(project, tmp_path / "one", TODAY).ok
    monkeypatch.setattr(engine, "PARALLEL_PAGES", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    spread = build(project, tmp_path / "spread", TODAY, build_dir=tmp_path / "build-spread")
    assert spread.ok
    assert tree_bytes(tmp_path / "spread") == tree_bytes(tmp_path / "one")
    tree = tmp_path / "build-spread"
    (tree / "docs/om-brukerrad/index.md").write_text("# Om\n\n[Borte](borte.md)\n", encoding="utf-8")
    with pytest.raises(EngineError) as failure:
        engine._MkDocs().render(tree, tmp_path / "failed", 0)
    assert any("borte.md" in m.text for m in failure.value.messages)
