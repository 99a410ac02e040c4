"""The ``briefing`` console command that ``pip install .`` puts beside ``build_site.py``.

It is ``build_site.py``'s command line, run on the project in the current folder. ``build_site.py`` finds
the project next to itself (its ``ROOT``), which is right in a checkout but, once installed, would be
site-packages; so the command points ``ROOT`` at the current folder first.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    import build_site

    build_site.ROOT = Path.cwd().resolve()
    return build_site.main(argv)
