"""A page not rendered again must be one whose key holds everything it shows: after each
change to what a kept page or file shows (a council renamed and moved, a minutes title, a
follow-up, a replaced PDF, a PDF read again after its reader crashed, the day passing into
a new year), an incremental `raad build` publishes the very bytes a clean build of the same
project publishes (tests/test_incremental_build.py does so for the changes issue 16 names)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import PINNED_TIME, TODAY, copy_example, pin_times, run_build, tree_bytes
from generator import pdftext

HEIM = "councils/eksempelheim-helse-og-velferdssenter"
VEIEN = "councils/eksempelveien-bo-og-dagtilbud"



def _edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _differences_from_a_clean_build(tmp_path: Path, project: Path, out: Path, today: dt.date = TODAY) -> list[str]:
    """The published files in which `out` differs from a clean build of `project` (a copy
    with the same file times, without its docs tree and site)."""
    clean_project = tmp_path / "clean"
    shutil.rmtree(clean_project, ignore_errors=True)
    shutil.copytree(project, clean_project, ignore=shutil.ignore_patterns("build", "site"))
    clean_out = tmp_path / "clean-site"
    shutil.rmtree(clean_out, ignore_errors=True)
    assert run_build(clean_project, clean_out, today=today).exit_code == 0
    rebuilt, clean = tree_bytes(out), tree_bytes(clean_out)
    return sorted(path for path in rebuilt.keys() | clean.keys() if rebuilt.get(path) != clean.get(path))


def _crashing_reader(name: str) -> Callable[..., object]:
    """`read_pdf`, but the reader process dies without an answer on the PDF called `name`."""
    real = pdftext.read_pdf

    def read(path: Path, **options: object) -> object:
        if path.name == name:
            os._exit(3)
        return real(path, **options)  # type: ignore[arg-type]

    return read


def test_a_pdf_read_again_after_its_reader_crashed_shows_its_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crashed reader's outcome is not cached ("the next build reads the document again"),
    but the page's key named the PDF by its cache key alone: the next build read the text and
    kept the page that says the text could not be extracted."""
    project = copy_example(tmp_path / "project")
    pin_times(project)
    out = tmp_path / "site"
    monkeypatch.setattr(pdftext, "read_pdf", _crashing_reader("2026-05-12.pdf"))  # the forked reader inherits it
    assert run_build(project, out).exit_code == 0
    page = out / "rad/eksempelveien-bo-og-dagtilbud/referat/2026-05-12/index.html"
    assert "raad-pdf-text" not in page.read_text(encoding="utf-8"), "the page says the text could not be extracted"
    monkeypatch.undo()
    assert run_build(project, out).exit_code == 0
    assert "raad-pdf-text" in page.read_text(encoding="utf-8"), "the text read this time is shown"
    assert _differences_from_a_clean_build(tmp_path, project, out) == []


def test_the_calendar_of_a_sector_without_councils_follows_the_councils_it_is_dated_by(tmp_path: Path) -> None:
    """An empty calendar's time zone covers the years its councils last changed; a sector
    without councils takes every council's (calendars._years), but its key held none of them."""
    project = copy_example(tmp_path / "project")
    _edit(project, "site-config.yml", "sectors:\n", "sectors:\n  - id: ny\n    name: Ny sektor\n    order: 9\n")
    pin_times(project)
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    for path in (project / HEIM).rglob("*"):  # the council last changed a year earlier
        os.utime(path, (PINNED_TIME - 400 * 86400, PINNED_TIME - 400 * 86400))
    assert run_build(project, out).exit_code == 0
    assert _differences_from_a_clean_build(tmp_path, project, out) == []


def _rename_and_move_council(project: Path) -> None:
    _edit(project, f"{HEIM}/council.yml", "name: Brukerråd ved Eksempelheim", "name: Rådet ved Eksempelheim")
    _edit(project, f"{HEIM}/council.yml", "sector: helse-og-velferdssentre", "sector: hjemmetjenester")


def _retitle_and_follow_up(project: Path) -> None:
    _edit(project, f"{HEIM}/minutes/2026-09-15.md", "title: Møte i brukerrådet", "title: Ekstramøte i brukerrådet")
    _edit(project, f"{HEIM}/minutes/2026-04-14.md", "status: followed", "status: not_followed, justification: Nei")


def _replace_pdf(project: Path) -> None:
    shutil.copy(project / f"{VEIEN}/minutes/2026-03-17.pdf", project / f"{VEIEN}/minutes/2026-05-12.pdf")


CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    ("a council renamed and moved to another sector", _rename_and_move_council),
    ("a minutes title and a follow-up changed", _retitle_and_follow_up),
    ("a minutes PDF replaced", _replace_pdf),
]


def test_rebuilds_after_changes_to_what_keyed_pages_show_equal_clean_builds(tmp_path: Path) -> None:
    """Guards for the keys (these pass): what the minutes, decision, council and archive pages,
    the feeds and the open data show of a council and a document; and a day that passes into
    the next year (health, former councils, meetings to come)."""
    project = copy_example(tmp_path / "project")
    pin_times(project)
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    for change, apply in CHANGES:
        apply(project)
        pin_times(project)
        assert run_build(project, out).exit_code == 0, change
        assert _differences_from_a_clean_build(tmp_path, project, out) == [], change
    later = dt.date(2027, 1, 5)
    assert run_build(project, out, today=later).exit_code == 0
    assert _differences_from_a_clean_build(tmp_path, project, out, today=later) == []


def test_a_site_on_a_file_system_without_hard_links_is_rebuilt_by_copying(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some file systems (FAT, exFAT, some network shares) refuse hard links: the rebuild into
    a copy of the published site must then copy the unchanged pages, not fail."""
    project = copy_example(tmp_path / "project")
    pin_times(project)
    out = tmp_path / "site"
    assert run_build(project, out).exit_code == 0
    _retitle_and_follow_up(project)
    pin_times(project)

    def no_links(source: object, destination: object) -> None:
        raise PermissionError(1, "Operation not permitted", str(destination))

    monkeypatch.setattr(os, "link", no_links)  # the engine is raad's only user of links
    rebuilt = run_build(project, out, "--timings")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "changed of" in rebuilt.output, "re-rendered into a copy"
    monkeypatch.undo()
    assert _differences_from_a_clean_build(tmp_path, project, out) == []
