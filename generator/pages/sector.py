"""Sector overview pages: every council of a sector with its chair, contact and meetings."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import ContactMeeting, Council, Meeting, Membership, Minutes, Sector
from generator.pages.follow import page_feed
from generator.site import STATUS_URL, Page, SiteContext, calendar_url, content_url, render_page, sector_url


@dataclass
class CouncilRow:
    council: Council
    chairs: list[Membership]
    next_meeting: Meeting | None
    latest: Minutes | None


@dataclass
class ContactMeetingRow:
    date: object
    committee: str | None
    topic: str | None
    minutes_url: str | None


def build_sector_pages(ctx: SiteContext) -> list[Page]:
    return [_sector_page(ctx, sector) for sector in ctx.sectors()]


def contact_meeting_minutes_url(path: str) -> str:
    """Minutes of a contact meeting live under content/: a page, or a file published as is."""
    return content_url(path) if path.endswith(".md") else path


def _sector_page(ctx: SiteContext, sector: Sector) -> Page:
    councils = ctx.councils_in(sector)
    rows = [
        CouncilRow(council, ctx.chairs(council), ctx.next_meeting(council), next(iter(ctx.published(council)), None))
        for council in ctx.active(councils)
    ]
    meetings = [_contact_meeting(m) for m in sorted(sector.contact_meetings, key=lambda m: m.date, reverse=True)]
    return render_page(
        ctx,
        "sector.md.j2",
        sector_url(sector),
        sector.name,
        description=sector.description or f"{sector.name}: {ctx.labels.ngettext('%(num)s council', '%(num)s councils', len(rows))}.",
        sector=sector,
        active=rows,
        healths=ctx.healths(ctx.active(councils)),
        status_url=STATUS_URL,
        historical=ctx.historical(councils),
        meetings=meetings,
        feed=page_feed(ctx, sector),
        calendar=calendar_url(sector),
    )


def _contact_meeting(meeting: ContactMeeting) -> ContactMeetingRow:
    url = contact_meeting_minutes_url(meeting.minutes) if meeting.minutes else None
    return ContactMeetingRow(meeting.date, meeting.committee, meeting.topic, url)
