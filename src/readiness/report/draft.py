"""The DRAFT mark: a report on too little evidence says so on every page.

Added to the finished HTML as a stylesheet and one fixed-position element, which WeasyPrint
repeats on every page, so it holds whatever the templates contain: a stamp in the top margin
(positions are relative to the page's content area) and a faint word across the page.
"""

from __future__ import annotations

import re

from markupsafe import escape

from readiness.report.i18n import ENGLISH, Translator

_STYLE = """<style>
.readiness-draft { position: fixed; top: -17mm; right: 0; z-index: 10;
  font: 700 11pt/1 "Source Sans Pro", "DejaVu Sans", sans-serif;
  color: #b3261e; border: 1.5pt solid #b3261e; padding: 1.2mm 2.5mm; background: #fff; }
.readiness-draft-wash { position: fixed; top: 42%; left: 0; right: 0; z-index: 10;
  text-align: center; transform: rotate(-30deg); color: rgba(179, 38, 30, 0.10);
  font: 700 110pt/1 "Source Sans Pro", "DejaVu Sans", sans-serif; }
</style>
"""
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def mark_draft(html: str, words: Translator = ENGLISH) -> str:
    """`html` with DRAFT in the corner of every page and across it, and in its title (the
    word in the report's language)."""
    draft = str(escape(words.gettext("DRAFT")))
    mark = (
        f'<div class="readiness-draft">{draft}</div>'
        f'<div class="readiness-draft-wash" aria-hidden="true">{draft}</div>'
    )
    html = html.replace("</head>", _STYLE + "</head>", 1)
    before, _, after = words.gettext("DRAFT: %(title)s", title="\x00").partition("\x00")
    html = re.sub(
        r"<title>(.*?)</title>",
        lambda m: f"<title>{escape(before)}{m.group(1)}{escape(after)}</title>",
        html,
        count=1,
    )
    return _BODY.sub(lambda m: m.group() + mark, html, count=1)
