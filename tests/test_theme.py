"""raad's theme overrides blocks of the engines' own templates and copies none of their files,
so an upgrade of mkdocs-material or Zensical cannot leave a stale copy behind unnoticed; the
header's search box is still where a user looks for it, with either engine."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import COUNCIL, REPO, SITE_CONFIG, TODAY, run_build, write_tree

THEME = REPO / "theme"

# A file of theme/ that has the path of one of the engines' template files replaces that file
# wholesale. Register such a copy here only when no block override can do its work: the
# relative path, then per engine (the keys of `engine_templates()`) the SHA-256 of the upstream
# file it was copied from. The test fails when the installed upstream file differs, so the copy
# is brought up to date with the theme instead of silently diverging from it.
COPIES: dict[str, dict[str, str]] = {}

# main.html is the theme's own extension point: upstream it only extends base.html, so
# replacing it copies nothing, as long as that stays so (checked below).
EXTENSION_POINT = "main.html"


def engine_templates() -> dict[str, Path]:
    """The template folders of the installed themes: mkdocs-material's and Zensical's."""
    folders = {}
    for engine, package in (("mkdocs", "material"), ("zensical", "zensical")):
        spec = importlib.util.find_spec(package)
        assert spec is not None, f"{package} is not installed"
        assert spec.origin is not None
        folders[engine] = Path(spec.origin).parent / "templates"
        assert (folders[engine] / "base.html").is_file(), folders[engine]
    return folders


def theme_files() -> list[str]:
    return sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*") if p.is_file())


def without_comments(template: str) -> str:
    return re.sub(r"\{#.*?#\}", "", template, flags=re.DOTALL).strip()


def test_no_theme_file_shadows_an_engine_template_unless_registered() -> None:
    problems = []
    for engine, templates in engine_templates().items():
        for name in theme_files():
            upstream = templates / name
            if name == EXTENSION_POINT or not upstream.is_file():
                continue
            digest = hashlib.sha256(upstream.read_bytes()).hexdigest()
            recorded = COPIES.get(name, {}).get(engine)
            if recorded is None:
                problems.append(f"theme/{name} replaces {engine}'s {name} wholesale: override its blocks in theme/main.html instead")
            elif recorded != digest:
                problems.append(f"theme/{name} was copied from another {engine} {name} than the installed one ({digest}): update the copy")
    assert not problems, "\n".join(problems)


def test_main_html_replaces_only_an_empty_extension_point() -> None:
    for engine, templates in engine_templates().items():
        assert without_comments((templates / EXTENSION_POINT).read_text(encoding="utf-8")) == '{% extends "base.html" %}', engine


def test_every_overridden_block_exists_in_both_engines() -> None:
    """A block the engine renamed or dropped would be overridden silently in vain."""
    ours = set(re.findall(r"\{%-?\s*block\s+(\w+)", (THEME / EXTENSION_POINT).read_text(encoding="utf-8")))
    assert {"header", "content", "scripts"} <= ours
    for engine, templates in engine_templates().items():
        theirs = set(re.findall(r"\{%-?\s*block\s+(\w+)", (templates / "base.html").read_text(encoding="utf-8")))
        assert ours <= theirs, f"{engine}'s base.html has no block {sorted(ours - theirs)}"


# The tabs under a sticky header are a second <nav> inside <header>: the box belongs in the first.
STICKY_TABS = "theme:\n  features: [navigation.tabs, navigation.tabs.sticky]\n"


Build = Callable[[str, str], BeautifulSoup]
BuildPage = Callable[[str, str, str], BeautifulSoup]


@pytest.fixture(scope="module")
def small_site_page(tmp_path_factory: pytest.TempPathFactory) -> BuildPage:
    """A page (by its address) of the tests' one-council site, built once per engine and theme setting."""
    sites: dict[tuple[str, str], Path] = {}

    def build(engine: str, theme: str, address: str) -> BeautifulSoup:
        if (engine, theme) not in sites:
            root = tmp_path_factory.mktemp(engine)
            files: dict[str, str | bytes] = {"site-config.yml": SITE_CONFIG + theme, "councils/testheim/council.yml": COUNCIL}
            project = write_tree(root / "project", files)
            shutil.copytree(THEME, project / "theme")
            result = run_build(project, root / "site", "--engine", engine, today=TODAY)
            assert result.exit_code == 0, result.output
            sites[engine, theme] = root / "site"
        file = sites[engine, theme] / address
        page = (file if file.suffix == ".html" else file / "index.html").read_text(encoding="utf-8")
        return BeautifulSoup(page, "html.parser")

    return build


@pytest.fixture(scope="module")
def small_site(small_site_page: BuildPage) -> Build:
    """The council page of the tests' one-council site, built once per engine and theme setting."""
    return lambda engine, theme: small_site_page(engine, theme, "rad/testheim")


@pytest.mark.parametrize("theme", ["", STICKY_TABS], ids=["plain", "sticky-tabs"])
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_header_search_box_is_in_the_theme_header(small_site: Build, engine: str, theme: str) -> None:
    page = small_site(engine, theme)
    header = page.find("header")
    assert isinstance(header, Tag)
    assert header.select_one(".md-header__title") is not None, "the theme's own header is kept"
    forms = page.select("form.raad-header-search")
    assert len(forms) == 1
    form = forms[0]
    assert form.find_parent("nav", class_="md-header__inner") is not None, "the box is in the header bar"
    assert form["role"] == "search"
    assert form.get("method") == "get"
    assert form["action"] == "../../sok/"
    box = form.select_one('input[type="search"][name="q"]')
    assert box is not None
    label = form.select_one(f'label[for="{box["id"]}"]')
    assert label is not None
    assert label.get_text(strip=True) == "Søk"
    button = form.select_one('button[type="submit"]')
    assert button is not None
    assert button["aria-label"] == "Søk"
    if theme:
        assert header.select_one("nav.md-tabs") is not None
        assert form.find_parent("nav", class_="md-tabs") is None


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_header_has_no_second_search_of_the_theme(small_site: Build, engine: str) -> None:
    """Pagefind's search page is the site's search; the theme's own would be a second, different one."""
    header = small_site(engine, "").find("header")
    assert isinstance(header, Tag)
    assert header.select('label[for="__search"], .md-search') == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_footer_links_to_the_accessibility_statement(small_site_page: BuildPage, engine: str) -> None:
    """Inside the theme's own footer, by an address relative to the page (served from any path)."""
    base = "https://example.org/any/path/"
    for address in ("rad/testheim/", "tilgjengelighet/", ""):
        footer = small_site_page(engine, "", address).find("footer")
        assert isinstance(footer, Tag), address
        links = footer.select(".raad-footer-links a")
        assert [a.get_text(strip=True) for a in links] == ["Tilgjengelighetserklæring"], address
        href = links[0]["href"]
        assert isinstance(href, str)
        assert not href.startswith(("/", "http")), href
        assert urljoin(base + address, href) == base + "tilgjengelighet/", (address, href)
        assert footer.select_one(".md-footer-meta") is not None, "the theme's own footer is kept"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_front_page_shows_no_header_search_box(small_site_page: BuildPage, engine: str) -> None:
    """The front page's own search form is its one way to search."""
    front = small_site_page(engine, "", "")
    assert front.select("form.raad-header-search") == []
    assert len(front.select('form[role="search"]')) == 1
    assert len(small_site_page(engine, "", "rad/testheim").select("form.raad-header-search")) == 1
    search_page = small_site_page(engine, "", "sok")  # its own box is the search
    assert search_page.select("form.raad-header-search") == []
    assert len(search_page.select('input[type="search"]')) == 1


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_page_for_a_missing_address_speaks_the_sites_language(small_site_page: BuildPage, engine: str) -> None:
    """The themes head it "404 - Not found" in English on a Norwegian page (WCAG 3.1.2); it
    says what happened in the site's language and offers the front page and search."""
    page = small_site_page(engine, "", "404.html")
    content = page.select_one("#raad-main")
    assert content is not None
    assert [h.get_text(strip=True) for h in content.select("h1")] == ["Siden finnes ikke"]
    assert "404 - Not found" not in page.get_text()
    title = page.find("title")
    assert title is not None
    assert title.get_text() == "Siden finnes ikke - Brukerråd i Testby"
    description = page.select_one('meta[name="description"]')
    assert description is not None
    assert description["content"] == "Adressen kan være skrevet feil, eller siden kan være flyttet eller fjernet."
    links = {a.get_text(strip=True): a["href"] for a in content.select("article a[href], .md-content a[href]")}
    assert links.get("Gå til forsiden") in {"./.", "./"}, links
    assert links.get("Søk i råd og referater") == "./sok/", links
