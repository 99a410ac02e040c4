"""The marker syntax of generated regions inside hand-written pages (shared by render and publish)."""

from __future__ import annotations

import hashlib


def checksum(text: str) -> str:
    return bytes_checksum(text.encode("utf-8"))


def bytes_checksum(data: bytes) -> str:
    """The manifest's checksum of a file: SHA-256 of its bytes (its text as UTF-8)."""
    return hashlib.sha256(data).hexdigest()


def region_block(name: str, text: str = "") -> str:
    """A region with its markers; ``text`` ends with a newline or is empty."""
    return f"<!-- briefing:begin {name} sum={checksum(text)[:12]} -->\n{text}<!-- briefing:end {name} -->"
