"""Every file the site publishes beside its pages, in one list for `assemble_site`."""

from __future__ import annotations

from generator.exports.calendars import meeting_calendars
from generator.exports.contacts_csv import contacts_csv
from generator.exports.embeds import embed_assets
from generator.exports.feeds import feed_assets
from generator.exports.open_data import open_data_assets
from generator.exports.robots import robots_txt
from generator.site import Asset, SiteContext


def exports(ctx: SiteContext) -> list[Asset]:
    """The contact list (CSV), the feeds, the calendars, the open data, the embeds and
    robots.txt: what readers and other systems fetch rather than read as pages."""
    return [
        contacts_csv(ctx),
        *feed_assets(ctx),
        *meeting_calendars(ctx),
        *open_data_assets(ctx),
        *embed_assets(ctx),
        robots_txt(ctx),
    ]
