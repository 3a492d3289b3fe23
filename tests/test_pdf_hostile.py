"""Odd and hostile PDFs, written by hand: `read_pdf` keeps the text a reader sees on them."""

from __future__ import annotations

from pathlib import Path

from wordprocessor import pages_pdf, shown

from generator.pdf_reading import read_pdf

RESOURCES = b"/Resources << /Font << /F1 3 0 R >> >>"


def _minutes_page(number: int, x: float = 0, y: float = 0) -> bytes:
    """A page of minutes with a running header and footer, its user space shifted by (x, y)."""
    body = [(x + 72, y + 700 - 14 * row, f"Saken om brukerrådet, linje {row} på side {number}.") for row in range(20)]
    return shown([(x + 72, y + 800, "Eksempel kommune"), *body, (x + 72, y + 30, f"Side {number} av 3")])


def test_a_crop_box_away_from_the_origin_keeps_the_body_and_drops_the_running_lines(tmp_path: Path) -> None:
    """The bands of running lines are measured from the visible page's foot, not from y = 0
    (every line stood in the "top band" of a page cropped at y = 1000, and all were dropped)."""
    entries = b"/CropBox [1000 1000 1595 1842] " + RESOURCES
    pdf = pages_pdf(tmp_path / "cropped.pdf", [_minutes_page(n, 1000, 1000) for n in (1, 2, 3)], entries)
    text = "\n".join(block.text for block in read_pdf(pdf).blocks)
    assert "Saken om brukerrådet, linje 7 på side 2." in text
    assert "Eksempel kommune" not in text
    assert "Side 2 av 3" not in text
