"""The planner's causes in the report's words: every kind of deferral said through the
catalogue, ids as titles and owners as role titles, in English and in a translated catalogue."""

from __future__ import annotations

import gettext

import pytest

from readiness.model import Framework
from readiness.plan.causes import (
    Deferral,
    Dropped,
    HeldForPriority,
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    TeamBusy,
    TeamFull,
    WaitsForDeferred,
    WaitsTooLate,
)
from readiness.report.i18n import Translator
from readiness.report.reasons import deferral_words

CASES: list[tuple[Deferral, str]] = [
    (
        PastHorizon(start_month=33, end_month=37, duration_months=4, horizon=36),
        "with the planned team, could start in Oct 2029 at the earliest and takes 4 months: it "
        "would end in Jan 2030, past the plan's horizon (Dec 2029)",
    ),
    (WaitsForDeferred("lineage"), "waits for “Trace training data”, itself deferred"),
    (
        WaitsTooLate(("inventory", "lineage"), 24),
        "waits for “Inventory the data sources”, “Trace training data”, which end too late for "
        "it to fit within the horizon (Dec 2028)",
    ),
    (
        WaitsTooLate((), 24),
        "waits for its prerequisites, which end too late for it to fit within the horizon (Dec 2028)",
    ),
    (TeamBusy(36), "could not start within the horizon (Dec 2029): the team was busy"),
    (
        TeamFull(36, 6.0),
        "could not start within the horizon (Dec 2029): the team (6 people) was busy",
    ),
    (
        HeldForPriority(36),
        "could not start within the horizon (Dec 2029): work of higher priority waiting for the "
        "team was busy",
    ),
    (
        OwnerBusy(36, "cdo"),
        "could not start within the horizon (Dec 2029): its owner (Chief data officer) was busy",
    ),
    (
        OwnerBusy(36, "the analytics team"),
        "could not start within the horizon (Dec 2029): its owner (the analytics team) was busy",
    ),
    (
        ParallelLimit(36, 1),
        "could not start within the horizon (Dec 2029): the limit of 1 initiative at once was "
        "reached",
    ),
    (
        ParallelLimit(36, 3),
        "could not start within the horizon (Dec 2029): the limit of 3 initiatives at once was "
        "reached",
    ),
    (Dropped(()), "dropped by the organization"),
    (
        Dropped(("lineage",)),
        "dropped by the organization; needed by “Trace training data”",
    ),
]


@pytest.mark.parametrize(
    ("cause", "words"), CASES, ids=[f"{c.kind}-{i}" for i, (c, _) in enumerate(CASES)]
)
def test_every_deferral_reads_in_the_reports_words(
    planner2: Framework, cause: Deferral, words: str
) -> None:
    assert deferral_words(cause, planner2, "2027-01") == words


class _Catalogue(gettext.NullTranslations):
    """A stand-in translated catalogue: every message in brackets, placeholders kept."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def test_the_sentence_and_its_inner_parts_go_through_the_catalogue(planner2: Framework) -> None:
    words = Translator("xx", _Catalogue())
    assert deferral_words(OwnerBusy(12, "cdo"), planner2, "2027-01", words) == (
        "[could not start within the horizon ([[Dec] 2027]): [its owner (Chief data officer)] "
        "was busy]"
    )
    assert deferral_words(ParallelLimit(12, 2), planner2, "2027-01", words) == (
        "[could not start within the horizon ([[Dec] 2027]): the limit of 2 initiatives at once "
        "was reached]"
    )
    assert deferral_words(WaitsTooLate((), 12), planner2, "2027-01", words) == (
        "[waits for [its prerequisites], which end too late for it to fit within the horizon "
        "([[Dec] 2027])]"
    )
