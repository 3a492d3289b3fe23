"""Formula debris in a PDF's text: shown on the page, kept out of the search index.

Why it must stay out of the index: Pagefind matches a query term against every indexed word
that starts with it, and when no word does, it falls back to the longest indexed word that
the term starts with (`find_word_extensions` in pagefind_web/src/search.rs, since Pagefind
pull request #315, "if a word is not in the index, find the longest matching prefix that
is"). An equation's text comes out of a PDF as loose one- and two-letter tokens ("f ( x ) =
2 x − 3", "Σ i = 1 n"), so a page of formulas put most of the alphabet into the index as
words of one letter, and then almost any word nobody wrote found that page: "xqzvoplk"
through "x", "brummelfjas" through "b", with the letter marked in the excerpt
(tests/test_search_quality.py; Pagefind 1.5).

Two cuts keep them out, both with Pagefind's `data-pagefind-ignore` (the text is still shown):
- a block that is debris as a whole (`mark_debris`, `Block.indexed` False): its tokens are
  mostly loose letters and mathematical symbols, hardly any words;
- a formula inside a sentence (`formula_runs`, marked when the block is rendered): a stretch
  of three or more debris tokens with a mathematical symbol and no word.
A lone letter inside a sentence ("der n er antall", "plan B", "Kari N.") stays indexed:
taking it out would cut it out of the excerpt and out of a quoted phrase, and it is a letter
someone wrote. Numbers, dates, times and case numbers ("Sak 12/24") are neither words nor
debris, so a table of dates stays indexed, and so do the short words of Norwegian and English
("i", "å", "på", "og") and initials ("KN").

What no cut here can change: an unknown word that starts with a real indexed word still finds
that word's pages ("bozzlefjas" finds "bo", "iqzx" finds every page with "i").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.pdf_model import Block, BlockKind

_NORWEGIAN_SHORT_WORDS = (
    "i å og på en et ei er at av om to ny bo år få gå må nå så ut vi de du da ja ha se la ta gi si by"
    " ni ti øy ål le ro sy tå dø ku ok eg ho me no då so"
    " kl nr ca jf mv pr ev bl vs ol el mm kr km kg cm ml st fv rv ph"
)
_ENGLISH_SHORT_WORDS = "a an as am at be by do go he if in is it me my no of on or so to up us we"
SHORT_WORDS = frozenset(_NORWEGIAN_SHORT_WORDS.split()) | frozenset(_ENGLISH_SHORT_WORDS.split())
"""Words of one and two letters (bokmål, nynorsk, and English for minutes written in it) and
common abbreviations ("kl.", "nr."): a real sentence is full of them, a formula is not."""

MATH_SYMBOLS = frozenset("=+−×÷±∓*^<>≤≥≠≈≡∝∞∑Σ∏∫∮√∂∆∇∈∉⊂⊆∪∩∀∃→←↔⇒⇔·′″|")
"""Symbols of mathematics: a token made only of these (and brackets) is a formula's."""

_MATH_CLASS = re.escape("".join(sorted(MATH_SYMBOLS)))
_MATH = re.compile(f"[{_MATH_CLASS}]")
_EDGE_PUNCTUATION = "()[]{}.,;:!?\"'«»“”‘’-–"
_FORMULA_SPLIT = re.compile(f"([{_MATH_CLASS}()\\[\\]{{}}]+)")
"""Where a token is cut into pieces: at mathematical symbols and brackets, kept as pieces."""
_ENUMERATOR = re.compile(r"^\(?[a-zA-Z]\)$")
"""A point of a list ("b)", "(c)"), not a formula's variable."""
_NUMBER = re.compile(r"^[\d.,:/–-]+$")
"""A number, date, time, or case number ("12/24", "15.03.2026", "18:00")."""

_CODE = re.compile(r"[A-ZÆØÅ]{1,2}\d{1,4}")
"""A road, quarter or paper size ("E39", "Q1", "A4"), or a formula ("CO2"): a name, not a
formula's variable (those are lower case: "x2")."""
_TOKEN = re.compile(r"\S+")
"""A token: what lies between spaces."""

WORDS_PER_DEBRIS = 0.5
"""A text with words is debris when it has no more than one word for every two debris
tokens, and at least `FORMULA_RUN_DEBRIS` of them: "Formel: f ( x ) = 2 x − 3" is debris;
"Alternativ A og B ble vurdert" and a vote, "Ja = 5, Nei = 2", are not. A text without
words is debris when it has a debris token at all ("x", "a b c")."""
FORMULA_RUN_DEBRIS = 3
"""Debris tokens that make a formula: "x = y" has three, "T = 500 × n" four."""


@dataclass
class TokenCounts:
    """How many of a text's pieces are words, and how many are formula debris (the rest,
    numbers, short words, dashes and brackets, count for neither)."""

    words: int = 0
    debris: int = 0
    symbols: int = 0
    """Debris pieces that are mathematical symbols ("=", "+", "Σ"): a formula's sign."""

    @property
    def is_debris(self) -> bool:
        if not self.words:
            return self.debris > 0
        return self.debris >= FORMULA_RUN_DEBRIS and self.words <= WORDS_PER_DEBRIS * self.debris

    def add(self, other: TokenCounts) -> None:
        self.words += other.words
        self.debris += other.debris
        self.symbols += other.symbols


TABLE_MARKS = frozenset("xX✓✔✗✘☑☒")
"""A table cell of only one of these is a mark (present at a meeting, a box ticked), not a
formula's variable: an attendance table of names and crosses is no formula."""


def mark_debris(blocks: Iterable[Block]) -> None:
    """Keep formula debris out of the search index (`Block.indexed` False); it is still shown."""
    for block in blocks:
        if block.indexed and is_debris(_judged_text(block)):
            block.indexed = False


def _judged_text(block: Block) -> str:
    """The text that tells whether `block` is debris: a table's without its mark cells."""
    if block.kind != BlockKind.TABLE or not block.rows:
        return block.text
    return "\n".join(" ".join(cell for cell in row if cell.strip() not in TABLE_MARKS) for row in block.rows)


def is_debris(text: str) -> bool:
    """Whether `text` is mostly loose letters and mathematical symbols, hardly any words."""
    return count_tokens(text).is_debris


def count_tokens(text: str) -> TokenCounts:
    counts = TokenCounts()
    for token in text.split():
        counts.add(token_counts(token))
    return counts


def formula_runs(text: str) -> list[tuple[int, int]]:
    """Where a formula interrupts a sentence that is not debris as a whole ("beregnes etter
    formelen T = 500 × n + 2000 der n er antall brukere"), as (start, end) offsets in `text`:
    a stretch of tokens with no word in it, less the short words at its ends ("der", "er"),
    with at least `FORMULA_RUN_DEBRIS` debris tokens and a mathematical symbol. A lone letter
    ("der n er", "plan B") is no formula: it stays, as written."""
    runs: list[tuple[int, int]] = []
    if not _MATH.search(text):
        return runs  # most text: no formula without a symbol
    stretch: list[tuple[re.Match[str], TokenCounts]] = []
    for match in _TOKEN.finditer(text):
        counts = token_counts(match.group())
        if not counts.words:
            stretch.append((match, counts))
            continue
        runs += _formula(stretch)
        stretch = []
    return runs + _formula(stretch)


def _formula(stretch: list[tuple[re.Match[str], TokenCounts]]) -> list[tuple[int, int]]:
    """The formula in a stretch of tokens without words, if it is one: [(start, end)] or []."""
    formula = _trimmed(stretch)
    if sum(each.debris for _, each in formula) >= FORMULA_RUN_DEBRIS and any(each.symbols for _, each in formula):
        return [(formula[0][0].start(), formula[-1][0].end())]
    return []


def _trimmed(stretch: list[tuple[re.Match[str], TokenCounts]]) -> list[tuple[re.Match[str], TokenCounts]]:
    """`stretch` without the short words at its ends: they belong to the sentence."""

    def short_word(item: tuple[re.Match[str], TokenCounts]) -> bool:
        return not item[1].debris and any(character.isalpha() for character in item[0].group())

    start, end = 0, len(stretch)
    while start < end and short_word(stretch[start]):
        start += 1
    while end > start and short_word(stretch[end - 1]):
        end -= 1
    return stretch[start:end]


def token_counts(token: str) -> TokenCounts:
    """The words and debris in one token, cut at mathematical symbols and brackets."""
    counts = TokenCounts()
    if _ENUMERATOR.match(token):
        return counts  # "b)" numbers a point in a list
    for piece in _FORMULA_SPLIT.split(token):
        kind = piece_kind(piece)
        counts.words += kind == "word"
        counts.debris += kind == "debris"
        counts.symbols += kind == "debris" and any(character in MATH_SYMBOLS for character in piece)
    return counts


def piece_kind(piece: str) -> str:
    """"word", "debris" or "neutral" (a number, a short word, initials, a dash, a bracket):
    what one piece of a token is, the token split at mathematical symbols ("f(x)=2x" is
    "f", "(", "x", ")=", "2x")."""
    core = piece.strip(_EDGE_PUNCTUATION)
    letters = sum(character.isalpha() for character in core)
    if letters >= 3:
        return "word"
    if letters:
        return "neutral" if _short_word(core) else "debris"
    if core and _NUMBER.match(core):
        return "neutral"
    return "debris" if any(character in MATH_SYMBOLS for character in piece) else "neutral"


def _short_word(core: str) -> bool:
    """A real word or abbreviation of one or two letters ("på", "kl.", "m.m."), or initials
    ("KN"): not a formula's variable."""
    plain = core.replace(".", "")
    if plain.lower() in SHORT_WORDS or _CODE.fullmatch(plain):
        return True
    return len(plain) == 2 and plain.isalpha() and plain.isupper()
