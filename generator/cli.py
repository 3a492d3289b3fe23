"""The `raad` command. Thin: each command parses options and calls the core."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from generator import messages
from generator.build import BuildResult, build, check_pdfs
from generator.checks import check_project
from generator.engine import DEFAULT_ENGINE, ENGINE_HELP, ENGINES
from generator.health import Level
from generator.i18n import LANGUAGES
from generator.load import configured_day, configured_language, load_project
from generator.model import SITE_TIME_ZONE, Language
from generator.preview import serve
from generator.problems import Problem, Severity, sorted_problems
from generator.report import FORMATS, health_report, render
from generator.schema import stale_schemas, write_schemas


def local_today() -> dt.date:
    """Today where the councils meet: a meeting on the plan for today is upcoming until
    midnight there, whatever the machine's time zone."""
    return dt.datetime.now(tz=SITE_TIME_ZONE).date()


def _today(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date as YYYY-MM-DD but got {value!r}") from None


def day_of(directory: Path, today: dt.date | None) -> dt.date:
    """The day a command works as of: --today, else the example_day of an example project's
    site-config.yml (its data describes that day), else today."""
    return today or configured_day(directory) or local_today()


today_option = click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_today,
    help=(
        "Work as if it were this day (terms, meeting counts, future minutes, council health). "
        "Default: the project's example_day, else today."
    ),
)


lang_option = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="The language of the messages: nb, nn or en. Default: the site's language (site-config.yml), else nb.",
)


def language_of(directory: Path, lang: str | None) -> Language:
    """--lang, else the language of the project's site, else nb."""
    return next((language for language in LANGUAGES if language == lang), None) or configured_language(directory)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="raad")
def main() -> None:
    """raad: a static site for a municipality's user councils, from YAML and Markdown in git."""


@main.command()
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Treat warnings as errors. Notes on council health stay notes (raad report --fail-on gates those)."
)
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", help="json: one object per problem, for CI annotations."
)
@today_option
@lang_option
def check(directory: Path, strict: bool, output: str, today: dt.date | None, lang: str | None) -> None:
    """Check every council file and report each problem with file and line.

    Example: raad check --strict

    Personal identity numbers are errors wherever they are written, the text of minutes PDFs
    included (read through the build's cache in DIRECTORY/build/.cache).

    Prints one line per problem, `path:line: field: message`, sorted, then a summary.
    Exits 1 when there is an error (or, with --strict, a warning), else 0.
    """
    with messages.speaking(language_of(directory, lang)):
        _check(directory, strict, output, day_of(directory, today))


def _check(directory: Path, strict: bool, output: str, today: dt.date) -> None:
    project = load_project(directory, today)
    problems = sorted_problems(check_project(project, today, strict=strict) + check_pdfs(project, directory / "build", today, strict))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    if output == "json":
        click.echo(
            json.dumps(
                {"problems": [p.as_dict() for p in problems], "councils": len(project.councils), "errors": errors},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            click.echo(problem.format())
        click.echo(_summary(problems, len(project.councils)))
    sys.exit(1 if errors else 0)


def _summary(problems: list[Problem], councils: int) -> str:
    """ "1 error, 2 warnings in 9 councils." and, when any council needs follow-up, its notes."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    notes = sum(1 for p in problems if p.severity is Severity.NOTE)
    checked = messages.ngettext("%(num)s council", "%(num)s councils", councils)
    if not problems:
        return messages.gettext("No problems in %(councils)s.", councils=checked)
    counts = {
        "errors": messages.ngettext("%(num)s error", "%(num)s errors", errors),
        "warnings": messages.ngettext("%(num)s warning", "%(num)s warnings", len(problems) - errors - notes),
        "councils": checked,
    }
    if not notes:
        return messages.gettext("%(errors)s, %(warnings)s in %(councils)s.", **counts)
    health = messages.ngettext("%(num)s note on council health (raad report)", "%(num)s notes on council health (raad report)", notes)
    return messages.gettext("%(errors)s, %(warnings)s, %(notes)s in %(councils)s.", notes=health, **counts)


@main.command()
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--format", "output", type=click.Choice(FORMATS), default="text", show_default=True, help="markdown: tables for a case document."
)
@click.option(
    "--fail-on",
    type=click.Choice([level.value for level in (Level.WARNING, Level.ERROR)]),
    default=None,
    help="Exit 1 when a council has a finding at this level or worse. Default: exit 0 whatever the findings.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the report to this file. Default: stdout."
)
@today_option
@lang_option
def report(directory: Path, output: str, fail_on: str | None, out: Path | None, today: dt.date | None, lang: str | None) -> None:
    """Report the health of every active council, by sector, in the site's language.

    Example: raad report --format markdown --out helse.md

    Per council: status, empty seats, meetings in the last 12 months, unanswered advice, the
    last evaluation, and each finding with what to do and the lines to change. Formats: text
    (a terminal), markdown (tables for the contact meetings' case documents), csv (one row per
    finding, for a spreadsheet), json (for programs; generator/schemas/report.schema.json).

    In CI, raad report --fail-on error exits 1 when a rule is broken now; without
    --fail-on the report exits 0 whatever it finds.

    A project with errors (see raad check) gives no report, and exits 2, so that CI tells
    it from a finding.
    """
    language = language_of(directory, lang)
    with messages.speaking(language):
        _report_health(directory, output, fail_on, out, day_of(directory, today), language)


def _report_health(directory: Path, output: str, fail_on: str | None, out: Path | None, today: dt.date, language: Language) -> None:
    project = load_project(directory, today)
    errors = [p for p in check_project(project, today) if p.severity is Severity.ERROR]
    if errors:
        for problem in errors:
            click.echo(problem.format(), err=True)
        click.echo(
            messages.ngettext(
                "The report needs a valid project: fix the %(num)s error above.",
                "The report needs a valid project: fix the %(num)s errors above.",
                len(errors),
            ),
            err=True,
        )
        sys.exit(2)
    result = health_report(project, today, language)
    if out is None:
        click.echo(render(result, output, colour=sys.stdout.isatty()), nl=False)
    else:
        out.write_text(render(result, output), encoding="utf-8", newline="")
    sys.exit(1 if fail_on and result.fails(Level(fail_on)) else 0)


@main.command(name="build")
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where the site goes. Default: DIRECTORY/site.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help=ENGINE_HELP,
)
@click.option("--timings", is_flag=True, help="Print wall time and peak memory of each build phase.")
@today_option
@lang_option
def build_command(
    directory: Path, out: Path | None, strict: bool, engine: str, timings: bool, today: dt.date | None, lang: str | None
) -> None:
    """Build the public site: check, write the docs tree to build/, run the site engine.

    Example: raad build --out site/

    The new site replaces the old one only when the build succeeded. Exits 1 on errors.
    """
    today = day_of(directory, today)
    target = out or directory / "site"
    with messages.speaking(language_of(directory, lang)):
        result = build(directory, target, today, strict=strict, engine=engine)
        _report(result, target)
    if timings:
        click.echo(result.timings.table())
    if not result.ok:
        sys.exit(1)
    click.echo(f"View it: python3 -m http.server -d {target} 8000, then open http://localhost:8000/ (or run raad serve)")


def _report(result: BuildResult, target: Path) -> None:
    for problem in result.problems:
        click.echo(problem.format())
    if result.pdf_stats is not None:
        click.echo(result.pdf_stats.summary())
    if result.ok:
        click.echo(
            messages.gettext(
                "Built %(pages)s pages into %(target)s (%(written)s files of the docs tree changed).",
                pages=result.pages,
                target=target,
                written=result.written,
            )
        )
    else:
        click.echo(messages.gettext("Build failed; %(target)s is unchanged.", target=target))


@main.command(name="serve")
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Where the preview is built. Default: DIRECTORY/site."
)
@click.option("--port", type=int, default=8000, show_default=True, help="Port on localhost; 0 picks a free one.")
@click.option(
    "--today",
    metavar="YYYY-MM-DD",
    callback=_today,
    help="Build every preview as if it were this day. Default: the project's example_day, else the day of each rebuild.",
)
def serve_command(directory: Path, out: Path | None, port: int, today: dt.date | None) -> None:
    """Preview the site on localhost, rebuilding whenever a council, page or the config changes.

    Example: raad serve --port 8000

    A change with errors prints them and keeps the last good preview.
    """
    target = (out or directory / "site").resolve()
    serve(directory, target, port, lambda: day_of(directory, today), lambda result: _report(result, target))


@main.command()
@click.option("--check", "verify", is_flag=True, help="Only report whether the committed schemas are up to date.")
def schema(verify: bool) -> None:
    """Write the JSON Schemas for council.yml and site-config.yml from the model.

    Example: raad schema --check
    """
    if verify:
        stale = stale_schemas()
        for path in stale:
            click.echo(f"{path}: out of date; run raad schema")
        sys.exit(1 if stale else 0)
    for path in write_schemas():
        click.echo(f"wrote {path}")
