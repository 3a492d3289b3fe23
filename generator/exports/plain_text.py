"""Contributed text as the file formats beside the pages can hold it.

XML (the feeds) cannot hold most control characters at all, and iCalendar's TEXT excludes
every control character but the line break, which the calendar library escapes. A name
pasted from a word processor can carry them (a vertical tab, a DEL), so they are removed
before the text reaches a feed or a calendar: what a reader sees is unchanged, and the file
stays valid."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_ENDS = re.compile("\r\n?")


def printable(text: str) -> str:
    """`text` without control characters (tab and line breaks kept, each break as `\\n`)."""
    return _CONTROL.sub("", _LINE_ENDS.sub("\n", text))
