"""The participants' routes: join with the code and a role, vote on the open question, see the
reveal.

A participant's cookie binds them to the one session they joined: their token opens that
session and no other. A vote is accepted only on the question that is open, before its
reveal, while the session is open, on the scale (n/a where allowed), within the rate limit,
and it is committed before the answer goes back.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from sse_starlette.sse import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from readiness.web.security import CODE_LENGTH, PARTICIPANT_COOKIE, new_token, set_cookie
from readiness.web.session import (
    MAX_NOTE,
    InputProblem,
    framework_of,
    open_questions,
    parse_level,
    respondent_id,
    text,
)
from readiness.web.state import STATE, TALLY, Workshop, checked_form, workshop
from readiness.web.storage import ParticipantRow, SessionRow, VoteRow
from readiness.web.views import level_text, render, session_context


def _member(request: Request, state: Workshop) -> tuple[SessionRow, ParticipantRow]:
    """The session and the participant of this request; 403 unless they joined this session."""
    code = request.path_params["code"]
    found = state.store.member(request.cookies.get(PARTICIPANT_COOKIE, "")[:64], code)
    if found is None:
        raise HTTPException(403, "Join the workshop first: open the join link and enter the code.")
    return found


async def join_page(request: Request) -> Response:
    """The join form: the code (from the QR link or typed), a role, a name if asked."""
    state = workshop(request)
    code = request.query_params.get("code", "").strip().upper()[:CODE_LENGTH]

    def page() -> Response:
        session = state.store.session(code) if code else None
        error = None
        if code and session is None:
            error = f"Code: no workshop has the code {code}; check it on the facilitator's screen"
        return _join(request, state, code, error, "", "")

    return await run_in_threadpool(page)


def _join(
    request: Request, state: Workshop, code: str, error: str | None, role: str, name: str
) -> Response:
    session = state.store.session(code) if code else None
    return render(
        state.env,
        request,
        "join.html",
        {"code": code, "session": session, "error": error, "role": role, "name": name},
        status=400 if error else 200,
        secure=state.secure,
    )


async def join(request: Request) -> Response:
    """Join a session: sets the participant's cookie and opens the session's page."""
    state = workshop(request)
    form = await checked_form(request)
    code = str(form.get("code") or "").strip().upper()[:16]
    role = str(form.get("role") or "")
    name = str(form.get("name") or "")

    def make() -> Response:
        session = state.store.session(code)
        try:
            if session is None:
                raise InputProblem("Code: no workshop has this code; check it with the facilitator")
            if session.closed:
                raise InputProblem("This workshop session is closed.")
            if role not in session.spec["roles"]:
                raise InputProblem("Role: choose your role from the list")
            named = text(name, "Name", required=bool(session.spec["named"]))
        except InputProblem as problem:
            return _join(request, state, code, str(problem), role, name)
        token = new_token()
        state.store.add_participant(
            code, token, role, named or None, lambda taken: respondent_id(role, taken)
        )
        response = RedirectResponse(f"/s/{code}", status_code=303)
        set_cookie(response, PARTICIPANT_COOKIE, token, secure=state.secure)
        return response

    response = await run_in_threadpool(make)
    state.hub.notify(TALLY)
    return response


async def page(request: Request) -> Response:
    """The participant's page of their session."""
    state = workshop(request)
    return await run_in_threadpool(_page, request, state, None, 200)


def _page(request: Request, state: Workshop, error: str | None, status: int) -> Response:
    session, participant = _member(request, state)
    context = session_context(state.store, session, state.shelf)
    mine = _mine(state, session, participant)
    framework = context["framework"]
    return render(
        state.env,
        request,
        "participant.html",
        {
            **context,
            "me": participant,
            "mine": mine,
            "error": error,
            "mine_value": {k: _value(v.value) for k, v in mine.items()},
            "mine_text": {k: level_text(v.value, framework) for k, v in mine.items()},
            "key": _key(session, context),
        },
        status=status,
        secure=state.secure,
    )


def _mine(state: Workshop, session: SessionRow, participant: ParticipantRow) -> dict[str, VoteRow]:
    """The participant's votes on the open questions, by question."""
    opened = open_questions(session.spec, session.current)
    return {
        v.question: v
        for v in state.store.votes(session.code)
        if v.respondent == participant.respondent and v.question in opened
    }


def _value(value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if float(value).is_integer() else str(value)


def _key(session: SessionRow, context: dict[str, object]) -> str:
    """What a participant's page shows, in short: it changes when their page must refresh."""
    agreed = [item.agreed_text for item in context["items"]]  # type: ignore[attr-defined]
    return f"{session.current}:{session.revealed}:{session.closed}:{agreed}"


async def vote(request: Request) -> Response:
    """Cast or change a vote on the open question."""
    state = workshop(request)
    form = await checked_form(request)

    def cast() -> Response:
        session, participant = _member(request, state)
        if not state.limiter.allow(participant.token):
            return _page(request, state, "Too many votes in a minute; wait a moment.", 429)
        try:
            if session.closed:
                raise InputProblem("The session is closed; votes are no longer taken.")
            key = str(form.get("question") or "")
            framework = framework_of(session.spec, state.shelf)
            question = framework.questions().get(key)
            if question is None or key not in session.spec["questions"]:
                raise InputProblem(f"Question: '{key[:80]}' is not a question of this workshop")
            opened = open_questions(session.spec, session.current)
            if key not in opened:
                raise InputProblem("This question is no longer open; here is the current one.")
            if session.revealed:
                raise InputProblem(
                    "The votes on this question are revealed; it is closed to votes."
                )
            level = parse_level(str(form.get("level") or ""), question, framework)
            note = text(str(form.get("note") or ""), "Note", required=False, limit=MAX_NOTE)
        except InputProblem as problem:
            return _page(request, state, str(problem), 400)
        state.store.cast_vote(session.code, participant.respondent, key, level, note or None)
        # Of an open dimension, the page goes on to the first question not yet answered.
        answered = _mine(state, session, participant)
        waiting = [k for k in opened if k not in answered]
        anchor = f"#q-{waiting[0]}" if len(opened) > 1 and waiting else ""
        return RedirectResponse(f"/s/{session.code}{anchor}", status_code=303)

    response = await run_in_threadpool(cast)
    state.hub.notify(TALLY)
    return response


async def events(request: Request) -> Response:
    """Server-sent `state` events when the open question, the reveal or the agreed level change."""
    state = workshop(request)
    since = request.query_params.get("since", "")

    def key() -> str:
        session, _ = _member(request, state)
        return _key(session, session_context(state.store, session, state.shelf))

    await run_in_threadpool(key)

    async def stream() -> AsyncIterator[dict[str, str]]:
        last = since
        while True:
            now = await run_in_threadpool(key)
            if now != last:
                last = now
                yield {"event": "state", "data": json.dumps(now)}
            await state.hub.wait(STATE, 5.0)

    return EventSourceResponse(stream(), ping=15)


def routes() -> list[Route]:
    """The participants' routes."""
    return [
        Route("/join", join_page),
        Route("/join", join, methods=["POST"]),
        Route("/s/{code:str}", page),
        Route("/s/{code:str}/vote", vote, methods=["POST"]),
        Route("/s/{code:str}/events", events),
    ]
