"""`raad check` as a user and CI meet it: output format, exit codes, the example content, speed."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import COUNCIL, REPO, run_check, today, write_tree
from generator.checks import check_project
from generator.load import load_project

LINE = re.compile(r"^(site-config\.yml|councils/[^:]+)(:\d+)?: (warning: )?\S.*$")


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
    assert result.lines[-1] == "3 errors, 0 warnings in 2 councils."


def test_json_format_for_ci_annotations(project: Path) -> None:
    write_tree(project, {"councils/testheim/council.yml": COUNCIL.replace("sector: helse", "sector: x")})
    result = run_check(project, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["errors"] == 1
    assert report["problems"] == [
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


def test_the_example_content_passes_strict_check_today() -> None:
    """The showcase must stay valid: `raad check --strict` on this repository, on the real date."""
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--strict", str(REPO)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.startswith("No problems in ")


def test_the_example_content_covers_what_the_site_needs() -> None:
    now = dt.date.today()
    project = load_project(REPO, now)
    assert project.config is not None
    councils = project.councils
    assert len(councils) >= 8
    assert {c.sector for c in councils} == {s.id for s in project.config.sectors}
    assert any(c.is_historical(now) for c in councils)
    formats = {m.format.value for c in councils for m in c.minutes}
    assert formats == {"md", "pdf"}
    historical = next(c for c in councils if c.slug == "psykisk-helse-og-rus")
    assert historical.is_historical(now) and historical.mandate.text
    committee = next(c for c in councils if c.slug == "bo-og-habiliteringstjenesten")
    assert [m.date.isoformat() for m in committee.minutes] == ["2021-09-07", "2021-06-15", "2021-04-27"]
    assert {m.name for m in committee.members} >= {"Bente Hegdal", "Peder Inge Furseth", "Jan-Egil Korseberg"}


@pytest.mark.parametrize(
    "replacement",
    ["", "[", "{a: 1}", "- x", "!!python/object:os.system x", "&a", "*nothing", "null", "'", "2020-02-30", "0777", "yes", "12:30"],
)
def test_no_broken_line_gives_a_traceback(project: Path, replacement: str) -> None:
    """Break each line of a valid council in many ways: always located problems, never a crash."""
    lines = COUNCIL.splitlines()
    for index, line in enumerate(lines):
        key = line.split(":", 1)[0]
        broken = [*lines[:index], f"{key}: {replacement}" if ":" in line else replacement, *lines[index + 1 :]]
        write_tree(project, {"councils/testheim/council.yml": "\n".join(broken) + "\n"})
        problems = check_project(load_project(project, today()), today())
        for problem in problems:
            assert LINE.match(problem.format()), problem.format()


def _many_councils(root: Path, count: int) -> None:
    shutil.copy(REPO / "site-config.yml", root / "site-config.yml")
    shutil.copytree(REPO / "content", root / "content")
    source = REPO / "councils" / "eksempelheim-helse-og-velferdssenter"
    for number in range(count):
        shutil.copytree(source, root / "councils" / f"rad-{number:03d}")


def test_checking_500_councils_takes_under_5_seconds(tmp_path: Path) -> None:
    _many_councils(tmp_path, 500)
    raad = Path(sys.executable).with_name("raad")
    started = time.perf_counter()
    completed = subprocess.run([str(raad), "check", "--strict", str(tmp_path)], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert completed.stdout.strip() == "No problems in 500 councils."
    assert elapsed < 5, f"raad check took {elapsed:.2f} s for 500 councils"
