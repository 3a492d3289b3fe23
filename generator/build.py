"""`raad build`: gather, check, build the site in memory, write the docs tree, run the engine.

The order is the point: nothing is written until every council has been loaded and checked,
and the previous site is replaced only after the engine succeeded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import messages
from generator.checks import check_project
from generator.docs_tree import TreeManifest, foreign_entries, page_records, site_files, write_docs_tree
from generator.engine import DEFAULT_ENGINE, EngineError, TreeState, config_files, publishing
from generator.exports.published import exports
from generator.health import CouncilHealth, assess_project
from generator.history import source_epoch
from generator.inputs import MAX_PDF_BYTES, link_description
from generator.killsafe import BuildBusy, one_build_at_a_time
from generator.load import load_project
from generator.markdown_cache import MarkdownCache
from generator.metrics import Timings, child_peak_bytes
from generator.model import CONTENT_DIR, THEME_DIR, Minutes, MinutesFormat, Project
from generator.ocr import Ocr, find_ocr
from generator.page_memo import KeptAsset, KeptPage, resolve, site_key
from generator.pages.accessibility import build_accessibility_page
from generator.pages.archive import build_archive_pages
from generator.pages.contacts import build_contacts_page
from generator.pages.content import build_content_pages
from generator.pages.council import build_council_pages
from generator.pages.decisions import build_decision_pages, build_decisions_pages
from generator.pages.embed_guide import build_embed_guide_page
from generator.pages.follow import build_follow_page
from generator.pages.home import build_home_page
from generator.pages.minutes import build_minutes_pages
from generator.pages.open_data import build_open_data_page
from generator.pages.search import build_search_page
from generator.pages.sector import build_sector_pages
from generator.pages.status import build_status_page
from generator.pdftext import ExtractionStats, PdfText, extract_all
from generator.personal_data import pdf_personal_data_problems
from generator.problems import Problem, Severity, as_errors
from generator.render import converter_fingerprint
from generator.search import IndexStats, index_site, indexer_version
from generator.site import (
    ACCESSIBILITY_URL,
    ARCHIVE_URL,
    CONTACTS_URL,
    DECISIONS_URL,
    FOLLOW_URL,
    HOME_URL,
    OPEN_DATA_URL,
    SEARCH_BUNDLE,
    SEARCH_URL,
    STATUS_URL,
    NavItem,
    Site,
    SiteContext,
    content_url,
    sector_url,
)


@dataclass
class BuildResult:
    """What a build did. `problems` holds check problems (errors stop the build) and, for a
    failed engine run, its messages as problems of the generated config."""

    problems: list[Problem] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    search_stats: IndexStats | None = None
    pdf_stats: ExtractionStats | None = None
    pages: int = 0
    written: int = 0
    ok: bool = False
    busy: bool = False  # another build held the docs tree folder: nothing was tried


def assemble_site(
    project: Project,
    today: dt.date,
    pdf_texts: dict[str, PdfText] | None = None,
    health: dict[str, CouncilHealth] | None = None,
    *,
    pdf_keys: dict[str, str] | None = None,
    markdown_cache: MarkdownCache | None = None,
    kept: KeptPage | None = None,
    kept_asset: KeptAsset | None = None,
) -> Site:
    """The whole site in memory, from a loaded and checked project, its PDF texts and its
    councils' health (`assess_project`; assessed here when the caller has not).

    For a rebuild: `pdf_keys` name each PDF's text in the PDF cache, `markdown_cache` holds
    Markdown converted before, and `kept` gives a page the docs tree already holds under the
    same key, which is then not rendered again, and `kept_asset` a published file
    (`generator.page_memo`)."""
    assert project.config is not None
    health = assess_project(project, today) if health is None else health
    ctx = SiteContext(project, project.config, today, pdf_texts or {}, health, pdf_keys or {}, markdown_cache)
    ctx.site_key = site_key(ctx)
    content_pages, content_assets = build_content_pages(ctx)
    minutes_pages, minutes_assets = build_minutes_pages(ctx)
    jobs = [
        build_home_page(ctx),
        *content_pages,
        *build_sector_pages(ctx),
        *build_council_pages(ctx),
        *minutes_pages,
        *build_archive_pages(ctx),
        *build_decisions_pages(ctx),
        *build_decision_pages(ctx),
        build_status_page(ctx),
        build_open_data_page(ctx),
        build_contacts_page(ctx),
        build_follow_page(ctx),
        build_embed_guide_page(ctx),
        build_search_page(ctx),
        build_accessibility_page(ctx),
    ]
    assets = [*content_assets, *minutes_assets, *exports(ctx)]
    pages, files = resolve(jobs, assets, kept, kept_asset)
    theme_values = _theme_values(ctx)
    return Site(project.config, pages, files, _nav(ctx), theme_values, description=theme_values["not_found"]["text"])


def _theme_values(ctx: SiteContext) -> dict[str, Any]:
    """What the theme overrides show on every page: the example banner, the header search and
    the footer's link to the accessibility statement; and the engine's page for a missing
    address in the site's language (the themes write "404 - Not found" in English)."""
    labels = ctx.labels
    banner = labels.gettext("This is an example site. The councils and people are partly fictional.") if ctx.config.example_data else ""
    return {
        "banner": banner,
        "search": {"url": SEARCH_URL, "label": labels.gettext("Search")},
        "accessibility": {"url": ACCESSIBILITY_URL, "label": labels.gettext("Accessibility statement")},
        "not_found": {
            "title": labels.gettext("Page not found"),
            "text": labels.gettext("The address may be mistyped, or the page may have moved or been removed."),
            "home": labels.gettext("Go to the front page"),
            "search": labels.gettext("Search councils and minutes"),
        },
    }


def _published_pdfs(project: Project) -> list[Minutes]:
    """The minutes PDFs whose text the site shows; one over its size bound is an error
    already and is never read (its .yml is still checked)."""
    assert project.config is not None
    return [
        m
        for c in project.councils
        for m in c.published_minutes(project.config.publish_drafts)
        if m.format is MinutesFormat.PDF and m.size is not None and m.size <= MAX_PDF_BYTES
    ]


def _content_pdfs(project: Project) -> list[str]:
    """PDFs under content/, published as downloads (a contact meeting's minutes among them):
    read for identity numbers only, since no page shows their text."""
    return [f"{CONTENT_DIR}/{name}" for name in project.content_files if name.lower().endswith(".pdf")]


MARKDOWN_CACHE = ".cache/markdown"
"""Converted Markdown by content, under the docs tree folder (`generator.markdown_cache`)."""


def pdf_cache(build_dir: Path) -> Path:
    """Where extracted PDF text is cached, by the PDF's content: shared by check and build."""
    return build_dir / ".cache" / "pdftext"


def extract_pdf_texts(project: Project, cache_dir: Path) -> tuple[dict[str, PdfText], ExtractionStats, list[Problem]]:
    """The text of every published minutes PDF and of the PDFs under content/, by path; a
    minutes PDF without text is a warning, not a failure."""
    assert project.config is not None
    pdfs = _published_pdfs(project)
    paths = [m.path for m in pdfs] + _content_pdfs(project)
    ocr = find_ocr(project.config.language)
    texts, stats = extract_all([project.root / path for path in paths], cache_dir, ocr=ocr)
    by_path = {path: texts[project.root / path] for path in paths}
    warnings = _unread_scans(by_path, ocr) + [
        Problem(
            path,
            None,
            "",
            messages.gettext(
                "the text could not be extracted: %(reason)s; the PDF is published without a text version", reason=text.detail
            ),
            Severity.WARNING,
        )
        for path, text in sorted(by_path.items())
        if not text.ok and not path.startswith(f"{CONTENT_DIR}/")
    ]
    return by_path, stats, warnings


def _unread_scans(texts: dict[str, PdfText], ocr: Ocr) -> list[Problem]:
    """One warning for the whole build when scanned pages went unread for want of Tesseract:
    how many, and how to install it (the minutes pages say which pages are missing)."""
    unread = {path: text.unread_pages for path, text in sorted(texts.items()) if text.unread_pages}
    if ocr.available or not unread:
        return []
    pages = messages.ngettext("%(num)s scanned page", "%(num)s scanned pages", sum(len(numbers) for numbers in unread.values()))
    pdfs = messages.ngettext("%(num)s PDF", "%(num)s PDFs", len(unread))
    message = messages.gettext(
        "%(pages)s in %(pdfs)s could not be read: text recognition (OCR) needs Tesseract, which is not installed; "
        "install it (Debian: %(command)s), or run make site as root",
        pages=pages,
        pdfs=pdfs,
        command=ocr.install_hint,
    )
    return [Problem(next(iter(unread)), None, "", message, Severity.WARNING)]


def pdf_text_problems(project: Project, texts: dict[str, PdfText], today: dt.date, strict: bool) -> list[Problem]:
    """Personal data in the extracted PDF text (an identity number stops the build)."""
    problems = pdf_personal_data_problems(project, texts, today)
    return as_errors(problems) if strict else problems


def check_pdfs(project: Project, build_dir: Path, today: dt.date, strict: bool) -> list[Problem]:
    """What `raad check` finds in the text of the published minutes PDFs. It extracts through
    the build's cache, so whichever of check and build runs first reads each PDF for both.
    (A PDF without text is reported by the build, which publishes it without a text version.)"""
    if project.config is None or not (_published_pdfs(project) or _content_pdfs(project)):
        return []
    texts = None
    if not foreign_entries(build_dir, project.root):  # a link there could take the cache elsewhere (`raad build` says so)
        with contextlib.suppress(OSError):  # a checkout the check may not write to
            texts, _, _ = extract_pdf_texts(project, pdf_cache(build_dir))
    if texts is None:  # read the PDFs without the cache
        with tempfile.TemporaryDirectory(prefix="raad-pdftext-") as scratch:
            texts, _, _ = extract_pdf_texts(project, Path(scratch))
    return pdf_text_problems(project, texts, today, strict)


def _nav(ctx: SiteContext) -> list[NavItem]:
    """A navigation that does not grow with the number of councils: councils are reached
    through their sector, so no council page carries every other council in its HTML."""
    in_menu = sorted((p for p in ctx.project.pages if p.meta.nav_order is not None), key=lambda p: (p.meta.nav_order, p.path))
    return [
        NavItem(ctx.labels.gettext("Home"), HOME_URL),
        *(NavItem(page.meta.title or page.path, content_url(page.path)) for page in in_menu),
        NavItem(ctx.labels.gettext("Sectors"), children=[NavItem(s.name, sector_url(s)) for s in ctx.sectors()]),
        NavItem(ctx.labels.gettext("Contact list"), CONTACTS_URL),
        NavItem(ctx.labels.gettext("Minutes archive"), ARCHIVE_URL),
        NavItem(ctx.labels.gettext("Decisions awaiting follow-up"), DECISIONS_URL),
        NavItem(ctx.labels.gettext("Council status"), STATUS_URL),
        NavItem(ctx.labels.gettext("Follow the councils"), FOLLOW_URL),
        NavItem(ctx.labels.gettext("Open data"), OPEN_DATA_URL),
    ]


def build(
    root: Path,
    out: Path,
    today: dt.date,
    build_dir: Path | None = None,
    strict: bool = False,
    engine: str = DEFAULT_ENGINE,
    incremental: bool = False,
) -> BuildResult:
    """Build the project at `root` into `out`. On any error, or when killed, `out` is left
    untouched (the next build clears what a killed one left behind).

    The engine does not run when `out` was already built from the same docs tree. With
    `incremental` (the preview), a changed tree re-renders only changed pages, in place.
    One build at a time uses a docs tree folder (and so its PDF cache and, normally, its
    site); another one fails at once rather than tread on it."""
    build_dir = build_dir or root / "build"
    if _overlap(out, build_dir):
        message = f"overlaps the docs tree folder {build_dir}; build the site into another folder"
        return BuildResult(problems=[Problem(str(out), None, "", message)])
    foreign = foreign_entries(build_dir, root) + _linked_site(root, out)
    if foreign:
        return BuildResult(problems=foreign)
    try:
        with one_build_at_a_time(build_dir):
            return _build(root, out, today, build_dir, strict, engine, incremental)
    except BuildBusy as exc:
        return BuildResult(problems=[Problem(str(build_dir), None, "", str(exc))], busy=True)


def _build(root: Path, out: Path, today: dt.date, build_dir: Path, strict: bool, engine: str, incremental: bool) -> BuildResult:
    result = BuildResult()
    with result.timings.phase("load and check"):
        project = load_project(root, today)
        result.problems = check_project(project, today, strict=strict, health=False)
    if project.config is None or any(p.severity is Severity.ERROR for p in result.problems):
        return result
    with result.timings.phase("PDF text") as phase:
        texts, result.pdf_stats, pdf_warnings = extract_pdf_texts(project, pdf_cache(build_dir))
        result.problems += pdf_warnings + pdf_text_problems(project, texts, today, strict)
        phase.note = (
            f"{result.pdf_stats.extracted} extracted, {result.pdf_stats.cached} cached; largest reader {child_peak_bytes() / 1e6:.0f} MB"
        )
    if any(p.severity is Severity.ERROR for p in result.problems):
        return result  # an identity number in a PDF: nothing is written, the published site stays
    with result.timings.phase("council health") as phase:
        health = assess_project(project, today)
        attention = sum(1 for h in health.values() if not h.ok)
        councils = f"{len(health)} active council{'s' if len(health) != 1 else ''}"
        phase.note = f"{councils}, {attention} need{'s' if attention == 1 else ''} follow-up"
    with result.timings.phase("page generation") as phase:
        previous = TreeManifest.read(build_dir)
        pdf_keys = {path.relative_to(project.root).as_posix(): key for path, key in result.pdf_stats.keys.items()}
        cache = MarkdownCache(build_dir / MARKDOWN_CACHE, converter_fingerprint())
        kept_page, kept_asset = previous.kept_page(build_dir), previous.kept_asset(build_dir)
        site = assemble_site(project, today, texts, health, pdf_keys=pdf_keys, markdown_cache=cache, kept=kept_page, kept_asset=kept_asset)
        theme_dir = root / THEME_DIR if (root / THEME_DIR).is_dir() else None
        tree = site_files(site, theme_dir)
        tree.update(config_files(site, theme_dir is not None))
        change = write_docs_tree(tree, build_dir, page_records(site), previous)
        result.written, result.pages = change.written, len(site.pages)
        kept = sum(1 for page in site.pages if page.kept)
        phase.note = (
            f"{len(site.pages)} pages ({len(site.pages) - kept} rendered, {kept} unchanged), "
            f"{change.written} files written, {change.removed} removed"
        )
    try:
        frame = f"{change.frame} search-{indexer_version()}"
        tree_state = TreeState(build_dir, change.digests)
        with publishing(out, engine, change.pages, frame, source_epoch(root), incremental, tree_state, (SEARCH_BUNDLE,)) as output:
            with result.timings.phase("engine") as phase:
                phase.note = output.render(build_dir)
            # The preview keeps its search index between refreshes: re-indexing every page
            # would turn a refresh of seconds into one of minutes for a large municipality.
            if output.rendered and not (output.in_place and (output.site_dir / SEARCH_BUNDLE).is_dir()):
                _index(result, output.site_dir, project.config.language)
    except EngineError as exc:
        result.problems += [Problem(THEME_DIR if m.in_theme else site.source_of(m.page), None, "engine", m.text) for m in exc.messages]
        return result
    result.ok = True
    return result


def _linked_site(root: Path, out: Path) -> list[Problem]:
    """A site folder inside the project that is, or lies under, a symbolic link. The build
    replaces the folder the link leads to and deletes the old one: a `site` link committed
    to the repository would have it delete another folder. A link given as `--out` outside
    the project is the user's own choice (a web server's folder, say)."""
    root, out = Path(os.path.abspath(root)), Path(os.path.abspath(out))
    if not out.is_relative_to(root) or out == root:
        return []
    path = root
    for part in out.relative_to(root).parts:
        path = path / part
        if path.is_symlink():
            message = messages.gettext(
                "%(link)s; the build replaces this folder: give the real one with --out", link=link_description(root, path)
            )
            return [Problem(path.relative_to(root).as_posix(), None, "", message)]
    return []


def _overlap(out: Path, build_dir: Path) -> bool:
    """Whether the site folder and the docs tree folder contain one another: swapping a new
    site in would then delete the docs tree, its PDF cache or the engine's own output."""
    a, b = out.resolve(), build_dir.resolve()
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def _index(result: BuildResult, site_dir: Path, language: str) -> None:
    with result.timings.phase("search index") as phase:
        stats = index_site(site_dir, language)
        phase.note = f"Pagefind read {stats.pages} HTML files; index {stats.files} files, {stats.bytes / 1e6:.1f} MB"
        result.search_stats = stats
