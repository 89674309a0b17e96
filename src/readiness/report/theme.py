"""The report theme: whose report it is (consultancy name, logo) and its primary colour.

A theme is a small YAML file, validated like every other input: unknown keys, a colour that is
not a hex colour or a logo that does not exist are reported as `file:line: key: message`.

```yaml
consultancy: Northwind Advisory
logo: northwind.png          # PNG, JPEG or SVG, relative to this file
primary: "#1f4e79"           # quote it: an unquoted # starts a YAML comment
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pydantic
from pydantic import Field, field_validator

from readiness.errors import Issue, ValidationError
from readiness.load import issue_from_pydantic
from readiness.model import Model
from readiness.yamlfile import read_yaml

DEFAULT_PRIMARY = "#1f4e79"
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 1024 * 1024
# A logo is decoded to 4 bytes a pixel: 4096 x 4096 is 64 MiB, far more than a cover needs.
MAX_LOGO_SIDE = 4096
MAX_LOGO_PIXELS = 4096 * 4096
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


class ThemeFile(Model):
    """theme.yaml: the branding of a report."""

    consultancy: str | None = Field(
        None,
        min_length=1,
        max_length=100,
        description="Name of the firm issuing the report, shown on the cover and in the footer.",
    )
    logo: str | None = Field(
        None,
        min_length=1,
        description="Logo image (PNG, JPEG or SVG), relative to the theme file.",
    )
    primary: str = Field(
        DEFAULT_PRIMARY,
        description='Primary colour as a hex colour, e.g. "#1f4e79" (quoted in YAML).',
    )

    @field_validator("primary", mode="before")
    @classmethod
    def _hex(cls, value: object) -> object:
        if value is None:
            raise ValueError(
                'the colour is empty; quote it, e.g. primary: "#1f4e79" '
                "(an unquoted # starts a YAML comment)"
            )
        if not isinstance(value, str) or not _HEX.match(value.strip()):
            raise ValueError('must be a hex colour such as "#1f4e79" or "#147"')
        return value


@dataclass(frozen=True)
class ReportTheme:
    """A validated theme, with the logo resolved to an absolute path."""

    consultancy: str | None = None
    logo: Path | None = None
    primary: str = DEFAULT_PRIMARY
    file: str | None = None


DEFAULT_THEME = ReportTheme()


def normalize_hex(colour: str) -> str:
    """`#ABC` -> `#aabbcc`; `#AABBCC` -> `#aabbcc`."""
    digits = colour.strip().lstrip("#").lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def load_theme(path: Path) -> ReportTheme:
    """Read and validate a theme file; raise `ValidationError` with every located problem."""
    doc = read_yaml(path)
    try:
        parsed = ThemeFile.model_validate(doc.data)
    except pydantic.ValidationError as error:
        issues = [
            issue_from_pydantic(doc, ThemeFile, item) for item in error.errors(include_url=False)
        ]
        raise ValidationError(f"{doc.file}: the theme is not valid", sorted(issues)) from None
    logo = None
    if parsed.logo is not None:
        logo = _check_logo(path.parent / parsed.logo, doc.file, doc.line_of(("logo",)))
    return ReportTheme(
        consultancy=parsed.consultancy,
        logo=logo,
        primary=normalize_hex(parsed.primary),
        file=doc.file,
    )


def _check_logo(candidate: Path, file: str, line: int) -> Path:
    def fail(message: str, allowed: str | None = None) -> ValidationError:
        issue = Issue(file, line, "logo", message, got=str(candidate), allowed=allowed)
        return ValidationError(issue.format(), [issue])

    kinds = ", ".join(sorted(LOGO_TYPES))
    mime = LOGO_TYPES.get(candidate.suffix.lower())
    if mime is None:
        raise fail("not a supported image type", allowed=kinds)
    try:
        resolved = candidate.resolve(strict=True)
        if not resolved.is_file():
            raise fail("not a file", allowed=f"an image file ({kinds})")
        size = resolved.stat().st_size
        with resolved.open("rb") as handle:
            content = handle.read(MAX_LOGO_BYTES + 1)
        head = content[:512]
    except FileNotFoundError:
        raise fail("no such file (the path is relative to the theme file)") from None
    except OSError as error:
        raise fail(f"cannot be read: {error.strerror or error}") from None
    if size > MAX_LOGO_BYTES:
        raise fail(f"file is too large ({size:,} bytes)", allowed=f"at most {MAX_LOGO_BYTES:,}")
    magic = _MAGIC.get(mime)
    if magic and not head.startswith(magic):
        raise fail(f"the file's content is not {mime.split('/')[1].upper()}")
    if mime == "image/svg+xml" and b"<svg" not in head and b"<?xml" not in head:
        raise fail("the file's content is not SVG")
    if mime != "image/svg+xml":
        problem = _raster_problem(content, mime)
        if problem:
            raise fail(problem[0], allowed=problem[1])
    return resolved


def _raster_problem(content: bytes, mime: str) -> tuple[str, str | None] | None:
    """What is wrong with a PNG or JPEG, read from its header and end without decoding it:
    a size in pixels above the limit, or a file that is cut short."""
    size = _png_size(content) if mime == "image/png" else _jpeg_size(content)
    if size is None:
        return ("the image is damaged: its size in pixels cannot be read", None)
    width, height = size
    if max(width, height) > MAX_LOGO_SIDE or width * height > MAX_LOGO_PIXELS:
        return (
            f"the image is too large ({width:,} x {height:,} pixels)",
            f"at most {MAX_LOGO_SIDE:,} x {MAX_LOGO_SIDE:,}",
        )
    complete = (
        content.endswith(b"IEND\xaeB`\x82")
        if mime == "image/png"
        else content.rstrip(b"\x00").endswith(b"\xff\xd9")
    )
    if not complete:
        return ("the image is damaged: the file is cut short", None)
    return None


def _png_size(content: bytes) -> tuple[int, int] | None:
    if len(content) < 24 or content[12:16] != b"IHDR":
        return None
    return int.from_bytes(content[16:20], "big"), int.from_bytes(content[20:24], "big")


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame segment, found by walking its segments."""
    at = 2
    while at + 9 < len(content):
        if content[at] != 0xFF:
            return None
        marker = content[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        length = int.from_bytes(content[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(content[at + 5 : at + 7], "big")
            width = int.from_bytes(content[at + 7 : at + 9], "big")
            return width, height
        at += 2 + length
    return None
