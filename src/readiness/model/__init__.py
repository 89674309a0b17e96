"""The immutable records every stage passes on: frameworks, assessments and their parts.

`base` holds what every record shares (the base model, identifiers, enumerations, the answer
scale), `framework` the records of a framework's files and `assessment` those of an assessment.
Every public name is importable from here.
"""

from __future__ import annotations

from readiness.model.assessment import (
    Answer,
    Assessment,
    Organization,
    Respondent,
    Target,
    Team,
)
from readiness.model.base import (
    ID_PATTERN,
    NA,
    SEVERITY_ORDER,
    Aggregate,
    Confidence,
    Id,
    InitiativeStatus,
    Model,
    Scale,
    Severity,
    VoteAggregate,
    format_number,
)
from readiness.model.framework import (
    Catalogue,
    Dimension,
    Framework,
    Horizon,
    Initiative,
    Kpi,
    Manifest,
    Question,
    Role,
    Rule,
    RuleSet,
    SizeBand,
    Stage,
    StageProfile,
    Theme,
    Workstream,
)

__all__ = [
    "ID_PATTERN",
    "NA",
    "SEVERITY_ORDER",
    "Aggregate",
    "Answer",
    "Assessment",
    "Catalogue",
    "Confidence",
    "Dimension",
    "Framework",
    "Horizon",
    "Id",
    "Initiative",
    "InitiativeStatus",
    "Kpi",
    "Manifest",
    "Model",
    "Organization",
    "Question",
    "Respondent",
    "Role",
    "Rule",
    "RuleSet",
    "Scale",
    "Severity",
    "SizeBand",
    "Stage",
    "StageProfile",
    "Target",
    "Team",
    "Theme",
    "VoteAggregate",
    "Workstream",
    "format_number",
]
