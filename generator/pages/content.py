"""Hand-written pages from content/, through the one rendering path for contributed text."""

from __future__ import annotations

from generator.descriptions import content_description
from generator.model import CONTENT_DIR, ContentPage
from generator.site import Asset, Page, SiteContext, content_url, render_page


def build_content_pages(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    pages = [_content_page(ctx, page) for page in ctx.project.pages if page.path != "index.md"]
    assets = [Asset(path, source=ctx.project.root / CONTENT_DIR / path) for path in ctx.project.content_files]
    return pages, assets


def _content_page(ctx: SiteContext, page: ContentPage) -> Page:
    body = ctx.render_content(page)
    return render_page(
        ctx,
        "content.md.j2",
        content_url(page.path),
        page.meta.title or _first_heading(page.body) or page.path,
        source=f"{CONTENT_DIR}/{page.path}",
        description=content_description(page, body),
        body=body,
    )


def _first_heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None
