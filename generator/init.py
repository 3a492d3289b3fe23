"""`raad init`: a new, empty municipality project that `raad check --strict` and `raad build`
accept at once.

The project is written from the files under `generator/scaffold/` (installed with the
package): `project/` as it is, `pages/<language>/` into content/ (with `fields/<language>/`
filling in the sectors and the accessibility statement in the site's language), and `content/` (the staff
guide) into content/ too. Names starting with `dot-` become dot files (`.gitignore`,
`.github/`), since package data leaves dot files out; files ending in `.tmpl` have their
`%{name}` fields filled in (not `$name`, which the YAML schema comments and GitHub's
`${{ }}` use). The JSON Schemas are written from the model, as `raad schema` writes them,
so that the editor settings in `.vscode/` point at schemas inside the project.

Nothing of the example municipality is in the scaffold: the councils come from the
municipality's own staff, starting from the template under `maler/`, which is not published.
"""

from __future__ import annotations

import datetime as dt
import os
import string
import textwrap
from dataclasses import dataclass
from pathlib import Path

from generator import messages
from generator.model import CONTENT_DIR, Language
from generator.schema import expected_schemas

SCAFFOLD = Path(__file__).parent / "scaffold"
TEMPLATE_SUFFIX = ".tmpl"
DOT_PREFIX = "dot-"
SCHEMA_FOLDER = "schemas"
DEFAULT_SITE_URL = "https://example.org/brukerrad/"
"""A placeholder address (example.org is reserved for examples): a project is built with it
until its site-config.yml names the real one."""
DEFAULT_CONTACT_EMAIL = "postmottak@example.org"
"""A placeholder for the accessibility statement's contact, until the municipality names its own."""
SITE_NAMES: dict[str, str] = {"nb": "Brukerråd i {}", "nn": "Brukarråd i {}", "en": "User councils in {}"}
FIRST_SECTORS: dict[str, str] = {"nb": "helse-og-omsorg", "nn": "helse-og-omsorg", "en": "health-and-care"}
"""The sector of the template council: the first of each language's starting sectors."""


class ProjectTemplate(string.Template):
    """`%{name}` fields: neither YAML, Markdown nor GitHub's `${{ }}` expressions use `%{`."""

    delimiter = "%"


class NotEmptyError(Exception):
    """The target folder holds files: init writes only into a new or empty folder."""


@dataclass(frozen=True)
class Municipality:
    """What a new project starts from."""

    name: str
    site_url: str = DEFAULT_SITE_URL
    language: Language = "nb"
    contact_email: str = DEFAULT_CONTACT_EMAIL

    @property
    def site_name(self) -> str:
        return SITE_NAMES[self.language].format(self.name)

    def fields(self, today: dt.date) -> dict[str, str]:
        own = SCAFFOLD / "fields" / self.language
        sectors = (own / "sectors.yml").read_text(encoding="utf-8")
        method = (own / "accessibility.txt").read_text(encoding="utf-8").strip()
        return {
            "municipality": _yaml_text(self.name),
            "site_name": _yaml_text(self.site_name),
            "heading": self.site_name,
            "site_url": self.site_url,
            "language": self.language,
            "sectors": sectors.rstrip("\n"),
            "accessibility_method": textwrap.fill(method, width=92, initial_indent="    ", subsequent_indent="    "),
            "contact_email": self.contact_email,
            "sector": FIRST_SECTORS[self.language],
            "today": today.isoformat(),
        }


def _yaml_text(text: str) -> str:
    """A name as a YAML value: quoted when YAML would read it as something else."""
    plain = text and text.strip() == text and not any(c in text for c in ':#"\'{}[]&*!|>%@`,') and text[0] not in "-?"
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def target_name(relative: Path) -> Path:
    """Where a scaffold file goes: `dot-github/x.yml` to `.github/x.yml`, `a.md.tmpl` to `a.md`."""
    parts = [f".{part.removeprefix(DOT_PREFIX)}" if part.startswith(DOT_PREFIX) else part for part in relative.parts]
    path = Path(*parts)
    return path.with_name(path.name.removesuffix(TEMPLATE_SUFFIX))


def scaffold_files(municipality: Municipality, today: dt.date) -> dict[str, str]:
    """Every file of the new project, by its path relative to the project, with its text."""
    fields = municipality.fields(today)
    sources = [
        (SCAFFOLD / "project", Path()),
        (SCAFFOLD / "pages" / municipality.language, Path(CONTENT_DIR)),
        (SCAFFOLD / CONTENT_DIR, Path(CONTENT_DIR)),
    ]
    files: dict[str, str] = {}
    for source, destination in sources:
        for path in _files(source):
            text = path.read_text(encoding="utf-8")
            if path.name.endswith(TEMPLATE_SUFFIX):
                text = ProjectTemplate(text).substitute(fields)
            files[(destination / target_name(path.relative_to(source))).as_posix()] = text
    files.update({f"{SCHEMA_FOLDER}/{name}": text for name, text in expected_schemas().items()})
    return files


def _files(folder: Path) -> list[Path]:
    """The files under `folder`, sorted, without dot files (a `.gitkeep` that keeps an empty
    folder in git). Links are followed: in a checkout of raad, `project/theme` is a link to
    the repository's own theme/, so that there is one copy of it (a wheel holds the files)."""
    found = []
    for top, _folders, names in os.walk(folder, followlinks=True):
        found += [Path(top) / name for name in names if not name.startswith(".")]
    return sorted(found)


def init_project(directory: Path, municipality: Municipality, today: dt.date) -> list[str]:
    """Write a new project into `directory` (created if missing); refuse a folder with
    anything in it, so that no one's files are overwritten. Returns the files written."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise NotEmptyError(
            messages.gettext(
                "%(directory)s is not an empty folder; raad init writes only into a new or empty one", directory=directory
            )
        )
    files = scaffold_files(municipality, today)
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return sorted(files)
