"""The page for the web team (`innbygging/`): how to put the contact list on the municipality's
main website, with a live preview and snippets to copy, holding this site's full addresses;
and how robots.txt and the sitemap work when the site lives under a sub-path."""

from __future__ import annotations

from generator.exports.embeds import embeds, snippets
from generator.exports.robots import robots_txt
from generator.site import CONTACTS_URL, EMBED_GUIDE_URL, Page, SiteContext, render_page


def build_embed_guide_page(ctx: SiteContext) -> Page:
    title = ctx.labels.gettext("The contact list on another website")
    description = ctx.labels.gettext(
        "How the web team puts the contact list, for every council or for one sector, on the municipality's main website."
    )
    found = embeds(ctx)
    robots = robots_txt(ctx).data or b""
    return render_page(
        ctx,
        "embed_guide.md.j2",
        EMBED_GUIDE_URL,
        title,
        description=description,
        whole=found[0],
        sectors=found[1:],
        snippets={embed.fragment: snippets(ctx, embed) for embed in found},
        robots=robots.decode("utf-8"),
        contacts_url=CONTACTS_URL,
    )
