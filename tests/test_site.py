"""The built example site, read as a citizen's browser reads it: parsed HTML, the CSV, links.

Expected counts and names are read off the example's files (councils/*/council.yml), not
computed with the code under test: seven active councils, two dissolved ones."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import PRIVATE_VALUES, REPO, attr, copy_example, one, run_build, tree_bytes

ACTIVE_UNITS = [
    "Eksempelbakken barnehage",
    "Eksempeldal skole",
    "Eksempelhaugen helsehus",
    "Eksempelheim helse- og velferdssenter",
    "Eksempelveien bo- og dagtilbud",
    "Hjemmetjenesten sone Eksempel nord",
    "NAV Eksempel",
]
"""The `unit:` of every council without `dissolved:` (the other two dissolved in 2021 and 2025)."""


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article_text(soup: BeautifulSoup) -> str:
    return one(soup, "article").get_text(" ", strip=True)


def test_council_page_shows_chair_and_public_email(example_site: Path) -> None:
    soup = page(example_site, "rad/eksempelheim-helse-og-velferdssenter")
    chair_row = next(row for row in soup.select("article tr") if "Kari Nordmann" in row.get_text())
    assert "Leder" in chair_row.get_text()
    assert chair_row.select_one('a[href="mailto:kari.nordmann@example.org"]') is not None
    assert "Nils Eksempel" in chair_row.get_text(), "a representative's personal deputy stands beside them"


def test_roster_is_grouped_chair_first(example_site: Path) -> None:
    soup = page(example_site, "rad/eksempelheim-helse-og-velferdssenter")
    captions = [c.get_text(strip=True) for c in soup.select("article .raad-roster table caption")]
    assert captions == ["Ledelse", "Brukerrepresentanter", "Ansatte og andre"]
    first_name = one(soup, "article table tbody th").get_text(strip=True)
    assert first_name == "Kari Nordmann"


def test_council_page_has_meetings_minutes_update_and_edit_link(example_site: Path) -> None:
    soup = page(example_site, "rad/eksempelheim-helse-og-velferdssenter")
    text = article_text(soup)
    assert "8. desember 2026 kl. 18:00" in text
    minutes = [a.get_text(strip=True) for a in soup.select("article ul.raad-minutes a")]
    assert minutes[0] == "Møte i brukerrådet 15. september 2026"
    assert minutes[-1] == "Møte i brukerrådet 10. februar 2026"
    assert "Sist oppdatert" in text
    edit = soup.find("a", string="Foreslå en endring")
    assert edit is not None
    assert attr(edit, "href").endswith("/councils/eksempelheim-helse-og-velferdssenter/council.yml")


def test_pdf_minutes_get_a_page_with_the_download(example_site: Path) -> None:
    soup = page(example_site, "rad/bo-og-habiliteringstjenesten")
    links = [a["href"] for a in soup.select("article ul.raad-minutes a")]
    assert links == ["referat/2021-09-07/", "referat/2021-06-15/", "referat/2021-04-27/"]
    minutes = page(example_site, "rad/bo-og-habiliteringstjenesten/referat/2021-09-07")
    download = one(minutes, 'article a[type="application/pdf"]')
    assert attr(download, "href") == "../2021-09-07.pdf"
    assert download.get_text().endswith("(PDF, 3 kB, 3 sider)")
    assert (example_site / "rad/bo-og-habiliteringstjenesten/referat/2021-09-07.pdf").read_bytes() == (
        REPO / "councils/bo-og-habiliteringstjenesten/minutes/2021-09-07.pdf"
    ).read_bytes()


def test_historical_council_is_marked(example_site: Path) -> None:
    soup = page(example_site, "rad/psykisk-helse-og-rus")
    notice = soup.select_one(".raad-notice--historical")
    assert notice is not None
    assert "Historisk. Rådet er nedlagt. Det var virksomt fra 18. juni 2024 til 31. desember 2025." in notice.get_text(" ", strip=True)
    sector = page(example_site, "sektor/byomfattende-tjenester")
    historical = [a.get_text(strip=True) for a in sector.select("ul.raad-historical a")]
    assert historical == ["Brukerråd psykisk helse og rus"]
    active = [a.get_text(strip=True) for a in sector.select("article table a")]
    assert "Brukerråd psykisk helse og rus" not in active


def test_sector_counts_on_the_front_page_match_the_data(example_site: Path) -> None:
    soup = page(example_site, "")
    shown = {tag["data-raad-sector-count"]: tag.get_text(strip=True) for tag in soup.select("[data-raad-sector-count]")}
    assert shown == {
        "helse-og-velferdssentre": "2 råd",
        "hjemmetjenester": "1 råd",
        "botiltak-og-dagtilbud": "1 råd",  # Bo- og habiliteringstjenesten's committee was dissolved in 2021
        "byomfattende-tjenester": "1 råd",  # the council for mental health and substance abuse was dissolved in 2025
        "oppvekst": "2 råd",
    }


def test_front_page_explains_and_finds_councils(example_site: Path) -> None:
    soup = page(example_site, "")
    assert "formelle organ for brukermedvirkning" in article_text(soup)
    assert soup.select_one("form[role=search] input[name=q]") is not None
    units = [a.get_text(strip=True) for a in soup.select("#raad-units a")]
    assert units == ACTIVE_UNITS
    label = soup.select_one('label[for="raad-unit-filter"]')
    assert label is not None
    assert label.get_text(strip=True) == "Skriv navnet på enheten"


def test_sector_page_lists_chair_contact_and_latest_minutes(example_site: Path) -> None:
    soup = page(example_site, "sektor/helse-og-velferdssentre")
    row = next(r for r in soup.select("article tbody tr") if "Eksempelheim" in r.get_text())
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
    assert cells[2] == "Kari Nordmann"
    assert "kari.nordmann@example.org" in [a.get_text() for a in row.find_all("td")[2].find_all("a")]  # <wbr> adds no text
    assert cells[5] == "15. september 2026"
    meetings = soup.select("ul.raad-contact-meetings li")
    assert "18. mars 2026" in meetings[0].get_text()
    assert meetings[0].find("a", string="Referat") is not None


def test_contact_list_page_and_csv_agree(example_site: Path) -> None:
    soup = page(example_site, "kontaktliste")
    row = next(r for r in soup.select("#raad-contacts tr[data-raad-item]") if "Eksempelheim helse" in r.get_text())
    assert "Kari Nordmann" in row.get_text()
    assert "kari.nordmann@example.org" in row.get_text()
    csv_link = soup.find("a", href=lambda h: h and h.endswith(".csv"))
    assert csv_link is not None
    data = (example_site / "kontaktliste" / attr(csv_link, "href")).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(row["unit"] for row in rows) == ACTIVE_UNITS
    assert len(soup.select("#raad-contacts tr[data-raad-item]")) == len(ACTIVE_UNITS)
    heim = next(r for r in rows if r["unit"] == "Eksempelheim helse- og velferdssenter")
    assert heim["chair"] == "Kari Nordmann"
    assert heim["chair_email"] == "kari.nordmann@example.org"
    assert heim["url"] == "https://example.org/brukerrad/rad/eksempelheim-helse-og-velferdssenter/"
    assert soup.select_one("input[data-raad-filter]") is not None


def test_private_contact_details_appear_nowhere(example_site: Path) -> None:
    public_seen = False
    for path in example_site.rglob("*"):
        if not path.is_file():
            continue
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        text = data.decode("utf-8", errors="ignore")
        public_seen |= "kari.nordmann@example.org" in text
        leaked = [value for value in PRIVATE_VALUES if value in text or value.replace(" ", "") in text]
        assert not leaked, f"{leaked} leaked into {path}"
    assert public_seen, "the scan reads the pages: the chair's public address is found"


LOADING_RELS = {"stylesheet", "preload", "preconnect", "icon", "modulepreload"}
"""The `<link rel>` values that make a browser fetch the linked URL."""


def test_site_loads_nothing_from_other_hosts(example_site: Path) -> None:
    for path in example_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, name in (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href")):
            for element in soup.find_all(tag):
                url = element.get(name) or ""
                assert isinstance(url, str), f"{path}: {tag} has several {name} values"
                if tag == "link" and not set(element.get_attribute_list("rel")) & LOADING_RELS:
                    continue
                assert not url.startswith(("http:", "https:", "//")), f"{path}: {tag} loads {url}"
    for path in example_site.rglob("*.css"):
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")


def test_html_lang_is_the_site_language(example_site: Path) -> None:
    assert attr(one(page(example_site, ""), "html"), "lang") == "nb"


def test_example_banner_is_shown(example_site: Path) -> None:
    banner = page(example_site, "rad/nav-eksempel").select_one(".raad-banner")
    assert banner is not None
    assert "eksempelnettsted" in banner.get_text()


def test_content_pages_link_to_each_other(example_site: Path) -> None:
    soup = page(example_site, "")
    link = soup.find("a", string="retningslinjene for brukerråd")
    assert link is not None
    assert attr(link, "href") == "retningslinjer/"
    assert (example_site / "retningslinjer" / "index.html").is_file()


def test_a_second_build_says_where_the_site_is_and_is_identical(tmp_path: Path, example_site: Path) -> None:
    """Byte for byte, from other site and docs tree folders, the search index included:
    Pagefind alone writes its filter and metadata files in a varying order (Pagefind issue
    #638), and with it their names and the entry file that points at them."""
    again = tmp_path / "again"
    result = run_build(REPO, again, build_dir=tmp_path / "build")
    assert result.exit_code == 0, result.output
    assert f"into {again}" in result.output
    first, second = tree_bytes(example_site), tree_bytes(again)
    assert sorted(second) == sorted(first)
    assert [path for path in first if second[path] != first[path]] == []
    assert any(path.startswith("pagefind/filter/") for path in first), "the comparison covers Pagefind's filter files"


def _old_site(example_site: Path, out: Path) -> dict[str, bytes]:
    """A published site at `out` (a copy of the shared example), and its bytes."""
    shutil.copytree(example_site, out)
    return tree_bytes(out)


def test_broken_council_file_fails_and_keeps_the_old_site(tmp_path: Path, example_site: Path) -> None:
    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    before = _old_site(example_site, out)
    council = project / "councils/nav-eksempel/council.yml"
    council.write_text(council.read_text(encoding="utf-8").replace("role: chair", "role: leader", 1), encoding="utf-8")
    result = run_build(project, out)
    assert result.exit_code == 1
    assert result.lines[0].startswith("councils/nav-eksempel/council.yml:14: members[0].role: expected one of chair,")
    assert result.lines[-1] == f"Build failed; {out} is unchanged."
    assert tree_bytes(out) == before


def test_engine_failure_keeps_the_old_site(tmp_path: Path, example_site: Path) -> None:
    project = copy_example(tmp_path / "project")
    out = tmp_path / "site"
    before = _old_site(example_site, out)
    (project / "theme" / "main.html").write_text('{% extends "base.html" %}{% block content %}{{ undefined_call() }}{% endblock %}')
    result = run_build(project, out)
    assert result.exit_code == 1
    assert result.lines[0] == "theme: engine: ERROR: UndefinedError: 'undefined_call' is undefined"
    assert tree_bytes(out) == before
