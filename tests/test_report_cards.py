"""Initiative cards: one status word, KPIs as plain lines whatever their form."""

from __future__ import annotations

from typing import NamedTuple

from readiness.report.cards import _kpi_text


class Kpi(NamedTuple):
    name: str
    baseline: str | None
    target: str | None


def test_kpis_read_as_one_line_whether_text_or_records() -> None:
    assert _kpi_text("Share of models monitored") == "Share of models monitored"
    assert (
        _kpi_text(Kpi("Share of features served", "Measured in month 1", "80% by month 9"))
        == "Share of features served (baseline measured in month 1; target 80% by month 9)"
    )
    assert _kpi_text(Kpi("Incidents", None, "none by Q4")) == "Incidents (target none by Q4)"
