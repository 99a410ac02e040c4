"""Article text is data, not markup: the one place it is made safe for Markdown and HTML.

``md_inline`` makes text render as exactly those characters inside a Markdown
line: characters that could start emphasis, code, links, images, raw HTML,
tables, attribute lists or footnotes become numeric character references,
which Markdown passes through as plain characters. ``html_text`` is for text
inside a raw HTML block, where Markdown does not look at all.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

_INLINE_SPECIAL = "&<>\\`*_[]{}|~^=#"
_INLINE_TABLE = {ord(c): f"&#{ord(c)};" for c in _INLINE_SPECIAL}
# What would start a block at the beginning of a line: list, quote, heading, rule, ordered list.
_LEADING_BLOCK = re.compile(r"^([-+*>#=]|\d+[.)])")


def md_inline(text: str | None) -> str:
    """Plain text -> Markdown that renders as that text, on one line."""
    if not text:
        return ""
    flat = " ".join(str(text).split())
    escaped = flat.translate(_INLINE_TABLE)
    match = _LEADING_BLOCK.match(escaped)
    if match:
        token = match.group(1)
        escaped = "".join(f"&#{ord(c)};" for c in token) + escaped[len(token):]
    return escaped


def html_text(text: str | None) -> str:
    """Plain text -> HTML text content (and attribute-safe)."""
    return html.escape(" ".join(str(text or "").split()), quote=True)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe for a Markdown link destination, or None if not http(s)."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def url_label(url: str) -> str:
    """A short human label for a URL: host and the start of the path."""
    parts = urlsplit(url)
    label = parts.netloc + parts.path
    return label if len(label) <= 60 else label[:57] + "…"
