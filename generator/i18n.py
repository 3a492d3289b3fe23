"""The site's languages: gettext catalogues for every label, and locale dates, sizes and plurals.

Labels live in standard gettext catalogues, `generator/locale/<lang>/LC_MESSAGES/messages.po`,
whose msgids are the English source text, so translators can use Poedit or any other `.po`
tool (see "Translations" in the README). A catalogue is compiled in memory the first time a
language is used; fuzzy entries are never used. Plurals follow the catalogue's Plural-Forms,
which `pybabel init` takes from CLDR ("1 historisk", "2 historiske").

A message a catalogue lacks falls back to its English msgid and is recorded, so a test can
build the site in every language and fail on any missing translation (`missing_translations`).

Dates are formatted by Babel from CLDR data ("27. april 2021"), which knows the month names
and order of each locale better than a hand-written table would; so are file sizes.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from pathlib import Path
from typing import get_args

from babel.dates import format_date, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from babel.units import format_unit

from generator.model import Language

LANGUAGES: tuple[Language, ...] = get_args(Language)

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def catalogue_path(language: str) -> Path:
    """The `.po` file translators edit for `language`."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


class _Missing(gettext.NullTranslations):
    """The last fallback of a catalogue: answers with the English msgid, and records it."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: set[str] = set()

    def gettext(self, message: str) -> str:
        self.messages.add(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.messages.add(msgid1)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        self.messages.add(f"{context}|{message}")
        return message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        self.messages.add(f"{context}|{msgid1}")
        return msgid1 if n == 1 else msgid2


class Catalogue(Translations):
    """One language's compiled messages, with `missing`: the msgids it had to fall back on
    (as `context|msgid` when the message has a context)."""

    def __init__(self, fp: io.BytesIO) -> None:
        super().__init__(fp, domain=DOMAIN)
        self._missing = _Missing()
        self.add_fallback(self._missing)

    @property
    def missing(self) -> set[str]:
        return self._missing.messages


@functools.cache
def translations(language: str) -> Catalogue:
    """The catalogue of `language`, compiled from its `.po` file once per process."""
    with catalogue_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Catalogue(compiled)


def missing_translations(language: str) -> set[str]:
    """Every message looked up in `language` since the process started that its catalogue
    lacks (untranslated, fuzzy or not in the catalogue at all)."""
    return set(translations(language).missing)


@functools.lru_cache(maxsize=4096)
def format_day(language: Language, day: dt.date) -> str:
    """A date as people write it in `language`: "27. april 2021", "April 27, 2021"."""
    return format_date(day, format="long", locale=language)


def format_size(language: Language, size: int) -> str:
    """A file size as shown beside a download link: "110 kB", "1,2 MB" (decimal units, CLDR
    unit patterns)."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=language)
    return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=language)


def format_pages(language: Language, pages: int) -> str:
    """A PDF's page count: "1 side", "3 sider"."""
    return translations(language).ngettext("%(num)s page", "%(num)s pages", pages) % {"num": pages}


def format_month(language: Language, month: int) -> str:
    """A month's name as it stands in a sentence: "juni", "June" (CLDR's stand-alone wide form)."""
    return str(get_month_names("wide", context="stand-alone", locale=language)[month])
