"""The staff guide: one text in the package (for `raad init`) and on the example site, whose
YAML examples a secretary can copy into a file and have `raad check` accept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, copy_example, one, run_check
from generator.load import split_front_matter
from generator.model import CouncilFile, MinutesMeta, PageMeta
from generator.schema_errors import validate
from generator.yamlsafe import parse

GUIDE = REPO / "generator" / "scaffold" / "content" / "veiledning.md"
"""The guide as `raad init` copies it into a new project."""
EXAMPLE_COPY = REPO / "content" / "veiledning-for-ansatte.md"
"""The same guide in this repository's example site."""
EXAMPLE_COUNCIL = "councils/eksempelheim-helse-og-velferdssenter/council.yml"
"""The council whose file the guide's fragments are written into (its Kari Nordmann, Ingrid Eksempel)."""
_FENCE = re.compile(r"^```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    """The guide's fenced code blocks in `language` (```yaml, ```markdown), in order."""
    return [m["body"] for m in _FENCE.finditer(GUIDE.read_text(encoding="utf-8")) if m["lang"] == language]


def problems_of(model: type[Any], text: str, what: str) -> list[str]:
    """What `raad check` would say about `text` as a file of `model`: raad's own YAML reader
    (which refuses `time: 18:00` and `phone: 04567` read as numbers), then the model."""
    _, found = validate(model, parse(text), what)
    return [problem.format() for problem in found]


def test_the_example_shows_the_guide_the_package_carries() -> None:
    """Two copies of one text, so that `raad init` needs the package only: they must not drift."""
    assert EXAMPLE_COPY.read_bytes() == GUIDE.read_bytes(), f"copy {GUIDE.relative_to(REPO)} to {EXAMPLE_COPY.relative_to(REPO)}"


def test_the_guide_is_a_menu_page_after_the_others() -> None:
    front, _ = split_front_matter(GUIDE.read_text(encoding="utf-8"))
    assert front is not None
    meta, found = validate(PageMeta, parse(front), "veiledning.md")
    assert not found
    assert meta is not None
    assert meta.title == "Veiledning for ansatte"
    assert meta.description
    others = [p for p in (REPO / "content").glob("*.md") if p != EXAMPLE_COPY]
    orders = [
        PageMeta.model_validate(parse(split_front_matter(p.read_text(encoding="utf-8"))[0] or "").data or {}).nav_order for p in others
    ]
    assert meta.nav_order is not None
    assert meta.nav_order > max(order for order in orders if order is not None)


def test_every_yaml_example_parses_and_fits_its_file() -> None:
    """A whole sidecar validates as one; a part of council.yml (members:, meetings:,
    evaluations:) validates in the example council's file in place of that part."""
    council = yaml.safe_load((REPO / EXAMPLE_COUNCIL).read_text(encoding="utf-8"))
    sidecar_fields = set(MinutesMeta.model_fields)
    council_fields = {field.alias or name for name, field in CouncilFile.model_fields.items()}
    kinds: dict[str, int] = {"sidecar": 0, "council": 0}
    for number, text in enumerate(blocks("yaml"), start=1):
        data = parse(text).data
        assert isinstance(data, dict), f"yaml example {number} is not fields (name: value)"
        if set(data) <= sidecar_fields:
            kinds["sidecar"] += 1
            assert problems_of(MinutesMeta, text, f"example {number}") == []
        else:
            assert set(data) <= council_fields, f"yaml example {number} fits neither a sidecar nor council.yml: {sorted(data)}"
            kinds["council"] += 1
            whole = yaml.safe_dump({**council, **data}, allow_unicode=True, sort_keys=False)
            assert problems_of(CouncilFile, whole, f"example {number}") == []
    assert kinds == {"sidecar": 2, "council": 6}


def test_the_markdown_minutes_example_has_valid_front_matter() -> None:
    [example] = blocks("markdown")
    front, body = split_front_matter(example)
    assert front is not None
    assert body.startswith("## ")
    assert problems_of(MinutesMeta, front, "markdown example") == []


def test_raad_check_accepts_the_roster_examples_in_a_council(tmp_path: Path) -> None:
    """The rules across values too (a personal deputy names somebody on the roster, a term
    ends after it starts), with every roster, plan and evaluation example added to one council."""
    project = copy_example(tmp_path / "project")
    council = yaml.safe_load((project / EXAMPLE_COUNCIL).read_text(encoding="utf-8"))
    for text in blocks("yaml"):
        data = parse(text).data
        for key in ("members", "meetings", "evaluations"):
            council[key] = council.get(key, []) + data.get(key, [])
    (project / EXAMPLE_COUNCIL).write_text(yaml.safe_dump(council, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_check(project, "--strict")
    assert [line for line in result.problems if line.startswith(EXAMPLE_COUNCIL)] == []
    assert result.exit_code == 0, result.output


def test_the_built_example_has_the_guide(example_site: Path) -> None:
    """Under its heading in the menu, with its sections, the YAML shown line by line, and
    every link within the page landing on a heading."""
    html = BeautifulSoup((example_site / "veiledning-for-ansatte" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = one(html, "article")
    assert one(article, "h1").get_text(strip=True) == "Veiledning for ansatte"
    headings = [h.get_text(strip=True) for h in article.select("h2, h3")]
    for heading in ("Legg til et referat", "Slik gjør du det på GitHub", "Slik gjør du det på GitLab", "Endre medlemslisten",
                    "Møteplan og evaluering", "Rådets status på nettstedet", "Hva meldingene betyr"):  # fmt: skip
        assert heading in headings
    menu = [a.get_text(strip=True) for a in html.select(".md-nav--primary a")]
    assert menu.index("Veiledning for ansatte") == menu.index("Retningslinjer for brukerråd") + 1
    shown = [pre.get_text() for pre in article.select("pre > code")]
    assert [example for example in blocks("yaml") if example not in shown] == []  # line by line, as written
    assert "2026-04-14.pdf" in article.get_text()
    ids = {tag["id"] for tag in article.select("[id]")}
    anchors = [a["href"] for a in article.select('a[href^="#"]')]
    assert anchors
    assert [anchor for anchor in anchors if anchor[1:] not in ids] == []
