"""The result of a workshop session as an assessment: `CLIENT_DIR/PERIOD.yaml`.

The assessment holds the respondents who joined, each vote and note by its author, and the
level the room agreed with its note (which takes precedence over the votes when scoring). It
is written by the same YAML writer as `readiness merge`, through an atomic write that never
replaces an existing period file unless the facilitator confirmed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.files import write_text_atomic
from readiness.load import Shelf
from readiness.merge import render_assessment
from readiness.model import NA, Assessment
from readiness.web.session import framework_of
from readiness.web.storage import SessionRow, Store


@dataclass(frozen=True)
class Exported:
    """What an export wrote."""

    path: Path
    respondents: int
    votes: int
    agreed: int


def session_assessment(store: Store, session: SessionRow) -> Assessment:
    """The assessment a session amounts to now."""
    spec = session.spec
    people = store.participants(session.code)
    votes = store.votes(session.code)
    agreed = store.agreed(session.code)
    answers: dict[str, dict[str, Any]] = {}
    for key in spec["questions"]:
        entry: dict[str, Any] = {}
        cast = [v for v in votes if v.question == key]
        if cast:
            entry["votes"] = {v.respondent: NA if v.value is None else v.value for v in cast}
            notes = {v.respondent: v.note for v in cast if v.note}
            if notes:
                entry["notes"] = notes
        if key in agreed:
            row = agreed[key]
            entry["level"] = NA if row.value is None else row.value
            if row.note:
                entry["note"] = row.note
        if entry:
            answers[key] = entry
    organization = {"name": spec["organization"]}
    if spec.get("industry"):
        organization["industry"] = spec["industry"]
    return Assessment.model_validate(
        {
            "framework": spec["framework"],
            "organization": organization,
            "period": spec["period"],
            "date": spec["created"],
            "assessor": spec["assessor"],
            "respondents": [
                {"id": p.respondent, "role": p.role, **({"name": p.name} if p.name else {})}
                for p in people
            ],
            "answers": answers,
        }
    )


def export_path(client_dir: Path, session: SessionRow) -> Path:
    """Where a session's assessment goes: `CLIENT_DIR/PERIOD.yaml`."""
    return client_dir / f"{session.spec['period']}.yaml"


def export_session(
    store: Store, session: SessionRow, client_dir: Path, shelf: Shelf, *, replace: bool = False
) -> Exported:
    """Write the session's assessment to `CLIENT_DIR/PERIOD.yaml`; raises `OutputExistsError`
    when that file exists and `replace` is not set."""
    assessment = session_assessment(store, session)
    framework = framework_of(session.spec, shelf)
    path = export_path(client_dir, session)
    write_text_atomic(path, render_assessment(assessment, framework), force=replace)
    return Exported(
        path,
        len(assessment.respondents),
        sum(len(a.votes) for a in assessment.answers.values()),
        sum(1 for a in assessment.answers.values() if a.level is not None or a.na),
    )
