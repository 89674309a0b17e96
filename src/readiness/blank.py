"""A blank assessment: every question of a framework, with its level descriptors, as comments.

A consultant runs `readiness init`, opens the file and uncomments one answer line per question
as the interview goes. The file validates as written (no answers yet) and after every edit.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date

from readiness.model import Framework, format_number

WIDTH = 96


def quarter_of(day: date) -> str:
    """The calendar quarter of a day, as a period: 2026-11-23 -> 2026-Q4."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _quote(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str, first: str = "", rest: str = "") -> list[str]:
    wrapped = textwrap.wrap(
        text,
        width=WIDTH - len(indent) - 2 - len(first),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
    lines = [f"{indent}# {first}{wrapped[0]}".rstrip()]
    lines.extend(f"{indent}# {rest}{line}".rstrip() for line in wrapped[1:])
    return lines


def render_blank_assessment(
    framework: Framework,
    *,
    organization: str,
    period: str,
    day: date,
    assessor: str,
    schema: str | None = None,
) -> str:
    """The text of a blank assessment for `framework`."""
    manifest = framework.manifest
    scale = manifest.scale
    points = ", ".join(f"{format_number(p)} {scale.labels[p]}" for p in scale.points())
    lines: list[str] = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += [
        f"# {manifest.title} ({framework.ref}): assessment of {organization}, {period}.",
        *_comment(
            f"Scale: {points}. Answer each question with a level, `n/a` where the question "
            "allows it, or a mapping {level: "
            f"{format_number(scale.max)}, note: ..., evidence: ..., confidence: "
            "low|medium|high}. In a workshop, give {votes: {<respondent>: level, ...}}.",
            "",
        ),
        "# Uncomment an answer line and fill it in; unanswered questions lower the coverage.",
        "",
        f"framework: {framework.ref}",
        "organization:",
        f"  name: {_quote(organization)}",
        "  # industry: Retail",
        "  # size: 4000            # employees",
        f"period: {period}",
        f"date: {day.isoformat()}",
        f"assessor: {_quote(assessor)}",
        f"# capacity: {manifest.capacity}             # initiatives you can run in parallel",
        "# respondents:            # for a leadership workshop",
        "#   - {id: cto, role: Chief Technology Officer}",
        "",
        "answers:",
    ]
    for dimension in framework.dimensions:
        lines.append("")
        lines.append(
            f"  # === {dimension.title} ({dimension.id}) "
            + "=" * max(3, WIDTH - 12 - len(dimension.title) - len(dimension.id))
        )
        for question in dimension.questions:
            key = f"{dimension.id}.{question.id}"
            flags = [f"weight {format_number(question.weight)}"]
            if question.critical:
                flags.append("critical")
            if question.allow_na:
                flags.append("n/a allowed")
            lines.append("")
            lines.extend(
                _comment(
                    f"{question.text} ({', '.join(flags)})", "  ", f"{key}: ", " " * (len(key) + 2)
                )
            )
            for point in scale.points():
                label = f"{format_number(point)} {scale.labels[point]}: "
                lines.extend(
                    _comment(
                        question.levels.get(point, ""), "  ", "  " + label, " " * (len(label) + 2)
                    )
                )
            if question.na_when:
                lines.extend(_comment(question.na_when, "  ", "  n/a: ", "       "))
            lines.extend(_comment(question.evidence, "  ", "  Evidence: ", "            "))
            lines.append(f"  # {key}: ")
    lines.append("")
    if framework.initiatives:
        lines.append(
            "# Status of roadmap initiatives from earlier periods (planned, in_progress, "
            "done, dropped):"
        )
        lines.append("# initiatives:")
        lines.append(f"#   {framework.initiatives[0].id}: done")
    return "\n".join(lines) + "\n"
