"""`raad check` as a user and CI meet it: output format, exit codes, the example content.

How long `raad check --strict` takes on 500 councils is reported by the benchmark
(`make bench`), not asserted here: a loaded machine must not fail the suite."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import COUNCIL, REPO, TODAY, copy_example, run_check, write_tree
from generator.checks import check_project
from generator.cli import main
from generator.load import load_project

LOCATED = re.compile(r"^councils/testheim/council\.yml:\d+: ((warning|note): )?[^:]+: \S.*$")  # path:line: field: message


def test_problems_are_sorted_and_summarised(project: Path) -> None:
    write_tree(
        project,
        {
            "councils/b-rad/council.yml": COUNCIL.replace("sector: helse", "sector: x").replace("type: brukerrad", "type: y"),
            "councils/a-rad/council.yml": COUNCIL.replace("unit: Testheim sykehjem", "unit: yes"),
        },
    )
    result = run_check(project)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.problems] == [
        "councils/a-rad/council.yml:4",
        "councils/b-rad/council.yml:2",
        "councils/b-rad/council.yml:3",
    ]
    assert result.lines[-1].startswith("3 errors, 0 warnings, ")  # and notes on the test councils' health


def test_json_format_for_ci_annotations(project: Path) -> None:
    write_tree(project, {"councils/testheim/council.yml": COUNCIL.replace("sector: helse", "sector: x")})
    result = run_check(project, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 1
    assert [p for p in report["problems"] if p["severity"] != "note"] == [
        {
            "path": "councils/testheim/council.yml",
            "line": 3,
            "field": "sector",
            "message": "unknown sector 'x'; site-config.yml defines helse, oppvekst",
            "severity": "error",
        }
    ]


def test_missing_site_config_and_councils_folder(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert result.exit_code == 1
    assert result.problems == [
        "councils: folder is missing; put one folder per council here",
        "site-config.yml: is missing; every project needs one",
    ]


def test_the_example_content_passes_strict_check_today(tmp_path: Path) -> None:
    """The showcase must stay valid: `raad check --strict` on this repository's example, on the
    suite's day (on a copy: the check caches the text of its PDFs under build/)."""
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--strict", "--today", TODAY.isoformat(), str(copy_example(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert [line for line in lines[:-1] if ": note: " not in line] == []
    # in the site's language (nb); the notes show the example's councils' health
    assert lines[-1].startswith("0 feil, 0 advarsler, ")


def test_the_example_content_covers_what_the_site_needs(today: dt.date) -> None:
    now = today
    project = load_project(REPO, now)
    assert project.config is not None
    councils = project.councils
    assert len(councils) == 9
    assert {c.sector for c in councils} == {s.id for s in project.config.sectors}
    assert {c.slug for c in councils if c.is_historical(now)} == {"psykisk-helse-og-rus", "bo-og-habiliteringstjenesten"}
    formats = {m.format.value for c in councils for m in c.minutes}
    assert formats == {"md", "pdf"}
    historical = next(c for c in councils if c.slug == "psykisk-helse-og-rus")
    assert historical.is_historical(now)
    assert historical.mandate.text
    committee = next(c for c in councils if c.slug == "bo-og-habiliteringstjenesten")
    assert [m.date.isoformat() for m in committee.minutes] == ["2021-09-07", "2021-06-15", "2021-04-27"]
    assert {m.name for m in committee.members} >= {"Bente Hegdal", "Peder Inge Furseth", "Jan-Egil Korseberg"}


BREAKS = ["", "[", "{a: 1}", "- x", "!!python/object:os.system x", "&a", "*nothing", "null", "'", "2020-02-30", "0777", "yes", "12:30"]
VALUE = re.compile(r"^(\s*(?:- \{)?\w+:)[^,}]*")  # the first value of a line, also inside `- {key: value, ...}`
STILL_VALID = {("", "members:"), ("", "meetings:"), ("&a", "members:"), ("&a", "meetings:")}
"""The breaks that leave valid YAML with the same meaning: `members:` is followed by its list
either way, and an anchor nobody refers to changes nothing."""


@pytest.mark.parametrize("replacement", BREAKS)
def test_no_broken_line_gives_a_traceback(project: Path, replacement: str, today: dt.date) -> None:
    """Break the first value of each line of a valid council: an error located on a line, never a crash."""
    failures = []
    lines = COUNCIL.splitlines()
    for index, line in enumerate(lines):
        broken = VALUE.sub(lambda match: f"{match.group(1)} {replacement}", line, count=1)
        write_tree(project, {"councils/testheim/council.yml": "\n".join([*lines[:index], broken, *lines[index + 1 :]]) + "\n"})
        problems = [p.format() for p in check_project(load_project(project, today), today)]
        case = f"line {index + 1} {line.strip()!r} as {broken.strip()!r}"
        failures += [f"{case}: not located: {problem}" for problem in problems if not LOCATED.match(problem)]
        errors = [problem for problem in problems if ": warning: " not in problem and ": note: " not in problem]
        if (replacement, line.strip()) in STILL_VALID:
            failures += [f"{case}: still valid, yet {problem}" for problem in errors]
        elif not errors:
            failures.append(f"{case}: accepted without an error")
    assert not failures, "\n".join(failures)


def test_an_example_project_works_as_of_its_example_day(project: Path) -> None:
    """An example's data describes one day: without --today, the commands work as of it (the
    report says which day), so the example looks the same whenever it is built; --today wins."""
    config = (project / "site-config.yml").read_text(encoding="utf-8")
    write_tree(
        project, {"site-config.yml": config.replace("language: nb\n", "language: nb\nexample_data: true\nexample_day: 2026-03-02\n")}
    )
    pinned = CliRunner().invoke(main, ["report", str(project), "--format", "json"])
    assert json.loads(pinned.output)["day"] == "2026-03-02"
    chosen = CliRunner().invoke(main, ["report", str(project), "--format", "json", "--today", "2026-11-24"])
    assert json.loads(chosen.output)["day"] == "2026-11-24"
    # A minutes document dated after the example day is in the future for raad check.
    write_tree(project, {"councils/testheim/minutes/2026-05-05.md": "---\ntitle: Referat\n---\nTekst.\n"})
    check = CliRunner().invoke(main, ["check", str(project), "--lang", "en"])
    assert "councils/testheim/minutes/2026-05-05.md: dated 2026-05-05, which is in the future" in check.output
