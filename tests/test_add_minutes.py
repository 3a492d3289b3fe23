"""`raad add-minutes`: minutes filed under their meeting date, read from the document itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfWriter
from wordprocessor import convert, odt, require_tesseract, scan

from conftest import TODAY, CheckResult, copy_example, run_build, run_check, run_raad, tree_bytes
from generator.add_minutes import date_from_text

COUNCIL = "nav-eksempel"
"""An example council with no minutes yet."""
MINUTES = Path("councils") / COUNCIL / "minutes"


def with_creation_date(source: Path, target: Path, created: str) -> Path:
    """The same PDF with another creation date in its document information ("" for none)."""
    writer = PdfWriter(clone_from=source)
    writer.add_metadata({"/CreationDate": created, "/ModDate": created})
    with target.open("wb") as handle:
        writer.write(handle)
    return target


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Minutes as LibreOffice writes them: one that states its date, one that does not."""
    folder = tmp_path_factory.mktemp("add-minutes-pdfs")
    made = convert(
        {
            "dated": odt(
                [[("Referat", "Møte i brukerrådet 14. april 2026"), ("Sak 1/26 Aktivitetstilbud", "Brukerrådet drøftet aktivitetstilbudet.")]]
            ),
            "undated": odt([[("Referat", "Brukerrådet drøftet aktivitetstilbudet og besøkstidene.")]]),
        },
        folder,
    )
    made["created"] = with_creation_date(made["undated"], folder / "created.pdf", "D:20260310120000+01'00'")
    made["nothing"] = with_creation_date(made["undated"], folder / "nothing.pdf", "")
    return made


def add(root: Path, file: Path, *options: str, council: str = COUNCIL, input: str | None = None) -> CheckResult:
    return run_raad("add-minutes", council, str(file), str(root), "--today", TODAY.isoformat(), "--lang", "en", *options, input=input)


def test_new_council_and_minutes_dated_from_the_pdf_text_are_on_the_site(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    """The staff workflow from start to site: a new municipality (raad init), a new council,
    then its first minutes as a word-processor PDF with the date only in its text."""
    root = tmp_path / "project"
    started = run_raad("init", str(root), "--municipality", "Solvik kommune", "--today", TODAY.isoformat())
    assert started.exit_code == 0, started.output
    slug = "brukerrad-ved-aeroy-sykehjem"
    created = run_raad(
        "new", "council", str(root), "--today", TODAY.isoformat(),
        "--name", "Brukerråd ved Ærøy sykehjem", "--type", "brukerrad-helse", "--sector", "helse-og-omsorg",
        "--unit", "Ærøy sykehjem", "--established", "2026-01-05",
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    # The editor finds the schemas raad init put in the project.
    council_file = (root / "councils" / slug / "council.yml").read_text(encoding="utf-8")
    assert council_file.startswith("# yaml-language-server: $schema=../../schemas/council.schema.json\n")
    assert (root / "schemas" / "council.schema.json").is_file()

    result = add(root, pdfs["dated"], council=slug)
    assert result.exit_code == 0, result.output
    assert "Meeting date 2026-04-14, from the text." in result.output
    minutes = root / "councils" / slug / "minutes"
    assert sorted(path.name for path in minutes.iterdir()) == ["2026-04-14.pdf", "2026-04-14.yml"]
    assert (minutes / "2026-04-14.pdf").read_bytes() == pdfs["dated"].read_bytes()
    assert (minutes / "2026-04-14.yml").read_text(encoding="utf-8") == "status: approved\n"
    check = run_check(root, "--strict")
    assert (check.exit_code, check.problems) == (0, [])

    out = tmp_path / "site"
    assert run_build(root, out).exit_code == 0
    council_page = (out / "rad" / slug / "index.html").read_text(encoding="utf-8")
    assert "Brukerråd ved Ærøy sykehjem" in council_page
    assert 'href="referat/2026-04-14/"' in council_page
    page = (out / "rad" / slug / "referat" / "2026-04-14" / "index.html").read_text(encoding="utf-8")
    assert "Møte i brukerrådet 14. april 2026" in page
    assert (out / "rad" / slug / "referat" / "2026-04-14.pdf").read_bytes() == pdfs["dated"].read_bytes()


def test_the_date_option_wins_and_title_and_draft_go_in_the_sidecar(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    root = copy_example(tmp_path)
    result = add(root, pdfs["dated"], "--date", "2026-04-10", "--title", 'Referat: "april"', "--draft")
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (root / MINUTES).iterdir()) == ["2026-04-10.pdf", "2026-04-10.yml"]
    assert (root / MINUTES / "2026-04-10.yml").read_text(encoding="utf-8") == 'title: "Referat: \\"april\\""\nstatus: draft\n'
    assert run_check(root, "--strict").exit_code == 0


def test_minutes_for_a_date_that_has_them_are_refused_unless_given_a_suffix(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    root = copy_example(tmp_path)
    assert add(root, pdfs["dated"]).exit_code == 0
    before = tree_bytes(root / MINUTES)
    markdown = write(tmp_path / "referat.md", "# Referat\n\nMøtedato: 14.04.2026\n")
    refused = add(root, markdown)
    assert refused.exit_code == 1
    assert "minutes for 2026-04-14 exist already (2026-04-14.pdf, 2026-04-14.yml)" in refused.output
    assert "--suffix" in refused.output
    assert tree_bytes(root / MINUTES) == before

    assert add(root, pdfs["dated"], "--suffix", "ekstra").exit_code == 0
    assert sorted(tree_bytes(root / MINUTES)) == ["2026-04-14-ekstra.pdf", "2026-04-14-ekstra.yml", "2026-04-14.pdf", "2026-04-14.yml"]
    assert add(root, pdfs["dated"], "--suffix", "ekstra").exit_code == 1
    assert run_check(root, "--strict").exit_code == 0


def test_without_a_date_in_the_text_the_creation_date_is_the_meeting_date(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    root = copy_example(tmp_path)
    result = add(root, pdfs["created"])
    assert result.exit_code == 0, result.output
    assert "Meeting date 2026-03-10, from the PDF's creation date." in result.output
    assert (root / MINUTES / "2026-03-10.pdf").is_file()


def test_a_scan_is_dated_from_the_text_ocr_reads_on_its_first_page(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    """A scan has no text layer and a scanner's own creation date; its date is in the image."""
    require_tesseract()
    scanned = with_creation_date(scan(pdfs["dated"], tmp_path / "skannet.pdf"), tmp_path / "skannet-dato.pdf", "")
    root = copy_example(tmp_path / "project")
    result = add(root, scanned)
    assert result.exit_code == 0, result.output
    assert "Meeting date 2026-04-14, from the text." in result.output
    assert (root / MINUTES / "2026-04-14.pdf").is_file()


def test_a_pdf_without_any_date_asks_and_without_a_terminal_says_to_use_the_option(tmp_path: Path, pdfs: dict[str, Path]) -> None:
    root = copy_example(tmp_path)
    result = add(root, pdfs["nothing"])
    assert result.exit_code == 1
    assert "could not tell the meeting date of nothing.pdf; give it with --date YYYY-MM-DD" in result.output
    assert not (root / MINUTES).exists()

    answered = add(root, pdfs["nothing"], input="2026-03-03\n")
    assert answered.exit_code == 0, answered.output
    assert "Meeting date (YYYY-MM-DD):" in answered.output
    assert sorted(path.name for path in (root / MINUTES).iterdir()) == ["2026-03-03.pdf", "2026-03-03.yml"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_markdown_minutes_get_front_matter_with_their_title(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    body = "# Referat fra brukerrådet\n\nMøtedato: 3. mars 2026\n\nNeste møte: 10. juni 2026.\n"
    result = add(root, write(tmp_path / "referat.md", body))
    assert result.exit_code == 0, result.output
    assert (root / MINUTES / "2026-03-03.md").read_text(encoding="utf-8") == f'---\ntitle: "Referat fra brukerrådet"\nstatus: approved\n---\n\n{body}'
    assert run_check(root, "--strict").exit_code == 0

    own = "---\ntitle: Ekstra møte\n---\n\nMøtet ble holdt 2026-03-20.\n"
    assert add(root, write(tmp_path / "eget.md", own)).exit_code == 0
    assert (root / MINUTES / "2026-03-20.md").read_text(encoding="utf-8") == own


def test_several_dates_without_a_label_are_a_question_with_the_first_as_default(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    source = write(tmp_path / "referat.md", "Brukerrådet møttes 5. mai 2026. Neste møte blir 9.6.2026.\n")
    result = add(root, source, input="\n")
    assert result.exit_code == 0, result.output
    assert "2026-05-05 is a guess from the text" in result.output
    assert (root / MINUTES / "2026-05-05.md").is_file()


def test_an_unknown_council_is_refused_with_the_councils_there_are(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    result = add(root, write(tmp_path / "referat.md", "Møtedato: 2026-03-03\n"), council="nav")
    assert result.exit_code == 1
    assert "no council 'nav': expected councils/nav/council.yml; the councils are bo-og-habiliteringstjenesten, " in result.output


@pytest.mark.parametrize(
    ("text", "expected", "sure"),
    [
        ("Møtedato: 14.04.2026", dt.date(2026, 4, 14), True),
        ("Referat 2026-04-14", dt.date(2026, 4, 14), True),
        ("Møte i brukerrådet 14. april 2026", dt.date(2026, 4, 14), True),
        ("Tid og sted: 3 des. 2025, kantina", dt.date(2025, 12, 3), True),
        ("Møtedato: tirsdag 14. april 2026. Forrige møte: 10.02.2026", dt.date(2026, 4, 14), True),
        ("Dato: 14.04.2026. Neste møte 10. juni 2026, frist 1.6.2026", dt.date(2026, 4, 14), True),
        ("Møtet 14.04.2026. Neste møte 10. juni 2026", dt.date(2026, 4, 14), False),
        ("Neste møte 1. desember 2026", None, False),  # after the pinned day: no meeting held yet
        ("31.02.2026 er ingen dag", None, False),
    ],
)
def test_dates_norwegian_minutes_write(text: str, expected: dt.date | None, sure: bool) -> None:
    guess = date_from_text(text, TODAY)
    assert (guess.date, guess.sure) == (expected, sure)


def test_markdown_that_is_not_utf8_is_refused_with_what_to_do(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    source = tmp_path / "referat.md"
    source.write_bytes("Møtedato: 2026-03-03\n".encode("latin-1"))
    result = add(root, source)
    assert result.exit_code == 1
    assert "is not UTF-8 text; save it as UTF-8" in result.output
    assert not (root / MINUTES).exists()
