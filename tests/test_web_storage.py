"""The workshop store on SQLite and on PostgreSQL: schema, migration, votes and agreed levels."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from readiness.errors import ReadinessError
from readiness.web.seats import (
    add_participant,
    answer_request,
    ask_for_seat,
    participants,
    remove_participant,
    request_id,
    seat_requests,
    waiting,
)
from readiness.web.storage import SCHEMA_VERSION, ParticipantRow, Progress, Store, database_url
from readiness.web.tables import token_digest

SPEC = {
    "created": "2027-01-15",
    "questions": ["data.inventory", "data.catalogue"],
    "named": False,
}


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
    with pytest.raises(ReadinessError, match="schema version 99; this readiness knows up to 3"):
        Store(store_url)


def test_votes_are_replaced_not_added(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    store.open("ABC234", "data.inventory", ["data.inventory"])
    add_participant(store, "ABC234", "t1", "CEO", None, lambda taken: "ceo")
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


def test_a_role_is_one_seat_and_ids_are_unique_within_a_session(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    first = add_participant(store, "ABC234", "t0", "CEO", None, lambda t: f"ceo-{len(t)}")
    again = add_participant(store, "ABC234", "t1", "CEO", None, lambda t: f"ceo-{len(t)}")
    other = add_participant(store, "ABC234", "t2", "ceo", None, lambda t: f"ceo-{len(t)}")
    assert first is not None and other is not None and again is None
    assert (first.respondent, other.respondent) == ("ceo-0", "ceo-1")
    found = store.member("t2", "ABC234")
    assert found is not None and found[1].respondent == "ceo-1"
    assert store.member("t1", "ABC234") is None  # the refused join holds no seat
    store.create_session("XYZ789", SPEC)
    assert store.member("t0", "XYZ789") is None  # a token opens its own session only


def test_a_seat_moves_with_its_votes_and_a_removed_participant_loses_them(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    add_participant(store, "ABC234", "old", "CEO", None, lambda t: "ceo")
    add_participant(store, "ABC234", "cfo", "CFO", None, lambda t: "cfo")
    store.open("ABC234", "data.inventory", ["data.inventory"])
    store.cast_vote("ABC234", "ceo", "data.inventory", 2, None)
    store.cast_vote("ABC234", "cfo", "data.inventory", 1, None)
    ask_for_seat(store, "ABC234", "new", "CEO", "Ann")
    ask_for_seat(store, "ABC234", "intruder", "CEO", None)
    assert waiting(store, "new", "ABC234") is not None
    asked = seat_requests(store, "ABC234")
    assert [r.id for r in asked] == [request_id(token_digest(t)) for t in ("new", "intruder")]
    assert all(r.id not in ("new", "intruder") for r in asked)
    assert not answer_request(store, "ABC234", "new", approve=True)  # a token is no id
    assert answer_request(store, "ABC234", asked[0].id, approve=True)
    assert answer_request(store, "ABC234", asked[1].id, approve=False)
    assert not answer_request(store, "ABC234", asked[1].id, approve=True)
    assert store.member("old", "ABC234") is None and store.member("intruder", "ABC234") is None
    moved = store.member("new", "ABC234")
    assert moved is not None and (moved[1].respondent, moved[1].name) == ("ceo", "Ann")
    assert {v.respondent for v in store.votes("ABC234")} == {"ceo", "cfo"}
    assert remove_participant(store, "ABC234", "cfo")
    assert not remove_participant(store, "ABC234", "cfo")
    assert [v.respondent for v in store.votes("ABC234")] == ["ceo"]
    assert [p.respondent for p in participants(store, "ABC234")] == ["ceo"]


def test_each_question_keeps_whether_it_was_opened_and_revealed(store: Store) -> None:
    store.create_session("ABC234", SPEC)
    first, second = SPEC["questions"][:2]
    store.open("ABC234", first, [first])
    store.reveal("ABC234")
    store.open("ABC234", "data", [second])
    session = store.session("ABC234")
    assert session is not None and session.opened == (second,) and not session.revealed
    assert store.progress("ABC234") == {
        first: Progress(open=False, revealed=True),
        second: Progress(open=True, revealed=False),
    }


def test_a_vote_is_written_only_while_its_question_takes_votes(store: Store) -> None:
    # The web handler checks before writing; the facilitator may reveal, move on or close in
    # between. The write itself refuses then, so a tally the room saw never changes.
    store.create_session("ABC234", SPEC)
    first, second = SPEC["questions"][:2]
    assert not store.cast_vote("ABC234", "ceo", first, 1, None)  # not opened yet
    store.open("ABC234", first, [first])
    assert store.cast_vote("ABC234", "ceo", first, 1, None)
    assert not store.cast_vote("ABC234", "cfo", second, 1, None)  # another question
    store.reveal("ABC234")
    assert not store.cast_vote("ABC234", "cfo", first, 4, "late")
    store.open("ABC234", first, [first])  # opened again: it takes votes again
    store.update_session("ABC234", closed=True)
    assert not store.cast_vote("ABC234", "cfo", first, 4, "late")
    assert [(v.respondent, v.value) for v in store.votes("ABC234")] == [("ceo", 1)]


def test_the_default_database_is_sqlite_in_wal_mode_in_the_client_folder(tmp_path: Path) -> None:
    url = database_url(tmp_path, None)
    assert url == f"sqlite:///{tmp_path.resolve() / 'workshop.sqlite3'}"
    opened = Store(url)
    with opened.engine.connect() as connection:
        assert connection.execute(sa.text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert connection.execute(sa.text("PRAGMA synchronous")).scalar_one() == 2  # FULL
        assert connection.execute(sa.text("PRAGMA secure_delete")).scalar_one() == 1
    opened.create_session("ABC234", SPEC)
    # The store and the files SQLite keeps beside it are for their owner's eyes only.
    files = sorted(tmp_path.glob("workshop.sqlite3*"))
    assert [p.name for p in files][:2] == ["workshop.sqlite3", "workshop.sqlite3-shm"]
    assert {p.stat().st_mode & 0o777 for p in files} == {0o600}
    opened.close()
    assert database_url(tmp_path, "postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_people_joining_at_once_get_distinct_ids(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from readiness.web.session import respondent_id

    store.create_session("ABC234", SPEC)
    roles = [f"Role {i % 8}" for i in range(24)]  # three phones for each of eight seats

    def join(i: int) -> ParticipantRow | None:
        return add_participant(
            store, "ABC234", f"t{i}", roles[i], None, lambda taken: respondent_id(roles[i], taken)
        )

    with ThreadPoolExecutor(8) as pool:
        rows = [r for r in pool.map(join, range(24)) if r is not None]
    ids = [r.respondent for r in rows]
    assert len(rows) == 8 and len(set(ids)) == 8
    assert sorted(p.respondent for p in participants(store, "ABC234")) == sorted(ids)


def test_the_same_join_twice_at_once_holds_one_seat(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.create_session("ABC234", SPEC)

    def join(_: int) -> ParticipantRow | None:
        return add_participant(store, "ABC234", "same", "CEO", None, lambda taken: "ceo")

    with ThreadPoolExecutor(4) as pool:
        rows = list(pool.map(join, range(4)))
    assert [r.respondent if r else None for r in rows] == ["ceo"] * 4
    assert add_participant(store, "ABC234", "other", "CEO", None, lambda t: "ceo-2") is None
    assert [p.digest for p in participants(store, "ABC234")] == [token_digest("same")]


def test_votes_cast_at_once_are_all_committed(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store.create_session("ABC234", SPEC)
    store.open("ABC234", "data", ["data.inventory"])
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

    monkeypatch.setattr(store.ballots, "write", broken)
    with pytest.raises(OSError, match="disk full"):
        store.cast_vote("ABC234", "r1", "data.inventory", 1, None)
    assert store.votes("ABC234") == []


def test_the_later_of_two_votes_in_one_batch_wins(store: Store) -> None:
    from readiness.web.ballots import PendingVote

    store.create_session("ABC234", SPEC)
    store.open("ABC234", "data.inventory", ["data.inventory"])
    store.ballots.write(
        [
            PendingVote("ABC234", "ceo", "data.inventory", 1, "first"),
            PendingVote("ABC234", "ceo", "data.inventory", 3, "second"),
        ]
    )
    assert [(v.value, v.note) for v in store.votes("ABC234")] == [(3, "second")]


def test_a_version_1_database_keeps_its_open_questions(tmp_path: Path) -> None:
    import json

    from readiness.web.tables import MIGRATIONS, meta, sessions

    url = database_url(tmp_path, None)
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        MIGRATIONS[0](connection)
        connection.execute(sa.insert(meta).values(key="schema_version", value="1"))
        connection.execute(
            sa.insert(sessions).values(
                code="ABC234",
                spec=json.dumps(SPEC),
                current="data",
                revealed=True,
                closed=False,
                version=3,
            )
        )
    engine.dispose()
    migrated = Store(url)
    session = migrated.session("ABC234")
    assert session is not None and session.opened == tuple(SPEC["questions"])
    assert all(
        p == Progress(open=True, revealed=True) for p in migrated.progress("ABC234").values()
    )
    migrated.close()
