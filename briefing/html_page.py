"""A saved web page (``.html``/``.htm``) as a seed: article text and metadata extracted by trafilatura.

trafilatura (the best-evaluated open-source article extractor) removes the
page's boilerplate (menus, footers, related links, comments) and finds the
title, authors, date, site name and canonical address. Its blocks (paragraphs,
headings, list items, quotes) become the body, one block per line with a blank
line between blocks, so our own cleaning still sees every line and records
every removal it makes.

The saved file stays the source of truth. Every block is located in the text
content of the page itself (the text of every element in ``<body>`` outside
``<script>``, ``<style>`` and ``<template>``, entities decoded), with white space, invisible
characters and typography folded as in quote matching (:func:`briefing.cite.fold`).
A block found there gets the line of the page where it starts, which is what
paragraph anchors and messages show; a block not found there (trafilatura
rebuilt it) gets line 0, and the clean stage removes it with the rule
``not-in-page``. So every kept paragraph, and every quote taken from it, can be
found in the saved file.

Blocks the page marks as headings stay headings (``Source.headings``), so a
sentence-case subheading is never taken for a caption. Control characters are
stripped from the page's metadata (a saved page is not edited by hand; its
text's control characters are removed and recorded by the clean stage).

Extraction is offline and deterministic: no download, no clock (the latest
acceptable date is fixed rather than "today").
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .cite import FOLD_TABLE
from .errors import BriefingError
from .escape import CONTROL_CHARS
from .model import Source, SourceMeta

HTML_SUFFIXES = (".html", ".htm")
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_NOT_TEXT = frozenset({"head", "script", "style", "template", "noscript"})  # the article is in the body
# Dropped before comparing a block with the page: white space, controls, invisible and formatting characters.
_IGNORED = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")
_NO_TEXT = "no article text found in the saved page"
_NO_TEXT_HINT = "save the article's own page, or copy its text into a .txt seed"


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    bullet: bool
    heading: bool = False


def read_html_seed(raw: bytes, ident: str, shown: str) -> Source:
    text = _decode(raw, shown)
    if not text.strip():
        raise BriefingError("file is empty", shown, hint="add the saved page or delete the file")
    page = _PageText(text, shown)
    document = _extract(text, shown)
    blocks = list(_blocks(document.body))
    if not blocks:
        raise BriefingError(_NO_TEXT, shown, hint=_NO_TEXT_HINT)
    lines: list[str] = []
    line_map: list[int] = []
    headings: list[int] = []
    for block in blocks:
        if lines:
            lines.append("")
            line_map.append(0)
        if block.heading:
            headings.append(len(lines))
        lines.append(("• " if block.bullet else "") + block.text)
        line_map.append(page.locate(block.text))
    meta = SourceMeta(
        title=_clean(document.title),
        outlet=_clean(document.sitename),
        authors=tuple(a for a in (_clean(part) for part in (document.author or "").split(";")) if a),
        published=_date(document.date),
        url=_clean(document.url),
        kind=page_kind(text),
    )
    return Source(
        id=ident,
        path=shown,
        meta=meta,
        body="\n".join(lines) + "\n",
        body_line=1,
        format="html",
        line_map=tuple(line_map),
        headings=tuple(headings),
    )


# schema.org's kinds of news article (https://schema.org/NewsArticle), as the page's JSON-LD
# declares them, and the sections pages name in <meta property="article:section">.
_SCHEMA_KINDS = {
    "OpinionNewsArticle": "opinion",
    "AnalysisNewsArticle": "analysis",
    "BackgroundNewsArticle": "explainer",
    "ReportageNewsArticle": "news",
}
_SECTION_KINDS = {
    "opinion": "opinion",
    "opinions": "opinion",
    "op-ed": "opinion",
    "commentary": "opinion",
    "columns": "opinion",
    "analysis": "analysis",
    "explainer": "explainer",
    "explainers": "explainer",
}
_JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_SECTION = re.compile(
    r"""<meta\s[^>]*property\s*=\s*["']article:section["'][^>]*content\s*=\s*["']([^"'<>]{1,40})["']""",
    re.IGNORECASE,
)


def page_kind(text: str) -> str | None:
    """What kind of piece the page says it is: a schema.org type such as ``OpinionNewsArticle`` in
    its JSON-LD, else an ``article:section`` such as "Opinion", else news for a plain ``NewsArticle``;
    None when it says none of these."""
    declared_news = False
    for block in _JSON_LD.findall(text):
        try:
            data = json.loads(block)
        except ValueError:
            continue
        for declared in _schema_types(data):
            if declared in _SCHEMA_KINDS:
                return _SCHEMA_KINDS[declared]
            declared_news = declared_news or declared == "NewsArticle"
    section = _SECTION.search(text)
    if section and section.group(1).strip().casefold() in _SECTION_KINDS:
        return _SECTION_KINDS[section.group(1).strip().casefold()]
    return "news" if declared_news else None


def _schema_types(data: object) -> Iterator[str]:
    """Every ``@type`` in a JSON-LD document (nested objects, lists and ``@graph`` included)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            declared = item.get("@type")
            for name in declared if isinstance(declared, list) else [declared]:
                if isinstance(name, str):
                    yield name
            stack.extend(value for value in item.values() if isinstance(value, (dict, list)))


def _decode(raw: bytes, shown: str) -> str:
    """UTF-8, or the charset the page declares in a ``<meta>`` tag."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(raw[:4096])
        codec = declared.group(1).decode("ascii").lower() if declared else None
        if codec is None or codec.replace("-", "") == "utf8":
            line = raw[: exc.start].count(b"\n") + 1
            declared_as = "though the page declares UTF-8" if codec else "and the page declares no other charset"
            raise BriefingError(f"not valid UTF-8, {declared_as}", shown, line, "save the page as UTF-8") from None
        try:
            text = raw.decode(codecs.lookup(codec).name)
        except LookupError:
            raise BriefingError(
                f"the page declares an unknown charset '{codec}'", shown, hint="save the page as UTF-8"
            ) from None
        except UnicodeDecodeError as bad:
            line = raw[: bad.start].count(b"\n") + 1
            raise BriefingError(
                f"not valid {codec}, the charset the page declares", shown, line, "save the page as UTF-8"
            ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _extract(text: str, shown: str):  # type: ignore[no-untyped-def]  # trafilatura's Document is untyped
    import trafilatura  # a heavy import, needed only for saved pages

    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (ValueError, TypeError) as exc:  # lxml refuses documents it cannot parse
        raise BriefingError(f"cannot be read as HTML: {exc}", shown, hint="save the page again as HTML") from None
    if document is None or isinstance(document, dict) or document.body is None:
        raise BriefingError(_NO_TEXT, shown, hint=_NO_TEXT_HINT)
    return document


def _blocks(body) -> Iterator[_Block]:  # type: ignore[no-untyped-def]  # an lxml element
    """Paragraphs, headings, quotes and list items; a line break (``<br>``) inside one starts a new block."""
    for element in body:
        items = element.iter("item") if element.tag == "list" else (element,)
        for item in items:
            for part in _split_at_breaks(item):
                words = _flat(part)
                if words:
                    yield _Block(words, element.tag == "list", element.tag == "head")


def _split_at_breaks(element) -> list[str]:  # type: ignore[no-untyped-def]
    parts = [""]

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        if node.text:
            parts[-1] += node.text
        for child in node:
            if child.tag == "lb":
                parts.append("")
            elif child.tag != "item":  # nested list items are blocks of their own
                walk(child)
            if child.tail:
                parts[-1] += child.tail

    walk(element)
    return parts


def _flat(text: str) -> str:
    return " ".join(CONTROL_CHARS.sub("", text).split())


def _clean(value: str | None) -> str | None:
    """A metadata value from the page: control characters stripped, white space collapsed."""
    return _flat(value) or None if value else None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def fold_for_page(text: str) -> str:
    """The form in which a block is looked for in the page's text."""
    return _IGNORED.sub("", text.translate(FOLD_TABLE))


class _PageText:
    """The text content of the saved page, folded, with the line each piece starts on."""

    def __init__(self, text: str, shown: str) -> None:
        from lxml import etree, html  # trafilatura's own parser library

        try:
            root = html.document_fromstring(text.encode("utf-8"), parser=html.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):  # lxml: "Document is empty" (nothing but comments or blanks)
            raise BriefingError(_NO_TEXT, shown, hint=_NO_TEXT_HINT) from None
        pieces: list[str] = []
        self._starts: list[int] = []
        self._lines: list[int] = []
        size = 0
        for piece, first_line in _text_nodes(root, etree):
            for offset, part in enumerate(piece.split("\n")):  # one segment per line: its line is exact
                folded = fold_for_page(part)
                if folded:
                    self._starts.append(size)
                    self._lines.append(first_line + offset)
                    pieces.append(folded)
                    size += len(folded)
        self._folded = "".join(pieces)
        self._cursor = 0

    def locate(self, block: str) -> int:
        """The page line where ``block`` starts (searching on from the previous block), or 0 if absent."""
        needle = fold_for_page(block)
        if not needle:
            return 0
        at = self._folded.find(needle, self._cursor)
        if at < 0:
            at = self._folded.find(needle)
            if at < 0:
                return 0
        self._cursor = at + len(needle)
        return self._line_at(at)

    def _line_at(self, offset: int) -> int:
        return self._lines[bisect.bisect_right(self._starts, offset) - 1]


def _text_nodes(root, etree) -> Iterator[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(text, line) for every text and tail in document order, outside script and style.

    A text starts on its element's line; a tail on the line where the text before it ended.
    """
    line = 1
    hidden = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            line = max(line, element.sourceline or line)
            if tag in _NOT_TEXT:
                hidden += 1
            elif tag is not None and element.text and not hidden:
                yield element.text, line
            if element.text:
                line += element.text.count("\n")
            continue
        if tag in _NOT_TEXT:
            hidden -= 1
        if element.tail:
            if not hidden:
                yield element.tail, line
            line += element.tail.count("\n")
