"""Hostile input: what `raad check` and `raad build` cost on each case, and what they say.

    python tests/bench/hostile.py            # every case, check and build
    python tests/bench/hostile.py deep-list fifo

Each case is this repository's example project with one file made hostile (or, for the
`*-at-limit` cases, as large as the bounds allow and still valid). Each command runs as its
own process; the table gives its exit code, wall time, peak memory (the child's maximum
resident set size) and the first problem line. A run that takes longer than `--timeout`
seconds is killed and shown as such. The cases are also the test suite's
(tests/test_bounds.py), which asserts what they report, not how long they take.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for its helpers

from conftest import REPO, copy_example

TODAY = "2026-11-24"
COUNCIL = "councils/eksempelheim-helse-og-velferdssenter"
"""The example council the cases change: it has a mandate and Markdown minutes."""
MINUTES = f"{COUNCIL}/minutes/2026-01-15.md"
OUTSIDE_SECRET = "OUTSIDE-THE-PROJECT-7f3a"
"""Text of a file outside the project that links point to: it must never be published."""


def deep_list(levels: int = 10_000) -> str:
    """The issue's minutes: an indented list `levels` deep (351 s and 1.3 GB before)."""
    return "# Referat\n\n" + "".join("    " * level + f"- punkt {level}\n" for level in range(levels))


def deep_tabbed_list(levels: int = 1_400) -> str:
    """An indented list as deep as fits under the Markdown size limit (tabs, 4 columns each)."""
    return "# Referat\n\n" + "".join("\t" * level + f"- {level}\n" for level in range(levels))


def deep_quotes(levels: int = 50_000) -> str:
    """The issue's block quotes, nested `levels` deep on one line and growing line by line."""
    return "# Referat\n\n" + ">" * levels + " sitat\n\n" + "".join("> " * level + "x\n" for level in range(1, 200))


def deep_emphasis(levels: int = 5_000) -> str:
    return "# Referat\n\n" + "*a " * levels + "x" + " b*" * levels + "\n"


def deep_html(levels: int = 50_000) -> str:
    return "# Referat\n\n" + "<span>" * levels + "x" + "</span>" * levels + "\n"


def unclosed_brackets(count: int = 900_000) -> str:
    return "# Referat\n\n" + "[" * count + "\n"


def run_on_headings(count: int = 160_000) -> str:
    """Headings without blank lines between them: each splits the paragraph again."""
    return "# Referat\n\n" + "# Sak\n" * count


def markdown_at_limit() -> str:
    """Ordinary minutes repeated to just under the Markdown size limit: valid, and the
    slowest ordinary text raad accepts."""
    from generator.inputs import MAX_MARKDOWN_BYTES

    paragraph = (
        "## Sak {n}/26 Bemanning i helgene\n\n"
        "Rådet drøftet bemanningen på skjermet avdeling i helgene. *Enhetsleder* orienterte om "
        "[turnusplanen](https://example.org/turnus) og **vikarbruken**:\n\n"
        "- færre faste ansatte i helgene\n- flere vikarer\n    - særlig om natten\n\n"
        "> Rådet ber om en ny orientering i neste møte.\n\n"
    )
    parts, size, number = ["# Referat\n\n"], 0, 0
    while size + len(paragraph) + 20 < MAX_MARKDOWN_BYTES:
        number += 1
        parts.append(paragraph.format(n=number))
        size += len(parts[-1].encode("utf-8"))
    return "".join(parts)


def yaml_flow(size: int = 1_000_000) -> str:
    return "name: " + "[" * size + "\n"


def yaml_deep_block(levels: int = 5_000) -> str:
    return "".join("  " * level + f"k{level}:\n" for level in range(levels))


def alias_bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    return "\n".join(lines) + "\n"


def _write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def _append_to_council(root: Path, text: str) -> None:
    path = root / COUNCIL / "council.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _big_value(root: Path) -> None:
    """The issue's council.yml with a 50 MB value (53 s and 3.7 GB, and it built)."""
    _append_to_council(root, "note: " + "x" * 50_000_000 + "\n")


def _fifo(root: Path) -> None:
    os.mkfifo(root / MINUTES)


def _outside_file(root: Path) -> Path:
    outside = root.parent / "outside.md"
    outside.write_text(f"# Hemmelig\n\n{OUTSIDE_SECRET}\n", encoding="utf-8")
    return outside


def _linked_mandate(root: Path) -> None:
    (root / COUNCIL / "mandate.md").unlink()
    (root / COUNCIL / "mandate.md").symlink_to(_outside_file(root))


def _linked_folder(root: Path) -> None:
    outside = root.parent / "outside-council"
    shutil.copytree(root / COUNCIL, outside)
    (outside / "minutes" / "2026-01-15.md").write_text(f"# Referat\n\n{OUTSIDE_SECRET}\n", encoding="utf-8")
    (root / "councils" / "lenket").symlink_to(outside)


def _linked_output(root: Path, relative: str) -> None:
    """A folder raad writes and clears, linked to a folder outside (it deleted its files before)."""
    outside = root.parent / "outside-folder"
    outside.mkdir()
    (outside / "keep.md").write_text(f"{OUTSIDE_SECRET}\n", encoding="utf-8")
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).symlink_to(outside)


def _big_pdf(root: Path) -> None:
    """A minutes PDF over the size limit, sparse, so making it costs nothing."""
    from generator.inputs import MAX_PDF_BYTES

    with (root / COUNCIL / "minutes" / "2026-01-15.pdf").open("wb") as handle:
        handle.truncate(MAX_PDF_BYTES + 1)


CASES: dict[str, Callable[[Path], None]] = {
    "baseline": lambda root: None,
    "deep-list": lambda root: _write(root, MINUTES, deep_list()),
    "deep-list-1MB": lambda root: _write(root, MINUTES, deep_tabbed_list()),
    "deep-dash-line": lambda root: _write(root, MINUTES, "- " * 100_000 + "x\n"),
    "deep-quotes": lambda root: _write(root, MINUTES, deep_quotes()),
    "deep-emphasis": lambda root: _write(root, MINUTES, deep_emphasis()),
    "deep-html": lambda root: _write(root, MINUTES, deep_html()),
    "open-brackets": lambda root: _write(root, MINUTES, unclosed_brackets()),
    "heading-run": lambda root: _write(root, MINUTES, run_on_headings()),
    "markdown-at-limit": lambda root: _write(root, MINUTES, markdown_at_limit()),
    "code-spans-1MB": lambda root: _write(root, MINUTES, "# Referat\n\n" + "`a " * 330_000 + "\n"),  # 116 s before
    "entities-1MB": lambda root: _write(root, MINUTES, "# Referat\n\n" + "&amp; " * 165_000 + "\n"),
    "fences-1MB": lambda root: _write(root, MINUTES, "# Referat\n\n" + "```\n" * 245_000),  # 17 s before
    "footnotes": lambda root: _write(root, MINUTES, "# Referat\n\n" + "".join(f"T[^{n}]\n\n[^{n}]: x\n\n" for n in range(30_000))),
    "linked-docs-tree": lambda root: _linked_output(root, "build/docs"),
    "big-yaml-value": _big_value,
    "yaml-flow-1MB": lambda root: _append_to_council(root, yaml_flow(990_000)),
    "yaml-value-1MB": lambda root: _append_to_council(root, "note: " + "x" * 990_000 + "\n"),
    "yaml-values-at-limit": lambda root: _append_to_council(root, "notes: [" + ", ".join(["ab"] * 19_500) + "]\n"),
    "yaml-deep-block": lambda root: _append_to_council(root, yaml_deep_block()),
    "alias-bomb": lambda root: _append_to_council(root, "bomb:\n" + "".join("  " + line + "\n" for line in alias_bomb().splitlines())),
    "fifo-minutes": _fifo,
    "linked-mandate": _linked_mandate,
    "linked-council": _linked_folder,
    "big-pdf": _big_pdf,
}


def make_case(name: str, folder: Path) -> Path:
    """This repository's example project under `folder/project`, with case `name` applied."""
    root = copy_example(folder / "project")
    CASES[name](root)
    return root


def run(command: list[str], timeout: float) -> tuple[int | None, float, int, str]:
    """Exit code (None if killed at `timeout`), wall seconds, peak RSS in bytes and output.

    The peak is measured by GNU time where it exists: Linux counts a child's peak from
    before its exec, that is this (large) process's own."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile() as peak:
        timed = ["/usr/bin/time", "-f", "%M", "-o", peak.name, *command] if Path("/usr/bin/time").exists() else command
        process = subprocess.Popen(timed, stdout=output, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        measured = Path(peak.name).read_text().split()
    code = os.waitstatus_to_exitcode(status)
    kilobytes = int(measured[-1]) if timed is not command and measured and measured[-1].isdigit() else usage.ru_maxrss
    return (None if code < 0 else code), seconds, kilobytes * 1024, text


def measure(name: str, timeout: float) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = make_case(name, Path(tmp))
        commands = {
            "check": [sys.executable, "-m", "generator", "check", str(root), "--today", TODAY],
            "build": [sys.executable, "-m", "generator", "build", str(root), "--out", str(Path(tmp) / "site"), "--today", TODAY],
        }
        for command, argv in commands.items():
            code, seconds, peak, text = run(argv, timeout)
            first = next((line for line in text.splitlines() if line and "warning:" not in line), "")
            status = "killed" if code is None else f"exit {code}"
            rows.append(f"{name:<21} {command:<6} {status:<7} {seconds:6.2f} s {peak / 1e6:7.0f} MB  {first[:110]}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", metavar="case", help=", ".join(CASES))
    parser.add_argument("--timeout", type=float, default=600.0, help="kill a run after this many seconds")
    arguments = parser.parse_args()
    unknown = sorted(set(arguments.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown cases {', '.join(unknown)}; choose from {', '.join(CASES)}")
    print(f"{'case':<21} {'cmd':<6} {'result':<7} {'time':>8} {'peak RSS':>10}  first line of output")
    for name in arguments.cases or CASES:
        for row in measure(name, arguments.timeout):
            print(row, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
