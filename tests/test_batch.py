"""Batches (`pipeline.run_batch`): every item runs, a failing one is reported and never stops the
others, outcomes come back in item order whatever the number of worker processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readiness.errors import Issue, UsageError, ValidationError
from readiness.pipeline import Outcome, run_batch


def _square_or_fail(item: str) -> int:
    if item == "broken":
        issue = Issue("bad.yaml", 3, "period", "not in the expected form", got="'2026-Q5'")
        raise ValidationError("bad.yaml: the assessment is not valid", [issue, issue])
    if item == "bug":
        raise ZeroDivisionError("division by zero")
    if item == "die":
        os._exit(3)
    return int(item) ** 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_item_does_not_stop_the_others(jobs: int) -> None:
    seen: list[str] = []
    outcomes = run_batch(
        ["1", "broken", "3", "bug", "5"],
        _square_or_fail,
        jobs=jobs,
        on_outcome=lambda o: seen.append(o.item),
    )
    assert [o.item for o in outcomes] == ["1", "broken", "3", "bug", "5"]
    assert [o.value for o in outcomes] == [1, None, 9, None, 25]
    assert [o.ok for o in outcomes] == [True, False, True, False, True]
    assert sorted(seen) == sorted(["1", "broken", "3", "bug", "5"])
    bad = outcomes[1]
    assert bad.summary() == (
        "broken: bad.yaml:3: period: not in the expected form (got '2026-Q5') "
        "(and 1 more problem: readiness validate broken)"
    )
    assert outcomes[3].summary() == (
        "bug: internal error (please report it): ZeroDivisionError: division by zero"
    )


def test_a_worker_that_dies_is_reported() -> None:
    outcomes = run_batch(["1", "die", "3"], _square_or_fail, jobs=2)
    assert outcomes[0].value == 1
    assert not outcomes[1].ok
    assert "the worker process failed" in outcomes[1].summary()


def test_jobs_below_one_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--jobs"):
        run_batch(["1"], _square_or_fail, jobs=0)


def test_summary_keeps_a_line_that_names_its_file(tmp_path: Path) -> None:
    outcome: Outcome[int] = Outcome(str(tmp_path), errors=(f"{tmp_path}: holds no files",))
    assert outcome.summary() == f"{tmp_path}: holds no files"
