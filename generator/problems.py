"""What every loader and checker returns: a problem that names file, line and field.

Nothing in raad prints or raises for bad input; it returns `Problem`s, so that one run
reports every mistake at once and the CLI decides how to show them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

from generator.identity_numbers import redact


class Severity(StrEnum):
    """ERROR stops a build; WARNING does with `--strict`; NOTE never does: it reports the
    health of a council (`generator.health`), which no change to the files can hurry."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, located as precisely as the input allows.

    `path` is relative to the project folder (``councils/x/council.yml``); `line` is
    1-based, or None when the problem concerns a whole file or folder; `field` is the
    dotted path inside the file (``members[2].role``), or "" for the file itself.
    """

    path: str
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        """Mask every personal identity number the problem quotes, in its message, its field
        or its file's name (`identity_numbers.redact`): whatever reports it, the terminal,
        JSON for CI or the preview, never shows a number in full."""
        for name in ("path", "field", "message"):
            object.__setattr__(self, name, redact(getattr(self, name)))

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.field, self.message)

    def format(self) -> str:
        """``path:line: field: message`` with a ``warning:`` or ``note:`` tag."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        tag = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {tag}{field}{self.message}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def field_path(loc: tuple[str | int, ...]) -> str:
    """Render a location tuple the way a reader of the YAML file thinks of it: ``members[2].role``.

    Indexes are 0-based, as every YAML tool counts them.
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def as_errors(problems: list[Problem]) -> list[Problem]:
    """`problems` with every warning made an error, as `--strict` asks; notes stay notes."""
    return [p if p.severity is Severity.NOTE else Problem(p.path, p.line, p.field, p.message, Severity.ERROR) for p in problems]


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
