"""The workbook package: openpyxl is loaded without what it would import and not use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workbook_helpers import ROOT

SCRIPT = """
import datetime as dt
import sys
from pathlib import Path
from readiness.pipeline import locate_framework
from readiness.workbook.questionnaire import Recipient, build_questionnaire

who = Recipient("Acme", "2026-Q4", dt.date(2026, 11, 20), "J. Whitaker", "cto", "CTO")
path = Path(sys.argv[1])
path.write_bytes(build_questionnaire(locate_framework("ml-scaling"), who))
assert "openpyxl" in sys.modules and "numpy" not in sys.modules and "PIL" not in sys.modules
import numpy, PIL.Image  # still importable after openpyxl was loaded without them
"""


def test_openpyxl_is_loaded_without_numpy_and_pillow(tmp_path: Path) -> None:
    """numpy (for numpy numbers in cells) and Pillow (for images) would be a third of a
    workbook command's imports; neither is used here, and both stay importable."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "q.xlsx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
