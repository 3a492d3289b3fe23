"""`raad check` speaks the staff's language: nb by default (the site's), nn and en with --lang,
and says which value to write where a secretary wrote the Norwegian word for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_identity import FNR, masked

from conftest import COUNCIL, SITE_CONFIG, TODAY, _invoke, run_check, write_tree
from generator.model import DeputyKind, FollowUpStatus, Group, MinutesStatus, Role
from generator.schema import SCHEMA_DIR
from generator.vocabulary import VOCABULARY, meaning

FILE = "councils/testheim/council.yml"
ROLES = "chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary, observer"
GROUPS = "users, residents, relatives, parents, pupils, guardians, organisation"

NORWEGIAN_WORDS = (
    COUNCIL.replace("role: chair, represents: relatives", "role: leder, represents: relatives")
    .replace("{name: Dag D, role: deputy,", "{name: Dag D, role: vara,")
    .replace("represents: residents", "represents: Pårørende")
)


def check_in(root: Path, *lang: str) -> list[str]:
    """`raad check` as staff run it: no --lang unless given, so the site's language speaks."""
    return _invoke(["check", str(root), "--today", TODAY.isoformat(), *lang]).lines


@pytest.fixture
def norwegian_words(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {"site-config.yml": SITE_CONFIG, FILE: NORWEGIAN_WORDS})


NORWEGIAN_WORD_MESSAGES = {
    "nb (the site's)": [
        f"{FILE}:7: members[0].role: «leder» er ikke en gyldig verdi; skriv chair (leder). Gyldige verdier: {ROLES}",
        f"{FILE}:8: members[1].represents: «Pårørende» er ikke en gyldig verdi; skriv relatives (pårørende). Gyldige verdier: {GROUPS}",
        f"{FILE}:10: members[3].role: «vara» er ikke en gyldig verdi; skriv deputy (vararepresentant). Gyldige verdier: {ROLES}",
        "3 feil, 0 advarsler i 0 råd.",
    ],
    "en": [
        f"{FILE}:7: members[0].role: 'leder' is not an allowed value; write chair (leder). Allowed values: {ROLES}",
        f"{FILE}:8: members[1].represents: 'Pårørende' is not an allowed value; write relatives (pårørende). Allowed values: {GROUPS}",
        f"{FILE}:10: members[3].role: 'vara' is not an allowed value; write deputy (vararepresentant). Allowed values: {ROLES}",
        "3 errors, 0 warnings in 0 councils.",
    ],
    "nn": [
        f"{FILE}:7: members[0].role: «leder» er ikkje ein gyldig verdi; skriv chair (leiar). Gyldige verdiar: {ROLES}",
        f"{FILE}:8: members[1].represents: «Pårørende» er ikkje ein gyldig verdi; skriv relatives (pårørande). Gyldige verdiar: {GROUPS}",
        f"{FILE}:10: members[3].role: «vara» er ikkje ein gyldig verdi; skriv deputy (vararepresentant). Gyldige verdiar: {ROLES}",
        "3 feil, 0 åtvaringar i 0 råd.",
    ],
}


@pytest.mark.parametrize("language", NORWEGIAN_WORD_MESSAGES)
def test_norwegian_words_get_the_value_to_write(norwegian_words: Path, language: str) -> None:
    """Without --lang, the site's language (nb in SITE_CONFIG); --lang en and nn otherwise."""
    lang = [] if language.startswith("nb") else ["--lang", language]
    assert check_in(norwegian_words, *lang) == NORWEGIAN_WORD_MESSAGES[language]


def test_the_site_language_is_the_default(tmp_path: Path) -> None:
    config = SITE_CONFIG.replace("language: nb", "language: nn")
    root = write_tree(tmp_path, {"site-config.yml": config, FILE: NORWEGIAN_WORDS})
    assert check_in(root)[-1] == "3 feil, 0 åtvaringar i 0 råd."


def test_an_unknown_word_lists_the_allowed_values(project: Path) -> None:
    write_tree(project, {FILE: COUNCIL.replace("role: chair", "role: sjef")})
    assert check_in(project)[0] == f"{FILE}:7: members[0].role: forventet en av {ROLES}, men fikk «sjef»"


def test_schema_messages_in_bokmal(project: Path) -> None:
    text = COUNCIL.replace("meetings:", "meetngs:").replace("{name: Dag D, role: deputy", "{role: deputy")
    write_tree(project, {FILE: text + "contact: {email: ikke-en-adresse}\n"})
    assert check_in(project)[:3] == [
        f"{FILE}:10: members[3].name: mangler, men er påkrevd",
        f"{FILE}:14: meetngs: ukjent felt; forventet ett av contact, dissolved, established, evaluations, maintainers, mandate, "
        "mandate_given_by, mandate_given_on, meetings, members, name, reviewed_identity_numbers, seats, sector, type, unit; "
        "mente du meetings?",
        f"{FILE}:19: contact.email: forventet en e-postadresse som navn@example.org, men fikk «ikke-en-adresse»",
    ]


def test_cross_file_checks_in_bokmal_and_nynorsk(project: Path) -> None:
    text = COUNCIL.replace("sector: helse", "sector: helse-og-omsorg").replace("role: chair, represents: relatives", "role: observer")
    write_tree(project, {FILE: text})
    assert [line for line in check_in(project) if ": note: " not in line][:2] == [
        f"{FILE}:3: sector: ukjent sektor «helse-og-omsorg»; site-config.yml definerer helse, oppvekst",
        f"{FILE}:7: warning: members[0].role: rådstypen Brukerråd har ikke rollen observer; rollene er "
        "chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary",
    ]
    assert (
        check_in(project, "--lang", "nn")[0]
        == f"{FILE}:3: sector: ukjend sektor «helse-og-omsorg»; site-config.yml definerer helse, oppvekst"
    )


def test_yaml_surprises_in_bokmal(project: Path) -> None:
    write_tree(project, {FILE: COUNCIL.replace("email: gro@example.org", "phone: 04567")})
    assert check_in(project)[0] == (
        f"{FILE}:13: members[6].phone: 04567 blir lest som tallet 2423 (en 0 først betyr oktaltall i YAML 1.1); "
        'skriv "04567" i anførselstegn'
    )


def test_minutes_names_in_bokmal(project: Path) -> None:
    write_tree(project, {"councils/testheim/minutes/2026-02-30.md": "# Referat\n"})
    assert "councils/testheim/minutes/2026-02-30.md: 2026-02-30 i filnavnet er ikke en gyldig dato" in check_in(project)


def test_summary_and_health_notes_in_bokmal(project: Path) -> None:
    """A council without a chair is a health finding: a note, in the site's language."""
    write_tree(project, {FILE: COUNCIL.replace("role: chair, represents: relatives", "role: user_representative, represents: relatives")})
    lines = check_in(project)
    assert f"{FILE}:6: note: members: Rådet har ingen leder. Rådet velger leder på neste møte." in lines
    assert lines[-1] == "0 feil, 0 advarsler, 3 merknader om rådenes helse (raad report) i 1 råd."
    assert run_check(project).lines[-1] == "0 errors, 0 warnings, 3 notes on council health (raad report) in 1 council."


def test_no_problems_in_bokmal(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"site-config.yml": SITE_CONFIG, "councils/.keep": ""})
    assert check_in(root, "--strict") == ["Ingen problemer i 0 råd."]


@pytest.mark.parametrize(
    ("values", "written", "value"),
    [
        (Role, "Nestleiar", Role.DEPUTY_CHAIR),
        (Role, "leder  av enheten", Role.UNIT_MANAGER),
        (Role, "tilsett", Role.STAFF),
        (Group, "brukarorganisasjon", Group.ORGANISATION),
        (DeputyKind, "personleg", DeputyKind.PERSONAL),
        (MinutesStatus, "godkjend", MinutesStatus.APPROVED),
        (FollowUpStatus, "ikkje følgt", FollowUpStatus.NOT_FOLLOWED),
        (FollowUpStatus, "Delvis fulgt", FollowUpStatus.PARTLY_FOLLOWED),
    ],
)
def test_vocabulary_knows_bokmal_and_nynorsk_words(values: type, written: str, value: str) -> None:
    word = meaning(values, written)
    assert word is not None
    assert word.value == value


def test_every_word_names_one_value() -> None:
    """No word may mean two values of the same field, or the suggestion would be a guess."""
    for words in VOCABULARY.values():
        spoken = [w.casefold() for word in words for w in set(word.words())]
        assert len(spoken) == len(set(spoken))


def test_the_editor_explains_fields_and_values_in_norwegian() -> None:
    """What an editor's hover and completion show (yaml-language-server reads `description`
    and `enumDescriptions`): Bokmål first, then English; the Norwegian word for each value."""
    council = json.loads((SCHEMA_DIR / "council.schema.json").read_text(encoding="utf-8"))
    assert council["properties"]["unit"]["description"] == "Enheten rådet gir råd til.\n\nThe unit (enhet) the council advises."
    role = council["$defs"]["Role"]
    assert dict(zip(role["enum"], role["enumDescriptions"], strict=True))["chair"] == "leder (nynorsk: leiar)"
    group = council["$defs"]["Group"]
    assert dict(zip(group["enum"], group["enumDescriptions"], strict=True))["relatives"] == "pårørende (nynorsk: pårørande)"
    config = json.loads((SCHEMA_DIR / "site-config.schema.json").read_text(encoding="utf-8"))
    assert (
        config["properties"]["language"]["description"] == "Språket på nettstedet: nb, nn eller en.\n\nLanguage of the site: nb, nn or en."
    )


def test_an_identity_number_in_markdown_in_bokmal(project: Path) -> None:
    """The number is masked, and the staff are told in Norwegian where to record a reviewed one."""
    write_tree(project, {"content/om.md": f"# Om rådet\n\nFødselsnummer {FNR}.\n"})
    assert check_in(project)[0] == (
        f"content/om.md:3: fødselsnummer {masked(FNR)}: et identitetsnummer skal ikke publiseres; fjern det, eller hvis det "
        f"er vurdert og kan publiseres, før det opp i metadataene øverst i content/om.md: "
        f"reviewed_identity_numbers: [{{number: {masked(FNR)}, reason: ...}}]"
    )


def test_files_refused_for_size_or_kind_in_bokmal(project: Path) -> None:
    """Sizes are written the Norwegian way, with (no-break) spaces between thousands."""
    write_tree(project, {"content/om.md": "x" * 1_000_001, "content/vedlegg.html": "<script>alert(1)</script>"})
    lines = check_in(project)
    assert "content/om.md: er 1\u00a0000\u00a0001 byte; en Markdown-fil kan være på høyst 1\u00a0000\u00a0000 byte" in lines
    assert (
        "content/vedlegg.html: er en .html-fil, som en nettleser kan kjøre som en side på nettstedet; "
        "bare PDF, kontordokumenter, tekst, bilder, lyd og video publiseres"
    ) in lines


def test_too_deep_markdown_in_bokmal_and_nynorsk(project: Path) -> None:
    write_tree(project, {"content/om.md": "# Om rådet\n\n" + "> " * 30 + "x\n"})
    assert "content/om.md:3: sitatblokker og lister er nøstet 30 nivåer dypt her; høyst 20 er tillatt" in check_in(project)
    nynorsk = check_in(project, "--lang", "nn")
    assert "content/om.md:3: sitatblokker og lister er nøsta 30 nivå djupt her; høgst 20 er tillate" in nynorsk


def test_add_minutes_refuses_a_second_file_for_a_day_in_norwegian(project: Path) -> None:
    minutes = write_tree(project, {"councils/testheim/minutes/2026-03-03.md": "# Referat\n"}) / "councils/testheim/minutes"
    source = write_tree(project, {"inn/referat.md": "# Referat\n"}) / "inn/referat.md"
    result = _invoke(["add-minutes", "testheim", str(source), str(project), "--today", TODAY.isoformat(), "--date", "2026-03-03"])
    assert result.exit_code == 1
    assert result.lines == [
        "Error: det finnes allerede et referat for 2026-03-03 (2026-03-03.md); "
        "for et møte til samme dag, bruk --suffix, f.eks. --suffix ekstra"
    ]
    assert sorted(path.name for path in minutes.iterdir()) == ["2026-03-03.md"]


def test_new_council_refuses_an_existing_folder_in_norwegian(project: Path) -> None:
    before = (project / "councils/testheim/council.yml").read_text(encoding="utf-8")
    given = ["--name", "Testheim", "--type", "brukerrad", "--sector", "helse", "--unit", "Testheim", "--established", "2026-01-05"]
    result = _invoke(["new", "council", str(project), "--today", TODAY.isoformat(), *given])
    assert result.exit_code == 1
    assert result.lines == ["Error: councils/testheim finnes allerede; velg et annet navn eller --slug"]
    assert (project / "councils/testheim/council.yml").read_text(encoding="utf-8") == before


def test_add_minutes_asks_for_the_meeting_date_in_norwegian(project: Path) -> None:
    """Two dates in the text: the first is offered, and the secretary answers with the other."""
    source = write_tree(project, {"inn/referat.md": "Brukerrådet møttes 5. mai 2026. Neste møte blir 9.6.2026.\n"}) / "inn/referat.md"
    result = _invoke(["add-minutes", "testheim", str(source), str(project), "--today", TODAY.isoformat()], input="2026-06-09\n")
    assert result.exit_code == 0, result.output
    assert result.lines[:3] == [
        "referat.md: 2026-05-05 er gjettet ut fra teksten; andre datoer står der også.",
        "Møtedato (ÅÅÅÅ-MM-DD) [2026-05-05]: 2026-06-09",
        f"skrev {project / 'councils/testheim/minutes/2026-06-09.md'}",
    ]
