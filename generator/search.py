"""Search over the built site with Pagefind: an index in chunks, fetched only as a query needs.

The theme's own search loads one JSON index whole (tens of MB for a large municipality);
Pagefind splits it, so a first query on a phone fetches a few hundred kB. Pagefind reads the
built HTML of any engine. Pages carry their filters (kind, council, sector, year, status)
and a date to sort by as `data-pagefind-*` attributes written by the page templates; each
advisory decision has a page of its own, so it is a result of its own.
Norwegian stemming comes from indexing the site as Norwegian ("no"), whatever its `nb` or
`nn` lang attribute says.

Pagefind's page fragments and word index are the same bytes for the same site, but it writes
its filter files and its metadata file from randomly seeded hash maps (Pagefind issue #638),
so their order, and with it their content-hashed names, vary from run to run. A last step
rewrites them in one order (`canonical_bundle`), so that two builds of one site are the
same bytes, search index included.

Pagefind cannot update a bundle in place: its service (the `pagefind` package's
`InternalRequestType`) knows only NewIndex, AddFile, AddRecord, AddDir, WriteFiles, GetFiles
and DeleteIndex, an index lives in the service's memory from NewIndex on, and WriteFiles
writes the whole bundle; the command line has no such option either. A changed page means a
new index of every page.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gzip
import hashlib
import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.engine import installed_version
from generator.site import SEARCH_BUNDLE

PAGEFIND_LANGUAGE = {"nb": "no", "nn": "no", "en": "en"}


NOT_SEARCHED = (
    ".raad-health",
    ".raad-health-table",
    ".raad-health-summary",
    ".raad-units",
    ".raad-minutes",
    'tr[id^="vedtak-"]',
    ".raad-follow",
    ".raad-follow-sector",
    ".raad-calendar-link",
    ".raad-updated",
)
"""What Pagefind leaves out of the pages it indexes (`data-pagefind-body`, theme/main.html):
parts that repeat what is a result of its own, or that no one searches for. A council's
health panel, the health table of a sector's page and the front page's count (generated
advice; the `status` filter holds its gist); the front page's list of every council's unit,
lists of minutes and the rows of decision tables (their ids are `site.decision_anchor`'s):
each council, minutes document and decision is a page and a result of its own, and the page
that lists them would otherwise match the words of all of them and rank beside or above
them; and the links to feeds, calendars and editing that every such page repeats. Each cuts
words from the index and text from the fragments a query fetches. Pages that are no result
at all (lists, the search page itself, the status page) say `search: false` in their front
matter and are left out whole (theme/main.html); the 404 page and the embeds for other
websites have no `data-pagefind-body` either."""


@dataclass
class IndexStats:
    pages: int
    bytes: int
    files: int
    phases: dict[str, float] = field(default_factory=dict)
    """Seconds of each step, for the benchmark: reading the pages, writing the bundle,
    putting its files in one order."""


def indexer_version() -> str:
    """The version of Pagefind, which shapes the index as much as the pages do."""
    return installed_version("pagefind")


def index_site(site_dir: Path, language: str) -> IndexStats:
    """Write the Pagefind bundle into `site_dir/pagefind` for the built pages."""
    from pagefind.index import IndexConfig

    bundle = site_dir / SEARCH_BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    config = IndexConfig(force_language=PAGEFIND_LANGUAGE[language], output_path=str(bundle), exclude_selectors=list(NOT_SEARCHED))
    phases: dict[str, float] = {}
    # Pagefind's API is asynchronous; a thread of its own keeps it clear of any event loop
    # the caller may be running (a test driving a browser, a future server).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pages = pool.submit(asyncio.run, _index(site_dir, config, phases)).result()
    started = time.perf_counter()
    canonical_bundle(bundle)
    phases["canonical order"] = time.perf_counter() - started
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return IndexStats(pages, sum(p.stat().st_size for p in files), len(files), phases)


async def _index(site_dir: Path, config: Any, phases: dict[str, float]) -> int:
    """Index the site's HTML files and write the bundle; the pages indexed. Reading (and
    parsing) the pages and writing the bundle are timed apart into `phases`: the service is
    driven directly, since `PagefindIndex` as a context manager writes on its way out."""
    from pagefind.service import PagefindService

    started = time.perf_counter()
    service = await PagefindService().launch()
    try:
        index = await service.create_index(config)
        phases["start"] = time.perf_counter() - started
        result = await index.add_directory(str(site_dir))
        phases["read pages"] = time.perf_counter() - started - phases["start"]
        await index.write_files()
        await _let_it_finish(service)
        phases["write bundle"] = time.perf_counter() - started - phases["start"] - phases["read pages"]
    except BaseException:
        with contextlib.suppress(ProcessLookupError):  # it may have ended already
            await service.close()
        raise
    return int(result.get("page_count", 0))


SERVICE_EXIT_SECONDS = 120.0


async def _let_it_finish(service: Any) -> None:
    """End the Pagefind service by closing its input, and wait for it to exit.

    Pagefind answers "written" while its last writes are still under way, and the client's
    `close()` then terminates it: under load the bundle came out with files cut short (an
    empty `pagefind-entry.json` was seen). Given the end of its input, the service finishes
    its writes and exits by itself. (The client has no call for that; this reaches into its
    process, and terminates it after `SERVICE_EXIT_SECONDS` as `close()` would.)"""
    service._poll_task.cancel()
    backend = service._backend
    backend.stdin.close()
    try:
        code = await asyncio.wait_for(backend.wait(), SERVICE_EXIT_SECONDS)
    except TimeoutError:
        backend.terminate()
        await backend.wait()
        raise RuntimeError(f"Pagefind did not finish writing the search index within {SERVICE_EXIT_SECONDS:g} s") from None
    if code != 0:
        raise RuntimeError(f"Pagefind exited with code {code} after writing the search index")


# Pagefind's index files, as far as `canonical_bundle` rewrites them. Each is gzip of a prefix
# and one CBOR item, named after a SHA-1 of that item; the layout is Pagefind's
# (pagefind/src/index and pagefind_web/src/metadata.rs in its source).
COMPRESSED_PREFIX = b"pagefind_dcd"
META_FILTERS, META_SORTS = 3, 4
"""Where the metadata item (an array) holds its [filter, file hash] and [sort key, pages] pairs."""
FILTER_HASH_DIGITS, META_HASH_DIGITS = 7, 10


class IndexFormatError(Exception):
    """Pagefind wrote something `canonical_bundle` does not know how to read back unchanged:
    a new Pagefind version changed its format, and this module must follow it."""


def canonical_bundle(bundle: Path) -> None:
    """Rewrite the index files that Pagefind writes in hash-map order so that their order, and
    so their bytes and names, depend on the site alone (Pagefind issue #638): the values in
    each filter file, the filters and sort keys in the metadata file, the languages in
    `pagefind-entry.json`. Nothing else changes: the search reads filters and sorts into maps
    by name, so the order it is given is free."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    entry["languages"] = {code: language for code, language in sorted(entry["languages"].items())}
    for code, language in entry["languages"].items():
        language["hash"] = _canonical_language(bundle, code, language["hash"])
    # Compact and unescaped, as Pagefind writes it.
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _canonical_language(bundle: Path, code: str, meta_hash: str) -> str:
    """Sort one language's filter files and metadata; the metadata file's new name."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read_index_file(meta_path)
    meta[META_FILTERS] = _canonical_filters(bundle / "filter", code, meta[META_FILTERS])
    meta[META_SORTS] = sorted(meta[META_SORTS])
    meta_path.unlink()
    data = _encode(meta)
    new_hash = _short_hash(code, data, META_HASH_DIGITS, set())
    _write_index_file(bundle / f"pagefind.{new_hash}.pf_meta", data)
    return new_hash


def _canonical_filters(folder: Path, code: str, filters: list[list[str]]) -> list[list[str]]:
    """Rewrite each filter file with its values sorted, under the name of its new content;
    the [filter, file hash] pairs for the metadata, sorted by filter. All old files go
    before any new one is written, since a new name may be an old one."""
    paths = {name: folder / f"{file_hash}.pf_filter" for name, file_hash in filters}
    contents = {name: _read_index_file(path) for name, path in paths.items()}
    for path in paths.values():
        path.unlink()
    taken: set[str] = set()
    pairs = []
    for name, (filter_name, values) in sorted(contents.items()):
        data = _encode([filter_name, sorted(values)])
        file_hash = _short_hash(code, data, FILTER_HASH_DIGITS, taken)
        _write_index_file(folder / f"{file_hash}.pf_filter", data)
        pairs.append([name, file_hash])
    return pairs


def _short_hash(code: str, data: bytes, digits: int, taken: set[str]) -> str:
    """The name Pagefind gives a file of this content: the language and the first digits of
    its SHA-1, written as Pagefind writes it (each byte in hex without a leading zero),
    longer while it collides with one already `taken`."""
    full = "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
    while f"{code}_{full[:digits]}" in taken and digits < len(full):
        digits += 1
    taken.add(f"{code}_{full[:digits]}")
    return f"{code}_{full[:digits]}"


def _read_index_file(path: Path) -> Any:
    """The CBOR item in one of Pagefind's compressed index files, checked to encode back to
    the same bytes, so that a rewrite changes the order and nothing else."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(COMPRESSED_PREFIX):
        raise IndexFormatError(f"{path}: no {COMPRESSED_PREFIX!r} prefix")
    body = data[len(COMPRESSED_PREFIX) :]
    item, end = _decode(body, 0)
    if end != len(body) or _encode(item) != body:
        raise IndexFormatError(f"{path}: not the CBOR subset this module reads back unchanged")
    return item


def _write_index_file(path: Path, data: bytes) -> None:
    """Compressed as Pagefind compresses, with no time in the gzip header."""
    path.write_bytes(gzip.compress(COMPRESSED_PREFIX + data, compresslevel=9, mtime=0))


# The CBOR that Pagefind's index files use: unsigned integers, text and arrays of definite
# length, every length in its shortest form (RFC 8949, section 3).
UNSIGNED, TEXT, ARRAY = 0, 3, 4


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    """The item starting at `at`, and where it ends."""
    major, size, at = _decode_head(data, at)
    if major == UNSIGNED:
        return size, at
    if major == TEXT:
        return data[at : at + size].decode("utf-8"), at + size
    if major == ARRAY:
        items = []
        for _ in range(size):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise IndexFormatError(f"CBOR major type {major} at byte {at}")


def _decode_head(data: bytes, at: int) -> tuple[int, int, int]:
    """An item's major type, its number (value or length) and where its content starts."""
    major, extra = data[at] >> 5, data[at] & 0x1F
    if extra < 24:
        return major, extra, at + 1
    if extra > 27:
        raise IndexFormatError(f"CBOR length form {extra} at byte {at}")
    width = 1 << (extra - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + width], "big"), at + 1 + width


def _encode(item: Any) -> bytes:
    """The shortest encoding of `item`, as Pagefind's CBOR library writes it."""
    if isinstance(item, int):
        return _encode_head(UNSIGNED, item)
    if isinstance(item, str):
        text = item.encode("utf-8")
        return _encode_head(TEXT, len(text)) + text
    if isinstance(item, list):
        return _encode_head(ARRAY, len(item)) + b"".join(_encode(each) for each in item)
    raise IndexFormatError(f"cannot encode {type(item).__name__}")


def _encode_head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    width = next(w for w in (1, 2, 4, 8) if number < 1 << (8 * w))
    return bytes([major << 5 | (24 + width.bit_length() - 1)]) + number.to_bytes(width, "big")
