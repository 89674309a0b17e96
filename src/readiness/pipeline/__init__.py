"""The library API behind every command: load -> score -> rules -> roadmap -> render.

Each function here runs the stages a command needs and returns models; printing is the command
line's job. Usable from Python as it is:

    from readiness.pipeline import assess
    result = assess(Path("examples/acme-retail/2026-Q4.yaml"))
    print(result.scorecard.stage)

The use cases live in `assessing` (validate, score, gaps, plan, progress, init), `reporting`
(report, deck) and `batches` (many reports); each imports the stages it runs inside the
function that runs them, and the two that write files are imported when first named, so
importing this package costs only the loader and the scorer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from readiness.clients import load_client
from readiness.pipeline.assessing import (
    Assessed,
    Planned,
    assess,
    init_assessment,
    locate_framework,
    measure_gaps,
    plan,
    progress,
    to_json,
    validate,
)

if TYPE_CHECKING:
    from readiness.pipeline.batches import ReportOptions, report_batch
    from readiness.pipeline.reporting import PAPERS, Reported, deck, report

_WRITERS = {
    "PAPERS": "reporting",
    "Reported": "reporting",
    "deck": "reporting",
    "report": "reporting",
    "ReportOptions": "batches",
    "report_batch": "batches",
}
"""The names of the use cases that write files, and their module, imported when first named."""


def __getattr__(name: str) -> Any:
    module = _WRITERS.get(name)
    if module is None:
        raise AttributeError(f"module 'readiness.pipeline' has no attribute '{name}'")
    return getattr(importlib.import_module(f"readiness.pipeline.{module}"), name)


__all__ = [
    "PAPERS",
    "Assessed",
    "Planned",
    "ReportOptions",
    "Reported",
    "assess",
    "deck",
    "init_assessment",
    "load_client",
    "locate_framework",
    "measure_gaps",
    "plan",
    "progress",
    "report",
    "report_batch",
    "to_json",
    "validate",
]
