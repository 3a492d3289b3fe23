"""The contact list for the municipality's main website: HTML fragments, framed pages, a stylesheet.

A CMS that can include HTML from an address (a server-side include, an "HTML from URL" block)
takes the fragment: no `<html>`, no site chrome, headings from `<h2>` down so that it fits
under the host page's own `<h1>`, every class under `raad-embed` so that the host's CSS and
ours leave each other alone, and every link a full address, since the fragment is read on
another site. A CMS that can only frame a page takes the framed variant: the same fragment in
a document of its own that opens its links in the host window and asks not to be indexed.

They show the rows of the contact list page (`contact_rows`) and nothing else, so an embed
can show no detail that the page does not. They are files published as they are, not pages:
the engine copies them, they stay out of the sitemap, and Pagefind (which indexes only what
carries `data-pagefind-body`) leaves them out of the search.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from generator.model import Sector
from generator.pages.contacts import ContactRow, contact_rows
from generator.render import relative_url
from generator.site import (
    CONTACTS_URL,
    EMBED_STYLESHEET,
    Asset,
    SiteContext,
    absolute_url,
    council_url,
    embed_fragment_url,
    embed_frame_url,
    render_template,
)

STYLESHEET = Path(__file__).with_name("raad-embed.css")
"""Published as it is (raad's own file, copied with the docs tree)."""


@dataclass(frozen=True)
class Embed:
    """One embed of the contact list: of every council (`sector` None) or of one sector."""

    sector: Sector | None
    title: str
    fragment: str
    """Site-relative address of the fragment (`embed/kontaktliste.html`)."""
    frame: str
    """Site-relative address of the framed page (`embed/kontaktliste/`)."""


def embeds(ctx: SiteContext) -> list[Embed]:
    """The embed of every council, then one per sector with active councils, in the order of
    the contact list page."""
    contacts = ctx.labels.gettext("Contact list")
    found = [Embed(None, contacts, embed_fragment_url(None), embed_frame_url(None))]
    for sector, _ in contact_rows(ctx):
        found.append(Embed(sector, f"{contacts} – {sector.name}", embed_fragment_url(sector), embed_frame_url(sector)))
    return found


def embed_assets(ctx: SiteContext) -> list[Asset]:
    """Every fragment and framed page, and the stylesheet they share."""
    sections = contact_rows(ctx)
    assets = [Asset(EMBED_STYLESHEET, source=STYLESHEET)]
    for embed in embeds(ctx):
        shown = [(sector, rows) for sector, rows in sections if embed.sector is None or sector.id == embed.sector.id]
        assets.append(Asset(embed.fragment, data=_fragment(ctx, embed, shown).encode("utf-8")))
        framed = _frame(ctx, embed, _fragment(ctx, embed, shown, framed=True))
        assets.append(Asset(f"{embed.frame}index.html", data=framed.encode("utf-8")))
    return assets


def _fragment(ctx: SiteContext, embed: Embed, sections: list[tuple[Sector, list[ContactRow]]], framed: bool = False) -> str:
    """The list as a fragment. The list of every council has a heading per sector; the
    councils' headings come one level below. `framed`: for the framed page, whose links to
    the site open in the host window (`target="_top"`), not in the frame."""
    whole_list = absolute_url(ctx.config, CONTACTS_URL + (f"#{embed.sector.id}" if embed.sector else ""))
    return render_template(
        ctx,
        "embed_contacts.html.j2",
        embed=embed,
        sections=sections,
        language=ctx.language,
        council_level=3 if embed.sector else 4,
        whole_list=whole_list,
        site_name=ctx.config.site_name,
        address=lambda url: absolute_url(ctx.config, url),
        council_url=council_url,
        framed=framed,
    )


def _frame(ctx: SiteContext, embed: Embed, fragment: str) -> str:
    """The fragment as a document of its own, for an `<iframe>`; its stylesheet is linked
    relative to it, so that it shows styled wherever the site is served."""
    return render_template(
        ctx,
        "embed_frame.html.j2",
        embed=embed,
        fragment=Markup(fragment),
        language=ctx.language,
        site_name=ctx.config.site_name,
        stylesheet=relative_url(f"{embed.frame}index.html", EMBED_STYLESHEET),
    )


@dataclass(frozen=True)
class Snippets:
    """What the web team copies into the main website's CMS for one embed, with this site's
    full addresses; values from the project (the site's name) are escaped for HTML."""

    fragment_url: str
    frame_url: str
    stylesheet: str
    iframe: str


def snippets(ctx: SiteContext, embed: Embed) -> Snippets:
    frame_url = absolute_url(ctx.config, embed.frame)
    title = html.escape(f"{embed.title} – {ctx.config.site_name}", quote=True)
    stylesheet = f'<link rel="stylesheet" href="{html.escape(absolute_url(ctx.config, EMBED_STYLESHEET), quote=True)}">'
    iframe = (
        f'<iframe src="{html.escape(frame_url, quote=True)}" title="{title}" loading="lazy"'
        ' style="width: 100%; height: 40rem; border: 0;"></iframe>'
    )
    return Snippets(absolute_url(ctx.config, embed.fragment), frame_url, stylesheet, iframe)
