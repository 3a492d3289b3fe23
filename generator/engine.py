"""The one place that knows the site engine: run mkdocs-material on a docs tree, and swap
the result in only when it succeeded.

The engine runs in-process, with its log captured: every WARNING fails the build. (Run as
`mkdocs build --strict -q`, MkDocs exits 0 on warnings, because -q hides them from the
counter that --strict consults.) The output goes to a fresh folder beside the target, and
replaces the target only after a clean build, so a failed build leaves the previous site
exactly as it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class EngineError(Exception):
    """The engine failed or warned; `messages` are its log lines."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("A 'dirty' build is being performed"):
            return  # the preview asks for exactly that
        self.messages.append(f"{record.levelname}: {message}")


@contextmanager
def _captured_mkdocs_log() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = saved


@contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH: fixed input, fixed bytes."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


ENGINES = ("mkdocs", "zensical")
MARKER = ".raad-build"
"""A file in the built site naming the docs tree it was built from, so that an unchanged
tree needs no engine run at all."""


def run_mkdocs(build_dir: Path, site_dir: Path, epoch: int, dirty: bool = False) -> None:
    """Build `build_dir/mkdocs.yml` into `site_dir`. Raises `EngineError` on any warning.

    `dirty` rebuilds only pages whose Markdown is newer than their HTML: the docs tree is
    written only where bytes changed, so after one new minutes document only the pages
    that show it are rendered again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    with _captured_mkdocs_log() as log, _source_date(epoch):
        try:
            # Strict mode would count the dirty-build notice as a warning; the log handler
            # fails the build on every other warning either way.
            config = load_config(str(build_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=not dirty)
            build(config, dirty=dirty)
        except (Abort, MkDocsException) as exc:
            raise EngineError([*log.messages, f"ERROR: {exc}"]) from None
        except Exception as exc:  # a theme template or plugin failing is still a failed build, not a crash
            raise EngineError([*log.messages, f"ERROR: {type(exc).__name__}: {exc}"]) from None
    if log.messages:
        raise EngineError(log.messages)


def run_zensical(build_dir: Path, site_dir: Path, epoch: int) -> None:
    """Build the same tree with Zensical, mkdocs-material's successor (a separate install)."""
    program = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    if not Path(program).exists():
        raise EngineError(["ERROR: zensical is not installed (pip install zensical)"])
    output = build_dir / "site"
    shutil.rmtree(output, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    completed = subprocess.run(
        [program, "build", "--strict", "-f", "mkdocs.yml"], cwd=build_dir, capture_output=True, text=True, env=env, check=False
    )
    text = completed.stdout + completed.stderr
    warnings = [line for line in text.splitlines() if re.search(r"\b(warning|error)\b", line, re.IGNORECASE)]
    if completed.returncode != 0 or warnings:
        raise EngineError(warnings or text.splitlines()[-20:] or [f"ERROR: zensical exited {completed.returncode}"])
    shutil.move(str(output), str(site_dir))


def publish(build: Path, target: Path) -> None:
    """Replace `target` by the finished `build` (both on one file system)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    build.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def is_up_to_date(target: Path, fingerprint: str, engine: str) -> bool:
    marker = target / MARKER
    return marker.is_file() and marker.read_text(encoding="utf-8") == f"{engine} {fingerprint}\n"


def scratch_for(target: Path) -> Path:
    return target.resolve().with_name(f".{target.resolve().name}.building")


def render(build_dir: Path, target: Path, epoch: int, engine: str = "mkdocs") -> Path:
    """Run the engine into a fresh scratch folder beside `target`; return that folder."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = scratch_for(target)
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        if engine == "zensical":
            run_zensical(build_dir, scratch, epoch)
        else:
            run_mkdocs(build_dir, scratch, epoch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return scratch


def finish(scratch: Path, target: Path, fingerprint: str, engine: str) -> None:
    """Mark the scratch site with the tree it was built from and swap it in."""
    (scratch / MARKER).write_text(f"{engine} {fingerprint}\n", encoding="utf-8")
    publish(scratch, target.resolve())


def discard(target: Path) -> None:
    shutil.rmtree(scratch_for(target), ignore_errors=True)


def build_in_place(build_dir: Path, target: Path, epoch: int, fingerprint: str) -> None:
    """The preview's fast path: re-render only changed pages straight into `target`.

    Not atomic, so only `raad serve` uses it, on a site that mkdocs built before."""
    (target / MARKER).unlink(missing_ok=True)
    run_mkdocs(build_dir, target, epoch, dirty=True)
    (target / MARKER).write_text(f"mkdocs {fingerprint}\n", encoding="utf-8")
