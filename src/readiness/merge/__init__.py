"""Workshop merge: separate per-respondent assessments combined into one workshop assessment.

`combine` checks the respondent files and merges their votes and notes; `render` writes an
assessment's YAML text (also used for assessments made elsewhere, such as imported workbooks).
"""

from __future__ import annotations

from readiness.merge.combine import MAX_ASSESSOR, Merged, merge_assessments, merge_files
from readiness.merge.render import render_assessment

__all__ = [
    "MAX_ASSESSOR",
    "Merged",
    "merge_assessments",
    "merge_files",
    "render_assessment",
]
