"""How votes reach the workshop store: votes cast at the same moment are written together
(group commit), each only while its question takes votes.

A room voting at once costs one transaction and one disk flush instead of one per person.
The transaction that writes a batch first reads which questions take votes now (open, not
revealed, session not closed): the web handler checked before, but the facilitator may have
revealed in between, and a vote let in then would change a tally the room has seen.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from readiness.web.tables import progress as _progress
from readiness.web.tables import sessions as _sessions
from readiness.web.tables import votes as _votes


@dataclass
class PendingVote:
    """A vote waiting for the group commit that stores it; `stored` says whether it was."""

    session: str
    respondent: str
    question: str
    value: float | None
    note: str | None
    done: bool = False
    stored: bool = False
    error: BaseException | None = None


class BallotBox:
    """Writes votes through `writing` (a write transaction of the store), in groups."""

    def __init__(self, writing: Callable[[], AbstractContextManager[Connection]]) -> None:
        self.writing = writing
        self._pending: list[PendingVote] = []
        self._committing = False
        self._ready = threading.Condition()

    def cast(self, vote: PendingVote) -> bool:
        """Store (or replace) a vote; True once committed, False when its question took no
        votes by the time it was written. The first caller writes every vote waiting at that
        point in one transaction; the others wait for it."""
        with self._ready:
            self._pending.append(vote)
            while not vote.done:
                if self._committing:
                    self._ready.wait()
                    continue
                self._committing = True
                batch, self._pending = self._pending, []
                self._ready.release()
                error: BaseException | None = None
                try:
                    self.write(batch)
                except BaseException as failure:
                    error = failure
                finally:
                    self._ready.acquire()
                    for item in batch:
                        item.done, item.error = True, error
                    self._committing = False
                    self._ready.notify_all()
        if vote.error is not None:
            raise vote.error
        return vote.stored

    def write(self, batch: list[PendingVote]) -> None:
        """Upsert the votes of a batch whose questions take votes, in one statement (the
        later of two votes by one person on one question wins, as it would one after the
        other), in the transaction that checks them."""
        with self.writing() as connection:
            taking = _taking_votes(connection, {item.session for item in batch})
            stored = [item for item in batch if (item.session, item.question) in taking]
            if stored:
                connection.execute(_upsert(connection), _rows(stored))
        for item in stored:
            item.stored = True


def _taking_votes(connection: Connection, codes: set[str]) -> set[tuple[str, str]]:
    """The (session, question) pairs of these sessions that take votes now. The sessions'
    rows stay locked until the transaction ends (PostgreSQL; SQLite has one writer), so a
    reveal cannot come between this check and the votes it lets in."""
    query = (
        sa.select(_progress.c.session, _progress.c.question)
        .join(_sessions, _sessions.c.code == _progress.c.session)
        .where(_progress.c.session.in_(codes) & _progress.c.open)
        .where(sa.not_(_sessions.c.revealed) & sa.not_(_sessions.c.closed))
        .with_for_update(read=True, of=_sessions)
    )
    return {(str(r[0]), str(r[1])) for r in connection.execute(query)}


def _upsert(connection: Connection) -> Any:
    """Insert a vote, or replace the vote its author cast on that question before."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(_votes)
    return statement.on_conflict_do_update(
        index_elements=[_votes.c.session, _votes.c.respondent, _votes.c.question],
        set_={"value": statement.excluded.value, "note": statement.excluded.note},
    )


def _rows(batch: list[PendingVote]) -> list[dict[str, Any]]:
    """The rows of a batch of votes; of two votes by one person on one question, the later."""
    rows = {
        (item.session, item.respondent, item.question): {
            "session": item.session,
            "respondent": item.respondent,
            "question": item.question,
            "value": item.value,
            "note": item.note,
        }
        for item in batch
    }
    return list(rows.values())
