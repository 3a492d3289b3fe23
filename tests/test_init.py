"""`raad init`: a new municipality's project that checks and builds at once, with nothing of
the example in it, and CI files that the hosts accept."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from referencing import Registry, Resource

from conftest import REPO, TODAY, run_build, run_check
from generator.cli import main
from generator.schema import expected_schemas

SCHEMAS = Path(__file__).parent / "data" / "schemas"
BUILT = ("build", "site")


def init(target: Path, *args: str) -> Path:
    result = CliRunner().invoke(main, ["init", str(target), "--municipality", "Solvik kommune", "--today", TODAY.isoformat(), *args])
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture(scope="module")
def new_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init(tmp_path_factory.mktemp("init") / "brukerrad")


def project_files(root: Path) -> dict[str, str]:
    """Every file raad init wrote (not what a build adds), by its path in the project."""
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.relative_to(root).parts[0] not in BUILT
    }


def load_yaml(path: Path) -> Any:
    """YAML as the CI hosts read it: YAML 1.2, where GitHub's `on:` is a key, not true."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and True in data:
        data["on"] = data.pop(True)
    return data


PRE_COMMIT_HOOKS = Resource.from_contents(
    {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {
            "language": {"enum": ["conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang", "haskell",
                                  "julia", "lua", "node", "perl", "pygrep", "python", "r", "ruby", "rust", "script", "swift", "system",
                                  "unsupported", "unsupported_script"]},
            "stages": {"type": "array", "items": {"type": "string"}},
            "file_types": {"type": "array", "items": {"type": "string"}},
        },
    }
)  # fmt: skip
"""What pre-commit-config.json refers to in SchemaStore's pre-commit-hooks.json (not shipped):
the hook languages pre-commit knows, and lists of stage and file type names."""


def validate(instance: Any, schema_file: str) -> None:
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    registry: Registry[Any] = Registry().with_resource("https://json.schemastore.org/pre-commit-hooks.json", PRE_COMMIT_HOOKS)
    jsonschema.Draft7Validator(schema, registry=registry).validate(instance)


def test_a_new_project_checks_strictly_and_builds(new_project: Path, tmp_path: Path) -> None:
    check = run_check(new_project, "--strict")
    assert check.exit_code == 0, check.output
    assert check.lines == ["No problems in 0 councils."]
    built = run_build(new_project, tmp_path / "site")
    assert built.exit_code == 0, built.output
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Brukerråd i Solvik kommune" in front
    assert '<html lang="nb"' in front


def test_nothing_of_the_example_is_in_a_new_project(new_project: Path) -> None:
    files = project_files(new_project)
    assert "site-config.yml" in files
    assert "content/index.md" in files
    for path, text in files.items():
        # The example municipality and its councils; the staff guide's placeholders ("Per
        # Eksempel") are the language's own word for an example, not the example's data.
        for word in (
            "Eksempel kommune",
            "Eksempelheim",
            "Eksempeldal",
            "Eksempelbakken",
            "Eksempelhaugen",
            "Eksempelveien",
            "eksempelheim",
            "Bærum",
            "Kari Nordmann",
        ):
            assert word not in text, f"{path} holds {word!r}"
    assert not re.search(r"^example_(data|day):", files["site-config.yml"], re.MULTILINE)
    assert not [path for path in files if path.startswith("councils/") and not path.endswith(".gitkeep")]


@pytest.mark.parametrize(
    ("language", "title", "about"),
    [("nn", "Brukarråd i Solvik kommune", "om-brukarrad"), ("en", "User councils in Solvik kommune", "about")],
)
def test_a_project_in_nynorsk_or_english(tmp_path: Path, language: str, title: str, about: str) -> None:
    project = init(tmp_path / "p", "--language", language, "--site-url", "https://solvik.example.net/rad/")
    assert run_check(project, "--strict").lines == ["No problems in 0 councils."]
    built = run_build(project, tmp_path / "site")
    assert built.exit_code == 0, built.output
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert title in front
    assert f'<html lang="{language}"' in front
    assert (tmp_path / "site" / about / "index.html").is_file()
    assert "site_url: https://solvik.example.net/rad/\n" in (project / "site-config.yml").read_text(encoding="utf-8")


def test_the_template_council_copied_into_councils_checks_and_is_published(tmp_path: Path) -> None:
    project = init(tmp_path / "p")
    shutil.copytree(project / "maler" / "brukerrad", project / "councils" / "solheim")
    check = run_check(project, "--strict")
    assert check.exit_code == 0, check.output
    assert check.problems == []
    assert check.lines[-1].startswith("0 errors, 0 warnings")
    built = run_build(project, tmp_path / "site")
    assert built.exit_code == 0, built.output
    assert list((tmp_path / "site").glob("**/solheim/index.html"))


def test_init_refuses_a_folder_with_files_in_it(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--municipality", "Solvik kommune", "--language", "en"])
    assert result.exit_code == 1
    assert "is not an empty folder" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_name_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    project = init(tmp_path / "p", "--municipality", "Ås: kommune #1")
    config = yaml.safe_load((project / "site-config.yml").read_text(encoding="utf-8"))
    assert config["municipality"] == "Ås: kommune #1"
    assert config["site_name"] == "Brukerråd i Ås: kommune #1"
    assert run_check(project, "--strict").exit_code == 0


def test_editor_settings_point_at_the_projects_own_schemas(new_project: Path) -> None:
    for name, text in expected_schemas().items():
        assert (new_project / "schemas" / name).read_text(encoding="utf-8") == text
    settings = json.loads((new_project / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert all((new_project / schema).is_file() for schema in settings["yaml.schemas"])
    mapped = {Path(schema).name: globs for schema, globs in settings["yaml.schemas"].items()}
    for name, example in [
        ("site-config.schema.json", "site-config.yml"),
        ("council.schema.json", "councils/solheim/council.yml"),
        ("minutes.schema.json", "councils/solheim/minutes/2026-03-10.yml"),
    ]:
        assert any(fnmatch.fnmatchcase(example, glob) for glob in mapped[name]), (name, example)
    for yml in ("site-config.yml", "maler/brukerrad/council.yml"):
        first = (new_project / yml).read_text(encoding="utf-8").splitlines()[0]
        target = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert target is not None, first
        assert ((new_project / yml).parent / target[1]).resolve().is_file()


def test_the_scaffold_has_this_repositorys_theme_and_council_types(new_project: Path) -> None:
    """The new site gets the same accessibility work (search, focus ring, phone layout) and
    the seeds' rules; only the descriptions are rewritten without the example's sources."""
    theme = REPO / "theme"
    for path in theme.rglob("*"):
        if path.is_file():
            assert (new_project / "theme" / path.relative_to(theme)).read_bytes() == path.read_bytes(), path
    ours = yaml.safe_load((REPO / "site-config.yml").read_text(encoding="utf-8"))["council_types"]
    theirs = yaml.safe_load((new_project / "site-config.yml").read_text(encoding="utf-8"))["council_types"]
    strip = {name: {k: v for k, v in rules.items() if k != "description"} for name, rules in ours.items()}
    assert {name: {k: v for k, v in rules.items() if k != "description"} for name, rules in theirs.items()} == strip
    assert all(rules["description"] for rules in theirs.values())


def test_the_gitignore_leaves_out_what_raad_builds(new_project: Path) -> None:
    ignored = (new_project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"site/", "build/", ".venv/"} <= set(ignored)


def test_the_github_workflow_is_valid_and_checks_builds_and_deploys(new_project: Path) -> None:
    workflow = load_yaml(new_project / ".github" / "workflows" / "raad.yml")
    validate(workflow, "github-workflow.json")
    assert set(workflow["on"]) >= {"pull_request", "push"}
    assert workflow["on"]["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert set(jobs) == {"check", "build", "deploy"}
    runs = {job: [step.get("run", "") for step in jobs[job].get("steps", [])] for job in jobs}
    uses = {job: [step.get("uses", "") for step in jobs[job].get("steps", [])] for job in jobs}
    assert 'pip install "$RAAD_PACKAGE"' in runs["check"]
    assert "raad check --strict --format github" in runs["check"]
    assert "raad build --out site" in runs["build"]
    for job in ("check", "build"):  # scanned minutes are read (and checked for personal data) by OCR
        assert any("apt-get install -y -qq tesseract-ocr tesseract-ocr-nor" in run for run in runs[job]), job
    assert "actions/upload-artifact@v4" in uses["build"]
    assert "actions/upload-pages-artifact@v3" in uses["build"]
    assert uses["deploy"] == ["actions/deploy-pages@v4"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in jobs["deploy"]["if"]
    caches = [step["with"]["path"] for job in ("check", "build") for step in jobs[job]["steps"] if step.get("uses") == "actions/cache@v4"]
    assert caches == ["build/.cache", "build/.cache"]
    assert "git+https://github.com/raad-project/raad.git" in workflow["env"]["RAAD_PACKAGE"]


def test_the_pre_commit_config_is_valid_and_runs_raad_check(new_project: Path) -> None:
    config = load_yaml(new_project / ".pre-commit-config.yaml")
    validate(config, "pre-commit-config.json")
    [hook] = config["repos"][0]["hooks"]
    assert hook["entry"] == "raad check --strict"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert [
        name
        for name in ("councils/x/council.yml", "content/index.md", "site-config.yml", "README.md", "theme/main.html")
        if pattern.search(name)
    ] == [
        "councils/x/council.yml",
        "content/index.md",
        "site-config.yml",
    ]


def test_the_gitlab_pipeline_checks_previews_and_publishes(new_project: Path) -> None:
    """The shapes GitLab's CI schema (gitlabhq, app/assets/javascripts/editor/schema/ci.json)
    requires of these jobs: stages a list of unique names, every job a stage of them and a
    script, rules a list of `if:` objects, code quality a report path, pages publishing public."""
    pipeline = load_yaml(new_project / ".gitlab-ci.yml")
    stages = pipeline["stages"]
    assert len(set(stages)) == len(stages) == 3
    jobs = {name: job for name, job in pipeline.items() if name not in {"stages", "variables", "default"}}
    assert set(jobs) == {"check", "build", "pages"}
    allowed = {"stage", "script", "artifacts", "rules"}
    for job in jobs.values():
        assert set(job) <= allowed
        assert job["stage"] in stages
        assert job["script"]
        assert all(isinstance(line, str) for line in job["script"])
        assert all(set(rule) == {"if"} and isinstance(rule["if"], str) for rule in job["rules"])
    assert set(pipeline["default"]) <= {"image", "before_script", "cache"}
    assert any("apt-get install -y -qq tesseract-ocr tesseract-ocr-nor" in line for line in pipeline["default"]["before_script"])
    assert pipeline["default"]["cache"]["paths"][0] == "build/.cache/"
    assert all(isinstance(value, str) for value in pipeline["variables"].values())
    check = jobs["check"]
    assert check["script"] == ["raad check --strict --format gitlab --out gl-code-quality-report.json || true", "raad check --strict"]
    assert check["artifacts"] == {"when": "always", "reports": {"codequality": "gl-code-quality-report.json"}}
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in check["rules"]
    assert jobs["build"]["artifacts"]["expose_as"] == "Site preview"
    assert jobs["build"]["artifacts"]["paths"] == ["site/"]
    assert jobs["pages"]["script"] == ["raad build --out public"]
    assert jobs["pages"]["artifacts"] == {"paths": ["public"]}
    assert jobs["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


@pytest.mark.parametrize(("option", "value"), [("--site-url", "solvik.no/brukerrad"), ("--contact-email", "postmottak")])
def test_init_refuses_an_address_the_check_would_refuse(tmp_path: Path, option: str, value: str) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "p"), "--municipality", "Solvik kommune", "--language", "en", option, value])
    assert result.exit_code == 2
    assert f"expected an {'address' if option == '--site-url' else 'e-mail address'} such as" in result.output
    assert not (tmp_path / "p").exists()
