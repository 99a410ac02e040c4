"""Disagreements: claims in different sources that contradict each other on one point.

Each rule in the topic config's ``disagreements`` names phrases that deny
something (``denies``) and what affirms it (``affirms``): a statement by one of
the rule's actors whose act is listed, or a sentence using an affirming phrase.
A disagreement is reported when a denying claim and an affirming one come from
different sources.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

from ..config import DisagreementRule, Topic
from ..model import Article, Citation, Claim, Disagreement, Statement
from .text import PhrasePattern, article_sentences, phrase_pattern

_MAX_CLAIMS = 3


DisagreementClaims = tuple[tuple[tuple[Claim, ...], tuple[Claim, ...]], ...]
"""One article's sentence claims for each rule, in the topic's rule order: (denying, affirming by phrase)."""


def article_claims(article: Article, topic: Topic) -> DisagreementClaims:
    """The per-article part of the search (cacheable with the article's other findings)."""
    return tuple(
        (
            _about_the_side(_sentence_claims(article, rule.denies), topic, rule),
            () if rule.actors else _about_the_side(_sentence_claims(article, rule.affirms), topic, rule),
        )
        for rule in topic.disagreement_rules
    )


def _about_the_side(claims: tuple[Claim, ...], topic: Topic, rule: DisagreementRule) -> tuple[Claim, ...]:
    """The claims that may be about the subject's side: a sentence that names only others ("The
    Commerce Department did not respond") denies, or affirms, nothing of it. A sentence that names nobody
    ("There has been no public statement so far") stays: its paragraph says whom it is about."""
    ours = _names((*topic.subject_names, *(name for a in topic.actors if a.id in rule.actors for name in a.names)))
    others = _names(_other_names(topic, frozenset(rule.actors)))
    return tuple(c for c in claims if ours.search(c.text) or not others.search(c.text))


def _other_names(topic: Topic, rule_actors: frozenset[str]) -> tuple[str, ...]:
    """Every name of the other sides: their affiliations' names and aliases, and their actors' names."""
    affiliations = (name for a in topic.affiliations if a.id != topic.subject for name in (a.name, *a.aliases))
    actors = (
        name for a in topic.actors if a.affiliation != topic.subject and a.id not in rule_actors for name in a.names
    )
    return (*affiliations, *actors)


def find_disagreements(
    articles: Sequence[Article],
    topic: Topic,
    statements: Sequence[Statement],
    claims: Sequence[DisagreementClaims] | None = None,
) -> tuple[Disagreement, ...]:
    """``claims``: ``article_claims`` of each article, in the same order, when already computed."""
    per_article = claims if claims is not None else [article_claims(article, topic) for article in articles]
    found = []
    for number, rule in enumerate(topic.disagreement_rules):
        denying = [claim for article in per_article for claim in article[number][0]]
        phrased = [claim for article in per_article for claim in article[number][1]]
        affirming = _affirming_claims(rule, statements, phrased)
        # Keep only claims that face a claim from another source.
        second = [a for a in affirming if any(d.citation.source != a.citation.source for d in denying)]
        first = [d for d in denying if any(a.citation.source != d.citation.source for a in second)]
        if not first or not second:
            continue
        ident = "D-" + hashlib.sha1(rule.id.encode("utf-8")).hexdigest()[:6]
        found.append(Disagreement(ident, rule.point, tuple(_spread(first)), tuple(_spread(second)), "detected"))
    return tuple(found)


def _sentence_claims(article: Article, phrases: Sequence[str]) -> tuple[Claim, ...]:
    pattern = _matcher(tuple(phrases))
    if pattern.pattern is None:
        return ()
    return tuple(
        Claim(sentence.text, Citation(article.source.id, sentence.paragraph.anchor, sentence.text))
        for sentence in article_sentences(article)
        if pattern.search(sentence.text)
    )


@lru_cache(maxsize=64)
def _matcher(phrases: tuple[str, ...]) -> PhrasePattern:
    """A rule's phrases, compiled once for all articles."""
    return PhrasePattern(phrases)


@lru_cache(maxsize=64)
def _names(names: tuple[str, ...]) -> PhrasePattern:
    """Names matched as written (case matters: the alias "US" is not the word "us")."""
    return PhrasePattern(names, _case_sensitive)


def _case_sensitive(phrases: Sequence[str]) -> re.Pattern[str] | None:
    pattern = phrase_pattern(phrases)
    return re.compile(pattern.pattern) if pattern is not None else None


def _affirming_claims(rule: DisagreementRule, statements: Sequence[Statement], phrased: Sequence[Claim]) -> list[Claim]:
    acts = {a.lower() for a in rule.affirms}
    claims = []
    for statement in statements:
        if rule.actors and statement.speaker not in rule.actors:
            continue
        if statement.act.lower() in acts:
            for citation in statement.citations:
                claims.append(Claim(citation.quote, citation))
    claims.extend(phrased)
    unique: dict[tuple[str, str, str], Claim] = {}
    for claim in claims:
        key = (claim.citation.source, claim.citation.paragraph, claim.citation.quote)
        unique.setdefault(key, claim)
    return sorted(unique.values(), key=lambda c: (c.citation.source, int(c.citation.paragraph[1:])))


def _spread(claims: Sequence[Claim]) -> list[Claim]:
    """Up to three claims, one per source, in source order."""
    chosen: list[Claim] = []
    sources: set[str] = set()
    for claim in claims:
        if claim.citation.source not in sources:
            chosen.append(claim)
            sources.add(claim.citation.source)
        if len(chosen) == _MAX_CLAIMS:
            break
    return chosen
