"""`raad check`'s problems in the forms code-review tools show beside the changed lines.

Reviewers read a pull request, not a CI log: each format here puts the check's problems
where the host draws them. Every function is pure: a list of `Problem`, in, text out; the
CLI decides where the text goes.

``--format github`` prints GitHub Actions workflow commands, one line per problem::

    ::error file=PATH,line=N,title=FIELD::MESSAGE
    ::warning file=PATH,line=N,title=FIELD::MESSAGE
    ::notice file=PATH,line=N,title=FIELD::MESSAGE

``error`` for errors, ``warning`` for warnings, ``notice`` for notes on council health.
``line=N`` is left out when the problem concerns a whole file, ``title=FIELD`` when it has
no field. Escaping follows GitHub's toolkit: in MESSAGE ``%`` is written ``%25``, CR
``%0D`` and LF ``%0A``; in PATH and FIELD also ``:`` is ``%3A`` and ``,`` is ``%2C``.
(The CLI prints the summary after them as a plain line.)

``--format gitlab`` is a GitLab Code Quality report: a JSON array of issues with
``description``, ``check_name``, ``fingerprint``, ``severity`` and ``location`` (``path``,
``lines.begin``; line 1 when the problem concerns a whole file, as GitLab requires one).
Errors are ``critical``, warnings ``minor``, notes ``info``. The fingerprint is the SHA-256
of path, line, field and message, so the same problem has the same fingerprint in every
pipeline, which is how GitLab tells a new problem from a fixed one.

``--format sarif`` is SARIF 2.1.0 for other hosts and code scanning: one run of the tool
``raad`` with a rule per kind of problem, results with level ``error``, ``warning`` or
``note``, and the file relative to ``%SRCROOT%`` with its start line when known.

A problem's kind, the `check_name` and SARIF rule, is its field path without indexes
(``members[2].role`` is ``members.role``; ``file`` for a whole file): field paths are what
the files say and stay the same whatever language the messages are in.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from urllib.parse import quote

from generator.problems import Problem, Severity

FORMATS = ("github", "gitlab", "sarif")
"""The annotation formats `raad check --format` offers besides text and json."""

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
_GITLAB_SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "minor", Severity.NOTE: "info"}
_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}
_INDEX = re.compile(r"\[\d+\]")


def render(output: str, problems: list[Problem], version: str) -> str:
    """The report in format `output` (one of `FORMATS`), ending in a newline. `version` is
    raad's, which SARIF names as the tool's."""
    if output == "github":
        return "".join(line + "\n" for line in github_commands(problems))
    if output == "gitlab":
        return _json(gitlab_report(problems))
    if output == "sarif":
        return _json(sarif_log(problems, version))
    raise ValueError(f"unknown annotation format {output!r}; expected one of {', '.join(FORMATS)}")


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def kind(problem: Problem) -> str:
    """The stable name of the problem's kind: its field path without indexes."""
    return _INDEX.sub("", problem.field) or "file"


def fingerprint(problem: Problem) -> str:
    """SHA-256 of what locates and says the problem; the same in every run for the same
    problem. The parts are joined by NUL, which none of them holds, so no two problems
    whose parts merely concatenate alike share a fingerprint."""
    parts = (problem.path, str(problem.line or ""), problem.field, problem.message)
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


# GitHub Actions ---------------------------------------------------------------------------


def github_commands(problems: Iterable[Problem]) -> list[str]:
    """One workflow command per problem (see the module docstring for the format)."""
    return [github_command(problem) for problem in problems]


def github_command(problem: Problem) -> str:
    properties = [f"file={_escape_property(problem.path)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    if problem.field:
        properties.append(f"title={_escape_property(problem.field)}")
    return f"::{_GITHUB_COMMANDS[problem.severity]} {','.join(properties)}::{_escape_data(problem.message)}"


def _escape_data(text: str) -> str:
    """As `escapeData` in GitHub's actions/toolkit: the runner would read a newline as the
    end of the command and `%` as the start of an escape."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """As `escapeProperty` in GitHub's actions/toolkit: `:` ends the properties and `,`
    separates them."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitLab Code Quality ----------------------------------------------------------------------


def gitlab_report(problems: Iterable[Problem]) -> list[dict[str, object]]:
    """The Code Quality issues, in the problems' order."""
    return [gitlab_issue(problem) for problem in problems]


def gitlab_issue(problem: Problem) -> dict[str, object]:
    return {
        "type": "issue",
        "description": _described(problem),
        "check_name": kind(problem),
        "fingerprint": fingerprint(problem),
        "severity": _GITLAB_SEVERITIES[problem.severity],
        "location": {"path": problem.path, "lines": {"begin": problem.line or 1}},
    }


def _described(problem: Problem) -> str:
    """GitLab shows only the description, so it names the field, as the text format does."""
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


# SARIF 2.1.0 ------------------------------------------------------------------------------


def sarif_log(problems: list[Problem], version: str) -> dict[str, object]:
    """A SARIF log of one run; its rules are the kinds of the problems found, sorted."""
    kinds = sorted({kind(problem) for problem in problems})
    index = {name: number for number, name in enumerate(kinds)}
    driver = {
        "name": "raad",
        "version": version,
        "rules": [_sarif_rule(name) for name in kinds],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The raad project folder."}}},
                "results": [_sarif_result(problem, index[kind(problem)]) for problem in problems],
            }
        ],
    }


def _sarif_rule(name: str) -> dict[str, object]:
    text = "A problem in the file itself." if name == "file" else f"A problem in the field {name}."
    return {"id": name, "shortDescription": {"text": text}}


def _sarif_result(problem: Problem, rule_index: int) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": quote(problem.path), "uriBaseId": "%SRCROOT%"}}
    if problem.line is not None:
        physical["region"] = {"startLine": problem.line}
    return {
        "ruleId": kind(problem),
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS[problem.severity],
        "message": {"text": _described(problem)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {"raadProblem/v1": fingerprint(problem)},
    }
