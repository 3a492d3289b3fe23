"""No contributed value runs as script, on load or on click, in any output.

Every payload of `tests/hostile/payloads.txt` is placed in every field of
`tests/hostile/fields.yml` (and in the text of a minutes PDF made by LibreOffice), one site is
built from it, and then:

* every page is loaded in Chromium with listeners for dialogs (alert, confirm, prompt, print),
  requests to the marker host and navigations away; every link on it is clicked;
* the live document of every page is scanned for what raad never writes itself: event-handler
  attributes, URLs with other schemes than http, https, mailto and tel, <base>, <iframe>,
  <object>, <embed>, <meta http-equiv>, forms that post elsewhere, scripts raad did not write;
* every other output file is scanned: the CSV export for spreadsheet formulas, the search
  index (decompressed) for addresses that are not the site's own pages, and every file for
  the mark of an evaluated template.

A control page with live payloads proves that each of these listeners and scans catches what
it is meant to catch.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from injection import MARKER_HOST, TEMPLATE_HITS, Placement, classify, fields, payloads, pdf_document, site_variants, spread, write_project
from wordprocessor import convert, odt

from conftest import REPO, TODAY, require_chromium, serving
from generator.build import build
from generator.model import THEME_DIR

require_chromium()

from playwright.sync_api import Browser, Dialog, Route  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402


@dataclass
class Hostile:
    site: Path
    placement: Placement


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    work = tmp_path_factory.mktemp("hostile")
    pdf = convert({"payloads": odt(pdf_document())}, work / "pdf")["payloads"]
    placement = spread(classify(work, fields(), payloads(), pdf, TODAY))
    assert not site_variants(placement), "a field of site-config.yml accepts several payloads that cannot share one value"
    root = write_project(work / "project", placement.values, placement.site, placement.councils, placement.pages, pdf)
    shutil.copytree(REPO / THEME_DIR, root / THEME_DIR)  # raad's search page, header search and filters
    result = build(root, work / "site", TODAY, build_dir=work / "build")
    assert result.ok, [p.format() for p in result.problems]
    return Hostile(work / "site", placement)


def test_every_field_holds_payloads_that_reach_the_site(hostile: Hostile) -> None:
    """The corpus is at least 100 payloads, and each field that raad accepts free text in
    carries every one of them (a field refusing everything would test nothing)."""
    items = payloads()
    assert len(items) >= 100
    free_text = [spec for spec, good in hostile.placement.accepted.items() if len(good) == len(items)]
    assert len(free_text) >= 30, [f"{s.kind}:{s.path}" for s in free_text]
    for spec, good in hostile.placement.accepted.items():
        refused = hostile.placement.refused[spec]
        assert len(good) + len(refused) == len(items), f"{spec.kind}:{spec.path}"


# --- the browser ---------------------------------------------------------------------------

SCAN = """() => {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background", "codebase", "cite", "longdesc", "srcdoc"];
  const allowedScheme = (value) => {
    const text = value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
    const scheme = /^([a-z][a-z0-9+.-]*):/.exec(text);
    return !scheme || ["http", "https", "mailto", "tel"].includes(scheme[1]);
  };
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    const where = tag + (el.id ? "#" + el.id : "");
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${where}: event handler ${name}=${attr.value}`);
      if (urlAttributes.includes(name) && !allowedScheme(attr.value)) found.push(`${where}: ${name}=${attr.value}`);
      if (name === "srcdoc") found.push(`${where}: srcdoc`);
      if (name === "style" && /url\\s*\\(|expression\\s*\\(|behavior/i.test(attr.value)) found.push(`${where}: style=${attr.value}`);
    }
    // The 404 page's own base (generator/engine.py), the document's first, leads to this host.
    const own = tag === "base" && el.id === "raad-base" && el === document.querySelector("base") && new URL(el.href).origin === location.origin
      // The embed guide's preview (innbygging/) of the site's own framed contact list.
      || tag === "iframe" && el.id === "raad-embed-preview" && new URL(el.src).origin === location.origin && new URL(el.src).pathname.endsWith("/embed/kontaktliste/");
    if (!own && ["base", "iframe", "frame", "object", "embed", "applet", "isindex", "portal"].includes(tag)) found.push(`element <${tag}>`);
    if (tag === "meta" && el.hasAttribute("http-equiv")) found.push(`<meta http-equiv=${el.getAttribute("http-equiv")}>`);
    if (tag === "form" && el.getAttribute("action") !== null && new URL(el.action, location.href).origin !== location.origin) found.push(`form posting to ${el.action}`);
    if (tag === "script") {
      const src = el.getAttribute("src");
      if (src !== null && new URL(el.src, location.href).origin !== location.origin) found.push(`script from ${src}`);
      const data = /json/i.test(el.getAttribute("type") || "");
      if (src === null && !data && /alert|confirm|prompt|print|marker\\.raad|fetch|eval|atob/.test(el.textContent) && !/__md_/.test(el.textContent.slice(0, 40))) found.push(`inline script ${el.textContent.slice(0, 80)}`);
    }
    if (tag === "style" && /marker\\.raad|expression|url\\s*\\(\\s*['"]?(javascript|\\/\\/)/i.test(el.textContent)) found.push(`style ${el.textContent.slice(0, 80)}`);
    const loads = /stylesheet|import|preload|prefetch|modulepreload|icon|manifest/i.test(el.getAttribute("rel") || "");
    if (tag === "link" && el.href && loads && new URL(el.href, location.href).origin !== location.origin) found.push(`link loading ${el.href}`);
  }
  return found;
}"""

CLICK = """async (hrefs) => {
  for (const a of document.querySelectorAll("a, area, button, [onclick]")) {
    const key = a.getAttribute("href") || a.outerHTML.slice(0, 200);
    if (hrefs.includes(key)) continue;
    hrefs.push(key);
    try { a.click(); } catch (e) {}
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return hrefs;
}"""


@dataclass
class Watch:
    """What payloads did while a page was open: dialogs, requests to the marker host or to
    other hosts, and navigations that left the page's own site."""

    origin: str
    events: list[str] = field(default_factory=list)
    loaded: bool = False

    def route(self, route: Route) -> None:
        request = route.request
        navigation = request.is_navigation_request() and request.frame.parent_frame is None
        if navigation and not self.loaded and request.url.startswith(self.origin) and MARKER_HOST not in request.url:
            route.continue_()  # the page itself
        elif navigation:
            # A link followed by a click: stay on the page (204 No Content). Leaving for
            # another site is what links do; going to the marker host is a payload's work.
            if MARKER_HOST in request.url:
                self.events.append(f"navigation to {request.url}")
            route.fulfill(status=204)
        elif MARKER_HOST in request.url or not request.url.startswith(self.origin):
            # The site loads nothing from other hosts: every such request is a payload's.
            self.events.append(f"request to {request.url}")
            route.abort()
        else:
            route.continue_()


class Visitor:
    """One browser tab that loads pages one after another, with the listeners of `Watch`."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.context = browser.new_context(locale="nb-NO")
        self.page = self.context.new_page()
        self.watch = Watch(base)
        self.clicked: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("popup", lambda popup: self.watch.events.append(f"popup {popup.url}"))
        self.page.route("**/*", self.watch.route)

    def _dialog(self, dialog: Dialog) -> None:
        self.watch.events.append(f"dialog {dialog.type}: {dialog.message}")
        dialog.dismiss()

    def visit(self, url: str) -> list[str]:
        """Load `url`, scan its document, click every link not clicked before; what ran."""
        self.watch.events, self.watch.loaded = [], False
        self.page.goto(self.watch.origin + url, wait_until="load")
        self.page.wait_for_timeout(50)
        if "?q=" in url:
            self._all_results()
        loaded_at = self.page.url
        self.watch.loaded = True
        found = [f"live in the document: {item}" for item in self.page.evaluate(SCAN)]
        try:
            self.clicked = self.page.evaluate(CLICK, self.clicked)
        except PlaywrightError as error:
            found.append(f"a click left the page for {self.page.url}: {error.message[:100]}")
        if self.page.url.split("#")[0] != loaded_at.split("#")[0]:
            found.append(f"left the page for {self.page.url}")
        return found + self.watch.events

    def _all_results(self) -> None:
        """On the search page: wait for the results and show them all (they are payloads'
        titles and text, put in the page by raad's script)."""
        self.page.wait_for_function("document.getElementById('raad-search-status').textContent !== ''")
        more = self.page.locator("#raad-search-more")
        while more.is_visible():
            count = self.page.locator("#raad-search-results li").count()
            more.click()
            self.page.wait_for_function(f"document.querySelectorAll('#raad-search-results li').length > {count}")

    def close(self) -> None:
        self.context.close()


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


def test_no_payload_runs_on_any_page_on_load_or_click(hostile: Hostile, browser: Browser) -> None:
    pages = html_pages(hostile.site)
    assert len(pages) > 150
    searches = [f"sok/?q={word}" for word in ("alert", "onerror", "script", "javascript", "marker")]
    ran: dict[str, list[str]] = {}
    with serving(hostile.site) as base:
        visitor = Visitor(browser, base)
        for url in pages + searches:
            events = visitor.visit(_quoted(url))
            if events:
                ran[url] = events
        visitor.close()
    assert not ran, "\n".join(f"{url}: {events}" for url, events in ran.items())


def test_the_search_page_shows_payloads_as_text(hostile: Hostile, browser: Browser) -> None:
    """Search results and filters hold payloads from titles and text: shown, never run."""
    with serving(hostile.site) as base:
        visitor = Visitor(browser, base)
        assert visitor.visit("sok/?q=onerror") == []
        page = visitor.page
        titles = page.locator("#raad-search-results li h2 a").all_text_contents()
        assert any("<img src=x onerror=" in title or "<script>" in title for title in titles), titles
        assert page.locator("#raad-search-results img, #raad-search-results script, #raad-search-results svg").count() == 0
        visitor.close()


def _quoted(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="/?=&")


# --- the control: the listeners and scans catch live payloads --------------------------------

CONTROL = {
    "load/index.html": "<p>x</p><img src=x onerror=alert(1)>",
    "click/index.html": '<p><a href="javascript:alert(2)">x</a></p>',
    "request/index.html": f"<p>x</p><img src=//{MARKER_HOST}/pixel>",
    "handler/index.html": "<p onmouseover=alert(3)>x</p>",
    "frame/index.html": "<iframe></iframe>",
    "refresh/index.html": '<meta http-equiv="refresh" content="30">',
}


def test_the_control_page_is_caught_by_every_listener(tmp_path: Path, browser: Browser) -> None:
    for name, body in CONTROL.items():
        page = tmp_path / name
        page.parent.mkdir(parents=True)
        page.write_text(f"<!doctype html><html><head><title>x</title></head><body>{body}</body></html>", encoding="utf-8")
    with serving(tmp_path) as base:
        visitor = Visitor(browser, base)
        results = {name.removesuffix("index.html"): visitor.visit(name.removesuffix("index.html")) for name in CONTROL}
        visitor.close()
    assert any("dialog alert: 1" in event for event in results["load/"])
    assert any("dialog alert: 2" in event for event in results["click/"])
    assert any(f"request to http://{MARKER_HOST}/pixel" in event for event in results["request/"])
    assert any("event handler onmouseover" in event for event in results["handler/"])
    assert any("element <iframe>" in event for event in results["frame/"])
    assert any("<meta http-equiv=refresh>" in event for event in results["refresh/"])


# --- every other output file ----------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().-]*$")
"""A phone number such as +47 22 00 00 00 starts like a formula but is none."""


def pagefind_documents(site: Path) -> Iterator[tuple[Path, Any]]:
    """Pagefind's fragments decompressed: JSON after a `pagefind_dcd` signature."""
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        yield path, json.loads(data[len(b"pagefind_dcd") :])


def test_no_output_file_holds_a_live_payload(hostile: Hostile) -> None:
    site = hostile.site
    problems: list[str] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta") or path.name.endswith(".gz"):
            data = gzip.decompress(data)
        problems += [f"{path.relative_to(site)}: evaluated template {hit}" for hit in TEMPLATE_HITS if hit.encode() in data]
    problems += _csv_formulas(site)
    fragments = list(pagefind_documents(site))
    assert len(fragments) > 150
    for path, fragment in fragments:
        url = fragment["url"]
        if not url.startswith("/") or urlsplit(url).scheme or "//" in url:
            problems.append(f"{path.name}: the result links to {url}")
        for anchor in fragment.get("anchors", []):
            if not re.fullmatch(r"[\w-]+", anchor.get("id", "")):
                problems.append(f"{path.name}: anchor id {anchor.get('id')!r}")
    assert not problems, "\n".join(problems)


def _csv_formulas(site: Path) -> list[str]:
    problems = []
    for path in site.rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert len(rows) > 10
        for number, row in enumerate(rows, start=1):
            problems += [f"{path.name} row {number}: formula {cell[:40]!r}" for cell in row if cell.startswith(FORMULA_START) and not NUMBER_LIKE.match(cell)]
    return problems


def test_refused_values_name_their_file_and_field(hostile: Hostile) -> None:
    """Values raad refuses are refused for a reason a secretary can act on: the palette, the
    addresses, the logo. (The refusals come from `raad check`; see injection.classify.)"""
    refused = {f"{spec.kind}:{spec.path}" for spec, items in hostile.placement.refused.items() if len(items) == len(payloads())}
    assert {"site-config.yml:theme.palette.0.primary", "site-config.yml:theme.features.0", "council.yml:members.0.email.value"} <= refused
