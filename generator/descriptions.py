"""The short description of a page (`<meta name="description">`): what a search engine or a
shared link shows under the title, so it reads as one or two plain sentences.

Every page builder gives a sentence from its data; a content page gives its front matter's
`description:` or its first paragraph. Here that text becomes plain text of a bounded length,
cut at a word; the template escapes it for the front matter and the engine's HTML.
"""

from __future__ import annotations

import html
import re

from generator.model import ContentPage

DESCRIPTION_LENGTH = 160
"""About what search engines show before they cut the text off themselves."""

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def plain_text(markup: str) -> str:
    """Rendered (sanitised) HTML as plain text on one line."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def first_paragraph(markup: str) -> str:
    """The text of the first non-empty paragraph of rendered HTML ("" when there is none)."""
    for match in _PARAGRAPH.finditer(markup):
        text = plain_text(match.group(1))
        if text:
            return text
    return ""


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """`text` on one line, cut at the last whole word before `limit` with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def content_description(page: ContentPage, body: str) -> str:
    """What a hand-written page says about itself: its front matter's `description:`, else
    the text of its first paragraph (of `body`, the page rendered)."""
    return page.meta.description or first_paragraph(body)
