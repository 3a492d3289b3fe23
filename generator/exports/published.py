"""Every file the site publishes beside its pages, in one list for `assemble_site`."""

from __future__ import annotations

from functools import partial

from generator.exports.calendars import meeting_calendars
from generator.exports.contacts_csv import contacts_csv
from generator.exports.embeds import embed_assets
from generator.exports.feeds import feed_assets
from generator.exports.open_data import open_data_assets, open_data_urls
from generator.exports.robots import robots_txt
from generator.page_memo import AssetItem, AssetsJob, page_key, project_key
from generator.site import SiteContext


def exports(ctx: SiteContext) -> list[AssetItem]:
    """The contact list (CSV), the feeds, the calendars, the open data, the embeds and
    robots.txt: what readers and other systems fetch rather than read as pages. The feeds,
    the calendars and the open data are made again only when what they hold changed
    (`generator.page_memo.resolve`); the others are small."""
    documents = sum(len(c.minutes) for c in ctx.project.councils)
    return [
        contacts_csv(ctx),
        *feed_assets(ctx),
        *meeting_calendars(ctx),
        AssetsJob(open_data_urls(), page_key(ctx, "open data", project_key(ctx)), partial(open_data_assets, ctx), weight=documents // 10),
        *embed_assets(ctx),
        robots_txt(ctx),
    ]
