"""The council page (roster, mandate, meeting plan, minutes) and its Markdown minutes pages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from generator.model import Council, Membership, Minutes, Role
from generator.page_memo import PageJob, minutes_key, page_key
from generator.pages.follow import page_feed
from generator.pages.status import MEASURED_ANCHOR
from generator.render import render_text, safe_url
from generator.site import STATUS_URL, Page, SiteContext, calendar_url, council_url, render_page

_LEADERSHIP = (Role.CHAIR, Role.DEPUTY_CHAIR)
_OTHERS = (Role.UNIT_MANAGER, Role.SECRETARY, Role.STAFF, Role.OBSERVER)


@dataclass
class RosterEntry:
    member: Membership
    deputy: Membership | None = None


def roster_groups(council: Council, members: list[Membership]) -> list[tuple[str, list[RosterEntry]]]:
    """Members grouped as a reader looks for them: the chair first, then the user
    representatives each beside their personal deputy, then pooled deputies, then staff."""
    personal: dict[str, Membership] = {}
    for member in members:
        target = council.find_member(member.deputy_for, members) if member.role is Role.DEPUTY and member.deputy_for else None
        if target is not None:
            personal[target.name] = member

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


def build_council_pages(ctx: SiteContext) -> list[PageJob]:
    """A page per council. It shows the council's whole folder (roster, mandate, every
    minutes document and decision) and what the day makes of it (meetings to come, health)."""
    return [
        PageJob(
            council_url(council),
            page_key(ctx, "council", council.digest, ctx.today, *(minutes_key(ctx, m) for m in council.minutes)),
            partial(_council_page, ctx, council),
        )
        for council in ctx.project.councils
    ]


def minutes_by_year(minutes: list[Minutes]) -> list[tuple[int, list[Minutes]]]:
    """Newest year first; within a year, newest meeting first (the order minutes come in)."""
    years: dict[int, list[Minutes]] = {}
    for item in minutes:
        years.setdefault(item.date.year, []).append(item)
    return sorted(years.items(), reverse=True)


def _council_page(ctx: SiteContext, council: Council) -> Page:
    on = ctx.roster_day(council)
    members = [m for m in council.members if m.is_active(on)]
    historical = council.is_historical(ctx.today)
    edit_base = ctx.config.edit_url
    return render_page(
        ctx,
        "council.md.j2",
        council_url(council),
        council.name,
        source=council.file,
        description=ctx.labels.gettext(
            "%(council)s. Unit: %(unit)s. Sector: %(sector)s.", council=council.name, unit=council.unit, sector=ctx.sector_of(council).name
        ),
        council=council,
        sector=ctx.sector_of(council),
        type_label=ctx.council_type_label(council),
        historical=historical,
        health=ctx.health(council),
        status_url=STATUS_URL,
        measured_anchor=MEASURED_ANCHOR,
        mandate=render_text(council.mandate.text, base_level=2, cache=ctx.markdown_cache) if council.mandate.text else None,
        groups=roster_groups(council, members),
        meetings=council.upcoming_meetings(ctx.today),
        calendar=calendar_url(council),
        minutes=minutes_by_year(ctx.published(council)),
        minutes_count=len(ctx.published(council)),
        decisions=ctx.decisions(council),
        updated=council.updated,
        edit_url=f"{edit_base.rstrip('/')}/{council.file}" if edit_base else None,
        contact_url=safe_url(council.contact.url) if council.contact else None,
        feed=page_feed(ctx, council),
    )
