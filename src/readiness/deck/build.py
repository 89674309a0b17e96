"""Build the deck file: slides drawn on the chosen layouts, document properties set, and the
package written so that the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from readiness.deck.fit import clean_text
from readiness.deck.layouts import open_presentation
from readiness.deck.palette import Palette
from readiness.deck.render import render_slide
from readiness.deck.slides import Slides
from readiness.errors import Issue
from readiness.report.theme import DEFAULT_THEME, ReportTheme

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Built:
    """A deck's bytes and what the reader should know about how it was made."""

    data: bytes
    warnings: tuple[Issue, ...]


def build_deck(
    slides: Slides,
    *,
    generated: dt.date,
    template: Path | None = None,
    theme: ReportTheme = DEFAULT_THEME,
) -> Built:
    """The .pptx of `slides`: on the firm's `template` when given (its layouts, fonts and
    colours), else on the default template in the theme's colour with its logo. `generated`
    dates the document; nothing reads the clock."""
    layouts = open_presentation(template)
    warnings = []
    palette = None
    if template is None:
        palette = Palette.from_theme(theme)
        if theme.logo is not None and palette.logo is None:
            problem = "the SVG logo draws nothing; the slides go without a logo"
            warnings.append(Issue(theme.file or "", 0, "logo", problem, warning=True))
    created = dt.datetime(generated.year, generated.month, generated.day)
    for record in slides.slides:
        render_slide(record, layouts, palette, created)
    warnings += [Issue(str(template), 0, "", w, warning=True) for w in layouts.warnings]
    presentation = layouts.presentation
    properties = presentation.core_properties
    properties.title = clean_text(slides.title)
    properties.author = clean_text(slides.author)
    properties.last_modified_by = clean_text(slides.author)
    properties.subject = clean_text(slides.subject)
    properties.keywords = clean_text(slides.keywords)
    properties.comments = ""
    properties.category = "Steering committee"
    properties.revision = 1
    properties.created = properties.modified = properties.last_printed = created
    stream = io.BytesIO()
    presentation.save(stream)
    return Built(_fixed_dates(stream.getvalue()), tuple(warnings))


def _fixed_dates(data: bytes) -> bytes:
    """The same package with every member dated 1980-01-01, in the order written (a zip
    records each member's time of writing otherwise)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
