"""What only a browser shows: accessibility (axe-core, WCAG 2.1 AA) and the typing filters.

Runs Debian's Chromium through Playwright. `make test` installs Chromium when it runs as
root; elsewhere, without Chromium, these tests are skipped, except in CI where they fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from wordprocessor import require_tesseract

from conftest import ARTIFACTS, PRIVATE_VALUES, require_chromium, site_pages

require_chromium()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect  # noqa: E402

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BEST_PRACTICE = {"landmark-unique", "region"}
"""Two best-practice rules the law does not name but a screen-reader user meets on every page:
landmarks told apart by their names, and no content outside a landmark."""
AXE = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}}
WIDTHS = {"phone": 320, "large phone": 390, "desktop": 1280}
PAGE_KINDS = {
    "front": "",
    "content": "om-brukerrad/",
    "sector": "sektor/helse-og-velferdssentre/",
    "council": "rad/eksempelheim-helse-og-velferdssenter/",
    "historical-council": "rad/psykisk-helse-og-rus/",
    "minutes": "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/",
    "pdf-minutes": "rad/bo-og-habiliteringstjenesten/referat/2021-09-07/",
    "decision": "rad/eksempelheim-helse-og-velferdssenter/vedtak-3-26/",
    "decisions": "vedtak/",
    "archive": "referater/",
    "year-archive": "referater/2026/",
    "contacts": "kontaktliste/",
    "accessibility-statement": "tilgjengelighet/",
    "status": "status/",
    "search": "sok/?q=bemanning",
    "not-found": "404.html",
}
"""One address of each kind of page."""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now, plus the
    best-practice rules above, one line per rule with the first offending elements."""
    found = Axe().run(page, options=AXE).response["violations"]
    return [
        f"{v['id']} ({v['help']}): " + " | ".join(n["html"][:160] for n in v["nodes"][:3])
        for v in found
        if set(v["tags"]) & set(WCAG_TAGS) or v["id"] in BEST_PRACTICE
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_every_page_meets_wcag_21_aa(browser: Browser, example_site: Path, example_url: str, width: int) -> None:
    """Every page of the example, not a sample, at two phone widths and a desktop's."""
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 800})
    page = context.new_page()
    failures = {}
    for address in site_pages(example_site):
        page.goto(example_url + address)
        page.wait_for_load_state("networkidle")
        if found := violations(page):
            failures[address] = found
    context.close()
    assert not failures, "\n".join(f"{address}: {line}" for address, lines in failures.items() for line in lines)


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_of_every_page_kind(browser: Browser, example_url: str, width: int) -> None:
    """Screenshots for a person to look at, in tests/artifacts/ (not committed); the page
    must have rendered its heading for the picture to be worth looking at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 900})
    page = context.new_page()
    for kind, address in PAGE_KINDS.items():
        page.goto(example_url + address)
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1").first).to_be_visible()
        page.screenshot(path=ARTIFACTS / f"{kind}-{width}.png", full_page=True)
        assert (ARTIFACTS / f"{kind}-{width}.png").stat().st_size > 0
    context.close()


def test_contact_list_filters_as_you_type_and_announces_the_count(page: Page, example_url: str) -> None:
    page.goto(example_url + "kontaktliste/")
    expect(page.locator("#raad-contacts tr[data-raad-item]")).to_have_count(7)  # the example's active councils
    page.get_by_label("Skriv for å filtrere på råd, enhet eller navn").fill("kari nordmann")
    expect(page.locator("#raad-contacts tr[data-raad-item]:visible")).to_have_count(1)
    expect(page.locator("#raad-contacts tr[data-raad-item]:visible")).to_contain_text("Eksempelheim")
    status = page.locator('[data-raad-count="raad-contacts"]')
    expect(status).to_have_text("Viser 1 av 7")
    assert status.get_attribute("aria-live") == "polite"
    expect(page.locator("#raad-contacts section:visible h2")).to_have_text(["Helse- og velferdssentre og helsehus"])


def test_find_your_council_ignores_accents_and_case(page: Page, example_url: str) -> None:
    page.goto(example_url)
    page.get_by_label("Skriv navnet på enheten").fill("BO- OG DAGTILBUD")
    visible = page.locator("#raad-units li:visible a")
    expect(visible).to_have_text(["Eksempelveien bo- og dagtilbud"])
    page.get_by_label("Skriv navnet på enheten").fill("skole")
    expect(visible).to_have_text(["Eksempeldal skole"])


# --- search (Pagefind) ----------------------------------------------------------------------


def search(page: Page, example_url: str, query: str) -> list[dict[str, str]]:
    """Results as the search page shows them: title, link, meta line and date."""
    page.goto(example_url + "sok/?" + query)
    expect(page.locator("#raad-search-status")).not_to_have_text("")
    page.wait_for_load_state("networkidle")
    results: list[dict[str, str]] = page.eval_on_selector_all(
        "#raad-search-results li",
        "items => items.map(li => ({title: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'), meta: (li.querySelector('.raad-search-result-meta') || {}).textContent || '', date: li.getAttribute('data-date') || '', text: li.textContent}))",
    )
    return results


def test_search_finds_a_sentence_from_page_3_of_a_pdf(page: Page, example_url: str) -> None:
    results = search(page, example_url, "q=" + quote("informasjon om tjenestens kvalitetsmål"))
    assert results, "no results"
    assert results[0]["href"].endswith("/rad/bo-og-habiliteringstjenesten/referat/2021-09-07/")
    assert "kvalitetsmål" in results[0]["text"]


def test_search_finds_a_word_only_the_scanned_image_holds(page: Page, example_url: str) -> None:
    """The example's scanned minutes (tests/tools/make_example_scan.py) hold this word only
    in the image: OCR put it in the text version, and so in the index."""
    require_tesseract()
    results = search(page, example_url, "q=sansehagevandringen")
    assert results, "no results"
    assert results[0]["href"].endswith("/rad/eksempelveien-bo-og-dagtilbud/referat/2026-03-17/")
    assert "sansehagevandringen" in results[0]["text"]


def test_a_pdf_table_stacks_into_labelled_blocks_on_a_phone(page: Page, example_url: str) -> None:
    """The follow-up table of the example's word-processor PDF is a table with column headers;
    at 320 px each cell is a block named by its column, as a Markdown table's would be."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(example_url + "rad/eksempelveien-bo-og-dagtilbud/referat/2026-05-12/")
    table = page.locator(".raad-pdf-text table")
    expect(table).to_have_attribute("data-raad-stack", "")
    cell = table.locator("td", has_text="15. juni 2026")
    expect(cell).to_have_attribute("data-label", "Frist")
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_year_filter_removes_other_years(page: Page, example_url: str) -> None:
    everything = search(page, example_url, "q=referat")
    assert any(r["date"] and not r["date"].startswith("2021") for r in everything)
    filtered = search(page, example_url, "q=referat&year=2021")
    assert filtered
    assert {r["date"][:4] for r in filtered} == {"2021"}
    assert page.locator("#raad-f-year").input_value() == "2021"


def test_a_stemmed_form_finds_the_base_form(page: Page, example_url: str) -> None:
    results = search(page, example_url, "q=bemanningen")
    assert "Hva er et brukerråd?" in [r["title"] for r in results]  # that page says only "bemanning"


def test_newest_first(page: Page, example_url: str) -> None:
    dates = [r["date"] for r in search(page, example_url, "q=bemanning&sort=date") if r["date"]]
    assert len(dates) >= 3
    assert dates == sorted(dates, reverse=True)


def test_decisions_are_results_of_their_own(page: Page, example_url: str) -> None:
    results = search(page, example_url, "kind=Vedtak")
    assert len(results) == 5
    assert all(r["title"].startswith("Vedtak ") for r in results)
    assert page.locator("#raad-search-status").get_attribute("role") == "status"
    expect(page.locator("#raad-search-status")).to_have_text("5 treff")


def test_no_private_contact_value_is_found(page: Page, example_url: str) -> None:
    page.goto(example_url + "sok/")
    for value in PRIVATE_VALUES:
        contents = page.evaluate(
            """async value => {
                const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
                const search = await pagefind.search(value);
                const data = await Promise.all(search.results.map(r => r.data()));
                return data.map(d => d.content + ' ' + JSON.stringify(d.meta));
            }""",
            value,
        )
        assert not [c for c in contents if value in c or value.replace(" ", "") in c], value


def test_header_search_box_leads_to_the_search_page(page: Page, example_url: str) -> None:
    page.goto(example_url + "rad/nav-eksempel/")
    box = page.get_by_role("searchbox", name="Søk")
    box.fill("bemanning")
    box.press("Enter")
    page.wait_for_url("**/sok/?q=bemanning")
    expect(page.locator("#raad-search-status")).to_have_text(re.compile(r"^\d+ treff$"))
    assert page.locator("#raad-q").input_value() == "bemanning"


def test_search_page_with_results_meets_wcag_21_aa(page: Page, example_url: str) -> None:
    search(page, example_url, "q=bemanning")
    assert not violations(page)
