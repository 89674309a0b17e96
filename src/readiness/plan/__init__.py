"""The planner: from a scored assessment to a dated roadmap toward a target.

Modules, in the order a plan is built: `calendar` (months), `target` (the target profile and the
gaps to it), `simulate` (what finishing initiatives does to the scores), `select` (the work:
from gaps, failing gate terms, rules and prerequisites), `sizing` (effort, duration and team by
size band, role limits), `schedule` (the event-driven scheduler), `roadmap` (`plan_roadmap`:
the plan with its milestones and notes), `what_it_takes` (the cheapest route to the next stage
and the target), `records` (what it returns), `causes` (why work is deferred or a gap left
open, as records, and their English), `text` (Markdown and lines for people).
"""
