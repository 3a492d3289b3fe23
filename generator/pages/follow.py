"""The "Følg" page: every feed and calendar of the site, and how a reader subscribes to them;
and the feed a page that lists minutes announces in its head and links to visibly."""

from __future__ import annotations

from dataclasses import dataclass

from generator.exports.feeds import FEED_TYPE, feed_title
from generator.model import Council, Sector
from generator.site import FOLLOW_URL, Page, Scope, SiteContext, absolute_url, calendar_url, feed_url, render_page


@dataclass
class Feed:
    """A feed as a page announces it: its site-relative address and its title."""

    url: str
    title: str
    type: str = FEED_TYPE


def page_feed(ctx: SiteContext, scope: Scope) -> Feed:
    """The feed of minutes a page about `scope` lists (its `<link rel="alternate">`)."""
    return Feed(feed_url(scope), feed_title(ctx, scope))


@dataclass
class Subscription:
    """One scope's feed and calendar, as the Følg page lists them."""

    name: str
    feed_url: str
    calendar_url: str
    historical: bool = False


@dataclass
class SectorSubscriptions:
    sector: Sector
    own: Subscription
    councils: list[Subscription]


def _subscription(ctx: SiteContext, scope: Council | Sector) -> Subscription:
    historical = isinstance(scope, Council) and scope.is_historical(ctx.today)
    return Subscription(scope.name, feed_url(scope), calendar_url(scope), historical)


def build_follow_page(ctx: SiteContext) -> Page:
    sectors = [
        SectorSubscriptions(sector, _subscription(ctx, sector), [_subscription(ctx, c) for c in ctx.councils_in(sector)])
        for sector in ctx.sectors()
    ]
    title = ctx.labels.gettext("Follow the councils")
    return render_page(
        ctx,
        "follow.md.j2",
        FOLLOW_URL,
        title,
        description=ctx.labels.gettext(
            "News feeds of new minutes and calendars of planned meetings, for all councils, each sector and each council."
        ),
        feeds=[page_feed(ctx, None)],
        site_feed=feed_url(None),
        site_calendar=calendar_url(None),
        site_feed_address=absolute_url(ctx.config, feed_url(None)),
        site_calendar_address=absolute_url(ctx.config, calendar_url(None)),
        sectors=sectors,
    )
