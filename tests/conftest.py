"""Small project trees written by the tests, the example site built once, and ways to run raad.

Every test runs on one pinned day, `TODAY`: nothing here reads the machine's clock, so the
suite gives the same answers in 2026 and in 2030.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock

import pytest
from bs4 import Tag
from click.testing import CliRunner
from playwright.sync_api import Browser, sync_playwright

from generator.build import build
from generator.cli import main
from generator.load import load_project
from generator.preview import QuietHandler

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)
"""The one day the whole suite runs on: within the example's terms, before its next meetings."""

SITE_CONFIG = """\
municipality: Testby kommune
site_name: Brukerråd i Testby
site_url: https://example.org/brukerrad/
language: nb
sectors:
  - {id: helse, name: Helse og velferd}
  - {id: oppvekst, name: Skoler og barnehager}
council_types:
  brukerrad:
    label: Brukerråd
    representatives: {one_of: [3, 5]}
    deputies: {kind: personal}
    term_years: 2
    meetings_per_year: {min: 2}
    chair: representative
    roles: [chair, deputy_chair, user_representative, deputy, unit_manager, staff, secretary]
  brukerutvalg:
    label: Brukerutvalg
    representatives: 2
    deputies: {kind: pooled, count: 1}
    chair: relative
accessibility:
  tested: 2026-10-01
  contact_email: postmottak@example.org
"""

COUNCIL = """\
name: Brukerråd ved Testheim
type: brukerrad
sector: helse
unit: Testheim sykehjem
established: 2010-01-01
members:
  - {id: a, name: Anna A, role: chair, represents: relatives, from: 2026-01-01, to: 2027-12-31}
  - {id: b, name: Bo B, role: user_representative, represents: residents, from: 2026-01-01, to: 2027-12-31}
  - {id: c, name: Cai C, role: user_representative, represents: relatives, from: 2026-01-01, to: 2027-12-31}
  - {name: Dag D, role: deputy, deputy_for: a, from: 2026-01-01, to: 2027-12-31}
  - {name: Eva E, role: deputy, deputy_for: b, from: 2026-01-01, to: 2027-12-31}
  - {name: Fia F, role: deputy, deputy_for: c, from: 2026-01-01, to: 2027-12-31}
  - {name: Gro G, role: unit_manager, email: gro@example.org}
meetings:
  - {date: 2026-03-01, time: "18:00"}
  - {date: 2026-12-01, time: "18:00"}
  - {date: 2025-03-01, time: "18:00"}
  - {date: 2025-10-01, time: "18:00"}
"""


@dataclass
class CheckResult:
    exit_code: int
    output: str

    @property
    def lines(self) -> list[str]:
        return self.output.splitlines()

    @property
    def problems(self) -> list[str]:
        """The problem lines, without the summary and without the notes on council health
        (tests/test_health.py checks those): most test councils hold no meetings."""
        return [line for line in self.lines[:-1] if ": note: " not in line]

    @property
    def notes(self) -> list[str]:
        """The notes on council health."""
        return [line for line in self.lines[:-1] if ": note: " in line]


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid project with one council, `councils/testheim/`."""
    return write_tree(tmp_path, {"site-config.yml": SITE_CONFIG, "councils/testheim/council.yml": COUNCIL})


@pytest.fixture
def today() -> dt.date:
    """The pinned day, for tests that call the core directly."""
    return TODAY


def run_check(root: Path, *args: str, today: dt.date | str = TODAY) -> CheckResult:
    """`raad check` on the pinned day, speaking English unless `args` name another --lang
    (the last --lang wins), so that assertions read the msgids the code is written in."""
    return _invoke(["check", str(root), "--today", str(today), "--lang", "en", *args])


def run_raad(*arguments: str, input: str | None = None) -> CheckResult:
    """Any raad command as a user runs it; `input` is what they type at its questions (none:
    input that has run out, as in CI). `output` holds what it prints, errors included."""
    return _invoke(list(arguments), input)


def _invoke(arguments: list[str], input: str | None = None) -> CheckResult:
    result = CliRunner().invoke(main, arguments, input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CheckResult(result.exit_code, result.output)


def copy_example(target: Path) -> Path:
    """A copy of this repository's example project (outside git: dates come from file times)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for name in ("site-config.yml", "councils", "content", "theme"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


PINNED_TIME = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC).timestamp()
"""A fixed modification time for a project's input files: outside git, a council's
last-changed day and the sitemap's date come from file times, so two builds compared byte
for byte must see the same ones."""


def pin_times(project: Path, when: float = PINNED_TIME) -> None:
    """Give every input file of `project` (not its `build/`) the modification time `when`."""
    for path in project.rglob("*"):
        if path.is_file() and "build" not in path.relative_to(project).parts:
            os.utime(path, (when, when))


def run_build(root: Path, out: Path, *args: str, today: dt.date = TODAY, build_dir: Path | None = None) -> CheckResult:
    """`raad build` as a user runs it, on the pinned day, in English (as `run_check`). The
    CLI writes its docs tree to `root/build`; `build_dir` moves it elsewhere, and is
    required for this repository, whose own `build/` the tests leave alone."""
    arguments = ["build", str(root), "--out", str(out), "--today", today.isoformat(), "--lang", "en", *args]
    if build_dir is None:
        assert root.resolve() != REPO, "building this repository needs a build_dir outside it"
        return _invoke(arguments)
    with mock.patch("generator.cli.build", partial(build, build_dir=build_dir)):
        return _invoke(arguments)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's example, built once per session on the pinned day. Read it, never
    change it: tests that change a project build a copy of their own."""
    work = tmp_path_factory.mktemp("example")
    result = build(REPO, work / "site", TODAY, build_dir=work / "build")
    assert result.ok, [p.format() for p in result.problems]
    return work / "site"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as the address a browser asks for, relative to the site's
    root ("" for the front page, "rad/x/" for rad/x/index.html, "404.html"); Pagefind's files
    and the embeds for other websites (no site chrome) are not pages."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] in ("pagefind", "embed"):  # the embeds are for other sites (tests/test_embeds.py)
            continue
        if path.name == "index.html":
            pages.append("" if relative.parent == Path(".") else relative.parent.as_posix() + "/")
        else:
            pages.append(relative.as_posix())
    return pages


@pytest.fixture(scope="session")
def example_url(example_site: Path) -> Iterator[str]:
    """The built example served on localhost for the whole session; yields its base URL."""
    with serving(example_site) as base:
        yield base


FIGURES: list[str] = []
"""Figures a test measures for the reader of the suite's output (not asserted: the number of
key presses of the keyboard walk, say); printed at the end of the run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


ARTIFACTS = REPO / "tests" / "artifacts"
"""Where browser tests leave screenshots for a person to look at (not committed)."""


def _private_values(root: Path) -> list[str]:
    """Every member's contact detail in the project at `root` that is not to be published: a
    lay member's without `public: true`, an employee's with `public: false`."""
    project = load_project(root, TODAY)
    return sorted(
        detail.value
        for council in project.councils
        for member in council.members
        for detail in (member.email, member.phone)
        if detail is not None and not member.publishes(detail)
    )


PRIVATE_VALUES = _private_values(REPO)
"""Every contact detail in the example that is not marked public (two lay members' at
Eksempelheim, a staff member's own mobile at Eksempelveien): they must appear nowhere, in no
page, feed, calendar, data file or embed."""
assert {"+47 000 00 001", "+47 000 00 009", "ola.nordmann@example.org"} <= set(PRIVATE_VALUES), PRIVATE_VALUES


def one(tag: Tag, selector: str) -> Tag:
    """The first element under `tag` that matches the CSS `selector`; the test fails if none does."""
    found = tag.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return found


def attr(tag: Tag, name: str) -> str:
    """The single-valued attribute `name` of `tag`; the test fails if it is missing. (Multi-valued
    attributes such as `class` and `rel` are lists: read those with `tag.get_attribute_list`.)"""
    value = tag.get(name)
    assert isinstance(value, str), f"<{tag.name}> has no single {name!r} attribute: {value!r}"
    return value


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def serving(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """Serve `directory` on a free localhost port for the duration; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    """Skip a browser test module without Chromium, except in CI, where that is a failure.
    (`make test` installs Debian's chromium when it runs as root.)"""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("Chromium is missing; make test installs Debian's chromium when run as root")
        pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright (no browser download), one for the session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
