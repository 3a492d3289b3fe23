"""The example site served from a sub-path, as a web team publishes it: no broken internal link."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import serving
from generator.preview import QuietHandler

PREFIX = "/brukerrad/"


class SubPathHandler(QuietHandler):
    """Serves the site only under /brukerrad/, like a municipal web server would."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(PREFIX) :])


@pytest.fixture(scope="module")
def served(example_site: Path) -> Iterator[str]:
    """The base URL of the shared example site, served under the sub-path."""
    with serving(example_site, SubPathHandler) as base:
        yield base.rstrip("/") + PREFIX


def _links(html: str, base: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = set()
    for tag, name in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("form", "action")):
        for element in soup.find_all(tag):
            value = element.get(name) or ""
            assert isinstance(value, str), f"{tag} has several {name} values"
            if value and not value.startswith(("mailto:", "tel:", "javascript:")):
                found.add(urldefrag(urljoin(base, value)).url)
    return found


def test_no_broken_internal_link_under_a_sub_path(served: str, example_site: Path) -> None:
    host = urlparse(served).netloc
    seen: set[str] = set()
    queue = [served]
    broken: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            broken.append(f"{url}: {exc.code}")
            continue
        if kind == "text/html":
            for link in _links(body.decode("utf-8"), url):
                parsed = urlparse(link)
                if parsed.netloc != host:
                    continue
                if not parsed.path.startswith(PREFIX):
                    broken.append(f"{link}: outside the sub-path (linked from {url})")
                    continue
                queue.append(link)
    assert not broken, "\n".join(broken)
    pages = {u for u in seen if u.endswith("/")}
    assert f"{served}rad/bo-og-habiliteringstjenesten/" in pages
    assert f"{served}rad/bo-og-habiliteringstjenesten/referat/2021-09-07.pdf" in seen
    folders = {p.parent.relative_to(example_site).as_posix() for p in example_site.rglob("index.html")}
    every_page = {served if folder == "." else f"{served}{folder}/" for folder in folders}
    assert pages == every_page, "every page is reached by following links and forms from the front page"
