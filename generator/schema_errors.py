"""Turn pydantic's validation errors into `Problem`s a secretary can act on.

Pydantic says "Input should be a valid string"; a secretary needs
``councils/x/council.yml:14: members[1].phone: 04567 is read as the number 2423 (a leading
0 means octal in YAML 1.1); write "04567" in quotes``. This module supplies the file line
from the YAML positions, the YAML 1.1 explanation, and the list of allowed values or fields.
"""

from __future__ import annotations

import difflib
import re
import types
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator import messages
from generator.model import CONTENT_FILE_PATTERN, EMAIL_PATTERN, REVIEWED_NUMBER_PATTERN, SUCCESS_CRITERION_PATTERN, WEB_ADDRESS_PATTERN
from generator.problems import Problem, field_path
from generator.vocabulary import meaning
from generator.yamlsafe import Document, Loc, explain_implicit

M = TypeVar("M", bound=BaseModel)

_TEXT_ERRORS = {"string_type", "string_too_short"}


def _pattern_hint(pattern: str) -> str:
    """What a value matching `pattern` looks like, in the current language."""
    hints = {
        WEB_ADDRESS_PATTERN: messages.gettext("expected an address starting with https://"),
        EMAIL_PATTERN: messages.gettext("expected an e-mail address such as name@example.org"),
        SUCCESS_CRITERION_PATTERN: messages.gettext("expected a WCAG success criterion by its number, such as 1.4.3"),
        CONTENT_FILE_PATTERN: messages.gettext("expected a file under content/ such as assets/logo.svg (letters, digits, -, _, . and /)"),
        r"^([01]?\d|2[0-3]):[0-5]\d$": messages.gettext('expected a time as "HH:MM" in quotes'),
        REVIEWED_NUMBER_PATTERN: messages.gettext("expected the number masked as raad check prints it, e.g. xxxxxxxxx45"),
    }
    return hints.get(pattern) or messages.gettext("expected text matching %(pattern)s", pattern=pattern)


def validate(model: type[M], doc: Document, path: str) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against a model; on failure, one problem per wrong value."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {}), []
    except ValidationError as exc:
        return None, [_problem(model, error, doc, path) for error in exc.errors()]


def _problem(model: type[BaseModel], error: ErrorDetails, doc: Document, path: str) -> Problem:
    loc: Loc = tuple(error["loc"])
    return Problem(path, doc.line(loc), field_path(loc), _message(model, error, doc, loc))


def _fixed(kind: str) -> str | None:
    """The message of an error that does not depend on the value."""
    if kind == "missing":
        return messages.gettext("is required but missing")
    if kind == "list_type":
        return messages.gettext("expected a list (one '- ' line per item)")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return messages.gettext("expected fields (name: value) here")
    if kind == "too_short":
        return messages.gettext("must not be empty")
    return None


def _with_value(kind: str, value: Any) -> str | None:
    """The message of a wrong type that names the value written."""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return messages.gettext("expected a whole number but got %(value)s", value=_show(value))
    if kind in ("bool_type", "bool_parsing"):
        return messages.gettext("expected true or false but got %(value)s", value=_show(value))
    if kind in _TEXT_ERRORS:
        if value == "":
            return messages.gettext("must not be empty")
        return messages.gettext("expected text but got %(value)s", value=_show(value))
    return None


def _message(model: type[BaseModel], error: ErrorDetails, doc: Document, loc: Loc) -> str:
    kind = error["type"]
    value = error.get("input")
    explained = _implicit(kind, value, doc, loc) or _fixed(kind) or _with_value(kind, value)
    if explained:
        return explained
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind in ("enum", "literal_error"):
        return _not_allowed(model, loc, value)
    if kind == "string_pattern_mismatch":
        return _pattern_mismatch(str((error.get("ctx") or {}).get("pattern", "")), value)
    if kind in ("greater_than_equal", "greater_than"):
        return _too_small(kind, error)
    return _own(kind, error) or error["msg"].removeprefix("Value error, ")


def _own(kind: str, error: ErrorDetails) -> str | None:
    """The errors the model raises itself (`generator.model`), in the current language."""
    if kind == "date_expected":
        return messages.gettext("expected a date as YYYY-MM-DD")
    if kind == "date_with_time":
        return messages.gettext("expected a date as YYYY-MM-DD without a time")
    if kind == "date_invalid":
        return messages.gettext("%(value)s is not a real date", value=(error.get("ctx") or {}).get("value"))
    if kind == "email":
        return messages.gettext("expected an e-mail address such as name@example.org")
    return None


def _not_allowed(model: type[BaseModel], loc: Loc, value: Any) -> str:
    """The allowed values, and the one to write where `value` is a Norwegian word for it."""
    target = _type_at(model, loc)
    allowed = ", ".join(_allowed_values(target))
    word = meaning(target, value) if isinstance(target, type) and issubclass(target, Enum) else None
    if word is None:
        return messages.gettext("expected one of %(allowed)s but got %(value)s", allowed=allowed, value=_show(value))
    return messages.gettext(
        "%(value)s is not an allowed value; write %(suggested)s (%(word)s). Allowed values: %(allowed)s",
        value=_show(value),
        suggested=word.value,
        word=word.name(messages.language()),
        allowed=allowed,
    )


def _pattern_mismatch(pattern: str, value: Any) -> str:
    hint = _pattern_hint(pattern)
    if pattern == WEB_ADDRESS_PATTERN and isinstance(value, str) and re.match(r"^https?://\S", value):
        hint = messages.gettext("expected an address without spaces, quotes, <, > or backslashes (write them percent-encoded, as %%20)")
    return messages.gettext("%(hint)s but got %(value)s", hint=hint, value=_show(value))


def _too_small(kind: str, error: ErrorDetails) -> str:
    limits = error.get("ctx") or {}
    if kind == "greater_than_equal":
        return messages.gettext("input should be greater than or equal to %(limit)s", limit=limits.get("ge"))
    return messages.gettext("input should be greater than %(limit)s", limit=limits.get("gt"))


def _implicit(kind: str, value: Any, doc: Document, loc: Loc) -> str | None:
    """The YAML 1.1 explanation, where the value was not meant as what YAML read
    (`no` as false, `04567` as a number)."""
    position = doc.exact(loc)
    if position is None or not position.implicit or kind in ("missing", "extra_forbidden"):
        return None
    explained = explain_implicit(position, value)
    if explained and (kind in _TEXT_ERRORS or kind.startswith(("string", "enum", "literal")) or position.implicit == "null"):
        return explained
    return None


def _show(value: Any) -> str:
    """A value as a message quotes it: 'leder' in English, «leder» in Norwegian."""
    if isinstance(value, dict):
        return messages.gettext("a mapping")
    if isinstance(value, list):
        return messages.gettext("a list")
    if value is None:
        return messages.gettext("nothing")
    if isinstance(value, str):
        return messages.quoted(repr(value)[1:-1] if repr(value)[0] == "'" else value)
    return str(value)


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    owner = _type_at(model, loc[:-1])
    if not (isinstance(owner, type) and issubclass(owner, BaseModel)):
        return messages.gettext("unknown field")
    names = sorted((f.alias or name) for name, f in owner.model_fields.items())
    guess = difflib.get_close_matches(str(loc[-1]), names, n=1)
    if guess:
        return messages.gettext("unknown field; expected one of %(names)s; did you mean %(guess)s?", names=", ".join(names), guess=guess[0])
    return messages.gettext("unknown field; expected one of %(names)s", names=", ".join(names))


def _allowed_values(target: Any) -> list[str]:
    if isinstance(target, type) and issubclass(target, Enum):
        return [str(member.value) for member in target]
    if get_origin(target) is Literal:
        return [str(arg) for arg in get_args(target)]
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type a value must have."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(tp) if arg is not type(None)]
            if len(options) != 1:
                return tp
            tp = options[0]
        else:
            return tp


def _type_at(model: type[BaseModel], loc: Loc) -> Any:
    """The declared type of the value at `loc`, found by walking the model's fields."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        origin = get_origin(tp)
        if isinstance(part, int) and origin is list:
            tp = get_args(tp)[0]
        elif origin is dict:
            tp = get_args(tp)[1]
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {(f.alias or name): f for name, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[str(part)].annotation
        else:
            return None
    return _unwrap(tp)
