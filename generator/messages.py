"""The language `raad check`, `build` and `report` speak to staff, and the calls that use it.

Problems are found deep inside loaders and checks that know nothing of the command line.
Passing a `Labels` through every loader and check would thread one argument through dozens of
signatures that do not otherwise need it; keeping a message id plus values in `Problem` would
make every problem's text depend on a later rendering step and on its values staying plain.
Instead the command sets the language once (`speaking`), for the extent of the command, in
a context variable, and every message is rendered when its problem is made, through the same
gettext catalogues as the site. So a `Problem` still holds finished text: the identity-number
masking, sorting, JSON output and the tests see what the user sees.

Without a command around it (a library call, a test calling `check_project`), messages are
English, the msgids themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model and its YAML reader use this module: import the labels when used
    from generator.labels import Labels
    from generator.model import Language

_LANGUAGE: ContextVar[Language] = ContextVar("message_language", default="en")


@contextmanager
def speaking(language: Language) -> Iterator[None]:
    """Render every message made inside the block in `language`."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def language() -> Language:
    return _LANGUAGE.get()


def labels() -> Labels:
    """The labels of the language messages are rendered in now."""
    from generator.labels import labels_for

    return labels_for(_LANGUAGE.get())


def gettext(message: str, **values: Any) -> str:
    """`message` (an English msgid with `%(name)s` placeholders) in the current language."""
    return labels().gettext(message, **values)


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    """The plural form for `n` in the current language; `%(num)s` is the number."""
    return labels().ngettext(singular, plural, n, **values)


def pgettext(context: str, message: str, **values: Any) -> str:
    return labels().pgettext(context, message, **values)


def number(value: int) -> str:
    """A count as the language writes it: 1,000,000 in English, 1 000 000 in Norwegian (where a
    comma would read as a decimal sign), with no-break spaces so the number stays whole."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=_LANGUAGE.get()))


def N_(message: str) -> str:
    """Mark a message for `pybabel extract` where it is written, to be translated later, when
    the language is known (a click option's callback is written before any command runs)."""
    return message


def quoted(text: str) -> str:
    """A value the file holds, quoted as the language quotes: 'leder' in English, «leder»
    in Norwegian. Control characters are written as escapes (a line break as \\n), so that a
    problem stays on one line of the terminal and of a CI annotation."""
    return pgettext("quoted value", "'%(text)s'", text=_visible(text))


def _visible(text: str) -> str:
    """`text` with each control character as Python writes it in a string literal."""
    return "".join(repr(ch)[1:-1] if ch.isprintable() is False and ch != " " else ch for ch in text)
