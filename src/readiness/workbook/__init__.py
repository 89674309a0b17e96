"""Workbooks: the questionnaire respondents fill in Excel, importing it and Forms exports back,
and the auditable results workbook.

- `questionnaire`: the questionnaire workbook out, and the questions to paste into a form;
  `instructions`: its first sheet.
- `answers`: reading one answer cell into a level.
- `importing`: filled workbooks in, an assessment out (merged through `readiness.merge`).
- `forms`: Microsoft Forms and Google Forms exports (xlsx or CSV) in.
- `results`: scores and plan as a workbook whose every score is a formula over the answers;
  `formulas` writes its formulas, `summary_sheet`, `gates_sheet`, `verdict`, `plan_sheet`
  and `load_sheet` its other sheets.
- `cells`: styles, text that never becomes a formula, protection, print set-up, saving.

openpyxl is imported only inside this package, and only when a function here is called: each
public function that reads or writes a workbook calls `import_openpyxl` first.
"""

from __future__ import annotations

import importlib
import sys

_NOT_NEEDED = ("numpy", "PIL")
"""What openpyxl imports when it is installed without needing it here: numpy only to accept
numpy numbers as cell values (this package writes Python numbers) and Pillow only for images
(it writes none). numpy alone is about a third of a workbook command's imports."""


def import_openpyxl() -> None:
    """Import openpyxl without numpy and Pillow, unless they or openpyxl are loaded already.

    Both are hidden only while openpyxl's own modules run, then importable as before;
    openpyxl then treats numpy numbers as it would without numpy installed.
    """
    if "openpyxl" in sys.modules:
        return
    hidden = [name for name in _NOT_NEEDED if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        importlib.import_module("openpyxl")
    finally:
        for name in hidden:
            del sys.modules[name]
