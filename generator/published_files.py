"""Which files under content/ may be published as they are, beside the pages, and under
which names any file there (a page too) may become an address of the site.

A file under content/ that is not Markdown is copied into the site unchanged, at the site's
own address. A browser that opens an HTML page, an SVG image or an XML document there runs
its scripts as the site itself: a contributed `content/vedlegg.html` with `<script>` would
be the stored script injection that every page of raad is built to prevent. So only kinds
of file that a browser shows or downloads without running anything are published:
documents, images, audio and video. An SVG image (a logo) is XML that can hold scripts; one
is published only when it holds none of what runs or loads: no script, no event handler, no
embedded page, no link or reference to anything outside the image itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from generator.inputs import OTHER_FILE, read_input
from generator.messages import gettext as _
from generator.problems import Problem

PASSIVE_SUFFIXES = frozenset(
    {
        # documents
        "pdf", "txt", "csv", "rtf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx",
        # images (SVG is checked, see below)
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp", "tif", "tiff", "svg",
        # audio and video
        "mp3", "m4a", "ogg", "oga", "wav", "mp4", "m4v", "webm", "ogv",
        # fonts and archives
        "woff", "woff2", "ttf", "otf", "zip",
    }
)  # fmt: skip
"""File types published as they are: a browser shows or downloads them and runs nothing."""

_SVG_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
"""SVG elements that run script or embed a page (links and references are checked by address)."""
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


_UNSAFE_NAME = re.compile(r"[\\\x00-\x1f\x7f]")


def content_name_problem(relative: str) -> Problem | None:
    """Why the name of the file `relative` (``content/...``) cannot be an address of the site,
    or None. A browser reads a backslash in an address as a slash (another page than the
    file's), and a site engine has been seen to render no page at all for one; a control
    character (a tab, a line break) cannot be typed into an address or shown in a menu."""
    found = _UNSAFE_NAME.search(relative)
    if found is None:
        return None
    if found.group() == "\\":
        message = _("has a backslash in its name, which cannot be part of a web address; rename it")
    else:
        message = _(
            "has a control character (%(character)s) in its name, which cannot be part of a web address; rename it",
            character=repr(found.group()),
        )
    return Problem(relative, None, "", message)


def content_file_problem(root: Path, relative: str) -> Problem | None:
    """Why the file `relative` (``content/...``, not Markdown) may not be published, or None."""
    suffix = relative.rsplit(".", 1)[-1].lower() if "." in relative.rsplit("/", 1)[-1] else ""
    if suffix not in PASSIVE_SUFFIXES:
        return Problem(relative, None, "", _unpublished_kind(suffix))
    if suffix == "svg":
        data, refused = read_input(root, relative, OTHER_FILE)
        if data is None:
            return refused
        reason = svg_activity(data)
        if reason is not None:
            message = _("is an SVG image with %(reason)s, which would run or load in a reader's browser; remove it", reason=reason)
            return Problem(relative, None, "", message)
    return None


def _unpublished_kind(suffix: str) -> str:
    if suffix:
        return _(
            "is a .%(suffix)s file, which a browser could run as a page of the site; "
            "only PDF, office documents, text, images, audio and video are published",
            suffix=suffix,
        )
    return _(
        "is a file without a type (such as .pdf), which a browser could run as a page of the site; "
        "only PDF, office documents, text, images, audio and video are published"
    )


def svg_activity(data: bytes) -> str | None:
    """What in the SVG image `data` could run or load something, or None for a plain image."""
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return _("a document type declaration")
    if re.search(rb"<\?xml-stylesheet", data, re.IGNORECASE):
        return _("a style sheet reference")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return _("errors in its XML")
    for element in root.iter():
        name = _local(element.tag)
        if name in _SVG_ACTIVE:
            return _("a <%(element)s> element", element=name)
        for attribute, value in element.attrib.items():
            found = _attribute_activity(name, _local(attribute), value)
            if found:
                return found
        if name == "style" and _loads(element.text or ""):
            return _("a style sheet that loads something")
    return None


def _attribute_activity(element: str, attribute: str, value: str) -> str | None:
    if attribute.startswith("on"):
        return _("an event handler (%(attribute)s)", attribute=attribute)
    if attribute == "href" and not value.strip().startswith("#"):
        return _("a link or reference outside the image")
    if element in _ANIMATIONS and attribute == "attributename" and "href" in value.lower():
        return _("an animated link")
    if _loads(value):
        return _("a reference outside the image (%(attribute)s)", attribute=attribute)
    return None


def _loads(text: str) -> bool:
    """Whether CSS `text` (a style or a presentation attribute such as `fill`) loads anything
    but a part of the image itself (`url(#gradient)`)."""
    if re.search(r"@import|expression\s*\(|behavior\s*:", text, re.IGNORECASE):
        return True
    return any(not target.startswith("#") for target in _URL.findall(text))


def _local(name: str) -> str:
    """An XML name without its namespace (`{http://www.w3.org/1999/xlink}href` → `href`), lower-case."""
    return name.rsplit("}", 1)[-1].lower()
