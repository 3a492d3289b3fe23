"""What a keyboard user meets (WCAG 2.1 AA): a visible focus ring on every control, in the
header as in the content (2.4.7, 1.4.11); a skip link first on every page, to the content's
start (2.4.1); the phone menu opened and closed by keys, and nothing hidden in the tab order
(2.1.1, 2.4.3). Runs Debian's Chromium through Playwright, as tests/test_browser.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import FIGURES, copy_example, require_chromium, run_build, serving, site_pages

require_chromium()

from playwright.sync_api import Browser, Page, ViewportSize, expect  # noqa: E402

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
COUNCIL = "rad/eksempelheim-helse-og-velferdssenter/"
CHAIR = "mailto:kari.nordmann@example.org"  # the council's chair, whose address is public

# What has focus once the page has settled (the theme's and raad's handlers have run, what
# slides has arrived): whether a sighted keyboard user can see it, and its focus ring, with
# the backgrounds just outside that ring. The theme's palette switch is a hidden radio button
# whose label shows it and its focus.
FOCUS = """async () => {
  await new Promise(done => requestAnimationFrame(done));
  const moving = document.getAnimations().filter(a => a.playState === 'running').map(a => a.finished);
  await Promise.race([Promise.allSettled(moving), new Promise(done => setTimeout(done, 2000))]);
  const focused = document.activeElement;
  if (!focused || focused === document.body) return {tag: 'body', shown: true, why: '', html: ''};
  const el = focused.matches('input.md-option') ? focused.nextElementSibling : focused;
  el.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const r = el.getBoundingClientRect();
  const tag = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  let why = '';
  if (r.width < 1 || r.height < 1) why = 'zero size';
  else if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight) why = 'off the viewport';
  // An ancestor's overflow clips only what has it in its chain of containing blocks.
  let escaped = '';
  for (let node = el; node && node.nodeType === 1 && !why; node = node.parentElement) {
    const s = getComputedStyle(node);
    const clips = node !== el && node !== document.body && node !== document.documentElement && s.overflow !== 'visible'
      && escaped !== 'fixed' && !(escaped === 'absolute' && s.position === 'static');
    if (s.visibility !== 'visible') why = 'visibility ' + s.visibility;
    else if (parseFloat(s.opacity) === 0) why = 'opacity 0 on ' + node.className;
    else if (clips) {
      const c = node.getBoundingClientRect();
      if (r.right <= c.left || r.left >= c.right || r.bottom <= c.top || r.top >= c.bottom) why = 'clipped by ' + node.className;
    }
    if (s.position === 'fixed') escaped = 'fixed';
    else if (escaped !== 'fixed' && s.position !== 'static') escaped = s.position === 'absolute' ? 'absolute' : '';
  }
  const s = getComputedStyle(el);
  const reach = (s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset)) + 1;
  const points = [[r.left - reach, (r.top + r.bottom) / 2], [r.right + reach, (r.top + r.bottom) / 2],
                  [(r.left + r.right) / 2, r.top - reach], [(r.left + r.right) / 2, r.bottom + reach]];
  const around = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight).map(([x, y]) =>
    document.elementsFromPoint(x, y).filter(n => !el.contains(n)).map(n => getComputedStyle(n).backgroundColor));
  return {tag: tag, shown: !why, why: why, html: focused.outerHTML.slice(0, 200), probe: focused.dataset.probe,
          ring: {signature: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow, unfocused: el.dataset.unfocused,
                 outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0, colour: s.outlineColor, around: around}};
}"""

# Marks every control with its number and its look when it has no focus.
PROBE = """s => document.querySelectorAll(s).forEach((el, i) => {
  el.dataset.probe = i;
  const shown = el.matches('input.md-option') ? el.nextElementSibling : el;
  const c = getComputedStyle(shown);
  shown.dataset.unfocused = c.outlineStyle + ' ' + c.outlineWidth + ' ' + c.boxShadow;
})"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


# --- colours -------------------------------------------------------------------------------


def rgba(css: str) -> tuple[float, float, float, float]:
    """A computed colour (rgb() or rgba()) as channels 0-255 and alpha 0-1."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb"), css
    assert len(numbers) in (3, 4), css
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0


def over(top: str, below: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = rgba(top)
    return r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a)


def backdrop(layers: list[str]) -> tuple[float, float, float]:
    """What shows through a stack of backgrounds, top first, on the white canvas."""
    colour = (255.0, 255.0, 255.0)
    for layer in reversed(layers):
        colour = over(layer, colour)
    return colour


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG's contrast ratio of two opaque colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper_agrees_with_wcag() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert backdrop(["rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)"]) == (127.5, 127.5, 127.5)


# --- walking by keyboard -------------------------------------------------------------------


def press(page: Page, key: str) -> dict[str, Any]:
    """Press `key` and return what then has focus; the test fails if it cannot be seen."""
    page.keyboard.press(key)
    state: dict[str, Any] = page.evaluate(FOCUS)
    assert state["shown"], f"{key} focused {state['tag']!r}, which is hidden: {state['why']}"
    return state


def tab_until(page: Page, found: Callable[[], bool], limit: int = 120) -> int:
    """Tab until `found()`; the number of presses."""
    for presses in range(1, limit + 1):
        press(page, "Tab")
        if found():
            return presses
    raise AssertionError(f"not reached in {limit} presses of Tab")


def focused(page: Page, selector: str) -> Callable[[], bool]:
    return lambda: bool(page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector))


def tab_through(page: Page) -> list[str]:
    """Tab through the whole page, from the top until focus comes back round; every element
    focused on the way, each of which must be shown."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen: list[str] = []
    for _ in range(400):
        html = press(page, "Tab")["html"]
        if not html or (seen and html == seen[0]):
            return seen
        seen.append(html)
    raise AssertionError("focus never came back round")


# --- focus rings ---------------------------------------------------------------------------

# The four pages at 1280 px; at 390 px only the header differs (the menu button) and the
# drawer is closed, so two pages suffice there.
RING_PAGES = [
    pytest.param("", DESKTOP, id="front-1280"),
    pytest.param(COUNCIL, DESKTOP, id="council-1280"),
    pytest.param("kontaktliste/", DESKTOP, id="contacts-1280"),
    pytest.param("sok/?q=bemanning", DESKTOP, id="search-1280"),
    pytest.param("", PHONE, id="front-390"),
    pytest.param(COUNCIL, PHONE, id="council-390"),
]


def ring_problems(page: Page) -> tuple[int, list[str]]:
    """Tab through the page: how many controls took focus, and each one whose rendering did not
    change or whose ring has less than 3:1 against what surrounds it."""
    page.evaluate(PROBE, 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]')
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    problems: list[str] = []
    seen: set[str] = set()
    for _ in range(400):
        state = press(page, "Tab")
        if state["tag"] == "body" or state["probe"] in seen:
            break
        seen.add(state["probe"])
        ring = state["ring"]
        if ring["signature"] == ring["unfocused"] or not ring["outlined"]:
            problems.append(f"{state['tag']}: no visible change ({ring['signature']})")
        for layers in ring["around"]:
            ground = backdrop(layers)
            ratio = contrast(over(ring["colour"], ground), ground)
            if ratio < 3:
                problems.append(f"{state['tag']}: ring {ring['colour']} on {ground} is {ratio:.2f}:1")
    return len(seen), problems


@pytest.mark.parametrize(("url", "viewport"), RING_PAGES)
def test_every_control_shows_a_contrasting_focus_ring(page: Page, example_url: str, url: str, viewport: ViewportSize) -> None:
    page.set_viewport_size(viewport)
    page.goto(example_url + url)
    if url.startswith("sok/"):
        expect(page.locator("#raad-search-results li").first).to_be_visible()
    reached, problems = ring_problems(page)
    assert reached >= 5, "too few controls reached"
    assert not problems, "\n".join(problems)


# A light palette with a white header and a dark one with a yellow header, with the theme's
# switch between them: the colours whose header text is dark, and the dark scheme.
PALETTES = """
theme:
  palette:
    - scheme: default
      primary: white
      accent: deep-orange
      toggle: {icon: material/brightness-4, name: Bytt til mørk modus}
    - scheme: slate
      primary: yellow
      accent: lime
      toggle: {icon: material/brightness-7, name: Bytt til lys modus}
"""


@pytest.fixture(scope="module")
def palette_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with PALETTES instead of the theme's default colours."""
    work = tmp_path_factory.mktemp("palettes")
    project = copy_example(work / "project")
    config = project / "site-config.yml"
    config.write_text(config.read_text(encoding="utf-8") + PALETTES, encoding="utf-8")
    result = run_build(project, work / "site")
    assert result.exit_code == 0, result.output
    with serving(work / "site") as base:
        yield base


@pytest.mark.parametrize(("viewport", "schemes"), [(DESKTOP, ("default", "slate")), (PHONE, ("default",))], ids=["1280", "390"])
def test_the_focus_ring_contrasts_in_other_palettes(page: Page, palette_url: str, viewport: ViewportSize, schemes: tuple[str, ...]) -> None:
    """At 390 px only the header differs: the white one, where the ring must be dark."""
    page.set_viewport_size(viewport)
    for scheme in schemes:
        page.goto(palette_url + COUNCIL)
        if page.evaluate("() => document.body.dataset.mdColorScheme") != scheme:
            page.locator("label.md-header__button[for^='__palette']:visible").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        reached, problems = ring_problems(page)
        assert reached >= 5, "too few controls reached"
        assert not problems, f"{scheme}:\n" + "\n".join(problems)


# --- skip link -----------------------------------------------------------------------------


SKIP_LINK = """() => {
  const link = document.activeElement, href = link.getAttribute('href') || '';
  /* A link within this page: "#id", or (on the 404 page, whose base is the site's root) this
     page's own path with "#id". */
  const url = link.href ? new URL(link.href) : null;
  const here = url && url.pathname === location.pathname && url.search === location.search && url.hash;
  const target = here ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null;
  return {text: link.textContent.trim(), href: href,
          target: !!target && target.matches('.md-content') && target.contains(document.querySelector('h1'))};
}"""
# Focus is in the content, before its first heading.
IN_CONTENT = """() => {
  const el = document.activeElement, h1 = document.querySelector('h1');
  return document.querySelector('.md-content').contains(el)
    && !!(el.compareDocumentPosition(h1) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY));
}"""


@pytest.fixture(scope="module")
def deployed_url(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example served where its site_url puts it (/brukerrad/), as the 404 page expects."""
    root = tmp_path_factory.mktemp("deployed")
    (root / "brukerrad").symlink_to(example_site, target_is_directory=True)
    with serving(root) as base:
        yield base + "brukerrad/"


def test_the_first_tab_on_every_page_reaches_a_skip_link_to_the_content(page: Page, example_site: Path, deployed_url: str) -> None:
    pages = site_pages(example_site)
    assert "404.html" in pages
    for url in pages:
        page.goto(deployed_url + url, wait_until="domcontentloaded")
        page.keyboard.press("Tab")
        link = page.evaluate(SKIP_LINK)
        assert link["text"] == "Gå til innhold", url
        assert link["target"], f"{url}: {link['href']} is not the content's container"
        page.keyboard.press("Enter")
        assert page.evaluate(IN_CONTENT), (
            f"{url}: Enter left focus on {page.evaluate('() => document.activeElement.outerHTML.slice(0, 80)')}"
        )


# --- the phone menu ------------------------------------------------------------------------

DRAWER_LINKS = ".md-sidebar--primary a[href], .md-sidebar--primary [tabindex='0']"


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example built by Zensical, whose templates share mkdocs-material's markup."""
    work = tmp_path_factory.mktemp("zensical")
    result = run_build(copy_example(work / "project"), work / "site", "--engine", "zensical")
    assert result.exit_code == 0, result.output
    with serving(work / "site") as base:
        yield base


@pytest.fixture(params=["mkdocs", "zensical"])
def engine_url(request: pytest.FixtureRequest) -> str:
    """The example as each engine builds it."""
    url: str = request.getfixturevalue("example_url" if request.param == "mkdocs" else "zensical_url")
    return url


def test_the_phone_menu_opens_and_closes_by_keyboard(page: Page, engine_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(engine_url + COUNCIL)
    menu = page.locator('.md-header label[for="__drawer"]')
    assert menu.get_attribute("role") == "button"
    expect(menu).to_have_accessible_name("Navigasjon")
    expect(menu).to_have_attribute("aria-expanded", "false")
    tab_until(page, focused(page, '.md-header label[for="__drawer"]'), limit=5)
    press(page, "Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    links = page.locator(".md-sidebar--primary .md-nav__list a[href]")
    expect(links.first).to_be_visible()
    assert page.evaluate("s => document.activeElement.matches(s)", DRAWER_LINKS), "focus did not move into the menu"
    press(page, "Tab")
    assert page.evaluate("s => document.activeElement.matches(s)", DRAWER_LINKS)
    press(page, "Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    expect(links.first).not_to_be_visible()
    press(page, " ")  # Space, as for any button
    expect(menu).to_have_attribute("aria-expanded", "true")
    press(page, "Escape")
    expect(menu).to_be_focused()


# Whether the focused element is what one sees at its centre, not something it lies under.
ON_TOP = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  const top = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
  return !!top && (el.contains(top) || top.contains(el));
}"""


@pytest.mark.parametrize("url", ["sektor/helse-og-velferdssentre/", COUNCIL])
def test_the_open_phone_menu_focuses_only_what_is_on_top(page: Page, example_url: str, url: str) -> None:
    """On a page in a section the drawer opens on that section's level, which covers the
    level above: Tab walks the open level and then leaves the drawer, which closes."""
    page.set_viewport_size(PHONE)
    page.goto(example_url + url)
    menu = page.locator('.md-header label[for="__drawer"]')
    menu.focus()
    press(page, "Enter")
    walked = []
    while page.evaluate("s => document.activeElement.matches(s)", DRAWER_LINKS):
        walked.append(page.evaluate("() => document.activeElement.textContent.trim()"))
        assert page.evaluate(ON_TOP), f"{walked[-1]!r} has focus under something else"
        press(page, "Tab")
        assert len(walked) < 40
    assert len(walked) >= 3, walked
    expect(menu).to_have_attribute("aria-expanded", "false")


# The front and council pages are walked at this width in RING_PAGES; these have other menus
# open (sections of the drawer), and with Zensical its button for the page's contents.
@pytest.mark.parametrize("url", ["referater/2026/", COUNCIL + "referat/2026-09-15/"])
def test_the_closed_phone_menu_takes_no_focus(page: Page, engine_url: str, url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(engine_url + url)
    visited = tab_through(page)
    assert len(visited) > 3, visited  # the skip link, the menu, the search and the page's own links
    in_drawer = [html for html in visited if 'class="md-nav__link' in html or "md-nav__button" in html]
    assert not in_drawer, in_drawer
    assert any('for="__drawer"' in html for html in visited), "the menu button is not in the tab order"


def test_with_zensical_the_skip_link_and_the_contents_button_work_by_keyboard(page: Page, zensical_url: str) -> None:
    """Zensical shows the theme's skip link on every page, and the page's contents on a phone
    behind a button of its own; raad's skip link replaces the one, the other works as the menu."""
    page.set_viewport_size(PHONE)
    page.goto(zensical_url + COUNCIL)
    press(page, "Tab")
    assert page.evaluate(SKIP_LINK) == {"text": "Gå til innhold", "href": "#raad-main", "target": True}
    press(page, "Enter")
    assert page.evaluate(IN_CONTENT)
    contents = page.locator("label.md-sidebar-button")
    expect(contents).to_have_accessible_name("Innholdsliste")
    tab_until(page, focused(page, "label.md-sidebar-button"))
    press(page, "Enter")
    expect(contents).to_have_attribute("aria-expanded", "true")
    assert page.evaluate("() => document.activeElement.matches('.md-sidebar--secondary a[href]')"), "focus did not move into the contents"
    press(page, "Escape")
    expect(contents).to_have_attribute("aria-expanded", "false")
    expect(contents).to_be_focused()


def test_a_table_wider_than_the_phone_scrolls_by_keyboard(page: Page, example_url: str) -> None:
    """WCAG 2.1.1: what scrolls sideways takes focus, so the arrow keys can scroll it, and says
    what it holds. raad's own tables stack on a phone; a table made wider than the screen (as a
    contributed table of long words may be) stands in for what still scrolls."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(example_url + "kontaktliste/")
    page.wait_for_load_state("load")
    scrolling = page.locator("[data-raad-scrolls]")
    expect(scrolling).to_have_count(0)  # the stacked tables fit: nothing to scroll
    page.add_style_tag(content=".md-typeset .raad-table-wrap { overflow-x: auto !important; }"
                       " .md-typeset .raad-table-wrap table.raad-stack { display: table !important; min-width: 60rem; }")
    page.set_viewport_size({"width": 321, "height": 700})  # the script looks again when the width changes
    wrappers = ".md-typeset__scrollwrap, .raad-table-wrap"
    page.wait_for_function("() => document.querySelectorAll('[data-raad-scrolls]').length > 0")
    wide: int = page.eval_on_selector_all(wrappers, "els => els.filter(el => el.scrollWidth > el.clientWidth + 1).length")
    assert wide >= 1
    expect(scrolling).to_have_count(wide)
    for index in range(wide):
        wrapper = scrolling.nth(index)
        assert wrapper.get_attribute("tabindex") == "0"
        assert wrapper.get_attribute("role") == "region"
        caption = wrapper.locator("caption").text_content()
        assert caption
        expect(wrapper).to_have_accessible_name(caption.strip())
        wrapper.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=wrapper.element_handle())


# --- from the front page to a chair, by keyboard only --------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_keyboard_only_walk_from_the_front_page_to_a_chairs_address(page: Page, example_url: str, viewport: ViewportSize) -> None:
    """Skip to the content, type the unit's name in the filter, open the council, skip again
    and Tab to the chair's address: every press lands on something a user sees."""
    page.set_viewport_size(viewport)
    page.goto(example_url)
    presses = tab_until(page, focused(page, "a.raad-skip"), limit=1)
    press(page, "Enter")
    presses += 1 + tab_until(page, focused(page, "#raad-unit-filter"))
    name = "eksempelheim"
    page.keyboard.type(name)
    presses += len(name)
    presses += tab_until(page, focused(page, f'#raad-units a[href$="{COUNCIL}"]'))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    presses += 1
    presses += tab_until(page, focused(page, "a.raad-skip"), limit=1)
    press(page, "Enter")
    presses += 1 + tab_until(page, focused(page, f'a[href="{CHAIR}"]'))
    FIGURES.append(f"keyboard walk from the front page to a chair's e-mail at {viewport['width']} px: {presses} key presses ({len(name)} of them typing)")
    assert page.url.endswith(COUNCIL)
