"""`make bench`: build a synthetic municipality and print one table of what it cost.

    python tests/bench/run.py small          # 50 councils, 1,000 documents (in the suite too)
    python tests/bench/run.py large          # 500 councils, 20,000 documents, 4,000 PDFs

For each size: the phases of a first build (wall time, peak memory), the output size, the
HTML size of a council page and a minutes page, a rebuild with no change, a rebuild after
one new minutes PDF (as `raad build` and as the `raad serve` preview does it), the same
pages written directly as Markdown and built by plain mkdocs-material, and the same docs
tree built by Zensical where it is installed, and `raad check --strict` on 500 councils.
After the table, separate runs under cProfile show where the time goes: page generation, the
engine on raad's docs tree, and the engine on the same pages as plain Markdown.

Wall-clock targets (a rebuild at least 5x faster, a warm PDF cache under 5 % of a cold
extraction, a check of 500 councils under 5 s) are printed here beside their figures rather
than asserted in the test suite, where a busy machine would fail them.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gzip
import io
import itertools
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: wordprocessor's scans
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from municipality import SIZES, Size, generate

from generator import parallel
from generator.build import BuildResult, assemble_site, build, extract_pdf_texts, pdf_cache
from generator.engine import publishing
from generator.exports.calendars import meeting_calendars
from generator.exports.embeds import embed_assets
from generator.exports.feeds import feed_assets
from generator.exports.open_data import open_data_assets
from generator.health import CouncilHealth, assess_project
from generator.load import load_project
from generator.metrics import Timings
from generator.page_memo import resolve
from generator.pages.council import build_council_pages
from generator.pages.home import build_home_page
from generator.pages.sector import build_sector_pages
from generator.pages.status import build_status_page
from generator.preview import QuietHandler
from generator.site import Asset, SiteContext

TODAY = dt.date(2026, 11, 24)


@dataclass
class Report:
    size: Size
    rows: list[tuple[str, str]] = field(default_factory=list)
    first: BuildResult | None = None
    first_seconds: float = 0.0
    rebuild_seconds: float = 0.0
    council_page: int = 0
    minutes_page: int = 0
    profiles: list[str] = field(default_factory=list)

    def add(self, label: str, value: str) -> None:
        self.rows.append((label, value))

    def table(self) -> str:
        width = max(len(label) for label, _ in self.rows)
        lines = [f"== raad bench: {self.size.name} =="]
        lines += [f"{label:<{width}}  {value}" for label, value in self.rows]
        return "\n".join(lines + self.profiles)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _pdf_pages(pdfs: list[Path]) -> int:
    """The PDFs' pages, counted in a process of its own: pypdf imported here would be
    inherited by the build's PDF readers and hide what importing it costs them."""
    script = "import sys; from pypdf import PdfReader; print(sum(len(PdfReader(p).pages) for p in sys.argv[1:]))"
    return int(subprocess.run([sys.executable, "-c", script, *map(str, pdfs)], check=True, capture_output=True, text=True).stdout)


def _pdf_text_rows(report: Report, first: BuildResult, again: BuildResult, pages: int) -> None:
    """Cold extraction in pages per second, and what the warm cache leaves of it."""
    cold, warm = first.timings.get("PDF text"), again.timings.get("PDF text")
    if cold and cold.seconds:
        report.add("PDF text, cold", f"{pages / cold.seconds:.0f} pages per second ({pages} pages in {cold.seconds:.1f} s)")
    if cold and warm and cold.seconds:
        report.add(
            "PDF text, warm cache / cold",
            f"{warm.seconds:.2f} s / {cold.seconds:.2f} s = {warm.seconds / cold.seconds:.1%} (target < 5%)",
        )


def _timed_build(root: Path, out: Path, **kwargs: object) -> tuple[BuildResult, float]:
    started = time.perf_counter()
    result = build(root, out, TODAY, **kwargs)  # type: ignore[arg-type]
    if not result.ok:
        raise SystemExit("\n".join(p.format() for p in result.problems if p.severity.value == "error")[:5000])
    return result, time.perf_counter() - started


def plain_markdown_tree(root: Path, docs_tree: Path, target: Path) -> None:
    """The same pages as Markdown written by hand: a title and the page's text, no raad."""
    import re

    shutil.rmtree(target, ignore_errors=True)
    (target / "docs").mkdir(parents=True)
    for page in (docs_tree / "docs").rglob("index.md"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", text)
        destination = target / "docs" / page.relative_to(docs_tree / "docs")
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
    config = (docs_tree / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  custom_dir: overrides\n", "")
    # mkdocs-material alone: without raad's Markdown extension. (No search either: the
    # theme's own is switched off in raad's configuration, and plain Markdown gets none.)
    config = config.replace("- generator.html_blocks\n", "")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def query_bytes(site: Path, queries: list[str]) -> list[int]:
    """Bytes a browser fetches from the Pagefind bundle for each query, in one session: the
    first query with its first ten results, the filter lists the search page loads after
    them, and each further query. Filter files count with the lists whenever they arrive:
    the lists start loading as soon as the results show, and their responses could
    otherwise land in the first query's count, by a few hundred kB, on some runs."""
    import threading
    from functools import partial
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    class Compressing(QuietHandler):
        """Gzips text files, as any production web server does; Pagefind's own files are
        compressed already."""

        def send_head(self):  # type: ignore[no-untyped-def]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix in {".js", ".html", ".css", ".json"} and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file():
                data = gzip.compress(path.read_bytes(), mtime=0)
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                return io.BytesIO(data)
            return super().send_head()

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Compressing, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched = [0]
    filters = [0]

    def count(response: object) -> None:
        url = getattr(response, "url", "")
        if "/pagefind/" in url:
            with contextlib.suppress(Exception):  # a response without a body (a redirect) counts nothing
                body = response.body()  # type: ignore[attr-defined]
                if response.headers.get("content-encoding") == "gzip":  # type: ignore[attr-defined]
                    # Chromium reports no size for a worker's script; count what gzip sends.
                    size = response.request.sizes()["responseBodySize"] or len(gzip.compress(body, mtime=0))  # type: ignore[attr-defined]
                else:
                    size = len(body)
                (filters if "/pagefind/filter/" in url else fetched)[0] += size

    sizes = []
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            page = browser.new_page()
            page.on("response", count)
            page.goto(base + "sok/?q=" + queries[0])
            page.wait_for_function("document.querySelectorAll('#raad-search-results li').length > 0", timeout=120_000)
            sizes.append(fetched[0])  # the query and its first ten results
            page.wait_for_function("document.querySelectorAll('#raad-f-year option').length > 1", timeout=120_000)
            page.wait_for_load_state("networkidle")
            sizes.append(fetched[0] - sizes[0] + filters[0])  # then the filter lists
            for query in queries[1:]:
                fetched[0] = 0
                page.fill("#raad-q", query)
                page.press("#raad-q", "Enter")
                page.wait_for_function(f"location.search.includes('q={query}')", timeout=60_000)
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                sizes.append(fetched[0])
            browser.close()
    finally:
        server.shutdown()
    return sizes


def run(size: Size, workdir: Path, full: bool = True) -> Report:
    """The benchmark of `size`. Without `full` (in the test suite) it stops after the rebuild:
    no plain mkdocs, Zensical, browser or 500-council check."""
    report = Report(size)
    root = workdir / size.name
    started = time.perf_counter()
    generate(size, root)
    pdfs = sorted((root / "councils").rglob("*.pdf"))
    report.add("councils", str(size.councils))
    report.add("documents", f"{size.documents} ({len(pdfs)} PDFs)")
    pdf_pages = _pdf_pages(pdfs)
    report.add("PDF pages", str(pdf_pages))
    report.add("generate input", f"{time.perf_counter() - started:.1f} s")

    out = root / "site"
    first, report.first_seconds = _timed_build(root, out)
    report.first = first
    for phase in first.timings.phases:
        report.add(f"phase: {phase.name}", f"{phase.seconds:8.2f} s  peak {_mb(phase.peak_bytes)}  {phase.note}")

    engine = first.timings.get("engine")
    own = sum(p.seconds for p in first.timings.phases if p.name in ("load and check", "council health", "page generation"))
    if engine and engine.seconds:
        report.add(
            "raad's own phases / engine", f"{own:.2f} s / {engine.seconds:.2f} s = {own / engine.seconds:.0%} (target <= 10% at large)"
        )
    report.add("first build, total", f"{report.first_seconds:.1f} s")
    report.add("peak memory", _mb(max(p.peak_bytes for p in first.timings.phases)) + " (target < 2 GB at large)")
    report.add("output size", _mb(_folder_size(out)))
    council = out / "rad/rad-000/index.html"
    minutes = next(p for p in sorted((out / "rad/rad-000/referat").glob("*/index.html")))
    report.council_page, report.minutes_page = council.stat().st_size, minutes.stat().st_size
    report.add("HTML of a council page", f"{report.council_page / 1000:.1f} kB")
    report.add("HTML of a minutes page", f"{report.minutes_page / 1000:.1f} kB")
    report.add("council health, added to the build", health_cost(root, size.councils))
    report.add("feeds, calendars, open data, embeds", exports_cost(root))

    again, report.rebuild_seconds = _timed_build(root, out)
    report.add(
        "rebuild, no change",
        f"{report.rebuild_seconds:.1f} s, {report.first_seconds / report.rebuild_seconds:.1f}x faster (target >= 5x); "
        f"{again.pdf_stats.extracted if again.pdf_stats else 0} PDFs extracted",
    )
    _pdf_text_rows(report, first, again, pdf_pages)
    if not full:
        return report
    report.add("OCR of scanned pages", ocr_cost(pdfs, workdir / "scans"))

    new_pdf = root / "councils/rad-001/minutes/2026-11-20.pdf"
    shutil.copy(pdfs[0], new_pdf)
    with new_pdf.open("ab") as handle:
        handle.write(b"\n% one more document\n")
    added, seconds = _timed_build(root, out)
    report.add("rebuild, one PDF added", f"{seconds:.1f} s, {added.pdf_stats.extracted if added.pdf_stats else 0} PDF extracted")
    (root / "councils/rad-002/minutes/2026-11-21.md").write_text("---\ntitle: Nytt referat\n---\nTekst.\n", encoding="utf-8")
    preview, seconds = _timed_build(root, out, incremental=True)
    preview_engine = preview.timings.get("engine")
    report.add("preview refresh, one added (serve)", f"{seconds:.1f} s ({preview_engine.note if preview_engine else ''})")

    plain = workdir / f"{size.name}-plain"
    plain_markdown_tree(root, root / "build", plain)
    timings = Timings()
    # mkdocs-material as it runs on its own: one mkdocs build, one process.
    with timings.phase("plain") as phase:
        _mkdocs_build(plain, plain / "site")
    plain_council = (plain / "site/rad/rad-000/index.html").stat().st_size
    theme_index = plain / "site/search/search_index.json"
    report.add("plain mkdocs-material, same pages", f"{phase.seconds:.1f} s, peak {_mb(phase.peak_bytes)} (mkdocs build, one process)")
    with timings.phase("plain, raad's engine") as spread, publishing(plain / "site-raad", "mkdocs", "plain") as output:
        output.render(plain)
    report.add("plain pages, raad's engine adapter", f"{spread.seconds:.1f} s (a build of many pages spread over the cores)")
    report.add(
        "raad first build / plain", f"{report.first_seconds:.1f} s / {phase.seconds:.1f} s = {report.first_seconds / phase.seconds:.2f}"
    )
    pdf_phase = first.timings.get("PDF text")
    if pdf_phase:
        without_pdf = report.first_seconds - pdf_phase.seconds
        report.add("raad without PDF text / plain", f"{without_pdf / phase.seconds:.2f}")
    report.add("council page: raad / plain HTML", f"{report.council_page / plain_council:.2f}")
    search = first.timings.get("search index")
    if first.search_stats and search:
        report.add(
            "search: Pagefind index",
            f"{_mb(first.search_stats.bytes)} in {first.search_stats.files} files, built in {search.seconds:.1f} s",
        )
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in first.search_stats.phases.items())
        report.add("search index by phase", f"{phases} ({first.search_stats.pages} HTML files read)")
    if theme_index.is_file():
        import gzip

        data = theme_index.read_bytes()
        report.add("search: theme's built-in index", f"{_mb(len(data))} ({_mb(len(gzip.compress(data)))} gzipped), loaded whole")
    try:
        first_query, filter_lists, second_query = query_bytes(out, ["bemanning", "kosthold"])
        report.add(
            "search: bytes for a first query",
            f"{first_query / 1000:.0f} kB over the wire (gzip) with its first ten results (target <= 300 kB)",
        )
        report.add("search: bytes for the filter lists", f"{filter_lists / 1000:.0f} kB, fetched after the first results")
        report.add("search: bytes for a second query", f"{second_query / 1000:.0f} kB")
    except Exception as exc:  # no browser here: say so in the table rather than fail the run
        report.add("search: bytes per query", f"not measured ({type(exc).__name__}: {exc})")

    zensical = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    if Path(zensical).exists():
        tree = workdir / f"{size.name}-zensical"
        shutil.rmtree(tree, ignore_errors=True)
        shutil.copytree(root / "build", tree, ignore=shutil.ignore_patterns(".cache"))
        started = time.perf_counter()
        completed = subprocess.run([zensical, "build", "-f", "mkdocs.yml"], cwd=tree, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - started
        state = "ok" if completed.returncode == 0 else f"failed ({completed.returncode})"
        report.add(
            "Zensical, same docs tree", f"{seconds:.1f} s ({state}) vs mkdocs-material engine {engine.seconds if engine else 0:.1f} s"
        )
    else:
        report.add("Zensical, same docs tree", "not installed (pip install zensical)")
    seconds = check_seconds(workdir / "check-500", 500)
    report.add("raad check --strict on 500 councils", f"{seconds:.1f} s (target < 5 s)")
    profile_phases(report, root, plain, workdir / "profile-site")
    return report


PROFILE_LINES = 12
CHAIN = 0.9
NAME_WIDTH = 50


def profile_phases(report: Report, root: Path, plain: Path, scratch: Path) -> None:
    """Where the time of page generation and of the engine goes: each run again under
    cProfile, after the timed rows (profiling about doubles the time, so no timed figure
    includes it). Page generation runs in-process, with the forked workers of
    `generator.parallel` turned off: a profile sees only its own process. The engine builds
    raad's docs tree, then the same pages as plain Markdown, into a scratch folder."""
    project = load_project(root, TODAY)
    texts, _, _ = extract_pdf_texts(project, pdf_cache(root / "build"))
    health = assess_project(project, TODAY)
    with mock.patch.object(parallel, "MIN_ITEMS", sys.maxsize):
        report.profiles += _profile(
            "page generation: assemble_site, in-process (workers off)", partial(assemble_site, project, TODAY, texts, health)
        )
    for name, tree in (("raad's docs tree", root / "build"), ("plain Markdown, same pages", plain)):
        # One process, so that the profile sees the work (raad spreads a large build over the cores).
        report.profiles += _profile(f"engine (mkdocs build, one process) on {name}", partial(_mkdocs_build, tree, scratch))
        shutil.rmtree(scratch, ignore_errors=True)


def _mkdocs_build(tree: Path, site: Path) -> None:
    """One mkdocs build of `tree` into `site`, in this process, as `mkdocs build` runs it."""
    from generator.engine import _run_mkdocs

    shutil.rmtree(site, ignore_errors=True)
    _run_mkdocs(tree, site, dirty=False)


def _profile(title: str, action: Callable[[], object]) -> list[str]:
    """`action` under cProfile: its top functions by own time and by cumulative time, side
    by side, in seconds."""
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.runcall(action)
    seconds = time.perf_counter() - started
    entries = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    own = sorted(entries.items(), key=lambda entry: entry[1][2], reverse=True)[:PROFILE_LINES]
    # The chain of calls from `action` down to where the work divides covers nearly all of
    # the time and says nothing: it is left out.
    below = [entry for entry in entries.items() if entry[1][3] < CHAIN * seconds]
    cumulative = sorted(below, key=lambda entry: entry[1][3], reverse=True)[:PROFILE_LINES]
    left = [f"{stat[2]:7.2f} s  {_function(key)}" for key, stat in own]
    right = [f"{stat[3]:7.2f} s  {_function(key)}" for key, stat in cumulative]
    width = max(len(line) for line in left)
    lines = ["", f"-- profile: {title}; {seconds:.1f} s under cProfile --"]
    lines += [f"{'by own time':<{width}}  | by cumulative time (below {CHAIN:.0%} of the run)"]
    lines += [f"{a:<{width}}  | {b}" for a, b in itertools.zip_longest(left, right, fillvalue="")]
    return lines


def _function(key: tuple[str, int, str]) -> str:
    """A function as `name file:line`, the file by its last two parts (package/module.py); a
    built-in by its name, cut to `NAME_WIDTH` characters to keep the columns narrow."""
    file, line, name = key
    if file == "~":  # a built-in: "<method 'sub' of 're.Pattern' objects>"
        return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
    short = "/".join(Path(file).parts[-2:])
    return f"{name} {short}:{line}"


def health_cost(root: Path, councils: int) -> str:
    """What council health adds to a build: assessing every council, plus rendering the pages
    that show it (council pages with their status and activity, sector pages with their
    health table, the front page's count, the status page) against rendering the same pages
    with no health; each the best of five runs. Minutes, archive and decision pages do not
    show health and are left out, so that their time does not drown the difference."""
    project = load_project(root, TODAY)
    assert project.config is not None
    config = project.config

    def pages(health: dict[str, CouncilHealth]) -> None:
        ctx = SiteContext(project, config, TODAY, {}, health)
        resolve(build_council_pages(ctx), [])
        build_sector_pages(ctx)
        build_home_page(ctx)
        build_status_page(ctx)

    health = assess_project(project, TODAY)
    assess = _best(lambda: assess_project(project, TODAY))
    shown = _best(lambda: pages(health)) - _best(lambda: pages({}))
    return f"{assess + shown:.2f} s for {councils} councils (assess {assess:.3f} s, pages {shown:.2f} s; target < 1 s at 500)"


def _best(action: Callable[[], object], runs: int = 5) -> float:
    """The shortest wall time of `runs` runs of `action`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


OCR_PAGES = 6


def ocr_cost(pdfs: list[Path], folder: Path) -> str:
    """OCR per page (issue 15): the first pages of a few of the benchmark's PDFs, scanned at
    300 dpi as image-only PDFs, read cold by the build's extraction with Tesseract, on all
    cores; wall time per page, and per page on one core."""
    from wordprocessor import scan

    from generator.ocr import find_ocr
    from generator.pdftext import extract_all

    ocr = find_ocr("nb")
    if not ocr.available:
        return f"not measured: Tesseract is not installed ({ocr.install_hint})"
    folder.mkdir(parents=True, exist_ok=True)
    scans = [scan(source, folder / f"scan-{n}.pdf") for n, source in enumerate(pdfs[:: max(1, len(pdfs) // OCR_PAGES)][:OCR_PAGES])]
    with tempfile.TemporaryDirectory() as cache:
        texts, stats = extract_all(scans, Path(cache), ocr=ocr, progress=False)
    read = sum(len(text.ocr_pages) for text in texts.values())
    cores = os.cpu_count() or 1
    return (
        f"{stats.seconds / read:.2f} s per page on {cores} cores ({read} pages in {stats.seconds:.1f} s; "
        f"{stats.seconds * cores / read:.2f} s per page on one core)"
    )


def exports_cost(root: Path) -> str:
    """What the files published beside the pages add to a build (issue 14), each exporter the
    best of three: the Atom feeds, the meeting calendars, the open data (JSON, its schema and
    the CSV tables) and the contact list embeds; and the size of the open data."""
    project = load_project(root, TODAY)
    assert project.config is not None
    ctx = SiteContext(project, project.config, TODAY, {}, assess_project(project, TODAY))
    exporters: dict[str, Callable[[SiteContext], list[Asset]]] = {
        "feeds": lambda ctx: resolve([], feed_assets(ctx))[1],
        "calendars": lambda ctx: resolve([], meeting_calendars(ctx))[1],
        "open data": open_data_assets,
        "embeds": embed_assets,
    }
    seconds = {name: _best(partial(exporter, ctx), runs=3) for name, exporter in exporters.items()}
    files = {name: exporter(ctx) for name, exporter in exporters.items()}
    parts = ", ".join(f"{name} {seconds[name]:.2f} s ({len(files[name])} files)" for name in exporters)
    data = sum(len(asset.data or b"") for asset in files["open data"])
    return f"{sum(seconds.values()):.2f} s: {parts}; open data {_mb(data)}"


def check_seconds(root: Path, councils: int) -> float:
    """Wall time of `raad check --strict` on `councils` copies of an example council."""
    repo = Path(__file__).resolve().parents[2]
    if not root.exists():
        root.mkdir(parents=True)
        shutil.copy(repo / "site-config.yml", root / "site-config.yml")
        shutil.copytree(repo / "content", root / "content")
        for number in range(councils):
            shutil.copytree(repo / "councils/eksempelheim-helse-og-velferdssenter", root / "councils" / f"rad-{number:03d}")
    raad = Path(sys.executable).with_name("raad")
    started = time.perf_counter()
    completed = subprocess.run(
        [str(raad), "check", "--strict", "--lang", "en", "--today", TODAY.isoformat(), str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if completed.stdout.strip() != f"No problems in {councils} councils.":
        raise SystemExit(f"raad check found problems in the copied councils:\n{completed.stdout[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["small"], choices=sorted(SIZES))
    parser.add_argument("--keep", type=Path, help="Build here and keep the files (default: a temporary folder).")
    arguments = parser.parse_args()
    workdir = arguments.keep or Path(tempfile.mkdtemp(prefix="raad-bench-"))
    try:
        for name in arguments.sizes:
            print(run(SIZES[name], workdir).table(), flush=True)
    finally:
        if arguments.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
