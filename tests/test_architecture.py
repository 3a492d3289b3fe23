"""The shape of the code that keeps the engine replaceable and the page assembly pure."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

GENERATOR = REPO / "generator"
ENGINE_NAMES = re.compile(r"mkdocs|zensical", re.IGNORECASE)


def _modules() -> list[Path]:
    return sorted(GENERATOR.rglob("*.py"))


def test_only_the_engine_adapter_names_the_engine() -> None:
    """mkdocs, Zensical and their config file appear in one module; dropping or adding an
    engine touches that module alone."""
    naming = [path.relative_to(REPO).as_posix() for path in _modules() if ENGINE_NAMES.search(path.read_text(encoding="utf-8"))]
    assert naming == ["generator/engine.py"]


def test_loading_and_assembling_import_no_engine() -> None:
    """Everything up to the docs tree runs without the engine installed or imported."""
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from generator.build import assemble_site\n"
        "from generator.load import load_project\n"
        "day = dt.date(2026, 11, 24)\n"
        f"assemble_site(load_project(Path({str(REPO)!r}), day), day)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'zensical')))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


def test_page_builders_read_no_files_and_run_no_programs() -> None:
    """Gather, then assemble: last-changed dates and file sizes come from loading, so the
    page builders are a pure function of the loaded project."""
    builders = [*sorted((GENERATOR / "pages").glob("*.py")), GENERATOR / "site.py", *sorted((GENERATOR / "exports").glob("*.py"))]
    assert len(builders) > 10
    reading = re.compile(r"\.(read_text|read_bytes|stat|open|iterdir|rglob|glob)\(|\bsubprocess\b|\bopen\(|history")
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in builders
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if reading.search(line)
    ]
    assert offenders == []
