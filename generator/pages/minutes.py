"""A page per minutes document: Markdown minutes as written; a PDF as its text version
beside the download link ("PDF, 110 kB, 3 sider"); agenda, attendance and decisions."""

from __future__ import annotations

from functools import partial

from generator.i18n import format_pages, format_size
from generator.model import Council, Minutes, MinutesFormat
from generator.page_memo import PageJob, council_name_key, minutes_key, page_key
from generator.pages.follow import page_feed
from generator.render import render_blocks, render_text
from generator.site import Asset, DecisionRow, Page, SiteContext, minutes_pdf_url, minutes_url, render_page


def build_minutes_pages(ctx: SiteContext) -> tuple[list[PageJob], list[Asset]]:
    """A page per published minutes document, and the PDFs."""
    items = [(council, minutes) for council in ctx.project.councils for minutes in ctx.published(council)]
    assets = [
        Asset(minutes_pdf_url(council, minutes), source=ctx.project.root / minutes.path)
        for council, minutes in items
        if minutes.format is MinutesFormat.PDF
    ]
    jobs = [
        PageJob(
            minutes_url(council, minutes),
            page_key(ctx, "minutes", council_name_key(ctx, council), minutes_key(ctx, minutes)),
            partial(_minutes_page, ctx, council, minutes),
        )
        for council, minutes in items
    ]
    return jobs, assets


def _minutes_page(ctx: SiteContext, council: Council, minutes: Minutes) -> Page:
    body = None
    pdf = None
    if minutes.format is MinutesFormat.MARKDOWN:
        body = render_text(minutes.body, base_level=1, cache=ctx.markdown_cache)
    else:
        text = ctx.pdf_texts.get(minutes.path)
        size = minutes.size or 0
        pages = format_pages(ctx.language, text.pages) if text and text.pages else None
        label = ctx.labels.pdf_label(format_size(ctx.language, size), pages)
        blocks = text.blocks if text and text.ok else []
        pdf = {
            "url": minutes_pdf_url(council, minutes),
            "label": label,
            "text": render_blocks(blocks, 2, ctx.labels.page_marker, text.ocr_pages) if text and blocks else None,
            "reason": ctx.labels.pdf_failure(text.status) if text and not text.ok else None,
            "ocr_pages": ctx.labels.page_list(text.ocr_pages) if text and text.ok and text.ocr_pages else None,
            "unread_pages": ctx.labels.page_list(text.unread_pages) if text and text.unread_pages else None,
        }
    return render_page(
        ctx,
        "minutes.md.j2",
        minutes_url(council, minutes),
        ctx.minutes_title(minutes),
        source=minutes.path,
        description=ctx.labels.gettext(
            "Minutes of the meeting of %(council)s on %(date)s.", council=council.name, date=ctx.day(minutes.date)
        ),
        council=council,
        minutes=minutes,
        body=body,
        pdf=pdf,
        decisions=[DecisionRow(council, minutes, decision) for decision in minutes.meta.decisions],
        sector=ctx.sector_of(council),
        status=ctx.council_status(council),
        feed=page_feed(ctx, council),
    )
