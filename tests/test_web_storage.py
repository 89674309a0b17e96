"""The workshop store on SQLite and on PostgreSQL: schema, migration, votes and agreed levels."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from readiness.errors import ReadinessError
from readiness.web.storage import SCHEMA_VERSION, Store, database_url

SPEC = {"created": "2027-01-15", "questions": ["data.inventory"], "named": False}


def test_schema_is_created_and_versioned_once(store_url: str) -> None:
    first = Store(store_url)
    first.create_session("ABC234", SPEC)
    first.close()
    again = Store(store_url)  # a restart migrates nothing and keeps the data
    with again.engine.connect() as connection:
        version = connection.execute(sa.text("SELECT value FROM meta WHERE key = 'schema_version'"))
        assert version.scalar_one() == str(SCHEMA_VERSION)
    assert [s.code for s in again.sessions()] == ["ABC234"]
    again.close()


def test_a_newer_schema_is_refused(store_url: str) -> None:
    Store(store_url).close()
    engine = sa.create_engine(Store(store_url).url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(ReadinessError, match="schema version 99; this readiness knows up to 1"):
        Store(store_url)


def test_votes_are_replaced_not_added(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    store.add_participant("ABC234", "t1", "CEO", None, lambda taken: "ceo")
    store.cast_vote("ABC234", "ceo", "data.inventory", 1, "first")
    store.cast_vote("ABC234", "ceo", "data.inventory", None, None)
    votes = store.votes("ABC234")
    assert [(v.respondent, v.value, v.note) for v in votes] == [("ceo", None, None)]
    assert store.vote_count("ABC234", "data.inventory") == 1


def test_agreed_levels_and_versions(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    before = store.session("ABC234")
    store.agree("ABC234", "data.inventory", 2, "after debate")
    store.agree("ABC234", "data.inventory", 3, None)
    after = store.session("ABC234")
    assert before is not None and after is not None and after.version > before.version
    assert store.agreed("ABC234")["data.inventory"].value == 3


def test_participant_ids_are_unique_within_a_session(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    ids = [
        store.add_participant("ABC234", f"t{i}", "CEO", None, lambda t: f"ceo-{len(t)}").respondent
        for i in range(3)
    ]
    assert ids == ["ceo-0", "ceo-1", "ceo-2"]
    found = store.member("t1", "ABC234")
    assert found is not None and found[1].respondent == "ceo-1"
    assert store.member("nope", "ABC234") is None
    store.create_session("XYZ789", SPEC)
    assert store.member("t1", "XYZ789") is None  # a token opens its own session only


def test_the_default_database_is_sqlite_in_wal_mode_in_the_client_folder(tmp_path: Path) -> None:
    url = database_url(tmp_path, None)
    assert url == f"sqlite:///{tmp_path.resolve() / 'workshop.sqlite3'}"
    opened = Store(url)
    with opened.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(sa.text("PRAGMA synchronous")).scalar_one() == 2  # FULL
    opened.close()
    assert database_url(tmp_path, "postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_people_joining_at_once_get_distinct_ids(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from readiness.web.session import respondent_id

    store.create_session("ABC234", SPEC)
    with ThreadPoolExecutor(8) as pool:
        rows = list(
            pool.map(
                lambda i: store.add_participant(
                    "ABC234", f"t{i}", "CEO", None, lambda taken: respondent_id("CEO", taken)
                ),
                range(24),
            )
        )
    ids = [r.respondent for r in rows]
    assert len(set(ids)) == 24
    assert sorted(p.respondent for p in store.participants("ABC234")) == sorted(ids)


def test_votes_cast_at_once_are_all_committed(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.create_session("ABC234", SPEC)
    with ThreadPoolExecutor(16) as pool:
        list(
            pool.map(
                lambda i: store.cast_vote("ABC234", f"r{i}", "data.inventory", i % 5, f"n{i}"),
                range(80),
            )
        )
    stored = {v.respondent: (v.value, v.note) for v in store.votes("ABC234")}
    assert stored == {f"r{i}": (i % 5, f"n{i}") for i in range(80)}


def test_a_failed_group_commit_reaches_every_caller(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_batch: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store, "_write_votes", broken)
    with pytest.raises(OSError, match="disk full"):
        store.cast_vote("ABC234", "r1", "data.inventory", 1, None)
    assert store.votes("ABC234") == []


def test_the_later_of_two_votes_in_one_batch_wins(store: Store) -> None:
    from readiness.web.storage import VoteRow, _PendingVote

    store.create_session("ABC234", SPEC)
    store._write_votes(
        [
            _PendingVote("ABC234", VoteRow("ceo", "data.inventory", 1, "first")),
            _PendingVote("ABC234", VoteRow("ceo", "data.inventory", 3, "second")),
        ]
    )
    assert [(v.value, v.note) for v in store.votes("ABC234")] == [(3, "second")]
