"""The questions `raad new council` and `raad add-minutes` ask on the terminal.

Each asks only for what the options did not give, offering the choices site-config.yml
allows, so that a secretary can answer without opening the file. Where nobody can answer
(input is not a terminal and has run out), the question is an error that names the option.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from generator import messages
from generator.add_minutes import Ask, DateGuess, MinutesError
from generator.model import SiteConfig
from generator.scaffold_council import NewCouncil, council_slug


def _iso_day(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            messages.gettext("expected a date as YYYY-MM-DD but got %(value)s", value=messages.quoted(value))
        ) from None


def _prompt(text: str, option: str, **settings: Any) -> Any:
    """click.prompt, except that input that has run out is an error naming the option."""
    try:
        return click.prompt(text, **settings)
    except click.Abort:
        raise click.UsageError(
            messages.gettext("%(question)s: no answer (input is not a terminal); give it with %(option)s", question=text, option=option)
        ) from None


def _choose(what: str, option: str, choices: dict[str, str]) -> str:
    """One key of `choices`, shown with its label; the only one is chosen without asking."""
    if len(choices) == 1:
        return next(iter(choices))
    for key, label in choices.items():
        click.echo(f"  {key}: {label}", err=True)
    return str(_prompt(what, option, type=click.Choice(list(choices)), show_choices=False, err=True))


def ask_new_council(config: SiteConfig, given: dict[str, Any], day: dt.date) -> NewCouncil:
    """The new council from the options, asking for each one not given. The founding day,
    which is optional, is asked only of someone who is answering questions anyway; the
    default is `day`."""
    interactive = not all(given[key] for key in ("name", "council_type", "sector", "unit"))
    _ = messages.gettext
    name = given["name"] or _prompt(_("Name of the council"), "--name", err=True)
    council_type = given["council_type"] or _choose(_("Type"), "--type", {key: t.label for key, t in config.council_types.items()})
    sector = given["sector"] or _choose(_("Sector"), "--sector", {s.id: s.name for s in config.sectors})
    unit = given["unit"] or _prompt(_("Unit (enhet) the council advises"), "--unit", err=True)
    established = given["established"] or day
    if interactive and not given["established"]:
        established = _iso_day(_prompt(_("Established (YYYY-MM-DD)"), "--established", default=day.isoformat(), err=True))
    return NewCouncil(name, council_type, sector, unit, established, given["slug"] or council_slug(name))


def ask_meeting_date(file: Path) -> Ask:
    """Asks for the meeting date of `file`, offering the date read from it."""

    def ask(guess: DateGuess) -> dt.date:
        _ = messages.gettext
        if guess.date is None:
            click.echo(_("No meeting date found in %(file)s (looked in %(source)s).", file=file.name, source=guess.source), err=True)
        else:
            guessed = _(
                "%(file)s: %(date)s is a guess from %(source)s; other dates appear too.",
                file=file.name,
                date=guess.date.isoformat(),
                source=guess.source,
            )
            click.echo(guessed, err=True)
        try:
            answer = click.prompt(_("Meeting date (YYYY-MM-DD)"), default=guess.date.isoformat() if guess.date else None, err=True)
        except click.Abort:
            raise MinutesError(_("could not tell the meeting date of %(file)s; give it with --date YYYY-MM-DD", file=file.name)) from None
        return _iso_day(answer)

    return ask
