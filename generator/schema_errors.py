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

from generator.model import CONTENT_FILE_PATTERN, EMAIL_PATTERN, REVIEWED_NUMBER_PATTERN, SUCCESS_CRITERION_PATTERN, WEB_ADDRESS_PATTERN
from generator.problems import Problem, field_path
from generator.yamlsafe import Document, Loc, explain_implicit

M = TypeVar("M", bound=BaseModel)

_TEXT_ERRORS = {"string_type", "string_too_short"}
_PATTERN_HINTS = {
    WEB_ADDRESS_PATTERN: "expected an address starting with https://",
    EMAIL_PATTERN: "expected an e-mail address such as name@example.org",
    SUCCESS_CRITERION_PATTERN: "expected a WCAG success criterion by its number, such as 1.4.3",
    CONTENT_FILE_PATTERN: "expected a file under content/ such as assets/logo.svg (letters, digits, -, _, . and /)",
    r"^([01]?\d|2[0-3]):[0-5]\d$": 'expected a time as "HH:MM" in quotes',
    REVIEWED_NUMBER_PATTERN: "expected the number masked as raad check prints it, e.g. xxxxxxxxx45",
}


def validate(model: type[M], doc: Document, path: str) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against a model; on failure, one problem per wrong value."""
    try:
        return model.model_validate(doc.data if doc.data is not None else {}), []
    except ValidationError as exc:
        return None, [_problem(model, error, doc, path) for error in exc.errors()]


def _problem(model: type[BaseModel], error: ErrorDetails, doc: Document, path: str) -> Problem:
    loc: Loc = tuple(error["loc"])
    return Problem(path, doc.line(loc), field_path(loc), _message(model, error, doc, loc))


_FIXED = {
    "missing": "is required but missing",
    "list_type": "expected a list (one '- ' line per item)",
    "model_type": "expected fields (name: value) here",
    "dict_type": "expected fields (name: value) here",
    "model_attributes_type": "expected fields (name: value) here",
    "too_short": "must not be empty",
}
_WITH_VALUE = {
    "int_type": "expected a whole number but got {value}",
    "int_parsing": "expected a whole number but got {value}",
    "int_from_float": "expected a whole number but got {value}",
    "bool_type": "expected true or false but got {value}",
    "bool_parsing": "expected true or false but got {value}",
}


def _message(model: type[BaseModel], error: ErrorDetails, doc: Document, loc: Loc) -> str:
    kind = error["type"]
    value = error.get("input")
    explained = _implicit(kind, value, doc, loc)
    if explained:
        return explained
    if kind in _FIXED:
        return _FIXED[kind]
    if kind in _WITH_VALUE:
        return _WITH_VALUE[kind].format(value=_show(value))
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind in ("enum", "literal_error"):
        return f"expected one of {', '.join(_allowed_values(model, loc))} but got {_show(value)}"
    if kind in _TEXT_ERRORS:
        return "must not be empty" if value == "" else f"expected text but got {_show(value)}"
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        hint = _PATTERN_HINTS.get(pattern, f"expected text matching {pattern}")
        if pattern == WEB_ADDRESS_PATTERN and isinstance(value, str) and re.match(r"^https?://\S", value):
            hint = "expected an address without spaces, quotes, <, > or backslashes (write them percent-encoded, as %20)"
        return f"{hint} but got {_show(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{error['msg'][0].lower()}{error['msg'][1:]}"
    return error["msg"].removeprefix("Value error, ")


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
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value) if isinstance(value, str) else str(value)


def _unknown_field(model: type[BaseModel], loc: Loc) -> str:
    owner = _type_at(model, loc[:-1])
    if not (isinstance(owner, type) and issubclass(owner, BaseModel)):
        return "unknown field"
    names = sorted((f.alias or name) for name, f in owner.model_fields.items())
    guess = difflib.get_close_matches(str(loc[-1]), names, n=1)
    hint = f"; did you mean {guess[0]}?" if guess else ""
    return f"unknown field; expected one of {', '.join(names)}{hint}"


def _allowed_values(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _type_at(model, loc)
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
