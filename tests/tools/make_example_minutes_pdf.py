"""Write the example's word-processor minutes with structure (run from the repository root;
needs LibreOffice).

Most minutes PDFs come from a word processor: a header and "Side 1 av 2" on every page, the
attendees as a bulleted list, a table of what follows up which case. The example has one such
PDF, so that the site shows its text version as the document reads: the list as a list, the
table as a table, the running header and page numbers left out, and "bo- og dagtilbud" with its
hyphen. The people named are the example council's own fictional members.

    .venv/bin/python tests/tools/make_example_minutes_pdf.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wordprocessor import Part, convert, structured_document

TARGET = Path("councils/eksempelveien-bo-og-dagtilbud/minutes/2026-05-12.pdf")
HEADER = "Eksempelveien bo- og dagtilbud – brukerrådet"

PARTS: list[Part] = [
    ("h1", "Referat fra brukerrådet ved Eksempelveien bo- og dagtilbud 12. mai 2026"),
    ("p", "Eksempelreferat for en oppdiktet enhet."),
    ("h2", "Til stede"),
    ("ul", ["Randi Testesen, leder", "Geir Testesen", "Tone Testesen", "Berit Fiktiv, tjenesteleder (sekretær)"]),
    ("h2", "Sak 3 Bemanning i ferien"),
    (
        "p",
        "Tjenestelederen la fram plan for sommerbemanning. Rådet ber om at faste vikarer læres opp før ferien starter, "
        "og at pårørende får vaktlisten for sommeren på e-post når den er klar.",
    ),
    ("h2", "Sak 4 Uteområdet"),
    (
        "p",
        "Rådet anbefaler benker og høybed i hagen, slik at flere beboere kan være ute. "
        "Tjenestelederen tar saken med i budsjettet for 2027.",
    ),
    ("page", ""),
    ("h2", "Oppfølging"),
    (
        "table",
        [
            ("Sak", "Ansvarlig", "Frist"),
            ("3 Opplæring av sommervikarer", "Tjenesteleder", "1. juni 2026"),
            ("3 Vaktlisten til pårørende", "Tjenesteleder", "15. juni 2026"),
            ("4 Benker og høybed", "Tjenesteleder", "Budsjettet for 2027"),
        ],
    ),
    ("h2", "Neste møte"),
    ("ol", ["Sommeren i dagtilbudet", "Uteområdet: svar om budsjettet", "Eventuelt"]),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        made = convert({"minutes": structured_document(PARTS, HEADER)}, Path(folder))["minutes"]
        shutil.copyfile(made, TARGET)
    print(f"wrote {TARGET} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
