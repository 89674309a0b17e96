"""The presentation a deck starts from and the layouts its slides use.

Without a template the deck starts from python-pptx's default template, widened to 16:9. With
the firm's template it starts from that file (its slides removed, its masters, layouts, theme
and size kept). Slides ask for one of four roles, found by what a layout's placeholders are
(names differ between firms and languages): `title` (a centred title and a subtitle),
`content` (a title and one body), `two` (a title and two bodies side by side) and `blank`
(no title, no body). A role the template lacks falls back to the nearest one it has, with a
warning saying so.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from readiness.errors import ReadinessError

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.shapes.placeholder import LayoutPlaceholder
    from pptx.slide import SlideLayout

Role = Literal["title", "content", "two", "blank"]
ROLE_WORDS: dict[Role, str] = {
    "title": "title slide",
    "content": "title-and-content",
    "two": "two-column",
    "blank": "blank",
}
FALLBACKS: dict[Role, tuple[Role, ...]] = {
    "title": ("content", "blank"),
    "content": ("two", "blank"),
    "two": ("content", "blank"),
    "blank": ("content",),
}
WIDE = (12192000, 6858000)
"""16:9 in EMU: 13.333 by 7.5 inches."""


class Layouts:
    """The presentation being built, and for each role the layout its slides use."""

    def __init__(self, presentation: Presentation, template: Path | None) -> None:
        self.presentation = presentation
        self.template = template
        self.warnings: list[str] = []
        """What the template lacks, one message each (the caller names the file)."""
        self._found = {role: _find(presentation, role) for role in ROLE_WORDS}
        self._chosen: dict[Role, SlideLayout] = {}

    def layout(self, role: Role) -> SlideLayout:
        """The layout for `role`; the first time a missing role is asked for, its fallback
        is chosen and a warning says which."""
        if role in self._chosen:
            return self._chosen[role]
        layout = self._found[role]
        if layout is None:
            other = next((r for r in FALLBACKS[role] if self._found[r] is not None), None)
            found = self._found[other] if other else None
            layout = found if found is not None else self.presentation.slide_layouts[0]
            self.warnings.append(
                f"no {ROLE_WORDS[role]} layout; those slides use its '{layout.name}' layout instead"
            )
        self._chosen[role] = layout
        return layout


def open_presentation(template: Path | None) -> Layouts:
    """The starting presentation and its layouts: the firm's template, or the default one
    widened to 16:9. A template that cannot be read is a `ReadinessError` naming it."""
    from pptx import Presentation as open_pptx

    if template is None:
        presentation = open_pptx()
        _widen(presentation)
        return Layouts(presentation, None)
    presentation = _open_template(template, open_pptx)
    _remove_slides(presentation)
    layouts = Layouts(presentation, template)
    width, height = presentation.slide_width or 0, presentation.slide_height or 0
    if height and abs(width / height - 16 / 9) > 0.02:
        layouts.warnings.append(
            f"its slides are {width / 914400:.2f} x {height / 914400:.2f} in, not 16:9; the "
            "deck keeps the template's size"
        )
    return layouts


def _open_template(template: Path, open_pptx: object) -> Presentation:
    if template.suffix.lower() != ".pptx":
        raise ReadinessError(
            f"--template {template}: not a .pptx file (save the firm's template as a "
            "PowerPoint presentation, .pptx)"
        )
    if not template.is_file():
        raise ReadinessError(f"--template {template}: no such file")
    from pptx.exc import PackageNotFoundError

    try:
        return open_pptx(str(template))  # type: ignore[operator]
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadinessError(
            f"--template {template}: cannot be read as a PowerPoint presentation ({error})"
        ) from None


def _widen(presentation: Presentation) -> None:
    """Make the default 4:3 template 16:9: the slide size and every shape of its master and
    layouts stretched across (heights stay, so text keeps its size)."""
    factor = WIDE[0] / (presentation.slide_width or WIDE[0])
    presentation.slide_width, presentation.slide_height = WIDE
    masters = [presentation.slide_master, *presentation.slide_layouts]
    for part in masters:
        for shape in part.shapes:
            if not shape._element.xpath("./p:spPr/a:xfrm") or shape.width is None:
                continue  # inherits its position from the master, stretched already
            shape.left = round(shape.left * factor)
            shape.width = round(shape.width * factor)


def _remove_slides(presentation: Presentation) -> None:
    """Drop the template's own slides (sample pages): the deck is only what it builds."""
    ids = presentation.slides._sldIdLst
    for entry in list(ids):
        presentation.part.drop_rel(entry.rId)
        ids.remove(entry)


def body_placeholders(layout: SlideLayout) -> list[LayoutPlaceholder]:
    """A layout's body placeholders (text, object, chart or table), left to right."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = {
        PP_PLACEHOLDER.BODY,
        PP_PLACEHOLDER.OBJECT,
        PP_PLACEHOLDER.CHART,
        PP_PLACEHOLDER.TABLE,
    }
    found = [p for p in layout.placeholders if p.placeholder_format.type in kinds]
    return sorted(found, key=lambda p: (p.left or 0, p.top or 0))


def _kinds(layout: SlideLayout) -> tuple[bool, bool, bool]:
    """Whether a layout has a centred title, a plain title, a subtitle."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    types = {p.placeholder_format.type for p in layout.placeholders}
    return (
        PP_PLACEHOLDER.CENTER_TITLE in types,
        PP_PLACEHOLDER.TITLE in types,
        PP_PLACEHOLDER.SUBTITLE in types,
    )


def _find(presentation: Presentation, role: Role) -> SlideLayout | None:
    """The layout that best plays `role`: the first that fits, preferring larger bodies."""
    width = presentation.slide_width or WIDE[0]
    best: tuple[float, int, SlideLayout] | None = None
    for index, layout in enumerate(presentation.slide_layouts):
        if _vertical_or_narrow_title(layout, width):
            continue
        centred, titled, subtitled = _kinds(layout)
        bodies = body_placeholders(layout)
        area = sum((b.width or 0) * (b.height or 0) for b in bodies)
        fits = {
            "title": (centred or titled) and subtitled,
            "content": titled and not subtitled and len(bodies) == 1,
            "two": titled and not subtitled and len(bodies) == 2 and _side_by_side(bodies),
            "blank": not (centred or titled or subtitled) and not bodies,
        }[role]
        # A body narrower than half the slide is a caption or a vertical text, not a page body.
        if role == "content" and bodies and (bodies[0].width or width) < width / 2:
            fits = False
        if fits and (best is None or (area, -index) > best[:2]):
            best = (area, -index, layout)
    return None if best is None else best[2]


def _side_by_side(bodies: list[LayoutPlaceholder]) -> bool:
    """Two bodies next to each other and of much the same width (not a caption and a body)."""
    left, right = bodies
    widths = sorted((left.width or 0, right.width or 0))
    beside = (left.left or 0) + (left.width or 0) <= (right.left or 0) + 1
    return beside and widths[0] >= 0.7 * widths[1]


def _vertical_or_narrow_title(layout: SlideLayout, width: int) -> bool:
    """Whether a layout sets text vertically or has a title narrower than half the slide
    (a caption layout): neither carries a sentence as a slide title."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for placeholder in layout.placeholders:
        body = placeholder._element.find(".//" + _qn("a:bodyPr"))
        if body is not None and body.get("vert", "horz") != "horz":
            return True
        kind = placeholder.placeholder_format.type
        title = kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        if title and (placeholder.width or width) < width / 2:
            return True
    return False


def _qn(tag: str) -> str:
    from pptx.oxml.ns import qn

    return str(qn(tag))
