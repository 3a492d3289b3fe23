"""Safe YAML for hand-edited files: plain data, with the line of every value.

PyYAML's own loaders either run arbitrary constructors (``!!python/object``) or lose line
numbers. Here the C parser builds the node tree (fast, no construction), and this module
turns it into plain Python data itself, so that it can

* refuse every tag but the core scalar, sequence and mapping tags;
* refuse duplicate keys (PyYAML silently keeps the last one);
* bound alias expansion, so a "billion laughs" file cannot exhaust memory, and bound the
  nesting, the number of aliases and the length of a value before the node tree is built
  (PyYAML composes nested collections recursively, and a page repeats a long value);
* remember, for each value, its line and how a plain scalar was resolved, so that a
  YAML 1.1 surprise (``no`` read as false, ``04567`` read as octal 2423, ``10:00`` read as
  600, a date where text was meant) can be explained where the schema expected text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.messages import gettext as _
from generator.problems import field_path

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
MAX_VALUES = 20_000
"""Most values one file may expand to, aliases counted each time they are used."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings. raad's own files nest four deep (a sector's
contact meeting's minutes); PyYAML builds nested collections recursively, so a file of
nothing but `[[[[` must be refused before it is built."""
MAX_ALIASES = 100
"""Most aliases (`*name`) in one file. Hand-written files use a few, if any."""
MAX_SCALAR_CHARS = 10_000
"""Longest single value, in characters: about three pages of text. Names, titles, advice
and justifications are far shorter, and a value may be shown on many pages of the site."""


class YamlError(Exception):
    """A file that is not acceptable YAML; `line` is 1-based."""

    def __init__(self, line: int | None, field: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Position:
    """Where a value came from. `implicit` is set for a plain (unquoted) scalar that YAML
    resolved to something other than text: ``bool``, ``int``, ``float``, ``null`` or
    ``timestamp``; `raw` is then its source text."""

    line: int
    raw: str | None = None
    implicit: str | None = None


@dataclass
class Document:
    """Plain data (dicts, lists, str, int, float, bool, date, None) and a position per value."""

    data: Any
    positions: dict[Loc, Position] = field(default_factory=dict)

    def position(self, loc: Loc) -> Position | None:
        """The position of `loc`, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def line(self, loc: Loc) -> int | None:
        found = self.position(loc)
        return found.line if found else None

    def exact(self, loc: Loc) -> Position | None:
        return self.positions.get(tuple(loc))


def parse(text: str, line_offset: int = 0) -> Document:
    """Parse one YAML document. Raises `YamlError` for anything raad will not read.

    `line_offset` shifts reported lines, for YAML embedded in a larger file (front matter).
    An empty document gives ``Document(None)``.
    """
    try:
        _Shape(line_offset).check(text)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or _("not valid YAML")
        raise YamlError(line, "", _("YAML syntax error: %(problem)s", problem=problem)) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, "", _("YAML error: %(error)s", error=exc)) from None
    if not nodes:
        return Document(None, {(): Position(1 + line_offset)})
    if len(nodes) > 1:
        second = nodes[1].start_mark.line + 1 + line_offset
        raise YamlError(second, "", _("a second YAML document ('---') is not allowed here"))
    builder = _Builder(line_offset)
    data = builder.build(nodes[0], ())
    return Document(data, builder.positions)


class _Shape:
    """A pass over the parser's events, in constant stack depth, that refuses a document
    nesting too deep, using too many aliases or holding too long a value, naming the line
    and field; only a document that passes is composed into a node tree."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.nodes = 0
        self.aliases = 0
        # Per open collection: its location, and for a sequence the last index, for a
        # mapping the current key (None while a key is expected).
        self.open: list[tuple[Loc, bool, list[str | int | None]]] = []

    def check(self, text: str) -> None:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                self.open.pop()
                self.value_done()
            elif isinstance(event, yaml.NodeEvent):
                self.node(event)

    def node(self, event: yaml.NodeEvent) -> None:
        loc, is_key = self.place()
        breach = self.breach(event)
        if breach is not None:
            mark = event.start_mark
            raise YamlError(int(mark.line) + 1 + self.line_offset if mark else None, _dotted(loc), breach)
        if isinstance(event, yaml.CollectionStartEvent):
            is_sequence = isinstance(event, yaml.SequenceStartEvent)
            self.open.append((loc, is_sequence, [-1 if is_sequence else None]))
        elif is_key and isinstance(event, yaml.ScalarEvent):
            self.open[-1][2][0] = event.value
        else:
            self.value_done()

    def breach(self, event: yaml.NodeEvent) -> str | None:
        """Which bound `event` breaks, or None."""
        self.nodes += 1
        self.aliases += isinstance(event, yaml.AliasEvent)
        if self.nodes > MAX_VALUES:
            return _("the file holds more than %(most)s values", most=MAX_VALUES)
        if self.aliases > MAX_ALIASES:
            return _("more than %(most)s aliases in one file", most=MAX_ALIASES)
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_SCALAR_CHARS:
            return _(
                "a value of %(length)s characters; at most %(most)s are allowed",
                length=f"{len(event.value):,}",
                most=f"{MAX_SCALAR_CHARS:,}",
            )
        if isinstance(event, yaml.CollectionStartEvent) and len(self.open) >= MAX_DEPTH:
            return _("lists and mappings nest more than %(most)s levels deep", most=MAX_DEPTH)
        return None

    def place(self) -> tuple[Loc, bool]:
        """Where the next node goes, and whether it is a mapping's key."""
        if not self.open:
            return (), False
        loc, is_sequence, state = self.open[-1]
        if is_sequence:
            assert isinstance(state[0], int)
            state[0] += 1
            return (*loc, state[0]), False
        if state[0] is None:
            return loc, True
        return (*loc, state[0]), False

    def value_done(self) -> None:
        """A mapping expects a key again once a value is complete."""
        if self.open and not self.open[-1][1]:
            self.open[-1][2][0] = None


class _Builder:
    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.positions: dict[Loc, Position] = {}
        self.budget = MAX_VALUES
        self.active: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def line(self, node: yaml.Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset

    def build(self, node: yaml.Node, loc: Loc, line: int | None = None) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlError(self.line(node), _dotted(loc), _("the file expands to more than %(most)s values (aliases?)", most=MAX_VALUES))
        if id(node) in self.active:
            raise YamlError(self.line(node), _dotted(loc), _("an alias refers to itself"))
        where = line if line is not None else self.line(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, loc, where)
        self.positions[loc] = Position(where)
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                self.require_tag(node, "seq", loc)
                return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)  # the only other kind the composer makes
            self.require_tag(node, "map", loc)
            return self.mapping(node, loc)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = self.line(key_node)
            if key_node.tag == f"{_TAG}merge":
                raise YamlError(key_line, _dotted(loc), _("merge keys ('<<') are not supported; write the fields out"))
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, _dotted(loc), _("a key must be a plain word, not a list or mapping"))
            key = key_node.value
            if key in first_line:
                raise YamlError(key_line, _dotted((*loc, key)), _("duplicate key (first given on line %(line)s)", line=first_line[key]))
            first_line[key] = key_line
            result[key] = self.build(value_node, (*loc, key), key_line)
        return result

    def require_tag(self, node: yaml.Node, kind: str, loc: Loc) -> None:
        if node.tag != f"{_TAG}{kind}":
            raise YamlError(self.line(node), _dotted(loc), _tag_refused(node.tag))

    def scalar(self, node: yaml.ScalarNode, loc: Loc, line: int) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise YamlError(line, _dotted(loc), _tag_refused(node.tag))
        kind = node.tag[len(_TAG) :]
        if kind == "str":
            self.positions[loc] = Position(line)
            return node.value
        try:
            value = getattr(self.constructor, f"construct_yaml_{kind}")(node)
        except ValueError:  # a timestamp such as 2024-13-01 matches YAML's pattern but is no date
            raise YamlError(line, _dotted(loc), _("%(value)s is not a real date", value=node.value)) from None
        if kind == "timestamp" and isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        plain = not node.style  # None from the Python parser, "" from libyaml
        self.positions[loc] = Position(line, node.value if plain else None, kind if plain else None)
        return value


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


def _tag_refused(tag: str) -> str:
    return _("tag %(tag)s is not allowed; raad reads plain YAML", tag=_short_tag(tag))


def _dotted(loc: Loc) -> str:
    return field_path(loc)


def explain_implicit(position: Position, value: Any) -> str | None:
    """Why a plain scalar is not the text it looks like, and how to fix it; None if it is no trap."""
    raw, kind = position.raw, position.implicit
    if raw is None or kind is None:
        return None
    quoted = f'"{raw}"'
    values = {"raw": raw, "value": value, "quoted": quoted}
    if kind == "bool":
        values["value"] = str(value).lower()
        return _("%(raw)s is read as %(value)s (YAML reads yes/no/on/off as true/false); write %(quoted)s in quotes", **values)
    if kind == "null":
        return _("is empty; write a value")
    if kind == "int" and ":" in raw:
        return _("%(raw)s is read as the number %(value)s (YAML 1.1 base 60); write %(quoted)s in quotes", **values)
    if kind == "int" and raw.lstrip("+-").startswith("0") and len(raw.lstrip("+-")) > 1:
        return _("%(raw)s is read as the number %(value)s (a leading 0 means octal in YAML 1.1); write %(quoted)s in quotes", **values)
    if kind in ("int", "float"):
        return _("%(raw)s is read as a number; write %(quoted)s in quotes to keep it as text", **values)
    if kind == "timestamp":
        return _("%(raw)s is read as a date; write %(quoted)s in quotes if you mean text", **values)
    return None
