"""Text recognition (OCR) of scanned pages, with OCRmyPDF and Tesseract.

Municipal archives are full of scanned minutes, often with an archive stamp printed as real
text on top ("Arkivsak 19/01234-5 Journalført 12.03.2019 Side 1 av 2"): such a page has a
text layer, but its text is the stamp. So the decision is made per page, from how much of the
page its images and its text cover (`generator.pdf_layout.PageContent`), not from whether the
document has any text. OCRmyPDF gives the page an invisible text layer, which raad then reads
like any other page (`generator.pdf_reading`), so cleanup and layout apply to OCR text too.

Tesseract is a system program (Debian's tesseract-ocr and its language models): without it
the build goes on and says once how to install it (`find_ocr`, `Ocr.available`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.pdf_layout import PageContent

OCR_SECONDS_PER_PAGE = 60.0
"""How much longer a document may take per page to OCR: a 300-dpi A4 page takes about a
second on one core here; a dense page, a slow machine or a busy build take many times that."""

IMAGE_SHARE = 0.5
"""A page is a scan when images cover at least this share of it..."""
TEXT_SHARE = 0.015
"""...and its text at most this share: a stamp of a line or a few (a one-line stamp covers
0.3% of an A4 page), not a page of text (half a page of text covers 4-8%, an OCRed scan's
invisible text layer as much). Text on a full-page background image stays the document's own."""

LANGUAGES = {"nb": ("nor",), "nn": ("nor",), "en": ("eng",)}
"""Tesseract's models for the site's language. Norwegian minutes get only the Norwegian model
(which covers both written forms and æøå): a second model makes OCR slower and lets Tesseract
read Norwegian words as English look-alikes. An English site gets the English model."""


NO_OCR = "no-ocr"
"""The cache key's OCR part when scans are not OCRed."""


@dataclass(frozen=True)
class Ocr:
    """Whether and how this build can OCR (plain data: it crosses the fork into a reader)."""

    available: bool
    languages: tuple[str, ...] = ()
    key: str = NO_OCR
    """Part of the PDF text cache key: another engine or model reads scans again, and so
    does installing Tesseract after a build without it."""
    install_hint: str = ""
    """The command that installs Tesseract with the models (Debian's packages)."""


def find_ocr(language: str) -> Ocr:
    """The OCR this machine offers for a site in `language`: Tesseract on PATH with the
    language's models, and OCRmyPDF importable. Found once (per PATH): `raad build` checks
    the PDFs and extracts their text, and both need it."""
    return _find_ocr(language, os.environ.get("PATH", ""))


@cache
def _find_ocr(language: str, search_path: str) -> Ocr:
    languages = LANGUAGES.get(language, ("nor",))
    hint = "apt-get install tesseract-ocr " + " ".join(f"tesseract-ocr-{code}" for code in languages)
    tesseract = shutil.which("tesseract", path=search_path)
    if tesseract is None:
        return Ocr(False, languages, install_hint=hint)
    models = _models(tesseract)
    version = _ocrmypdf_version()
    if version is None or not all(code in models for code in languages):
        return Ocr(False, languages, install_hint=hint)
    parts = [f"ocrmypdf-{version}", f"tesseract-{_tesseract_version(tesseract)}"]
    parts += [f"{code}-{_short_hash(models[code])}" for code in languages]
    return Ocr(True, languages, "+".join(parts), hint)


def _models(tesseract: str) -> dict[str, Path]:
    """Tesseract's installed language models (``nor``) and their files."""
    listing = _run([tesseract, "--list-langs"])
    lines = listing.splitlines()
    if not lines or '"' not in lines[0]:
        return {}
    folder = Path(lines[0].split('"')[1])  # List of available languages in "/usr/share/…/tessdata/" (3):
    return {name.strip(): folder / f"{name.strip()}.traineddata" for name in lines[1:] if name.strip()}


def _tesseract_version(tesseract: str) -> str:
    first = _run([tesseract, "--version"]).splitlines()[:1]
    return first[0].split()[-1] if first else "unknown"


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout + done.stderr


@cache
def _short_hash(path: Path) -> str:
    """A model file's content, in short: an updated model reads scans again."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return "missing"


def _ocrmypdf_version() -> str | None:
    """OCRmyPDF's installed version, without importing it: most builds have no scan, and
    importing OCRmyPDF costs more than the rest of this check."""
    try:
        return importlib.metadata.version("ocrmypdf")
    except importlib.metadata.PackageNotFoundError:
        return None


def needs_ocr(page: PageContent) -> bool:
    """Whether `page` is a scan whose text is an image: images cover most of it and its text
    (only what is on the visible page) covers a small part, as with a stamp on a scan."""
    if page.area <= 0:
        return False
    return page.image_area >= IMAGE_SHARE * page.area and page.text_area <= TEXT_SHARE * page.area


def ocr_pages(path: Path, pages: list[int], ocr: Ocr, scratch: Path) -> Path:
    """The PDF at `path` with the given pages (1-based) OCRed, written under `scratch`;
    the other pages are left as they are. Raises if OCRmyPDF or Tesseract fails."""
    import ocrmypdf

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    output = scratch / "ocr.pdf"
    done = ocrmypdf.ocr(
        path,
        output,
        language=list(ocr.languages),
        output_type="pdf",  # no PDF/A conversion: that would need Ghostscript, and raad only reads the text
        force_ocr=True,  # replaces a stamp's text layer, on these pages only
        pages=",".join(str(number) for number in pages),
        progress_bar=False,
        use_threads=True,  # no process pool of its own inside raad's reader
        jobs=1,
        optimize=0,
    )
    if done != ocrmypdf.ExitCode.ok:
        raise RuntimeError(f"OCRmyPDF ended with {done!r}")
    return output
