"""The tables of the workshop store, and the steps that create and migrate them.

`meta` records the schema version; migration step n brings the schema from version n to n + 1
and runs once, in order, in the transaction that opens the store.

No token is kept in the clear (since version 3): the store holds the SHA-256 digest of each
participant's and facilitator's token (`token_digest`), so whoever reads the database (a
backup, a copied client folder) finds no value a browser could present. A plain digest is
enough: every token carries 192 random bits (`security.py`), too many to find one from its
digest by trying guesses, so a key would protect nothing more, and it would need a place
outside the store to live.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

SCHEMA_VERSION = 3

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


def _participants(tables: sa.MetaData, key: str) -> sa.Table:
    """Who joined which session; `key` names the column that holds their token's digest
    (`digest`; versions 1 and 2 kept the token itself, in `token`)."""
    return sa.Table(
        "participants",
        tables,
        sa.Column(key, sa.String(64), primary_key=True),
        sa.Column("session", sa.String(16), sa.ForeignKey("sessions.code"), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("joined", sa.Integer, nullable=False),
        sa.UniqueConstraint("session", "respondent"),
    )


def _requests(tables: sa.MetaData, key: str) -> sa.Table:
    """Phones asking for a seat another phone holds (version 2 on); `key` as in
    `_participants`."""
    return sa.Table(
        "requests",
        tables,
        sa.Column(key, sa.String(64), primary_key=True),
        sa.Column("session", sa.String(16), sa.ForeignKey("sessions.code"), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("asked", sa.Integer, nullable=False),
    )


participants = _participants(metadata, "digest")
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
requests = _requests(metadata, "digest")


# Version 3: the digests of the facilitator's tokens, one per server start (`meta` held the
# one token in the clear before).
facilitators = sa.Table(
    "facilitators",
    metadata,
    sa.Column("digest", sa.String(64), primary_key=True),
    # When the server that printed this token started (seconds since 1970).
    sa.Column("started", sa.Integer, nullable=False),
)


def token_digest(token: str) -> str:
    """What the store keeps of a token: its SHA-256 digest, in hex."""
    return hashlib.sha256(token.encode()).hexdigest()


# Versions 1 and 2 kept the tokens themselves, in a column `token`: the steps that create
# those versions create these shapes, which version 3 converts.
_in_clear = sa.MetaData()
sa.Table("sessions", _in_clear, sa.Column("code", sa.String(16), primary_key=True))
_participants_v1 = _participants(_in_clear, "token")
_requests_v2 = _requests(_in_clear, "token")


def _create_v1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[meta, sessions, votes, agreed])
    _participants_v1.create(connection)


def _create_v2(connection: Connection) -> None:
    progress.create(connection)
    _requests_v2.create(connection)
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


def _digest_tokens_v3(connection: Connection) -> None:
    """Replace every token the store kept in the clear by its digest: a phone's cookie and the
    facilitator's link and cookie of before go on working, since they are checked by digest."""
    for table in (participants, requests):
        connection.execute(sa.text(f"ALTER TABLE {table.name} RENAME COLUMN token TO digest"))
        for (token,) in connection.execute(sa.select(table.c.digest)).all():
            connection.execute(
                sa.update(table).where(table.c.digest == token).values(digest=token_digest(token))
            )
    facilitators.create(connection)
    clear = meta.c.key == "facilitator_token"
    token = connection.execute(sa.select(meta.c.value).where(clear)).scalar()
    if token is not None:
        connection.execute(
            sa.insert(facilitators).values(digest=token_digest(token), started=int(time.time()))
        )
        connection.execute(sa.delete(meta).where(clear))


# Migration step n brings the schema from version n to n + 1.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _create_v1,
    _create_v2,
    _digest_tokens_v3,
)
