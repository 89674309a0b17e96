"""The solver's answers in words: what stands between the plan and the target, and the options
a board can choose between, with one figure per target and money that multiplies out."""

from __future__ import annotations

import re

import pytest

from readiness.load import load_framework
from readiness.plan.records import LatePractice, Options, Route
from readiness.report.cost import Rate
from readiness.report.i18n import ENGLISH
from readiness.report.routes import choices_words, late_words, route_words
from test_plan_target_options import planned
from test_report_story import ROOT

FRAMEWORK = load_framework(ROOT / "questionnaires" / "ml-scaling")
RATE = Rate(12_500, "EUR")


def test_what_stands_in_the_way_names_the_deferred_work_and_the_horizon() -> None:
    plan = planned("acme-retail")
    assert plan.what_it_takes is not None and plan.what_it_takes.options is not None
    said = choices_words(plan.what_it_takes.options, plan, FRAMEWORK, ENGLISH, RATE)
    # The deferred work the target needs is named in the order it would end.
    assert said.standing == (
        "Enterprise scale by Jun 2029 is not reached by the planned work: 2 initiatives it "
        "needs, “Define and support one standard ML tool stack” and “Automate privacy and "
        "security controls across the ML platform”, would end after the plan's horizon (Dec 2029)."
    )
    # The owners' bounds hold the target past Jun 2029 whatever the team (Jul 2029 at best):
    # one option, so no letter.
    assert said.options == (
        "Plan that work after the horizon; enterprise scale is then reached in "
        "Mar 2030, for 36 person-months (EUR 450,000) more, 787 person-months (about EUR 9.84 "
        "million) in all.",
        "More people do not keep Jun 2029: prerequisites and each owner's limit on parallel "
        "work hold the target to Jul 2029 at the earliest, however large the team.",
    )
    # The plan defers more than the target needs: the summary says the effort the target
    # needs past the horizon (it said "once 2 of the 5 initiatives past the horizon are
    # added", a count to reconcile with the roadmap's).
    assert len(plan.deferred) == 6
    assert said.summary == (
        "With today's team, enterprise scale comes in Mar 2030, after the Jun 2029 target, with "
        "36 person-months (EUR 450,000) of work past the horizon (Dec 2029); no team size brings "
        "it before Jul 2029."
    )
    # A later deadline more people can keep: option B counts the deferred work in.
    later = planned("acme-retail", by="2029-12")
    assert later.what_it_takes is not None and later.what_it_takes.options is not None
    options = later.what_it_takes.options
    assert options.team_fte is not None
    # One more person is enough: said in the singular.
    assert (options.team_fte, later.team_fte) == (25, 24)
    kept = choices_words(options, later, FRAMEWORK, ENGLISH, RATE)
    assert kept.options[1] == (
        "Option B: keep Dec 2029 with 1 person added from Jan 2027 "
        "(a team of 25 people): the same work, those 36 person-months "
        "included, done sooner."
    )
    assert kept.summary.endswith("; with 1 person added from Jan 2027, it comes by Dec 2029.")
    # One figure for the target, and no sentence a board cannot act on.
    for text in (said.standing, *said.options, said.summary, *kept.options, kept.summary):
        for banned in ("least work", "done alone", "move the target"):
            assert banned not in text


def test_when_more_people_cannot_keep_the_deadline_it_says_why() -> None:
    plan = planned("northwind-bank")
    assert plan.what_it_takes is not None and plan.what_it_takes.options is not None
    said = choices_words(plan.what_it_takes.options, plan, FRAMEWORK, ENGLISH)
    assert said.options[0] == (
        "Plan that work after the horizon; enterprise scale is then reached in "
        "Dec 2030, for 494.5 person-months more, 1,908.5 person-months in all."
    )
    assert said.options[1] == (
        "More people do not keep Jun 2029: prerequisites and each owner's limit on parallel "
        "work hold the target to May 2030 at the earliest, however large the team."
    )
    assert said.summary.endswith("; no team size brings it before May 2030.")
    # When however large a team comes no sooner than the deferred work planned after the
    # horizon, the month is said once, with no second one.
    options = plan.what_it_takes.options
    same = choices_words(options._replace(unlimited_date=options.date), plan, FRAMEWORK, ENGLISH)
    assert same.options[1] == (
        "More people do not keep Jun 2029: prerequisites and each owner's limit on parallel "
        "work hold the target to Dec 2030 at the earliest, however large the team."
    )
    assert same.summary.endswith("; more people do not bring it sooner.")


def test_a_stage_reached_late_names_the_practices_still_short() -> None:
    plan = planned("helios-energy")
    assert plan.what_it_takes is not None and plan.what_it_takes.options is not None
    said = choices_words(plan.what_it_takes.options, plan, FRAMEWORK, ENGLISH)
    assert said.standing == (
        "By Dec 2028 the planned work reaches enterprise scale, but 1 practice the target sets "
        "is still short: evaluation of generative AI applications (Defined; the plan brings it in Apr 2029)."
    )
    # Each option with its cost: A the plan's own; B the same person-months, the work on the
    # late practice paid for before the deadline (without a rate, in person-months).
    assert said.options == (
        "Option A: keep the plan, its team and its cost; the target is met in Apr 2029.",
        "Option B: keep Dec 2028 with 4 people added from Jan 2027 (a team of 18 people): the "
        "same work, done sooner. It moves 18 person-months into the months to Dec 2028: “Evaluate every "
        "generative AI application on a maintained test set before release”.",
    )
    priced = choices_words(
        plan.what_it_takes.options, plan, FRAMEWORK, ENGLISH, Rate(10_500, "EUR")
    )
    assert (
        "It moves 18 person-months (EUR 189,000) into the months to Dec 2028" in (priced.options[1])
    )
    assert said.summary == (
        "The Dec 2028 target is met but for 1 practice: evaluation of generative AI "
        "applications (Defined; the plan brings it in Apr 2029); with 4 people added from Jan 2027, it comes by "
        "Dec 2028."
    )


def test_options_are_lettered_only_when_there_are_two() -> None:
    for client in ("acme-retail", "northwind-bank", "helios-energy"):
        plan = planned(client)
        assert plan.what_it_takes is not None and plan.what_it_takes.options is not None
        said = choices_words(plan.what_it_takes.options, plan, FRAMEWORK, ENGLISH).options
        lettered = [o for o in said if o.startswith("Option ")]
        assert len(lettered) in (0, 2), (client, said)
        assert all(o[:1].isupper() for o in said), said


def test_more_than_twice_the_team_is_said_as_such() -> None:
    plan = planned("northwind-bank")
    options = Options((), 0.0, "2030-01", (), None, None, "2029-05")
    said = choices_words(options, plan, FRAMEWORK, ENGLISH)
    assert (
        said.options[-1] == "Keeping Jun 2029 would take more than twice today's team of 50 people."
    )
    assert said.summary.endswith("; keeping Jun 2029 would take more than twice today's team.")


def test_late_practices_are_named_then_counted() -> None:
    late = tuple(
        LatePractice(q, 3.0, d)
        for q, d in [
            ("infrastructure.portability", "2029-12"),
            ("ethics.security", "2030-02"),
            ("teams.playbooks", "2030-03"),
            ("data.lineage", "2030-05"),
        ]
    )
    said = late_words(late, FRAMEWORK, ENGLISH)
    assert said is not None
    assert said.endswith("and 2 more, the last by May 2030")
    assert said.count("(Defined; the plan brings it in ") == 2
    # Those nothing lifts sort last; counted, the last month is then not known.
    unknown = late_words((*late[:3], LatePractice("data.quality", 3.0, None)), FRAMEWORK, ENGLISH)
    assert unknown is not None and unknown.endswith("and 2 more")
    assert late_words((), FRAMEWORK, ENGLISH) is None
    never = late_words((LatePractice("data.lineage", 3.0, None),), FRAMEWORK, ENGLISH)
    assert never is not None and never.endswith("(Defined, which nothing planned brings)")


@pytest.mark.parametrize("exact", [True, False])
def test_a_route_says_when_todays_team_could_have_it_done(exact: bool) -> None:
    route = Route("next stage", "department", ("a", "b"), 57.0, 9, "2027-08", {}, exact, ())
    said = route_words(route, FRAMEWORK, "Acme Retail", ENGLISH, RATE)
    assert said is not None
    assert said.endswith(
        "is 2 initiatives, 57 person-months (EUR 712,500); today's team could have it done by "
        "Aug 2027."
    )
    assert "alone" not in said
    assert route_words(route._replace(initiatives=()), FRAMEWORK, "Acme", ENGLISH) is None


def test_every_cost_on_the_what_it_takes_page_multiplies_out() -> None:
    from test_report_story import story_of

    story, _ = story_of("acme-retail")
    takes = story.what_it_takes
    assert takes is not None and takes.to_target is not None
    said = " ".join([takes.effort, takes.to_target])
    found = re.findall(r"([\d,.]+) person-months? \((about )?EUR ([\d,.]+)( million)?\)", said)
    assert found
    for months, about, amount, million in found:
        exact = float(months.replace(",", "")) * 12_500
        if million:
            assert about and abs(exact - float(amount) * 1_000_000) <= 5_000
        else:
            assert not about and exact == float(amount.replace(",", ""))


def test_a_target_nothing_reaches_names_the_practices_no_initiative_raises() -> None:
    from readiness.plan.causes import NoInitiative
    from readiness.plan.records import OpenGap

    plan = planned("northwind-bank")
    gaps = tuple(
        OpenGap(q, 4.0, "no initiative raises it", NoInitiative(q, 4.0))
        for q in ("data.lineage", "ethics.privacy")
    )
    options = Options((), 0.0, None, (), None, None, None)
    said = choices_words(options, plan._replace(open_gaps=gaps), FRAMEWORK, ENGLISH)
    assert said.standing.startswith(
        "Enterprise scale by Jun 2029 is not reached by the planned work, nor by the work it "
        "defers. No initiative of the catalogue raises 2 practices far enough, "
    )
    assert said.standing.endswith(": they need work of their own.")
    assert said.options == ()
    assert said.summary == (
        "Enterprise scale by Jun 2029 is not reached by the planned work, nor by the work it "
        "defers."
    )
