"""The language of a page: Italian by default, English by the user's choice or the browser's Accept-Language.

Strings are written in English in the code and templates and translated by
gettext catalogs (`web/locale/<lang>/LC_MESSAGES/messages.po`), read with
Babel when the app starts: no compile step, no network. `install(env)` gives
Jinja `_()`/`ngettext()` and the format and label filters, each in the
language of the request being rendered.
"""

from __future__ import annotations

import functools
import gettext as gettext_module
import io
import os
from pathlib import Path

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from demat.kernel.errors import DematError
from demat.web import i18n_formats, i18n_labels

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = i18n_labels.LANGUAGES  # the first is the default
DEFAULT = LANGUAGES[0]
COOKIE = "demat_lang"  # the user's choice, kept by the browser for a year
COOKIE_AGE = 365 * 24 * 3600


@functools.cache
def translations(language: str) -> gettext_module.NullTranslations:
    """The catalog of LANGUAGE, compiled in memory from its .po file; English is the source text."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language not in LANGUAGES or not po.exists():
        return gettext_module.NullTranslations()
    with po.open("rb") as file:
        catalog = read_po(file, locale=language)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext_module.GNUTranslations(mo)


def negotiate(cookie: str | None, accept_language: str | None) -> str:
    """The user's choice if any, else the first language of Accept-Language demat speaks, else Italian."""
    if cookie in LANGUAGES:
        return cookie
    ranked = []
    for part in (accept_language or "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            ranked.append((float(quality or 1), tag.split("-")[0].strip().lower()))
        except ValueError:
            continue
    for _, language in sorted(ranked, key=lambda pair: -pair[0]):
        if language in LANGUAGES:
            return language
    return DEFAULT


def of_request(request) -> str:
    return negotiate(request.cookies.get(COOKIE), request.headers.get("accept-language"))


def cli_language() -> str:
    """The CLI speaks Italian unless DEMAT_LANGUAGE (or else LANGUAGE, LC_ALL, LANG) asks for English."""
    for name in ("DEMAT_LANGUAGE", "LANGUAGE", "LC_ALL", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "C.UTF-8", "POSIX"):
            return "en" if value.lower().startswith("en") else DEFAULT
    return DEFAULT


def translate(language: str, message: str, **values) -> str:
    text = translations(language).gettext(message)
    return text % values if values else text


def error_parts(error, language: str) -> tuple[str, str]:
    """A DematError's message and what to do, in LANGUAGE where the catalog has them, else as written."""
    values = {name: translate(language, value.template, **value.values) if isinstance(value, DematError) else value
              for name, value in error.values.items()}  # the reason a wrapping error gives, in LANGUAGE too
    return (translate(language, error.template, **values),
            translate(language, error.action_template, **values) if error.action else "")


def error_text(error, language: str) -> str:
    return " ".join(filter(None, error_parts(error, language)))


def titled(title: str, code: str | None, language: str) -> str:
    """A document's title with its type's label where the pipeline wrote the code: "Nota di credito – NC A/942"."""
    if code and title and title.startswith(f"{code} "):
        return i18n_labels.label("type", code, language) + title[len(code):]
    return title or ""


def _language(context) -> str:
    request = context.get("request")
    return of_request(request) if request is not None else DEFAULT


def install(env: jinja2.Environment) -> None:
    """`_()`, `ngettext()` and the filters, in the language of the request each template renders for."""
    env.add_extension("jinja2.ext.i18n")

    @jinja2.pass_context
    def gettext(context, message):
        return translate(_language(context), message)  # Jinja fills in the %(name)s values

    @jinja2.pass_context
    def ngettext(context, singular, plural, n):
        return translations(_language(context)).ngettext(singular, plural, n)  # Jinja fills in %(num)s

    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.filters.update(
        amount=jinja2.pass_context(lambda context, value, type=None, currency="EUR":
                                   i18n_formats.amount(value, _language(context), currency or "EUR", type)),
        number=jinja2.pass_context(lambda context, value: i18n_formats.number(value, _language(context))),
        date=i18n_formats.date,
        when=i18n_formats.when,
        label=jinja2.pass_context(lambda context, code, kind: i18n_labels.label(kind, code, _language(context))),
        title=jinja2.pass_context(lambda context, title, code: titled(title, code, _language(context))),
    )
    env.globals["language"] = jinja2.pass_context(_language)

    @jinja2.pass_context
    def check_message(context, check) -> str:
        from demat.web import i18n_checks

        doc = context.get("doc") or {}
        return i18n_checks.describe(check, doc.get("fields", {}), _language(context))

    @jinja2.pass_context
    def review_reason(context, text) -> str:
        from demat.web import i18n_checks

        doc = context.get("doc") or {}
        return i18n_checks.reason(text, doc.get("fields", {}), _language(context))

    env.globals.update(check_message=check_message, review_reason=review_reason)
