"""The one error type the command line catches, and its one-line format.

Every problem with the input (a seed, the topic config, a hand edit in ``docs/``)
raises :class:`BriefingError`. ``build_site.py`` prints it as
``path:line: message (hint)`` and exits with status 2. Any other exception is a
bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """A problem with the input that a contributor can fix."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class CitationError(BriefingError):
    """A quote that cannot be found verbatim in the paragraph it cites."""


class OwnershipError(BriefingError):
    """The build would overwrite something a person wrote."""


class StaleOutputError(BriefingError):
    """``check``: docs/ differs from what ``generate`` would write."""
