"""The `raad` command. Thin: each command parses options and calls the core."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import click

from generator import messages
from generator.add_minutes import MinutesError, add_minutes, council_problems
from generator.annotations import FORMATS as ANNOTATION_FORMATS
from generator.annotations import render as render_annotations
from generator.build import BuildResult, build, check_pdfs
from generator.checks import check_project
from generator.codeowners import codeowners
from generator.engine import DEFAULT_ENGINE, ENGINE_HELP, ENGINES
from generator.health import Level
from generator.i18n import LANGUAGES
from generator.init import DEFAULT_CONTACT_EMAIL, DEFAULT_SITE_URL, Municipality, NotEmptyError, init_project
from generator.load import configured_day, configured_language, load_project
from generator.model import EMAIL_PATTERN, SITE_TIME_ZONE, WEB_ADDRESS_PATTERN, Language
from generator.preview import serve
from generator.problems import Problem, Severity, sorted_problems
from generator.report import FORMATS, health_report, render
from generator.scaffold_council import ScaffoldError, write_council
from generator.schema import stale_schemas, write_schemas
from generator.staff_prompts import ask_meeting_date, ask_new_council


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
    "--format",
    "output",
    type=click.Choice(["text", "json", *ANNOTATION_FORMATS]),
    default="text",
    show_default=True,
    help=(
        "json: one object per problem; github: workflow commands that annotate a pull request; "
        "gitlab: a Code Quality report; sarif: SARIF 2.1.0."
    ),
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file (a CI artifact: json, gitlab or sarif) and print the problems as text. Default: stdout.",
)
@today_option
@lang_option
def check(directory: Path, strict: bool, output: str, out: Path | None, today: dt.date | None, lang: str | None) -> None:
    """Check every council file and report each problem with file and line.

    Example: raad check --strict

    Personal identity numbers are errors wherever they are written, the text of minutes PDFs
    included (read through the build's cache in DIRECTORY/build/.cache).

    Prints one line per problem, `path:line: field: message`, sorted, then a summary.
    Exits 1 when there is an error (or, with --strict, a warning), else 0, in every format.

    In CI: --format github annotates a pull request's lines on GitHub; --format gitlab
    --out gl-code-quality-report.json is GitLab's Code Quality artifact; --format sarif for
    other hosts (generator/annotations.py documents each format).
    """
    with messages.speaking(language_of(directory, lang)):
        _check(directory, strict, output, out, day_of(directory, today))


def _check(directory: Path, strict: bool, output: str, out: Path | None, today: dt.date) -> None:
    project = load_project(directory, today)
    problems = sorted_problems(check_project(project, today, strict=strict) + check_pdfs(project, directory / "build", today, strict))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    if out is None:
        click.echo(_check_output(output, problems, len(project.councils)), nl=False)
    else:
        out.write_text(_check_output(output, problems, len(project.councils)), encoding="utf-8")
        click.echo(_check_output("text", problems, len(project.councils)), nl=False)
    sys.exit(1 if errors else 0)


def _check_output(output: str, problems: list[Problem], councils: int) -> str:
    """What `raad check --format output` prints: a report, or lines and the summary."""
    if output == "json":
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        report = {"problems": [p.as_dict() for p in problems], "councils": councils, "errors": errors}
        return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    if output == "text":
        return "".join(problem.format() + "\n" for problem in problems) + _summary(problems, councils) + "\n"
    lines = render_annotations(output, problems, version("raad"))
    return lines + _summary(problems, councils) + "\n" if output == "github" else lines


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


@main.group()
def new() -> None:
    """Start something new in the project: raad new council."""


@new.command(name="council")
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--name", help="The council's name, e.g. Brukerråd ved Eksempelheim sykehjem.")
@click.option("--type", "council_type", help="A key of council_types in site-config.yml.")
@click.option("--sector", help="An id of sectors in site-config.yml.")
@click.option("--unit", help="The unit (enhet) the council advises.")
@click.option("--slug", help="The folder name and web address. Default: from the name.")
@click.option("--established", metavar="YYYY-MM-DD", callback=_today, help="The day the council was founded. Default: today.")
@today_option
@lang_option
def new_council(directory: Path, today: dt.date | None, lang: str | None, **given: Any) -> None:
    """Write councils/<slug>/council.yml and mandate.md for a new council, asking for what
    the options do not give.

    Example: raad new council --name "Brukerråd ved Eksempelheim" --type brukerrad --sector helse --unit Eksempelheim

    The members and the meeting plan start empty, with commented example lines for the roles
    the council type has; the mandate starts from the type's rules. Prints the path of council.yml.
    """
    day = day_of(directory, today)
    with messages.speaking(language_of(directory, lang)):
        config = load_project(directory, day).config
        if config is None:
            raise click.ClickException(messages.gettext("site-config.yml is missing or not valid; run raad check"))
        council = ask_new_council(config, given, day)
        try:
            path = write_council(directory, council, config)
        except ScaffoldError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(path)


@main.command(name="add-minutes")
@click.argument("council")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--date", metavar="YYYY-MM-DD", callback=_today, help="The meeting's date. Default: read from the file, or asked.")
@click.option("--title", help="The minutes' title. Default: the Markdown file's first heading; none for a PDF.")
@click.option("--draft", is_flag=True, help="Mark the minutes as a draft: not published until approved.")
@click.option("--suffix", help="For a second meeting on the same day: the file is named YYYY-MM-DD-SUFFIX.")
@today_option
@lang_option
def add_minutes_command(
    council: str,
    file: Path,
    directory: Path,
    date: dt.date | None,
    title: str | None,
    draft: bool,
    suffix: str | None,
    today: dt.date | None,
    lang: str | None,
) -> None:
    """Copy a minutes PDF or Markdown file into COUNCIL's minutes, named by the meeting date,
    then check the council.

    Example: raad add-minutes eksempelheim referat.pdf --date 2026-04-14

    COUNCIL is the council's folder name under councils/. Without --date, the date is read
    from the file (a "Møtedato: 14. april 2026" or the only date on its first pages, else the
    PDF's creation date); when that is unclear, you are asked. A PDF gets a .yml beside it with
    the title and status. Exits 1 when the check finds an error in the council.
    """
    today = day_of(directory, today)
    with messages.speaking(language_of(directory, lang)):
        problems = _add_minutes(directory, council, file, today, date, title, draft, suffix)
    for problem in problems:
        click.echo(problem.format())
    sys.exit(1 if any(p.severity is Severity.ERROR for p in problems) else 0)


def _add_minutes(
    directory: Path, council: str, file: Path, today: dt.date, date: dt.date | None, title: str | None, draft: bool, suffix: str | None
) -> list[Problem]:
    """Add the minutes, saying what was written, and return what the check finds in the council."""
    try:
        added = add_minutes(directory, council, file, today, ask_meeting_date(file), date, title, draft, suffix)
    except MinutesError as exc:
        raise click.ClickException(str(exc)) from None
    if added.guess is not None and added.guess.sure:
        click.echo(messages.gettext("Meeting date %(date)s, from %(source)s.", date=added.date.isoformat(), source=added.guess.source))
    for path in (added.path, added.sidecar):
        if path is not None:
            click.echo(messages.gettext("wrote %(path)s", path=path))
    return council_problems(directory, council, today)


@main.command(name="codeowners")
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--web-team",
    "web_team",
    multiple=True,
    metavar="@ORG/TEAM",
    help="Who owns site-config.yml, theme/, content/ and the CI files; repeatable. Default: web_team in site-config.yml.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Default: DIRECTORY/CODEOWNERS; - for stdout.",
)
@lang_option
def codeowners_command(directory: Path, web_team: tuple[str, ...], out: Path | None, lang: str | None) -> None:
    """Write CODEOWNERS: each council's folder is reviewed by its maintainers, the rest by the web team.

    Example: raad codeowners --web-team @kommune/nettredaksjonen

    GitHub and GitLab both read CODEOWNERS at the top of the repository. Exits 2 without
    writing when the project has errors (see raad check).
    """
    with messages.speaking(language_of(directory, lang)):
        _write_codeowners(directory, web_team, out)


def _write_codeowners(directory: Path, web_team: tuple[str, ...], out: Path | None) -> None:
    project = load_project(directory, day_of(directory, None))
    errors = [p for p in project.problems if p.severity is Severity.ERROR]
    if errors:
        for problem in errors:
            click.echo(problem.format(), err=True)
        sys.exit(2)
    text = codeowners(project, web_team)
    target = out or directory / "CODEOWNERS"
    if str(target) == "-":
        click.echo(text, nl=False)
    else:
        target.write_text(text, encoding="utf-8")
        click.echo(messages.gettext("wrote %(path)s", path=target))


def _init_language(ctx: click.Context) -> Language:
    """The language init speaks: the new site's (--language is eager, so it is known first)."""
    return next((language for language in LANGUAGES if language == ctx.params.get("language")), "nb")


def _matching(ctx: click.Context, value: str, pattern: str, expected: str) -> str:
    """An option's value as site-config.yml will accept it, so that init never writes a file
    that fails the check."""
    if not re.fullmatch(pattern, value):
        with messages.speaking(_init_language(ctx)):
            raise click.BadParameter(
                messages.gettext(
                    "expected %(expected)s but got %(value)s", expected=messages.gettext(expected), value=messages.quoted(value)
                )
            )
    return value


def _ask_municipality(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    """The municipality's name, asked in the new site's language when not given."""
    if value is not None:
        return value
    with messages.speaking(_init_language(ctx)):
        return str(click.prompt(messages.gettext("The municipality (e.g. Solvik kommune)")))


@main.command(name="init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--municipality", callback=_ask_municipality, help="The municipality's name, e.g. Solvik kommune.")
@click.option(
    "--site-url",
    default=DEFAULT_SITE_URL,
    show_default=True,
    callback=lambda ctx, _param, value: _matching(
        ctx, value, WEB_ADDRESS_PATTERN, messages.N_("an address such as https://kommune.no/brukerrad/")
    ),
    help="The site's public address; it may end in a sub-path.",
)
@click.option(
    "--language",
    type=click.Choice(["nb", "nn", "en"]),
    default="nb",
    show_default=True,
    is_eager=True,
    help="The site's language, which init speaks too.",
)
@click.option(
    "--contact-email",
    default=DEFAULT_CONTACT_EMAIL,
    show_default=True,
    callback=lambda ctx, _param, value: _matching(
        ctx, value, EMAIL_PATTERN, messages.N_("an e-mail address such as postmottak@kommune.no")
    ),
    help="Where readers report accessibility problems (the accessibility statement).",
)
@today_option
def init_command(directory: Path, municipality: str, site_url: str, language: Language, contact_email: str, today: dt.date | None) -> None:
    """Start a new municipality's project in DIRECTORY, a new or empty folder.

    Example: raad init brukerrad --municipality "Solvik kommune"

    Writes site-config.yml, the front page and an about page, a council to copy (maler/),
    the theme, the JSON Schemas and editor settings, and the CI files for GitHub and GitLab.
    raad check --strict and raad build accept the project at once.
    """
    with messages.speaking(language):
        try:
            written = init_project(directory, Municipality(municipality, site_url, language, contact_email), today or local_today())
        except NotEmptyError as error:
            raise click.ClickException(str(error)) from None
        click.echo(
            messages.ngettext(
                "Wrote %(num)s file into %(directory)s. Next: cd %(directory)s, git init, then raad check and raad build.",
                "Wrote %(num)s files into %(directory)s. Next: cd %(directory)s, git init, then raad check and raad build.",
                len(written),
                directory=directory,
            )
        )
