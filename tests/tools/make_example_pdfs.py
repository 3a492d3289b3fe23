"""Write the example minutes PDFs in councils/ (run from the repository root).

The example site needs minutes as PDFs with a real text layer, one of several pages with
æøå, as municipalities publish them. fpdf2 lays them out like a word processor would: a
heading per item, wrapped paragraphs, explicit page breaks. The creation date is fixed so
that running this again gives the same bytes.

    .venv/bin/python tests/tools/make_example_pdfs.py

(Eksempelveien's minutes of 12 May 2026 come from LibreOffice instead, with a list, a table and
a running header: tests/tools/make_example_minutes_pdf.py.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

NOTICE = "Eksempelreferat: innholdet er laget for å vise hvordan raad publiserer referater, og er ikke det opprinnelige referatet."

Page = list[tuple[str, str]]  # (heading, paragraph) pairs; an empty heading is a plain paragraph

DOCUMENTS: dict[str, tuple[str, list[Page]]] = {
    "councils/bo-og-habiliteringstjenesten/minutes/2021-04-27.pdf": (
        "Møtereferat fra brukerutvalget for Bo- og habiliteringstjenesten - 27.04.2021",
        [
            [
                ("", NOTICE),
                ("Sak 1/21 Konstituering", "Utvalget gikk gjennom mandatet og ble enige om å møtes to ganger i halvåret det første året."),
                (
                    "Sak 2/21 Informasjon om tjenesten",
                    "Enhetslederen orienterte om boligene, avlastningstilbudet og planene for dagaktivitet.",
                ),
            ]
        ],
    ),
    "councils/bo-og-habiliteringstjenesten/minutes/2021-06-15.pdf": (
        "Møtereferat fra brukerutvalget for Bo- og habiliteringstjenesten - 15.06.2021",
        [
            [
                ("", NOTICE),
                (
                    "Sak 3/21 Sommerferie og vikarer",
                    "Utvalget drøftet hvordan beboerne får kjente ansatte i ferien. Tjenesten setter opp faste vikarer per bolig.",
                ),
                (
                    "Sak 4/21 Brukerundersøkelse",
                    "Utvalget ønsker at undersøkelsen også gjennomføres med bildestøtte, slik at flere beboere kan svare selv.",
                ),
            ]
        ],
    ),
    "councils/bo-og-habiliteringstjenesten/minutes/2021-09-07.pdf": (
        "Møtereferat fra brukerutvalget for Bo- og habiliteringstjenesten - 07.09.2021",
        [
            [
                ("", NOTICE),
                (
                    "Sak 5/21 Evaluering av brukerutvalgene",
                    "Kommunen skal evaluere ordningen med "
                    "brukerutvalg innen 1.1.2022. Utvalget ga innspill til evalueringen: møtene bør "
                    "forberedes bedre, og sakene bør sendes ut en uke før.",
                ),
            ],
            [
                (
                    "Sak 6/21 Dagaktivitet",
                    "Tjenesten orienterte om ny organisering av dagaktiviteten. "
                    "Utvalget mener at tilbudet må ta hensyn til beboernes ulike behov og ønsker, og ber "
                    "om å bli orientert når erfaringene fra høsten foreligger.",
                ),
                ("Sak 7/21 Smittevern", "Besøksrutinene i boligene er lempet. Utvalget er fornøyd med informasjonen til pårørende."),
            ],
            [
                (
                    "Sak 8/21 Eventuelt",
                    "Brukerutvalget ønsker at pårørende får årlig informasjon om "
                    "tjenestens kvalitetsmål, og at svarene fra brukerundersøkelsen blir lagt fram på "
                    "første møte i året.",
                ),
                ("Neste møte", "Dato for neste møte avtales når evalueringen av ordningen er klar."),
            ],
        ],
    ),
}


def render(title: str, pages: list[Page]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pdf.set_title(title)
    pdf.set_author("raad example content")
    pdf.set_margins(25, 25, 25)
    for number, page in enumerate(pages):
        pdf.add_page()
        if number == 0:
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        for heading, paragraph in page:
            if heading:
                pdf.set_font("Helvetica", "B", 12)
                pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def main() -> None:
    for path, (title, pages) in DOCUMENTS.items():
        Path(path).write_bytes(render(title, pages))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
