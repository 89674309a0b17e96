"""Quarterly re-scoring: how one client's scores, stage and roadmap moved from period to period.

Pure functions over periods that are already loaded and scored (loading a client folder is
`readiness.pipeline.load_client`'s job):
- `build_progress`: one row per period, oldest first, with the overall score, the stage and
  each dimension, and the change since the previous period; plus the comparison of the latest
  period with the one before it.
- `compare_periods`: a baseline and a current period side by side:
  - dimension deltas and stage crossings (a gate that now holds, or no longer does);
  - initiatives *achieved* since the baseline: marked `done` now, or whose `done_when` holds on
    today's answers, and that were not achieved at the baseline;
  - initiatives that *slipped*: in the baseline's roadmap (planned from the baseline's date, as
    `readiness plan` plans it) to end before the current period's date, yet not achieved now
    (dropped ones are listed apart);
  - questions whose value went down.

Modules: `progress.records` (the records), `progress.compare` (the comparisons),
`progress.text` (the summary and the Markdown).
"""

from __future__ import annotations

from readiness.progress.compare import (
    achieved_by,
    baseline_plan,
    build_progress,
    compare_periods,
    order_periods,
)
from readiness.progress.records import (
    AchievedInitiative,
    Comparison,
    DimensionDelta,
    DimensionPoint,
    DroppedInitiative,
    GateCrossing,
    Period,
    PeriodRow,
    Progress,
    QuestionChange,
    SlippedInitiative,
)
from readiness.progress.text import comparison_summary, render_progress_markdown

__all__ = [
    "AchievedInitiative",
    "Comparison",
    "DimensionDelta",
    "DimensionPoint",
    "DroppedInitiative",
    "GateCrossing",
    "Period",
    "PeriodRow",
    "Progress",
    "QuestionChange",
    "SlippedInitiative",
    "achieved_by",
    "baseline_plan",
    "build_progress",
    "compare_periods",
    "comparison_summary",
    "order_periods",
    "render_progress_markdown",
]
