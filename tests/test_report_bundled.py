"""The bundled reports as a reader gets them: length, no tool internals, a text layer that
extracts as written, a tagged and valid PDF, and the workshop pack.

Each bundled report (and the Northwind workshop pack) is rendered once per test session and
shared by every test here.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest

from readiness.errors import ReadinessError
from readiness.load import Shelf, load_framework
from readiness.pipeline import report
from readiness.report.pdf import write_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GENERATED = dt.date(2026, 12, 4)
BUNDLED: dict[str, dict[str, Any]] = {
    "acme-retail": {"baseline": EXAMPLES / "acme-retail" / "2026-Q3.yaml"},
    "northwind-bank": {},
    "helios-energy": {},
    "lumen-insurance": {},
}
BODY_PAGES = 15

INTERNALS = {
    "an id": re.compile(r"\b[a-z]+\.[a-z]+(?:_[a-z0-9]+)*\s*(?:[<>=!]|\bat least\b)"),
    "a comparison operator": re.compile(r">=|<=|==|!=|\s[<>]\s"),
    "a YAML instruction": re.compile(
        r"\b(?:level|votes|answers|status|target|done_when):\s*[\d{\[]|`"
    ),
    "tool words": re.compile(
        r"rules? holds?|exit criterion|gate holds|condition holds|\bweight \d|standard deviation",
        re.IGNORECASE,
    ),
}


class Rendered:
    """A rendered PDF and its text, page by page, as pypdf extracts it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = path.read_bytes()
        self.reader = pypdf.PdfReader(io.BytesIO(self.data))
        self.pages = [page.extract_text() or "" for page in self.reader.pages]


@pytest.fixture(scope="session")
def rendered(shelf: Shelf, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every bundled report, and the Northwind workshop pack, rendered once."""
    folder = tmp_path_factory.mktemp("bundled")
    found = {}
    for client, options in BUNDLED.items():
        target = folder / f"{client}.pdf"
        report(
            EXAMPLES / client / "2026-Q4.yaml",
            generated=GENERATED,
            output=target,
            **options,
            shelf=shelf,
        )
        found[client] = Rendered(target)
    pack = folder / "northwind-pack.pdf"
    report(
        EXAMPLES / "northwind-bank" / "2026-Q4.yaml",
        generated=GENERATED,
        output=pack,
        workshop_pack=True,
        shelf=shelf,
    )
    found["northwind-pack"] = Rendered(pack)
    return found


def reports(rendered: dict[str, Rendered]) -> Iterator[tuple[str, Rendered]]:
    yield from ((name, r) for name, r in rendered.items() if name in BUNDLED)


def appendix_page(document: Rendered) -> int:
    """The 0-based page the appendix starts on, from the bookmarks."""
    for entry in document.reader.outline:
        if not isinstance(entry, list) and entry.title == "Appendix":
            return int(document.reader.get_destination_page_number(entry))
    raise AssertionError("no Appendix bookmark")


def test_the_body_is_at_most_fifteen_pages(rendered: dict[str, Rendered]) -> None:
    for name, document in reports(rendered):
        before = appendix_page(document)
        assert before <= BODY_PAGES, f"{name}: {before} pages before the appendix"


def test_a_report_on_part_of_an_organization_says_so_on_its_summary(
    rendered: dict[str, Rendered],
) -> None:
    # Lumen's assessment covers one model (its `organization.unit`); the others cover the
    # whole organization and say no scope.
    for name, document in reports(rendered):
        summary = " ".join(document.pages[2].split())
        if name == "lumen-insurance":
            assert "Scope: Claims Analytics, FraudLens claims fraud-triage model" in summary
            assert "(motor and home claims), called FraudLens below." in summary
            assert "not about the whole of Lumen Insurance." in summary
            # The verdict and the headings name the unit by its short name, never the company.
            assert "FraudLens has reached the Reasonably tested stage." in summary
            assert "Where FraudLens stands" in summary
            assert "Where Lumen Insurance stands" not in summary
        else:
            assert "Scope:" not in summary, name


def test_the_horizon_is_said_beside_the_plans_own_length(rendered: dict[str, Rendered]) -> None:
    # Northwind's work runs 35 months within a 36-month horizon: the Method says both at once,
    # and every other mention of the horizon names its last month, not a second count.
    text = " ".join(" ".join(rendered["northwind-bank"].pages).split())
    assert "48 initiatives over 35 months, Jan 2027 to Nov 2029:" in text
    assert (
        "The framework plans over 18 to 36 months: this plan's horizon runs from Jan 2027 to "
        "Dec 2029, and its work ends in Nov 2029."
    ) in text
    assert "it would end in Jul 2030, past the plan's horizon (Dec 2029)" in text
    assert "month horizon" not in text


def section_pages(document: Rendered) -> dict[str, int]:
    """How many pages each top-level section takes, from the bookmarks."""
    starts = [
        (entry.title, int(document.reader.get_destination_page_number(entry)))
        for entry in document.reader.outline
        if not isinstance(entry, list)
    ]
    ends = [page for _, page in starts[1:]] + [len(document.pages)]
    return {title: end - start for (title, start), end in zip(starts, ends, strict=True)}


MM = 72 / 25.4
TOP_MARGIN, BOTTOM_MARGIN = 24 * MM, 20 * MM
"""The page box of report.css: running headers and footers sit in these margins."""


def page_fill(data: bytes) -> list[float]:
    """How far down each page its content reaches, 0 (empty) to 1 (to the bottom margin),
    from the page objects (text, paths, images) between the margins."""
    document = pypdfium2.PdfDocument(data)
    try:
        found = []
        for index in range(len(document)):
            page = document[index]
            _, height = page.get_size()
            top, bottom = height - TOP_MARGIN, BOTTOM_MARGIN
            lows = [
                b
                for _, b, _, t in (o.get_bounds() for o in page.get_objects(max_depth=0))
                if b >= bottom - 1 and t <= top + 1
            ]
            found.append((top - min(lows)) / (top - bottom) if lows else 0.0)
        return found
    finally:
        document.close()


def test_no_body_page_is_below_a_third_full_but_the_last_of_a_section(
    rendered: dict[str, Rendered],
) -> None:
    for name, document in reports(rendered):
        starts = sorted(
            int(document.reader.get_destination_page_number(entry))
            for entry in document.reader.outline
            if not isinstance(entry, list)
        )
        last_of_section = {start - 1 for start in starts[1:]}
        fill = page_fill(document.data)
        thin = [
            f"page {page + 1}: {fill[page]:.0%}"
            for page in range(starts[0], appendix_page(document))
            if page not in last_of_section and fill[page] < 1 / 3
        ]
        assert not thin, f"{name}: {thin}"


def test_page_fill_is_measured_from_the_page() -> None:
    from weasyprint import HTML

    half = HTML(
        string="<style>@page { size: A4; margin: 24mm 19mm 20mm 19mm }</style>"
        '<div style="height: 120mm; background: black"></div>'
    ).write_pdf()
    assert abs(page_fill(half)[0] - 120 / (297 - 44)) < 0.02


def test_the_summary_comes_first_and_summary_and_roadmap_take_one_page_each(
    rendered: dict[str, Rendered],
) -> None:
    for name, document in reports(rendered):
        assert "Executive summary" in document.pages[2], name
        assert re.search(r"(One|Two|Three) priorit", document.pages[2]), name
        pages = section_pages(document)
        assert pages["Executive summary"] == 1, name
        assert pages["The roadmap"] == 1, name
        assert pages.get("Where leadership disagrees", 1) == 1, name


def framework_ids() -> re.Pattern[str]:
    """Every id of the bundled frameworks a reader must never see: question keys
    (`data.inventory`), question ids with an underscore, rule and initiative ids with a
    hyphen, role ids with a hyphen, as whole words."""
    ids: set[str] = set()
    for name in ("ml-scaling", "production-tests"):
        framework = load_framework(ROOT / "questionnaires" / name)
        for key, question in framework.questions().items():
            ids.add(key)
            if "_" in question.id:
                ids.add(question.id)
        ids |= {r.id for r in framework.rules if "-" in r.id}
        ids |= {i.id for i in framework.initiatives if "-" in i.id}
        ids |= {r for r in framework.manifest.roles if "-" in r}
    words = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])")


FILE_NAME = re.compile(r"[\w./-]+\.(?:ya?ml|json|py)\b")


def client_file_names(name: str) -> set[str]:
    """File names the client wrote in its own notes and evidence: the report quotes them."""
    client = name.removesuffix("-pack")
    folder = EXAMPLES / ("northwind-bank" if client == "northwind" else client)
    return set(FILE_NAME.findall((folder / "2026-Q4.yaml").read_text(encoding="utf-8")))


def test_no_tool_internals_reach_the_reader(rendered: dict[str, Rendered]) -> None:
    checks = {**INTERNALS, "a framework id": framework_ids(), "a file name": FILE_NAME}
    problems = []
    for name, document in rendered.items():
        quoted = client_file_names(name)
        for number, text in enumerate(document.pages, start=1):
            for what, pattern in checks.items():
                for match in pattern.finditer(text):
                    if what == "a file name" and match.group(0) in quoted:
                        continue
                    problems.append(f"{name} p{number}: {what}: {match.group(0)!r}")
    assert not problems, "\n".join(problems[:20])


def test_the_internals_check_catches_what_it_looks_for() -> None:
    caught = {
        what
        for what, pattern in INTERNALS.items()
        for sample in (
            "Because teams.change_management < 2",
            "Data foundations: data.inventory at least 2",
            "Record the agreed level as level: 3",
            "23 of the framework's rules hold",
            "exit criterion met",
            "data.inventory >= 2",
            "see questionnaires/ml-scaling/data.yaml",
        )
        if pattern.search(sample)
    }
    assert caught == set(INTERNALS)


def test_the_text_layer_extracts_words_as_written(rendered: dict[str, Rendered]) -> None:
    acme = rendered["acme-retail"]
    pypdf_text = "\n".join(acme.pages)
    for word in ("drift", "after", "officer", "effort", "workflow"):
        assert re.search(rf"\b{word}\b", pypdf_text, re.IGNORECASE), word
    for name, document in rendered.items():
        text = "\n".join(document.pages)
        assert not re.search("[\ufb00-\ufb06\u0205]", text), name
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    extracted = subprocess.run(
        ["pdftotext", str(acme.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert not re.search("[\ufb00-\ufb06\u0205]", extracted)
    for word in ("drift", "after", "officer"):
        assert re.search(rf"\b{word}\b", extracted, re.IGNORECASE), word


def struct_types(node: Any, found: set[str], depth: int = 0) -> None:
    """Collect the structure element types (/S) under a structure tree node."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            struct_types(child, found, depth + 1)
        return
    if not isinstance(node, dict) or depth > 60:
        return
    if "/S" in node:
        found.add(str(node["/S"]))
    if "/K" in node:
        struct_types(node["/K"], found, depth + 1)


def test_the_pdf_is_tagged_with_language_title_and_table_headers(
    rendered: dict[str, Rendered],
) -> None:
    for name, document in rendered.items():
        root = document.reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"]), name
        assert root["/Lang"] == "en", name
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), name
        assert document.reader.metadata is not None and document.reader.metadata.title, name
        found: set[str] = set()
        struct_types(root["/StructTreeRoot"], found)
        assert {"/H1", "/Table", "/TH", "/TD", "/Figure"} <= found or name.endswith("pack"), (
            name,
            found,
        )


@pytest.mark.parametrize("tool", ["pdfinfo", "qpdf", "pdffonts"])
def test_poppler_and_qpdf_accept_the_pdf(rendered: dict[str, Rendered], tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (apt: poppler-utils, qpdf)")
    for name, document in rendered.items():
        if tool == "pdfinfo":
            out = subprocess.run([tool, str(document.path)], capture_output=True, text=True)
            assert re.search(r"^Tagged:\s+yes$", out.stdout, re.MULTILINE), name
        elif tool == "qpdf":
            out = subprocess.run(
                [tool, "--check", str(document.path)], capture_output=True, text=True
            )
            assert out.returncode == 0, (name, out.stdout[-500:], out.stderr[-500:])
        else:
            out = subprocess.run([tool, str(document.path)], capture_output=True, text=True)
            rows = out.stdout.splitlines()[2:]
            assert rows, name
            # Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end.
            assert all(row.split()[-5] == "yes" for row in rows), (name, out.stdout)


def test_the_workshop_pack_holds_the_facilitator_material(
    rendered: dict[str, Rendered],
) -> None:
    pack = "\n".join(rendered["northwind-pack"].pages)
    for part in (
        "Workshop pack for the facilitator",
        "Who is in the room",
        "Ask for before the session",
        "Discussion agenda",
        "Every vote",
    ):
        assert part in pack
    leadership = "\n".join(rendered["northwind-bank"].pages)
    assert "Where leadership disagrees" in leadership
    assert "Agreed level" not in leadership and "Agreed level" in pack


def test_a_report_is_never_dated_before_its_assessment(shelf: Shelf, tmp_path: Path) -> None:
    helios = EXAMPLES / "helios-energy" / "2026-Q4.yaml"  # assessed 2026-12-03
    target = tmp_path / "helios.html"
    with pytest.raises(ReadinessError, match="before the assessment of 2026-12-03"):
        report(helios, generated=dt.date(2026, 11, 29), output=target, html=True, shelf=shelf)
    assert not target.exists()
    report(
        helios,
        generated=dt.date(2026, 11, 29),
        output=target,
        html=True,
        date_given=True,
        shelf=shelf,
    )
    assert target.exists()


def test_the_archival_variant_is_pdf_a() -> None:
    data = write_pdf(
        '<html lang="en"><head><title>t</title></head><body><p>drift</p></body></html>',
        variant="pdf/a-3b",
    )
    reader = pypdf.PdfReader(io.BytesIO(data))
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in metadata
    with pytest.raises(ValueError, match="unknown PDF variant"):
        write_pdf("<p>x</p>", variant="pdf/x-4")
