"""The status page (`status/`): every active council's health, sector by sector, and what is
measured, for the politicians who meet the councils and for the staff who follow them up."""

from __future__ import annotations

from dataclasses import dataclass

from generator.health import ANSWER_DAYS, MINUTES_DAYS, PLAN_HORIZON_DAYS, TERM_NOTICE_DAYS, CouncilHealth
from generator.model import Sector
from generator.site import STATUS_URL, Page, SiteContext, render_page

MEASURED_ANCHOR = "maling"
"""The id of the status page's section on what is measured, which council pages link to."""


@dataclass
class SectorHealth:
    sector: Sector
    healths: list[CouncilHealth]


def needing_follow_up(healths: list[CouncilHealth]) -> int:
    return sum(1 for h in healths if not h.ok)


def build_status_page(ctx: SiteContext) -> Page:
    sectors = [SectorHealth(s, ctx.healths(ctx.active(ctx.councils_in(s)))) for s in ctx.sectors()]
    healths = [h for s in sectors for h in s.healths]
    summary = ctx.labels.ngettext(
        "%(num)s of %(total)s councils needs follow-up",
        "%(num)s of %(total)s councils need follow-up",
        needing_follow_up(healths),
        total=len(healths),
    )
    measured = ctx.labels.gettext(
        "Each active council measured against the rules for its type of council, on %(date)s.", date=ctx.day(ctx.today)
    )
    return render_page(
        ctx,
        "status.md.j2",
        STATUS_URL,
        ctx.labels.gettext("Council status"),
        description=f"{summary}. {measured}",
        summary=summary,
        measured=measured,
        sectors=[s for s in sectors if s.healths],
        term_days=TERM_NOTICE_DAYS,
        plan_months=round(PLAN_HORIZON_DAYS / 30.5),
        minutes_days=MINUTES_DAYS,
        answer_days=ANSWER_DAYS,
        measured_anchor=MEASURED_ANCHOR,
    )
