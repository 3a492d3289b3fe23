"""The open data under data/v1/: Popolo-shaped JSON that validates against its published
schema and Popolo's own, a CSV file per table that the csv module reads, nothing private,
no drafts, health findings for the councils that need follow-up, and a page that documents
every field."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from conftest import PRIVATE_VALUES, REPO, TODAY, write_tree
from generator.build import assemble_site
from generator.exports.contacts_csv import spreadsheet_text
from generator.exports.open_data_csv import column_names
from generator.exports.open_data_model import POPOLO_TABLES, SCHEMA_FILE, TABLES
from generator.health import assess_project
from generator.load import load_project
from generator.schema import SCHEMA_DIR

POPOLO = Path(__file__).parent / "data" / "popolo"
POPOLO_SCHEMAS = {
    "organizations": "organization.json",
    "persons": "person.json",
    "memberships": "membership.json",
    "posts": "post.json",
    "events": "event.json",
}


def data_dir(site: Path) -> Path:
    return site / "data" / "v1"


def load_data(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((data_dir(site) / "raad.json").read_text(encoding="utf-8"))
    return data


def assembled_data(root: Path) -> dict[str, bytes]:
    """The data files of the project at `root`, by address, assembled without the engine."""
    project = load_project(root, TODAY)
    site = assemble_site(project, TODAY)
    return {asset.url: asset.data for asset in site.assets if asset.url.startswith("data/v1/") and asset.data is not None}


def test_json_validates_against_the_published_schema(example_site: Path) -> None:
    published = (data_dir(example_site) / "schema.json").read_bytes()
    assert published == (SCHEMA_DIR / SCHEMA_FILE).read_bytes(), "the published schema is the committed one"
    schema = json.loads(published)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = load_data(example_site)
    assert list(validator.iter_errors(data)) == []
    broken = {**data, "persons": [{**data["persons"][0], "name": 5}]}
    assert not validator.is_valid(broken), "the schema checks the fields"


def _popolo_registry() -> Registry:
    resources = []
    for path in sorted(POPOLO.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["id"], Resource.from_contents(contents, default_specification=DRAFT3)))
    registry: Registry = Registry().with_resources(resources)
    return registry


@pytest.mark.parametrize("table", POPOLO_TABLES)
def test_popolo_tables_validate_against_popolo_schemas(example_site: Path, table: str) -> None:
    schema = json.loads((POPOLO / POPOLO_SCHEMAS[table]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft3Validator(schema, registry=_popolo_registry())
    rows = load_data(example_site)[table]
    assert rows, f"the example has {table}"
    for row in rows:
        assert list(validator.iter_errors(row)) == [], row["id"]
    assert not validator.is_valid({**rows[0], "id": 5}), "Popolo's schema is really applied"


def test_popolo_references_resolve_offline() -> None:
    """A membership's nested contact detail is checked through the registry, never the network."""
    schema = json.loads((POPOLO / "membership.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft3Validator(schema, registry=_popolo_registry())
    assert not validator.is_valid({"contact_details": [{"type": "email"}]}), "a contact detail needs a value"


def test_every_csv_opens_with_its_header_and_a_row_per_record(example_site: Path) -> None:
    data = load_data(example_site)
    for table, record in TABLES.items():
        raw = (data_dir(example_site) / f"{table}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: the first column reads id"
        assert raw.count(b"\n") == raw.count(b"\r\n") + sum(row.count("\n") for row in _cells(raw)), "lines end in CRLF"
        with (data_dir(example_site) / f"{table}.csv").open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            rows = list(reader)
        assert reader.fieldnames == column_names(record)
        assert reader.fieldnames[0] == "id"
        assert [row["id"] for row in rows] == [item["id"] for item in data[table]], table


def _cells(raw: bytes) -> list[str]:
    """Every cell of a CSV file (a cell may hold a line break of its own)."""
    return [cell for row in csv.reader(io.StringIO(raw.decode("utf-8"), newline="")) for cell in row]


def test_csv_flattens_nested_values(example_site: Path) -> None:
    with (data_dir(example_site) / "decisions.csv").open(encoding="utf-8", newline="") as file:
        decisions = {row["case_number"]: row for row in csv.DictReader(file)}
    decision = decisions["1/26"]
    assert decision["follow_up.status"] == "partly_followed"
    assert decision["follow_up.date"] == "2026-04-14"
    with (data_dir(example_site) / "persons.csv").open(encoding="utf-8", newline="") as file:
        persons = {row["name"]: row for row in csv.DictReader(file)}
    assert persons["Kari Nordmann"]["contact_details.email"] == "kari.nordmann@example.org"
    assert persons["Kari Nordmann"]["contact_details.voice"] == "", "her phone number is private"


def test_private_contact_details_are_in_no_data_file(example_site: Path) -> None:
    files = sorted(data_dir(example_site).iterdir())
    assert {path.name for path in files} == {"raad.json", "schema.json", *(f"{table}.csv" for table in TABLES)}
    for path in files:
        text = path.read_text(encoding="utf-8")
        leaked = [value for value in PRIVATE_VALUES if value in text or value.replace(" ", "") in text]
        assert not leaked, f"{leaked} leaked into {path.name}"
    persons = {p["name"]: p for p in load_data(example_site)["persons"]}
    assert persons["Ola Nordmann"]["contact_details"] == [], "the member is there, without his private address"
    assert persons["Ola Nordmann"]["email"] is None
    assert persons["Kari Nordmann"]["contact_details"] == [{"type": "email", "value": "kari.nordmann@example.org"}]
    assert persons["Ola Nordmann"]["id"] == "rad/eksempelheim-helse-og-velferdssenter/medlem/ola-nordmann"
    assert not [p["id"] for p in persons.values() if "@" in p["id"] or any(c.isdigit() for c in p["id"].rsplit("/", 1)[-1])]


def test_drafts_are_absent_unless_the_site_publishes_them(example_site: Path) -> None:
    draft_id = "rad/eksempelhaugen-helsehus/referat/2026-11-18"
    data = load_data(example_site)
    assert draft_id not in {m["id"] for m in data["minutes"]}
    assert draft_id not in {e["minutes_id"] for e in data["events"]}
    for path in data_dir(example_site).iterdir():
        assert "Referat fra brukerrådet 18. november 2026" not in path.read_text(encoding="utf-8"), path.name
    meeting = [e for e in data["events"] if e["id"] == "rad/eksempelhaugen-helsehus/mote/2026-11-18"]
    assert [(e["status"], e["links"]) for e in meeting] in ([], [("planned", [])]), "a meeting with draft minutes is not held yet"
    assert {m["status"] for m in data["minutes"]} == {"approved"}


def test_findings_for_councils_that_need_follow_up_and_none_for_healthy_ones(example_site: Path) -> None:
    health = assess_project(load_project(REPO, TODAY), TODAY)
    data = load_data(example_site)
    found: dict[str, list[str]] = {}
    for finding in data["findings"]:
        found.setdefault(finding["organization_id"], []).append(finding["kind"])
    expected = {f"rad/{slug}": [f.kind.value for f in h.findings] for slug, h in health.items() if not h.ok}
    assert expected, "the example has councils that need follow-up"
    assert any(h.ok for h in health.values()), "and councils in order"
    assert found == expected
    sentences = {f["sentence"] for f in data["findings"]}
    assert "Reglene krever at lederen er en representant for pårørende" in sentences, "in the site's language"


HOSTILE = '=HYPERLINK("http://marker.raad.test/csv","x") <script>alert(1)</script> "\'\\ Ærø 😀 {{7*7}} \u2028 a,b\nc'


def test_a_hostile_name_round_trips_exactly(project: Path) -> None:
    council = yaml.safe_load((project / "councils/testheim/council.yml").read_text(encoding="utf-8"))
    council["name"] = HOSTILE
    council["members"][0]["name"] = HOSTILE
    (project / "councils/testheim/council.yml").write_text(yaml.safe_dump(council, allow_unicode=True), encoding="utf-8")
    files = assembled_data(project)
    data = json.loads(files["data/v1/raad.json"])
    assert {o["name"] for o in data["organizations"] if o["kind"] == "council"} == {HOSTILE}
    assert HOSTILE in {p["name"] for p in data["persons"]}
    organizations = list(csv.DictReader(io.StringIO(files["data/v1/organizations.csv"].decode("utf-8"), newline="")))
    assert [o["name"] for o in organizations if o["kind"] == "council"] == ["'" + HOSTILE], "a spreadsheet shows it as text"


def test_the_licence_is_configurable_and_written_into_the_data(project: Path) -> None:
    default = json.loads(assembled_data(project)["data/v1/raad.json"])
    assert default["licence"] == {"name": "Norsk lisens for offentlige data (NLOD) 2.0", "url": "https://data.norge.no/nlod/no/2.0"}
    config = project / "site-config.yml"
    licence = "open_data:\n  licence: {name: CC BY 4.0, url: 'https://creativecommons.org/licenses/by/4.0/'}\n"
    config.write_text(config.read_text(encoding="utf-8") + licence, encoding="utf-8")
    data = json.loads(assembled_data(project)["data/v1/raad.json"])
    assert data["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["site"]["documentation"] == "https://example.org/brukerrad/apne-data/"


def test_metadata_and_dates_come_from_the_data(project: Path) -> None:
    files = assembled_data(project)
    data = json.loads(files["data/v1/raad.json"])
    assert data["version"] == 1
    assert data["updated"] == max(c.updated for c in load_project(project, TODAY).councils).isoformat()
    meeting = next(e for e in data["events"] if e["id"] == "rad/testheim/mote/2026-12-01")
    assert meeting["start_date"] == "2026-12-01T18:00:00+01:00", "Oslo time, with its offset"
    assert next(e for e in data["events"] if e["id"] == "rad/testheim/mote/2026-03-01")["start_date"] == "2026-03-01T18:00:00+01:00"
    assert files == assembled_data(project), "the same data gives the same bytes"


def test_a_moved_day_on_the_plan_keeps_other_ids(project: Path) -> None:
    before = json.loads(assembled_data(project)["data/v1/raad.json"])
    path = project / "councils/testheim/council.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-12-01", "2026-12-03"), encoding="utf-8")
    after = json.loads(assembled_data(project)["data/v1/raad.json"])
    assert {e["id"] for e in before["events"]} ^ {e["id"] for e in after["events"]} == {"rad/testheim/mote/2026-12-01", "rad/testheim/mote/2026-12-03"}
    assert [p["id"] for p in before["persons"]] == [p["id"] for p in after["persons"]]


def _schema_fields(schema: dict[str, Any]) -> set[str]:
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    return names


def test_the_page_documents_every_file_and_field(example_site: Path) -> None:
    soup = BeautifulSoup((example_site / "apne-data" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    documented = {code.get_text() for code in article.select("table th[scope=row] code")}
    schema = json.loads((data_dir(example_site) / "schema.json").read_text(encoding="utf-8"))
    assert _schema_fields(schema) - documented == set()
    listed = {code.get_text() for code in article.select("p code")}
    assert {column for record in TABLES.values() for column in column_names(record)} - listed == set(), "every CSV column"
    links = {a["href"] for a in article.select("a[href]")}
    for name in ["raad.json", "schema.json", *(f"{table}.csv" for table in TABLES)]:
        assert f"../data/v1/{name}" in links
        assert (data_dir(example_site) / name).is_file()
    text = article.get_text(" ", strip=True)
    assert "Norsk lisens for offentlige data (NLOD) 2.0" in text
    assert article.select_one('a[href="https://data.norge.no/nlod/no/2.0"]') is not None
    assert "data/v2/" in text, "the version policy"
    assert "12 måneder" in text
    assert "Kontaktopplysningane" not in text, "in the site's language"
    assert "Rådet (organizations)." in text, "the schema's descriptions, translated"
    for table in article.select("table"):
        assert table.select_one("caption") is not None, "accessible tables"
        assert table.select("th[scope=col]")


def test_the_page_is_in_the_menu(example_site: Path) -> None:
    soup = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a.get_text(strip=True) == "Åpne data" for a in soup.select("nav a[href$='apne-data/']"))


def test_two_members_whose_names_read_alike_stay_two_people(project: Path) -> None:
    path = project / "councils/testheim/council.yml"
    text = path.read_text(encoding="utf-8").replace("name: Eva E,", "name: Åse Å,").replace("name: Fia F,", "name: Ase A,")
    path.write_text(text, encoding="utf-8")
    data = json.loads(assembled_data(project)["data/v1/raad.json"])
    ids = {p["name"]: p["id"] for p in data["persons"]}
    assert ids["Åse Å"] != ids["Ase A"]
    assert ids["Åse Å"].startswith("rad/testheim/medlem/ase-a-")
    assert {m["person_id"] for m in data["memberships"]} == set(ids.values())


def test_moved_and_cancelled_meetings_carry_their_calendar_event(example_site: Path) -> None:
    """A moved meeting says where it moved from and a cancelled one says so, each with the UID
    its event has in the council's calendar, so that data and calendars can be joined."""
    events = {e["id"]: e for e in load_data(example_site)["events"]}
    moved = events["rad/eksempelheim-helse-og-velferdssenter/mote/2027-02-09"]
    assert moved["status"] == "planned"
    assert moved["moved_from"] == "2027-02-02"
    assert (moved["start_date"], moved["end_date"]) == ("2027-02-09T18:00:00+01:00", "2027-02-09T20:00:00+01:00")
    cancelled = events["rad/eksempelheim-helse-og-velferdssenter/mote/2027-04-13"]
    assert cancelled["status"] == "cancelled"
    assert cancelled["end_date"] is None
    calendar = Calendar.from_ical((example_site / "rad/eksempelheim-helse-og-velferdssenter/moter.ics").read_bytes())
    uids = {_day(event.decoded("DTSTART")): str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert moved["calendar_uid"] == uids["2027-02-09"]
    assert cancelled["calendar_uid"] == uids["2027-04-13"]
    held = [e for e in events.values() if e["status"] == "held" and e["organization_id"] == "rad/eksempelheim-helse-og-velferdssenter"]
    assert held
    assert all(e["calendar_uid"] is None or e["calendar_uid"] == uids[e["start_date"][:10]] for e in held)


def _day(start: dt.date) -> str:
    return (start.date() if isinstance(start, dt.datetime) else start).isoformat()


def test_two_minutes_of_one_day_each_have_their_meeting(project: Path) -> None:
    """An extra meeting on a day with a planned one: each minutes document is linked from an
    event of its own, and each names that event."""
    write_tree(
        project,
        {
            "councils/testheim/minutes/2026-03-01.md": "---\ntitle: Møte\n---\nTekst.\n",
            "councils/testheim/minutes/2026-03-01-ekstra.md": "---\ntitle: Ekstramøte\ndecisions: [{id: 9/26, advice: Mer lys.}]\n---\nTekst.\n",
        },
    )
    data = json.loads(assembled_data(project)["data/v1/raad.json"])
    events = {e["id"]: e for e in data["events"] if e["start_date"].startswith("2026-03-01")}
    assert set(events) == {"rad/testheim/mote/2026-03-01", "rad/testheim/mote/2026-03-01-2"}
    assert {e["minutes_id"] for e in events.values()} == {"rad/testheim/referat/2026-03-01", "rad/testheim/referat/2026-03-01-ekstra"}
    for minutes in (m for m in data["minutes"] if m["date"] == "2026-03-01"):
        assert events[minutes["event_id"]]["minutes_id"] == minutes["id"]
        assert events[minutes["event_id"]]["status"] == "held"
    (decision,) = (d for d in data["decisions"] if d["case_number"] == "9/26")
    assert decision["event_id"] == next(m["event_id"] for m in data["minutes"] if m["id"] == decision["minutes_id"])


def test_a_formula_hidden_in_a_number_is_text_in_a_spreadsheet() -> None:
    """`+1-2` would show as -1; a phone number stays as it is written."""
    assert spreadsheet_text("+1-2") == "'+1-2"
    assert spreadsheet_text("-3-4") == "'-3-4"
    assert spreadsheet_text("+47 000 00 001") == "+47 000 00 001"
    assert spreadsheet_text("=HYPERLINK(1)") == "'=HYPERLINK(1)"
