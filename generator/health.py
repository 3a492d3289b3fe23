"""Each active council measured against its type's rules, on a given day.

A breach here is a warning, not an error: the roster on file may be right and the council
short of members (recruitment is hard, seed 002 says). `raad check --strict` makes them
errors for municipalities that want the data kept complete.
"""

from __future__ import annotations

import datetime as dt

from generator.model import ChairRule, Council, CouncilType, DeputyKind, Group, Membership, Role
from generator.problems import Problem, Severity


def council_health(council: Council, rules: CouncilType, today: dt.date) -> list[Problem]:
    """Warnings for `council` against `rules`; none for a historical or not yet established council."""
    if council.is_historical(today) or council.established > today:
        return []
    active = [(index, m) for index, m in enumerate(council.members) if m.is_active(today)]
    checks = (
        _representatives(council, rules, active, today),
        _terms(council, rules, today),
        _chair(council, rules, active),
        _roles(council, rules),
        _deputies(council, rules, active),
        _meetings(council, rules, today),
    )
    return [problem for found in checks for problem in found]


def _warn(council: Council, field: str, message: str, *loc: str | int) -> Problem:
    return Problem(council.file, council.line(*loc), field, message, Severity.WARNING)


def _representatives(council: Council, rules: CouncilType, active: list[tuple[int, Membership]], today: dt.date) -> list[Problem]:
    seated = sum(1 for _, m in active if m.is_representative)
    if rules.representatives.allows(seated):
        return []
    return [
        _warn(
            council,
            "members",
            f"{seated} user representatives on {today.isoformat()}; a {rules.label} has {rules.representatives.describe()}",
            "members",
        )
    ]


def _terms(council: Council, rules: CouncilType, today: dt.date) -> list[Problem]:
    problems = []
    for index, member in enumerate(council.members):
        if member.end is not None and member.end < today:
            problems.append(
                _warn(
                    council,
                    f"members[{index}].to",
                    f"the term of {member.name} ended {member.end.isoformat()}; renew it or remove the member",
                    "members",
                    index,
                    "to",
                )
            )
        elif rules.term_years and member.start and member.end and member.end > _add_years(member.start, rules.term_years):
            problems.append(
                _warn(
                    council,
                    f"members[{index}].to",
                    f"a term of {member.name} runs longer than the {rules.term_years} years a {rules.label} allows",
                    "members",
                    index,
                    "to",
                )
            )
    return problems


def _add_years(start: dt.date, years: int) -> dt.date:
    """The same day `years` later (28 February for 29 February in a common year)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _chair(council: Council, rules: CouncilType, active: list[tuple[int, Membership]]) -> list[Problem]:
    problems = []
    for index, member in active:
        if member.role is not Role.CHAIR:
            continue
        allowed = {
            ChairRule.ANY: True,
            ChairRule.REPRESENTATIVE: member.is_representative,
            ChairRule.RELATIVE: member.represents is Group.RELATIVES,
            ChairRule.STAFF: member.represents is None,
        }[rules.chair]
        if not allowed:
            problems.append(
                _warn(
                    council,
                    f"members[{index}].represents",
                    f"a {rules.label} is chaired by {_chair_text(rules.chair)}; {member.name} is not",
                    "members",
                    index,
                )
            )
    return problems


def _chair_text(rule: ChairRule) -> str:
    return {
        ChairRule.ANY: "anyone",
        ChairRule.REPRESENTATIVE: "a user representative",
        ChairRule.RELATIVE: "a representative of relatives (represents: relatives)",
        ChairRule.STAFF: "the service's own staff",
    }[rule]


def _roles(council: Council, rules: CouncilType) -> list[Problem]:
    return [
        _warn(
            council,
            f"members[{index}].role",
            f"a {rules.label} has no {member.role.value}; its roles are {', '.join(r.value for r in rules.roles)}",
            "members",
            index,
            "role",
        )
        for index, member in enumerate(council.members)
        if member.role not in rules.roles
    ]


def _deputies(council: Council, rules: CouncilType, active: list[tuple[int, Membership]]) -> list[Problem]:
    deputies = [m for _, m in active if m.role is Role.DEPUTY]
    rule = rules.deputies
    if rule.kind is DeputyKind.PERSONAL and rule.required:
        members = [m for _, m in active]
        covered = [council.find_member(d.deputy_for, members) for d in deputies if d.deputy_for]
        return [
            _warn(council, f"members[{index}]", f"{member.name} has no personal deputy (deputy_for)", "members", index)
            for index, member in active
            if member.is_representative and not any(member is c for c in covered)
        ]
    if (
        rule.kind is DeputyKind.POOLED
        and rule.count is not None
        and len(deputies) != rule.count
        and (rule.required or len(deputies) > rule.count)
    ):
        return [_warn(council, "members", f"{len(deputies)} of {rule.count} deputy seats filled", "members")]
    return []


def _meetings(council: Council, rules: CouncilType, today: dt.date) -> list[Problem]:
    """Meetings held (minutes) or on the plan in the last complete calendar year.

    The current year is not judged: plans are made half a year at a time (seed 001), so in
    January a council's plan rightly lists few meetings.
    """
    wanted = rules.meetings_per_year
    year = today.year - 1
    if wanted is None or council.established > dt.date(year, 1, 1):
        return []
    dates = {m.date for m in council.meetings if m.date.year == year}
    dates |= {m.date for m in council.minutes if m.date.year == year}
    if wanted.allows(len(dates)):
        return []
    return [
        _warn(
            council,
            "meetings",
            f"{len(dates)} meetings held or planned in {year}; a {rules.label} meets {wanted.describe()} times a year",
            "meetings",
        )
    ]
