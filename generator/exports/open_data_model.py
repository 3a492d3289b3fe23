"""The open data's records (data/v1/): one definition for the JSON, its schema, the CSV
columns and the documentation page.

The tables the Popolo standard defines (organizations, persons, memberships, posts, events)
keep Popolo's field names and shapes, so that civic-tech tools that read Popolo read them;
raad's own fields are added beside them (Popolo allows more fields), and raad's own tables
(minutes, decisions, findings) follow the same conventions: ids are text, dates ISO 8601,
addresses absolute, and every field is always present (null when empty), so that a program
need not guess. The English descriptions are the documentation: `raad schema` writes them
into generator/schemas/open-data.schema.json (the build publishes that file as
data/v1/schema.json), and the open data page shows them translated (context "schema").

Within v1 fields are only added; a field that changes meaning or goes makes a v2
(`VERSION_POLICY_MONTHS`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from generator.health import Kind, Level
from generator.model import FollowUpStatus, Group, MinutesFormat, MinutesStatus, Role

VERSION = 1
"""The major version of the data format: the `v1` of data/v1/."""
VERSION_POLICY_MONTHS = 12
"""How long data/v1/ is still published after a data/v2/ appears."""
SCHEMA_FILE = "open-data.schema.json"
"""The schema's committed name under generator/schemas/."""

Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]
DateTime = Annotated[
    str,
    Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2})?$"),
]
"""A day (2026-12-01), or a day and a time with its offset from UTC (2026-12-01T18:00:00+01:00)."""


class Record(BaseModel):
    """A row of a table. Fields are never left out: empty ones are null."""

    model_config = ConfigDict(frozen=True)


class Keyed(Record):
    """An item of a list that the CSV spreads over one column per kind (`KEY` names the field
    that says the kind: an e-mail address goes to the column contact_details.email)."""

    KEY: ClassVar[str]


class ContactDetail(Keyed):
    """A means of contacting a council or a person (Popolo's contact detail)."""

    KEY: ClassVar[str] = "type"
    type: Literal["email", "voice", "address"] = Field(
        description="email, voice (a phone number) or address (a postal or visiting address)."
    )
    value: str = Field(description="The e-mail address, phone number or address.")


class OrganizationLink(Keyed):
    """A web page about an organization (Popolo's link)."""

    KEY: ClassVar[str] = "note"
    url: Url = Field(description="The address of the page.")
    note: Literal["page", "website"] = Field(description="page: its page on this site; website: the council's own website.")


class EventLink(Keyed):
    """A document of a meeting (Popolo's link)."""

    KEY: ClassVar[str] = "note"
    url: Url = Field(description="The address of the document.")
    note: Literal["minutes", "pdf"] = Field(
        description="minutes: the minutes page on this site, with the text of a PDF; pdf: the minutes as a PDF."
    )


class OrganizationKind(StrEnum):
    MUNICIPALITY = "municipality"
    SECTOR = "sector"
    COUNCIL = "council"
    ORGANISATION = "organisation"


class Organization(Record):
    """The municipality, its sectors, the councils, and the user organisations members come
    from (Popolo's organization)."""

    id: str = Field(description="The organization's id: kommune, sektor/<sector>, rad/<council> or organisasjon/<name>.")
    name: str = Field(description="The organization's name.")
    kind: OrganizationKind = Field(description="municipality, sector, council or organisation (a user organisation members come from).")
    classification: str | None = Field(description="A council's type of council, e.g. Brukerråd.")
    council_type: str | None = Field(description="A council's type as site-config.yml names it, e.g. brukerrad.")
    parent_id: str | None = Field(description="The organization it belongs to: a council's sector, a sector's municipality.")
    unit: str | None = Field(description="The unit (enhet) a council advises.")
    description: str | None = Field(description="A sector's description.")
    founding_date: dt.date | None = Field(description="The day a council was established.")
    dissolution_date: dt.date | None = Field(description="The day a council was dissolved; empty while it is active.")
    contact_details: list[ContactDetail] = Field(description="The council's own contact details (never a member's).")
    links: list[OrganizationLink] = Field(description="Its page on this site, and a council's own website.")


class Person(Record):
    """A member of a council (Popolo's person): the name, and only the contact details the
    member's entry marks public."""

    id: str = Field(description="The person's id on one council: rad/<council>/medlem/<member id or name>.")
    name: str = Field(description="The person's name.")
    email: str | None = Field(description="The person's public e-mail address.")
    contact_details: list[ContactDetail] = Field(description="The person's public contact details.")


class Membership(Record):
    """A person's seat on a council in a role, for a term (Popolo's membership): the roster
    the council's page shows."""

    id: str = Field(description="The membership's id: rad/<council>/medlemskap/<member>/<role>.")
    person_id: str = Field(description="The member (persons).")
    organization_id: str = Field(description="The council (organizations).")
    post_id: str | None = Field(description="The post held (posts).")
    role: Role = Field(
        description="The role: chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary or observer."
    )
    label: str = Field(description="The role as the site names it, e.g. Chair.")
    title: str | None = Field(description="The member's job title, e.g. enhetsleder.")
    represents: Group | None = Field(
        description="Whom a lay member speaks for: users, residents, relatives, parents, pupils, guardians or organisation."
    )
    on_behalf_of_id: str | None = Field(description="The user organisation the member comes from (organizations).")
    deputy_for: str | None = Field(description="For a personal deputy: the member they stand in for (persons).")
    start_date: dt.date | None = Field(description="The first day of the term.")
    end_date: dt.date | None = Field(description="The last day of the term.")


class Post(Record):
    """A position on a council that exists whoever holds it (Popolo's post): one for each
    role the council's type has."""

    id: str = Field(description="The post's id: rad/<council>/verv/<role>.")
    organization_id: str = Field(description="The council (organizations).")
    role: Role = Field(description="The role the holders have, as in memberships.")
    label: str = Field(description="The post as the site names it, e.g. User representative.")
    seats: int | None = Field(description="For user representatives: the council's seats (chairs who represent users included).")


class Event(Record):
    """A meeting of a council: on the meeting plan, or held and minuted (Popolo's event)."""

    id: str = Field(description="The meeting's id: rad/<council>/mote/<date>.")
    name: str = Field(description="The meeting's name.")
    classification: Literal["meeting"] = Field(description="Always meeting.")
    organization_id: str = Field(description="The council (organizations).")
    start_date: DateTime = Field(description="The day, or the day and time with the offset from UTC, the meeting starts.")
    end_date: DateTime | None = Field(description="The day and time, with the offset from UTC, the meeting ends, when the plan says.")
    location: str | None = Field(description="Where the meeting is held.")
    description: str | None = Field(description="The meeting plan's note.")
    status: Literal["planned", "held", "cancelled"] = Field(
        description="held: its minutes are published; planned: on the plan, without minutes; cancelled: on the plan, cancelled."
    )
    moved_from: dt.date | None = Field(description="The day the meeting was first planned, when it has moved.")
    calendar_uid: str | None = Field(description="The UID of the meeting's event in the calendars (moter.ics), for meetings on the plan.")
    minutes_id: str | None = Field(description="Its minutes (minutes).")
    links: list[EventLink] = Field(description="Its minutes page and, for minutes in a PDF, the PDF.")


class MinutesRecord(Record):
    """A published minutes document (møtereferat); drafts only where the site publishes them."""

    model_config = ConfigDict(title="Minutes")

    id: str = Field(description="The minutes' id: rad/<council>/referat/<date>.")
    organization_id: str = Field(description="The council (organizations).")
    event_id: str = Field(description="The meeting (events).")
    date: dt.date = Field(description="The day of the meeting.")
    title: str = Field(description="The title the site shows.")
    status: MinutesStatus = Field(description="approved, or draft where the site publishes drafts.")
    approved: dt.date | None = Field(description="The day the minutes were approved.")
    format: MinutesFormat = Field(description="md (written on the site) or pdf.")
    url: Url = Field(description="The minutes page: the text, for a PDF its text version.")
    pdf_url: Url | None = Field(description="The PDF, for minutes in a PDF.")
    agenda: list[str] = Field(description="The items on the agenda.")


class FollowUp(Record):
    """How the unit manager answered an advisory decision."""

    status: FollowUpStatus = Field(description="pending, followed, partly_followed or not_followed.")
    date: dt.date | None = Field(description="The day the unit manager answered.")
    justification: str | None = Field(description="Why the advice was not (fully) followed.")


class DecisionRecord(Record):
    """An advisory decision (rådgivende vedtak) in published minutes, with its follow-up."""

    model_config = ConfigDict(title="Decision")

    id: str = Field(description="The decision's id: rad/<council>/vedtak-<case number>.")
    case_number: str = Field(description="The case number, e.g. 3/26.")
    organization_id: str = Field(description="The council (organizations).")
    minutes_id: str = Field(description="The minutes it is recorded in (minutes).")
    event_id: str = Field(description="The meeting (events).")
    date: dt.date = Field(description="The day of the meeting.")
    advice: str = Field(description="What the council advised.")
    follow_up: FollowUp = Field(description="The unit manager's answer.")
    url: Url = Field(description="The decision's page.")


class FindingRecord(Record):
    """Something that needs attention at an active council, measured against the rules of
    its type (the status page); it describes the council and names no one."""

    model_config = ConfigDict(title="Finding")

    id: str = Field(description="The finding's id: rad/<council>/funn/<kind>.")
    organization_id: str = Field(description="The council (organizations).")
    kind: Kind = Field(description="What it is about, e.g. seats_empty or advice_unanswered.")
    level: Level = Field(description="error: a rule broken now; warning: one soon broken.")
    count: int = Field(description="How many: empty seats, meetings held, unanswered advice.")
    total: int | None = Field(description="What the count is out of, or the days or months it concerns.")
    sentence: str = Field(description="What is wrong, as the site says it.")
    action: str = Field(description="What the staff and the council do about it.")


class LicenceRecord(Record):
    """The licence of the data."""

    model_config = ConfigDict(title="Licence")

    name: str = Field(description="The licence's name.")
    url: Url = Field(description="Where the licence is written.")


class SiteRecord(Record):
    """The site the data comes from."""

    model_config = ConfigDict(title="Site")

    name: str = Field(description="The site's name.")
    municipality: str = Field(description="The municipality.")
    url: Url = Field(description="The site's address.")
    language: Literal["nb", "nn", "en"] = Field(description="The language of names and sentences: nb, nn or en.")
    documentation: Url = Field(description="The page that documents the data.")


class OpenData(Record):
    """Every table of the open data, and what they are (data/v1/raad.json)."""

    version: Literal[1] = Field(description="The data format's major version; it changes only with a new folder, data/v2/.")
    licence: LicenceRecord = Field(description="The licence you may reuse the data under: its name and address.")
    site: SiteRecord = Field(description="The site and municipality that publish the data.")
    updated: dt.date = Field(description="The day the councils' files last changed.")
    organizations: list[Organization] = Field(description="The municipality, its sectors, the councils and user organisations.")
    persons: list[Person] = Field(description="The members of the councils.")
    memberships: list[Membership] = Field(description="Who holds which role on which council.")
    posts: list[Post] = Field(description="The roles each council has.")
    events: list[Event] = Field(description="The councils' meetings, planned and held.")
    minutes: list[MinutesRecord] = Field(description="The published minutes.")
    decisions: list[DecisionRecord] = Field(description="The advisory decisions and their follow-up.")
    findings: list[FindingRecord] = Field(description="What needs attention at each active council.")


TABLES: dict[str, type[Record]] = {
    "organizations": Organization,
    "persons": Person,
    "memberships": Membership,
    "posts": Post,
    "events": Event,
    "minutes": MinutesRecord,
    "decisions": DecisionRecord,
    "findings": FindingRecord,
}
"""The tables, in the order of the JSON file; each is also a CSV file of its name."""
POPOLO_TABLES = ("organizations", "persons", "memberships", "posts", "events")
"""The tables Popolo defines, whose rows its schemas accept."""
