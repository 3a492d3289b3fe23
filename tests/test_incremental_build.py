"""`raad build` after a change renders only what changed, and publishes the very bytes a clean
build of the same project publishes (issue 16): the daily case of one new minutes document
must cost seconds, and must never publish a stale page."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, copy_example, pin_times, run_build, tree_bytes, write_tree
from generator.build import build
from generator.engine import TreeState, publishing

INCREMENTAL = "changed of"
"""What the engine's timing note says when it re-rendered the changed pages into a copy."""



def _add_minutes(project: Path) -> None:
    """A PDF from a word processor and a Markdown document, as staff add them."""
    minutes = project / "councils/eksempelveien-bo-og-dagtilbud/minutes"
    shutil.copy(minutes / "2026-05-12.pdf", minutes / "2026-11-19.pdf")
    write_tree(project, {"councils/eksempelbakken-barnehage/minutes/2026-11-18.md": "---\ntitle: Ekstra møte\n---\nVi snakket om **uteområdet**.\n"})


def _change_roster(project: Path) -> None:
    council = project / "councils/eksempelheim-helse-og-velferdssenter/council.yml"
    text = council.read_text(encoding="utf-8")
    assert "name: Kari Nordmann" in text
    council.write_text(text.replace("name: Kari Nordmann", "name: Kari Nordfjell", 1), encoding="utf-8")


def _change_content(project: Path) -> None:
    page = project / "content/retningslinjer.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Nytt avsnitt\n\nEn ny regel om **møteplan**.\n", encoding="utf-8")


def _remove_council(project: Path) -> None:
    shutil.rmtree(project / "councils/psykisk-helse-og-rus")


def _change_site_config(project: Path) -> None:
    config = project / "site-config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_name: ", "site_name: Nye ", 1), encoding="utf-8")


CHANGES: list[tuple[str, Callable[[Path], None], bool]] = [
    ("an added minutes document", _add_minutes, True),
    ("a changed roster", _change_roster, True),
    ("a changed content page", _change_content, True),
    # Removed pages could leave links to them in pages that were not rendered: a full build.
    ("a removed council", _remove_council, False),
    # The site's settings (its name, navigation, theme) are on every page: a full build.
    ("a changed site-config", _change_site_config, False),
]


def test_a_rebuild_after_each_change_equals_a_clean_build(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    pin_times(project)
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    for number, (change, apply, incremental) in enumerate(CHANGES):
        apply(project)
        pin_times(project)
        rebuilt = run_build(project, out, "--timings")
        assert rebuilt.exit_code == 0, f"{change}: {rebuilt.output}"
        assert (INCREMENTAL in rebuilt.output) is incremental, f"{change}: {rebuilt.output}"
        clean_project = tmp_path / f"clean-{number}"
        shutil.copytree(project, clean_project, ignore=shutil.ignore_patterns("build", "site"))
        clean_out = tmp_path / f"clean-{number}-site"
        assert run_build(clean_project, clean_out).exit_code == 0
        rebuilt_bytes, clean_bytes = tree_bytes(out), tree_bytes(clean_out)
        assert sorted(rebuilt_bytes) == sorted(clean_bytes), change
        differing = [path for path in clean_bytes if rebuilt_bytes[path] != clean_bytes[path]]
        assert differing == [], change
    site = (out / "rad/eksempelheim-helse-og-velferdssenter/index.html").read_text(encoding="utf-8")
    assert "Kari Nordfjell" in site
    assert not (out / "rad/psykisk-helse-og-rus").exists()


def test_only_the_changed_pages_are_rendered_again(tmp_path: Path) -> None:
    """One new document: its page, its council's page and the pages made from the whole
    project are rendered; the other councils' minutes and decisions are not."""
    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    first = run_build(project, out, "--timings")
    assert "(50 rendered, 0 unchanged)" in first.output
    write_tree(project, {"councils/eksempelbakken-barnehage/minutes/2026-11-18.md": "---\ntitle: Ekstra møte\n---\nTekst.\n"})
    second = run_build(project, out, "--timings")
    # The new page, its council's page and the 2026 archive; and the 18 pages made from the
    # whole project or written by hand (front page, sectors, contact list, content pages, ...).
    assert "51 pages (21 rendered, 30 unchanged)" in second.output, second.output
    assert "Ekstra møte" in (out / "rad/eksempelbakken-barnehage/referat/2026-11-18/index.html").read_text(encoding="utf-8")


def test_a_failed_rebuild_into_the_copy_leaves_the_published_site_as_it_was(tmp_path: Path) -> None:
    """The copy links the published site's unchanged pages; what the engine writes into the
    copy (the changed page, the sitemap, the 404 page) must not reach them."""
    tree = write_tree(
        tmp_path / "tree",
        {
            "mkdocs.yml": "site_name: Test\ndocs_dir: docs\ntheme: {name: material, font: false}\n",
            "docs/index.md": "# Forside\n",
            "docs/a/index.md": "# A\n",
            "docs/b/index.md": "# B\n",
        },
    )
    target = tmp_path / "site"
    digests = {"index.md": "1", "a/index.md": "1", "b/index.md": "1"}
    with publishing(target, "mkdocs", "first", tree=TreeState(tree, digests)) as output:
        output.render(tree)
    before = tree_bytes(target)
    write_tree(tree, {"docs/a/index.md": "# A, endret\n"})
    changed = {**digests, "a/index.md": "2"}
    with pytest.raises(OSError, match="no room"), publishing(target, "mkdocs", "second", tree=TreeState(tree, changed)) as output:  # noqa: PT012 (the block is what is tested)
        assert "1 changed of 3 files" in output.render(tree)
        assert "A, endret" in (output.site_dir / "a/index.html").read_text(encoding="utf-8")
        raise OSError("no room for the search index")
    assert tree_bytes(target) == before
    assert "A, endret" not in (target / "a/index.html").read_text(encoding="utf-8")


def test_a_site_not_built_from_this_docs_tree_is_built_whole(tmp_path: Path) -> None:
    """The record of what the site was built from is the docs tree folder's: another site
    folder, or a site folder built from another tree, gets a full build."""
    project = copy_example(tmp_path / "project")
    assert run_build(project, tmp_path / "one").exit_code == 0
    write_tree(project, {"councils/eksempelbakken-barnehage/minutes/2026-11-18.md": "Tekst.\n"})
    other = run_build(project, tmp_path / "two", "--timings")
    assert other.exit_code == 0
    assert INCREMENTAL not in other.output
    again = run_build(project, tmp_path / "one", "--timings")
    assert INCREMENTAL not in again.output, "one was built from the tree before two's build"


@pytest.mark.parametrize("damage", ["manifest", "page"])
def test_a_damaged_docs_tree_renders_the_page_again(tmp_path: Path, damage: str) -> None:
    """The docs tree is the memory of unchanged pages; a page changed there by hand, or a
    lost manifest, renders again rather than publish what is in the file."""
    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    page = project / "build/docs/rad/eksempelbakken-barnehage/referat/2026-09-29/index.md"
    if damage == "manifest":
        (project / "build/.cache/docs-tree.json").write_text("{", encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "# Forfalsket ", 1), encoding="utf-8")
    assert run_build(project, out).exit_code == 0
    assert "Forfalsket" not in page.read_text(encoding="utf-8")
    assert "Forfalsket" not in (out / "rad/eksempelbakken-barnehage/referat/2026-09-29/index.html").read_text(encoding="utf-8")



def test_a_page_written_by_a_killed_build_is_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed while writing the docs tree leaves new pages there but no manifest of
    its own; the next build, which no longer has the page, must not publish it."""
    from generator import docs_tree

    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    new = project / "councils/eksempelbakken-barnehage/minutes/2026-11-18.md"
    write_tree(project, {new.relative_to(project).as_posix(): "---\ntitle: Ekstra møte\n---\nTekst.\n"})
    written: list[Path] = []
    real_write = docs_tree._write_if_changed

    def killed_after_the_new_page(path: Path, data: bytes) -> bool:
        changed = real_write(path, data)
        written.append(path)
        if "2026-11-18" in path.as_posix():
            raise KeyboardInterrupt  # as a kill would stop it, before the manifest is written
        return changed

    monkeypatch.setattr(docs_tree, "_write_if_changed", killed_after_the_new_page)
    assert run_build(project, out).exit_code != 0
    monkeypatch.undo()
    stray = project / "build/docs/rad/eksempelbakken-barnehage/referat/2026-11-18/index.md"
    assert stray in written
    assert stray.is_file()
    new.unlink()
    assert run_build(project, out).exit_code == 0
    assert not stray.exists()
    assert not (out / "rad/eksempelbakken-barnehage/referat/2026-11-18").exists()


def test_the_preview_removes_a_removed_page_and_a_build_into_its_folder_publishes_none(tmp_path: Path) -> None:
    """The preview re-renders in place: a page removed meanwhile must go from its folder too,
    and `raad build` into that folder must publish what a clean build does (the preview does
    not refresh its search index, the build does)."""
    project = copy_example(tmp_path / "project")
    pin_times(project)
    preview = tmp_path / "preview"
    assert build(project, preview, TODAY).ok
    added = project / "councils/eksempelbakken-barnehage/minutes/2026-11-18.md"
    write_tree(project, {added.relative_to(project).as_posix(): "Tekst.\n"})
    assert build(project, preview, TODAY, incremental=True).ok
    assert (preview / "rad/eksempelbakken-barnehage/referat/2026-11-18/index.html").is_file()
    added.unlink()
    pin_times(project)
    assert build(project, preview, TODAY, incremental=True).ok
    assert not (preview / "rad/eksempelbakken-barnehage/referat/2026-11-18/index.html").exists()
    assert run_build(project, preview).exit_code == 0
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("build", "site"))
    assert run_build(clean, tmp_path / "clean-site").exit_code == 0
    assert tree_bytes(preview) == tree_bytes(tmp_path / "clean-site"), "the search index too"
