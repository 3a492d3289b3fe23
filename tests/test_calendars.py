"""The meeting plans as iCalendar: what a calendar program reads when a citizen subscribes.

Every calendar of the built example is parsed with icalendar, as a calendar program would;
a subscribed calendar must update its events (same UID) when a meeting moves, changes its
time or is cancelled, rather than add a second event beside the first.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar, Event

from conftest import COUNCIL, REPO, TODAY, copy_example, one, run_build, run_check, write_tree
from generator.build import assemble_site
from generator.load import load_project
from generator.site import Site

OSLO = ZoneInfo("Europe/Oslo")
EXAMPLE_COUNCIL = "eksempelheim-helse-og-velferdssenter"
"""The example council with a moved meeting (2027-1) and a cancelled one (2027-2)."""
FILE = "councils/testheim/council.yml"
HOST = "example.org/brukerrad"
"""The example's site_url, without its scheme, as every UID ends."""


def parse(data: bytes) -> Calendar:
    calendar = Calendar.from_ical(data)
    assert isinstance(calendar, Calendar)
    return calendar


def events(calendar: Calendar) -> dict[str, Event]:
    """The calendar's events by UID (a UID twice would be a duplicate in the reader's calendar)."""
    found = calendar.events
    by_uid = {str(event["UID"]): event for event in found}
    assert len(by_uid) == len(found), "two events share a UID"
    return by_uid


def assembled(root: Path) -> Site:
    """The site in memory as `raad build` assembles it (calendars are files of it)."""
    project = load_project(root, TODAY)
    return assemble_site(project, TODAY)


def calendar_of(site: Site, url: str) -> Calendar:
    asset = next(a for a in site.assets if a.url == url)
    assert asset.data is not None
    return parse(asset.data)


def test_every_calendar_of_the_example_parses_with_the_right_events(example_site: Path) -> None:
    project = load_project(REPO, TODAY)
    assert project.config is not None
    files = sorted(example_site.rglob("*.ics"))
    expected = ["moter.ics"] + [f"sektor/{s.id}/moter.ics" for s in project.config.sectors]
    expected += [f"rad/{c.slug}/moter.ics" for c in project.councils]
    assert sorted(p.relative_to(example_site).as_posix() for p in files) == sorted(expected)
    by_council = {}
    for council in project.councils:
        calendar = parse((example_site / "rad" / council.slug / "moter.ics").read_bytes())
        uids = set(events(calendar))
        assert len(uids) == len(council.meetings)
        assert all(uid.startswith(f"{council.slug}/") and uid.endswith(f"@{HOST}") for uid in uids)
        by_council[council.slug] = uids
    for sector in project.config.sectors:
        calendar = parse((example_site / "sektor" / sector.id / "moter.ics").read_bytes())
        assert set(events(calendar)) == set().union(*(by_council[c.slug] for c in project.councils if c.sector == sector.id))
    everything = parse((example_site / "moter.ics").read_bytes())
    assert set(events(everything)) == set().union(*by_council.values())
    assert len(events(everything)) == 16


def test_a_calendar_has_its_time_zone_and_names_itself(example_site: Path) -> None:
    for path in sorted(example_site.rglob("*.ics")):
        calendar = parse(path.read_bytes())
        assert (str(calendar["VERSION"]), str(calendar["PRODID"]), str(calendar["METHOD"])) == ("2.0", "-//raad//Meeting plans//EN", "PUBLISH")
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Oslo"
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Oslo"]
        assert calendar.get_missing_tzids() == set()
        assert str(calendar["NAME"]).startswith("Møteplan: ")
        assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"])
        for event in calendar.events:
            if isinstance(event.start, dt.datetime):
                assert event.start.tzinfo == OSLO
        in_events = path.read_bytes().decode("utf-8").split("BEGIN:VEVENT")[1:]
        starts = [line for text in in_events for line in text.split("\r\n") if line.startswith("DTSTART")]
        assert len(starts) == len(calendar.events)
        assert all(line.startswith(("DTSTART;TZID=Europe/Oslo:", "DTSTART;VALUE=DATE:")) for line in starts)
    text = (example_site / "rad" / EXAMPLE_COUNCIL / "moter.ics").read_bytes().decode("utf-8")
    assert "DTSTART;TZID=Europe/Oslo:20261208T180000\r\n" in text
    assert "DTEND;TZID=Europe/Oslo:20261208T200000\r\n" in text


def test_the_moved_and_the_cancelled_meeting_say_so(example_site: Path) -> None:
    calendar = parse((example_site / "rad" / EXAMPLE_COUNCIL / "moter.ics").read_bytes())
    found = events(calendar)
    moved = found[f"{EXAMPLE_COUNCIL}/id-2027-1@{HOST}"]
    assert moved.start == dt.datetime(2027, 2, 9, 18, 0, tzinfo=OSLO)
    assert moved.end == dt.datetime(2027, 2, 9, 20, 0, tzinfo=OSLO)
    assert str(moved["STATUS"]) == "CONFIRMED"
    assert moved.sequence == 1
    assert str(moved["DESCRIPTION"]).startswith("Flyttet fra 2. februar 2027\n")
    assert str(moved["SUMMARY"]) == "Brukerråd ved Eksempelheim helse- og velferdssenter"
    assert str(moved["LOCATION"]) == "Kantina, Eksempelheim"
    assert str(moved["URL"]) == f"https://{HOST}/rad/{EXAMPLE_COUNCIL}/"
    cancelled = found[f"{EXAMPLE_COUNCIL}/id-2027-2@{HOST}"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Avlyst: Brukerråd ved Eksempelheim helse- og velferdssenter"
    assert cancelled.sequence == 1
    plain = found[f"{EXAMPLE_COUNCIL}/id-2027-3@{HOST}"]
    assert (str(plain["STATUS"]), plain.sequence) == ("CONFIRMED", 0)


def test_a_meeting_without_a_time_is_a_whole_day(project: Path) -> None:
    text = COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', "{date: 2026-12-01}")
    write_tree(project, {"councils/testheim/council.yml": text})
    calendar = calendar_of(assembled(project), "rad/testheim/moter.ics")
    event = events(calendar)[f"testheim/2026-12-01@{HOST}"]
    assert event.start == dt.date(2026, 12, 1)
    assert "DTSTART;VALUE=DATE:20261201\r\n" in calendar.to_ical().decode()


def test_the_council_and_sector_pages_link_their_calendars(example_site: Path) -> None:
    for page, text in (
        (f"rad/{EXAMPLE_COUNCIL}/index.html", "Legg møteplanen i kalenderen (iCal)"),
        ("sektor/helse-og-velferdssentre/index.html", "Legg møtene til rådene i sektoren i kalenderen (iCal)"),
    ):
        html = BeautifulSoup((example_site / page).read_text(encoding="utf-8"), "html.parser")
        link = one(html, ".raad-calendar-link a")
        assert link.get_text(strip=True) == text
        target = (example_site / page).parent / str(link["href"])
        parse(target.read_bytes())


def test_the_council_page_shows_moved_and_cancelled_meetings_in_words(example_site: Path) -> None:
    html = BeautifulSoup((example_site / "rad" / EXAMPLE_COUNCIL / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = [li.get_text(" ", strip=True) for li in html.select(".raad-meetings li")]
    assert items[1] == "9. februar 2027 kl. 18:00–20:00, Kantina, Eksempelheim (Flyttet fra 2. februar 2027)"
    assert items[2] == "Avlyst: 13. april 2027 kl. 18:00, Kantina, Eksempelheim – Rådet tar sakene i juni."


def test_a_cancelled_meeting_is_not_the_next_meeting(project: Path) -> None:
    """The sector page's "next meeting" is one that will be held."""
    before = next(p for p in assembled(project).pages if p.url == "sektor/helse/")
    assert '<time datetime="2026-12-01">' in before.markdown
    write_tree(project, {FILE: COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "18:00", cancelled: true}')})
    after = next(p for p in assembled(project).pages if p.url == "sektor/helse/")
    assert '<time datetime="2026-12-01">' not in after.markdown


def test_calendars_are_the_same_bytes_in_two_builds() -> None:
    first = {a.url: a.data for a in assembled(REPO).assets if a.url.endswith(".ics")}
    second = {a.url: a.data for a in assembled(REPO).assets if a.url.endswith(".ics")}
    assert first == second
    assert len(first) == 15


def test_a_subscribed_calendar_moves_the_event_when_the_meeting_moves(tmp_path: Path) -> None:
    """The acceptance test: subscribe (parse), move a meeting (new day and time, same id),
    rebuild, and find the same event at its new time, not a second one."""
    root = copy_example(tmp_path / "project")
    calendar_file = tmp_path / "site" / "rad" / EXAMPLE_COUNCIL / "moter.ics"
    result = run_build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output
    before = events(parse(calendar_file.read_bytes()))
    uid = f"{EXAMPLE_COUNCIL}/id-2027-3@{HOST}"
    assert before[uid].start == dt.datetime(2027, 6, 8, 18, 0, tzinfo=OSLO)

    council_file = root / "councils" / EXAMPLE_COUNCIL / "council.yml"
    text = council_file.read_text(encoding="utf-8")
    old = '{id: 2027-3, date: 2027-06-08, time: "18:00",'
    assert old in text
    council_file.write_text(text.replace(old, '{id: 2027-3, date: 2027-06-15, time: "17:30",'), encoding="utf-8")
    result = run_build(root, tmp_path / "site")
    assert result.exit_code == 0, result.output

    after = events(parse(calendar_file.read_bytes()))
    assert set(after) == set(before)
    assert after[uid].start == dt.datetime(2027, 6, 15, 17, 30, tzinfo=OSLO)
    everything = events(parse((tmp_path / "site" / "moter.ics").read_bytes()))
    assert everything[uid].start == after[uid].start


def _moved(project: Path, old: str, new: str) -> dict[str, Event]:
    """The council's events before and after replacing `old` with `new` in its file."""
    council_file = project / "councils" / "testheim" / "council.yml"
    text = council_file.read_text(encoding="utf-8")
    assert old in text
    council_file.write_text(text.replace(old, new), encoding="utf-8")
    return events(calendar_of(assembled(project), "rad/testheim/moter.ics"))


def test_a_new_time_keeps_the_event_of_a_meeting_without_an_id(project: Path) -> None:
    before = events(calendar_of(assembled(project), "rad/testheim/moter.ics"))
    uid = f"testheim/2026-12-01@{HOST}"
    assert before[uid].start == dt.datetime(2026, 12, 1, 18, 0, tzinfo=OSLO)
    after = _moved(project, '{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "19:15"}')
    assert set(after) == set(before)
    assert after[uid].start == dt.datetime(2026, 12, 1, 19, 15, tzinfo=OSLO)


def test_a_new_day_keeps_the_event_when_the_file_says_where_it_moved_from(project: Path) -> None:
    before = events(calendar_of(assembled(project), "rad/testheim/moter.ics"))
    after = _moved(project, '{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-08, moved_from: 2026-12-01, time: "18:00"}')
    assert set(after) == set(before)
    event = after[f"testheim/2026-12-01@{HOST}"]
    assert event.start == dt.datetime(2026, 12, 8, 18, 0, tzinfo=OSLO)
    assert event.sequence == 1


def test_a_cancelled_meeting_keeps_its_event_and_is_cancelled(project: Path) -> None:
    before = events(calendar_of(assembled(project), "rad/testheim/moter.ics"))
    after = _moved(project, '{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "18:00", cancelled: true}')
    assert set(after) == set(before)
    event = after[f"testheim/2026-12-01@{HOST}"]
    assert (str(event["STATUS"]), event.sequence) == ("CANCELLED", 1)
    assert str(event["SUMMARY"]) == "Avlyst: Brukerråd ved Testheim"
    assert str(before[f"testheim/2026-12-01@{HOST}"]["STATUS"]) == "CONFIRMED"


def test_contributed_text_is_escaped(project: Path) -> None:
    place = 'Rom 1; 2. etg, "Huset" \\ bak\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil'
    note = "Ta med:\nkaffe, te; og \\n ingen ting\nEND:VCALENDAR"
    yaml_place = place.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    yaml_note = note.replace("\\", "\\\\").replace("\n", "\\n")
    council = COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', f'{{date: 2026-12-01, time: "18:00", place: "{yaml_place}", note: "{yaml_note}"}}')
    write_tree(project, {"councils/testheim/council.yml": council})
    data = next(a.data for a in assembled(project).assets if a.url == "rad/testheim/moter.ics")
    assert data is not None
    found = events(parse(data))
    assert len(found) == 4
    event = found[f"testheim/2026-12-01@{HOST}"]
    assert str(event["LOCATION"]) == place
    assert str(event["DESCRIPTION"]).startswith(note + "\n")
    raw = data.decode("utf-8").replace("\r\n ", "")  # unfolded: a long line continues after CRLF and a space
    lines = raw.split("\r\n")
    assert (lines.count("BEGIN:VEVENT"), lines.count("END:VCALENDAR"), "UID:evil" in lines) == (4, 1, False)
    assert "LOCATION:Rom 1\\; 2. etg\\, \"Huset\" \\\\ bak\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil\r\n" in raw



@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '  - {date: 2026-12-01, time: "18:00"}',
            '  - {id: 2026-1, date: 2026-12-01, time: "18:00"}\n  - {id: 2026-1, date: 2026-12-15, time: "18:00"}',
            f"{FILE}:17: meetings[2].id: meeting id '2026-1' is used twice (also meetings[1])",
        ),
        (
            '{date: 2026-12-01, time: "18:00"}',
            '{date: 2026-12-01, time: "18:00", end: "17:30"}',
            f"{FILE}:16: meetings[1].end: the meeting ends at 17:30, not after it starts at 18:00",
        ),
        (
            '{date: 2026-12-01, time: "18:00"}',
            '{date: 2026-12-01, end: "20:00"}',
            f"{FILE}:16: meetings[1].end: an end time needs a start time: add time",
        ),
        (
            '{date: 2026-12-01, time: "18:00"}',
            '{date: 2026-12-01, time: "18:00"}\n  - {date: 2026-12-01, time: "12:00"}',
            f"{FILE}:17: meetings[2].date: another meeting was also first planned on 2026-12-01 (meetings[1]); "
            "give each meeting an id so that calendars tell them apart",
        ),
    ],
    ids=["duplicate id", "end before start", "end without start", "same day without ids"],
)
def test_a_meeting_plan_that_would_break_the_calendar_is_an_error(project: Path, old: str, new: str, expected: str) -> None:
    assert old in COUNCIL
    write_tree(project, {FILE: COUNCIL.replace(old, new)})
    result = run_check(project)
    assert result.problems == [expected]
    assert result.exit_code == 1


def test_an_end_time_after_the_start_and_a_morning_time_are_fine(project: Path) -> None:
    write_tree(project, {FILE: COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "9:30", end: "11:00"}')})
    result = run_check(project)
    assert (result.problems, result.exit_code) == ([], 0)


def test_a_cancelled_meeting_is_neither_planned_nor_owes_minutes(project: Path) -> None:
    """The health checks: cancelling the one upcoming meeting leaves nothing planned, and a
    cancelled past meeting has no minutes to publish."""
    before = run_check(project).notes
    assert any("meeting on the plan has no minutes" in note for note in before)
    assert not any("No meeting is planned" in note for note in before)
    text = COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "18:00", cancelled: true}')
    text = text.replace('{date: 2026-03-01, time: "18:00"}', '{date: 2026-03-01, time: "18:00", cancelled: true}')
    write_tree(project, {FILE: text})
    after = run_check(project).notes
    assert not any("has no minutes" in note for note in after)
    assert any("No meeting is planned in the next 6 months" in note for note in after)


def test_control_characters_from_a_word_processor_stay_out_of_the_calendar(project: Path) -> None:
    """A vertical tab or a DEL pasted into a name is no character iCalendar's text may hold."""
    write_tree(project, {FILE: COUNCIL.replace("name: Brukerråd ved Testheim", 'name: "Brukerråd\\vved\\x7f Testheim"')})
    data = next(a for a in assembled(project).assets if a.url == "rad/testheim/moter.ics").data or b""
    assert not [c for c in data.decode("utf-8") if (ord(c) < 32 and c not in "\r\n") or 0x7F <= ord(c) <= 0x9F]
    event = events(parse(data))[f"testheim/2026-12-01@{HOST}"]
    assert str(event["SUMMARY"]) == "Brukerrådved Testheim"


def test_the_calendar_of_a_sector_without_councils_does_not_change_with_the_day(project: Path) -> None:
    """Its time zone covers years from the data, not from the day of the build: the same data
    gives the same calendar on any day."""
    root = load_project(project, TODAY)
    later = dt.date(2031, 1, 5)
    first = next(a for a in assemble_site(root, TODAY).assets if a.url == "sektor/oppvekst/moter.ics")
    second = next(a for a in assemble_site(load_project(project, later), later).assets if a.url == "sektor/oppvekst/moter.ics")
    assert first.data == second.data
    assert parse(first.data or b"").walk("VTIMEZONE")


def test_meetings_on_one_day_are_in_the_order_of_the_clock(project: Path) -> None:
    """9:30 comes before 18:00 (as text it would not), on the council page and in the data."""
    two = COUNCIL.replace('{date: 2026-12-01, time: "18:00"}', '{date: 2026-12-01, time: "18:00"}\n  - {date: 2026-12-01, time: "9:30"}')
    write_tree(project, {FILE: two})
    site = assembled(project)
    council = load_project(project, TODAY).councils[0]
    assert [m.time for m in council.upcoming_meetings(TODAY)][:2] == ["9:30", "18:00"]
    data = json.loads(next(a for a in site.assets if a.url == "data/v1/raad.json").data or b"")
    first, second = (e for e in data["events"] if e["start_date"].startswith("2026-12-01"))
    assert (first["id"], first["start_date"]) == ("rad/testheim/mote/2026-12-01", "2026-12-01T09:30:00+01:00")
    assert (second["id"], second["start_date"]) == ("rad/testheim/mote/2026-12-01-2", "2026-12-01T18:00:00+01:00")
