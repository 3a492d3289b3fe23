"""The accessibility statement (tilgjengelighetserklæring) that Norwegian law requires of a
public website, from the `accessibility:` section of site-config.yml.

It names the standard (WCAG 2.1 AA under the regulations on universal design of ICT), how far
the site meets it, the known deviations and why, where to give feedback, the day the site
was last tested (from the configuration, never the day of the build: a statement must not
look fresher than its test), and the complaint route to the supervisory authority. Without
the section the page still exists, with what raad can say, and `raad check` warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import EMAIL_PATTERN, AccessibilityStatement, Conformance
from generator.site import ACCESSIBILITY_URL, Page, SiteContext, render_page


def N_(message: str) -> str:
    """Mark a message for `pybabel extract` without translating it yet (it is translated in
    the site's language when the page is built)."""
    return message


@dataclass(frozen=True)
class Deviation:
    """One requirement the site does not meet, or one technical note, as the statement lists it."""

    criterion: str
    description: str
    reason: str
    markup: str = ""
    """For a technical note: what the tags it explains hold (tests/test_html_valid.py holds
    every error the checker finds in the theme's markup against the notes)."""


THEME_NOTES: tuple[Deviation, ...] = (
    Deviation(
        "4.1.1",
        N_(
            "The W3C Nu HTML checker reports that the two hidden check boxes that open the menu and the search "
            "carry the attribute autocomplete, which HTML allows only on text-like fields."
        ),
        N_(
            "The publishing system's theme writes them outside every part raad can change. The theme uses the "
            "attribute so that a browser does not reopen the menu when you go back. It changes nothing for "
            "assistive technology, and since the 2023 correction of WCAG 2.1 criterion 4.1.1 counts as met for HTML."
        ),
        markup='<input class="md-toggle"',
    ),
)
"""raad's technical notes: what the W3C Nu HTML checker finds in the markup of the site
engine's theme that no block override can change (tests/test_html_valid.py prints it). They
are listed on every site's statement, apart from the municipality's deviations: none of them
fails a success criterion. Write `description` and `reason` as English msgids wrapped in
`N_()`, so that they are extracted for translation."""


def build_accessibility_page(ctx: SiteContext) -> Page:
    statement = ctx.config.accessibility or AccessibilityStatement()
    labels = ctx.labels
    notes = [Deviation(d.criterion, labels.gettext(d.description), labels.gettext(d.reason)) for d in THEME_NOTES]
    status_text = _status_text(ctx, statement.status)
    tested = labels.gettext("The website was last tested on %(date)s.", date=ctx.day(statement.tested)) if statement.tested else None
    return render_page(
        ctx,
        "accessibility.md.j2",
        ACCESSIBILITY_URL,
        labels.gettext("Accessibility statement"),
        description=f"{status_text} {tested or ''}",
        statement=statement,
        status_text=status_text,
        tested=tested,
        deviations=statement.deviations,
        notes=notes,
        contact_email=statement.contact_email or _function_email(ctx),
    )


def _status_text(ctx: SiteContext, status: Conformance) -> str:
    """How far the site complies, in the words of the supervisory authority's statements."""
    if status is Conformance.FULL:
        return ctx.labels.gettext("The website complies with the requirements for universal design of ICT.")
    if status is Conformance.PARTIAL:
        return ctx.labels.gettext("The website partially complies with the requirements for universal design of ICT.")
    return ctx.labels.gettext("The website does not comply with the requirements for universal design of ICT.")


def _function_email(ctx: SiteContext) -> str | None:
    """The municipality's own first e-mail address (its postmottak), where feedback goes
    when the statement names no contact of its own."""
    return next((a for a in ctx.config.function_addresses if re.fullmatch(EMAIL_PATTERN, a)), None)
