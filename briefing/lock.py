"""One build at a time on a ``docs/`` folder.

The lock is ``docs/.briefing-lock``, held with ``fcntl.flock``: the kernel
releases it when its process ends, however it ends, so a killed build never
leaves a lock behind that blocks the next one. While held, the file names the
process holding it (its id and command line) for the message a second build
prints. It is removed on release; a file left by a killed build is simply
locked again.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BriefingError, write_error

LOCK = ".briefing-lock"


class LockedError(BriefingError):
    """Another build is writing the same docs/ folder."""


@contextmanager
def docs_lock(docs_dir: Path, docs_label: str = "docs", required: bool = True) -> Iterator[None]:
    """Hold the lock on ``docs_dir`` for the ``with`` block; raise LockedError if another build holds it.

    With ``required=False`` (``check``, which writes nothing), a folder that is missing or
    read-only is simply read without a lock.
    """
    shown = f"{docs_label}/{LOCK}"
    handle: int | None = None
    try:
        handle = _acquire(docs_dir / LOCK, shown, docs_label)
    except OSError as error:
        if required:
            raise write_error(error, f"{docs_label}/", "nothing was written") from None
    if handle is None:
        yield
        return
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()} {' '.join(sys.argv)}\n".encode(errors="replace"))
        yield
    finally:
        try:
            os.unlink(docs_dir / LOCK)
        except OSError:
            pass  # removed by hand, or a read-only folder: the kernel still releases the lock on close
        os.close(handle)


def _acquire(path: Path, shown: str, docs_label: str) -> int:
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(handle)
            os.close(handle)
            raise LockedError(
                f"another build{holder} is writing {docs_label}/",
                shown,
                hint="wait for it to finish, then run the build again",
            ) from None
        except BaseException:
            os.close(handle)
            raise
        # The build that held the lock may have removed the file between our open and our lock:
        # then we hold a lock nobody else can see, so start again on the file that is there now.
        try:
            if os.stat(path).st_ino == os.fstat(handle).st_ino:
                return handle
        except FileNotFoundError:
            pass
        os.close(handle)


def _holder(handle: int) -> str:
    """' (process 4242: python build_site.py serve)', or '' while the holder has not yet written itself in."""
    try:
        text = os.pread(handle, 4096, 0).decode(errors="replace").strip()
    except OSError:
        return ""
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return ""
    return f" (process {pid}: {command})" if command else f" (process {pid})"
