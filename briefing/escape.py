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
#: C0 and C1 control characters other than tab and line feed (CR is a line ending, handled on reading).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Characters that change how text is shown without being seen: bidirectional embeddings, overrides
#: and isolates, zero-width space and joiners, word joiner, and a byte-order mark inside text.
INVISIBLE_CHARS = re.compile(r"[\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# Never shown. The clean stage already removes both kinds from article text and the read stage
# refuses control characters in metadata; this is the last guard.
_HIDDEN = re.compile(f"{CONTROL_CHARS.pattern}|{INVISIBLE_CHARS.pattern}")
_INLINE_TABLE = {ord(c): f"&#{ord(c)};" for c in _INLINE_SPECIAL}
# What would start a block at the beginning of a line: list, quote, heading, rule, ordered list.
_LEADING_BLOCK = re.compile(r"^([-+*>#=]|\d+[.)])")


def md_inline(text: str | None) -> str:
    """Plain text -> Markdown that renders as that text, on one line."""
    if not text:
        return ""
    escaped = _flat(text).translate(_INLINE_TABLE)
    match = _LEADING_BLOCK.match(escaped)
    if match:
        token = match.group(1)
        escaped = "".join(f"&#{ord(c)};" for c in token) + escaped[len(token) :]
    return escaped


def html_text(text: str | None) -> str:
    """Plain text -> HTML text content (and attribute-safe)."""
    return html.escape(_flat(text), quote=True)


def page_title_text(text: str | None) -> str:
    """Plain text -> a page title for the front matter. MkDocs' templates print a page title as
    HTML, raw in element content (header, nav, ``<title>``) and through ``| e`` in attributes (the
    footer's aria-labels): so ``&``, ``<`` and ``>`` are escaped, and quotes are left as they are,
    which an attribute's own escaping handles (escaped here too, "Who's who" read "Who&amp;#x27;s")."""
    return html.escape(_flat(text), quote=False)


def _flat(text: object) -> str:
    """One line: white space runs become one space, hidden characters go."""
    visible = _HIDDEN.sub("", str(text or "").replace("\t", " ").replace("\n", " ").replace("\r", " "))
    return " ".join(visible.split())


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe for a Markdown link destination, or None if not http(s)."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch.isspace() for ch in url) or _HIDDEN.search(url):
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def url_label(url: str) -> str:
    """A short human label for a URL: host and the start of the path."""
    parts = urlsplit(url)
    label = parts.netloc + parts.path
    return label if len(label) <= 60 else label[:57] + "…"
