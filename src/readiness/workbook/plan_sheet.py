"""The plan sheet of the results workbook: one row per initiative with its workstream, stage,
owner, start and end months, effort (average FTE and FTE-months), dependencies and reasons,
then the deferred initiatives with the reason they are not scheduled, then the initiatives
already achieved that the plan's dependencies cite, with why each counts as achieved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.model import Framework

TITLES = ("Id", "Initiative", "Workstream", "Stage", "Owner", "Start", "End", "Months",
          "Effort (FTE)", "Effort (FTE-months)", "Depends on (ids)", "Status", "Why")  # fmt: skip
WIDTHS = (28, 44, 24, 16, 24, 10, 10, 8, 9, 11, 24, 11, 60)


def write_plan_sheet(
    ws: Any, framework: Framework, plan: Mapping[str, Any], bold: Any, fill: Any
) -> int:
    """One row per initiative (then the deferred ones), with a filter on the header row to
    sort and filter by stage, owner, start or workstream. Start and end are dates (the first
    of their month) so they sort and filter as dates; workstreams, stages and owners show
    their titles, as the framework names them. Returns the last row of a scheduled
    initiative (1 when none is)."""
    from openpyxl.utils import get_column_letter

    from readiness.workbook import cells

    cells.header_row(ws, TITLES, WIDTHS, bold, fill)
    names = _names(framework)
    roadmap = plan.get("plan", {})
    row = 2
    scheduled = {str(i.get("id")): i for i in roadmap.get("initiatives", [])}
    achieved = {str(a.get("id")) for a in roadmap.get("achieved", [])}
    deferred = {str(d.get("id")) for d in roadmap.get("deferred", [])}
    for item in roadmap.get("initiatives", []):
        why = "; ".join(str(w.get("title", "")) for w in item.get("why", []))
        texts = _texts(names, item)
        for column, text in enumerate(texts, start=1):
            cells.put_text(ws, row, column, text, alignment=cells.WRAP)
        for column, key in ((6, "start"), (7, "end")):
            _put_month(ws, row, column, item.get(key))
        cells.put_value(ws, row, 8, item.get("duration_months"), alignment=cells.CENTRE)
        for column, key in ((9, "effort_fte"), (10, "fte_months")):
            effort = item.get(key)
            cells.put_value(ws, row, column, effort, alignment=cells.CENTRE, number_format="0.0")
        depends = "; ".join(
            _dependency(str(d), item, scheduled, achieved, deferred)
            for d in item.get("depends_on", [])
        )
        cells.put_text(ws, row, 11, depends, alignment=cells.WRAP)
        status = str(item.get("status", "")).replace("_", " ")
        cells.put_text(ws, row, 12, status, alignment=cells.WRAP)
        cells.put_text(ws, row, 13, why, alignment=cells.WRAP)
        ws.row_dimensions[row].height = _height(texts, depends, why)
        row += 1
    catalogue = {i.id: i for i in framework.initiatives}
    for item in roadmap.get("deferred", []):
        reason = str(item.get("reason", ""))
        known = catalogue.get(str(item.get("id")))
        if known is not None:  # a deferred record names no workstream or owner
            item = {"workstream": known.workstream or known.dimension, "owner": known.owner, **item}
        texts = _texts(names, item)
        for column, text in enumerate(texts, start=1):
            cells.put_text(ws, row, column, text, alignment=cells.WRAP)
        cells.put_text(ws, row, 12, "deferred")
        cells.put_text(ws, row, 13, reason, alignment=cells.WRAP)
        ws.row_dimensions[row].height = _height(texts, "", reason)
        row += 1
    last = row - 1 - len(roadmap.get("deferred", []))
    ws.auto_filter.ref = f"A1:{get_column_letter(len(TITLES))}{max(row - 1, 1)}"
    _achieved(ws, row + 1, roadmap.get("achieved", []), catalogue, bold, fill)
    return last


def _dependency(
    need: str,
    item: Mapping[str, Any],
    scheduled: Mapping[str, Mapping[str, Any]],
    achieved: set[str],
    deferred: set[str],
) -> str:
    """A prerequisite's id with what the reader needs to trace it: achieved already (listed
    below the plan), deferred, or when it ends if this initiative starts before that."""
    if need in achieved:
        return f"{need} (achieved: see below)"
    if need in deferred:
        return f"{need} (deferred)"
    before = scheduled.get(need)
    if before is None or int(item.get("start_month", 0)) >= int(before.get("end_month", 0)):
        return need
    from readiness.workbook import cells

    ends = cells.month_words(before.get("end"))
    if item.get("status") == "in_progress":
        # The planner lets work already under way carry on: it does not wait for its
        # prerequisites, which it started without.
        return f"{need} (ends {ends}; this one is under way already, so it does not wait)"
    return f"{need} (ends {ends}, after this one starts)"


_HOW = {
    "status": "marked done in the assessment",
    "done_when": "its exit criterion holds on today's answers",
}


def _achieved(
    ws: Any,
    row: int,
    items: list[Mapping[str, Any]],
    catalogue: Mapping[str, Any],
    bold: Any,
    fill: Any,
) -> None:
    """The achieved initiatives below the plan, each with why it counts as achieved."""
    from readiness.workbook import cells

    if not items:
        return
    heading = ("Achieved already", "Initiative", "", "", "", "", "", "", "", "", "",
               "Status", "Why it counts as achieved")  # fmt: skip
    for column, text in enumerate(heading, start=1):
        cells.put_text(ws, row, column, text or None, font=bold, fill=fill, alignment=cells.WRAP)
    for item in items:
        row += 1
        known = catalogue.get(str(item.get("id")))
        how = _HOW.get(str(item.get("how")), str(item.get("how")))
        if item.get("how") == "done_when" and known is not None and known.done_when:
            how += f": {known.done_when}"
        cells.put_text(ws, row, 1, str(item.get("id")), alignment=cells.WRAP)
        cells.put_text(ws, row, 2, str(item.get("title", "")), alignment=cells.WRAP)
        cells.put_text(ws, row, 12, "achieved")
        cells.put_text(ws, row, 13, how, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height(
            [(str(item.get("title", "")), 44), (str(item.get("id")), 28), (how, 60)]
        )


def _names(framework: Framework) -> dict[str, dict[str, str]]:
    """Titles by id of the workstreams (a dimension's when the framework declares none),
    stages and owner roles."""
    manifest = framework.manifest
    workstreams = {d.id: d.title for d in framework.dimensions}
    workstreams.update({w.id: w.title for w in manifest.workstreams})
    return {
        "workstream": workstreams,
        "stage": {s.id: s.title for s in manifest.stages},
        "owner": {k: r.title for k, r in manifest.roles.items()},
    }


def _texts(names: dict[str, dict[str, str]], item: Mapping[str, Any]) -> list[str | None]:
    """Id, title, and the titles of the workstream, stage and owner of an initiative (an id
    without a title, such as a free-text owner, as it is)."""
    texts: list[str | None] = [item.get("id"), item.get("title")]
    for key in ("workstream", "stage", "owner"):
        value = item.get(key)
        if value is None and key == "workstream":
            value = item.get("dimension")
        texts.append(None if value is None else names[key].get(str(value), str(value)))
    return [None if t is None else str(t) for t in texts]


def _height(texts: list[str | None], depends: str, why: str) -> float:
    from readiness.workbook import cells

    wrapped = [(texts[1] or "", 44), (texts[2] or "", 24), (texts[4] or "", 24)]
    return cells.row_height([*wrapped, (depends, 24), (why, 60)])


def _put_month(ws: Any, row: int, column: int, value: Any) -> None:
    """`2027-03` as the date 2027-03-01 shown `Mar 2027`; anything else as text."""
    import datetime as dt
    import re

    from readiness.workbook import cells

    if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        month = dt.date(int(value[:4]), int(value[5:]), 1)
        cells.put_value(ws, row, column, month, number_format="mmm yyyy")
    else:
        cells.put_text(ws, row, column, None if value is None else str(value))
