"""Pages at the cost of what changed: each numerous page gets a key of everything it shows.

A large municipality has tens of thousands of pages (a page per minutes document and per
advisory decision), and the daily change is one new document. So the page builders describe
those pages as `PageJob`s: the page's address, a key, and how to render it. The key is a
hash of every input the page's template can show (the minutes file's text and metadata,
the council's name, the text read from the PDF, the day where the page shows it), of the
site's settings and of raad's own code and libraries. A page whose key equals the one the
docs tree already holds it under is not rendered again (`resolve_pages`; the docs tree
checks that the file is still the one it wrote, `generator.docs_tree.TreeManifest`);
the others are rendered on all cores.

Pages made from the whole project (the front page, the contact list, the status page, the
sectors) are few and cheap, and are rendered every time. A key that misses an input would
publish a stale page, so the keys are deliberately coarse (a council page's key holds every
minutes document of the council), and a test builds a changed project both ways and compares
the bytes (tests/test_incremental.py).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model import Council, Minutes
from generator.parallel import map_pages
from generator.site import Page, SiteContext

LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "pydantic")
"""The libraries whose versions shape a page's Markdown."""


@dataclass
class PageJob:
    """A page not rendered yet: its address, the key of what it shows, and how to render it."""

    url: str
    key: str
    render: Callable[[], Page]

    @property
    def docs_path(self) -> str:
        return f"{self.url}index.md"


KeptPage = Callable[[str, str], "Page | None"]
"""The page the docs tree holds at a docs path under a key, if it holds it under that key."""


def digest(*parts: object) -> str:
    """A hash of `parts`, each as text (None as an empty part)."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(b"" if part is None else str(part).encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


@functools.cache
def code_fingerprint() -> str:
    """raad's own code, templates and translations, and the libraries that render pages: a
    new version of any of them may render every page differently."""
    package = Path(__file__).parent
    hashed = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hashed.update(path.relative_to(package).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for name in LIBRARIES:
        hashed.update(f"{name}={importlib.metadata.version(name)}\0".encode())
    return hashed.hexdigest()


def site_key(ctx: SiteContext) -> str:
    """What every page depends on: raad's code and the site's settings (sectors, council
    types, language, whether drafts are published, ...)."""
    return digest(code_fingerprint(), ctx.config.model_dump_json())


def council_name_key(ctx: SiteContext, council: Council) -> str:
    """What a page about one of a council's documents shows of the council: its address,
    name and sector, and whether it is a former council."""
    return digest(council.slug, council.name, council.sector, council.is_historical(ctx.today))


def minutes_key(ctx: SiteContext, minutes: Minutes) -> str:
    """Everything of a minutes document a page may show: its file's text and metadata, and
    for a PDF its size and the text read from it (by the key of its text in the PDF cache).
    Several pages show a document: its key is made once per build."""
    key = ctx.minutes_keys.get(minutes.path)
    if key is None:
        key = ctx.minutes_keys[minutes.path] = _minutes_key(ctx, minutes)
    return key


def _minutes_key(ctx: SiteContext, minutes: Minutes) -> str:
    return digest(
        minutes.path,
        minutes.format.value,
        minutes.date.isoformat(),
        minutes.slug,
        minutes.size,
        minutes.metadata_path,
        minutes.meta.model_dump_json(),
        minutes.body,
        ctx.pdf_keys.get(minutes.path) if ctx.pdf_keys else None,
        minutes.path in ctx.pdf_texts,
    )


def page_key(ctx: SiteContext, kind: str, *parts: object) -> str:
    """The key of one page of `kind` made from `parts`."""
    return digest(ctx.site_key, kind, *parts)


def resolve_pages(jobs: Sequence[Page | PageJob], kept: KeptPage | None) -> list[Page]:
    """The pages of `jobs` in order: those the docs tree already holds under the same key as
    they are, the others rendered (on all cores when there are many)."""
    pages: list[Page | None] = []
    todo: list[int] = []
    for job in jobs:
        page = job if isinstance(job, Page) else (kept(job.docs_path, job.key) if kept else None)
        if page is None:
            todo.append(len(pages))
        pages.append(page)
    rendered = map_pages(_render, [jobs[index] for index in todo])
    for index, page in zip(todo, rendered, strict=True):
        pages[index] = page
    return [page for page in pages if page is not None]


def _render(job: Page | PageJob) -> Page:
    assert isinstance(job, PageJob)
    page = job.render()
    page.key = job.key
    return page
