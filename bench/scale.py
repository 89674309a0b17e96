"""Frameworks many times the size of a real one, for the planner growth benchmark.

`scaled_framework(framework, copies)` repeats every dimension, question, rule and initiative
`copies` times: copy k renames dimension `data` to `data_xk` and initiative `x` to `x-xk`, and
rewrites conditions to match; each stage gate becomes the conjunction of every copy's gate. The
result plans like `copies` organizations side by side, so a planner that grows linearly with the
framework takes about `copies` times as long.
"""

from __future__ import annotations

import re

from readiness.model import Framework


def scaled_framework(framework: Framework, copies: int) -> Framework:
    """The framework repeated `copies` times (see the module docstring)."""
    if copies == 1:
        return framework
    manifest = framework.manifest
    dims = list(manifest.dimensions)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, dims)) + r")\.")

    def rename(text: str, k: int) -> str:
        return text if k == 0 else pattern.sub(lambda m: f"{m.group(1)}_x{k}.", text)

    def suffix(identifier: str, k: int) -> str:
        return identifier if k == 0 else f"{identifier}-x{k}"

    dimensions = []
    rules = []
    initiatives = []
    for k in range(copies):
        for dimension in framework.dimensions:
            dimensions.append(
                dimension.model_copy(
                    update={"id": dimension.id if k == 0 else f"{dimension.id}_x{k}"}
                )
            )
        for rule in framework.rules:
            rules.append(
                rule.model_copy(
                    update={
                        "id": suffix(rule.id, k),
                        "when": rename(rule.when, k),
                        "dimension": None
                        if rule.dimension is None
                        else (rule.dimension if k == 0 else f"{rule.dimension}_x{k}"),
                        "recommend": [suffix(i, k) for i in rule.recommend],
                    }
                )
            )
        for initiative in framework.initiatives:
            initiatives.append(
                initiative.model_copy(
                    update={
                        "id": suffix(initiative.id, k),
                        "dimension": initiative.dimension
                        if k == 0
                        else f"{initiative.dimension}_x{k}",
                        "workstream": None,
                        "depends_on": [suffix(d, k) for d in initiative.depends_on],
                        "done_when": None
                        if initiative.done_when is None
                        else rename(initiative.done_when, k),
                        "raises": {rename(q, k): v for q, v in initiative.raises.items()},
                    }
                )
            )
    stages = [
        stage.model_copy(
            update={
                "gate": None
                if stage.gate is None
                else " and ".join(f"({rename(stage.gate, k)})" for k in range(copies)),
                "gate_reasons": [],
                "profile": None
                if stage.profile is None
                else stage.profile.model_copy(
                    update={
                        "levels": {
                            (d if k == 0 else f"{d}_x{k}"): v
                            for k in range(copies)
                            for d, v in stage.profile.levels.items()
                        },
                        "questions": {
                            rename(q, k): v
                            for k in range(copies)
                            for q, v in stage.profile.questions.items()
                        },
                    }
                ),
            }
        )
        for stage in manifest.stages
    ]
    new_manifest = manifest.model_copy(
        update={
            "dimensions": [d.id for d in dimensions],
            "stages": stages,
            "workstreams": [],
            "horizon": manifest.horizon.model_copy(update={"max_months": 120}),
        }
    )
    return Framework(
        manifest=new_manifest,
        dimensions=tuple(dimensions),
        rules=tuple(rules),
        initiatives=tuple(initiatives),
        folder=f"{framework.folder} x{copies}",
    )
