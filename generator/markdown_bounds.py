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

Some flat shapes cost quadratic time too, and are measured per paragraph (lines between
blank lines) as the characters the renderer rescans:

* **bracket scans**: from each `[` or `](` to where it closes (or the paragraph
  ends): 4,000 unclosed `[` took 1.5 s, 40,000 would take minutes;
* **block splits**: from each heading, rule, setext underline or definition line to the
  paragraph's end, since each such line splits the paragraph and the rest is parsed again:
  8,000 `---` lines without blank lines between them took 2 s;
* **inline rewrites**: Python-Markdown copies the rest of a paragraph for every inline
  element it finds there (code, emphasis, links, entities, escapes, HTML tags, line breaks),
  so the characters that can start one, times the paragraph's length: 1 MB of `` `a `` or
  ``&amp;`` in one paragraph took minutes.

Two counts over the whole text cost quadratic time as well: code fences (each is cut out of
the whole text, 250,000 ```` ``` ```` lines took 17 s) and footnote definitions (20,000
took 14 s).
"""

from __future__ import annotations

import re

from generator.messages import gettext as _
from generator.messages import number as written_number
from generator.problems import Problem

MAX_MARKDOWN_DEPTH = 20
"""Deepest block quotes, lists and emphasis (counted together per line) in contributed
Markdown. Minutes and mandates nest lists three or four deep; 20 is far beyond any real
document and far below where rendering slows down (Python-Markdown recurses out at a few
hundred)."""

MAX_BRACKET_SCAN = 10_000_000
"""Most characters the renderer may scan for the ends of `[` and `](` in one text
(about 2 s). Closed links cost their own length; a forgotten `[` costs the rest of its
paragraph, so thousands of them would fit."""

MAX_SPLIT_SCAN = 100_000_000
"""Most characters the renderer may parse again after splitting paragraphs at headings,
rules and definitions written without blank lines around them (about 3 s). A page with
a blank line around each heading costs nothing here."""

MAX_INLINE_SCAN = 3_000_000_000
"""Most characters the renderer may copy while replacing inline elements (about 2 s at the
costliest, HTML tags): characters that can start one, times their paragraph's length. A
page of minutes costs about a million; a 100 kB paragraph with a thousand of them, 10^8."""

MAX_FENCE_SCAN = 20_000_000_000
"""Most characters the renderer may copy while cutting code fences out of one text (lines
opening with three backticks or tildes, times the text's length; about 1.5 s)."""

MAX_FOOTNOTES = 1_000
"""Most footnote definitions in one text; each costs time in proportion to all the others
(5,000 took 1.3 s, 20,000 took 14 s). A long report has a few hundred."""

MAX_HTML_DEPTH = 100
"""Deepest nesting of HTML elements in contributed Markdown. HTML pasted from a word
processor nests `div`, `span` and `font` a dozen deep; 100 keeps sanitising fast."""

_CONTAINER = re.compile(r"(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|:(?=[ \t]))[ \t]?")
_EMPHASIS = re.compile(r"[*_]+")
_BRACKET = re.compile(r"\]\(|[\[\])]")
_SPLITTING_LINE = re.compile(r"^ {0,3}(?:#|:[ \t]|(?P<rule>[-*_=])(?:[ \t]*(?P=rule)){2,}[ \t]*$|[-=]+[ \t]*$)")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")  # not an autolink: <https://x>, <ola@x.no>
_INLINE_START = re.compile(r"[`*_]+|[!<&\\\[]")  # a run of backticks or emphasis marks starts one element at most
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]\n]*\]:", re.MULTILINE)
_LINE_ENDS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Where `str.splitlines` ends a line."""
_OPENING = "[ \t>*+\\-:0-9.)]"
"""A character that can open a line's block markers (a marker, or blank space)."""
_OPENING_RUNS = [re.compile(f"{_OPENING}{{{least},}}") for least in range(MAX_MARKDOWN_DEPTH + 2)]
_LATER_OPENING_RUNS = [re.compile(f"[{_LINE_ENDS}]{_OPENING}{{{least},}}") for least in range(MAX_MARKDOWN_DEPTH + 2)]
"""By length: a run of at least that many such characters opening the text, or a later line."""
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
    """Raise `MarkdownTooDeep` at the first line of `text` that nests beyond a limit.

    Every text loaded (and rendered) passes here, so the line-by-line measures run only
    where a cheap upper bound over the whole text (`_may_nest`, `_may_be_slow`) says a
    limit could be passed; the bounds never say less than the measures, so what is refused
    and where is the same."""
    if _may_nest(text):
        _require_shallow(text)
    _require_few(text)
    if _may_be_slow(text):
        _require_fast(text)


def _may_nest(text: str) -> bool:
    """Whether some line of `text` could nest beyond `MAX_MARKDOWN_DEPTH` or `MAX_HTML_DEPTH`.

    A line's block depth is at most the length of the run of marker and blank characters
    opening it (each level takes at least one of them); its emphasis depth at most the
    most runs ever open over the whole text (blank lines, which close them, left out); and
    the HTML depth at most the number of `<`."""
    if text.count("<") > MAX_HTML_DEPTH:
        return True
    spare = MAX_MARKDOWN_DEPTH - _emphasis_bound(text)
    if spare < 0:
        return True
    return _OPENING_RUNS[spare + 1].match(text) is not None or _LATER_OPENING_RUNS[spare + 1].search(text) is not None


def _emphasis_bound(text: str) -> int:
    """The most emphasis runs open at once as `_emphasis_after` counts them, over the whole
    text as if it were one line (a line's end is a space to both)."""
    if "*" not in text and "_" not in text:
        return 0
    open_runs = deepest = 0
    for run in _EMPHASIS.finditer(text):
        start, end = run.span()
        if start > 0 and not text[start - 1].isspace():
            open_runs = max(open_runs - 1, 0)
        elif end < len(text) and not text[end].isspace():
            open_runs += 1
            deepest = max(deepest, open_runs)
    return deepest


def _may_be_slow(text: str) -> bool:
    """Whether the rescanning `_require_fast` measures could pass a limit, bounded over the
    whole text: no paragraph is longer than the text, each `[` or `](` scans at most one,
    each line splits at most one, and each inline element starts with a character that
    can start one."""
    size = len(text)
    if (2 * size + 1) * size <= min(MAX_BRACKET_SCAN, MAX_SPLIT_SCAN, MAX_INLINE_SCAN):
        return False  # each count is at most one per character: the usual page is too short to count
    brackets = text.count("[") + text.count("](")
    lines = 2 * sum(text.count(end) for end in _LINE_ENDS) + 1  # a paragraph's lines, over all paragraphs
    inlines = sum(text.count(start) for start in "`*_!<&\\[")
    return brackets * size > MAX_BRACKET_SCAN or lines * size > MAX_SPLIT_SCAN or inlines * size > MAX_INLINE_SCAN


def _require_shallow(text: str) -> None:
    """Raise `MarkdownTooDeep` at the first line nesting blocks, emphasis or HTML too deep."""
    emphasis = html = 0
    for number, line in enumerate(text.splitlines(), start=1):
        block = block_depth(line)
        emphasis, deepest_emphasis = _emphasis_after(line, emphasis if line.strip() else 0)
        if block + deepest_emphasis > MAX_MARKDOWN_DEPTH:
            deepest = block + deepest_emphasis
            raise MarkdownTooDeep(number, _too_deep(deepest, with_emphasis=deepest_emphasis > 0))
        html, deepest_html = _html_after(line, html)
        if deepest_html > MAX_HTML_DEPTH:
            raise MarkdownTooDeep(
                number,
                _("HTML elements nest %(depth)s levels deep here; at most %(most)s are allowed", depth=deepest_html, most=MAX_HTML_DEPTH),
            )


def _too_deep(depth: int, *, with_emphasis: bool) -> str:
    values = {"depth": depth, "most": MAX_MARKDOWN_DEPTH}
    if with_emphasis:
        return _("block quotes, lists and emphasis nest %(depth)s levels deep here; at most %(most)s are allowed", **values)
    return _("block quotes and lists nest %(depth)s levels deep here; at most %(most)s are allowed", **values)


def _require_fast(text: str) -> None:
    """Raise `MarkdownTooDeep` at the first paragraph where the rescanning the renderer
    would do passes a limit, counted over the whole text."""
    brackets = splits = inlines = 0
    for line, paragraph in _paragraphs(text):
        brackets += _bracket_scan(paragraph)
        if brackets > MAX_BRACKET_SCAN:
            raise MarkdownTooDeep(line, _("too many unclosed or far-reaching [ or ]( in this paragraph to render in time; close them"))
        splits += _split_scan(paragraph)
        if splits > MAX_SPLIT_SCAN:
            message = _("too many headings, rules or definitions without blank lines between them to render in time; add blank lines")
            raise MarkdownTooDeep(line, message)
        inlines += sum(1 for _ in _INLINE_START.finditer(paragraph)) * len(paragraph)
        if inlines > MAX_INLINE_SCAN:
            message = _("too many inline elements (code, emphasis, links, entities, HTML) in this paragraph to render in time")
            raise MarkdownTooDeep(line, message)


def _require_few(text: str) -> None:
    """Raise `MarkdownTooDeep` at the code fence or footnote that makes too many in `text`."""
    if "```" not in text and "~~~" not in text and "[^" not in text:
        return  # neither, and the searches below would try every line
    fences = list(_FENCE.finditer(text))
    if len(fences) * len(text) > MAX_FENCE_SCAN:
        at = fences[MAX_FENCE_SCAN // len(text)]
        raise MarkdownTooDeep(text.count("\n", 0, at.start()) + 1, _("too many code fences (``` or ~~~) to render in time"))
    for count, footnote in enumerate(_FOOTNOTE.finditer(text), start=1):
        if count > MAX_FOOTNOTES:
            line = text.count("\n", 0, footnote.start()) + 1
            most = written_number(MAX_FOOTNOTES)
            raise MarkdownTooDeep(line, _("more than %(most)s footnote definitions; at most %(most)s are allowed", most=most))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """Each run of non-blank lines with its first line's number."""
    found: list[tuple[int, str]] = []
    line, counted = 1, 0
    for match in re.finditer(r"(?:^[ \t]*\S.*(?:\n|$))+", text, flags=re.MULTILINE):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        found.append((line, match.group(0)))
    return found


def _bracket_scan(paragraph: str) -> int:
    """Characters scanned from each `[` and `](` to its end, or to the paragraph's. (A `<`
    is scanned only to the next `<` or `>`, which costs no more than the text's length.)"""
    cost = 0
    open_at: dict[str, list[int]] = {"[": [], "](": []}
    closes = {"]": "[", ")": "]("}
    for token in _BRACKET.finditer(paragraph):
        kind = token.group(0)
        if kind != "[" and open_at[closes[kind[0]]]:  # "](" closes a [ and opens a (
            cost += token.start() - open_at[closes[kind[0]]].pop()
        if kind in open_at:
            open_at[kind].append(token.start())
    return cost + sum(len(paragraph) - start for starts in open_at.values() for start in starts)


def _split_scan(paragraph: str) -> int:
    """Characters parsed again after each line that splits the paragraph."""
    cost = offset = 0
    for line in paragraph.splitlines(keepends=True):
        if _SPLITTING_LINE.match(line):
            cost += len(paragraph) - offset
        offset += len(line)
    return cost


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


def _emphasis_after(line: str, open_runs: int) -> tuple[int, int]:
    """Emphasis runs still open after `line`, and the most open within it: a run after a
    space and before text opens, one right after text closes (erring towards closing, so
    ordinary text never adds up)."""
    deepest = open_runs
    for run in _EMPHASIS.finditer(line):
        before = line[run.start() - 1] if run.start() > 0 else " "
        after = line[run.end()] if run.end() < len(line) else " "
        if not before.isspace():
            open_runs = max(open_runs - 1, 0)
        elif not after.isspace():
            open_runs += 1
            deepest = max(deepest, open_runs)
    return open_runs, deepest


def _html_after(line: str, depth: int) -> tuple[int, int]:
    """HTML elements still open after `line`, and the most open within it."""
    deepest = depth
    for tag in _TAG.finditer(line):
        if tag.group(2).lower() in _UNCOUNTED_TAGS:
            continue
        depth = max(depth - 1, 0) if tag.group(1) else depth + 1
        deepest = max(deepest, depth)
    return depth, deepest


def nesting_problem(relative: str, text: str, first_line: int = 1) -> Problem | None:
    """The first place where `text`, which starts on line `first_line` of the project file
    `relative`, nests beyond a limit, or None."""
    try:
        require_bounded(text)
    except MarkdownTooDeep as exc:
        return Problem(relative, first_line + exc.line - 1, "", exc.message)
    return None
