"""Loading that cannot be fooled: unsafe tags, duplicate keys, alias bombs, YAML 1.1 traps."""

from __future__ import annotations

from pathlib import Path

from conftest import COUNCIL, run_check, write_tree
from generator.yamlsafe import parse

FILE = "councils/testheim/council.yml"


def write_council(project: Path, text: str) -> None:
    write_tree(project, {FILE: text})


def test_valid_project_has_no_problems(project: Path) -> None:
    result = run_check(project)
    assert result.exit_code == 0
    assert result.problems == []
    assert result.lines[-1].startswith("0 errors, 0 warnings, ")  # notes on its health only


def test_python_object_tag_is_refused_not_run(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    write_council(project, COUNCIL.replace("unit: Testheim sykehjem", f"unit: !!python/object/apply:os.system ['touch {marker}']"))
    result = run_check(project)
    assert result.exit_code == 1
    assert result.problems == [f"{FILE}:4: unit: tag !!python/object/apply:os.system is not allowed; raad reads plain YAML"]
    assert not marker.exists()


def test_duplicate_key_names_both_lines(project: Path) -> None:
    write_council(project, COUNCIL.replace("unit: Testheim sykehjem\n", "unit: Testheim sykehjem\nname: Et annet navn\n"))
    assert run_check(project).problems == [f"{FILE}:5: name: duplicate key (first given on line 1)"]


def test_alias_bomb_is_bounded(project: Path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefg":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    write_council(project, COUNCIL + "bomb:\n" + "\n".join("  " + line for line in bomb) + "\n")
    result = run_check(project)
    assert result.exit_code == 1
    assert len(result.problems) == 1
    assert "the file expands to more than 20000 values (aliases?)" in result.problems[0]


def test_recursive_alias_is_refused(project: Path) -> None:
    write_council(project, COUNCIL + "loop: &loop [*loop]\n")
    assert run_check(project).problems == [f"{FILE}:19: loop[0]: an alias refers to itself"]


def test_syntax_error_names_the_line(project: Path) -> None:
    write_council(project, COUNCIL.replace("sector: helse", "sector: [helse"))
    result = run_check(project)
    assert result.exit_code == 1
    assert result.problems[0].startswith(f"{FILE}:4: YAML syntax error:")


def test_no_read_as_false_is_explained(project: Path) -> None:
    write_council(project, COUNCIL.replace("unit: Testheim sykehjem", "unit: no"))
    assert run_check(project).problems == [
        f'{FILE}:4: unit: no is read as false (YAML reads yes/no/on/off as true/false); write "no" in quotes'
    ]


def test_phone_with_leading_zero_is_explained(project: Path) -> None:
    write_council(project, COUNCIL.replace("email: gro@example.org", "phone: 04567"))
    assert run_check(project).problems == [
        f'{FILE}:13: members[6].phone: 04567 is read as the number 2423 (a leading 0 means octal in YAML 1.1); write "04567" in quotes'
    ]


def test_unquoted_time_is_explained(project: Path) -> None:
    write_council(project, COUNCIL.replace('{date: 2026-03-01, time: "18:00"}', "{date: 2026-03-01, time: 18:00}"))
    assert run_check(project).problems == [
        f'{FILE}:15: meetings[0].time: 18:00 is read as the number 1080 (YAML 1.1 base 60); write "18:00" in quotes'
    ]


def test_date_where_text_was_meant_is_explained(project: Path) -> None:
    write_council(project, COUNCIL.replace("name: Brukerråd ved Testheim", "name: 2024-05-01"))
    assert run_check(project).problems == [f'{FILE}:1: name: 2024-05-01 is read as a date; write "2024-05-01" in quotes if you mean text']


def test_language_no_in_site_config_is_explained(project: Path) -> None:
    config = (project / "site-config.yml").read_text(encoding="utf-8").replace("language: nb", "language: no")
    write_tree(project, {"site-config.yml": config})
    assert run_check(project).problems == [
        'site-config.yml:4: language: no is read as false (YAML reads yes/no/on/off as true/false); write "no" in quotes'
    ]


def test_impossible_date_is_named(project: Path) -> None:
    write_council(project, COUNCIL.replace("established: 2010-01-01", "established: 2010-13-01"))
    assert run_check(project).problems == [f"{FILE}:5: established: 2010-13-01 is not a real date"]


def test_merge_keys_are_refused(project: Path) -> None:
    write_council(project, COUNCIL + "base: &base {time: '18:00'}\nextra:\n  <<: *base\n")
    assert run_check(project).problems == [f"{FILE}:21: extra: merge keys ('<<') are not supported; write the fields out"]


def test_two_documents_are_refused(project: Path) -> None:
    write_council(project, COUNCIL + "---\nname: x\n")
    assert run_check(project).problems == [f"{FILE}:20: a second YAML document ('---') is not allowed here"]


def test_an_explicit_tag_on_text_it_does_not_fit_is_an_error_not_a_crash(project: Path) -> None:
    """PyYAML's constructors raise other errors than ValueError on such text (a KeyError for
    !!bool, an AttributeError for !!timestamp): raad check crashed with a traceback."""
    write_council(project, COUNCIL + "flag: !!bool maybe\n")
    assert run_check(project).problems == [f"{FILE}:19: flag: tag !!bool is not allowed; raad reads plain YAML"]
    write_council(project, COUNCIL.replace("unit: Testheim sykehjem", "unit: !!timestamp last spring"))
    assert run_check(project).problems == [f"{FILE}:4: unit: last spring is not a real date"]


def test_an_alias_is_built_again_with_the_lines_of_what_it_names() -> None:
    """Each use of an alias is a value of its own, reported on the alias's key's line, and
    what is inside it on the lines where the anchored value is written."""
    doc = parse("a: &x\n  - b: 1\n    c: [d]\ne: *x\nf: [*x]\n")
    assert doc.data == {"a": [{"b": 1, "c": ["d"]}], "e": [{"b": 1, "c": ["d"]}], "f": [[{"b": 1, "c": ["d"]}]]}
    assert doc.data["e"] is not doc.data["a"]
    assert [doc.line(loc) for loc in [("e",), ("e", 0, "b"), ("e", 0, "c", 0), ("f", 0), ("f", 0, 0, "c")]] == [4, 2, 3, 1, 3]
