"""JSON Schema of an assessment for one framework, for editor autocompletion and checking.

The generic model schema is specialised: `answers` lists every question of the framework by key,
with its text and level descriptors as the description, and only the values the scale allows.
"""

from __future__ import annotations

from typing import Any

from readiness.model import Assessment, Framework, format_number

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def build_schema(framework: Framework) -> dict[str, Any]:
    """The JSON Schema of an assessment written against `framework`."""
    schema = Assessment.model_json_schema()
    manifest = framework.manifest
    scale = manifest.scale
    points: list[float | int] = [int(p) if p == int(p) else p for p in scale.points()]
    stages = {"enum": [i.id for i in framework.initiatives]}
    answers: dict[str, Any] = {}
    for dimension in framework.dimensions:
        for question in dimension.questions:
            allowed: list[Any] = list(points) + (["n/a"] if question.allow_na else [])
            levels = "\n".join(
                f"{format_number(p)} {scale.labels[p]}: {question.levels[p]}"
                for p in scale.points()
                if p in question.levels
            )
            answers[f"{dimension.id}.{question.id}"] = {
                **({"title": question.label} if question.label else {}),
                "description": f"{question.text}\n\n{levels}\n\nEvidence: {question.evidence}",
                "anyOf": [
                    {"enum": allowed},
                    {"$ref": "#/$defs/Answer", "properties": {"level": {"enum": allowed}}},
                ],
            }
    answer = schema["$defs"]["Answer"]["properties"]
    level_or_na = {"anyOf": [{"type": "number"}, {"const": "n/a"}]}
    answer["level"] = {"description": answer["level"].get("description", ""), **level_or_na}
    answer["votes"] = {
        "description": answer["votes"].get("description", ""),
        "type": "object",
        "additionalProperties": level_or_na,
    }
    properties = schema["properties"]
    properties["answers"] = {
        "description": properties["answers"].get("description", ""),
        "type": "object",
        "properties": answers,
        "additionalProperties": False,
    }
    properties["framework"] = {
        "description": properties["framework"].get("description", ""),
        "enum": [framework.ref, manifest.id],
    }
    properties["initiatives"] = {
        "description": properties["initiatives"].get("description", ""),
        "type": "object",
        "propertyNames": stages,
        "additionalProperties": {"enum": ["planned", "in_progress", "done", "dropped"]},
    }
    target = schema["$defs"]["Target"]["properties"]
    target["stage"] = {
        "description": target["stage"].get("description", ""),
        "enum": [s.id for s in manifest.stages],
    }
    for key, names in (("levels", list(manifest.dimensions)), ("questions", list(answers))):
        target[key] = {
            "description": target[key].get("description", ""),
            "type": "object",
            "propertyNames": {"enum": names},
            "additionalProperties": {"enum": points},
        }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"readiness:{framework.ref}",
        "title": f"{manifest.title} assessment ({framework.ref})",
        **{k: v for k, v in schema.items() if k not in ("title",)},
    }
