"""Norwegian personal identity numbers in free text: fødselsnummer, D-number and H-number.

Minutes are written by people who sometimes paste a resident's fødselsnummer into them, and
the site and its search index would publish it. A number here is eleven digits, written
together (``01020312345``) or as date and personal number (``010203 12345``, also with a
hyphen, a no-break space, ``&nbsp;`` or a table's ``|`` between), that is no part of a longer run of digits,
whose first six digits are a real date and whose two check digits are right. The check
digits are what keeps phone numbers, dates, case numbers and account numbers out: a random
eleven-digit number passes both only about once in 121 times, and then its date must be real.

What counts:

* fødselsnummer: DDMMYY and five digits;
* D-number (foreigners and others without a fødselsnummer): the day plus 40;
* H-number (health services' temporary number): the month plus 40.

Synthetic test numbers (Skatteetaten's Tenor: the month plus 80) identify nobody and are
not reported. From 2032-01-01 new numbers are issued whose first check digit may leave a
remainder of 0, 1, 2 or 3 instead of only 0 (Skatteetaten, "nytt fødselsnummer fra 2032");
such numbers cannot exist before then, so the relaxed rule applies only to checks run on or
after that day, which keeps the false alarms of today's rule (1 in 121) until it must change.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

RELAXED_FIRST_CHECK_FROM = dt.date(2032, 1, 1)
"""The first day numbers with the relaxed first check digit are issued."""

_FIRST_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_SECOND_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
_SPACE = r"[ \t\n\u00a0\u2009\u202f]"
# a table may give date and personal number a column each: | 010203 | 12345 |
_SEPARATOR = rf"{_SPACE}{{0,2}}(?:[-\u2010\u2011\u2012\u2013|]|&nbsp;|&#160;|&#xa0;)?{_SPACE}{{0,2}}"
_CANDIDATE = re.compile(
    # not preceded or followed by a digit, nor by a digit joined with . , / or - (2026/12345-3, 1.5)
    rf"(?<![0-9])(?<![0-9][.,/-])(?P<date>[0-9]{{6}})(?P<separator>{_SEPARATOR})(?P<personal>[0-9]{{5}})(?![0-9])(?![.,/-][0-9])",
    re.IGNORECASE,
)
MASK_VISIBLE = 2
"""Digits left visible at the end of a masked number."""


class NumberKind(StrEnum):
    """What kind of identity number, as a message names it."""

    FODSELSNUMMER = "fødselsnummer"
    D_NUMBER = "D-number"
    H_NUMBER = "H-number"


@dataclass(frozen=True)
class IdentityNumber:
    """One identity number found in a text: its kind and where it stands (`start`, `end`
    are offsets in the text searched). The digits never appear in its repr."""

    kind: NumberKind
    start: int
    end: int
    digits: str = field(repr=False)

    @property
    def masked(self) -> str:
        return mask(self.digits)


def mask(digits: str) -> str:
    """The number as messages and reviewed exceptions show it: ``xxxxxxxxx45``. Plain YAML,
    copyable without quotes, and it tells no more than one in a hundred numbers apart."""
    return "x" * (len(digits) - MASK_VISIBLE) + digits[-MASK_VISIBLE:]


def relaxed_on(day: dt.date) -> bool:
    """Whether numbers issued under the 2032 rule can exist on `day`."""
    return day >= RELAXED_FIRST_CHECK_FROM


def find_identity_numbers(text: str, relaxed: bool = False) -> list[IdentityNumber]:
    """Every identity number in `text`, in order; `relaxed` also accepts the 2032 first check digit."""
    found = []
    for match in _CANDIDATE.finditer(text):
        digits = match["date"] + match["personal"]
        kind = identity_kind(digits, relaxed)
        if kind is not None:
            found.append(IdentityNumber(kind, match.start(), match.end(), digits))
    return found


def identity_kind(digits: str, relaxed: bool = False) -> NumberKind | None:
    """The kind of identity number eleven `digits` are, or None when they are none."""
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        return None
    kind = _date_kind(int(digits[0:2]), int(digits[2:4]), int(digits[4:6]))
    if kind is None or not _check_digits_hold(digits, relaxed):
        return None
    return kind


def _date_kind(day: int, month: int, year: int) -> NumberKind | None:
    """Which kind the date part makes, if it is a real date once the kind's offset is taken off.

    The century is not read from the individual number (the 2032 rule drops that), so 29
    February is a date in every year divisible by four (2000 was a leap year)."""
    kind = NumberKind.FODSELSNUMMER
    if day > 40:
        kind, day = NumberKind.D_NUMBER, day - 40
    if 40 < month <= 52:  # NAV also meets D-numbers with an H-month: still a D-number
        kind, month = (NumberKind.H_NUMBER if kind is NumberKind.FODSELSNUMMER else kind), month - 40
    if not 1 <= month <= 12:
        return None  # synthetic numbers (month + 80) among them
    days = calendar.monthrange(2000 + year, month)[1]
    return kind if 1 <= day <= days else None


def _check_digits_hold(digits: str, relaxed: bool) -> bool:
    values = [int(c) for c in digits]
    first = sum(w * v for w, v in zip(_FIRST_WEIGHTS, values, strict=False)) % 11
    second = sum(w * v for w, v in zip(_SECOND_WEIGHTS, values, strict=False)) % 11
    return second == 0 and (first in (0, 1, 2, 3) if relaxed else first == 0)


def check_digits(first_nine: str) -> str | None:
    """The two check digits that make nine digits a number under today's rule, or None when
    none do (a first or second remainder of 10): for tests and examples."""
    values = [int(c) for c in first_nine]
    first = (11 - sum(w * v for w, v in zip(_FIRST_WEIGHTS, values, strict=False)) % 11) % 11
    if first == 10:
        return None
    second = (11 - sum(w * v for w, v in zip(_SECOND_WEIGHTS, [*values, first], strict=False)) % 11) % 11
    return None if second == 10 else f"{first}{second}"


_WORD_SEPARATORS = str.maketrans("-_./,", "     ")


def find_loosely(text: str, relaxed: bool = False) -> list[IdentityNumber]:
    """Every identity number in `text` even where digits joined by ``-_./,`` stand next to it,
    which in prose marks a case or account number but in a file name only separates words
    (``2026-03-01-01020312345.pdf``). Offsets are those of `text`."""
    return find_identity_numbers(text.translate(_WORD_SEPARATORS), relaxed)


def redact(text: str) -> str:
    """`text` with every possible identity number masked (the relaxed rule included, and
    read loosely: masking one digit run too many is harmless), for messages that quote
    what a file says or name a file."""
    numbers = find_loosely(text, relaxed=True)
    for number in reversed(numbers):
        text = text[: number.start] + number.masked + text[number.end :]
    return text
