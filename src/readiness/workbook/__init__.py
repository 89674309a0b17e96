"""Workbooks: the questionnaire respondents fill in Excel, importing it and Forms exports back,
and the auditable results workbook.

- `questionnaire`: the questionnaire workbook out, and the questions to paste into a form.
- `answers`: reading one answer cell into a level.
- `importing`: filled workbooks in, an assessment out (merged through `readiness.merge`).
- `forms`: Microsoft Forms and Google Forms exports (xlsx or CSV) in.
- `results`: scores and plan as a workbook whose every score is a formula over the answers.
- `cells`: styles, text that never becomes a formula, protection, print set-up, saving.

openpyxl is imported only inside this package, and only when a function here is called; each
such function calls `load_openpyxl` first.
"""

from __future__ import annotations

import sys


def load_openpyxl() -> None:
    """Import openpyxl without numpy, unless either is imported already.

    openpyxl imports numpy when it is installed (the planner's solver brings it), only to
    accept numpy numbers in cells; nothing here writes one, and numpy is most of the time a
    workbook command takes to start. numpy is kept out for the length of this import only:
    anything importing it afterwards gets it as usual.
    """
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` fails, for now
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]
