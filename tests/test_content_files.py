"""Files under content/ beside the pages are published as they are, so only those a browser
cannot run as a page of the site: a contributed HTML page or an SVG image with a script would
run as the site itself, with every reader's session on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_build, run_check, write_tree
from generator.published_files import svg_activity

PLAIN_SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#036"/></linearGradient><path id="p" d="M0 0h10v10z"/></defs>
  <style>.a { fill: url(#g); }</style>
  <use xlink:href="#p" class="a" style="fill: url('#g')"/>
  <a href="#p"><text y="8">Eksempel kommune</text></a>
</svg>
"""


def test_a_plain_logo_and_documents_are_published(project: Path, tmp_path: Path) -> None:
    write_tree(
        project,
        {
            "content/assets/logo.svg": PLAIN_SVG,
            "content/vedlegg/rapport.pdf": b"%PDF-1.4\n%%EOF\n",
            "content/assets/bilde.PNG": b"\x89PNG\r\n\x1a\n",
        },
    )
    out = tmp_path / "site"
    result = run_build(project, out)
    assert result.exit_code == 0, result.output
    assert (out / "assets/logo.svg").read_bytes() == PLAIN_SVG
    assert (out / "vedlegg/rapport.pdf").is_file()
    assert (out / "assets/bilde.PNG").is_file()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("vedlegg.html", b"<script>alert(1)</script>", "is a .html file, which a browser could run as a page of the site"),
        ("side.xhtml", b"<html xmlns='http://www.w3.org/1999/xhtml'/>", "is a .xhtml file"),
        ("data.xml", b"<?xml-stylesheet href='x.xsl'?><x/>", "is a .xml file"),
        ("kode.js", b"alert(1)", "is a .js file"),
        ("LESMEG", b"<script>alert(1)</script>", "is a file without a type (such as .pdf)"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "is an SVG image with a <script> element"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "is an SVG image with an event handler (onload)"),
    ],
)
def test_files_a_browser_would_run_are_refused(project: Path, tmp_path: Path, name: str, data: bytes, message: str) -> None:
    write_tree(project, {f"content/assets/{name}": data})
    result = run_check(project)
    assert result.exit_code == 1
    assert [line for line in result.problems if line.startswith(f"content/assets/{name}: {message}")], result.output
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script></svg>',
            "a <script> element",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p xmlns="http://www.w3.org/1999/xhtml"/></foreignObject></svg>',
            "a <foreignobject> element",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
            "a link or reference outside the image",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="&#106;avascript:alert(1)">x</a></svg>',
            "a link or reference outside the image",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a></svg>',
            "an animated link",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://marker.raad.test/pixel"/></svg>',
            "a link or reference outside the image",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://marker.raad.test/p#g)"/></svg>',
            "a reference outside the image (fill)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import "//marker.raad.test/x.css";</style></svg>',
            "a style sheet that loads something",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY s "&#60;script>alert(1)&#60;/script>">]><svg xmlns="http://www.w3.org/2000/svg">&s;</svg>',
            "a document type declaration",
        ),
        (b'<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>', "a style sheet reference"),
        (b"<svg><script>alert(1)</script>", "errors in its XML"),
    ],
)
def test_svg_images_that_run_or_load_anything_are_refused(svg: bytes, reason: str) -> None:
    assert svg_activity(svg) == reason


def test_a_plain_svg_image_is_no_activity() -> None:
    assert svg_activity(PLAIN_SVG) is None


@pytest.mark.parametrize(
    ("name", "what"), [("a\\b.md", "a backslash"), ("a\tb.md", "a control character ('\\t')"), ("x\\y.pdf", "a backslash")]
)
def test_names_that_cannot_be_an_address_are_refused(project: Path, name: str, what: str) -> None:
    """A browser reads `\\` in an address as `/`, and Zensical silently rendered no page at
    all for a folder named with one."""
    write_tree(project, {f"content/{name}": "Tekst.\n" if name.endswith(".md") else b"%PDF-1.4\n"})
    result = run_check(project)
    assert result.exit_code == 1
    assert result.problems == [f"content/{name}: has {what} in its name, which cannot be part of a web address; rename it"]
