"""How big the work is for this organization, and who can carry it.

Size band: the first band whose `max_size` is at least `organization.size` (the last band has
none); without a size, the band marked `default`, else the middle one; without bands, effort and
duration are not scaled.

Staffing is in whole or half people. An initiative's scaled work is its `effort_fte` times its
`duration_months`, each times the band's multiplier (person-months). Its team is `effort_fte`
times the band's effort multiplier, rounded to the nearest half person (halves round up), at
least half a person. Its duration is whole months: the scaled duration rounded up, or longer
when the rounded team is smaller than the scaled effort, so that team x months covers the
scaled person-months (at least 1 month, at most 48). The plan's effort figures are exactly
people x months: 1.6 people for 7.5 months (12 person-months) become 1.5 people for 8 months
(12 person-months); 4.8 people for 7.5 months become 5 people for 8 months (40).

KPIs name months of the work as written for its base duration: the end of a month (a target
due `by month N`, `by the end of month N`, `none after month N`) or its start (a measure taken
`in month N`, a rule kept `from month N`). When the band makes the work take another number
of months, each is moved to the month holding the same point of the work, in proportion: the
end of month N of B base months is the end of month ceil(N x M / B) of M months; the start of
month N is in month floor((N - 1) x M / B) + 1. So no month falls before month 1, a month
within the work stays within it, and a target set after the work ends (which its owner holds
afterwards) stays after it. Work of 4 base months taking 5: `100% by month 3` becomes `100% by
month 4`; `measured in month 1` stays in month 1. The plan's rows, and every output made from
them, carry the KPIs so sized.

Team: the assessment's `team.fte`, else the band's `team_fte`, else the framework's `team_fte`
(all in whole or half people). It does not start at full strength: over the framework's first
`ramp_months` months of the plan the people available grow in equal steps (see
`plan.schedule`).

Owner roles: when the framework declares `roles`, a role leads at most `parallel` initiatives at
once (the assessment's `team.roles` overrides it); an owner that is not a declared role (free
text, as in frameworks without roles) leads one initiative at a time. Beside that count, an
owner leads a second initiative at once only while the people of all its initiatives together
stay within `owner_fte` (the band's, else the framework's; none: no such bound): one large
initiative runs alone. The bound grows with the band because a larger organization's heads
lead through team leads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import NamedTuple

from readiness.index import derived
from readiness.model import Assessment, Framework, Initiative, Kpi, SizeBand


class Scaled(NamedTuple):
    """Every initiative of a framework scaled by one size band (see the module docstring)."""

    months: Mapping[str, int]
    """Initiative id -> months it takes."""
    fte: Mapping[str, float]
    """Initiative id -> people it needs while it runs, in whole or half people."""
    rank: Mapping[str, int]
    """Initiative id -> its place when cheaper work comes first: by FTE-months, then id."""
    band: int | None
    """The position of the band among the framework's size bands (None: no band)."""


class Sizing(NamedTuple):
    """The size band, team and role limits for one assessment."""

    band: SizeBand | None
    """The band that scales the work; None without bands."""
    team_fte: float
    """Full-time people the plan may use at once."""
    role_limits: dict[str, int]
    """Initiatives each declared role may lead at once; others lead one."""
    regulated: bool
    """Whether the organization's industry is one of the framework's regulated industries."""
    scaled: Scaled
    """The framework's initiatives scaled by the band."""
    ramp_months: int
    """Months over which the team grows to full strength (1: full from the first month)."""
    owner_fte: float | None
    """People one owner may lead at once across several initiatives; None: no bound."""

    def duration(self, initiative: Initiative) -> int:
        """Months the initiative takes for this organization."""
        return self.scaled.months[initiative.id]

    def effort(self, initiative: Initiative) -> float:
        """People the initiative needs while it runs, for this organization (whole or half)."""
        return self.scaled.fte[initiative.id]

    def role_limit(self, owner: str) -> int:
        """Initiatives this owner may lead at once."""
        return self.role_limits.get(owner, 1)


def size_band(framework: Framework, size: int | None) -> SizeBand | None:
    """The band of an organization of this size (see the module docstring)."""
    bands = framework.manifest.size_bands
    if not bands:
        return None
    if size is None:
        marked = [band for band in bands if band.default]
        return marked[0] if marked else bands[(len(bands) - 1) // 2]
    for band in bands:
        if band.max_size is None or size <= band.max_size:
            return band
    return bands[-1]


@derived
def scaled_bands(framework: Framework) -> dict[int | None, Scaled]:
    """The initiatives scaled by each size band, by the band's position (None: no band)."""
    bands = framework.manifest.size_bands
    found: dict[int | None, Scaled] = {}
    for position, band in [(None, None), *enumerate(bands)]:
        duration = band.duration if band else 1.0
        effort = band.effort if band else 1.0
        months: dict[str, int] = {}
        fte: dict[str, float] = {}
        for i in framework.initiatives:
            people = half_people(i.effort_fte * effort)
            work = i.effort_fte * effort * i.duration_months * duration
            months[i.id] = min(
                48,
                max(
                    1,
                    math.ceil(i.duration_months * duration - 1e-9),
                    math.ceil(work / people - 1e-9),
                ),
            )
            fte[i.id] = people
        cheapest = sorted(fte, key=lambda i: (fte[i] * months[i], i))
        found[position] = Scaled(months, fte, {i: n for n, i in enumerate(cheapest)}, position)
    return found


def half_people(fte: float) -> float:
    """FTE rounded to the nearest half person (halves round up), at least half a person."""
    return max(0.5, math.floor(fte * 2 + 0.5 + 1e-9) / 2)


_MONTH_OF_WORK = re.compile(r"\b(?:(by (?:the end of )?|after )|in |from )month (\d+)\b")
"""A month of the work in a KPI: its end (`by month N`, `by the end of month N`, `after month
N`: group 1) or its start (`in month N`, `from month N`); group 2 is N."""


def sized_kpis(initiative: Initiative, months: int) -> tuple[str | Kpi, ...]:
    """The initiative's KPIs for its work taking `months` months: each month of the work they
    name moved in proportion (see the module docstring)."""
    base = initiative.duration_months
    if months == base:
        return tuple(initiative.kpis)
    return tuple(
        sized_text(k, base, months)
        if isinstance(k, str)
        else k.model_copy(
            update={
                "baseline": k.baseline and sized_text(k.baseline, base, months),
                "target": k.target and sized_text(k.target, base, months),
            }
        )
        for k in initiative.kpis
    )


def sized_text(text: str, base: int, months: int) -> str:
    """A KPI's text for work of `base` months taking `months`: each month of the work it names
    moved in proportion (see the module docstring). A KPI's text holds its baseline and target
    as written, so sizing its text is sizing them (`sized_kpis`)."""
    return text if months == base else fill_template(kpi_template(text), base, months)


KpiTemplate = tuple[str | tuple[str, int, bool], ...]
"""A KPI's text cut at the months of the work it names: text as written, and for each month
the words before its number (`by month`), the number and whether it is a month's end."""


def kpi_template(text: str) -> KpiTemplate:
    """The text cut at each month of the work it names (`KpiTemplate`), once per KPI: a plan
    sizes every row's KPIs."""
    pieces: list[str | tuple[str, int, bool]] = []
    at = 0
    for found in _MONTH_OF_WORK.finditer(text):
        pieces.append(text[at : found.start()])
        pieces.append((found[0].rpartition(" ")[0], int(found[2]), found[1] is not None))
        at = found.end()
    pieces.append(text[at:])
    return tuple(pieces)


def fill_template(template: KpiTemplate, base: int, months: int) -> str:
    """A KPI's text from its template for work of `base` months taking `months`."""
    return "".join(
        piece
        if isinstance(piece, str)
        else f"{piece[0]} {work_month(piece[1], base, months, due=piece[2])}"
        for piece in template
    )


def work_month(month: int, base: int, months: int, *, due: bool) -> int:
    """Month `month` of work `base` months long, in the same work taking `months`: the month
    holding its end (`due`), else its start (see the module docstring). Never before month 1;
    within the work when `month` is within `base` months, after it otherwise."""
    if due:
        return max(1, -(-month * months // base))
    return max(1, (month - 1) * months // base + 1)


def is_regulated(framework: Framework, industry: str | None) -> bool:
    """Whether an industry matches one of the framework's regulated industries: every word of
    the listed name appears among the industry's words, case-insensitively."""
    if not industry:
        return False
    words = set(_words(industry))
    return any(name <= words for name in _regulated_words(framework))


def _words(text: str) -> list[str]:
    return text.lower().replace("-", " ").split()


@derived
def _regulated_words(framework: Framework) -> tuple[frozenset[str], ...]:
    """The words of each of the framework's regulated industries."""
    return tuple(frozenset(_words(name)) for name in framework.manifest.regulated_industries)


@derived
def _role_limits(framework: Framework) -> dict[str, int]:
    """Initiatives each declared role may lead at once, as the framework declares them."""
    return {role_id: role.parallel for role_id, role in framework.manifest.roles.items()}


def size_work(
    framework: Framework, assessment: Assessment, team_fte: float | None = None
) -> Sizing:
    """The sizing of one assessment; `team_fte` overrides the assessment's team."""
    manifest = framework.manifest
    band = size_band(framework, assessment.organization.size)
    team = assessment.team
    fte = team_fte or (team.fte if team and team.fte else None)
    if fte is None:
        fte = band.team_fte if band else manifest.team_fte
    limits = dict(_role_limits(framework))
    if team is not None:
        limits.update(team.roles)
    position = next((n for n, b in enumerate(manifest.size_bands) if b is band), None)
    return Sizing(
        band,
        fte,
        limits,
        is_regulated(framework, assessment.organization.industry),
        scaled_bands(framework)[position],
        manifest.ramp_months,
        band.owner_fte if band and band.owner_fte is not None else manifest.owner_fte,
    )
