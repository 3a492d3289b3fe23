"""The site-wide minutes archive: a year-by-sector table of counts, and a page per year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import partial

from generator.model import Council, Minutes, Sector
from generator.page_memo import PageJob, council_name_key, minutes_key, page_key
from generator.pages.follow import page_feed
from generator.site import ARCHIVE_URL, Page, SiteContext, archive_year_url, chunks, paged_url, render_page


@dataclass
class YearRow:
    year: int
    counts: list[int]  # per sector, in ctx.sectors() order
    total: int


@dataclass
class ArchivePage:
    """One page of a year's archive: its number, and its items grouped by sector."""

    number: int
    sections: list[tuple[Sector, list[tuple[Council, Minutes]]]]


def year_page_url(year: int, number: int) -> str:
    return paged_url(archive_year_url(year), number)


def _paginate(items: list[tuple[Sector, Council, Minutes]]) -> list[ArchivePage]:
    """A year's minutes, 50 to a page, grouped by sector within each page."""
    pages: list[ArchivePage] = []
    for part in chunks(items):
        sections: list[tuple[Sector, list[tuple[Council, Minutes]]]] = []
        for sector, council, minutes in part:
            if not sections or sections[-1][0] is not sector:
                sections.append((sector, []))
            sections[-1][1].append((council, minutes))
        pages.append(ArchivePage(len(pages) + 1, sections))
    return pages


def _count(ctx: SiteContext, number: int) -> str:
    """"12 referater", as the archive's pages say it."""
    return ctx.labels.ngettext("%(num)s minutes document", "%(num)s minutes documents", number)


def build_archive_pages(ctx: SiteContext) -> list[Page | PageJob]:
    published = ctx.all_published()
    sectors = ctx.sectors()
    order = {s.id: index for index, s in enumerate(sectors)}
    counts = Counter((m.date.year, c.sector) for c, m in published)
    years = sorted({m.date.year for _, m in published}, reverse=True)
    pages: list[Page | PageJob] = []
    first_page: dict[tuple[int, str], str] = {}
    for year in years:
        items = sorted(
            ((ctx.sector_of(c), c, m) for c, m in published if m.date.year == year),
            key=lambda item: (order[item[0].id], -item[2].date.toordinal(), item[1].name.casefold(), item[2].slug),
        )
        archive = _paginate(items)
        for page in archive:
            for sector, _ in page.sections:
                first_page.setdefault((year, sector.id), year_page_url(year, page.number) + f"#{sector.id}")
            url = year_page_url(year, page.number)
            shown = [part for _, entries in page.sections for c, m in entries for part in (council_name_key(ctx, c), minutes_key(ctx, m))]
            key = page_key(ctx, "archive year", url, len(archive), len(items), *shown)
            pages.append(PageJob(url, key, partial(_year_page, ctx, year, page, len(archive), len(items))))
    rows = [YearRow(y, [counts[(y, s.id)] for s in sectors], sum(counts[(y, s.id)] for s in sectors)) for y in years]
    totals = [sum(counts[(y, s.id)] for y in years) for s in sectors]
    index = render_page(
        ctx,
        "archive.md.j2",
        ARCHIVE_URL,
        ctx.labels.gettext("Minutes archive"),
        description=f"{ctx.labels.gettext('Every published minutes document, by year and sector.')} {_count(ctx, len(published))}.",
        sectors=sectors,
        rows=rows,
        totals=totals,
        total=len(published),
        first_page=first_page,
        feed=page_feed(ctx, None),
    )
    return [index, *pages]


def _year_page(ctx: SiteContext, year: int, page: ArchivePage, page_count: int, documents: int) -> Page:
    """One page of a year's minutes; `page_count` pages in all, of `documents` documents."""
    title = ctx.labels.paged_title(ctx.labels.gettext("Minutes from %(year)s", year=year), page.number)
    return render_page(
        ctx,
        "archive_year.md.j2",
        year_page_url(year, page.number),
        title,
        description=f"{title}: {_count(ctx, documents)}.",
        year=year,
        page=page,
        pagination=[(n, year_page_url(year, n)) for n in range(1, page_count + 1)] if page_count > 1 else [],
        feed=page_feed(ctx, None),
    )
