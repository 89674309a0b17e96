"""The tables of the workshop store, and the steps that create and migrate them.

`meta` records the schema version; migration step n brings the schema from version n to n + 1
and runs once, in order, in the transaction that opens the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 2

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("code", sa.String(16), primary_key=True),
    sa.Column("spec", sa.Text, nullable=False),
    sa.Column("current", sa.String(200)),
    sa.Column("revealed", sa.Boolean, nullable=False, default=False),
    sa.Column("closed", sa.Boolean, nullable=False, default=False),
    sa.Column("version", sa.Integer, nullable=False, default=0),
)
participants = sa.Table(
    "participants",
    metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("session", sa.String(16), sa.ForeignKey("sessions.code"), nullable=False),
    sa.Column("respondent", sa.String(64), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("name", sa.String(200)),
    sa.Column("joined", sa.Integer, nullable=False),
    sa.UniqueConstraint("session", "respondent"),
)
votes = sa.Table(
    "votes",
    metadata,
    sa.Column("session", sa.String(16), primary_key=True),
    sa.Column("respondent", sa.String(64), primary_key=True),
    sa.Column("question", sa.String(200), primary_key=True),
    sa.Column("value", sa.Float),
    sa.Column("note", sa.Text),
)
agreed = sa.Table(
    "agreed",
    metadata,
    sa.Column("session", sa.String(16), primary_key=True),
    sa.Column("question", sa.String(200), primary_key=True),
    sa.Column("value", sa.Float),
    sa.Column("note", sa.Text),
)


# Version 2: where each question stands (`progress`), and phones asking to take a seat that
# another phone holds (`requests`).
progress = sa.Table(
    "progress",
    metadata,
    sa.Column("session", sa.String(16), primary_key=True),
    sa.Column("question", sa.String(200), primary_key=True),
    # Open to votes now (one question, or the questions of a dimension opened together).
    sa.Column("open", sa.Boolean, nullable=False),
    # Its votes were shown to the room at least once.
    sa.Column("revealed", sa.Boolean, nullable=False),
)
requests = sa.Table(
    "requests",
    metadata,
    sa.Column("token", sa.String(64), primary_key=True),
    sa.Column("session", sa.String(16), sa.ForeignKey("sessions.code"), nullable=False),
    sa.Column("role", sa.String(200), nullable=False),
    sa.Column("name", sa.String(200)),
    sa.Column("asked", sa.Integer, nullable=False),
)


def _create_v1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[meta, sessions, participants, votes, agreed])


def _create_v2(connection: Connection) -> None:
    progress.create(connection)
    requests.create(connection)
    # A session of version 1 had its open question(s) in `current` only.
    for code, spec, current, revealed in connection.execute(
        sa.select(sessions.c.code, sessions.c.spec, sessions.c.current, sessions.c.revealed)
    ):
        keys = json.loads(spec)["questions"]
        for key in [k for k in keys if current and (k == current or k.split(".")[0] == current)]:
            connection.execute(
                sa.insert(progress).values(
                    session=code, question=key, open=True, revealed=bool(revealed)
                )
            )


# Migration step n brings the schema from version n to n + 1.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_v1, _create_v2)
