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

from conftest import TODAY, copy_example


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
