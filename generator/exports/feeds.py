"""Atom feeds of published minutes: for the whole site, for each sector and for each council.

A journalist or a citizen subscribes once and learns of new minutes (and of the unit
manager's answers to the council's advice) without visiting the site. The feeds are written
by feedgen, which escapes every text: a council's name or an agenda item is plain text in
the feed, whatever characters it holds. Nothing in a feed comes from the clock: every date
is the data's (the meeting, the approval, the follow-up), so a second build of the same
data gives the same bytes and a feed reader sees no entry change that did not happen.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from feedgen.feed import FeedGenerator

from generator.exports.plain_text import printable
from generator.model import Council, Minutes, MinutesStatus
from generator.page_memo import AssetJob, minutes_key, page_key, project_key
from generator.site import Scope, SiteContext, absolute_url, feed_url, minutes_url, scope_url

FEED_LIMIT = 50
"""The newest minutes a feed holds: a reader wants what is new, and a feed must not grow
with the archive (which the site itself keeps whole)."""

FEED_TYPE = "application/atom+xml"

NO_DATE = dt.date(2000, 1, 1)
"""The `updated` of a feed whose scope has no council and no minutes: any fixed day will
do, as long as it is not the build's."""

def feed_assets(ctx: SiteContext) -> list[AssetJob]:
    """Every feed of the site: the whole site's, each sector's, each council's (each made
    again when its councils or their minutes changed)."""
    jobs = [AssetJob(feed_url(None), page_key(ctx, "feed", project_key(ctx)), partial(atom_feed, ctx, None))]
    for sector in ctx.sectors():
        key = page_key(ctx, "feed", sector.id, project_key(ctx, ctx.councils_in(sector)))
        jobs.append(AssetJob(feed_url(sector), key, partial(atom_feed, ctx, sector)))
    for council in ctx.project.councils:
        key = page_key(ctx, "feed", council.digest, *(minutes_key(ctx, m) for m in council.minutes))
        jobs.append(AssetJob(feed_url(council), key, partial(atom_feed, ctx, council)))
    return jobs


def feed_title(ctx: SiteContext, scope: Scope) -> str:
    """What a feed is called, in a feed reader and in a page's `<link rel="alternate">`."""
    name = ctx.config.site_name if scope is None else scope.name
    return ctx.labels.gettext("New minutes: %(name)s", name=name)


def scope_minutes(ctx: SiteContext, scope: Scope) -> list[tuple[Council, Minutes]]:
    """The published minutes a feed covers, newest meeting first (drafts only when the site
    publishes them)."""
    if isinstance(scope, Council):
        return [(scope, m) for m in ctx.published(scope)]
    published = ctx.all_published()
    return published if scope is None else [(c, m) for c, m in published if c.sector == scope.id]


def published_on(ctx: SiteContext, minutes: Minutes) -> dt.date:
    """When the minutes became public: the day they were approved, else the meeting's. A
    site that publishes drafts shows minutes before they are approved: there, the meeting's
    day, so that an entry's first publication does not move when its minutes are approved."""
    if ctx.config.publish_drafts:
        return minutes.date
    return minutes.meta.approved or minutes.date


def updated_on(ctx: SiteContext, minutes: Minutes) -> dt.date:
    """The last day the minutes' entry changed: the approval, or a follow-up reported later."""
    answered = [d.follow_up.date for d in minutes.meta.decisions if d.follow_up.date]
    return max([published_on(ctx, minutes), minutes.meta.approved or minutes.date, *answered])


def atom_feed(ctx: SiteContext, scope: Scope) -> bytes:
    """The Atom document of `scope`: its newest minutes, each entry linking to its page."""
    items = scope_minutes(ctx, scope)[:FEED_LIMIT]
    feed = FeedGenerator()
    address = absolute_url(ctx.config, feed_url(scope))
    feed.id(address)
    feed.title(printable(feed_title(ctx, scope)))
    feed.author({"name": printable(ctx.config.municipality)})
    feed.link(href=absolute_url(ctx.config, scope_url(scope)), rel="alternate", type="text/html")
    feed.link(href=address, rel="self", type=FEED_TYPE)
    feed.language(ctx.language)
    # Not feedgen's default, which names its version: a library upgrade would change every feed.
    feed.generator("raad")
    feed.updated(_moment(max((updated_on(ctx, m) for _, m in items), default=_quiet_day(ctx, scope))))
    for council, minutes in items:
        _add_entry(ctx, feed, council, minutes)
    data: bytes = feed.atom_str(pretty=True)
    return data


def _add_entry(ctx: SiteContext, feed: FeedGenerator, council: Council, minutes: Minutes) -> None:
    entry = feed.add_entry(order="append")
    link = absolute_url(ctx.config, minutes_url(council, minutes))
    entry.id(link)
    entry.title(printable(entry_title(ctx, council, minutes)))
    entry.author({"name": printable(council.name)})
    entry.category(term=council.slug, label=printable(council.name))
    entry.link(href=link, rel="alternate", type="text/html")
    entry.published(_moment(published_on(ctx, minutes)))
    entry.updated(_moment(updated_on(ctx, minutes)))
    entry.summary(printable(entry_summary(ctx, minutes)), type="text")


def entry_title(ctx: SiteContext, council: Council, minutes: Minutes) -> str:
    """The council and the minutes' title, and the meeting's day when the title does not
    name it (the default title does, and so do many of the minutes' own)."""
    title = f"{council.name}: {ctx.minutes_title(minutes)}"
    if ctx.day(minutes.date) not in title:
        title += f" ({ctx.day(minutes.date)})"
    if minutes.meta.status is MinutesStatus.DRAFT:
        title += f" ({ctx.labels.gettext('Draft, not approved')})"
    return title


def entry_summary(ctx: SiteContext, minutes: Minutes) -> str:
    """Plain text: the meeting's day, the agenda and the advisory decisions with their
    follow-up as the site words it. (A reader's feed shows it as text, never as markup.)"""
    gettext = ctx.labels.gettext
    lines = [f"{gettext('Date')}: {ctx.day(minutes.date)}"]
    if minutes.meta.agenda:
        lines += ["", f"{gettext('Agenda')}:", *(f"{number}. {item}" for number, item in enumerate(minutes.meta.agenda, 1))]
    if minutes.meta.decisions:
        lines += ["", f"{gettext('Advisory decisions')}:"]
        for decision in minutes.meta.decisions:
            follow_up = ctx.labels.follow_up(decision.follow_up.status)
            if decision.follow_up.date:
                follow_up += f" {ctx.day(decision.follow_up.date)}"
            lines.append(f"- {decision.id}: {decision.advice} ({gettext('Follow-up')}: {follow_up})")
    return "\n".join(lines)


def _quiet_day(ctx: SiteContext, scope: Scope) -> dt.date:
    """The `updated` of a feed without entries, from the data: its newest council's founding."""
    councils = ctx.project.councils
    if isinstance(scope, Council):
        councils = [scope]
    elif scope is not None:
        councils = ctx.councils_in(scope)
    return max((c.established for c in councils), default=NO_DATE)


def _moment(day: dt.date) -> dt.datetime:
    """A day as Atom's date-time: its start, in UTC (the day is what the data knows)."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)

