"""Load benchmark of the live workshop: 30 participants vote on every question of a session.

Starts `readiness workshop serve` on 127.0.0.1 (SQLite in a temporary client folder, or
`--database postgresql://...`), signs the facilitator in, creates a session with every question
of ml-scaling, lets 30 simulated participants (one per role) join, then for each
question opens it and has every participant vote at once (at most one question a second, within
the server's limit of 60 saves a minute per phone). While the votes of a question are in
flight, a probe requests `/health`, a constant endpoint of the same server, to measure the
baseline in the same run under the same load.

Reports: votes acknowledged, votes found in the database afterwards (lost = acknowledged but
missing or different), p50/p95 of the vote latency and of the baseline, their ratio (target
<= 5), and the server's resident memory (current and peak).

    python bench/workshop_load.py [--participants 30] [--database postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
# A role is a seat (one phone each) and a session has at most 30 roles: the bench fills them all.
ROLES = [f"Executive {number}" for number in range(1, 31)]
QUESTION_SECONDS = 1.05
"""The least time between opening one question and the next: each phone then saves fewer than
60 votes a minute, the server's limit per phone."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    if not found:
        raise RuntimeError("no CSRF value on the page")
    return found.group(1)


def _start(folder: Path, database: str | None) -> tuple[subprocess.Popen[bytes], str, str]:
    port = _free_port()
    log = folder.parent / "server.log"
    extra = ["--database", database] if database else []
    with log.open("wb") as stream:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from readiness.cli import main; main()",
                "workshop",
                "serve",
                str(folder),
                "--port",
                str(port),
                *extra,
            ],
            stdout=stream,
            stderr=stream,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"^Facilitator.*: (\S+)$", log.read_text(), re.MULTILINE)
        try:
            if found and httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return process, base, found.group(1)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the server did not start: {log.read_text()}")


def _memory(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) // 1024
    return fields


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def _run(base: str, facilitator_url: str, participants: int) -> dict[str, object]:
    limits = httpx.Limits(max_connections=participants + 10)
    async with httpx.AsyncClient(base_url=base, follow_redirects=True, limits=limits) as fac:
        page = await fac.get(facilitator_url)
        csrf = _csrf(page.text)
        keys = re.findall(r'name="questions" value="([^"]+)"', page.text)
        created = await fac.post(
            "/facilitate/sessions",
            data={
                "csrf": csrf,
                "organization": "Acme Retail",
                "period": "2027-Q1",
                "assessor": "Load bench",
                "roles": "\n".join(ROLES),
                "reveal": "anonymous",
                "questions": keys,
            },
        )
        code = str(created.url).rsplit("/", 1)[1]
        people: list[tuple[httpx.AsyncClient, str]] = []

        async def join(index: int) -> None:
            person = httpx.AsyncClient(base_url=base, follow_redirects=False)
            token = _csrf((await person.get(f"/join?code={code}")).text)
            joined = await person.post(
                "/join", data={"csrf": token, "code": code, "role": ROLES[index % len(ROLES)]}
            )
            if joined.status_code != 303:
                raise RuntimeError(f"join failed: {joined.status_code}")
            people.append((person, token))

        await asyncio.gather(*(join(i) for i in range(participants)))
        vote_latency: list[float] = []
        health_latency: list[float] = []
        acknowledged: dict[tuple[int, str], str] = {}
        refused = 0
        voting = True
        burst = asyncio.Event()

        async def probe() -> None:
            # Only requests made while a room's votes are in flight count: the baseline is the
            # same server under the same load, not the server idle between questions.
            async with httpx.AsyncClient(base_url=base) as client:
                while voting:
                    during = burst.is_set()
                    started = time.perf_counter()
                    await client.get("/health")
                    if during and burst.is_set():
                        health_latency.append(time.perf_counter() - started)
                    await asyncio.sleep(0.01)

        async def vote(index: int, key: str, number: int) -> None:
            nonlocal refused
            person, token = people[index]
            level = str((index + number) % 5)
            started = time.perf_counter()
            answer = await person.post(
                f"/s/{code}/vote",
                data={"csrf": token, f"level:{key}": level, f"note:{key}": f"p{index} on {key}"},
            )
            vote_latency.append(time.perf_counter() - started)
            if answer.status_code == 303:
                acknowledged[(index, key)] = level
            else:
                refused += 1

        probes = [asyncio.create_task(probe()) for _ in range(4)]
        started = time.perf_counter()
        for number, key in enumerate(keys):
            opened = time.perf_counter()
            await fac.post(f"/facilitate/{code}/open", data={"csrf": csrf, "question": key})
            burst.set()
            await asyncio.gather(*(vote(i, key, number) for i in range(len(people))))
            burst.clear()
            # A phone may save at most `votes_per_minute` (60) times a minute: a room that
            # answers a question a second stays within it, so every vote is one the server
            # takes (what is measured is its speed, not its rate limit).
            await asyncio.sleep(max(0.0, QUESTION_SECONDS - (time.perf_counter() - opened)))
        elapsed = time.perf_counter() - started
        voting = False
        await asyncio.gather(*probes)
        export = await fac.post(f"/facilitate/{code}/export", data={"csrf": csrf})
        if "Exported" not in export.text:
            raise RuntimeError("the export failed")
        for person, _ in people:
            await person.aclose()
    return {
        "code": code,
        "questions": len(keys),
        "participants": len(people),
        "acknowledged": acknowledged,
        "refused": refused,
        "seconds": round(elapsed, 1),
        "vote_latency": vote_latency,
        "health_latency": health_latency,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=len(ROLES), choices=range(1, 31))
    parser.add_argument("--database", help="postgresql://... (default: SQLite in the folder)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="readiness-workshop-bench-"))
    folder = work / "acme"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    process, base, facilitator_url = _start(folder, options.database)
    try:
        result = asyncio.run(_run(base, facilitator_url, options.participants))
        memory = _memory(process.pid)
    finally:
        process.terminate()
        process.wait(10)
    import yaml

    exported = yaml.safe_load((folder / "2027-Q1.yaml").read_text())
    acknowledged: dict[tuple[int, str], str] = result["acknowledged"]  # type: ignore[assignment]
    lost = 0
    for (index, key), level in acknowledged.items():
        # Each vote's note names its sender: find the respondent who wrote it.
        answer = exported["answers"].get(key, {})
        authors = [
            who for who, note in answer.get("notes", {}).items() if note == f"p{index} on {key}"
        ]
        stored = answer.get("votes", {}).get(authors[0]) if len(authors) == 1 else None
        if stored is None or str(stored) != level:
            lost += 1
    votes: list[float] = result["vote_latency"]  # type: ignore[assignment]
    health: list[float] = result["health_latency"]  # type: ignore[assignment]
    report = {
        "database": "postgresql" if options.database else "sqlite",
        "participants": result["participants"],
        "questions": result["questions"],
        "votes_sent": len(votes),
        "votes_acknowledged": len(acknowledged),
        "votes_refused": result["refused"],
        "votes_lost": lost,
        "voting_seconds": result["seconds"],
        "vote_p50_ms": round(1000 * statistics.median(votes), 1),
        "vote_p95_ms": round(1000 * _percentile(votes, 0.95), 1),
        "health_requests": len(health),
        "health_p50_ms": round(1000 * statistics.median(health), 1),
        "health_p95_ms": round(1000 * _percentile(health, 0.95), 1),
        "p95_ratio": round(_percentile(votes, 0.95) / _percentile(health, 0.95), 2),
        "server_rss_mib": memory.get("VmRSS"),
        "server_peak_rss_mib": memory.get("VmHWM"),
    }
    print(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    if lost or report["p95_ratio"] > 5:  # type: ignore[operator]
        sys.exit(1)


if __name__ == "__main__":
    main()
