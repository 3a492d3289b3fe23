"""Only the project's own files are read: no symbolic links (to files or folders, wherever
they point), no fifos, devices or sockets, and no `..` out of the project in configured paths.

Runs that could hang if the rule were broken (a fifo, a link to `/`) run raad as a separate
process with a timeout, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, TODAY, run_build, run_check, write_tree

SECRET = "OUTSIDE-THE-PROJECT-7f3a"
"""The text of a file outside the project: it must appear in no output and no built file."""
COUNCIL_DIR = "councils/testheim"


def raad(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`raad` as its own process speaking English (the msgids asserted here), killed (and the
    test failed) if it runs past `timeout`."""
    command = [sys.executable, "-m", "generator", *arguments, "--today", TODAY.isoformat(), "--lang", "en"]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project holding a secret Markdown file and a whole council."""
    folder = tmp_path / "outside"
    return write_tree(folder, {"secret.md": f"# Hemmelig\n\n{SECRET}\n", "council/council.yml": f"name: {SECRET}\n"})


@pytest.fixture
def root(project: Path) -> Path:
    """The conftest project moved one level down, so that `outside` is beside it."""
    moved = project / "project"
    moved.mkdir()
    for name in ("site-config.yml", "councils"):
        (project / name).rename(moved / name)
    return moved


def _with_mandate(root: Path) -> None:
    path = root / COUNCIL_DIR / "council.yml"
    path.write_text(path.read_text(encoding="utf-8") + "mandate: mandate.md\n", encoding="utf-8")


def _assert_refused(root: Path, culprit: str, *words: str) -> None:
    """check and build both fail naming `culprit`, and the secret is nowhere."""
    result = run_check(root)
    assert result.exit_code == 1
    lines = [line for line in result.problems if line.startswith(f"{culprit}:")]
    assert lines, result.output
    assert all(word in lines[0] for word in words), lines[0]
    out = root.parent / "site"
    built = run_build(root, out)
    assert built.exit_code == 1
    assert any(line.startswith(f"{culprit}:") for line in built.lines)
    assert not out.exists()
    assert SECRET not in result.output + built.output
    for path in (root / "build").rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path


def test_mandate_linked_outside_is_refused_and_never_read(root: Path, outside: Path) -> None:
    _with_mandate(root)
    (root / COUNCIL_DIR / "mandate.md").symlink_to(outside / "secret.md")
    _assert_refused(root, f"{COUNCIL_DIR}/mandate.md", "symbolic link", "outside the project")


def test_minutes_linked_outside_are_refused(root: Path, outside: Path) -> None:
    (root / COUNCIL_DIR / "minutes").mkdir()
    (root / COUNCIL_DIR / "minutes" / "2026-01-10.md").symlink_to(outside / "secret.md")
    _assert_refused(root, f"{COUNCIL_DIR}/minutes/2026-01-10.md", "symbolic link", "outside the project")


def test_council_folder_linked_outside_is_refused(root: Path, outside: Path) -> None:
    (root / "councils" / "lenket").symlink_to(outside / "council", target_is_directory=True)
    _assert_refused(root, "councils/lenket", "symbolic link", "outside the project")


def test_minutes_folder_linked_outside_is_refused(root: Path, outside: Path) -> None:
    (outside / "minutes").mkdir()
    (outside / "minutes" / "2026-01-10.md").write_text(f"# Referat\n\n{SECRET}\n", encoding="utf-8")
    (root / COUNCIL_DIR / "minutes").symlink_to(outside / "minutes", target_is_directory=True)
    _assert_refused(root, f"{COUNCIL_DIR}/minutes", "symbolic link")


def test_content_page_and_file_linked_outside_are_refused(root: Path, outside: Path) -> None:
    (root / "content").mkdir()
    (root / "content" / "om.md").symlink_to(outside / "secret.md")
    (root / "content" / "logo.svg").symlink_to(outside / "secret.md")
    result = run_check(root)
    assert result.exit_code == 1
    assert [line.split(":")[0] for line in result.problems] == ["content/logo.svg", "content/om.md"]
    _assert_refused(root, "content/om.md", "symbolic link")


def test_content_folder_linked_to_the_root_of_the_machine_is_refused_quickly(root: Path) -> None:
    """Following `content/sub -> /` would read (and publish) the whole machine, or never end."""
    (root / "content").mkdir()
    (root / "content" / "sub").symlink_to("/", target_is_directory=True)
    completed = raad("check", str(root))
    assert completed.returncode == 1
    assert completed.stdout.startswith("content/sub: is a symbolic link to '/', outside the project;")


@pytest.mark.parametrize("name", ["content", "councils", "theme", "site-config.yml"])
def test_a_linked_top_level_input_is_refused(root: Path, outside: Path, name: str) -> None:
    target = root.parent / f"real-{name}"
    (root / name).rename(target) if (root / name).exists() else target.mkdir()
    (root / name).symlink_to(target)
    result = run_check(root)
    assert result.exit_code == 1
    assert any(line.startswith(f"{name}: is a symbolic link") for line in result.problems), result.output


def test_a_link_inside_the_project_is_refused_too(root: Path) -> None:
    """Every link is refused, not only those leading out: one inside can still reach what
    is not input (`.git/config`), and git would publish the link, not the file."""
    write_tree(root, {"content/om.md": "# Om\n"})
    (root / "content" / "kopi.md").symlink_to("om.md")
    result = run_check(root)
    assert result.exit_code == 1
    assert result.problems == [
        "content/kopi.md: is a symbolic link to 'om.md', inside the project; raad reads only the project's own files: put the file itself here"
    ]


def test_a_link_to_git_config_is_refused(root: Path) -> None:
    write_tree(root, {".git/config": f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n"})
    _with_mandate(root)
    (root / COUNCIL_DIR / "mandate.md").symlink_to("../../.git/config")
    _assert_refused(root, f"{COUNCIL_DIR}/mandate.md", "symbolic link", "inside the project")


@pytest.mark.parametrize(
    "relative", [f"{COUNCIL_DIR}/minutes/2026-01-10.md", f"{COUNCIL_DIR}/council.yml", "content/om.md", "site-config.yml"]
)
def test_a_fifo_is_refused_without_hanging(root: Path, relative: str) -> None:
    """Opening a fifo for reading blocks until a writer comes: raad must never open it."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    for command in (["check", str(root)], ["build", str(root), "--out", str(root.parent / "site")]):
        completed = raad(*command)
        assert completed.returncode == 1
        assert f"{relative}: is a fifo (named pipe); raad reads only regular files" in completed.stdout.splitlines()


def test_a_device_file_is_refused(root: Path) -> None:
    path = root / COUNCIL_DIR / "minutes" / "2026-01-10.md"
    path.parent.mkdir()
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero: reading never ends
    except PermissionError:
        pytest.skip("making a device file needs root")
    completed = raad("check", str(root))
    assert completed.returncode == 1
    assert f"{COUNCIL_DIR}/minutes/2026-01-10.md: is a device file; raad reads only regular files" in completed.stdout


def test_a_socket_is_refused(root: Path) -> None:
    (root / "content").mkdir()
    path = root / "content" / "s"
    with socket.socket(socket.AF_UNIX) as server:
        try:
            server.bind(str(path))
        except OSError:
            pytest.skip("the path is too long for a socket here")
        result = run_check(root)
    assert result.exit_code == 1
    assert result.problems == ["content/s: is a socket; raad reads only regular files"]


def test_theme_file_linked_outside_is_refused(root: Path, outside: Path) -> None:
    (root / "theme").mkdir()
    (root / "theme" / "main.html").symlink_to(outside / "secret.md")
    _assert_refused(root, "theme/main.html", "symbolic link", "outside the project")


def test_hidden_links_are_passed_over_unread(root: Path, outside: Path) -> None:
    """Names starting with a dot are not input (`.git`, editor files): neither read nor reported."""
    (root / "content").mkdir()
    (root / "content" / ".cache").symlink_to("/", target_is_directory=True)
    (root / COUNCIL_DIR / "minutes").mkdir()
    (root / COUNCIL_DIR / "minutes" / ".2026-01-10.md.swp").symlink_to(outside / "secret.md")
    assert run_check(root).exit_code == 0


@pytest.mark.parametrize(
    ("setting", "field", "message"),
    [
        ("theme: {logo: ../site-config.yml}", "theme.logo", "expected a file under content/ such as assets/logo.svg"),
        ("theme: {favicon: ../../outside/secret.md}", "theme.favicon", "expected a file under content/ such as assets/logo.svg"),
        ("theme: {logo: assets/../../site-config.yml}", "theme.logo", "content/assets/../../site-config.yml does not exist"),
    ],
)
def test_configured_paths_cannot_leave_content(root: Path, outside: Path, setting: str, field: str, message: str) -> None:
    (root / "site-config.yml").write_text((root / "site-config.yml").read_text() + setting + "\n", encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    assert any(f"{field}: {message}" in line for line in result.problems), result.output


def test_contact_meeting_minutes_cannot_leave_content(root: Path, outside: Path) -> None:
    config = (root / "site-config.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - {id: helse, name: Helse og velferd}",
        "  - {id: helse, name: Helse og velferd, contact_meetings: [{date: 2026-03-01, committee: Helse, minutes: ../../outside/secret.md}]}",
    )
    (root / "site-config.yml").write_text(config, encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    assert any("contact_meetings[0].minutes: content/../../outside/secret.md does not exist" in line for line in result.problems)


def test_mandate_cannot_name_a_path(root: Path) -> None:
    path = root / COUNCIL_DIR / "council.yml"
    path.write_text(path.read_text(encoding="utf-8") + "mandate: ../../site-config.yml\n", encoding="utf-8")
    result = run_check(root)
    assert result.exit_code == 1
    assert any("mandate: expected the name of a Markdown file beside council.yml" in line for line in result.problems)


@pytest.mark.parametrize("link", ["build/docs", "build/docs/index.md", "build/.cache"])
def test_a_link_in_the_docs_tree_folder_stops_the_build_before_it_writes_elsewhere(root: Path, outside: Path, link: str) -> None:
    """raad writes, replaces and removes files under build/: through a link committed to the
    repository it would overwrite and delete another folder's files."""
    target = outside / "secret.md" if link.endswith(".md") else outside
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(target)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    result = run_build(root, root / "site")
    assert result.exit_code == 1
    assert result.problems == [f"{link}: is a symbolic link to '{target}'; raad builds only into a folder of its own: remove it"]
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before
    assert not (root / "site").exists()
    assert run_check(root).exit_code == 0, "raad check reads the PDFs without the cache there"


def test_a_site_folder_that_is_a_link_is_not_replaced(root: Path, outside: Path) -> None:
    """The build replaces its site folder and deletes the old one: through a `site` link
    committed to the repository, that would be the folder it leads to."""
    (root / "site").symlink_to(outside)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    result = run_build(root, root / "site")
    assert result.exit_code == 1
    assert result.problems == [
        f"site: is a symbolic link to '{outside}', outside the project; the build replaces this folder: give the real one with --out"
    ]
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before


@pytest.mark.parametrize("leftover", [".site.building", ".site.old"])
def test_a_link_named_like_a_killed_builds_leftover_is_removed_not_followed(root: Path, outside: Path, leftover: str) -> None:
    """The engine clears the folder it renders into: through a link committed under the name
    of a killed build's scratch folder, that would be the folder the link leads to."""
    (root / leftover).symlink_to(outside)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    result = run_build(root, root / "site")
    assert result.exit_code == 0, result.output
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before
    assert not (root / leftover).exists()
    assert not (root / leftover).is_symlink()
    assert (root / "site/index.html").is_file()
    assert not (root / "site").is_symlink()
