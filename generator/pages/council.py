"""The council page (roster, mandate, meeting plan, minutes) and its Markdown minutes pages."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Council, Membership, Minutes, MinutesFormat, Role
from generator.render import render_text, safe_url
from generator.site import Asset, Page, SiteContext, council_url, minutes_url, render_page

_LEADERSHIP = (Role.CHAIR, Role.DEPUTY_CHAIR)
_OTHERS = (Role.UNIT_MANAGER, Role.SECRETARY, Role.STAFF, Role.OBSERVER)


@dataclass
class RosterEntry:
    member: Membership
    deputy: Membership | None = None


def roster_groups(council: Council, members: list[Membership]) -> list[tuple[str, list[RosterEntry]]]:
    """Members grouped as a reader looks for them: the chair first, then the user
    representatives each beside their personal deputy, then pooled deputies, then staff."""
    keys = {m.id: m for m in members if m.id} | {m.name: m for m in members}
    personal: dict[str, Membership] = {}
    for member in members:
        if member.role is Role.DEPUTY and member.deputy_for and member.deputy_for in keys:
            personal[keys[member.deputy_for].name] = member

    def entries(roles: tuple[Role, ...]) -> list[RosterEntry]:
        chosen = sorted((m for m in members if m.role in roles), key=lambda m: roles.index(m.role))
        return [RosterEntry(m, personal.get(m.name)) for m in chosen]

    pooled = [RosterEntry(m) for m in members if m.role is Role.DEPUTY and m.name not in {d.name for d in personal.values()}]
    groups = [
        ("leadership", entries(_LEADERSHIP)),
        ("representatives", entries((Role.USER_REPRESENTATIVE,))),
        ("deputies", pooled),
        ("staff_and_others", entries(_OTHERS)),
    ]
    return [(key, found) for key, found in groups if found]


def build_council_pages(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    pages: list[Page] = []
    assets: list[Asset] = []
    for council in ctx.project.councils:
        pages.append(_council_page(ctx, council))
        for minutes in council.minutes:
            if minutes.format is MinutesFormat.PDF:
                assets.append(Asset(minutes_url(council, minutes), source=ctx.project.root / minutes.path))
            else:
                pages.append(_minutes_page(ctx, council, minutes))
    return pages, assets


def _council_page(ctx: SiteContext, council: Council) -> Page:
    on = ctx.roster_day(council)
    members = [m for m in council.members if m.is_active(on)]
    historical = council.is_historical(ctx.today)
    meetings = sorted((m for m in council.meetings if m.date >= ctx.today), key=lambda m: (m.date, m.time or ""))
    edit_base = ctx.config.edit_url
    return render_page(
        ctx,
        "council.md.j2",
        council_url(council),
        council.name,
        council=council,
        sector=ctx.sector_of(council),
        type_label=ctx.council_type_label(council),
        historical=historical,
        mandate=render_text(council.mandate_text, base_level=2) if council.mandate_text else None,
        groups=roster_groups(council, members),
        meetings=meetings,
        minutes=council.minutes,
        updated=ctx.updated.get(council.folder, ctx.today),
        edit_url=f"{edit_base.rstrip('/')}/{council.file}" if edit_base else None,
        contact_url=safe_url(council.contact.url) if council.contact else None,
    )


def _minutes_page(ctx: SiteContext, council: Council, minutes: Minutes) -> Page:
    title = minutes.meta.title or ctx.t("minutes_of", date=ctx.day(minutes.date))
    return render_page(
        ctx,
        "minutes.md.j2",
        minutes_url(council, minutes),
        title,
        council=council,
        minutes=minutes,
        body=render_text(minutes.body, base_level=1),
    )
