"""Where a live workshop keeps its sessions: SQLite in the client folder, or PostgreSQL.

One code path for both through SQLAlchemy Core. The application creates the schema and
migrates it (`tables.py`). SQLite runs in WAL mode with full synchronous commits, so a vote
is on disk before the request that cast it is answered; a server killed mid-session restarts
with every acknowledged vote.

Tokens are kept as their digests only (`tables.token_digest`): the store takes a token as a
browser presents it and looks up or compares its digest, so nothing read from the database
opens a page. The facilitator's token is new at each server start (`add_facilitator`); the
store keeps the digests of those printed in the last seven days, so a cookie set before a
restart still works.

The store is synchronous; the web application calls it from a thread pool.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from readiness.errors import ReadinessError
from readiness.web.ballots import BallotBox, PendingVote
from readiness.web.tables import MIGRATIONS, SCHEMA_VERSION, token_digest
from readiness.web.tables import agreed as _agreed
from readiness.web.tables import facilitators as _facilitators
from readiness.web.tables import meta as _meta
from readiness.web.tables import participants as _participants
from readiness.web.tables import progress as _progress
from readiness.web.tables import sessions as _sessions
from readiness.web.tables import votes as _votes


@dataclass(frozen=True)
class SessionRow:
    """A session as stored: its settings (`spec`, a JSON object) and where it stands:
    `current` names what the facilitator opened last (a question key or a dimension id),
    `opened` the questions open to votes now, in the session's order."""

    code: str
    spec: dict[str, Any]
    current: str | None
    revealed: bool
    closed: bool
    version: int
    opened: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParticipantRow:
    """Someone who joined a session; `digest` is that of their token (`token_digest`)."""

    digest: str
    session: str
    respondent: str
    role: str
    name: str | None


@dataclass(frozen=True)
class Progress:
    """Where one question of a session stands: open to votes now, revealed at least once."""

    open: bool
    revealed: bool


@dataclass(frozen=True)
class VoteRow:
    """One participant's vote on one question; `value` None is n/a."""

    respondent: str
    question: str
    value: float | None
    note: str | None


@dataclass(frozen=True)
class AgreedRow:
    """The level the room agreed on a question; `value` None is n/a."""

    question: str
    value: float | None
    note: str | None


def database_url(client_dir: Path, database: str | None) -> str:
    """The database to use: the given URL, else `workshop.sqlite3` in the client folder."""
    if database:
        if database.startswith(("postgresql://", "postgres://")):
            return "postgresql+psycopg://" + database.split("://", 1)[1]
        return database
    return f"sqlite:///{(client_dir / 'workshop.sqlite3').resolve()}"


class Store:
    """The sessions of a workshop server and everything voted in them."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = _engine(url)
        # SQLite takes one writer at a time; writers queue on this lock instead of polling
        # the database's busy handler, which sleeps and makes votes wait far longer.
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if url.startswith("sqlite") else nullcontext()
        )
        self.ballots = BallotBox(self.writing)
        self._migrate()

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction, committed when the block ends."""
        with self._write_lock, self.engine.begin() as connection:
            yield connection

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def _migrate(self) -> None:
        with self.writing() as connection:
            if connection.dialect.name == "postgresql":
                # Two servers starting at once on one database migrate one after the other.
                connection.execute(sa.text("SELECT pg_advisory_xact_lock(1702)"))
            _meta.create(connection, checkfirst=True)
            row = connection.execute(
                sa.select(_meta.c.value).where(_meta.c.key == "schema_version")
            ).first()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise ReadinessError(
                    f"{self.url.split('@')[-1]}: the workshop database is schema version "
                    f"{version}; this readiness knows up to {SCHEMA_VERSION}: upgrade readiness"
                )
            for step in MIGRATIONS[version:]:
                step(connection)
            if version != SCHEMA_VERSION:
                connection.execute(sa.delete(_meta).where(_meta.c.key == "schema_version"))
                connection.execute(
                    sa.insert(_meta).values(key="schema_version", value=str(SCHEMA_VERSION))
                )

    def add_facilitator(self, token: str, started: int, forget_before: int) -> None:
        """Accept `token` as the facilitator's (a server that started at `started`, in seconds
        since 1970, prints it), and forget the tokens of servers started before
        `forget_before`."""
        with self.writing() as connection:
            connection.execute(
                sa.delete(_facilitators).where(_facilitators.c.started < forget_before)
            )
            connection.execute(
                sa.insert(_facilitators).values(digest=token_digest(token), started=started)
            )

    def facilitates(self, token: str) -> bool:
        """Whether `token` is a facilitator's token: its digest is compared with each one kept,
        in constant time."""
        digest = token_digest(token)
        with self.engine.connect() as connection:
            kept = connection.execute(sa.select(_facilitators.c.digest)).scalars().all()
        return any(hmac.compare_digest(digest, str(other)) for other in kept)

    def setting(self, key: str, make: Callable[[], str]) -> str:
        """A server setting, created with `make()` the first time it is asked for."""
        with self.writing() as connection:
            row = connection.execute(sa.select(_meta.c.value).where(_meta.c.key == key)).first()
            if row:
                return str(row[0])
            value = make()
            connection.execute(sa.insert(_meta).values(key=key, value=value))
            return value

    # --- sessions ---------------------------------------------------------------------------

    def create_session(self, code: str, spec: dict[str, Any]) -> None:
        """Store a new session under its join code."""
        with self.writing() as connection:
            connection.execute(
                sa.insert(_sessions).values(
                    code=code,
                    spec=json.dumps(spec, sort_keys=True),
                    current=None,
                    revealed=False,
                    closed=False,
                    version=0,
                )
            )

    def session(self, code: str) -> SessionRow | None:
        """The session with this join code."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(_sessions).where(_sessions.c.code == code)).first()
            return _session_row(connection, row) if row else None

    def sessions(self) -> list[SessionRow]:
        """Every session, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(_sessions)).all()
            found = [_session_row(connection, r) for r in rows]
        return sorted(found, key=lambda s: (s.spec["created"], s.code))

    def update_session(self, code: str, **changes: Any) -> None:
        """Change whether a session is closed; bumps its version so that live views refresh."""
        with self.writing() as connection:
            touch(connection, code, **changes)

    def open(self, code: str, label: str, keys: list[str]) -> None:
        """Open `keys` to votes (and close every other question of the session); `label` is
        what the facilitator opened: a question key or a dimension id."""
        with self.writing() as connection:
            connection.execute(
                sa.update(_progress).where(_progress.c.session == code).values(open=False)
            )
            known = {
                str(r[0])
                for r in connection.execute(
                    sa.select(_progress.c.question).where(_progress.c.session == code)
                )
            }
            for key in keys:
                if key in known:
                    connection.execute(
                        sa.update(_progress)
                        .where((_progress.c.session == code) & (_progress.c.question == key))
                        .values(open=True)
                    )
                else:
                    connection.execute(
                        sa.insert(_progress).values(
                            session=code, question=key, open=True, revealed=False
                        )
                    )
            touch(connection, code, current=label, revealed=False)

    def reveal(self, code: str) -> None:
        """Reveal the votes on the open questions; they take no more votes."""
        with self.writing() as connection:
            connection.execute(
                sa.update(_progress)
                .where((_progress.c.session == code) & _progress.c.open)
                .values(revealed=True)
            )
            touch(connection, code, revealed=True)

    def progress(self, code: str) -> dict[str, Progress]:
        """Where each question of a session that was ever opened stands, by question."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(_progress).where(_progress.c.session == code))
            return {r.question: Progress(bool(r.open), bool(r.revealed)) for r in rows}

    # --- participants -----------------------------------------------------------------------

    def member(self, token: str, session: str) -> tuple[SessionRow, ParticipantRow] | None:
        """The session and the participant holding this token, when they joined that session
        (one query: every vote asks it)."""
        digest = token_digest(token)
        # Looked up by digest with the database's equality, which is not constant-time: its
        # timing tells a guesser at most how much of a kept digest the digest of their guess
        # matches, which brings them no nearer to a token: a page asks for the token itself,
        # and no token can be found from its digest.
        query = (
            sa.select(
                _sessions, _participants.c.respondent, _participants.c.role, _participants.c.name
            )
            .join(_participants, _participants.c.session == _sessions.c.code)
            .where((_participants.c.digest == digest) & (_sessions.c.code == session))
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
            if row is None:
                return None
            found = _session_row(connection, row)
        return found, ParticipantRow(digest, session, row.respondent, row.role, row.name)

    # --- votes and agreed levels ------------------------------------------------------------

    def cast_vote(
        self, session: str, respondent: str, question: str, value: float | None, note: str | None
    ) -> bool:
        """Store (or replace) a vote; it is committed when this returns True. False, storing
        nothing, when the question takes no votes by the time the vote is written (revealed,
        no longer open, or its session closed). Votes cast at the same moment are committed
        together (`ballots.py`)."""
        return self.ballots.cast(PendingVote(session, respondent, question, value, note))

    def votes(self, session: str, question: str | None = None) -> list[VoteRow]:
        """The votes of a session (of one question when given)."""
        query = sa.select(_votes).where(_votes.c.session == session)
        if question is not None:
            query = query.where(_votes.c.question == question)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(_votes.c.question, _votes.c.respondent)).all()
        return [VoteRow(r.respondent, r.question, r.value, r.note) for r in rows]

    def vote_count(self, session: str, question: str) -> int:
        """How many participants voted on a question."""
        with self.engine.connect() as connection:
            return int(
                connection.execute(
                    sa.select(sa.func.count()).where(
                        (_votes.c.session == session) & (_votes.c.question == question)
                    )
                ).scalar_one()
            )

    def agree(self, session: str, question: str, value: float | None, note: str | None) -> None:
        """Record (or replace) the level the room agreed on a question."""
        with self.writing() as connection:
            key = (_agreed.c.session == session) & (_agreed.c.question == question)
            connection.execute(sa.delete(_agreed).where(key))
            connection.execute(
                sa.insert(_agreed).values(
                    session=session, question=question, value=value, note=note
                )
            )
            touch(connection, session)

    def agreed(self, session: str) -> dict[str, AgreedRow]:
        """The agreed levels of a session by question."""
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(_agreed).where(_agreed.c.session == session)).all()
        return {r.question: AgreedRow(r.question, r.value, r.note) for r in rows}


def touch(connection: Connection, code: str, **changes: Any) -> None:
    """Apply `changes` to a session and bump its version, so that live views refresh."""
    connection.execute(
        sa.update(_sessions)
        .where(_sessions.c.code == code)
        .values(**changes, version=_sessions.c.version + 1)
    )


def _session_row(connection: Connection, row: Any) -> SessionRow:
    spec = json.loads(row.spec)
    opened = {
        str(r[0])
        for r in connection.execute(
            sa.select(_progress.c.question).where(
                (_progress.c.session == row.code) & _progress.c.open
            )
        )
    }
    return SessionRow(
        row.code,
        spec,
        row.current,
        bool(row.revealed),
        bool(row.closed),
        row.version,
        tuple(k for k in spec["questions"] if k in opened),
    )


def _engine(url: str) -> Engine:
    # `hide_parameters`: a failed statement's message, which the server's log shows, leaves
    # out the values it carried (a digest, a note someone typed).
    if not url.startswith("sqlite"):
        return sa.create_engine(
            url, pool_size=10, max_overflow=20, pool_pre_ping=True, hide_parameters=True
        )
    _create_private(sa.engine.make_url(url).database)
    engine = sa.create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # What is deleted or replaced is overwritten in the file, not left in its free pages:
        # a removed participant's notes, the tokens a version before 3 kept in the clear.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return engine


def _create_private(path: str | None) -> None:
    """Create a new SQLite file readable and writable by its owner only (SQLite gives the
    files it keeps beside it, `-wal` and `-shm`, the same mode); a file that exists keeps its
    mode, and one that cannot be made is left for SQLite to report."""
    if not path or path == ":memory:":
        return
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
