"""The one rendering path for contributed text: Markdown in, safe HTML out, on every page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import COUNCIL, attr, copy_example, one, run_build, run_check, write_tree
from generator.i18n import format_day
from generator.render import relative_url, render_text, safe_url

HOSTILE = """\
# Mandat

<script>alert("mandate")</script>

<img src="x" onerror="alert('img')">

[Klikk her](javascript:alert('link')) og [e-post](mailto:leder@example.org).

<iframe src="https://evil.example/"></iframe>
"""


def test_render_text_removes_scripts_handlers_and_bad_schemes() -> None:
    html = str(render_text(HOSTILE))
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert one(soup, 'a[href="mailto:leder@example.org"]').get_text() == "e-post"
    assert one(soup, "h1").get_text() == "Mandat"


def test_render_text_shifts_headings() -> None:
    assert str(render_text("# Formål", base_level=2)).startswith('<h2 id="formal">Formål</h2>')


def test_fenced_code_keeps_its_lines_and_shows_markup_as_text() -> None:
    """A guide's YAML example stays a block of lines; a tag in it is shown, never run."""
    soup = BeautifulSoup(str(render_text('```yaml\nmeetings:\n  - time: "18:00"\n<script>alert(1)</script>\n```\n')), "html.parser")
    assert one(soup, "pre > code").get_text() == 'meetings:\n  - time: "18:00"\n<script>alert(1)</script>\n'
    assert soup.find("script") is None


def test_hostile_mandate_reaches_the_built_page_harmless(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    (project / "councils/nav-eksempel/mandate.md").write_text(HOSTILE, encoding="utf-8")
    council = project / "councils/nav-eksempel/council.yml"
    council.write_text(
        council.read_text(encoding="utf-8").replace("established: 2011-10-01\n", "established: 2011-10-01\nmandate: mandate.md\n"),
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    soup = BeautifulSoup((out / "rad/nav-eksempel/index.html").read_text(encoding="utf-8"), "html.parser")
    article = one(soup, "article")
    assert not any("alert" in (script.string or "") for script in soup.find_all("script"))
    assert all(not name.startswith("on") for tag in article.find_all(True) for name in tag.attrs)
    assert not article.find_all("a", href=lambda h: h and h.startswith("javascript:"))
    assert article.find("a", href="mailto:leder@example.org") is not None


def test_names_are_escaped_not_markup(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    council = project / "councils/nav-eksempel/council.yml"
    council.write_text(
        council.read_text(encoding="utf-8").replace("name: Rita Fiktivsen", 'name: "<b>Rita</b> *Fiktivsen*"'), encoding="utf-8"
    )
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    html = (out / "rad/nav-eksempel/index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Rita&lt;/b&gt; *Fiktivsen*" in html
    assert "<b>Rita</b>" not in html


def test_council_url_with_a_bad_scheme_is_refused(project: Path) -> None:
    write_tree(project, {"councils/testheim/council.yml": COUNCIL + 'contact: {url: "javascript:alert(1)"}\n'})
    assert run_check(project).problems == [
        "councils/testheim/council.yml:19: contact.url: expected an address starting with https:// but got 'javascript:alert(1)'"
    ]


def test_safe_url_and_relative_url() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("https://example.org/") == "https://example.org/"
    assert relative_url("rad/x/", "sektor/y/") == "../../sektor/y/"
    assert relative_url("", "rad/x/") == "rad/x/"
    assert relative_url("rad/x/", "rad/x/referat/a.pdf") == "referat/a.pdf"
    assert relative_url("rad/x/", "") == "../../"


def test_dates_follow_the_locale() -> None:
    day = dt.date(2021, 4, 27)
    assert format_day("nb", day) == "27. april 2021"
    assert format_day("nn", day) == "27. april 2021"
    assert format_day("en", day) == "April 27, 2021"


def test_an_english_site(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    config = project / "site-config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: nb", "language: en"), encoding="utf-8")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    soup = BeautifulSoup((out / "rad/psykisk-helse-og-rus/index.html").read_text(encoding="utf-8"), "html.parser")
    assert attr(one(soup, "html"), "lang") == "en"
    assert "It was active from June 18, 2024 to December 31, 2025." in one(soup, ".raad-notice--historical").get_text()
    assert [h.get_text(strip=True) for h in soup.select("article h2")][:2] == ["Mandate", "Members"]


def test_a_title_over_several_lines_stays_one_heading(tmp_path: Path) -> None:
    """A YAML `|` block title: its line breaks must not end the heading and start Markdown
    blocks of their own (a rule, a list, a link definition)."""
    project = copy_example(tmp_path / "project")
    minutes = project / "councils/nav-eksempel/minutes/2026-10-01-ekstra.md"
    minutes.parent.mkdir(exist_ok=True)
    title = "Møte\\n---\\n* punkt\\n\\n[x]: https://example.org/\\n\\n    kode <b>"
    minutes.write_text(f'---\ntitle: "{title}"\n---\nReferat.\n', encoding="utf-8")
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    article = one(
        BeautifulSoup((out / "rad/nav-eksempel/referat/2026-10-01-ekstra/index.html").read_text(encoding="utf-8"), "html.parser"), "article"
    )
    assert one(article, "h1").get_text().strip() == "Møte --- * punkt [x]: https://example.org/ kode <b>"
    assert not article.find_all(["hr", "ul", "pre", "b"])


def test_a_link_to_a_page_whose_name_holds_a_colon_stays_relative() -> None:
    """`javascript:alert(1)/` would be an address with a scheme; `./javascript:alert(1)/` is the page."""
    assert relative_url("", "javascript:alert(1)/") == "./javascript:alert(1)/"
    assert relative_url("", "a:b/c/#d") == "./a:b/c/#d"
    assert relative_url("sektor/x/", "a:b/") == "../../a:b/"
    assert (
        str(render_text("[x](./a:b.md)", resolve=lambda path: relative_url("", "a:b/")))
        == '<p><a href="./a:b/" rel="noopener noreferrer">x</a></p>'
    )
