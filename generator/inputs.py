"""Which files of a project raad reads, and how much of each.

raad publishes and indexes what it reads, so it reads only the project's own files:

* **No symbolic links at all**, to files or folders, wherever they point. A link that stays
  inside the project can still reach what is not input (`.git/config`, where CI keeps its
  access token, or `build/`), and git stores a link, not the file, so what a reviewer sees
  in a pull request is not what would be published. Refusing every link is also one rule
  that needs no resolving of paths, so `..` tricks and link chains cannot get round it.
* **Only regular files**: a fifo would block the reader forever, a device could be read
  without end, a socket cannot be read at all.
* **Bounded sizes**, checked with `stat` before reading, and the read itself bounded too,
  since a file can grow between the two.

Every refusal is a `Problem` naming the file, never an exception and never a read.
Folders are listed here too (`project_folder`), without following links, since
`Path.is_dir`, `Path.is_file` and `Path.iterdir` of a linked folder follow the link.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from generator.messages import gettext as _
from generator.messages import number, quoted
from generator.problems import Problem

MAX_YAML_BYTES = 1_000_000
"""Largest YAML file (site-config.yml, council.yml, a PDF's .yml). The largest real council
file is a few kB; 1 MB is hundreds of members and meetings, and parses in about a second."""

MAX_MARKDOWN_BYTES = 1_000_000
"""Largest Markdown file (minutes, mandate, content page): about 150,000 words, a 300-page
book. The Markdown renderer takes a few seconds on that much ordinary text."""

MAX_PDF_BYTES = 100_000_000
"""Largest minutes PDF. Scanned minutes with images run to tens of MB; text extraction has
its own bounds besides (`generator.pdftext.TIMEOUT_SECONDS` and `MEMORY_BYTES`)."""

MAX_FILE_BYTES = 100_000_000
"""Largest other file that is copied into the site (images and documents under content/,
theme files): a large photo or an attached report, read whole into memory once."""

MAX_FOLDER_DEPTH = 10
"""Deepest folder under `content/` or `theme/`, counted from it. Real projects nest three or
four deep (`content/assets/img/2024/`); deeper ones reach the system's limit on the length of
a path, where reading fails."""


@dataclass(frozen=True)
class InputKind:
    """A kind of input file and its size limit, as an error message names it."""

    name: str
    max_bytes: int

    def too_big(self, size: int) -> str:
        """That a file of `size` bytes is larger than this kind allows, in the staff's language."""
        values = {"size": number(size), "most": number(self.max_bytes)}
        if self is YAML_FILE:
            return _("is %(size)s bytes; a YAML file may be at most %(most)s bytes", **values)
        if self is MARKDOWN_FILE:
            return _("is %(size)s bytes; a Markdown file may be at most %(most)s bytes", **values)
        if self is PDF_FILE:
            return _("is %(size)s bytes; a PDF may be at most %(most)s bytes", **values)
        return _("is %(size)s bytes; a file may be at most %(most)s bytes", **values)


YAML_FILE = InputKind("a YAML file", MAX_YAML_BYTES)
MARKDOWN_FILE = InputKind("a Markdown file", MAX_MARKDOWN_BYTES)
PDF_FILE = InputKind("a PDF", MAX_PDF_BYTES)
OTHER_FILE = InputKind("a file", MAX_FILE_BYTES)


def _only_own(root: Path, link: Path) -> str:
    return _("%(link)s; raad reads only the project's own files: put the file itself here", link=link_description(root, link))


def refusal(root: Path, relative: str) -> Problem | None:
    """Why `relative` (under `root`, ``/``-separated) may not be read, or None if it may or
    does not exist. Looks at every step of the path with `lstat`, so a linked folder on the
    way is refused as well as a linked file; the problem names the link itself. (Paths are
    plain strings here: every file loaded passes through, and `pathlib` costs more than the
    system calls.)"""
    parts = relative.split("/")
    path = os.fspath(root)
    mode = 0
    for index, part in enumerate(parts):
        path = f"{path}/{part}"
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return None
        except OSError as exc:
            return Problem("/".join(parts[: index + 1]), None, "", _("cannot be read: %(reason)s", reason=exc.strerror))
        if stat.S_ISLNK(mode):
            return Problem("/".join(parts[: index + 1]), None, "", _only_own(root, Path(path)))
        if index < len(parts) - 1 and not stat.S_ISDIR(mode):
            return None  # a file where a folder was expected: the caller reports it missing
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return Problem(relative, None, "", special_file_message(mode))


def link_description(root: Path, link: Path) -> str:
    """Whether the link leads out of the project; its target is named, never read."""
    try:
        target = os.readlink(link)
        inside = (link.parent / target).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # unreadable, or a loop of links
        return _("is a symbolic link")
    if inside:
        return _("is a symbolic link to %(target)s, inside the project", target=quoted(target))
    return _("is a symbolic link to %(target)s, outside the project", target=quoted(target))


def special_file_message(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is, and that raad refuses it."""
    if stat.S_ISFIFO(mode):
        return _("is a fifo (named pipe); raad reads only regular files")
    if stat.S_ISSOCK(mode):
        return _("is a socket; raad reads only regular files")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device file; raad reads only regular files")
    return _("is not a regular file; raad reads only regular files")


def size_problem(relative: str, size: int, kind: InputKind) -> Problem | None:
    """The problem of a file larger than its kind allows, or None."""
    if size <= kind.max_bytes:
        return None
    return Problem(relative, None, "", kind.too_big(size))


def read_input(root: Path, relative: str, kind: InputKind, *, listed: bool = False) -> tuple[bytes | None, Problem | None]:
    """The bytes of the project file `relative`, or why it may not be read.

    The file is opened without following a link and without blocking (a fifo put there
    between the check and the open still cannot hang the reader), its type and size are
    checked on the open file, and at most one byte more than the limit is read. Each step
    of its path is looked at first (`refusal`), unless it is `listed`: `project_folder` has
    just found it, a regular file, in a folder it looked at the same way."""
    refused = None if listed else refusal(root, relative)
    if refused is not None:
        return None, refused
    try:
        fd = os.open(f"{os.fspath(root)}/{relative}", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None, Problem(relative, None, "", _("does not exist"))
    except OSError as exc:
        return None, Problem(relative, None, "", _("cannot be read: %(reason)s", reason=exc.strerror))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(relative, None, "", special_file_message(info.st_mode))
        too_big = size_problem(relative, info.st_size, kind)
        if too_big is not None:
            return None, too_big
        data = _read_at_most(fd, info.st_size, kind.max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > kind.max_bytes:
        return None, size_problem(relative, len(data), kind)
    return data, None


def _read_at_most(fd: int, expected: int, most: int) -> bytes:
    """The file's bytes up to `most`. The first read asks for the size `fstat` gave (and one
    byte more, to see the end) rather than for `most`: a buffer of the limit for every small
    file costs more than reading it; a file that grows meanwhile is read on, to `most`."""
    chunks: list[bytes] = []
    total, wanted = 0, min(expected + 1, most)
    while total < most:
        chunk = os.read(fd, min(wanted, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted = 1 << 20
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


@dataclass
class Folder:
    """What `project_folder` found: regular files with their sizes and folders, each
    relative to the project, and the problems of what it refused."""

    exists: bool = True
    files: dict[str, int] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def project_folder(root: Path, relative: str, *, recursive: bool = False, hidden: bool = True) -> Folder:
    """The regular files and folders in the project folder `relative`, without following a
    link: each link, fifo, device or socket in it becomes a problem instead. With
    `hidden=False`, names starting with a dot are passed over unread (and unreported)."""
    found = Folder()
    refused = refusal(root, relative)
    if refused is not None:
        found.exists = False
        found.problems.append(refused)
    elif not (root / relative).is_dir():
        found.exists = False
    else:
        _scan(root, relative, found, recursive, hidden)
    return found


def _scan(root: Path, relative: str, found: Folder, recursive: bool, hidden: bool) -> None:
    """Fill `found` from `relative`, and from the folders below it when `recursive`: with a
    list of folders still to read rather than recursion, however deep the folders nest."""
    pending = [(relative, 0)]
    while pending:
        current, depth = pending.pop()
        if depth > MAX_FOLDER_DEPTH:
            found.problems.append(Problem(current, None, "", _("folders nest more than %(most)s levels deep here", most=MAX_FOLDER_DEPTH)))
            continue
        try:
            with os.scandir(root / current) as entries:
                listed = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:  # unreadable, or a path longer than the system allows
            found.problems.append(Problem(current, None, "", _("cannot be read: %(reason)s", reason=exc.strerror)))
            continue
        for entry in listed:
            if hidden or not entry.name.startswith("."):
                path = f"{current}/{entry.name}"
                if _take(root, path, entry.stat(follow_symlinks=False), found) and recursive:
                    pending.append((path, depth + 1))


def _take(root: Path, path: str, info: os.stat_result, found: Folder) -> bool:
    """Record one entry in `found`; whether it is a folder to read in turn."""
    if stat.S_ISLNK(info.st_mode):
        found.problems.append(Problem(path, None, "", _only_own(root, root / path)))
    elif stat.S_ISDIR(info.st_mode):
        found.folders.append(path)
        return True
    elif stat.S_ISREG(info.st_mode):
        found.files[path] = info.st_size
    else:
        found.problems.append(Problem(path, None, "", special_file_message(info.st_mode)))
    return False
