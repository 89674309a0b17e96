"""A theme's SVG logo as a PNG, for an output that carries only raster pictures: a PowerPoint
slide shows PNG and JPEG, not SVG.

WeasyPrint draws the SVG as it draws it on the report's cover, through the report's fetcher
(nothing but the logo file is read), on a page as tall as the picture is to be; PDFium turns
that page into pixels, transparent where the logo draws nothing. The same logo gives the same
bytes.
"""

from __future__ import annotations

import io
from pathlib import Path

LOGO_HEIGHT_PX = 240
"""The picture's height: 0.8 in, the deck cover's logo, at 300 dots an inch."""
WIDEST = 8
"""The widest logo drawn, in heights: a wider one is scaled down to fit."""


def svg_png(svg: Path, height: int = LOGO_HEIGHT_PX) -> bytes | None:
    """The SVG logo drawn `height` pixels tall, as wide as its own proportions make it (at most
    `WIDEST` heights), as PNG; None when it draws nothing."""
    import pypdfium2
    from weasyprint import HTML

    from readiness.report.pdf import AssetFetcher

    width = height * WIDEST
    page_css = f"@page {{ size: {width}px {height}px; margin: 0 }} html, body {{ margin: 0 }}"
    picture_css = f"img {{ display: block; height: {height}px; max-width: {width}px }}"
    html = f'<style>{page_css} {picture_css}</style><img alt="" src="{svg.as_uri()}">'
    pdf = HTML(string=html, url_fetcher=AssetFetcher(logo=svg)).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        # A CSS pixel is 3/4 of a point, and PDFium draws a point a pixel at scale 1.
        image = document[0].render(scale=4 / 3, fill_color=(0, 0, 0, 0)).to_pil()
    finally:
        document.close()
    drawn = image.getchannel("A").getbbox()
    if drawn is None:
        return None
    # The page is as wide as the widest logo: keep it up to where the logo ends.
    out = io.BytesIO()
    image.crop((0, 0, drawn[2], image.height)).save(out, "PNG")
    return out.getvalue()
