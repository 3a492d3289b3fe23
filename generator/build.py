"""`raad build`: gather, check, build the site in memory, write the docs tree, run the engine.

The order is the point: nothing is written until every council has been loaded and checked,
and the previous site is replaced only after the engine succeeded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks import check_project
from generator.docs_tree import write_docs_tree
from generator.engine import EngineError, build_and_publish
from generator.exports.contacts_csv import contacts_csv
from generator.history import last_changed, source_epoch
from generator.load import load_project
from generator.model import Project
from generator.pages.contacts import build_contacts_page
from generator.pages.content import build_content_pages
from generator.pages.council import build_council_pages
from generator.pages.home import build_home_page
from generator.pages.sector import build_sector_pages
from generator.problems import Problem, Severity
from generator.site import CONTACTS_URL, HOME_URL, NavItem, Site, SiteContext, content_url, sector_url


@dataclass
class BuildResult:
    """What a build did. `problems` holds check problems (errors stop the build) and, for a
    failed engine run, its messages as problems of the generated config."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    written: int = 0
    ok: bool = False


def assemble_site(project: Project, today: dt.date) -> Site:
    """The whole site in memory, from a loaded and checked project."""
    assert project.config is not None
    ctx = SiteContext(project, project.config, today, last_changed(project.root, [c.folder for c in project.councils]))
    content_pages, content_assets = build_content_pages(ctx)
    council_pages, council_assets = build_council_pages(ctx)
    sector_pages = build_sector_pages(ctx)
    pages = [build_home_page(ctx), *content_pages, *sector_pages, *council_pages, build_contacts_page(ctx)]
    assets = [*content_assets, *council_assets, contacts_csv(ctx)]
    return Site(project.config, pages, assets, _nav(ctx))


def _nav(ctx: SiteContext) -> list[NavItem]:
    """A navigation that does not grow with the number of councils: councils are reached
    through their sector, so no council page carries every other council in its HTML."""
    in_menu = sorted((p for p in ctx.project.pages if p.meta.nav_order is not None), key=lambda p: (p.meta.nav_order, p.path))
    return [
        NavItem(ctx.t("home"), HOME_URL),
        *(NavItem(page.meta.title or page.path, content_url(page.path)) for page in in_menu),
        NavItem(ctx.t("sectors"), children=[NavItem(s.name, sector_url(s)) for s in ctx.sectors()]),
        NavItem(ctx.t("contact_list"), CONTACTS_URL),
    ]


def build(root: Path, out: Path, today: dt.date, build_dir: Path | None = None, strict: bool = False) -> BuildResult:
    """Build the project at `root` into `out`. On any error `out` is left untouched."""
    project = load_project(root, today)
    problems = check_project(project, today, strict=strict)
    result = BuildResult(problems=problems)
    if project.config is None or any(p.severity is Severity.ERROR for p in problems):
        return result
    site = assemble_site(project, today)
    build_dir = build_dir or root / "build"
    result.written = write_docs_tree(site, root / "theme", build_dir)
    result.pages = len(site.pages)
    try:
        build_and_publish(build_dir, out, source_epoch(root))
    except EngineError as exc:
        result.problems += [Problem(f"{build_dir.name}/mkdocs.yml", None, "engine", message) for message in exc.messages]
        return result
    result.ok = True
    return result
