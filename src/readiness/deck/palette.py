"""The deck's colours from the report theme, and the marks they put on a slide.

Used when the deck is not in the firm's template: a band of the primary colour along the top of
every slide and the theme's logo at its right (an SVG logo drawn as a PNG, as slides carry only
pictures). The heat map's fills run from a wash of the
primary to the primary itself, so that they read as a light-to-dark ramp in grey too.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.report.palette import luminance, mix
from readiness.report.theme import DEFAULT_THEME, ReportTheme

if TYPE_CHECKING:
    from pptx.dml.color import RGBColor
    from pptx.presentation import Presentation
    from pptx.slide import Slide

EMU = 914400
INK = "#1d2228"
MUTED = "#59636e"
WHITE = "#ffffff"


@dataclass(frozen=True)
class Palette:
    """The primary colour, its shades, and the logo to put on slides (PNG or JPEG bytes)."""

    primary: str
    logo: bytes | None = None

    @classmethod
    def from_theme(cls, theme: ReportTheme) -> Palette:
        """The palette of a report theme, with its logo as a slide can carry it: a PNG or
        JPEG as it is, an SVG drawn as a PNG (`readiness.report.raster`); none when an SVG
        draws nothing."""
        return cls(theme.primary, logo_picture(theme.logo) if theme.logo else None)

    @classmethod
    def neutral(cls) -> Palette:
        """The default theme's palette, for fills a firm template does not define."""
        return cls.from_theme(DEFAULT_THEME)

    @property
    def dark(self) -> str:
        """A shade of the primary for titles: dark enough to read on white."""
        return mix(self.primary, "#000000", 0.55 if luminance(self.primary) > 0.35 else 0.2)

    @property
    def light(self) -> str:
        """A light tint of the primary, for a second series beside the primary."""
        return mix(self.primary, WHITE, 0.6)

    @property
    def wash(self) -> str:
        """A faint tint, for alternate table rows."""
        return mix(self.primary, WHITE, 0.9)

    def shade(self, value: float) -> str:
        """The fill for `value` from 0 (a wash of the primary) to 1 (a dark primary). The lower
        half stays light (dark text reads on it at 6:1 or more), the upper half runs from the
        primary to darker: no mid tone on which neither dark nor white text reads projected."""
        value = min(1.0, max(0.0, value))
        if value <= 0.5:
            return mix(self.primary, WHITE, 0.92 - 0.84 * value)
        if value <= 0.75:
            return mix(self.primary, WHITE, 0.5 * (0.75 - value) / 0.25)
        return mix(self.primary, "#000000", (value - 0.75) / 0.25 * 0.35)

    @staticmethod
    def ink_on(fill: str) -> str:
        """White or near-black text, whichever contrasts more with `fill`."""
        light = luminance(fill)
        return WHITE if 1.05 / (light + 0.05) > (light + 0.05) / (luminance(INK) + 0.05) else INK

    @staticmethod
    def rgb(colour: str) -> RGBColor:
        """A python-pptx colour from #rrggbb."""
        from pptx.dml.color import RGBColor

        return RGBColor.from_string(colour.lstrip("#").upper())

    def mark(self, slide: Slide, presentation: Presentation, *, cover: bool) -> int | None:
        """A band of the primary along the top (wider on the cover) and the logo top right;
        the logo's left edge, if there is one (a title keeps clear of it)."""
        from pptx.enum.shapes import MSO_SHAPE

        width = presentation.slide_width or 0
        band = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, 0, 0, width, int(EMU * (0.5 if cover else 0.12))
        )
        band.fill.solid()
        band.fill.fore_color.rgb = self.rgb(self.primary)
        band.line.fill.background()
        band.shadow.inherit = False
        band.name = "Theme band"
        if self.logo is not None:
            height = int(EMU * (0.8 if cover else 0.42))
            top = int(EMU * (0.7 if cover else 0.22))
            picture = slide.shapes.add_picture(io.BytesIO(self.logo), 0, top, height=height)
            picture.left = width - picture.width - int(EMU * 0.4)
            picture.name = "Logo"
            return int(picture.left)
        return None


def logo_picture(logo: Path) -> bytes | None:
    """A theme's logo as a slide carries it: a PNG or JPEG file's bytes, an SVG drawn as a
    PNG of a fixed height; None when the SVG draws nothing."""
    if logo.suffix.lower() != ".svg":
        return logo.read_bytes()
    from readiness.report.raster import svg_png

    return svg_png(logo)
