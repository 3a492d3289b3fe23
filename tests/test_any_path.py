"""The site works from whatever folder it is served from: at the root (the preview), under
site_url's path (/brukerrad/), and under any other (a staging copy), the 404 page included.

Hosts send the 404 page for every missing address, at any depth, so it is requested at
missing addresses one and three folders deep. A small host below serves the built example
under a folder and answers missing addresses with its 404.html, as static hosts do. In
Chromium, every page must load every stylesheet, script, image and font it asks for from the
site, and every link and form on it must lead to a file of the served site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urlsplit
from urllib.request import urlopen

import pytest

from conftest import ARTIFACTS, REPO, TODAY, copy_example, require_chromium, serving, site_pages
from generator.build import build
from generator.engine import any_path_404
from generator.preview import QuietHandler

require_chromium()

from playwright.sync_api import Browser, Page, Request, Response, expect  # noqa: E402

MOUNTS = ["/", "/brukerrad/", "/a/b/"]
"""The root, site_url's path, and another folder."""
SITE_URL = "https://example.org/brukerrad/"
"""The example's site_url: only a page's canonical address may name it."""
MISSING = ["finnes-ikke", "x/y/finnes-ikke/"]
"""Missing addresses one and three folders below the site's root."""


class Host(QuietHandler):
    """A static host serving the site under `folder`; like raad's preview (and GitHub Pages,
    Netlify, nginx with `error_page`), it answers a missing address with the site's 404.html."""

    folder = "/"

    def translate_path(self, path: str) -> str:
        address = urlsplit(path).path
        if not address.startswith(self.folder):
            return super().translate_path("/.outside-the-folder")  # no such file: the 404 page
        return super().translate_path("/" + address[len(self.folder) :])


@pytest.fixture(scope="module", params=MOUNTS, ids=["root", "site-url-path", "other-folder"])
def mounted(request: pytest.FixtureRequest, example_site: Path) -> Iterator[tuple[str, str]]:
    """(the site's address, the folder it is served from)."""
    folder: str = request.param
    host = type("FolderHost", (Host,), {"folder": folder})
    with serving(example_site, host) as origin:
        yield origin.rstrip("/") + folder, folder


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO")
    yield context.new_page()
    context.close()


class Traffic:
    """The site's failed requests while a page loads. The 404 page's own root finder asks for
    404.html in folders that may not hold the site (HEAD); those answers are expected."""

    def __init__(self, page: Page, origin: str) -> None:
        self.origin = origin
        self.failed: list[str] = []
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request: Request) -> None:
        # Aborted: cut short by the next page, not refused.
        if request.url.startswith(self.origin) and request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response: Response) -> None:
        request = response.request
        if not request.url.startswith(self.origin) or request.is_navigation_request() or response.status < 400:
            return
        if request.method == "HEAD" and request.url.endswith("/404.html"):
            return
        self.failed.append(f"{request.url} ({response.status})")


def _file_of(address: str, folder: str, site: Path) -> Path | None:
    """The file of the built site that a host serving it under `folder` sends for `address`."""
    path = unquote(urlsplit(address).path)
    if not path.startswith(folder):
        return None
    found = site / path[len(folder) :]
    if found.is_dir():
        found = found / "index.html"
    return found if found.is_file() else None


def _broken_links(page: Page, folder: str, site: Path) -> list[str]:
    """Links and forms of the page that lead to no file of the site, and links within the page
    (#...) that lead away from it."""
    links: list[list[str]] = page.eval_on_selector_all(
        "a[href], link[href], form[action], script[src], img[src]",
        """els => els.map(e => {
            const name = {FORM: 'action', SCRIPT: 'src', IMG: 'src'}[e.tagName] || 'href';
            return [e.getAttribute(name), e[name], e.getAttribute('rel') || ''];
        })""",
    )
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    here = urlsplit(page.url).path
    broken = []
    for written, resolved, rel in links:
        if urlsplit(resolved).path == here and (written.startswith("#") or urlsplit(resolved).fragment):
            continue  # a link within the page
        if written.startswith("#"):
            broken.append(f"{written} -> {resolved} (leaves the page)")
        elif resolved.startswith(origin) and _file_of(resolved, folder, site) is None:
            broken.append(f"{written} -> {resolved}")
        elif resolved.startswith(SITE_URL) and rel != "canonical":
            broken.append(f"{written} (site_url's site, not the one served)")
    return broken


def _check(page: Page, address: str, folder: str, site: Path) -> list[str]:
    traffic = Traffic(page, "{0.scheme}://{0.netloc}".format(urlsplit(address)))
    try:
        page.goto(address, wait_until="load")
        return [*traffic.failed, *_broken_links(page, folder, site)]
    finally:
        page.remove_listener("requestfailed", traffic._request_failed)
        page.remove_listener("response", traffic._response)


def test_every_page_loads_everything_and_links_within_the_site(page: Page, example_site: Path) -> None:
    """Served under another folder than site_url's, an address from the root or from site_url's
    path leads nowhere, and so does a relative one that climbs above the site: each page is
    checked there. (The other pages' addresses are relative, the same wherever served.)"""
    pages = site_pages(example_site)
    assert "404.html" in pages
    assert len(pages) > 30
    with serving(example_site, type("FolderHost", (Host,), {"folder": "/a/b/"})) as origin:
        problems = {url: found for url in pages if (found := _check(page, origin + "a/b/" + url, "/a/b/", example_site))}
    assert problems == {}


@pytest.mark.parametrize("address", ["404.html", *MISSING])
def test_not_found_page_loads_everything_and_links_within_the_site(page: Page, mounted: tuple[str, str], example_site: Path, address: str) -> None:
    base, folder = mounted
    assert _check(page, base + address, folder, example_site) == []


@pytest.mark.parametrize("missing", MISSING)
def test_not_found_page_shows_the_site_and_leads_to_the_front_page(page: Page, mounted: tuple[str, str], missing: str) -> None:
    base, folder = mounted
    response = page.goto(base + missing)
    assert response is not None
    assert response.status == 404
    header = page.locator("header.md-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text("Brukerråd i Eksempel kommune")
    # The theme's stylesheet applies: its header is a coloured bar fixed at the top.
    assert header.evaluate("h => getComputedStyle(h).position") == "sticky"
    page.screenshot(path=ARTIFACTS / f"404-{folder.strip('/').replace('/', '-') or 'root'}-{missing.count('/')}.png")
    page.get_by_role("link", name="Brukerråd i Eksempel kommune").first.click()
    page.wait_for_url(base)
    expect(page.locator("h1")).to_be_visible()
    assert urlsplit(page.url).path == folder


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built by Zensical, which writes its own 404 page."""
    work = tmp_path_factory.mktemp("zensical")
    result = build(REPO, work / "site", TODAY, build_dir=work / "build", engine="zensical")
    assert result.ok, [p.format() for p in result.problems]
    return work / "site"


def test_not_found_page_of_zensical_works_from_any_folder(browser: Browser, zensical_site: Path) -> None:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    problems = {}
    for folder in MOUNTS:
        with serving(zensical_site, type("FolderHost", (Host,), {"folder": folder})) as origin:
            for missing in MISSING:
                if found := _check(page, origin.rstrip("/") + folder + missing, folder, zensical_site):
                    problems[folder + missing] = found
                expect(page.locator("header.md-header")).to_contain_text("Brukerråd i Eksempel kommune")
    context.close()
    assert problems == {}


def test_search_from_the_not_found_page_finds_pages_of_the_site(page: Page, mounted: tuple[str, str], example_site: Path) -> None:
    """Pagefind's bundle and its results are found from the folder the site is served from."""
    base, folder = mounted
    page.goto(base + "x/y/finnes-ikke/")
    box = page.get_by_role("searchbox", name="Søk")
    box.fill("bemanning")
    box.press("Enter")
    page.wait_for_url(base + "sok/?q=bemanning")
    expect(page.locator("#raad-search-status")).to_have_text(re.compile(r"^[1-9]\d* treff$"))
    expect(page.locator("#raad-search-results a").first).to_be_visible()
    hrefs = page.eval_on_selector_all("#raad-search-results a", "links => links.map(a => a.href)")
    assert hrefs
    assert [href for href in hrefs if _file_of(href, folder, example_site) is None] == []


def test_the_404_page_is_rewritten_once_and_keeps_no_address_of_site_url() -> None:
    """Run again on its own output (the preview re-renders in place), nothing changes."""
    written = (
        '<html><head><meta charset="utf-8"><link rel="stylesheet" href="/brukerrad/assets/x.css">'
        '<script>__md_scope=new URL("/brukerrad/",location)</script></head><body>'
        '<a href="/brukerrad/.">Forside</a><a href="//cdn.example/x">x</a><a href="#main">main</a>'
        '<script id="__config" type="application/json">{"base": "/brukerrad/"}</script></body></html>'
    )
    once = any_path_404(written, "/brukerrad/")
    assert any_path_404(once, "/brukerrad/") == once
    assert 'href="./assets/x.css"' in once
    assert 'href="./."' in once
    assert '"base": "./"' in once
    assert 'href="//cdn.example/x"' in once
    assert 'href="#main"' in once
    assert 'new URL(".",document.baseURI)' in once
    assert once.index('id="raad-root"') < once.index("<link")
    assert once.count("/brukerrad/") == 1  # the root finder's own value


def test_the_preview_answers_a_missing_address_with_the_sites_404_page(example_url: str) -> None:
    """`raad serve` serves at the root; there, too, a reader sees the site's own 404 page."""
    with pytest.raises(HTTPError) as answer:
        urlopen(example_url + "rad/nedlagt-rad/", timeout=30)
    assert answer.value.code == 404
    assert 'id="raad-root"' in answer.value.read().decode("utf-8")


@pytest.fixture(scope="module")
def site_at_a_domain_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with a site_url that has no path of its own (https://example.org/)."""
    work = tmp_path_factory.mktemp("domain-root")
    project = copy_example(work / "project")
    config = project / "site-config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SITE_URL, "https://example.org/"), encoding="utf-8")
    result = build(project, work / "site", TODAY, build_dir=work / "build")
    assert result.ok, [p.format() for p in result.problems]
    return work / "site"


@pytest.mark.parametrize("folder", MOUNTS, ids=["root", "brukerrad", "other-folder"])
def test_not_found_page_of_a_site_at_a_domain_root_works_from_any_folder(browser: Browser, site_at_a_domain_root: Path, folder: str) -> None:
    """site_url's path "/" is a prefix of every address, so it cannot tell where the site is
    served from: a staging copy in a folder must still find its stylesheets and links."""
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    with serving(site_at_a_domain_root, type("FolderHost", (Host,), {"folder": folder})) as origin:
        for missing in MISSING:
            assert _check(page, origin.rstrip("/") + folder + missing, folder, site_at_a_domain_root) == [], folder + missing
            assert page.locator("header.md-header").evaluate("h => getComputedStyle(h).position") == "sticky"
    context.close()
