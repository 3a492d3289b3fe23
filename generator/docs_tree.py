"""Write the in-memory site as a plain docs tree: Markdown pages, files and theme overrides.

This tree is the hand-over point to the site engine, which adds its own configuration
(`generator.engine.config_files`) and reads the rest as it is. Only files whose bytes
changed are written, and files no longer part of the site are removed, so an engine that
watches modification times rebuilds only what changed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.inputs import project_folder, special_file_message
from generator.problems import Problem
from generator.site import Site

DOCS = "docs"
"""Pages and published files, by their address in the site."""
OVERRIDES = "overrides"
"""The project's theme overrides (`theme/`), copied as they are."""

TreeFiles = dict[str, bytes | Path]
"""Files of a docs tree by path relative to it: the bytes, or a file to copy them from."""


@dataclass
class TreeChange:
    """What writing the tree did: files written and removed, and fingerprints (of paths and
    bytes) that tell whether a built site still matches the tree: `pages` of the pages and
    files under `docs/`, `frame` of everything else (the engine's configuration and the
    theme overrides), which shapes every page."""

    written: int
    removed: int
    pages: str
    frame: str


def site_files(site: Site, theme_dir: Path | None) -> TreeFiles:
    """The pages and assets of `site` under `docs/`, and the theme overrides under `overrides/`."""
    files: TreeFiles = {}
    for page in site.pages:
        files[f"{DOCS}/{page.docs_path}"] = page.markdown.encode("utf-8")
    for asset in site.assets:
        files[f"{DOCS}/{asset.url}"] = asset.content
    if theme_dir is not None:
        # Only the theme's own regular files: loading reported every link or special file.
        theme = project_folder(theme_dir.parent, theme_dir.name, recursive=True)
        for relative in sorted(theme.files):
            files[f"{OVERRIDES}/{relative.split('/', 1)[1]}"] = theme_dir.parent / relative
    return files


def write_docs_tree(files: TreeFiles, build_dir: Path) -> TreeChange:
    """Write `files` under `build_dir`, touching only files whose bytes changed, and remove
    what is no longer part of the tree under `docs/` and `overrides/`."""
    pages, frame = hashlib.sha256(), hashlib.sha256()
    written = 0
    for relative, content in sorted(files.items()):
        data = content.read_bytes() if isinstance(content, Path) else content
        digest = pages if relative.startswith(f"{DOCS}/") else frame
        digest.update(relative.encode() + b"\0" + hashlib.sha256(data).digest())
        written += _write_if_changed(build_dir / relative, data)
    removed = _remove_stale(build_dir, {build_dir / relative for relative in files})
    return TreeChange(written, removed, pages.hexdigest(), frame.hexdigest())


def foreign_entries(build_dir: Path, root: Path) -> list[Problem]:
    """Symbolic links and special files in the docs tree folder, the folder itself included,
    each a problem naming it. raad writes, replaces and removes files there, and through a
    link it would do so elsewhere: a `build/docs` link committed to the repository would have
    a build overwrite and delete another folder's files. Not followed, not removed: reported."""
    problems: list[Problem] = []
    pending = [build_dir]
    while pending:
        path = pending.pop()
        try:
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode):
                with os.scandir(path) as entries:
                    pending.extend(Path(entry.path) for entry in entries)
                continue
        except OSError:  # gone, or unreadable: writing there fails on its own
            continue
        if not stat.S_ISREG(mode):
            what = f"is a symbolic link to {os.readlink(path)!r}" if stat.S_ISLNK(mode) else special_file_message(mode)
            shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            problems.append(Problem(shown, None, "", f"{what}; raad builds only into a folder of its own: remove it"))
    return sorted(problems)


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _remove_stale(build_dir: Path, wanted: set[Path]) -> int:
    removed = 0
    for folder in (build_dir / DOCS, build_dir / OVERRIDES):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return removed
