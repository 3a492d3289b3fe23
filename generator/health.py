"""Council health: each active council measured against its type's rules on a given day.

The 2011 city-council case (seed 002) exists because councils went quiet (seats empty, few
meetings, advice unanswered) and nobody saw it. One model, `CouncilHealth`, says what is
wrong with a council and what to do about it; the council and sector pages, the site-wide
overview, `raad report` and `raad check` all show it, so they never disagree.

A finding describes the council, not a mistake in its files: the roster on file may be right
and the council short of members (recruitment is hard, seed 002 says). So `raad check` lists
findings as notes that no `--strict` turns into errors: a pull request that fixes a typo
must not fail because another council lacks a member. `raad report --fail-on` is the gate
for health. Findings name no person: the site shows them to everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from generator.i18n import format_month
from generator.labels import Labels
from generator.model import (
    ChairRule,
    Council,
    CouncilType,
    DeputyKind,
    FollowUpStatus,
    Group,
    Membership,
    Minutes,
    Project,
    Role,
    add_years,
)
from generator.problems import field_path

TERM_NOTICE_DAYS = 60
"""A term that ends within this many days needs an election soon."""
PLAN_HORIZON_DAYS = 183
"""A council with no meeting on its plan within about six months has no plan."""
MINUTES_DAYS = 60
"""Minutes are due this many days after a meeting on the plan."""
ANSWER_DAYS = 90
"""The unit manager answers an advisory decision within this many days (seed 000, 4 to 6)."""
HISTORY_YEARS = 10
"""How many years "health over time" shows, the current one included."""


class Level(StrEnum):
    """How urgent a finding is: a rule broken now, or something that soon will be."""

    ERROR = "error"
    WARNING = "warning"


class Kind(StrEnum):
    """What a finding is about; the order is the order of importance on a council's status."""

    SEATS_EMPTY = "seats_empty"
    NO_CHAIR = "no_chair"
    CHAIR_NOT_ALLOWED = "chair_not_allowed"
    NO_DEPUTY_CHAIR = "no_deputy_chair"
    DEPUTY_CHAIR_NOT_ALLOWED = "deputy_chair_not_allowed"
    FEW_MEETINGS = "few_meetings"
    ADVICE_UNANSWERED = "advice_unanswered"
    MINUTES_MISSING = "minutes_missing"
    TERMS_EXPIRED = "terms_expired"
    PERSONAL_DEPUTIES_MISSING = "personal_deputies_missing"
    DEPUTY_SEATS_EMPTY = "deputy_seats_empty"
    TOO_MANY_REPRESENTATIVES = "too_many_representatives"
    EVALUATION_MISSING = "evaluation_missing"
    NO_PLANNED_MEETING = "no_planned_meeting"
    TERMS_ENDING = "terms_ending"


_ORDER = {kind: index for index, kind in enumerate(Kind)}


@dataclass(frozen=True)
class Place:
    """Where in the project a finding shows (a member's line, a decision's follow-up), for
    `raad check` and the report to point staff at the line to change."""

    path: str
    line: int | None
    field: str


@dataclass(frozen=True)
class Finding:
    """One thing that needs attention, with the numbers its sentence needs. `count` is how
    many (empty seats, expired terms, unanswered decisions); `total` what it is out of (the
    seats, the minimum number of meetings); `month` the month an evaluation is due."""

    kind: Kind
    level: Level
    count: int = 1
    total: int | None = None
    month: int | None = None
    chair: ChairRule | None = None
    places: tuple[Place, ...] = ()

    def sentence(self, labels: Labels) -> str:
        """What is wrong, as a reader of the site says it: "2 av 5 plasser står tomme"."""
        return _SENTENCES[self.kind](self, labels)

    def action(self, labels: Labels) -> str:
        """What the unit's staff and the council do about it."""
        return _ACTIONS[self.kind](self, labels)


@dataclass(frozen=True)
class YearHealth:
    """One year of a council's activity: meetings held against the minimum, advice answered.
    `partial` marks a year not seen whole: the current one, the one the council was
    established in after 1 January, or the one its minutes in raad start in."""

    year: int
    meetings: int
    minimum: int | None
    advice: int
    answered: int
    partial: bool = False
    current: bool = False
    """The year of the day assessed: "so far" rather than "part of the year"."""

    @property
    def meets_minimum(self) -> bool | None:
        """Whether the year had the meetings the rules require; None when the rules set no
        minimum or the year is not over."""
        if self.minimum is None or self.partial:
            return None
        return self.meetings >= self.minimum


@dataclass
class CouncilHealth:
    """A council's health on `day`: the figures politicians compare and the findings."""

    council: Council
    day: dt.date
    seats: int
    seated: int
    meetings: int
    """Meetings held in the 12 months up to `day` (from the minutes)."""
    minimum: int | None
    """The meetings a year the type requires at least, if it sets a minimum."""
    unanswered: int
    """Advisory decisions without an answer from the unit manager 90 days after the meeting."""
    last_evaluation: dt.date | None
    evaluation_required: bool = False
    """Whether the type requires a yearly evaluation (seeds 001 and 004)."""
    findings: list[Finding] = field(default_factory=list)
    years: list[YearHealth] = field(default_factory=list)

    @property
    def empty_seats(self) -> int:
        return max(0, self.seats - self.seated)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level is Level.ERROR)

    def worst(self) -> Level | None:
        """The most urgent level among the findings; None for a council in good order."""
        if not self.findings:
            return None
        return Level.ERROR if self.errors else Level.WARNING

    def headline(self, labels: Labels) -> str:
        """The status in one line: "Alt i orden", or "Trenger oppfølging: " and the most
        important finding."""
        if not self.findings:
            return labels.gettext("All in order")
        return labels.gettext("Needs follow-up: %(finding)s", finding=_lower_first(self.findings[0].sentence(labels)))


def _lower_first(sentence: str) -> str:
    """ "Rådet har ingen leder" → "rådet har ingen leder" after a colon; an abbreviation
    ("NAV-kontoret") keeps its capitals."""
    if len(sentence) > 1 and sentence[0].isupper() and sentence[1].islower():
        return sentence[0].lower() + sentence[1:]
    return sentence


def assess_project(project: Project, today: dt.date) -> dict[str, CouncilHealth]:
    """The health of every active council of a checked project, by council slug."""
    config = project.config
    if config is None:
        return {}
    found: dict[str, CouncilHealth] = {}
    for council in project.councils:
        rules = config.council_types.get(council.type)
        health = assess_council(council, rules, today, config.publish_drafts) if rules else None
        if health is not None:
            found[council.slug] = health
    return found


def assess_council(council: Council, rules: CouncilType, today: dt.date, publish_drafts: bool = False) -> CouncilHealth | None:
    """`council`'s health on `today` against `rules`; None for a council that is historical or
    not yet established, which no rule binds."""
    if council.is_historical(today) or council.established > today:
        return None
    active = [(index, m) for index, m in enumerate(council.members) if m.is_active(today)]
    seated = sum(1 for _, m in active if m.is_representative)
    seats = council.seats or rules.representatives.seats_for(seated)
    published = council.published_minutes(publish_drafts)
    health = CouncilHealth(
        council=council,
        day=today,
        seats=seats,
        seated=seated,
        meetings=len(_meetings_between(council.minutes, add_years(today, -1), today)),
        minimum=rules.meetings_per_year.min if rules.meetings_per_year else None,
        unanswered=0,
        last_evaluation=max((e.date for e in council.evaluations if e.date <= today), default=None),
        evaluation_required=rules.evaluation is not None,
        years=_history(council, rules, published, today),
    )
    unanswered = _unanswered(council, published, today)
    health.unanswered = len(unanswered)
    findings = [
        *_seats(council, seats, seated),
        *_chairs(council, rules, active),
        *_terms(council, today),
        *_deputies(council, rules, active),
        *_meetings(council, health, today),
        *_plan(council, published, today),
        *_advice(unanswered),
        *_evaluation(council, rules, today),
    ]
    health.findings = sorted(findings, key=lambda f: (f.level is not Level.ERROR, _ORDER[f.kind]))
    return health


def _place(council: Council, *loc: str | int) -> Place:
    return Place(council.file, council.line(*loc), field_path(loc))


def _meetings_between(minutes: Iterable[Minutes], after: dt.date, until: dt.date) -> set[dt.date]:
    """The days with minutes after `after` up to `until`: each is a meeting held. Draft
    minutes count too: the meeting was held, its minutes await approval."""
    return {m.date for m in minutes if after < m.date <= until}


def _seats(council: Council, seats: int, seated: int) -> list[Finding]:
    place = (_place(council, "members"),)
    if seated < seats:
        return [Finding(Kind.SEATS_EMPTY, Level.ERROR, seats - seated, seats, places=place)]
    if seated > seats:
        return [Finding(Kind.TOO_MANY_REPRESENTATIVES, Level.ERROR, seated, seats, places=place)]
    return []


_CHAIR_ALLOWED: dict[ChairRule, Callable[[Membership], bool]] = {
    ChairRule.ANY: lambda m: True,
    ChairRule.REPRESENTATIVE: lambda m: m.is_representative,
    ChairRule.RELATIVE: lambda m: m.represents is Group.RELATIVES,
    ChairRule.STAFF: lambda m: m.represents is None,
}


def _chairs(council: Council, rules: CouncilType, active: list[tuple[int, Membership]]) -> list[Finding]:
    chairs = [(index, m) for index, m in active if m.role is Role.CHAIR]
    findings = []
    if not chairs and not _service_leads(rules, [m for _, m in active]):
        findings.append(Finding(Kind.NO_CHAIR, Level.ERROR, places=(_place(council, "members"),)))
    wrong = tuple(_place(council, "members", index, "represents") for index, m in chairs if not _CHAIR_ALLOWED[rules.chair](m))
    if wrong:
        findings.append(Finding(Kind.CHAIR_NOT_ALLOWED, Level.ERROR, len(wrong), chair=rules.chair, places=wrong))
    if rules.deputy_chair:
        deputies = [(index, m) for index, m in active if m.role is Role.DEPUTY_CHAIR]
        if not deputies:
            findings.append(Finding(Kind.NO_DEPUTY_CHAIR, Level.ERROR, places=(_place(council, "members"),)))
        wrong = tuple(_place(council, "members", i, "represents") for i, m in deputies if not _CHAIR_ALLOWED[rules.chair](m))
        if wrong:
            findings.append(Finding(Kind.DEPUTY_CHAIR_NOT_ALLOWED, Level.ERROR, len(wrong), chair=rules.chair, places=wrong))
    return findings


def _service_leads(rules: CouncilType, members: list[Membership]) -> bool:
    """Where the service leads the meetings (`chair: staff`, a brukerutvalg of seed 003), its
    unit manager does so without a chair on the roster."""
    return rules.chair is ChairRule.STAFF and any(m.role is Role.UNIT_MANAGER for m in members)


def _terms(council: Council, today: dt.date) -> list[Finding]:
    """Terms that ended with nobody elected after them (the member is still on the roster) and
    terms ending soon with nobody elected yet; a term followed by another in the same role is
    history."""
    notice = today + dt.timedelta(days=TERM_NOTICE_DAYS)
    expired = tuple(
        _place(council, "members", i, "to")
        for i, m in enumerate(council.members)
        if m.end is not None and m.end < today and not _renewed(council, m)
    )
    ending = tuple(
        _place(council, "members", i, "to")
        for i, m in enumerate(council.members)
        if m.end is not None and today <= m.end <= notice and m.is_active(today) and not _renewed(council, m)
    )
    findings = []
    if expired:
        findings.append(Finding(Kind.TERMS_EXPIRED, Level.ERROR, len(expired), places=expired))
    if ending:
        findings.append(Finding(Kind.TERMS_ENDING, Level.WARNING, len(ending), total=TERM_NOTICE_DAYS, places=ending))
    return findings


def _renewed(council: Council, member: Membership) -> bool:
    """Whether someone in the same role starts after `member`'s term ends (a successor, or
    the member again for a new term): the election has been held, and the old term is
    history. A gap between the two is an empty seat, which the seats say."""
    assert member.end is not None
    end = member.end
    return any(
        other is not member and other.role is member.role and other.start is not None and other.start > end for other in council.members
    )


def _deputies(council: Council, rules: CouncilType, active: list[tuple[int, Membership]]) -> list[Finding]:
    rule = rules.deputies
    deputies = [m for _, m in active if m.role is Role.DEPUTY]
    if rule.kind is DeputyKind.PERSONAL and rule.required:
        members = [m for _, m in active]
        covered = [council.find_member(d.deputy_for, members) for d in deputies if d.deputy_for]
        missing = tuple(
            _place(council, "members", index)
            for index, member in active
            if member.is_representative and not any(member is c for c in covered)
        )
        return [Finding(Kind.PERSONAL_DEPUTIES_MISSING, Level.ERROR, len(missing), places=missing)] if missing else []
    if rule.kind is DeputyKind.POOLED and rule.required and rule.count is not None and len(deputies) < rule.count:
        return [Finding(Kind.DEPUTY_SEATS_EMPTY, Level.ERROR, rule.count - len(deputies), rule.count, places=(_place(council, "members"),))]
    return []


def _meetings(council: Council, health: CouncilHealth, today: dt.date) -> list[Finding]:
    """Fewer meetings in the last 12 months than the type's minimum; a council established
    less than a year ago is not judged on a whole year."""
    if health.minimum is None or council.established > add_years(today, -1) or health.meetings >= health.minimum:
        return []
    return [Finding(Kind.FEW_MEETINGS, Level.ERROR, health.meetings, health.minimum, places=(_place(council, "meetings"),))]


def _plan(council: Council, published: list[Minutes], today: dt.date) -> list[Finding]:
    """No meeting planned in the next six months; meetings on the plan in the last 12 months
    without published minutes 60 days after (older plans are the years "health over time"
    shows, not something to do now). A cancelled meeting is neither planned nor due minutes."""
    findings = []
    horizon = today + dt.timedelta(days=PLAN_HORIZON_DAYS)
    held = [(index, m) for index, m in enumerate(council.meetings) if not m.cancelled]
    if not any(today <= m.date <= horizon for _, m in held):
        findings.append(Finding(Kind.NO_PLANNED_MEETING, Level.WARNING, total=6, places=(_place(council, "meetings"),)))
    due = today - dt.timedelta(days=MINUTES_DAYS)
    since = max(council.established - dt.timedelta(days=1), add_years(today, -1))
    with_minutes = {m.date for m in published}
    missing = tuple(
        _place(council, "meetings", index, "date")
        for index, meeting in held
        if since < meeting.date <= due and meeting.date not in with_minutes
    )
    if missing:
        findings.append(Finding(Kind.MINUTES_MISSING, Level.WARNING, len(missing), total=MINUTES_DAYS, places=missing))
    return findings


def _unanswered(council: Council, published: list[Minutes], today: dt.date) -> tuple[Place, ...]:
    """Each published advisory decision still awaiting the unit manager's answer more than 90
    days after its meeting, as the line of its follow-up."""
    due = today - dt.timedelta(days=ANSWER_DAYS)
    return tuple(
        Place(m.metadata_file, m.line("decisions", index), f"decisions[{index}].follow_up")
        for m in published
        if m.date < due
        for index, decision in enumerate(m.meta.decisions)
        if decision.follow_up.status is FollowUpStatus.PENDING
    )


def _advice(unanswered: tuple[Place, ...]) -> list[Finding]:
    return [Finding(Kind.ADVICE_UNANSWERED, Level.ERROR, len(unanswered), total=ANSWER_DAYS, places=unanswered)] if unanswered else []


def _evaluation(council: Council, rules: CouncilType, today: dt.date) -> list[Finding]:
    """The yearly evaluation: with a month, one in the calendar year of the latest month it
    was due (June 2026 for any day from July 2026 to June 2027); without one, one in the last
    12 months. A council too young to have been due is not judged."""
    rule = rules.evaluation
    if rule is None:
        return []
    if rule.month is None:
        start, judged_from = add_years(today, -1), add_years(today, -1)
    else:
        due = _month_end(today.year, rule.month)
        if due >= today:
            due = _month_end(today.year - 1, rule.month)
        start, judged_from = dt.date(due.year, 1, 1) - dt.timedelta(days=1), add_years(due, -1)
    if council.established > judged_from or any(start < e.date <= today for e in council.evaluations):
        return []
    return [Finding(Kind.EVALUATION_MISSING, Level.ERROR, month=rule.month, places=(_place(council, "evaluations"),))]


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _history(council: Council, rules: CouncilType, published: list[Minutes], today: dt.date) -> list[YearHealth]:
    """A row per year, newest first, at most ten: meetings held against the minimum, and
    advice given that year and answered since. The rows start with the council's first
    minutes in raad (or its establishment, if later): years before a municipality put its
    minutes here would read as years without meetings."""
    minimum = rules.meetings_per_year.min if rules.meetings_per_year else None
    recorded = min((m.date.year for m in council.minutes if m.date <= today), default=today.year)
    first = max(council.established.year, recorded, today.year - HISTORY_YEARS + 1)
    rows = []
    for year in range(today.year, first - 1, -1):
        held = {m.date for m in council.minutes if m.date.year == year and m.date <= today}
        decisions = [d for m in published if m.date.year == year for d in m.meta.decisions]
        answered = sum(1 for d in decisions if d.follow_up.status is not FollowUpStatus.PENDING)
        started = year == council.established.year and council.established > dt.date(year, 1, 1)
        partial = year == today.year or started or (year == recorded and recorded > council.established.year)
        rows.append(YearHealth(year, len(held), minimum, len(decisions), answered, partial=partial, current=year == today.year))
    return rows


_SENTENCES: dict[Kind, Callable[[Finding, Labels], str]] = {
    Kind.SEATS_EMPTY: lambda f, t: t.ngettext(
        "%(num)s of %(total)s seats is empty", "%(num)s of %(total)s seats are empty", f.count, total=f.total
    ),
    Kind.TOO_MANY_REPRESENTATIVES: lambda f, t: t.ngettext(
        "%(num)s user representative for %(total)s seats", "%(num)s user representatives for %(total)s seats", f.count, total=f.total
    ),
    Kind.NO_CHAIR: lambda f, t: t.gettext("The council has no chair"),
    Kind.CHAIR_NOT_ALLOWED: lambda f, t: t.gettext("The chair is not %(kind)s, as the rules require", kind=_chair_kind(f, t)),
    Kind.NO_DEPUTY_CHAIR: lambda f, t: t.gettext("The council has no deputy chair"),
    Kind.DEPUTY_CHAIR_NOT_ALLOWED: lambda f, t: t.gettext("The deputy chair is not %(kind)s, as the rules require", kind=_chair_kind(f, t)),
    Kind.FEW_MEETINGS: lambda f, t: t.ngettext(
        "%(num)s meeting in the last 12 months; the rules require at least %(total)s",
        "%(num)s meetings in the last 12 months; the rules require at least %(total)s",
        f.count,
        total=f.total,
    ),
    Kind.ADVICE_UNANSWERED: lambda f, t: t.ngettext(
        "%(num)s piece of advice has had no answer for over %(days)s days",
        "%(num)s pieces of advice have had no answer for over %(days)s days",
        f.count,
        days=f.total,
    ),
    Kind.MINUTES_MISSING: lambda f, t: t.ngettext(
        "%(num)s meeting on the plan has no minutes %(days)s days after",
        "%(num)s meetings on the plan have no minutes %(days)s days after",
        f.count,
        days=f.total,
    ),
    Kind.TERMS_EXPIRED: lambda f, t: t.ngettext("%(num)s term has expired", "%(num)s terms have expired", f.count),
    Kind.PERSONAL_DEPUTIES_MISSING: lambda f, t: t.ngettext(
        "%(num)s user representative has no personal deputy", "%(num)s user representatives have no personal deputy", f.count
    ),
    Kind.DEPUTY_SEATS_EMPTY: lambda f, t: t.ngettext(
        "%(num)s of %(total)s deputy seats is empty", "%(num)s of %(total)s deputy seats are empty", f.count, total=f.total
    ),
    Kind.EVALUATION_MISSING: lambda f, t: (
        t.gettext("The yearly evaluation, due in %(month)s, is not recorded", month=format_month(t.language, f.month))
        if f.month
        else t.gettext("The yearly evaluation is not recorded")
    ),
    Kind.NO_PLANNED_MEETING: lambda f, t: t.gettext("No meeting is planned in the next %(months)s months", months=f.total),
    Kind.TERMS_ENDING: lambda f, t: t.ngettext(
        "%(num)s term ends within %(days)s days", "%(num)s terms end within %(days)s days", f.count, days=f.total
    ),
}


def _chair_kind(finding: Finding, labels: Labels) -> str:
    return {
        ChairRule.ANY: labels.pgettext("chair", "anyone"),
        ChairRule.REPRESENTATIVE: labels.pgettext("chair", "a user representative"),
        ChairRule.RELATIVE: labels.pgettext("chair", "a representative of relatives"),
        ChairRule.STAFF: labels.pgettext("chair", "an employee of the service"),
    }[finding.chair or ChairRule.ANY]


_ACTIONS: dict[Kind, Callable[[Finding, Labels], str]] = {
    Kind.SEATS_EMPTY: lambda f, t: t.gettext("Recruit and elect user representatives for the empty seats."),
    Kind.TOO_MANY_REPRESENTATIVES: lambda f, t: t.gettext("End the terms that are over, or record the council's number of seats."),
    Kind.NO_CHAIR: lambda f, t: t.gettext("The council elects a chair at its next meeting."),
    Kind.CHAIR_NOT_ALLOWED: lambda f, t: t.gettext("Elect a chair the rules allow, or record whom the chair represents."),
    Kind.NO_DEPUTY_CHAIR: lambda f, t: t.gettext("The council elects a deputy chair at its next meeting."),
    Kind.DEPUTY_CHAIR_NOT_ALLOWED: lambda f, t: t.gettext(
        "Elect a deputy chair the rules allow, or record whom the deputy chair represents."
    ),
    Kind.FEW_MEETINGS: lambda f, t: t.gettext("Hold the meetings on the plan and publish their minutes."),
    Kind.ADVICE_UNANSWERED: lambda f, t: t.gettext("The unit manager answers the advice, and gives the reasons when it is not followed."),
    Kind.MINUTES_MISSING: lambda f, t: t.gettext("Publish the minutes, or take the meeting off the plan if it was not held."),
    Kind.TERMS_EXPIRED: lambda f, t: t.gettext("Renew the terms, or elect new members and update the roster."),
    Kind.PERSONAL_DEPUTIES_MISSING: lambda f, t: t.gettext("Elect a personal deputy for each user representative."),
    Kind.DEPUTY_SEATS_EMPTY: lambda f, t: t.gettext("Recruit and elect deputies for the empty seats."),
    Kind.EVALUATION_MISSING: lambda f, t: t.gettext("The council evaluates its work, and the date is recorded."),
    Kind.NO_PLANNED_MEETING: lambda f, t: t.gettext("Add the next meetings to the meeting plan."),
    Kind.TERMS_ENDING: lambda f, t: t.gettext("Prepare the election of new members, or renew the terms."),
}
