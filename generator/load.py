"""Read a project folder (site-config.yml, councils/) into the model.

Loading never stops at the first mistake: each file that cannot be read becomes a
`Problem` and the rest is still loaded, so one `raad check` lists everything. Loading
reads files only; it writes nothing and knows nothing of the site.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from pathlib import Path

from generator.collector import making_long_lived
from generator.history import last_changed
from generator.inputs import MARKDOWN_FILE, OTHER_FILE, PDF_FILE, YAML_FILE, InputKind, project_folder, read_input, refusal, size_problem
from generator.markdown_bounds import nesting_problem
from generator.messages import gettext as _
from generator.messages import quoted
from generator.model import (
    CONFIG_FILE,
    CONTENT_DIR,
    COUNCIL_FILE,
    COUNCILS_DIR,
    SLUG_PATTERN,
    THEME_DIR,
    ContentPage,
    Council,
    CouncilFile,
    Language,
    Minutes,
    MinutesFormat,
    MinutesMeta,
    PageMeta,
    Project,
    SiteConfig,
    council_folder,
)
from generator.problems import Problem
from generator.published_files import content_file_problem, content_name_problem
from generator.schema_errors import validate
from generator.yamlsafe import Document, YamlError, parse

_MINUTES_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?P<suffix>-[a-z0-9]+(?:-[a-z0-9]+)*)?\.(?P<ext>md|pdf|yml)$")


def _long_lived(load: Callable[[Path, dt.date], Project]) -> Callable[[Path, dt.date], Project]:
    """`load`, making the project without full garbage collections (`generator.collector`)."""

    @functools.wraps(load)
    def loading(root: Path, today: dt.date) -> Project:
        with making_long_lived():
            return load(root, today)

    return loading


@_long_lived
def load_project(root: Path, today: dt.date) -> Project:
    """Load everything under `root`; `today` decides which minutes dates lie in the future.

    Everything the site shows is gathered here, the last-changed date of each council and
    the size of each PDF included, so that assembling the pages reads no file."""
    config, config_doc, problems = _load_config(root)
    project = Project(root=root, config=config, config_source=config_doc, problems=problems)
    _load_content(project)
    project.problems += _theme_problems(root)
    councils = project_folder(root, COUNCILS_DIR, hidden=False)
    project.problems += councils.problems
    if not councils.exists:
        if not councils.problems:
            project.problems.append(Problem(COUNCILS_DIR, None, "", _("folder is missing; put one folder per council here")))
        return project
    folders = [root / folder for folder in councils.folders]
    updated = last_changed(root, [council_folder(f.name) for f in folders])
    for folder in folders:
        council, council_problems = load_council(root, folder, today, updated[council_folder(folder.name)])
        project.problems.extend(council_problems)
        if council is not None:
            project.councils.append(council)
    return project


def _load_content(project: Project) -> None:
    """Hand-written pages (Markdown with optional front matter) and the files beside them."""
    folder = project_folder(project.root, CONTENT_DIR, recursive=True, hidden=False)
    project.problems += folder.problems
    for path, size in sorted(folder.files.items()):
        relative = path.removeprefix(f"{CONTENT_DIR}/")
        misnamed = content_name_problem(path)
        if misnamed is not None:
            project.problems.append(misnamed)
            continue
        if not relative.endswith(".md"):
            refused = size_problem(path, size, OTHER_FILE) or content_file_problem(project.root, path)
            if refused is None:
                project.content_files.append(relative)
            else:
                project.problems.append(refused)
            continue
        text, problems = read_text(project.root, path, MARKDOWN_FILE, listed=True)
        project.problems.extend(problems)
        if text is None:
            continue
        front, body = split_front_matter(text)
        meta: PageMeta | None = PageMeta()
        doc = None
        if front is not None:
            doc, problems = read_yaml(project.root, f"content/{relative}", line_offset=1, text=front)
            project.problems.extend(problems)
            if doc is not None:
                meta, problems = validate(PageMeta, doc, f"content/{relative}")
                project.problems.extend(problems)
        body_line = text[: len(text) - len(body)].count("\n") + 1
        if _too_deep(project.problems, path, body, body_line):
            body = ""  # never rendered: the error stops the build; the page still exists for links to it
        project.pages.append(ContentPage(relative, meta or PageMeta(), body, body_line, doc))


def _theme_problems(root: Path) -> list[Problem]:
    """The theme overrides are copied into the site as they are: only the project's own
    regular files, of bounded size."""
    folder = project_folder(root, THEME_DIR, recursive=True)
    too_big = (size_problem(path, size, OTHER_FILE) for path, size in folder.files.items())
    return folder.problems + [problem for problem in too_big if problem is not None]


def _too_deep(problems: list[Problem], relative: str, markdown: str, first_line: int) -> bool:
    """Whether contributed Markdown nests too deep to be rendered; if so, says where."""
    problem = nesting_problem(relative, markdown, first_line)
    if problem is not None:
        problems.append(problem)
    return problem is not None


def read_text(root: Path, relative: str, kind: InputKind, *, listed: bool = False) -> tuple[str | None, list[Problem]]:
    """The text of a contributed file, or a problem when it may not be read (a link, not a
    regular file, too large: see `generator.inputs`) or is not UTF-8; `listed`: as
    `generator.inputs.read_input` says."""
    data, refused = read_input(root, relative, kind, listed=listed)
    if data is None:
        return None, [refused] if refused is not None else []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [Problem(relative, None, "", _("is not UTF-8 text; save it as UTF-8"))]


def read_yaml(root: Path, relative: str, line_offset: int = 0, text: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file (or YAML `text` taken from it) into a located document."""
    if text is None:
        text, problems = read_text(root, relative, YAML_FILE)
        if text is None:
            return None, problems
    try:
        return parse(text, line_offset), []
    except YamlError as exc:
        return None, [Problem(relative, exc.line, exc.field, exc.message)]


def configured_day(root: Path) -> dt.date | None:
    """The example_day of the project's site-config.yml, if it is valid and names one: an
    example project's data describes that day, whatever day it is built on."""
    config = _load_config(root)[0]
    return config.example_day if config else None


def configured_language(root: Path) -> Language:
    """The language of the project's site-config.yml, which `raad check` speaks to its
    staff; nb when the file is missing or invalid (its problems are reported in nb)."""
    config = _load_config(root)[0]
    return config.language if config else "nb"


def _load_config(root: Path) -> tuple[SiteConfig | None, Document | None, list[Problem]]:
    if refusal(root, CONFIG_FILE) is None and not (root / CONFIG_FILE).is_file():
        return None, None, [Problem(CONFIG_FILE, None, "", _("is missing; every project needs one"))]
    doc, problems = read_yaml(root, CONFIG_FILE)
    if doc is None:
        return None, None, problems
    config, problems = validate(SiteConfig, doc, CONFIG_FILE)
    return config, doc, problems


def load_council(root: Path, folder: Path, today: dt.date, updated: dt.date) -> tuple[Council | None, list[Problem]]:
    """One council folder: council.yml, its mandate and its minutes; `updated` is the day
    the folder last changed."""
    relative = council_folder(folder.name)
    if not re.fullmatch(SLUG_PATTERN, folder.name):
        message = _("folder name is the council's web address: use lower-case letters, digits and hyphens")
        return None, [Problem(relative, None, "", message)]
    file = f"{relative}/{COUNCIL_FILE}"
    if refusal(root, file) is None and not (folder / COUNCIL_FILE).is_file():
        return None, [Problem(file, None, "", _("is missing; every council folder needs one"))]
    doc, problems = read_yaml(root, file)
    if doc is None:
        return None, problems
    data, problems = validate(CouncilFile, doc, file)
    if data is None:
        return None, problems
    mandate_text, mandate_problems = _load_mandate(data, doc, file, folder)
    minutes, minutes_problems = _load_minutes(root, relative, today)
    council = Council.from_file(folder.name, data, mandate_text=mandate_text, minutes=minutes, updated=updated, source=doc)
    return council, problems + mandate_problems + minutes_problems


def _load_mandate(data: CouncilFile, doc: Document, file: str, folder: Path) -> tuple[str | None, list[Problem]]:
    """The text of the mandate file that council.yml names, if any."""
    if data.mandate is None:
        return None, []
    name = data.mandate
    line = doc.line(("mandate",))
    if "/" in name or "\\" in name or not name.endswith(".md"):
        message = _("expected the name of a Markdown file beside council.yml, e.g. mandate.md, but got %(name)s", name=quoted(str(name)))
        return None, [Problem(file, line, "mandate", message)]
    relative = f"{council_folder(folder.name)}/{name}"
    root = folder.parent.parent
    if refusal(root, relative) is None and not (folder / name).is_file():
        return None, [Problem(file, line, "mandate", _("file %(file)s does not exist", file=relative))]
    text, problems = read_text(root, relative, MARKDOWN_FILE)
    if text is not None and _too_deep(problems, relative, text, 1):
        return None, problems
    return text, problems


def _load_minutes(root: Path, council_dir: str, today: dt.date) -> tuple[list[Minutes], list[Problem]]:
    listing = project_folder(root, f"{council_dir}/minutes", hidden=False)
    names = [path.rsplit("/", 1)[1] for path in listing.files]
    problems: list[Problem] = listing.problems
    found: dict[str, Minutes] = {}
    sidecars: list[str] = []
    for name in names:
        relative = f"{council_dir}/minutes/{name}"
        named = _dated_name(relative, name, today)
        if isinstance(named, Problem):
            problems.append(named)
            continue
        date, ext = named
        if ext == "yml":
            sidecars.append(name)
            continue
        slug = name.rsplit(".", 1)[0]
        if slug in found:
            message = _("two minutes for the same meeting: %(file)s has the same name", file=found[slug].path)
            problems.append(Problem(relative, None, "", message))
            continue
        minutes, read_problems = _read_minutes(root, relative, date, slug, MinutesFormat(ext))
        problems += read_problems
        if minutes is not None:
            found[slug] = minutes
    for name in sidecars:
        relative = f"{council_dir}/minutes/{name}"
        pdf = found.get(name.rsplit(".", 1)[0])
        if pdf is None or pdf.format is not MinutesFormat.PDF:
            message = _("metadata file without its PDF; expected %(pdf)s beside it", pdf=f"{name[:-4]}.pdf")
            problems.append(Problem(relative, None, "", message))
            continue
        read, meta_problems = _read_meta(root, relative, None)
        problems += meta_problems
        if read is not None:
            pdf.meta, pdf.metadata_source = read
        pdf.metadata_path = relative
    return sorted(found.values(), key=lambda m: (m.date, m.slug), reverse=True), problems


def _dated_name(relative: str, name: str, today: dt.date) -> tuple[dt.date, str] | Problem:
    """The meeting date and extension a minutes file's name gives, or what is wrong with it."""
    match = _MINUTES_NAME.match(name)
    if match is None:
        return Problem(relative, None, "", _("minutes are named by meeting date: YYYY-MM-DD.md, or .pdf with an optional .yml beside it"))
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        return Problem(relative, None, "", _("%(date)s in the file name is not a real date", date=match["date"]))
    if date > today:
        message = _("dated %(day)s, which is in the future; minutes are added after the meeting", day=date.isoformat())
        return Problem(relative, None, "", message)
    return date, match["ext"]


def _read_minutes(root: Path, relative: str, date: dt.date, slug: str, fmt: MinutesFormat) -> tuple[Minutes | None, list[Problem]]:
    minutes = Minutes(date=date, slug=slug, format=fmt, path=relative, meta=MinutesMeta())
    if fmt is MinutesFormat.PDF:
        minutes.size = (root / relative).lstat().st_size
        too_big = size_problem(relative, minutes.size, PDF_FILE)
        return minutes, [too_big] if too_big is not None else []  # kept, so its .yml is still checked
    text, problems = read_text(root, relative, MARKDOWN_FILE, listed=True)
    if text is None:
        return None, problems
    front, body = split_front_matter(text)
    body_line = text[: len(text) - len(body)].count("\n") + 1
    if _too_deep(problems, relative, body, body_line):
        body = ""  # never rendered: the error stops the build; the metadata is still checked
    minutes.body, minutes.body_line = body, body_line
    if front is None:
        return minutes, problems
    read, meta_problems = _read_meta(root, relative, front)
    if read is not None:
        minutes.meta, minutes.metadata_source = read
    return minutes, problems + meta_problems


def _read_meta(root: Path, relative: str, front: str | None) -> tuple[tuple[MinutesMeta, Document] | None, list[Problem]]:
    doc, problems = read_yaml(root, relative, line_offset=1 if front is not None else 0, text=front)
    if doc is None:
        return None, problems
    meta, problems = validate(MinutesMeta, doc, relative)
    return ((meta, doc) if meta is not None else None), problems


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split ``---``-fenced YAML front matter from a Markdown body.

    The YAML is returned without its fences, so it starts on line 2 of the file."""
    if not text.startswith("---\n"):
        return None, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        return None, text
    return text[4 : 4 + end.start()], text[4 + end.end() :].lstrip("\n")
