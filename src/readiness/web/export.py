"""The result of a workshop session as an assessment: `CLIENT_DIR/PERIOD.yaml`.

The assessment holds the respondents who joined, each vote and note by its author, and the
level the room agreed with its note (which takes precedence over the votes when scoring). In
an anonymous session no role reaches the file: the respondents are `r1`, `r2`, ... numbered in
the order of the digests of their secret tokens (all the store keeps of a token, and the order
the tokens themselves gave before the store kept digests only), each with the role
"Anonymous participant".

What the roadmap needs and a workshop does not ask (the target, the team, the capacity and
the statuses of initiatives) is carried over from the newest period file up to the session's
period, read as `readiness init --from` reads it. The file is written by the same YAML writer
as `readiness merge`, through an atomic write that never replaces an existing period file
unless the facilitator confirmed it, and then keeps the replaced file beside it as a backup.
A file this session's last export wrote, unchanged since (the store keeps its path and the
SHA-256 digest of its text), is the session's own: exporting again replaces it without asking.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from readiness.blank import read_carried
from readiness.errors import ReadinessError
from readiness.files import back_up, write_text_atomic
from readiness.load import Shelf
from readiness.merge import render_assessment
from readiness.model import NA, Assessment
from readiness.web.seats import participants
from readiness.web.session import framework_of, period_files
from readiness.web.storage import SessionRow, Store
from readiness.web.tables import meta as _meta

ANONYMOUS_ROLE = "Anonymous participant"
# The roadmap settings an export carries over, and how the confirm step names them.
CARRIED = {
    "target": "target",
    "team": "team",
    "capacity": "capacity",
    "initiatives": "initiative statuses",
}


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the file, its counts, the backup of the file it replaced and
    what was carried over (and from which file)."""

    path: Path
    respondents: int
    votes: int
    agreed: int
    backup: Path | None = None
    carried: str | None = None  # what was carried over, from which file, in words
    since: str | None = None  # what changed since the session's last export it replaced


def session_assessment(
    store: Store, session: SessionRow, earlier: Assessment | None = None
) -> Assessment:
    """The assessment a session amounts to now, with the roadmap settings of `earlier`."""
    spec = session.spec
    people = participants(store, session.code)
    if spec["named"]:
        ids = {p.respondent: p.respondent for p in people}
        respondents = [
            {"id": p.respondent, "role": p.role, **({"name": p.name} if p.name else {})}
            for p in people
        ]
    else:
        drawn = sorted(people, key=lambda p: p.digest)
        ids = {p.respondent: f"r{n}" for n, p in enumerate(drawn, 1)}
        respondents = [{"id": f"r{n}", "role": ANONYMOUS_ROLE} for n in range(1, len(drawn) + 1)]
    votes = [v for v in store.votes(session.code) if v.respondent in ids]
    agreed = store.agreed(session.code)
    answers: dict[str, dict[str, Any]] = {}
    for key in spec["questions"]:
        entry: dict[str, Any] = {}
        cast = sorted((ids[v.respondent], v) for v in votes if v.question == key)
        if cast:
            entry["votes"] = {who: NA if v.value is None else v.value for who, v in cast}
            notes = {who: v.note for who, v in cast if v.note}
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
    settings = {}
    if earlier is not None:
        settings = earlier.model_dump(include=set(CARRIED), exclude_defaults=True)
    return Assessment.model_validate(
        {
            "framework": spec["framework"],
            "organization": organization,
            "period": spec["period"],
            "date": spec["created"],
            "assessor": spec["assessor"],
            **settings,
            "respondents": respondents,
            "answers": answers,
        }
    )


def export_path(client_dir: Path, session: SessionRow) -> Path:
    """Where a session's assessment goes: `CLIENT_DIR/PERIOD.yaml`."""
    return client_dir / f"{session.spec['period']}.yaml"


def carried_from(client_dir: Path, period: str, shelf: Shelf) -> tuple[Assessment, str] | None:
    """The newest readable period file up to `period` (that period's own file included) and
    its name, whose roadmap settings the export carries over."""
    for path in reversed(period_files(client_dir)):
        if path.stem <= period:
            try:
                return read_carried(client_dir, path, shelf=shelf).assessment, path.name
            except ReadinessError:
                continue
    return None


def replace_summary(path: Path, shelf: Shelf) -> str:
    """What replacing the period file at `path` changes, in one sentence for the confirm step."""
    try:
        held = read_carried(path.parent, path, shelf=shelf).assessment
    except ReadinessError:
        return f"{path.name} cannot be read as an assessment; it is kept as a backup beside it."
    kept = [CARRIED[f] for f in CARRIED if getattr(held, f)]
    count = len(held.answers)
    parts = [f"answers to {count} {'question' if count == 1 else 'questions'}"]
    if held.initiatives:
        parts.append(f"{len(held.initiatives)} initiative statuses")
    parts += [f for f in ("target", "team", "capacity") if getattr(held, f)]
    return (
        f"It holds {', '.join(parts)}. The export replaces its answers with those of the "
        "workshop"
        + (f", keeps its {', '.join(kept)}" if kept else "")
        + f", and saves the file as it is now as {path.name}.bak-<date and time> beside it."
    )


def export_session(
    store: Store, session: SessionRow, client_dir: Path, shelf: Shelf, *, replace: bool = False
) -> Exported:
    """Write the session's assessment to `CLIENT_DIR/PERIOD.yaml`; raises `OutputExistsError`
    when that file exists and `replace` is not set, and with `replace` keeps the old file as
    `PERIOD.yaml.bak-YYYYMMDDTHHMMSS` beside it; `OutputError` when either cannot be written."""
    path = export_path(client_dir, session)
    earlier = carried_from(client_dir, session.spec["period"], shelf)
    assessment = session_assessment(store, session, earlier[0] if earlier else None)
    text = render_assessment(assessment, framework_of(session.spec, shelf))
    votes = sum(len(a.votes) for a in assessment.answers.values())
    agreed = sum(1 for a in assessment.answers.values() if a.level is not None or a.na)
    last = own_export(store, session, path)
    backup = None
    if replace and last is None and path.exists():
        backup = back_up(path, dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S"))
    write_text_atomic(path, text, force=replace or last is not None)
    record = {"path": str(path.resolve()), "digest": _digest(text), "votes": votes}
    with store.writing() as connection:
        key = _meta.c.key == _export_key(session)
        connection.execute(sa.delete(_meta).where(key))
        connection.execute(
            sa.insert(_meta).values(
                key=_export_key(session), value=json.dumps({**record, "agreed": agreed})
            )
        )
    return Exported(
        path,
        len(assessment.respondents),
        votes,
        agreed,
        backup,
        _carried_text(assessment, earlier[1]) if earlier else None,
        _since(last, votes, agreed) if last is not None else None,
    )


def own_export(store: Store, session: SessionRow, path: Path) -> dict[str, Any] | None:
    """What the session's last export wrote (its path, digest and counts) when `path` is that
    file, unchanged since; None when the file is not there, was changed, or came from
    elsewhere."""
    with store.engine.connect() as connection:
        kept = connection.execute(
            sa.select(_meta.c.value).where(_meta.c.key == _export_key(session))
        ).scalar()
    if kept is None:
        return None
    last: dict[str, Any] = json.loads(kept)
    try:
        same = last["path"] == str(path.resolve()) and _digest(path.read_bytes()) == last["digest"]
    except OSError:
        return None
    return last if same else None


def _export_key(session: SessionRow) -> str:
    return f"export:{session.code}"


def _digest(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def _since(last: dict[str, Any], votes: int, agreed: int) -> str:
    """What changed since the last export, in words: '2 more votes, 1 more agreed level'."""
    changes = []
    for now, then, unit in (
        (votes, last["votes"], "vote"),
        (agreed, last["agreed"], "agreed level"),
    ):
        if now != then:
            more = "more" if now > then else "fewer"
            changes.append(f"{abs(now - then)} {more} {unit}{'' if abs(now - then) == 1 else 's'}")
    return ", ".join(changes) + " than" if changes else "no change since"


def _carried_text(assessment: Assessment, source: str) -> str | None:
    """What an export carried over, and from where: 'target, team and 8 initiative statuses
    from 2026-Q4.yaml'; None when the earlier file set none of them."""
    parts = [f for f in ("target", "team", "capacity") if getattr(assessment, f)]
    if assessment.initiatives:
        parts.append(f"{len(assessment.initiatives)} initiative statuses")
    if not parts:
        return None
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"{listed} from {source}"
