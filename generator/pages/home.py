"""The front page: what user councils are, a search box, the sectors, and "find your council"."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import CONFIG_FILE, CONTENT_DIR, Sector
from generator.site import CONTACTS_URL, HOME_URL, SEARCH_URL, Page, SiteContext, render_page


@dataclass
class SectorCount:
    sector: Sector
    active: int
    historical: int


def build_home_page(ctx: SiteContext) -> Page:
    intro_page = next((p for p in ctx.project.pages if p.path == "index.md"), None)
    intro = ctx.render_content(intro_page) if intro_page else None
    counts = []
    for sector in ctx.sectors():
        councils = ctx.councils_in(sector)
        counts.append(SectorCount(sector, len(ctx.active(councils)), len(ctx.historical(councils))))
    units = sorted(ctx.active(ctx.project.councils), key=lambda c: c.unit.casefold())
    title = (intro_page.meta.title if intro_page and intro_page.meta.title else None) or ctx.config.site_name
    return render_page(
        ctx,
        "home.md.j2",
        HOME_URL,
        title,
        source=f"{CONTENT_DIR}/{intro_page.path}" if intro_page else CONFIG_FILE,
        intro=intro,
        sectors=counts,
        units=units,
        contacts_url=CONTACTS_URL,
        search_url=SEARCH_URL,
    )
