"""The report's words in one catalogue: the template is up to date with the code, every
client-facing word goes through it (a pseudo-translation marks them all), shipped languages are
complete, and an unknown language is a one-line error.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import UsageError
from readiness.pipeline import assess, report
from readiness.pipeline.reporting import _baseline_progress
from readiness.plan.roadmap import plan_roadmap
from readiness.report.context import build_context
from readiness.report.html import render_html
from readiness.report.i18n import (
    ENGLISH,
    LOCALE,
    Translator,
    catalogue_path,
    languages,
    translator,
)
from readiness.report.theme import DEFAULT_THEME
from readiness.report.words import humanize_id, long_date, month_name
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ACME = EXAMPLES / "acme-retail" / "2026-Q4.yaml"
ACME_BASELINE = EXAMPLES / "acme-retail" / "2026-Q3.yaml"
NORTHWIND = EXAMPLES / "northwind-bank" / "2026-Q4.yaml"
TEMPLATE = LOCALE / "messages.pot"
OPEN, CLOSE = "⟦", "⟧"


# --- the translator ---------------------------------------------------------------------------


def test_english_is_the_source_language_and_formats_named_placeholders() -> None:
    assert translator("en") is ENGLISH
    assert "en" in languages()
    assert ENGLISH.gettext("%(a)s of %(b)s", a=1, b=2) == "1 of 2"
    assert ENGLISH.gettext("%(number)s%%", number=40) == "40%"
    assert ENGLISH.ngettext("%(num)s month", "%(num)s months", 1) == "1 month"
    assert ENGLISH.ngettext("%(num)s month late", "%(num)s months late", 3) == "3 months late"
    assert long_date(dt.date(2026, 3, 9)) == "9 March 2026"
    assert month_name("2027-05") == "May 2027"


def test_an_unknown_language_names_the_languages_there_are(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no report language 'zz': available are en$"):
        translator("zz")
    # A language is a folder's name, never a path, and is printed without its control characters.
    (tmp_path / "sub").mkdir()
    (tmp_path / "x" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "x" / "LC_MESSAGES" / "messages.mo").write_bytes(b"")
    assert (tmp_path / "sub" / ".." / "x" / "LC_MESSAGES" / "messages.mo").is_file()
    with pytest.raises(UsageError, match=r"^no report language '\.\./x':"):
        translator("../x", tmp_path / "sub")
    with pytest.raises(UsageError, match=r"^no report language 'x\\x1b\[2J':"):
        translator("x\x1b[2J")
    result = CliRunner().invoke(
        main, ["report", str(ACME), "--language", "zz", "-o", str(tmp_path / "r.pdf")]
    )
    assert result.exit_code == 2  # a usage error, as for any option value out of range
    assert "Traceback" not in result.output
    assert result.output.strip().splitlines()[-1] == (
        "error: no report language 'zz': available are en"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_report_refuses_an_unknown_language_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="available are en"):
        report(ACME, generated=dt.date(2026, 12, 4), output=tmp_path / "r.html", language="de")


# --- the template (messages.pot) ----------------------------------------------------------------


def message_ids(path: Path) -> set[Any]:
    with path.open("rb") as stream:
        return {m.id for m in read_po(stream) if m.id}


def test_the_checked_in_template_holds_exactly_the_messages_of_the_code(
    tmp_path: Path,
) -> None:
    extracted = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "--quiet", "extract", "-F", "babel.cfg", "-o", str(extracted), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    code, checked_in = message_ids(extracted), message_ids(TEMPLATE)
    assert len(code) > 250
    missing = sorted(map(str, code - checked_in))
    stale = sorted(map(str, checked_in - code))
    assert not missing and not stale, (
        f"{TEMPLATE.relative_to(ROOT)} is out of date (run `make messages`): "
        f"missing {missing[:5]}, stale {stale[:5]}"
    )


# --- completeness of shipped languages --------------------------------------------------------


def catalogue_problems(po_file: Path) -> list[str]:
    """Every message of the template that the catalogue leaves untranslated, fuzzy or with an
    empty plural form (an empty form silently falls back to English)."""
    with po_file.open("rb") as stream:
        catalogue = read_po(stream)
    problems = [
        f"{po_file}: missing {m!r}"
        for m in sorted(message_ids(TEMPLATE), key=str)
        if m not in catalogue
    ]
    for message in catalogue:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"{po_file}: fuzzy {message.id!r}")
        if isinstance(message.id, tuple) and len(forms) != catalogue.num_plurals:
            problems.append(f"{po_file}: {len(forms)} of {catalogue.num_plurals} plural forms")
        if not all(forms):
            problems.append(f"{po_file}: untranslated {message.id!r}")
    return problems


def shipped_catalogues() -> Iterator[Path]:
    yield from sorted(LOCALE.glob("*/LC_MESSAGES/messages.po"))


def test_every_shipped_language_is_complete_and_compiled() -> None:
    for po_file in shipped_catalogues():
        assert catalogue_problems(po_file) == []
        compiled = po_file.with_suffix(".mo")
        assert compiled.is_file(), f"{compiled}: not compiled (run `make messages`)"
        with po_file.open("rb") as stream:
            expected = {m.id: m.string for m in read_po(stream) if m.id}
        with compiled.open("rb") as stream:
            loaded = gettext.GNUTranslations(stream)
        for key, value in expected.items():
            if isinstance(key, tuple):
                assert loaded.ngettext(key[0], key[1], 1) == value[0], compiled
            else:
                assert loaded.gettext(key) == value, f"{compiled} is older than its .po"


def test_the_completeness_check_finds_an_empty_third_french_plural_form(tmp_path: Path) -> None:
    catalogue = Catalog(locale="fr")
    assert catalogue.num_plurals == 3  # CLDR: one, many, other
    with TEMPLATE.open("rb") as stream:
        for message in read_po(stream):
            if message.id:
                forms = ("x", "x", "x") if isinstance(message.id, tuple) else "x"
                catalogue.add(message.id, forms)
    catalogue[("%(num)s month", "%(num)s months")].string = ("%(num)s mois", "%(num)s mois", "")
    po_file = tmp_path / "messages.po"
    from babel.messages.pofile import write_po

    with po_file.open("wb") as stream:
        write_po(stream, catalogue)
    assert catalogue_problems(po_file) == [
        f"{po_file}: untranslated ('%(num)s month', '%(num)s months')"
    ]


# --- the pseudo-translation ---------------------------------------------------------------------


def pseudo_translator(folder: Path) -> Translator:
    """A catalogue that marks every message of the template as ⟦…⟧ (every plural form)."""
    catalogue = Catalog(locale=None)
    with TEMPLATE.open("rb") as stream:
        for message in read_po(stream):
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                forms = tuple(f"{OPEN}{form}{CLOSE}" for form in message.id)
                catalogue.add(message.id, forms)
            else:
                catalogue.add(message.id, f"{OPEN}{message.id}{CLOSE}")
    target = catalogue_path("xx", folder)
    target.parent.mkdir(parents=True)
    with target.open("wb") as stream:
        write_mo(stream, catalogue)
    return translator("xx", folder)


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a model dump (keys and values)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)


class TextNodes(HTMLParser):
    """Text nodes and the text of alt, aria-label and title attributes, outside <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.skip += 1
        for name, value in attrs:
            if name in ("alt", "aria-label", "title") and value:
                self.found.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.found.append(data)


def unmarked(text: str) -> str:
    """The text outside every ⟦…⟧ (marks nest when a placeholder holds a marked message)."""
    out, depth = [], 0
    for char in text:
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def render(
    path: Path, words: Translator, *, baseline: Path | None = None, pack: bool = False
) -> tuple[str, list[str]]:
    """A bundled report's HTML in `words`, and the data it may show as written."""
    assessed = assess(path)
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    progress = _baseline_progress(baseline, assessed, ()) if baseline else None
    context = build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        plan,
        generated=dt.date(2026, 12, 4),
        progress=progress,
        words=words,
    )
    data = [
        *strings_in(loaded.framework.model_dump()),
        *strings_in(loaded.assessment.model_dump()),
        DEFAULT_THEME.consultancy or "",
    ]
    if baseline:
        data += strings_in(assess(baseline).loaded.assessment.model_dump())
    data += [humanize_id(s) for s in list(data)]
    return render_html(context, workshop_pack=pack), data


def words_not_marked(html: str, data: list[str]) -> list[str]:
    """Text nodes with client words that neither the catalogue nor the client's data gave."""
    allowed = sorted({d.lower() for d in data if len(d) > 1}, key=len, reverse=True)
    corpus = "\n".join(allowed)
    parser = TextNodes()
    parser.feed(html)
    found = []
    for node in parser.found:
        rest = unmarked(node).lower()
        if not re.search(r"[^\W\d_]", rest):
            continue
        if rest.strip().rstrip(".") in corpus:
            continue  # a line of a wrapped title, or a headline cut from a framework sentence
        pieces = [p.strip() for p in re.split(r"[^\w\s'’-]+|\d+", rest)]
        if all(p in corpus for p in pieces if re.search(r"[^\W\d_]", p)):
            continue  # sentences of a framework text, some of its sentences left out
        for text in allowed:
            if text in rest:
                rest = re.sub(rf"(?<!\w){re.escape(text)}(?!\w)", " ", rest)
        pieces = [p.strip() for p in re.split(r"[^\w\s'’-]+|\d+", rest)]
        if any(re.search(r"[^\W\d_]", p) and p not in corpus for p in pieces):
            found.append(node.strip())
    return found


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> Translator:
    return pseudo_translator(tmp_path_factory.mktemp("pseudo"))


@pytest.mark.parametrize(
    ("path", "baseline", "pack"),
    [(ACME, ACME_BASELINE, False), (NORTHWIND, None, False), (NORTHWIND, None, True)],
    ids=["acme-with-progress", "northwind-workshop", "northwind-pack"],
)
def test_every_client_word_goes_through_the_catalogue(
    pseudo: Translator, path: Path, baseline: Path | None, pack: bool
) -> None:
    html, data = render(path, pseudo, baseline=baseline, pack=pack)
    assert html.count(OPEN) > 300
    assert '<html lang="xx">' in html
    assert words_not_marked(html, data) == []
    # The page footers are CSS in the head, outside the text nodes checked above.
    assert f'content: "{OPEN}Confidential{CLOSE}"' in html
    assert f'content: "{OPEN}Page " counter(page) " of " counter(pages) "{CLOSE}"' in html


def test_the_draft_mark_is_in_the_language_of_the_report(pseudo: Translator) -> None:
    from readiness.report.draft import mark_draft

    marked = mark_draft("<html><head><title>A &amp; B</title></head><body></body></html>", pseudo)
    assert f"<title>{OPEN}DRAFT: A &amp; B{CLOSE}</title>" in marked
    assert marked.count(f">{OPEN}DRAFT{CLOSE}</div>") == 2


def test_the_pseudo_check_finds_a_word_left_out_of_the_catalogue(pseudo: Translator) -> None:
    html, data = render(ACME, pseudo)
    assert words_not_marked(html.replace("</body>", "<p>Prepared in haste</p></body>"), data) == [
        "Prepared in haste"
    ]


def test_no_catalogue_call_nests_another() -> None:
    """Extraction reads a call whose arguments hold another gettext call as a plain gettext:
    the plural form is lost from the template. Compute the inner message first."""
    import ast

    keywords = {"gettext", "ngettext", "_"}

    def called(node: ast.AST) -> str | None:
        if not isinstance(node, ast.Call):
            return None
        function = node.func
        if isinstance(function, ast.Attribute):
            return function.attr
        return function.id if isinstance(function, ast.Name) else None

    nested = []
    for path in sorted((ROOT / "src" / "readiness" / "report").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if called(node) in keywords:
                inner = [n for n in ast.walk(node) if n is not node and called(n) in keywords]
                if inner:
                    nested.append(f"{path.name}:{node.lineno}")
    assert nested == []


def test_the_story_sentences_off_the_rendered_path_go_through_the_catalogue(
    pseudo: Translator, tmp_path: Path
) -> None:
    """The solver's routes and an achievement waiting for a disputed answer: marked whole."""
    from readiness.pipeline import progress as client_progress
    from readiness.report.progress import progress_view
    from readiness.report.reading import disputed_answers
    from readiness.report.takes import what_it_takes
    from test_deck_content import weighted_northwind
    from test_report_reading import disputed_copy

    # Northwind with the CTO's votes counting twice on infrastructure: at department scale, with
    # a plan that does not reach enterprise scale, so both routes are said.
    copy = weighted_northwind(tmp_path / "weighted")
    assessed = assess(copy)
    assert assessed.scorecard.stage == "department"
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    takes = what_it_takes(loaded.framework, assessed.scorecard, plan, "Northwind Bank", pseudo)
    assert takes is not None and takes.to_next is None and takes.choices is not None
    for said in (takes.choices.standing, *takes.choices.options, takes.choices.summary):
        assert said.startswith(OPEN) and said.endswith(CLOSE)
    folder = disputed_copy(tmp_path, "data.integration", "{coo: 4, cfo: 3, cio: 2}")
    disputed = assess(folder / "2026-Q4.yaml")
    view = progress_view(
        client_progress(folder),
        disputed.loaded.framework,
        disputed_answers(disputed.scorecard),
        pseudo,
    )
    assert view.awaiting
    assert all(unmarked(item.detail) == "" for item in view.awaiting)
