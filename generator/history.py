"""When each council folder last changed: from git history, or file times outside git.

One `git log` pass for all councils rather than one process per council, so that 500
councils cost one subprocess. A folder with uncommitted changes counts as changed at its
newest file's modification time, since that is what the reader is about to see.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path

from generator.model import CONFIG_FILE, CONTENT_DIR, COUNCILS_DIR, SITE_TIME_ZONE, THEME_DIR


def last_changed(root: Path, folders: list[str]) -> dict[str, dt.date]:
    """Date of the last change of each folder (relative to `root`, e.g. ``councils/x``)."""
    committed = _git_dates(root, folders)
    dirty = _git_dirty(root) if committed is not None else None
    result: dict[str, dt.date] = {}
    for folder in folders:
        if committed is not None and folder in committed and dirty is not None and folder not in dirty:
            result[folder] = committed[folder]
        else:
            result[folder] = _newest_mtime(root / folder)
    return result


def _git(root: Path, *args: str) -> str | None:
    try:
        completed = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _folder_of(path: str, folders: set[str]) -> str | None:
    parts = path.split("/")
    for end in range(len(parts) - 1, 0, -1):
        candidate = "/".join(parts[:end])
        if candidate in folders:
            return candidate
    return None


def _git_dates(root: Path, folders: list[str]) -> dict[str, dt.date] | None:
    top = _git(root, "rev-parse", "--show-prefix")
    if top is None:
        return None
    prefix = top.strip()
    log = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", COUNCILS_DIR)
    if log is None:
        return None
    wanted = set(folders)
    dates: dict[str, dt.date] = {}
    for entry in log.split("\x00")[1:]:
        lines = entry.strip().splitlines()
        if not lines:
            continue
        day = dt.date.fromisoformat(lines[0])
        for name in lines[1:]:
            folder = _folder_of(name.removeprefix(prefix), wanted)
            if folder is not None and folder not in dates:
                dates[folder] = day
    return dates


def _git_dirty(root: Path) -> set[str] | None:
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", COUNCILS_DIR)
    if status is None:
        return None
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    dirty = set()
    for line in status.splitlines():
        name = line[3:].split(" -> ")[-1].strip('"').removeprefix(prefix)
        parts = name.split("/")
        if len(parts) >= 2:
            dirty.add("/".join(parts[:2]))
    return dirty


def _file_times(folder: Path) -> list[float]:
    """Modification times of the regular files under `folder` (or of `folder`, a file).
    With lstat: a link (which loading refuses) must not make raad look at what it points to.
    Folders are read with `os.scandir`, from a list of those still to read: every build
    looks at every file of every council, and `Path.rglob` costs several times more."""
    if not folder.is_dir() or folder.is_symlink():
        info = folder.lstat()
        return [info.st_mtime] if stat.S_ISREG(info.st_mode) else []
    times: list[float] = []
    pending = [os.fspath(folder)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                listed = list(entries)
        except OSError:  # unreadable: loading says so
            continue
        for entry in listed:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                pending.append(entry.path)
            elif stat.S_ISREG(info.st_mode):
                times.append(info.st_mtime)
    return times


def _newest_mtime(folder: Path) -> dt.date:
    times = _file_times(folder)
    newest = max(times, default=folder.stat().st_mtime if folder.exists() else 0.0)
    return dt.datetime.fromtimestamp(newest, tz=SITE_TIME_ZONE).date()


def source_epoch(root: Path) -> int:
    """A timestamp that depends only on the input: the last commit's time in git, else the
    newest input file's modification time. Used where the engine wants a build date."""
    stamp = _git(root, "log", "-1", "--format=%ct")
    if stamp and stamp.strip().isdigit():
        return int(stamp.strip())
    inputs = [root / name for name in (CONFIG_FILE, COUNCILS_DIR, CONTENT_DIR, THEME_DIR)]
    times = [time for folder in inputs if folder.exists() for time in _file_times(folder)]
    return int(max(times, default=0))
