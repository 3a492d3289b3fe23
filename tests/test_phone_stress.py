"""The example made hard for a phone: every shown field long, long unbroken words and addresses,
many members, a wide Markdown table and a long URL, in Nynorsk and a light primary colour.

The example itself has short names; a municipality's real ones ("Brukerråd ved ... helse- og
velferdssenter, avdeling for ...", e-mail addresses of 40 letters) are where a phone's layout
breaks. Built once; every page is checked at a few widths for sideways scrolling and axe-core.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import copy_example, require_chromium, run_build, serving, site_pages

require_chromium()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, expect  # noqa: E402
from test_browser import AXE, BEST_PRACTICE, WCAG_TAGS  # noqa: E402
from test_phone import SEEN_WHOLE  # noqa: E402

WIDTHS = [320, 412, 768, 1024]
AXE_WIDTHS = [320, 1024]
COUNCIL = "eksempelheim-helse-og-velferdssenter"
LONG_EMAIL = "brukerrepresentant.for.paaroerende.ved.langtnavnheim@helse-og-velferd.eksempel-kommune.no"
LONG_WORD = "Helseogvelferdssenteravdelingsleiarrepresentantvaraordningsgjennomgang"
LONG_URL = "https://www.eksempel-kommune.no/tenester/helse-og-velferd/brukarrad/rettleiar-for-brukarrad-ved-helse-og-velferdssenter-2026.pdf?utgave=revidert&mottakar=alle-brukarrad"
LONG_PLACE = "Store møterom i andre etasje, Langtnavnheim helse- og velferdssenter, inngang frå parkeringsplassen på baksida"
WIDE_TABLE = "| Tema | Ansvarleg | Frist | Status | Merknad | Kontakt | Dokument |\n|---|---|---|---|---|---|---|\n" + "".join(
    f"| Tema {n} med eit langt namn om {LONG_WORD} | Einingsleiar for heile tenesta | 31. desember 2027 "
    f"| Under arbeid | Sjå {LONG_URL} | {LONG_EMAIL} | [Rettleiar]({LONG_URL}) |\n"
    for n in range(1, 4)
)


def stressed(root: Path) -> Path:
    """The example project at `root` with long values in every field a page shows."""
    _site_config(root / "site-config.yml")
    _council(root / "councils" / COUNCIL / "council.yml")
    _minutes(root / "councils" / COUNCIL / "minutes" / "2026-09-15.md")
    (root / "content" / "lang-tabell.md").write_text(
        f"---\ntitle: Oversikt over oppfølging av alle råd frå brukarråda i {LONG_WORD}\n---\n"
        f"# Oversikt over oppfølging av alle råd frå brukarråda i {LONG_WORD}\n\n"
        f"Les meir på <{LONG_URL}> eller [rettleiaren]({LONG_URL}).\n\n{WIDE_TABLE}\n"
        f"```\n{LONG_URL} {LONG_URL}\n```\n",
        encoding="utf-8",
    )
    return root


def _edit_yaml(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _site_config(path: Path) -> None:
    def change(config: dict[str, Any]) -> None:
        config["language"] = "nn"
        config["municipality"] = "Langtnavnvik og Eksempelfjord interkommunale samarbeidskommune"
        config["site_name"] = "Brukarråd og brukarutval i Langtnavnvik og Eksempelfjord kommune"
        config["theme"] = {"palette": {"primary": "yellow", "accent": "lime"}}
        for sector in config["sectors"]:
            sector["name"] += f" med {LONG_WORD}"
        config["sectors"][0]["contact_meetings"][0]["topic"] = f"Bemanning, rekruttering og {LONG_WORD}"
        config["sectors"][0]["contact_meetings"][0]["committee"] = "Komiteen for helse, velferd og " + LONG_WORD

    _edit_yaml(path, change)


def _council(path: Path) -> None:
    def change(council: dict[str, Any]) -> None:
        council["name"] = f"Brukarråd ved Langtnavnheim helse- og velferdssenter, {LONG_WORD}"
        council["unit"] = f"Langtnavnheim helse- og velferdssenter, {LONG_WORD}"
        council["contact"] = {
            "email": LONG_EMAIL,
            "phone": "+47 00 00 00 00",
            "address": LONG_PLACE,
            "url": LONG_URL,
        }
        chair = council["members"][0]
        chair.update(
            name="Kari Margrethe Nordmann-Eksempelsen Langnavnsdatter",
            title="Pårørenderepresentant og leiar for " + LONG_WORD,
            organisation="Landsforeininga for pårørande innan " + LONG_WORD,
            email={"value": LONG_EMAIL, "public": True},
            phone={"value": "+47 000 00 001", "public": True},
        )
        council["members"] += [
            {
                "name": f"Tilsett nummer {n} {LONG_WORD}",
                "role": "staff",
                "title": "Fagleiar " + LONG_WORD,
                "email": f"tilsett{n}.{LONG_EMAIL}",
            }
            for n in range(1, 9)
        ]
        for meeting in council["meetings"]:
            meeting.update(place=LONG_PLACE, note=f"Merk: {LONG_WORD}, sjå {LONG_URL}")

    _edit_yaml(path, change)


def _minutes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    long_advice = f"Kveldsmåltidet blir flytta til klokka 20 ({LONG_WORD}), sjå {LONG_URL}. " * 3
    text = re.sub(r"advice: .*", f"advice: {long_advice.strip()}", text, count=1)
    text += f"\n{LONG_WORD} {LONG_URL}\n\n{WIDE_TABLE}\n"
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def stress_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    work = tmp_path_factory.mktemp("stress")
    project = stressed(copy_example(work / "project"))
    result = run_build(project, work / "site", build_dir=work / "build")
    assert result.exit_code == 0, result.output
    with serving(work / "site") as base:
        yield work / "site", base


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser: Browser, stress_url: tuple[Path, str], width: int) -> None:
    site, base = stress_url
    page = browser.new_page(locale="nn-NO", viewport={"width": width, "height": 800})
    wide = {}
    for address in site_pages(site):
        page.goto(base + address)
        if scroll := page.evaluate(SIDEWAYS):
            wide[address] = scroll
    page.close()
    assert not wide, f"pages that scroll sideways at {width} px (by px): {wide}"


@pytest.mark.parametrize("width", AXE_WIDTHS)
def test_every_page_meets_wcag_21_aa(browser: Browser, stress_url: tuple[Path, str], width: int) -> None:
    """At a phone's width (blocks) and a desktop's (tables); the palette's colours are the same at all."""
    site, base = stress_url
    page = browser.new_page(locale="nn-NO", viewport={"width": width, "height": 800})
    failures = {}
    for address in site_pages(site):
        page.goto(base + address)
        found = Axe().run(page, options=AXE).response["violations"]
        if found := [v["id"] for v in found if set(v["tags"]) & set(WCAG_TAGS) or v["id"] in BEST_PRACTICE]:
            failures[address] = found
    page.close()
    assert not failures, failures


@pytest.mark.parametrize("address", [f"rad/{COUNCIL}/", "kontaktliste/"])
def test_a_long_email_is_seen_whole_at_360_px(browser: Browser, stress_url: tuple[Path, str], address: str) -> None:
    page = browser.new_page(locale="nn-NO", viewport={"width": 360, "height": 800})
    page.goto(stress_url[1] + address)
    link = page.locator(f'.md-content a[href="mailto:{LONG_EMAIL}"]').first
    assert page.evaluate(SEEN_WHOLE, link.element_handle()) == {"problems": [], "text": LONG_EMAIL}
    page.close()


def test_long_titles_stay_inside_the_header_at_320_px(browser: Browser, stress_url: tuple[Path, str]) -> None:
    """Two lines and an ellipsis, rather than lines over the banner above or the page below (the
    drawer shows the site's name whole, the heading the page's title): the site's name, and the
    page's title that replaces it on scrolling."""
    page = browser.new_page(locale="nn-NO", viewport={"width": 320, "height": 800})
    page.goto(stress_url[1] + f"rad/{COUNCIL}/")
    for scroll, topic in [(0, 0), (1500, 1)]:
        page.mouse.wheel(0, scroll)
        expect(page.locator(".md-header__topic").nth(topic)).to_have_css("opacity", "1")
        header = page.locator(".md-header").bounding_box()
        assert header
        title = page.locator(".md-header__topic .md-ellipsis").nth(topic).bounding_box()
        assert title
        assert header["y"] <= title["y"]
        assert title["y"] + title["height"] <= header["y"] + header["height"]
    page.close()
