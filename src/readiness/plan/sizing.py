"""How big the work is for this organization, and who can carry it.

Size band: the first band whose `max_size` is at least `organization.size` (the last band has
none); without a size, the band marked `default`, else the middle one; without bands, effort and
duration are not scaled. An initiative's scaled duration is its duration times the band's
multiplier, rounded up to whole months (at least 1, at most 48); its effort is effort times the
band's multiplier.

Team: the assessment's `team.fte`, else the band's `team_fte`, else the framework's `team_fte`.

Owner roles: when the framework declares `roles`, a role leads at most `parallel` initiatives at
once (the assessment's `team.roles` overrides it); an owner that is not a declared role (free
text, as in frameworks without roles) leads one initiative at a time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from readiness.index import derived
from readiness.model import Assessment, Framework, Initiative, SizeBand


class Scaled(NamedTuple):
    """Every initiative of a framework scaled by one size band (see the module docstring)."""

    months: Mapping[str, int]
    """Initiative id -> months it takes."""
    fte: Mapping[str, float]
    """Initiative id -> average people it needs while it runs."""
    rank: Mapping[str, int]
    """Initiative id -> its place when cheaper work comes first: by FTE-months, then id."""


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

    def duration(self, initiative: Initiative) -> int:
        """Months the initiative takes for this organization."""
        return self.scaled.months[initiative.id]

    def effort(self, initiative: Initiative) -> float:
        """Average people the initiative needs while it runs, for this organization."""
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
def _scaled(framework: Framework) -> dict[int | None, Scaled]:
    """The initiatives scaled by each size band, by the band's position (None: no band)."""
    bands = framework.manifest.size_bands
    found: dict[int | None, Scaled] = {}
    for position, band in [(None, None), *enumerate(bands)]:
        duration = band.duration if band else 1.0
        effort = band.effort if band else 1.0
        months = {
            i.id: min(48, max(1, math.ceil(i.duration_months * duration - 1e-9)))
            for i in framework.initiatives
        }
        fte = {i.id: round(i.effort_fte * effort, 4) for i in framework.initiatives}
        cheapest = sorted(fte, key=lambda i: (fte[i] * months[i], i))
        found[position] = Scaled(months, fte, {i: n for n, i in enumerate(cheapest)})
    return found


def is_regulated(framework: Framework, industry: str | None) -> bool:
    """Whether an industry matches one of the framework's regulated industries: every word of
    the listed name appears among the industry's words, case-insensitively."""
    if not industry:
        return False
    words = set(industry.lower().replace("-", " ").split())
    return any(
        set(name.lower().replace("-", " ").split()) <= words
        for name in framework.manifest.regulated_industries
    )


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
    limits = {role_id: role.parallel for role_id, role in manifest.roles.items()}
    if team is not None:
        limits.update(team.roles)
    position = next((n for n, b in enumerate(manifest.size_bands) if b is band), None)
    return Sizing(
        band,
        fte,
        limits,
        is_regulated(framework, assessment.organization.industry),
        _scaled(framework)[position],
    )
