"""Findings as the client's answers read them, and disputed answers never counted as in place
or achieved (summary, standing, what it takes, progress)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness.load import Shelf
from readiness.pipeline import assess
from readiness.pipeline import progress as client_progress
from readiness.report.progress import progress_view
from readiness.report.reading import disputed_answers, finding_as_read, practice_names
from readiness.report.standing import strengths
from readiness.report.takes import what_it_takes
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def findings_of(client: str) -> dict[str, object]:
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    names = practice_names(framework)
    return {
        f.rule: (f, finding_as_read(f, framework, assessed.scorecard, names))
        for f in results.findings
    }


def test_a_narrative_of_absence_is_said_from_an_answer_above_the_bottom() -> None:
    # Acme answered bias testing "Ad hoc" (tested once, no defined groups); the rule's
    # narrative says models "are not tested" at all.
    finding, read = findings_of("acme-retail")["bias-untested"]  # type: ignore[misc]
    assert "are not tested" in finding.text
    assert read.rewritten
    assert "are not tested" not in read.text and "not tested" not in read.title
    assert "One or two models were tested once" in read.text
    assert read.title == "Bias testing: Ad hoc today, Repeatable expected"


def test_a_level_the_next_gate_asks_is_required_one_only_its_standard_asks_is_expected() -> None:
    # Northwind's department gate asks operational monitoring at Defined (its answer is
    # Repeatable); it asks nothing of ML skills programs, which the stage expects at Repeatable.
    findings = findings_of("northwind-bank")
    _, monitoring = findings["infrastructure-monitoring-at-2"]  # type: ignore[misc]
    _, skills = findings["skills-not-developed"]  # type: ignore[misc]
    assert monitoring.gap is not None and monitoring.gap.why == "required"
    assert monitoring.title.endswith("Repeatable today, Defined required")
    assert skills.gap is not None and skills.gap.why == "needed"
    assert skills.title.endswith("Ad hoc today, Repeatable expected")


def test_why_it_matters_is_kept_when_it_stands_on_its_own() -> None:
    finding, read = findings_of("acme-retail")["cost-invisible"]  # type: ignore[misc]
    assert "nobody can say what a model costs" in finding.text
    assert "nobody can say" not in read.text
    assert read.text.endswith(finding.text.split(". ", 1)[1])


def test_a_narrative_written_for_the_answer_level_is_kept() -> None:
    # `data.silos >= 2 and data.silos < 3`: written for exactly the level answered.
    finding, read = findings_of("acme-retail")["data-sharing-negotiated"]  # type: ignore[misc]
    assert not read.rewritten and read.text == finding.text and read.title == finding.title


@pytest.mark.parametrize("client", ["acme-retail", "helios-energy", "meridian-telecom"])
def test_level_titles_read_as_a_sentence_not_a_scale(client: str) -> None:
    for finding, read in findings_of(client).values():  # type: ignore[misc]
        assert ", not yet " not in read.title, finding.title


def disputed_copy(tmp_path: Path, fact: str, votes: str) -> Path:
    """Acme's folder with leadership votes on `fact` that are far apart."""
    folder = tmp_path / "acme-retail"
    shutil.copytree(EXAMPLES / "acme-retail", folder)
    current = folder / "2026-Q4.yaml"
    text = current.read_text(encoding="utf-8")
    start = text.index(f"  {fact}:\n")
    end = text.index("\n  ", text.index("\n", start + 1) + 1)
    while text[end + 3] == " ":  # the answer's indented lines
        end = text.index("\n  ", end + 1)
    text = text[:start] + f"  {fact}: {{votes: {votes}}}" + text[end:]
    text = text.replace(
        "answers:\n",
        "respondents:\n  - {id: coo, role: Chief Operating Officer}\n"
        "  - {id: cfo, role: Chief Financial Officer}\n"
        "  - {id: cio, role: Chief Information Officer}\nanswers:\n",
        1,
    )
    current.write_text(text, encoding="utf-8")
    return folder


def test_an_achievement_resting_on_a_disputed_answer_is_not_counted(
    shelf: Shelf, tmp_path: Path
) -> None:
    # Acme's central data platform is achieved because data integration is at 3; votes of 4, 3
    # and 2 keep it at 3 but leave it disputed.
    folder = disputed_copy(tmp_path, "data.integration", "{coo: 4, cfo: 3, cio: 2}")
    assessed = assess(folder / "2026-Q4.yaml", shelf=shelf)
    framework = assessed.loaded.framework
    assert "data.integration" in disputed_answers(assessed.scorecard)
    history = client_progress(folder)
    assert history.latest is not None
    platform = next(a.title for a in history.latest.achieved if a.id == "central-data-platform")
    view = progress_view(history, framework, disputed_answers(assessed.scorecard))
    achieved = {item.title for item in view.achieved}
    assert platform not in achieved
    assert platform in {item.title for item in view.awaiting}
    assert f"{len(achieved)} initiatives achieved" in view.summary


def test_a_stage_condition_met_by_a_disputed_answer_is_not_in_place(
    shelf: Shelf, tmp_path: Path
) -> None:
    # Department scale asks registry at least 2; votes of 4, 3 and 2 meet it, disputed.
    folder = disputed_copy(tmp_path, "infrastructure.registry", "{coo: 4, cfo: 3, cio: 2}")
    assessed = assess(folder / "2026-Q4.yaml", shelf=shelf)
    framework = assessed.loaded.framework
    takes = what_it_takes(framework, assessed.scorecard, None, "Acme Retail")
    assert takes is not None
    registry = next(c for c in takes.conditions if "registry" in c.text)
    assert registry.disputed and not registry.met
    assert "disputed" in registry.today
    shown = {s.practice for s in strengths(framework, assessed.scorecard, count=40)}
    assert "Registry" not in shown


def test_a_dimension_in_place_only_through_a_disputed_answer_is_not_in_place(
    shelf: Shelf,
    tmp_path: Path,
) -> None:
    # Data foundations meets department scale; votes of 4, 2 and 1 keep inventory at 2 (what
    # the stage asks) but leave it disputed.
    from readiness.report.standing import standing_rows

    folder = disputed_copy(tmp_path, "data.inventory", "{coo: 4, cfo: 2, cio: 1}")
    assessed = assess(folder / "2026-Q4.yaml", shelf=shelf)
    framework = assessed.loaded.framework
    before = standing_rows(
        framework, assess(EXAMPLES / "acme-retail" / "2026-Q4.yaml", shelf=shelf).scorecard
    )
    after = standing_rows(framework, assessed.scorecard)
    assert before[0].state == "meets" and before[0].verdict == "In place"
    assert after[0].state == "disputed" and after[0].verdict != "In place"
    assert "disputed" in after[0].verdict


def test_a_slipped_goal_lists_only_what_is_still_missing(shelf: Shelf, tmp_path: Path) -> None:
    # Re-scored on 21 December: the inventory, under way and due in November in the Q3 plan,
    # has slipped.
    folder = tmp_path / "acme-retail"
    shutil.copytree(EXAMPLES / "acme-retail", folder)
    current = folder / "2026-Q4.yaml"
    text = current.read_text(encoding="utf-8")
    current.write_text(text.replace("date: 2026-11-19", "date: 2026-12-21", 1), encoding="utf-8")
    assessed = assess(folder / "2026-Q4.yaml", shelf=shelf)
    history = client_progress(folder)
    view = progress_view(history, assessed.loaded.framework, replanned={})
    (inventory,) = [s for s in view.slipped if s.title.startswith("Inventory the data sources")]
    goal = inventory.detail.split("Its goal is not met yet: ")[1].split(". Today")[0]
    # Ownership is at Repeatable (2) today, as the goal asks: only the inventory is missing.
    assert goal == "Data inventory at Defined"
    assert "ownership 2 (Repeatable)" in inventory.detail
    assert "1 month late" in inventory.detail  # not planned again: how late it is today
