"""Loading a framework folder: keys that no longer do anything load with a located warning."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness.errors import Issue, ValidationError
from readiness.load import load_framework

PLANNER = Path(__file__).parent / "fixtures" / "planner"


LINE = 10
"""Where `_planner_with` puts its line: before `horizon:`."""


def _planner_with(tmp_path: Path, line: str) -> Path:
    """The planner fixture with one more line in framework.yaml, before `horizon:`."""
    folder = tmp_path / "planner"
    shutil.copytree(PLANNER, folder)
    manifest = folder / "framework.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("horizon:", f"{line}\nhorizon:", 1), encoding="utf-8")
    assert manifest.read_text(encoding="utf-8").splitlines()[LINE - 1] == line
    return folder


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "stage_overlap_months: 3",
            "has no effect, the key is ignored: a wave's work starts as soon as its "
            "prerequisites have ended and the team's capacity allows, not at a fixed overlap",
        ),
        (
            "capacity: 3",
            "has no effect, the key is ignored: the plan fits work to the delivery team's FTE "
            "(`team_fte`, `size_bands`); a cap on initiatives at once is the assessment's "
            "`capacity` or `--capacity`",
        ),
    ],
)
def test_a_retired_key_loads_with_a_warning_saying_it_does_nothing(
    tmp_path: Path, line: str, message: str
) -> None:
    warnings: list[Issue] = []
    framework = load_framework(_planner_with(tmp_path, line), warnings=warnings)
    key = line.partition(":")[0]
    assert [(w.line, w.path, w.message, w.allowed) for w in warnings] == [
        (LINE, key, message, "remove the key")
    ]
    assert all(w.warning and w.file.endswith("framework.yaml") for w in warnings)
    assert framework.manifest == load_framework(PLANNER).manifest


def test_an_unknown_key_is_still_an_error_and_never_suggests_a_retired_one(
    tmp_path: Path,
) -> None:
    with pytest.raises(ValidationError) as raised:
        load_framework(_planner_with(tmp_path, "stage_overlap_month: 3"))
    assert [(i.line, i.path, i.message, i.warning) for i in raised.value.issues] == [
        (LINE, "stage_overlap_month", "unknown key (did you mean 'ramp_months'?)", False)
    ]
