"""The site-wide minutes archive: a year-by-sector table of counts, and a page per year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.model import Council, Minutes, Sector
from generator.site import ARCHIVE_URL, Page, SiteContext, archive_year_url, render_page


@dataclass
class YearRow:
    year: int
    counts: list[int]  # per sector, in ctx.sectors() order
    total: int


def build_archive_pages(ctx: SiteContext) -> list[Page]:
    published = ctx.all_published()
    sectors = ctx.sectors()
    counts = Counter((m.date.year, c.sector) for c, m in published)
    years = sorted({m.date.year for _, m in published}, reverse=True)
    rows = [YearRow(y, [counts[(y, s.id)] for s in sectors], sum(counts[(y, s.id)] for s in sectors)) for y in years]
    totals = [sum(counts[(y, s.id)] for y in years) for s in sectors]
    pages = [
        render_page(ctx, "archive.md.j2", ARCHIVE_URL, ctx.t("archive"), sectors=sectors, rows=rows, totals=totals, total=len(published))
    ]
    for year in years:
        sections: list[tuple[Sector, list[tuple[Council, Minutes]]]] = []
        for sector in sectors:
            items = [(c, m) for c, m in published if m.date.year == year and c.sector == sector.id]
            if items:
                sections.append((sector, items))
        pages.append(
            render_page(ctx, "archive_year.md.j2", archive_year_url(year), ctx.t("archive_year", year=year), year=year, sections=sections)
        )
    return pages
