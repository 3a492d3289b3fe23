"""The front page: what user councils are, a search box, the sectors, and "find your council"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.descriptions import content_description
from generator.model import CONFIG_FILE, CONTENT_DIR, Council, Sector
from generator.pages.follow import page_feed
from generator.pages.status import needing_follow_up
from generator.site import CONTACTS_URL, HOME_URL, SEARCH_URL, STATUS_URL, Page, SiteContext, render_page


@dataclass
class SectorCount:
    sector: Sector
    active: int
    historical: int


@dataclass
class UnitEntry:
    """A council in "find your council": named by its unit, which is what a reader looks
    for, and told apart by its kind. A council's own name mostly repeats its unit's
    ("Brukerråd ved Eksempeldal skole"), so it is shown only where two councils of one unit
    share a kind, as the one thing that tells them apart."""

    council: Council
    detail: str


def unit_entries(ctx: SiteContext) -> list[UnitEntry]:
    """The active councils by unit name, each with what distinguishes it."""
    councils = sorted(ctx.active(ctx.project.councils), key=lambda c: (c.unit.casefold(), c.name.casefold()))
    kinds = [(c.unit.casefold(), ctx.council_type_label(c)) for c in councils]
    shared = Counter(kinds)
    return [UnitEntry(c, c.name if shared[kind] > 1 else kind[1]) for c, kind in zip(councils, kinds, strict=True)]


def build_home_page(ctx: SiteContext) -> Page:
    intro_page = next((p for p in ctx.project.pages if p.path == "index.md"), None)
    intro = ctx.render_content(intro_page) if intro_page else None
    counts = []
    for sector in ctx.sectors():
        councils = ctx.councils_in(sector)
        counts.append(SectorCount(sector, len(ctx.active(councils)), len(ctx.historical(councils))))
    healths = ctx.healths(ctx.project.councils)
    title = (intro_page.meta.title if intro_page and intro_page.meta.title else None) or ctx.config.site_name
    return render_page(
        ctx,
        "home.md.j2",
        HOME_URL,
        title,
        source=f"{CONTENT_DIR}/{intro_page.path}" if intro_page else CONFIG_FILE,
        description=(content_description(intro_page, intro) if intro_page and intro is not None else "") or ctx.config.site_name,
        intro=intro,
        sectors=counts,
        units=unit_entries(ctx),
        contacts_url=CONTACTS_URL,
        assessed=len(healths),
        needing_follow_up=needing_follow_up(healths),
        status_url=STATUS_URL,
        search_url=SEARCH_URL,
        feed=page_feed(ctx, None),
    )
