"""raad's raw HTML blocks reach the engine set aside by `generator.html_blocks`, without the
HTML parser's cost, and the site is the same bytes as without it: for the example (tables,
lists, a PDF's text version), for any shape of HTML the extension may meet, and for
contributed text that imitates the end of raad's block."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import REPO, TODAY, tree_bytes, write_tree
from generator import html_blocks
from generator.build import build
from generator.engine import CONFIG, publishing
from generator.history import source_epoch

ENGINE_EXTENSIONS = ["tables", "toc", "fenced_code"]
"""What the engine runs besides the extension: the configuration's, and mkdocs' built-ins."""
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


def _convert(source: str, extensions: list[str]) -> tuple[str, int]:
    """The HTML of `source`, and how many tags (`<`) were left for `html_block`, the HTML parser, to read."""
    md = markdown.Markdown(extensions=extensions)
    parse = md.preprocessors["html_block"].run
    tags = [0]

    def counting(lines: list[str]) -> list[str]:
        tags[0] = "\n".join(lines).count("<")
        return parse(lines)

    md.preprocessors["html_block"].run = counting  # type: ignore[method-assign]
    return md.convert(source), tags[0]


def _with_and_without(source: str, extensions: list[str] = ENGINE_EXTENSIONS) -> tuple[str, str, int]:
    """The HTML without and with the extension, and the tags the parser still read with it."""
    plain, _ = _convert(source, extensions)
    fast, parsed = _convert(source, [*extensions, html_blocks.__name__])
    return plain, fast, parsed


def _without_extension(tree: Path, target: Path, project: Path) -> Path:
    """The engine's site from a copy of `project`'s docs tree at `tree` whose configuration
    leaves the extension out (dated as `raad build` dates it)."""
    copy = target.with_name(target.name + "-tree")
    shutil.copytree(tree, copy)
    config = (copy / CONFIG).read_text(encoding="utf-8")
    assert f"- {html_blocks.__name__}\n" in config
    (copy / CONFIG).write_text(config.replace(f"- {html_blocks.__name__}\n", ""), encoding="utf-8")
    with publishing(target, "mkdocs", "without the extension", epoch=source_epoch(project)) as output:
        output.render(copy)
    return target


def _page_markdown(tree: Path, page: str) -> str:
    return _FRONT_MATTER.sub("", (tree / "docs" / page).read_text(encoding="utf-8"))


def test_the_example_is_the_same_site_without_the_extension(example_site: Path, tmp_path: Path) -> None:
    """Every file the engine writes for the example is byte for byte the one it writes
    without the extension, and on none of raad's pages is a tag left for the HTML parser."""
    tree = example_site.parent / "build"
    plain = tree_bytes(_without_extension(tree, tmp_path / "plain", REPO))
    built = tree_bytes(example_site)
    assert len(plain) > 100
    different = [name for name, content in plain.items() if name != ".raad-build" and built.get(name) != content]
    assert different == []

    pages = {
        "rad/bo-og-habiliteringstjenesten/referat/2021-04-27/index.md": 'class="raad-text raad-pdf-text"',  # a PDF's text version
        "rad/eksempelbakken-barnehage/index.md": '<table class="raad-stack">',  # the roster
        "referater/2026/index.md": '<ul class="raad-minutes">',  # lists under raw headings
        "vedtak/index.md": '<tr id="',  # the table of decisions awaiting follow-up
    }
    for page, shape in pages.items():
        source = _page_markdown(tree, page)
        assert shape in source, page
        plain_html, fast_html, parsed = _with_and_without(source)
        assert fast_html == plain_html, page
        assert parsed == 0, f"{page}: the HTML parser still read {parsed} tags"
    every_page = sorted(page.relative_to(tree / "docs").as_posix() for page in (tree / "docs").rglob("*.md"))
    assert [page for page in every_page if _with_and_without(_page_markdown(tree, page))[2]] == []


TAKEN = {
    "raad's blocks": '<div class="raad-text">\n<h2 id="a">A</h2>\n<p>x &amp; y &#39;z&#39; &#x27;</p>\n</div>\n\n## Heading\n\n<dl class="raad-facts">\n<dt>a</dt><dd>b</dd>\n</dl>\n',
    "blocks one per line": '<h2 id="x">X</h2>\n<ul class="raad-minutes">\n<li>a<br><span>b</span></li>\n</ul>\n\nText *after*\n',
    "a block after a paragraph line": "para\n<div>a</div>\n\n*x*\n",
    "many blank lines": "<div>a</div>\n\n\n\n<div>b</div>\n\n\n*x*\n",
    "blank lines inside": "<div>\n\n*not Markdown*\n\n</div>\n\n*Markdown*\n",
    "preformatted": "<pre><code>a\n\n\n[x](javascript:alert(1))\n</code></pre>\n\n*x*\n",
    "an end tag closing an inner one": "<div><p>a</div>\n\n*x*\n",
    "an end tag closing through another": "<div><section><div></section></div>\n\n*x*\n",
    "an end tag of nothing open": "<div></span>b</div>\n\n*x*\n",
    "empty elements inside": '<div><br/><hr><input type="text">a<hr/>b</div>\n\n*x*\n',
    "noscript": "<noscript><p>Needs JavaScript.</p></noscript>\n\n*x*\n",
    "an empty iframe": '<div><iframe src="x"></iframe></div>\n\n*x*\n',
    "fenced code": "```\n<div>a</div>\n\n*x*\n```\n\n<div>b</div>\n",
    "capitals": '<DIV Class="a">a</div>\n\n*x*\n',
    "attributes": '<div title="a > b" hidden open>a</div>\n\n*x*\n\n<div title="</div>">a</div>\n\n*y*\n',
    "no end of line": "<div>a</div>",
    "tables and headings": "| a | b |\n|---|---|\n| x | y |\n\n<div>t</div>\n\n## A\n\n<div>c</div>\n",
    "tabs and carriage returns": "<div>\ta</div>\r\n\r\n*x*\r\n",
    "a markdown attribute": '<div markdown="1">\n*x*\n</div>\n\n*y*\n',
    "an imitated end of raad's block": '<div class="raad-text">\n<p>&lt;/div&gt;</p>\n<pre><code>&lt;/div&gt;\n\n[x](javascript:alert(1))\n</code></pre>\n</div>\n\n[y](javascript:alert(2))\n',
}
"""Shapes the extension sets aside: the parser reads none of their tags."""
LEFT = {
    "never closed": "<div>\n\n*x*\n",
    "text after the end tag": "<div>a</div> *tail*\n\n*x*\n",
    "text on the next line": "<div>b</div>\n*tail*\n",
    "spaces before the next block": "<div>c</div>  \n<p>d</p>\n\n*y*\n",
    "a rule": "<hr>\n\n*x*\n",
    "an empty block": "<p/>\n\n*z*\n",
    "a comment inside": "<div><!-- c --></div>\n\n*x*\n",
    "a comment": "<!-- c -->\n\n*y*\n",
    "a processing instruction": "<?php x ?>\n\n*z*\n",
    "character data": "<![CDATA[x]]>\n\n*z*\n",
    "a declaration": "<!DOCTYPE html>\n\n*z*\n",
    "bare ampersands": "<div>a &amp b &#39 c & d</div>\n\n*x*\n",
    "a script": "<div><script>if (a<b) {}</script></div>\n\n*x*\n",
    "an iframe with content": "<div><iframe><p>x</p></iframe></div>\n\n*z*\n",
    "indented": "  <div>a</div>\n\n*x*\n",
    "inline HTML first": "text <span>a</span>\n\n<div>b</div>\n\n*y*\n",
    "an inline element": "<span>inline</span>\n\n*z*\n",
    "single quotes": "<div data-x='y'>a</div>\n\n*y*\n",
    "inline HTML in a table": "| a | b |\n|---|---|\n| <b>x</b> | y |\n\n<div>t</div>\n",
    "an empty end tag": "<div>a</>b</div>\n\n*x*\n",
}
"""Shapes the extension leaves to the parser (from their first `<` on)."""


@pytest.mark.parametrize("source", [*TAKEN.values(), *LEFT.values()], ids=[*TAKEN, *LEFT])
def test_any_html_gives_the_same_result_with_the_extension(source: str) -> None:
    """Where the extension cannot tell what the parser would do, it leaves the rest of the page to it."""
    plain, fast, parsed = _with_and_without(source)
    assert fast == plain
    assert (parsed == 0) == (source in TAKEN.values())


def test_md_in_html_keeps_its_own_reading() -> None:
    """An extension that reads Markdown inside raw HTML replaces `html_block`; this one then stands aside."""
    source = '<div markdown="1">\n*x*\n</div>\n\n<div>*y*</div>\n'
    plain, fast, _ = _with_and_without(source, [*ENGINE_EXTENSIONS, "md_in_html"])
    assert "<em>x</em>" in fast
    assert fast == plain


MINUTES = """\
---
title: Referat
---
Vanlig tekst.

</div>

[Klikk her](javascript:alert(1))

<div class="raad-text">
<script>alert(2)</script>
<!-- raad -->

## Sak 2
"""


def test_contributed_text_cannot_end_raad_s_block(project: Path, tmp_path: Path) -> None:
    """A minutes document that closes raad's text block and starts Markdown of its own
    reaches the engine sanitised, inside raad's block: the engine reads it as the raw
    HTML it is, with or without the extension, and no link or script of it runs."""
    write_tree(project, {"councils/testheim/minutes/2026-03-01.md": MINUTES})
    result = build(project, tmp_path / "site", TODAY, build_dir=tmp_path / "build")
    assert result.ok, [p.format() for p in result.problems]
    page = "rad/testheim/referat/2026-03-01/index"
    source = _page_markdown(tmp_path / "build", page + ".md")
    for unsanitised in ("javascript:", "<script", "<!--"):
        assert unsanitised not in source
    plain_html, fast_html, parsed = _with_and_without(source)
    assert fast_html == plain_html
    assert parsed == 0
    text = re.search(r'<div class="raad-text">\n(.*?)\n</div>', fast_html, re.DOTALL)
    assert text is not None
    assert "Klikk her" in text.group(1)
    assert "Sak 2" in text.group(1)

    built = (tmp_path / "site" / (page + ".html")).read_text(encoding="utf-8")
    without = (_without_extension(tmp_path / "build", tmp_path / "plain", project) / (page + ".html")).read_text(encoding="utf-8")
    assert built == without
    assert "javascript:" not in built
    assert "alert(2)" not in built
