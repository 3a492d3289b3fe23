"""Cleaning a PDF's text so that it reads like the document: garbage characters out, running
headers, footers and page numbers out, and line ends resolved with the document's own words.

Three steps of `generator.pdf_reading`, around the layout (`generator.pdf_layout`):

* `clean_pages` (before the layout): control characters, U+FFFD, private-use characters and
  the glyph names pypdf emits for fonts without a usable encoding (``/Bullet``, ``/g123``) are
  removed, or mapped where the name says which character it is; ligatures become letters.
* `drop_running_lines` (before the layout): lines in the top or bottom band of the page that
  repeat across pages (digits aside), and page numbers there, are no part of the text.
* `resolve_line_ends` (after the layout, which keeps each original line end as a "\\n"):
  a line end becomes a space, or joins a word the line end broke, or keeps a real hyphen.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING

from generator.pdf_model import Block, BlockKind

if TYPE_CHECKING:
    from generator.pdf_layout import PageContent, _Line

SOFT_HYPHEN = "\u00ad"
BULLET = "\u2022"

# --- characters -------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ufeff\u200b\ufffe\uffff]")
"""Control characters (C0 but for the white space below, DEL, C1), the replacement character
a broken encoding leaves, byte order marks and zero-width spaces: nothing a reader sees."""

_SPACE_LIKE = str.maketrans({"\t": " ", "\v": " ", "\f": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n"})

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
"""Private-use characters: a font's own code points (Symbol and Wingdings glyphs extract as
U+F0xx), which no other font shows as the same character."""

_LINE_START_SYMBOL = re.compile("^([ \t]*)[\ue000-\uf8ff\U000f0000-\U0010ffff]+[ \t]*", re.MULTILINE)

_LIGATURES = re.compile("[\ufb00-\ufb06]")

_GLYPH_NAME = re.compile(r"(?<![0-9])/([A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*)")
"""A glyph name as pypdf emits it when a font's encoding names a glyph it cannot map
(``/Differences [1 /Bullet /g123]`` without a ToUnicode map): the name, slash and all."""

_GENERATED_NAME = re.compile(r"(?<![0-9])(?:/(?:(?:g|G|gid|glyph|cid|index|[A-Za-z]{1,2})\d{2,}|(?:g|gid|glyph|cid|index)\d))+")
"""Names a font tool numbers its glyphs with (``g123``, ``H11001``, ``C0076``, ``cid42``):
they say nothing about the character. A run of them (``/g12/g13``) goes as one; not after a
digit, where a slash is text ("2019/AB12")."""

_UNI_NAME = re.compile(r"uni((?:[0-9A-Fa-f]{4})+)|u([0-9A-Fa-f]{4,6})")
_ADDRESS = re.compile(r"://|www\.|\.[a-z]{2,}/", re.IGNORECASE)


def clean_text(text: str) -> str:
    """`text` without control, replacement and private-use characters or glyph-name garbage,
    with ligatures as letters and a private-use symbol at a line start as a bullet (Symbol and
    Wingdings list bullets extract as U+F0B7 and the like, which the layout would not see).
    Keeps "\\n" (the line end) and a soft hyphen at a line end (a break inside a word, which
    `resolve_line_ends` joins); other soft hyphens go, like all other invisible characters."""
    text = text.replace("\r\n", "\n").translate(_SPACE_LIKE)
    text = _GLYPH_NAME.sub(_glyph_replacement, _GENERATED_NAME.sub(_unless_address, text))
    text = _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _LINE_START_SYMBOL.sub(_line_start_bullet, text)
    text = _CONTROL.sub("", _PRIVATE_USE.sub("", text))
    return re.sub(f"{SOFT_HYPHEN}+(?!\n|$)", "", text)


def clean_value(text: str) -> str:
    """A document property or form field value cleaned like the page text, on one line."""
    return " ".join(clean_text(text).replace(SOFT_HYPHEN, "").split())


def _line_start_bullet(match: re.Match[str]) -> str:
    """A symbol-font glyph that starts a line of text is the line's bullet."""
    end = match.string.find("\n", match.end())
    rest = match.string[match.end() : end if end >= 0 else None]
    has_text = any(ch.isalnum() for ch in _PRIVATE_USE.sub("", rest))
    return f"{match.group(1)}{BULLET} " if has_text else match.group(1)


def _in_address(match: re.Match[str]) -> bool:
    """Whether `match` is part of a web address or path, whose slashes are text."""
    word_start = max(match.string.rfind(" ", 0, match.start()), match.string.rfind("\n", 0, match.start())) + 1
    return bool(_ADDRESS.search(match.string[word_start : match.end()]))


def _unless_address(match: re.Match[str]) -> str:
    return match.group() if _in_address(match) else ""


def _glyph_replacement(match: re.Match[str]) -> str:
    replacement = None if _in_address(match) else glyph_character(match.group(1))
    return match.group() if replacement is None else replacement


def glyph_character(name: str) -> str | None:
    """What the glyph name `name` (without its slash) left in extracted text stands for: its
    character, or None where the slash and name are likely real text (``og/eller``, ``A/S``:
    pypdf maps the names of the Adobe glyph list itself, so an exact list name in its output
    was written, not a glyph)."""
    from pypdf._codecs import adobe_glyphs

    base, _, suffix = name.partition(".")
    if "_" in base:  # a ligature's name: f_f_i
        parts = [_named_character(part, adobe_glyphs, exact=True) for part in base.split("_")]
        return None if None in parts else "".join(p or "" for p in parts)
    return _named_character(base, adobe_glyphs, exact=bool(suffix))


def _named_character(name: str, glyphs: dict[str, str], exact: bool) -> str | None:
    """The character `name` names: by the Adobe glyph list (exact only where pypdf would not
    have looked it up, as with a suffix: ``bullet.alt``), ``uniXXXX``/``uXXXX``, or by the list
    in other letter case where the character is a symbol (``Bullet``)."""
    if exact and f"/{name}" in glyphs:
        return glyphs[f"/{name}"]
    if unicode := _UNI_NAME.fullmatch(name):
        digits = unicode.group(1) or ""
        codes = [digits[i : i + 4] for i in range(0, len(digits), 4)] or [unicode.group(2)]
        characters = [int(code, 16) for code in codes]
        return "".join(chr(c) for c in characters if c <= 0x10FFFF and not 0xD800 <= c <= 0xDFFF)
    folded = glyphs.get(f"/{name.lower()}")
    if name != name.lower() and folded and not any(ch.isalnum() for ch in folded):
        return folded
    return None


def clean_pages(pages: list[PageContent]) -> None:
    """Clean each page's lines (and its plain text) in place; lines left empty go."""
    for page in pages:
        for line in page.lines:
            line.text = clean_text(line.text).replace("\n", " ").strip(" ")
        page.lines = [line for line in page.lines if line.text.strip()]
        page.plain = clean_text(page.plain)


# --- running headers, footers and page numbers ---------------------------------------------

BAND = 0.12
"""The share of the page's height at its top and at its bottom where running headers, footers
and page numbers stand (a word processor's header sits within 2-3 cm of the edge: 7-10 % of an
A4 page; a textbook's running head a little closer)."""

_DIGITS = re.compile(r"\d+")
_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
_PAGE_NUMBER = re.compile(
    r"(?:(?:side|sida|s\.|page|p\.)\s*)?[-–—(\[]?\s*(?P<n>\d{1,4}|[ivx]{1,6})\s*[-–—)\]]?"
    r"(?:\s*(?:av|of|/|frå|fra)\s*(?P<of>\d{1,4}))?",
    re.IGNORECASE,
)
"""A line that is only a page number: "3", "- 3 -", "Side 3", "Side 3 av 12", "3/12",
"Page 3 of 12", "iv" (front matter: roman numerals up to xxxix)."""


def drop_running_lines(pages: list[PageContent]) -> None:
    """Drop running headers and footers and page numbers, in place.

    A running line stands in the top or bottom band of the page (`BAND`) and repeats, in the
    same size, on three pages or more, or on two at most two pages apart (a two-page document's
    header; a short chapter's head on its odd pages), with the same numbers in it or one that
    moves with the page ("Side 3 av 12"). A page number is a line that is only a number in a
    band, the page's own or that number plus an offset two pages agree on (a numbering that
    starts after the cover), or a lower-case roman numeral (front matter). A one-page document
    keeps all but its page number; a body line repeated on pages far apart stays, and so does
    a line beside text that stays on its baseline (a table's cell)."""
    rows = {page.number: _band_rows(page) for page in pages}
    # each line on its own, and each baseline of a band whole: "Side" and "1 av 2" are often
    # printed apart (text, then a field), a header's name and its page number too
    seen = [replace(page, lines=page.lines + [row for row, _ in rows[page.number]]) for page in pages]
    running = _running_keys(seen)
    offsets = _page_number_offsets(seen)
    for page in pages:
        parts = {id(line) for row, lines in rows[page.number] if _is_running(row, page, running, offsets) for line in lines}
        marked = [id(line) in parts or _is_running(line, page, running, offsets) for line in page.lines]
        text_at = {round(line.y) for line, mark in zip(page.lines, marked, strict=True) if not mark}
        kept = [line for line, mark in zip(page.lines, marked, strict=True) if not mark or _beside(line, text_at)]
        if page.lines and not kept:
            page.plain = ""  # the layout would fall back on it
        page.lines = kept


def _band_rows(page: PageContent) -> list[tuple[_Line, list[_Line]]]:
    """The baselines of the page's bands that hold more than one line, each as one line of
    their joined text (left to right), with the lines it joins."""
    baselines: dict[tuple[str, int], list[_Line]] = {}
    for line in page.lines:
        if band := _band(line, page):
            baselines.setdefault((band, round(line.y)), []).append(line)
    rows = []
    for lines in baselines.values():
        if len(lines) > 1:
            ordered = sorted(lines, key=lambda line: line.x)
            text = " ".join(line.text for line in ordered)
            rows.append((replace(ordered[0], text=text, size=max(line.size for line in lines)), lines))
    return rows


def _beside(line: _Line, baselines: set[int]) -> bool:
    """Whether `line` stands on a baseline with text that stays: a number there is a table's
    cell ("Antall møter 3", "For 5 Mot 2" at the foot of page 2), not the page's number, which
    stands alone or beside a running line ("2 Møtene ... 23")."""
    at = round(line.y)
    return at in baselines or at - 1 in baselines or at + 1 in baselines


def _band(line: _Line, page: PageContent) -> str | None:
    if page.height <= 0:
        return None
    y = line.y - page.bottom
    if y >= page.height * (1 - BAND):
        return "top"
    if y <= page.height * BAND:
        return "bottom"
    return None


_Key = tuple[str, int, str]


def _key(line: _Line, page: PageContent) -> _Key | None:
    """What a running line keeps from page to page: its band, size and text, digits aside
    (the size tells a document's title on its first page from the same words in the header)."""
    band = _band(line, page)
    return None if band is None else (band, round(line.size), _DIGITS.sub("#", " ".join(line.text.lower().split())))


def _running_keys(pages: list[PageContent]) -> set[_Key]:
    """The lines that repeat on enough pages to be running: see `drop_running_lines`."""
    seen: dict[_Key, dict[int, tuple[int, ...]]] = {}
    bold: dict[_Key, bool] = {}
    for page in pages:
        for line in page.lines:
            if key := _key(line, page):
                seen.setdefault(key, {})[page.number] = tuple(int(n) for n in _DIGITS.findall(line.text))
                bold[key] = bold.get(key, True) and line.bold
    return {key for key, numbers in seen.items() if _repeats(numbers, moving=not bold[key] or bool(_PAGE_WORD.search(key[2])))}


_PAGE_WORD = re.compile(r"\b(?:side|sida|page|s|p)\b")
"""A word that says a number is the page's ("Side 3 av 12")."""


def _repeats(numbers: dict[int, tuple[int, ...]], moving: bool = True) -> bool:
    """Whether a line found on these pages (number: the numbers in its text there) runs: on
    three pages or more, or on two at most two apart; with the same numbers on each, or, if
    `moving`, one that moves with the page ("Side 3 av 12"; "Sak 2/26" at the top of one page
    and "Sak 5/26" at the top of another are headings). A line in bold whose number moves
    with the page names no page unless it says so: "Sak 1/26", "Sak 2/26", ... each heading
    the top of its page, are the minutes' cases."""
    pages = sorted(numbers)
    if len(pages) < 2 or (len(pages) == 2 and pages[1] - pages[0] > 2):
        return False
    values = list(numbers.values())
    if len(set(values)) == 1:
        return True
    return moving and any(len({values_on[i] - page for page, values_on in numbers.items()}) == 1 for i in range(len(values[0])))


def _page_number(line: _Line, page: PageContent) -> int | None:
    """The number `line` gives its page when it is only a page number in a band (-1 for a
    roman numeral), else None."""
    match = _PAGE_NUMBER.fullmatch(line.text.strip())
    if match is None or _band(line, page) is None:
        return None
    number = match.group("n")
    if number.isdigit():
        return int(number)
    return -1 if number.islower() and _ROMAN.fullmatch(number) else None  # "i" is also a word: alone in a band, a number


def _page_number_offsets(pages: list[PageContent]) -> set[int]:
    """How much the printed page numbers differ from the page's place in the file: 0, and the
    difference two or more pages agree on (a report whose numbering starts after its cover)."""
    differences: Counter[int] = Counter()
    for page in pages:
        differences.update({n - page.number for line in page.lines if (n := _page_number(line, page)) not in (None, -1)})
    return {0} | {difference for difference, count in differences.items() if count >= 2}


def _is_running(line: _Line, page: PageContent, running: set[_Key], offsets: set[int]) -> bool:
    if _key(line, page) in running:
        return True
    number = _page_number(line, page)
    return number is not None and (number == -1 or number - page.number in offsets)


# --- line ends ---------------------------------------------------------------------------

_HYPHENS = "-\u2010\u2011"
_CONJUNCTIONS = frozenset({"og", "eller", "samt", "enn", "til", "som", "men", "and", "or", "to"})
"""Words after a hyphen that make it part of a shared compound: "bo- og omsorgssenteret",
"barne- eller ungdomsskole"."""
_HYPHENATED_PREFIXES = frozenset({"ikke", "non"})
"""Prefixes Norwegian always writes with a hyphen ("ikke-medlemmer", "non-profit"): never
the word processor's break, whatever else the document writes."""
_WORD = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*")
_SUFFIXES = ("enes", "ene", "ane", "ens", "ets", "ers", "en", "et", "er", "ar", "a", "e", "s")
"""Norwegian inflection endings: "kontoret", "kontorene" and "kontor" count as one word."""


class _Break(Enum):
    JOIN = "join"  # a word broken at the line end: the hyphen goes
    HYPHEN = "hyphen"  # a real hyphen: kept, no space ("NAV-kontoret")
    SPACE = "space"  # kept, and a space after it ("bo- og")


@dataclass
class _Vocabulary:
    """The document's own words (lower case), whole and by stem, to decide line-end hyphens."""

    words: Counter[str] = field(default_factory=Counter)
    stems: Counter[str] = field(default_factory=Counter)
    _sorted: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, texts: Iterable[str]) -> _Vocabulary:
        vocabulary = cls()
        for text in texts:
            for word in _WORD.findall(text.lower()):
                vocabulary.words[word] += 1
                vocabulary.stems[_stem(word)] += 1
        return vocabulary

    def weight(self, word: str) -> int:
        """How strongly the document attests `word`: as written counts twice, inflected once."""
        return 2 * self.words[word] + self.stems[_stem(word)]

    def begins(self, prefix: str) -> bool:
        """Whether a word of the document begins with `prefix` (found in the sorted words: a
        scan of them all per line end made a long document's reading quadratic)."""
        if len(self._sorted) != len(self.words):
            self._sorted = sorted(self.words)
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def resolve_line_ends(blocks: list[Block]) -> list[Block]:
    """Turn each line end ("\\n", one per original line end: the layout's contract) in the
    blocks' text, list items and table cells into a space, or join the word it broke, or keep
    its hyphen, deciding from the whole document's vocabulary; soft hyphens go. In place; the
    blocks are returned. A list's `text` becomes its items, one a line; a table's its rows,
    one a line (cells apart by a space), as the layout writes them: `text` says what the items
    and rows say.

    A line ending in a soft hyphen is a word broken by the word processor: joined. A line
    ending in a hyphen (not a dash after a space) keeps it, with a space, before a conjunction
    ("bo- og omsorgssenteret"); keeps it, joined, after a capital or digit or a single letter
    ("NAV-kontoret", "2-roms", "e-posten") and before a capital or digit ("Nord-Norge"); else
    the document decides: the form it uses elsewhere ("tv-skjermen", or joined
    "kvalitetsforbedringsarbeidet", inflected forms counting) wins. When it uses neither, the
    hyphen goes: Norwegian writes compounds as one word, so a hyphen before a lower-case
    continuation is most likely the word processor's break."""
    vocabulary = _Vocabulary.of(text for block in blocks for text in _texts(block))
    for block in blocks:
        if block.kind == BlockKind.LIST and block.items:
            block.items = [_resolve(item, vocabulary) for item in block.items]
            block.text = "\n".join(block.items)
        elif block.kind == BlockKind.TABLE and block.rows:
            block.rows = [[_resolve(cell, vocabulary) for cell in row] for row in block.rows]
            block.text = "\n".join(" ".join(cell for cell in row if cell) for row in block.rows)
        else:
            block.text = _resolve(block.text, vocabulary)
    return blocks


def _texts(block: Block) -> Iterator[str]:
    if block.kind == BlockKind.LIST and block.items:
        yield from block.items
    elif block.kind == BlockKind.TABLE and block.rows:
        yield from (cell for row in block.rows for cell in row)
    else:
        yield block.text


_WINDOW = 256
"""How much of the text before a line end `_join` sees: its last words are all it needs."""


def _resolve(text: str, vocabulary: _Vocabulary) -> str:
    """`text` with its line ends resolved, joining line by line onto the last `_WINDOW`
    characters of what came before (joining onto all of it made a long paragraph quadratic)."""
    lines = [line.strip(" ") for line in text.split("\n")]
    done: list[str] = []
    joined = lines[0]
    for line in lines[1:]:
        joined = _join(joined, line, vocabulary) if joined and line else joined or line
        if len(joined) > 2 * _WINDOW:
            done.append(joined[:-_WINDOW])
            joined = joined[-_WINDOW:]
    return ("".join(done) + joined).replace(SOFT_HYPHEN, "")


def _join(left: str, right: str, vocabulary: _Vocabulary) -> str:
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in _HYPHENS and len(left) > 1 and not left[-2].isspace():
        decision = _hyphen(left.rsplit(None, 1)[-1][:-1], right.split(None, 1)[0], vocabulary)
        return {_Break.JOIN: left[:-1] + right, _Break.HYPHEN: left + right}.get(decision, f"{left} {right}")
    spaced = left[-1] in _HYPHENS and re.fullmatch(r"\w \S", left[-3:]) is not None
    if spaced and _attested(left.rsplit(None, 2)[-2], right.split(None, 1)[0], vocabulary):
        return left[:-2] + right  # "kvalitets -": a break drawn as a hyphen of its own, spaced apart
    if left.endswith("/") and len(left) > 1 and left[-2].isalpha() and right[:1].islower():
        return left + right  # "og/" "eller": a break after a slash, inside "og/eller"
    return f"{left} {right}"


def _attested(before: str, after: str, vocabulary: _Vocabulary) -> bool:
    """Whether the document writes `before` and `after` as one word elsewhere, and not with a
    hyphen (or begins a longer word with them, a word broken twice: "kvalitets -" "forbedrings -"
    "arbeidet"): only then is a spaced hyphen at a line end a break inside a word, not a dash."""
    joined = f"{before}{after}".lower()
    if vocabulary.weight(f"{before}-{after}".lower()):
        return False
    return vocabulary.weight(joined) > 0 or (len(joined) >= 6 and vocabulary.begins(joined))


def _hyphen(before: str, after: str, vocabulary: _Vocabulary) -> _Break:
    """What a hyphen between `before` (the line's last word, less the hyphen) and `after` (the
    next line's first word) is: see `resolve_line_ends`."""
    stem = before.lstrip("([{«“\"'")
    word = after.rstrip(".,;:!?)]}»”\"'")
    if not stem or not word or word.lower() in _CONJUNCTIONS:
        return _Break.SPACE
    last = re.split(f"[{_HYPHENS}]", stem)[-1]
    if not word[0].isalpha() or word[0].isupper() or len(last) == 1 or not last.isalpha() or any(ch.isupper() for ch in last[1:]):
        return _Break.HYPHEN
    if last.lower() in _HYPHENATED_PREFIXES:
        return _Break.HYPHEN
    hyphenated = vocabulary.weight(f"{stem}-{word}".lower())
    joined = vocabulary.weight(f"{stem}{word}".lower())
    return _Break.HYPHEN if hyphenated > joined else _Break.JOIN
