"""`raad add-minutes`: put a minutes file where the site finds it, under the right name.

Minutes are named by the meeting's date (councils/<slug>/minutes/YYYY-MM-DD.pdf or .md), a
rule staff should not have to know. The date is read from the document itself when it is not
given: the meeting date a minutes document states on its first page ("Møtedato: 14. april
2026"), else the day the PDF was created. Where that is not one clear date, staff are asked.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import messages
from generator.build import check_pdfs
from generator.checks import check_project
from generator.load import configured_language, load_project, split_front_matter
from generator.model import COUNCIL_FILE, COUNCILS_DIR, Language, council_folder
from generator.ocr import find_ocr
from generator.pdftext import PdfText, extract_all
from generator.problems import Problem, sorted_problems

FIRST_PAGES = 2
"""Pages of a PDF searched for the meeting date: minutes state it at the top."""
MARKDOWN_HEAD = 4000
"""Characters of a Markdown file searched for the meeting date."""

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "mai": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "des": 12,
}
_MONTH_WORD = (
    r"(?P<month>jan(?:uar)?|feb(?:ruar)?|mars?|apr(?:il)?|mai|juni?|juli?|aug(?:ust)?"
    r"|sep(?:t|tember)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?)\.?"
)
_DATE_FORMS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})\.?\s+{_MONTH_WORD}\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
]
_LABEL = re.compile(r"\b(?:møtedato|møtedag|dato|tid)\b\s*(?:og\s+(?:sted|tid)\s*)?:", re.IGNORECASE)
_BETWEEN = re.compile(r"^\s*(?:\w+dag\s+(?:den\s+)?)?$", re.IGNORECASE)
"""What may stand between a label and its date: "Møtedato: tirsdag 14. april 2026"."""
_PDF_DATE = re.compile(r"^(?:D:)?(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
_SUFFIX = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class MinutesError(Exception):
    """Minutes that cannot be added as asked; the message says what to do."""


@dataclass(frozen=True)
class DateGuess:
    """The meeting date read from a document, whether it is clear, and where it came from."""

    date: dt.date | None
    sure: bool
    source: str


Ask = Callable[[DateGuess], dt.date]
"""Asks staff for the meeting date, offering the guess; raises MinutesError if it cannot ask."""


@dataclass(frozen=True)
class AddedMinutes:
    path: Path
    sidecar: Path | None
    date: dt.date
    guess: DateGuess | None


def dates_in(text: str, today: dt.date) -> list[tuple[int, dt.date]]:
    """Every real date up to `today` written in `text`, with where it starts, in order."""
    found = []
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            day = _date(match["year"], match["month"], match["day"])
            if day is not None and day <= today:
                found.append((match.start(), day))
    return sorted(found, key=lambda pair: pair[0])


def _date(year: str, month: str, day: str) -> dt.date | None:
    number = int(month) if month.isdigit() else _MONTHS[month.lower()[:3]]
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def date_from_text(text: str, today: dt.date) -> DateGuess:
    """The meeting date a document states: the date after a "Møtedato:" label, else the only
    date in it. Several labelled dates, or several dates without a label, are a guess."""
    found = dates_in(text, today)
    labels = [match.end() for match in _LABEL.finditer(text)]
    labelled = [day for start, day in found if any(end <= start and _BETWEEN.match(text[end:start]) for end in labels)]
    in_text = messages.gettext("the text")
    for candidates, source in (
        (labelled, messages.gettext("the date after Møtedato/Dato in the text")),
        ([day for _, day in found], in_text),
    ):
        if candidates:
            return DateGuess(candidates[0], len(set(candidates)) == 1, source)
    return DateGuess(None, False, in_text)


def date_from_pdf(text: PdfText, today: dt.date) -> DateGuess:
    """The meeting date from the PDF's first pages, else the day it was created."""
    words = "\n".join(block.text for block in text.blocks if block.page <= FIRST_PAGES)
    guess = date_from_text(words, today)
    if guess.date is not None:
        return guess
    created = _PDF_DATE.match(text.properties.get("CreationDate", ""))
    day = _date(created["year"], created["month"], created["day"]) if created else None
    if day is not None and day <= today:
        return DateGuess(day, True, messages.gettext("the PDF's creation date"))
    return DateGuess(None, False, messages.gettext("the text or the creation date"))


def read_pdf_text(path: Path, language: Language) -> PdfText:
    """The text of one PDF, read as the build reads it: in a bounded reader process, with a
    scan's pages OCRed (a scanned minutes' date is on its first page)."""
    with tempfile.TemporaryDirectory(prefix="raad-pdftext-") as scratch:
        texts, _ = extract_all([path], Path(scratch), progress=False, ocr=find_ocr(language))
    return texts[path]


def guess_date(source: Path, today: dt.date, language: Language) -> DateGuess:
    if source.suffix.lower() == ".pdf":
        return date_from_pdf(read_pdf_text(source, language), today)
    return date_from_text(_markdown(source)[:MARKDOWN_HEAD], today)


def _markdown(source: Path) -> str:
    try:
        return source.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise MinutesError(messages.gettext("%(file)s is not UTF-8 text; save it as UTF-8", file=source)) from None


def _council_dir(root: Path, council: str) -> Path:
    folder = root / council_folder(council)
    if not (folder / COUNCIL_FILE).is_file():
        known = sorted(p.parent.name for p in (root / COUNCILS_DIR).glob(f"*/{COUNCIL_FILE}"))
        expected = f"{council_folder(council)}/{COUNCIL_FILE}"
        raise MinutesError(
            messages.gettext(
                "no council %(council)s: expected %(expected)s; the councils are %(known)s",
                council=messages.quoted(council),
                expected=expected,
                known=", ".join(known) or messages.gettext("none"),
            )
        )
    return folder


def _format(source: Path) -> str:
    ext = source.suffix.lower()
    if ext not in (".pdf", ".md"):
        raise MinutesError(messages.gettext("%(file)s is neither a PDF (.pdf) nor Markdown (.md)", file=source))
    if not source.is_file():
        raise MinutesError(messages.gettext("%(file)s is not a file", file=source))
    return ext[1:]


def minutes_name(folder: Path, date: dt.date, suffix: str | None) -> str:
    """The free file name (without extension) for minutes of `date` in `folder`."""
    name = date.isoformat()
    existing = sorted(p.name for p in folder.glob(f"{name}*") if re.fullmatch(rf"{name}(-[a-z0-9-]+)?\.(md|pdf|yml)", p.name))
    if suffix is None:
        if existing:
            raise MinutesError(
                messages.gettext(
                    "minutes for %(date)s exist already (%(files)s); for a second meeting that day, give --suffix, e.g. --suffix ekstra",
                    date=name,
                    files=", ".join(existing),
                )
            )
        return name
    if not _SUFFIX.match(suffix):
        raise MinutesError(
            messages.gettext("--suffix %(suffix)s: use lower-case letters, digits and hyphens", suffix=messages.quoted(suffix))
        )
    name = f"{name}-{suffix}"
    taken = [n for n in existing if n.rsplit(".", 1)[0] == name]
    if taken:
        raise MinutesError(messages.gettext("minutes named %(name)s exist already (%(files)s)", name=name, files=", ".join(taken)))
    return name


def add_minutes(
    root: Path,
    council: str,
    source: Path,
    today: dt.date,
    ask: Ask,
    date: dt.date | None = None,
    title: str | None = None,
    draft: bool = False,
    suffix: str | None = None,
) -> AddedMinutes:
    """Copy `source` into the council's minutes under its meeting date, with its metadata."""
    folder = _council_dir(root, council) / "minutes"
    ext = _format(source)
    guess = None
    if date is None:
        guess = guess_date(source, today, configured_language(root))
        date = guess.date if guess.sure and guess.date is not None else ask(guess)
    if date > today:
        raise MinutesError(messages.gettext("%(date)s is in the future; minutes are added after the meeting", date=date.isoformat()))
    folder.mkdir(exist_ok=True)
    name = minutes_name(folder, date, suffix)
    target = folder / f"{name}.{ext}"
    sidecar = None
    if ext == "pdf":
        shutil.copyfile(source, target)
        sidecar = folder / f"{name}.yml"
        sidecar.write_text(_metadata(title, draft), encoding="utf-8")
    else:
        target.write_text(_with_front_matter(_markdown(source), title, draft), encoding="utf-8")
    return AddedMinutes(target, sidecar, date, guess)


def _metadata(title: str | None, draft: bool) -> str:
    """The YAML of a sidecar or front matter; a JSON string is a YAML string scalar."""
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"] if title else []
    lines.append(f"status: {'draft' if draft else 'approved'}")
    return "".join(f"{line}\n" for line in lines)


def _with_front_matter(text: str, title: str | None, draft: bool) -> str:
    """Markdown minutes with front matter: the file's own if it has one, else the title's.
    Without --title, the first heading is the title."""
    front, _ = split_front_matter(text)
    if front is not None:
        if title or draft:
            raise MinutesError(
                messages.gettext("the Markdown file has front matter already; set title and status there, not with --title or --draft")
            )
        return text
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, flags=re.MULTILINE)
    return f"---\n{_metadata(title or (heading[1] if heading else None), draft)}---\n\n{text}"


def council_problems(root: Path, council: str, today: dt.date) -> list[Problem]:
    """What `raad check` finds in the council's folder, after the minutes were added."""
    project = load_project(root, today)
    problems = check_project(project, today) + check_pdfs(project, root / "build", today, strict=False)
    prefix = f"{council_folder(council)}/"
    return sorted_problems([problem for problem in problems if problem.path.startswith(prefix)])
