"""The planning fields of format 2.0: they load, and every mistake in them is reported located."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from readiness.errors import ValidationError
from readiness.load import load_assessment, load_framework
from readiness.model import Kpi

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def framework_copy(tmp_path: Path) -> Path:
    """A copy of the format 2.0 test framework, to break."""
    folder = tmp_path / "planner2"
    shutil.copytree(FIXTURES / "planner2", folder)
    return folder


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def _messages(folder: Path) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load_framework(folder)
    return caught.value.lines()


def test_every_new_field_loads() -> None:
    framework = load_framework(FIXTURES / "planner2")
    manifest = framework.manifest
    assert [b.id for b in manifest.size_bands] == ["small", "mid", "large"]
    assert manifest.roles["cdo"].parallel == 2 and manifest.roles["head-of-data"].parallel == 1
    assert [w.id for w in manifest.workstreams] == ["data-foundations", "delivery", "people"]
    enterprise = manifest.stages[2]
    assert enterprise.profile is not None and enterprise.profile.levels["people"] == 3
    assert len(enterprise.gate_reasons) == 3
    inventory = framework.initiative("inventory")
    assert inventory.quick_win and inventory.workstream == "data-foundations"
    assert inventory.kpis == [
        Kpi(
            name="Share of sources listed", baseline="Measured in month 1", target="100% by month 2"
        )
    ]
    assert framework.initiative("platform").raises == {"ops.deploy": 4, "ops.monitor": 4}


def test_an_assessment_target_and_team_load() -> None:
    loaded = load_assessment(FIXTURES / "planner2-clients" / "bank.yaml", frameworks=(FIXTURES,))
    target, team = loaded.assessment.target, loaded.assessment.team
    assert target is not None and target.stage == "enterprise" and target.by == "2028-06"
    assert team is not None and team.fte == 4 and team.roles == {"cdo": 1}


def test_a_kpi_reads_as_one_line() -> None:
    assert Kpi(name="Uptime", target="99%").text() == "Uptime (target: 99%)"
    assert Kpi(name="Uptime").text() == "Uptime"


def test_framework_mistakes_are_all_reported_located(framework_copy: Path) -> None:
    manifest = framework_copy / "framework.yaml"
    _replace(
        manifest, "levels: {data: 2, ops: 2, people: 1}", "levels: {data: 2, opps: 2, people: 7}"
    )
    _replace(manifest, "questions: {people.owner: 2}", "questions: {people.owners: 2}")
    _replace(manifest, "      - Every model has an owner with the skills to run it.\n", "")
    _replace(manifest, "max_size: 9999, default: true", "max_size: 500, default: true")
    _replace(manifest, "{id: large,", "{id: large, default: true, max_size: 20000,")
    _replace(manifest, "{id: people, title: People and ownership}", "{id: delivery, title: Again}")
    catalogue = framework_copy / "initiatives.yaml"
    _replace(
        catalogue,
        "workstream: data-foundations\n    stage: department",
        "workstream: datta\n    stage: department",
    )
    _replace(catalogue, "owner: people-lead", "owner: Head of people")
    _replace(
        catalogue, "raises: {people.skills: 3}", "raises: {people.skill: 3, people.owner: 2.5}"
    )
    lines = _messages(framework_copy)
    folder = framework_copy
    expected = [
        f"{folder}/framework.yaml:14: size_bands[1].max_size: bands must grow: max_size is not above the previous band's (got 500; allowed: above 999)",
        f"{folder}/framework.yaml:15: size_bands[2].max_size: the last band is open-ended (allowed: no max_size on it)",
        f"{folder}/framework.yaml:15: size_bands[2].default: more than one default band",
        f"{folder}/framework.yaml:24: workstreams[2].id: duplicate id 'delivery' (allowed: each id once)",
        f"{folder}/framework.yaml:40: stages[1].profile.levels.opps: unknown dimension (got opps; allowed: data, ops, people)",
        f"{folder}/framework.yaml:40: stages[1].profile.levels.people: level is not on the scale (got 7; allowed: 0, 1, 2, 3, 4)",
        f"{folder}/framework.yaml:41: stages[1].profile.questions.people.owners: unknown question (got people.owners; allowed: data.inventory, data.quality, data.lineage, ops.deploy, ops.monitor, people.owner, people.skills)",
        f"{folder}/framework.yaml:45: stages[2].gate_reasons: 2 reasons for a gate of 3 top-level `and` terms (allowed: 3 reasons, one per term, in order)",
    ]
    for line in expected:
        assert line in lines, "\n".join(lines)
    catalogue_lines = [line for line in lines if "initiatives.yaml" in line]
    assert any(
        "initiatives[2].workstream: unknown workstream (got datta" in x for x in catalogue_lines
    )
    assert any(
        "initiatives[6].owner: unknown role (the framework declares `roles`) (got Head of people"
        in x
        for x in catalogue_lines
    )
    assert any("initiatives[6].raises.people.skill: unknown question" in x for x in catalogue_lines)
    assert any(
        "initiatives[6].raises.people.owner: level is not on the scale (got 2.5" in x
        for x in catalogue_lines
    )


def test_an_initiative_may_last_up_to_48_months(framework_copy: Path) -> None:
    catalogue = framework_copy / "initiatives.yaml"
    _replace(catalogue, "duration_months: 6", "duration_months: 48")
    assert load_framework(framework_copy).initiative("platform").duration_months == 48
    _replace(catalogue, "duration_months: 48", "duration_months: 49")
    assert any("duration_months" in line for line in _messages(framework_copy))


def test_assessment_target_mistakes_are_reported_located(tmp_path: Path) -> None:
    client = tmp_path / "bank.yaml"
    text = (FIXTURES / "planner2-clients" / "bank.yaml").read_text()
    text = text.replace("stage: enterprise", "stage: enterprize")
    text = text.replace("by: 2028-06", "by: 2026-10")
    text = text.replace("levels: {people: 3}", "levels: {people: 5, money: 2}")
    text = text.replace("questions: {data.lineage: 4}", "questions: {data.lineages: 4}")
    text = text.replace("roles: {cdo: 1}", "roles: {ceo: 1}")
    client.write_text(text)
    with pytest.raises(ValidationError) as caught:
        load_assessment(client, frameworks=(FIXTURES,))
    assert caught.value.lines() == [
        f"{client}:7: target.stage: unknown stage (got enterprize; allowed: pilot, department, enterprise)",
        f"{client}:8: target.by: the deadline is before the assessment date (got 2026-10; allowed: 2026-11 or later)",
        f"{client}:9: target.levels.money: unknown dimension (got money; allowed: data, ops, people)",
        f"{client}:9: target.levels.people: level is not on the scale (got 5; allowed: 0, 1, 2, 3, 4)",
        f"{client}:10: target.questions.data.lineages: unknown question (got data.lineages; allowed: data.inventory, data.quality, data.lineage, ops.deploy, ops.monitor, people.owner, people.skills)",
        f"{client}:13: team.roles.ceo: unknown role (allowed: cdo, head-of-data, ml-lead, people-lead)",
    ]


def test_a_deadline_must_be_a_month(tmp_path: Path) -> None:
    client = tmp_path / "bank.yaml"
    text = (FIXTURES / "planner2-clients" / "bank.yaml").read_text()
    client.write_text(text.replace("by: 2028-06", "by: 2028-13"))
    with pytest.raises(ValidationError) as caught:
        load_assessment(client, frameworks=(FIXTURES,))
    assert [line.split(": ")[1] for line in caught.value.lines()] == ["target.by"]
