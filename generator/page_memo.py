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
the bytes (tests/test_incremental_build.py).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from generator import parallel
from generator.model import Council, Minutes
from generator.site import Asset, Page, SiteContext

LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "pydantic", "feedgen", "icalendar")
"""The libraries whose versions shape a page's Markdown or a kept file's bytes (the feeds
are feedgen's, the calendars icalendar's)."""


@dataclass
class PageJob:
    """A page not rendered yet: its address, the key of what it shows, and how to render it."""

    url: str
    key: str
    render: Callable[[], Page]

    @property
    def docs_path(self) -> str:
        return f"{self.url}index.md"


@dataclass
class AssetJob:
    """A published file not made yet: its address, the key of what it holds (None: made in
    every build, for a file made from the whole project), and how to make its bytes."""

    url: str
    key: str | None
    render: Callable[[], bytes]


@dataclass
class AssetsJob:
    """Files made together (the open data): their addresses, the key of what they hold, how
    to make them; `weight` is about how many pages' work it is, to tell whether spreading
    the work pays."""

    urls: list[str]
    key: str | None
    render: Callable[[], list[Asset]]
    weight: int


KeptPage = Callable[[str, str], "Page | None"]
"""The page the docs tree holds at a docs path under a key, if it holds it under that key."""
KeptAsset = Callable[[str, str], "Asset | None"]
"""The same for a published file, by its address."""


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


def _made_once(ctx: SiteContext, name: str, make: Callable[[], str]) -> str:
    """The key `name`, made once per build: many pages show the same council or document."""
    key = ctx.keys.get(name)
    if key is None:
        key = ctx.keys[name] = make()
    return key


def council_name_key(ctx: SiteContext, council: Council) -> str:
    """What a page about one of a council's documents shows of the council: its address,
    name and sector, and whether it is a former council."""
    return _made_once(
        ctx, f"council {council.slug}", lambda: digest(council.slug, council.name, council.sector, council.is_historical(ctx.today))
    )


def minutes_key(ctx: SiteContext, minutes: Minutes) -> str:
    """Everything of a minutes document a page may show: its file's text and metadata, and
    for a PDF its size and the text read from it (by the key of its text in the PDF cache)."""
    return _made_once(ctx, f"minutes {minutes.path}", lambda: _minutes_key(ctx, minutes))


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
        _pdf_text_key(ctx, minutes),
        minutes.path in ctx.pdf_texts,
    )


def _pdf_text_key(ctx: SiteContext, minutes: Minutes) -> str | None:
    """What names the text read from a minutes PDF: its key in the PDF cache, which holds that
    very text; else, for a text the cache does not hold (a crashed reader's outcome, read
    again by the next build), the text itself."""
    key = ctx.pdf_keys.get(minutes.path)
    text = ctx.pdf_texts.get(minutes.path)
    if key is None and text is not None:
        return digest(json.dumps(text.to_json(), ensure_ascii=False, sort_keys=True))
    return key


def project_key(ctx: SiteContext, councils: Sequence[Council] | None = None) -> str:
    """Everything a page or file made from many councils may show of them (all councils by
    default): each council's folder, its minutes, and the day."""
    if councils is None:
        return _made_once(ctx, "project", lambda: project_key(ctx, ctx.project.councils))
    return digest(ctx.today, *(part for c in councils for part in (c.digest, *(minutes_key(ctx, m) for m in c.minutes))))


def page_key(ctx: SiteContext, kind: str, *parts: object) -> str:
    """The key of one page of `kind` made from `parts`."""
    return digest(ctx.site_key, kind, *parts)


PageItem = Page | PageJob
AssetItem = Asset | AssetJob | AssetsJob
BUNDLE = 50
"""Pages or files rendered as one task: enough to outweigh sending the task to a worker."""


def resolve(
    page_items: Sequence[PageItem], asset_items: Sequence[AssetItem], kept_page: KeptPage | None = None, kept_asset: KeptAsset | None = None
) -> tuple[list[Page], list[Asset]]:
    """The pages and files of a site, in order: those the docs tree already holds under the
    same key as they are, the others made, together, on all cores when there is enough work
    (the whole-project files first: they take longest)."""
    pages: list[list[Page]] = [[job] if isinstance(job, Page) else [] for job in page_items]
    assets: list[list[Asset]] = [[job] if isinstance(job, Asset) else [] for job in asset_items]
    page_todo = [i for i, job in enumerate(page_items) if isinstance(job, PageJob) and not _kept(pages[i], job, kept_page)]
    asset_todo = [i for i, job in enumerate(asset_items) if isinstance(job, AssetJob) and not _kept(assets[i], job, kept_asset)]
    groups = [i for i, job in enumerate(asset_items) if isinstance(job, AssetsJob) and not _kept_group(assets[i], job, kept_asset)]
    tasks: list[tuple[str, list[int]]] = [("assets", [i]) for i in groups]
    tasks += [("asset", asset_todo[at : at + BUNDLE]) for at in range(0, len(asset_todo), BUNDLE)]
    tasks += [("page", page_todo[at : at + BUNDLE]) for at in range(0, len(page_todo), BUNDLE)]
    weights = [job.weight for i, job in enumerate(asset_items) if i in groups and isinstance(job, AssetsJob)]
    work = len(page_todo) + len(asset_todo) + sum(weights)
    made = parallel.map_pages(partial(_make, page_items, asset_items), tasks, parallel=work >= parallel.MIN_ITEMS)
    for (kind, indices), results in zip(tasks, made, strict=True):
        target = pages if kind == "page" else assets
        for index, result in zip(indices, results if kind != "assets" else [results], strict=True):
            target[index] = result if isinstance(result, list) else [result]
    return [page for group in pages for page in group], [asset for group in assets for asset in group]


def _kept(found: list[Any], job: PageJob | AssetJob, kept: Callable[[str, str], Any] | None) -> bool:
    """Whether the docs tree holds `job` under its key: then it goes into `found` as it is."""
    if kept is None or job.key is None:
        return False
    item = kept(job.docs_path if isinstance(job, PageJob) else job.url, job.key)
    if item is not None:
        found.append(item)
    return item is not None


def _kept_group(found: list[Asset], job: AssetsJob, kept: KeptAsset | None) -> bool:
    """Whether the docs tree holds every file of the group under its key."""
    if kept is None or job.key is None:
        return False
    items = [kept(url, job.key) for url in job.urls]
    if any(item is None for item in items):
        return False
    found.extend(item for item in items if item is not None)
    return True


def _make(page_items: Sequence[PageItem], asset_items: Sequence[AssetItem], task: tuple[str, list[int]]) -> list[Any]:
    """One task's results: rendered pages, made files, or a group's files (one list)."""
    kind, indices = task
    if kind == "assets":
        job = asset_items[indices[0]]
        assert isinstance(job, AssetsJob)
        made = job.render()
        assert [asset.url for asset in made] == job.urls, "a group makes the files it names"
        for asset in made:
            asset.key = job.key
        return made
    if kind == "asset":
        return [_made_asset(asset_items[i]) for i in indices]
    return [_rendered_page(page_items[i]) for i in indices]


def _rendered_page(job: PageItem) -> Page:
    assert isinstance(job, PageJob)
    page = job.render()
    page.key = job.key
    return page


def _made_asset(job: AssetItem) -> Asset:
    assert isinstance(job, AssetJob)
    return Asset(job.url, data=job.render(), key=job.key)
