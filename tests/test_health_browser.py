"""Council health in a browser: the status is seen on a phone without scrolling, and the
politicians' table sorts by any column, with the mouse and with the keyboard.

Runs Debian's Chromium through Playwright, like tests/test_browser.py; skipped without it
(except in CI). Expected orders are read off the table's own cells, so the example's councils
may change; the test needs only two councils of a sector with different counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from conftest import require_chromium

require_chromium()

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402

SECTOR = "sektor/helse-og-velferdssentre/"
FINDINGS = "Punkter å følge opp"
PHONES = {"small phone": (320, 568), "large phone": (390, 844)}


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


ACTIVE = [
    "eksempeldal-skole",
    "eksempelheim-helse-og-velferdssenter",
    "eksempelbakken-barnehage",
    "hjemmetjenesten-sone-eksempel-nord",
    "nav-eksempel",
    "eksempelhaugen-helsehus",
    "eksempelveien-bo-og-dagtilbud",
]


@pytest.mark.parametrize("slug", ACTIVE)
@pytest.mark.parametrize("size", PHONES.values(), ids=PHONES.keys())
def test_the_status_is_within_the_first_screen_of_a_phone(browser: Browser, example_url: str, size: tuple[int, int], slug: str) -> None:
    """Every active council's status line is seen whole without scrolling; its findings follow
    it, listed (a reader may fold them away)."""
    width, height = size
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(example_url + f"rad/{slug}/")
    headline = page.locator(".raad-health__headline")
    expect(headline).to_contain_text(re.compile(r"^(Alt i orden|Trenger oppfølging: .+)$"))
    bounds = headline.bounding_box()
    assert bounds is not None
    assert bounds["y"] >= 0
    assert bounds["y"] + bounds["height"] <= height, f"the status ends at {bounds['y'] + bounds['height']} px of {height}"
    assert bounds["x"] >= 0
    assert bounds["x"] + bounds["width"] <= width
    findings = page.locator(".raad-health li")
    if "Trenger oppfølging" in headline.inner_text():
        expect(findings.first).to_be_visible()  # listed below, open
        page.locator(".raad-health summary").click()
        expect(findings.first).to_be_hidden()
    else:
        assert findings.count() == 0
    context.close()


def health_table(page: Page) -> Locator:
    return page.locator("table.raad-health-table")


def councils(page: Page) -> list[str]:
    return health_table(page).locator("tbody th").all_text_contents()


def column(page: Page, name: str) -> list[int]:
    return [int(text) for text in health_table(page).locator(f'tbody td[data-label="{name}"]').all_text_contents()]


def sort_state(page: Page) -> dict[str, str | None]:
    headers = health_table(page).locator("thead th")
    return {headers.nth(i).inner_text(): headers.nth(i).get_attribute("aria-sort") for i in range(headers.count())}


def test_the_sector_table_sorts_by_a_column_when_its_button_is_clicked(page: Page, example_url: str) -> None:
    page.goto(example_url + SECTOR)
    before = councils(page)
    assert len(set(column(page, FINDINGS))) > 1, "the example needs two councils of the sector with different counts"
    assert all(value is None for value in sort_state(page).values())
    # A line above the table says the headings sort it, and describes the table to screen readers.
    hint = page.locator("#" + str(health_table(page).get_attribute("aria-describedby")))
    expect(hint).to_have_text("Velg en kolonneoverskrift for å sortere tabellen etter den.")
    expect(hint).to_be_visible()
    button = health_table(page).get_by_role("button", name=FINDINGS, exact=True)
    button.click()
    assert column(page, FINDINGS) == sorted(column(page, FINDINGS))
    ascending = councils(page)
    expect(health_table(page).get_by_role("columnheader", name=FINDINGS)).to_have_attribute("aria-sort", "ascending")
    button.click()
    assert column(page, FINDINGS) == sorted(column(page, FINDINGS), reverse=True)
    descending = councils(page)
    expect(health_table(page).get_by_role("columnheader", name=FINDINGS)).to_have_attribute("aria-sort", "descending")
    assert sorted(before) == sorted(ascending) == sorted(descending)
    assert ascending != descending  # the rows moved
    assert [state for state in sort_state(page).values() if state] == ["descending"]  # one sorted column
    # Another column takes the sort over.
    health_table(page).get_by_role("button", name="Råd", exact=True).click()
    assert councils(page) == sorted(before, key=str.casefold)
    assert [name for name, state in sort_state(page).items() if state] == ["Råd"]


def test_the_sector_table_sorts_by_keyboard_on_a_phone(browser: Browser, example_url: str) -> None:
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(example_url + SECTOR)
    button = health_table(page).get_by_role("button", name=FINDINGS, exact=True)
    expect(button).to_be_visible()  # the stacked table keeps its sort buttons on screen
    button.focus()
    page.keyboard.press("Enter")
    assert column(page, FINDINGS) == sorted(column(page, FINDINGS))
    ascending = councils(page)
    page.keyboard.press("Enter")
    assert column(page, FINDINGS) == sorted(column(page, FINDINGS), reverse=True)
    assert councils(page) != ascending
    expect(health_table(page).get_by_role("columnheader", name=FINDINGS)).to_have_attribute("aria-sort", "descending")
    # Each council is still one block with its row header on top.
    first = health_table(page).locator("tbody tr").first
    assert first.evaluate("row => getComputedStyle(row).display") == "block"
    assert first.locator("th").get_attribute("role") == "rowheader"
    context.close()


def test_without_javascript_the_table_is_plain(browser: Browser, example_url: str) -> None:
    context = browser.new_context(locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + SECTOR)
    expect(health_table(page).locator("thead th").first).to_have_text("Råd")
    assert health_table(page).locator("button").count() == 0
    assert page.locator(".raad-sort-hint").count() == 0  # no promise of sorting without the script
    context.close()
