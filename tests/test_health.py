"""Council health on a pinned day: each finding from a small council that has just that one.

The base council is healthy on the suite's day (2026-11-24): three user representatives with
personal deputies, two meetings with minutes in the last twelve months, the next meeting on
the plan, no advice waiting. Each case changes one thing and expects one finding, with the
sentence a reader of the Norwegian site sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, TODAY, one, write_tree
from generator.health import CouncilHealth, Kind, Level, assess_project
from generator.labels import labels_for
from generator.load import load_project

CONFIG = """\
municipality: Testby kommune
site_name: Brukerråd i Testby
site_url: https://example.org/brukerrad/
language: nb
sectors:
  - {id: helse, name: Helse og velferd}
council_types:
  brukerrad:
    label: Brukerråd
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    term_years: 2
    meetings_per_year: {min: 2}
    chair: representative
  parorende:
    label: Brukerråd med pårørende som leder
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    meetings_per_year: {min: 2}
    chair: relative
  med-nestleder:
    label: Brukerråd med nestleder
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    meetings_per_year: {min: 2}
    chair: representative
    deputy_chair: true
  pulje:
    label: Brukerutvalg
    representatives: 3
    deputies: {kind: pooled, count: 2}
    meetings_per_year: {min: 2}
  evaluert:
    label: Brukerråd med evaluering i juni
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    meetings_per_year: {min: 2}
    evaluation: {month: 6}
  evaluert-aarlig:
    label: Brukerråd med årlig evaluering
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    meetings_per_year: {min: 2}
    evaluation: yearly
"""

COUNCIL = """\
name: Brukerråd ved Testheim
type: brukerrad
sector: helse
unit: Testheim sykehjem
established: 2010-01-01
members:
  - {id: a, name: Anna A, role: chair, represents: residents, from: 2026-01-01, to: 2027-12-31}
  - {id: b, name: Bo B, role: user_representative, represents: residents, from: 2026-01-01, to: 2027-12-31}
  - {id: c, name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2027-12-31}
  - {name: Dag D, role: deputy, deputy_for: a, from: 2026-01-01, to: 2027-12-31}
  - {name: Eva E, role: deputy, deputy_for: b, from: 2026-01-01, to: 2027-12-31}
  - {name: Fia F, role: deputy, deputy_for: c, from: 2026-01-01, to: 2027-12-31}
  - {name: Gro G, role: unit_manager, email: gro@example.org}
meetings:
  - {date: 2026-03-03, time: "18:00"}
  - {date: 2026-09-08, time: "18:00"}
  - {date: 2026-12-01, time: "18:00"}
"""

MINUTES = "councils/testheim/minutes"
SEPTEMBER = "---\ntitle: Møte i september\n---\nVi snakket om aktiviteter.\n"


def march(follow_up: str = "{status: followed, date: 2026-04-10}", case: str = "1/26") -> str:
    return f"---\ntitle: Møte\ndecisions:\n  - id: {case}\n    advice: Flere turer ut.\n    follow_up: {follow_up}\n---\nReferat.\n"


def health_of(
    root: Path, council: str = COUNCIL, files: dict[str, str] | None = None, today: dt.date = TODAY, config: str = CONFIG
) -> CouncilHealth:
    """The health of the one council in a fresh project (minutes of March and September unless
    `files` says otherwise; a value of "" leaves that file out)."""
    minutes = {f"{MINUTES}/2026-03-03.md": march(), f"{MINUTES}/2026-09-08.md": SEPTEMBER, **(files or {})}
    write_tree(root, {"site-config.yml": config, "councils/testheim/council.yml": council})
    write_tree(root, {name: text for name, text in minutes.items() if text})
    for name, text in minutes.items():
        if not text:
            (root / name).unlink(missing_ok=True)
    project = load_project(root, today)
    assert [p.format() for p in project.problems] == []
    return assess_project(project, today)["testheim"]


def findings(health: CouncilHealth) -> list[tuple[Kind, Level, str]]:
    labels = labels_for("nb")
    return [(f.kind, f.level, f.sentence(labels)) for f in health.findings]


def test_a_healthy_council_is_all_in_order(tmp_path: Path) -> None:
    health = health_of(tmp_path)
    assert findings(health) == []
    assert health.headline(labels_for("nb")) == "Alt i orden"
    assert (health.seats, health.seated, health.empty_seats, health.meetings, health.unanswered) == (3, 3, 0, 2, 0)


def _without(*lines: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        for line in lines:
            assert line in text, line
            text = text.replace(line, "")
        return text

    return change


def _replace(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return change


CASES: dict[str, tuple[Callable[[str], str], dict[str, str], tuple[Kind, Level, str]]] = {
    "seats empty": (
        _replace("members:\n", "seats: 5\nmembers:\n"),
        {},
        (Kind.SEATS_EMPTY, Level.ERROR, "2 av 5 plasser står tomme"),
    ),
    "more representatives than seats": (
        _replace(
            "members:\n",
            "seats: 3\nmembers:\n  - {id: h, name: Hans H, role: user_representative, represents: residents}\n"
            "  - {name: Ida I, role: deputy, deputy_for: h}\n",
        ),
        {},
        (Kind.TOO_MANY_REPRESENTATIVES, Level.ERROR, "4 brukerrepresentanter på 3 plasser"),
    ),
    "no chair": (
        _replace("name: Anna A, role: chair", "name: Anna A, role: user_representative"),
        {},
        (Kind.NO_CHAIR, Level.ERROR, "Rådet har ingen leder"),
    ),
    "a chair the rules do not allow": (
        _replace("type: brukerrad", "type: parorende"),
        {},
        (Kind.CHAIR_NOT_ALLOWED, Level.ERROR, "Reglene krever at lederen er en representant for pårørende"),
    ),
    "no deputy chair where required": (
        _replace("type: brukerrad", "type: med-nestleder"),
        {},
        (Kind.NO_DEPUTY_CHAIR, Level.ERROR, "Rådet har ingen nestleder"),
    ),
    "a deputy chair the rules do not allow": (
        lambda text: text.replace("type: brukerrad", "type: med-nestleder").replace(
            "  - {name: Gro G,", "  - {name: Hege H, role: deputy_chair}\n  - {name: Gro G,"
        ),
        {},
        (Kind.DEPUTY_CHAIR_NOT_ALLOWED, Level.ERROR, "Reglene krever at nestlederen er en brukerrepresentant"),
    ),
    "an expired term": (
        _replace("{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2026-10-31}"),
        {},
        (Kind.TERMS_EXPIRED, Level.ERROR, "1 periode er utløpt"),
    ),
    "a term ending within 60 days": (
        _replace("{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2027-01-20}"),
        {},
        (Kind.TERMS_ENDING, Level.WARNING, "1 periode går ut innen 60 dager"),
    ),
    "a personal deputy missing": (
        _without("  - {name: Eva E, role: deputy, deputy_for: b, from: 2026-01-01, to: 2027-12-31}\n"),
        {},
        (Kind.PERSONAL_DEPUTIES_MISSING, Level.ERROR, "1 brukerrepresentant mangler personlig vararepresentant"),
    ),
    "a pooled deputy seat empty": (
        lambda text: (
            "\n".join(line.split(", deputy_for")[0] + ("}" if "deputy_for" in line else "") for line in text.splitlines())
            .replace("type: brukerrad", "type: pulje")
            .replace("  - {name: Fia F, role: deputy}\n", "")
            .replace("  - {name: Eva E, role: deputy}\n", "")
            + "\n"
        ),
        {},
        (Kind.DEPUTY_SEATS_EMPTY, Level.ERROR, "1 av 2 plasser for vararepresentanter står tom"),
    ),
    "fewer meetings than the minimum": (
        _without('  - {date: 2026-09-08, time: "18:00"}\n'),
        {f"{MINUTES}/2026-09-08.md": ""},
        (Kind.FEW_MEETINGS, Level.ERROR, "1 møte de siste 12 månedene; reglene krever minst 2"),
    ),
    "no meeting planned in the next six months": (
        _without('  - {date: 2026-12-01, time: "18:00"}\n'),
        {},
        (Kind.NO_PLANNED_MEETING, Level.WARNING, "Det er ikke planlagt noe møte de neste 6 månedene"),
    ),
    "a meeting on the plan without minutes after 60 days": (
        _replace(
            '  - {date: 2026-12-01, time: "18:00"}\n',
            '  - {date: 2026-12-01, time: "18:00"}\n  - {date: 2026-06-02}\n  - {date: 2026-10-01}\n',
        ),
        {},
        (Kind.MINUTES_MISSING, Level.WARNING, "1 møte i møteplanen mangler referat etter 60 dager"),
    ),
    "advice unanswered after 90 days": (
        lambda text: text,
        {f"{MINUTES}/2026-03-03.md": march("{status: pending}"), f"{MINUTES}/2026-09-08.md": march("{status: pending}", "5/26")},
        (Kind.ADVICE_UNANSWERED, Level.ERROR, "1 anbefaling har ikke fått svar på over 90 dager"),
    ),
    "the yearly evaluation in June missing": (
        _replace("type: brukerrad", "type: evaluert"),
        {},
        (Kind.EVALUATION_MISSING, Level.ERROR, "Den årlige evalueringen, med frist i juni, er ikke registrert"),
    ),
    "a yearly evaluation missing": (
        _replace("type: brukerrad", "type: evaluert-aarlig"),
        {},
        (Kind.EVALUATION_MISSING, Level.ERROR, "Den årlige evalueringen er ikke registrert"),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_each_finding(tmp_path: Path, case: str) -> None:
    change, files, expected = CASES[case]
    health = health_of(tmp_path, change(COUNCIL), files)
    assert findings(health) == [expected]
    assert health.headline(labels_for("nb")) == f"Trenger oppfølging: {expected[2][0].lower() + expected[2][1:]}"
    assert all(f.action(labels_for("nb")).endswith(".") for f in health.findings)


def test_where_the_service_leads_the_unit_manager_chairs(tmp_path: Path) -> None:
    """A brukerutvalg led by the service (seed 003) lists no chair; without a unit manager it
    has nobody to lead it."""
    council = COUNCIL.replace("type: brukerrad", "type: tjenesteledet").replace(
        "name: Anna A, role: chair", "name: Anna A, role: user_representative"
    )
    config = CONFIG + "  tjenesteledet:\n    label: Brukerutvalg\n    representatives: 3\n    chair: staff\n"
    assert findings(health_of(tmp_path, council, config=config)) == []
    without = council.replace("  - {name: Gro G, role: unit_manager, email: gro@example.org}\n", "")
    assert [f[0] for f in findings(health_of(tmp_path, without, config=config))] == [Kind.NO_CHAIR]


def test_the_status_names_no_person(tmp_path: Path) -> None:
    """Every finding at once: no member's name in any sentence or action, in any language."""
    council = COUNCIL.replace("members:\n", "seats: 5\nmembers:\n").replace("type: brukerrad", "type: evaluert")
    council = council.replace("name: Anna A, role: chair", "name: Anna A, role: user_representative")
    council = council.replace("  - {name: Eva E, role: deputy, deputy_for: b, from: 2026-01-01, to: 2027-12-31}\n", "")
    council = council.replace(
        "{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2026-10-31}"
    )
    health = health_of(tmp_path, council, {f"{MINUTES}/2026-03-03.md": march("{status: pending}")})
    assert len(health.findings) >= 5
    for language in ("nb", "nn", "en"):
        labels = labels_for(language)
        text = " ".join(f.sentence(labels) + " " + f.action(labels) for f in health.findings) + health.headline(labels)
        for name in ("Anna", "Bo B", "Cai", "Dag", "Eva", "Fia", "Gro"):
            assert name not in text


def test_the_headline_is_the_most_important_finding(tmp_path: Path) -> None:
    """An empty seat says more about a council than a term ending soon (a warning)."""
    council = COUNCIL.replace("members:\n", "seats: 5\nmembers:\n").replace(
        "{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2027-01-20}"
    )
    health = health_of(tmp_path, council)
    assert [f.kind for f in health.findings] == [Kind.SEATS_EMPTY, Kind.TERMS_ENDING]
    assert health.headline(labels_for("nb")) == "Trenger oppfølging: 2 av 5 plasser står tomme"
    assert health.headline(labels_for("en")) == "Needs follow-up: 2 of 5 seats are empty"


def test_a_term_with_a_successor_after_a_gap_is_history(tmp_path: Path) -> None:
    """A representative who left in May and was replaced in June: the old term is history."""
    council = COUNCIL.replace(
        "{id: c, name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2027-12-31}",
        "{id: c, name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2026-05-31}\n"
        "  - {id: k, name: Kim K, role: user_representative, represents: relatives, from: 2026-06-15, to: 2027-12-31}",
    ).replace("deputy_for: c,", "deputy_for: k,")
    assert findings(health_of(tmp_path, council)) == []


def test_advice_is_unanswered_only_after_90_whole_days(tmp_path: Path) -> None:
    files = {f"{MINUTES}/2026-03-03.md": march("{status: pending}"), f"{MINUTES}/2026-09-08.md": ""}
    on_time = health_of(tmp_path, files=files, today=dt.date(2026, 6, 1))  # day 90
    assert (on_time.unanswered, Kind.ADVICE_UNANSWERED in [f.kind for f in on_time.findings]) == (0, False)
    late = health_of(tmp_path, files=files, today=dt.date(2026, 6, 2))  # day 91
    assert (late.unanswered, Kind.ADVICE_UNANSWERED in [f.kind for f in late.findings]) == (1, True)


def test_meetings_planned_more_than_a_year_ago_are_history(tmp_path: Path) -> None:
    """A plan imported with its old meetings is not a list of minutes to publish now."""
    council = COUNCIL.replace('  - {date: 2026-03-03, time: "18:00"}\n', '  - {date: 2025-06-03}\n  - {date: 2026-03-03, time: "18:00"}\n')
    assert findings(health_of(tmp_path, council)) == []
    council = council.replace("{date: 2025-06-03}", "{date: 2025-12-02}")
    assert [f[0] for f in findings(health_of(tmp_path, council))] == [Kind.MINUTES_MISSING]


def test_a_renewed_term_is_not_ending(tmp_path: Path) -> None:
    """A term that ends with a successor already elected from the next day needs no election."""
    council = COUNCIL.replace(
        "{name: Gro G, role: unit_manager, email: gro@example.org}",
        "{name: Gro G, role: unit_manager, to: 2027-01-20}\n  - {name: Per P, role: unit_manager, from: 2027-01-21}",
    )
    assert findings(health_of(tmp_path, council)) == []


def test_the_day_decides(tmp_path: Path) -> None:
    """`--today` moves every window: a term ending in June 2027 is flagged only from April 2027."""
    council = COUNCIL.replace(
        "{name: Gro G, role: unit_manager, email: gro@example.org}", "{name: Gro G, role: unit_manager, to: 2027-06-30}"
    )
    assert Kind.TERMS_ENDING not in [f.kind for f in health_of(tmp_path, council).findings]
    later = health_of(tmp_path, council, today=dt.date(2027, 5, 15))
    assert Kind.TERMS_ENDING in [f.kind for f in later.findings]


def test_an_evaluation_in_the_year_it_was_due_counts(tmp_path: Path) -> None:
    council = (
        COUNCIL.replace("type: brukerrad", "type: evaluert") + "evaluations:\n  - {date: 2026-06-16, summary: Vi evaluerte arbeidet.}\n"
    )
    health = health_of(tmp_path, council)
    assert findings(health) == []
    assert health.last_evaluation == dt.date(2026, 6, 16)
    # In May 2027 the June 2026 evaluation is still the latest one due; in July 2027 it is not.
    assert Kind.EVALUATION_MISSING not in [f.kind for f in health_of(tmp_path, council, today=dt.date(2027, 5, 20)).findings]
    assert Kind.EVALUATION_MISSING in [f.kind for f in health_of(tmp_path, council, today=dt.date(2027, 7, 20)).findings]


def test_a_new_council_is_not_judged_on_a_whole_year(tmp_path: Path) -> None:
    council = COUNCIL.replace("established: 2010-01-01", "established: 2026-08-01").replace("type: brukerrad", "type: evaluert")
    council = council.replace('  - {date: 2026-03-03, time: "18:00"}\n', "")
    health = health_of(tmp_path, council, {f"{MINUTES}/2026-03-03.md": ""})
    assert findings(health) == []
    assert health.meetings == 1


def test_historical_and_future_councils_have_no_health(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"site-config.yml": CONFIG, "councils/testheim/council.yml": COUNCIL.replace("members:\n", "dissolved: 2026-10-01\nmembers:\n")},
    )
    write_tree(tmp_path, {"councils/nytt/council.yml": COUNCIL.replace("established: 2010-01-01", "established: 2027-01-01")})
    project = load_project(tmp_path, TODAY)
    assert assess_project(project, TODAY) == {}


def test_health_over_time_counts_meetings_and_answered_advice_per_year(tmp_path: Path) -> None:
    council = COUNCIL.replace("established: 2010-01-01", "established: 2024-05-01")
    files = {
        f"{MINUTES}/2024-10-01.md": SEPTEMBER,
        f"{MINUTES}/2025-02-04.md": march("{status: pending}"),
        f"{MINUTES}/2025-05-06.md": march("{status: not_followed, date: 2025-06-01, justification: Ingen midler.}", "4/25"),
        f"{MINUTES}/2025-10-07.md": SEPTEMBER,
    }
    health = health_of(tmp_path, council, files)
    rows = [(y.year, y.meetings, y.minimum, y.advice, y.answered, y.partial, y.meets_minimum) for y in health.years]
    assert rows == [
        (2026, 2, 2, 1, 1, True, None),
        (2025, 3, 2, 2, 1, False, True),
        (2024, 1, 2, 0, 0, True, None),  # established in May: not a whole year
    ]


def test_health_over_time_starts_with_the_first_minutes_in_raad(tmp_path: Path) -> None:
    """A council of 2010 whose minutes in raad start in September 2025: no empty years before,
    and 2025, seen only in part, is not judged against the minimum."""
    health = health_of(tmp_path, files={f"{MINUTES}/2025-09-02.md": SEPTEMBER})
    assert [(y.year, y.meetings, y.partial, y.current, y.meets_minimum) for y in health.years] == [
        (2026, 2, True, True, None),
        (2025, 1, True, False, None),
    ]


def test_health_over_time_shows_a_quiet_year_between_meetings(tmp_path: Path) -> None:
    council = COUNCIL.replace("established: 2010-01-01", "established: 2023-05-01")
    health = health_of(tmp_path, council, {f"{MINUTES}/2023-09-05.md": SEPTEMBER})
    rows = [(y.year, y.meetings, y.partial, y.meets_minimum) for y in health.years]
    assert rows == [(2026, 2, True, None), (2025, 0, False, False), (2024, 0, False, False), (2023, 1, True, None)]


# --- the example project: every status a new user should see after `make site` ----------

EXAMPLE_STATUS = {
    "eksempeldal-skole": "Alt i orden",
    "eksempelheim-helse-og-velferdssenter": "Alt i orden",
    "eksempelbakken-barnehage": "Trenger oppfølging: 2 perioder går ut innen 60 dager",
    "hjemmetjenesten-sone-eksempel-nord": "Trenger oppfølging: 2 av 5 plasser står tomme",
    "nav-eksempel": "Trenger oppfølging: 1 av 3 plasser står tom",
    "eksempelhaugen-helsehus": "Trenger oppfølging: reglene krever at lederen er en representant for pårørende",
    "eksempelveien-bo-og-dagtilbud": "Trenger oppfølging: 1 anbefaling har ikke fått svar på over 90 dager",
}


def test_the_example_shows_every_finding() -> None:
    """The showcase has healthy councils and councils with each finding, except those about a
    deputy chair (no active council of the example has a type that requires one) and more
    representatives than seats, which the crafted councils above show."""
    project = load_project(REPO, TODAY)
    health = assess_project(project, TODAY)
    labels = labels_for("nb")
    assert {slug: h.headline(labels) for slug, h in health.items()} == EXAMPLE_STATUS
    shown = {f.kind for h in health.values() for f in h.findings}
    assert shown == set(Kind) - {Kind.NO_DEPUTY_CHAIR, Kind.DEPUTY_CHAIR_NOT_ALLOWED, Kind.TOO_MANY_REPRESENTATIVES}


@pytest.mark.parametrize("slug", [*EXAMPLE_STATUS, "psykisk-helse-og-rus", "bo-og-habiliteringstjenesten"])
def test_the_example_council_pages_show_their_status_first(example_site: Path, slug: str) -> None:
    """The status comes right after the council's name, before its facts and roster, with every
    finding listed below it; a former council has none."""
    article = one(BeautifulSoup((example_site / f"rad/{slug}/index.html").read_text(encoding="utf-8"), "html.parser"), "article")
    text = " ".join(article.get_text(" ").split())
    status = EXAMPLE_STATUS.get(slug)
    if status is None:
        assert "Alt i orden" not in text
        assert "Trenger oppfølging" not in text
        return
    assert status in text
    assert text.index(status) < text.index("Enhet") < text.index("Medlemmer")
    health = assess_project(load_project(REPO, TODAY), TODAY)[slug]
    for finding in health.findings:
        assert finding.sentence(labels_for("nb")) in text
        assert finding.action(labels_for("nb")) in text
