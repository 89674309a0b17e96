"""Theme logos (`readiness.report.theme`): the size in pixels is checked before anything
decodes the image, and a damaged image is refused with a located message instead of being
dropped from the report without a word."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest

from readiness.errors import ValidationError
from readiness.report.theme import load_theme


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _png(width: int, height: int) -> bytes:
    """A valid 1-bit greyscale PNG (small on disk whatever its size in pixels)."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    pixels = zlib.compress(row * height, 9)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def _jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "JPEG")
    return buffer.getvalue()


def _theme(tmp_path: Path, name: str, content: bytes) -> Path:
    (tmp_path / name).write_bytes(content)
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"consultancy: Kestrel Advisory\nlogo: {name}\n")
    return theme


def _error(theme: Path) -> str:
    with pytest.raises(ValidationError) as caught:
        load_theme(theme)
    [line] = caught.value.lines()
    return line


def test_a_huge_png_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    content = _png(13_000, 13_000)
    assert len(content) < 1024 * 1024
    theme = _theme(tmp_path, "huge.png", content)
    assert _error(theme) == (
        f"{theme}:2: logo: the image is too large (13,000 x 13,000 pixels) "
        f"(got {tmp_path / 'huge.png'}; allowed: at most 4,096 x 4,096)"
    )


def test_a_huge_jpeg_is_refused(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "wide.jpg", _jpeg(5000, 10))
    assert "too large (5,000 x 10 pixels)" in _error(theme)


@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_a_truncated_logo_is_refused(kind: str, tmp_path: Path) -> None:
    content = _png(300, 100) if kind == "png" else _jpeg(300, 100)
    theme = _theme(tmp_path, f"cut.{kind}", content[: len(content) * 2 // 3])
    assert "logo: the image is damaged: the file is cut short" in _error(theme)


def test_a_symlink_to_something_else_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "logo.png").symlink_to(tmp_path / "notes.txt")
    theme = tmp_path / "theme.yaml"
    theme.write_text("logo: logo.png\n")
    assert "logo: the file's content is not PNG" in _error(theme)


@pytest.mark.parametrize("kind", ["png", "jpg"])
def test_a_good_logo_is_accepted(kind: str, tmp_path: Path) -> None:
    content = _png(400, 120) if kind == "png" else _jpeg(400, 120)
    theme = _theme(tmp_path, f"logo.{kind}", content)
    assert load_theme(theme).logo == (tmp_path / f"logo.{kind}").resolve()
