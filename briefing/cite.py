"""The only quote matcher: does a quote appear verbatim in the paragraph it cites?

"Verbatim" folds only typography: curly quotes to straight ones, the dash family
to a hyphen, and runs of white space to one space. Nothing else is forgiven.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable
from typing import NoReturn

from .errors import CitationError
from .model import Article, Briefing, Citation, Paragraph

FOLD_TABLE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


_FOLDED = {chr(code): folded for code, folded in FOLD_TABLE.items()}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLDED)) + "]")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Typography-insensitive form of ``text`` used for quote matching."""
    # As text.translate(FOLD_TABLE), which looks up every character (most have nothing to fold);
    # split() cuts at runs of the same white space as the regex \s, and drops it at both ends.
    return " ".join(_FOLDABLE.sub(_fold_character, text).split())


def _fold_character(match: re.Match[str]) -> str:
    return _FOLDED[match[0]]


def quote_in(quote: str, paragraph_text: str) -> bool:
    if quote in paragraph_text and quote and not quote.isspace():
        # Folding maps characters one to one, collapses runs of white space and strips the ends,
        # so a quote found as it is, and not blank, is found folded too (and folding is slow).
        return True
    folded = fold(quote)
    return bool(folded) and folded in fold(paragraph_text)


def verify(citation: Citation, articles: dict[str, Article]) -> str | None:
    """None when the citation holds, else the reason it does not."""
    article = articles.get(citation.source)
    if article is None:
        return f"cites unknown source '{citation.source}'"
    paragraph = article.paragraph(citation.paragraph)
    if paragraph is None:
        return f"cites paragraph #{citation.paragraph}, which source '{citation.source}' does not have"
    if not quote_in(citation.quote, paragraph.text):
        return f'quote "{citation.quote}" is not found verbatim in {citation.source} #{citation.paragraph}'
    return None


def item_citations(briefing: Briefing) -> Iterable[tuple[str, Citation]]:
    """(item id, citation) for every citation on every generated item."""
    for item in briefing.items():
        for citation in item.citations:
            yield item.id, citation
    for actor in briefing.actors:
        for citation in actor.mentions:
            yield actor.id, citation


def verify_briefing(briefing: Briefing) -> None:
    """Raise CitationError for the first citation that does not verify."""
    paragraphs = _paragraphs(briefing.articles)
    verified: set[tuple[str, str, str]] = set()
    for item_id, citation in item_citations(briefing):
        key = (citation.source, citation.paragraph, citation.quote)
        if key in verified:
            continue  # acts and key points cite again what their statements and arguments cite
        paragraph = paragraphs.get((citation.source, citation.paragraph))
        if paragraph is None or not quote_in(citation.quote, paragraph.text):
            _fail(briefing, item_id, citation)
        verified.add(key)


def _paragraphs(articles: Iterable[Article]) -> dict[tuple[str, str], Paragraph]:
    """The paragraphs ``verify`` finds, by (source id, anchor): of the last article with that id,
    the first paragraph with that anchor."""
    found: dict[tuple[str, str], Paragraph] = {}
    for article in {article.source.id: article for article in articles}.values():
        for paragraph in article.paragraphs:
            found.setdefault((article.source.id, paragraph.anchor), paragraph)
    return found


def _fail(briefing: Briefing, item_id: str, citation: Citation) -> NoReturn:
    """Raise the CitationError that says why ``citation`` does not verify."""
    articles = {article.source.id: article for article in briefing.articles}
    problem = verify(citation, articles)
    assert problem is not None, "verify makes the check that failed"
    article = articles.get(citation.source)
    paragraph = article.paragraph(citation.paragraph) if article else None
    if paragraph is not None:
        problem += ", the paragraph that starts on this line"
    raise CitationError(
        f"item {item_id} {problem}",
        article.source.path if article else None,
        paragraph.line if paragraph else None,
        hint=_fix(item_id, {actor.id for actor in briefing.actors}),
    )


def _fix(item_id: str, actor_ids: set[str]) -> str:
    if item_id in actor_ids:  # an actor's mention: actors come from topic.yml and cannot be hidden
        return "a quote must be copied exactly from its paragraph; please report the problem"
    return (
        f"a quote must be copied exactly from its paragraph; to publish without the item, "
        f"add {item_id} to curation.hide in topic.yml, and report the problem"
    )
