"""The YAML text of an assessment, as `readiness merge` writes it and other writers reuse it.

Answers come in framework order, votes and respondents in flow style, settings only where the
assessment sets them, and a header comment says where the file came from: the text loads back
as the same assessment and is the same for the same input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from readiness.model import Assessment, Framework
from readiness.printable import printable_line


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{cto: 2, cdo: 3}`."""


class _Dumper(yaml.SafeDumper):
    """Block style for the document, flow style where `_Flow` asks for it."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as the hand-written examples do.
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)


def yaml_number(value: float | None) -> int | float | str:
    """A scale value as YAML shows it: 2 rather than 2.0, n/a for None."""
    if value is None:
        return "n/a"
    return int(value) if float(value).is_integer() else value


def render_assessment(
    assessment: Assessment,
    framework: Framework,
    *,
    files: Sequence[tuple[str, str]] = (),
    made_by: str = "Merged by `readiness merge`",
) -> str:
    """An assessment (a workshop's with votes, or a plain one) as readable, deterministic YAML
    (answers in framework order). `made_by` and `files` (file name, whose answers; the second
    may be empty) say where it came from, one file a line in the header comment, with every
    line break or control character in them escaped so a comment stays one line."""
    data: dict[str, Any] = {
        "framework": assessment.framework,
        "organization": _Flow(assessment.organization.model_dump(exclude_none=True)),
        "period": assessment.period,
        "date": assessment.date,
        "assessor": assessment.assessor,
    }
    for field in ("capacity", "vote_aggregate", "dispute_threshold"):
        if field in assessment.model_fields_set:
            data[field] = _plain(getattr(assessment, field))
    for field in ("target", "team"):
        setting = getattr(assessment, field)
        if setting is not None:
            data[field] = _Flow(_plain(setting.model_dump(exclude_defaults=True)))
    data["respondents"] = [
        _Flow(
            {
                k: (_Flow({d: yaml_number(w) for d, w in v.items()}) if k == "weights" else v)
                for k, v in r.model_dump(exclude_defaults=True).items()
            }
        )
        for r in assessment.respondents
    ]
    answers: dict[str, Any] = {}
    for key in framework.questions():
        answer = assessment.answers.get(key)
        if answer is None:
            continue
        entry: dict[str, Any] = {}
        if answer.level is not None or answer.na:
            entry["level"] = yaml_number(answer.level)
        if answer.votes:
            entry["votes"] = _Flow({who: yaml_number(v) for who, v in answer.votes.items()})
        if answer.notes:
            entry["notes"] = dict(answer.notes)
        for field in ("note", "evidence", "confidence"):
            if getattr(answer, field):
                entry[field] = getattr(answer, field)
        answers[key] = entry
    data["answers"] = answers
    if assessment.initiatives:
        data["initiatives"] = dict(assessment.initiatives)
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    votes = sum(len(a.votes) for a in assessment.answers.values())
    header = (
        [f"# Workshop assessment: {len(assessment.respondents)} respondents, {votes} votes."]
        if votes
        else [f"# Assessment: {len(assessment.answers)} answers."]
    )
    if files:
        header.append(f"# {made_by} from:")
        header.extend(
            f"#   {printable_line(name)}: {printable_line(who)}"
            if who
            else f"#   {printable_line(name)}"
            for name, who in files
        )
    if votes:
        header.append(
            "# Record an agreed answer as `level:` next to the votes; it takes precedence over "
            "them."
        )
    return "\n".join(header) + "\n" + body


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return yaml_number(value) if isinstance(value, float) else value
