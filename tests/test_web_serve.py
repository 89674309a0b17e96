"""The `workshop serve` command: what it prints and warns, what it refuses, that a server
killed mid-session (kill -9) restarts with every acknowledged vote and stops on Ctrl-C
without alarming anyone, what reaches its terminal, and which names it answers to."""

from __future__ import annotations

import io
import logging
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.web.serve import base_url, expected_hosts, exposure_warning, terminal_log
from readiness.web.storage import Store, database_url
from web_helpers import Browser, csrf_of, open_room, serve_session, start_server


def test_the_command_line_does_not_load_the_web_stack() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        "try:\n    main(['workshop', 'serve', '--help'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'sqlalchemy', 'segno', 'jinja2')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]")
    assert "--database" in out.stdout and "CLIENT_DIR" in out.stdout


def test_binding_beyond_this_machine_warns_what_it_exposes() -> None:
    assert exposure_warning("127.0.0.1") is None
    warning = exposure_warning("0.0.0.0")
    assert warning is not None and "anyone who can reach this machine" in warning
    assert base_url("127.0.0.1", 8000, None) == "http://127.0.0.1:8000"
    assert base_url("0.0.0.0", 8000, "https://workshop.example.org/") == (
        "https://workshop.example.org"
    )


def test_bad_arguments_get_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["workshop", "serve", str(tmp_path / "nope")])
    assert missing.exit_code == 1
    assert (
        missing.output
        == f"{tmp_path / 'nope'}: not a folder (give the client folder of the workshop)\n"
    )
    database = runner.invoke(
        main, ["workshop", "serve", str(tmp_path), "--database", "postgresql://u@127.0.0.1:1/x"]
    )
    assert database.exit_code == 1
    assert database.output.startswith("--database: cannot open the database: ")
    assert "Traceback" not in database.output
    for option, value, said in (
        ("--database", "mysql://x", "not a database this server can use"),
        ("--url", "javascript:alert(1)", "not a web address"),
        ("--database", "postgresql://u@h:port/x", "--database postgresql://u@h:port/x: not a"),
    ):
        refused = runner.invoke(main, ["workshop", "serve", str(tmp_path), option, value])
        assert refused.exit_code == 2, refused.output
        assert said in refused.output and "Facilitator" not in refused.output
        assert "Traceback" not in refused.output and len(refused.output.splitlines()) == 1


def test_a_database_password_is_never_shown(tmp_path: Path) -> None:
    for database in ("mysql://ann:s3cret@h/x", "postgresql://ann:s3cret@127.0.0.1:port/x"):
        refused = CliRunner().invoke(
            main, ["workshop", "serve", str(tmp_path), "--database", database]
        )
        assert refused.exit_code == 2, refused.output
        assert "s3cret" not in refused.output and "ann:***@" in refused.output


def test_an_address_the_server_cannot_listen_on_is_one_line_before_any_link(
    tmp_path: Path,
) -> None:
    import socket

    runner = CliRunner()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(main, ["workshop", "serve", str(tmp_path), "--port", str(port)])
    assert busy.exit_code == 1
    assert busy.output.startswith(f"--host 127.0.0.1 --port {port}: cannot listen there: ")
    assert "Facilitator" not in busy.output and "Traceback" not in busy.output


def test_a_killed_server_restarts_with_every_acknowledged_vote(folder: Path) -> None:
    server = start_server(folder)
    try:
        fac, csrf, code, keys = serve_session(server, "CEO\nCDO", 2, named=False)
        fac.post(f"/facilitate/{code}/open", data={"csrf": csrf, "question": keys[0]})
        people = []
        for role, level in (("CEO", "1"), ("CDO", "4")):
            person = httpx.Client(base_url=server.base, follow_redirects=True)
            token = csrf_of(person.get(f"/join?code={code}").text)
            person.post("/join", data={"csrf": token, "code": code, "role": role})
            voted = person.post(
                f"/s/{code}/vote",
                data={
                    "csrf": token,
                    f"level:{keys[0]}": level,
                    f"note:{keys[0]}": f"{role} said so",
                },
            )
            assert "Saved: <strong>" in voted.text  # acknowledged
            people.append((person, token))
        limits = Path(f"/proc/{server.process.pid}/limits")
        if limits.exists():  # each connection is an open file: the server raised its limit
            line = next(x for x in limits.read_text().splitlines() if "open files" in x)
            soft, hard = line.split()[3:5]
            assert soft == hard or int(soft) >= 8192
        server.kill()
        server = start_server(folder)
        for person, _ in people:
            person.base_url = httpx.URL(server.base)
        fac.base_url = httpx.URL(server.base)
        assert "<strong>2</strong> of 2 voted" in fac.get(f"/facilitate/{code}").text
        revealed = fac.post(f"/facilitate/{code}/reveal", data={"csrf": csrf})
        assert "CEO said so" in revealed.text and "CDO said so" in revealed.text
        assert "Disputed" in revealed.text  # 1 and 4: the votes came back as cast
        person, token = people[0]
        assert "How the room voted" in person.get(f"/s/{code}").text  # the cookie still works
        with fac.stream("GET", f"/facilitate/{code}/events", timeout=10) as live:
            assert live.status_code == 200
            server.process.send_signal(signal.SIGINT)  # Ctrl-C with a live page open
            server.process.wait(10)
    finally:
        server.stop()
    said = (folder.parent / f"server-{server.base.rsplit(':', 1)[1]}.log").read_text()
    assert "ERROR" not in said and "Traceback" not in said  # nothing to alarm anyone


@pytest.fixture
def store(folder: Path) -> Iterator[Store]:
    """A store in SQLite: what these tests check does not depend on the database."""
    opened = Store(database_url(folder, None))
    yield opened
    opened.close()


def test_the_terminal_shows_what_clients_sent_as_text(
    store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = open_room(store, folder)
    ceo = room.join("Chief Executive Officer")

    def broken(*_args: object) -> None:
        raise RuntimeError("\x1b]2;owned\x07 failed")

    monkeypatch.setattr(store, "member", broken)
    terminal = io.StringIO()
    handler = terminal_log(terminal)
    logging.getLogger().addHandler(handler)
    try:
        visitor = Browser(room.state, raise_errors=False)
        visitor.http.cookies = ceo.http.cookies
        assert visitor.http.get("/s/%1b%5b2J%1b%5b31m/vote").status_code == 405
        assert visitor.http.get(f"/s/{room.code}?x=%1b%5b2J").status_code == 500
        assert visitor.http.get("/s/%1b%5b2J").status_code == 500
        logging.getLogger("python_multipart.multipart").warning("Did not find CR at end")
    finally:
        logging.getLogger().removeHandler(handler)
    shown = terminal.getvalue()
    assert "request failed: GET /s/\\x1b[2J" in shown and "\\x1b]2;owned\\x07 failed" in shown
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Did not find CR" not in shown


def test_a_server_on_this_machine_answers_only_to_its_own_names(store: Store, folder: Path) -> None:
    # A page on another site can make its own name point at 127.0.0.1 (DNS rebinding) and
    # so reach a server bound to this machine; its requests carry that name as their Host.
    room = open_room(store, folder)
    room.state.hosts = expected_hosts("127.0.0.1", room.state.base_url)
    page = f"/facilitate/{room.code}"
    rebound = room.facilitator.http.get(page, headers={"host": "attacker.example:8000"})
    assert rebound.status_code == 400
    assert (
        rebound.text == "This workshop server answers at http://testserver only; open that address."
    )
    assert rebound.headers["x-frame-options"] == "DENY"
    for host in ("testserver", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert room.facilitator.http.get(page, headers={"host": host}).status_code == 200
    assert expected_hosts("0.0.0.0", "http://192.168.1.5:8000") is None
    assert expected_hosts("127.0.0.1", "https://workshop.example.org") == {
        "127.0.0.1",
        "localhost",
        "::1",
        "workshop.example.org",
    }
