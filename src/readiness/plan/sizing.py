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
from typing import NamedTuple

from readiness.model import Assessment, Framework, Initiative, SizeBand


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

    def duration(self, initiative: Initiative) -> int:
        """Months the initiative takes for this organization."""
        factor = self.band.duration if self.band else 1.0
        return min(48, max(1, math.ceil(initiative.duration_months * factor - 1e-9)))

    def effort(self, initiative: Initiative) -> float:
        """Average people the initiative needs while it runs, for this organization."""
        factor = self.band.effort if self.band else 1.0
        return round(initiative.effort_fte * factor, 4)

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
    return Sizing(band, fte, limits, is_regulated(framework, assessment.organization.industry))
