"""Finding frameworks (`readiness.loading.discovery`): the search path, when a framework is
loaded again, and the frameworks a batch holds for its jobs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import readiness.load
from readiness.errors import FrameworkNotFoundError
from readiness.load import framework_search_path, hold_frameworks_of, load_assessment

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


def test_a_changed_framework_is_loaded_again(workspace: Path) -> None:
    frameworks = (workspace / "frameworks",)
    first = load_assessment(workspace / "client.yaml", frameworks=frameworks).framework
    again = load_assessment(workspace / "client.yaml", frameworks=frameworks).framework
    assert again is first
    _retitle(workspace / "frameworks" / "mini", "Changed")
    changed = load_assessment(workspace / "client.yaml", frameworks=frameworks).framework
    assert changed.manifest.title == "Changed"


def test_frameworks_held_by_a_batch_are_not_read_again(workspace: Path) -> None:
    frameworks = (workspace / "frameworks",)
    client = workspace / "client.yaml"
    held = hold_frameworks_of([client, workspace / "missing.yaml"], frameworks)
    assert list(held) == [("mini", workspace)]
    first = held[("mini", workspace)][0]
    _retitle(workspace / "frameworks" / "mini", "Changed")
    assert load_assessment(client, frameworks=frameworks, held=held).framework is first
    elsewhere = workspace / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(client, elsewhere / "client.yaml")
    other = load_assessment(elsewhere / "client.yaml", frameworks=frameworks, held=held)
    assert other.framework.manifest.title == "Changed"  # held for another folder only


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
