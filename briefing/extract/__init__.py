"""Extract stage: cleaned articles + topic config -> the briefing's items.

``extract_briefing`` runs, in order:

1. per article: statements, arguments and events (one module each);
2. merging: the same statement, argument or event found in several places
   becomes one item with several citations;
3. actors (who's who) and disagreements, from the merged items;
4. curation from the topic config (merge, move, retitle, pin, hide), where an
   id that matches no item is an error naming the config line.

Item ids are short hashes of one mention (source, paragraph, sentence), so they
do not change when other articles are added; a merged item answers to the id
of every mention it holds.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from ..cite import fold
from ..config import Topic
from ..model import (
    ActorProfile,
    Argument,
    Article,
    Briefing,
    Citation,
    DateRef,
    Event,
    Statement,
)
from .arguments import ArgumentFinder, FoundArgument
from .curation import apply_curation
from .dates import find_dates
from .disagreements import find_disagreements
from .statements import FoundStatement, StatementFinder, verb_forms
from .text import Sentence, content_stems, matcher_for, overlap, split_sentences
from .themes import ThemeClassifier
from .timeline import FoundEvent, date_ref, find_events, period_of

T = TypeVar("T")

_MERGE_STATEMENT = 0.5
_MERGE_ARGUMENT = 0.7
_MERGE_EVENT = 0.4


def mention_id(prefix: str, sentence: Sentence, extra: str = "") -> str:
    key = f"{sentence.paragraph.source_id}|{sentence.paragraph.anchor}|{fold(sentence.text)}|{extra}"
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"


def citation_of(sentence: Sentence) -> Citation:
    return Citation(sentence.paragraph.source_id, sentence.paragraph.anchor, sentence.text)


@dataclass(slots=True)
class _Group(Generic[T]):
    """Mentions that are the same item, with the first as its representative."""

    first: T
    stems: frozenset[str]
    sentences: list[Sentence] = field(default_factory=list)
    found: list[T] = field(default_factory=list)
    """Every mention's finding, in order (the first is ``first``)."""
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    ids: list[str] = field(default_factory=list)


def _merge(mentions: Sequence[tuple[T, Sentence, str]], key: Callable[[T], Hashable],
           stems_of: Callable[[T, Sentence], frozenset[str]], threshold: float, min_shared: int) -> list[_Group[T]]:
    """Group mentions with the same ``key`` whose content stems overlap enough (first match wins).

    An index from stem to groups means each mention is compared only with groups it shares a stem
    with, so the cost stays close to linear in the number of mentions.
    """
    groups: list[_Group[T]] = []
    index: dict[tuple[Hashable, str], list[int]] = defaultdict(list)
    for found, sentence, ident in mentions:
        stems = stems_of(found, sentence)
        bucket = key(found)
        shared = Counter(g for stem in stems for g in index[(bucket, stem)])
        candidates = sorted(g for g, count in shared.items() if count >= min_shared)
        position = next((g for g in candidates if overlap(groups[g].stems, stems, min_shared) >= threshold), None)
        if position is None:
            position = len(groups)
            groups.append(_Group(found, stems))
            for stem in stems:
                index[(bucket, stem)].append(position)
        group = groups[position]
        if ident not in group.ids:
            group.ids.append(ident)
        where = (sentence.paragraph.source_id, sentence.paragraph.anchor, sentence.text)
        if where not in group.seen:
            group.seen.add(where)
            group.sentences.append(sentence)
            group.found.append(found)
    return groups


def extract_briefing(articles: tuple[Article, ...], topic: Topic) -> Briefing:
    ordered = sorted(articles, key=lambda a: a.source.id)
    matcher = matcher_for(topic)
    statements_finder = StatementFinder(topic, matcher)
    arguments_finder = ArgumentFinder(topic, matcher)
    themes = ThemeClassifier(topic)
    # Names are in almost every sentence and say nothing about what was said or claimed: leave them
    # (and, for statements, the reporting verbs) out of the comparison. This also keeps the merge
    # index's lists short, so merging stays close to linear in the number of articles.
    names = [name for actor in topic.actors for name in actor.names]
    names += [alias for affiliation in topic.affiliations for alias in (affiliation.name, *affiliation.aliases)]
    reporting = names + [form for verb in topic.statement_verbs for form in verb_forms(verb, topic.matching.verb_forms)]

    # 1. per article
    found_statements: list[tuple[FoundStatement, Sentence, str]] = []
    found_arguments: list[tuple[FoundArgument, Sentence, str]] = []
    found_events: list[tuple[FoundEvent, Sentence, str]] = []
    for article in ordered:
        statements = statements_finder.find(article)
        found_statements.extend((s, s.sentence, mention_id("S", s.sentence, s.speaker.id)) for s in statements)
        events = find_events(article)
        arguments = arguments_finder.find(article, [s.sentence for s in statements], [e.sentence for e in events])
        found_arguments.extend((a, a.sentence, mention_id("A", a.sentence)) for a in arguments)
        found_events.extend((e, e.sentence, mention_id("E", e.sentence, e.date.value)) for e in events)

    # 2. merging
    by_id = articles_by_id(ordered)
    # Reports that give different dates are different acts, however alike their words.
    statement_groups = _merge(found_statements, lambda f: (f.speaker.id, _day_of(f.sentence, by_id)),
                              lambda f, s: content_stems(s.text, reporting), _MERGE_STATEMENT, 3)
    argument_groups = _merge(found_arguments, lambda f: f.side,
                             lambda f, s: content_stems(s.text, names), _MERGE_ARGUMENT, 3)
    event_groups = _merge(found_events, lambda f: (f.date.value, f.date.qualifier),
                          lambda f, s: content_stems(f.title, names), _MERGE_EVENT, 2)

    statements_out = tuple(
        Statement(
            id=g.ids[0], speaker=g.first.speaker.id, act=g.first.act, text=g.first.sentence.text,
            quoted=quoted_words(g.first.sentence.text), theme=themes.classify(" ".join(s.text for s in g.sentences)),
            date=_statement_date(g.sentences, by_id),
            citations=tuple(citation_of(s) for s in g.sentences), mention_ids=tuple(g.ids),
        )
        for g in statement_groups
    )
    arguments_out = tuple(
        Argument(
            id=g.ids[0], side=g.first.side, theme=themes.classify(" ".join(s.text for s in g.sentences)),
            claim=g.first.sentence.text, citations=tuple(citation_of(s) for s in g.sentences),
            mention_ids=tuple(g.ids), cues=tuple(dict.fromkeys(c.lower() for c in g.first.cues)),
        )
        for g in argument_groups
    )
    events_out = tuple(
        Event(
            id=g.ids[0], date=g.first.date, title=best_title([f.title for f in g.found] or [g.first.title]),
            title_curated=False,
            period=period_of(g.first.date, topic.periods),
            citations=tuple(citation_of(s) for s in g.sentences), mention_ids=tuple(g.ids),
        )
        for g in event_groups
    )

    # 3. actors and disagreements
    actors_out = profile_actors(ordered, topic, statements_out)
    disagreements_out = find_disagreements(ordered, topic, statements_out)

    # 4. curation
    briefing = Briefing(
        articles=articles,
        statements=statements_out,
        arguments=arguments_out,
        events=events_out,
        actors=actors_out,
        disagreements=disagreements_out,
    )
    return apply_curation(briefing, topic)


def best_title(titles: Sequence[str]) -> str:
    """Of the titles several reports give one happening, a name ("Pulwama terrorist attack") or the shortest clause."""
    return min(titles, key=lambda t: (len(t.split()) < 2, not all(w[:1].isupper() for w in t.split()[:2]),
                                      len(t.split()), t))


def articles_by_id(articles: Sequence[Article]) -> dict[str, Article]:
    return {a.source.id: a for a in articles}


def _day_of(sentence: Sentence, articles: dict[str, Article]) -> str | None:
    date = _statement_date([sentence], articles)
    return date.value if date else None


def _statement_date(sentences: Sequence[Sentence], articles: dict[str, Article]) -> DateRef | None:
    """The date the reporting sentence gives for the act (the most precise one), if any."""
    best = None
    rank = {"decade": 0, "year": 1, "month": 2, "day": 3}
    for sentence in sentences:
        reference = articles[sentence.paragraph.source_id].source.meta.published
        for mention in find_dates(sentence.text, reference):
            if mention.qualifier in ("since", "before", "after", "until") or mention.text.startswith("("):
                continue  # a span, or the year of a cited treaty: not when the act happened
            if re.search(r"\b(?:the|a|an)\s+$", sentence.text[: mention.start], re.IGNORECASE) \
                    and mention.precision in ("year", "decade"):
                continue  # "the 2019 Pulwama attack": names another event
            if best is None or rank[mention.precision] > rank[best.precision]:
                best = mention
    return date_ref(best) if best else None


def quoted_words(text: str) -> tuple[str, ...]:
    """Words the sentence puts in quotation marks (double, curly, or single straight quotes)."""
    found = re.findall(r"“([^”]{2,})”|\"([^\"]{2,})\"|(?<![\w’'])['‘]([^'’]{2,}?)['’](?![\w’'])", text)
    return tuple(next(part for part in groups if part) for groups in found)


def profile_actors(articles: Sequence[Article], topic: Topic, statements: Sequence[Statement]) -> tuple[ActorProfile, ...]:
    """Every configured actor the sources name, with their statements and every paragraph naming them."""
    matcher = matcher_for(topic)
    mentions: dict[str, list[Citation]] = {actor.id: [] for actor in topic.actors}
    for article in articles:
        for paragraph in article.paragraphs:
            if paragraph.kind == "byline":
                continue
            seen: set[str] = set()
            for sentence in split_sentences(paragraph):
                for mention in matcher.find(sentence.text):
                    if mention.actor.id not in seen:
                        seen.add(mention.actor.id)
                        mentions[mention.actor.id].append(citation_of(sentence))
    by_speaker: dict[str, list[str]] = {}
    for statement in statements:
        by_speaker.setdefault(statement.speaker, []).append(statement.id)
    subject_first = sorted(topic.actors, key=lambda a: a.affiliation != topic.subject)
    return tuple(
        ActorProfile(
            id=actor.id, name=actor.name, role=actor.role, affiliation=actor.affiliation,
            statements=tuple(by_speaker.get(actor.id, ())), mentions=tuple(mentions[actor.id]),
        )
        for actor in subject_first
        if mentions[actor.id]
    )

