"""The PDF: WeasyPrint renders the report's HTML with a URL fetcher that reaches nothing else.

WeasyPrint follows URLs in the document (images, stylesheets, fonts, `<link rel=attachment>`,
SVG references) with its default fetcher, which reads any local file and makes network
requests. `AssetFetcher` allows `data:` URLs and `file:` URLs that resolve (symlinks and `..`
included) inside the package's static folder or the font package's folder, or to the theme's
logo; everything else is refused and recorded in `attempts`. Nothing a user typed is ever
passed as a stylesheet, attachment or XMP metadata.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from readiness.report import PDF_VARIANTS
from readiness.report.html import STATIC, font_folder


@dataclass(frozen=True)
class FetchAttempt:
    """A URL WeasyPrint asked for, and whether it was served."""

    url: str
    allowed: bool


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint URL fetcher limited to `data:` URLs and our own asset files."""

    def __init__(self, *, logo: Path | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=("data", "file"), allow_redirects=False)
        self.folders = (STATIC.resolve(), font_folder())
        self.files = (logo.resolve(),) if logo else ()
        self.attempts: list[FetchAttempt] = []

    def allows(self, path: Path) -> bool:
        """Whether a resolved local path may be read."""
        return path in self.files or any(path.is_relative_to(f) for f in self.folders)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Serve `data:` URLs and allowed files; refuse everything else (WeasyPrint then
        leaves the resource out and carries on)."""
        shown = url if len(url) <= 200 else url[:200] + "…"
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            self.attempts.append(FetchAttempt(shown, True))
            return super().fetch(url, headers)
        if scheme == "file":
            parts = urlsplit(url)
            if parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
                if self.allows(path) and path.is_file():
                    self.attempts.append(FetchAttempt(shown, True))
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        path.as_uri(), path.read_bytes(), {"Content-Type": kind}
                    )
        self.attempts.append(FetchAttempt(shown, False))
        raise PermissionError(f"the report may not load {shown}")

    @property
    def refused(self) -> list[str]:
        """URLs that were asked for and refused."""
        return [a.url for a in self.attempts if not a.allowed]


def write_pdf(
    html: str,
    *,
    logo: Path | None = None,
    fetcher: AssetFetcher | None = None,
    variant: str = "pdf/ua-1",
) -> bytes:
    """Render the report's HTML to PDF bytes, fetching only our own assets.

    `variant` is one of `PDF_VARIANTS`: PDF/UA-1 tags headings, tables (header cells as
    headers), lists and figures with their text alternatives, and carries the document's
    language and title; PDF/A-3b is for archives."""
    if variant not in PDF_VARIANTS:
        raise ValueError(f"unknown PDF variant {variant!r}: expected one of {PDF_VARIANTS}")
    fetcher = fetcher or AssetFetcher(logo=logo)
    document = HTML(string=html, base_url=STATIC.as_uri() + "/", url_fetcher=fetcher)
    # Embedding the four font files whole costs about 400 KB and saves about a second of
    # subsetting on every report.
    data: bytes = document.write_pdf(full_fonts=True, pdf_variant=variant)
    return data
