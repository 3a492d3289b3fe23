"""`raad serve`: the preview rebuilds when a council file changes."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import TODAY, copy_example


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_after_an_edit(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "project")
    raad = Path(sys.executable).with_name("raad")
    process = subprocess.Popen(
        [str(raad), "serve", str(project), "--port", "0", "--today", TODAY.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
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
            time.sleep(0.3)
    except AssertionError:
        process.terminate()
        output = process.communicate(timeout=10)[0]
        raise AssertionError(f"raad serve printed:\n{output}") from None
    finally:
        process.terminate()
        process.wait(timeout=10)
