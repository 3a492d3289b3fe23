"""On a phone, at 200 % zoom, with a reader's own text spacing, and on paper (WCAG 2.1 AA 1.4.10
Reflow, 1.4.12 Text spacing): what the contact information looks like where it is read.

Runs Debian's Chromium through Playwright, like tests/test_browser.py; skipped without it
(except in CI). Screenshots of the phone layout go to tests/artifacts/phone-*.png.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ARTIFACTS, require_chromium, site_pages

require_chromium()

from playwright.sync_api import Browser, Page, expect  # noqa: E402

COUNCIL = "rad/eksempelheim-helse-og-velferdssenter/"
CONTACTS = "kontaktliste/"
CHAIR_EMAIL = "kari.nordmann@example.org"  # the chair of COUNCIL, published in the example
SEARCH_WITH_RESULTS = "sok/?q=bemanning"
PAGE_KINDS = [  # one of each kind of page, so a smaller example cannot silently test less
    "",  # front page
    "om-brukerrad/",  # content page
    "sektor/helse-og-velferdssentre/",
    COUNCIL,
    "rad/psykisk-helse-og-rus/",  # historical council
    "rad/eksempelheim-helse-og-velferdssenter/referat/2026-09-15/",  # minutes in Markdown
    "rad/bo-og-habiliteringstjenesten/referat/2021-09-07/",  # minutes as a PDF
    "rad/eksempelheim-helse-og-velferdssenter/vedtak-1-26/",  # decision
    "vedtak/",
    "referater/",
    "referater/2026/",
    CONTACTS,
    "status/",
    "sok/",
    "404.html",
]
TEXT_SPACING = (  # the WCAG 1.4.12 metrics, as the usual bookmarklet sets them
    "* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }"
    " p { margin-bottom: 2em !important; }"
)

# Where the page's content is cut: every table cell (or, with `text`, every element with text) of
# the content and header whose box reaches outside an ancestor that clips (overflow not visible)
# or outside the content column itself. Returns descriptions of what is cut.
CUT_CELLS = """selector => {
  const cut = [];
  for (const element of document.querySelectorAll(selector)) {
    const box = element.getBoundingClientRect();
    if (!box.width) continue;
    for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && !a.matches('.md-content__inner')) continue;
      const frame = a.getBoundingClientRect();
      if (box.right > frame.right + 1 || box.left < frame.left - 1) {
        cut.push(element.textContent.trim().slice(0, 40) + ' outside ' + a.tagName + '.' + a.className);
      }
    }
  }
  return cut;
}"""

# Elements with text in the header and content that clip (overflow hidden or clip) and whose
# content is larger than their box: text a reader does not get to see.
CLIPPED_TEXT = """() => {
  const clipped = [];
  for (const element of document.querySelectorAll('.md-header *, .md-content *, .md-nav__title')) {
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (!clips || !element.innerText || !element.innerText.trim()) continue;
    const hidden = style.clip === 'rect(0px, 0px, 0px, 0px)' || (element.clientWidth <= 1 && element.clientHeight <= 1);
    if (hidden) continue;  // visually hidden, for screen readers
    if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
      clipped.push(element.tagName + '.' + element.className + ': ' + element.innerText.trim().slice(0, 40));
    }
  }
  return clipped;
}"""

# Whether `link` is seen whole: every line box of it inside the viewport and inside every
# ancestor that clips, and its text.
SEEN_WHOLE = """link => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const boxes = Array.from(link.getClientRects());
  if (!boxes.length) problems.push('not rendered');
  for (const box of boxes) {
    if (box.left < 0 || box.right > width + 0.5) problems.push('outside the viewport: ' + box.left + '..' + box.right);
    for (let a = link.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const frame = a.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        problems.push('clipped by ' + a.tagName + '.' + a.className);
      }
      if (a.scrollWidth > a.clientWidth + 1) problems.push(a.tagName + '.' + a.className + ' scrolls sideways');
    }
  }
  return {problems: problems, text: link.textContent};
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


def at_width(page: Page, width: int) -> Page:
    page.set_viewport_size({"width": width, "height": 800})
    return page


def sideways_scroll(page: Page) -> int:
    """How many CSS pixels the page scrolls sideways (0 when it fits the window)."""
    overflow: int = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    return overflow


def test_no_page_scrolls_sideways_at_320_px(phone: Page, example_site: Path, example_url: str) -> None:
    pages = site_pages(example_site)
    assert set(PAGE_KINDS) <= set(pages)
    at_width(phone, 320)
    wide = {}
    for url in [*pages, SEARCH_WITH_RESULTS]:
        phone.goto(example_url + url)
        if url == SEARCH_WITH_RESULTS:
            expect(phone.locator("#raad-search-results li").first).to_be_visible()
        if sideways_scroll(phone) > 0:
            wide[url] = sideways_scroll(phone)
    assert not wide, f"pages that scroll sideways at 320 px (by px): {wide}"


def test_the_site_name_stays_in_the_header_at_320_px(phone: Page, example_url: str) -> None:
    at_width(phone, 320)
    phone.goto(example_url + CONTACTS)
    title = phone.locator(".md-header__topic").first
    expect(title).to_have_text("Brukerråd i Eksempel kommune")
    assert phone.evaluate(SEEN_WHOLE, title.element_handle())["problems"] == []
    # The theme cuts the name with an ellipsis in an element of its own: it must not need to.
    cut = title.locator("*").evaluate_all("all => all.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className)")
    assert cut == []
    expect(phone.get_by_role("button", name="Søk")).to_be_visible()  # the search is still there


@pytest.mark.parametrize("url", [COUNCIL, CONTACTS])
def test_the_chairs_email_is_seen_whole_on_a_phone(phone: Page, example_url: str, url: str) -> None:
    phone.goto(example_url + url)
    link = phone.locator(f'.md-content a[href="mailto:{CHAIR_EMAIL}"]').first
    seen = phone.evaluate(SEEN_WHOLE, link.element_handle())
    assert seen == {"problems": [], "text": CHAIR_EMAIL}
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=ARTIFACTS / f"phone-{'council' if url == COUNCIL else 'contacts'}.png", full_page=True)


def test_a_roster_on_a_phone_is_one_block_per_person_with_each_field_named(phone: Page, example_url: str) -> None:
    phone.goto(example_url + COUNCIL)
    chair = phone.locator(".raad-roster tbody tr").filter(has_text="Kari Nordmann")
    # One block, not a row to swipe: the fields stand under each other, each under its name.
    cells = chair.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(cells.count())]
    assert all(b is not None for b in boxes)
    tops = [b["y"] for b in boxes if b]
    assert tops == sorted(tops)
    assert len(set(tops)) == len(tops)
    labels = cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert all(name in " ".join(labels) for name in ["Rolle", "Kontakt", "Personlig vara", "Periode"])
    for text in ["Nils Eksempel", "1. september 2025–31. august 2027"]:  # personal deputy, term
        assert phone.evaluate(SEEN_WHOLE, chair.get_by_text(text).element_handle())["problems"] == []
    expect(chair.locator(f'a[href="mailto:{CHAIR_EMAIL}"]')).to_be_visible()
    # Screen readers still get a table: a name for every cell.
    assert chair.get_attribute("role") == "row"
    assert phone.locator(".raad-roster table").first.get_attribute("role") == "table"


def test_a_decisions_follow_up_is_seen_on_a_phone(phone: Page, example_url: str) -> None:
    phone.goto(example_url + COUNCIL)
    status = phone.locator("#vedtak-1-26 .raad-status")
    expect(status).to_have_text("Delvis fulgt")
    assert phone.evaluate(SEEN_WHOLE, status.element_handle())["problems"] == []


@pytest.mark.parametrize("url", [CONTACTS, "sektor/helse-og-velferdssentre/", "referater/", "vedtak/", COUNCIL])
def test_no_column_is_cut_on_a_wide_screen(browser: Browser, example_url: str, url: str) -> None:
    page = browser.new_page(locale="nb-NO", viewport={"width": 1280, "height": 800})
    page.goto(example_url + url)
    tables = page.locator(".md-content table")
    assert tables.count() > 0
    assert tables.first.evaluate("t => getComputedStyle(t).display") == "table"  # a table, not blocks
    assert page.evaluate(CUT_CELLS, ".md-content th, .md-content td") == []
    assert sideways_scroll(page) == 0
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", [COUNCIL, CONTACTS])
def test_text_spacing_clips_nothing(browser: Browser, example_url: str, url: str, width: int) -> None:
    page = browser.new_page(locale="nb-NO", viewport={"width": width, "height": 800})
    page.goto(example_url + url)
    page.add_style_tag(content=TEXT_SPACING)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content p')).letterSpacing") != "normal"
    assert page.evaluate(CLIPPED_TEXT) == []
    assert page.evaluate(CUT_CELLS, ".md-content th, .md-content td") == []
    assert sideways_scroll(page) == 0
    page.close()


def test_200_percent_zoom_loses_nothing(browser: Browser, example_url: str) -> None:
    """1280 px at 200 % is a 640 CSS px window."""
    page = browser.new_page(locale="nb-NO", viewport={"width": 640, "height": 400})
    for url in [COUNCIL, CONTACTS, "sektor/helse-og-velferdssentre/", "referater/"]:
        page.goto(example_url + url)
        assert sideways_scroll(page) == 0, url
        assert page.evaluate(CUT_CELLS, ".md-content th, .md-content td") == [], url
    page.close()


def printed(browser: Browser, url: str) -> tuple[str, str, PdfReader]:
    """The page printed on A4 as Chromium prints it: its address and the PDF's text and reader."""
    page = browser.new_page(locale="nb-NO")
    page.goto(url)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    address = page.url
    page.close()
    return address, "\n".join(p.extract_text() for p in pdf.pages), pdf


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def letters(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (CONTACTS, ["Råd", "Leder", "E-post", "Telefon", "Rådets kontakt"]),
        (COUNCIL, ["Navn", "Rolle", "Kontakt", "Personlig vara", "Periode"]),
    ],
)
def test_printed_on_a4_with_every_column_and_the_address(browser: Browser, example_url: str, url: str, headers: list[str]) -> None:
    address, text, pdf = printed(browser, example_url + url)
    width, height = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert abs(width - 595) < 2  # A4 in points
    assert abs(height - 842) < 2
    assert " ".join(headers) in words(text)  # the header row, every column of it
    assert CHAIR_EMAIL in letters(text)
    assert letters(address) in letters(text)  # where it was printed from
    for chrome in [
        "Skriv for å filtrere på råd, enhet eller navn",
        "Referatarkiv",
        "Vedtak som venter på oppfølging",
        "Brukerråd i Eksempel kommune",
    ]:
        assert chrome not in words(text), chrome  # filter box, navigation, header


def test_printed_tables_keep_every_column_inside_the_page(browser: Browser, example_url: str) -> None:
    """A4 less 15 mm margins leaves 180 mm, 680 CSS px, for the table."""
    page = browser.new_page(locale="nb-NO", viewport={"width": 680, "height": 1000})
    page.emulate_media(media="print")
    for url in [CONTACTS, COUNCIL]:
        page.goto(example_url + url)
        assert page.locator(".md-content table").first.evaluate("t => getComputedStyle(t).display") == "table"
        assert page.evaluate(CUT_CELLS, ".md-content th, .md-content td") == [], url
        assert sideways_scroll(page) == 0, url
    page.close()


def test_a_table_of_a_content_page_on_a_phone_names_each_cell_from_its_header(phone: Page, example_url: str) -> None:
    phone.goto(example_url + "retningslinjer/")
    table = phone.locator(".md-content table").first
    headers = table.locator("thead th").all_text_contents()
    assert len(headers) >= 3
    first_row = table.locator("tbody tr").first
    labels = first_row.locator("td").evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert [label.split(" / ")[0].strip('"') for label in labels] == headers  # shown above each value
    assert first_row.evaluate("row => getComputedStyle(row).display") == "block"
    assert table.get_attribute("role") == "table"
    assert sideways_scroll(phone) == 0
