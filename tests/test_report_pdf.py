"""The report's PDF: structure (pages, contents, bookmarks, metadata) and the renderer's limits.

WeasyPrint takes seconds, so the example's PDF and the hostile one are rendered once per test
session (session-scoped fixtures) and every check reads those.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pypdfium2
import pytest

from readiness.pipeline import assess, report
from readiness.report.context import build_context
from readiness.report.html import STATIC, font_folder, render_html
from readiness.report.pdf import AssetFetcher, write_pdf
from readiness.report.theme import load_theme
from readiness.roadmap import plan_roadmap
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
ACME_BASELINE = ROOT / "examples" / "acme-retail" / "2026-Q3.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
GENERATED = dt.date(2026, 12, 1)


def page_texts(data: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(data)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@pytest.fixture(scope="session")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bundled example's report, with a baseline, rendered once through the library API."""
    target = tmp_path_factory.mktemp("report") / "acme.pdf"
    report(ACME, generated=GENERATED, output=target, baseline=ACME_BASELINE)
    return target.read_bytes()


@pytest.fixture(scope="session")
def example_texts(example_pdf: bytes) -> list[str]:
    return page_texts(example_pdf)


def test_page_count_is_sane(example_texts: list[str]) -> None:
    assert 20 <= len(example_texts) <= 70


def test_metadata(example_pdf: bytes) -> None:
    reader = pypdf.PdfReader(pytest.importorskip("io").BytesIO(example_pdf))
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Acme Retail: ML Scaling Readiness, 2026-Q4"
    assert metadata.author and "Whitaker" in metadata.author
    assert metadata["/CreationDate"] == "D:20261201"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_no_attachments_and_no_links_out(example_pdf: bytes) -> None:
    reader = pypdf.PdfReader(pytest.importorskip("io").BytesIO(example_pdf))
    assert dict(reader.attachments) == {}
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            action = annotation.get_object().get("/A", {})
            assert action.get("/S") != "/URI", "no link may point outside the document"
            assert annotation.get_object().get("/Subtype") != "/FileAttachment"


def test_bookmarks_cover_every_section_and_dimension(example_pdf: bytes) -> None:
    reader = pypdf.PdfReader(pytest.importorskip("io").BytesIO(example_pdf))

    def titles(outline: list) -> list[str]:  # type: ignore[type-arg]
        found: list[str] = []
        for entry in outline:
            found += titles(entry) if isinstance(entry, list) else [entry.title]
        return found

    found = titles(reader.outline)
    for title in (
        "Executive summary",
        "Progress since 2026-Q3",
        "Where you stand",
        "What holds you back",
        "The roadmap",
        "The first wave",
        "What it takes",
        "Appendix",
        "A. Every practice and answer",
        "1. Data foundations",
        "5. Value and measurement",
    ):
        assert title in found


def test_contents_lists_sections_with_their_page_numbers(example_texts: list[str]) -> None:
    contents = example_texts[1]
    assert contents.startswith("CONTENTS") or "Contents" in contents
    for title in ("Executive summary", "Where you stand", "The roadmap", "Appendix"):
        match = re.search(rf"{re.escape(title)}\s*\r?\n?\s*(\d+)", contents)
        assert match, f"{title} has no page number in the contents"
        page = int(match.group(1))
        assert title in example_texts[page - 1], f"{title} is not on page {page}"


def test_every_dimension_heading_and_the_summary_page(example_texts: list[str]) -> None:
    everything = "\n".join(example_texts)
    for heading in (
        "1. Data foundations",
        "2. Infrastructure and MLOps",
        "3. Teams and operating model",
        "4. Ethics, risk and governance",
        "5. Value and measurement",
    ):
        assert heading in everything
    summary = next(t for t in example_texts if "Executive summary" in t and "priorities" in t)
    for part in ("STAGE TODAY", "Where Acme Retail stands", "Strengths to build on"):
        assert part in summary, f"{part} is not on the summary page"


def test_running_headers_and_page_x_of_y(example_texts: list[str]) -> None:
    total = len(example_texts)
    assert "Page 1 of" not in example_texts[0]  # the cover has no footer
    for number, text in enumerate(example_texts[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert "Acme Retail · 2026-Q4" in text


# --- the renderer fetches nothing but our own assets -------------------------------------------


@pytest.fixture(scope="session")
def hostile() -> tuple[bytes, AssetFetcher, str]:
    """A report whose organization, notes and roles carry markup, rendered once; with the
    fetcher that recorded every URL WeasyPrint asked for."""
    folder = Path(__file__).parent / "report_fixtures" / "evil-corp"
    theme = load_theme(folder / "theme.yaml")
    assessed = assess(folder / "2026-Q4.yaml", frameworks=(FIXTURES,))
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    context = build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        plan,
        generated=GENERATED,
        theme=theme,
    )
    html = render_html(context)
    fetcher = AssetFetcher(logo=theme.logo)
    return write_pdf(html, fetcher=fetcher), fetcher, html


def test_hostile_text_fetches_nothing_and_attaches_nothing(
    hostile: tuple[bytes, AssetFetcher, str],
) -> None:
    data, fetcher, _ = hostile
    # The only refusals are the two references inside the theme's SVG logo; no text of the
    # assessment made WeasyPrint ask for anything.
    assert sorted(fetcher.refused) == ["file:///etc/passwd", "http://127.0.0.1:9/tracker.png"]
    allowed = [a.url for a in fetcher.attempts if a.allowed]
    fonts = font_folder().as_uri()
    assert allowed and all(u.startswith(fonts) or u.endswith("/logo.svg") for u in allowed)
    assert any(u.endswith("/logo.svg") for u in allowed)
    reader = pypdf.PdfReader(pytest.importorskip("io").BytesIO(data))
    assert dict(reader.attachments) == {}
    for page in reader.pages:
        resources = page.get("/Resources", {})
        for name, item in (resources.get("/XObject", {}) or {}).items():
            assert item.get_object().get("/Subtype") != "/Image", f"foreign image {name}"
    text = "\n".join(page_texts(data)).replace("\r", "")
    assert "<link rel=attachment href=file:///etc/passwd>Evil Corp" in text
    assert "<i>Evil</i> Advisory" in text


def test_raw_markup_reaching_weasyprint_is_still_contained(tmp_path: Path) -> None:
    """Even unescaped markup (what autoescape prevents) cannot reach files or the network."""
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    html = (
        "<html lang=en><head><title>t</title>"
        f"<link rel=attachment href='{secret.as_uri()}'>"
        "<link rel=stylesheet href='http://127.0.0.1:9/x.css'>"
        "<style>@import url('http://127.0.0.1:9/y.css'); "
        f"body {{ background: url('{secret.as_uri()}') }}</style></head><body>"
        "<img src='http://127.0.0.1:9/z.png'>"
        f"<img src='{(STATIC / '..' / '..' / 'cli.py').as_uri()}'>"
        f"<a rel=attachment href='{secret.as_uri()}'>x</a>"
        "<svg><image href='file:///etc/passwd'/></svg></body></html>"
    )
    fetcher = AssetFetcher()
    data = write_pdf(html, fetcher=fetcher)
    assert len(fetcher.refused) >= 6
    assert all(not a.allowed for a in fetcher.attempts if "http:" in a.url or "secret" in a.url)
    reader = pypdf.PdfReader(pytest.importorskip("io").BytesIO(data))
    assert dict(reader.attachments) == {}
    assert b"top secret" not in data


def test_fetcher_allows_data_fonts_static_and_the_logo_only(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "other.png").write_bytes(b"x")
    fetcher = AssetFetcher(logo=logo)
    fetcher.fetch("data:text/plain,hello").close()
    fetcher.fetch((font_folder() / "SourceSansPro-Regular.ttf").as_uri()).close()
    fetcher.fetch((STATIC / "report.css").as_uri()).close()
    fetcher.fetch(logo.as_uri()).close()
    for url in (
        (tmp_path / "other.png").as_uri(),
        "file:///etc/passwd",
        STATIC.as_uri() + "/../../cli.py",
        "http://127.0.0.1:9/x.png",
        "https://example.com/",
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
    ):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)
    assert [a.allowed for a in fetcher.attempts] == [True] * 4 + [False] * 7


# --- files ------------------------------------------------------------------------------------


def test_an_interrupted_render_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import readiness.report.pdf

    def interrupted(*args: object, **kwargs: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(readiness.report.pdf, "write_pdf", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report(ACME, generated=GENERATED, output=tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_is_kept_without_force(tmp_path: Path) -> None:
    from readiness.errors import OutputExistsError

    target = tmp_path / "r.pdf"
    target.write_bytes(b"earlier report")
    with pytest.raises(OutputExistsError):
        report(ACME, generated=GENERATED, output=target)
    assert target.read_bytes() == b"earlier report"
