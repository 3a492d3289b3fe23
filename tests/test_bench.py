"""The `small` benchmark runs in the suite, short of its engine comparisons and browser: its
asserted targets are counts and byte sizes. Wall-time targets are only reported (`make bench`)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "bench"))

from municipality import SIZES, generate
from run import TODAY, run

from generator.build import build


def _page_sizes(root: Path) -> tuple[int, int]:
    out = root / "site"
    result = build(root, out, TODAY)
    assert result.ok, [p.format() for p in result.problems if p.severity.value == "error"]
    council = (out / "rad/rad-000/index.html").stat().st_size
    minutes = next(iter(sorted((out / "rad/rad-000/referat").glob("*/index.html")))).stat().st_size
    return council, minutes


def test_small_benchmark_meets_its_size_targets(tmp_path: Path) -> None:
    """A council page and a minutes page do not grow with the number of councils: the
    navigation reaches councils through their sector, so no page lists every council."""
    report = run(SIZES["small"], tmp_path, full=False)
    print(report.table())
    assert report.first is not None
    assert report.first.pdf_stats is not None
    assert report.first.pdf_stats.extracted == report.first.pdf_stats.documents > 0
    labels = [label for label, _ in report.rows]
    assert {"rebuild, no change", "PDF text, warm cache / cold"} <= set(labels), "the table reports the wall-time targets"
    tiny = generate(replace(SIZES["small"], name="tiny", councils=10), tmp_path / "tiny")
    council, minutes = _page_sizes(tiny)
    assert report.council_page <= council * 1.10, f"council page grew from {council} to {report.council_page} bytes with 5x the councils"
    assert report.minutes_page <= minutes * 1.10, f"minutes page grew from {minutes} to {report.minutes_page} bytes"
