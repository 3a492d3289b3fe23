"""The meeting plans as iCalendar (RFC 5545): one calendar per council, per sector and for
all councils, for citizens who subscribe to the plan in their calendar program.

A subscribed calendar is fetched again and again, and the program matches events by UID: a
meeting keeps its UID while it changes (its id, else the day it was first planned, see
`Meeting.identity`), so a new time, a new day or a cancellation updates the event the reader
already has instead of adding another. Every value comes from the data (the stamp from the
day the council's folder last changed), never from the clock, so that a rebuild of the same
data gives the same bytes. The icalendar library writes the file, escaping contributed text.
"""

from __future__ import annotations

import datetime as dt
import functools
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vText

from generator.exports.plain_text import printable
from generator.model import Council, Meeting, Sector, SiteConfig
from generator.page_memo import AssetJob, page_key, project_key
from generator.site import Scope, SiteContext, absolute_url, calendar_url, council_url

PRODID = "-//raad//Meeting plans//EN"
"""Names the program that wrote the calendar; fixed, so that it does not vary with raad's version."""
TIME_ZONE = "Europe/Oslo"
NO_YEAR = 2000
"""The time zone's year in a calendar of a project without councils: any fixed year will do."""
REFRESH = dt.timedelta(days=1)
"""How often a subscribing program should fetch the calendar again (RFC 7986 REFRESH-INTERVAL)."""


def meeting_calendars(ctx: SiteContext) -> list[AssetJob]:
    """The calendar of every council and every sector, and the one of all councils (each made
    again when its councils' folders changed)."""
    jobs = [AssetJob(calendar_url(None), page_key(ctx, "calendar", project_key(ctx)), functools.partial(calendar_bytes, ctx, None))]
    for sector in ctx.sectors():
        # A sector without councils is dated by every council's last change (`_years`).
        key = page_key(ctx, "calendar", sector.id, project_key(ctx, ctx.councils_in(sector) or None))
        jobs.append(AssetJob(calendar_url(sector), key, functools.partial(calendar_bytes, ctx, sector)))
    for council in sorted(ctx.project.councils, key=lambda c: c.slug):
        key = page_key(ctx, "calendar", council.digest, ctx.today)
        jobs.append(AssetJob(calendar_url(council), key, functools.partial(calendar_bytes, ctx, council)))
    return jobs


def councils_of(ctx: SiteContext, scope: Scope) -> list[Council]:
    """The councils whose meetings a calendar holds: former councils' too, since their plan
    stays published."""
    if isinstance(scope, Council):
        return [scope]
    if isinstance(scope, Sector):
        return ctx.councils_in(scope)
    return sorted(ctx.project.councils, key=lambda c: c.name.casefold())


def calendar_bytes(ctx: SiteContext, scope: Scope) -> bytes:
    """Every meeting on the plans of the councils in `scope`, past ones too, soonest first."""
    councils = councils_of(ctx, scope)
    meetings = sorted(((c, m) for c in councils for m in c.meetings), key=lambda pair: _order(*pair))
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    # As text (escaped) in both the standard property and the one older clients read:
    # icalendar's own `calendar_name` writes them unescaped and refuses a line break.
    name = vText(printable(ctx.labels.gettext("Meeting plan: %(name)s", name=_scope_name(ctx, scope))))
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("source", absolute_url(ctx.config, calendar_url(scope)), parameters={"VALUE": "URI"})
    calendar.add_component(_time_zone(*_years(ctx, councils, [m for _, m in meetings])))
    for council, meeting in meetings:
        calendar.add_component(meeting_event(ctx, council, meeting))
    return bytes(calendar.to_ical())


def _scope_name(ctx: SiteContext, scope: Scope) -> str:
    return scope.name if scope is not None else ctx.config.site_name


def _order(council: Council, meeting: Meeting) -> tuple[tuple[dt.date, bool, dt.time], str, str]:
    return (meeting.order, council.slug, meeting.identity)


def _years(ctx: SiteContext, councils: list[Council], meetings: list[Meeting]) -> tuple[int, int]:
    """The years the time zone must cover: the meetings', else (an empty plan) the years the
    councils last changed (a sector without councils: every council's), so that even an
    empty calendar has its one component, from the data and not from the day of the build."""
    years = {m.date.year for m in meetings} or {c.updated.year for c in councils or ctx.project.councils} or {NO_YEAR}
    return min(years), max(years)


@functools.cache
def _time_zone(first_year: int, last_year: int) -> Timezone:
    """Europe/Oslo as a VTIMEZONE from the zone database, for whole years: the same years
    give the same bytes (and working it out is slow, so once per build)."""
    return Timezone.from_tzid(TIME_ZONE, first_date=dt.date(first_year, 1, 1), last_date=dt.date(last_year + 1, 1, 1))


def meeting_uid(config: SiteConfig, council: Council, meeting: Meeting) -> str:
    """Unique across municipalities (the site's host and path) and stable while the meeting
    moves: `eksempel-rad/id-2027-1@example.org/brukerrad`."""
    address = urlsplit(config.site_url)
    return f"{council.slug}/{meeting.identity}@{address.netloc.lower()}{address.path.rstrip('/')}"


def sequence(meeting: Meeting) -> int:
    """The event's revision as the data tells it: one more when it moved, one more when it
    was cancelled. (The data keeps no earlier versions: a second move does not raise it, and taking
    back a cancellation lowers it. Subscribed calendars replace their events on each fetch
    and match them by UID, which is what keeps them right.)"""
    return int(meeting.moved_from is not None) + int(meeting.cancelled)


def meeting_event(ctx: SiteContext, council: Council, meeting: Meeting) -> Event:
    page = absolute_url(ctx.config, council_url(council))
    stamp = dt.datetime.combine(council.updated, dt.time(), tzinfo=dt.UTC)
    event = Event()
    event.add("uid", meeting_uid(ctx.config, council, meeting))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence(meeting))
    event.add("dtstart", meeting.starts or meeting.date)
    if meeting.ends:
        event.add("dtend", meeting.ends)
    summary = ctx.labels.gettext("Cancelled: %(council)s", council=council.name) if meeting.cancelled else council.name
    event.add("summary", printable(summary))
    if meeting.place:
        event.add("location", printable(meeting.place))
    event.add("description", printable("\n".join([*_description(ctx, meeting), page])))
    event.add("url", page)
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def _description(ctx: SiteContext, meeting: Meeting) -> list[str]:
    lines = [ctx.labels.gettext("Moved from %(date)s", date=ctx.day(meeting.moved_from))] if meeting.moved_from else []
    return lines + ([meeting.note] if meeting.note else [])

