"""The one path from contributed text to a page, and the Jinja2 environment of generated pages.

Anything a council or a content editor wrote (mandates, minutes, content pages) becomes HTML
here and nowhere else: Markdown is rendered, relative links to other Markdown files are
resolved to the pages they became, and the result is sanitised with nh3 (the Ammonia
sanitiser; bleach is deprecated). Raw `<script>` in a mandate once ran live in a
published page; here it is removed before the engine ever sees it.

Generated pages are Jinja2 templates with autoescaping on, so a member's name can never
become markup either.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.markdown_bounds import require_bounded
from generator.markdown_cache import MarkdownCache
from generator.pdf_debris import formula_runs
from generator.pdf_model import Block, BlockKind

URL_SCHEMES = {"http", "https", "mailto", "tel"}
"""The only schemes a link or image in contributed text may use."""
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
"""The scheme of an address (`https:`, `javascript:`); an address without one is relative."""

_TAGS = set(nh3.ALLOWED_TAGS) - {"center", "map", "area", "acronym", "strike", "tt"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "style"},
    "td": {"colspan", "rowspan", "style"},
    "ol": {"start"},
    "time": {"datetime"},
    "abbr": set(),
}
_EXTENSIONS = ["tables", "sane_lists", "toc", "def_list", "footnotes", "fenced_code"]
"""Fenced code (```` ```yaml ````) lets a page show a file's lines as they are, as the staff guide
does; without it a fence became one line of inline code."""

LinkResolver = Callable[[str], str | None]


def safe_url(url: str | None) -> str | None:
    """`url` if it uses an allowed scheme (or is relative), else None."""
    if not url:
        return None
    match = _SCHEME.match(url.strip())
    if match and match.group(1).lower() not in URL_SCHEMES:
        return None
    return url.strip()


@functools.lru_cache(maxsize=8)
def _markdown(base_level: int) -> markdown.Markdown:
    """One converter per heading level, reset between documents: building a converter
    costs more than converting a page of minutes."""
    return markdown.Markdown(extensions=_EXTENSIONS, extension_configs={"toc": {"baselevel": base_level}})


def converter_fingerprint() -> str:
    """What decides how Markdown converts, besides the text: Python-Markdown's version and
    raad's extensions with their settings (for `generator.markdown_cache`). The settings are
    this module's: its own text stands for them, so that no change to them is missed by a
    cache that outlives raad's version."""
    own = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    return f"markdown-{markdown.__version__}-{own}"


def render_text(text: str, *, base_level: int = 1, resolve: LinkResolver | None = None, cache: MarkdownCache | None = None) -> Markup:
    """Contributed Markdown to sanitised HTML.

    `base_level` shifts headings (2 makes `#` an `<h2>`), so a mandate nests under the
    page's own headings. `resolve` maps a relative link to a Markdown file
    (``retningslinjer.md#valg``) to the URL of the page it became, or None to drop the link
    target (a link to a file the site does not have). With a `cache`, a text converted by an
    earlier build (or page) is not converted again; links and sanitising apply either way.
    """
    require_bounded(text)  # a last guard: loading already refused deeper text, naming its file and line
    html = cache.converted(text, base_level, functools.partial(_convert, base_level)) if cache else _convert(base_level, text)
    if resolve is not None:
        html = _resolve_links(html, resolve)
    cleaned = nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_own_images,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
    return Markup(cleaned)


def _convert(base_level: int, text: str) -> str:
    return _markdown(base_level).reset().convert(text)


def _own_images(tag: str, attribute: str, value: str) -> str | None:
    """An image shows only a file of the site itself: an image from another host would be
    loaded by every reader's browser (the site loads nothing from other hosts, for
    intranets and for readers' privacy), and could track who reads which minutes."""
    source = value.strip()
    if tag == "img" and attribute == "src" and (_SCHEME.match(source) or re.match(r"[\\/]{2}", source)):
        return None
    return value


def render_blocks(blocks: list[Block], heading_level: int, page_label: Callable[[int], str], ocr_pages: Iterable[int] = ()) -> Markup:
    """Extracted PDF text as escaped HTML: headings, paragraphs, lists and tables, and a
    marker where each new page begins, so a reader can cite "page 3". Debris kept out of the
    search index (`Block.indexed`) is shown, but marked for Pagefind to skip."""
    parts: list[str] = []
    page = 0
    ocr = set(ocr_pages)
    for block in blocks:
        if block.page != page:
            page = block.page
            marker = Markup.escape(page_label(page))
            kind = " raad-page-marker--ocr" if page in ocr else ""
            parts.append(f'<p class="raad-page-marker{kind}" id="side-{page}" data-pagefind-ignore>{marker}</p>')
        html = _block_html(block, heading_level)
        parts.append(html if block.indexed else f"<div data-pagefind-ignore>{html}</div>")
    return Markup("\n".join(parts))


def _block_html(block: Block, heading_level: int) -> str:
    escape = _text_escape(block)
    if block.kind == BlockKind.HEADING:
        return f"<h{heading_level}>{escape(block.text)}</h{heading_level}>"
    if block.kind == BlockKind.LIST and block.items:
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if block.kind == BlockKind.TABLE and block.rows:
        return _table_html(block)
    return f"<p>{escape(block.text)}</p>"


def _table_html(block: Block) -> str:
    """A table as the PDF laid it out; a header row gets header cells with a scope. Like a
    Markdown table (no class), the theme's script stacks it into labelled blocks on a phone."""
    escape = _text_escape(block)
    rows = block.rows
    head = ""
    if block.header:
        head = "<thead><tr>" + "".join(f'<th scope="col">{escape(cell)}</th>' for cell in rows[0]) + "</tr></thead>"
        rows = rows[1:]
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>{head}<tbody>{body}</tbody></table>"


def _text_escape(block: Block) -> Callable[[str], str]:
    """How a block's text becomes HTML: escaped, and in an indexed block each formula that
    interrupts a sentence marked for the search index to skip (`pdf_debris.formula_runs`):
    its loose letters would otherwise match almost any word nobody wrote. (A debris block is
    skipped whole, in `render_blocks`.)"""
    return _indexed_text if block.indexed else Markup.escape


def _indexed_text(text: str) -> str:
    escape = Markup.escape
    parts: list[str] = []
    at = 0
    for start, end in formula_runs(text):
        parts += [escape(text[at:start]), f"<span data-pagefind-ignore>{escape(text[start:end])}</span>"]
        at = end
    parts.append(escape(text[at:]))
    return "".join(parts)


_HREF = re.compile(r'(<a\s[^>]*?href=")([^"]*)(")')


def _resolve_links(html: str, resolve: LinkResolver) -> str:
    def replace(match: re.Match[str]) -> str:
        href = match.group(2)
        if _SCHEME.match(href) or href.startswith(("#", "/")):
            return match.group(0)
        path, _, anchor = href.partition("#")
        if not path.endswith(".md"):
            return match.group(0)
        target = resolve(path)
        if target is None:
            return match.group(1) + "#" + match.group(3)
        return match.group(1) + target + (f"#{anchor}" if anchor else "") + match.group(3)

    return _HREF.sub(replace, html)


def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative (``rad/x/``).

    Relative links keep the site working under any sub-path and on any static host.
    """
    if to_url.startswith(("http://", "https://", "mailto:", "tel:")):
        return to_url
    start = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    target, _, anchor = to_url.partition("#")
    rel = posixpath.relpath(target or ".", start or ".")
    if (target == "" or target.endswith("/")) and rel != ".":
        rel += "/"
    if rel == ".":
        rel = "./"
    elif ":" in rel.split("/", 1)[0]:
        rel = "./" + rel  # `a:b/` would read as an address with the scheme `a`, such as javascript:
    return rel + (f"#{anchor}" if anchor else "")


def markdown_escape(text: str) -> str:
    """Escape text for a Markdown heading or inline position (after HTML escaping)."""
    return re.sub(r"([\\`*_{}\[\]()#+!|<>])", r"\\\1", text)


def markdown_line(value: object) -> Markup:
    """Plain text on one line of Markdown (a heading): escaped HTML, escaped Markdown, and
    its line breaks as spaces. A title written over several lines (a YAML `|` block) would
    otherwise end the heading and start blocks of its own (a list, a rule, code)."""
    return Markup(markdown_escape(" ".join(str(Markup.escape(value)).split())))


def environment(templates: Path, translations: gettext.NullTranslations | None = None) -> Environment:
    """The Jinja2 environment of generated pages: autoescaped, strict about undefined names,
    and with `_()`, `ngettext()` and `pgettext()` from `translations` (Jinja's newstyle
    gettext: `{{ _("Minutes from %(year)s", year=year) }}`, placeholders escaped)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The i18n extension adds this method to the environment at run time.
    env.install_gettext_translations(translations or gettext.NullTranslations(), newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = markdown_line
    env.filters["front_matter_text"] = front_matter_text
    return env


def engine_text(value: str) -> str:
    """Plain text as the site engine must be given it: escaped HTML.

    Both engines put titles, navigation entries and the site name into their pages as they
    are, without escaping (the theme templates write `{{ page.meta.title }}`), so a council
    named ``<img src=x onerror=...>`` would run as script. Escaped once here, the engine
    shows the text exactly as written."""
    return html.escape(str(value), quote=True)


def front_matter_text(value: str) -> Markup:
    """A front-matter value (a page title) for the engine: escaped HTML in a YAML string."""
    return Markup(json.dumps(engine_text(value), ensure_ascii=False))
