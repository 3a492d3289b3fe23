"""`raad serve`: the preview rebuilds when a council file changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import TODAY, copy_example
from generator import preview
from generator.build import BuildResult


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()  # urlopen's response is typed Any
        return body.decode("utf-8")


def _without_faketime() -> dict[str, str]:
    """The environment, minus libfaketime. Under faketime 0.9.10 with its monotonic clock left
    real, Python's time.sleep fails (EINVAL from clock_nanosleep), and the preview's polling
    loop sleeps; `--today` is what keeps the preview off the clock."""
    env = dict(os.environ)
    preload = [lib for lib in env.pop("LD_PRELOAD", "").split(":") if lib and "faketime" not in lib]
    if preload:
        env["LD_PRELOAD"] = ":".join(preload)
    return env


def test_serve_rebuilds_after_an_edit(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    raad = Path(sys.executable).with_name("raad")
    process = subprocess.Popen(
        [str(raad), "serve", str(project), "--port", "0", "--today", TODAY.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_without_faketime(),
    )
    try:
        assert process.stdout is not None
        address = None
        deadline = time.monotonic() + 60
        while address is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
            address = match.group(1) if match else None
        assert address, "raad serve did not start"
        page = f"{address}rad/nav-eksempel/"
        assert "Petter Fiktivsen" in _get(page)
        council = project / "councils/nav-eksempel/council.yml"
        council.write_text(council.read_text(encoding="utf-8").replace("Petter Fiktivsen", "Petra Fiktivsen"), encoding="utf-8")
        deadline = time.monotonic() + 30
        while "Petra Fiktivsen" not in _get(page):
            assert time.monotonic() < deadline, "the preview did not pick up the change"
            threading.Event().wait(0.3)  # not time.sleep: see _without_faketime
    except AssertionError:
        process.terminate()
        output = process.communicate()[0]
        raise AssertionError(f"raad serve printed:\n{output}") from None
    finally:
        process.terminate()
        process.wait()  # without a timeout: Popen.wait(timeout) sleeps with time.sleep


def test_a_change_met_by_another_build_is_built_when_that_build_is_done(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `raad build` of the same project holds the docs tree folder while the preview sees
    an edit: the preview must build the edit once that build is done, not wait for the next."""
    states = iter([{"a": (1, 1)}, *[{"a": (2, 1)}] * 5])

    def snapshot(_root: Path) -> dict[str, tuple[int, int]]:
        state = next(states, None)
        if state is None:
            raise KeyboardInterrupt  # Ctrl+C: the polls are over
        return state

    calls: list[BuildResult] = []

    def build(*_args: object, **_kwargs: object) -> BuildResult:
        calls.append(BuildResult(ok=len(calls) != 1, busy=len(calls) == 1))  # the first rebuild meets another build
        return calls[-1]

    reported: list[BuildResult] = []
    monkeypatch.setattr(preview, "snapshot", snapshot)
    monkeypatch.setattr(preview, "build", build)
    preview.serve(tmp_path, tmp_path / "site", 0, lambda: TODAY, reported.append, interval=0.01)
    assert [(result.ok, result.busy) for result in calls] == [(True, False), (False, True), (True, False)]
    assert reported == calls
