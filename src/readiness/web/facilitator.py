"""The facilitator's routes: create a session, open a question or a dimension, reveal, agree,
close (after a confirmation) and reopen, export; approve or refuse a phone asking for a taken
seat, remove a participant.

Every route here requires the facilitator's token (kept in a cookie after the first visit),
checked against the digests the store keeps (`Store.facilitates`), and every form its CSRF
value; a bad value re-renders the page with the reason.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from readiness.errors import OutputError, OutputExistsError
from readiness.web.export import export_path, export_session, replace_summary
from readiness.web.seats import answer_request, participants, remove_participant, seat_requests
from readiness.web.security import FACILITATOR_COOKIE, new_code, set_cookie
from readiness.web.session import (
    MAX_NOTE,
    InputProblem,
    build_spec,
    client_defaults,
    dimensions_of,
    framework_of,
    parse_level,
    period_files,
    questions_to_open,
    text,
)
from readiness.web.state import (
    STATE,
    TALLY,
    Workshop,
    checked_form,
    live_stream,
    session_of,
    workshop,
)
from readiness.web.storage import SessionRow
from readiness.web.views import missing_voters, render, session_context, statuses

FORBIDDEN = (
    "This page is for the facilitator. Open the facilitator link printed when the workshop "
    "server started."
)


async def facilitator(request: Request, token: str | None = None) -> Workshop:
    """The workshop, when the request carries a facilitator's token (`token`, else the
    cookie's); else 403."""
    state = workshop(request)
    given = request.cookies.get(FACILITATOR_COOKIE) if token is None else token
    if given is None or not await run_in_threadpool(state.store.facilitates, given):
        raise HTTPException(403, FORBIDDEN)
    return state


async def home(request: Request) -> Response:
    """The facilitator's start page; `?token=` signs the browser in and leaves the URL."""
    token = request.query_params.get("token")
    if token is not None:
        state = await facilitator(request, token)
        response = RedirectResponse("/facilitate", status_code=303)
        set_cookie(response, FACILITATOR_COOKIE, token, secure=state.secure)
        return response
    state = await facilitator(request)
    return await run_in_threadpool(_home_page, request, state, None, {})


def _home_page(
    request: Request, state: Workshop, error: str | None, form: dict[str, Any]
) -> Response:
    defaults = client_defaults(state.client_dir, state.today(), state.shelf)
    framework = defaults.framework
    chosen = set(form.get("questions", framework.questions()))
    dimensions = [
        (d.title, [(f"{d.id}.{q.id}", q.text, f"{d.id}.{q.id}" in chosen) for q in d.questions])
        for d in framework.dimensions
    ]
    values = {
        "organization": defaults.organization,
        "period": defaults.period,
        "assessor": defaults.assessor,
        "roles": "",
        "reveal": "anonymous",
        **{k: v for k, v in form.items() if k != "questions"},
    }
    sessions = [(s, len(s.spec["questions"])) for s in state.store.sessions()]
    periods = [p.stem for p in period_files(state.client_dir)]
    return render(
        state.env,
        request,
        "facilitator_home.html",
        {
            "error": error,
            "problem": defaults.problem,
            "values": values,
            "dimensions": dimensions,
            "sessions": sessions,
            "framework": framework,
            "client": state.client_dir.name,
            "client_name": defaults.organization or state.client_dir.name,
            "periods": periods,
            "today": state.today().isoformat(),
        },
        status=400 if error else 200,
        secure=state.secure,
    )


async def create(request: Request) -> Response:
    """Create a session from the form and open its page."""
    state = await facilitator(request)
    form = await checked_form(request)
    fields = {
        k: str(form.get(k) or "") for k in ("organization", "period", "assessor", "roles", "reveal")
    }
    questions = [str(q) for q in form.getlist("questions")]

    def make() -> Response:
        today = state.today()
        defaults = client_defaults(state.client_dir, today, state.shelf)
        try:
            spec = build_spec(fields, questions, defaults, today)
        except InputProblem as problem:
            return _home_page(request, state, str(problem), {**fields, "questions": questions})
        code = new_code()
        while state.store.session(code) is not None:
            code = new_code()
        state.store.create_session(code, spec)
        return RedirectResponse(f"/facilitate/{code}", status_code=303)

    return await run_in_threadpool(make)


def _session_page(
    request: Request,
    state: Workshop,
    code: str,
    *,
    error: str | None = None,
    export: dict[str, Any] | None = None,
    confirm: dict[str, Any] | None = None,
) -> Response:
    import segno

    session = session_of(state, code)
    join_url = f"{state.base_url}/join?code={session.code}"
    host = urlsplit(state.base_url).hostname or ""
    qr = segno.make(join_url, error="m").svg_inline(
        scale=5, dark="#0b1f33", title="QR code of the join link", omitsize=True
    )
    context = session_context(state.store, session, state.shelf)
    store = state.store
    progress = statuses(
        context["framework"],
        session,
        store.progress(code),
        store.agreed(code),
        store.votes(code),
        len(context["people"]),
    )
    keys = session.spec["questions"]
    opened = session.opened
    last = keys.index(opened[-1]) if opened else None
    following = keys[last + 1] if last is not None and last + 1 < len(keys) else None
    return render(
        state.env,
        request,
        "facilitator_session.html",
        {
            **context,
            "join_url": join_url,
            "qr": qr,
            "error": error,
            "export": export,
            "confirm": confirm,
            "statuses": progress,
            "waiting": seat_requests(store, code),
            "loopback": host in ("localhost", "::1") or host.startswith("127."),
            "only_disputed": request.query_params.get("show") == "disputed",
            "next_key": following,
            "tally_key": _tally_key(state, session),
            "export_name": export_path(state.client_dir, session).name,
        },
        status=400 if error else 200,
        secure=state.secure,
    )


def _tally_key(state: Workshop, session: SessionRow) -> str:
    """What the live part of the facilitator page shows, in short."""
    joined = len(participants(state.store, session.code))
    counts = [state.store.vote_count(session.code, key) for key in session.opened]
    return f"{joined}:{counts}:{session.version}"


async def page(request: Request) -> Response:
    """A session's facilitator page."""
    state = await facilitator(request)
    return await run_in_threadpool(_session_page, request, state, request.path_params["code"])


async def events(request: Request) -> Response:
    """Server-sent `tally` events whenever someone joins or votes."""
    state = await facilitator(request)
    code = request.path_params["code"]
    since = request.query_params.get("since", "")

    def key() -> str:
        return _tally_key(state, session_of(state, code))

    return live_stream(state, FACILITATOR_COOKIE, TALLY, since, key)


async def act(request: Request) -> Response:
    """One facilitator action on a session: open, reveal, agree, close or export."""
    state = await facilitator(request)
    form = await checked_form(request)
    code = request.path_params["code"]
    action = request.path_params["action"]

    def apply() -> Response:
        session = session_of(state, code)
        # Closing and removing someone ask first, on the page, with what they change; so
        # does revealing while someone has not voted.
        try:
            if action in ("close", "remove") and form.get("confirm") != "yes":
                return _session_page(request, state, code, confirm=_asking(state, session, form))
            if action == "reveal" and form.get("confirm") != "yes" and _behind(state, session):
                return _session_page(request, state, code, confirm={"action": "reveal"})
            export = _apply(state, session, action, form)
        except InputProblem as problem:
            return _session_page(request, state, code, error=str(problem))
        if export is not None:
            return _session_page(request, state, code, export=export)
        # Agreeing on one question of an open dimension keeps the page at that question.
        key = str(form.get("question") or "")
        anchor = f"#q-{key}" if action == "agree" and "." not in str(session.current) else ""
        return RedirectResponse(f"/facilitate/{code}{anchor}", status_code=303)

    response = await run_in_threadpool(apply)
    state.hub.notify(TALLY, STATE)
    return response


def _asking(state: Workshop, session: SessionRow, form: FormData) -> dict[str, Any]:
    """What the confirm step of closing (no respondent) or removing someone says."""
    respondent = str(form.get("respondent") or "")
    if "respondent" not in form:
        return {"action": "close"}
    who = next(
        (p for p in participants(state.store, session.code) if p.respondent == respondent), None
    )
    if who is None:
        raise InputProblem(f"Participant: '{respondent[:80]}' is not in this session")
    votes = sum(1 for v in state.store.votes(session.code) if v.respondent == respondent)
    return {"action": "remove", "who": who, "votes": votes}


def _behind(state: Workshop, session: SessionRow) -> bool:
    """Whether someone who joined has not voted on every open question (or nobody joined)."""
    people = participants(state.store, session.code)
    missing = missing_voters(session, people, state.store.votes(session.code))
    return bool(session.opened and not session.revealed and (missing.count or not people))


def _apply(
    state: Workshop, session: SessionRow, action: str, form: FormData
) -> dict[str, Any] | None:
    store, code = state.store, session.code
    if action == "export":
        return _export(state, session, form)
    if action == "reopen":
        store.update_session(code, closed=False)
        return None
    if session.closed:
        raise InputProblem("This session is closed; reopen it, export it, or create a new one.")
    if action == "open":
        _open(state, session, form)
    elif action == "reveal":
        if not session.opened:
            raise InputProblem("Open a question before revealing its votes.")
        store.reveal(code)
    elif action == "agree":
        _agree(state, session, form)
    elif action == "close":
        store.update_session(code, closed=True)
    elif action in ("approve", "refuse"):
        asked = str(form.get("request") or "")
        if not answer_request(store, code, asked, approve=action == "approve"):
            raise InputProblem("That phone no longer asks for a seat; nothing changed.")
    elif action == "remove":
        respondent = str(form.get("respondent") or "")
        if not remove_participant(store, code, respondent):
            raise InputProblem(f"Participant: '{respondent[:80]}' is not in this session")
    else:
        raise HTTPException(404, "Unknown action.")
    return None


def _export(state: Workshop, session: SessionRow, form: FormData) -> dict[str, Any]:
    replace = form.get("replace") == "yes"
    try:
        done = export_session(state.store, session, state.client_dir, state.shelf, replace=replace)
    except OutputExistsError:
        path = export_path(state.client_dir, session)
        return {
            "exists": True,
            "path": str(path),
            "summary": replace_summary(path, state.shelf),
        }
    except OutputError as error:  # the page says why, and the session is untouched
        raise InputProblem(f"Export: {error}") from None
    return {
        "exists": False,
        "path": str(done.path),
        "respondents": done.respondents,
        "votes": done.votes,
        "agreed": done.agreed,
        "backup": done.backup.name if done.backup else None,
        "carried": done.carried,
        "since": done.since,
    }


def _open(state: Workshop, session: SessionRow, form: FormData) -> None:
    if "dimension" in form:
        target = str(form.get("dimension") or "")
        if target not in dimensions_of(session.spec):
            raise InputProblem(f"Dimension: '{target[:80]}' is not a dimension of this session")
        keys = questions_to_open(session.spec, target, state.store.agreed(session.code))
        if not keys:
            raise InputProblem(
                "Dimension: every question of it is agreed; open one question to revisit it"
            )
    else:
        target = str(form.get("question") or "")
        if target not in session.spec["questions"]:
            raise InputProblem(f"Question: '{target[:80]}' is not a question of this session")
        keys = questions_to_open(session.spec, target, ())
    state.store.open(session.code, target, keys)


def _agree(state: Workshop, session: SessionRow, form: FormData) -> None:
    opened = session.opened
    if not opened or not session.revealed:
        raise InputProblem("Reveal the votes before recording the agreed level.")
    # One open question needs no name; of an open dimension, the form names its question.
    key = str(form.get("question") or (opened[0] if len(opened) == 1 else ""))
    if not key:
        raise InputProblem("Question: say which open question the agreed level is for")
    if key not in opened:
        raise InputProblem(f"Question: '{key[:80]}' is not open; open it first")
    framework = framework_of(session.spec, state.shelf)
    level = parse_level(str(form.get("level") or ""), framework.questions()[key], framework)
    note = text(str(form.get("note") or ""), "Note", required=False, limit=MAX_NOTE)
    state.store.agree(session.code, key, level, note or None)


def routes() -> list[Route]:
    """The facilitator's routes."""
    return [
        Route("/facilitate", home),
        Route("/facilitate/sessions", create, methods=["POST"]),
        Route("/facilitate/{code:str}", page),
        Route("/facilitate/{code:str}/events", events),
        Route("/facilitate/{code:str}/{action:str}", act, methods=["POST"]),
    ]
