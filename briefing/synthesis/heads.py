"""Heads that read alone: the first words a reader sees of an act or a key point.

A head is always a source's own words, cited. When a sentence opens with a discourse marker
("However, …"), the marker is left out and the next letter is capitalised in brackets; when it
opens with a pronoun whose speaker is known, the speaker's name goes in brackets ("[Zakharova]
further said …"). A sentence that still leans on the one before ("This …", "But …") is shown
with that sentence as its cited context. The quotation inside the citation stays verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cite import fold
from ..model import Article, Citation, Head
from ..extract.text import split_sentences

_MARKER = re.compile(
    r"^(?:however|furthermore|moreover|additionally|subsequently|firstly|secondly|thirdly|finally|conversely|"
    r"indeed|meanwhile|historically|in addition|in any case|in fact|put simply|simply put|in short|notably|"
    r"importantly|crucially|of course|that said|at first glance|in this context|in contrast|by contrast|"
    r"on the other hand|as a result|consequently|therefore|thus|hence|still|instead|also|similarly|likewise)"
    r"\s*,\s+",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"^(?:he|she|they)\b", re.IGNORECASE)
_LEANS_BACK = re.compile(
    r"^(?:this|that|these|those|such|it|its|they|their|them|he|she|his|her|but|yet|and|so|or|nor|then|"
    r"the (?:same|latter|former|move|decision|statement|approach|stance|step)|both|neither|either|another|"
    r"here|there|however|as such|as a result|in turn|even so|by contrast|in contrast|in this|"
    r"(?:without|with|because of|given|despite|for|after|before|beyond|besides|unlike|like|on top of)\s+"
    r"(?:this|that|these|those|it|them))\b",
    re.IGNORECASE,
)

#: A head shorter than this many words is a fragment, never a head.
MIN_HEAD_WORDS = 5
#: A head shorter than this is shown with the sentence before it, which it most often answers.
TERSE_HEAD_WORDS = 7


class SentenceLocator:
    """Finds a cited sentence in its article, to give it the sentence before as context."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = {a.source.id: a for a in articles}
        self._split: dict[tuple[str, str], list[str]] = {}

    def _sentences(self, source: str, anchor: str) -> list[str]:
        """The sentences of one paragraph, split once."""
        key = (source, anchor)
        if key not in self._split:
            article = self.articles.get(source)
            paragraph = article.paragraph(anchor) if article else None
            self._split[key] = [s.text for s in split_sentences(paragraph)] if paragraph else []
        return self._split[key]

    def previous(self, citation: Citation) -> Citation | None:
        sentences = self._sentences(citation.source, citation.paragraph)
        wanted = fold(citation.quote)
        for index, text in enumerate(sentences):
            if wanted in fold(text):
                if index > 0:
                    return Citation(citation.source, citation.paragraph, sentences[index - 1])
                return self._last_of_previous_paragraph(citation)
        return None

    def _last_of_previous_paragraph(self, citation: Citation) -> Citation | None:
        article = self.articles.get(citation.source)
        if article is None:
            return None
        number = int(citation.paragraph[1:])
        earlier = [p for p in article.paragraphs if p.number < number and p.kind in ("text", "list-item")]
        if not earlier:
            return None
        last = self._sentences(citation.source, earlier[-1].anchor)
        return Citation(citation.source, earlier[-1].anchor, last[-1]) if last else None


def leans_back(text: str) -> bool:
    """Does the sentence, once any discourse marker is left out, still refer to the one before?"""
    return bool(_LEANS_BACK.match(_MARKER.sub("", text.lstrip())))


def is_fragment(text: str) -> bool:
    """Too short, unfinished, or a heading-like phrase: never a head on its own."""
    stripped = text.strip()
    return len(stripped.split()) < MIN_HEAD_WORDS or stripped.endswith(("…", "...", ",", ":", ";", "-"))


def display_text(text: str, speaker_name: str | None = None) -> str:
    """The sentence as a head: an opening marker dropped, a pronoun replaced by the bracketed speaker."""
    stripped = text.strip()
    marker = _MARKER.match(stripped)
    if marker:
        rest = stripped[marker.end() :]
        stripped = f"[{rest[0].upper()}]{rest[1:]}" if rest[:1].islower() else rest
    pronoun = _PRONOUN.match(stripped)
    if pronoun and speaker_name:
        stripped = f"[{speaker_name}]{stripped[pronoun.end() :]}"
    return stripped


#: A head longer than this many words is cut to its first clause, when that clause reads as a claim.
LONG_HEAD_WORDS = 30
_CLAUSE_END = re.compile(r"(?:;|:|\s[–—]\s)")


def first_clause(quote: str) -> str:
    """The quote's first clause (before ";", ":" or a dash) when the quote is long and the clause whole."""
    if len(quote.split()) <= LONG_HEAD_WORDS:
        return quote
    cut = _CLAUSE_END.search(quote)
    if cut is None:
        return quote
    clause = quote[: cut.start()].rstrip(" ,")
    return clause if len(clause.split()) >= 6 and not is_fragment(clause + ".") else quote


def make_head(
    citation: Citation, locator: SentenceLocator, speaker_name: str | None = None, shorten: bool = False
) -> Head:
    """A head for ``citation``: display words that read alone, with context when they cannot.

    With ``shorten`` (key points), a long sentence gives its first clause: a short claim, still
    verbatim and cited, shown with an ellipsis where the sentence goes on.
    """
    if shorten:
        clause = first_clause(citation.quote)
        if clause != citation.quote:
            citation = Citation(citation.source, citation.paragraph, clause)
            head = make_head(citation, locator, speaker_name)
            return Head(display=head.display + " …", citation=citation, context=head.context)
    display = display_text(citation.quote, speaker_name)
    needs_context = (
        leans_back(display)
        or (speaker_name is None and bool(_PRONOUN.match(display)))
        or len(display.split()) < TERSE_HEAD_WORDS  # "UEFA rejected the call.": which call?
    )
    context = locator.previous(citation) if needs_context else None
    return Head(display=display, citation=citation, context=context)


def head_quality(text: str) -> float:
    """How well a sentence serves as a head: reads alone, is whole, and is of a readable length."""
    words = len(text.split())
    score = 0.0
    opening = _MARKER.sub("", text.lstrip())  # as leans_back reads it
    if not _LEANS_BACK.match(opening) and not _PRONOUN.match(opening):
        score += 2.0
    if is_fragment(text) or text.rstrip().endswith("?"):
        score -= 3.0
    if 8 <= words <= 30:
        score += 1.0
    elif words > 40:
        score -= 1.0
    return score
