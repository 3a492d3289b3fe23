"""Personal data the site must not publish, found where staff wrote it.

Two rules (issue 10, point 4):

* A personal identity number (`identity_numbers`) anywhere in the project's text is an
  error: Markdown minutes, mandates and content pages, every value of every YAML file, and
  the extracted text of minutes PDFs and of the PDFs under content/ (a contact meeting's
  minutes may be one). Only a number the document's own metadata records as
  reviewed (`reviewed_identity_numbers`, in the masked form the error prints) passes.
* An e-mail address or phone number in minutes (body, metadata, PDF text) that is not the
  council's own, not a public contact detail of one of its members and not one of the
  municipality's `function_addresses` is a warning: it is most likely a private person's.

Every message shows an identity number masked (``xxxxxxxxx45``), never in full; `Problem`
itself masks any that another message, or a file's name, quotes. The sources in git are public as well,
so Markdown and YAML are scanned whether or not a document is published (drafts included);
PDF text is scanned where it is extracted, for the published minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.contact_details import DetailKind, FoundDetail, detail_key, find_contact_details
from generator.identity_numbers import IdentityNumber, NumberKind, find_identity_numbers, find_loosely, relaxed_on
from generator.inputs import MARKDOWN_FILE, YAML_FILE, read_input
from generator.messages import gettext as _
from generator.model import CONFIG_FILE, CONTENT_DIR, Council, Minutes, MinutesFormat, Project, ReviewedNumber
from generator.pdftext import PdfText
from generator.problems import Problem, Severity, field_path
from generator.yamlsafe import Document, Loc

_MARKUP = re.compile(r"[*_`\\]")
"""Markdown emphasis, code and escapes, which a reader does not see: ``**010203** 12345``
reads as one number. Replaced by spaces, so that offsets (and so lines) stay those of the file
(with a pattern: `str.translate` costs twenty times more on text that is not ASCII)."""

_HTML_TAG = re.compile(r"<[A-Za-z/!][^<>\n]*>")
"""An HTML tag or comment on one line: ``<b>010203</b> 12345`` reads as one number."""

_WORTH_SCANNING = re.compile(r"@|[0-9]{2}")
"""Every identity number and contact detail has two digits in a row or an @; most values
(names, roles, titles) have neither, and are passed over at the cost of one search."""


@dataclass(frozen=True)
class _Scope:
    """What holds for one document: the numbers reviewed for it, the file whose metadata
    would record another (None where no exception is possible), and for minutes the
    contact details that may appear (None: contact details are not checked)."""

    reviewed: frozenset[str]
    record_in: str | Minutes | None
    """The file, or the minutes whose metadata file (`_recorded_in`) is named only when a
    message needs it: most documents have nothing to report."""
    known_details: frozenset[str] | None = None


@dataclass(frozen=True)
class _Finding:
    start: int
    end: int
    severity: Severity
    message: str


@dataclass
class _Scanner:
    root: Path
    relaxed: bool
    function_details: frozenset[str]
    problems: list[Problem] = field(default_factory=list)
    _files: dict[str, list[str]] = field(default_factory=dict)

    def findings(self, text: str, scope: _Scope, read: str | None = None) -> list[_Finding]:
        """Identity numbers (errors) and, where the scope asks, unknown contact details
        (warnings); numbers are looked for in `read`, the text as a reader sees it, if given."""
        if not _WORTH_SCANNING.search(text):
            return []
        numbers = find_identity_numbers(read or text, self.relaxed)
        found = [_Finding(n.start, n.end, Severity.ERROR, _number_message(n, scope)) for n in numbers if n.masked not in scope.reviewed]
        if scope.known_details is not None:
            allowed = scope.known_details | self.function_details
            found += [
                _Finding(d.start, d.end, Severity.WARNING, _detail_message(d))
                for d in find_contact_details(text)
                if d.key not in allowed and not any(n.start < d.end and d.start < n.end for n in numbers)
            ]
        return found

    def markdown(self, path: str, body: str, first_line: int, scope: _Scope) -> None:
        """A Markdown body whose first line is line `first_line` of the file `path`; read
        once more without its HTML tags, which a reader does not see either."""
        if "<" not in body and not _WORTH_SCANNING.search(body):
            return  # nothing to find, and no tag whose removal would join digits
        read = _MARKUP.sub(" ", body)
        found = [(body, finding) for finding in self.findings(body, scope, read=read)]
        tagless = _HTML_TAG.sub("", read)  # tags hold no line break, so lines stay those of the file
        if tagless != read:
            found += [(tagless, finding) for finding in self.findings(tagless, replace(scope, known_details=None))]
        reported = set()
        for text, finding in found:
            line = first_line + text.count("\n", 0, finding.start)
            if (line, finding.message) not in reported:
                reported.add((line, finding.message))
                self.problems.append(Problem(path, line, "", finding.message, finding.severity))

    def yaml(self, path: str, doc: Document | None, scope: _Scope) -> None:
        """Every key and value of a YAML document (text, and the source of a plain scalar YAML
        read as a number), located on the line of the file where it is written."""
        if doc is None:
            return
        if not self.findings("\0".join(_strings(doc)), scope):
            return  # the usual case, found with one search of the whole document
        for loc, text in _texts(doc, doc.data, ()):
            for finding in self.findings(text, scope):
                line = self._line_of(path, doc.line(loc), text[finding.start : finding.end])
                self.problems.append(Problem(path, line, field_path(loc), finding.message, finding.severity))

    def pdf(self, path: str, text: PdfText, scope: _Scope) -> None:
        """The text by page, and the document properties a PDF viewer shows (its title, author...)."""
        for block in text.blocks:
            for finding in self.findings(block.text, scope):
                self.problems.append(Problem(path, None, _("page %(page)s", page=block.page), finding.message, finding.severity))
        for name, value in sorted(text.properties.items()):
            for finding in self.findings(value, scope):
                where = _("document properties: %(name)s", name=name)
                self.problems.append(Problem(path, None, where, finding.message, finding.severity))

    def _line_of(self, path: str, start: int | None, written: str) -> int | None:
        """The line at or after `start` where `written` stands: a value written over several
        lines (a `|` block, folded text) reports where the finding is, not where the value begins."""
        if start is None:
            return None
        if path not in self._files:
            # Read as loading read it: the project's own regular file, within its bound.
            data, _ = read_input(self.root, path, MARKDOWN_FILE if path.endswith(".md") else YAML_FILE)
            self._files[path] = data.decode("utf-8", errors="replace").splitlines() if data is not None else []
        lines = self._files[path]
        for needle in (written, written[:6]):
            for index in range(start - 1, len(lines)):
                if needle in lines[index]:
                    return index + 1
        return start


def _strings(doc: Document) -> list[str]:
    """The texts `_texts` gives, without their places (and in another order): every key and
    text value, and the source of each plain scalar read as something else (the positions
    that keep one)."""
    found = doc.raw_texts()
    pending = [doc.data]
    while pending:
        data = pending.pop()
        if isinstance(data, str):
            found.append(data)
        elif isinstance(data, dict):
            found += map(str, data)
            pending += data.values()
        elif isinstance(data, list):
            pending += data
    return found


def _texts(doc: Document, data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield (*loc, key), str(key)
            yield from _texts(doc, value, (*loc, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _texts(doc, item, (*loc, index))
    else:
        position = doc.exact(loc)
        if position is not None and position.raw:
            yield loc, position.raw


def _kind_name(kind: NumberKind | DetailKind) -> str:
    """What a message calls the kind of number or contact detail, in the staff's language."""
    names = {
        NumberKind.FODSELSNUMMER: _("fødselsnummer"),
        NumberKind.D_NUMBER: _("D-number"),
        NumberKind.H_NUMBER: _("H-number"),
        DetailKind.EMAIL: _("e-mail address"),
        DetailKind.PHONE: _("phone number"),
    }
    return names[kind]


def _number_message(number: IdentityNumber, scope: _Scope) -> str:
    values = {"kind": _kind_name(number.kind), "number": number.masked}
    if scope.record_in is None:
        return _("%(kind)s %(number)s: a personal identity number must not be published; remove it", **values)
    return _(
        "%(kind)s %(number)s: a personal identity number must not be published; remove it, or if it was reviewed and "
        "may be published, record it in %(file)s: reviewed_identity_numbers: [{number: %(number)s, reason: ...}]",
        file=_recorded_in(scope.record_in),
        **values,
    )


def _detail_message(detail: FoundDetail) -> str:
    return _(
        "%(kind)s %(detail)s belongs to nobody on the council's public roster; remove it, or if it is the "
        "municipality's own, list it under function_addresses in site-config.yml",
        kind=_kind_name(detail.kind),
        detail=detail.text,
    )


def _front_matter(path: str) -> str:
    return _("the front matter of %(file)s", file=path)


def _scanner(project: Project, today: dt.date) -> _Scanner:
    functions = project.config.function_addresses if project.config else []
    return _Scanner(project.root, relaxed_on(today), frozenset(detail_key(value) for value in functions))


def _reviewed(numbers: list[ReviewedNumber]) -> frozenset[str]:
    return frozenset(reviewed.number for reviewed in numbers)


def public_details(council: Council) -> frozenset[str]:
    """The contact details of a council the site publishes: its own, and those of members
    marked public (or public by their role)."""
    details = [council.contact.email, council.contact.phone] if council.contact else []
    for member in council.members:
        details += [detail.value for detail in (member.email, member.phone) if detail is not None and member.publishes(detail)]
    return frozenset(detail_key(value) for value in details if value)


def _minutes_scope(minutes: Minutes, details: frozenset[str]) -> _Scope:
    """The scope of one of a council's minutes, whose `public_details` are `details`."""
    return _Scope(_reviewed(minutes.meta.reviewed_identity_numbers), minutes, details)


def _recorded_in(record_in: str | Minutes) -> str:
    """Where a reviewed identity number is recorded: the file named, or the metadata of the
    minutes (their front matter, or the .yml beside a PDF, which may not exist yet)."""
    if isinstance(record_in, str):
        return record_in
    if record_in.format is MinutesFormat.PDF:
        beside = f"{record_in.path[: -len('.pdf')]}.yml"
        return record_in.metadata_path or _("%(file)s (a new file beside the PDF)", file=beside)
    return _front_matter(record_in.path)


def _published_names(project: Project) -> Iterator[str]:
    """The project's files whose names the site publishes, in its URLs and download links."""
    for page in project.pages:
        yield f"{CONTENT_DIR}/{page.path}"
    yield from (f"{CONTENT_DIR}/{name}" for name in project.content_files)
    for council in project.councils:
        yield council.file
        if council.mandate.path is not None:
            yield council.mandate.path
        for minutes in council.minutes:
            yield from {minutes.path, minutes.metadata_file}


def _file_name_problems(project: Project, relaxed: bool) -> Iterator[Problem]:
    """A number in a file or folder name: scanned documents are often saved under the
    number of the person they concern, and the name would stand in the site's URLs. No
    exception can be recorded, since the file can always be renamed; the problem names
    the file with the number masked (`Problem` masks it)."""
    for name in _published_names(project):
        for number in find_loosely(name, relaxed):
            message = _(
                "the file name holds %(kind)s %(number)s: a personal identity number must not be published; rename the file",
                kind=_kind_name(number.kind),
                number=number.masked,
            )
            yield Problem(name, None, "", message)


def personal_data_problems(project: Project, today: dt.date) -> list[Problem]:
    """Identity numbers and unknown contact details in the project's Markdown and YAML,
    and identity numbers in the names of its files."""
    scanner = _scanner(project, today)
    scanner.problems += _file_name_problems(project, scanner.relaxed)
    scanner.yaml(CONFIG_FILE, project.config_source, _Scope(frozenset(), None))
    for page in project.pages:
        path = f"{CONTENT_DIR}/{page.path}"
        scope = _Scope(_reviewed(page.meta.reviewed_identity_numbers), _front_matter(path))
        scanner.yaml(path, page.source, scope)
        scanner.markdown(path, page.body, page.body_line, scope)
    for council in project.councils:
        scope = _Scope(_reviewed(council.reviewed_numbers), council.file)
        scanner.yaml(council.file, council.source, scope)
        if council.mandate.text is not None and council.mandate.path is not None:
            scanner.markdown(council.mandate.path, council.mandate.text, 1, scope)
        details = public_details(council)
        for minutes in council.minutes:
            minutes_scope = _minutes_scope(minutes, details)
            scanner.yaml(minutes.metadata_file, minutes.metadata_source, minutes_scope)
            if minutes.format is MinutesFormat.MARKDOWN:
                scanner.markdown(minutes.path, minutes.body, minutes.body_line, minutes_scope)
    return scanner.problems


def pdf_personal_data_problems(project: Project, texts: dict[str, PdfText], today: dt.date) -> list[Problem]:
    """Identity numbers and unknown contact details in the extracted text of minutes PDFs,
    and identity numbers in that of PDFs under content/, by page; `texts` holds the text of
    each PDF by its path. A PDF under content/ has no metadata to record a reviewed number
    in: the number must go (the document is published as it is, as a download)."""
    scanner = _scanner(project, today)
    for council in project.councils:
        details = public_details(council)
        for minutes in council.minutes:
            text = texts.get(minutes.path)
            if text is not None:
                scanner.pdf(minutes.path, text, _minutes_scope(minutes, details))
    for name in project.content_files:
        text = texts.get(f"{CONTENT_DIR}/{name}")
        if text is not None:
            scanner.pdf(f"{CONTENT_DIR}/{name}", text, _Scope(frozenset(), None))
    return scanner.problems
