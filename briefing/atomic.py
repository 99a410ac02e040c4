"""Whole files or nothing: the one way the build writes a file outside the publish stage.

The cleaning report, the cache's entries and the last build's record are written through a
temporary file in the same folder and renamed over the target when complete, so a reader, or a
build killed half-way, finds the old file or the new one, never part of one. (``publish`` stages
and switches the files of ``docs/`` on its own, with a manifest; see :func:`briefing.publish.apply`.)
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def temporary_prefix(path: Path) -> str:
    """How the temporary files of ``path`` are named (``.<name>.tmp-…``), so a folder's owner can
    recognise and remove those a killed build left."""
    return f".{path.name}.tmp-"


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Create or replace ``path`` with what ``write`` writes to the stream it is given.

    Raises OSError (the folder cannot be made, the disk is full …); the target is then untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=temporary_prefix(path), dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
