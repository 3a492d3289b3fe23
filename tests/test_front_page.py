"""The front page a citizen starts from: one clear way to search, each council named once in
"find your council", and counts in correct Norwegian plural forms."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import COUNCIL, SITE_CONFIG, TODAY, attr, one, write_tree
from generator.build import assemble_site
from generator.load import load_project


def html(site: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_front_page_has_one_search_box_and_other_pages_keep_the_header_one(example_site: Path) -> None:
    front = html(example_site, ".")
    forms = front.select('form[role="search"]')
    assert len(forms) == 1
    assert forms[0].select_one('input[type="search"][name="q"]') is not None
    assert attr(forms[0], "action") == "sok/"
    assert front.select("header form") == []
    for address in ("kontaktliste", "rad/nav-eksempel", "tilgjengelighet"):
        header = one(html(example_site, address), "header")
        assert len(header.select('form[role="search"] input[name="q"]')) == 1, address


def test_find_your_council_names_each_unit_once(example_site: Path) -> None:
    items = html(example_site, ".").select("#raad-units li")
    assert len(items) == 7
    for item in items:
        unit = one(item, "a").get_text(strip=True)
        assert " ".join(item.get_text(" ").split()).count(unit) == 1, item
    detail = {one(li, "a").get_text(strip=True): one(li, ".raad-muted").get_text(strip=True) for li in items}
    assert detail["NAV Eksempel"] == "Brukerråd"
    assert detail["Eksempelheim helse- og velferdssenter"] == "Brukerråd i helse og velferd"


def council(name: str, unit: str, sector: str = "helse", dissolved: str | None = None) -> str:
    text = COUNCIL.replace("name: Brukerråd ved Testheim", f"name: {name}").replace("unit: Testheim sykehjem", f"unit: {unit}")
    text = text.replace("sector: helse", f"sector: {sector}")
    return text + (f"dissolved: {dissolved}\n" if dissolved else "")


def front_page(root: Path, councils: dict[str, str], minutes: dict[str, str] | None = None) -> dict[str, str]:
    files: dict[str, str | bytes] = {"site-config.yml": SITE_CONFIG}
    files.update({f"councils/{slug}/council.yml": text for slug, text in councils.items()})
    files.update(minutes or {})
    write_tree(root, files)
    site = assemble_site(load_project(root, TODAY), TODAY)
    return {page.url: page.markdown for page in site.pages}


def test_two_councils_of_one_unit_are_told_apart_by_their_names(tmp_path: Path) -> None:
    pages = front_page(
        tmp_path,
        {
            "testheim-beboere": council("Brukerråd for beboere ved Testheim", "Testheim sykehjem"),
            "testheim-parorende": council("Brukerråd for pårørende ved Testheim", "Testheim sykehjem"),
        },
    )
    items = BeautifulSoup(pages[""], "html.parser").select("#raad-units li")
    assert [" ".join(li.get_text(" ").split()) for li in items] == [
        "Testheim sykehjem Brukerråd for beboere ved Testheim",
        "Testheim sykehjem Brukerråd for pårørende ved Testheim",
    ]


MINUTES = "---\ntitle: Møte\n---\n\nReferat.\n"


def test_counts_use_the_right_plural_form_for_one_and_two(tmp_path: Path) -> None:
    pages = front_page(
        tmp_path,
        {
            "a": council("Brukerråd A", "Enhet A"),
            "b": council("Brukerråd B", "Enhet B", dissolved="2025-12-31"),
            "c": council("Brukerråd C", "Enhet C", sector="oppvekst"),
            "d": council("Brukerråd D", "Enhet D", sector="oppvekst"),
            "e": council("Brukerråd E", "Enhet E", sector="oppvekst", dissolved="2025-06-30"),
            "f": council("Brukerråd F", "Enhet F", sector="oppvekst", dissolved="2025-12-31"),
        },
        {
            "councils/a/minutes/2026-03-01.md": MINUTES,
            "councils/c/minutes/2026-03-01.md": MINUTES,
            "councils/c/minutes/2026-10-01.md": MINUTES.replace("Møte", "Møte 2"),
        },
    )
    sectors = [" ".join(li.get_text(" ").split()) for li in BeautifulSoup(pages[""], "html.parser").select(".raad-sectors li")]
    assert sectors == ["Helse og velferd 1 råd (1 historisk)", "Skoler og barnehager 2 råd (2 historiske)"]
    headings = {
        slug: one(BeautifulSoup(pages[f"rad/{slug}/"], "html.parser"), 'h3[id^="referater-"]').get_text(" ", strip=True) for slug in "ac"
    }
    assert headings == {"a": "2026 (1 referat)", "c": "2026 (2 referater)"}
