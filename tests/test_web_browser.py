"""The live workshop in a real browser: a facilitator and three participants, each in their own
browser context, on a real server process; the export is validated and scored.

Needs Chromium at /usr/bin/chromium (apt-get install chromium) and the `playwright` package;
skips with the reason otherwise. Screenshots of every view go to a temporary folder, or to
docs/workshop/ for the README with UPDATE_SNAPSHOTS=1.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.blank import quarter_of
from readiness.cli import main
from readiness.web.storage import Store, database_url
from web_helpers import ROOT, Server, serve_session, start_server

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
ROLES = ["Chief Executive Officer", "Chief Data Officer", "Chief Financial Officer"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)


UNNAMED_CONTROLS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, a[href]')].filter(el => {
    const labelled = el.labels && [...el.labels].some(l => l.textContent.trim());
    const own = (el.getAttribute('aria-label') || '').trim()
        || (['BUTTON', 'A'].includes(el.tagName) && el.textContent.trim());
    return !(labelled || own);
}).map(el => el.outerHTML)"""


def shot(page: object, path: Path, *, full_page: bool = False) -> None:
    """Screenshot a view after checking that every control on it has an accessible name."""
    unnamed = page.evaluate(UNNAMED_CONTROLS)  # type: ignore[attr-defined]
    assert unnamed == [], f"controls without an accessible name on {path.name}: {unnamed}"
    page.screenshot(path=path, full_page=full_page)  # type: ignore[attr-defined]


def launch(playwright: object) -> object:
    """Debian's Chromium, headless."""
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )


@pytest.fixture
def server(folder: Path) -> Iterator[Server]:
    running = start_server(folder)
    yield running
    running.stop()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        return ROOT / "docs" / "workshop"
    return tmp_path / "shots"


def test_a_workshop_in_the_browser(server: Server, folder: Path, shots: Path) -> None:
    expect = playwright_api.expect
    shots.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        desk = browser.new_context(viewport=DESKTOP)
        fac = desk.new_page()
        fac.goto(server.facilitator_url)
        expect(fac.get_by_role("heading", name="New workshop session")).to_be_visible()
        assert "token" not in fac.url  # the token moved to a cookie
        expect(fac.get_by_label("Organization", exact=True)).to_have_value("Acme Retail")
        # Today's quarter, which the export's date falls in (`validate --strict` checks it).
        period = quarter_of(dt.date.today())
        expect(fac.get_by_label("Period", exact=True)).to_have_value(period)
        fac.get_by_label("Facilitator", exact=True).fill("A. Facilitator")
        fac.get_by_label("Respondents' roles, one per line", exact=True).fill("\n".join(ROLES))
        fac.get_by_role("heading", name="New workshop session").click()  # no focus ring
        shot(fac, shots / "facilitator-new-session.png")
        fac.get_by_role("button", name="Create session").click()
        expect(fac.get_by_role("heading", name="Ready when the room is")).to_be_visible()
        code = fac.locator(".code").inner_text().strip()

        phones = []
        for index, role in enumerate(ROLES):
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            phone = context.new_page()
            phone.goto(f"{server.base}/join?code={code}")
            expect(phone.get_by_label("Workshop code", exact=True)).to_have_value(code)
            phone.get_by_label("Your role", exact=True).select_option(role)
            if index == 0:
                shot(phone, shots / "participant-join.png")
            phone.get_by_role("button", name="Join").click()
            expect(phone.get_by_role("heading", name="You have joined")).to_be_visible()
            phones.append(phone)
        expect(fac.locator("#tally")).to_contain_text("3 joined")
        remove = fac.get_by_role("button", name="Remove participant Chief Data Officer")
        box = remove.bounding_box()
        assert box and box["width"] > 2 * box["height"], "Remove wraps"
        expect(fac.locator("#people")).not_to_contain_text("chief-data-officer")
        shot(fac, shots / "facilitator-join.png")

        fac.get_by_role("button", name="Open the first question").click()
        question = fac.locator("h2.question").inner_text()
        for phone in phones:  # the open question reaches the phones without a reload
            expect(phone.get_by_role("heading", name=question)).to_be_visible()
        expect(fac.locator("#tally")).to_contain_text("0 of 3 voted")

        for phone, level in zip(phones, ("1", "3", "3"), strict=True):
            phone.get_by_role("radio", name=re.compile(rf"^{level} · ")).check()
            phone.get_by_role("button", name="Save my answer").click()
            expect(phone.locator(".savebar")).to_contain_text(f"Your vote: {level} · ")
        cast = time.monotonic()
        expect(fac.locator("#tally")).to_contain_text("3 of 3 voted", timeout=5000)
        delay = time.monotonic() - cast
        assert delay < 2.0, f"the facilitator's count took {delay:.1f} s to show the last vote"

        ceo = phones[0]
        ceo.get_by_role("radio", name=re.compile(r"^2 · ")).check()
        ceo.get_by_label("Note (optional)", exact=True).fill(
            "The catalogue covers the finance data only."
        )
        ceo.get_by_role("button", name="Save my answer").click()
        expect(ceo.locator(".confirm")).to_contain_text("Saved: 2 · ")
        shot(ceo, shots / "participant-vote.png")
        shot(fac, shots / "facilitator-voting.png")

        fac.get_by_role("button", name="Reveal votes").click()
        expect(fac.get_by_role("list", name="Votes per level")).to_be_visible()
        expect(fac.get_by_text("Aligned")).to_be_visible()
        # The whole step on the room's screen: votes, notes, the agreement and the way on.
        for name in ("Record agreed level", "Next question"):
            expect(fac.get_by_role("button", name=name)).to_be_in_viewport(ratio=1)
        expect(fac.get_by_text("The catalogue covers the finance data only.")).to_be_in_viewport()
        expect(fac.locator(".qr")).to_be_hidden()  # the join panel folded to its code
        expect(fac.locator(".code-chip")).to_have_text(f"code {code}")
        fac.get_by_label("Agreed level", exact=True).select_option("3")
        fac.get_by_label("Note on the agreement (optional)", exact=True).fill(
            "Finance is ahead; others are not."
        )
        fac.get_by_role("button", name="Record agreed level").click()
        expect(fac.get_by_role("status")).to_contain_text("Agreed: 3 · ")
        chip = fac.locator(".chip.agreed").first  # a chip, not a banner: no bar at its side
        assert chip.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
        shot(fac, shots / "facilitator-reveal.png", full_page=True)
        for phone in phones:
            expect(phone.get_by_role("status")).to_contain_text("Agreed level: 3 · ")
        shot(phones[1], shots / "participant-reveal.png", full_page=True)

        # A whole dimension at once: each phone lists its questions; levels chosen as people
        # read are all saved by one tap, and the save bar stays in view.
        fac.get_by_text("Open a whole dimension").click()
        fac.get_by_role("button", name="Open dimension Value and measurement").click()
        expect(fac.get_by_role("heading", name="Value and measurement")).to_be_visible()
        first = fac.locator("h3.question").first.inner_text()
        for phone in phones:
            expect(phone.get_by_role("heading", name="Value and measurement")).to_be_visible()
            expect(phone.get_by_role("heading", name=first)).to_be_visible()
        number = int(fac.locator(".open-question .eyebrow").first.inner_text().split()[1])
        count = fac.locator("h3.question").count()
        assert count == 12, "Value and measurement has 12 questions in the default framework"
        for phone, levels in zip(phones, (("1", "2"), ("3", "2"), ("3", "2")), strict=True):
            for offset, level in enumerate(levels):
                label = f"question {number + offset}"
                phone.get_by_role("group", name=f"Your level for {label}").get_by_role(
                    "radio", name=re.compile(rf"^{level} · ")
                ).check()
            phone.get_by_label(f"Note on question {number} (optional)", exact=True).fill(
                "Only in sales."
            )
            phone.get_by_role("button", name="Save my answers").click()
            expect(phone.locator(".savebar")).to_contain_text(f"2 of {count} saved")
            expect(phone.locator(".savebar")).to_contain_text("✓ Saved 2 answers")
            expect(phone.locator(".savebar")).to_be_in_viewport()
        expect(fac.locator("#tally")).to_contain_text(f"6 of {3 * count} answers in", timeout=5000)
        shot(phones[2], shots / "participant-dimension.png")
        shot(fac, shots / "facilitator-dimension.png")
        fac.get_by_role("button", name="Reveal votes").click()
        expect(fac.get_by_role("heading", name="Reveal now? 3 of 3 have not")).to_be_visible()
        shot(fac, shots / "facilitator-reveal-confirm.png")
        fac.get_by_role("button", name="Reveal anyway").click()
        expect(fac.get_by_role("list", name="Votes per level")).to_have_count(count)
        fac.get_by_label(f"Agreed level, question {number}", exact=True).select_option("2")
        fac.get_by_role("button", name=f"Record agreed level, question {number}").click()
        expect(fac.get_by_role("status")).to_contain_text("Agreed: 2 · ")
        for phone in phones:
            expect(phone.get_by_role("status")).to_contain_text("Agreed level: 2 · ")

        target = folder / f"{period}.yaml"
        existed = target.exists()  # the example's period, when today falls in it
        fac.get_by_role("button", name=f"Export {target.name}").click()
        if existed:
            fac.get_by_role("button", name=f"Replace {target.name}").click()
        expect(fac.get_by_role("status").first).to_contain_text("Exported")
        fac.get_by_role("button", name=f"Export {target.name}").click()  # its own file now
        expect(fac.get_by_role("status").first).to_contain_text("this session's own export")
        browser.close()

    runner = CliRunner()
    # A workshop that covered a few questions is below the framework's minimum coverage: a
    # warning (an error only under --strict); nothing else may be wrong with the export.
    checked = runner.invoke(main, ["validate", str(target)])
    warned = [line for line in checked.output.splitlines() if str(target) in line]
    assert all("minimum coverage" in line for line in warned), checked.output
    assert checked.exit_code == 0, checked.output
    scored = runner.invoke(main, ["score", str(target), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    text = target.read_text()
    assert re.search(r"r[123]: 2", text) and "level: 3" in text and "Chief" not in text
    assert "level: 2" in text  # the agreed level of the dimension's first question


def test_a_phone_375_px_wide_shows_long_names_and_notes_without_scrolling_sideways(
    server: Server, folder: Path, shots: Path
) -> None:
    # A pasted link has no space to wrap at; a long role and name fill the phone's top bar.
    role = "Senior Vice President of Enterprise Data Platforms and Machine Learning Operations"
    link = "https://intranet.example.com/data-catalogue/" + "x" * 120
    fac, csrf, code, keys = serve_session(server, f"{role}\nCEO", 1)
    fac.post(f"/facilitate/{code}/open", data={"csrf": csrf, "question": keys[0]})
    expect = playwright_api.expect
    shots.mkdir(parents=True, exist_ok=True)
    narrow = {"width": 375, "height": 740}
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        phone = browser.new_context(viewport=narrow, is_mobile=True, has_touch=True).new_page()  # type: ignore[attr-defined]
        phone.goto(f"{server.base}/join?code={code}")
        phone.get_by_label("Your role", exact=True).select_option(role)
        phone.get_by_label("Your name", exact=True).fill("Maximiliane von Hohenzollern-Auerstedt")
        phone.get_by_role("button", name="Join").click()
        phone.get_by_role("radio", name=re.compile(r"^2 · ")).check()
        phone.get_by_label("Note (optional)", exact=True).fill(f"See {link}")
        phone.get_by_role("button", name="Save my answer").click()
        expect(phone.locator(".confirm")).to_contain_text("Saved: 2 · ")
        fac.post(f"/facilitate/{code}/reveal", data={"csrf": csrf})
        expect(phone.get_by_text("How the room voted")).to_be_visible()  # live, no reload
        shot(phone, shots / "participant-narrow-reveal.png", full_page=True)
        screen = browser.new_context(viewport=narrow).new_page()  # type: ignore[attr-defined]
        screen.goto(server.facilitator_url)
        screen.goto(f"{server.base}/facilitate/{code}")
        shot(screen, shots / "facilitator-narrow-reveal.png", full_page=True)
        for view in (phone, screen):
            expect(view.get_by_text(link[-40:], exact=False).first).to_be_visible()
            assert view.evaluate("() => document.documentElement.scrollWidth") <= narrow["width"]


def test_a_tapped_level_is_the_vote_and_a_note_not_yet_saved_survives_a_reload(
    server: Server, folder: Path, shots: Path
) -> None:
    expect = playwright_api.expect
    fac, csrf, code, keys = serve_session(server, "Chief Financial Officer\nCEO", 13)
    fac.post(f"/facilitate/{code}/open", data={"csrf": csrf, "question": keys[0]})  # type: ignore[attr-defined]
    shots.mkdir(parents=True, exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        phone = browser.new_context(
            viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True
        ).new_page()  # type: ignore[attr-defined]
        asked: list[str] = []

        def leave(dialog: object) -> None:
            asked.append(dialog.type)  # type: ignore[attr-defined]
            dialog.accept()  # type: ignore[attr-defined]

        phone.on("dialog", leave)
        phone.goto(f"{server.base}/join?code={code}")
        phone.get_by_label("Your role", exact=True).select_option("Chief Financial Officer")
        phone.get_by_label("Your name", exact=True).fill("Maximiliane Alexandra von Hohenzollern")
        phone.get_by_role("button", name="Join").click()
        expect(phone.locator(".seat-role")).to_have_text("Chief Financial Officer")
        role_box = phone.locator(".seat-role").bounding_box()
        assert role_box and role_box["x"] + role_box["width"] <= 360  # the role stays in view
        # One tap on a level is the vote: saved at once, without the button.
        phone.get_by_role("radio", name=re.compile(r"^3 · ")).check()
        expect(phone.locator(".confirm")).to_contain_text("Saved: 3 · ")
        expect(phone.locator(".savebar")).to_contain_text("Your vote: 3 · ")
        assert fac.get(f"/facilitate/{code}").text.count("<strong>1</strong> of 1 voted") == 1  # type: ignore[attr-defined]
        phone.get_by_role("radio", name=re.compile(r"^2 · ")).check()  # changed before the reveal
        expect(phone.locator(".confirm")).to_contain_text("Saved: 2 · ")
        shot(phone, shots / "participant-tap-saved.png")
        phone.reload()
        expect(phone.get_by_role("radio", name=re.compile(r"^2 · "))).to_be_checked()

        # A whole dimension: a note typed on a question not yet answered stays on the phone
        # through a reload (and leaving asks first); a level tapped on another is saved.
        fac.post(f"/facilitate/{code}/open", data={"csrf": csrf, "dimension": "data"})  # type: ignore[attr-defined]
        expect(phone.get_by_text("Note on question 2 (optional)")).to_be_visible()
        phone.get_by_role("group", name="Your level for question 2").get_by_role(
            "radio", name=re.compile(r"^1 · ")
        ).check()
        expect(phone.locator("#savebar-status")).to_contain_text("2 of 12 saved")
        note = phone.get_by_label("Note on question 3 (optional)", exact=True)
        note.press_sequentially("A catalogue project started in October")
        expect(phone.locator("#pending")).to_contain_text("choose a level")
        shot(phone, shots / "participant-draft.png")
        phone.reload()
        expect(phone.get_by_label("Note on question 3 (optional)", exact=True)).to_have_value(
            "A catalogue project started in October"
        )
        assert asked == ["beforeunload"]
        expect(
            phone.get_by_role("group", name="Your level for question 2").get_by_role(
                "radio", name=re.compile(r"^1 · ")
            )
        ).to_be_checked()
        # Choosing its level sends the note with it; nothing is left to keep.
        phone.get_by_role("group", name="Your level for question 3").get_by_role(
            "radio", name=re.compile(r"^2 · ")
        ).check()
        expect(phone.locator(f"[id='saved-{keys[2]}']")).to_contain_text("Saved: 2 · ")
        expect(phone.locator("#pending")).to_be_hidden()
        phone.reload()
        assert asked == ["beforeunload"]
        browser.close()
    store = Store(database_url(folder, None))
    notes = [(v.question, v.value, v.note) for v in store.votes(code) if v.note]
    store.close()
    assert notes == [(keys[2], 2.0, "A catalogue project started in October")]


def test_questions_are_chosen_a_dimension_at_a_time(server: Server, shots: Path) -> None:
    expect = playwright_api.expect
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        fac = browser.new_context(viewport=DESKTOP).new_page()  # type: ignore[attr-defined]
        fac.goto(server.facilitator_url)
        fac.get_by_label("Respondents' roles, one per line", exact=True).fill("CEO\nCFO")
        fac.get_by_role("button", name="Select none").click()
        expect(fac.locator("input[name=questions]:checked")).to_have_count(0)
        fac.get_by_text("Value and measurement").first.click()  # unfold it
        fac.get_by_label("All questions of Value and measurement", exact=True).check()
        expect(fac.locator("input[name=questions]:checked")).to_have_count(12)
        value = fac.locator("details.dimension", has_text="All questions of Value and measurement")
        expect(value.locator("summary")).to_contain_text("(12 of 12)")
        value.locator("input[name=questions]").first.uncheck()
        expect(value.locator("summary")).to_contain_text("(11 of 12)")
        whole = value.get_by_label("All questions of Value and measurement", exact=True)
        assert whole.evaluate("box => box.indeterminate")
        shot(fac, shots / "facilitator-choose-questions.png")
        fac.get_by_role("button", name="Create session").click()
        expect(fac.get_by_role("heading", name="Ready when the room is")).to_be_visible()
        expect(fac.locator(".head")).to_contain_text("11 questions")
        browser.close()
