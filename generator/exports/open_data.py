"""The open data (data/v1/): the councils, their rosters, meetings, minutes, decisions and
health as one JSON file shaped after Popolo, its JSON Schema, and a CSV file per table.

Everything here is what the site already shows, and nothing more: a member's e-mail
address or phone number only when `Membership.publishes` allows it (the roster the
council's page shows, on the same day), drafts only where the site publishes them, and
health findings that name no one. The records and their documentation are defined in
`open_data_model`; the CSV files are written by `open_data_csv`.

The files are the same in every build of the same data: rows come in a fixed order (sectors
as the site orders them, councils by name, then dates), and no time of the build is
written: `updated` is the day the councils' files last changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generator.exports import open_data_model as records
from generator.exports.calendars import meeting_uid
from generator.exports.open_data_csv import table_csv
from generator.model import Council, Meeting, Minutes, MinutesFormat, Role, Sector
from generator.model import Membership as Member
from generator.report import finding_data
from generator.scaffold_council import council_slug
from generator.schema import SCHEMAS, schema_text
from generator.site import (
    DATA_URL,
    HOME_URL,
    OPEN_DATA_URL,
    Asset,
    SiteContext,
    absolute_url,
    council_url,
    decision_anchor,
    decision_url,
    minutes_pdf_url,
    minutes_url,
    sector_url,
)

DATA_FILE = f"{DATA_URL}raad.json"
"""Every table in one file, as Popolo tools read it."""
SCHEMA_URL = f"{DATA_URL}schema.json"
"""The JSON Schema of DATA_FILE (generator/schemas/open-data.schema.json)."""
MUNICIPALITY_ID = "kommune"


def csv_url(table: str) -> str:
    """`data/v1/organizations.csv`."""
    return f"{DATA_URL}{table}.csv"


def open_data_urls() -> list[str]:
    """The addresses of the files `open_data_assets` makes, in its order."""
    return [DATA_FILE, SCHEMA_URL, *(csv_url(table) for table in records.TABLES)]


def open_data_assets(ctx: SiteContext) -> list[Asset]:
    """The JSON file, its schema and a CSV file per table."""
    data = open_data(ctx)
    text = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    model, title = SCHEMAS[records.SCHEMA_FILE]
    assets = [Asset(DATA_FILE, data=text.encode("utf-8")), Asset(SCHEMA_URL, data=schema_text(model, title).encode("utf-8"))]
    for table, record in records.TABLES.items():
        assets.append(Asset(csv_url(table), data=table_csv(record, getattr(data, table)).encode("utf-8")))
    return assets


def open_data(ctx: SiteContext) -> records.OpenData:
    """Every table, from the loaded project as the site shows it on `ctx.today`."""
    councils = [c for s in ctx.sectors() for c in ctx.councils_in(s)]
    config = ctx.config
    sittings = {c.slug: _sittings(ctx, c) for c in councils}
    return records.OpenData(
        version=records.VERSION,
        licence=records.LicenceRecord(name=config.open_data.licence.name, url=config.open_data.licence.url),
        site=records.SiteRecord(
            name=config.site_name,
            municipality=config.municipality,
            url=absolute_url(config, HOME_URL),
            language=config.language,
            documentation=absolute_url(config, OPEN_DATA_URL),
        ),
        updated=max((c.updated for c in councils), default=dt.date(1970, 1, 1)),
        organizations=_organizations(ctx, councils),
        persons=_persons(ctx, councils),
        memberships=[m for c in councils for m in _memberships(ctx, c)],
        posts=[p for c in councils for p in _posts(ctx, c)],
        events=[e for c in councils for e in _events(ctx, c, sittings[c.slug])],
        minutes=[m for c in councils for m in _minutes(ctx, c, sittings[c.slug])],
        decisions=[d for c in councils for d in _decisions(ctx, c, sittings[c.slug])],
        findings=[f for c in councils for f in _findings(ctx, c)],
    )


# Ids: the site's own addresses where there is one (rad/<council>), so that an id says where to look.


def sector_id(sector: Sector | str) -> str:
    return f"sektor/{sector.id if isinstance(sector, Sector) else sector}"


def council_id(council: Council) -> str:
    return f"rad/{council.slug}"


def _slug(text: str) -> str:
    """A name as an id part; a name without a letter of the Latin alphabet gets a short
    hash of itself, so that two such names stay two ids."""
    return council_slug(text) or "x" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def person_id(council: Council, member: Member) -> str:
    """`rad/<council>/medlem/<member id or name>`: the id the council's file gives the member,
    or their name, which the site shows anyway; nothing else about them. Two names that
    read alike without their accents (Åse, Ase) get a short hash of each, to stay two people."""
    if member.id:
        return f"{council_id(council)}/medlem/{member.id}"
    key = _slug(member.name)
    if any(other.id is None and other.name != member.name and _slug(other.name) == key for other in council.members):
        key += "-" + hashlib.sha256(member.name.encode("utf-8")).hexdigest()[:6]
    return f"{council_id(council)}/medlem/{key}"


def organisation_id(name: str) -> str:
    return f"organisasjon/{_slug(name)}"


def post_id(council: Council, role: Role) -> str:
    return f"{council_id(council)}/verv/{role.value}"


def roster(ctx: SiteContext, council: Council) -> list[Member]:
    """The members the council's page shows: its roster today, or on its last day."""
    on = ctx.roster_day(council)
    return [m for m in council.members if m.is_active(on)]


# Organizations.


def _organizations(ctx: SiteContext, councils: list[Council]) -> list[records.Organization]:
    config = ctx.config
    municipality = records.Organization(
        id=MUNICIPALITY_ID,
        name=config.municipality,
        kind=records.OrganizationKind.MUNICIPALITY,
        **_no_council_fields(),
        parent_id=None,
        description=None,
        links=[records.OrganizationLink(url=absolute_url(config, HOME_URL), note="page")],
    )
    sectors = [
        records.Organization(
            id=sector_id(s),
            name=s.name,
            kind=records.OrganizationKind.SECTOR,
            **_no_council_fields(),
            parent_id=MUNICIPALITY_ID,
            description=s.description or None,
            links=[records.OrganizationLink(url=absolute_url(config, sector_url(s)), note="page")],
        )
        for s in ctx.sectors()
    ]
    return [municipality, *sectors, *(_council_organization(ctx, c) for c in councils), *_user_organisations(ctx, councils)]


def _no_council_fields() -> dict[str, object]:
    return {
        "classification": None,
        "council_type": None,
        "unit": None,
        "founding_date": None,
        "dissolution_date": None,
        "contact_details": [],
    }


def _council_organization(ctx: SiteContext, council: Council) -> records.Organization:
    contact = council.contact
    details = []
    links = [records.OrganizationLink(url=absolute_url(ctx.config, council_url(council)), note="page")]
    if contact is not None:
        details = [
            records.ContactDetail(type=kind, value=value)
            for kind, value in (("email", contact.email), ("voice", contact.phone), ("address", contact.address))
            if value
        ]
        if contact.url:
            links.append(records.OrganizationLink(url=contact.url, note="website"))
    return records.Organization(
        id=council_id(council),
        name=council.name,
        kind=records.OrganizationKind.COUNCIL,
        classification=ctx.council_type_label(council),
        council_type=council.type,
        parent_id=sector_id(council.sector),
        unit=council.unit,
        description=None,
        founding_date=council.established,
        dissolution_date=council.dissolved,
        contact_details=details,
        links=links,
    )


def _user_organisations(ctx: SiteContext, councils: list[Council]) -> list[records.Organization]:
    """The user organisations members come from (Mental Helse, say), once each, by id."""
    names: dict[str, str] = {}
    for council in councils:
        for member in roster(ctx, council):
            if member.organisation:
                names.setdefault(organisation_id(member.organisation), member.organisation)
    return [
        records.Organization(
            id=key,
            name=name,
            kind=records.OrganizationKind.ORGANISATION,
            **_no_council_fields(),
            parent_id=None,
            description=None,
            links=[],
        )
        for key, name in sorted(names.items())
    ]


# Persons, memberships and posts.


def _public_details(member: Member) -> Iterator[records.ContactDetail]:
    """The member's contact details that the site shows; a private one never leaves here."""
    if member.email is not None and member.publishes(member.email):
        yield records.ContactDetail(type="email", value=member.email.value)
    if member.phone is not None and member.publishes(member.phone):
        yield records.ContactDetail(type="voice", value=member.phone.value)


def _persons(ctx: SiteContext, councils: list[Council]) -> list[records.Person]:
    """A person per member of each council's roster; one who holds two roles on a council is
    one person, with the details either role publishes."""
    found: dict[str, tuple[str, list[records.ContactDetail]]] = {}
    for council in councils:
        for member in roster(ctx, council):
            _, details = found.setdefault(person_id(council, member), (member.name, []))
            details += [d for d in _public_details(member) if d not in details]
    return [
        records.Person(id=key, name=name, email=next((d.value for d in details if d.type == "email"), None), contact_details=details)
        for key, (name, details) in found.items()
    ]


def _memberships(ctx: SiteContext, council: Council) -> list[records.Membership]:
    members = roster(ctx, council)
    seen: dict[str, int] = {}
    found = []
    for member in members:
        key = f"{person_id(council, member).replace('/medlem/', '/medlemskap/', 1)}/{member.role.value}"
        seen[key] = seen.get(key, 0) + 1
        deputy_for = council.find_member(member.deputy_for, members) if member.deputy_for else None
        found.append(
            records.Membership(
                id=key if seen[key] == 1 else f"{key}-{seen[key]}",
                person_id=person_id(council, member),
                organization_id=council_id(council),
                post_id=post_id(council, member.role),
                role=member.role,
                label=ctx.labels.role(member.role),
                title=member.title,
                represents=member.represents,
                on_behalf_of_id=organisation_id(member.organisation) if member.organisation else None,
                deputy_for=person_id(council, deputy_for) if deputy_for else None,
                start_date=member.start,
                end_date=member.end,
            )
        )
    return found


def _posts(ctx: SiteContext, council: Council) -> list[records.Post]:
    """A post for each role the council's type has, and each role someone on its roster
    holds, in the order of the roles."""
    rules = ctx.config.council_types.get(council.type)
    members = roster(ctx, council)
    held = {m.role for m in members} | set(rules.roles if rules else [])
    seats = None
    if rules is not None:
        seats = council.seats or rules.representatives.seats_for(sum(1 for m in members if m.is_representative))
    return [
        records.Post(
            id=post_id(council, role),
            organization_id=council_id(council),
            role=role,
            label=ctx.labels.role(role),
            seats=seats if role is Role.USER_REPRESENTATIVE else None,
        )
        for role in Role
        if role in held
    ]


# Meetings, minutes and decisions.


def event_id(council: Council, day: dt.date) -> str:
    return f"{council_id(council)}/mote/{day.isoformat()}"


def minutes_id(council: Council, minutes: Minutes) -> str:
    return f"{council_id(council)}/referat/{minutes.slug}"


def _start(day: dt.date, meeting: Meeting | None) -> str:
    """The day, or with a time the day and time in Oslo with its offset (summer time or not)."""
    starts = meeting.starts if meeting else None
    return starts.isoformat() if starts else day.isoformat()


def _end(meeting: Meeting | None) -> str | None:
    """When the meeting ends, if the plan says."""
    ends = meeting.ends if meeting else None
    return ends.isoformat() if ends else None


def _status(meeting: Meeting | None, held: Minutes | None) -> Literal["planned", "held", "cancelled"]:
    if held is not None:
        return "held"
    return "cancelled" if meeting is not None and meeting.cancelled else "planned"


@dataclass(frozen=True)
class _Sitting:
    """One meeting of a council as the data knows it: on the plan, minuted, or both."""

    id: str
    day: dt.date
    meeting: Meeting | None
    held: Minutes | None


def _sittings(ctx: SiteContext, council: Council) -> list[_Sitting]:
    """A meeting per day on the plan or with published minutes, by day. On a day with more
    than one (two planned meetings, or an extra meeting's minutes), the plan's meetings in
    the order of their start and the minutes in the order of their names are paired up, and
    each after the first gets its own id (`-2`)."""
    minutes: dict[dt.date, list[Minutes]] = {}
    for paper in sorted(ctx.published(council), key=lambda m: m.slug):
        minutes.setdefault(paper.date, []).append(paper)
    planned: dict[dt.date, list[Meeting]] = {}
    for entry in sorted(council.meetings, key=lambda m: m.order):
        planned.setdefault(entry.date, []).append(entry)
    sittings = []
    for day in sorted(set(minutes) | set(planned)):
        on_the_plan, held = planned.get(day, []), minutes.get(day, [])
        for number in range(1, max(len(on_the_plan), len(held)) + 1):
            meeting = on_the_plan[number - 1] if number <= len(on_the_plan) else None
            document = held[number - 1] if number <= len(held) else None
            suffix = f"-{number}" if number > 1 else ""
            sittings.append(_Sitting(event_id(council, day) + suffix, day, meeting, document))
    return sittings


def _events(ctx: SiteContext, council: Council, sittings: list[_Sitting]) -> list[records.Event]:
    return [_event(ctx, council, sitting) for sitting in sittings]


def _event(ctx: SiteContext, council: Council, sitting: _Sitting) -> records.Event:
    day, meeting, held = sitting.day, sitting.meeting, sitting.held
    links = []
    if held is not None:
        links.append(records.EventLink(url=absolute_url(ctx.config, minutes_url(council, held)), note="minutes"))
        if held.format is MinutesFormat.PDF:
            links.append(records.EventLink(url=absolute_url(ctx.config, minutes_pdf_url(council, held)), note="pdf"))
    return records.Event(
        id=sitting.id,
        name=ctx.labels.gettext("Meeting of %(council)s", council=council.name),
        classification="meeting",
        organization_id=council_id(council),
        start_date=_start(day, meeting),
        end_date=_end(meeting),
        location=meeting.place if meeting else None,
        description=meeting.note if meeting else None,
        status=_status(meeting, held),
        moved_from=meeting.moved_from if meeting else None,
        calendar_uid=meeting_uid(ctx.config, council, meeting) if meeting else None,
        minutes_id=minutes_id(council, held) if held else None,
        links=links,
    )


def _held_at(sittings: list[_Sitting]) -> dict[str, str]:
    """The event each published minutes document records, by the minutes' name."""
    return {s.held.slug: s.id for s in sittings if s.held is not None}


def _minutes(ctx: SiteContext, council: Council, sittings: list[_Sitting]) -> list[records.MinutesRecord]:
    """The council's published minutes in the order of their names, each with its meeting."""
    events = _held_at(sittings)
    held = sorted((s.held for s in sittings if s.held is not None), key=lambda minutes: minutes.slug)
    return [_minutes_record(ctx, council, minutes, events[minutes.slug]) for minutes in held]


def _minutes_record(ctx: SiteContext, council: Council, minutes: Minutes, event: str) -> records.MinutesRecord:
    pdf = minutes.format is MinutesFormat.PDF
    return records.MinutesRecord(
        id=minutes_id(council, minutes),
        organization_id=council_id(council),
        event_id=event,
        date=minutes.date,
        title=ctx.minutes_title(minutes),
        status=minutes.meta.status,
        approved=minutes.meta.approved,
        format=minutes.format,
        url=absolute_url(ctx.config, minutes_url(council, minutes)),
        pdf_url=absolute_url(ctx.config, minutes_pdf_url(council, minutes)) if pdf else None,
        agenda=list(minutes.meta.agenda),
    )


def _decisions(ctx: SiteContext, council: Council, sittings: list[_Sitting]) -> list[records.DecisionRecord]:
    """The council's decisions, oldest meeting first, in the order of their minutes, each
    with the meeting its minutes record."""
    events = _held_at(sittings)
    rows = sorted(ctx.decisions(council), key=lambda row: row.minutes.slug)
    return [
        records.DecisionRecord(
            id=f"{council_id(council)}/{decision_anchor(row.decision.id)}",
            case_number=row.decision.id,
            organization_id=council_id(council),
            minutes_id=minutes_id(council, row.minutes),
            event_id=events[row.minutes.slug],
            date=row.minutes.date,
            advice=row.decision.advice,
            follow_up=records.FollowUp(
                status=row.decision.follow_up.status, date=row.decision.follow_up.date, justification=row.decision.follow_up.justification
            ),
            url=absolute_url(ctx.config, decision_url(council, row.decision.id)),
        )
        for row in rows
    ]


def _findings(ctx: SiteContext, council: Council) -> list[records.FindingRecord]:
    """An active council's findings, most urgent first, as the status page lists them."""
    health = ctx.health(council)
    if health is None:
        return []
    organization = council_id(council)
    return [
        records.FindingRecord(id=f"{organization}/funn/{f.kind.value}", organization_id=organization, **finding_data(f, ctx.labels))
        for f in health.findings
    ]
