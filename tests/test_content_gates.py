"""The gate reasons of every bundled framework. The report prints a gate reason as the reason
a stage requires a practice and, when a finding has no sentence of its own, as that finding's
headline; a reason worded as a requirement ("X must ...") or as a good outcome ("Controlled
experiments show ...") then reads to an executive as a strength. So each reason must state
what goes wrong without the practice, in one self-contained sentence.

The check is a simple wording test, not an understanding of the sentence: a reason fails when
it uses requirement wording (must, should, need(s), has to, cannot depend/rely), leans on
another sentence (then, therefore, these, this), names a question id or an operator, is more
than one sentence, or carries none of the words that name a problem (without, cannot, not,
no, nobody, never, rarely, unable, a word such as unchecked or unnoticed, or a failure such
as fails, stalls, breaks, decays, leaks, harm, outage, holes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.load import load_framework
from readiness.report.consequences import EXPECTS

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = sorted(p.parent for p in (ROOT / "questionnaires").glob("*/framework.yaml"))

REQUIREMENT = re.compile(
    r"\b(must|should|needs?|has to|have to|cannot (?:depend|rely))\b", re.IGNORECASE
)
LEANING = re.compile(r"\b(then|therefore|these|this)\b", re.IGNORECASE)
ID_OR_OPERATOR = re.compile(r"[a-z_]+\.[a-z_]+|[<>=]")
ONE_SENTENCE = re.compile(r"[A-Z][^.!?;:]*\.")
PROBLEM = re.compile(
    r"\b(without|cannot|not|no|nobody|never|rarely|unable|too few"
    r"|un(?:checked|noticed|known|seen|announced|protected|addressed|governed)"
    r"|fail(?:s|ing)?|stalls?|breaks?|decays?|leaks?|harm|outage|holes)\b",
    re.IGNORECASE,
)


def wording_problem(reason: str) -> str | None:
    """What keeps `reason` from reading as a problem the stage's practice prevents, or None."""
    for pattern, what in (
        (REQUIREMENT, "words a requirement"),
        (LEANING, "leans on another sentence"),
        (ID_OR_OPERATOR, "names an id or operator"),
    ):
        if found := pattern.search(reason):
            return f"{what} ({found.group(0)!r})"
    if not ONE_SENTENCE.fullmatch(reason):
        return "is not one sentence"
    if not PROBLEM.search(reason):
        return "states no problem"
    return None


@pytest.mark.parametrize("folder", FRAMEWORKS, ids=[p.name for p in FRAMEWORKS])
def test_every_gate_reason_states_what_goes_wrong_without_the_practice(folder: Path) -> None:
    framework = load_framework(folder)
    reasons = [(s.id, r) for s in framework.manifest.stages for r in s.gate_reasons]
    assert reasons, folder.name
    problems = [
        f"{stage}: {reason!r} {problem}"
        for stage, reason in reasons
        if (problem := wording_problem(reason))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("folder", FRAMEWORKS, ids=[p.name for p in FRAMEWORKS])
def test_a_finding_that_says_why_the_stage_asks_more_quotes_a_gate_reason(folder: Path) -> None:
    """A finding's `<stage> expects more of this practice: <why>.` clause is its headline in
    the report, so it is one of the framework's gate reasons, not a wording of its own; one
    that says who else asks more (`A supervisor asks more ...`, in a regulated industry) is
    worded as a gate reason is: what goes wrong without the practice."""
    framework = load_framework(folder)
    reasons = {r[0].lower() + r[1:-1] for s in framework.manifest.stages for r in s.gate_reasons}
    stages = {s.title for s in framework.manifest.stages}
    quoted, problems = [], []
    for rule in framework.rules:
        flat = " ".join(rule.finding.split())
        found = EXPECTS.search(flat)
        if found is None:
            continue
        who = flat[: found.start()].rstrip().rpartition(". ")[2]  # the sentence's subject
        if who in stages:
            quoted.append((rule.id, found["why"]))
        elif problem := wording_problem(found["why"][:1].upper() + found["why"][1:] + "."):
            problems.append((rule.id, problem))
    assert [(rule, why) for rule, why in quoted if why not in reasons] == []
    assert problems == []


@pytest.mark.parametrize(
    ("reason", "problem"),
    [
        ("Controlled experiments show which models cause the value claimed for them.", "states no"),
        ("Feedback from users must reach the models they use.", "requirement"),
        ("Dozens of pipelines cannot depend on someone starting them.", "requirement"),
        ("Releasing many models safely needs automated tests.", "requirement"),
        ("Without them, these models fail.", "leans"),
        ("Without infrastructure.cicd >= 3 releases break.", "id or operator"),
        ("Without a registry nobody knows. Models drift.", "not one sentence"),
    ],
)
def test_the_wording_check_rejects_requirements_and_good_outcomes(
    reason: str, problem: str
) -> None:
    assert problem in (wording_problem(reason) or "")


def test_the_wording_check_accepts_a_stated_problem() -> None:
    reason = (
        "A pipeline that waits for someone to start it stalls when dozens of models depend on it."
    )
    assert wording_problem(reason) is None
