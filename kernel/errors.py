"""One exception hierarchy for demat.

Each error says what went wrong and what the user can do about it, and carries
the exit code the CLI returns. The runner turns a `DocumentError` raised by a
stage into a quarantine entry with the same words.

Messages (and what to do) are written in English with `%(name)s` for their
values, marked with `N_()`: `str(error)` is the English text (logs, quarantine
files), and the CLI and the web show it in the user's language through the gettext catalog
(`demat.web.i18n.error_text`). A message written as finished text is shown as is.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Marks MESSAGE for the translation catalog; it is translated where it is shown."""
    return message


class DematError(Exception):
    """Base of every error demat raises on purpose."""

    exit_code = 1
    action = ""  # what the user can do; shown under the message

    def __init__(self, message: str, action: str | None = None, **values: Any):
        super().__init__(message % values if values else message)
        self.template, self.values = message, values
        self.action_template = self.action if action is None else action  # with %(name)s values too
        if values:
            self.action = self.action_template % values
        elif action is not None:
            self.action = action

    @property
    def message(self) -> str:
        return str(self)

    @property
    def kind(self) -> str:
        return type(self).__name__


class ConfigError(DematError):
    """demat.toml, routing.toml or the environment is wrong: demat will not start."""

    exit_code = 2
    action = N_("Fix the file named in the message and start again.")


class UsageError(DematError):
    """The command line asked for something that does not exist."""

    exit_code = 2


class InputError(UsageError, ValueError):
    """A value a person typed (an amount, a date, a year) that cannot be read; a ValueError too,
    so that parameter validation reports it, and translatable where it is shown."""


class NotFound(DematError):
    exit_code = 3


class ModelError(DematError):
    """A trained model is missing or was saved by an incompatible version."""

    exit_code = 4
    action = N_("Rebuild the model with `demat train` (or `make model`).")


class DocumentError(DematError):
    """This one file cannot be processed; it goes to quarantine, the rest carry on."""

    exit_code = 5
    action = N_("Check the file, then put it back with `demat retry ID`.")


class EmptyFile(DocumentError):
    action = N_("The file has no content (0 bytes): scan or export it again.")


class UnsupportedFile(DocumentError):
    action = N_("demat takes PDF, TIFF, JPEG, PNG and FatturaPA XML (.xml, .xml.p7m). "
                "Convert the file to one of these.")


class CorruptFile(DocumentError):
    action = N_("The file is damaged or truncated: scan or download it again.")


class PasswordProtected(DocumentError):
    action = N_("Save the PDF again without a password, then drop it into the inbox.")


class TooLarge(DocumentError):
    action = N_("The file is larger than the configured limit: split it, or raise the limit in demat.toml.")


class InvalidFatturaPA(DocumentError):
    action = N_("The XML is not a valid FatturaPA file: ask the supplier for the file sent through the SdI.")


class OcrFailed(DocumentError):
    action = N_("tesseract could not read this file: check that it is a readable scan, then retry.")
