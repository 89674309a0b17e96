"""Severity as the report orders and says it."""

from __future__ import annotations

from readiness.report.i18n import N_

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
SEVERITY_WORDS = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
