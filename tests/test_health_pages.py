"""Council health as readers of the site see it: the status under a council's heading, its
activity per year, the sector's table for politicians, the front page's count and the status
page. Small projects written here, assembled in memory on the pinned day; expected figures
come from the files written (seats, members, minutes), not from the health model."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from conftest import COUNCIL, SITE_CONFIG, TODAY, attr, one, run_build, write_tree
from generator.build import assemble_site
from generator.load import load_project

MEMBERS = COUNCIL[COUNCIL.index("members:") : COUNCIL.index("meetings:")]

HEALTHY = f"""\
name: Brukerråd ved Friskheim
type: brukerrad
sector: helse
unit: Friskheim sykehjem
established: 2024-01-01
{MEMBERS}meetings:
  - {{date: 2026-03-01, time: "18:00"}}
  - {{date: 2026-06-01, time: "18:00"}}
  - {{date: 2026-12-01, time: "18:00"}}
"""
"""Three seats filled, a chair, a personal deputy each, two meetings held with minutes in the
last twelve months (the type asks for two) and the next one planned: nothing to follow up."""

UNHEALTHY = """\
name: Brukerråd ved Sykheim
type: brukerrad
sector: helse
unit: Sykheim sykehjem
established: 2020-01-01
seats: 5
members:
  - {id: a, name: Anna A, role: chair, represents: relatives, from: 2026-01-01, to: 2027-12-31}
  - {id: b, name: Bo B, role: user_representative, represents: residents, from: 2026-01-01, to: 2027-12-31}
  - {name: Dag D, role: deputy, deputy_for: a, from: 2026-01-01, to: 2027-12-31}
  - {name: Eva E, role: deputy, deputy_for: b, from: 2026-01-01, to: 2027-12-31}
meetings:
  - {date: 2026-03-01, time: "18:00"}
  - {date: 2026-12-01, time: "18:00"}
"""
"""Two of five seats filled, one meeting in the last twelve months (its minutes hold one
piece of advice the unit manager has not answered); the type asks for two meetings."""

MINUTES = "---\ntitle: Møte\n---\n\nReferat.\n"
ADVICE = """\
---
title: Møte
decisions:
  - id: "1/26"
    advice: Flere aktiviteter for beboerne.
    follow_up: {status: pending}
---

Referat.
"""


def former(name: str = "Brukerråd ved Gamleheim") -> str:
    return HEALTHY.replace("name: Brukerråd ved Friskheim", f"name: {name}") + "dissolved: 2025-06-30\n"


def assemble(root: Path, councils: dict[str, str], files: dict[str, str] | None = None) -> dict[str, BeautifulSoup]:
    """Every page of the site made from `councils` (and other files), parsed, by address."""
    tree: dict[str, str | bytes] = {"site-config.yml": SITE_CONFIG}
    tree.update({f"councils/{slug}/council.yml": text for slug, text in councils.items()})
    tree.update(files or {})
    write_tree(root, tree)
    site = assemble_site(load_project(root, TODAY), TODAY)
    return {page.url: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}


def standard(root: Path) -> dict[str, BeautifulSoup]:
    return assemble(
        root,
        {"friskheim": HEALTHY, "sykheim": UNHEALTHY, "gamleheim": former()},
        {
            "councils/friskheim/minutes/2026-03-01.md": MINUTES,
            "councils/friskheim/minutes/2026-06-01.md": MINUTES,
            "councils/sykheim/minutes/2026-03-01.md": ADVICE,
        },
    )


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def status_box(page: BeautifulSoup) -> Tag | None:
    return page.select_one(".raad-health")


def test_a_healthy_council_says_all_in_order_right_under_its_heading(tmp_path: Path) -> None:
    page = standard(tmp_path)["rad/friskheim/"]
    box = status_box(page)
    assert box is not None
    assert text(one(box, ".raad-health__headline")) == "Alt i orden"
    assert box.select("details") == []  # nothing to list
    # The first thing after the heading a reader sees: before the facts and the members.
    markdown = str(page)
    assert markdown.index("# Brukerråd ved Friskheim") < markdown.index("raad-health") < markdown.index("raad-facts")


def test_an_unhealthy_council_says_what_needs_follow_up_and_lists_each_finding(tmp_path: Path) -> None:
    page = standard(tmp_path)["rad/sykheim/"]
    box = status_box(page)
    assert box is not None
    assert text(one(box, ".raad-health__headline")) == "Trenger oppfølging: 3 av 5 plasser står tomme"
    findings = [text(li) for li in box.select("details li")]
    assert "3 av 5 plasser står tomme Rekrutter og velg brukerrepresentanter til de tomme plassene." in findings
    assert any(f.startswith("1 møte de siste 12 månedene; reglene krever minst 2") for f in findings)
    assert any(f.startswith("1 anbefaling har ikke fått svar på over 90 dager") for f in findings)
    assert text(one(box, "details summary")) == f"{len(findings)} punkter å følge opp"
    # A broken rule is set apart by weight, not by colour alone.
    seats = next(li for li in box.select("details li") if "plasser står tomme" in text(li))
    assert one(seats, "strong").get_text() == "3 av 5 plasser står tomme"
    assert "raad-health--error" in box.get_attribute_list("class")
    for name in ("Anna A", "Bo B", "Dag D", "Eva E"):
        assert name not in text(box)


def test_a_former_council_shows_no_status_and_no_activity(tmp_path: Path) -> None:
    page = standard(tmp_path)["rad/gamleheim/"]
    assert status_box(page) is None
    assert "Aktivitet over tid" not in text(page)
    assert "Trenger oppfølging" not in text(page)
    assert "Alt i orden" not in text(page)


def test_activity_over_time_has_a_row_per_year_newest_first(tmp_path: Path) -> None:
    page = standard(tmp_path)["rad/friskheim/"]
    heading = page.find(string=lambda s: s is not None and "## Aktivitet over tid" in s)
    assert heading is not None
    table = one(page, "table:not(.raad-health-table):has(th:-soup-contains('Holdte møter'))")
    assert "raad-stack" in table.get_attribute_list("class")
    rows = [[text(cell) for cell in row.select("th, td")] for row in table.select("tbody tr")]
    assert rows == [["2026 (hittil)", "2 av minst 2", "0", "0"]]  # its first minutes are from 2026
    assert [attr(td, "data-label") for td in table.select("tbody tr")[0].select("td")] == [
        "Holdte møter",
        "Gitte anbefalinger",
        "Besvarte anbefalinger",
    ]
    advice = standard(tmp_path / "again")["rad/sykheim/"]
    years = one(advice, "table:has(th:-soup-contains('Holdte møter'))").select("tbody tr")
    assert [text(cell) for cell in years[0].select("th, td")] == ["2026 (hittil)", "1 av minst 2", "1", "0"]
    assert len(years) == 1  # established in 2020, but its minutes in raad start in 2026


def health_rows(page: BeautifulSoup) -> dict[str, dict[str, str]]:
    """The health table's rows by council name: each cell's text by its column's name."""
    table = one(page, "table.raad-health-table")
    return {text(one(row, "th")): {attr(td, "data-label"): text(td) for td in row.select("td")} for row in table.select("tbody tr")}


def test_the_sector_table_gives_each_active_councils_counts(tmp_path: Path) -> None:
    page = standard(tmp_path)["sektor/helse/"]
    rows = health_rows(page)
    assert set(rows) == {"Brukerråd ved Friskheim", "Brukerråd ved Sykheim"}  # not the former one
    sick = rows["Brukerråd ved Sykheim"]
    assert sick["Status"] == "Trenger oppfølging"
    assert sick["Tomme plasser"] == "3"
    assert sick["Møter siste 12 måneder"] == "1 av minst 2"
    assert sick["Ubesvarte anbefalinger"] == "1"
    assert int(sick["Punkter å følge opp"]) >= 3
    well = rows["Brukerråd ved Friskheim"]
    assert well == {
        "Status": "Alt i orden",
        "Tomme plasser": "0",
        "Møter siste 12 måneder": "2 av minst 2",
        "Ubesvarte anbefalinger": "0",
        "Punkter å følge opp": "0",
    }
    table = one(page, "table.raad-health-table")
    assert table.has_attr("data-raad-sortable")
    assert [attr(th, "scope") for th in table.select("thead th")] == ["col"] * 6
    sick_row = next(r for r in table.select("tbody tr") if "Sykheim" in text(r))
    assert attr(one(sick_row, "th"), "scope") == "row"
    assert attr(one(sick_row, "th a"), "href") == "../../rad/sykheim/"
    sort_keys = {attr(td, "data-label"): attr(td, "data-sort") for td in sick_row.select("td")}
    assert sort_keys["Tomme plasser"] == "3"
    assert sort_keys["Ubesvarte anbefalinger"] == "1"


def test_the_front_page_counts_councils_that_need_follow_up_and_links_the_status_page(tmp_path: Path) -> None:
    pages = standard(tmp_path)
    summary = one(pages[""], ".raad-health-summary")
    assert text(summary).startswith("1 av 2 råd trenger oppfølging.")
    assert attr(one(summary, "a"), "href") == "status/"
    assert "status/" in pages


def test_the_status_page_has_every_sector_and_explains_what_is_measured(tmp_path: Path) -> None:
    councils = {"friskheim": HEALTHY, "sykheim": UNHEALTHY, "skole": HEALTHY.replace("sector: helse", "sector: oppvekst")}
    councils["skole"] = councils["skole"].replace("Friskheim", "Friskdal")
    files = {f"councils/{slug}/minutes/{day}.md": MINUTES for slug in ("friskheim", "skole") for day in ("2026-03-01", "2026-06-01")}
    status = assemble(tmp_path, councils, files)["status/"]
    assert "# Status for rådene\n" in str(status)
    assert "1 av 3 råd trenger oppfølging." in text(status)
    tables = status.select("table.raad-health-table")
    assert [text(one(t, "caption")) for t in tables] == [
        "Helse og velferd",
        "Skoler og barnehager",
    ]
    assert set(health_rows(BeautifulSoup(str(tables[1]), "html.parser"))) == {"Brukerråd ved Friskdal"}
    measured = text(one(status, "ul.raad-measured"))
    for rule in ("Plasser:", "Leder:", "Perioder:", "Vararepresentanter:", "Møter:", "Møteplan:", "60 dager", "90 dager", "Evaluering:"):
        assert rule in measured, rule


def test_two_councils_needing_follow_up_use_the_plural(tmp_path: Path) -> None:
    pages = assemble(tmp_path, {"sykheim": UNHEALTHY, "sykdal": UNHEALTHY.replace("Sykheim", "Sykdal")})
    assert text(one(pages[""], ".raad-health-summary")).startswith("2 av 2 råd trenger oppfølging.")


def test_a_council_name_with_markup_is_shown_as_text(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> Brukerråd"
    unhealthy = UNHEALTHY.replace("name: Brukerråd ved Sykheim", f'name: "{hostile}"').replace(
        "unit: Sykheim sykehjem", 'unit: "<b>Enhet</b>"'
    )
    pages = assemble(tmp_path, {"sykheim": unhealthy})
    for url in ("sektor/helse/", "status/"):
        assert pages[url].select("script") == [], url
        assert hostile in health_rows(pages[url]), url
    assert pages["rad/sykheim/"].select("script, b") == []


def test_pages_show_the_health_they_are_given(tmp_path: Path) -> None:
    """The build assesses health once and hands it to every page: given none, no page
    assesses a council on its own."""
    write_tree(tmp_path, {"site-config.yml": SITE_CONFIG, "councils/sykheim/council.yml": UNHEALTHY})
    site = assemble_site(load_project(tmp_path, TODAY), TODAY, health={})
    pages = {page.url: BeautifulSoup(page.markdown, "html.parser") for page in site.pages}
    assert status_box(pages["rad/sykheim/"]) is None
    assert pages["sektor/helse/"].select("table.raad-health-table") == []


def test_the_build_times_council_health_as_a_phase(tmp_path: Path) -> None:
    write_tree(tmp_path / "project", {"site-config.yml": SITE_CONFIG, "councils/sykheim/council.yml": UNHEALTHY})
    result = run_build(tmp_path / "project", tmp_path / "site", "--timings")
    assert result.exit_code == 0, result.output
    phase = next(line for line in result.lines if line.startswith("council health"))
    assert "1 active council, 1 needs follow-up" in phase
    html = (tmp_path / "site" / "rad" / "sykheim" / "index.html").read_text(encoding="utf-8")
    assert "Trenger oppfølging: 3 av 5 plasser står tomme" in html
