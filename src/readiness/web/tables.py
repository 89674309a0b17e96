"""The tables of the workshop store, and the steps that create and migrate them.

`meta` records the schema version; migration step n brings the schema from version n to n + 1
and runs once, in order, in the transaction that opens the store.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 1

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


def _create_v1(connection: Connection) -> None:
    # The tables as declared above are version 1. A later version changes them through a new
    # step (ALTER TABLE ...) and this step then creates the version-1 tables explicitly.
    metadata.create_all(connection)


# Migration step n brings the schema from version n to n + 1.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_create_v1,)
