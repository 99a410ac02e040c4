"""The site folder swap: a new ``site/`` replaces the old one only when MkDocs succeeded.

MkDocs builds into ``.site-building-*`` beside ``site/``. The swap is two renames:
``site/`` -> ``.site-old-<pid>``, then the new folder -> ``site/``. A build killed
between them leaves no ``site/`` but a whole old one, which the next build puts
back before it starts; anything else left over is removed. The caller holds the
docs lock, so no other build is using these folders.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def building_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-"


def recover_site(site_dir: Path) -> None:
    """Put back a site that a killed build had moved aside, and remove half-built and old folders."""
    parent = site_dir.parent
    olds = sorted(parent.glob(f".{site_dir.name}-old-*"), key=lambda p: p.stat().st_mtime_ns)
    if not site_dir.exists() and olds:
        olds.pop().rename(site_dir)  # killed between the two renames: the newest old site is whole
    for leftover in olds + sorted(parent.glob(f"{building_prefix(site_dir)}*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make ``staging`` the site, then remove the old one."""
    if not site_dir.exists():
        staging.rename(site_dir)
        return
    old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
    site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
