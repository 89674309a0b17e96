"""Plain words for what the models hold as codes: fact names, conditions, numbers and dates.

The report is read by leadership, not by framework authors: `data.inventory >= 2` reads
"Data foundations: inventory at Repeatable (2) or better". These helpers are pure and small.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from readiness.condition_syntax import Compare, Fact, Logic, Node, Value
from readiness.conditions import Wording, compile_condition, say
from readiness.index import fact_space_for, framework_index
from readiness.model import Framework, Organization, Question, format_number
from readiness.model.assessment import UNIT_SHORT_MAX
from readiness.report.i18n import ENGLISH, N_, Translator

MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)
MONTHS_SHORT = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
OPERATORS = {
    ">=": N_("at least"),
    "<=": N_("at most"),
    ">": N_("above"),
    "<": N_("below"),
    "==": N_("is"),
    "!=": N_("is not"),
    "and": N_("and"),
    "or": N_("or"),
    "not": N_("not"),
}
LEVEL_PHRASES = {
    ">=": N_("%(fact)s at %(label)s"),
    "<=": N_("%(fact)s at %(label)s or lower"),
    "==": N_("%(fact)s at exactly %(label)s"),
}
"""A level asked of a practice, as a client says it: `portability across vendors at Defined`
(at least that level: a requirement is met at it or above)."""
DIMENSION_LEVEL_PHRASES = {
    ">=": N_("%(fact)s at %(label)s overall"),
    "<=": N_("%(fact)s at %(label)s or lower overall"),
    "==": N_("%(fact)s at exactly %(label)s overall"),
}
"""A level asked of a dimension as a whole: `infrastructure and MLOps at Defined overall`."""
DIMENSION_FACT_WORDS = {
    "score": N_("score"),
    "level": N_("level"),
    "percent": N_("percentage"),
    "coverage": N_("coverage"),
}


def long_date(day: dt.date, words: Translator = ENGLISH) -> str:
    """`20 November 2026`, in the report's language whatever the machine's locale."""
    month = words.gettext(MONTHS[day.month - 1])
    # TRANSLATORS: a date, e.g. "20 November 2026"; the month is translated on its own.
    return words.gettext("%(day)s %(month)s %(year)s", day=day.day, month=month, year=day.year)


def month_name(month: str, words: Translator = ENGLISH) -> str:
    """`2027-03` -> `Mar 2027`."""
    year, number = month.split("-")[:2]
    short = words.gettext(MONTHS_SHORT[int(number) - 1])
    # TRANSLATORS: a month of a plan, e.g. "Mar 2027"; the month is translated on its own.
    return words.gettext("%(month)s %(year)s", month=short, year=year)


ACRONYMS = {
    "ab": "A/B",
    "ai": "AI",
    "api": "API",
    "apis": "APIs",
    "cicd": "CI/CD",
    "coe": "CoE",
    "kpi": "KPI",
    "kpis": "KPIs",
    "llm": "LLM",
    "ml": "ML",
    "mlops": "MLOps",
    "roi": "ROI",
}


def humanize_id(identifier: str) -> str:
    """`use_case_alignment` -> `Use case alignment`; `business_kpis` -> `Business KPIs`."""
    words = [ACRONYMS.get(w, w) for w in re.split(r"[_-]+", identifier.strip()) if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def practice_name(question: Question) -> str:
    """A question's practice as grids and lists name it: its `label` (`Data silos`), else its id
    in words (`use_case_alignment` -> `Use case alignment`)."""
    return question.label or humanize_id(question.id)


def owner_words(owner: str, framework: Framework) -> str:
    """An initiative's owner as the reader knows it: the declared role's title
    (`head-of-mlops` -> `Head of MLOps`), else the owner as written (free text)."""
    role = framework.manifest.roles.get(owner)
    return role.title if role is not None else owner


def workstream_words(stream: str, framework: Framework) -> str:
    """A workstream's title: the framework's workstream, else the dimension of that id, else
    the id in words (`ml-platform` -> `ML platform`)."""
    titles = {w.id: w.title for w in framework.manifest.workstreams}
    if stream in titles:
        return titles[stream]
    try:
        return framework.dimension(stream).title
    except KeyError:
        return humanize_id(stream)


def span_words(start: str, end: str, words: Translator = ENGLISH) -> str:
    """`Jan 2027 – Mar 2027` (two YYYY-MM months), or one month when both are the same."""
    first, last = month_name(start, words), month_name(end, words)
    # TRANSLATORS: a span of two months, e.g. "Jan 2027 – Mar 2027".
    return first if first == last else words.gettext("%(start)s – %(end)s", start=first, end=last)


def fact_words(name: str, framework: Framework, words: Translator = ENGLISH) -> str:
    """A fact name in words: `data.inventory` -> `Data foundations: inventory`."""
    head, _, tail = name.partition(".")
    if head == "overall":
        what = (
            words.gettext(DIMENSION_FACT_WORDS[tail])
            if tail in DIMENSION_FACT_WORDS
            else humanize_id(tail).lower()
        )
        return words.gettext("overall %(what)s", what=what)
    if head == "organization":
        return words.gettext("organization %(what)s", what=lower_first(humanize_id(tail)))
    if head == "stage" and not tail:
        return words.gettext("stage")
    try:
        dimension = framework.dimension(head)
    except KeyError:
        return name
    if tail in DIMENSION_FACT_WORDS:
        what = words.gettext(DIMENSION_FACT_WORDS[tail])
        return words.gettext("%(dimension)s %(what)s", dimension=dimension.title, what=what)
    return words.gettext(
        "%(dimension)s: %(practice)s",
        dimension=dimension.title,
        practice=lower_first(practice_name(framework_index(framework).questions[name])),
    )


def value_words(
    name: str, value: float | str | None, framework: Framework, words: Translator = ENGLISH
) -> str:
    """A fact value in words: a question or level value with its scale label."""
    if value is None:
        return words.gettext("unanswered")
    if isinstance(value, str):
        return value
    text = format_number(round(value, 2))
    head, _, tail = name.partition(".")
    scale = framework.manifest.scale
    is_level = tail == "level" or (
        head in framework.manifest.dimensions and tail not in DIMENSION_FACT_WORDS
    )
    if tail == "percent" or (head == "overall" and tail == "percent"):
        return words.gettext("%(number)s%%", number=text)
    if is_level and head in framework.manifest.dimensions and scale.is_point(value):
        dimension = framework.dimension(head)
        if tail != "level" or dimension.aggregate != "sum":
            return words.gettext(
                "%(number)s (%(label)s)", number=text, label=scale.labels[scale.floor(value)]
            )
    return text


def condition_words(text: str, framework: Framework, words: Translator = ENGLISH) -> str:
    """A condition in words: names, operators and scale points spelled out; a level asked of a
    practice reads as the scale says it (`Infrastructure and MLOps: monitoring at Defined (3) or
    better`), never as a comparison."""
    return tree_words(compile_condition(text, fact_space_for(framework)).tree, framework, words)


def tree_words(tree: Node, framework: Framework, words: Translator = ENGLISH) -> str:
    """A parsed condition in words, as `condition_words` says its text."""

    def number_words(fact: str | None, value: float | str) -> str:
        if isinstance(value, str):
            return value
        return value_words(fact, value, framework, words) if fact else format_number(value)

    operators = {op: words.gettext(said) for op, said in OPERATORS.items()}
    wording = Wording(lambda name: fact_words(name, framework, words), number_words, operators)

    def level(node: Node) -> str | None:
        if not (
            isinstance(node, Compare)
            and node.op in LEVEL_PHRASES
            and isinstance(node.left, Fact)
            and isinstance(node.right, Value)
            and isinstance(node.right.value, float | int)
            and not isinstance(node.right.value, bool)
        ):
            return None
        label = _level_label(node.left.name, float(node.right.value), framework)
        if label is None:
            return None
        head, _, tail = node.left.name.partition(".")
        questions = framework_index(framework).questions
        # A practice by its name, a dimension's level by the dimension's title: the facts'
        # dotted names and the scale's numbers are the framework's, not the client's.
        fact, phrases = (
            (practice_name(questions[node.left.name]), LEVEL_PHRASES)
            if node.left.name in questions
            else (framework.dimension(head).title, DIMENSION_LEVEL_PHRASES)
            if tail == "level"
            else (fact_words(node.left.name, framework, words), LEVEL_PHRASES)
        )
        return words.gettext(phrases[node.op], fact=fact, label=label)

    said = level(tree)
    if said is not None:
        return said
    if isinstance(tree, Logic):
        parts = [level(operand) for operand in tree.operands]
        if all(part is not None for part in parts):
            return f" {operators[tree.op]} ".join(
                p if n == 0 else lower_first(p) for n, p in enumerate(parts) if p is not None
            )
    return say(tree, wording)


def _level_label(name: str, value: float, framework: Framework) -> str | None:
    """The scale's label of `value` when `name` is a practice's (or a dimension's) level and
    `value` a point of the scale; None otherwise."""
    head, _, tail = name.partition(".")
    scale = framework.manifest.scale
    if head not in framework.manifest.dimensions or not scale.is_point(value):
        return None
    if tail in DIMENSION_FACT_WORDS and tail != "level":
        return None
    if tail == "level" and framework.dimension(head).aggregate == "sum":
        return None
    return scale.labels[scale.floor(value)]


def lower_first(text: str) -> str:
    """`Integrate the sources` -> `integrate the sources`, `Pre-ML baselines` -> `pre-ML
    baselines`; `ML platform` stays as it is."""
    first = text.split(" ", 1)[0].split("-", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (up to the first full stop followed by a capital)."""
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return text[: match.start()] if match else text


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 month`, `3 months`."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def score_digits(value: float, digits: int) -> float:
    """A score cut (not rounded) to `digits` decimals, so that a score shown as 2.0 always has
    a level of at least 2: 1.96 shows as 1.9, never as 2.0 beside the level "1 · Ad hoc"."""
    factor = 10.0**digits
    return float(math.floor(value * factor + 1e-9)) / factor


def score_shown(value: float | None, digits: int) -> str:
    """`score_digits` as text; `–` for no score."""
    return "–" if value is None else f"{score_digits(value, digits):.{digits}f}"


def and_words(items: Sequence[str], words: Translator) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(items) < 2:
        return "".join(items)
    # TRANSLATORS: the end of a list, e.g. "monitoring, cost and risk review".
    return words.gettext("%(items)s and %(last)s", items=", ".join(items[:-1]), last=items[-1])


def stage_name(title: str, words: Translator = ENGLISH) -> str:
    """A stage named as a stage, its title as the framework writes it: `the Exceptional
    stage`, never `exceptional` alone (a title such as "Exceptional" is no noun)."""
    # TRANSLATORS: a stage of the path by its title, e.g. "the Department scale stage".
    return words.gettext("the %(stage)s stage", stage=title)


def assessed_words(organization: Organization, words: Translator = ENGLISH) -> str:
    """What was assessed, as running text names it: the organization's name, or, when only a
    unit of it was assessed, the unit's short name (`FraudLens`), else the unit as written
    when it is short, else `the assessed unit` (the scope line names it in full), so no
    sentence, heading or title reads as a verdict on the whole organization."""
    if organization.unit is None:
        return organization.name
    if organization.unit_short is not None:
        return organization.unit_short
    if len(organization.unit) <= UNIT_SHORT_MAX:
        return organization.unit
    return words.gettext("the assessed unit")


def headcount_words(
    sizes: Sequence[Decimal | float], words: Translator = ENGLISH
) -> tuple[str, ...]:
    """Team sizes said together (one sentence's), each as the report shows it (to one
    decimal): in people when every one is whole (`1 person`, `24 people`), a lone half as
    `half a person`, else every one of them in FTE (`16.5 FTE`, `33 FTE`, `50 FTE`), so that no
    sentence counts half people or mixes the two units."""
    shown = [Decimal(str(s)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) for s in sizes]
    if shown == [Decimal("0.5")]:
        return (words.gettext("half a person"),)
    if all(s == s.to_integral_value() for s in shown):
        return tuple(
            words.ngettext("%(count)s person", "%(count)s people", int(s), count=f"{int(s):,}")
            for s in shown
        )
    return tuple(
        words.gettext(
            "%(count)s FTE", count=f"{s:,.0f}" if s == s.to_integral_value() else f"{s:,.1f}"
        )
        for s in shown
    )


def upper_first(text: str) -> str:
    """`the assessed unit` -> `The assessed unit`, to open a sentence."""
    return text[:1].upper() + text[1:]
