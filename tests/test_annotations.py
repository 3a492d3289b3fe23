"""`raad check --format github|gitlab|sarif`: the problems where reviewers look.

Each format is checked the way its host reads it: GitHub's workflow commands line by line
against the format generator/annotations.py documents, GitLab's Code Quality report and
SARIF against their schemas (shipped in tests/data/schemas, see its README)."""

from __future__ import annotations

import json
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import COUNCIL, REPO, run_check, write_tree
from generator.annotations import github_command
from generator.problems import Problem, Severity

SCHEMAS = Path(__file__).parent / "data" / "schemas"
COUNCIL_FILE = "councils/testheim/council.yml"

SECTOR_ERROR = (
    f"::error file={COUNCIL_FILE},line=4,title=sector::"
    "unknown sector 'a:b,50%25\\nc'; site-config.yml defines helse, oppvekst"  # repr keeps the newline a backslash-n
)
SEATS_WARNING = f"::warning file={COUNCIL_FILE},line=3,title=seats::4 seats for user representatives; a Brukerråd has 3 or 5"
ODD_KEY_ERROR = (
    "::error file=councils/odd/council.yml,line=19,title=odd%3Akey%2C100%25%0Ax::unknown field; expected one of contact, "
    "dissolved, established, evaluations, maintainers, mandate, mandate_given_by, mandate_given_on, meetings, members, name, "
    "reviewed_identity_numbers, seats, sector, type, unit"
)


@pytest.fixture
def broken(project: Path) -> Path:
    """The test project with an error and a warning in its council, and a second council
    whose unknown field's name holds every character GitHub wants escaped."""
    council = COUNCIL.replace("sector: helse", 'sector: "a:b,50%\\nc"').replace("type: brukerrad\n", "type: brukerrad\nseats: 4\n")
    odd = COUNCIL + '"odd:key,100%\\nx": 1\n'
    return write_tree(project, {COUNCIL_FILE: council, "councils/odd/council.yml": odd})


def test_github_lines_match_the_documented_format(broken: Path) -> None:
    result = run_check(broken, "--format", "github")
    assert result.exit_code == 1
    commands = [line for line in result.lines[:-1] if not line.startswith("::notice ")]
    assert commands == [ODD_KEY_ERROR, SEATS_WARNING, SECTOR_ERROR]
    notices = [line for line in result.lines[:-1] if line.startswith("::notice ")]
    assert notices
    assert all(line.startswith(f"::notice file={COUNCIL_FILE},line=") for line in notices)
    assert result.lines[-1].startswith("2 errors, 1 warning, ")  # the summary, a plain line
    assert len(result.lines) == len(commands) + len(notices) + 1


def test_github_strict_makes_warnings_errors_and_never_notes(broken: Path, project: Path) -> None:
    strict = run_check(broken, "--format", "github", "--strict")
    assert SEATS_WARNING.replace("::warning ", "::error ", 1) in strict.lines
    assert not any(line.startswith("::warning ") for line in strict.lines)
    write_tree(project, {COUNCIL_FILE: COUNCIL})
    shutil.rmtree(project / "councils/odd")
    healthy = run_check(project, "--format", "github", "--strict")
    assert healthy.exit_code == 0  # the test council's notes on its health do not fail
    assert healthy.lines[:-1]
    assert all(line.startswith("::notice ") for line in healthy.lines[:-1])


def test_github_escapes_message_and_properties() -> None:
    problem = Problem("councils/a:b,c%/council.yml", 7, "members[0].x:y,z%", "bad: 5,5%\r\nsecond line", Severity.WARNING)
    assert github_command(problem) == (
        "::warning file=councils/a%3Ab%2Cc%25/council.yml,line=7,title=members[0].x%3Ay%2Cz%25::bad: 5,5%25%0D%0Asecond line"
    )
    whole_file = Problem("content/om.md", None, "", "a problem of the whole file", Severity.NOTE)
    assert github_command(whole_file) == "::notice file=content/om.md::a problem of the whole file"


def _gitlab(root: Path, *args: str) -> list[dict[str, Any]]:
    result = run_check(root, "--format", "gitlab", *args)
    assert result.exit_code == 1
    report: list[dict[str, Any]] = json.loads(result.output)
    return report


def test_gitlab_report_validates_and_maps_severities(broken: Path) -> None:
    report = _gitlab(broken)
    jsonschema.Draft7Validator(_schema("gitlab-codequality.schema.json")).validate(report)
    by_check = {issue["check_name"]: issue for issue in report}
    assert by_check["sector"] == {
        "type": "issue",
        "description": "sector: unknown sector 'a:b,50%\\nc'; site-config.yml defines helse, oppvekst",
        "check_name": "sector",
        "fingerprint": by_check["sector"]["fingerprint"],
        "severity": "critical",
        "location": {"path": COUNCIL_FILE, "lines": {"begin": 4}},
    }
    assert by_check["seats"]["severity"] == "minor"
    assert by_check["meetings"]["severity"] == "info"  # a note on the council's health
    assert {issue["severity"] for issue in _gitlab(broken, "--strict") if issue["check_name"] == "seats"} == {"critical"}


def test_gitlab_fingerprints_are_stable_and_distinct(broken: Path) -> None:
    first = run_check(broken, "--format", "gitlab").output
    assert run_check(broken, "--format", "gitlab").output == first
    fingerprints = [issue["fingerprint"] for issue in json.loads(first)]
    assert len(fingerprints) >= 4
    assert len(set(fingerprints)) == len(fingerprints)
    moved = broken / COUNCIL_FILE
    moved.write_text("\n" + moved.read_text(encoding="utf-8"), encoding="utf-8")  # every line one down
    assert not set(fingerprints) & {issue["fingerprint"] for issue in _gitlab(broken) if issue["location"]["path"] == COUNCIL_FILE}


def test_gitlab_schema_rejects_what_gitlab_would(broken: Path) -> None:
    """The schema is not vacuous: a report without a line or with an unknown severity fails."""
    validator = jsonschema.Draft7Validator(_schema("gitlab-codequality.schema.json"))
    issue = _gitlab(broken)[0]
    assert list(validator.iter_errors([issue | {"severity": "error"}]))
    assert list(validator.iter_errors([issue | {"location": {"path": COUNCIL_FILE}}]))


def test_report_to_a_file_and_text_to_the_log(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "gl-code-quality-report.json"
    result = run_check(broken, "--format", "gitlab", "--out", str(out))
    assert result.exit_code == 1
    assert f"{COUNCIL_FILE}:3: warning: seats: 4 seats for user representatives; a Brukerråd has 3 or 5" in result.lines
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(run_check(broken, "--format", "gitlab").output)


def test_sarif_validates_against_the_schema(broken: Path) -> None:
    result = run_check(broken, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    validator = jsonschema.Draft7Validator(_schema("sarif-2.1.0.json"))
    validator.validate(log)
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("raad", version("raad"))
    rules = [rule["id"] for rule in driver["rules"]]
    assert rules == sorted(set(rules))
    assert {"sector", "seats", "meetings"} <= set(rules)
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]] == result_["ruleId"]
    sector = next(r for r in run["results"] if r["ruleId"] == "sector")
    assert sector["level"] == "error"
    assert sector["message"]["text"] == "sector: unknown sector 'a:b,50%\\nc'; site-config.yml defines helse, oppvekst"
    assert sector["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": COUNCIL_FILE, "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 4}}}
    ]
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert (levels["seats"], levels["meetings"]) == ("warning", "note")
    broken_log = json.loads(result.output)
    broken_log["runs"][0]["results"][0]["level"] = "critical"
    assert list(validator.iter_errors(broken_log))  # the schema would notice a wrong level


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return schema


def test_readme_examples_are_what_raad_prints(project: Path) -> None:
    """The README shows a line of each format for an unknown sector; they must stay true."""
    write_tree(project, {COUNCIL_FILE: COUNCIL.replace("sector: helse", "sector: x")})
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    github = run_check(project, "--format", "github").lines[0]
    assert github in [line.strip() for line in readme.splitlines()]
    (issue,) = [issue for issue in _gitlab(project) if issue["severity"] != "info"]
    assert f'"fingerprint": "{issue["fingerprint"][:8]}…"' in readme
