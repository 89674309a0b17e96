"""The workshop application end to end in process, on SQLite and on PostgreSQL: a session from
creation to export, and every refusal a facilitator or participant can meet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import main
from readiness.web.seats import participants
from readiness.web.state import Workshop
from readiness.web.storage import Store, database_url
from web_helpers import Browser, alert_of, open_room


def test_a_session_exports_an_assessment_that_validates_and_scores(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=2, named=True)
    ceo, cdo, cfo = (
        room.join(r, name=n)
        for r, n in (
            ("Chief Executive Officer", "Eve"),
            ("Chief Data Officer", "Dana"),
            ("Chief Financial Officer", "Frank"),
        )
    )
    first, second = room.questions
    room.act("open", question=first)
    for person, level in ((ceo, "1"), (cdo, "3"), (cfo, "3")):
        page = person.vote(room.code, first, level)
        assert "Saved: <strong>" in page.text and f"Your vote: {level} · " in page.text
    ceo.vote(room.code, first, "2", "Catalogue <b>")
    assert "<strong>3</strong> of 3 voted" in room.facilitator.get(f"/facilitate/{room.code}").text
    revealed = room.act("reveal", confirm="yes")
    assert "Disputed" not in revealed.text and "Aligned" in revealed.text
    room.act("agree", level="3", note="Two of three saw the catalogue")
    room.act("open", question=second)
    cfo.vote(room.code, second, "0")
    exported = room.act("export")
    assert "Exported" in exported.text, alert_of(exported.text)
    assert (
        "Carried over: target, team and 8 initiative statuses from 2026-Q4.yaml." in exported.text
    )
    target = folder / "2027-Q1.yaml"
    data = yaml.safe_load(target.read_text())
    assert data["respondents"] == [
        {"id": "chief-executive-officer", "role": "Chief Executive Officer", "name": "Eve"},
        {"id": "chief-data-officer", "role": "Chief Data Officer", "name": "Dana"},
        {"id": "chief-financial-officer", "role": "Chief Financial Officer", "name": "Frank"},
    ]
    # What the roadmap needs comes over from the newest period, as `init --from` reads it.
    assert data["target"] == {"stage": "enterprise", "by": "2029-06"}
    assert data["team"] == {"fte": 24, "cost_per_fte_month": 12500, "currency": "EUR"}
    assert data["initiatives"]["model-registry"] == "done"
    assert data["answers"][first] == {
        "level": 3,
        "votes": {
            "chief-data-officer": 3,
            "chief-executive-officer": 2,
            "chief-financial-officer": 3,
        },
        "notes": {"chief-executive-officer": "Catalogue <b>"},
        "note": "Two of three saw the catalogue",
    }
    assert data["answers"][second] == {"votes": {"chief-financial-officer": 0}}
    runner = CliRunner()
    # A workshop that covered a few questions is below the framework's minimum coverage: a
    # warning (an error only under --strict); nothing else may be wrong with the export.
    checked = runner.invoke(main, ["validate", str(target)])
    warned = [line for line in checked.output.splitlines() if str(target) in line]
    expected = ("minimum coverage", "in the future")  # the tests' today is 2027-01-15
    assert all(any(e in line for e in expected) for line in warned), checked.output
    assert checked.exit_code == 0, checked.output
    scored = runner.invoke(main, ["score", str(target), "--format", "json"])
    assert scored.exit_code == 0, scored.output


def test_export_never_replaces_a_period_file_without_confirmation(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=1)
    target = folder / "2027-Q1.yaml"
    target.write_text("# the consultant's own notes\n")
    refused = room.act("export")
    assert "already exists" in refused.text and "cannot be read as an assessment" in refused.text
    assert target.read_text() == "# the consultant's own notes\n"
    replaced = room.act("export", replace="yes")
    assert "Exported" in replaced.text and "The file it replaced is kept as 2027-Q1.yaml.bak-" in (
        replaced.text
    )
    first = target.read_bytes()
    room.act("export", replace="yes")
    assert target.read_bytes() == first  # same session, same file
    backups = sorted(folder.glob("2027-Q1.yaml.bak-*"))
    # The second is the session's own file: replaced without a backup.
    assert len(backups) == 1 and backups[0].read_text() == "# the consultant's own notes\n"
    assert not list(folder.glob(".*.part"))


def test_exporting_again_updates_the_sessions_own_file_without_asking(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=2)
    ceo = room.join("Chief Executive Officer")
    first, second = room.questions
    room.act("open", question=first)
    ceo.vote(room.code, first, "2")
    assert "Exported" in room.act("export").text
    target = folder / "2027-Q1.yaml"
    room.act("open", question=second)
    ceo.vote(room.code, second, "3")
    again = room.act("export").text
    assert "already exists" not in again
    assert (
        "Updated " + str(target) + ", this session's own export (1 more vote than the last "
        "export): 1 respondent, 2 votes"
    ) in again
    assert yaml.safe_load(target.read_text())["answers"][second]["votes"] == {"r1": 3}
    assert "no change since the last export" in room.act("export").text
    assert not list(folder.glob("2027-Q1.yaml.bak-*"))  # its own file needs no backup
    # Changed by hand since, or written by another session: the export asks again.
    target.write_text(target.read_text() + "# checked by the partner\n")
    assert "2027-Q1.yaml already exists" in room.act("export").text
    room.act("export", replace="yes")
    other = open_room(store, folder, questions=1)
    assert "2027-Q1.yaml already exists" in other.act("export").text


def test_an_export_that_cannot_be_written_says_why(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    (folder / "2027-Q1.yaml").mkdir()  # a folder where the period file goes
    for replace in ({}, {"replace": "yes"}):
        refused = room.act("export", **replace)
        assert refused.status_code == 400
        said = f"Export: {folder / '2027-Q1.yaml'}: cannot write: it is a folder"
        assert alert_of(refused.text).startswith(said)
    assert not list(folder.glob("2027-Q1.yaml.bak-*"))


def test_a_new_session_defaults_to_this_quarter_and_replacing_says_what_changes(
    store: Store, folder: Path
) -> None:
    shutil.copy(folder / "2026-Q4.yaml", folder / "2027-Q1.yaml")
    room = open_room(store, folder, questions=1)
    page = room.facilitator.get("/facilitate")
    # Today's quarter, as `readiness questionnaire` defaults to, though its file exists: the
    # export asks before replacing it, and the page says which date the export carries.
    assert 'name="period" value="2027-Q1"' in page.text
    assert "The export is dated today, 2027-01-15: the period must hold that date." in page.text
    assert "Already in the folder: 2026-Q4, 2027-Q1" in page.text
    assert "Facilitator · Acme Retail" in page.text
    asked = room.act("export")
    assert "2027-Q1.yaml already exists" in asked.text
    assert (
        "It holds answers to 64 questions, 8 initiative statuses, target, team. The export replaces its "
        "answers with those of the workshop, keeps its target, team, initiative statuses"
    ) in asked.text.replace("\n", " ")
    room.act("export", replace="yes")
    data = yaml.safe_load((folder / "2027-Q1.yaml").read_text())
    assert data["team"]["fte"] == 24 and len(data["initiatives"]) == 8


def test_facilitator_actions_need_the_token(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    stranger = Browser(room.state)
    assert stranger.get("/facilitate").status_code == 403
    assert stranger.get("/facilitate?token=guess").status_code == 403
    assert stranger.get(f"/facilitate/{room.code}").status_code == 403
    stranger.get(f"/join?code={room.code}")  # a CSRF cookie, but no token
    response = stranger.post(f"/facilitate/{room.code}/close", {})
    assert response.status_code == 403
    assert "facilitator link" in response.text and 'href="/join"' not in response.text
    assert not store.session(room.code).closed  # type: ignore[union-attr]


def test_forms_without_the_csrf_value_are_refused(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    room.act("open", question=room.questions[0])
    forged = ceo.http.post(
        f"/s/{room.code}/vote", data={f"level:{room.questions[0]}": "2", "csrf": "x"}
    )
    assert forged.status_code == 403 and "expired" in forged.text
    forged = room.facilitator.http.post(f"/facilitate/{room.code}/close", data={})
    assert forged.status_code == 403
    assert store.votes(room.code) == []
    # A browser without the CSRF cookie (a form posted from another site) cannot match it
    # with any value, not even the one the server would compare an absent cookie with.
    for value in ("\0", ""):
        cross_site = Browser(room.state).http.post(
            "/join", data={"csrf": value, "code": room.code, "role": "Chief Data Officer"}
        )
        assert cross_site.status_code == 403 and "expired" in cross_site.text
    assert [p.role for p in participants(store, room.code)] == ["Chief Executive Officer"]


def test_a_participant_is_bound_to_the_session_they_joined(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    other = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    assert ceo.get(f"/s/{other.code}").status_code == 403
    lost = Browser(room.state).get(f"/s/{room.code}")
    assert lost.status_code == 403 and '<a class="button" href="/join">' in lost.text


def test_every_vote_is_checked(store: Store, folder: Path) -> None:
    room = open_room(store, folder, questions=2)
    ceo = room.join("Chief Executive Officer")
    first, second = room.questions

    def refused(key: str = first, level: str = "2", note: str = "") -> str:
        response = ceo.vote(room.code, key, level, note)
        assert response.status_code == 400, response.text
        return alert_of(response.text)

    assert refused() == "Question 1 is not open yet; answer it when the facilitator opens it."
    room.act("open", question=first)
    assert refused(level="7") == "Question 1: Level: 7 is not on the scale."
    assert refused(level="two") == "Question 1: Level: choose one of the levels."
    assert refused(level="n/a") == "Question 1: Level: this question cannot be answered n/a."
    assert refused("data.nothing") == "Question 'data.nothing' is not a question of this workshop."
    assert refused(second) == "Question 2 is not open yet; answer it when the facilitator opens it."
    assert refused(note="x" * 1001) == "Question 1: Note: 1001 characters; at most 1000."
    assert refused(level="", note="why") == "Question 1: choose a level to go with your note."
    assert refused(level="") == "Choose a level for a question, then save."
    room.act("reveal", confirm="yes")
    assert refused() == "Question 1: its votes are revealed; it takes no more votes."
    room.act("open", question=second)
    assert refused() == "Question 1 is closed to votes now; its answer was not saved."
    room.act("close", confirm="yes")
    assert refused(second) == "The session is closed; votes are no longer taken."
    assert store.votes(room.code) == []


def test_a_vote_racing_the_reveal_is_refused_not_acknowledged(
    store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    room.act("open", question=room.questions[0])
    checked = store.member

    def then_revealed(token: str, code: str) -> object:
        found = checked(token, code)  # the vote's checks see the question open...
        store.reveal(code)  # ...and the facilitator reveals before it is written
        return found

    monkeypatch.setattr(store, "member", then_revealed)
    late = ceo.vote(room.code, room.questions[0], "4", "late")
    assert late.status_code == 400
    assert alert_of(late.text) == "Question 1 closed to votes as you saved; not saved."
    assert store.votes(room.code) == []


def test_answers_to_a_whole_dimension_are_saved_together_and_a_problem_loses_none(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=4)
    ceo = room.join("Chief Executive Officer")
    room.act("open", dimension="data")
    q1, q2, q3, q4 = room.questions
    saved = ceo.post(
        f"/s/{room.code}/vote",
        {f"level:{q1}": "1", f"note:{q1}": "Only finance", f"level:{q2}": "2", f"level:{q3}": "3"},
    )
    assert '3 of 4 saved</strong> <span class="just">✓ Saved 3 answers' in saved.text
    assert str(saved.url).endswith(f"#q-{q4}")
    assert {v.question: v.value for v in store.votes(room.code)} == {q1: 1, q2: 2, q3: 3}
    typed = ceo.post(
        f"/s/{room.code}/vote",
        {f"level:{q1}": "4", f"level:{q4}": "9", f"note:{q4}": "keep this note"},
    )
    assert alert_of(typed.text) == "Question 4: Level: 9 is not on the scale."
    assert "keep this note" in typed.text  # what was typed stays on the page
    assert {v.question: v.value for v in store.votes(room.code)}[q1] == 4


def test_joining_is_checked(store: Store, folder: Path) -> None:
    room = open_room(store, folder, named=True)
    person = Browser(room.state)
    person.get(f"/join?code={room.code}")
    for data, message in (
        (
            {"code": "ZZZZZZ", "role": "CEO"},
            "No workshop has this code; check it with the facilitator.",
        ),
        ({"code": room.code, "role": "Chief Cook"}, "Choose your role from the list."),
        (
            {"code": room.code, "role": "Chief Data Officer"},
            "Type your name: the room sees it next to your vote.",
        ),
    ):
        response = person.post("/join", {"name": "", **data})
        assert response.status_code == 400
        assert alert_of(response.text) == message
    joined = person.post(
        "/join", {"code": room.code.lower(), "role": "Chief Data Officer", "name": "Dana Reyes"}
    )
    assert joined.status_code == 200 and "Dana Reyes" in joined.text
    again = person.post("/join", {"code": room.code, "role": "Chief Data Officer", "name": "D"})
    assert again.status_code == 200 and str(again.url).endswith(f"/s/{room.code}")
    # Scanning the code again: the phone is told which seat it holds, and may go on.
    again = person.get(f"/join?code={room.code}").text
    assert "You are already in as <strong>Chief Data Officer</strong> (Dana Reyes)." in again
    assert f'<a class="button primary" href="/s/{room.code}">Continue</a>' in again


def test_a_join_sent_twice_holds_one_seat_for_its_phone(store: Store, folder: Path) -> None:
    # A double tap on Join: the phone keeps the answer to the second request only, so the
    # cookie of the first never reaches it. The second must not find "another phone" there.
    room = open_room(store, folder)
    phone = Browser(room.state)
    phone.get(f"/join?code={room.code}")
    join = {"code": room.code, "role": "Chief Executive Officer"}
    phone.post("/join", join)
    phone.http.cookies.delete("readiness_participant")
    again = phone.post("/join", join)
    assert again.status_code == 200 and "You have joined" in again.text
    assert [p.role for p in participants(store, room.code)] == ["Chief Executive Officer"]
    # A second phone asking twice for that seat leaves one request.
    other = Browser(room.state)
    other.get(f"/join?code={room.code}")
    for _ in range(2):
        asked = other.post("/join", {**join, "ask": "yes"})
        assert asked.status_code == 200 and "Waiting for the facilitator" in asked.text
    page = room.facilitator.get(f"/facilitate/{room.code}").text
    assert page.count("asks to take the seat from another phone") == 1


def test_a_role_is_one_seat_moved_only_by_the_facilitator(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    room.act("open", question=room.questions[0])
    ceo.vote(room.code, room.questions[0], "2")
    phone = Browser(room.state)
    phone.get(f"/join?code={room.code}")
    taken = phone.post("/join", {"code": room.code, "role": "Chief Executive Officer"})
    assert taken.status_code == 400
    assert alert_of(taken.text).startswith("Another phone holds the Chief Executive Officer")
    asked = phone.post(
        "/join", {"code": room.code, "role": "Chief Executive Officer", "ask": "yes"}
    )
    assert "Waiting for the facilitator" in asked.text
    assert phone.vote(room.code, room.questions[0], "4").status_code == 403
    page = room.facilitator.get(f"/facilitate/{room.code}").text
    assert "asks to take the seat from another phone" in page
    asked_token = phone.http.cookies["readiness_participant"]
    assert asked_token not in page  # the phone's secret stays on the server
    token = re.findall(r'name="request" value="([^"]+)"', page)[0]
    room.act("approve", request=token)
    assert ceo.get(f"/s/{room.code}").status_code == 403  # the seat left the old phone
    moved = phone.get(f"/s/{room.code}")
    assert "Saved: <strong>2 · Repeatable</strong>" in moved.text  # with its vote
    refused = room.act("approve", request=token)
    assert alert_of(refused.text) == "That phone no longer asks for a seat; nothing changed."
    assert [p.respondent for p in participants(store, room.code)] == ["chief-executive-officer"]
    listed = room.facilitator.get(f"/facilitate/{room.code}").text
    assert "<li><span>Chief Executive Officer</span>" in listed  # the role, without its id
    assert "(chief-executive-officer)" not in listed
    asked = room.act("remove", respondent="chief-executive-officer")
    assert (
        "Remove Chief Executive Officer?" in asked.text and "Their 1 vote and notes" in asked.text
    )
    assert len(participants(store, room.code)) == 1
    room.act("remove", respondent="chief-executive-officer", confirm="yes")
    assert participants(store, room.code) == [] and store.votes(room.code) == []
    assert phone.get(f"/s/{room.code}").status_code == 403
    assert room.join("Chief Executive Officer")  # the seat is free again


def test_joins_are_rate_limited_per_session(store: Store, folder: Path) -> None:
    room = open_room(store, folder, joins_per_minute=2)
    room.join("Chief Executive Officer")
    room.join("Chief Data Officer")
    late = Browser(room.state)
    late.get(f"/join?code={room.code}")
    refused = late.post("/join", {"code": room.code, "role": "Chief Financial Officer"})
    assert alert_of(refused.text) == "Too many joins on this session in a minute; wait a moment."


def test_joins_that_fail_or_repeat_do_not_use_up_the_rooms_joins(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, joins_per_minute=2)
    stranger = Browser(room.state)
    stranger.get(f"/join?code={room.code}")
    for _ in range(5):
        assert stranger.post("/join", {"code": room.code, "role": "Nobody"}).status_code == 400
    ceo = room.join("Chief Executive Officer")
    assert (
        ceo.post("/join", {"code": room.code, "role": "Chief Executive Officer"}).status_code == 200
    )
    room.join("Chief Data Officer")
    assert len(participants(store, room.code)) == 2


def test_the_facilitator_form_is_checked(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    base = {
        "organization": "Acme Retail",
        "period": "2027-Q1",
        "assessor": "A. F.",
        "roles": "CEO",
        "reveal": "anonymous",
        "questions": ["data.inventory"],
    }
    for change, message in (
        (
            {"period": "Q1 2027"},
            "Period: 'Q1 2027' is not a period; write 2026-Q4, 2026-H2 or 2026-11",
        ),
        (
            {"period": "2027-Q2"},
            "Period: 2027-Q2 runs from 2027-04-01 to 2027-06-30, and the export is dated the "
            "day the session is created, 2027-01-15; choose a period that holds that date, "
            "such as 2027-Q1",
        ),
        ({"organization": " "}, "Organization: required"),
        ({"organization": "x" * 201}, "Organization: 201 characters; at most 200"),
        ({"questions": ["data.nothing"]}, "Questions: unknown question 'data.nothing'"),
        ({"questions": []}, "Questions: choose at least one question"),
        ({"roles": "CEO\n" + "\n".join(f"R{i}" for i in range(40))}, "Roles: 41 given; at most 30"),
    ):
        response = room.facilitator.post("/facilitate/sessions", {**base, **change})
        assert response.status_code == 400
        assert alert_of(response.text) == message
    agree = room.act("agree", level="2")
    assert alert_of(agree.text) == "Reveal the votes before recording the agreed level."


def test_votes_are_rate_limited_per_participant(store: Store, folder: Path) -> None:
    room = open_room(store, folder, votes_per_minute=3)
    ceo, cdo = room.join("Chief Executive Officer"), room.join("Chief Data Officer")
    room.act("open", question=room.questions[0])
    codes = [ceo.vote(room.code, room.questions[0], "1").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert cdo.vote(room.code, room.questions[0], "1").status_code == 200


def test_no_stack_trace_reaches_a_browser(
    store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")

    def broken(*_args: object) -> None:
        raise RuntimeError("database file is gone: /srv/secret/path")

    monkeypatch.setattr(store, "member", broken)
    visitor = Browser(room.state, raise_errors=False)
    visitor.http.cookies = ceo.http.cookies
    response = visitor.http.get(f"/s/{room.code}")
    assert response.status_code == 500
    assert "Traceback" not in response.text and "/srv/secret" not in response.text
    assert "Something went wrong on the workshop server" in response.text


def test_a_tampered_saved_count_shows_the_page(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    room.act("open", dimension="data")  # the count shows where several questions are open
    for saved in ("\u00b2", "\u0663", "9" * 5000, "-1"):
        page = ceo.get(f"/s/{room.code}?saved={saved}")
        assert page.status_code == 200 and "✓ Saved" not in page.text
    assert "✓ Saved 2 answers" in ceo.get(f"/s/{room.code}?saved=2").text


def test_pages_carry_security_headers_and_escape_what_people_typed(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder)
    page = room.facilitator.get(f"/facilitate/{room.code}")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"
    cookie = room.facilitator.http.cookies
    assert cookie.get("readiness_facilitator") == room.state.token
    person = Browser(room.state)
    person.get(f"/join?code={room.code}")
    answer = person.post("/join", {"code": room.code, "role": "Chief Data Officer", "name": ""})
    cookie = answer.history[0].headers["set-cookie"].lower()
    assert "readiness_participant=" in cookie and "httponly" in cookie
    assert "samesite=lax" in cookie
    joined = room.join("Chief Executive Officer", name="<script>alert(1)</script>")
    assert "<script>alert(1)" not in joined.get(f"/s/{room.code}").text


def test_an_oversized_form_is_refused_before_it_is_read(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")
    room.act("open", question=room.questions[0])
    response = ceo.vote(room.code, room.questions[0], "1", "x" * 300_000)
    assert response.status_code == 413 and "too large" in response.text
    field = ceo.http.post(
        f"/s/{room.code}/vote",
        data={"csrf": ceo.csrf},
        files={"note": ("note.txt", b"x", "text/plain")},
    )
    assert field.status_code == 400
    assert "This form takes no files; send it again without attachments." in field.text
    # Sent in chunks, a body has no Content-Length: it is counted as it arrives. Five notes
    # of 60 KB each pass the parser's limit on one field, not the limit on the form.
    notes = [f"note:q{n}=".encode() + b"x" * 60_000 + b"&" for n in range(5)]
    chunked = ceo.http.post(
        f"/s/{room.code}/vote",
        content=iter([f"csrf={ceo.csrf}&".encode(), *notes]),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert "content-length" not in chunked.request.headers
    assert chunked.status_code == 413 and "too large" in chunked.text
    assert store.votes(room.code) == []


def test_the_reveal_names_people_only_when_the_session_is_named(store: Store, folder: Path) -> None:
    for named in (True, False):
        room = open_room(store, folder, named=named)
        dana = room.join("Chief Data Officer", name="Dana Reyes" if named else "")
        room.act("open", question=room.questions[0])
        dana.vote(room.code, room.questions[0], "2", "Only finance")
        revealed = room.act("reveal", confirm="yes").text
        said = revealed[revealed.index("What people said") : revealed.index("Agreed level")]
        assert "Only finance" in said
        assert ("Dana Reyes (Chief Data Officer)" in said) is named
        assert ("Chief Data Officer" in said) is named
        assert ("2 · Repeatable" in said) is named  # an anonymous note comes without its level
        phone = dana.get(f"/s/{room.code}").text
        assert "Only finance" in phone[phone.index("What people said") :]


def test_revealing_before_everyone_voted_asks_and_names_who_has_not(
    store: Store, folder: Path
) -> None:
    for named in (True, False):
        room = open_room(store, folder, named=named)
        names = ("Dana Kim", "Raj Patel", "Sam O'Neill") if named else ("", "", "")
        roles = ("Chief Executive Officer", "Chief Data Officer", "Chief Financial Officer")
        ceo, cdo, cfo = (room.join(r, name=n) for r, n in zip(roles, names, strict=True))
        key = room.questions[0]
        room.act("open", question=key)
        ceo.vote(room.code, key, "3")
        counting = room.facilitator.get(f"/facilitate/{room.code}").text
        asked = room.act("reveal")
        assert store.session(room.code).revealed is False  # type: ignore[union-attr]
        assert "Reveal now? 2 of 3 have not voted" in asked.text
        said = "Raj Patel (Chief Data Officer); Sam O&#39;Neill (Chief Financial Officer)."
        assert (said in asked.text) is named and ("Not voted yet: Raj" in counting) is named
        assert ("3 joined</p>" in counting) is named  # the names once, in who has not voted
        question = asked.text[asked.text.index("Reveal now?") : asked.text.index("Reveal anyway")]
        assert ("Chief Data Officer" in question) is named
        revealed = room.act("reveal", confirm="yes")
        assert "Too few votes" in revealed.text and "Aligned" not in revealed.text
        assert "Too few votes" in ceo.get(f"/s/{room.code}").text
        room.act("open", question=room.questions[1])
        for person in (ceo, cdo, cfo):
            person.vote(room.code, room.questions[1], "2")
        assert "Aligned" in room.act("reveal").text  # everyone voted: no question asked


def test_the_reveal_counts_n_a_apart_from_the_votes_its_mean_is_over(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=64)
    key = "data.prompt_retrieval_data"
    people = [room.join(r) for r in ("Chief Executive Officer", "Chief Data Officer")]
    room.act("open", question=key)
    for person, level in zip(people, ("1", "n/a"), strict=True):
        assert person.vote(room.code, key, level).status_code == 200
    revealed = room.act("reveal").text
    assert '<dd>1 <span class="na">+ 1 n/a</span></dd>' in revealed


def test_an_anonymous_export_holds_no_role_and_no_id_made_from_one(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder)
    roles = ("Chief Executive Officer", "Chief Data Officer", "Chief Financial Officer")
    people = [room.join(role) for role in roles]
    key = room.questions[0]
    room.act("open", question=key)
    for person, level in zip(people, "024", strict=True):
        person.vote(room.code, key, level, f"note {level}")
    room.act("export")
    text = (folder / "2027-Q1.yaml").read_text()
    for role in roles:
        slug = role.lower().replace(" ", "-")
        assert role not in text and slug not in text
    assert "chief" not in text.lower() and "officer" not in text.lower()
    data = yaml.safe_load(text)
    assert [r["id"] for r in data["respondents"]] == ["r1", "r2", "r3"]
    assert {r["role"] for r in data["respondents"]} == {"Anonymous participant"}
    assert set(data["answers"][key]["votes"]) == {"r1", "r2", "r3"}
    assert sorted(data["answers"][key]["notes"].values()) == ["note 0", "note 2", "note 4"]
    room.act("export", replace="yes")
    assert (folder / "2027-Q1.yaml").read_text() == text  # the same ids every time


def test_a_whole_dimension_opens_each_of_its_questions_on_the_phones(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=13)  # the 12 of data, one of infrastructure
    data = [q for q in room.questions if q.startswith("data.")]
    other = room.questions[-1]
    ceo, cdo = room.join("Chief Executive Officer"), room.join("Chief Data Officer")
    refused = room.act("open", dimension="nothing")
    assert alert_of(refused.text) == "Dimension: 'nothing' is not a dimension of this session"
    room.act("open", dimension="data")
    page = ceo.get(f"/s/{room.code}")
    assert page.text.count('name="note:data.') == len(data) == 12
    assert f"level:{other}" not in page.text
    ceo.vote(room.code, data[1], "2", "Only finance")
    ceo.vote(room.code, data[0], "0")
    cdo.post(f"/s/{room.code}/vote", {f"level:{data[1]}": "4", f"level:{data[0]}": "3"})
    page = ceo.get(f"/s/{room.code}")
    assert "Saved: <strong>2 · Repeatable</strong>" in page.text
    assert "2 of 12 saved" in page.text
    closed = ceo.vote(room.code, other, "1")
    assert alert_of(closed.text) == (
        "Question 13 is not open yet; answer it when the facilitator opens it."
    )
    counts = room.facilitator.get(f"/facilitate/{room.code}").text
    assert "<strong>4</strong> of 24 answers in" in counts
    assert "Question 2: 2 of 2" in counts and "Question 3: 0 of 2" in counts
    revealed = room.act("reveal", confirm="yes")
    assert revealed.text.count("Votes per level") == 12
    assert "Disputed" in revealed.text and "No votes" in revealed.text
    unnamed = room.act("agree", level="3")
    assert alert_of(unnamed.text) == "Question: say which open question the agreed level is for"
    elsewhere = room.act("agree", question=other, level="3")
    assert alert_of(elsewhere.text) == f"Question: '{other}' is not open; open it first"
    room.act("agree", question=data[1], level="3", note="Finance only")
    late = cdo.vote(room.code, data[2], "1")
    assert alert_of(late.text) == "Question 3: its votes are revealed; it takes no more votes."
    room.act("export")
    answers = yaml.safe_load((folder / "2027-Q1.yaml").read_text())["answers"]
    assert answers[data[1]]["level"] == 3 and answers[data[1]]["note"] == "Finance only"
    assert list(answers[data[0]]) == ["votes"] and sorted(answers[data[0]]["votes"].values()) == [
        0,
        3,
    ]
    # Each question keeps where it stands; opening the dimension again skips the agreed one.
    listed = room.facilitator.get(f"/facilitate/{room.code}").text
    assert '<span class="chip agreed">Agreed 3 · Defined</span>' in listed
    assert '<span class="chip disputed">Disputed · 2 votes</span>' in listed
    assert '<span class="chip new">Not opened</span>' in listed
    only = room.facilitator.get(f"/facilitate/{room.code}?show=disputed").text
    assert only.count('class="chip ') == 1
    room.act("open", dimension="data")
    reopened = store.session(room.code)
    assert reopened is not None and data[1] not in reopened.opened and len(reopened.opened) == 11
    listed = room.facilitator.get(f"/facilitate/{room.code}").text
    assert '<span class="chip open">2 of 2 votes</span>' in listed  # open again: votes change
    assert '<span class="chip open">0 of 2 votes</span>' in listed


def test_closing_asks_first_and_a_closed_session_reopens(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    asked = room.act("close")
    assert "Close the session?" in asked.text and "0 of 3 questions agreed" in asked.text
    assert not store.session(room.code).closed  # type: ignore[union-attr]
    room.act("close", confirm="yes")
    assert store.session(room.code).closed  # type: ignore[union-attr]
    assert "Reopen session" in room.facilitator.get(f"/facilitate/{room.code}").text
    room.act("reopen")
    assert not store.session(room.code).closed  # type: ignore[union-attr]


def test_a_loopback_join_link_warns_that_phones_cannot_open_it(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    assert (
        "Phones cannot open this link" not in room.facilitator.get(f"/facilitate/{room.code}").text
    )
    room.state.base_url = "http://127.0.0.1:8765"
    page = room.facilitator.get(f"/facilitate/{room.code}").text
    assert "Phones cannot open this link" in page and "--host 0.0.0.0" in page


def test_an_unknown_join_code_says_so(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    page = Browser(room.state).get("/join?code=zzzzzz")
    assert page.status_code == 400
    assert alert_of(page.text) == (
        "No workshop has the code ZZZZZZ; check it on the facilitator's screen."
    )


def test_a_session_over_every_question_exports_an_assessment_that_validates_strictly(
    tmp_path: Path,
) -> None:
    """Dated today in the current period and covering the whole framework, an export meets
    every check `validate --strict` makes."""
    folder = tmp_path / "fresh"
    folder.mkdir()
    store = Store(database_url(tmp_path, None))
    state = Workshop(store, folder, "http://testserver", votes_per_minute=100)
    facilitator = Browser(state)
    page = facilitator.get(f"/facilitate?token={state.token}")
    keys = re.findall(r'name="questions" value="([^"]+)"', page.text)
    period = re.findall(r'name="period" value="([^"]+)"', page.text)[0]  # this quarter
    form = {"organization": "Acme Retail", "assessor": "A. Facilitator", "reveal": "anonymous"}
    created = facilitator.post(
        "/facilitate/sessions", {**form, "period": period, "roles": "CEO", "questions": keys}
    )
    code = str(created.url).rsplit("/", 1)[1]
    ceo = Browser(state)
    ceo.get(f"/join?code={code}")
    ceo.post("/join", {"code": code, "role": "CEO", "name": ""})
    for dimension in dict.fromkeys(key.split(".")[0] for key in keys):
        facilitator.post(f"/facilitate/{code}/open", {"dimension": dimension})
        for key in (k for k in keys if k.startswith(f"{dimension}.")):
            voted = ceo.vote(code, key, "2")
            assert "Saved: <strong>" in voted.text, alert_of(voted.text)
    facilitator.post(f"/facilitate/{code}/export", {})
    target = folder / f"{period}.yaml"
    assert len(yaml.safe_load(target.read_text())["answers"]) == len(keys) == 64
    checked = CliRunner().invoke(main, ["validate", "--strict", str(target)])
    assert checked.exit_code == 0, checked.output
    store.close()
