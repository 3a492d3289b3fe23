"""The engine adapter: any warning from mkdocs fails the build, and nothing is published then."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import tree_bytes, write_tree
from generator.engine import EngineError, finish, render

CONFIG = """\
site_name: Test
site_url: https://example.org/sub/
docs_dir: docs
theme: {name: material, font: false}
validation:
  links: {not_found: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
"""


def test_a_warning_fails_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    tree = write_tree(tmp_path / "tree", {"mkdocs.yml": CONFIG, "docs/index.md": "# Forside\n"})
    target = tmp_path / "site"
    finish(render(tree, target, 0), target, "", "mkdocs")
    before = tree_bytes(target)
    write_tree(tree, {"docs/index.md": "# Forside\n\n[Borte](borte.md), [absolutt](/rad/), [anker](#ingen)\n"})
    with pytest.raises(EngineError) as failure:
        finish(render(tree, target, 0), target, "", "mkdocs")
    messages = "\n".join(failure.value.messages)
    assert "borte.md" in messages and "/rad/" in messages and "#ingen" in messages
    assert tree_bytes(target) == before
    assert not any(p.name.startswith(".site.") for p in tmp_path.iterdir()), "the scratch folder is cleaned up"
