"""Tokens at rest: the store keeps digests only, a store of the version before converts its
tokens and its sessions go on, and nothing read from a store opens a page."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from readiness.web.security import COOKIE_SECONDS
from readiness.web.state import Workshop
from readiness.web.storage import Store, database_url
from readiness.web.tables import MIGRATIONS, meta, token_digest
from readiness.web.tables import metadata as tables
from web_helpers import TODAY, Browser, client_folder, open_room

# A store written by readiness at schema version 2 (`make_v2.py` beside it tells how), and
# the cookies its browsers held then.
OLD = Path(__file__).parent / "fixtures" / "workshop-store"


def _stored_text(store: Store) -> str:
    """Every value of every table of the store, as text."""
    with store.engine.connect() as connection:
        return repr([connection.execute(sa.select(t)).all() for t in tables.sorted_tables])


def _with_cookies(state: Workshop, **cookies: str) -> Browser:
    browser = Browser(state)
    for name, value in cookies.items():
        browser.http.cookies.set(f"readiness_{name}", value)
    browser.csrf = cookies.get("csrf", "")
    return browser


def test_a_version_2_store_converts_its_tokens_and_its_session_goes_on(tmp_path: Path) -> None:
    folder = client_folder(tmp_path)
    with sqlite3.connect(folder / "workshop.sqlite3") as connection:
        connection.executescript((OLD / "v2-store.sql").read_text())
    connection.close()
    old = json.loads((OLD / "v2-secrets.json").read_text())
    code, question = old["code"], old["questions"][0]
    store = Store(database_url(folder, None))
    state = Workshop(store, folder, "http://testserver", today=lambda: TODAY)
    phones = {
        role: _with_cookies(state, participant=held["participant"], csrf=held["csrf"])
        for role, held in old["phones"].items()
    }
    for role in ("CEO", "CDO", "CFO"):  # each phone's cookie opens its seat, as before
        assert f'class="seat-role">{role}<' in phones[role].get(f"/s/{code}").text
    voted = phones["CEO"].vote(code, question, "3", "CEO said so")
    assert "Saved: <strong>" in voted.text
    assert "Waiting for the facilitator" in phones["asking CFO"].get(f"/s/{code}").text
    # The facilitator's cookie of before opens the session page; so does the link.
    facilitator = _with_cookies(state, facilitator=old["facilitator"])
    page = facilitator.get(f"/facilitate/{code}")
    assert page.status_code == 200 and "asks to take the seat" in page.text
    assert Browser(state).get(f"/facilitate?token={old['facilitator']}").status_code == 200
    # An anonymous export numbers the respondents as the version before did.
    exported = facilitator.post(f"/facilitate/{code}/export", {})
    assert "Exported" in exported.text
    notes = (folder / "2027-Q1.yaml").read_text()
    assert dict(re.findall(r"^\s+(r\d): (\w+) said so$", notes, re.M)) == old["exported_roles"]
    request = re.findall(r'name="request" value="([^"]+)"', page.text)[0]
    facilitator.post(f"/facilitate/{code}/approve", {"request": request})
    assert 'class="seat-role">CFO<' in phones["asking CFO"].get(f"/s/{code}").text
    assert phones["CFO"].get(f"/s/{code}").status_code == 403  # the seat moved
    kept = _stored_text(store)
    store.close()
    secrets = [old["facilitator"], *(held["participant"] for held in old["phones"].values())]
    on_disk = b"".join(p.read_bytes() for p in folder.glob("workshop.sqlite3*"))
    assert not [s for s in secrets if s in kept or s.encode() in on_disk]
    assert token_digest(old["phones"]["CEO"]["participant"]) in kept


def test_a_version_2_store_converts_on_either_database(store_url: str) -> None:
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        for step in MIGRATIONS[:2]:
            step(connection)
        connection.execute(sa.insert(meta).values(key="schema_version", value="2"))
        connection.execute(sa.insert(meta).values(key="facilitator_token", value="boss"))
        connection.execute(
            sa.text(
                "INSERT INTO sessions VALUES ('ABC234', :spec, NULL, false, false, 0)"
            ).bindparams(spec=json.dumps({"questions": ["data.inventory"], "created": "x"}))
        )
        connection.execute(
            sa.text("INSERT INTO participants VALUES ('phone', 'ABC234', 'ceo', 'CEO', NULL, 0)")
        )
        connection.execute(
            sa.text("INSERT INTO requests VALUES ('other', 'ABC234', 'CEO', NULL, 0)")
        )
    engine.dispose()
    store = Store(store_url)
    found = store.member("phone", "ABC234")
    assert found is not None and found[1].digest == token_digest("phone")
    assert store.facilitates("boss") and not store.facilitates(token_digest("boss"))
    kept = _stored_text(store)
    assert "'phone'" not in kept and "'other'" not in kept and "'boss'" not in kept
    assert token_digest("other") in kept
    store.close()


def test_a_stolen_store_opens_no_page(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    asking = Browser(room.state)
    asking.get(f"/join?code={room.code}")
    asking.post("/join", {"code": room.code, "role": "Chief Executive Officer", "ask": "yes"})
    held = [
        room.state.token,
        ceo.http.cookies["readiness_participant"],
        asking.http.cookies["readiness_participant"],
    ]
    kept = _stored_text(store)
    assert not [token for token in held if token in kept]
    # Whoever reads the store gets digests (and the seat key): none of them opens a page.
    stolen = sorted(set(re.findall(r"'([A-Za-z0-9_-]{32,64})'", kept)))
    assert token_digest(held[1]) in stolen and token_digest(room.state.token) in stolen
    for value in stolen:
        thief = _with_cookies(room.state, participant=value, facilitator=value)
        assert thief.get(f"/s/{room.code}").status_code == 403
        assert thief.get(f"/facilitate/{room.code}").status_code == 403
        assert Browser(room.state).get(f"/facilitate?token={value}").status_code == 403
    assert ceo.get(f"/s/{room.code}").status_code == 200  # the tokens themselves do


def test_each_start_prints_a_new_link_and_a_week_old_one_stops_working(
    store: Store, folder: Path
) -> None:
    first = Workshop(store, folder, "http://testserver", clock=lambda: 1_000_000.0)
    signed_in = Browser(first)
    assert signed_in.get(first.facilitator_url).status_code == 200
    later = Workshop(store, folder, "http://testserver", clock=lambda: 1_000_000.0 + 3600)
    assert later.token != first.token
    assert signed_in.get("/facilitate").status_code == 200  # its cookie outlives a restart
    week = Workshop(store, folder, "http://testserver", clock=lambda: 1_000_001.0 + COOKIE_SECONDS)
    assert signed_in.get("/facilitate").status_code == 403  # as long as a cookie lasts
    assert Browser(week).get(later.facilitator_url).status_code == 200
    assert Browser(week).get(week.facilitator_url).status_code == 200


def test_a_failed_statement_says_no_value_it_carried(store: Store) -> None:
    spec = {"questions": [], "created": "2027-01-15", "organization": "Confidential Ltd"}
    store.create_session("ABC234", spec)
    with pytest.raises(sa.exc.IntegrityError) as failed:
        store.create_session("ABC234", spec)  # the server's log would show this message
    assert "Confidential" not in str(failed.value)
