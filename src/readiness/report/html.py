"""The Jinja environment and the HTML rendering of the report.

Autoescape is on for every template and undefined names raise (StrictUndefined), so a note that
contains markup is shown as text and a misspelt field fails loudly instead of printing nothing.
The environment has no clock and no globals: everything comes from the context, and each
render builds its own environment, so no state is kept at module level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from readiness.report.context import ReportContext
from readiness.report.i18n import Translator
from readiness.report.words import lower_first

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"
STYLESHEET = STATIC / "report.css"
WORKSHOP_STYLESHEET = STATIC / "workshop.css"
FONT_FILES = {
    "regular": "SourceSansPro-Regular.ttf",
    "italic": "SourceSansPro-It.ttf",
    "semibold": "SourceSansPro-Semibold.ttf",
    "bold": "SourceSansPro-Bold.ttf",
}


@dataclass(frozen=True)
class Fonts:
    """Where the report's font files are, as URLs for @font-face."""

    regular: str
    italic: str
    semibold: str
    bold: str


def font_folder() -> Path:
    """The folder of the `font-source-sans-pro` package's font files."""
    return Path(str(resources.files("font_source_sans_pro") / "files")).resolve()


def default_fonts() -> Fonts:
    """file: URLs of the TTF files of the installed font package."""
    folder = font_folder()
    return Fonts(**{name: (folder / file).as_uri() for name, file in FONT_FILES.items()})


def environment(words: Translator) -> jinja2.Environment:
    """The report's Jinja environment in the language of `words`: package templates,
    autoescape, StrictUndefined, and `_`/`ngettext` from its catalogue (newstyle gettext).
    Nothing is kept between renders (compiling the templates costs milliseconds against
    seconds of layout)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["lower_first"] = lower_first
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
    return env


def render_html(
    context: ReportContext, *, fonts: Fonts | None = None, workshop_pack: bool = False
) -> str:
    """The report as one HTML document (or, with `workshop_pack`, the facilitator's pack);
    its stylesheet is inlined, fonts are referenced."""
    name = "workshop_pack.html.j2" if workshop_pack else "report.html.j2"
    template = environment(context.words).get_template(name)
    # The package's own stylesheet: trusted, so it goes in unescaped.
    stylesheet = Markup(
        STYLESHEET.read_text(encoding="utf-8") + WORKSHOP_STYLESHEET.read_text(encoding="utf-8")
    )
    return template.render(
        report=context,
        fonts=fonts or default_fonts(),
        stylesheet=stylesheet,
        page_words=page_words(context.words),
    )


def css_string(text: str) -> str:
    """`text` as a CSS string: quotes, backslashes and control characters escaped, and `<`
    too, so that nothing in it can close the `<style>` element."""
    return '"' + re.sub(r'["\\<\x00-\x1f\x7f]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def page_words(words: Translator) -> Markup:
    """The words of the page footers (`Confidential`, `Page 3 of 17`) as CSS, in the report's
    language; the page numbers are CSS counters."""
    page_of = words.gettext(
        "Page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00"
    )
    parts = page_of.split("\x00")
    content = " ".join(
        f"counter({part})" if n % 2 and part in ("page", "pages") else css_string(part)
        for n, part in enumerate(parts)
        if part
    )
    confidential = css_string(words.gettext("Confidential"))
    return Markup(
        f"@page {{ @bottom-center {{ content: {confidential}; }} "
        f"@bottom-right {{ content: {content}; }} }}"
    )
