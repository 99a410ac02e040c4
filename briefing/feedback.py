""""Report a problem with this item": a prefilled new-issue address on the repository.

Each briefing item links to ``<repo_url>/issues/new?template=item-problem.md&title=…&body=…``; the
title names the item id, and the body names the item, the page it is on and the quotes it cites, so a
reader only has to say what is wrong. The matching template is ``.github/ISSUE_TEMPLATE/item-problem.md``.

The repository address is part of the site's identity. Until the topic config carries it, it is read
from the ``repo_url`` line of the project's ``mkdocs.yml`` (the file ``build_site.py`` builds with): the
one beside the package in a checkout, else (an installed package) the one in the current folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from .model import Citation

ISSUE_TEMPLATE = "item-problem.md"
"""The file in .github/ISSUE_TEMPLATE/ that the prefilled issue uses."""
MKDOCS_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"
"""The checkout's mkdocs.yml (absent when the package is installed)."""
MAX_QUOTE_CHARS = 600
"""Longer quotes are cut in the issue body (the item id and page still identify them)."""


def mkdocs_setting(key: str) -> str | None:
    config = MKDOCS_CONFIG if MKDOCS_CONFIG.is_file() else Path.cwd() / "mkdocs.yml"
    return _setting(config.resolve(), key)


@lru_cache(maxsize=16)
def _setting(config: Path, key: str) -> str | None:
    """A plain top-level ``key: value`` of mkdocs.yml (the file uses !ENV tags, so no yaml.safe_load)."""
    try:
        text = config.read_text(encoding="utf-8")
    except OSError:
        return None
    match = re.search(rf"^{re.escape(key)}:[ \t]*(\S[^#\n]*?)[ \t]*(?:#.*)?$", text, re.M)
    return match.group(1).strip("'\"") if match else None


def repository_url() -> str | None:
    """The repository's web address (``https://host/owner/name``), or None when the site names none."""
    url = mkdocs_setting("repo_url")
    if not url or urlsplit(url).scheme not in ("http", "https"):
        return None
    return url.rstrip("/")


def site_address(page: str, anchor: str) -> str:
    """Where a docs/ page is published: ``site_url`` + the page's directory URL + ``#anchor``."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    base = mkdocs_setting("site_url")
    where = f"{base.rstrip('/')}/{path}" if base else path or "./"
    return f"{where}#{anchor}"


def issue_body(item_id: str, page: str, citations: Iterable[Citation]) -> str:
    lines = [
        f"Item: {item_id}",
        f"Page: {site_address(page, item_id.lower())} (docs/{page})",
        "",
        "Quoted from:",
    ]
    for citation in citations:
        quote = " ".join(citation.quote.split())
        if len(quote) > MAX_QUOTE_CHARS:
            quote = quote[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
        lines.append(f"> “{quote}” (sources/{citation.source}, ¶{citation.paragraph[1:]})")
    lines += [
        "",
        "What is wrong (wrong quote or source, wrong date or speaker, wrong side, duplicate, should be hidden …):",
        "",
        "",
        "What it should be (if you know):",
        "",
    ]
    return "\n".join(lines)


def issue_url(item_id: str, page: str, citations: Iterable[Citation], repo_url: str | None = None) -> str | None:
    """The prefilled new-issue address for one item, or None when the site names no repository."""
    repo = repo_url.rstrip("/") if repo_url else repository_url()
    if repo is None:
        return None
    query = urlencode({
        "template": ISSUE_TEMPLATE,
        "title": f"Problem with item {item_id}",
        "body": issue_body(item_id, page, citations),
    })
    return f"{repo}/issues/new?{query}"
