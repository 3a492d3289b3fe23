"""The combined contact list (seed 002): every active council's chair and public contact."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Council, Sector
from generator.site import CONTACTS_CSV, CONTACTS_URL, EMBED_GUIDE_URL, Page, SiteContext, render_page


@dataclass
class ContactRow:
    """One council in the list. Only details its chair marked public (or that are the
    council's own) are here, so neither the page nor the CSV can leak a private one."""

    sector: Sector
    council: Council
    chair_names: str
    emails: list[str]
    phones: list[str]


def contact_rows(ctx: SiteContext) -> list[tuple[Sector, list[ContactRow]]]:
    sections = []
    for sector in ctx.sectors():
        rows = []
        for council in ctx.active(ctx.councils_in(sector)):
            chairs = ctx.chairs(council)
            emails = [c.email.value for c in chairs if c.email and c.publishes(c.email)]
            phones = [c.phone.value for c in chairs if c.phone and c.publishes(c.phone)]
            rows.append(ContactRow(sector, council, ", ".join(c.name for c in chairs), emails, phones))
        if rows:
            sections.append((sector, rows))
    return sections


def build_contacts_page(ctx: SiteContext) -> Page:
    title = ctx.labels.gettext("Contact list")
    description = ctx.labels.gettext("Chairs and contact details of every active council, by sector.")
    return render_page(
        ctx, "contacts.md.j2", CONTACTS_URL, title, description=description, sections=contact_rows(ctx), csv_url=CONTACTS_CSV,
        embed_guide_url=EMBED_GUIDE_URL,
    )
