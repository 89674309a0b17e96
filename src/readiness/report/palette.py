"""The report's palette from the theme's primary colour: shades for text, tints for fills,
and the text colour that contrasts most on the primary."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.report.theme import ReportTheme


@dataclass(frozen=True)
class ThemeView:
    """Branding: who issues the report, the logo URL, the palette derived from the primary."""

    consultancy: str | None
    logo_url: str | None
    primary: str
    primary_dark: str
    primary_tint: str
    primary_wash: str
    on_primary: str


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` of the way towards `other` (both #rrggbb)."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a #rrggbb colour, 0 black to 1 white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def theme_view(theme: ReportTheme) -> ThemeView:
    """The palette: the primary, a darker shade for text, light tints for fills; white or near
    black text on the primary, whichever contrasts more."""
    primary = theme.primary
    light = luminance(primary) > 0.35
    return ThemeView(
        consultancy=theme.consultancy,
        logo_url=theme.logo.as_uri() if theme.logo else None,
        primary=primary,
        primary_dark=mix(primary, "#000000", 0.55 if light else 0.25),
        primary_tint=mix(primary, "#ffffff", 0.78),
        primary_wash=mix(primary, "#ffffff", 0.93),
        on_primary="#1a1a1a" if light else "#ffffff",
    )
