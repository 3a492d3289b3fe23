"""The accessibility statement the law asks of a public website (issue #11): built from
site-config.yml's `accessibility:` section, linked from every page's footer, and every page
with a description of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import COUNCIL, SITE_CONFIG, TODAY, attr, one, run_build, run_check, site_pages, write_tree
from generator.build import assemble_site
from generator.load import load_project

BASE_CONFIG = SITE_CONFIG[: SITE_CONFIG.index("accessibility:")]
"""The tests' site configuration without its accessibility section."""
STATEMENT = """\
accessibility:
  status: partial
  tested: 2026-05-04
  method: Testet med axe-core og tastatur.
  contact_email: uu@testby.example.org
  contact_url: https://testby.example.org/tilbakemelding/
  complaint_url: https://tilsyn.example.org/meld-fra/
  registered_url: https://uustatus.example.org/erklaringer/testby/
  deviations:
    - criterion: 1.4.3
      description: Grå tekst i bunnteksten har for lav kontrast.
      reason: Rettes i neste versjon av malen.
"""
STATEMENT_URL = "tilgjengelighet/"


def statement_markdown(root: Path, config: str) -> str:
    """The statement page's Markdown for a project whose site-config.yml is `config`."""
    write_tree(root, {"site-config.yml": config, "councils/testheim/council.yml": COUNCIL})
    project = load_project(root, TODAY)
    site = assemble_site(project, TODAY)
    return next(page.markdown for page in site.pages if page.url == STATEMENT_URL)


def test_the_statement_shows_every_element_the_authority_asks_for(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", {"site-config.yml": BASE_CONFIG + STATEMENT, "councils/testheim/council.yml": COUNCIL})
    result = run_build(project, tmp_path / "site")
    assert result.exit_code == 0, result.output
    page = BeautifulSoup((tmp_path / "site" / STATEMENT_URL / "index.html").read_text(encoding="utf-8"), "html.parser")
    main = one(page, "article")
    text = " ".join(main.get_text(" ").split())
    assert one(main, "h1").get_text(strip=True) == "Tilgjengelighetserklæring"
    # The standard, under the regulations that make it law.
    assert "WCAG 2.1 på nivå A og AA" in text
    assert "forskrift om universell utforming av IKT-løsninger" in text
    assert "Testby kommune er ansvarlig for dette nettstedet" in text
    # The status, and the day of the test from the data, not the day of the build.
    assert one(main, ".raad-accessibility-status").get_text(strip=True) == "Nettstedet er delvis i samsvar med kravene til universell utforming av IKT."
    tested = one(main, ".raad-accessibility-tested").get_text(" ", strip=True)
    assert tested == "Nettstedet ble sist testet 4. mai 2026. Testet med axe-core og tastatur."
    assert "24. november 2026" not in text
    # The deviation with its success criterion and its reason.
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in main.select("tbody tr")]
    assert rows == [["1.4.3", "Grå tekst i bunnteksten har for lav kontrast.", "Rettes i neste versjon av malen."]]
    # Where to give feedback, and where to complain.
    hrefs = [attr(a, "href") for a in main.select("a")]
    assert "mailto:uu@testby.example.org" in hrefs
    assert "https://testby.example.org/tilbakemelding/" in hrefs
    complaint = one(main, 'a[href="https://tilsyn.example.org/meld-fra/"]')
    assert "Tilsynet for universell utforming av IKT" in complaint.get_text()
    tribunal = one(main, 'a[href="https://www.diskrimineringsnemnda.no/"]')  # the default
    assert tribunal.get_text(strip=True) == "Klag til Diskrimineringsnemnda"
    assert "bryter reglene om universell utforming" in text
    assert "https://uustatus.example.org/erklaringer/testby/" in hrefs
    assert one(main, "table caption").get_text(strip=True) == "Kjente brudd på kravene"
    description = attr(one(page, 'meta[name="description"]'), "content")
    assert description.startswith("Nettstedet er delvis i samsvar")


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        ("full", "Nettstedet er i samsvar med kravene til universell utforming av IKT."),
        ("none", "Nettstedet er ikke i samsvar med kravene til universell utforming av IKT."),
    ],
)
def test_the_status_says_how_far_the_site_complies(tmp_path: Path, status: str, sentence: str) -> None:
    config = BASE_CONFIG + f"accessibility: {{status: {status}, tested: 2026-05-04, contact_email: uu@testby.example.org}}\n"
    markdown = statement_markdown(tmp_path, config)
    assert f'<p class="raad-accessibility-status">{sentence}</p>' in markdown
    assert "Vi kjenner ikke til brudd på kravene." in markdown


def test_without_the_section_the_statement_still_exists_and_check_warns(tmp_path: Path) -> None:
    config = BASE_CONFIG.replace("language: nb\n", "language: nb\nfunction_addresses: [postmottak@testby.example.org]\n")
    markdown = statement_markdown(tmp_path, config)
    assert "Nettstedet er delvis i samsvar" in markdown
    assert "Det er ikke oppgitt når nettstedet sist ble testet." in markdown
    assert '<a href="mailto:postmottak@testby.example.org">' in markdown  # the municipality's own address
    assert '<a href="https://www.uutilsynet.no/">' in markdown
    result = run_check(tmp_path)
    assert result.exit_code == 0, result.output
    assert result.problems == [
        "site-config.yml: warning: accessibility: no accessibility: section; the accessibility statement shows no test date "
        "and no contact for feedback"
    ]
    assert run_check(tmp_path, "--strict").exit_code == 1


def test_a_statement_without_test_date_or_contact_is_warned_about_at_its_line(project: Path) -> None:
    write_tree(project, {"site-config.yml": BASE_CONFIG + "accessibility:\n  status: partial\n"})
    line = (BASE_CONFIG + "accessibility:").count("\n") + 1
    assert run_check(project).problems == [
        f"site-config.yml:{line}: warning: accessibility.contact_email: the accessibility statement names no contact for feedback "
        "(contact_email or contact_url)",
        f"site-config.yml:{line}: warning: accessibility.tested: the accessibility statement does not say when the site was tested",
    ]


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("contact_email", "postmottak at testby", "accessibility.contact_email"),
        ("contact_url", "javascript:alert(1)", "accessibility.contact_url"),
        ("complaint_url", "uutilsynet.no", "accessibility.complaint_url"),
        ("deviations", "[{criterion: '1.4', description: Kontrast, reason: Ukjent}]", "accessibility.deviations[0].criterion"),
        ("tested", "24.11.2026", "accessibility.tested"),
        ("status", "mostly", "accessibility.status"),
    ],
)
def test_a_wrong_value_in_the_section_is_an_error_at_its_line(project: Path, field: str, value: str, path: str) -> None:
    section = f"accessibility:\n  tested: 2026-05-04\n  contact_email: uu@testby.example.org\n  {field}: {value}\n".replace(
        f"  {field}: 2026-05-04\n", ""
    ).replace(f"  {field}: uu@testby.example.org\n", "")
    write_tree(project, {"site-config.yml": BASE_CONFIG + section})
    line = BASE_CONFIG.count("\n") + section.splitlines().index(f"  {field}: {value}") + 1
    result = run_check(project)
    assert result.exit_code == 1
    assert [p for p in result.problems if "accessibility" in p] == [p for p in result.problems if p.startswith(f"site-config.yml:{line}: {path}: ")]
    assert any(p.startswith(f"site-config.yml:{line}: {path}: ") for p in result.problems), result.output


def test_a_success_criterion_is_asked_for_by_its_number(project: Path) -> None:
    section = "accessibility:\n  deviations: [{criterion: '1.4', description: Kontrast, reason: Ukjent}]\n"
    write_tree(project, {"site-config.yml": BASE_CONFIG + section})
    line = BASE_CONFIG.count("\n") + 2
    assert run_check(project).problems == [
        f"site-config.yml:{line}: accessibility.deviations[0].criterion: expected a WCAG success criterion by its number, "
        "such as 1.4.3 but got '1.4'"
    ]


def test_every_page_links_to_the_statement_and_has_a_description(example_site: Path) -> None:
    """Served from anywhere: each footer link is relative, and from each page it leads to the
    statement. (The engine's 404 page is served at any missing address, so its links are
    made from the site's address instead.)"""
    base = "https://example.org/brukerrad/"
    pages = site_pages(example_site)
    assert STATEMENT_URL in pages
    for address in pages:
        html = (example_site / (address + "index.html" if address == "" or address.endswith("/") else address)).read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        links = page.select("footer .raad-footer-links a")
        assert len(links) == 1, address
        href = attr(links[0], "href")
        assert urljoin(base + address, href) == base + STATEMENT_URL, (address, href)
        if address != "404.html":
            assert not href.startswith(("/", "http:", "https:")), (address, href)
        assert links[0].get_text(strip=True) == "Tilgjengelighetserklæring"
        descriptions = page.select('meta[name="description"]')
        assert len(descriptions) == 1, address
        assert attr(descriptions[0], "content").strip(), address


def test_descriptions_say_what_each_page_is_about(example_site: Path) -> None:
    def description(address: str) -> str:
        page = BeautifulSoup((example_site / address / "index.html").read_text(encoding="utf-8"), "html.parser")
        return attr(one(page, 'meta[name="description"]'), "content")

    assert description("rad/nav-eksempel") == (
        "Brukerråd ved NAV Eksempel. Enhet: NAV Eksempel. Sektor: Byomfattende tjenester, helse- og velferdskontor og NAV-kontor."
    )
    assert description("rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15") == (
        "Referat fra møtet i Brukerråd ved Eksempelheim helse- og velferdssenter 15. september 2026."
    )
    assert description("sektor/hjemmetjenester") == "Brukerråd i sonene for hjemmetjenester."
    front = description(".")
    assert front.startswith("Brukerrådene er kommunens formelle organ for brukermedvirkning.")
    assert len(front) <= 160
    assert front.endswith("…")
    assert description("om-brukerrad").startswith("Et brukerråd er kommunens formelle organ")


def test_a_content_page_may_describe_itself(tmp_path: Path) -> None:
    page = "---\ntitle: Om\ndescription: 'Om rådene i Testby: <b>hvem</b> & hvorfor'\n---\n\n# Om\n\nFørste avsnitt.\n"
    write_tree(tmp_path, {"site-config.yml": SITE_CONFIG, "councils/testheim/council.yml": COUNCIL, "content/om.md": page})
    site = assemble_site(load_project(tmp_path, TODAY), TODAY)
    markdown = next(p.markdown for p in site.pages if p.url == "om/")
    # Plain text, escaped for the engine's HTML, in a YAML string.
    assert 'description: "Om rådene i Testby: &lt;b&gt;hvem&lt;/b&gt; &amp; hvorfor"\n' in markdown


def test_the_tested_day_is_never_the_build_day(tmp_path: Path) -> None:
    first = statement_markdown(tmp_path / "a", BASE_CONFIG + STATEMENT)
    write_tree(tmp_path / "b", {"site-config.yml": BASE_CONFIG + STATEMENT, "councils/testheim/council.yml": COUNCIL})
    later = assemble_site(load_project(tmp_path / "b", TODAY + dt.timedelta(days=40)), TODAY + dt.timedelta(days=40))
    assert next(p.markdown for p in later.pages if p.url == STATEMENT_URL) == first
