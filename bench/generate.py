"""A deterministic generator of assessments for the portfolio benchmark and the fuzz tests.

`generate_assessment(framework, index, seed)` writes the YAML text of one assessment against a
loaded framework. The same (framework, index, seed) always gives the same bytes. Answers vary
the way real ones do: each organization has a maturity that biases its levels so that every
stage is reached by some, and the answers mix the short form, the full form (note, evidence,
confidence), n/a where the question allows it, unanswered questions, and workshop votes from
declared respondents; some assessments record initiative statuses and a capacity.

Run on its own to write a portfolio: `python bench/generate.py OUT_DIR --count 1000`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from readiness.model import Framework, format_number

INDUSTRIES = (
    "Retail",
    "Insurance",
    "Banking",
    "Logistics",
    "Healthcare",
    "Manufacturing",
    "Telecom",
    "Energy",
    "Public sector",
    "Media",
)
NAMES = (
    "Acme",
    "Borealis",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Meridian",
    "Northwind",
    "Orchid",
    "Pioneer",
)
ROLES = (
    ("cto", "Chief Technology Officer"),
    ("cdo", "Chief Data Officer"),
    ("coo", "Chief Operating Officer"),
    ("cro", "Chief Risk Officer"),
    ("hml", "Head of Machine Learning"),
    ("cfo", "Chief Financial Officer"),
)
NOTES = (
    "Seen in the team's wiki; the page was last edited this quarter.",
    "Two of the five teams interviewed described the same process.",
    "The process exists on paper but nobody could show the last run.",
    'Owner named in the RACI; the deputy said "we do it when there is time".',
    "Automated for the largest pipeline only; the others are run by hand.",
    "Agreed in the workshop after a short debate about what counts as done.",
)
EVIDENCE = (
    "Confluence page and a screenshot of the dashboard.",
    "Ticket export from the service desk, last 90 days.",
    "Repository with the pipeline code and its CI history.",
    "Minutes of the steering committee, item 4.",
    "Policy document v2.1, approved by the risk committee.",
)
STATUSES = ("planned", "in_progress", "done", "dropped")


def generate_assessment(framework: Framework, index: int, seed: int = 0) -> str:
    """The YAML text of assessment number `index` of the portfolio `seed`."""
    rng = random.Random(f"{seed}:{index}")
    scale = framework.manifest.scale
    points = scale.points()
    maturity = rng.random()
    workshop = rng.random() < 0.2
    lines = [
        f"# Generated assessment {index} (seed {seed}) for the portfolio benchmark.",
        f"framework: {framework.ref}",
        "organization:",
        f"  name: {rng.choice(NAMES)} {rng.choice(INDUSTRIES)} {index}",
        f"  industry: {rng.choice(INDUSTRIES)}",
        f"  size: {rng.choice((40, 250, 1200, 4000, 18000, 90000))}",
    ]
    year = 2025 + rng.randrange(3)
    quarter = rng.randrange(1, 5)
    month = quarter * 3 - rng.randrange(3)
    lines += [
        f"period: {year}-Q{quarter}",
        f"date: {year}-{month:02d}-{rng.randrange(1, 29):02d}",
        "assessor: B. Enchmark",
    ]
    if rng.random() < 0.3:
        lines.append(f"capacity: {rng.randrange(1, 6)}")
    respondents: list[str] = []
    if workshop:
        lines.append("respondents:")
        for who, role in rng.sample(ROLES, rng.randrange(2, 5)):
            respondents.append(who)
            lines.append(f"  - {{id: {who}, role: {role}}}")
        lines.append(f"dispute_threshold: {rng.choice((1.5, 2, 3))}")
    lines.append("answers:")
    for dimension in framework.dimensions:
        lines.append(f"  # --- {dimension.id}")
        bias = maturity * (len(points) - 1) + rng.uniform(-1.2, 1.2)
        for question in dimension.questions:
            key = f"{dimension.id}.{question.id}"
            roll = rng.random()
            if roll < 0.08:
                continue
            if question.allow_na and roll < 0.2:
                lines.append(f"  {key}: n/a")
                continue
            level = _level(rng, points, bias)
            if workshop and roll < 0.7:
                votes = ", ".join(
                    f"{who}: {format_number(_level(rng, points, bias))}" for who in respondents
                )
                lines.append(f"  {key}:")
                lines.append(f"    votes: {{{votes}}}")
                if rng.random() < 0.3:
                    lines.append(f"    note: {json.dumps(rng.choice(NOTES))}")
            elif roll < 0.65:
                lines.append(f"  {key}: {format_number(level)}")
            else:
                lines.append(f"  {key}:")
                lines.append(f"    level: {format_number(level)}")
                lines.append(f"    note: >-\n      {rng.choice(NOTES)}")
                if rng.random() < 0.6:
                    lines.append(f"    evidence: {rng.choice(EVIDENCE)}")
                if rng.random() < 0.5:
                    lines.append(f"    confidence: {rng.choice(('low', 'medium', 'high'))}")
    if framework.initiatives and rng.random() < 0.4:
        lines.append("initiatives:")
        for initiative in rng.sample(
            framework.initiatives, min(len(framework.initiatives), rng.randrange(1, 6))
        ):
            lines.append(f"  {initiative.id}: {rng.choice(STATUSES)}")
    return "\n".join(lines) + "\n"


def _level(rng: random.Random, points: tuple[float, ...], bias: float) -> float:
    position = round(bias + rng.gauss(0, 0.8))
    return points[min(max(position, 0), len(points) - 1)]


def write_portfolio(framework: Framework, folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` assessments into `folder` (created), one file each; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"client-{index:04d}.yaml"
        path.write_text(generate_assessment(framework, index, seed), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command line: write a portfolio of generated assessments."""
    from readiness.load import load_framework

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="Folder to write the assessments into.")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--framework", type=Path, default=Path(__file__).parent.parent / "questionnaires/ml-scaling"
    )
    args = parser.parse_args(argv)
    framework = load_framework(args.framework)
    paths = write_portfolio(framework, args.out, args.count, args.seed)
    print(f"wrote {len(paths)} assessments to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
