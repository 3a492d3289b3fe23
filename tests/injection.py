"""A project with a script-injection payload in every field that reaches the site.

The payloads (`tests/hostile/payloads.txt`) and the fields (`tests/hostile/fields.yml`) are
data; this module places them. Building one site per payload and field would take hours, so
the payloads are spread: a field of instance j of a file kind (council j, sector j, minutes of
council j, content page j) holds the payloads k with k mod n == j, joined, so every payload
sits in every field somewhere in one site. A value that raad refuses (an error naming its file
and field) never reaches the site; the placement asks raad's own check first and leaves those
out, so that one refused value does not stop the whole build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.checks import check_project
from generator.load import load_project
from generator.problems import Problem, Severity

HERE = Path(__file__).parent / "hostile"
MARKER_HOST = "marker.raad.test"
"""Every payload that loads something asks this host; a request to it means a payload ran."""
TEMPLATE_HITS = ("RAADTMPL49", "RAADTMPLX")
"""What the template payloads print if a template engine evaluated them."""
INSTANCES = 12
"""Councils (and content pages) in the site, at least: each field of each holds about
payloads / INSTANCES payloads."""

COUNCIL_KINDS = ("sector", "council_type", "council.yml", "mandate.md", "minutes.md", "minutes.yml")
"""File kinds that come one per council: council j has sector j, type j, and minutes."""
CONTENT_KINDS = ("content.md", "content-heading.md", "content-filename.md")


def payloads() -> list[str]:
    lines = (HERE / "payloads.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("# ") and line != "#"]


@dataclass(frozen=True)
class Field:
    """One field of `fields.yml`: where a payload goes in one file kind."""

    kind: str
    path: str
    prefix: str = ""
    suffix: str = ""
    joinable: bool = True
    separator: str = " "

    def value(self, parts: list[str]) -> str:
        separator = "\n\n" if self.path == "body" else self.separator
        return self.prefix + separator.join(parts) + self.suffix


def fields() -> list[Field]:
    data = yaml.safe_load((HERE / "fields.yml").read_text(encoding="utf-8"))
    result = []
    for kind, entries in data.items():
        for entry in entries:
            spec = {"path": entry} if isinstance(entry, str) else entry
            result.append(Field(kind, **spec))
    return result


# --- the files of one instance ----------------------------------------------------------

PDF_PAYLOAD_PAGES = 2


def _site_config(values: dict[str, str], councils: int) -> dict[str, Any]:
    return {
        "municipality": "Testby kommune",
        "site_name": "Brukerråd i Testby",
        "site_url": "https://example.org/brukerrad/",
        "edit_url": "https://example.org/edit/",
        "language": "nb",
        "theme": {
            "palette": [
                {"scheme": "default", "primary": "indigo", "accent": "indigo", "toggle": {"icon": "material/brightness-7", "name": "Mørk"}},
                {"scheme": "slate", "primary": "indigo", "accent": "indigo", "toggle": {"icon": "material/brightness-4", "name": "Lys"}},
            ],
            "features": ["navigation.tabs"],
        },
        "sectors": [_sector(j, values) for j in range(councils)],
        "council_types": {f"t{j:03}": _council_type(j, values) for j in range(councils)},
    }


def _sector(j: int, values: dict[str, str]) -> dict[str, Any]:
    doc = {"id": f"s{j:03}", "name": f"Sektor {j}", "description": "Om sektoren.", "order": j}
    doc["contact_meetings"] = [{"date": dt.date(2026, 3, 18), "committee": "Komiteen", "topic": "Tema"}]
    return _apply(doc, values, f"sector/{j}")


def _council_type(j: int, values: dict[str, str]) -> dict[str, Any]:
    doc = {"label": f"Type {j}", "description": "Regler.", "representatives": {"min": 1}, "deputies": {"kind": "none"}}
    return _apply(doc, values, f"council_type/{j}")


def _council(j: int, values: dict[str, str]) -> dict[str, Any]:
    term = {"from": dt.date(2026, 1, 1), "to": dt.date(2027, 12, 31)}
    doc = {
        "name": f"Brukerråd {j}",
        "type": f"t{j:03}",
        "sector": f"s{j:03}",
        "unit": f"Enhet {j}",
        "established": dt.date(2010, 1, 1),
        "mandate": "mandate.md",
        "mandate_given_by": "kommunalsjefen",
        "contact": {"email": f"rad{j}@example.org", "phone": "+47 00 00 00 00", "address": "Gata 1", "url": "https://example.org/rad"},
        "members": [
            {
                "id": "a",
                "name": "Anna A",
                "role": "chair",
                "represents": "relatives",
                "title": "leder",
                "organisation": "Foreningen",
                "email": {"value": "anna@example.org", "public": True},
                "phone": {"value": "+47 11 11 11 11", "public": True},
                **term,
            },
            {"id": "b", "name": "Bo B", "role": "user_representative", "represents": "residents", **term},
            {"id": "c", "name": "Cai C", "role": "user_representative", "represents": "relatives", **term},
            {"name": "Dag D", "role": "deputy", "deputy_for": "a", **term},
            {"name": "Eva E", "role": "deputy", "deputy_for": "b", **term},
            {"name": "Fia F", "role": "deputy", "deputy_for": "c", **term},
            {"name": "Gro G", "role": "unit_manager", "email": "gro@example.org"},
        ],
        "meetings": [
            {"date": dt.date(2026, 3, 1), "time": "18:00"},
            {"date": dt.date(2026, 12, 1), "time": "18:00", "place": "Møterommet", "note": "Åpent møte"},
        ],
    }
    return _apply(doc, values, f"council.yml/{j}")


def _minutes_meta(j: int, values: dict[str, str], kind: str, approved: dt.date) -> dict[str, Any]:
    doc = {
        "title": f"Møte {j}",
        "approved": approved,
        "agenda": ["Budsjett"],
        "attendees": ["Anna A"],
        "absent": ["Bo B"],
        "decisions": [
            {
                "id": f"{j}/26",
                "advice": "Rådet anbefaler mer bemanning.",
                "follow_up": {"status": "not_followed", "date": approved, "justification": "Ingen midler."},
            }
        ],
    }
    return _apply(doc, values, f"{kind}/{j}")


def _apply(doc: dict[str, Any], values: dict[str, str], instance: str) -> dict[str, Any]:
    for key, value in values.items():
        owner, _, path = key.rpartition(":")
        if owner == instance and path not in ("body", "heading", "filename"):
            _set(doc, path, value)
    return doc


def _set(doc: Any, path: str, value: str) -> None:
    *parents, last = path.split(".")
    for part in parents:
        doc = doc[int(part)] if isinstance(doc, list) else doc.setdefault(part, {})
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


def _front_matter(meta: dict[str, Any], body: str) -> str:
    return "---\n" + _yaml(meta) + "---\n" + body + "\n"


def _yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


BODY = "## Sak 1\n\nRådet drøftet saken."


def filename_ok(name: str) -> bool:
    """Whether `name` can be a file name at all here (a payload with / cannot)."""
    return "/" not in name and "\0" not in name and len(f"{name}.md".encode()) <= 255 and name not in (".", "..", "index")


def write_project(root: Path, values: dict[str, str], site: dict[str, str], councils: int, pages: int | dict[str, int], pdf: Path) -> Path:
    """The project: `values` by ``kind/instance:path`` (e.g. ``council.yml/3:members.0.name``),
    `site` by path in site-config.yml; `councils` councils and `pages` pages of each content kind."""
    config = _site_config(values, councils)
    for path, value in site.items():
        _set(config, path, value)
    files: dict[str, str | bytes] = {"site-config.yml": _yaml(config)}
    for j in range(councils):
        folder = f"councils/c{j:03}"
        files[f"{folder}/council.yml"] = _yaml(_council(j, values))
        files[f"{folder}/mandate.md"] = values.get(f"mandate.md/{j}:body", "Rådet gir råd.") + "\n"
        md_meta = _minutes_meta(j, values, "minutes.md", dt.date(2026, 4, 14))
        files[f"{folder}/minutes/2026-02-10.md"] = _front_matter(md_meta, values.get(f"minutes.md/{j}:body", BODY))
        files[f"{folder}/minutes/2026-05-10.yml"] = _yaml(_minutes_meta(j, values, "minutes.yml", dt.date(2026, 6, 14)))
        files[f"{folder}/minutes/2026-05-10.pdf"] = pdf.read_bytes()
    count = pages if isinstance(pages, dict) else dict.fromkeys(CONTENT_KINDS, pages)
    for j in range(count["content.md"]):
        meta = _apply({"title": f"Side {j}", "nav_order": j + 10}, values, f"content.md/{j}")
        files[f"content/p{j:03}.md"] = _front_matter(meta, values.get(f"content.md/{j}:body", "Tekst."))
    for j in range(count["content-heading.md"]):
        heading = values.get(f"content-heading.md/{j}:heading", f"Overskrift {j}")
        files[f"content/h{j:03}.md"] = f"# {heading}\n\nTekst.\n"
    for j in range(count["content-filename.md"]):
        name = values.get(f"content-filename.md/{j}:filename", f"fil-{j:03}")
        files[f"content/f{j:03}/{name}.md"] = _front_matter({"nav_order": 500 + j}, "Tekst.")
    for relative, content in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


# --- which values raad accepts ----------------------------------------------------------


def _instance_file(kind: str, j: int, value: str | None = None) -> str:
    return {
        "sector": "site-config.yml",
        "council_type": "site-config.yml",
        "council.yml": f"councils/c{j:03}/council.yml",
        "mandate.md": f"councils/c{j:03}/mandate.md",
        "minutes.md": f"councils/c{j:03}/minutes/2026-02-10.md",
        "minutes.yml": f"councils/c{j:03}/minutes/2026-05-10.yml",
        "content.md": f"content/p{j:03}.md",
        "content-heading.md": f"content/h{j:03}.md",
        "content-filename.md": f"content/f{j:03}/{value}.md",
    }[kind]


def _field_prefix(kind: str, j: int) -> str:
    return {"sector": f"sectors.{j}.", "council_type": f"council_types.t{j:03}."}.get(kind, "")


def _normal(field_text: str) -> str:
    return re.sub(r"\[(\d+)\]", r".\1", field_text).strip(".")


def _concerns(problem: Problem, spec: Field, j: int, value: str) -> bool:
    """Whether `problem` is raad refusing the value of `spec` in instance `j`."""
    if problem.path != _instance_file(spec.kind, j, value):
        return False
    if spec.path in ("body", "heading", "filename"):
        return not problem.field
    ours = _field_prefix(spec.kind, j) + spec.path
    theirs = _normal(problem.field)
    return bool(theirs) and (ours.startswith(theirs) or theirs.startswith(ours))


@dataclass
class Placement:
    """Which payloads raad accepted in which field, and the project that holds them all."""

    accepted: dict[Field, list[str]] = field(default_factory=dict)
    refused: dict[Field, list[str]] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    site: dict[str, str] = field(default_factory=dict)
    councils: int = INSTANCES
    pages: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONTENT_KINDS, INSTANCES))

    def count(self, spec: Field) -> int:
        return self.councils if spec.kind in COUNCIL_KINDS else self.pages[spec.kind]


def _errors(root: Path, today: dt.date) -> list[Problem]:
    project = load_project(root, today)
    return [p for p in check_project(project, today) if p.severity is Severity.ERROR]


def _one_per_instance(specs: list[Field], items: list[str]) -> dict[str, str]:
    """Payload k + offset in every field of instance k (the offset differs per field, so that
    two fields of one file, such as the decision ids of two minutes, never hold the same)."""
    values: dict[str, str] = {}
    for offset, spec in enumerate(specs):
        for j in range(len(items)):
            value = spec.value([items[(j + offset) % len(items)]])
            if spec.path != "filename" or filename_ok(value):
                values[f"{spec.kind}/{j}:{spec.path}"] = value
    return values


def classify(work: Path, specs: list[Field], items: list[str], pdf: Path, today: dt.date) -> Placement:
    """Ask raad which payload it accepts in which field: one project with payload k in every
    field of instance k; every error must be raad refusing one of those values."""
    placement = Placement()
    instance_specs = [s for s in specs if s.kind != "site-config.yml"]
    values = _one_per_instance(instance_specs, items)
    root = write_project(work / "classify", values, {}, len(items), len(items), pdf)
    problems = _errors(root, today)
    for spec in instance_specs:
        placement.accepted[spec], placement.refused[spec] = [], []
        for j in range(len(items)):
            value = values.get(f"{spec.kind}/{j}:{spec.path}")
            payload = items[(j + instance_specs.index(spec)) % len(items)]
            refused = value is None or any(_concerns(p, spec, j, value) for p in problems)
            (placement.refused if refused else placement.accepted).setdefault(spec, []).append(payload)
    unexplained = [p for p in problems if not any(_concerns(p, s, k, values.get(f"{s.kind}/{k}:{s.path}", "")) for s in instance_specs for k in range(len(items)))]
    assert not unexplained, "errors that are not a refused payload:\n" + "\n".join(p.format() for p in unexplained)
    _classify_site_fields(work / "site", [s for s in specs if s.kind == "site-config.yml"], items, pdf, today, placement)
    return placement


def _classify_site_fields(work: Path, specs: list[Field], items: list[str], pdf: Path, today: dt.date, placement: Placement) -> None:
    """site-config.yml holds one value per field per site: first all payloads joined in every
    field, then, for the fields where raad refused that, each payload on its own (one check
    per payload, every such field at once; only site-config.yml is rewritten)."""
    root = write_project(work, {}, {}, 1, 0, pdf)

    def refused(values: dict[Field, str]) -> set[Field]:
        config = _site_config({}, 1)
        for spec, value in values.items():
            _set(config, spec.path, value)
        (root / "site-config.yml").write_text(_yaml(config), encoding="utf-8")
        problems = [p for p in _errors(root, today) if p.path == "site-config.yml"]
        return {spec for spec in values if any(_normal(p.field).startswith(spec.path) or spec.path.startswith(_normal(p.field)) for p in problems if p.field)}

    joined = refused({spec: spec.value(items) for spec in specs if spec.joinable})
    single = [spec for spec in specs if not spec.joinable or spec in joined]
    for spec in specs:
        placement.accepted[spec], placement.refused[spec] = ([], []) if spec in single else (list(items), [])
    for payload in items:
        bad = refused({spec: spec.value([payload]) for spec in single})
        for spec in single:
            (placement.refused if spec in bad else placement.accepted)[spec].append(payload)


def spread(placement: Placement) -> Placement:
    """Every accepted payload in its field, spread over the instances; one value per
    instance for fields that hold one payload at a time."""
    widest: dict[str, int] = defaultdict(int)
    for spec, good in placement.accepted.items():
        if not spec.joinable:
            group = "councils" if spec.kind in COUNCIL_KINDS else spec.kind
            widest[group] = max(widest[group], len(good))
    placement.councils = max(INSTANCES, widest["councils"])
    placement.pages = {kind: max(INSTANCES, widest[kind]) for kind in CONTENT_KINDS}
    kinds = list(dict.fromkeys(spec.kind for spec in placement.accepted))
    for spec, good in placement.accepted.items():
        # One rotation per file kind: a council's two minutes never hold the same
        # decision id, and the fields of one file hold the same payloads.
        offset = kinds.index(spec.kind)
        if spec.kind == "site-config.yml":
            if good:
                placement.site[spec.path] = spec.value(good) if spec.joinable else spec.value([good[0]])
            continue
        for j, parts in enumerate(_groups(good, placement.count(spec), offset, spec.joinable)):
            if parts:
                placement.values[f"{spec.kind}/{j}:{spec.path}"] = spec.value(parts)
    return placement


def _groups(items: list[str], n: int, offset: int, joinable: bool) -> Iterable[list[str]]:
    if not joinable:
        return [[items[j]] if j < len(items) else [] for j in range(n)]
    groups: list[list[str]] = [[] for _ in range(n)]
    for k, item in enumerate(items):
        groups[(k + offset) % n].append(item)
    return groups


def site_variants(placement: Placement) -> list[dict[str, str]]:
    """Fields of site-config.yml that hold one payload at a time need a site per accepted
    payload beyond the first; each variant is one more (small) build."""
    variants = []
    for spec, good in placement.accepted.items():
        if spec.kind == "site-config.yml" and not spec.joinable:
            variants += [{spec.path: spec.value([payload])} for payload in good[1:]]
    return variants


def pdf_document() -> list[list[tuple[str, str]]]:
    """The PDF minutes' text: every payload, as headings and paragraphs over two pages."""
    items = payloads()
    half = len(items) // PDF_PAYLOAD_PAGES
    return [[(items[k], items[k]) for k in range(start, end)] for start, end in ((0, half), (half, len(items)))]


