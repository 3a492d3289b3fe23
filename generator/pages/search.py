"""The search page (`sok/`): a form whose state lives in the URL (`?q=...&year=2023`), so a
search can be shared; results come from the Pagefind bundle, fetched in chunks."""

from __future__ import annotations

from generator.site import HOME_URL, SEARCH_BUNDLE, SEARCH_URL, Page, SiteContext, render_page

FILTERS = ("kind", "sector", "council", "year", "status")


def build_search_page(ctx: SiteContext) -> Page:
    title = ctx.labels.gettext("Search councils, minutes and decisions")
    return render_page(
        ctx, "search.md.j2", SEARCH_URL, title, description=title, filters=FILTERS, bundle=SEARCH_BUNDLE, home=HOME_URL
    )
