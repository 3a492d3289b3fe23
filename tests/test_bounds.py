"""Bounded work: each input file has a size limit, contributed Markdown a nesting limit, YAML
a depth, alias and value-length limit. Each breach is an error naming the file (and the line
where it is meaningful), found before anything is rendered, so it comes in seconds.

Timings are not asserted (see tests/bench/hostile.py); the runs that took minutes before
run as their own process with a generous timeout, so a regression fails instead of stalling.
"""

from __future__ import annotations

import gc
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import COUNCIL, REPO, TODAY, run_check, write_tree
from generator import inputs, load, markdown_bounds, pdftext, yamlsafe
from generator.load import load_project
from generator.markdown_bounds import MarkdownTooDeep
from generator.render import render_text

COUNCIL_FILE = "councils/testheim/council.yml"
MINUTES = "councils/testheim/minutes/2026-01-10.md"


def raad_check(root: Path, timeout: float = 120) -> list[str]:
    """The problem lines of `raad check` run as its own process, which must exit 1 (without
    the notes on the test council's health)."""
    command = [sys.executable, "-m", "generator", "check", str(root), "--today", TODAY.isoformat(), "--lang", "en"]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert "Traceback" not in completed.stderr, completed.stderr
    return [line for line in completed.stdout.splitlines()[:-1] if ": note: " not in line]


def minutes(body: str) -> str:
    return "---\ntitle: Møte\n---\n" + body


# Markdown nesting: the shapes of the issue and others


def test_the_issues_deep_list_is_refused_by_size(project: Path) -> None:
    """10,000 levels of indented list take 200 MB of indentation: over the size limit."""
    body = "".join("    " * level + "- x\n" for level in range(10_000))
    write_tree(project, {MINUTES: minutes(body)})
    size = len(minutes(body).encode())
    assert raad_check(project) == [f"{MINUTES}: is {size:,} bytes; a Markdown file may be at most {inputs.MAX_MARKDOWN_BYTES:,} bytes"]


def test_a_deep_indented_list_is_refused_at_the_line_that_passes_the_limit(project: Path) -> None:
    body = "# Referat\n\n" + "".join("\t" * level + f"- punkt {level}\n" for level in range(1_400))
    write_tree(project, {MINUTES: minutes(body)})
    # front matter takes 3 lines, the heading 2, and the list's 21st level is its 21st line
    assert raad_check(project) == [f"{MINUTES}:26: block quotes and lists nest 21 levels deep here; at most 20 are allowed"]


def test_the_issues_nested_block_quotes_are_refused(project: Path) -> None:
    write_tree(project, {MINUTES: minutes(">" * 50_000 + " sitat\n")})
    assert raad_check(project) == [f"{MINUTES}:4: block quotes and lists nest 50000 levels deep here; at most 20 are allowed"]


@pytest.mark.parametrize(
    ("shape", "message"),
    [
        pytest.param("> " * 30 + "x\n", "block quotes and lists nest 30 levels deep", id="spaced quotes"),
        pytest.param("- " * 10_000 + "x\n", "block quotes and lists nest 10000 levels deep", id="list markers on one line"),
        pytest.param("1. " * 10_000 + "x\n", "block quotes and lists nest 10000 levels deep", id="numbered on one line"),
        pytest.param("> 1. > * " * 8 + "x\n", "block quotes and lists nest 32 levels deep", id="quotes and lists"),
        pytest.param("\t" * 25 + "+ x\n", "block quotes and lists nest 26 levels deep", id="tabs"),
        pytest.param("*a " * 5_000 + "x" + " b*" * 5_000 + "\n", "block quotes, lists and emphasis nest 5000", id="emphasis"),
        pytest.param("<div>" * 50_000 + "x" + "</div>" * 50_000 + "\n", "HTML elements nest 50000 levels deep", id="html"),
        pytest.param("[" * 500_000 + "\n", "too many unclosed or far-reaching [ or ]( in this paragraph", id="brackets"),
        pytest.param("---\n" * 200_000, "too many headings, rules or definitions without blank lines", id="rules"),
        pytest.param("`a " * 200_000 + "\n", "too many inline elements (code, emphasis, links, entities, HTML)", id="code spans"),
        pytest.param("&amp; " * 100_000 + "\n", "too many inline elements", id="entities"),
        pytest.param("\\" * 500_000 + "\n", "too many inline elements", id="escapes"),
    ],
)
def test_other_nestings_in_minutes_are_refused(project: Path, shape: str, message: str) -> None:
    write_tree(project, {MINUTES: minutes(shape)})
    problems = raad_check(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"{MINUTES}:4: ")
    assert message in problems[0]


def test_too_many_fences_or_footnotes_are_refused_where_they_pass_the_limit(project: Path) -> None:
    """Each fence is cut out of the whole text and each footnote weighs on all others."""
    write_tree(project, {MINUTES: minutes("```\n" * 200_000)})
    assert raad_check(project) == [f"{MINUTES}:25004: too many code fences (``` or ~~~) to render in time"]
    write_tree(project, {MINUTES: minutes("".join(f"Tekst[^{n}].\n\n[^{n}]: Kilde.\n\n" for n in range(1_001)))})
    assert raad_check(project) == [f"{MINUTES}:4006: more than 1,000 footnote definitions; at most 1,000 are allowed"]


def test_deep_mandate_and_content_page_are_refused(project: Path) -> None:
    write_tree(
        project,
        {
            COUNCIL_FILE: COUNCIL + "mandate: mandate.md\n",
            "councils/testheim/mandate.md": "# Mandat\n\n" + ">" * 1_000 + "\n",
            "content/om.md": "---\ntitle: Om\n---\n\nTekst.\n\n" + "".join("    " * level + "- x\n" for level in range(30)),
        },
    )
    assert raad_check(project) == [
        "content/om.md:27: block quotes and lists nest 21 levels deep here; at most 20 are allowed",
        "councils/testheim/mandate.md:3: block quotes and lists nest 1000 levels deep here; at most 20 are allowed",
    ]


def test_ordinary_nesting_passes(project: Path) -> None:
    body = """\
# Referat

1. Sak 1/26
    - Rådet drøftet *bemanningen* og **vikarbruken**.
        - Natt: se [turnus](https://example.org/turnus).
> Sitat fra enhetsleder:
> > «Vi ser på det.»

<div><span>HTML</span> med <br> og <p>avsnitt</div>

***

Navn: ____________ Dato: ______
"""
    links = "".join(f"- <https://example.org/sak/{n}> og <post{n}@example.org>\n" for n in range(150))  # autolinks open no element
    write_tree(project, {MINUTES: minutes(body + "\n" + links)})
    assert run_check(project).exit_code == 0


def _refusal(measure: Callable[[str], None], text: str) -> tuple[int, str] | None:
    try:
        measure(text)
    except MarkdownTooDeep as exc:
        return exc.line, exc.message
    return None


def _measured_everywhere(text: str) -> None:
    markdown_bounds._require_shallow(text)
    markdown_bounds._require_few(text)
    markdown_bounds._require_fast(text)


def test_the_quick_bounds_refuse_what_measuring_every_line_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text is measured line by line only where a bound over the whole of it says a limit
    could be passed. With low limits, random texts of markers, indentation, emphasis, tags,
    brackets and odd line ends are refused where, and as, measuring every line refuses them."""
    rng = random.Random(16)
    pieces = ["> ", ">", "- ", "* ", "+ ", "1. ", "12) ", ": ", "    ", "\t", "  ", "*", "**", "_", "a", "word ", " *x", "x* ", "_y", "y_ "]
    pieces += ["<div>", "</div>", "<p>", "[", "](", ")", "]", "`", "&", "!", "\\", "# ", "---", "===", "```", "[^1]: "]
    ends = ["\n"] * 8 + ["\n\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]
    refused = 0
    for _ in range(3_000):
        monkeypatch.setattr(markdown_bounds, "MAX_MARKDOWN_DEPTH", rng.choice([2, 3, 5, 20]))
        monkeypatch.setattr(markdown_bounds, "MAX_HTML_DEPTH", rng.choice([1, 3, 100]))
        monkeypatch.setattr(markdown_bounds, "MAX_BRACKET_SCAN", rng.choice([5, 50, 500]))
        monkeypatch.setattr(markdown_bounds, "MAX_SPLIT_SCAN", rng.choice([5, 50, 500]))
        monkeypatch.setattr(markdown_bounds, "MAX_INLINE_SCAN", rng.choice([5, 50, 500]))
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 8))]
        text = "".join(line + rng.choice(ends) for line in lines)
        expected = _refusal(_measured_everywhere, text)
        assert _refusal(markdown_bounds.require_bounded, text) == expected, repr(text)
        refused += expected is not None
    assert 500 < refused < 2_500  # both kinds of text are tried


def test_render_text_refuses_what_loading_would_have_refused() -> None:
    """The last guard: no path to the renderer recurses out or runs for minutes."""
    with pytest.raises(MarkdownTooDeep):
        render_text("- " * 10_000 + "x")
    assert "<li>" in render_text("- a\n    - b\n")


# File sizes


@pytest.mark.parametrize(
    ("relative", "limit"),
    [
        ("content/rapport.docx", inputs.MAX_FILE_BYTES),
        ("content/om.md", inputs.MAX_MARKDOWN_BYTES),
        ("councils/testheim/minutes/2026-01-10.pdf", inputs.MAX_PDF_BYTES),
        (COUNCIL_FILE, inputs.MAX_YAML_BYTES),
    ],
)
def test_a_file_over_its_size_limit_is_refused_unread(project: Path, relative: str, limit: int) -> None:
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(limit + 1)  # sparse: costs no disk, and a read would give only zeros
    problems = run_check(project).problems
    assert any(line.startswith(f"{relative}: is {limit + 1:,} bytes;") and f"at most {limit:,} bytes" in line for line in problems), (
        problems
    )
    cache = project / "build" / ".cache" / "pdftext"  # where raad check keeps the PDF text it read
    assert not cache.is_dir() or not any(cache.iterdir()), "the refused file was read"


def test_deeply_nested_folders_are_refused_not_crashed_on(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """3,000 nested folders reach past the longest path the system reads."""
    levels = 3_000
    (project / "content").mkdir()
    monkeypatch.chdir(project / "content")  # each mkdir relative to the last: the full path gets too long to name
    for _ in range(levels):
        os.mkdir("a")
        os.chdir("a")
    try:
        deepest = "/".join(["content", *["a"] * (inputs.MAX_FOLDER_DEPTH + 1)])
        assert raad_check(project) == [f"{deepest}: folders nest more than {inputs.MAX_FOLDER_DEPTH} levels deep here"]
    finally:  # shutil.rmtree, which pytest cleans up with, recurses out on this many levels
        for _ in range(levels):
            os.chdir("..")
            os.rmdir("a")


def test_the_issues_50_mb_yaml_value_is_refused(project: Path) -> None:
    text = COUNCIL + "note: " + "x" * 50_000_000 + "\n"
    write_tree(project, {COUNCIL_FILE: text})
    size = len(text.encode())
    assert raad_check(project) == [f"{COUNCIL_FILE}: is {size:,} bytes; a YAML file may be at most {inputs.MAX_YAML_BYTES:,} bytes"]


# YAML shape


def test_a_long_yaml_value_is_refused_with_line_and_field(project: Path) -> None:
    write_tree(project, {COUNCIL_FILE: COUNCIL.replace("unit: Testheim sykehjem", "unit: " + "x" * 20_000)})
    assert run_check(project).problems == [f"{COUNCIL_FILE}:4: unit: a value of 20,000 characters; at most 10,000 are allowed"]


def test_a_deeply_nested_flow_collection_of_the_largest_size_is_refused(project: Path) -> None:
    write_tree(project, {COUNCIL_FILE: COUNCIL + "x: " + "[" * (inputs.MAX_YAML_BYTES - len(COUNCIL) - 10) + "\n"})
    problems = raad_check(project)
    assert len(problems) == 1
    assert problems[0].startswith(f"{COUNCIL_FILE}:19: ")
    assert "nest" in problems[0]


def test_deep_block_mappings_are_refused_with_the_field(project: Path) -> None:
    nested = "".join("  " * level + f"k{level}:\n" for level in range(25))
    write_tree(project, {COUNCIL_FILE: COUNCIL + nested})
    field = ".".join(f"k{level}" for level in range(20))
    assert run_check(project).problems == [f"{COUNCIL_FILE}:39: {field}: lists and mappings nest more than 20 levels deep"]


def test_too_many_aliases_are_refused(project: Path) -> None:
    text = COUNCIL + "a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n"
    write_tree(project, {COUNCIL_FILE: text})
    assert run_check(project).problems == [f"{COUNCIL_FILE}:20: b[100]: more than 100 aliases in one file"]


def test_front_matter_is_bounded_too(project: Path) -> None:
    write_tree(project, {MINUTES: "---\ntitle: Møte\nx: " + "[" * 100 + "]" * 100 + "\n---\nTekst.\n"})
    problems = run_check(project).problems
    assert problems == [
        f"{MINUTES}:3: x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: lists and mappings nest more than 20 levels deep"
    ]


# The README states every bound


def test_readme_states_every_bound() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Bounds on input") :]
    section = section[: section.index("\n## ", 1)]
    bounds = {
        "MAX_YAML_BYTES": inputs.MAX_YAML_BYTES,
        "MAX_MARKDOWN_BYTES": inputs.MAX_MARKDOWN_BYTES,
        "MAX_PDF_BYTES": inputs.MAX_PDF_BYTES,
        "MAX_FILE_BYTES": inputs.MAX_FILE_BYTES,
        "MAX_FOLDER_DEPTH": inputs.MAX_FOLDER_DEPTH,
        "MAX_MARKDOWN_DEPTH": markdown_bounds.MAX_MARKDOWN_DEPTH,
        "MAX_HTML_DEPTH": markdown_bounds.MAX_HTML_DEPTH,
        "MAX_BRACKET_SCAN": markdown_bounds.MAX_BRACKET_SCAN,
        "MAX_SPLIT_SCAN": markdown_bounds.MAX_SPLIT_SCAN,
        "MAX_INLINE_SCAN": markdown_bounds.MAX_INLINE_SCAN,
        "MAX_FENCE_SCAN": markdown_bounds.MAX_FENCE_SCAN,
        "MAX_FOOTNOTES": markdown_bounds.MAX_FOOTNOTES,
        "MAX_DEPTH": yamlsafe.MAX_DEPTH,
        "MAX_ALIASES": yamlsafe.MAX_ALIASES,
        "MAX_SCALAR_CHARS": yamlsafe.MAX_SCALAR_CHARS,
        "MAX_VALUES": yamlsafe.MAX_VALUES,
        "TIMEOUT_SECONDS": int(pdftext.TIMEOUT_SECONDS),
        "MEMORY_BYTES": pdftext.MEMORY_BYTES,
    }
    for name, value in bounds.items():
        row = next((line for line in section.splitlines() if f"`{name}`" in line), None)
        assert row is not None, f"README's bounds do not name {name}"
        assert re.search(rf"\b{value:,}\b", row), f"README's row for {name} does not give {value:,}: {row}"


def test_loading_leaves_the_garbage_collector_as_it_found_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Full collections wait while a project loads (generator/collector.py). After it, even
    when loading fails, they run as before: else memory held in reference cycles would grow."""
    before = gc.get_threshold()
    assert load_project(project, TODAY).councils
    assert gc.get_threshold() == before

    def failing(project: object) -> None:
        assert gc.get_threshold()[2] > before[2], "no full collection while loading"
        raise RuntimeError("a bug while loading")

    monkeypatch.setattr(load, "_load_content", failing)
    with pytest.raises(RuntimeError, match="a bug while loading"):
        load_project(project, TODAY)
    assert gc.get_threshold() == before
