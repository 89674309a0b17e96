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

from collections.abc import Mapping, Sequence

MAX_NODES = 100_000
"""Branch-and-bound nodes the solver may explore: a limit on work, not time, so it binds the
same way on any machine."""


def solve_cover(
    candidates: Sequence[str],
    cost: Mapping[str, float],
    covers: Mapping[str, Sequence[str]],
    by_id: Mapping[str, object],
    done: frozenset[str],
) -> tuple[list[str], bool]:
    """The cheapest candidates covering every question, with their prerequisites."""
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
    solver.run()
    status = solver.getModelStatus()
    values = solver.getSolution().col_value
    chosen = [i for i in candidates if values[index[i]] > 0.5]
    return chosen, status == _core.HighsModelStatus.kOptimal
