"""Write the in-memory site as a plain docs tree: Markdown pages, files and theme overrides.

This tree is the hand-over point to the site engine, which adds its own configuration
(`generator.engine.config_files`) and reads the rest as it is. Only files whose bytes
changed are written, and files no longer part of the site are removed, so an engine that
watches modification times rebuilds only what changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.inputs import project_folder, special_file_message
from generator.killsafe import write_whole
from generator.problems import Problem
from generator.site import Asset, Page, Site

DOCS = "docs"
"""Pages and published files, by their address in the site."""
OVERRIDES = "overrides"
"""The project's theme overrides (`theme/`), copied as they are."""

MANIFEST = ".cache/docs-tree.json"
"""What the last write left in the docs tree, under the docs tree folder (`TreeManifest`)."""
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Kept:
    """A file the docs tree already holds as it should be (a page not rendered again): its hash."""

    digest: str


TreeFiles = dict[str, bytes | Path | Kept]
"""Files of a docs tree by path relative to it: the bytes, a file to copy them from, or `Kept`."""


@dataclass
class TreeChange:
    """What writing the tree did: files written and removed, and fingerprints (of paths and
    bytes) that tell whether a built site still matches the tree: `pages` of the pages and
    files under `docs/`, `frame` of everything else (the engine's configuration and the
    theme overrides), which shapes every page; and the hash of each file under `docs/`."""

    written: int
    removed: int
    pages: str
    frame: str
    digests: dict[str, str] = field(default_factory=dict)


@dataclass
class TreeManifest:
    """What the last write left in the docs tree, so that a rebuild reads and writes only what
    changed: each file's hash with the size and modification time it was written with (a
    file that no longer has them was changed by someone else, and is written again), each
    page's key with what the site needs of it (`generator.page_memo`), and the hash of each
    file copied from the project, by its size, times and inode."""

    files: dict[str, list[Any]] = field(default_factory=dict)
    """[hash, size, mtime_ns] by path relative to the docs tree folder."""
    pages: dict[str, list[str]] = field(default_factory=dict)
    """[key, title, source, description] of a page, [key] of a published file, by path
    relative to the docs tree folder."""
    sources: dict[str, list[Any]] = field(default_factory=dict)
    """[size, mtime_ns, ctime_ns, inode, hash] by the copied file's absolute path."""

    @classmethod
    def read(cls, build_dir: Path) -> TreeManifest:
        """The manifest of the docs tree in `build_dir`; an empty one when there is none or it
        cannot be read (then every file is compared and every page rendered)."""
        try:
            data = json.loads((build_dir / MANIFEST).read_bytes())
            if data.get("version") == MANIFEST_VERSION:
                return cls(data["files"], data["pages"], data["sources"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        return cls()

    def write(self, build_dir: Path) -> None:
        data = {"version": MANIFEST_VERSION, "files": self.files, "pages": self.pages, "sources": self.sources}
        path = build_dir / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def kept_page(self, build_dir: Path) -> Callable[[str, str], Page | None]:
        """The page the docs tree holds at a docs path, if it holds it under that key, as the
        last write left it."""

        def kept(docs_path: str, key: str) -> Page | None:
            relative = f"{DOCS}/{docs_path}"
            record = self.pages.get(relative)
            if record is None or record[0] != key or not self.intact(build_dir, relative):
                return None
            _, title, source, description = record
            url = docs_path.removesuffix("index.md")
            return Page(url, title, "", source, description, key=key, kept=self.files[relative][0])

        return kept

    def kept_asset(self, build_dir: Path) -> Callable[[str, str], Asset | None]:
        """The published file the docs tree holds at an address, if under that key."""

        def kept(url: str, key: str) -> Asset | None:
            relative = f"{DOCS}/{url}"
            record = self.pages.get(relative)
            if record is None or record[0] != key or not self.intact(build_dir, relative):
                return None
            return Asset(url, key=key, kept=self.files[relative][0])

        return kept

    def intact(self, build_dir: Path, relative: str) -> bool:
        """Whether the file is still the one the last write left (same size and time)."""
        record = self.files.get(relative)
        if record is None:
            return False
        try:
            info = os.lstat(os.path.join(build_dir, relative))
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and [info.st_size, info.st_mtime_ns] == record[1:]

    def source_digest(self, path: Path) -> tuple[str, bytes | None]:
        """The hash of a project file copied into the tree, and its bytes if they had to be read."""
        info = path.stat()
        identity = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        record = self.sources.get(str(path))
        if record is not None and record[:4] == identity:
            return str(record[4]), None
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        self.sources[str(path)] = [*identity, digest]
        return digest, data


def site_files(site: Site, theme_dir: Path | None) -> TreeFiles:
    """The pages and assets of `site` under `docs/`, and the theme overrides under `overrides/`."""
    files: TreeFiles = {}
    for page in site.pages:
        files[f"{DOCS}/{page.docs_path}"] = Kept(page.kept) if page.kept else page.markdown.encode("utf-8")
    for asset in site.assets:
        files[f"{DOCS}/{asset.url}"] = Kept(asset.kept) if asset.kept else asset.content
    if theme_dir is not None:
        # Only the theme's own regular files: loading reported every link or special file.
        theme = project_folder(theme_dir.parent, theme_dir.name, recursive=True)
        for relative in sorted(theme.files):
            files[f"{OVERRIDES}/{relative.split('/', 1)[1]}"] = theme_dir.parent / relative
    return files


def page_records(site: Site) -> dict[str, list[str]]:
    """What the manifest keeps of each page and file that has a key (`TreeManifest.pages`)."""
    records = {f"{DOCS}/{p.docs_path}": [p.key, p.title, p.source, p.description] for p in site.pages if p.key}
    records.update({f"{DOCS}/{a.url}": [a.key] for a in site.assets if a.key})
    return records


def write_docs_tree(
    files: TreeFiles, build_dir: Path, pages: dict[str, list[str]] | None = None, previous: TreeManifest | None = None
) -> TreeChange:
    """Write `files` under `build_dir`, touching only files whose bytes changed, and remove
    what is no longer part of the tree under `docs/` and `overrides/`. The manifest of the
    last write (`previous`, read here if not given) says which files are unchanged without
    reading them; `pages` are the page records of the new tree (`page_records`)."""
    previous = previous or TreeManifest.read(build_dir)
    _expect_new_files(build_dir, previous, files)
    manifest = TreeManifest(pages=pages or {}, sources=previous.sources)
    pages_hash, frame = hashlib.sha256(), hashlib.sha256()
    digests: dict[str, str] = {}
    written = 0
    for relative, content in sorted(files.items()):
        digest, changed = _write_file(build_dir, relative, content, previous)
        written += changed
        info = (build_dir / relative).lstat()
        manifest.files[relative] = [digest, info.st_size, info.st_mtime_ns]
        (pages_hash if relative.startswith(f"{DOCS}/") else frame).update(relative.encode() + b"\0" + bytes.fromhex(digest))
        if relative.startswith(f"{DOCS}/"):
            digests[relative.removeprefix(f"{DOCS}/")] = digest
    removed = _remove_stale(build_dir, set(files), set(previous.files) if previous.files else None)
    manifest.sources = {path: record for path, record in manifest.sources.items() if Path(path).exists()}
    manifest.write(build_dir)
    return TreeChange(written, removed, pages_hash.hexdigest(), frame.hexdigest(), digests)


def _expect_new_files(build_dir: Path, previous: TreeManifest, files: TreeFiles) -> None:
    """Before writing files the last write did not leave, add them to its manifest (with no
    hash): a build killed before it writes its own manifest leaves them known, so the next
    build removes any that it does not want (it removes what the manifest knows)."""
    new = [relative for relative in files if relative not in previous.files]
    if previous.files and new:
        unwritten = {relative: ["", -1, -1] for relative in new}
        TreeManifest({**previous.files, **unwritten}, previous.pages, previous.sources).write(build_dir)


def _write_file(build_dir: Path, relative: str, content: bytes | Path | Kept, previous: TreeManifest) -> tuple[str, bool]:
    """Put one file in place unless it is there already; its hash and whether it was written."""
    if isinstance(content, Kept):
        return content.digest, False  # checked intact when the page was kept
    data = content if isinstance(content, bytes) else None
    if data is not None:
        digest = hashlib.sha256(data).hexdigest()
    else:
        assert isinstance(content, Path)
        digest, data = previous.source_digest(content)
    record = previous.files.get(relative)
    if record is not None and record[0] == digest and previous.intact(build_dir, relative):
        return digest, False
    if data is None:
        assert isinstance(content, Path)
        data = content.read_bytes()
    return digest, _write_if_changed(build_dir / relative, data)


def foreign_entries(build_dir: Path, root: Path) -> list[Problem]:
    """Symbolic links and special files in the docs tree folder, the folder itself included,
    each a problem naming it. raad writes, replaces and removes files there, and through a
    link it would do so elsewhere: a `build/docs` link committed to the repository would have
    a build overwrite and delete another folder's files. Not followed, not removed: reported.
    (The folder holds tens of thousands of files: each entry's type comes from its folder's
    listing, without a call per file.)"""
    problems: list[Problem] = []
    try:
        top = build_dir.lstat().st_mode
    except OSError:  # not there yet: nothing to report
        return []
    pending = [str(build_dir)] if stat.S_ISDIR(top) else []
    found: list[str] = [] if stat.S_ISDIR(top) or stat.S_ISREG(top) else [str(build_dir)]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    elif not entry.is_file(follow_symlinks=False):
                        found.append(entry.path)
        except OSError:  # gone, or unreadable: writing there fails on its own
            continue
    for name in found:
        path = Path(name)
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
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


def _remove_stale(build_dir: Path, wanted: set[str], known: set[str] | None) -> int:
    """Remove files under `docs/` and `overrides/` that are not `wanted` (paths relative to
    the docs tree folder), and the folders that leaves empty. With the files the last write
    left (`known`, from its manifest), those no longer wanted go; without, the folders are
    searched for every file that is not wanted."""
    if known is None:
        return _remove_unwanted(build_dir, wanted)
    removed = 0
    for relative in sorted(known - wanted, reverse=True):
        if not relative.startswith((f"{DOCS}/", f"{OVERRIDES}/")):
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(os.path.join(build_dir, relative))
            removed += 1
        folder = posixpath.dirname(relative)
        while folder not in (DOCS, OVERRIDES, ""):
            try:
                os.rmdir(os.path.join(build_dir, folder))
            except OSError:  # not empty: it holds wanted files
                break
            folder = posixpath.dirname(folder)
    return removed


def _remove_unwanted(build_dir: Path, wanted: set[str]) -> int:
    """Remove every file under `docs/` and `overrides/` that is not `wanted`, and the folders
    that leaves empty."""
    removed = 0
    for folder in (DOCS, OVERRIDES):
        emptied: set[str] = set()
        for current, folders, names in os.walk(build_dir / folder, topdown=False):
            relative = Path(current).relative_to(build_dir).as_posix()
            kept = [name for name in names if f"{relative}/{name}" in wanted]
            for name in names:
                if f"{relative}/{name}" not in wanted:
                    os.unlink(os.path.join(current, name))
                    removed += 1
            if not kept and all(os.path.join(current, name) in emptied for name in folders):
                emptied.add(current)
                if relative != folder:
                    os.rmdir(current)
    return removed
