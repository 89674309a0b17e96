"""The report: an HTML document rendered by Jinja2 from models, and a PDF written by WeasyPrint.

- `theme`: the optional theme file (consultancy name, logo, primary colour), validated.
- `story`: what the report says, as plain records (shared with every other presentation).
- `charts`, `lanes`: the geometry of the SVG charts (trend, roadmap lanes); Jinja macros draw them.
- `context`: the template context, built from models only (no clock, no files); its parts in
  `answers`, `findings`, `cards`, `gates`, `standing`, `takes`, `method`, `palette`.
- `progress`: the "progress since the baseline" part of the context.
- `i18n`: the report's words in the reader's language (`translator(language)`, one gettext
  catalogue under `locale/` for templates and code); `reasons`: why work is deferred, in words.
- `html`: the Jinja environment (autoescape, StrictUndefined, gettext) and `render_html`.
- `pdf`: `write_pdf` and the URL fetcher that keeps WeasyPrint away from anything but our assets.

Only `pdf` imports weasyprint, and only when it is called, so the rest of the package starts fast.
"""

PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b")
"""Tagged and accessible (PDF/UA-1, the default) or archival (PDF/A-3b)."""
