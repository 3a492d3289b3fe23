"""The contact list as CSV, for the municipality's main CMS and for spreadsheets."""

from __future__ import annotations

import csv
import io

from generator.pages.contacts import contact_rows
from generator.site import CONTACTS_CSV, Asset, SiteContext, council_url

COLUMNS = ["sector", "council", "unit", "chair", "chair_email", "chair_phone", "council_email", "council_phone", "url"]


def contacts_csv(ctx: SiteContext) -> Asset:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read æøå right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    base = ctx.config.site_url.rstrip("/") + "/"
    for sector, rows in contact_rows(ctx):
        for row in rows:
            contact = row.council.contact
            writer.writerow(
                [
                    sector.name,
                    row.council.name,
                    row.council.unit,
                    row.chair_names,
                    " ".join(row.emails),
                    " ".join(row.phones),
                    (contact.email or "") if contact else "",
                    (contact.phone or "") if contact else "",
                    base + council_url(row.council),
                ]
            )
    return Asset(CONTACTS_CSV, data=out.getvalue().encode("utf-8-sig"))
