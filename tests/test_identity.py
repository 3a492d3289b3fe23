"""Personal identity numbers are never published; other people's contact details in minutes warn.

Every number here is made by the algorithm in this file (a date, an individual number, the
two mod-11 check digits), so no real person's number is written down, and a test fails if
the scanner in generator/ computed the check digits the same wrong way.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfWriter
from wordprocessor import convert, odt

from conftest import COUNCIL, SITE_CONFIG, run_build, run_check, tree_bytes, write_tree
from generator.contact_details import DetailKind, find_contact_details
from generator.identity_numbers import NumberKind, find_identity_numbers

FIRST = (3, 7, 6, 1, 8, 9, 4, 5, 2)
SECOND = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
MINUTES = "councils/testheim/minutes"


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return (11 - sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11) % 11


def number(day: int, month: int, year: int, start: int = 0) -> str:
    """A valid number for the date DD MM YY (add 40 to the day for a D-number, to the month for
    an H-number): the first individual number from `start` whose check digits are not 10."""
    for individual in range(start, 1000):
        nine = f"{day:02d}{month:02d}{year:02d}{individual:03d}"
        first = _check_digit(nine, FIRST)
        second = _check_digit(f"{nine}{first}", SECOND) if first < 10 else 10
        if second < 10:
            return f"{nine}{first}{second}"
    raise AssertionError("no individual number fits")


def masked(digits: str) -> str:
    return "x" * 9 + digits[-2:]


FNR = number(15, 3, 85)
OTHER = number(2, 11, 4, start=500)
D_NUMBER = number(15 + 40, 3, 85)
H_NUMBER = number(15, 3 + 40, 85)


def _bad_first(digits: str) -> str:
    return f"{digits[:9]}{(int(digits[9]) + 1) % 10}{digits[10]}"


def _bad_second(digits: str) -> str:
    return f"{digits[:10]}{(int(digits[10]) + 1) % 10}"


def _relaxed() -> str:
    """A number valid only by the rule of 2032: the first remainder is 2, not 0."""
    for individual in range(1000):
        nine = f"150385{individual:03d}"
        first = (2 - sum(w * int(d) for w, d in zip(FIRST, nine, strict=True))) % 11
        if first < 10 and first != _check_digit(nine, FIRST):
            second = _check_digit(f"{nine}{first}", SECOND)
            if second < 10:
                return f"{nine}{first}{second}"
    raise AssertionError("no individual number fits")


FOUND = [
    (f"Fødselsnummer {FNR}.", FNR, NumberKind.FODSELSNUMMER),
    (f"f.nr. {FNR[:6]} {FNR[6:]}, se vedlegg", FNR, NumberKind.FODSELSNUMMER),
    (f"({FNR[:6]}-{FNR[6:]})", FNR, NumberKind.FODSELSNUMMER),
    (f"{FNR[:6]}\u00a0{FNR[6:]}", FNR, NumberKind.FODSELSNUMMER),
    (f"{FNR[:6]}&nbsp;{FNR[6:]}", FNR, NumberKind.FODSELSNUMMER),
    (f"pnr:{FNR}", FNR, NumberKind.FODSELSNUMMER),
    (f"| Ola | {FNR[:6]} | {FNR[6:]} |", FNR, NumberKind.FODSELSNUMMER),
    (f"D-nummer {D_NUMBER}", D_NUMBER, NumberKind.D_NUMBER),
    (f"hjelpenummer {H_NUMBER}", H_NUMBER, NumberKind.H_NUMBER),
    (f"født 2. november 2004: {OTHER}", OTHER, NumberKind.FODSELSNUMMER),
    (f"29. februar: {number(29, 2, 4)}", number(29, 2, 4), NumberKind.FODSELSNUMMER),
]


@pytest.mark.parametrize(("text", "digits", "kind"), FOUND, ids=[text[:24] for text, _, _ in FOUND])
def test_identity_numbers_are_found_in_every_common_form(text: str, digits: str, kind: NumberKind) -> None:
    found = find_identity_numbers(text)
    assert [(n.digits, n.kind, n.masked) for n in found] == [(digits, kind, masked(digits))]
    assert digits not in repr(found)


NOT_FOUND = {
    "phone number": "Ring 98 76 54 32 eller +47 987 65 432, sentralbord 22334455",
    "phone with country code": "+4798765432 og 004722334455",
    "date": "Møtet 15.03.1985 kl. 18:00, neste 2026-03-15",
    "case number": "Sak 2026/12345-3 og 26/01234",
    "account number": "Kontonummer 1503.85.00047 og 1503 85 00047",
    "organisation number": "Org.nr. 974 760 673",
    "first check digit wrong": f"{_bad_first(FNR)} og {_bad_first(FNR)[:6]} {_bad_first(FNR)[6:]}",
    "second check digit wrong": _bad_second(FNR),
    "inside a longer run": f"1{FNR} {FNR}0 {FNR}{FNR}",
    "joined to a longer number": f"2026/{FNR}-3 og 1.{FNR}",
    "no real date": number(32, 1, 85) + " " + number(29, 2, 3),
    "synthetic test number": number(15, 3 + 80, 85),
    "2032 rule before 2032": _relaxed(),
}


@pytest.mark.parametrize("text", NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_other_numbers_are_no_identity_numbers(text: str) -> None:
    assert find_identity_numbers(text) == []


def test_the_first_check_digit_of_2032_counts_from_2032() -> None:
    relaxed = _relaxed()
    assert find_identity_numbers(relaxed, relaxed=False) == []
    assert [n.digits for n in find_identity_numbers(relaxed, relaxed=True)] == [relaxed]


DETAILS = [
    ("Kontakt kari.nordmann@privat.no i dag", [(DetailKind.EMAIL, "kari.nordmann@privat.no")]),
    ("Mobil 98 76 54 32.", [(DetailKind.PHONE, "98 76 54 32")]),
    ("tlf. +47 987 65 432 / 22334455", [(DetailKind.PHONE, "+47 987 65 432"), (DetailKind.PHONE, "22334455")]),
    ("Møtet 15.03.2026 kl. 18:00, sak 2026/12345-3, konto 1234 56 78903, kr 12 345 678, 20260315", []),
]


@pytest.mark.parametrize(("text", "expected"), DETAILS, ids=[text[:16] for text, _ in DETAILS])
def test_contact_details_are_found(text: str, expected: list[tuple[DetailKind, str]]) -> None:
    assert [(d.kind, d.text) for d in find_contact_details(text)] == expected


def _assert_reported(output: str, location: str, digits: str, kind: NumberKind = NumberKind.FODSELSNUMMER) -> None:
    assert f"{location}: {kind} {masked(digits)}: a personal identity number must not be published" in output, output
    assert digits not in output
    assert f"{digits[:6]} {digits[6:]}" not in output


MINUTES_MD = f"""\
---
title: Møte i brukerrådet
attendees: [Anna A, Bo B]
---

# Referat

Til stede: Anna A og Bo B.

Beboer med fødselsnummer **{FNR[:6]}** {FNR[6:]} ønsker eget rom.
"""


def test_a_number_in_markdown_minutes_is_an_error_on_its_line(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.md": MINUTES_MD})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.md:10", FNR)


def test_a_number_in_front_matter_is_reported_on_the_line_it_is_written(project: Path) -> None:
    minutes = f"""\
    ---
    title: Møte
    decisions:
      - id: "1/26"
        advice: |
          Rådet ber om at beboeren
          ({D_NUMBER}) får eget rom.
    ---
    Referat.
    """
    write_tree(project, {f"{MINUTES}/2026-03-01.md": minutes})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.md:7: decisions[0].advice", D_NUMBER, NumberKind.D_NUMBER)


def test_a_number_in_a_mandate_a_content_page_and_council_yml(project: Path) -> None:
    council = COUNCIL.replace("unit: Testheim sykehjem", f"unit: Testheim sykehjem\nmandate: mandate.md\nmandate_given_by: '{OTHER}'")
    write_tree(
        project,
        {
            "councils/testheim/council.yml": council,
            "councils/testheim/mandate.md": f"# Mandat\n\nRådet ledes av {H_NUMBER}.\n",
            "content/om.md": f"---\ntitle: Om rådene\n---\n\n# Om\n\nKontakt {FNR[:6]}-{FNR[6:]}.\n",
            "site-config.yml": SITE_CONFIG.replace(
                "name: Skoler og barnehager}", f"name: Skoler og barnehager, description: 'Kontakt {FNR}'}}"
            ),
        },
    )
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, "councils/testheim/council.yml:6: mandate_given_by", OTHER)
    _assert_reported(result.output, "councils/testheim/mandate.md:3", H_NUMBER, NumberKind.H_NUMBER)
    _assert_reported(result.output, "content/om.md:7", FNR)
    _assert_reported(result.output, "site-config.yml:7: sectors[1].description", FNR)
    assert "record it in councils/testheim/council.yml: reviewed_identity_numbers:" in result.output


def test_an_unquoted_number_in_yaml_is_found_and_never_printed(project: Path) -> None:
    """YAML reads an unquoted number as a number; the schema error quotes it, masked."""
    council = COUNCIL.replace("{name: Gro G, role: unit_manager,", f"{{name: Gro G, role: unit_manager, phone: {FNR},")
    write_tree(project, {"councils/testheim/council.yml": council})
    result = run_check(project)
    assert result.exit_code == 1
    assert "councils/testheim/council.yml:13: members[6].phone:" in result.output
    assert masked(FNR) in result.output
    assert FNR not in result.output


def test_a_reviewed_number_passes_and_only_that_one(project: Path) -> None:
    reviewed = f"reviewed_identity_numbers:\n  - number: {masked(FNR)}\n    reason: Samtykke fra beboeren, vurdert av personvernombudet.\n"
    minutes = MINUTES_MD.replace("attendees:", f"{reviewed}attendees:")
    write_tree(project, {f"{MINUTES}/2026-03-01.md": minutes})
    clean = run_check(project)
    assert (clean.exit_code, clean.problems) == (0, [])
    write_tree(project, {f"{MINUTES}/2026-03-01.md": minutes + f"\nOg {OTHER}.\n"})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.md:15", OTHER)
    assert masked(FNR) not in result.output.replace(f"number: {masked(FNR)}", "")


def test_the_whole_number_in_the_exception_is_refused_unprinted(project: Path) -> None:
    minutes = MINUTES_MD.replace("attendees:", f"reviewed_identity_numbers: [{{number: '{FNR}', reason: Samtykke}}]\nattendees:")
    write_tree(project, {f"{MINUTES}/2026-03-01.md": minutes})
    result = run_check(project)
    assert result.exit_code == 1
    assert (
        f"reviewed_identity_numbers[0].number: expected the number masked as raad check prints it, e.g. xxxxxxxxx45 but got '{masked(FNR)}'"
        in result.output
    )
    assert FNR not in result.output


def test_unknown_contact_details_in_minutes_warn_with_their_line(project: Path) -> None:
    council = COUNCIL.replace(
        "{id: b, name: Bo B,", "{id: b, name: Bo B, email: {value: bo@example.org, public: true}, phone: '98765432',"
    ).replace("established: 2010-01-01", "established: 2010-01-01\ncontact: {email: testheim@example.org}")
    config = (project / "site-config.yml").read_text(
        encoding="utf-8"
    ) + "function_addresses: [postmottak@testby.kommune.no, +47 22 00 00 00]\n"
    minutes = """\
    ---
    title: Møte
    attendees: [Anna A, Bo B (bo@example.org), Gro G, "Pårørende Per, 412 34 567"]
    ---
    Spørsmål til postmottak@Testby.kommune.no, sentralbord 22 00 00 00, rådet testheim@example.org
    eller enhetsleder gro@example.org.

    Bo B tar kontakt på 98 76 54 32; Kari svarer på kari.privat@example.net.
    """
    write_tree(project, {"site-config.yml": config, "councils/testheim/council.yml": council, f"{MINUTES}/2026-03-01.md": minutes})
    result = run_check(project)
    assert result.exit_code == 0
    assert result.problems == [
        f"{MINUTES}/2026-03-01.md:3: warning: attendees[3]: phone number 412 34 567 belongs to nobody on the council's public roster; "
        "remove it, or if it is the municipality's own, list it under function_addresses in site-config.yml",
        f"{MINUTES}/2026-03-01.md:8: warning: e-mail address kari.privat@example.net belongs to nobody on the council's public roster; "
        "remove it, or if it is the municipality's own, list it under function_addresses in site-config.yml",
        f"{MINUTES}/2026-03-01.md:8: warning: phone number 98 76 54 32 belongs to nobody on the council's public roster; "
        "remove it, or if it is the municipality's own, list it under function_addresses in site-config.yml",
    ]
    assert run_check(project, "--strict").exit_code == 1


def test_a_sidecar_value_is_checked_on_its_line(project: Path, word_pdfs: dict[str, Path]) -> None:
    sidecar = f"title: Møte\nagenda:\n  - Budsjett\n  - Søknad fra {FNR}\n"
    write_tree(project, {f"{MINUTES}/2026-03-01.pdf": word_pdfs["clean"].read_bytes(), f"{MINUTES}/2026-03-01.yml": sidecar})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.yml:4: agenda[1]", FNR)


@pytest.fixture(scope="module")
def word_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Minutes from a word processor: one with an identity number and a private e-mail address
    on page 2, one without."""
    return convert(
        {
            "number": odt(
                [
                    [("Sak 1/26 Budsjett", "Enhetslederen la fram budsjettet for 2026.")],
                    [("Sak 2/26 Søknad", f"Søknaden fra beboer {FNR[:6]} {FNR[6:]} ble drøftet. Svar til ola@privat.example.net.")],
                ]
            ),
            "clean": odt([[("Sak 3/26 Eventuelt", "Ingen saker under eventuelt.")]]),
        },
        tmp_path_factory.mktemp("identity-pdfs"),
    )


def test_a_number_on_page_2_of_a_pdf_stops_the_build_and_keeps_the_site(project: Path, word_pdfs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = run_build(project, out)
    assert first.exit_code == 0, first.output
    published = tree_bytes(out)
    write_tree(project, {f"{MINUTES}/2026-03-01.pdf": word_pdfs["number"].read_bytes()})

    result = run_build(project, out)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.pdf: page 2", FNR)
    assert f"{MINUTES}/2026-03-01.pdf: warning: page 2: e-mail address ola@privat.example.net" in result.output
    assert f"record it in {MINUTES}/2026-03-01.yml (a new file beside the PDF)" in result.output
    assert tree_bytes(out) == published

    checked = run_check(project)
    assert checked.exit_code == 1
    _assert_reported(checked.output, f"{MINUTES}/2026-03-01.pdf: page 2", FNR)

    sidecar = f"reviewed_identity_numbers:\n  - {{number: {masked(FNR)}, reason: Beboeren har samtykket skriftlig.}}\n"
    write_tree(project, {f"{MINUTES}/2026-03-01.yml": sidecar})
    result = run_build(project, out)
    assert result.exit_code == 0, result.output
    assert (out / "rad/testheim/referat/2026-03-01/index.html").is_file()


def test_checks_run_on_the_pinned_day_in_2032_accept_the_new_first_check_digit(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.md": f"---\ntitle: Møte\n---\nNummer {_relaxed()}.\n"})
    assert run_check(project).exit_code == 0
    later = run_check(project, today=dt.date(2032, 1, 1))
    assert f"{MINUTES}/2026-03-01.md:4: fødselsnummer {masked(_relaxed())}" in later.output


def test_council_yml_records_the_numbers_reviewed_for_its_mandate_and_a_page_its_own(project: Path) -> None:
    reviewed = f"reviewed_identity_numbers: [{{number: {masked(H_NUMBER)}, reason: Hjelpenummer i en anonymisert mal.}}]\n"
    write_tree(
        project,
        {
            "councils/testheim/council.yml": COUNCIL.replace("unit: Testheim sykehjem", "unit: Testheim sykehjem\nmandate: mandate.md")
            + reviewed,
            "councils/testheim/mandate.md": f"# Mandat\n\nEksempel: {H_NUMBER}.\n",
            "content/om.md": f"---\ntitle: Om\n{reviewed}---\n\nEksempel: {H_NUMBER}.\n",
            "content/annen.md": f"# Annen\n\nEksempel: {H_NUMBER}.\n",
        },
    )
    result = run_check(project)
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.problems] == ["content/annen.md:3"]
    _assert_reported(result.output, "content/annen.md:3", H_NUMBER, NumberKind.H_NUMBER)


def test_addresses_in_emphasis_are_read_whole(project: Path) -> None:
    council = COUNCIL.replace("{id: b, name: Bo B,", "{id: b, name: Bo B, email: {value: bo_b@example.org, public: true},")
    minutes = "Skriv til _bo_b@example.org_ eller\n_ola_n@example.org_.\n"
    write_tree(project, {"councils/testheim/council.yml": council, f"{MINUTES}/2026-03-01.md": minutes})
    assert [line.split(" belongs")[0] for line in run_check(project).problems] == [
        f"{MINUTES}/2026-03-01.md:2: warning: e-mail address ola_n@example.org"
    ]


def test_a_number_in_a_file_name_is_an_error_and_no_output_shows_it(project: Path, word_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """Scanned documents are often saved under the number of the person they concern; the
    name would stand in the site's URLs, and every message about the file would quote it."""
    write_tree(
        project,
        {
            f"{MINUTES}/2026-03-01-{FNR}.pdf": word_pdfs["clean"].read_bytes(),
            f"{MINUTES}/2026-03-01-{FNR}.yml": "title: [unclosed\n",
            f"content/vedtak_{FNR[:6]}-{FNR[6:]}.md": "---\ntitle: Vedtak\n---\nTekst.\n",
            f"content/vedlegg/{FNR}.pdf": word_pdfs["clean"].read_bytes(),
        },
    )
    result = run_check(project)
    assert result.exit_code == 1
    rename = "a personal identity number must not be published; rename the file"
    assert f"{MINUTES}/2026-03-01-{masked(FNR)}.pdf: the file name holds fødselsnummer {masked(FNR)}: {rename}" in result.output
    assert f"content/vedtak_{masked(FNR)}.md: the file name holds fødselsnummer {masked(FNR)}: {rename}" in result.output
    assert f"content/vedlegg/{masked(FNR)}.pdf: the file name holds" in result.output
    assert f"{MINUTES}/2026-03-01-{masked(FNR)}.yml:2: YAML syntax error" in result.output  # the sidecar's YAML error names it masked too
    assert FNR[6:] not in result.output

    as_json = run_check(project, "--format", "json")
    assert f"vedtak_{masked(FNR)}.md" in as_json.output
    assert FNR[6:] not in as_json.output
    built = run_build(project, tmp_path / "site")
    assert built.exit_code == 1
    assert FNR[6:] not in built.output


def test_a_number_in_a_pdf_under_content_is_an_error(project: Path, word_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """A contact meeting's minutes, or any document under content/, is published as it is."""
    config = SITE_CONFIG.replace(
        "name: Skoler og barnehager}", "name: Skoler og barnehager, contact_meetings: [{date: 2026-03-18, minutes: kontaktmote.pdf}]}"
    )
    write_tree(project, {"site-config.yml": config, "content/kontaktmote.pdf": word_pdfs["number"].read_bytes()})
    result = run_check(project)
    assert result.exit_code == 1
    assert f"content/kontaktmote.pdf: page 2: fødselsnummer {masked(FNR)}: a personal identity number must not be published; remove it\n" in (
        result.output
    )
    assert FNR[6:] not in result.output
    built = run_build(project, tmp_path / "site")
    assert built.exit_code == 1
    _assert_reported(built.output, "content/kontaktmote.pdf: page 2", FNR)
    write_tree(project, {"content/kontaktmote.pdf": word_pdfs["clean"].read_bytes()})
    assert run_check(project).exit_code == 0


def _scan_titled(path: Path, title: str) -> Path:
    """A PDF as a scanner makes it: no text layer, and a title its software filled in."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title, "/Author": "Skanner 3. etasje"})
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_a_number_in_the_document_properties_of_a_pdf_is_an_error(project: Path, tmp_path: Path) -> None:
    """A PDF viewer shows the title; scanning software often names the document after the
    person it concerns."""
    scan = _scan_titled(tmp_path / "scan.pdf", f"Søknad {FNR[:6]} {FNR[6:]}")
    write_tree(project, {f"{MINUTES}/2026-03-01.pdf": scan.read_bytes()})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.pdf: document properties: Title", FNR)
    write_tree(project, {f"{MINUTES}/2026-03-01.pdf": _scan_titled(tmp_path / "other.pdf", "Søknad").read_bytes()})
    assert run_check(project).exit_code == 0


def test_a_number_split_by_html_tags_is_found_once_on_its_line(project: Path) -> None:
    """HTML pasted from a word processor wraps parts of a line in tags the reader never sees."""
    body = (
        "---\ntitle: Møte\n---\n\n"
        f"Søker: <span style=\"font-weight:bold\">{FNR[:6]}</span>&nbsp;<span>{FNR[6:]}</span>\n\n"
        f"<!-- {OTHER} -->\n"
    )
    write_tree(project, {f"{MINUTES}/2026-03-01.md": body})
    result = run_check(project)
    assert result.exit_code == 1
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.md:5", FNR)
    _assert_reported(result.output, f"{MINUTES}/2026-03-01.md:7", OTHER)
    assert result.output.count("a personal identity number must not be published") == 2, result.output
