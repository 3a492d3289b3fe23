"""What the search index holds, read from the bundle of the built example: every page a
searcher may want, and of each page the parts that are not a result of their own elsewhere.

A council's page lists its decisions and its minutes, and the front page every council's
unit; each of those is a page of its own. Indexed on the lists too, a decision's words
would find the council's page beside (or above) the decision, and a unit's name the front
page beside the council. Pagefind's fragments (one per page, gzip of a prefix and JSON) hold
the text it indexed, so these tests read them directly, without a browser.
"""

from __future__ import annotations

import gzip
import json
import posixpath
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import one, site_pages
from generator.search import COMPRESSED_PREFIX

COUNCIL = "rad/eksempelheim-helse-og-velferdssenter/"


def indexed(site: Path) -> dict[str, str]:
    """The text Pagefind indexed for each page, by the page's address relative to the site."""
    texts = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(COMPRESSED_PREFIX) :])
        texts[fragment["url"].lstrip("/")] = fragment["content"]
    return texts


def page(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_a_searcher_may_want_is_indexed_and_no_other(example_site: Path) -> None:
    """Left out whole: the search page itself, the lists of minutes and decisions (each entry
    is a result of its own), the status page, the 404 page and the embeds for other sites."""
    not_results = {"sok/", "status/", "vedtak/", "referater/", "404.html"}
    expected = {address for address in site_pages(example_site) if address not in not_results and not address.startswith("referater/")}
    assert set(indexed(example_site)) == expected


def test_a_councils_page_is_found_by_what_it_alone_says(example_site: Path) -> None:
    """Its name, unit and members are indexed; its health panel, the rows of its decision
    table and its list of minutes are not: the decisions and minutes are found on their own
    pages, which hold their words."""
    texts = indexed(example_site)
    html = page(example_site, COUNCIL)
    council = texts[COUNCIL]
    assert one(html, "h1").get_text() in council
    members = [cell.get_text(strip=True) for cell in html.select(".raad-roster th[scope=row]")]
    assert members
    assert all(member in council for member in members)
    assert one(html, ".raad-health__headline").get_text(strip=True) not in council
    rows = html.select('tr[id^="vedtak-"]')
    assert rows, "the example council has decisions"
    for row in rows:
        advice = one(row, "td").get_text(strip=True)
        assert advice not in council
        href = one(row, "a")["href"]
        assert isinstance(href, str)
        assert advice in texts[posixpath.normpath(COUNCIL + href) + "/"]
    minutes = [link.get_text(strip=True) for link in html.select(".raad-minutes a")]
    assert minutes
    assert not [title for title in minutes if title in council]


def test_the_front_page_is_indexed_without_its_list_of_every_unit(example_site: Path) -> None:
    front = indexed(example_site)[""]
    html = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert one(html, "h1").get_text() in front
    units = [link.get_text(strip=True) for link in html.select(".raad-units a")]
    assert units
    assert not [unit for unit in units if unit in front]
