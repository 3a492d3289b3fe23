"""Write the example's scanned minutes (run from the repository root; needs LibreOffice).

Municipal archives publish old minutes as scans: an image of each page, with the archive's
stamp printed as real text on top. The example has one such PDF, so that the site shows a page
read by text recognition (OCR) and its search finds words that exist only in the image
("sansehagevandringen" is in no YAML or Markdown file; the browser test searches for it).
LibreOffice writes the page, which is rendered at 300 dpi into an image-only PDF
(`wordprocessor.scan`); the same LibreOffice and fonts give the same bytes again.

    .venv/bin/python tests/tools/make_example_scan.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wordprocessor import convert, odt, scan

TARGET = Path("councils/eksempelveien-bo-og-dagtilbud/minutes/2026-03-17.pdf")
STAMP = "Arkivsak 26/00417-3   Journalført 24.03.2026   Side 1 av 1"
WORD = "sansehagevandringen"
"""The word only the image holds."""

PAGE = [
    ("Referat fra brukerrådet 17. mars 2026", "Eksempelreferat: innholdet er laget for å vise hvordan raad publiserer skannede referater."),
    ("Sak 1/26 Godkjenning av innkalling", "Innkallingen og sakslisten ble godkjent uten merknader."),
    (
        "Sak 2/26 Aktiviteter i vår",
        f"Beboerne ønsker flere turer ut i nærmiljøet. Rådet takket for {WORD} i fjor høst og ber om at den blir fast hver vår og høst.",
    ),
    ("Sak 3/26 Eventuelt", "Neste møte blir holdt 12. mai 2026 på dagsenteret."),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = convert({"page": odt([PAGE])}, Path(folder))["page"]
        scan(source, TARGET, stamp=STAMP)
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
