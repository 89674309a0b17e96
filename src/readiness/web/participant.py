"""The participants' routes: join with the code and a role, answer the open questions, see the
reveal.

A role is a seat: one phone per role; a second phone asking for a taken seat waits for the
facilitator. A participant's cookie binds them to the one session they joined: their token
opens that session and no other. A vote is accepted only on a question that is open, before
its reveal, while the session is open, on the scale (n/a where allowed), within the rate
limit, and it is committed before the answer goes back.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from readiness.web.seats import add_participant, ask_for_seat, waiting
from readiness.web.security import (
    CODE_LENGTH,
    CSRF_COOKIE,
    PARTICIPANT_COOKIE,
    seat_token,
    set_cookie,
)
from readiness.web.session import (
    MAX_NOTE,
    InputProblem,
    framework_of,
    parse_level,
    respondent_id,
    text,
)
from readiness.web.state import STATE, TALLY, Workshop, checked_form, live_stream, workshop
from readiness.web.storage import ParticipantRow, SessionRow, VoteRow
from readiness.web.views import level_text, render, session_context

JOIN_FIRST = "Join the workshop first: open the join link and enter the code."


def _member(request: Request, state: Workshop) -> tuple[SessionRow, ParticipantRow]:
    """The session and the participant of this request; 403 unless they joined this session."""
    code = request.path_params["code"]
    found = state.store.member(request.cookies.get(PARTICIPANT_COOKIE, "")[:64], code)
    if found is None:
        raise HTTPException(403, JOIN_FIRST)
    return found


async def join_page(request: Request) -> Response:
    """The join form: the code (from the QR link or typed), a role, a name if asked."""
    state = workshop(request)
    code = request.query_params.get("code", "").strip().upper()[:CODE_LENGTH]

    def page() -> Response:
        session = state.store.session(code) if code else None
        error = None
        if code and session is None:
            error = f"No workshop has the code {code}; check it on the facilitator's screen."
        return _join(request, state, code, error, "", "")

    return await run_in_threadpool(page)


def _join(
    request: Request,
    state: Workshop,
    code: str,
    error: str | None,
    role: str,
    name: str,
    *,
    ask: bool = False,
) -> Response:
    session = state.store.session(code) if code else None
    token = request.cookies.get(PARTICIPANT_COOKIE, "")[:64]
    seated = state.store.member(token, code) if session and token else None
    return render(
        state.env,
        request,
        "join.html",
        {
            "code": code,
            "session": session,
            "seated": seated[1] if seated else None,
            "error": error,
            "role": role,
            "name": name,
            "ask": ask,
        },
        status=400 if error else 200,
        secure=state.secure,
    )


async def join(request: Request) -> Response:
    """Join a session: take the seat of a role (or ask the facilitator for it when another
    phone holds it); sets the participant's cookie and opens the session's page."""
    state = workshop(request)
    form = await checked_form(request)
    code = str(form.get("code") or "").strip().upper()[:16]
    role = str(form.get("role") or "")
    name = str(form.get("name") or "")
    mine = request.cookies.get(PARTICIPANT_COOKIE, "")[:64]

    def make() -> Response:
        session = state.store.session(code)
        try:
            if session is None:
                raise InputProblem("No workshop has this code; check it with the facilitator.")
            if session.closed:
                raise InputProblem("This workshop session is closed.")
            if role not in session.spec["roles"]:
                raise InputProblem("Choose your role from the list.")
            if session.spec["named"] and not name.strip():
                raise InputProblem("Type your name: the room sees it next to your vote.")
            named = text(name, "Name", required=False)
        except InputProblem as problem:
            return _join(request, state, code, str(problem), role, name)
        seated = state.store.member(mine, code) if mine else None
        if seated is not None and seated[1].role == role:
            return RedirectResponse(f"/s/{code}", status_code=303)  # this phone holds the seat
        token = seat_token(state.seat_key, code, role, request.cookies[CSRF_COOKIE])
        # Holding the seat with this token already: the same join sent twice.
        if state.store.member(token, code) is None:
            # Only joins that take a seat or ask for one count: a stranger sending forms
            # that fail (a wrong role) cannot use up the room's joins.
            if not state.join_limiter.allow(code):
                busy = "Too many joins on this session in a minute; wait a moment."
                return _join(request, state, code, busy, role, name)
            seat = add_participant(
                state.store, code, token, role, named or None, lambda t: respondent_id(role, t)
            )
            if seat is None and form.get("ask") != "yes":
                taken = (
                    f"Another phone holds the {role} seat. If that was you on another "
                    "phone, ask the facilitator to move your seat (and your votes) to this phone."
                )
                return _join(request, state, code, taken, role, name, ask=True)
            if seat is None:
                ask_for_seat(state.store, code, token, role, named or None)
        response = RedirectResponse(f"/s/{code}", status_code=303)
        set_cookie(response, PARTICIPANT_COOKIE, token, secure=state.secure)
        return response

    response = await run_in_threadpool(make)
    state.hub.notify(TALLY)
    return response


async def page(request: Request) -> Response:
    """The participant's page of their session (or, while the facilitator has not answered a
    seat request, a page saying so that looks again every few seconds)."""
    state = workshop(request)
    return await run_in_threadpool(_page, request, state, None, 200, {})


def _page(
    request: Request, state: Workshop, error: str | None, status: int, typed: dict[str, str]
) -> Response:
    code = request.path_params["code"]
    token = request.cookies.get(PARTICIPANT_COOKIE, "")[:64]
    found = state.store.member(token, code)
    if found is None:
        asked = waiting(state.store, token, code)
        if asked is None:
            raise HTTPException(403, JOIN_FIRST)
        return render(
            state.env, request, "waiting.html", {"code": code, "asked": asked}, secure=state.secure
        )
    session, participant = found
    context = session_context(state.store, session, state.shelf)
    mine = _mine(state, session, participant)
    framework = context["framework"]
    saved = request.query_params.get("saved", "")
    return render(
        state.env,
        request,
        "participant.html",
        {
            **context,
            "me": participant,
            "mine": mine,
            "error": error,
            "typed": typed,
            # What the vote's redirect wrote: a small count in ASCII digits ('²' is a digit
            # int() refuses, and 5,000 digits are more than it converts).
            "saved": int(saved) if saved.isascii() and saved.isdigit() and len(saved) < 4 else None,
            "mine_value": {k: _value(v.value) for k, v in mine.items()},
            "mine_text": {k: level_text(v.value, framework) for k, v in mine.items()},
            "key": _key(session, context),
        },
        status=status,
        secure=state.secure,
    )


def _mine(state: Workshop, session: SessionRow, participant: ParticipantRow) -> dict[str, VoteRow]:
    """The participant's votes on the open questions, by question."""
    return {
        v.question: v
        for v in state.store.votes(session.code)
        if v.respondent == participant.respondent and v.question in session.opened
    }


def _value(value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if float(value).is_integer() else str(value)


def _key(session: SessionRow, context: dict[str, object]) -> str:
    """What a participant's page shows, in short: it changes when their page must refresh."""
    agreed = [item.agreed_text for item in context["items"]]  # type: ignore[attr-defined]
    return f"{session.opened}:{session.revealed}:{session.closed}:{agreed}"


async def vote(request: Request) -> Response:
    """Save a participant's answers to the open questions: one form holds every open question
    (`level:KEY`, `note:KEY`); each answered one is saved, and a problem with one keeps what
    was typed in every other."""
    state = workshop(request)
    form = await checked_form(request)
    typed = {k: str(v) for k, v in form.multi_items() if k.startswith(("level:", "note:"))}

    def cast() -> Response:
        session, participant = _member(request, state)
        if not state.limiter.allow(participant.digest):
            return _page(request, state, "Too many saves in a minute; wait a moment.", 429, typed)
        try:
            answers, problems = ballot(state, session, typed)
        except InputProblem as problem:
            return _page(request, state, str(problem), 400, typed)
        for key, (level, note) in list(answers.items()):
            if not state.store.cast_vote(session.code, participant.respondent, key, level, note):
                # The facilitator revealed, moved on or closed between the check and the write.
                number = session.spec["questions"].index(key) + 1
                problems.append(f"Question {number} closed to votes as you saved; not saved.")
                del answers[key]
        if problems:
            kept = {k: v for k, v in typed.items() if k.split(":", 1)[1] not in answers}
            return _page(request, state, " ".join(problems), 400, kept)
        answered = _mine(state, session, participant)
        waiting_keys = [k for k in session.opened if k not in answered]
        anchor = f"#q-{waiting_keys[0]}" if len(session.opened) > 1 and waiting_keys else ""
        return RedirectResponse(f"/s/{session.code}?saved={len(answers)}{anchor}", status_code=303)

    response = await run_in_threadpool(cast)
    state.hub.notify(TALLY)
    return response


def ballot(
    state: Workshop, session: SessionRow, typed: dict[str, str]
) -> tuple[dict[str, tuple[float | None, str | None]], list[str]]:
    """The answers a form holds, by question, and a line per question it could not save."""
    if session.closed:
        raise InputProblem("The session is closed; votes are no longer taken.")
    framework = framework_of(session.spec, state.shelf)
    keys = list(dict.fromkeys(k.split(":", 1)[1] for k in typed))
    answers: dict[str, tuple[float | None, str | None]] = {}
    problems = []
    progress = state.store.progress(session.code)
    for key in keys:
        level, note = typed.get(f"level:{key}", ""), typed.get(f"note:{key}", "")
        if key not in session.spec["questions"]:
            problems.append(f"Question '{key[:80]}' is not a question of this workshop.")
            continue
        number = session.spec["questions"].index(key) + 1
        if key not in session.opened:
            problems.append(
                f"Question {number} is not open yet; answer it when the facilitator opens it."
                if key not in progress
                else f"Question {number} is closed to votes now; its answer was not saved."
            )
        elif session.revealed:
            problems.append(f"Question {number}: its votes are revealed; it takes no more votes.")
        elif not level and note.strip():
            problems.append(f"Question {number}: choose a level to go with your note.")
        elif level:
            try:
                value = parse_level(level, framework.questions()[key], framework)
                said = text(note, "Note", required=False, limit=MAX_NOTE)
            except InputProblem as problem:
                problems.append(f"Question {number}: {problem}.")
                continue
            answers[key] = (value, said or None)
    if not answers and not problems:
        problems.append("Choose a level for a question, then save.")
    return answers, problems


async def events(request: Request) -> Response:
    """Server-sent `state` events when the open question, the reveal or the agreed level change."""
    state = workshop(request)
    since = request.query_params.get("since", "")

    def key() -> str:
        session, _ = _member(request, state)
        return _key(session, session_context(state.store, session, state.shelf))

    await run_in_threadpool(_member, request, state)  # 403 unless they joined this session
    holder = request.cookies.get(PARTICIPANT_COOKIE, "")[:64]
    return live_stream(state, holder, STATE, since, key)


def routes() -> list[Route]:
    """The participants' routes."""
    return [
        Route("/join", join_page),
        Route("/join", join, methods=["POST"]),
        Route("/s/{code:str}", page),
        Route("/s/{code:str}/vote", vote, methods=["POST"]),
        Route("/s/{code:str}/events", events),
    ]
