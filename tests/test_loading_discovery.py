"""Finding frameworks (`readiness.loading.discovery`): the search path, and the shelf of
loaded frameworks: when a framework is read again, and the frameworks a batch stocks for its
jobs."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import readiness.load
import readiness.loading.discovery
from readiness.errors import FrameworkNotFoundError, ValidationError
from readiness.load import Shelf, framework_search_path, load_assessment, load_framework
from readiness.model import Framework
from readiness.pipeline import report

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the mini framework under frameworks/, and one assessment of it."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "frameworks" / "mini")
    shutil.copy(FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml", tmp_path / "client.yaml")
    return tmp_path


def _retitle(folder: Path, title: str) -> None:
    """Change framework.yaml, with a modification time that differs from the old one."""
    manifest = folder / "framework.yaml"
    text = manifest.read_text().replace("title: Mini framework for tests", f"title: {title}")
    stamp = manifest.stat().st_mtime_ns
    manifest.write_text(text)
    os.utime(manifest, ns=(stamp + 10**9, stamp + 10**9))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The framework folders read from disk while a test runs, one entry per read."""
    read: list[Path] = []

    def counted(folder: Path, **options: Any) -> Framework:
        read.append(folder)
        return load_framework(folder, **options)

    monkeypatch.setattr(readiness.loading.discovery, "load_framework", counted)
    return read


def test_one_shelf_reads_a_framework_once_and_an_edited_one_again(
    workspace: Path, reads: list[Path]
) -> None:
    frameworks = (workspace / "frameworks",)
    client = workspace / "client.yaml"
    shelf = Shelf()
    first = load_assessment(client, frameworks=frameworks, shelf=shelf).framework
    again = load_assessment(client, frameworks=frameworks, shelf=shelf).framework
    assert again is first
    assert len(reads) == 1
    _retitle(workspace / "frameworks" / "mini", "Changed")
    changed = load_assessment(client, frameworks=frameworks, shelf=shelf).framework
    assert changed.manifest.title == "Changed"
    assert len(reads) == 2
    assert load_assessment(client, frameworks=frameworks, shelf=shelf).framework is changed


def test_a_shelf_knows_a_folder_by_what_it_is_not_by_the_path_to_it(
    workspace: Path, reads: list[Path]
) -> None:
    folder = workspace / "frameworks" / "mini"
    linked = workspace / "linked"
    linked.symlink_to(folder, target_is_directory=True)
    shutil.copytree(folder, workspace / "copy", copy_function=shutil.copy2)
    shelf = Shelf()
    first = shelf.load(folder)[0]
    assert shelf.load(linked)[0] is first
    assert shelf.load(workspace / "frameworks" / ".." / "frameworks" / "mini")[0] is first
    assert len(reads) == 1
    # A copy with the same file names and modification times is another folder all the same.
    copied = shelf.load(workspace / "copy")[0]
    assert copied is not first
    assert len(reads) == 2
    _retitle(workspace / "copy", "Changed")
    assert shelf.load(workspace / "copy")[0].manifest.title == "Changed"
    assert shelf.load(linked)[0] is first


def test_without_a_shelf_each_load_reads_its_framework(workspace: Path, reads: list[Path]) -> None:
    frameworks = (workspace / "frameworks",)
    first = load_assessment(workspace / "client.yaml", frameworks=frameworks).framework
    again = load_assessment(workspace / "client.yaml", frameworks=frameworks).framework
    assert again is not first
    assert len(reads) == 2


def test_a_shelf_stocked_by_a_batch_serves_its_jobs(workspace: Path, reads: list[Path]) -> None:
    frameworks = (workspace / "frameworks",)
    client = workspace / "client.yaml"
    (workspace / "broken.yaml").write_text("framework: [unclosed\n")
    unknown = client.read_text().replace("framework: mini@1.2.0", "framework: nowhere")
    (workspace / "unknown.yaml").write_text(unknown)
    shelf = Shelf()
    shelf.stock(
        [client, workspace / "missing.yaml", workspace / "broken.yaml", workspace / "unknown.yaml"],
        frameworks,
    )
    assert len(reads) == 1
    elsewhere = workspace / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(client, elsewhere / "client.yaml")
    for path in (client, elsewhere / "client.yaml"):
        load_assessment(path, frameworks=frameworks, shelf=shelf)
    assert len(reads) == 1


def test_a_settled_shelf_checks_a_framework_once_and_keeps_it_through_edits(
    workspace: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    frameworks = (workspace / "frameworks",)
    client = workspace / "client.yaml"
    checks: list[Path] = []
    stamps = readiness.loading.discovery.framework_stamps

    def counted(folder: Path) -> Any:
        checks.append(folder)
        return stamps(folder)

    monkeypatch.setattr(readiness.loading.discovery, "framework_stamps", counted)
    shelf = Shelf(settled=True)
    shelf.stock([client, workspace / "unknown.yaml"], frameworks)
    first = load_assessment(client, frameworks=frameworks, shelf=shelf).framework
    _retitle(workspace / "frameworks" / "mini", "Changed")
    assert load_assessment(client, frameworks=frameworks, shelf=shelf).framework is first
    assert (len(reads), len(checks)) == (1, 1)
    # Asked from another folder, the framework is found and checked there once.
    elsewhere = workspace / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(client, elsewhere / "client.yaml")
    for _ in range(2):
        found = load_assessment(elsewhere / "client.yaml", frameworks=frameworks, shelf=shelf)
        assert found.framework.manifest.title == "Changed"
    assert (len(reads), len(checks)) == (2, 2)
    # A framework not found stays not found for the batch, and says so at each load.
    unknown = client.read_text().replace("framework: mini@1.2.0", "framework: nowhere")
    (workspace / "unknown.yaml").write_text(unknown)
    for _ in range(2):
        with pytest.raises(FrameworkNotFoundError, match="framework 'nowhere' not found"):
            load_assessment(workspace / "unknown.yaml", frameworks=frameworks, shelf=shelf)
    # An unsettled shelf checks at every load and reads the edited framework.
    assert load_assessment(client, frameworks=frameworks, shelf=Shelf()).framework is not first


def test_a_report_on_three_periods_reads_their_framework_once(
    tmp_path: Path, reads: list[Path]
) -> None:
    periods = sorted((FIXTURES / "clients" / "mini-history").glob("*.yaml"))
    assert len(periods) == 3
    report(
        FIXTURES / "clients" / "mini-history",
        generated=date(2027, 1, 15),
        html=True,
        draft=True,
        frameworks=(FIXTURES,),
        output=tmp_path / "report.html",
    )
    assert [folder.name for folder in reads] == ["mini"]


def test_search_path_order(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("READINESS_PATH", os.pathsep.join(["env-a", "", "env-b", "env-a"]))
    near = workspace.resolve()
    package = Path(readiness.load.__file__)
    expected = [
        Path("extra"),
        Path("env-b"),
        Path("env-a"),
        *(folder / "questionnaires" for folder in [near, *near.parents]),
        Path.cwd() / "questionnaires",
        package.parent / "questionnaires",
        package.resolve().parents[2] / "questionnaires",
    ]
    unique = [folder for index, folder in enumerate(expected) if folder not in expected[:index]]
    assert framework_search_path(workspace, [Path("extra"), Path("env-b")]) == unique


def test_a_deleted_working_folder_is_not_searched(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Run from a folder that was deleted since: an unknown framework is reported as not found,
    with no traceback, and a known one is still found."""
    gone = tmp_path_factory.mktemp("gone")
    monkeypatch.chdir(gone)
    gone.rmdir()
    client = workspace / "client.yaml"
    client.write_text(client.read_text().replace("framework: mini", "framework: nowhere"))
    with pytest.raises(FrameworkNotFoundError, match="framework 'nowhere' not found"):
        load_assessment(client)
    client.write_text(client.read_text().replace("framework: nowhere", "framework: mini"))
    assert load_assessment(client, frameworks=(workspace / "frameworks",)).framework.manifest.id


def test_the_latest_assessment_names_its_organization_and_unreadable_files_are_passed_over(
    tmp_path: Path,
) -> None:
    from readiness.load import latest_assessment

    assert latest_assessment(tmp_path / "absent") == {}
    (tmp_path / "2026-Q3.yaml").write_text("organization: {name: Acme}\nassessor: A. C.\n")
    (tmp_path / "2026-Q4.yaml").write_text("organization: [unclosed\n")  # does not parse
    (tmp_path / "notes.yaml").write_text("just text\n")  # names no organization
    assert latest_assessment(tmp_path)["assessor"] == "A. C."


def test_a_broken_link_in_a_framework_folder_is_not_a_stop(workspace: Path) -> None:
    # An editor's lock (`.#rules.yaml`, a link to nowhere while the file is edited) made every
    # load of the framework one "no such file" line; a looping link stopped validation at it.
    folder = workspace / "frameworks" / "mini"
    (folder / ".#rules.yaml").symlink_to("ann@laptop.4242")
    assert Shelf().load(folder)[0].manifest.id == "mini"
    (folder / "alpha.yaml").unlink()
    (folder / "alpha.yaml").symlink_to("alpha.yaml")
    (folder / "beta.yaml").write_text("id: beta\n")
    with pytest.raises(ValidationError) as error:
        Shelf().load(folder)
    lines = error.value.lines()
    assert any("dimension 'alpha' has no questionnaire file" in line for line in lines)
    assert any(line.startswith(f"{folder}/beta.yaml:1: ") for line in lines)


def test_a_framework_id_too_long_for_a_file_name_is_not_found(workspace: Path) -> None:
    # It was an OSError (file name too long) that stopped validation at that file.
    client = workspace / "client.yaml"
    client.write_text(
        client.read_text().replace("framework: mini@1.2.0", f"framework: {'x' * 300}")
    )
    with pytest.raises(FrameworkNotFoundError) as error:
        load_assessment(client, frameworks=[workspace / "frameworks"])
    assert any(f"framework '{'x' * 300}' not found" in line for line in error.value.lines())
