"""The client's own words in the report: cleaned, shortened, attributed, escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readiness.pipeline import report
from readiness.report.quotes import LONG_SENTENCE, QUOTE_CHARS, clean_words, shorten
from test_report_story import story_of

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"


def test_control_characters_and_line_breaks_never_reach_the_page() -> None:
    assert clean_words("ETL per\nteam\x1b[31m\u200b  red\x07") == "ETL per team [31m red"


def test_a_long_note_keeps_its_first_sentences_or_is_cut_at_a_word() -> None:
    first = "Owners are recorded for the main data sets."
    long = first + " " + "The role has no written duties at all, " * 6
    assert shorten(long) == first
    # A first sentence somewhat over the limit is quoted whole, never cut mid-sentence...
    whole = "A sentence " + "that runs on " * 15 + "to its end."
    assert QUOTE_CHARS < len(whole) <= QUOTE_CHARS * LONG_SENTENCE
    assert shorten(whole + " " + first) == whole
    # ... and only one far too long for a quote is cut at a word, with an ellipsis.
    words = "word " * 80
    cut = shorten(words)
    assert len(cut) <= QUOTE_CHARS and cut.endswith("word…")
    assert shorten("Short and whole.") == "Short and whole."


def test_a_quote_keeps_its_sentence_whole_past_a_semicolon_and_writes_dates_out() -> None:
    note = (
        "The customer team runs A/B tests on the outage text alerts; grid models are compared "
        "with their predecessors only in ad hoc shadow runs, each designed differently."
    )
    assert shorten(note, 150) == note  # never cut at the semicolon
    dated = "The COO chaired steering reviews on 2026-09-17 and 2026-11-12."
    assert (
        shorten(dated)
        == "The COO chaired steering reviews on 17 September 2026 and 12 November 2026."
    )
    assert shorten("Due 2026-02-30, not a day.") == "Due 2026-02-30, not a day."


def test_under_a_finding_the_sentence_that_says_what_is_missing_is_quoted() -> None:
    note = (
        "A sponsor chairs the steering review each quarter and the minutes record its decisions "
        "on funding. Costs and benefits of use cases are not tracked after go-live."
    )
    assert shorten(note, 100, shortfall=True) == (
        "Costs and benefits of use cases are not tracked after go-live."
    )
    assert shorten(note, 100).startswith("A sponsor chairs")


def test_a_theme_quotes_the_answer_its_finding_finds_short() -> None:
    # "Executive backing rests on belief" reads sponsorship (strong) and ROI tracking (short):
    # the sponsor's steering minutes are no evidence of it, so they are not quoted under it.
    story, _ = story_of("acme-retail")
    value = next(t for t in story.themes if t.dimension == "Value and measurement")
    assert value.quote is None or "steering reviews" not in value.quote.text


def test_themes_and_disputes_quote_the_client_by_role() -> None:
    story, _ = story_of("northwind-bank")
    quoted = [t.quote for t in story.themes if t.quote]
    assert quoted and all(len(q.text) <= QUOTE_CHARS * LONG_SENTENCE for q in quoted)
    assert all(q.text.endswith((".", "!", "?", "…")) for q in quoted)
    assert story.workshop is not None
    monitoring = next(d for d in story.workshop.disputes if "monitored" in d.question)
    assert monitoring.quote is not None
    assert "morning batch reconciliation" in monitoring.quote.text
    assert monitoring.quote.who == "note agreed in the workshop"
    # Without a shared note, the lowest voter's own note, under their role.
    single, _ = story_of("acme-retail")  # no respondents: the organization answered
    assert {t.quote.who for t in single.themes if t.quote} == {"Acme Retail"}


def test_markup_in_a_note_is_shown_as_written(tmp_path: Path) -> None:
    text = NORTHWIND.read_text(encoding="utf-8").replace(
        "the 19 models outside", "<b>the 19 models</b>\u202e outside", 1
    )
    assert text != NORTHWIND.read_text(encoding="utf-8")
    copy = tmp_path / "northwind-bank" / "2026-Q4.yaml"
    copy.parent.mkdir()
    copy.write_text(text, encoding="utf-8")
    target = tmp_path / "report.html"
    report(copy, generated=dt.date(2026, 12, 1), output=target, html=True)
    html = target.read_text(encoding="utf-8")
    assert "&lt;b&gt;the 19 models&lt;/b&gt; outside" in html
    assert "\u202e" not in html and "<b>the 19" not in html
