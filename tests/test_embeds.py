"""The contact list for the municipality's main website (issue #14, point 4), and the sitemap,
canonical addresses and robots.txt of a site under a sub-path (point 5). What a browser shows
of the embeds (axe, narrow columns) is in tests/test_embeds_browser.py."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import COUNCIL, PRIVATE_VALUES, REPO, SITE_CONFIG, TODAY, attr, copy_example, one, run_build, site_pages, write_tree
from generator.build import assemble_site, build
from generator.engine import installed_version
from generator.load import load_project
from generator.site import Site

SITE = "https://example.org/brukerrad/"
SECTOR = "helse-og-velferdssentre"
"""The example's sector with the most councils."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def card_contacts(card: Tag) -> tuple[str, str, list[str]]:
    """A council in an embed or a row of the contact list page: its name, chair and links."""
    name = one(card, "a").get_text(" ", strip=True)
    links = sorted(attr(a, "href") for a in card.select('a[href^="mailto:"], a[href^="tel:"]'))
    return name, chair_of(card), links


def chair_of(card: Tag) -> str:
    for term in card.select("dt"):
        if term.get_text(strip=True) == "Leder":
            return term.find_next_sibling("dd").get_text(strip=True)  # type: ignore[union-attr]
    cell = card.select_one('td[data-label="Leder"]')
    return cell.get_text(strip=True) if cell else ""


def page_contacts(site: Path, sector: str | None = None) -> list[tuple[str, str, list[str]]]:
    page = soup(site / "kontaktliste" / "index.html")
    rows = page.select(f'section:has(h2[id="{sector}"]) tr[data-raad-item]' if sector else "tr[data-raad-item]")
    return [card_contacts(row) for row in rows]


def test_the_fragment_shows_what_the_contact_list_shows_without_site_chrome(example_site: Path) -> None:
    html = (example_site / "embed" / "kontaktliste.html").read_text(encoding="utf-8")
    fragment = BeautifulSoup(html, "html.parser")
    assert not fragment.select("html, head, body, nav, header, footer, script, h1, [target]")
    roots = [child for child in fragment.children if isinstance(child, Tag)]
    assert [r.name for r in roots] == ["section"], "one root element a host can place"
    root = roots[0]
    assert attr(root, "lang") == "nb"
    assert root.get_attribute_list("class") == ["raad-embed"]
    assert all(c.startswith("raad-embed") for tag in root.select("[class]") for c in tag.get_attribute_list("class"))
    assert one(root, "h2").get_text(strip=True) == "Kontaktliste"
    assert [h.name for h in root.select("h2, h3, h4")][:3] == ["h2", "h3", "h4"]
    cards = [card_contacts(card) for card in root.select("li.raad-embed__council")]
    expected = page_contacts(example_site)
    assert len(expected) == 7  # the example's active councils
    assert sorted(cards) == sorted(expected)
    assert any(link.startswith("tel:") for _, _, links in cards for link in links)
    assert "mailto:kari.nordmann@example.org" in [link for _, _, links in cards for link in links]
    for link in root.select("a"):
        href = attr(link, "href")
        assert href.startswith((SITE, "mailto:", "tel:")), href
        assert link.get_text(strip=True), href
    assert attr(root.select("a")[-1], "href") == SITE + "kontaktliste/"
    assert one(root, 'a[href$="/rad/eksempelheim-helse-og-velferdssenter/"]').get_text() == "Brukerråd ved Eksempelheim helse- og velferdssenter"


def test_a_sector_fragment_shows_that_sector_alone(example_site: Path) -> None:
    fragment = soup(example_site / "embed" / "sektor" / SECTOR / "kontaktliste.html")
    assert one(fragment, "h2").get_text(strip=True) == "Kontaktliste – Helse- og velferdssentre og helsehus"
    assert not fragment.select("h4")  # the councils come right under the list's heading
    cards = [card_contacts(card) for card in fragment.select("li.raad-embed__council")]
    assert sorted(cards) == sorted(page_contacts(example_site, SECTOR))
    assert 1 < len(cards) < 7
    assert attr(fragment.select("a")[-1], "href") == f"{SITE}kontaktliste/#{SECTOR}"


def embed_files(site: Path) -> list[Path]:
    files = sorted(p for p in (site / "embed").rglob("*") if p.is_file())
    assert len(files) == 1 + 2 * 6, [p.relative_to(site).as_posix() for p in files]  # the stylesheet; every council and 5 sectors
    return files


def test_no_private_detail_in_any_embed(example_site: Path) -> None:
    for path in embed_files(example_site):
        text = path.read_text(encoding="utf-8")
        leaked = [value for value in PRIVATE_VALUES if value in text or value.replace(" ", "") in text]
        assert not leaked, f"{leaked} in {path}"


def test_the_framed_page_is_a_document_of_its_own_for_an_iframe(example_site: Path) -> None:
    for folder in (example_site / "embed" / "kontaktliste", example_site / "embed" / "sektor" / SECTOR / "kontaktliste"):
        html = (folder / "index.html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>")
        page = BeautifulSoup(html, "html.parser")
        assert attr(one(page, "html"), "lang") == "nb"
        assert one(page, "title").get_text().endswith(" – Brukerråd i Eksempel kommune")
        assert attr(one(page, 'meta[name="robots"]'), "content") == "noindex"
        assert "width=device-width" in attr(one(page, 'meta[name="viewport"]'), "content")
        links = page.select('a[href^="https:"]')
        assert len(links) > 2
        assert {attr(a, "target") for a in links} == {"_top"}, "links open in the host window"
        assert not page.select("base")
        assert not page.select("nav, header, footer, script, [data-pagefind-body]")
        stylesheet = (folder / attr(one(page, 'link[rel="stylesheet"]'), "href")).resolve()
        assert stylesheet == (example_site / "embed" / "raad-embed.css").resolve()
        assert one(page, "main section.raad-embed h2")


def test_the_stylesheet_styles_the_embed_alone(example_site: Path) -> None:
    css = (example_site / "embed" / "raad-embed.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    selectors = [part.strip() for block in body.split("}") if "{" in block for part in block.split("{")[-2].split(",")]
    own = [s for s in selectors if s and not s.startswith("@")]
    assert len(own) > 10
    assert [s for s in own if not s.startswith((".raad-embed ", ".raad-embed-frame")) and s != ".raad-embed"] == []
    assert "@container" in css
    assert ":focus-visible" in css


def test_the_guide_shows_snippets_with_this_sites_addresses(example_site: Path) -> None:
    contacts = soup(example_site / "kontaktliste" / "index.html")
    assert one(contacts, 'article a[href="../innbygging/"]').get_text() == "Sett kontaktlisten inn på et annet nettsted"
    guide = soup(example_site / "innbygging" / "index.html")
    article = one(guide, "article")
    snippets = [code.get_text() for code in article.select("pre code")]
    assert f"{SITE}embed/kontaktliste.html" in snippets
    assert f'<link rel="stylesheet" href="{SITE}embed/raad-embed.css">' in snippets
    iframe = one(BeautifulSoup(next(s for s in snippets if s.startswith("<iframe")), "html.parser"), "iframe")
    assert attr(iframe, "src") == f"{SITE}embed/kontaktliste/"
    assert attr(iframe, "loading") == "lazy"
    assert attr(iframe, "title") == "Kontaktliste – Brukerråd i Eksempel kommune"
    assert f"{SITE}embed/sektor/{SECTOR}/kontaktliste.html" in snippets
    robots = (example_site / "robots.txt").read_text(encoding="utf-8")
    assert robots in snippets
    assert f"Sitemap: {SITE}sitemap.xml" in robots
    preview = one(article, "iframe")
    assert attr(preview, "src") == "../embed/kontaktliste/"
    assert attr(preview, "title")


def hostile_site(tmp_path: Path) -> Site:
    hostile = '<img src=x onerror="alert(1)">'
    config = SITE_CONFIG.replace("site_name: Brukerråd i Testby", f"site_name: '{hostile} & Co'")
    council = COUNCIL.replace("name: Brukerråd ved Testheim", f"name: '{hostile}'").replace(
        "role: chair, represents: relatives,", "role: chair, represents: relatives, email: {value: anna@example.org, public: true},"
    )
    root = write_tree(tmp_path, {"site-config.yml": config, "councils/testheim/council.yml": council})
    return assemble_site(load_project(root, TODAY), TODAY)


def test_a_hostile_council_or_site_name_is_text_in_every_embed_and_snippet(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    files = {asset.url: (asset.data or b"").decode("utf-8") for asset in site.assets if asset.url.startswith("embed/")}
    assert len(files) == 1 + 2 * 2
    for url, text in files.items():
        assert "<img" not in text, url
    fragment = BeautifulSoup(files["embed/kontaktliste.html"], "html.parser")
    assert one(fragment, "h3 a, h4 a").get_text() == '<img src=x onerror="alert(1)">'
    assert "mailto:anna@example.org" in files["embed/kontaktliste.html"]
    frame = BeautifulSoup(files["embed/kontaktliste/index.html"], "html.parser")
    assert one(frame, "title").get_text() == 'Kontaktliste – <img src=x onerror="alert(1)"> & Co'
    guide = next(page for page in site.pages if page.url == "innbygging/")
    codes = [code.get_text() for code in BeautifulSoup(guide.markdown, "html.parser").select("pre code")]
    iframe = next(code for code in codes if code.startswith("<iframe"))
    assert 'title="Kontaktliste – &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co"' in iframe
    assert "<img" not in guide.markdown


# --- sitemap, canonical addresses, robots.txt ----------------------------------------------


def sitemap(site: Path) -> list[tuple[str, str | None]]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    return [(url.findtext("s:loc", namespaces=namespace) or "", url.findtext("s:lastmod", namespaces=namespace)) for url in root]


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built by Zensical, the second engine."""
    if installed_version("zensical") == "missing":
        pytest.skip("zensical is not installed")
    work = tmp_path_factory.mktemp("zensical")
    result = build(REPO, work / "site", TODAY, build_dir=work / "build", engine="zensical")
    assert result.ok, [p.format() for p in result.problems]
    return work / "site"


ENGINES = ["example_site", "zensical_site"]


@pytest.mark.parametrize("built", ENGINES, ids=["mkdocs", "zensical"])
def test_the_sitemap_lists_every_page_by_its_full_address_and_no_embed(built: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(built)
    addresses = [loc for loc, _ in sitemap(site)]
    pages = [SITE + page for page in site_pages(site) if page != "404.html"]
    assert sorted(addresses) == sorted(pages)
    assert SITE + "innbygging/" in addresses
    assert [a for a in addresses if "/embed/" in a] == []
    assert (site / "embed" / "kontaktliste" / "index.html").is_file()


@pytest.mark.parametrize("built", ENGINES, ids=["mkdocs", "zensical"])
def test_every_page_names_its_full_address_as_canonical(built: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(built)
    for page in site_pages(site):
        if page == "404.html":
            continue
        links = soup(site / page / "index.html").select('link[rel="canonical"]')
        assert [attr(link, "href") for link in links] == [SITE + page], page


@pytest.mark.parametrize("built", ENGINES, ids=["mkdocs", "zensical"])
def test_the_search_leaves_the_embeds_out(built: str, request: pytest.FixtureRequest) -> None:
    """Pagefind indexes what carries data-pagefind-body: the guide page, not the embeds."""
    site: Path = request.getfixturevalue(built)
    indexed = set()
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        indexed.add(json.loads(data)["url"])
    assert "/innbygging/" in indexed
    assert "/kontaktliste/" in indexed
    assert [url for url in indexed if "embed" in url] == []


def test_robots_txt_points_at_the_sitemap_and_says_where_it_takes_effect(example_site: Path) -> None:
    lines = (example_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules == ["User-agent: *", "Disallow:", f"Sitemap: {SITE}sitemap.xml"]
    comments = " ".join(line for line in lines if line.startswith("#"))
    assert "virker bare på roten av vertsnavnet (https://example.org/robots.txt)" in comments, "in the site's language"


def test_robots_txt_of_a_site_at_the_root_of_its_host(tmp_path: Path) -> None:
    config = SITE_CONFIG.replace("site_url: https://example.org/brukerrad/", "site_url: https://raad.example.org")
    root = write_tree(tmp_path, {"site-config.yml": config, "councils/testheim/council.yml": COUNCIL})
    site = assemble_site(load_project(root, TODAY), TODAY)
    robots = next(asset for asset in site.assets if asset.url == "robots.txt")
    text = (robots.data or b"").decode("utf-8")
    assert "Sitemap: https://raad.example.org/sitemap.xml\n" in text
    assert "undermappe" not in text


def test_the_sitemap_is_dated_by_its_input_not_by_the_build(tmp_path: Path) -> None:
    """Outside git the site is as new as its newest input file: the sitemap says that day,
    and a second build says the same."""
    project = copy_example(tmp_path / "project")
    stamp = dt.datetime(2026, 5, 17, 12, tzinfo=dt.UTC).timestamp()
    for path in [project / "site-config.yml", *[p for name in ("councils", "content", "theme") for p in (project / name).rglob("*")]]:
        os.utime(path, (stamp, stamp))
    assert run_build(project, tmp_path / "site").exit_code == 0
    entries = sitemap(tmp_path / "site")
    assert {lastmod for _, lastmod in entries} == {"2026-05-17"}
    assert all(loc.startswith(SITE) for loc, _ in entries)
    first = (tmp_path / "site" / "sitemap.xml").read_bytes()
    assert run_build(project, tmp_path / "again").exit_code == 0
    assert (tmp_path / "again" / "sitemap.xml").read_bytes() == first
