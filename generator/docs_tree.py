"""Write the in-memory site as a plain docs tree: Markdown pages, files, theme overrides and
a generated `mkdocs.yml`.

This tree is the hand-over point to the site engine. It uses no MkDocs plugin, so
mkdocs-material and its successor Zensical (which reads `mkdocs.yml` and mkdocs-material
overrides) build the same tree. Only files whose bytes changed are written, and files no
longer part of the site are removed, so an engine that watches modification times rebuilds
only what changed.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.i18n import translations
from generator.pages.search import SEARCH_URL
from generator.site import NavItem, Site

DOCS = "docs"
OVERRIDES = "overrides"
CONFIG = "mkdocs.yml"


@dataclass
class TreeChange:
    """What writing the tree did: files written and removed, and a fingerprint of the whole
    tree (paths and bytes), which tells whether a built site still matches it."""

    written: int
    removed: int
    fingerprint: str


def write_docs_tree(site: Site, theme_dir: Path | None, build_dir: Path) -> TreeChange:
    """Write the tree under `build_dir`, touching only files whose bytes changed."""
    wanted: dict[Path, bytes | Path] = {}
    for page in site.pages:
        wanted[build_dir / DOCS / page.docs_path] = page.markdown.encode("utf-8")
    for asset in site.assets:
        wanted[build_dir / DOCS / asset.url] = asset.content
    if theme_dir is not None and theme_dir.is_dir():
        for path in sorted(p for p in theme_dir.rglob("*") if p.is_file()):
            wanted[build_dir / OVERRIDES / path.relative_to(theme_dir)] = path
    config = yaml.safe_dump(mkdocs_config(site, theme_dir is not None), sort_keys=False, allow_unicode=True, width=1000)
    wanted[build_dir / CONFIG] = config.encode("utf-8")
    digest = hashlib.sha256()
    written = 0
    for path, content in sorted(wanted.items()):
        data = content.read_bytes() if isinstance(content, Path) else content
        digest.update(path.relative_to(build_dir).as_posix().encode() + b"\0" + hashlib.sha256(data).digest())
        written += _write_if_changed(path, data)
    removed = _remove_stale(build_dir, set(wanted))
    return TreeChange(written, removed, digest.hexdigest())


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


def _nav(items: list[NavItem]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if item.children:
            result.append({item.title: _nav(item.children)})
        elif item.url is not None:
            result.append({item.title: f"{item.url}index.md"})
    return result


def mkdocs_config(site: Site, has_theme: bool) -> dict[str, Any]:
    """The generated `mkdocs.yml`: site-config.yml's settings and theme choices, no plugins
    (search is Pagefind's, over the built site), and link validation turned up to warnings (MkDocs reports
    broken anchors and absolute links only as INFO by default)."""
    config = site.config
    theme: dict[str, Any] = {
        "name": "material",
        "language": config.language,
        "font": False,  # no Google Fonts: the site must work on an intranet
        "features": ["navigation.top", "navigation.prune", "search.highlight", *config.theme.features],
    }
    if has_theme:
        theme["custom_dir"] = OVERRIDES
    if config.theme.palette is not None:
        theme["palette"] = config.theme.palette
    for key in ("logo", "favicon"):
        value = getattr(config.theme, key)
        if value:
            theme[key] = value
    labels = translations(config.language)
    banner = labels.gettext("This is an example site. The councils and people are partly fictional.") if config.example_data else ""
    search = {"url": SEARCH_URL, "label": labels.gettext("Search")}
    extra: dict[str, Any] = {"generator": False, "raad": {"banner": banner, "search": search}}
    return {
        "site_name": config.site_name,
        "site_url": config.site_url,
        "docs_dir": DOCS,
        "use_directory_urls": True,
        "theme": theme,
        "extra": extra,
        "plugins": [],  # the theme's search is replaced by Pagefind over the built site
        "markdown_extensions": ["tables", {"toc": {"permalink": False}}],
        "nav": _nav(site.nav),
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "warn"},
            "links": {"not_found": "warn", "absolute_links": "warn", "unrecognized_links": "warn", "anchors": "warn"},
        },
    }


def clear(build_dir: Path) -> None:
    shutil.rmtree(build_dir, ignore_errors=True)
