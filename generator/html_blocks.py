"""The docs tree's raw HTML blocks, set aside for the engine without an HTML parser.

A page raad writes is Markdown headings between blocks of finished HTML: tables, lists, the
sanitised text of minutes. Python-Markdown sets every raw HTML block aside before it reads
the Markdown (its `html_block` preprocessor) by running the standard library's pure-Python
`html.parser` over the whole page, and the engine runs that parser over the page once more
to collect the ids of raw HTML. On the large benchmark those two parses were a third of the
engine's time, and the whole difference between raad's pages and the same text written as
plain Markdown.

This Markdown extension (listed in the generated configuration's `markdown_extensions`, so
every engine that runs Python-Markdown loads it) sets the same blocks aside first: it finds
each block's end by following only its tags (a regular expression match and a stack), not
the parser's work on each (attributes unescaped, lines and columns counted), and stores the
block in the converter's HTML stash with its placeholder on a line of its own, exactly as
`html_block` would have. Both parsers then read only placeholders and the Markdown between.

It is a faster way to the same result, not a second way in: it trusts no marker and no
author, and takes a block only where it can tell for certain what `html_block` would have
done with it, so the engine writes the same bytes with or without it:

- the block starts at the start of a line with a block-level start tag, and no `<` comes
  between it and the previous block taken (so the parser is outside any tag, comment or raw
  block there);
- every `<` in it starts a plain start or end tag (attribute values in double quotes) and
  every `&` a complete character reference: no comment, no declaration, and no element
  whose content the parser reads as text (script, style) unless it is empty;
- it ends where the parser's stack of open tags empties, kept as `html_block` keeps it
  (every start tag is pushed; an end tag pops up to the nearest open tag of its name, and is
  ignored when none is open), followed by a blank line, or by a line break and the next
  such block, which `html_block` would also have set aside on its own.

At the first `<` it cannot account for, it leaves the rest of the page to `html_block`.
Contributed text reaches the docs tree only as HTML sanitised by `generator.render` (well
formed, `<` in text escaped), so it cannot end raad's block early; and were it otherwise,
the block's end would be found here by the rules `html_block` applies, so no text is read
as Markdown, or as HTML, that would not be without this module.

Links to anchors: the engine collects the ids of raw HTML only to check Markdown links to
an anchor on a page (``page.md#id``). raad writes every link in its pages as HTML
(``<a href>``), which is not checked either way, and contributed text is HTML by the time it
is in the docs tree; no check is lost. A Markdown link to an id inside a block set aside
here would be reported as a missing anchor (and fail the build), never pass unchecked.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

_SPACE = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z][a-zA-Z0-9-]*"
_TAG = re.compile(
    rf'<({_NAME})(?:{_SPACE}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*{_SPACE}*(/)?>'
    rf"|</({_NAME}){_SPACE}*>"
    r"|(<)"
)
"""A plain start tag (its name, and the slash of an empty one), a plain end tag (its name),
or a `<` that starts neither (a comment, a declaration), where this module stops."""
_BARE_AMPERSAND = re.compile(r"&(?!(?:[a-zA-Z][-.a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)")
"""An `&` that starts no complete character reference (the parser writes some back changed)."""
_BLANK_LINE = re.compile(r"[ ]*\n[ ]*\n")
"""What follows a block's last end tag for `html_block` to end the block there (its own rule)."""
_TEXT_CONTENT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
"""Elements whose content an HTML parser reads as text (or may, by Python version): taken
only when nothing but their end tag follows (an empty `<iframe ...></iframe>`). Not
`<noscript>`: its content is HTML to a parser that runs no scripts, as Python's."""
_NOT_PUSHED = frozenset({"hr"})
"""Start tags `html_block` treats as empty (its `empty_tags`)."""


class _FinishedBlocks(Preprocessor):
    """Sets aside the raw HTML blocks `html_block` would set aside, before it runs."""

    def run(self, lines: list[str]) -> list[str]:
        if type(self.md.preprocessors["html_block"]) is not HtmlBlockPreprocessor:
            return lines  # another extension (md_in_html) reads raw HTML its own way
        text = "\n".join(lines)
        parts: list[str] = []
        done = 0
        while (start := text.find("<", done)) >= 0 and (start == 0 or text[start - 1] == "\n"):
            end = self._block_end(text, start)
            if end is None:
                break
            # As `html_block` writes it: a line break before, the block (with the line break
            # after its last tag), a blank line after.
            parts += [text[done:start], "\n", self.md.htmlStash.store(text[start:end] + "\n"), "\n\n"]
            done = end
        if not parts:
            return lines
        parts.append(text[done:])
        return "".join(parts).split("\n")

    def _block_end(self, text: str, start: int) -> int | None:
        """Where the raw block (or run of blocks, one per line) starting at `start` ends:
        after the last end tag, before the blank line that follows. None where this module
        cannot be sure of what `html_block` would do."""
        stack: list[str] = []
        at = start
        for tag in _TAG.finditer(text, start):
            if not stack:
                name = self._block_name(tag, at)
                if name is None:
                    return None
                stack.append(name)
                continue
            if not _inside(stack, tag):
                return None
            if stack:
                continue
            end = tag.end()
            if _BARE_AMPERSAND.search(text, at, end):
                return None
            if _BLANK_LINE.match(text, end):
                return end
            if not text.startswith("\n<", end):
                return None  # text after the block, on its line or the next
            at = end + 1
        return None

    def _block_name(self, tag: re.Match[str], at: int) -> str | None:
        """The name of the element `tag` opens if it starts a raw block where `html_block`
        would start one: at `at`, the start of its line, a block-level start tag that it
        does not treat as empty."""
        opened, empty, _, _ = tag.groups()
        if tag.start() != at or opened is None or empty is not None:
            return None
        name = opened.lower()
        return name if name not in _NOT_PUSHED and self.md.is_block_level(name) else None


def _inside(stack: list[str], tag: re.Match[str]) -> bool:
    """Keep the stack of open tags as `html_block` keeps it (an end tag closes the nearest
    open element of its name and all opened after it; one of nothing open is ignored).
    False where this module stops: at a `<` that starts no plain tag, and inside an element
    whose content a parser may read as text at anything but its end tag."""
    opened, empty, closed, other = tag.groups()
    top = stack[-1]
    if other is not None or (top in _TEXT_CONTENT and (closed is None or closed.lower() != top)):
        return False
    if opened is not None:
        if empty is None and (name := opened.lower()) not in _NOT_PUSHED:
            stack.append(name)
        return True
    name = closed.lower()
    if name in stack:
        del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return True


class FinishedHtmlBlocks(Extension):
    """The Markdown extension: `markdown.Markdown(extensions=["generator.html_blocks"])`."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the whitespace is normalised (30) and fenced code is set aside (25); before
        # the engine's collection of ids (21) and `html_block` (20).
        md.preprocessors.register(_FinishedBlocks(md), "raad_html_blocks", 22)


def makeExtension(**kwargs: object) -> FinishedHtmlBlocks:
    """How Python-Markdown loads an extension named by its module."""
    return FinishedHtmlBlocks(**kwargs)
