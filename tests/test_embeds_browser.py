"""The contact list embed in a browser, as the municipality's main website shows it: included in
a plain host page with its stylesheet, and framed in an `<iframe>`, at a phone's width and in
a wide column. axe-core (WCAG 2.1 A and AA) finds nothing, and nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ARTIFACTS, require_chromium, serving

require_chromium()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect  # noqa: E402

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [320, 800]
SITE_PATH = "brukerrad/"
FRAGMENTS = ["embed/kontaktliste.html", "embed/sektor/helse-og-velferdssentre/kontaktliste.html"]
FRAMES = ["embed/kontaktliste/", "embed/sektor/helse-og-velferdssentre/kontaktliste/"]


def host_page(fragment: str, stylesheet: str) -> str:
    """A host page as plain as a CMS's: its own language (not the embed's), a heading, the
    embed's stylesheet and the fragment as it is."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>'
        f'<link rel=stylesheet href="{stylesheet}"></head>'
        f"<body><main><h1>Host</h1>{fragment}</main></body></html>"
    )


@pytest.fixture(scope="module")
def host(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A host serving its own pages at its root and the built site beside them, under the
    sub-path of site_url (as a municipality's web server would)."""
    root = tmp_path_factory.mktemp("host")
    (root / SITE_PATH.rstrip("/")).symlink_to(example_site, target_is_directory=True)
    stylesheet = f"/{SITE_PATH}embed/raad-embed.css"
    for number, fragment in enumerate(FRAGMENTS):
        html = host_page((example_site / fragment).read_text(encoding="utf-8"), stylesheet)
        (root / f"included-{number}.html").write_text(html, encoding="utf-8")
    for number, frame in enumerate(FRAMES):
        iframe = f'<iframe src="/{SITE_PATH}{frame}" title="Contact list" style="width: 100%; height: 30rem; border: 0"></iframe>'
        (root / f"framed-{number}.html").write_text(host_page(iframe, stylesheet), encoding="utf-8")
    with serving(root) as base:
        yield base


def violations(page: Page) -> list[str]:
    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response["violations"]
    return [f"{v['id']} ({v['help']}): " + " | ".join(n["html"][:160] for n in v["nodes"][:3]) for v in found]


def sideways(page: Page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: not at all)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("number", range(len(FRAGMENTS)), ids=["every-council", "one-sector"])
def test_the_fragment_in_a_host_page_meets_wcag_21_aa_without_sideways_scrolling(
    browser: Browser, host: str, number: int, width: int
) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{host}included-{number}.html")
    page.wait_for_load_state("networkidle")
    embed = page.locator("section.raad-embed")
    # The stylesheet applies: the cards have their border, which the browser's defaults lack.
    expect(embed.locator("li.raad-embed__council").first).to_have_css("border-top-style", "solid")
    assert embed.get_attribute("lang") == "nb"
    assert violations(page) == []
    assert sideways(page) == 0
    box = embed.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"embed-included-{number}-{width}.png", full_page=True)
    context.close()


def test_the_list_has_two_columns_only_where_its_column_has_room(browser: Browser, host: str) -> None:
    """The container query follows the host's column, not the window."""
    lefts = {}
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.goto(f"{host}included-0.html")
        cards = page.locator("li.raad-embed__council")
        lefts[width] = {round(box["x"]) for box in (cards.nth(i).bounding_box() for i in range(cards.count())) if box}
        context.close()
    assert len(lefts[320]) == 1, lefts
    assert len(lefts[800]) == 2, lefts


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("number", range(len(FRAMES)), ids=["every-council", "one-sector"])
def test_the_framed_page_meets_wcag_21_aa_and_opens_links_in_the_host_window(
    browser: Browser, host: str, number: int, width: int
) -> None:
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    # The framed page itself, as the iframe shows it at that width.
    page.goto(f"{host}{SITE_PATH}{FRAMES[number]}")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert sideways(page) == 0
    # And inside the host page: the links lead the host window away, not the frame.
    page.goto(f"{host}framed-{number}.html")
    page.wait_for_load_state("networkidle")
    frame = page.frame_locator("iframe")
    expect(frame.locator("section.raad-embed h2")).to_be_visible()
    assert violations(page) == []
    assert sideways(page) == 0
    link = frame.locator("li.raad-embed__council h3 a, li.raad-embed__council h4 a").first
    # The site's address answered here, so that nothing leaves this machine.
    page.route("https://example.org/**", lambda route: route.fulfill(body="<title>Council</title>", content_type="text/html"))
    with page.expect_navigation(url="https://example.org/brukerrad/rad/**", timeout=10_000):
        link.click()
    assert page.main_frame.url.startswith("https://example.org/brukerrad/rad/"), "the host window followed the link"
    context.close()
