"""Contributed Markdown is converted once per content, across builds (issue 16)."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_example, run_build, write_tree
from generator.markdown_cache import MarkdownCache
from generator.render import converter_fingerprint, render_text


def test_a_text_is_converted_once_and_shown_the_same(tmp_path: Path) -> None:
    cache = MarkdownCache(tmp_path, converter_fingerprint())
    text = "# Sak 1\n\nVi ble enige om **uteområdet**, se [retningslinjene](https://example.org/).\n"
    first = render_text(text, base_level=2, cache=cache)
    again = render_text(text, base_level=2, cache=MarkdownCache(tmp_path, converter_fingerprint()))  # a later build
    assert again == first == render_text(text, base_level=2)
    assert "<h2" in first
    assert (cache.misses, cache.hits) == (1, 0)
    other_level = MarkdownCache(tmp_path, converter_fingerprint())
    assert "<h3" in render_text(text, base_level=3, cache=other_level)
    assert other_level.misses == 1, "a heading level is a conversion of its own"


def test_the_cache_still_sanitises_and_resolves_links_on_every_use(tmp_path: Path) -> None:
    """What is cached is the conversion: a link is resolved for the page the text is shown
    on, and the sanitiser runs on every use (a damaged entry cannot smuggle markup in)."""
    cache = MarkdownCache(tmp_path, converter_fingerprint())
    text = "Se [reglene](retningslinjer.md).\n"
    assert 'href="../retningslinjer/"' in render_text(text, resolve=lambda _: "../retningslinjer/", cache=cache)
    assert 'href="../../retningslinjer/"' in render_text(text, resolve=lambda _: "../../retningslinjer/", cache=cache)
    assert cache.hits == 1
    for entry in tmp_path.rglob("*.html"):
        entry.write_text('<p>Se <a href="javascript:alert(1)">reglene</a></p><script>alert(1)</script>', encoding="utf-8")
    shown = render_text(text, cache=cache)
    assert "javascript:" not in shown
    assert "<script" not in shown


def test_an_emptied_entry_is_converted_again(tmp_path: Path) -> None:
    cache = MarkdownCache(tmp_path, converter_fingerprint())
    render_text("Tekst.\n", cache=cache)
    for entry in tmp_path.rglob("*.html"):
        entry.write_bytes(b"")  # as a power cut may leave a file
    assert render_text("Tekst.\n", cache=cache) == "<p>Tekst.</p>"
    assert cache.misses == 2


def test_a_build_keeps_converted_minutes_for_the_next(tmp_path: Path) -> None:
    """A council renamed: its minutes pages are rendered again, from Markdown converted by
    the build before (marked here, to tell a kept conversion from a new one)."""
    project = copy_example(tmp_path / "project")
    write_tree(project, {"councils/eksempelbakken-barnehage/minutes/2026-11-18.md": "Vi snakket om **uteområdet**.\n"})
    assert run_build(project, tmp_path / "site").exit_code == 0
    [entry] = [p for p in (project / "build/.cache/markdown").rglob("*.html") if "uteområdet" in p.read_text(encoding="utf-8")]
    entry.write_text(entry.read_text(encoding="utf-8").replace("<strong>", "<em>").replace("</strong>", "</em>"), encoding="utf-8")
    council = project / "councils/eksempelbakken-barnehage/council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("name: ", "name: Nye ", 1), encoding="utf-8")
    assert run_build(project, tmp_path / "site").exit_code == 0
    page = (tmp_path / "site/rad/eksempelbakken-barnehage/referat/2026-11-18/index.html").read_text(encoding="utf-8")
    assert "Nye " in page
    assert "<em>uteområdet</em>" in page
