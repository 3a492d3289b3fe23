"""The council health report: `raad report`, for the municipality's staff.

The site shows each council's health to everyone; the staff also need it outside the site,
for the yearly contact meeting between a sector's councils and the political committee (a
Markdown table pasted into the case document), for a spreadsheet (CSV), for other programs
and CI (JSON, described by generator/schemas/report.schema.json), and on a terminal (text).
Every format is rendered from one `HealthReport`, built from `generator.health`, so they
never disagree with the site. Sectors come in the site's order and councils by name, as on
the site (`SiteContext`); words are in the site's language. Nothing here prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from generator.exports.contacts_csv import spreadsheet_text
from generator.health import CouncilHealth, Finding, Level, Place, assess_project
from generator.labels import Labels
from generator.model import Language, Project, Sector
from generator.site import SiteContext

FORMATS = ("text", "markdown", "csv", "json")
JSON_VERSION = 1
"""The version of the JSON structure; it changes only when a field changes meaning or goes."""

_RANK = {Level.WARNING: 1, Level.ERROR: 2}


@dataclass(frozen=True)
class SectorHealth:
    """A sector's active councils, by name."""

    sector: Sector
    councils: list[CouncilHealth]


@dataclass(frozen=True)
class HealthReport:
    """The health of every active council on `ctx.today`, by sector in the site's order.
    A sector without active councils is left out: it has nothing to report."""

    ctx: SiteContext
    sectors: list[SectorHealth]

    @property
    def labels(self) -> Labels:
        return self.ctx.labels

    @property
    def councils(self) -> list[CouncilHealth]:
        return [health for sector in self.sectors for health in sector.councils]

    def worst(self) -> Level | None:
        """The most urgent level of any finding; None when every council is in order."""
        levels = [level for health in self.councils if (level := health.worst()) is not None]
        return max(levels, key=_RANK.__getitem__, default=None)

    def fails(self, threshold: Level) -> bool:
        """Whether a finding at `threshold` or worse exists: `raad report --fail-on`."""
        worst = self.worst()
        return worst is not None and _RANK[worst] >= _RANK[threshold]

    def findings(self, level: Level) -> int:
        return sum(1 for health in self.councils for finding in health.findings if finding.level is level)

    def summary(self) -> str:
        """The summary line: "3 av 9 råd trenger oppfølging"."""
        attention = sum(1 for health in self.councils if not health.ok)
        return self.labels.ngettext(
            "%(num)s of %(total)s councils needs follow-up",
            "%(num)s of %(total)s councils need follow-up",
            attention,
            total=len(self.councils),
        )

    def title(self) -> str:
        return self.labels.gettext(
            "Council health, %(municipality)s, %(day)s", municipality=self.ctx.config.municipality, day=self.ctx.day(self.ctx.today)
        )


def health_report(project: Project, today: dt.date, language: Language | None = None) -> HealthReport:
    """The report of a loaded project without errors (`check_project`) on `today`, in
    `language` (`raad report --lang`), else the site's."""
    assert project.config is not None, "the report needs a project with a valid site-config.yml"
    config = project.config if language is None else project.config.model_copy(update={"language": language})
    ctx = SiteContext(project, config, today)
    found = assess_project(project, today)
    sectors = [SectorHealth(s, [found[c.slug] for c in ctx.councils_in(s) if c.slug in found]) for s in ctx.sectors()]
    return HealthReport(ctx, [sector for sector in sectors if sector.councils])


def render(report: HealthReport, output: str, colour: bool = False) -> str:
    """The report in `output` (one of FORMATS); `colour` styles the text format for a terminal."""
    return _RENDERERS[output](report, colour)


def level_word(level: Level, labels: Labels) -> str:
    """A finding's level as staff read it: "Avvik" (a rule broken now), "Varsel" (soon)."""
    if level is Level.ERROR:
        return labels.pgettext("health level", "Error")
    return labels.pgettext("health level", "Warning")


def place_text(place: Place) -> str:
    """Where to change a file, as `raad check` says it: `path:line: field`."""
    where = place.path if place.line is None else f"{place.path}:{place.line}"
    return f"{where}: {place.field}" if place.field else where


def _empty_seats(health: CouncilHealth, labels: Labels) -> str:
    return labels.gettext("%(count)s of %(total)s", count=health.empty_seats, total=health.seats)


def _meetings(health: CouncilHealth, labels: Labels) -> str:
    if health.minimum is None:
        return str(health.meetings)
    return labels.gettext("%(count)s of at least %(minimum)s", count=health.meetings, minimum=health.minimum)


def _last_evaluation(report: HealthReport, health: CouncilHealth) -> str:
    if health.last_evaluation is None:
        return report.labels.gettext("not recorded")
    return report.ctx.day(health.last_evaluation)


# Text, for a terminal.

_LEVEL_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow"}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(value: str) -> str:
    """`value` without control characters: a council's name may hold an escape sequence that
    would move the cursor, retitle the window or plant a link in the reader's terminal."""
    return _CONTROL.sub("", value)


def _text(report: HealthReport, colour: bool) -> str:
    def style(text: str, **styles: Any) -> str:
        text = terminal_text(text)
        return click.style(text, **styles) if colour else text

    lines = [style(report.title(), bold=True)]
    for sector in report.sectors:
        lines += ["", style(sector.sector.name, bold=True, underline=True)]
        for health in sector.councils:
            lines += ["", *_text_council(report, health, style)]
    lines += ["", style(report.summary(), bold=True)]
    return "\n".join(lines) + "\n"


def _text_council(report: HealthReport, health: CouncilHealth, style: Callable[..., str]) -> list[str]:
    t = report.labels
    council = health.council
    worst = health.worst()
    figures = [
        (t.gettext("Empty seats"), _empty_seats(health, t)),
        (t.gettext("Meetings, last 12 months"), _meetings(health, t)),
        (t.gettext("Unanswered advice"), str(health.unanswered)),
    ]
    if health.evaluation_required or health.last_evaluation:  # no "not recorded" where no rule asks for one
        figures.append((t.gettext("Last evaluation"), _last_evaluation(report, health)))
    lines = [
        style(council.name, bold=True) + terminal_text(f" ({council.unit}, {report.ctx.council_type_label(council)})"),
        "  " + style(health.headline(t), fg=_LEVEL_COLOURS[worst] if worst else "green"),
        "  " + " · ".join(f"{label}: {value}" for label, value in figures),
    ]
    for finding in health.findings:
        word = style(level_word(finding.level, t), fg=_LEVEL_COLOURS[finding.level], bold=True)
        lines.append(f"  {word}: {finding.sentence(t)}")
        lines.append(f"    → {finding.action(t)}")
        lines += [f"    {terminal_text(place_text(place))}" for place in finding.places]
    return lines


# Markdown, for a case document.

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_text(value: str) -> str:
    """`value` (a council's name, say, which anyone may write) as literal text in a Markdown
    table cell or heading: on one line, HTML characters as entities, and every character that
    could start emphasis, a link, code or a new cell (`|`) escaped."""
    one_line = " ".join(value.split())
    html_safe = re.sub(r"[&<>]", lambda m: _HTML_SPECIAL[m.group()], one_line)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html_safe)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(markdown_text(cell) for cell in cells) + " |"

    return [row(header), "| " + " | ".join("---" for _ in header) + " |", *(row(cells) for cells in rows)]


def _markdown(report: HealthReport, _colour: bool) -> str:
    t = report.labels
    lines = [f"# {markdown_text(report.title())}"]
    for sector in report.sectors:
        lines += ["", f"## {markdown_text(sector.sector.name)}", ""]
        header = [t.gettext("Council"), t.gettext("Status"), t.gettext("Empty seats"), t.gettext("Meetings, last 12 months")]
        lines += _table(
            [*header, t.gettext("Unanswered advice")],
            [[h.council.name, h.headline(t), _empty_seats(h, t), _meetings(h, t), str(h.unanswered)] for h in sector.councils],
        )
        findings = [[h.council.name, level_word(f.level, t), f.sentence(t), f.action(t)] for h in sector.councils for f in h.findings]
        lines.append("")
        if findings:
            lines += ["### " + markdown_text(t.gettext("Findings")), ""]
            lines += _table([t.gettext("Council"), t.gettext("Level"), t.gettext("Finding"), t.gettext("What to do")], findings)
        else:
            lines.append(markdown_text(t.gettext("Every council is in order.")))
    lines += ["", markdown_text(report.summary()) + "."]
    return "\n".join(lines) + "\n"


# CSV, for a spreadsheet.

CSV_COLUMNS = [
    "day",
    "sector_id",
    "sector",
    "council_slug",
    "council",
    "unit",
    "type",
    "status",
    "level",
    "kind",
    "count",
    "sentence",
    "action",
    "file",
    "line",
    "field",
    "places",
    "seats",
    "seated",
    "empty_seats",
    "meetings_last_12_months",
    "minimum_meetings",
    "unanswered_advice",
    "last_evaluation",
]
"""Stable English names: a spreadsheet's formulas and other programs refer to them."""


def _csv(report: HealthReport, _colour: bool) -> str:
    """One row per finding, and one with empty finding columns for a council in order. UTF-8
    with a byte-order mark, like the contact list: Excel reads a CSV without it as Windows-1252
    and shows "BrukerrÃ¥d"; Python's csv (encoding="utf-8-sig") and LibreOffice read both."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for sector in report.sectors:
        for health in sector.councils:
            figures = _csv_figures(report, sector.sector, health)
            rows = [{**figures, **_csv_finding(report.labels, finding)} for finding in health.findings] or [figures]
            for row in rows:
                writer.writerow(spreadsheet_text(str(row.get(column, ""))) for column in CSV_COLUMNS)
    return "\ufeff" + out.getvalue()


def _csv_figures(report: HealthReport, sector: Sector, health: CouncilHealth) -> dict[str, object]:
    council = health.council
    return {
        "day": report.ctx.today.isoformat(),
        "sector_id": sector.id,
        "sector": sector.name,
        "council_slug": council.slug,
        "council": council.name,
        "unit": council.unit,
        "type": report.ctx.council_type_label(council),
        "status": "ok" if health.ok else "attention",
        "seats": health.seats,
        "seated": health.seated,
        "empty_seats": health.empty_seats,
        "meetings_last_12_months": health.meetings,
        "minimum_meetings": "" if health.minimum is None else health.minimum,
        "unanswered_advice": health.unanswered,
        "last_evaluation": health.last_evaluation.isoformat() if health.last_evaluation else "",
    }


def _csv_finding(labels: Labels, finding: Finding) -> dict[str, object]:
    """The finding's columns; file, line and field name its first place, `places` every one."""
    first = finding.places[0] if finding.places else None
    return {
        "level": finding.level.value,
        "kind": finding.kind.value,
        "count": finding.count,
        "sentence": finding.sentence(labels),
        "action": finding.action(labels),
        "file": first.path if first else "",
        "line": "" if first is None or first.line is None else first.line,
        "field": first.field if first else "",
        "places": "; ".join(place_text(place) for place in finding.places),
    }


# JSON, for programs (generator/schemas/report.schema.json).


def report_data(report: HealthReport) -> dict[str, Any]:
    """The report as the JSON structure its schema describes."""
    ctx = report.ctx
    return {
        "version": JSON_VERSION,
        "day": ctx.today.isoformat(),
        "language": ctx.language,
        "municipality": ctx.config.municipality,
        "sectors": [
            {"id": s.sector.id, "name": s.sector.name, "councils": [_council_data(report, h) for h in s.councils]} for s in report.sectors
        ],
        "summary": {
            "councils": len(report.councils),
            "needing_follow_up": sum(1 for h in report.councils if not h.ok),
            "errors": report.findings(Level.ERROR),
            "warnings": report.findings(Level.WARNING),
            "level": _level(report.worst()),
            "sentence": report.summary(),
            "title": report.title(),
        },
    }


def _level(level: Level | None) -> str | None:
    return None if level is None else level.value


def finding_data(finding: Finding, labels: Labels) -> dict[str, Any]:
    """A finding as programs read it, in the report and in the open data (data/v1/): its
    kind and level, its figures, and what it says in `labels`' language. It names no one."""
    return {
        "kind": finding.kind.value,
        "level": finding.level.value,
        "count": finding.count,
        "total": finding.total,
        "sentence": finding.sentence(labels),
        "action": finding.action(labels),
    }


def _council_data(report: HealthReport, health: CouncilHealth) -> dict[str, Any]:
    t = report.labels
    council = health.council
    return {
        "slug": council.slug,
        "name": council.name,
        "unit": council.unit,
        "type": council.type,
        "type_label": report.ctx.council_type_label(council),
        "status": "ok" if health.ok else "attention",
        "level": _level(health.worst()),
        "headline": health.headline(t),
        "seats": health.seats,
        "seated": health.seated,
        "empty_seats": health.empty_seats,
        "meetings_last_12_months": health.meetings,
        "minimum_meetings": health.minimum,
        "unanswered_advice": health.unanswered,
        "last_evaluation": health.last_evaluation.isoformat() if health.last_evaluation else None,
        "findings": [
            {**finding_data(f, t), "places": [{"path": p.path, "line": p.line, "field": p.field} for p in f.places]}
            for f in health.findings
        ],
        "years": [
            {"year": y.year, "meetings": y.meetings, "minimum": y.minimum, "advice": y.advice, "answered": y.answered, "partial": y.partial}
            for y in health.years
        ],
    }


def _json(report: HealthReport, _colour: bool) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


_RENDERERS: dict[str, Callable[[HealthReport, bool], str]] = {"text": _text, "markdown": _markdown, "csv": _csv, "json": _json}
