"""The report's words in the reader's language: one gettext catalogue for templates and code.

English is the source language: its words are the message ids, so English needs no catalogue.
Another language is a compiled catalogue, `locale/<lang>/LC_MESSAGES/messages.mo`, shipped as
package data and read by the standard library's `gettext` (Babel is needed only to extract and
compile, never to render). `translator(language)` is a pure function of the language (it
reads the catalogue each time: a few milliseconds, nothing kept at module level);
the Jinja environment gets the same translations through `jinja2.ext.i18n` (newstyle gettext:
`{{ _("%(name)s is at %(stage)s", name=..., stage=...) }}`), and Python code that writes client
sentences takes the `Translator` as an argument and calls `gettext`/`ngettext` on it.

Every message is formatted with named placeholders (`%(name)s`), also when it has none, as
the Jinja side does: a literal percent sign is written `%%`.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import re
from dataclasses import dataclass
from pathlib import Path

from readiness.errors import UsageError
from readiness.printable import printable_line

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")
"""`fr`, `pt_BR`, `sr_Latn`: a catalogue folder's name, never a path."""
LOCALE = Path(__file__).resolve().parent / "locale"
"""The catalogue: `messages.pot` (the message ids) and one folder per shipped language."""


@dataclass(frozen=True)
class Translator:
    """The report's words in one language: `gettext` and `ngettext` with named placeholders."""

    language: str
    translations: stdlib_gettext.NullTranslations
    """Compared by identity: two catalogues of one language are two translators."""

    def gettext(self, message: str, **values: object) -> str:
        """`message` in this language, its `%(name)s` placeholders filled from `values`."""
        return self.translations.gettext(message) % values

    def ngettext(self, singular: str, plural: str, num: int, **values: object) -> str:
        """The form of `singular`/`plural` this language uses for `num` (also `%(num)s`)."""
        return self.translations.ngettext(singular, plural, num) % {"num": num, **values}


def N_(message: str) -> str:
    """Mark `message` for the catalogue where it is defined; it is translated where used."""
    return message


ENGLISH = Translator(SOURCE_LANGUAGE, stdlib_gettext.NullTranslations())
"""The source language: message ids as written, formatted."""


def catalogue_path(language: str, folder: Path = LOCALE) -> Path:
    """Where the compiled catalogue of `language` lives under `folder`."""
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def languages(folder: Path = LOCALE) -> tuple[str, ...]:
    """The languages the report can be written in: English and every compiled catalogue."""
    found = folder.iterdir() if folder.is_dir() else ()
    shipped = sorted(p.name for p in found if catalogue_path(p.name, folder).is_file())
    return (SOURCE_LANGUAGE, *(name for name in shipped if name != SOURCE_LANGUAGE))


def translator(language: str = SOURCE_LANGUAGE, folder: Path = LOCALE) -> Translator:
    """The `Translator` of `language`; `UsageError` naming the languages there are when there is
    no catalogue for it. `folder` holds the compiled catalogues (the package's by default)."""
    if language == SOURCE_LANGUAGE:
        return ENGLISH
    path = catalogue_path(language, folder)
    if not LANGUAGE_CODE.fullmatch(language) or not path.is_file():
        raise UsageError(
            f"no report language '{printable_line(language)}': available are "
            f"{', '.join(languages(folder))}"
        )
    with path.open("rb") as stream:
        return Translator(language, stdlib_gettext.GNUTranslations(stream))
