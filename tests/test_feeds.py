"""The Atom feeds of new minutes, read as a feed reader reads them (feedparser), and the ways a
reader finds them: the `<link rel="alternate">` in a page's head, the visible "Følg" link, and
the Følg page that lists every feed and calendar.

The expected entries are read off the example's minutes files through the loader (which
minutes exist, their dates, which are drafts), not through the feed code under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, TODAY, attr, copy_example, run_build
from generator.build import assemble_site
from generator.exports import feeds
from generator.load import load_project
from generator.model import Council, Minutes, MinutesStatus, Project

SITE_URL = "https://example.org/brukerrad/"
"""The example's site_url: feeds are read away from the site, so every address is absolute."""


def _example() -> Project:
    project = load_project(REPO, TODAY)
    assert project.config is not None
    assert project.config.site_url == SITE_URL
    return project


def _published(councils: list[Council]) -> list[tuple[Council, Minutes]]:
    """Approved minutes of `councils`, newest meeting first (ties: council, then document)."""
    found = [(c, m) for c in councils for m in c.minutes if m.meta.status is MinutesStatus.APPROVED]
    return sorted(found, key=lambda pair: (pair[1].date, pair[0].slug, pair[1].slug), reverse=True)


def _address(council: Council, minutes: Minutes) -> str:
    return f"{SITE_URL}rad/{council.slug}/referat/{minutes.slug}/"


def _scopes(project: Project) -> dict[str, list[Council]]:
    """Every feed of the example (site-relative path) with the councils it covers."""
    assert project.config is not None
    scopes = {"referater.xml": project.councils}
    scopes |= {f"sektor/{s.id}/referater.xml": [c for c in project.councils if c.sector == s.id] for s in project.config.sectors}
    scopes |= {f"rad/{c.slug}/referater.xml": [c] for c in project.councils}
    return scopes


def _read(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def _page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_feed_parses_and_holds_the_published_minutes_newest_first(example_site: Path) -> None:
    project = _example()
    scopes = _scopes(project)
    assert len(scopes) == 1 + 5 + 9, "the site, five sectors, nine councils"
    with_entries = 0
    for url, councils in scopes.items():
        parsed = _read(example_site / url)
        expected = [_address(c, m) for c, m in _published(councils)][: feeds.FEED_LIMIT]
        assert [entry.link for entry in parsed.entries] == expected, url
        assert [entry.id for entry in parsed.entries] == expected, "an entry's id is its minutes page's address"
        assert parsed.feed.id == SITE_URL + url
        assert parsed.feed.language == "nb"
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == SITE_URL + url
        assert links["alternate"] == SITE_URL + url.removesuffix("referater.xml")
        if parsed.entries:
            with_entries += 1
            assert parsed.feed.updated == max(entry.updated for entry in parsed.entries)
    assert with_entries >= 10, "most of the example's feeds have minutes in them"


def test_an_entry_tells_the_council_the_meeting_its_agenda_and_the_advice_with_its_follow_up(example_site: Path) -> None:
    """The 14 April 2026 minutes of Eksempelheim: decision 3/26, followed on 9 June 2026."""
    parsed = _read(example_site / "rad/eksempelheim-helse-og-velferdssenter/referater.xml")
    entry = next(e for e in parsed.entries if e.link.endswith("/referat/2026-04-14/"))
    assert entry.title.startswith("Brukerråd ved Eksempelheim helse- og velferdssenter: ")
    assert "14. april 2026" in entry.title
    assert entry.author == "Brukerråd ved Eksempelheim helse- og velferdssenter"
    assert "Dato: 14. april 2026" in entry.summary
    assert "3/26: Helgebemanningen på skjermet avdeling økes. (Oppfølging: Fulgt 9. juni 2026)" in entry.summary
    # Published when approved (or met), updated when the unit manager answered: the data's days.
    assert entry.updated_parsed[:3] == (2026, 6, 9)
    with_agenda = next(e for e in parsed.entries if e.link.endswith("/referat/2026-09-15/"))
    assert "Saksliste:\n1. Kosthold og måltider\n2. Kontaktmøte med helse- og velferdskomiteen" in with_agenda.summary


def test_drafts_are_in_no_feed_unless_the_site_publishes_drafts(example_site: Path) -> None:
    draft = "rad/eksempelhaugen-helsehus/referat/2026-11-18/"
    assert "status: draft" in (REPO / "councils/eksempelhaugen-helsehus/minutes/2026-11-18.md").read_text(encoding="utf-8")
    for path in example_site.rglob("referater.xml"):
        assert draft not in path.read_text(encoding="utf-8"), path
    project = _example()
    assert project.config is not None
    project.config.publish_drafts = True
    site = assemble_site(project, TODAY)
    council_feed = next(a.content for a in site.assets if a.url == "rad/eksempelhaugen-helsehus/referater.xml")
    assert isinstance(council_feed, bytes)
    entry = feedparser.parse(council_feed).entries[0]
    assert entry.link == SITE_URL + draft
    assert entry.title.endswith("(Utkast, ikke godkjent)")
    heim = next(a.content for a in site.assets if a.url == "rad/eksempelheim-helse-og-velferdssenter/referater.xml")
    assert isinstance(heim, bytes)
    approved = next(e for e in feedparser.parse(heim).entries if e.link.endswith("/referat/2026-09-15/"))
    assert approved.published.startswith("2026-09-15"), "where drafts are public, an entry is first published on the meeting's day"
    assert approved.updated.startswith("2026-10-06"), "and updated when its minutes are approved"


def _feeds(day: dt.date) -> dict[str, bytes]:
    site = assemble_site(load_project(REPO, day), day)
    found = {a.url: a.content for a in site.assets if a.url.endswith("referater.xml")}
    assert all(isinstance(data, bytes) for data in found.values())
    return found  # type: ignore[return-value]


def test_feeds_come_from_the_data_not_from_the_day_or_the_clock_of_the_build() -> None:
    """Built a month apart (and at two moments), every feed is the same, byte for byte: a
    reader sees an entry as new or changed only when the data says so."""
    first, later = _feeds(TODAY), _feeds(TODAY + dt.timedelta(days=30))
    assert first == later
    text = first["referater.xml"].decode("utf-8")
    assert "<generator>raad</generator>" in text, "no library version in the feed"
    assert "lastBuildDate" not in text
    dates = set(re.findall(r"<(?:updated|published)>([^<]+)<", text))
    assert dates
    assert all(d.endswith("T00:00:00+00:00") for d in dates), "days from the data, no time of the build"


def test_the_newest_minutes_only_when_there_are_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feeds, "FEED_LIMIT", 3)
    parsed = feedparser.parse(_feeds(TODAY)["referater.xml"])
    assert [e.link for e in parsed.entries] == [_address(c, m) for c, m in _published(_example().councils)][:3]


HOSTILE = "<script>alert(1)</script> ]]> & Co"


def test_hostile_names_arrive_in_feeds_and_heads_as_plain_text(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    council_file = root / "councils/eksempeldal-skole/council.yml"
    council_file.write_text(
        council_file.read_text(encoding="utf-8").replace("name: Brukerråd ved Eksempeldal skole", f"name: '{HOSTILE}'"), encoding="utf-8"
    )
    minutes_file = root / "councils/eksempeldal-skole/minutes/2026-10-15.md"
    minutes_file.write_text(
        minutes_file.read_text(encoding="utf-8").replace("title: Referat fra brukerrådet 15. oktober 2026", f"title: '{HOSTILE}'"),
        encoding="utf-8",
    )
    result = run_build(root, tmp_path / "site", build_dir=tmp_path / "build")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    parsed = _read(site / "rad/eksempeldal-skole/referater.xml")
    assert parsed.feed.title == f"Nye referater: {HOSTILE}"
    entry = parsed.entries[0]
    assert entry.title == f"{HOSTILE}: {HOSTILE} (15. oktober 2026)"
    assert entry.title_detail.type == "text/plain"
    assert entry.author == HOSTILE
    assert "<script>" not in (site / "rad/eksempeldal-skole/referater.xml").read_text(encoding="utf-8")
    head_link = _page(site, "rad/eksempeldal-skole/").select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert head_link is not None
    assert attr(head_link, "title") == f"Nye referater: {HOSTILE}", "escaped once: shown as written"


FEED_PAGES = {
    "rad/eksempelheim-helse-og-velferdssenter/": "rad/eksempelheim-helse-og-velferdssenter/referater.xml",
    "rad/psykisk-helse-og-rus/": "rad/psykisk-helse-og-rus/referater.xml",
    "sektor/oppvekst/": "sektor/oppvekst/referater.xml",
    "referater/": "referater.xml",
    "referater/2026/": "referater.xml",
    "vedtak/": "referater.xml",
    "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/": "rad/eksempelheim-helse-og-velferdssenter/referater.xml",
    "": "referater.xml",
}
"""Pages that list minutes or their decisions (and the front page, and a minutes page, whose
council's next minutes a reader may want) with the feed each announces."""


@pytest.mark.parametrize("url", sorted(FEED_PAGES))
def test_pages_that_list_minutes_announce_their_feed_in_the_head(example_site: Path, url: str) -> None:
    soup = _page(example_site, url)
    links = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
    assert len(links) == 1, url
    target = urljoin(f"https://host/{url}", attr(links[0], "href"))
    assert target == f"https://host/{FEED_PAGES[url]}", "relative to the page, so the site works under any path"
    assert (example_site / FEED_PAGES[url]).is_file()
    assert attr(links[0], "title").startswith("Nye referater: ")


@pytest.mark.parametrize("url", ["rad/eksempelheim-helse-og-velferdssenter/", "sektor/oppvekst/", "referater/", "referater/2026/", "vedtak/"])
def test_pages_that_list_minutes_show_a_follow_link(example_site: Path, url: str) -> None:
    soup = _page(example_site, url)
    follow = soup.select_one("article .raad-follow")
    assert follow is not None, url
    feed = follow.find("a", string="Følg nye referater (Atom)")
    assert feed is not None
    assert urljoin(f"https://host/{url}", attr(feed, "href")) == f"https://host/{FEED_PAGES[url]}"
    everything = follow.find("a", string="Alle nyhetsstrømmer og kalendere")
    assert everything is not None
    assert urljoin(f"https://host/{url}", attr(everything, "href")) == "https://host/folg/"


def test_the_follow_page_lists_every_feed_and_calendar_by_name(example_site: Path) -> None:
    project = _example()
    assert project.config is not None
    soup = _page(example_site, "folg/")
    article = soup.select_one("article")
    assert article is not None
    links = {urljoin("https://host/folg/", attr(a, "href")): a.get_text(" ", strip=True) for a in article.select("a[href]")}
    scopes = [("", "alle rådene"), *((f"sektor/{s.id}/", s.name) for s in project.config.sectors)]
    scopes += [(f"rad/{c.slug}/", c.name) for c in project.councils]
    assert len(scopes) == 15
    for scope, name in scopes:
        feed, calendar = links.get(f"https://host/{scope}referater.xml"), links.get(f"https://host/{scope}moter.ics")
        assert feed is not None, scope
        assert calendar is not None, scope
        assert name in feed, scope
        assert feed.endswith("(Atom)")
        assert name in calendar, scope
        assert calendar.endswith("(iCalendar)")
    text = article.get_text(" ", strip=True)
    assert f"{SITE_URL}referater.xml" in text, "the addresses to copy"
    assert f"{SITE_URL}moter.ics" in text
    assert "abonner" in text, "it says how to subscribe"
    assert "nyhetsleser" in text
    menu = _page(example_site, "").select("nav.md-nav--primary a[href]")
    assert {urljoin("https://host/", attr(a, "href")) for a in menu if a.get_text(strip=True) == "Følg rådene"} == {"https://host/folg/"}
