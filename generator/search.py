"""Search over the built site with Pagefind: an index in chunks, fetched only as a query needs.

The theme's own search loads one JSON index whole (tens of MB for a large municipality);
Pagefind splits it, so a first query on a phone fetches a few hundred kB. Pagefind reads the
built HTML of any engine. Pages carry their filters (kind, council, sector, year, status)
and a date to sort by as `data-pagefind-*` attributes written by the page templates; each
advisory decision has a page of its own, so it is a result of its own.
Norwegian stemming comes from indexing the site as Norwegian ("no"), whatever its `nb` or
`nn` lang attribute says.

Pagefind's page fragments and word index are the same bytes for the same site, but its
filter and metadata files are not (a known Pagefind issue, #638: they are written from
hash maps); those few files are the only part of a build that varies.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.engine import installed_version
from generator.site import SEARCH_BUNDLE

PAGEFIND_LANGUAGE = {"nb": "no", "nn": "no", "en": "en"}


@dataclass
class IndexStats:
    pages: int
    bytes: int
    files: int


def indexer_version() -> str:
    """The version of Pagefind, which shapes the index as much as the pages do."""
    return installed_version("pagefind")


def index_site(site_dir: Path, language: str) -> IndexStats:
    """Write the Pagefind bundle into `site_dir/pagefind` for the built pages."""
    from pagefind.index import IndexConfig, PagefindIndex

    bundle = site_dir / SEARCH_BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    config = IndexConfig(force_language=PAGEFIND_LANGUAGE[language], output_path=str(bundle))

    async def run() -> int:
        async with PagefindIndex(config=config) as index:
            result = await index.add_directory(str(site_dir))
            return int(result.get("page_count", 0))

    # Pagefind's API is asynchronous; a thread of its own keeps it clear of any event loop
    # the caller may be running (a test driving a browser, a future server).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pages = pool.submit(asyncio.run, run()).result()
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexStats(pages, sum(p.stat().st_size for p in files), len(files))
