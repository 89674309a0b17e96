"""The cheapest set cover with prerequisites: which initiatives, by cost, raise every needed
answer, each chosen one with its prerequisites that are not done; a 0-1 program solved by HiGHS
(imported here only, when a route is asked for).

The answer is deterministic and does not depend on the machine's speed or cores: the solver
runs on one thread with a fixed random seed, is asked for the proven optimum (no relative gap;
costs are FTE-months to 4 decimals, so an absolute gap of a millionth separates any two), and
its only limit is a count of branch-and-bound nodes (`MAX_NODES`), never a clock. The programs
the bundled frameworks give (up to about 70 candidates) solve at the root in a few
milliseconds; if the node limit is ever reached, the best set found is returned, marked not
proven.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

MAX_NODES = 100_000
"""Branch-and-bound nodes the solver may explore: a limit on work, not time, so it binds the
same way on any machine."""


Gain = tuple[str, str, float]
"""(question, initiative, the points raising the question adds to its summing dimension)."""


def solve_cover(
    candidates: Sequence[str],
    cost: Mapping[str, float],
    covers: Mapping[str, Sequence[str]],
    by_id: Mapping[str, object],
    done: frozenset[str],
    wants: Mapping[str, tuple[float, Sequence[Gain]]] | None = None,
) -> tuple[list[str], bool]:
    """The cheapest candidates covering every question and adding the points each summing
    dimension of `wants` is short of (dimension -> (points short, gains)), with their
    prerequisites.

    A summing dimension's points come from its questions: `share(q, i)` (between 0 and 1, no
    cost) is how much of initiative i's gain on question q counts; it needs i chosen, and the
    shares on one question add up to at most 1, so a question counts once, at most at the
    highest gain among the chosen initiatives raising it."""
    # The public `highspy.Highs` prints a banner on standard output when it is built, which
    # would corrupt `--format json`; the core class underneath it does not.
    import numpy
    from highspy import _core

    index = {initiative_id: n for n, initiative_id in enumerate(candidates)}
    solver = _core._Highs()
    solver.setOptionValue("output_flag", False)
    # Deterministic: one thread, a fixed seed, the proven optimum, a limit on work not time.
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("parallel", "off")
    solver.setOptionValue("random_seed", 0)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 1e-6)
    solver.setOptionValue("mip_max_nodes", MAX_NODES)
    count = len(candidates)
    solver.addVars(count, [0.0] * count, [1.0] * count)
    solver.changeColsCost(count, list(range(count)), [cost[i] for i in candidates])
    integer = numpy.full(count, _core.HighsVarType.kInteger.value, dtype=numpy.uint8)
    solver.changeColsIntegrality(count, numpy.arange(count, dtype=numpy.int32), integer)
    infinite = _core.kHighsInf
    for raisers in covers.values():
        columns = [index[i] for i in raisers]
        solver.addRow(1.0, infinite, len(columns), columns, [1.0] * len(columns))
    for initiative_id in candidates:
        for dependency in getattr(by_id[initiative_id], "depends_on", ()):
            if dependency in index and dependency not in done:
                # chosen(initiative) <= chosen(dependency)
                solver.addRow(
                    0.0, infinite, 2, [index[dependency], index[initiative_id]], [1.0, -1.0]
                )
    for short, gains in (wants or {}).values():
        shares = solver.getNumCol()
        solver.addVars(len(gains), [0.0] * len(gains), [1.0] * len(gains))
        by_question: dict[str, list[int]] = {}
        for n, (question, initiative_id, _) in enumerate(gains):
            # share(q, i) <= chosen(i)
            solver.addRow(-infinite, 0.0, 2, [shares + n, index[initiative_id]], [1.0, -1.0])
            by_question.setdefault(question, []).append(shares + n)
        for columns in by_question.values():
            solver.addRow(-infinite, 1.0, len(columns), columns, [1.0] * len(columns))
        solver.addRow(
            short,
            infinite,
            len(gains),
            [shares + n for n in range(len(gains))],
            [gain for _, _, gain in gains],
        )
    solver.run()
    status = solver.getModelStatus()
    values = solver.getSolution().col_value
    chosen = [i for i in candidates if values[index[i]] > 0.5]
    return chosen, status == _core.HighsModelStatus.kOptimal


def gained(chosen: Iterable[str], gains: Iterable[Gain]) -> float:
    """The points a chosen set adds to a summing dimension: each question once, at the
    highest gain among the chosen initiatives raising it."""
    picked = set(chosen)
    best: dict[str, float] = {}
    for question, initiative_id, gain in gains:
        if initiative_id in picked:
            best[question] = max(best.get(question, 0.0), gain)
    return sum(best.values())
