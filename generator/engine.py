"""The one place that knows the site engine (mkdocs-material, or Zensical on the same tree).

Everything engine-specific lives here and nowhere else: the generated configuration file,
running the engine, its dirty (changed pages only) builds, the marker that tells whether a
built site still matches its docs tree, and the atomic swap of a finished site into place.
Adding or dropping an engine touches this module alone. The rest of raad hands over a
plain docs tree (`generator.docs_tree`) and gets back a built site or an `EngineError`.

mkdocs runs in-process, with its log captured: every WARNING fails the build. (Run as
`mkdocs build --strict -q`, MkDocs exits 0 on warnings, because -q hides them from the
counter that --strict consults.) A full build goes to a fresh folder beside the target and
replaces the target only after the engine and the caller's finishing step (the search
index) succeeded, so a failed build leaves the previous site exactly as it was. The two
folders trade places in one step where the system allows, and the next build clears what a
killed build left beside the target (`clear_leftovers`), so a killed build does too.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import yaml

from generator import html_blocks
from generator.docs_tree import DOCS, OVERRIDES
from generator.killsafe import exchange, write_whole
from generator.render import engine_text
from generator.site import Site

CONFIG = "mkdocs.yml"
"""The generated configuration file, at the top of the docs tree; both engines read it."""
MARKER = ".raad-build"
"""A file in the built site naming the engine and the docs tree it was built from, so that
an unchanged tree needs no engine run at all."""


@dataclass(frozen=True)
class EngineMessage:
    """One warning or error of the engine; `page` is the docs page it concerns
    (``rad/x/index.md``) when the message names one, and `in_theme` says that the project's
    theme overrides failed rather than a page."""

    text: str
    page: str | None = None
    in_theme: bool = False


class EngineError(Exception):
    """The engine failed or warned."""

    def __init__(self, texts: list[str], in_theme: bool = False) -> None:
        super().__init__("\n".join(texts))
        self.messages = [EngineMessage(text, None if in_theme else _page_named(text), in_theme) for text in texts]


_PAGE = re.compile(r"[\w./-]+\.md\b")


def _page_named(text: str) -> str | None:
    """The docs page a message names: mkdocs quotes it (``Doc file 'rad/x/index.md'``),
    Zensical prints it plainly; the first path ending in .md is the page concerned."""
    match = _PAGE.search(text)
    return match.group(0).removeprefix(f"{DOCS}/") if match else None


# --- the generated configuration -------------------------------------------------------


def config_files(site: Site, has_theme: bool) -> dict[str, bytes]:
    """The engine's own files at the top of the docs tree: the generated `mkdocs.yml`."""
    text = yaml.safe_dump(_config(site, has_theme), sort_keys=False, allow_unicode=True, width=1000)
    return {CONFIG: text.encode("utf-8")}


def _nav(items: list[Any]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if item.children:
            result.append({engine_text(item.title): _nav(item.children)})
        elif item.url is not None:
            result.append({engine_text(item.title): f"{item.url}index.md"})
    return result


def _escaped(value: Any) -> Any:
    """Every text in `value` (nested dicts and lists) as escaped HTML, for the theme."""
    if isinstance(value, str):
        return engine_text(value)
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def _config(site: Site, has_theme: bool) -> dict[str, Any]:
    """site-config.yml's settings and theme choices, no plugins (search is Pagefind's, over
    the built site), and link validation turned up to warnings (MkDocs reports broken
    anchors and absolute links only as INFO by default)."""
    config = site.config
    theme: dict[str, Any] = {
        "name": "material",
        "language": config.language,
        "font": False,  # no Google Fonts: the site must work on an intranet
        "features": ["navigation.top", "navigation.prune", "search.highlight", *config.theme.features],
    }
    if has_theme:
        theme["custom_dir"] = OVERRIDES
    if config.theme.palette:
        # One palette is a mapping for the theme: a list (even of one) shows a toggle.
        palettes = [_escaped(p.model_dump(exclude_none=True)) for p in config.theme.palette]
        theme["palette"] = palettes if len(palettes) > 1 else palettes[0]
    for key in ("logo", "favicon"):
        value = getattr(config.theme, key)
        if value:
            theme[key] = value
    extra: dict[str, Any] = {"generator": False, "raad": _escaped(site.theme_values)}
    return {
        # Text the engine shows is escaped HTML (it writes it into pages as it is); the
        # site's address is a validated URL and the rest are raad's own values.
        "site_name": engine_text(config.site_name),
        # The description of a page without its own (the engine's 404 page).
        "site_description": engine_text(site.description),
        "site_url": config.site_url,
        "docs_dir": DOCS,
        "use_directory_urls": True,
        "theme": theme,
        "extra": extra,
        # The theme's search is replaced by Pagefind over the built site. mkdocs needs no
        # plugin entry; Zensical turns its search on unless it is switched off.
        "plugins": [{"search": {"enabled": False}}],
        # raad's pages are mostly raw HTML blocks: the extension sets them aside before the two
        # passes of Python's html.parser over every page (Python-Markdown's html_block, and
        # mkdocs' collection of ids for anchor checks), for the same HTML. Zensical runs
        # Python-Markdown, with the same extensions.
        "markdown_extensions": ["tables", {"toc": {"permalink": False}}, html_blocks.__name__],
        "nav": _nav(site.nav),
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
        },
    }


# --- running an engine -----------------------------------------------------------------


class _Engine(Protocol):
    name: str
    packages: tuple[str, ...]
    """The installed packages whose versions shape the output."""
    dirty_builds: bool
    """Whether the engine can re-render only the pages whose Markdown changed, in place."""

    def render(self, tree: Path, site_dir: Path, epoch: int, dirty: bool = False) -> None:
        """Build the docs tree at `tree` into `site_dir`; raise `EngineError` on any warning."""


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
def _captured_log() -> Iterator[_Collect]:
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


PARALLEL_PAGES = 2000
"""From this many pages, a full mkdocs build renders them in one process per core."""


class _MkDocs:
    name = "mkdocs"
    packages: tuple[str, ...] = ("mkdocs", "mkdocs-material", "markdown")
    dirty_builds = True

    def render(self, tree: Path, site_dir: Path, epoch: int, dirty: bool = False) -> None:
        """`dirty` rebuilds only pages whose Markdown is newer than their HTML: the docs tree
        is written only where bytes changed, so after one new minutes document only the
        pages that show it are rendered again. A full build of many pages is spread over
        the cores (`_render_shares`)."""
        workers = os.cpu_count() or 1
        with _source_date(epoch):
            if not dirty and workers > 1 and _many_pages(tree):
                _render_shares(tree, site_dir, workers)
            else:
                _run_mkdocs(tree, site_dir, dirty)


def _many_pages(tree: Path) -> bool:
    """Whether the tree has `PARALLEL_PAGES` pages or more (counted until it has)."""
    found = 0
    for _, _, names in os.walk(tree / DOCS):
        found += sum(1 for name in names if name.endswith(".md"))
        if found >= PARALLEL_PAGES:
            return True
    return False


def _run_mkdocs(tree: Path, site_dir: Path, dirty: bool) -> None:
    """One mkdocs build of the tree into `site_dir`; every warning is an `EngineError`."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    with _captured_log() as log:
        try:
            # Strict mode would count the dirty-build notice as a warning; the log handler
            # fails the build on every other warning either way.
            config = load_config(str(tree / CONFIG), site_dir=str(site_dir), strict=not dirty)
            build(config, dirty=dirty)
        except (Abort, MkDocsException) as exc:
            # "Aborted with 2 warnings in strict mode!" only counts what the log said.
            raise EngineError(log.messages if isinstance(exc, Abort) and log.messages else [*log.messages, f"ERROR: {exc}"]) from None
        except TemplateError as exc:  # the theme's templates (or raad's overrides) failed
            raise EngineError([f"ERROR: {type(exc).__name__}: {exc}"], in_theme=True) from None
        except Exception as exc:  # a failing theme or engine is still a failed build, not a crash
            raise EngineError([*log.messages, f"ERROR: {type(exc).__name__}: {exc}"]) from None
    if log.messages:
        raise EngineError(log.messages)


def _render_shares(tree: Path, site_dir: Path, shares: int) -> None:
    """A full build in `shares` processes at once, each rendering its share of the pages.

    mkdocs renders one page after another on one core, and a page's HTML depends only on
    its own Markdown and the frame (navigation, configuration, theme): the very property
    its dirty builds rest on. So each process runs a dirty build into the empty site folder
    in which only its share of the pages counts as changed; the first also copies the
    static files and renders the theme's own pages (404, sitemap). Every process reads the
    whole tree, so links and navigation are checked as in one build; the warnings of all
    come back, and any of them fails the build. The same bytes as one process writes
    (tests/test_engine.py)."""
    context = multiprocessing.get_context("fork")
    with context.Pool(shares) as pool:
        results = pool.map(functools.partial(_render_share, tree, site_dir, shares), range(shares))
    texts = [text for share_texts, _ in results for text in share_texts]
    if texts:
        raise EngineError(texts, in_theme=any(in_theme for _, in_theme in results))


def _render_share(tree: Path, site_dir: Path, shares: int, share: int) -> tuple[list[str], bool]:
    """In a forked process: render share `share` of `shares` (see `_render_shares`); its
    warnings, and whether the theme failed."""
    from mkdocs.commands import build
    from mkdocs.structure.files import File

    static_file_changed = File.is_modified

    def is_modified(file: File) -> bool:
        if file.is_documentation_page():
            return zlib.crc32(file.src_uri.encode("utf-8")) % shares == share
        return share == 0 and static_file_changed(file)

    File.is_modified = is_modified  # type: ignore[method-assign,assignment]
    if share != 0:
        build._build_theme_template = lambda *args, **kwargs: None
        build._build_extra_template = lambda *args, **kwargs: None
    try:
        _run_mkdocs(tree, site_dir, dirty=True)
    except EngineError as exc:
        return [m.text for m in exc.messages], any(m.in_theme for m in exc.messages)
    return [], False


class _Zensical:
    """mkdocs-material's successor, reading the same tree and overrides (a separate install)."""

    name = "zensical"
    packages: tuple[str, ...] = ("zensical",)
    dirty_builds = False

    def render(self, tree: Path, site_dir: Path, epoch: int, dirty: bool = False) -> None:
        program = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
        if not Path(program).exists():
            raise EngineError(["ERROR: zensical is not installed (pip install zensical)"])
        output = tree / "site"
        shutil.rmtree(output, ignore_errors=True)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_COLOR": "1", "PYTHONPATH": _own_package_path()}
        completed = subprocess.run(
            [program, "build", "--strict", "-f", CONFIG], cwd=tree, capture_output=True, text=True, env=env, check=False
        )
        output_text = _ANSI.sub("", completed.stdout + completed.stderr)
        warnings = _zensical_warnings(output_text)
        if warnings:
            raise EngineError(warnings)
        if completed.returncode != 0:
            # A configuration or template error, or a crash: what it printed last says which.
            last = [line.strip() for line in output_text.splitlines() if line.strip()][-8:]
            raise EngineError([f"ERROR: zensical exited {completed.returncode}: " + " | ".join(last)])
        missing = _unrendered(tree / DOCS, output)
        if missing:
            raise EngineError([f"ERROR: zensical wrote no page for {DOCS}/{page} (and said nothing)" for page in missing[:5]])
        shutil.move(str(output), str(site_dir))


def _own_package_path() -> str:
    """The engine's import path, with raad's own package first: the configuration names a
    Markdown extension of raad's (`generator.html_blocks`), which the engine must import
    from the raad running this build, wherever that runs from (a checkout, an install)."""
    own = str(Path(html_blocks.__file__).resolve().parents[1])
    return os.pathsep.join(path for path in (own, os.environ.get("PYTHONPATH")) if path)


def _unrendered(docs: Path, site: Path) -> list[str]:
    """The docs pages without their HTML page in the built site. Zensical has been seen to
    finish with success and no pages at all (a page's folder named with a backslash), which
    would have replaced the whole site by an empty one."""
    missing = []
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs)
        folder = relative.parent if relative.name == "index.md" else relative.with_suffix("")
        if not (site / folder / "index.html").is_file():
            missing.append(relative.as_posix())
    return missing


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ZENSICAL_ISSUE = re.compile(r"^\s*(warning|error):\s*(.*)$", re.IGNORECASE)
_ZENSICAL_WHERE = re.compile(r"\[\s*([^\]\s]+\.md(?::\d+)*)\s*\]")


def _zensical_warnings(output: str) -> list[str]:
    """Zensical reports an issue as `Warning: <what>` followed by a framed excerpt whose
    first line names the page (`[ rad/x/index.md:15:16 ]`); one message per issue."""
    messages: list[str] = []
    located = True
    for line in output.splitlines():
        issue = _ZENSICAL_ISSUE.match(line)
        where = _ZENSICAL_WHERE.search(line)
        if issue:
            messages.append(f"{issue.group(1).upper()}: {issue.group(2).strip()}")
            located = False
        elif where and not located:
            messages[-1] += f" in {where.group(1)}"
            located = True
    return messages


_ADAPTER = hashlib.sha256(Path(__file__).read_bytes() + Path(html_blocks.__file__).read_bytes()).hexdigest()[:16]
"""This module's fingerprint (with the Markdown extension it configures), part of what a
built site was made from."""

_ENGINES: dict[str, _Engine] = {engine.name: engine for engine in (_MkDocs(), _Zensical())}
ENGINES = tuple(_ENGINES)
DEFAULT_ENGINE = "mkdocs"
ENGINE_HELP = "The site engine: mkdocs (mkdocs-material), or zensical (its successor, installed separately)."


# --- the "not found" page, from any address ---------------------------------------------

NOT_FOUND = "404.html"
"""The page hosts send for every missing address, at any depth below the site (its script
below looks for it by this name)."""

_ROOT_SCRIPT = """<script id="raad-root">(function () {
  /* The site's root: site_url's path where the site is served there, else the deepest folder
     of this address that holds this page (a missing address answers 404, not 200). */
  var base = document.getElementById("raad-base");
  var site = new URL(base.getAttribute("data-site"), location.href).pathname;
  var path = location.pathname, root = "/", parts, i, probe;
  /* A site_url without a path ("/") says nothing: the site may be served from any folder. */
  if (site !== "/" && path.indexOf(site) === 0) {
    root = site;
  } else {
    parts = path.split("/");
    for (i = parts.length - 1; i > 0; i--) {
      probe = new XMLHttpRequest();
      try {
        probe.open("HEAD", new URL(parts.slice(0, i).join("/") + "/404.html", location.href).href, false);
        probe.send();
      } catch (e) { continue; }
      if (probe.status === 200) { root = parts.slice(0, i).join("/") + "/"; break; }
    }
  }
  base.href = root;
  /* Links within the page stay on it: resolved against the base, they would lead to the root. */
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll('a[href^="#"]'), function (link) {
      link.setAttribute("href", location.pathname + location.search + link.getAttribute("href"));
    });
  });
})();</script>"""


def _not_found_page_from_any_path(tree: Path, site_dir: Path) -> None:
    """Make the built site's 404 page work wherever the site is served (see `any_path_404`)."""
    page = site_dir / NOT_FOUND
    if not page.is_file():
        return
    site_url = yaml.safe_load((tree / CONFIG).read_text(encoding="utf-8")).get("site_url") or "/"
    page.write_text(any_path_404(page.read_text(encoding="utf-8"), urlsplit(site_url).path), encoding="utf-8")


def any_path_404(html: str, site_path: str) -> str:
    """The engine's 404 page, made to work at any address below any folder the site is served from.

    Both engines write it with addresses from site_url's path (``/brukerrad/assets/...``), since
    hosts send it for missing addresses at any depth, where relative addresses would miss. That
    breaks it wherever the site is served elsewhere (the preview at the root, a staging folder).
    So a script at the start of <head> finds the site's root and sets the page's <base> to it
    before anything loads, and those addresses become relative to it. The base starts out as
    about:blank, against which no relative address resolves: the browser's look-ahead parser,
    which reads the page before any script runs, then fetches nothing from the wrong folder.
    (Without scripts the page shows unstyled with dead links; with root-absolute addresses it
    worked only where served from site_url's path.) The theme's scope (where it keeps the
    reader's palette) is taken from the base too. Its configuration's `base` stays relative to
    the page's own address, as the theme reads it: only instant loading, versions and the
    theme's own search use it, and raad has none of them. Running it again changes nothing."""
    if 'id="raad-root"' in html:
        return html
    prefix = re.escape(site_path.rstrip("/"))
    html = re.sub(rf'(\s(?:href|src|action|poster)=")({prefix}/)(?!/)', r"\1./", html)
    html = re.sub(rf'("(?:base|search)":\s*")({prefix}(?:/|(?=")))', r"\1./", html)
    html = re.sub(rf'new URL\("{prefix}/?",location\)', 'new URL(".",document.baseURI)', html)
    # The script is the same text on every site; site_url's path is an attribute of the base.
    base = f'<base id="raad-base" href="about:blank" data-site="{escape(site_path.rstrip("/") + "/")}">'
    head = base + _ROOT_SCRIPT
    # After the character set, which must come within the first 1024 bytes; before any address.
    charset = re.search(r"<meta charset=[^>]*>", html) or re.search(r"<head[^>]*>", html)
    if charset is None:
        return html
    return html[: charset.end()] + head + html[charset.end() :]


# --- publishing: marker, dirty builds, atomic swap ---------------------------------------


@dataclass
class TreeState:
    """The docs tree a site is built from: its folder and the hash of each file under `docs/`
    (`generator.docs_tree.TreeChange.digests`), so that a rebuild knows which pages changed."""

    folder: Path
    digests: dict[str, str]


BUILT_FROM = ".cache/site-built-from.json"
"""In the docs tree folder: the marker of the site last published from it, and the hash of
each docs file that site was built from (kept out of the site, which is public)."""
MOST_CHANGED = 0.5
"""Above this share of changed pages a full build is as quick as re-rendering the changed ones."""


class Output:
    """A site on its way to `target`: `render` runs the engine (unless the target already
    holds a build of the same input), `site_dir` is where the caller may add files (the
    search index) before the site becomes visible.

    The target's marker records what it was built from: the engine and its installed
    versions, the `frame` (configuration, overrides, the caller's own tools), the `pages`
    and the source date (which dates the sitemap). Any difference in the frame means a full
    build. A difference in the pages or the date alone lets the preview re-render the
    changed pages in place (the sitemap is rendered on every build), and `raad build`
    re-render them into a copy of the published site, which then replaces it as a full
    build would (`_Reuse`): a page's HTML depends on its own Markdown and on the frame
    (navigation, configuration, theme) alone. When pages were removed, when most pages
    changed, or when anything is in doubt (the record of what the site was built from is
    missing or is not the target's), the build is a full one."""

    def __init__(
        self,
        target: Path,
        engine: str,
        pages: str,
        frame: str,
        epoch: int,
        incremental: bool,
        tree: TreeState | None = None,
        replaced: tuple[str, ...] = (),
    ) -> None:
        self.target = target.resolve()
        clear_leftovers(self.target)
        self.engine = _ENGINES[engine]
        self.epoch = epoch
        self.tree = tree
        self.replaced = replaced
        versions = " ".join(f"{name}-{installed_version(name)}" for name in self.engine.packages)
        # This module finishes what the engine wrote (the 404 page): a change to it is a new build.
        whole = f"{engine} {versions} adapter={_ADAPTER} frame={frame}\n"
        self.stamp = f"{whole}pages={pages} epoch={epoch}\n"
        marker = self.target / MARKER
        built_from = marker.read_text(encoding="utf-8") if marker.is_file() else ""
        self.up_to_date = built_from == self.stamp
        same_frame = self.engine.dirty_builds and built_from.startswith(whole) and not self.up_to_date
        before = _built_from(tree.folder, self.target, built_from) if same_frame and tree else None
        # The preview renders in place; it removes the HTML of pages gone since the last
        # build, which it knows from the record (without one, it builds whole).
        self.in_place = incremental and same_frame and (tree is None or before is not None)
        self.removed = sorted(set(before) - set(tree.digests)) if self.in_place and before is not None and tree else []
        self.reuse = _Reuse.between(before, tree) if same_frame and not self.in_place and tree else None
        self.site_dir = self.target if self.in_place else scratch_folder(self.target)
        self.rendered = False

    def render(self, tree: Path) -> str:
        """Run the engine on the docs tree at `tree`; return what it did, for the timings."""
        if self.up_to_date:
            return f"{self.engine.name}: site is up to date, not run"
        if self.in_place:
            (self.target / MARKER).unlink(missing_ok=True)
            for path in self.removed:
                (self.target / _output_path(path)).unlink(missing_ok=True)
            self.engine.render(tree, self.target, self.epoch, dirty=True)
            self.rendered = True
            _not_found_page_from_any_path(tree, self.target)
            return f"{self.engine.name}, changed pages only"
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _remove(self.site_dir)
        if self.reuse is not None:
            self.reuse.copy(self.target, self.site_dir, tree, self.replaced)
            self.engine.render(tree, self.site_dir, self.epoch, dirty=True)
            done = f"{self.engine.name}, {len(self.reuse.changed)} changed of {len(self.reuse.digests)} files into a copy of the site"
        else:
            self.engine.render(tree, self.site_dir, self.epoch)
            done = self.engine.name
        self.rendered = True
        _not_found_page_from_any_path(tree, self.site_dir)
        return done

    def _finish(self) -> None:
        if not self.rendered:
            return
        # What the caller adds after the engine (the search index) is not refreshed in place
        # (the preview keeps its index): such a site is never up to date for a full build.
        stamp = f"{self.stamp}in place\n" if self.in_place else self.stamp
        (self.site_dir / MARKER).write_text(stamp, encoding="utf-8")
        if not self.in_place:
            _swap(self.site_dir, self.target)
        if self.tree is None:
            return
        path = self.tree.folder / BUILT_FROM
        record = {"target": str(self.target), "marker": stamp, "digests": self.tree.digests}
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(record, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def _discard(self) -> None:
        if not self.in_place:
            shutil.rmtree(self.site_dir, ignore_errors=True)


def _built_from(folder: Path, target: Path, marker: str) -> dict[str, str] | None:
    """The hash of each docs file the site at `target` was built from, if the docs tree
    folder's record is of that very site (its marker), else None."""
    try:
        record = json.loads((folder / BUILT_FROM).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("target") != str(target) or record.get("marker") != marker:
        return None
    digests = record.get("digests")
    return digests if isinstance(digests, dict) else None


@dataclass
class _Reuse:
    """A rebuild into a copy of the published site: the docs files that changed since it was
    built (`changed`), of the tree's files (`digests`)."""

    changed: set[str]
    digests: dict[str, str]

    @classmethod
    def between(cls, before: dict[str, str] | None, tree: TreeState) -> _Reuse | None:
        """The rebuild from the site built from `before` to `tree`, or None when a full build
        is needed (no record, pages removed) or as quick (most pages changed)."""
        now = tree.digests
        if before is None or any(path not in now for path in before):
            return None
        changed = {path for path, digest in now.items() if before.get(path) != digest}
        return cls(changed, now) if len(changed) <= MOST_CHANGED * len(now) else None

    def copy(self, target: Path, site_dir: Path, tree: Path, replaced: tuple[str, ...]) -> None:
        """Fill `site_dir` with the published site as the engine's dirty build needs it.

        The HTML of an unchanged page and an unchanged file are linked, not copied: the
        engine does not write them (their docs file is older than they are; one that is not
        is left out, and rendered). Left out too: the output of changed files, which the
        engine writes new, and the folders the caller `replaced` (the search index). Every
        other file (the theme's assets, the sitemap, the 404 page) is copied, since the
        engine may write it: a write into a linked file would change the published site."""
        docs = tree / DOCS
        outputs = {_output_path(path): path for path in self.digests}
        for folder, _, names in os.walk(target):
            relative_folder = Path(folder).relative_to(target).as_posix()
            if any(f"{relative_folder}/".startswith(prefix) for prefix in replaced):
                continue
            for name in names:
                relative = name if relative_folder == "." else f"{relative_folder}/{name}"
                if relative == MARKER:
                    continue
                source = os.path.join(folder, name)
                destination = site_dir / relative
                docs_path = outputs.get(relative)
                if docs_path is not None and (docs_path in self.changed or _newer(docs / docs_path, source)):
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                if docs_path is None or not _linked(source, destination):
                    shutil.copy2(source, destination)


def _linked(source: str, destination: Path) -> bool:
    """Link `destination` to `source`; False on a file system that has no hard links (FAT,
    exFAT, some network shares), where the file is copied instead, which the engine leaves
    alone all the same (its mtime is kept)."""
    try:
        os.link(source, destination)
    except OSError:
        return False
    return True


def _output_path(docs_path: str) -> str:
    """Where the engine writes a docs file (directory URLs: `a/b.md` becomes `a/b/index.html`)."""
    if not docs_path.endswith(".md"):
        return docs_path
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def _newer(source: Path, output: str) -> bool:
    """Whether the engine's dirty build would render `source` again over `output`."""
    try:
        return source.stat().st_mtime > os.stat(output).st_mtime
    except OSError:
        return True


def installed_version(package: str) -> str:
    """The installed version of `package` ("missing" when it is not installed): part of what
    a built site was made from."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


@contextmanager
def publishing(
    target: Path,
    engine: str,
    pages: str,
    frame: str = "",
    epoch: int = 0,
    incremental: bool = False,
    tree: TreeState | None = None,
    replaced: tuple[str, ...] = (),
) -> Iterator[Output]:
    """Build into `target` atomically: on leaving the block without an exception, the new
    site replaces `target`; on any exception, the scratch folder is removed and `target` is
    untouched. `pages` and `frame` fingerprint the docs tree (`generator.docs_tree.TreeChange`;
    the caller adds to `frame` whatever else shapes every page), `epoch` is the source date.

    With `tree` (the docs tree's files), a rebuild re-renders only the changed pages into a
    copy of `target`, atomic all the same; `replaced` names folders of the site the caller
    writes anew (the search index), which are not copied. The caller adds files to
    `output.site_dir` and replaces those folders, and writes into no other file there: in a
    copy, an unchanged page is the published site's own file, linked. With `incremental` (the preview)
    and an engine that can, a change to the pages alone re-renders only the changed pages
    straight into `target`; not atomic, so only `raad serve` asks for it."""
    output = Output(target, engine, pages, frame, epoch, incremental, tree, replaced)
    try:
        yield output
    except BaseException:
        output._discard()
        raise
    output._finish()


def scratch_folder(target: Path) -> Path:
    """Where a full build renders before it replaces `target`: beside it, on its file system."""
    return target.with_name(f".{target.name}.building")


def _previous(target: Path) -> Path:
    """Where the previous site waits during a swap where folders cannot trade places at once."""
    return target.with_name(f".{target.name}.old")


def clear_leftovers(target: Path) -> None:
    """Remove what a killed build left beside `target`, by exact name: its scratch folder,
    and the previous site of an unfinished swap, which comes back if `target` is missing.
    The caller keeps other builds of `target` away meanwhile (`raad build` holds a lock)."""
    previous = _previous(target)
    if previous.is_dir() and not previous.is_symlink() and not target.exists():
        previous.rename(target)  # killed between the two renames of `_swap`
    _remove(previous)
    _remove(scratch_folder(target))


def _remove(path: Path) -> None:
    """Remove a leftover folder; a link or file of that name goes itself, never what a link
    leads to (rmtree refuses a link, and the engine would then render through it, clearing
    the folder it leads to first)."""
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


def _swap(build: Path, target: Path) -> None:
    """Replace `target` by the finished `build` (both on one file system): in one step where
    the system can exchange two folders, else by two renames (`clear_leftovers` mends a kill
    between them)."""
    if target.exists() and exchange(build, target):
        shutil.rmtree(build, ignore_errors=True)  # now the previous site
        return
    previous = _previous(target)
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    build.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
