"""The report's money as a finance reader meets it: every client's key facts say what the
amounts leave out, every client with a rate gets the table of spend by year (at the end of the
first wave when there is no What it takes page), and no amount below a million is written as a
fraction of a million."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from readiness.load import Shelf
from readiness.pipeline import report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")


@pytest.fixture(scope="module")
def html(shelf: Shelf, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every bundled client's report HTML, rendered once."""
    folder = tmp_path_factory.mktemp("money")
    found = {}
    for client in BUNDLED:
        target = folder / f"{client}.html"
        report(
            EXAMPLES / client / "2026-Q4.yaml",
            generated=dt.date(2026, 12, 5),
            output=target,
            html=True,
            shelf=shelf,
        )
        found[client] = target.read_text("utf-8")
    return found


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, anchor: str) -> str:
    """The text of the `<section>` with this id."""
    found = re.search(rf'<section[^>]*id="{anchor}".*?</section>', html, re.S)
    assert found is not None, anchor
    return _text(found[0])


@pytest.mark.parametrize("client", BUNDLED)
def test_every_funding_key_fact_says_what_the_amounts_count(
    client: str, html: dict[str, str]
) -> None:
    summary = _section(html[client], "summary")
    # The column is headed as team effort; the headline above it gives the rate.
    assert "Funding: team effort" in summary
    assert re.search(r"Fund now: .+? No software, cloud or contingency\.", summary), summary
    assert re.search(r"at [A-Z]{3} [\d,]+ a person-month\)", summary), summary


@pytest.mark.parametrize("client", ["lumen-insurance", "meridian-telecom"])
def test_a_report_without_what_it_takes_shows_the_money_after_the_first_wave(
    client: str, html: dict[str, str]
) -> None:
    assert 'id="what-it-takes"' not in html[client]
    wave = _section(html[client], "first-wave")
    said = wave[wave.index("What it costs") :]
    # The plan spans more than one calendar year: the table by year, and what the cost counts.
    assert "The whole plan by calendar year" in said
    assert re.search(
        r"Team effort at [A-Z]{3} [\d,]+ a person-month; software, cloud and contingency not "
        r"included\.",
        said,
    ), said
    if client == "meridian-telecom":
        # Its first wave has two parts: the table by purpose too, and the years' rounding note.
        assert "First-wave cost by purpose" in said
        assert "Amounts are rounded, so the parts may not add up to the total." in said


@pytest.mark.parametrize("client", BUNDLED)
def test_no_amount_below_a_million_is_written_in_millions(
    client: str, html: dict[str, str]
) -> None:
    text = _text(html[client])
    assert not re.search(r"[A-Z]{3} 0\.\d+ million", text)
    # And every amount in millions is at least one.
    for figure in re.findall(r"[A-Z]{3} ([\d,.]+) million", text):
        assert float(figure.replace(",", "")) >= 1, figure


def test_acme_retails_key_facts_say_what_the_asks_months_need(html: dict[str, str]) -> None:
    summary = _section(html["acme-retail"], "summary")
    # 115 person-months of first wave and 69 of later waves in Jan – Sep 2027 at EUR 12,500.
    assert (
        "Fund now: about EUR 1.44 million, Jan 2027 – Sep 2027 Later waves by Sep 2027: EUR "
        "862,500." in summary
    )
    assert (
        "Of this, EUR 643,750 is for the minimum department scale requires and EUR 475,000 for "
        "1 high-severity fix and 2 live exposures contained until their lasting fixes (from Aug "
        "2027); EUR 187,500 continues other work already under way; EUR 131,250 goes to "
        "improvements from Feb 2027 that could wait without delaying department scale."
    ) in summary
