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
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple, NoReturn

import yaml

from generator.messages import gettext as _
from generator.problems import field_path

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
"""Turns a plain scalar into its value (its scalar methods keep no state)."""
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_IMPLICIT_ANYWHERE = _IMPLICIT.get(None, [])
_MAY_MERGE = {first for first, resolvers in _IMPLICIT.items() if any(tag == "tag:yaml.org,2002:merge" for tag, _ in resolvers)}
"""The first characters of a plain scalar that YAML can read as the merge key `<<`."""

Loc = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ = f"{_TAG}seq"
_MAP = f"{_TAG}map"
_STR = f"{_TAG}str"
_MERGE = f"{_TAG}merge"
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_START_EVENTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
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


class Position(NamedTuple):
    """Where a value came from. `implicit` is set for a plain (unquoted) scalar that YAML
    resolved to something other than text: ``bool``, ``int``, ``float``, ``null`` or
    ``timestamp``; `raw` is then its source text."""

    line: int
    raw: str | None = None
    implicit: str | None = None


Place = int | tuple[int, str | None, str | None]
"""A `Position` as a document keeps it: the line alone for text and for lists and mappings,
or a plain tuple. A project holds hundreds of thousands of them for as long as it is
loaded, and Python's garbage collector keeps walking instances of a class (even a
named tuple), not plain tuples and numbers."""


@dataclass
class Document:
    """Plain data (dicts, lists, str, int, float, bool, date, None) and a position per value."""

    data: Any
    positions: dict[Loc, Place] = field(default_factory=dict)

    def position(self, loc: Loc) -> Position | None:
        """The position of `loc`, or of its nearest ancestor that exists in the file."""
        for end in range(len(loc), -1, -1):
            found = self.positions.get(tuple(loc[:end]))
            if found is not None:
                return _position(found)
        return None

    def line(self, loc: Loc) -> int | None:
        found = self.position(loc)
        return found.line if found else None

    def exact(self, loc: Loc) -> Position | None:
        found = self.positions.get(tuple(loc))
        return None if found is None else _position(found)

    def raw_texts(self) -> list[str]:
        """The source text of each plain scalar YAML read as other than text."""
        return [place[1] for place in self.positions.values() if isinstance(place, tuple) and place[1]]


def _position(place: Place) -> Position:
    return Position(place) if isinstance(place, int) else Position(*place)


def parse(text: str, line_offset: int = 0) -> Document:
    """Parse one YAML document. Raises `YamlError` for anything raad will not read.

    `line_offset` shifts reported lines, for YAML embedded in a larger file (front matter).
    An empty document gives ``Document(None)``.

    One pass over the parser's events both bounds the document (`_Shape`) and builds it
    (`_Builder`), so no node tree is composed. What is refused is what, and where, checking
    the events first, then composing a node tree and building from it would refuse: a bound
    or syntax error anywhere first, then an alias or anchor error, a second document, and
    last what the build refuses.
    """
    reader = _Reader(line_offset)
    try:
        reader.read(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        problem = exc.problem or exc.context or _("not valid YAML")
        raise YamlError(line, "", _("YAML syntax error: %(problem)s", problem=problem)) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, "", _("YAML error: %(error)s", error=exc)) from None
    refused = reader.refused()
    if refused is not None:  # raised here, not where it was found: no exception refers to the reader
        raise YamlError(*refused)
    return reader.document()


_Failure = tuple[int | None, str, str]
"""What a `YamlError` says: the line, the field and the message."""
_Node = yaml.ScalarEvent | yaml.AliasEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent
_Start = yaml.SequenceStartEvent | yaml.MappingStartEvent


def _line(event: yaml.Event, line_offset: int) -> int:
    """The 1-based line of the file where `event` starts."""
    assert event.start_mark is not None  # libyaml marks every event
    return int(event.start_mark.line) + 1 + line_offset


class _Reader:
    """The pass over the events of every document in the text: each event is bounded
    (`_Shape`), checked as composing would check it (its anchor or alias), and, in the first
    document, built (`_Builder`)."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.shape = _Shape(line_offset)
        self.builder = _Builder(line_offset)
        self.documents = 0
        self.second: int | None = None  # the line of the second document's root
        self.anchors: dict[str, int] = {}  # the line of each anchor of the document
        self.composition: _Failure | None = None  # the first alias or anchor error

    def read(self, text: str) -> None:
        loader = _Loader(text)
        try:
            while True:
                event = loader.get_event()
                if isinstance(event, _NODE_EVENTS):
                    self.node(event)
                elif isinstance(event, _END_EVENTS):
                    self.shape.end()
                    if self.documents == 1 and self.composition is None:
                        self.builder.end()
                elif isinstance(event, yaml.DocumentStartEvent):
                    self.documents += 1
                    self.anchors = {}  # anchors belong to their document
                elif event is None or isinstance(event, yaml.StreamEndEvent):
                    break
        finally:
            loader.dispose()

    def node(self, event: _Node) -> None:
        self.shape.node(event)
        if event.anchor is not None and self.composition is None:
            self.composition = self.alias_or_anchor_error(event)
        if self.documents == 1 and self.composition is None:
            self.builder.node(event)
        elif self.documents == 2 and self.second is None:
            self.second = _line(event, self.line_offset)

    def alias_or_anchor_error(self, event: _Node) -> _Failure | None:
        """What composing the document would refuse at `event`, in PyYAML's words."""
        anchor = event.anchor
        assert anchor is not None
        line = _line(event, self.line_offset)
        if isinstance(event, yaml.AliasEvent):
            return None if anchor in self.anchors else (line, "", _syntax_error("found undefined alias"))
        if anchor in self.anchors:
            return line, "", _syntax_error("second occurrence")  # of an anchor: PyYAML says no more
        self.anchors[anchor] = line
        return None

    def refused(self) -> _Failure | None:
        """The first thing that refuses the text after its events were all read."""
        if self.composition is not None:
            return self.composition
        if self.second is not None:
            return self.second, "", _("a second YAML document ('---') is not allowed here")
        return self.builder.error

    def document(self) -> Document:
        if self.documents == 0:
            return Document(None, {(): 1 + self.line_offset})
        return Document(self.builder.root, self.builder.positions)


def _syntax_error(problem: str) -> str:
    return _("YAML syntax error: %(problem)s", problem=problem)


class _Shape:
    """Per event, in constant stack depth: refuses a document nesting too deep, using too
    many aliases or holding too long a value, naming the line and field, before anything
    of it is built."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.nodes = 0
        self.aliases = 0
        # Per open collection: its location, and for a sequence the last index, for a
        # mapping the current key (None while a key is expected).
        self.open: list[tuple[Loc, list[Any]]] = []

    def node(self, event: _Node) -> None:
        self.nodes += 1
        if self.nodes > MAX_VALUES:
            self.refuse(event, _("the file holds more than %(most)s values", most=MAX_VALUES))
        if isinstance(event, yaml.ScalarEvent):
            if len(event.value) > MAX_SCALAR_CHARS:
                length, most = f"{len(event.value):,}", f"{MAX_SCALAR_CHARS:,}"
                self.refuse(event, _("a value of %(length)s characters; at most %(most)s are allowed", length=length, most=most))
            self.done(event.value)
        elif isinstance(event, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                self.refuse(event, _("more than %(most)s aliases in one file", most=MAX_ALIASES))
            self.done(None)
        else:
            self.start(event)

    def done(self, scalar: str | None) -> None:
        """A scalar (or, with None, an alias) takes its place: the next index of a list, a
        mapping's key, or the value after which the mapping expects a key again."""
        if self.open:
            state = self.open[-1][1]
            if state and isinstance(state[0], int):
                state[0] += 1
            else:
                state[0] = scalar if state[0] is None else None

    def start(self, event: _Start) -> None:
        if len(self.open) >= MAX_DEPTH:
            self.refuse(event, _("lists and mappings nest more than %(most)s levels deep", most=MAX_DEPTH))
        loc = self.place()
        if self.open:
            state = self.open[-1][1]
            if isinstance(state[0], int):
                state[0] += 1
        self.open.append((loc, [-1] if isinstance(event, yaml.SequenceStartEvent) else [None]))

    def end(self) -> None:
        self.open.pop()
        if self.open and not isinstance(self.open[-1][1][0], int):
            self.open[-1][1][0] = None  # a mapping expects a key again once a value is complete

    def place(self) -> Loc:
        """Where the next node goes (a mapping's key: the mapping)."""
        if not self.open:
            return ()
        loc, (state,) = self.open[-1]
        if isinstance(state, int):
            return (*loc, state + 1)
        return loc if state is None else (*loc, state)

    def refuse(self, event: _Node, breach: str) -> NoReturn:
        raise YamlError(_line(event, self.line_offset), _dotted(self.place()), breach)


class _Open:
    """A list or mapping being built: where it is, and for a mapping the key whose value
    comes next (None while a key is expected) and the line of each key so far."""

    __slots__ = ("anchor", "first_line", "index", "items", "key", "key_line", "loc", "pairs")

    def __init__(self, loc: Loc, is_sequence: bool, anchor: str | None) -> None:
        self.loc = loc
        self.anchor = anchor
        self.items: list[Any] | None = [] if is_sequence else None
        self.pairs: dict[str, Any] | None = None if is_sequence else {}
        self.index = -1
        self.key: str | None = None
        self.key_line = 0
        self.first_line: dict[str, int] = {}


class _Recording:
    """The events of an anchored node, kept to build it again where an alias names it."""

    __slots__ = ("depth", "events")

    def __init__(self, first: _Node) -> None:
        self.events: list[_Node | None] = [first]  # None: the end of a list or mapping
        self.depth = 1 if isinstance(first, _START_EVENTS) else 0


class _Builder:
    """Plain data and positions from the events of the first document, as building its
    composed node tree would give them: an alias is built again each time it is used
    (counted against `MAX_VALUES`), a value's line is its key's line, and the first thing
    refused ends the build (`error`); later events are still read for the shape's sake."""

    def __init__(self, line_offset: int) -> None:
        self.line_offset = line_offset
        self.positions: dict[Loc, Place] = {}
        self.budget = MAX_VALUES
        self.root: Any = None
        self.error: _Failure | None = None
        self.stack: list[_Open] = []
        self.active: set[str] = set()  # anchors of the collections being built
        self.heads: dict[str, _Node] = {}  # each anchor's node event
        self.recorded: dict[str, _Recording] = {}
        self.recording: list[_Recording] = []

    def fail(self, line: int | None, loc: Loc, message: str) -> None:
        self.error = (line, _dotted(loc), message)

    def end(self, replayed: bool = False) -> None:
        if self.error is not None:
            return
        if not replayed and self.recording:
            self.record(None)
        closed = self.stack.pop()
        if closed.anchor is not None:
            self.active.discard(closed.anchor)
        self.value_done()

    def node(self, event: _Node, replayed: bool = False) -> None:
        if self.error is not None:
            return
        if not replayed and (self.recording or event.anchor is not None):
            self.record(event)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.pairs is not None and parent.key is None:
            self.key(event, parent)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event, parent)
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event, parent)
        else:
            self.collection(event, parent)

    def record(self, event: _Node | None) -> None:
        """Add `event` (None: an end) to the recordings of the anchored nodes it is part of."""
        if self.recording:
            step = -1 if event is None else 1 if isinstance(event, _START_EVENTS) else 0
            for recording in self.recording:
                recording.events.append(event)
                recording.depth += step
            self.recording = [recording for recording in self.recording if recording.depth > 0]
        if event is not None and event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.heads[event.anchor] = event
            self.recorded[event.anchor] = recording = _Recording(event)
            if recording.depth:
                self.recording.append(recording)

    def place(self, parent: _Open | None) -> tuple[Loc, int | None]:
        """Where the next value goes, and the line it is reported on when not its own (a
        mapping's value is reported on its key's line)."""
        if parent is None:
            return (), None
        if parent.pairs is None:
            parent.index += 1
            return (*parent.loc, parent.index), None
        assert parent.key is not None
        return (*parent.loc, parent.key), parent.key_line

    def value_done(self) -> None:
        if self.stack and self.stack[-1].pairs is not None:
            self.stack[-1].key = None

    def attach(self, parent: _Open | None, value: Any) -> None:
        if parent is None:
            self.root = value
        elif parent.items is not None:
            parent.items.append(value)
        else:
            assert parent.pairs is not None
            assert parent.key is not None
            parent.pairs[parent.key] = value

    def key(self, event: _Node, parent: _Open) -> None:
        node = self.heads[event.anchor] if isinstance(event, yaml.AliasEvent) and event.anchor else event
        key_line = _line(node, self.line_offset)
        if _is_merge(node):
            return self.fail(key_line, parent.loc, _("merge keys ('<<') are not supported; write the fields out"))
        if not isinstance(node, yaml.ScalarEvent):
            return self.fail(key_line, parent.loc, _("a key must be a plain word, not a list or mapping"))
        key = node.value
        if key in parent.first_line:
            return self.fail(key_line, (*parent.loc, key), _("duplicate key (first given on line %(line)s)", line=parent.first_line[key]))
        parent.first_line[key] = key_line
        parent.key, parent.key_line = key, key_line
        return None

    def counted(self, event: _Node, loc: Loc) -> bool:
        """Whether one more value fits in `MAX_VALUES`; if not, says so."""
        self.budget -= 1
        if self.budget < 0:
            message = _("the file expands to more than %(most)s values (aliases?)", most=MAX_VALUES)
            self.fail(_line(event, self.line_offset), loc, message)
        return self.budget >= 0

    def alias(self, event: yaml.AliasEvent, parent: _Open | None) -> None:
        """The anchored node built again here, from its events; an alias inside the node it
        names would build it without end."""
        anchor = event.anchor
        assert anchor is not None
        if anchor in self.active:
            loc = self.place(parent)[0]
            head = self.heads[anchor]
            if self.counted(head, loc):
                self.fail(_line(head, self.line_offset), loc, _("an alias refers to itself"))
            return
        for replayed in self.recorded[anchor].events:
            if replayed is None:
                self.end(replayed=True)
            else:
                self.node(replayed, replayed=True)

    def collection(self, event: _Start, parent: _Open | None) -> None:
        loc, line = self.place(parent)
        if not self.counted(event, loc):
            return
        self.positions[loc] = line if line is not None else _line(event, self.line_offset)
        is_sequence = isinstance(event, yaml.SequenceStartEvent)
        tag = _tag(event)
        if tag != (_SEQ if is_sequence else _MAP):
            return self.fail(_line(event, self.line_offset), loc, _tag_refused(tag))
        opened = _Open(loc, is_sequence, event.anchor)
        self.attach(parent, opened.items if opened.items is not None else opened.pairs)
        self.stack.append(opened)
        if event.anchor is not None:
            self.active.add(event.anchor)
        return None

    def scalar(self, event: yaml.ScalarEvent, parent: _Open | None) -> None:
        loc, line = self.place(parent)
        if not self.counted(event, loc):
            return
        if line is None:
            line = _line(event, self.line_offset)
        tag = _tag(event)
        if tag == _STR:
            self.positions[loc] = line
            self.attach(parent, event.value)
        elif tag in _SCALAR_TAGS:
            if not self.typed(event, tag, loc, line, parent):
                return
        else:
            return self.fail(line, loc, _tag_refused(tag))
        self.value_done()
        return None

    def typed(self, event: yaml.ScalarEvent, tag: str, loc: Loc, line: int, parent: _Open | None) -> bool:
        """A scalar read as other than text: its value and how it was read; whether it is one."""
        kind = tag[len(_TAG) :]
        try:
            value = getattr(_CONSTRUCTOR, f"construct_yaml_{kind}")(yaml.ScalarNode(tag, event.value))
        except ValueError:  # a timestamp such as 2024-13-01 matches YAML's pattern but is no date
            self.fail(line, loc, _("%(value)s is not a real date", value=event.value))
            return False
        except (AttributeError, IndexError, KeyError):  # an explicit tag on text it does not fit: !!bool maybe
            self.fail(line, loc, _("%(value)s is not a real date", value=event.value) if kind == "timestamp" else _tag_refused(tag))
            return False
        if kind == "timestamp" and isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        plain = not event.style  # "" from libyaml, None from the Python parser
        self.positions[loc] = (line, event.value, kind) if plain else line
        self.attach(parent, value)
        return True


def _is_merge(event: _Node) -> bool:
    """Whether a key is YAML's merge key. Only that of a key's tag matters, so a plain key
    that cannot be `<<` is not resolved at all (most keys: most of a file's scalars)."""
    if isinstance(event, yaml.ScalarEvent) and event.tag is None and not _IMPLICIT_ANYWHERE and event.value[:1] not in _MAY_MERGE:
        return False
    return not isinstance(event, yaml.AliasEvent) and _tag(event) == _MERGE


def _tag(event: yaml.ScalarEvent | _Start) -> str:
    """The tag of a node, resolved as PyYAML's composer resolves it (`!` and no tag alike)."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    if isinstance(event, yaml.ScalarEvent):
        value = event.value
        if event.implicit[0]:
            for resolved, pattern in _IMPLICIT.get(value[0] if value else "", []) + _IMPLICIT_ANYWHERE:
                if pattern.match(value):
                    return resolved
        return _STR
    return _SEQ if isinstance(event, yaml.SequenceStartEvent) else _MAP


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
