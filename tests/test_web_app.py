"""The workshop application end to end in process, on SQLite and on PostgreSQL: a session from
creation to export, and every refusal a facilitator or participant can meet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import main
from readiness.web.state import Workshop
from readiness.web.storage import Store, database_url
from web_helpers import Browser, alert_of, open_room


def test_a_session_exports_an_assessment_that_validates_and_scores(
    store: Store, folder: Path
) -> None:
    room = open_room(store, folder, questions=2)
    ceo, cdo, cfo = (
        room.join(r)
        for r in ("Chief Executive Officer", "Chief Data Officer", "Chief Financial Officer")
    )
    first, second = room.questions
    room.act("open", question=first)
    for person, level in ((ceo, "1"), (cdo, "3"), (cfo, "3")):
        page = person.post(f"/s/{room.code}/vote", {"question": first, "level": level, "note": ""})
        assert "Your vote is in" in page.text
    ceo.post(f"/s/{room.code}/vote", {"question": first, "level": "2", "note": "Catalogue <b>"})
    assert "<strong>3</strong> of 3 voted" in room.facilitator.get(f"/facilitate/{room.code}").text
    revealed = room.act("reveal")
    assert "Disputed" not in revealed.text and "Aligned" in revealed.text
    room.act("agree", level="3", note="Two of three saw the catalogue")
    room.act("open", question=second)
    cfo.post(f"/s/{room.code}/vote", {"question": second, "level": "0", "note": ""})
    exported = room.act("export")
    assert "Exported" in exported.text, alert_of(exported.text)
    target = folder / "2027-Q1.yaml"
    data = yaml.safe_load(target.read_text())
    assert data["respondents"] == [
        {"id": "chief-executive-officer", "role": "Chief Executive Officer"},
        {"id": "chief-data-officer", "role": "Chief Data Officer"},
        {"id": "chief-financial-officer", "role": "Chief Financial Officer"},
    ]
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
    expected = (
        "minimum coverage",
        "in the future",
        "not in the period",
    )  # session set next quarter
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
    assert "already exists" in refused.text
    assert target.read_text() == "# the consultant's own notes\n"
    replaced = room.act("export", replace="yes")
    assert "Exported" in replaced.text
    first = target.read_bytes()
    room.act("export", replace="yes")
    assert target.read_bytes() == first  # same session, same file
    assert not list(folder.glob(".*.part"))


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
        f"/s/{room.code}/vote", data={"question": room.questions[0], "level": "2", "csrf": "x"}
    )
    assert forged.status_code == 403 and "expired" in forged.text
    forged = room.facilitator.http.post(f"/facilitate/{room.code}/close", data={})
    assert forged.status_code == 403
    assert store.votes(room.code) == []


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
    url = f"/s/{room.code}/vote"

    def refused(data: dict[str, str]) -> str:
        response = ceo.post(url, {"question": first, "level": "2", "note": "", **data})
        assert response.status_code == 400, response.text
        return alert_of(response.text)

    assert refused({}) == "This question is no longer open; here is the current one."
    room.act("open", question=first)
    assert refused({"level": "7"}) == "Level: 7 is not on the scale"
    assert refused({"level": "two"}) == "Level: choose one of the levels"
    assert refused({"level": "n/a"}) == "Level: this question cannot be answered n/a"
    assert refused({"question": "data.nothing"}) == (
        "Question: 'data.nothing' is not a question of this workshop"
    )
    assert (
        refused({"question": second}) == "This question is no longer open; here is the current one."
    )
    assert refused({"note": "x" * 1001}) == "Note: 1001 characters; at most 1000"
    room.act("reveal")
    assert refused({}) == "The votes on this question are revealed; it is closed to votes."
    room.act("open", question=second)
    room.act("close")
    assert refused({"question": second}) == "The session is closed; votes are no longer taken."
    assert store.votes(room.code) == []


def test_joining_is_checked(store: Store, folder: Path) -> None:
    room = open_room(store, folder, named=True)
    person = Browser(room.state)
    person.get(f"/join?code={room.code}")
    for data, message in (
        (
            {"code": "ZZZZZZ", "role": "CEO"},
            "Code: no workshop has this code; check it with the facilitator",
        ),
        ({"code": room.code, "role": "Chief Cook"}, "Role: choose your role from the list"),
        ({"code": room.code, "role": "Chief Data Officer"}, "Name: required"),
    ):
        response = person.post("/join", {"name": "", **data})
        assert response.status_code == 400
        assert alert_of(response.text) == message
    joined = person.post(
        "/join", {"code": room.code.lower(), "role": "Chief Data Officer", "name": "Dana Reyes"}
    )
    assert joined.status_code == 200 and "Dana Reyes" in joined.text


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
    url, vote = f"/s/{room.code}/vote", {"question": room.questions[0], "level": "1", "note": ""}
    codes = [ceo.post(url, vote).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert cdo.post(url, vote).status_code == 200


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
    response = ceo.post(
        f"/s/{room.code}/vote", {"question": room.questions[0], "level": "1", "note": "x" * 300_000}
    )
    assert response.status_code == 413 and "too large" in response.text
    assert store.votes(room.code) == []


def test_the_reveal_names_people_only_when_the_session_is_named(store: Store, folder: Path) -> None:
    for named in (True, False):
        room = open_room(store, folder, named=named)
        dana = room.join("Chief Data Officer", name="Dana Reyes" if named else "")
        room.act("open", question=room.questions[0])
        dana.post(
            f"/s/{room.code}/vote",
            {"question": room.questions[0], "level": "2", "note": "Only finance"},
        )
        revealed = room.act("reveal").text
        said = revealed[revealed.index("What people said") :]
        assert "Only finance" in said
        assert ("Dana Reyes (Chief Data Officer)" in said) is named
        assert ("Chief Data Officer" in said) is named


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
    assert page.text.count('name="question" value="data.') == len(data) == 12
    assert f'value="{other}"' not in page.text
    url = f"/s/{room.code}/vote"
    ceo.post(url, {"question": data[1], "level": "2", "note": "Only finance"})
    cdo.post(url, {"question": data[1], "level": "4", "note": ""})
    cdo.post(url, {"question": data[0], "level": "3", "note": ""})
    page = ceo.get(f"/s/{room.code}")
    assert "Your vote is in: <strong>2 · Repeatable</strong>" in page.text
    assert "1 of 12 answered" in page.text
    closed = ceo.post(url, {"question": other, "level": "1", "note": ""})
    assert alert_of(closed.text) == "This question is no longer open; here is the current one."
    counts = room.facilitator.get(f"/facilitate/{room.code}").text
    assert "<strong>3</strong> of 24 answers in" in counts
    assert "Question 2: 2 of 2" in counts and "Question 3: 0 of 2" in counts
    revealed = room.act("reveal")
    assert revealed.text.count("Votes per level") == 12
    assert "Disputed" in revealed.text and "No votes" in revealed.text
    unnamed = room.act("agree", level="3")
    assert alert_of(unnamed.text) == "Question: say which open question the agreed level is for"
    elsewhere = room.act("agree", question=other, level="3")
    assert alert_of(elsewhere.text) == f"Question: '{other}' is not open; open it first"
    room.act("agree", question=data[1], level="3", note="Finance only")
    late = cdo.post(url, {"question": data[2], "level": "1", "note": ""})
    assert alert_of(late.text) == "The votes on this question are revealed; it is closed to votes."
    room.act("export")
    answers = yaml.safe_load((folder / "2027-Q1.yaml").read_text())["answers"]
    assert answers[data[1]]["level"] == 3 and answers[data[1]]["note"] == "Finance only"
    assert answers[data[0]] == {"votes": {"chief-data-officer": 3}}


def test_an_unknown_join_code_says_so(store: Store, folder: Path) -> None:
    room = open_room(store, folder)
    page = Browser(room.state).get("/join?code=zzzzzz")
    assert page.status_code == 400
    assert alert_of(page.text) == (
        "Code: no workshop has the code ZZZZZZ; check it on the facilitator's screen"
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
            voted = ceo.post(f"/s/{code}/vote", {"question": key, "level": "2", "note": ""})
            assert "Your vote is in" in voted.text, alert_of(voted.text)
    facilitator.post(f"/facilitate/{code}/export", {})
    target = folder / f"{period}.yaml"
    assert len(yaml.safe_load(target.read_text())["answers"]) == len(keys) == 64
    checked = CliRunner().invoke(main, ["validate", "--strict", str(target)])
    assert checked.exit_code == 0, checked.output
    store.close()
