"""E-mail addresses and Norwegian phone numbers in free text, and a key to compare them by.

Minutes sometimes carry a relative's private mobile number or e-mail address, written down
for a follow-up. Whether one may be published depends on whose it is (`personal_data`
decides); this module only finds them and says which written forms are the same detail:
an e-mail address in any case, a phone number with or without +47 and spaces.

Phone numbers are the forms Norwegians write: eight digits together (``98765432``), in
pairs (``98 76 54 32``), 3-2-3 (``987 65 432``) or 4-4 (``9876 5432``), with an optional
``+47`` or ``0047`` in front. A subscriber number starts with 2 to 9. Eight digits that
read as a date (``20260315``) are not taken for one, nor are digits inside a longer number
(account numbers ``1234 56 78903``, case numbers ``2026/12345-3``) or amounts (``12 345 678``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

_SPACE = r"[ \u00a0\u2009\u202f]"
_GROUPED = "|".join(
    (
        rf"[2-9][0-9]{_SPACE}[0-9]{{2}}{_SPACE}[0-9]{{2}}{_SPACE}[0-9]{{2}}",  # 98 76 54 32
        rf"[2-9][0-9]{{2}}{_SPACE}[0-9]{{2}}{_SPACE}[0-9]{{3}}",  # 987 65 432
        rf"[2-9][0-9]{{3}}{_SPACE}[0-9]{{4}}",  # 9876 5432
    )
)
_PHONE = re.compile(
    rf"(?<![0-9])(?<![0-9][.,/-])(?<![0-9]{_SPACE})"
    rf"(?P<prefix>(?:\+|00)47{_SPACE}?)?(?P<number>[2-9][0-9]{{7}}|{_GROUPED})"
    rf"(?![0-9])(?![.,/-][0-9])(?!{_SPACE}[0-9])"
)
_DIGIT = re.compile(r"[0-9]")
_EMAIL = re.compile(
    # Markdown's _emphasis_ may wrap an address: underscores before it and after it are no part of it
    r"(?<![\w.+-])_*(?P<address>[^\W_][\w.+-]*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])"
)


class DetailKind(StrEnum):
    EMAIL = "e-mail address"
    PHONE = "phone number"


@dataclass(frozen=True)
class FoundDetail:
    """A contact detail as written in a text, with its offsets and comparison key."""

    kind: DetailKind
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return detail_key(self.text)


def detail_key(value: str) -> str:
    """One form for the same detail: an e-mail address in lower case, a phone number as its
    eight digits (``+47 987 65 432`` and ``98765432`` are one number)."""
    value = value.strip()
    if "@" in value:
        return value.lower().removeprefix("mailto:")
    digits = re.sub(r"[^0-9]", "", value)
    for prefix in ("0047", "47"):
        if len(digits) == 8 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits


def find_contact_details(text: str) -> list[FoundDetail]:
    """Every e-mail address and phone number in `text`, in order."""
    emails = _EMAIL.finditer(text) if "@" in text else iter(())
    found = [FoundDetail(DetailKind.EMAIL, m["address"], m.start("address"), m.end("address")) for m in emails]
    if _DIGIT.search(text):
        found += [FoundDetail(DetailKind.PHONE, m.group(), m.start(), m.end()) for m in _PHONE.finditer(text) if not _is_date(m)]
    return sorted(found, key=lambda detail: detail.start)


def _is_date(match: re.Match[str]) -> bool:
    """Eight digits together that read as YYYYMMDD in this or the last century."""
    number = match["number"]
    if match["prefix"] or not number.isdigit() or not number.startswith(("19", "20")):
        return False
    try:
        dt.date(int(number[:4]), int(number[4:6]), int(number[6:]))
    except ValueError:
        return False
    return True
