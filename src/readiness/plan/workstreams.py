"""The plan's workstreams: its rows gathered by the workstream each initiative belongs to, in
the framework's order (the workstreams it declares, else its dimensions), each with its work,
effort and months."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.decimals import rounded
from readiness.index import derived
from readiness.model import Framework
from readiness.plan.records import PlannedInitiative, Workstream


def plan_workstreams(
    framework: Framework, rows: Sequence[PlannedInitiative]
) -> tuple[Workstream, ...]:
    """The workstreams with planned work, in framework order, from the plan's rows (by start
    month: a workstream starts with its first row)."""
    by_stream: dict[str, list[PlannedInitiative]] = {}
    for row in rows:
        by_stream.setdefault(row.workstream, []).append(row)
    found = []
    for stream_id, title in _declared_workstreams(framework):
        members = by_stream.get(stream_id)
        if members:  # by start month, as the rows are
            ids, fte_months, end = [], 0.0, 0
            for row in members:
                ids.append(row.id)
                fte_months += row.fte_months
                end = max(end, row.end_month)
            found.append(
                Workstream(
                    stream_id,
                    title,
                    tuple(ids),
                    rounded(fte_months, 2),
                    members[0].start_month,
                    end,
                )
            )
    return tuple(found)


@derived
def _declared_workstreams(framework: Framework) -> tuple[tuple[str, str], ...]:
    """The workstreams (id, title) in framework order: those declared, else the dimensions."""
    manifest = framework.manifest
    declared = [(w.id, w.title) for w in manifest.workstreams]
    return tuple(declared or [(d.id, d.title) for d in framework.dimensions])
