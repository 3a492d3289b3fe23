"""How deep contributed Markdown nests, measured in one linear pass before it is rendered.

Python-Markdown parses block quotes, lists and emphasis recursively, with time and memory
that grow faster than the nesting: a minutes file with a 10,000-deep indented list took
351 s and 1.3 GB and then failed with a RecursionError that named no file. Real documents
nest a few levels; so every contributed text is measured here first (minutes, mandates,
content pages, when they are loaded, with file and line), and `render_text` measures again
as a last guard.

The measure is deliberately simple and errs on the deep side:

* **block depth** of a line: each block-quote `>`, list marker (`-`, `*`, `+`, `1.`) or
  definition marker (`:`) that opens the line, plus one per 4 columns of indentation
  (Python-Markdown nests a list one level per 4 spaces or a tab);
* **emphasis depth**: `*` or `_` runs that open emphasis and are not yet closed, within
  one paragraph;
* **HTML depth**: elements opened and not yet closed, over the whole text (void elements
  and those whose end tag may be left out, such as `<p>` and `<li>`, are not counted).
"""

from __future__ import annotations

import re

from generator.problems import Problem

MAX_MARKDOWN_DEPTH = 20
"""Deepest block quotes, lists and emphasis (counted together per line) in contributed
Markdown. Minutes and mandates nest lists three or four deep; 20 is far beyond any real
document and far below where rendering slows down (Python-Markdown recurses out at a few
hundred)."""

MAX_HTML_DEPTH = 100
"""Deepest nesting of HTML elements in contributed Markdown. HTML pasted from a word
processor nests `div`, `span` and `font` a dozen deep; 100 keeps sanitising fast."""

_CONTAINER = re.compile(r"(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|:(?=[ \t]))[ \t]?")
_EMPHASIS = re.compile(r"[*_]+")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_OPTIONAL_END_TAGS = {"p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "colgroup", "option", "optgroup", "rt", "rp"}
_UNCOUNTED_TAGS = frozenset(_VOID_TAGS | _OPTIONAL_END_TAGS)


class MarkdownTooDeep(ValueError):
    """Markdown that nests beyond a limit; `line` is 1-based within the text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


def require_bounded(text: str) -> None:
    """Raise `MarkdownTooDeep` at the first line of `text` that nests beyond a limit."""
    emphasis = 0
    html = 0
    for number, line in enumerate(text.splitlines(), start=1):
        block = block_depth(line)
        emphasis = 0 if not line.strip() else _emphasis_after(line, emphasis)
        if block + emphasis > MAX_MARKDOWN_DEPTH:
            what = "block quotes, lists and emphasis" if emphasis else "block quotes and lists"
            raise MarkdownTooDeep(number, f"{what} nest {block + emphasis} levels deep here; at most {MAX_MARKDOWN_DEPTH} are allowed")
        html = _html_after(line, html)
        if html > MAX_HTML_DEPTH:
            raise MarkdownTooDeep(number, f"HTML elements nest more than {MAX_HTML_DEPTH} levels deep here")


def block_depth(line: str) -> int:
    """Block quotes and list or definition markers opening `line`, plus one level per 4
    columns of indentation before, between and after them."""
    depth = columns = position = 0
    while True:
        while position < len(line) and line[position] in " \t":
            columns += 4 - columns % 4 if line[position] == "\t" else 1
            position += 1
        marker = _CONTAINER.match(line, position)
        if marker is None:
            return depth + columns // 4
        depth += 1
        position = marker.end()


def _emphasis_after(line: str, open_runs: int) -> int:
    """Emphasis runs still open after `line`: a run after a space and before text opens,
    one right after text closes (erring towards closing, so ordinary text never adds up)."""
    for run in _EMPHASIS.finditer(line):
        before = line[run.start() - 1] if run.start() > 0 else " "
        after = line[run.end()] if run.end() < len(line) else " "
        if not before.isspace():
            open_runs = max(open_runs - 1, 0)
        elif not after.isspace():
            open_runs += 1
    return open_runs


def _html_after(line: str, depth: int) -> int:
    """HTML elements still open after `line`."""
    for tag in _TAG.finditer(line):
        if tag.group(2).lower() in _UNCOUNTED_TAGS:
            continue
        depth = max(depth - 1, 0) if tag.group(1) else depth + 1
    return depth


def nesting_problem(relative: str, text: str, first_line: int = 1) -> Problem | None:
    """The first place where `text`, which starts on line `first_line` of the project file
    `relative`, nests beyond a limit, or None."""
    try:
        require_bounded(text)
    except MarkdownTooDeep as exc:
        return Problem(relative, first_line + exc.line - 1, "", exc.message)
    return None
