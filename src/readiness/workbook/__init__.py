"""Workbooks: the questionnaire respondents fill in Excel, importing it and Forms exports back,
and the auditable results workbook.

- `questionnaire`: the questionnaire workbook out, and the questions to paste into a form.
- `answers`: reading one answer cell into a level.
- `importing`: filled workbooks in, an assessment out (merged through `readiness.merge`).
- `forms`: Microsoft Forms and Google Forms exports (xlsx or CSV) in.
- `results`: scores and plan as a workbook whose every score is a formula over the answers.
- `cells`: styles, text that never becomes a formula, protection, print set-up, saving.

openpyxl is imported only inside this package, and only when a function here is called.
"""
