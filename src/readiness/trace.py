"""Traceability: from the themes of the source material to the initiatives of the roadmap.

`build_trace` maps every theme of a framework to the questions that measure it (a question's
`source` names its theme), each question to the rules whose condition reads its answer, and
each rule to the initiatives it recommends. Rules that read only dimension or overall scores
are listed apart, with the dimensions they read. A framework author uses it to see that every
theme leads somewhere and that no rule or initiative hangs in the air; `docs/traceability.md`
is this trace of the default framework, kept in sync by a test.

`check_catalogue_gates` answers: if every initiative of the catalogue were done (each
`done_when` threshold met), starting from the lowest answer to every question, would every
stage gate hold? It names the gate terms that no initiative reaches; see
`readiness.plan.simulate.simulate_done` for how finishing an initiative raises the facts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from readiness.condition_terms import check_gate
from readiness.conditions import compile_condition
from readiness.index import fact_space_for
from readiness.model import Answer, Assessment, Framework, Model, Organization, Severity
from readiness.plan.simulate import simulate_done


class InitiativeLink(Model):
    """An initiative a rule recommends."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")
    stage: str = Field(description="The earliest stage whose work it is.")


class RuleLink(Model):
    """A rule that reads a question (or a score), and what it recommends."""

    id: str = Field(description="Rule id.")
    title: str = Field(description="Rule title.")
    severity: Severity = Field(description="high, medium or low.")
    reads: tuple[str, ...] = Field(description="Every fact its condition reads.")
    recommend: tuple[InitiativeLink, ...] = Field(description="Initiatives it recommends.")


class QuestionTrace(Model):
    """A question and the rules that read its answer."""

    key: str = Field(description="`<dimension>.<question>`.")
    text: str = Field(description="The question as asked.")
    rules: tuple[RuleLink, ...] = Field(description="Rules whose condition reads this answer.")


class ThemeTrace(Model):
    """A theme of the source material and the questions that measure it."""

    id: str = Field(description="Theme id; `(none)` for questions whose source is no theme.")
    title: str = Field(description="Theme title.")
    dimension: str = Field(description="The dimension the theme belongs to.")
    questions: tuple[QuestionTrace, ...] = Field(description="Questions citing this theme.")


class GateReach(Model):
    """Whether a stage gate holds once every initiative of the catalogue is done."""

    stage: str = Field(description="Stage id.")
    title: str = Field(description="Stage title.")
    gate: str = Field(description="The gate condition.")
    holds: bool = Field(description="Whether the gate holds with every initiative done.")
    unreached: tuple[str, ...] = Field(description="Gate terms no initiative reaches.")


class Trace(Model):
    """The whole traceability map of one framework."""

    framework: str = Field(description="`id@version`.")
    title: str = Field(description="Framework title.")
    themes: tuple[ThemeTrace, ...] = Field(description="Themes in framework order.")
    score_rules: tuple[RuleLink, ...] = Field(
        description="Rules that read no question, only dimension or overall scores and context."
    )
    unrecommended: tuple[InitiativeLink, ...] = Field(
        description="Initiatives no rule recommends (they are planned only as prerequisites)."
    )
    gates: tuple[GateReach, ...] = Field(description="Gate reachability of the catalogue.")


def build_trace(framework: Framework) -> Trace:
    """The theme -> question -> rule -> initiative map of a framework (a pure function)."""
    space = fact_space_for(framework)
    initiatives = {
        i.id: InitiativeLink(id=i.id, title=i.title, stage=i.stage) for i in framework.initiatives
    }
    links: list[RuleLink] = []
    for rule in framework.rules:
        reads = compile_condition(rule.when, space).reads
        links.append(
            RuleLink(
                id=rule.id,
                title=rule.title,
                severity=rule.severity,
                reads=reads,
                recommend=tuple(initiatives[i] for i in rule.recommend if i in initiatives),
            )
        )
    questions = framework.questions()
    by_theme: dict[str, list[QuestionTrace]] = {}
    for key, question in questions.items():
        traced = QuestionTrace(
            key=key,
            text=" ".join(question.text.split()),
            rules=tuple(link for link in links if key in link.reads),
        )
        theme = question.source if question.source in framework.manifest.themes else "(none)"
        by_theme.setdefault(theme, []).append(traced)
    themes = [
        ThemeTrace(
            id=theme_id,
            title=theme.title,
            dimension=theme.dimension,
            questions=tuple(by_theme.get(theme_id, ())),
        )
        for theme_id, theme in framework.manifest.themes.items()
    ]
    if "(none)" in by_theme:
        themes.append(
            ThemeTrace(
                id="(none)",
                title="Questions citing no theme of the framework",
                dimension="",
                questions=tuple(by_theme["(none)"]),
            )
        )
    recommended = {i for rule in framework.rules for i in rule.recommend}
    return Trace(
        framework=framework.ref,
        title=framework.manifest.title,
        themes=tuple(themes),
        score_rules=tuple(
            link for link in links if not any(name in questions for name in link.reads)
        ),
        unrecommended=tuple(
            link for initiative_id, link in initiatives.items() if initiative_id not in recommended
        ),
        gates=check_catalogue_gates(framework),
    )


def check_catalogue_gates(framework: Framework) -> tuple[GateReach, ...]:
    """For each stage gate: does it hold when every initiative of the catalogue is done,
    starting from the lowest answer to every question? Names the terms nothing reaches."""
    manifest = framework.manifest
    lowest = Answer(level=manifest.scale.min)
    baseline = Assessment(
        framework=framework.ref,
        organization=Organization(name="Baseline"),
        period="2000-01",
        date=dt.date(2000, 1, 1),
        assessor="readiness trace",
        answers=dict.fromkeys(framework.questions(), lowest),
    )
    facts = simulate_done(framework, baseline, framework.initiatives)
    space = fact_space_for(framework, include_stage=False)
    found = []
    for stage in manifest.stages:
        if not stage.gate:
            continue
        check = check_gate(stage.gate, facts, space)
        found.append(
            GateReach(
                stage=stage.id,
                title=stage.title,
                gate=" ".join(stage.gate.split()),
                holds=check.holds,
                unreached=check.failing,
            )
        )
    return tuple(found)


def trace_data(trace: Trace) -> dict[str, Any]:
    """The trace as JSON-ready data."""
    return trace.model_dump(mode="json")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_trace_markdown(trace: Trace, framework: Framework) -> str:
    """The trace as a Markdown page (ends with a newline)."""
    titles = {d.id: d.title for d in framework.dimensions}
    lines = [
        f"# Traceability: {trace.title} ({trace.framework})",
        "",
        f"Generated by `readiness trace {framework.manifest.id} --format md`; do not edit by "
        "hand. Each theme of the source material leads to the questions that measure it, each "
        "question to the rules that read its answer, and each rule to the initiatives it "
        "recommends for the roadmap.",
    ]
    dimension = None
    for theme in trace.themes:
        if theme.dimension != dimension:
            dimension = theme.dimension
            lines += ["", f"## {titles.get(dimension, 'Other questions')}"]
        lines += ["", f"### {_cell(theme.title)} (`{theme.id}`)", ""]
        if not theme.questions:
            lines.append("No question measures this theme.")
            continue
        lines += ["| Question | Rule | Initiatives |", "|---|---|---|"]
        for question in theme.questions:
            first = f"`{question.key}` {_cell(question.text)}"
            if not question.rules:
                lines.append(f"| {first} | no rule reads it | |")
            for index, rule in enumerate(question.rules):
                lines.append(
                    f"| {first if index == 0 else ''} "
                    f"| `{rule.id}` ({rule.severity}): {_cell(rule.title)} "
                    f"| {_initiatives(rule)} |"
                )
    if trace.score_rules:
        lines += [
            "",
            "## Rules on scores",
            "",
            "These rules read dimension or overall scores rather than single answers.",
            "",
            "| Rule | Reads | Initiatives |",
            "|---|---|---|",
        ]
        for rule in trace.score_rules:
            reads = ", ".join(f"`{r}`" for r in rule.reads)
            lines.append(
                f"| `{rule.id}` ({rule.severity}): {_cell(rule.title)} | {reads} "
                f"| {_initiatives(rule)} |"
            )
    if trace.unrecommended:
        lines += [
            "",
            "## Initiatives planned only as prerequisites",
            "",
            *(f"- `{i.id}` ({i.stage}): {_cell(i.title)}" for i in trace.unrecommended),
        ]
    lines += [
        "",
        "## Gate reachability",
        "",
        "Starting from the lowest answer to every question, with every initiative of the "
        "catalogue done (each `done_when` threshold met), does each stage gate hold?",
        "",
        "| Stage | Gate | Holds | Terms no initiative reaches |",
        "|---|---|---|---|",
    ]
    for gate in trace.gates:
        unreached = ", ".join(f"`{_cell(t)}`" for t in gate.unreached) or "none"
        lines.append(
            f"| {_cell(gate.title)} (`{gate.stage}`) | `{_cell(gate.gate)}` "
            f"| {'yes' if gate.holds else 'no'} | {unreached} |"
        )
    return "\n".join(lines) + "\n"


def _initiatives(rule: RuleLink) -> str:
    return ", ".join(f"`{i.id}` ({i.stage})" for i in rule.recommend) or "none"
