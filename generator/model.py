"""The domain: councils, their rosters, meeting plans and minutes, and the rules of each type.

These models are the one source of truth for the file formats: `raad check` validates
`council.yml` and `site-config.yml` against them, and `raad schema` derives the JSON Schema
that editors use from them. Field descriptions are written for the municipal secretary who
edits the YAML, since editors show them as hover help.

Only the shape of each file is checked here; rules that need more than one value (a term
that ends before it starts, two chairs at once) live in `checks` and `health`, where they
can name the exact line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetJsonSchemaHandler, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from generator.problems import Problem
from generator.yamlsafe import Document

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EMAIL_PATTERN = (
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
"""An e-mail address as HTML defines it for forms (a valid e-mail address, with a dot in
the domain): what a mailto: link and every mail program accept."""
WEB_ADDRESS_PATTERN = r"^https?://[^\s/?#\\\"'<>`^{|}]+(?:[/?#][^\s\\\"'<>`^{|}]*)?$"
"""An http(s) address with a host, and none of the characters that could end the quoted
attribute, Markdown link or YAML value it is written into (space, quotes, angle brackets,
backslash); a real address writes those percent-encoded."""
CONTENT_FILE_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9._/-]*$"
"""A file under content/ that the theme shows in every page (logo, favicon): a plain path,
since the theme writes it into an attribute as it is."""
REPOSITORY_USER_PATTERN = r"^@?[A-Za-z0-9][A-Za-z0-9_.-]{0,254}(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$"
"""A user (or team, `@org/team`, or GitLab group) on the repository host as CODEOWNERS names
it, with or without the `@`: letters, digits, hyphens (and GitLab's dots and underscores),
no spaces, so that it is one word in CODEOWNERS."""
REVIEWED_NUMBER_PATTERN = r"^x{9}[0-9]{2}$"
"""A reviewed identity number as `raad check` masks it (generator/identity_numbers.py)."""
SITE_TIME_ZONE = ZoneInfo("Europe/Oslo")
"""Where the councils meet: "today" and the day a file changed are days in this zone,
whatever the machine's time zone (CI runs in UTC)."""
Language = Literal["nb", "nn", "en"]
"""The languages the site's labels are translated into (generator/locale/)."""
CONFIG_FILE = "site-config.yml"
"""The project's configuration file, at the top of the project folder."""
COUNCILS_DIR = "councils"
CONTENT_DIR = "content"
THEME_DIR = "theme"
COUNCIL_FILE = "council.yml"


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (earlier for a negative number): 28 February for 29
    February in a common year. Terms and the health windows count in whole years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def clock_time(text: str) -> dt.time:
    """A time as staff write it, "18:00" or "9:30", as a time of day: compared as a clock
    reads it ("9:30" before "18:00"), which the text is not."""
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def council_folder(slug: str) -> str:
    """A council's folder, relative to the project: `councils/<slug>`."""
    return f"{COUNCILS_DIR}/{slug}"


def _iso_date(value: Any) -> Any:
    """Accept a YAML date or ISO text; refuse numbers and date-times, which pydantic would
    otherwise read as seconds since 1970."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_with_time", "expected a date as YYYY-MM-DD without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_invalid", "{value} is not a real date", {"value": value}) from None
    raise PydanticCustomError("date_expected", "expected a date as YYYY-MM-DD")


class _ShortForm:
    """Tell the JSON Schema that a field also takes a short form (a number, a bare string)
    that a before-validator expands into the full model."""

    def __init__(self, short: dict[str, Any]) -> None:
        self.short = short

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"anyOf": [self.short, handler(core_schema)]}


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="Lower-case letters, digits and hyphens, e.g. `hjemmetjenester`.")]
Text = Annotated[str, Field(min_length=1)]
RepositoryUser = Annotated[
    str, Field(pattern=REPOSITORY_USER_PATTERN, description="A user on the repository host, e.g. @kari-nordmann, or a team, @org/team.")
]


class Model(BaseModel):
    """Base of every file model: unknown fields are mistakes, and whitespace is noise."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False, populate_by_name=True)


class Role(StrEnum):
    """A member's role on the council (fixed, so that "leder" and "leiar" cannot both appear)."""

    CHAIR = "chair"  # leder
    DEPUTY_CHAIR = "deputy_chair"  # nestleder
    USER_REPRESENTATIVE = "user_representative"  # brukerrepresentant
    DEPUTY = "deputy"  # vararepresentant
    UNIT_MANAGER = "unit_manager"  # enhetsleder / tjenesteleder
    STAFF = "staff"  # ansatt
    SECRETARY = "secretary"  # sekretær
    OBSERVER = "observer"  # observatør

    @property
    def is_employee(self) -> bool:
        """Municipal employees publish work contact details by default; lay members do not."""
        return self in (Role.UNIT_MANAGER, Role.STAFF, Role.SECRETARY)


class Group(StrEnum):
    """Whom a lay member speaks for."""

    USERS = "users"  # brukere
    RESIDENTS = "residents"  # beboere
    RELATIVES = "relatives"  # pårørende
    PARENTS = "parents"  # foreldre
    PUPILS = "pupils"  # elever
    GUARDIANS = "guardians"  # verger
    ORGANISATION = "organisation"  # brukerorganisasjon


class Count(Model):
    """How many of something a council type allows: `one_of: [3, 5]`, or `min`/`max`,
    or just a number such as `2`."""

    one_of: list[int] | None = Field(None, description="The allowed numbers, e.g. [3, 5].")
    min: int | None = Field(None, ge=0, description="At least this many.")
    max: int | None = Field(None, ge=0, description="At most this many.")

    def allows(self, number: int) -> bool:
        if self.one_of is not None and number not in self.one_of:
            return False
        if self.min is not None and number < self.min:
            return False
        return self.max is None or number <= self.max

    def seats_for(self, seated: int) -> int:
        """The seats a council with `seated` representatives has when its file does not say:
        the fewest the rule allows that hold them all, or the most it allows when none do."""
        if self.one_of:
            fitting = [n for n in self.one_of if n >= seated and self.allows(n)]
            return min(fitting) if fitting else max(self.one_of)
        seats = max(seated, self.min or 0)
        return min(seats, self.max) if self.max is not None else seats


def _count(value: Any) -> Any:
    return {"one_of": [value]} if isinstance(value, int) and not isinstance(value, bool) else value


CountSpec = Annotated[
    Count,
    BeforeValidator(_count),
    _ShortForm({"type": "integer", "minimum": 0}),
]


class DeputyKind(StrEnum):
    PERSONAL = "personal"  # personlig vara: one per representative
    POOLED = "pooled"  # a number of deputies shared by the council
    NONE = "none"


class DeputyRule(Model):
    """Deputies: `kind: personal` (each representative has their own), or `kind: pooled`
    with a `count`."""

    kind: DeputyKind = Field(description="personal, pooled or none.")
    count: int | None = Field(None, ge=0, description="For pooled deputies: how many seats.")
    required: bool = Field(True, description="False where deputies are only recommended.")


class ChairRule(StrEnum):
    """Who may chair a council of a type."""

    REPRESENTATIVE = "representative"  # any user representative
    RELATIVE = "relative"  # a representative of relatives (health and welfare centres)
    STAFF = "staff"  # the service leads the meetings (brukerutvalg)
    ANY = "any"


def _evaluation_rule(value: Any) -> Any:
    return {} if value == "yearly" else value


class EvaluationRule(Model):
    """A yearly self-evaluation of the council's work (seed 001: every June; seed 004: yearly)."""

    month: int | None = Field(None, ge=1, le=12, description="The month it is due, e.g. 6 for June; without it, any time in the year.")


EvaluationSpec = Annotated[
    EvaluationRule,
    BeforeValidator(_evaluation_rule),
    _ShortForm({"const": "yearly"}),
]


class CouncilType(Model):
    """The rules one kind of council follows, from the municipality's guidelines."""

    label: Text = Field(description="Name shown on the site, e.g. Brukerråd.")
    description: str = Field("", description="Where the rules come from; Markdown.")
    representatives: CountSpec = Field(description="Allowed number of user representatives.")
    deputies: DeputyRule = Field(default_factory=lambda: DeputyRule(kind=DeputyKind.NONE))
    term_years: int | None = Field(None, ge=1, description="Length of a member's term in years.")
    meetings_per_year: CountSpec | None = Field(None, description="Minimum (and maximum) meetings a year.")
    chair: ChairRule = Field(ChairRule.ANY, description="Who may chair: representative, relative, staff or any.")
    deputy_chair: bool = Field(False, description="true when the council must also have a deputy chair (nestleder).")
    evaluation: EvaluationSpec | None = Field(
        None, description="A yearly self-evaluation: yearly, or {month: 6} when it is due every June."
    )
    roles: list[Role] = Field(default_factory=lambda: list(Role), description="Roles a council of this type has.")


class ContactMeeting(Model):
    """A sector's yearly contact meeting with the political committee (kontaktmøte, seed 002)."""

    date: IsoDate
    committee: str | None = Field(None, description="Whom the councils met, e.g. Helse- og velferdskomiteen.")
    topic: str | None = Field(None, description="The theme of the meeting.")
    minutes: str | None = Field(None, description="Minutes as a file under content/, e.g. kontaktmoter/2026-03-18.md or .pdf.")


class Sector(Model):
    """A group of councils by service type (seed 002: four sectors in health and welfare)."""

    id: Slug
    name: Text
    description: str = ""
    order: int = Field(0, description="Position in lists; lower comes first.")
    contact_meetings: list[ContactMeeting] = Field(default_factory=list)


PrimaryColour = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green", "light-green",
    "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white",
]  # fmt: skip
"""The Material theme's primary colours."""
AccentColour = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green", "light-green",
    "lime", "yellow", "amber", "orange", "deep-orange",
]  # fmt: skip
"""The Material theme's accent colours."""
ThemeFeature = Literal[
    "announce.dismiss", "content.action.edit", "content.action.view", "content.code.annotate", "content.code.copy",
    "content.code.select", "content.footnote.tooltips", "content.tabs.link", "content.tooltips", "header.autohide",
    "navigation.expand", "navigation.footer", "navigation.indexes", "navigation.path", "navigation.sections",
    "navigation.tabs", "navigation.tabs.sticky", "navigation.tracking", "toc.follow", "toc.integrate",
]  # fmt: skip
"""The Material theme's features a site may switch on (raad sets navigation.top,
navigation.prune and search.highlight itself; instant loading would bypass raad's scripts)."""


class PaletteToggle(Model):
    """The switch between two palettes (light and dark)."""

    icon: str = Field(pattern=r"^material/[a-z0-9-]+$", description="An icon of the theme, e.g. material/brightness-7.")
    name: Text = Field(description="What the switch says to screen readers, e.g. Bytt til mørk modus.")


class Palette(Model):
    """One colour scheme of the Material theme; only its own names are accepted, since each
    value is written into every page."""

    scheme: Literal["default", "slate"] | None = Field(None, description="default (light) or slate (dark).")
    primary: PrimaryColour | None = Field(None, description="The main colour, e.g. indigo.")
    accent: AccentColour | None = Field(None, description="The colour of links and buttons, e.g. indigo.")
    media: Literal["(prefers-color-scheme)", "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"] | None = Field(
        None, description="When this palette applies: (prefers-color-scheme: light) or (prefers-color-scheme: dark)."
    )
    toggle: PaletteToggle | None = None


def _palettes(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


PaletteSpec = Annotated[list[Palette], BeforeValidator(_palettes), _ShortForm({"type": "object"})]
"""One palette, or a list of them (a light and a dark one, with a toggle)."""


class ThemeSettings(Model):
    """The theme settings a municipality may change (those of the Material theme). Fonts are
    not among them: the site loads nothing from other hosts, so system fonts are used."""

    palette: PaletteSpec | None = Field(None, description="The theme's palette, e.g. {primary: indigo}.")
    logo: str | None = Field(None, pattern=CONTENT_FILE_PATTERN, description="A file under content/, e.g. assets/logo.svg.")
    favicon: str | None = Field(None, pattern=CONTENT_FILE_PATTERN, description="A file under content/, e.g. assets/favicon.png.")
    features: list[ThemeFeature] = Field(default_factory=list, description="Extra features of the Material theme, e.g. navigation.tabs.")


class ReviewedNumber(Model):
    """A personal identity number that was reviewed and may be published in this document,
    recorded in the masked form `raad check` prints, so that the record publishes nothing."""

    number: str = Field(
        pattern=REVIEWED_NUMBER_PATTERN,
        description=(
            "The number as raad check prints it: x nine times and its last two digits, e.g. xxxxxxxxx45. "
            "Never write the whole number here."
        ),
    )
    reason: Text = Field(description="Why it may be published, and who reviewed it, e.g. the person's written consent.")


ReviewedNumbers = Annotated[
    list[ReviewedNumber],
    Field(
        description=(
            "Personal identity numbers (fødselsnummer, D-number) in this document that were reviewed and may be "
            "published; raad check stops every other one."
        )
    ),
]


COMPLAINT_URL = "https://www.uutilsynet.no/"
"""Where a reader reports a site that fails the law's requirements when the municipality's
own answer does not help: the Authority for Universal Design of ICT (Tilsynet for universell
utforming av IKT, part of Digitaliseringsdirektoratet)."""
DISCRIMINATION_COMPLAINT_URL = "https://www.diskrimineringsnemnda.no/"
"""Where a reader complains that the site breaks the rules on universal design, which the
law on equality and discrimination counts as discrimination: the Anti-Discrimination Tribunal
(Diskrimineringsnemnda), as the authority's model statement says."""
SUCCESS_CRITERION_PATTERN = r"^[1-4]\.[1-9]\.[1-9][0-9]?$"
"""A WCAG 2.1 success criterion by its number, e.g. 1.4.3."""


class Conformance(StrEnum):
    """How far the site meets the requirements, in the terms of the supervisory authority's
    statement (uustatus.no): fully, partially or not in compliance."""

    FULL = "full"  # i samsvar
    PARTIAL = "partial"  # delvis i samsvar
    NONE = "none"  # ikke i samsvar


class AccessibilityDeviation(Model):
    """One requirement the site does not meet: which, where, and why."""

    criterion: str = Field(pattern=SUCCESS_CRITERION_PATTERN, description="The WCAG 2.1 success criterion, e.g. 1.4.3.")
    description: Text = Field(description="What does not meet it, and where, e.g. Minutes published as PDF lack headings.")
    reason: Text = Field(description="Why, e.g. scanned documents from before 2020; or when it will be fixed.")


class AccessibilityStatement(Model):
    """The accessibility statement (tilgjengelighetserklæring) that public websites in Norway
    must publish: compliance, known deviations, a contact for feedback and the complaint route."""

    status: Conformance = Field(
        Conformance.PARTIAL, description="full, partial (the default) or none: how far the site meets WCAG 2.1 AA."
    )
    tested: IsoDate | None = Field(None, description="The day the site was last tested, YYYY-MM-DD.")
    method: str | None = Field(None, description="How it was tested, e.g. with axe-core and manual keyboard tests.")
    contact_email: str | None = Field(
        None, pattern=EMAIL_PATTERN, description="Where readers report problems, e.g. postmottak@kommune.no."
    )
    contact_url: str | None = Field(
        None, pattern=WEB_ADDRESS_PATTERN, description="A feedback form for reporting problems, e.g. https://kommune.no/tilbakemelding/"
    )
    complaint_url: str = Field(
        COMPLAINT_URL,
        pattern=WEB_ADDRESS_PATTERN,
        description="Where readers complain when feedback does not help (the supervisory authority).",
    )
    discrimination_complaint_url: str = Field(
        DISCRIMINATION_COMPLAINT_URL,
        pattern=WEB_ADDRESS_PATTERN,
        description="Where readers complain that the site breaks the rules on universal design (the Anti-Discrimination Tribunal).",
    )
    registered_url: str | None = Field(
        None,
        pattern=WEB_ADDRESS_PATTERN,
        description="The statement as registered in uustatus.no, where public bodies must also publish it.",
    )
    deviations: list[AccessibilityDeviation] = Field(
        default_factory=list, description="Known deviations from WCAG 2.1 AA, each with its success criterion and the reason."
    )


NLOD_NAME = "Norsk lisens for offentlige data (NLOD) 2.0"
NLOD_URL = "https://data.norge.no/nlod/no/2.0"
"""The Norwegian licence for open government data, the default licence of the open data."""


class Licence(Model):
    """The licence of the open data (data/v1/): its name and where it is written."""

    name: Text = Field(NLOD_NAME, description="The licence's name, e.g. Norsk lisens for offentlige data (NLOD) 2.0.")
    url: str = Field(NLOD_URL, pattern=WEB_ADDRESS_PATTERN, description="Where the licence is written, e.g. https://data.norge.no/nlod/no/2.0")


class OpenDataSettings(Model):
    """How the open data under data/v1/ is published."""

    licence: Licence = Field(
        default_factory=Licence,
        description="The licence the data is published under; default NLOD 2.0, the licence for open government data.",
    )


class SiteConfig(Model):
    """`site-config.yml`: the municipality, the site, its sectors and council types."""

    municipality: Text = Field(description="e.g. Trondheim kommune.")
    site_name: Text
    site_url: str = Field(
        pattern=WEB_ADDRESS_PATTERN, description="Public address, may end in a sub-path: https://example.org/brukerrad/"
    )
    language: Language = Field("nb", description="Language of the site: nb, nn or en.")
    edit_url: str | None = Field(
        None, pattern=WEB_ADDRESS_PATTERN, description="Base for 'edit this page' links, e.g. https://github.com/org/repo/edit/main/"
    )
    example_data: bool = Field(False, description="Show a banner that the site holds example data.")
    example_day: IsoDate | None = Field(
        None,
        description=(
            "For an example site: the day its data describes, YYYY-MM-DD. raad check, build, serve and report work as of "
            "this day unless --today says otherwise, so the example shows the same meetings and council health whenever "
            "it is built. A real site leaves it out."
        ),
    )
    publish_drafts: bool = Field(False, description="Publish minutes marked status: draft (normally withheld).")
    theme: ThemeSettings = Field(default_factory=ThemeSettings)
    function_addresses: list[Text] = Field(
        default_factory=list,
        description=(
            "E-mail addresses and phone numbers that belong to the municipality, not to a person, e.g. "
            "postmottak@kommune.no or the switchboard: minutes may name them without a warning. Other contact "
            "details in minutes must belong to the council or to a member whose details are public."
        ),
    )
    accessibility: AccessibilityStatement | None = Field(
        None, description="The accessibility statement: status, known deviations, test date and contact for feedback."
    )
    web_team: list[RepositoryUser] = Field(
        default_factory=list,
        description=(
            "Who reviews changes to site-config.yml, theme/, content/ and the CI files, as users or teams on the "
            "repository host, e.g. [\"@kommune/nettredaksjonen\"]; raad codeowners writes them into CODEOWNERS."
        ),
    )
    open_data: OpenDataSettings = Field(
        default_factory=OpenDataSettings, description="The open data under data/v1/: its licence (default NLOD 2.0)."
    )
    sectors: list[Sector] = Field(min_length=1)
    council_types: dict[str, CouncilType] = Field(min_length=1)


class ContactDetail(Model):
    """One way to reach a member. `public` decides whether the site may show it."""

    value: Text
    public: bool | None = Field(None, description="true to publish. Defaults to false for lay members and true for municipal employees.")


def _detail(value: Any) -> Any:
    if isinstance(value, str):
        return {"value": value}
    if value is not None and not isinstance(value, dict):
        raise PydanticCustomError("string_type", "expected text, or value: and public:")
    return value


ContactSpec = Annotated[
    ContactDetail,
    BeforeValidator(_detail),
    _ShortForm({"type": "string", "minLength": 1}),
]


class Term(Model):
    """Something that holds between two dates, both optional and inclusive."""

    start: IsoDate | None = Field(None, alias="from", description="First day, YYYY-MM-DD.")
    end: IsoDate | None = Field(None, alias="to", description="Last day, YYYY-MM-DD.")

    def is_active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def overlaps(self, other: Term) -> bool:
        starts_before_other_ends = self.start is None or other.end is None or self.start <= other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start <= self.end
        return starts_before_other_ends and ends_after_other_starts


class Membership(Term):
    """A person's seat on a council, for a term."""

    id: Slug | None = Field(None, description="Short name to refer to this member, e.g. in deputy_for.")
    name: Text
    role: Role
    title: str | None = Field(None, description="Job title, e.g. enhetsleder or faglig ansvarlig.")
    represents: Group | None = Field(None, description="Whom a lay member speaks for.")
    organisation: str | None = Field(None, description="The user organisation a member comes from, e.g. Mental Helse.")
    deputy_for: str | None = Field(None, description="For a personal deputy: the id or name of the representative.")
    email: ContactSpec | None = None
    phone: ContactSpec | None = None

    @field_validator("email")
    @classmethod
    def _email_address(cls, detail: ContactDetail | None) -> ContactDetail | None:
        """A member's address becomes a mailto: link, so it must be an address."""
        if detail is not None and not re.fullmatch(EMAIL_PATTERN, detail.value):
            raise PydanticCustomError("email", "expected an e-mail address such as name@example.org")
        return detail

    @property
    def is_representative(self) -> bool:
        """Voting user representatives (guideline 4): chairs count when they represent users."""
        if self.role is Role.USER_REPRESENTATIVE:
            return True
        return self.role in (Role.CHAIR, Role.DEPUTY_CHAIR) and self.represents is not None

    def publishes(self, detail: ContactDetail | None) -> bool:
        if detail is None:
            return False
        return detail.public if detail.public is not None else self.role.is_employee


class CouncilContact(Model):
    """How to reach the council itself; always public."""

    email: str | None = Field(None, pattern=EMAIL_PATTERN)
    phone: str | None = None
    address: str | None = None
    url: str | None = Field(None, pattern=WEB_ADDRESS_PATTERN)


TIME_PATTERN = r"^([01]?\d|2[0-3]):[0-5]\d$"
"""A time of day as staff write it, in quotes: "18:00" or "9:30"."""


class Meeting(Model):
    """A planned meeting (møteplan). A meeting that moves or is cancelled stays on the plan,
    so that the page says so and a subscribed calendar updates the event it already has."""

    id: Slug | None = Field(
        None,
        description="A short name that stays when the meeting moves, e.g. 2027-1 (the first meeting of 2027); unique within the council.",
    )
    date: IsoDate
    time: str | None = Field(None, pattern=TIME_PATTERN, description='Start time in quotes, "18:00".')
    end: str | None = Field(None, pattern=TIME_PATTERN, description='End time in quotes, "20:00"; after the start time.')
    place: str | None = None
    note: str | None = None
    moved_from: IsoDate | None = Field(None, description="The day the meeting was first planned, YYYY-MM-DD, when it has moved.")
    cancelled: bool = Field(False, description="true when the meeting is cancelled; it stays on the plan, shown as cancelled.")

    @property
    def order(self) -> tuple[dt.date, bool, dt.time]:
        """Its place in the plan: the day, then the start time as a clock reads it ("9:30"
        before "18:00"); a meeting without a time comes first on its day."""
        return (self.date, self.time is not None, clock_time(self.time) if self.time else dt.time.min)

    @property
    def starts(self) -> dt.datetime | None:
        """When it starts, in Oslo (summer time or not); None without a time."""
        return dt.datetime.combine(self.date, clock_time(self.time), tzinfo=SITE_TIME_ZONE) if self.time else None

    @property
    def ends(self) -> dt.datetime | None:
        """When it ends, when the plan gives a start and an end (an end alone is a check error)."""
        if self.time is None or self.end is None:
            return None
        return dt.datetime.combine(self.date, clock_time(self.end), tzinfo=SITE_TIME_ZONE)

    @property
    def identity(self) -> str:
        """What keeps a meeting the same event in a calendar while it changes: its id, else
        the day it was first planned (`moved_from`), else its day. So a new time keeps the
        event, and so does a new day when the meeting has an id or says where it moved from."""
        if self.id is not None:
            return f"id-{self.id}"
        return (self.moved_from or self.date).isoformat()


class Evaluation(Model):
    """A yearly self-evaluation the council held (evaluering)."""

    date: IsoDate = Field(description="The day the council evaluated its work, YYYY-MM-DD.")
    summary: str | None = Field(None, description="What came of it, in a sentence or two.")


class CouncilFile(Model):
    """`councils/<slug>/council.yml` as written: the file model that `raad check` validates
    and the JSON Schema describes. The site works with `Council`, built from it by loading."""

    model_config = ConfigDict(title="Council")

    name: Text
    type: str = Field(description="A key of council_types in site-config.yml.")
    sector: str = Field(description="An id of sectors in site-config.yml.")
    unit: Text = Field(description="The unit (enhet) the council advises.")
    established: IsoDate
    dissolved: IsoDate | None = Field(None, description="A date makes the council historical; it stays published.")
    mandate: str | None = Field(None, description="A Markdown file beside council.yml, e.g. mandate.md.")
    mandate_given_by: str | None = Field(
        None, description="Who gave the mandate, as the source says, e.g. kommunalsjef for helse og velferd."
    )
    mandate_given_on: IsoDate | None = Field(None, description="The day the mandate was given, YYYY-MM-DD.")
    contact: CouncilContact | None = None
    seats: int | None = Field(
        None,
        ge=1,
        description=(
            "How many seats for user representatives the council has, e.g. 5; it must fit the type's rule. "
            "Default: the fewest the rule allows for the representatives on the roster."
        ),
    )
    members: list[Membership] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list, description="The meeting plan.")
    evaluations: list[Evaluation] = Field(default_factory=list, description="The yearly self-evaluations the council held.")
    reviewed_identity_numbers: ReviewedNumbers = Field(default_factory=list)
    maintainers: list[RepositoryUser] = Field(
        default_factory=list,
        description=(
            "Who keeps this council's folder up to date and reviews changes to it, as user names on the repository host, "
            "e.g. [\"@kari-nordmann\"]; raad codeowners writes them into CODEOWNERS."
        ),
    )


@dataclass
class Mandate:
    """A council's mandate: its text (Markdown beside council.yml), and who gave it when."""

    text: str | None = None
    given_by: str | None = None
    given_on: dt.date | None = None
    path: str | None = None
    """The mandate file relative to the project, e.g. councils/x/mandate.md."""


def _council_digest(slug: str, data: CouncilFile, mandate_text: str | None, updated: dt.date) -> str:
    parts = (slug, data.model_dump_json(), mandate_text or "", updated.isoformat())
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


@dataclass
class Council:
    """One council as the site knows it: what its `council.yml` says, where it lives, its
    mandate and minutes, and when its folder last changed. Built by `generator.load` only."""

    slug: str
    name: str
    type: str
    sector: str
    unit: str
    established: dt.date
    dissolved: dt.date | None
    contact: CouncilContact | None
    members: list[Membership]
    meetings: list[Meeting]
    mandate: Mandate
    minutes: list[Minutes]
    updated: dt.date
    """The day the council's folder last changed (git history, else file times), gathered
    while loading so that page assembly reads no file."""
    source: Document | None = None
    reviewed_numbers: list[ReviewedNumber] = field(default_factory=list)
    """Identity numbers reviewed for publication in council.yml and the mandate."""
    seats: int | None = None
    """The seats for user representatives, when council.yml says (`health` assumes the fewest
    the type allows otherwise)."""
    evaluations: list[Evaluation] = field(default_factory=list)
    maintainers: list[str] = field(default_factory=list)
    """Who reviews changes to the council's folder (user names on the repository host)."""
    digest: str = ""
    """A hash of everything above but the minutes: what council.yml and the mandate say, and
    the day the folder last changed (a page's key holds it: `generator.page_memo`)."""

    @classmethod
    def from_file(
        cls, slug: str, data: CouncilFile, *, mandate_text: str | None, minutes: list[Minutes], updated: dt.date, source: Document | None
    ) -> Council:
        path = f"{council_folder(slug)}/{data.mandate}" if data.mandate else None
        mandate = Mandate(mandate_text, data.mandate_given_by, data.mandate_given_on, path)
        return cls(
            slug=slug,
            name=data.name,
            type=data.type,
            sector=data.sector,
            unit=data.unit,
            established=data.established,
            dissolved=data.dissolved,
            contact=data.contact,
            members=data.members,
            meetings=data.meetings,
            mandate=mandate,
            minutes=minutes,
            updated=updated,
            source=source,
            reviewed_numbers=data.reviewed_identity_numbers,
            seats=data.seats,
            evaluations=data.evaluations,
            maintainers=data.maintainers,
            digest=_council_digest(slug, data, mandate_text, updated),
        )

    @property
    def folder(self) -> str:
        return council_folder(self.slug)

    @property
    def file(self) -> str:
        return f"{self.folder}/{COUNCIL_FILE}"

    def published_minutes(self, publish_drafts: bool) -> list[Minutes]:
        """The minutes a reader may see, newest first: approved ones, drafts only if configured."""
        if publish_drafts:
            return self.minutes
        return [m for m in self.minutes if m.meta.status is MinutesStatus.APPROVED]

    def is_historical(self, on: dt.date) -> bool:
        return self.dissolved is not None and self.dissolved <= on

    def upcoming_meetings(self, on: dt.date) -> list[Meeting]:
        """Meetings on the plan on or after `on`, soonest first, cancelled ones too (the plan
        shows them as cancelled); none once the council is dissolved."""
        if self.is_historical(on):
            return []
        return sorted((m for m in self.meetings if m.date >= on), key=lambda m: m.order)

    def find_member(self, key: str, among: list[Membership] | None = None) -> Membership | None:
        """The member `key` names (by id, else by name), as `deputy_for` refers to them."""
        members = self.members if among is None else among
        return next((m for m in members if m.id == key), None) or next((m for m in members if m.name == key), None)

    def line(self, *loc: str | int) -> int | None:
        return self.source.line(loc) if self.source else None


class MinutesStatus(StrEnum):
    """Municipalities publish approved minutes; a draft stays off the site unless
    site-config.yml says `publish_drafts: true` (leaked drafts are a known failure)."""

    DRAFT = "draft"
    APPROVED = "approved"


class FollowUpStatus(StrEnum):
    """The unit manager's answer to an advisory decision (guidelines 4 to 6 of seed 000)."""

    PENDING = "pending"  # ikke behandlet ennå
    FOLLOWED = "followed"  # fulgt
    PARTLY_FOLLOWED = "partly_followed"  # delvis fulgt
    NOT_FOLLOWED = "not_followed"  # ikke fulgt: must be justified


class FollowUp(Model):
    """How the unit manager followed up an advisory decision, and when."""

    status: FollowUpStatus = Field(FollowUpStatus.PENDING, description="pending, followed, partly_followed or not_followed.")
    date: IsoDate | None = Field(None, description="When the unit manager reported back.")
    justification: str | None = Field(None, description="Why the advice was not (fully) followed; required for not_followed.")


class Decision(Model):
    """An advisory decision (rådgivende vedtak) recorded in the minutes."""

    id: Text = Field(description="The case number, e.g. 3/26; unique within the council.")
    advice: Text = Field(description="What the council advised.")
    follow_up: FollowUp = Field(default_factory=FollowUp)


class MinutesMeta(Model):
    """Front matter of Markdown minutes, or the sidecar YAML beside a PDF."""

    title: str | None = None
    status: MinutesStatus = Field(MinutesStatus.APPROVED, description="approved (default) or draft; drafts are not published.")
    approved: IsoDate | None = Field(None, description="The day the minutes were approved.")
    agenda: list[Text] = Field(default_factory=list, description="The items on the agenda (saksliste).")
    attendees: list[Text] = Field(default_factory=list, description="Who attended.")
    absent: list[Text] = Field(default_factory=list, description="Who sent apologies.")
    decisions: list[Decision] = Field(default_factory=list, description="Advisory decisions made at the meeting.")
    reviewed_identity_numbers: ReviewedNumbers = Field(default_factory=list)


class MinutesFormat(StrEnum):
    MARKDOWN = "md"
    PDF = "pdf"


@dataclass
class Minutes:
    """One minutes document (møtereferat), named by the meeting's ISO date."""

    date: dt.date
    slug: str
    format: MinutesFormat
    path: str
    meta: MinutesMeta
    metadata_path: str | None = None
    body: str = ""
    body_line: int = 1
    """The line of the file where the Markdown body starts, after the front matter."""
    metadata_source: Document | None = None
    size: int | None = None
    """The PDF's size in bytes, read while loading (None for Markdown minutes)."""

    @property
    def metadata_file(self) -> str:
        """The file that holds this document's metadata: the sidecar of a PDF, or itself."""
        return self.metadata_path or self.path

    def line(self, *loc: str | int) -> int | None:
        return self.metadata_source.line(loc) if self.metadata_source else None


class PageMeta(Model):
    """Front matter of a content page."""

    title: str | None = None
    description: str | None = Field(None, description="One or two sentences about the page, shown by search engines.")
    nav_order: int | None = Field(None, description="Place in the menu; pages without it stay out of the menu.")
    reviewed_identity_numbers: ReviewedNumbers = Field(default_factory=list)


@dataclass
class ContentPage:
    """A hand-written page under content/."""

    path: str  # relative to content/, e.g. om-brukerrad.md
    meta: PageMeta
    body: str
    body_line: int = 1  # the line of the file where the body starts
    source: Document | None = None  # the front matter, with the line of every value


@dataclass
class Project:
    """Everything loaded from one project folder, and every problem met while loading."""

    root: Path
    config: SiteConfig | None
    councils: list[Council] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    config_source: Document | None = None
    pages: list[ContentPage] = field(default_factory=list)
    content_files: list[str] = field(default_factory=list)  # other files under content/, relative to it
