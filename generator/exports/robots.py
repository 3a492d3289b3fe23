"""`robots.txt`: where crawlers find the sitemap (which the engine writes, one full address
per page, the site's sub-path included)."""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.site import ROBOTS_FILE, Asset, SiteContext, absolute_url

SITEMAP_FILE = "sitemap.xml"


def robots_txt(ctx: SiteContext) -> Asset:
    """Everything may be crawled (the framed embeds say `noindex` themselves, which a crawler
    barred from them could not read); the sitemap by its full address, as robots.txt asks.

    Crawlers read robots.txt only at the root of a host. A site under a sub-path says so
    in a comment, for the web team to merge these lines into the host's own file."""
    sitemap = absolute_url(ctx.config, SITEMAP_FILE)
    parts = urlsplit(ctx.config.site_url)
    root = f"{parts.scheme}://{parts.netloc}/"
    name = " ".join(ctx.config.site_name.split())  # on one line: a line break would start a rule
    lines = [f"# {name}: {ctx.config.site_url}"]
    if parts.path.strip("/"):
        gettext = ctx.labels.gettext
        lines += [
            "# " + gettext("robots.txt only takes effect at the root of the host (%(address)s).", address=f"{root}{ROBOTS_FILE}"),
            "# " + gettext("This site lives under a sub-path: merge the lines below into the host's own robots.txt."),
        ]
    lines += ["User-agent: *", "Disallow:", "", f"Sitemap: {sitemap}"]
    return Asset(ROBOTS_FILE, data=("\n".join(lines) + "\n").encode("utf-8"))
