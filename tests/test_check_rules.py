"""Every validation rule of `raad check`: a broken file, the exact `path:line: field: message`."""

from __future__ import annotations

from pathlib import Path

from conftest import COUNCIL, SITE_CONFIG, run_check, write_tree

FILE = "councils/testheim/council.yml"
ROLES = "chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary, observer"


def check_council(project: Path, text: str, *args: str) -> list[str]:
    write_tree(project, {FILE: text})
    result = run_check(project, *args)
    return result.problems


# --- the shape of council.yml -------------------------------------------------------------


def test_unknown_role_lists_the_allowed_roles(project: Path) -> None:
    text = COUNCIL.replace("name: Bo B, role: user_representative", "name: Bo B, role: leader")
    assert check_council(project, text) == [f"{FILE}:8: members[1].role: expected one of {ROLES} but got 'leader'"]


def test_unknown_field_suggests_the_right_one(project: Path) -> None:
    text = COUNCIL.replace("meetings:", "meetngs:")
    assert check_council(project, text) == [
        f"{FILE}:14: meetngs: unknown field; expected one of contact, dissolved, established, evaluations, maintainers, mandate, "
        "mandate_given_by, mandate_given_on, meetings, members, name, reviewed_identity_numbers, seats, sector, type, unit; "
        "did you mean meetings?"
    ]


def test_missing_required_field(project: Path) -> None:
    text = COUNCIL.replace("{name: Dag D, role: deputy", "{role: deputy")
    assert check_council(project, text) == [f"{FILE}:10: members[3].name: is required but missing"]


def test_bad_email_of_council(project: Path) -> None:
    text = COUNCIL + "contact: {email: not-an-address}\n"
    assert check_council(project, text) == [
        f"{FILE}:19: contact.email: expected an e-mail address such as name@example.org but got 'not-an-address'"
    ]


def test_bad_public_flag(project: Path) -> None:
    text = COUNCIL.replace("email: gro@example.org", "email: {value: gro@example.org, public: kanskje}")
    assert check_council(project, text) == [f"{FILE}:13: members[6].email.public: expected true or false but got 'kanskje'"]


# --- references and dates -----------------------------------------------------------------


def test_unknown_sector(project: Path) -> None:
    text = COUNCIL.replace("sector: helse", "sector: helse-og-omsorg")
    assert check_council(project, text) == [f"{FILE}:3: sector: unknown sector 'helse-og-omsorg'; site-config.yml defines helse, oppvekst"]


def test_unknown_type(project: Path) -> None:
    text = COUNCIL.replace("type: brukerrad", "type: eldrerad")
    assert check_council(project, text) == [
        f"{FILE}:2: type: unknown council type 'eldrerad'; site-config.yml defines brukerrad, brukerutvalg"
    ]


def test_term_that_ends_before_it_starts(project: Path) -> None:
    text = COUNCIL.replace(
        "name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2027-12-31",
        "name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2025-12-31",
    )
    write_tree(project, {FILE: text})
    result = run_check(project)
    assert result.exit_code == 1
    assert f"{FILE}:9: members[2].to: the term ends 2025-12-31, before it starts 2026-01-01" in result.problems


def test_two_chairs_at_once(project: Path) -> None:
    text = COUNCIL.replace("name: Bo B, role: user_representative", "name: Bo B, role: chair")
    assert check_council(project, text) == [
        f"{FILE}:8: members[1].role: two chairs at once: the term of Bo B overlaps that of Anna A (members[0])"
    ]


def test_chairs_one_after_the_other_are_fine(project: Path) -> None:
    text = COUNCIL + "  # a former chair\n"
    text = text.replace("members:\n", "members:\n  - {name: Old O, role: chair, represents: relatives, from: 2024-01-01, to: 2025-12-31}\n")
    write_tree(project, {FILE: text})
    result = run_check(project)
    assert result.problems == []
    assert not [note for note in result.notes if "members" in note]  # the former chair's term is history


def test_an_expired_term_is_a_note_at_its_line(project: Path) -> None:
    text = COUNCIL.replace("{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2026-10-31}")
    write_tree(project, {FILE: text})
    result = run_check(project)
    assert result.problems == []
    assert (
        f"{FILE}:13: note: members[6].to: 1 term has expired. Renew the terms, or elect new members and update the roster." in result.notes
    )


def test_personal_deputy_naming_nobody(project: Path) -> None:
    text = COUNCIL.replace("deputy_for: c", "deputy_for: cecilie")
    assert check_council(project, text) == [
        f"{FILE}:12: members[5].deputy_for: names nobody on the roster: 'cecilie'; use the name or id of a user representative",
    ]


def test_personal_deputy_by_name_is_fine(project: Path) -> None:
    text = COUNCIL.replace("deputy_for: c", "deputy_for: Cai C")
    assert check_council(project, text) == []


def test_personal_deputy_of_a_staff_member(project: Path) -> None:
    text = COUNCIL.replace("{name: Gro G, role: unit_manager", "{id: g, name: Gro G, role: unit_manager").replace(
        "deputy_for: c", "deputy_for: g"
    )
    problems = check_council(project, text)
    assert f"{FILE}:12: members[5].deputy_for: Gro G is not a user representative, so cannot have a personal deputy" in problems


def test_duplicate_member_id(project: Path) -> None:
    text = COUNCIL.replace("{id: c, name: Cai C", "{id: b, name: Cai C").replace("deputy_for: c", "deputy_for: Cai C")
    assert check_council(project, text) == [f"{FILE}:9: members[2].id: id 'b' is used twice (also members[1])"]


def test_duplicate_sector_id_in_site_config(project: Path) -> None:
    config = SITE_CONFIG.replace("{id: oppvekst, name: Skoler og barnehager}", "{id: helse, name: Skoler og barnehager}")
    write_tree(project, {"site-config.yml": config})
    assert run_check(project).problems == ["site-config.yml:7: sectors[1].id: sector id 'helse' is used twice (also sectors[0])"]


def test_invalid_folder_name(project: Path) -> None:
    write_tree(project, {"councils/Testheim Nord/council.yml": COUNCIL})
    assert run_check(project).problems == [
        "councils/Testheim Nord: folder name is the council's web address: use lower-case letters, digits and hyphens"
    ]


def test_folder_without_council_file(project: Path) -> None:
    (project / "councils" / "tomt").mkdir()
    assert run_check(project).problems == ["councils/tomt/council.yml: is missing; every council folder needs one"]


def test_missing_mandate_file(project: Path) -> None:
    text = COUNCIL.replace("established: 2010-01-01\n", "established: 2010-01-01\nmandate: mandat.md\n")
    assert check_council(project, text) == [f"{FILE}:6: mandate: file councils/testheim/mandat.md does not exist"]


def test_files_that_are_not_utf8_are_named(project: Path) -> None:
    """A mandate, a content page or minutes saved in another encoding is a problem naming the file, not a crash."""
    write_tree(
        project,
        {
            "councils/testheim/mandat.md": "Mandat for r\u00e5det".encode("latin-1"),
            "councils/testheim/minutes/2026-03-01.md": "M\u00f8te".encode("latin-1"),
            "content/om.md": "R\u00e5d".encode("latin-1"),
        },
    )
    text = COUNCIL.replace("established: 2010-01-01\n", "established: 2010-01-01\nmandate: mandat.md\n")
    write_tree(project, {FILE: text})
    result = run_check(project)
    assert result.exit_code == 1
    assert result.problems == [
        "content/om.md: is not UTF-8 text; save it as UTF-8",
        "councils/testheim/mandat.md: is not UTF-8 text; save it as UTF-8",
        "councils/testheim/minutes/2026-03-01.md: is not UTF-8 text; save it as UTF-8",
    ]


def test_dissolved_council_with_future_meetings(project: Path) -> None:
    text = COUNCIL.replace("established: 2010-01-01\n", "established: 2010-01-01\ndissolved: 2026-06-30\n")
    assert check_council(project, text) == [f"{FILE}:17: meetings[1].date: meeting planned after the council was dissolved on 2026-06-30"]


def test_dissolved_before_established(project: Path) -> None:
    text = COUNCIL.replace("established: 2010-01-01\n", "established: 2010-01-01\ndissolved: 2009-06-30\n")
    problems = check_council(project, text)
    assert f"{FILE}:6: dissolved: dissolved 2009-06-30, before it was established 2010-01-01" in problems


# --- minutes -------------------------------------------------------------------------------

MINUTES = "councils/testheim/minutes"


def test_minutes_name_that_is_no_real_date(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-02-30.md": "# Referat\n"})
    assert run_check(project).problems == [f"{MINUTES}/2026-02-30.md: 2026-02-30 in the file name is not a real date"]


def test_minutes_name_without_date(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/referat-mars.md": "# Referat\n"})
    assert run_check(project).problems == [
        f"{MINUTES}/referat-mars.md: minutes are named by meeting date: YYYY-MM-DD.md, or .pdf with an optional .yml beside it"
    ]


def test_minutes_in_the_future(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-12-01.md": "# Referat\n"})
    assert run_check(project).problems == [
        f"{MINUTES}/2026-12-01.md: dated 2026-12-01, which is in the future; minutes are added after the meeting"
    ]


def test_minutes_as_markdown_and_pdf_for_one_meeting(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.md": "# Referat\n", f"{MINUTES}/2026-03-01.pdf": b"%PDF-1.4\n"})
    assert run_check(project).problems == [
        f"{MINUTES}/2026-03-01.pdf: two minutes for the same meeting: {MINUTES}/2026-03-01.md has the same name"
    ]


def test_metadata_file_without_its_pdf(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.yml": "title: Referat\n"})
    assert run_check(project).problems == [f"{MINUTES}/2026-03-01.yml: metadata file without its PDF; expected 2026-03-01.pdf beside it"]


def test_front_matter_errors_name_the_line_in_the_markdown_file(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.md": "---\ntitle: Referat\ntittel: feil\n---\n# Referat\n"})
    assert run_check(project).problems == [
        f"{MINUTES}/2026-03-01.md:3: tittel: unknown field; expected one of absent, agenda, approved, attendees, decisions, reviewed_identity_numbers, status, title; did you mean title?"
    ]


def test_sidecar_errors_name_the_line(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2026-03-01.pdf": b"%PDF-1.4\n", f"{MINUTES}/2026-03-01.yml": "title: [Referat\n"})
    problems = run_check(project).problems
    assert len(problems) == 1
    assert problems[0].startswith(f"{MINUTES}/2026-03-01.yml:2: YAML syntax error:")


def test_minutes_before_the_council_existed(project: Path) -> None:
    write_tree(project, {f"{MINUTES}/2009-03-01.md": "# Referat\n"})
    assert run_check(project).problems == [f"{MINUTES}/2009-03-01.md: dated before the council was established (2010-01-01)"]


# --- the council type's rules: the file contradicts them (warnings, errors with --strict) --


def test_seats_the_type_does_not_allow_is_a_warning(project: Path) -> None:
    write_tree(project, {FILE: COUNCIL.replace("members:\n", "seats: 4\nmembers:\n")})
    result = run_check(project)
    assert result.exit_code == 0
    assert result.problems == [f"{FILE}:6: warning: seats: 4 seats for user representatives; a Brukerråd has 3 or 5"]
    assert result.lines[-1].startswith("0 errors, 1 warning, ")
    strict = run_check(project, "--strict")
    assert strict.exit_code == 1
    assert strict.problems == [f"{FILE}:6: seats: 4 seats for user representatives; a Brukerråd has 3 or 5"]


def test_term_longer_than_the_type_allows(project: Path) -> None:
    text = COUNCIL.replace(
        "name: Bo B, role: user_representative, represents: residents, from: 2026-01-01, to: 2027-12-31",
        "name: Bo B, role: user_representative, represents: residents, from: 2026-01-01, to: 2028-12-31",
    )
    assert check_council(project, text) == [
        f"{FILE}:8: warning: members[1].to: a term of Bo B runs longer than the 2 years a Brukerråd allows"
    ]


def test_more_pooled_deputies_than_seats(project: Path) -> None:
    text = COUNCIL.replace("type: brukerrad", "type: brukerutvalg").replace("{name: Gro G", "{name: Ola O, role: deputy}\n  - {name: Gro G")
    text = (
        "\n".join(
            line.replace(", deputy_for: a", "").replace(", deputy_for: b", "").replace(", deputy_for: c", "") for line in text.splitlines()
        )
        + "\n"
    )
    problems = check_council(project, text)
    assert f"{FILE}:6: warning: members: 4 deputies on 2026-11-24; a Brukerutvalg has 1 deputy seats" in problems


def test_role_the_type_does_not_have(project: Path) -> None:
    text = COUNCIL.replace("{name: Gro G, role: unit_manager", "{name: Gro G, role: observer")
    assert check_council(project, text) == [
        f"{FILE}:13: warning: members[6].role: a Brukerråd has no observer; its roles are "
        "chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary"
    ]


# --- the council's health: notes at the line concerned, never errors -------------------


def test_health_findings_are_notes_that_strict_does_not_fail_on(project: Path) -> None:
    """An empty seat is the council's state, not a mistake in the pull request: `--strict`
    still passes, and the note points at the roster."""
    text = COUNCIL.replace(
        "  - {id: c, name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2027-12-31}\n", ""
    )
    text = text.replace(", deputy_for: c", "")
    write_tree(project, {FILE: text})
    strict = run_check(project, "--strict")
    assert strict.exit_code == 0
    assert f"{FILE}:6: note: members: 1 of 3 seats is empty. Recruit and elect user representatives for the empty seats." in strict.notes
    assert "notes on council health (raad report)" in strict.lines[-1]


def test_historical_council_is_not_held_to_the_rules(project: Path) -> None:
    text = COUNCIL.replace("established: 2010-01-01\n", "established: 2010-01-01\ndissolved: 2026-01-31\n").replace(
        "meetings:\n", "meetings: []\nold_meetings:\n"
    )
    text = text.split("old_meetings:")[0]
    write_tree(project, {FILE: text})
    result = run_check(project)
    assert result.lines == ["No problems in 1 council."]
