"""Every page of the built example is valid HTML by the W3C Nu HTML checker (vnu.jar), as far
as raad's own markup goes; the errors of the mkdocs-material theme's own markup are reported
as warnings, not failures (raad overrides blocks of the theme and cannot mend the rest).

Who wrote the markup an error is about: the checker reports the position of the offending
markup (for most errors a start tag), which is read back from the page. The error is the
theme's when that tag is one the installed theme's templates write -- each start tag of
material/templates/**/*.html becomes a pattern, its Jinja expressions wildcards -- and none
of raad's templates (theme/*.html, generator/templates/*.j2) could have written it. Only the
theme's tags with a fixed attribute value (``class="md-nav__title"``, ``id="__drawer"``) count:
a bare ``<a href="{{ url }}">`` would also match a link of raad's Markdown. Anything else is
raad's, the generated pages, main.html's blocks and the content of content/ alike; so a new
error in a template fails here whoever added it, and a new version of the theme that brings
errors of its own warns without failing. (A baseline run over a plain mkdocs-material site
was the alternative; it would need a second build and still could not tell a theme error on a
page kind the plain site lacks, such as a page outside the navigation.)

vnu.jar comes from npm (tests/tools/vnu, `make vnu`) and runs on Java; without either, the test
is skipped, except in CI, where that is a failure. One JVM checks every page at once.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

import pytest

from conftest import REPO, site_pages
from generator.pages.accessibility import THEME_NOTES

VNU = REPO / "tests" / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def require_vnu() -> None:
    """Skip without Java or vnu.jar, except in CI, where that is a failure."""
    missing = "Java" if JAVA is None else "vnu.jar (make vnu)" if not VNU.is_file() else None
    if missing:
        if os.environ.get("CI"):
            raise RuntimeError(f"{missing} is missing; make test installs vnu.jar, Java 17 must be on the machine")
        pytest.skip(f"{missing} is missing", allow_module_level=True)


require_vnu()


@dataclass(frozen=True)
class Finding:
    """One error of the checker: the page, its line, the message and the markup it is about."""

    page: str
    line: int
    message: str
    markup: str

    def format(self) -> str:
        return f"{self.page}:{self.line}: {self.message}\n    {self.markup[:200]}"


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_FIXED_VALUE = re.compile(r'[\w-]+="[^"\0]+"')
_WILD = "\0"


def tag_patterns(template: str, fixed_only: bool) -> Iterator[re.Pattern[str]]:
    """A pattern for each start tag of a Jinja template: expressions and statements match any
    text within the tag, whitespace any whitespace. With `fixed_only`, only tags with an
    attribute of fixed value."""
    for tag in _TAG.findall(_JINJA.sub(_WILD, template)):
        if fixed_only and not _FIXED_VALUE.search(tag):
            continue
        parts = re.split(rf"({_WILD}|\s+)", tag)
        yield re.compile("".join("[^<>]*?" if p == _WILD else r"\s*" if p.isspace() else re.escape(p) for p in parts if p))


@cache
def theme_tags() -> tuple[re.Pattern[str], ...]:
    spec = find_spec("material")
    assert spec is not None
    assert spec.origin is not None
    templates = Path(spec.origin).parent / "templates"
    return tuple(p for path in sorted(templates.rglob("*.html")) for p in tag_patterns(path.read_text(encoding="utf-8"), True))


@cache
def raad_tags() -> tuple[re.Pattern[str], ...]:
    own = [*sorted((REPO / "theme").rglob("*.html")), *sorted((REPO / "generator" / "templates").rglob("*.j2"))]
    assert len(own) > 10
    return tuple(p for path in own for p in tag_patterns(path.read_text(encoding="utf-8"), False))


def written_by_theme(markup: str) -> bool:
    """Whether only the theme's templates could have written this start tag."""
    tag = " ".join(markup.split())
    return (
        tag.startswith("<")
        and any(p.fullmatch(tag) for p in theme_tags())
        and not any(p.fullmatch(tag) for p in raad_tags())
    )


def markup_at(lines: list[str], message: dict[str, object]) -> str:
    """The text the checker's message points at (1-based lines and columns, both inclusive)."""
    last = int(str(message.get("lastLine", 0)))
    first = int(str(message.get("firstLine", last)))
    if not last or "firstColumn" not in message:
        return str(message.get("extract", "")).strip()
    text = "\n".join(lines[first - 1 : last])
    end = len(text) - len(lines[last - 1]) + int(str(message["lastColumn"]))
    return text[int(str(message["firstColumn"])) - 1 : end]


def check(site: Path) -> list[Finding]:
    """Every error the Nu checker finds on the site's pages, in one run of the JVM."""
    pages = {str(site / (url + "index.html" if url.endswith("/") or not url else url)): url or "/" for url in site_pages(site)}
    completed = subprocess.run(
        [str(JAVA), "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    findings = []
    sources: dict[str, list[str]] = {}
    for message in json.loads(completed.stdout)["messages"]:
        if message["type"] == "info":
            continue  # warnings and notes: not errors
        path = str(message.get("url", "")).removeprefix("file:")
        if path not in sources:
            sources[path] = Path(path).read_text(encoding="utf-8").splitlines() if Path(path).is_file() else []
        line = int(message.get("lastLine", 0))
        findings.append(Finding(pages.get(path, path), line, message["message"], markup_at(sources[path], message)))
    return findings


def test_raad_markup_is_valid_html(example_site: Path) -> None:
    findings = check(example_site)
    theme = [f for f in findings if written_by_theme(f.markup)]
    raad = [f for f in findings if f not in theme]
    if theme:
        kinds = Counter((f.message, " ".join(f.markup.split())) for f in theme)
        report = "\n".join(f"{count} pages: {message}\n    {markup}" for (message, markup), count in kinds.most_common())
        print(f"The theme's own markup (not raad's):\n{report}")
        warnings.warn(f"vnu finds {len(theme)} errors in the theme's own markup:\n{report}", stacklevel=1)
    assert [f.format() for f in raad] == []
    # The accessibility statement explains every error of the theme that remains.
    unexplained = {f.message for f in theme if not any(note.markup and note.markup in f.markup for note in THEME_NOTES)}
    assert unexplained == set(), "add a note on these to THEME_NOTES in generator/pages/accessibility.py"


def test_errors_are_told_apart_by_who_wrote_the_tag() -> None:
    """The theme's fixed tags are the theme's; raad's tags, and tags of Markdown that a
    generic tag of the theme would also match, are raad's."""
    assert written_by_theme('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">')
    assert written_by_theme('<label class="md-nav__title" for="__toc">')
    assert not written_by_theme('<a href="../rad/x/">')  # Markdown's, also the theme's <a href="{{ url }}">
    assert not written_by_theme('<form class="raad-header-search" role="search" action="../sok/" method="get">')
    assert not written_by_theme('<table class="raad-contacts">')
    assert not written_by_theme("text, not a tag")


def test_the_checker_finds_and_places_an_error_of_raad(tmp_path: Path) -> None:
    """End to end through vnu: the markup each error points at is read back from the page,
    after lines of non-ASCII text, and told apart."""
    page = (
        '<!doctype html>\n<html lang="nb"><head><meta charset="utf-8"><title>Råd</title></head><body>\n'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<p>Brukerråd for æøå</p><p><label class="raad-x"\n for="ingen">Navn</label></p>\n</body></html>\n'
    )
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    findings = check(tmp_path)
    assert [(f.line, f.markup, written_by_theme(f.markup)) for f in findings] == [
        (3, '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">', True),
        (5, '<label class="raad-x"\n for="ingen">', False),
    ]
