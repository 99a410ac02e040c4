"""What the render stage hands to publish: whole files and regions, relative to docs/.

Kept apart from ``render`` (templates, Jinja) so that publishing and the up-to-date check
import nothing heavy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

GENERATED_BY = "build_site.py"


@dataclass(frozen=True, slots=True)
class OutputFile:
    """A whole file that the build owns, relative to docs/."""

    path: str
    content: bytes
    """Exactly the bytes to write (UTF-8). Bytes, not text: the data file runs to 100 MB at 3,000
    articles, and as a Python string with one curly quote in it, it would take twice that."""
    edit_path: str
    """The file a contributor should edit instead of this one."""

    @classmethod
    def of_text(cls, path: str, text: str, edit_path: str) -> OutputFile:
        return cls(path, text.encode("utf-8"), edit_path)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


@dataclass(frozen=True, slots=True)
class RegionOutput:
    """Generated text for a marked region inside a hand-written page."""

    page: str
    name: str
    text: str
    origin: str
    """What the region is generated from, for the hand-edit message."""


@dataclass(frozen=True, slots=True)
class Rendering:
    files: tuple[OutputFile, ...]
    regions: tuple[RegionOutput, ...]
    starters: Mapping[str, str]
    """Hand-written pages with their region markers, written only when the page is missing."""
