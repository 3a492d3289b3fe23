"""`raad report`: the council health report staff read on a terminal, paste into a case
document, open in a spreadsheet, feed to programs and gate CI with."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import markdown
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from conftest import COUNCIL, REPO, SITE_CONFIG, TODAY, write_tree
from generator.cli import main
from generator.health import Kind, Level
from generator.load import load_project
from generator.report import FORMATS, health_report, markdown_text, render
from generator.schema import SCHEMA_DIR

MEETINGS = """\
meetings:
  - {date: 2025-12-01, time: "18:00"}
  - {date: 2026-03-01, time: "18:00"}
  - {date: 2026-06-01, time: "18:00"}
  - {date: 2026-12-01, time: "18:00"}
"""
HELD = ("2025-12-01", "2026-03-01", "2026-06-01")

HEALTHY = COUNCIL.split("meetings:\n")[0] + MEETINGS
"""conftest's council, with its meetings held and minuted: in order on TODAY."""


def council_files(slug: str, council: str, held: tuple[str, ...] = HELD) -> dict[str, str | bytes]:
    """A council folder with minutes for each day in `held`."""
    files: dict[str, str | bytes] = {f"councils/{slug}/council.yml": council}
    for day in held:
        files[f"councils/{slug}/minutes/{day}.md"] = f"---\ntitle: Referat {day}\n---\nRådet møttes.\n"
    return files


def project_of(root: Path, *councils: Mapping[str, str | bytes], config: str = SITE_CONFIG) -> Path:
    files: dict[str, str | bytes] = {"site-config.yml": config}
    for council in councils:
        files.update(council)
    return write_tree(root, files)


def school(name: str = "Brukerråd ved Testskolen") -> dict[str, str | bytes]:
    """A healthy council in the other sector, Skoler og barnehager."""
    return council_files("testskolen", HEALTHY.replace("Brukerråd ved Testheim", name).replace("sector: helse", "sector: oppvekst"))


def short_of_members() -> dict[str, str | bytes]:
    """Testheim with 5 seats and 3 user representatives: an error-level finding."""
    return council_files("testheim", HEALTHY.replace("established: 2010-01-01", "established: 2010-01-01\nseats: 5"))


def terms_ending_in_january() -> dict[str, str | bytes]:
    """Testheim whose members' terms all end on 10 January 2027: a warning from 60 days before."""
    return council_files("testheim", HEALTHY.replace("to: 2027-12-31", "to: 2027-01-10"))


def run_report(root: Path, *args: str, today: dt.date | str = TODAY) -> Result:
    """`raad report` as a user runs it, on the pinned day; stdout and stderr apart."""
    result = CliRunner().invoke(main, ["report", str(root), "--today", str(today), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_text_says_each_finding_in_norwegian_with_what_to_do_and_where(tmp_path: Path) -> None:
    root = project_of(tmp_path, short_of_members(), school())
    result = run_report(root)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Status for rådene i Testby kommune, 24. november 2026\n")
    assert "Brukerråd ved Testheim (Testheim sykehjem, Brukerråd)\n  Trenger oppfølging: 2 av 5 plasser står tomme\n" in text
    assert "  Tomme plasser: 2 av 5 · Møter siste 12 måneder: 3 av minst 2 · Ubesvarte anbefalinger: 0" in text
    assert "  Avvik: 2 av 5 plasser står tomme\n    → Rekrutter og velg brukerrepresentanter til de tomme plassene.\n" in text
    line = next(i for i, text in enumerate(HEALTHY.splitlines(), 2) if text == "members:")
    assert f"    councils/testheim/council.yml:{line}: members\n" in text
    assert "Brukerråd ved Testskolen (Testheim sykehjem, Brukerråd)\n  Alt i orden\n" in text
    assert text.index("Helse og velferd") < text.index("Testheim (") < text.index("Skoler og barnehager") < text.index("Testskolen")
    assert text.endswith("\n1 av 2 råd trenger oppfølging\n")
    assert "\x1b[" not in text, "no colours when stdout is not a terminal"


def test_sectors_come_in_the_sites_order_and_former_councils_are_left_out(tmp_path: Path) -> None:
    config = SITE_CONFIG.replace("{id: oppvekst, name: Skoler og barnehager}", "{id: oppvekst, name: Skoler og barnehager, order: -1}")
    dissolved = (
        COUNCIL.split("meetings:\n")[0].replace("Testheim", "Nedlagtheim").replace("2010-01-01", "2010-01-01\ndissolved: 2026-01-01")
    )
    result = run_report(project_of(tmp_path, short_of_members(), school(), council_files("nedlagt", dissolved, ()), config=config))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.index("Skoler og barnehager") < text.index("Helse og velferd")
    assert "Nedlagtheim" not in text
    assert text.endswith("\n1 av 2 råd trenger oppfølging\n")


def test_colours_only_for_a_terminal(tmp_path: Path, today: dt.date) -> None:
    report = health_report(load_project(project_of(tmp_path, short_of_members()), today), today)
    assert "\x1b[31m" in render(report, "text", colour=True), "an error-level finding in red"
    assert "\x1b[" not in render(report, "text")


def tables(markdown_text: str) -> list[list[list[str]]]:
    """Each table of the Markdown as Python-Markdown renders it: rows of cell texts."""
    soup = BeautifulSoup(markdown.markdown(markdown_text, extensions=["tables"]), "html.parser")
    assert soup.find("script") is None
    return [[[cell.get_text() for cell in row.find_all(["th", "td"])] for row in table.find_all("tr")] for table in soup.find_all("table")]


def test_markdown_is_a_table_per_sector_with_a_row_per_council_and_its_findings(tmp_path: Path) -> None:
    result = run_report(project_of(tmp_path, short_of_members(), school()), "--format", "markdown")
    assert result.exit_code == 0
    html = BeautifulSoup(markdown.markdown(result.stdout, extensions=["tables"]), "html.parser")
    assert [h.get_text() for h in html.find_all("h2")] == ["Helse og velferd", "Skoler og barnehager"]
    councils, findings, schools = tables(result.stdout)
    assert councils == [
        ["Råd", "Status", "Tomme plasser", "Møter siste 12 måneder", "Ubesvarte anbefalinger"],
        ["Brukerråd ved Testheim", "Trenger oppfølging: 2 av 5 plasser står tomme", "2 av 5", "3 av minst 2", "0"],
    ]
    assert findings == [
        ["Råd", "Nivå", "Funn", "Tiltak"],
        ["Brukerråd ved Testheim", "Avvik", "2 av 5 plasser står tomme", "Rekrutter og velg brukerrepresentanter til de tomme plassene."],
    ]
    assert schools[1] == ["Brukerråd ved Testskolen", "Alt i orden", "0 av 3", "3 av minst 2", "0"]
    assert "Alle rådene er i orden." in result.stdout
    assert result.stdout.endswith("\n1 av 2 råd trenger oppfølging.\n")


NASTY = "Råd | for <script>alert(1)</script> *alle* _x_ [lenke](https://x.invalid) `kode` \\ & #1"


def test_a_council_name_with_markdown_and_html_cannot_break_the_table(tmp_path: Path) -> None:
    council = HEALTHY.replace("name: Brukerråd ved Testheim", f"name: {json.dumps(NASTY, ensure_ascii=False)}")
    text = run_report(project_of(tmp_path, council_files("testheim", council), school()), "--format", "markdown").stdout
    councils, schools = tables(text)
    assert councils[1] == [NASTY, "Alt i orden", "0 av 3", "3 av minst 2", "0"]
    assert all(len(row) == 5 for row in councils + schools)
    html = markdown.markdown(text, extensions=["tables"])
    assert "<script" not in html
    assert "<a " not in html
    assert "<em>" not in html
    assert "<code>" not in html


@pytest.mark.parametrize("value", ["a\nb", "a | b", "<b>", "x\r\ny"])
def test_markdown_text_stays_on_one_line_and_in_one_cell(value: str) -> None:
    cell = markdown_text(value)
    assert "\n" not in cell
    assert "\r" not in cell
    html = markdown.markdown(f"| h |\n| --- |\n| {cell} |", extensions=["tables"])
    rows = BeautifulSoup(html, "html.parser").find_all("tr")
    assert [td.get_text() for td in rows[1].find_all("td")] == [" ".join(value.split())]


def csv_rows(result: Result) -> list[dict[str, str]]:
    data = result.stdout_bytes
    assert data.startswith("\ufeff".encode()), "a byte-order mark, so that Excel reads æøå right"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_row_per_finding_and_one_per_council_in_order(tmp_path: Path) -> None:
    unit = '=HYPERLINK("https://x.invalid")'
    nasty_school = school()
    nasty_school["councils/testskolen/council.yml"] = str(nasty_school["councils/testskolen/council.yml"]).replace(
        "unit: Testheim sykehjem", f"unit: '{unit}'"
    )
    root = project_of(tmp_path, short_of_members(), nasty_school)
    rows = csv_rows(run_report(root, "--format", "csv"))
    assert [(r["council_slug"], r["status"], r["level"], r["kind"]) for r in rows] == [
        ("testheim", "attention", "error", "seats_empty"),
        ("testskolen", "ok", "", ""),
    ]
    assert rows[0]["sentence"] == "2 av 5 plasser står tomme"
    assert rows[0]["action"] == "Rekrutter og velg brukerrepresentanter til de tomme plassene."
    assert (rows[0]["file"], rows[0]["field"], rows[0]["empty_seats"], rows[0]["seats"]) == (
        "councils/testheim/council.yml",
        "members",
        "2",
        "5",
    )
    assert rows[0]["sector"] == "Helse og velferd"
    assert rows[0]["day"] == "2026-11-24"
    assert rows[1]["unit"] == "'" + unit, "a formula is text in a spreadsheet"


def test_csv_lists_every_place_of_a_finding(tmp_path: Path) -> None:
    rows = csv_rows(run_report(project_of(tmp_path, terms_ending_in_january()), "--format", "csv"))
    assert [(r["kind"], r["level"], r["count"]) for r in rows] == [("terms_ending", "warning", "6")]
    assert rows[0]["sentence"] == "6 perioder går ut innen 60 dager"
    assert len(rows[0]["places"].split("; ")) == 6


def report_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def validate(data: Any) -> None:
    jsonschema.Draft202012Validator(report_schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def test_the_schema_names_every_kind_and_level() -> None:
    defs = report_schema()["$defs"]
    assert defs["finding"]["properties"]["kind"]["enum"] == [kind.value for kind in Kind]
    assert defs["level"]["enum"] == [level.value for level in Level]


def test_json_of_the_example_is_valid() -> None:
    result = run_report(REPO, "--format", "json")
    data = json.loads(result.stdout)
    validate(data)
    assert data["day"] == "2026-11-24"
    assert data["language"] == "nb"
    assert data["summary"]["councils"] == sum(len(sector["councils"]) for sector in data["sectors"]) > 0


UNHEALTHY = """\
name: Brukerutvalg ved Sjukheim
type: brukerutvalg
sector: helse
unit: Sjukheim
established: 2010-01-01
members:
  - {name: Ida I, role: user_representative, represents: relatives, from: 2024-01-01, to: 2026-06-30}
  - {name: Jon J, role: user_representative, represents: relatives, from: 2024-01-01, to: 2026-12-31}
meetings:
  - {date: 2026-05-12, time: "18:00"}
"""


def test_json_of_an_unhealthy_project_is_valid_and_complete(tmp_path: Path) -> None:
    minutes = "---\ntitle: Referat\ndecisions:\n  - {id: '1/26', advice: Mer lys i gangen.}\n---\nRådet møttes.\n"
    sick = {"councils/sjukheim/council.yml": UNHEALTHY, "councils/sjukheim/minutes/2026-05-12.md": minutes}
    result = run_report(project_of(tmp_path, sick, short_of_members()), "--format", "json")
    data = json.loads(result.stdout)
    validate(data)
    [sector] = data["sectors"]
    testheim, sjukheim = sector["councils"]  # by name: Brukerråd before Brukerutvalg
    assert sjukheim["slug"] == "sjukheim"
    assert sjukheim["status"] == "attention"
    assert sjukheim["level"] == "error"
    kinds = {f["kind"] for f in sjukheim["findings"]}
    assert {
        "seats_empty",
        "no_chair",
        "terms_expired",
        "terms_ending",
        "deputy_seats_empty",
        "advice_unanswered",
        "no_planned_meeting",
    } <= kinds
    advice = next(f for f in sjukheim["findings"] if f["kind"] == "advice_unanswered")
    assert advice["places"] == [
        {"path": "councils/sjukheim/minutes/2026-05-12.md", "line": advice["places"][0]["line"], "field": "decisions[0].follow_up"}
    ]
    assert (sjukheim["unanswered_advice"], sjukheim["seated"], sjukheim["minimum_meetings"]) == (1, 1, None)
    assert sjukheim["years"][0] == {"year": 2026, "meetings": 1, "minimum": None, "advice": 1, "answered": 0, "partial": True}
    assert data["summary"] == data["summary"] | {
        "councils": 2,
        "needing_follow_up": 2,
        "level": "error",
        "sentence": "2 av 2 råd trenger oppfølging",
    }
    assert testheim["findings"][0]["sentence"] == "2 av 5 plasser står tomme"


def test_fail_on_error_fails_only_for_an_error(tmp_path: Path) -> None:
    error = project_of(tmp_path / "error", short_of_members())
    warning = project_of(tmp_path / "warning", terms_ending_in_january())
    assert run_report(error, "--fail-on", "error").exit_code == 1
    assert run_report(warning, "--fail-on", "error").exit_code == 0
    assert run_report(error).exit_code == 0, "without --fail-on, findings do not fail"


def test_fail_on_warning_fails_for_a_warning_and_for_an_error(tmp_path: Path) -> None:
    warning = project_of(tmp_path / "warning", terms_ending_in_january())
    error = project_of(tmp_path / "error", short_of_members())
    healthy = project_of(tmp_path / "healthy", council_files("testheim", HEALTHY))
    assert run_report(warning, "--fail-on", "warning").exit_code == 1
    assert run_report(error, "--fail-on", "warning").exit_code == 1
    assert run_report(healthy, "--fail-on", "warning").exit_code == 0


def test_today_decides_what_is_due(tmp_path: Path) -> None:
    """Terms ending on 10 January 2027 need an election from 60 days before, not in September."""
    root = project_of(tmp_path, terms_ending_in_january())
    september = run_report(root, "--fail-on", "warning", today="2026-09-01")
    assert september.exit_code == 0
    assert "Status for rådene i Testby kommune, 1. september 2026" in september.stdout
    assert "Alt i orden" in september.stdout
    assert "perioder går ut" not in september.stdout
    november = run_report(root, "--fail-on", "warning")
    assert november.exit_code == 1
    assert "  Varsel: 6 perioder går ut innen 60 dager\n    → Forbered valg av nye medlemmer, eller forleng periodene.\n" in november.stdout


def test_a_broken_council_file_gives_no_report(tmp_path: Path) -> None:
    broken = council_files("testheim", HEALTHY.replace("sector: helse", "sector: helse\nsector: oppvekst"))
    result = run_report(project_of(tmp_path, broken), "--format", "json")
    assert result.exit_code == 2  # not 1, which --fail-on gives for a finding
    assert result.stdout == ""
    assert "councils/testheim/council.yml:4:" in result.stderr
    assert "Rapporten krever et gyldig prosjekt: rett opp 1 feil ovenfor." in result.stderr  # the site's language


def test_out_writes_the_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "helse.md"
    result = run_report(project_of(tmp_path / "p", short_of_members()), "--format", "markdown", "--out", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Status for rådene i Testby kommune, 24. november 2026\n")


def test_the_report_speaks_the_sites_language(tmp_path: Path) -> None:
    root = project_of(tmp_path, short_of_members(), config=SITE_CONFIG.replace("language: nb", "language: nn"))
    text = run_report(root).stdout
    assert "  Avvik: 2 av 5 plassar står tomme\n    → Rekrutter og vel brukarrepresentantar til dei tomme plassane.\n" in text
    assert text.endswith("\n1 av 1 råd treng oppfølging\n")


@pytest.mark.parametrize("output", FORMATS)
def test_no_format_names_a_member(tmp_path: Path, output: str) -> None:
    """Findings describe the council, never a person: the report may be passed around."""
    council = terms_ending_in_january()["councils/testheim/council.yml"]
    assert isinstance(council, str)
    root = project_of(tmp_path, council_files("testheim", council.replace("established: 2010-01-01", "established: 2010-01-01\nseats: 5")))
    result = run_report(root, "--format", output)
    assert "perioder går ut innen 60 dager" in result.stdout
    names = re.findall(r"name: (\w+ \w)\b", council)
    assert len(names) == 7
    assert [name for name in names if name in result.stdout] == []


def test_help_shows_an_example() -> None:
    result = CliRunner().invoke(main, ["report", "--help"])
    assert "Example: raad report --format markdown" in result.output
    assert "--fail-on [warning|error]" in result.output


def test_the_terminal_gets_no_control_characters_from_a_name(tmp_path: Path) -> None:
    """A council's name could hold an escape sequence that plants a link or retitles the
    reader's terminal; the text report prints the name without it."""
    name = "Brukerråd \x1b]8;;http://evil.example/\x07ved\x1b[2J Testheim\x9b"
    text = str(short_of_members()["councils/testheim/council.yml"])
    assert "name: Brukerråd ved Testheim\n" in text
    escaped = name.replace("\x1b", "\\e").replace("\x07", "\\a").replace("\x9b", "\\x9b")
    council = council_files("testheim", text.replace("name: Brukerråd ved Testheim\n", f'name: "{escaped}"\n'))
    result = run_report(project_of(tmp_path, council))
    assert "\x1b" not in result.stdout
    assert "\x9b" not in result.stdout
    assert "Brukerråd ]8;;http://evil.example/ved[2J Testheim" in result.stdout
