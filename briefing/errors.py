"""The one error type the command line catches, and its one-line format.

Every problem with the input (a seed, the topic config, a hand edit in ``docs/``)
raises :class:`BriefingError`. ``build_site.py`` prints it as
``path:line: message (hint)`` and exits with status 2. Any other exception is a
bug and keeps its traceback.
"""

from __future__ import annotations

import errno
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


class WriteError(BriefingError):
    """The operating system refused a write: a read-only folder, a missing permission, a full disk."""


_WHY = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a part of the path is a file, not a folder",  # mkdir(exist_ok=True) where a file is
    errno.EISDIR: "it is a folder, where the build needs a file",
}


def write_error(error: OSError, shown: str, state: str, doing: str = "write") -> WriteError:
    """One line for an OSError met while writing (or reading) ``shown``, instead of a traceback.

    ``state`` tells what the failure left behind (for example "nothing in docs/ was changed").
    """
    why = _WHY.get(error.errno or 0) or (error.strerror or type(error).__name__).lower()
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        state = f"free some space, then run the build again; {state}"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        state = f"make it {'readable' if doing == 'read' else 'writable'}, then run the build again; {state}"
    elif error.errno in (errno.ENOTDIR, errno.EEXIST):
        state = f"move that file away, or choose another folder; {state}"
    elif error.errno == errno.EISDIR:
        state = f"move that folder away; {state}"
    return WriteError(f"cannot {doing}: {why}", shown, hint=state)
