"""Hashes of what a build's result depends on: the code, the topic config and the seeds folder.

The article cache and the last-build record (``briefing.last_build``) are both keyed by them.
Light on purpose: a build that finds nothing changed imports this and little else.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

from .regions import bytes_checksum

PACKAGE = Path(__file__).resolve().parent
FORMAT = "briefing-cache-2"
"""Changed whenever what the cache stores changes shape, so old entries are never read."""
_CODE_SUFFIXES = (".py", ".md", ".html", ".j2", ".jinja", ".txt", ".json", ".yml")


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the package's source: any edit to the code gives a new version."""
    digest = hashlib.sha256(FORMAT.encode("utf-8"))
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in _CODE_SUFFIXES:
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build_version(topic_bytes: bytes) -> str:
    """The cache folder's name: one per code version and topic config, so a change to either
    invalidates every entry at once."""
    return hashlib.sha256(code_version().encode("utf-8") + b"\0" + topic_bytes).hexdigest()[:32]


def folder_fingerprint(folder: Path) -> str:
    """Hash of everything under ``folder``: each entry's relative name and kind, a file's bytes, a
    link's target. Special files (FIFOs, sockets) are never opened."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return "missing"
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(dirs + files):
            path = Path(current, name)
            digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            try:
                info = path.lstat()
                digest.update(f"{info.st_mode:o}\0".encode())
                if stat.S_ISREG(info.st_mode):
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                elif stat.S_ISLNK(info.st_mode):
                    digest.update(os.readlink(path).encode("utf-8", "surrogateescape"))
            except OSError:  # unreadable, or gone since listed: the build that reads it says so
                digest.update(b"unreadable\0")
    return digest.hexdigest()


def file_checksum(path: Path) -> str | None:
    """The manifest's checksum of a file (``regions.bytes_checksum``), or None when it cannot be read."""
    try:
        return bytes_checksum(path.read_bytes())
    except OSError:
        return None
