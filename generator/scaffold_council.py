"""`raad new council`: a new council folder that `raad check` accepts as it is written.

The council starts with no members and no meeting plan: staff fill them in from the
commented example lines, which are comments so that no invented person is ever published.
The mandate is written from the council type's rules, in the site's language, as a first
draft for the council to rewrite.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import messages
from generator.labels import Labels
from generator.model import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    SLUG_PATTERN,
    ChairRule,
    CouncilType,
    Count,
    DeputyKind,
    DeputyRule,
    Role,
    SiteConfig,
)

MANDATE_FILE = "mandate.md"
SCHEMA_FOLDERS = ("schemas", "generator/schemas")
"""Where a project keeps the JSON Schemas: schemas/ in a project made by raad init, the
package's own folder in this repository."""


def schema_comment(root: Path) -> str:
    """The editor schema setting for a new council.yml: the one the project's other councils
    have, else one pointing at the project's own schemas (schemas/ after raad init)."""
    for sibling in sorted((root / COUNCILS_DIR).glob(f"*/{COUNCIL_FILE}")):
        with sibling.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline().rstrip("\n")
        if first.startswith("# yaml-language-server: $schema=../../") and first.endswith("council.schema.json"):
            return first
    folder = next((f for f in SCHEMA_FOLDERS if (root / f / "council.schema.json").is_file()), SCHEMA_FOLDERS[0])
    return f"# yaml-language-server: $schema=../../{folder}/council.schema.json"

_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


class ScaffoldError(Exception):
    """A new council that cannot be written as asked; the message says what to do."""


@dataclass(frozen=True)
class NewCouncil:
    """What staff tell `raad new council` about the council."""

    name: str
    type: str
    sector: str
    unit: str
    established: dt.date
    slug: str


def council_slug(name: str) -> str:
    """The folder name, which is also the council's web address, from its name: Norwegian
    letters spelled as Norwegians spell them without them (æ→ae, ø→o, å→a), other accents
    dropped, lower case, words joined by hyphens."""
    spelled = name.lower().translate(_NORWEGIAN_LETTERS)
    ascii_only = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def new_council_problem(root: Path, council: NewCouncil, config: SiteConfig) -> str | None:
    """Why `council` cannot be written into the project at `root`, or None."""
    if not re.fullmatch(SLUG_PATTERN, council.slug):
        return messages.gettext(
            "the folder name %(slug)s must be lower-case letters, digits and hyphens; give one with --slug",
            slug=messages.quoted(council.slug),
        )
    if council.type not in config.council_types:
        return messages.gettext(
            "unknown council type %(type)s; site-config.yml has %(types)s",
            type=messages.quoted(council.type),
            types=", ".join(config.council_types),
        )
    if council.sector not in {sector.id for sector in config.sectors}:
        return messages.gettext(
            "unknown sector %(sector)s; site-config.yml has %(sectors)s",
            sector=messages.quoted(council.sector),
            sectors=", ".join(s.id for s in config.sectors),
        )
    folder = root / COUNCILS_DIR / council.slug
    if folder.exists() or folder.is_symlink():
        return messages.gettext(
            "%(folder)s already exists; choose another name or --slug", folder=f"{COUNCILS_DIR}/{council.slug}"
        )
    return None


def write_council(root: Path, council: NewCouncil, config: SiteConfig) -> Path:
    """Write councils/<slug>/council.yml and mandate.md; returns the path of council.yml."""
    problem = new_council_problem(root, council, config)
    if problem is not None:
        raise ScaffoldError(problem)
    council_type = config.council_types[council.type]
    folder = root / COUNCILS_DIR / council.slug
    folder.mkdir(parents=True)
    (folder / MANDATE_FILE).write_text(mandate_text(council, council_type, Labels(config.language)), encoding="utf-8")
    path = folder / COUNCIL_FILE
    path.write_text(council_yaml(council, council_type, schema_comment(root)), encoding="utf-8")
    return path


def _scalar(value: str) -> str:
    """A YAML string scalar: a JSON string is one, and quoting always is never wrong."""
    return json.dumps(value, ensure_ascii=False)


def council_yaml(council: NewCouncil, council_type: CouncilType, comment: str) -> str:
    lines = [
        comment,
        f"name: {_scalar(council.name)}",
        f"type: {council.type}",
        f"sector: {council.sector}",
        f"unit: {_scalar(council.unit)}",
        f"established: {council.established.isoformat()}",
        f"mandate: {MANDATE_FILE}  # written from the type's rules: add the council's purpose and tasks there",
        "",
        f"# The roles a council of type {council.type} has: {', '.join(council_type.roles)}.",
        "# Add each member under members (and remove the []), e.g. one line per role:",
        "# members:",
        *(f"#   - {line}" for line in example_members(council, council_type)),
        "members: []",
        "",
        "# The meeting plan, e.g. (id: the year and the meeting's number in it, kept when the meeting moves):",
        '#   - {id: YYYY-1, date: YYYY-MM-DD, time: "18:00", end: "20:00", place: Møterommet}',
        "meetings: []",
        "",
    ]
    return "\n".join(lines)


def example_members(council: NewCouncil, council_type: CouncilType) -> list[str]:
    """One example member line per role the type allows, valid if uncommented."""
    term = _term(council.established, council_type.term_years)
    represents = "relatives" if council_type.chair is ChairRule.RELATIVE else "users"
    deputy_for = ", deputy_for: leder" if council_type.deputies.kind is DeputyKind.PERSONAL else ""
    examples: dict[Role, str] = {
        Role.CHAIR: f"{{id: leder, name: Fornavn Etternavn, role: chair, represents: {represents}{term}}}",
        Role.DEPUTY_CHAIR: f"{{id: nestleder, name: Fornavn Etternavn, role: deputy_chair, represents: {represents}{term}}}",
        Role.USER_REPRESENTATIVE: f"{{name: Fornavn Etternavn, role: user_representative, represents: users{term}}}",
        Role.DEPUTY: f"{{name: Fornavn Etternavn, role: deputy{deputy_for}{term}}}",
        Role.UNIT_MANAGER: "{name: Fornavn Etternavn, role: unit_manager, title: enhetsleder, email: fornavn.etternavn@example.org}",
        Role.STAFF: "{name: Fornavn Etternavn, role: staff, title: sykepleier}",
        Role.SECRETARY: "{name: Fornavn Etternavn, role: secretary}",
        Role.OBSERVER: "{name: Fornavn Etternavn, role: observer, organisation: Brukerorganisasjonen}",
    }
    return [examples[role] for role in council_type.roles]


def _term(start: dt.date, years: int | None) -> str:
    """`, from: …, to: …` for a term that starts when the council does."""
    if years is None:
        return f", from: {start.isoformat()}"
    try:
        end = start.replace(year=start.year + years) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return f", from: {start.isoformat()}, to: {end.isoformat()}"


def mandate_text(council: NewCouncil, council_type: CouncilType, labels: Labels) -> str:
    """A first mandate, from the type's rules, for the council to complete in its own words."""
    _ = labels.gettext
    sentences = [
        _("%(name)s advises %(unit)s.", name=council.name, unit=council.unit),
        _("Council type: %(type)s.", type=council_type.label),
        _("The council has %(count)s user representatives.", count=_count(council_type.representatives, labels)),
        _deputies(council_type.deputies, labels),
        _term_sentence(council_type.term_years, labels),
        _meetings(council_type.meetings_per_year, labels),
        _chair(council_type, labels),
    ]
    return "".join(f"- {sentence}\n" for sentence in sentences if sentence)


def _count(count: Count, labels: Labels) -> str:
    if count.one_of:
        numbers = [str(n) for n in count.one_of]
        return labels.gettext("%(some)s or %(last)s", some=", ".join(numbers[:-1]), last=numbers[-1]) if len(numbers) > 1 else numbers[0]
    if count.min is not None and count.max is not None:
        return labels.gettext("%(min)s to %(max)s", min=count.min, max=count.max)
    if count.min is not None:
        return labels.gettext("at least %(min)s", min=count.min)
    return labels.gettext("at most %(max)s", max=count.max) if count.max is not None else ""


def _deputies(rule: DeputyRule, labels: Labels) -> str:
    if rule.kind is DeputyKind.PERSONAL:
        if rule.required:
            return labels.gettext("Each user representative has a personal deputy.")
        return labels.gettext("Each user representative should have a personal deputy.")
    if rule.kind is DeputyKind.POOLED and rule.count:
        return labels.ngettext("The council has %(num)s deputy.", "The council has %(num)s deputies.", rule.count)
    return ""


def _term_sentence(years: int | None, labels: Labels) -> str:
    if years is None:
        return ""
    return labels.ngettext("Members are elected for %(num)s year at a time.", "Members are elected for %(num)s years at a time.", years)


def _meetings(count: Count | None, labels: Labels) -> str:
    if count is None:
        return ""
    return labels.gettext("The council meets %(count)s times a year.", count=_count(count, labels))


def _chair(council_type: CouncilType, labels: Labels) -> str:
    chair: dict[ChairRule, Callable[[], str]] = {
        ChairRule.REPRESENTATIVE: lambda: labels.gettext("The council elects its chair among the user representatives."),
        ChairRule.RELATIVE: lambda: labels.gettext("The chair represents the relatives."),
        ChairRule.STAFF: lambda: labels.gettext("The service leads the meetings."),
        ChairRule.ANY: lambda: "",
    }
    deputy_chair = labels.gettext("The council also elects a deputy chair.") if council_type.deputy_chair else ""
    return f"{chair[council_type.chair]()} {deputy_chair}".strip()
