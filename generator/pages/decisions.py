"""Advisory decisions still awaiting the unit manager's follow-up, oldest first (seed 000,
guidelines 4 to 6), so councils and politicians can see where advice goes unanswered."""

from __future__ import annotations

from functools import partial

from generator.model import FollowUpStatus
from generator.page_memo import PageJob, council_name_key, minutes_key, page_key
from generator.pages.follow import page_feed
from generator.site import DECISIONS_URL, DecisionRow, Page, SiteContext, chunks, decision_url, paged_url, render_page


def awaiting_follow_up(ctx: SiteContext) -> list[DecisionRow]:
    rows = [row for council in ctx.project.councils for row in ctx.decisions(council)]
    waiting = [row for row in rows if row.decision.follow_up.status is FollowUpStatus.PENDING]
    return sorted(waiting, key=lambda row: (row.minutes.date, row.council.name.casefold(), row.decision.id))


def build_decisions_pages(ctx: SiteContext) -> list[PageJob]:
    """The decisions awaiting follow-up, 50 to a page."""
    parts = chunks(awaiting_follow_up(ctx))
    jobs = []
    for number, rows in enumerate(parts, start=1):
        url = paged_url(DECISIONS_URL, number)
        shown = [part for row in rows for part in (council_name_key(ctx, row.council), minutes_key(ctx, row.minutes), row.decision.id)]
        key = page_key(ctx, "decisions", url, len(parts), *shown)
        jobs.append(PageJob(url, key, partial(_decisions_page, ctx, rows, number, len(parts))))
    return jobs


def _decisions_page(ctx: SiteContext, rows: list[DecisionRow], number: int, page_count: int) -> Page:
    """Page `number` of `page_count` of the decisions awaiting follow-up."""
    pagination = [(n, paged_url(DECISIONS_URL, n)) for n in range(1, page_count + 1)] if page_count > 1 else []
    title = ctx.labels.gettext("Decisions awaiting follow-up")
    return render_page(
        ctx,
        "decisions.md.j2",
        paged_url(DECISIONS_URL, number),
        ctx.labels.paged_title(title, number),
        description=ctx.labels.gettext(
            "Advisory decisions the unit manager has not yet answered, oldest first. The unit manager reports back whether advice "
            "is followed, and justifies not following it."
        ),
        rows=rows,
        pagination=pagination,
        number=number,
        feed=page_feed(ctx, None),
    )


def build_decision_pages(ctx: SiteContext) -> list[PageJob]:
    """A page per advisory decision: the advice, the meeting, and the unit manager's answer."""
    jobs = []
    for council in ctx.project.councils:
        named = council_name_key(ctx, council)
        for row in ctx.decisions(council):
            url = decision_url(council, row.decision.id)
            key = page_key(ctx, "decision", url, named, minutes_key(ctx, row.minutes), row.decision.id)
            jobs.append(PageJob(url, key, partial(_decision_page, ctx, row)))
    return jobs


def _decision_page(ctx: SiteContext, row: DecisionRow) -> Page:
    council = row.council
    title = ctx.labels.gettext("Decision %(id)s: %(advice)s", id=row.decision.id, advice=row.decision.advice)
    return render_page(
        ctx,
        "decision.md.j2",
        decision_url(council, row.decision.id),
        title,
        source=row.minutes.metadata_file,
        description=ctx.labels.gettext(
            "Advisory decision of %(council)s at the meeting on %(date)s: %(advice)s",
            council=council.name,
            date=ctx.day(row.minutes.date),
            advice=row.decision.advice,
        ),
        row=row,
        sector=ctx.sector_of(council),
        status=ctx.council_status(council),
    )
