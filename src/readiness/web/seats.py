"""The seats of a workshop session: one participant per role.

A role is a seat. The first phone to join with a role takes it; a second phone asking for it
waits until the facilitator approves (the seat, with its votes, moves to the new phone) or
refuses. The facilitator can remove a participant, which drops their votes and frees the seat.

A phone's token reaches these functions as the browser sent it; the store keeps, and looks
up, its digest only (`tables.token_digest`).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from readiness.web.storage import ParticipantRow, Store, touch
from readiness.web.tables import participants as _participants
from readiness.web.tables import requests as _requests
from readiness.web.tables import token_digest
from readiness.web.tables import votes as _votes


def add_participant(
    store: Store,
    session: str,
    token: str,
    role: str,
    name: str | None,
    make_id: Callable[[set[str]], str],
) -> ParticipantRow | None:
    """Give a participant the seat of their role (the seat they hold already when `token`
    holds it); None when another participant holds it. `make_id` picks a respondent id not
    among those taken.

    Two people joining at the same moment may pick the same id; the second insert then
    fails on the unique key and is tried again with the seats taken now."""
    for _attempt in range(50):
        try:
            respondent = _add_participant(store, session, token, role, name, make_id)
        except sa.exc.IntegrityError:
            continue
        if respondent is None:
            return None
        return ParticipantRow(token_digest(token), session, respondent, role, name)
    raise RuntimeError(f"could not add a participant to session {session}")


def _add_participant(
    store: Store,
    session: str,
    token: str,
    role: str,
    name: str | None,
    make_id: Callable[[set[str]], str],
) -> str | None:
    digest = token_digest(token)
    with store.writing() as connection:
        seats = connection.execute(
            sa.select(
                _participants.c.respondent, _participants.c.role, _participants.c.digest
            ).where(_participants.c.session == session)
        ).all()
        holder = next((r for r in seats if r.role == role), None)
        if holder is not None:  # the seat is this token's when the same join came twice
            mine = hmac.compare_digest(str(holder.digest), digest)
            return str(holder.respondent) if mine else None
        respondent = make_id({str(r.respondent) for r in seats})
        connection.execute(
            sa.insert(_participants).values(
                digest=digest,
                session=session,
                respondent=respondent,
                role=role,
                name=name,
                joined=len(seats),
            )
        )
        touch(connection, session)
    return respondent


def ask_for_seat(store: Store, session: str, token: str, role: str, name: str | None) -> None:
    """Record that a phone asks for the seat of `role`, which another phone holds; asking
    again (the same request sent twice) keeps the one request."""
    digest = token_digest(token)
    try:
        with store.writing() as connection:
            key = (_requests.c.session == session) & (_requests.c.digest == digest)
            if connection.execute(sa.select(_requests.c.digest).where(key)).first():
                return
            asked = connection.execute(
                sa.select(sa.func.count()).where(_requests.c.session == session)
            ).scalar_one()
            connection.execute(
                sa.insert(_requests).values(
                    digest=digest, session=session, role=role, name=name, asked=int(asked)
                )
            )
            touch(connection, session)
    except sa.exc.IntegrityError:
        pass  # the same request, inserted at the same moment by its twin


@dataclass(frozen=True)
class SeatRequest:
    """A phone asking for a taken seat, as the facilitator's page shows it: `id` names it in
    the approve and refuse forms; no page carries the phone's token, its secret (the store
    keeps only its digest)."""

    id: str
    role: str
    name: str | None


def request_id(digest: str) -> str:
    """The public name of the seat request made by the token with this digest (nothing to
    learn the digest from, and unrelated to the order drawn from digests for an anonymous
    export)."""
    return hashlib.sha256(f"seat request\n{digest}".encode()).hexdigest()[:20]


def seat_requests(store: Store, session: str) -> list[SeatRequest]:
    """The phones waiting for the facilitator to give them a taken seat, oldest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.select(_requests)
            .where(_requests.c.session == session)
            .order_by(_requests.c.asked, _requests.c.digest)
        ).all()
    return [SeatRequest(request_id(r.digest), r.role, r.name) for r in rows]


def answer_request(store: Store, session: str, request: str, *, approve: bool) -> bool:
    """Approve (the seat of the request's role moves to its phone, with its votes) or
    refuse the seat request whose id is `request`; False when there is no such request."""
    with store.writing() as connection:
        rows = connection.execute(sa.select(_requests).where(_requests.c.session == session))
        row = next((r for r in rows if request_id(r.digest) == request), None)
        if row is None:
            return False
        digest = row.digest
        connection.execute(
            sa.delete(_requests).where(
                (_requests.c.session == session) & (_requests.c.digest == digest)
            )
        )
        if approve:
            values: dict[str, Any] = {"digest": digest}
            if row.name:
                values["name"] = row.name
            connection.execute(
                sa.update(_participants)
                .where((_participants.c.session == session) & (_participants.c.role == row.role))
                .values(**values)
            )
        touch(connection, session)
    return True


def remove_participant(store: Store, session: str, respondent: str) -> bool:
    """Drop a participant and every vote they cast; their seat is free again. False when
    there is no such participant."""
    with store.writing() as connection:
        gone = connection.execute(
            sa.delete(_participants).where(
                (_participants.c.session == session) & (_participants.c.respondent == respondent)
            )
        ).rowcount
        connection.execute(
            sa.delete(_votes).where(
                (_votes.c.session == session) & (_votes.c.respondent == respondent)
            )
        )
        touch(connection, session)
    return bool(gone)


def waiting(store: Store, token: str, session: str) -> ParticipantRow | None:
    """The seat request this token made in this session, while it waits."""
    digest = token_digest(token)
    with store.engine.connect() as connection:
        row = connection.execute(
            sa.select(_requests).where(
                (_requests.c.digest == digest) & (_requests.c.session == session)
            )
        ).first()
    return ParticipantRow(digest, session, "", row.role, row.name) if row else None


def participants(store: Store, session: str) -> list[ParticipantRow]:
    """Everyone who joined a session, in the order they joined."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.select(_participants)
            .where(_participants.c.session == session)
            .order_by(_participants.c.joined, _participants.c.respondent)
        ).all()
    return [ParticipantRow(r.digest, r.session, r.respondent, r.role, r.name) for r in rows]
