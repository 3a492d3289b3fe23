"""The contact list as CSV, for the municipality's main CMS and for spreadsheets."""

from __future__ import annotations

import csv
import io
import re

from generator.pages.contacts import contact_rows
from generator.site import CONTACTS_CSV, Asset, SiteContext, absolute_url, council_url

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s()]*$")


def spreadsheet_text(value: str) -> str:
    """`value` as a cell a spreadsheet shows as text and never runs.

    Excel and LibreOffice read a cell that starts with = + - or @ as a formula, and a formula
    can fetch addresses or start programs (CSV injection). Such a cell gets a leading
    apostrophe, the spreadsheets' own mark for text. A phone number (+47 ...) or another plain
    number stays as it is: digits and spaces make no formula."""
    if value.startswith(_FORMULA_START) and not _NUMBER_LIKE.match(value):
        return "'" + value
    return value


COLUMNS = ["sector", "council", "unit", "chair", "chair_email", "chair_phone", "council_email", "council_phone", "url"]


def contacts_csv(ctx: SiteContext) -> Asset:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read æøå right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for sector, rows in contact_rows(ctx):
        for row in rows:
            contact = row.council.contact
            writer.writerow(
                spreadsheet_text(cell)
                for cell in [
                    sector.name,
                    row.council.name,
                    row.council.unit,
                    row.chair_names,
                    " ".join(row.emails),
                    " ".join(row.phones),
                    (contact.email or "") if contact else "",
                    (contact.phone or "") if contact else "",
                    absolute_url(ctx.config, council_url(row.council)),
                ]
            )
    return Asset(CONTACTS_CSV, data=out.getvalue().encode("utf-8-sig"))
