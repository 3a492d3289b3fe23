"""A deterministic synthetic municipality, for benchmarks: councils, rosters, meeting plans
and minutes over many years, a share of them PDFs with several pages, in Norwegian.

The same size and seed always give the same files, so runs can be compared.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Size:
    name: str
    councils: int
    years: int
    meetings_per_year: int
    pdf_share: float  # of the minutes
    multipage_share: float  # of the PDFs

    @property
    def documents(self) -> int:
        return self.councils * self.years * self.meetings_per_year


SIZES = {
    "small": Size("small", councils=50, years=5, meetings_per_year=4, pdf_share=0.2, multipage_share=0.5),
    "large": Size("large", councils=500, years=10, meetings_per_year=4, pdf_share=0.2, multipage_share=0.5),
}

SECTORS = ["helse-og-velferdssentre", "hjemmetjenester", "botiltak-og-dagtilbud", "byomfattende-tjenester", "oppvekst"]
UNITS = {
    "helse-og-velferdssentre": ("helse- og velferdssenter", "brukerrad-helse"),
    "hjemmetjenester": ("hjemmetjeneste, sone", "brukerrad"),
    "botiltak-og-dagtilbud": ("bo- og dagtilbud", "brukerrad-pleie"),
    "byomfattende-tjenester": ("NAV-kontor", "brukerrad"),
    "oppvekst": ("skole", "brukerrad"),
}
PLACES = ["Lia", "Moen", "Haugen", "Bakken", "Dalen", "Vika", "Strand", "Åsen", "Øvre Berg", "Nedre Ramstad", "Fjordlia", "Sjøgata"]
FIRST = ["Kari", "Ola", "Ingrid", "Nils", "Astrid", "Bjørn", "Solveig", "Håkon", "Sigrid", "Øystein", "Marte", "Jonas"]
LAST = ["Eksempel", "Prøvesen", "Fiktiv", "Testesen", "Nordmann", "Eksempelsen"]
TOPICS = [
    (
        "Bemanning i helgene",
        "Rådet drøftet bemanningen i helgene. Pårørende opplever at det er for få ansatte på kveldstid, og rådet ber enheten legge fram en plan.",
    ),
    ("Aktiviteter for beboerne", "Enheten orienterte om aktivitetstilbudet. Rådet ønsker flere turer ut og faste aktiviteter i helgene."),
    ("Kosthold og måltider", "Rådet ga innspill til måltidsrytmen og ønsker et senere kveldsmåltid og mer valgfrihet."),
    (
        "Brukerundersøkelsen",
        "Resultatene fra brukerundersøkelsen ble lagt fram. Trivselen er god, men informasjonen til pårørende kan bli bedre.",
    ),
    ("Budsjett og årsplan", "Enhetslederen la fram budsjettet og årsplanen. Rådet ba om at midler til aktiviteter blir skjermet."),
    ("Praktiske forbedringer", "Rådet foreslår benker og bedre belysning i uteområdet, og ber om en oversikt over vedlikeholdet."),
    ("Besøkstider og åpningstider", "Rådet drøftet besøkstidene. Fleksibilitet ved livets slutt er viktig for de pårørende."),
    ("Kompetanseplan", "Enheten orienterte om kompetanseplanen. Rådet etterspør opplæring i demensomsorg for nyansatte."),
]


def generate(size: Size, root: Path, seed: int = 2026) -> Path:
    """Write the municipality into `root` (site-config, content and theme from this repo)."""
    rng = random.Random(f"{size.name}-{seed}")
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(REPO / "site-config.yml", root / "site-config.yml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    last_year = 2025
    for number in range(size.councils):
        sector = SECTORS[number % len(SECTORS)]
        kind, council_type = UNITS[sector]
        unit = f"{PLACES[number % len(PLACES)]} {kind} {number:03d}"
        folder = root / "councils" / f"rad-{number:03d}"
        (folder / "minutes").mkdir(parents=True)
        (folder / "council.yml").write_text(_council(rng, unit, sector, council_type, size, last_year), encoding="utf-8")
        for year in range(last_year - size.years + 1, last_year + 1):
            for meeting in range(size.meetings_per_year):
                date = dt.date(year, 1 + meeting * (12 // size.meetings_per_year), 10 + number % 15)
                topics = rng.sample(TOPICS, 3)
                if rng.random() < size.pdf_share:
                    pages = rng.randint(2, 5) if rng.random() < size.multipage_share else 1
                    _pdf(folder / "minutes" / f"{date.isoformat()}.pdf", unit, date, topics, pages)
                else:
                    (folder / "minutes" / f"{date.isoformat()}.md").write_text(_markdown(unit, date, topics, number), encoding="utf-8")
    return root


def _council(rng: random.Random, unit: str, sector: str, council_type: str, size: Size, last_year: int) -> str:
    start = dt.date(last_year - size.years + 1, 1, 1)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(8)]
    members = [
        f"  - {{id: leder, name: {people[0]}, role: chair, represents: relatives, from: 2025-01-01, to: 2026-12-31, email: {{value: leder@example.org, public: true}}}}",
        f"  - {{id: r2, name: {people[1]}, role: user_representative, represents: residents, from: 2025-01-01, to: 2026-12-31}}",
        f"  - {{id: r3, name: {people[2]}, role: user_representative, represents: relatives, from: 2025-01-01, to: 2026-12-31, phone: '+47 000 00 000'}}",
        f"  - {{name: {people[3]}, role: deputy, deputy_for: leder, from: 2025-01-01, to: 2026-12-31}}",
        f"  - {{name: {people[4]}, role: unit_manager, email: enhetsleder@example.org}}",
    ]
    meetings = [f"  - {{date: {last_year + 1}-{month:02d}-15, time: '18:00', place: Møterommet}}" for month in (3, 6, 9, 12)]
    return "\n".join(
        [
            f"name: Brukerråd ved {unit}",
            f"type: {council_type}",
            f"sector: {sector}",
            f"unit: {unit}",
            f"established: {start.isoformat()}",
            "members:",
            *members,
            "meetings:",
            *meetings,
            "",
        ]
    )


def _markdown(unit: str, date: dt.date, topics: list[tuple[str, str]], number: int) -> str:
    lines = [
        "---",
        f"title: Referat fra brukerrådet ved {unit} {date.isoformat()}",
        "approved: " + (date + dt.timedelta(days=30)).isoformat(),
    ]
    if number % 3 == 0:
        lines += ["decisions:", f"  - id: '{date.isoformat()}-1'", f"    advice: {topics[0][1].split('.')[0]}."]
    lines += ["---", ""]
    for index, (title, text) in enumerate(topics, start=1):
        lines += [f"## Sak {index} {title}", "", text, ""]
    return "\n".join(lines)


def _pdf(path: Path, unit: str, date: dt.date, topics: list[tuple[str, str]], pages: int) -> None:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pdf.set_margins(25, 25, 25)
    for page in range(pages):
        pdf.add_page()
        if page == 0:
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 8, f"Referat fra brukerrådet ved {unit}, {date.strftime('%d.%m.%Y')}", new_x="LMARGIN", new_y="NEXT")
        for title, text in topics:
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, f"{title} (side {page + 1})", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    path.write_bytes(bytes(pdf.output()))
