""" "Report a problem with this item": a prefilled new-issue address on the repository.

Each briefing item links to ``<repo_url>/issues/new?template=item-problem.md&title=…&body=…``; the
title names the item id, and the body names the item, the page it is on and the quotes it cites, so a
reader only has to say what is wrong. The matching template is ``.github/ISSUE_TEMPLATE/item-problem.md``.

The repository and site addresses are part of the site's identity: ``site.repository`` and ``site.url``
in the topic config. A site that names no repository gets no report links.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit

from .model import Citation

ISSUE_TEMPLATE = "item-problem.md"
"""The file in .github/ISSUE_TEMPLATE/ that the prefilled issue uses."""
MAX_QUOTE_CHARS = 600
"""Longer quotes are cut in the issue body (the item id and page still identify them)."""


def site_address(page: str, anchor: str, base: str | None = None) -> str:
    """Where a docs/ page is published: the site's address + the page's directory URL + ``#anchor``."""
    path = page.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    where = f"{base.rstrip('/')}/{path}" if base else path or "./"
    return f"{where}#{anchor}"


def issue_body(item_id: str, page: str, citations: Iterable[Citation], site_url: str | None = None) -> str:
    lines = [
        f"Item: {item_id}",
        f"Page: {site_address(page, item_id.lower(), site_url)} (docs/{page})",
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


def issue_url(
    item_id: str, page: str, citations: Iterable[Citation], repo_url: str | None, site_url: str | None = None
) -> str | None:
    """The prefilled new-issue address for one item, or None when the site names no repository."""
    if not repo_url or urlsplit(repo_url).scheme not in ("http", "https"):
        return None
    repo = repo_url.rstrip("/")
    query = urlencode(
        {
            "template": ISSUE_TEMPLATE,
            "title": f"Problem with item {item_id}",
            "body": issue_body(item_id, page, citations, site_url),
        }
    )
    return f"{repo}/issues/new?{query}"
