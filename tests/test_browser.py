"""What only a browser shows: accessibility (axe-core, WCAG 2.1 AA) and the typing filters.

Runs Debian's Chromium through Playwright. `make test` installs Chromium when it runs as
root; elsewhere, without Chromium, these tests are skipped, except in CI where they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from conftest import REPO, run_build, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing; make test installs Debian's chromium when run as root")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "",
    "om-brukerrad/",
    "sektor/helse-og-velferdssentre/",
    "rad/eksempelheim-helse-og-velferdssenter/",
    "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/",
    "rad/psykisk-helse-og-rus/",
    "kontaktliste/",
    "rad/bo-og-habiliteringstjenesten/referat/2021-09-07/",
    "referater/",
    "referater/2026/",
    "vedtak/",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("browser") / "site"
    assert run_build(REPO, out).exit_code == 0
    with serving(out) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_page_meets_wcag_21_aa(page: Page, base_url: str, url: str) -> None:
    page.goto(base_url + url)
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


def test_contact_list_filters_as_you_type_and_announces_the_count(page: Page, base_url: str) -> None:
    page.goto(base_url + "kontaktliste/")
    rows = page.locator("#raad-contacts tr[data-raad-item]")
    total = rows.count()
    page.get_by_label("Skriv for å filtrere på råd, enhet eller navn").fill("kari nordmann")
    expect(page.locator("#raad-contacts tr[data-raad-item]:visible")).to_have_count(1)
    expect(page.locator("#raad-contacts tr[data-raad-item]:visible")).to_contain_text("Eksempelheim")
    status = page.locator('[data-raad-count="raad-contacts"]')
    expect(status).to_have_text(f"Viser 1 av {total}")
    assert status.get_attribute("aria-live") == "polite"
    expect(page.locator("#raad-contacts section:visible h2")).to_have_text(["Helse- og velferdssentre og helsehus"])


def test_find_your_council_ignores_accents_and_case(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_label("Skriv navnet på enheten").fill("BO- OG DAGTILBUD")
    visible = page.locator("#raad-units li:visible a")
    expect(visible).to_have_text(["Eksempelveien bo- og dagtilbud"])
    page.get_by_label("Skriv navnet på enheten").fill("skole")
    expect(visible).to_have_text(["Eksempeldal skole"])
