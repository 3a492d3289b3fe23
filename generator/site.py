"""The whole site in memory: which pages exist, where they live, and what each one shows.

Page builders (`generator.pages`) turn a `SiteContext` into `Page`s of finished Markdown;
nothing here or there reads or writes a file (loading happened before, writing happens in
`docs_tree`). URLs are site-relative with a trailing slash (``rad/x/``) and every link is
made relative to the page it is on, so the site works under any sub-path.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from generator.descriptions import shorten
from generator.health import CouncilHealth
from generator.i18n import format_day, translations
from generator.labels import Labels, labels_for
from generator.markdown_cache import MarkdownCache
from generator.model import (
    CONFIG_FILE,
    ContentPage,
    Council,
    Decision,
    Language,
    Meeting,
    Membership,
    Minutes,
    Project,
    Role,
    Sector,
    SiteConfig,
)
from generator.pdftext import PdfText
from generator.render import LinkResolver, environment, relative_url, render_text

TEMPLATES = Path(__file__).parent / "templates"
HOME_URL = ""
CONTACTS_URL = "kontaktliste/"
CONTACTS_CSV = "kontaktliste/brukerrad-kontakter.csv"
SEARCH_URL = "sok/"
ACCESSIBILITY_URL = "tilgjengelighet/"
"""The accessibility statement, linked from every page's footer."""
STATUS_URL = "status/"
"""The health of every active council, sector by sector, and what is measured."""
SEARCH_BUNDLE = "pagefind/"
"""Where the search index lives in the built site (written after the engine ran)."""
FOLLOW_URL = "folg/"
"""Every feed and calendar of the site, and how to subscribe to them."""
OPEN_DATA_URL = "apne-data/"
"""The documentation of the open data: every file and field, the licence, the version policy."""
DATA_URL = "data/v1/"
"""The open data files: a stable, versioned path (a new major version gets a new folder)."""
EMBED_URL = "embed/"
"""Fragments and framed pages for the municipality's main website (no site chrome)."""
EMBED_GUIDE_URL = "innbygging/"
"""How the web team puts the contact list on the main website: the snippets and a preview."""
EMBED_STYLESHEET = f"{EMBED_URL}raad-embed.css"
"""The embeds' own small stylesheet, every rule scoped to `.raad-embed`."""
ROBOTS_FILE = "robots.txt"
"""Where crawlers find the sitemap (at the site's root; see `generator.exports.robots`)."""
FEED_FILE = "referater.xml"
"""The Atom feed of new minutes, beside the page of its scope (site, sector or council)."""
CALENDAR_FILE = "moter.ics"
"""The iCalendar file of planned meetings, beside the page of its scope."""


@dataclass
class Page:
    """One page of the docs tree: its URL, its finished Markdown, and the project file a
    user would edit to change it (named when the engine warns about the page)."""

    url: str
    title: str
    markdown: str
    source: str = CONFIG_FILE
    description: str = ""
    """What the page's `<meta name="description">` says (plain text)."""
    key: str | None = None
    """The key of everything the page shows (`generator.page_memo`), for a page that has one."""
    kept: str | None = None
    """For a page not rendered again: the hash of its Markdown, which the docs tree already
    holds (`markdown` is then empty)."""

    @property
    def docs_path(self) -> str:
        return f"{self.url}index.md"


@dataclass
class Asset:
    """A file published as it is (a minutes PDF, the CSV export), from disk or from memory."""

    url: str
    source: Path | None = None
    data: bytes | None = None
    key: str | None = None
    """The key of what the file holds (`generator.page_memo`), for a file that has one."""
    kept: str | None = None
    """For a file not made again: the hash of the bytes the docs tree already holds."""

    @property
    def content(self) -> bytes | Path:
        """The bytes, or the file to copy them from."""
        if self.data is not None:
            return self.data
        if self.source is None:
            raise ValueError(f"asset {self.url} has neither data nor a source file")
        return self.source


@dataclass
class NavItem:
    title: str
    url: str | None = None
    children: list[NavItem] = field(default_factory=list)


@dataclass
class Site:
    """The whole site in memory, ready to be written as a docs tree."""

    config: SiteConfig
    pages: list[Page]
    assets: list[Asset]
    nav: list[NavItem]
    theme_values: dict[str, Any] = field(default_factory=dict)
    """What raad's theme overrides show besides the pages (the example banner, the header
    search), in the site's language."""
    description: str = ""
    """The description of the one page the engine makes itself, the page for a missing address
    (404.html): what that page says. Every other page has its own."""

    def source_of(self, docs_path: str | None) -> str:
        """The project file behind the docs page `docs_path` (``rad/x/index.md``)."""
        page = next((p for p in self.pages if p.docs_path == docs_path), None) if docs_path else None
        return page.source if page else CONFIG_FILE


def absolute_url(config: SiteConfig, url: str) -> str:
    """A site-relative URL as a full address under the site's public address (sub-path
    included), for what is read away from the site: feeds, calendars, data, embeds."""
    return config.site_url.rstrip("/") + "/" + url


def council_url(council: Council) -> str:
    return f"rad/{council.slug}/"


def sector_url(sector: Sector) -> str:
    return f"sektor/{sector.id}/"


Scope = Council | Sector | None
"""What a feed or calendar covers: one council, one sector, or (None) every council."""


def scope_url(scope: Scope) -> str:
    """The page of a scope: the council's, the sector's, or the front page."""
    if isinstance(scope, Council):
        return council_url(scope)
    return sector_url(scope) if isinstance(scope, Sector) else HOME_URL


def feed_url(scope: Scope) -> str:
    """`rad/x/referater.xml`, `sektor/y/referater.xml`, or `referater.xml` for the whole site."""
    return scope_url(scope) + FEED_FILE


def calendar_url(scope: Scope) -> str:
    """`rad/x/moter.ics`, `sektor/y/moter.ics`, or `moter.ics` for the whole site."""
    return scope_url(scope) + CALENDAR_FILE


def embed_fragment_url(sector: Sector | None) -> str:
    """The contact list as an HTML fragment: `embed/kontaktliste.html` for every council,
    `embed/sektor/y/kontaktliste.html` for one sector."""
    return f"{EMBED_URL}{sector_url(sector) if sector else ''}kontaktliste.html"


def embed_frame_url(sector: Sector | None) -> str:
    """The same list as a page of its own, for an `<iframe>`: `embed/kontaktliste/`."""
    return f"{EMBED_URL}{sector_url(sector) if sector else ''}kontaktliste/"


def minutes_url(council: Council, minutes: Minutes) -> str:
    """The page of a minutes document (for a PDF: its text version and download link)."""
    return f"rad/{council.slug}/referat/{minutes.slug}/"


def minutes_pdf_url(council: Council, minutes: Minutes) -> str:
    return f"rad/{council.slug}/referat/{minutes.slug}.pdf"


ARCHIVE_URL = "referater/"
DECISIONS_URL = "vedtak/"


DECISION_SLUG_LENGTH = 40
"""Longest readable part of a decision's address; a case number is far shorter, and a file
name (the page's folder) may not exceed 255 bytes."""


def decision_anchor(decision_id: str) -> str:
    """The id of a decision's row on its minutes page: `3/26` → `vedtak-3-26`.

    An id too long for an address keeps its first words and gets a short hash of the whole
    id, so that two long ids that start alike still get two pages."""
    slug = re.sub(r"-+", "-", "".join(ch if ch.isalnum() else "-" for ch in decision_id.lower())).strip("-")
    if len(slug) > DECISION_SLUG_LENGTH or not slug:
        digest = hashlib.sha256(decision_id.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[:DECISION_SLUG_LENGTH].rstrip('-')}-{digest}".lstrip("-")
    return f"vedtak-{slug}"


def decision_url(council: Council, decision_id: str) -> str:
    """A decision's own page, so it can be linked to and found as a search result."""
    return f"rad/{council.slug}/{decision_anchor(decision_id)}/"


def archive_year_url(year: int) -> str:
    return f"{ARCHIVE_URL}{year}/"


def content_url(path: str) -> str:
    """`om-brukerrad.md` → `om-brukerrad/`; `index.md` is the front page."""
    if path == "index.md":
        return HOME_URL
    stem = path.removesuffix(".md")
    return f"{stem.removesuffix('/index')}/" if stem.endswith("/index") else f"{stem}/"


PAGE_SIZE = 50
"""Items per page of a long list (an archive year, decisions awaiting follow-up): a large
municipality has thousands, and a page must not grow with them."""


def paged_url(url: str, number: int) -> str:
    """`vedtak/` for page 1, `vedtak/2/` for page 2."""
    return url if number == 1 else f"{url}{number}/"


def chunks(items: list[Any], size: int = PAGE_SIZE) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


@dataclass
class DecisionRow:
    """An advisory decision with the meeting and council it belongs to."""

    council: Council
    minutes: Minutes
    decision: Decision


@dataclass
class SiteContext:
    """What every page builder may use: the project, the day of the build, and helpers."""

    project: Project
    config: SiteConfig
    today: dt.date
    pdf_texts: dict[str, PdfText] = field(default_factory=dict)  # by minutes path
    council_health: dict[str, CouncilHealth] = field(default_factory=dict)
    """Each active council's health on `today`, by slug: assessed once per build, so the
    council, sector, front and status pages show the same figures."""
    pdf_keys: dict[str, str] = field(default_factory=dict)
    """The key of each minutes PDF's text in the PDF cache, by path: a page showing the text
    changes with it (`generator.page_memo`)."""
    markdown_cache: MarkdownCache | None = None
    """Converted Markdown kept across builds, when the build has a cache folder."""
    site_key: str = ""
    """What every page depends on (`generator.page_memo.site_key`), set when the site is assembled."""
    keys: dict[str, str] = field(default_factory=dict)
    """Keys many pages share (a council's, a document's, the whole project's), made once per
    build (`generator.page_memo`)."""

    def published(self, council: Council) -> list[Minutes]:
        """The council's minutes a reader may see, newest first: drafts only if configured."""
        return council.published_minutes(self.config.publish_drafts)

    def decisions(self, council: Council) -> list[DecisionRow]:
        """The council's decision log: every published decision, newest meeting first."""
        return [DecisionRow(council, m, d) for m in self.published(council) for d in m.meta.decisions]

    def all_published(self) -> list[tuple[Council, Minutes]]:
        """Every published minutes document with its council, newest first."""
        found = [(c, m) for c in self.project.councils for m in self.published(c)]
        return sorted(found, key=lambda pair: (pair[1].date, pair[0].slug, pair[1].slug), reverse=True)

    @property
    def language(self) -> Language:
        return self.config.language

    @property
    def labels(self) -> Labels:
        """The site's labels in its language: `ctx.labels.gettext("Contact list")`."""
        return labels_for(self.language)

    def day(self, value: dt.date) -> str:
        return format_day(self.language, value)

    def sectors(self) -> list[Sector]:
        return sorted(self.config.sectors, key=lambda s: (s.order, s.name))

    def councils_in(self, sector: Sector) -> list[Council]:
        return sorted((c for c in self.project.councils if c.sector == sector.id), key=lambda c: c.name.casefold())

    def active(self, councils: list[Council]) -> list[Council]:
        return [c for c in councils if not c.is_historical(self.today)]

    def historical(self, councils: list[Council]) -> list[Council]:
        return [c for c in councils if c.is_historical(self.today)]

    def health(self, council: Council) -> CouncilHealth | None:
        """The council's health; None for a former council (or one not yet established)."""
        return self.council_health.get(council.slug)

    def healths(self, councils: list[Council]) -> list[CouncilHealth]:
        """The health of those of `councils` that have one, in their order."""
        return [h for h in map(self.health, councils) if h is not None]

    def sector_of(self, council: Council) -> Sector:
        return next(s for s in self.config.sectors if s.id == council.sector)

    def council_type_label(self, council: Council) -> str:
        rules = self.config.council_types.get(council.type)
        return rules.label if rules else council.type

    def chairs(self, council: Council) -> list[Membership]:
        on = self.roster_day(council)
        return [m for m in council.members if m.role is Role.CHAIR and m.is_active(on)]

    def roster_day(self, council: Council) -> dt.date:
        """The day whose roster a page shows: today, or the last day of a historical council."""
        return council.dissolved if council.is_historical(self.today) and council.dissolved else self.today

    def minutes_title(self, minutes: Minutes) -> str:
        """A minutes document's title as every list and page shows it: its own, or its date's."""
        return minutes.meta.title or self.labels.gettext("Minutes of the meeting on %(date)s", date=self.day(minutes.date))

    def council_status(self, council: Council) -> str:
        """"Active" or "Former", as the search filters and notices say it."""
        return self.labels.council_status(council.is_historical(self.today))

    def next_meeting(self, council: Council) -> Meeting | None:
        """The next meeting that will be held: a cancelled one is not "next"."""
        return next((m for m in council.upcoming_meetings(self.today) if not m.cancelled), None)

    def content_resolver(self, source: str) -> LinkResolver:
        """Resolve links in a content page (path relative to content/) to page URLs."""
        known = {page.path for page in self.project.pages}
        base = source.rsplit("/", 1)[0] + "/" if "/" in source else ""
        here = content_url(source)

        def resolve(target: str) -> str | None:
            joined = posixpath.normpath(base + target)
            if joined not in known:
                return None
            return relative_url(here, content_url(joined))

        return resolve

    def render_content(self, page: ContentPage, base_level: int = 1) -> Markup:
        return render_text(page.body, base_level=base_level, resolve=self.content_resolver(page.path), cache=self.markdown_cache)


def page_environment(ctx: SiteContext, url: str) -> dict[str, Any]:
    """Template globals for the page at `url`: labels, dates and links relative to it."""
    return {
        "labels": ctx.labels,
        "day": ctx.day,
        "link": lambda target: relative_url(url, target),
        "ctx": ctx,
        "minutes_title": ctx.minutes_title,
        "council_url": council_url,
        "sector_url": sector_url,
        "minutes_url": minutes_url,
        "minutes_pdf_url": minutes_pdf_url,
        "archive_year_url": archive_year_url,
        "anchor": decision_anchor,
        "decision_url": decision_url,
        "follow_url": FOLLOW_URL,
    }


@functools.cache
def _environment(language: Language) -> Environment:
    """One Jinja2 environment per language, with that language's catalogue installed."""
    return environment(TEMPLATES, translations(language))


def render_template(ctx: SiteContext, template: str, **values: Any) -> str:
    """Render a template that is not a page of the site (an embed), with the site's labels."""
    return _environment(ctx.language).get_template(template).render(labels=ctx.labels, day=ctx.day, **values)


def render_page(
    ctx: SiteContext, template: str, url: str, title: str, source: str = CONFIG_FILE, *, description: str, **values: Any
) -> Page:
    """Render one generated page's Markdown from its template; `source` is the project file
    it comes from (site-config.yml for pages made from many files), `description` a sentence
    about the page from its data (shortened here), for its `<meta name="description">`."""
    summary = shorten(description) or title
    environment = page_environment(ctx, url)
    markdown = _environment(ctx.language).get_template(template).render(title=title, url=url, description=summary, **environment, **values)
    return Page(url=url, title=title, markdown=markdown, source=source, description=summary)
