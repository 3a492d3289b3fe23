"""Rules that span values or files: references, dates that contradict each other, rosters.

Loading has already checked each file's shape; these checks take the loaded project and
return problems (errors), warnings where a council's file contradicts its type's rules, and
notes with each council's health (`generator.health`). Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator

from generator import messages
from generator.health import CouncilHealth, assess_council
from generator.messages import gettext as _
from generator.messages import quoted
from generator.model import (
    CONFIG_FILE,
    Conformance,
    ContentPage,
    Council,
    CouncilType,
    Count,
    DeputyKind,
    FollowUpStatus,
    Meeting,
    Minutes,
    MinutesStatus,
    Project,
    Role,
    SiteConfig,
    add_years,
    clock_time,
)
from generator.personal_data import personal_data_problems
from generator.problems import Problem, Severity, as_errors, sorted_problems
from generator.site import decision_anchor
from generator.yamlsafe import Document


def check_project(project: Project, today: dt.date, strict: bool = False, health: bool = True) -> list[Problem]:
    """Every problem in the project, sorted; with `strict`, warnings count as errors. No
    message shows a personal identity number in full, even one quoted from a broken file.
    With `health`, each council's health findings are added as notes (the build leaves them
    out: the site itself shows them)."""
    problems = list(project.problems)
    if project.config is not None:
        problems += _config_problems(project.config, project.config_source)
        problems += _accessibility_problems(project.config, project.config_source)
        problems += _content_references(project)
    for council in project.councils:
        problems += list(_council_problems(council, project.config, today))
        if health and project.config is not None and council.type in project.config.council_types:
            found = assess_council(council, project.config.council_types[council.type], today, project.config.publish_drafts)
            problems += health_notes(found) if found else []
    problems += personal_data_problems(project, today)
    return sorted_problems(as_errors(problems) if strict else problems)


def _config_problems(config: SiteConfig, source: Document | None) -> Iterator[Problem]:
    def line(*loc: str | int) -> int | None:
        return source.line(loc) if source else None

    seen: dict[str, int] = {}
    for index, sector in enumerate(config.sectors):
        if sector.id in seen:
            yield Problem(
                CONFIG_FILE,
                line("sectors", index, "id"),
                f"sectors[{index}].id",
                _("sector id %(id)s is used twice (also sectors[%(index)s])", id=quoted(sector.id), index=seen[sector.id]),
            )
        seen.setdefault(sector.id, index)
    for key, rules in config.council_types.items():
        if rules.deputies.kind is DeputyKind.POOLED and rules.deputies.count is None:
            yield Problem(
                CONFIG_FILE,
                line("council_types", key, "deputies"),
                f"council_types.{key}.deputies.count",
                _("pooled deputies need a count"),
            )
        if rules.meetings_per_year is not None and not any(rules.meetings_per_year.allows(n) for n in range(0, 366)):
            yield Problem(
                CONFIG_FILE,
                line("council_types", key, "meetings_per_year"),
                f"council_types.{key}.meetings_per_year",
                _("no number of meetings satisfies this"),
            )


def _accessibility_problems(config: SiteConfig, source: Document | None) -> Iterator[Problem]:
    """Gaps in the accessibility statement the law requires (a warning each: the page is
    still published, with what is known): the day the site was tested, and where readers
    report problems, are what the supervisory authority looks for first."""
    statement = config.accessibility
    if statement is None:
        yield Problem(
            CONFIG_FILE,
            None,
            "accessibility",
            _("no accessibility: section; the accessibility statement shows no test date and no contact for feedback"),
            Severity.WARNING,
        )
        return
    at = source.line(("accessibility",)) if source else None
    if statement.tested is None:
        yield Problem(
            CONFIG_FILE,
            at,
            "accessibility.tested",
            _("the accessibility statement does not say when the site was tested"),
            Severity.WARNING,
        )
    if statement.contact_email is None and statement.contact_url is None:
        yield Problem(
            CONFIG_FILE,
            at,
            "accessibility.contact_email",
            _("the accessibility statement names no contact for feedback (contact_email or contact_url)"),
            Severity.WARNING,
        )
    if statement.status is Conformance.FULL and statement.deviations:
        yield Problem(
            CONFIG_FILE,
            source.line(("accessibility", "status")) if source else at,
            "accessibility.status",
            _("status is full, but deviations are listed: use partial"),
            Severity.WARNING,
        )


def _content_references(project: Project) -> Iterator[Problem]:
    """Files that site-config.yml names under content/ must exist."""
    assert project.config is not None
    known = {page.path for page in project.pages} | set(project.content_files)
    source = project.config_source

    def line(*loc: str | int) -> int | None:
        return source.line(loc) if source else None

    for s_index, sector in enumerate(project.config.sectors):
        for m_index, meeting in enumerate(sector.contact_meetings):
            if meeting.minutes and meeting.minutes not in known:
                loc = ("sectors", s_index, "contact_meetings", m_index, "minutes")
                yield Problem(
                    CONFIG_FILE,
                    line(*loc),
                    f"sectors[{s_index}].contact_meetings[{m_index}].minutes",
                    _("%(file)s does not exist", file=f"content/{meeting.minutes}"),
                )
    for page in project.pages:
        yield from _broken_links(page, {p.path for p in project.pages})
    for key in ("logo", "favicon"):
        value = getattr(project.config.theme, key)
        if value and value not in known:
            yield Problem(CONFIG_FILE, line("theme", key), f"theme.{key}", _("%(file)s does not exist", file=f"content/{value}"))


_MD_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")


def _broken_links(page: ContentPage, pages: set[str]) -> Iterator[Problem]:
    """A relative link to a Markdown page must name a page under content/."""
    base = posixpath.dirname(page.path)
    for offset, line in enumerate(page.body.splitlines()):
        for match in _MD_LINK.finditer(line):
            target = match.group(1)
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
                continue
            if posixpath.normpath(posixpath.join(base, target)) not in pages:
                message = _("link to %(target)s: no such page under content/", target=quoted(target))
                yield Problem(f"content/{page.path}", page.body_line + offset, "", message)


def _council_problems(council: Council, config: SiteConfig | None, today: dt.date) -> Iterator[Problem]:
    yield from _references(council, config)
    yield from _dates(council)
    yield from _roster(council)
    yield from _meeting_plan(council)
    yield from _minutes_dates(council)
    yield from _decisions(council)
    if config is not None and council.type in config.council_types:
        yield from _type_rules(council, config.council_types[council.type], today)


def health_notes(health: CouncilHealth) -> list[Problem]:
    """A council's health findings as notes at the lines they concern, in the language of
    the messages (`generator.messages`): the sentence, then what to do."""
    labels = messages.labels()
    return [
        Problem(place.path, place.line, place.field, f"{finding.sentence(labels)}. {finding.action(labels)}", Severity.NOTE)
        for finding in health.findings
        for place in finding.places
    ]


def _type_rules(council: Council, rules: CouncilType, today: dt.date) -> Iterator[Problem]:
    """Where the council's file contradicts its type's rules: a role the type does not have,
    a term longer than the type's, a number of seats or deputies the rule does not allow.
    These are mistakes in the file, unlike the council's health."""
    for index, member in enumerate(council.members):
        if member.role not in rules.roles:
            roles = ", ".join(r.value for r in rules.roles)
            message = _("a %(type)s has no %(role)s; its roles are %(roles)s", type=rules.label, role=member.role.value, roles=roles)
            yield _warning(council, f"members[{index}].role", message, "members", index, "role")
        if rules.term_years and member.start and member.end and member.end > add_years(member.start, rules.term_years):
            message = _(
                "a term of %(name)s runs longer than the %(years)s years a %(type)s allows",
                name=member.name,
                years=rules.term_years,
                type=rules.label,
            )
            yield _warning(council, f"members[{index}].to", message, "members", index, "to")
    if council.seats is not None and not rules.representatives.allows(council.seats):
        message = _(
            "%(seats)s seats for user representatives; a %(type)s has %(allowed)s",
            seats=council.seats,
            type=rules.label,
            allowed=_allowed(rules.representatives),
        )
        yield _warning(council, "seats", message, "seats")
    deputies = sum(1 for m in council.members if m.role is Role.DEPUTY and m.is_active(today))
    if rules.deputies.kind is DeputyKind.POOLED and rules.deputies.count is not None and deputies > rules.deputies.count:
        message = _(
            "%(deputies)s deputies on %(day)s; a %(type)s has %(seats)s deputy seats",
            deputies=deputies,
            day=today.isoformat(),
            type=rules.label,
            seats=rules.deputies.count,
        )
        yield _warning(council, "members", message, "members")


def _allowed(count: Count) -> str:
    """An allowed number of representatives as it follows "has": "3 or 5", "at least 3"."""
    if count.one_of is not None and len(count.one_of) > 1:
        *numbers, last = (str(n) for n in count.one_of)
        return _("%(numbers)s or %(last)s", numbers=", ".join(numbers), last=last)
    if count.one_of is not None:
        return str(count.one_of[0]) if count.one_of else _("any number")
    if count.min is not None and count.max is not None:
        return _("%(min)s to %(max)s", min=count.min, max=count.max)
    if count.min is not None:
        return _("at least %(min)s", min=count.min)
    return _("at most %(max)s", max=count.max) if count.max is not None else _("any number")


def _warning(council: Council, field: str, message: str, *loc: str | int) -> Problem:
    return Problem(council.file, council.line(*loc), field, message, Severity.WARNING)


def _error(council: Council, field: str, message: str, *loc: str | int) -> Problem:
    return Problem(council.file, council.line(*loc), field, message)


def _references(council: Council, config: SiteConfig | None) -> Iterator[Problem]:
    if config is None:
        return
    if council.type not in config.council_types:
        known = ", ".join(sorted(config.council_types))
        message = _("unknown council type %(type)s; site-config.yml defines %(known)s", type=quoted(council.type), known=known)
        yield _error(council, "type", message, "type")
    sectors = [s.id for s in config.sectors]
    if council.sector not in sectors:
        message = _("unknown sector %(sector)s; site-config.yml defines %(known)s", sector=quoted(council.sector), known=", ".join(sectors))
        yield _error(council, "sector", message, "sector")


def _dates(council: Council) -> Iterator[Problem]:
    if council.dissolved is not None and council.dissolved < council.established:
        yield _error(
            council,
            "dissolved",
            _(
                "dissolved %(dissolved)s, before it was established %(established)s",
                dissolved=council.dissolved.isoformat(),
                established=council.established.isoformat(),
            ),
            "dissolved",
        )
    for index, member in enumerate(council.members):
        if member.start and member.end and member.end < member.start:
            yield _error(
                council,
                f"members[{index}].to",
                _("the term ends %(end)s, before it starts %(start)s", end=member.end.isoformat(), start=member.start.isoformat()),
                "members",
                index,
                "to",
            )
    if council.dissolved is not None:
        for index, meeting in enumerate(council.meetings):
            if meeting.date > council.dissolved:
                yield _error(
                    council,
                    f"meetings[{index}].date",
                    _("meeting planned after the council was dissolved on %(day)s", day=council.dissolved.isoformat()),
                    "meetings",
                    index,
                    "date",
                )


def _meeting_plan(council: Council) -> Iterator[Problem]:
    """Each meeting is one event in the council's calendar, so its identity (its id, else the
    day it was first planned) must be unique; and it must end after it starts."""
    seen: dict[str, int] = {}
    for index, meeting in enumerate(council.meetings):
        if meeting.identity in seen:
            yield _same_meeting(council, index, meeting, seen[meeting.identity])
        seen.setdefault(meeting.identity, index)
        yield from _meeting_end(council, index, meeting)


def _same_meeting(council: Council, index: int, meeting: Meeting, other: int) -> Problem:
    if meeting.id is not None:
        message = _("meeting id %(id)s is used twice (also meetings[%(index)s])", id=quoted(meeting.id), index=other)
        return _error(council, f"meetings[{index}].id", message, "meetings", index, "id")
    key = "moved_from" if meeting.moved_from is not None else "date"
    message = _(
        "another meeting was also first planned on %(day)s (meetings[%(index)s]); "
        "give each meeting an id so that calendars tell them apart",
        day=(meeting.moved_from or meeting.date).isoformat(),
        index=other,
    )
    return _error(council, f"meetings[{index}].{key}", message, "meetings", index, key)


def _meeting_end(council: Council, index: int, meeting: Meeting) -> Iterator[Problem]:
    if meeting.end is None:
        return
    if meeting.time is None:
        message = _("an end time needs a start time: add time")
        yield _error(council, f"meetings[{index}].end", message, "meetings", index, "end")
    elif clock_time(meeting.end) <= clock_time(meeting.time):
        message = _("the meeting ends at %(end)s, not after it starts at %(start)s", end=meeting.end, start=meeting.time)
        yield _error(council, f"meetings[{index}].end", message, "meetings", index, "end")


def _roster(council: Council) -> Iterator[Problem]:
    ids: dict[str, int] = {}
    for index, member in enumerate(council.members):
        if member.id is not None:
            if member.id in ids:
                yield _error(
                    council,
                    f"members[{index}].id",
                    _("id %(id)s is used twice (also members[%(index)s])", id=quoted(member.id), index=ids[member.id]),
                    "members",
                    index,
                    "id",
                )
            ids.setdefault(member.id, index)
    yield from _overlapping(council, Role.CHAIR, _("two chairs at once"))
    yield from _overlapping(council, Role.DEPUTY_CHAIR, _("two deputy chairs at once"))
    yield from _personal_deputies(council)


def _overlapping(council: Council, role: Role, what: str) -> Iterator[Problem]:
    holders = [(index, m) for index, m in enumerate(council.members) if m.role is role]
    for later, (index, member) in enumerate(holders):
        for other_index, other in holders[:later]:
            if member.overlaps(other):
                yield _error(
                    council,
                    f"members[{index}].role",
                    _(
                        "%(what)s: the term of %(name)s overlaps that of %(other)s (members[%(index)s])",
                        what=what,
                        name=member.name,
                        other=other.name,
                        index=other_index,
                    ),
                    "members",
                    index,
                    "role",
                )


def _personal_deputies(council: Council) -> Iterator[Problem]:
    for index, member in enumerate(council.members):
        if member.deputy_for is None:
            continue
        loc = ("members", index, "deputy_for")
        field = f"members[{index}].deputy_for"
        if member.role is not Role.DEPUTY:
            message = _(
                "only a deputy (role: deputy) can be a personal deputy; %(name)s is %(role)s", name=member.name, role=member.role.value
            )
            yield _error(council, field, message, *loc)
            continue
        target = council.find_member(member.deputy_for)
        if target is None:
            message = _(
                "names nobody on the roster: %(name)s; use the name or id of a user representative", name=quoted(member.deputy_for)
            )
            yield _error(council, field, message, *loc)
        elif not target.is_representative:
            message = _("%(name)s is not a user representative, so cannot have a personal deputy", name=target.name)
            yield _error(council, field, message, *loc)


def _decisions(council: Council) -> Iterator[Problem]:
    """Advisory decisions: unique ids, and a follow-up that says when, and why if not followed."""
    seen: dict[str, tuple[str, str]] = {}
    for minutes in council.minutes:
        meta = minutes.meta
        if meta.status is MinutesStatus.DRAFT and meta.approved is not None:
            message = _("a draft has no approval date; set status: approved")
            yield Problem(minutes.metadata_file, minutes.line("approved"), "approved", message)
        if meta.approved is not None and meta.approved < minutes.date:
            yield Problem(
                minutes.metadata_file,
                minutes.line("approved"),
                "approved",
                _(
                    "approved %(approved)s, before the meeting on %(meeting)s",
                    approved=meta.approved.isoformat(),
                    meeting=minutes.date.isoformat(),
                ),
            )
        for index, decision in enumerate(meta.decisions):
            field = f"decisions[{index}]"
            follow_up = decision.follow_up
            yield from _duplicate_decision(minutes, index, decision.id, seen)
            if follow_up.status is FollowUpStatus.NOT_FOLLOWED and not follow_up.justification:
                yield Problem(
                    minutes.metadata_file,
                    minutes.line("decisions", index, "follow_up", "status"),
                    f"{field}.follow_up.justification",
                    _("advice that is not followed must be justified (guideline 4): add justification"),
                )
            if follow_up.status is not FollowUpStatus.PENDING and follow_up.date is None:
                yield Problem(
                    minutes.metadata_file,
                    minutes.line("decisions", index, "follow_up", "status"),
                    f"{field}.follow_up.date",
                    _("say when the unit manager reported back (%(status)s): add date", status=follow_up.status.value),
                )
            if follow_up.date is not None and follow_up.date < minutes.date:
                yield Problem(
                    minutes.metadata_file,
                    minutes.line("decisions", index, "follow_up", "date"),
                    f"{field}.follow_up.date",
                    _(
                        "followed up %(followed)s, before the meeting on %(meeting)s",
                        followed=follow_up.date.isoformat(),
                        meeting=minutes.date.isoformat(),
                    ),
                )


def _duplicate_decision(minutes: Minutes, index: int, decision_id: str, seen: dict[str, tuple[str, str]]) -> Iterator[Problem]:
    """A decision id used twice in a council, or two ids that give one page address
    (`3/26` and `3-26`): the second decision's page would replace the first's."""
    address = decision_anchor(decision_id)
    if address in seen:
        other_id, other_file = seen[address]
        message = (
            _("decision %(id)s is also in %(file)s", id=quoted(decision_id), file=other_file)
            if other_id == decision_id
            else _(
                "decision %(id)s gets the same page address as %(other)s in %(file)s; write the case numbers alike",
                id=quoted(decision_id),
                other=quoted(other_id),
                file=other_file,
            )
        )
        yield Problem(minutes.metadata_file, minutes.line("decisions", index, "id"), f"decisions[{index}].id", message)
    seen.setdefault(address, (decision_id, minutes.metadata_file))


def _minutes_dates(council: Council) -> Iterator[Problem]:
    for minutes in council.minutes:
        if minutes.date < council.established:
            message = _("dated before the council was established (%(day)s)", day=council.established.isoformat())
            yield Problem(minutes.path, None, "", message)
        elif council.dissolved is not None and minutes.date > council.dissolved:
            message = _("dated after the council was dissolved (%(day)s)", day=council.dissolved.isoformat())
            yield Problem(minutes.path, None, "", message)
