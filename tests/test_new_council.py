"""`raad new council`: a council folder that checks and builds as it is written."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TODAY, copy_example, run_build, run_check, run_raad
from generator.scaffold_council import council_slug

OPTIONS = [
    "--name",
    "Brukerråd ved Ærøy sykehjem",
    "--type",
    "brukerrad-helse",
    "--sector",
    "helse-og-velferdssentre",
    "--unit",
    "Ærøy sykehjem",
]
SLUG = "brukerrad-ved-aeroy-sykehjem"


def new_council(root: Path, *arguments: str, input: str | None = None) -> tuple[int, str]:
    result = run_raad("new", "council", str(root), "--today", TODAY.isoformat(), "--lang", "en", *arguments, input=input)
    return result.exit_code, result.output


def test_the_slug_spells_norwegian_letters_as_norwegians_do() -> None:
    assert council_slug("Brukerråd ved Ærøy sykehjem") == "brukerrad-ved-aeroy-sykehjem"
    assert council_slug("  Brukerutvalg – Kåfjord Øst (NAV)  ") == "brukerutvalg-kafjord-ost-nav"


def test_a_council_from_options_checks_strictly_and_is_on_the_site(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "project")
    code, output = new_council(root, *OPTIONS, "--established", "2026-01-05")
    council_file = root / "councils" / SLUG / "council.yml"
    assert (code, output.strip()) == (0, str(council_file))
    text = council_file.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schemas/council.schema.json\n")
    assert "\nmembers: []\n" in text
    assert "\nmeetings: []\n" in text
    assert "\nestablished: 2026-01-05\n" in text
    # One commented example per role the type allows, so that nothing invented is published.
    assert re.findall(r"^#   - \{.*role: (\w+)", text, flags=re.MULTILINE) == [
        "chair",
        "deputy_chair",
        "user_representative",
        "deputy",
        "unit_manager",
        "staff",
        "secretary",
    ]
    assert (root / "councils" / SLUG / "mandate.md").read_text(encoding="utf-8") == (
        "- Brukerråd ved Ærøy sykehjem gir råd til Ærøy sykehjem.\n"
        "- Type råd: Brukerråd i helse og velferd.\n"
        "- Rådet har 3 til 5 brukerrepresentanter.\n"
        "- Hver brukerrepresentant bør ha en personlig vararepresentant.\n"
        "- Medlemmene velges for 2 år om gangen.\n"
        "- Rådet møtes minst 4 ganger i året.\n"
        "- Lederen representerer de pårørende.\n"
    )
    check = run_check(root, "--strict")
    assert (check.exit_code, check.problems) == (0, [])

    out = tmp_path / "site"
    assert run_build(root, out).exit_code == 0
    page = (out / "rad" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Brukerråd ved Ærøy sykehjem" in page
    assert "Rådet møtes minst 4 ganger i året." in page
    assert "Fornavn Etternavn" not in page


def test_the_example_members_are_valid_once_uncommented(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    assert new_council(root, *OPTIONS, "--established", "2026-01-05")[0] == 0
    council_file = root / "councils" / SLUG / "council.yml"
    text = council_file.read_text(encoding="utf-8").replace("members: []\n", "")
    council_file.write_text(re.sub(r"^# (members:|  - \{.*role: )", r"\1", text, flags=re.MULTILINE), encoding="utf-8")
    check = run_check(root, "--strict")
    assert (check.exit_code, check.problems) == (0, [])
    assert "Fornavn Etternavn" in council_file.read_text(encoding="utf-8")


def test_the_questions_offer_the_types_and_sectors_of_the_site(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    answers = ["Brukerråd ved Ærøy sykehjem", "leder", "brukerrad", "helse-og-velferdssentre", "Ærøy sykehjem", "2026-01-05"]
    code, output = new_council(root, input="".join(f"{answer}\n" for answer in answers))
    assert code == 0, output
    assert "  brukerrad-helse: Brukerråd i helse og velferd" in output
    assert "  helse-og-velferdssentre: Helse- og velferdssentre og helsehus" in output
    assert "'leder' is not one of" in output  # asked again
    council_file = root / "councils" / SLUG / "council.yml"
    assert output.strip().endswith(str(council_file))
    text = council_file.read_text(encoding="utf-8")
    assert "\ntype: brukerrad\n" in text
    assert "\nsector: helse-og-velferdssentre\n" in text
    assert "\nestablished: 2026-01-05\n" in text
    assert run_check(root, "--strict").exit_code == 0


def test_an_existing_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    existing = root / "councils" / "nav-eksempel"
    before = {path.name: path.read_bytes() for path in existing.iterdir()}
    code, output = new_council(root, *OPTIONS, "--slug", "nav-eksempel")
    assert code == 1
    assert "councils/nav-eksempel already exists" in output
    assert {path.name: path.read_bytes() for path in existing.iterdir()} == before

    assert new_council(root, *OPTIONS)[0] == 0
    code, output = new_council(root, *OPTIONS)
    assert code == 1
    assert f"councils/{SLUG} already exists" in output


def test_without_a_terminal_a_missing_option_is_named(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    code, output = new_council(root, "--name", "Brukerråd ved Ærøy sykehjem")
    assert code == 2
    assert "give it with --type" in output
    assert not (root / "councils" / SLUG).exists()
