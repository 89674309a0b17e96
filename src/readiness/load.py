"""Loading: the only stage that reads files. YAML in, validated and cross-checked models out.

Every problem found is collected with its file and line before anything is raised, so a user
fixes a file in one pass. Errors stop the load; warnings are returned for the caller to show
(and `--strict` to refuse).

This module is the stage's public face; the work is done in `readiness.loading`: `reading`
(a file into a model, pydantic errors into located issues), `issues` (collecting them),
`framework` and `framework_checks` (a framework folder), `discovery` (finding frameworks),
`assessment` (an assessment and the checks against its framework) and `validate` (paths).
"""

from __future__ import annotations

from readiness.loading.assessment import LoadedAssessment, check_assessment, load_assessment
from readiness.loading.discovery import (
    SEARCH_ENV,
    Shelf,
    find_framework,
    framework_search_path,
    latest_assessment,
)
from readiness.loading.framework import load_framework
from readiness.loading.reading import (
    FRAMEWORK_FILE,
    INITIATIVES_FILE,
    RULES_FILE,
    issue_from_pydantic,
)
from readiness.loading.validate import Checked, validate_paths

__all__ = [
    "FRAMEWORK_FILE",
    "INITIATIVES_FILE",
    "RULES_FILE",
    "SEARCH_ENV",
    "Checked",
    "LoadedAssessment",
    "Shelf",
    "check_assessment",
    "find_framework",
    "framework_search_path",
    "issue_from_pydantic",
    "latest_assessment",
    "load_assessment",
    "load_framework",
    "validate_paths",
]
