"""Extract stage: cleaned articles + topic config -> the briefing's items.

The stage has two halves, so that a build can cache the first per article
(``briefing.cache``, used by ``pipeline.gather``):

1. per article, ``ArticleExtractor(topic).extract(article) -> ArticleFindings``:
   statements, arguments and events (one module each), each mention with its
   id and content stems, plus what the later stages need from that article
   alone (sentence themes, statement dates, actor mentions, disagreement
   claims). It depends only on the article and the topic config.
2. across sources, ``merge_findings(findings, topic) -> Briefing``:
   merging (the same statement, argument or event found in several places
   becomes one item with several citations; ``_merge``, indexed and linear),
   actors (who's who) and disagreements from the merged items, then curation
   from the topic config (merge, move, retitle, pin, hide), where an id that
   matches no item is an error naming the config line.

``extract_briefing(articles, topic)`` runs both halves in one call.

Item ids are short hashes of one mention (source, paragraph, sentence), so they
do not change when other articles are added; a merged item answers to the id
of every mention it holds.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain, repeat
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
from .dates import PRECISION_RANK, find_dates
from .disagreements import DisagreementClaims, article_claims, find_disagreements
from .statements import FoundStatement, StatementFinder, verb_forms
from .text import ActorMatcher, Sentence, matcher_for, skip_words, split_sentences, stems_skipping
from .themes import ThemeClassifier
from .timeline import FoundEvent, date_ref, find_events, interval_start, period_of

T = TypeVar("T")

_MERGE_STATEMENT = 0.5
_MERGE_ARGUMENT = 0.7
_MERGE_EVENT = 0.4


def mention_id(prefix: str, sentence: Sentence, extra: str = "") -> str:
    key = f"{sentence.paragraph.source_id}|{sentence.paragraph.anchor}|{fold(sentence.text)}|{extra}"
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:6]}"


def citation_of(sentence: Sentence) -> Citation:
    return Citation(sentence.paragraph.source_id, sentence.paragraph.anchor, sentence.text)


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """One mention found in one article, before merging: what was found, where, its id, and the
    content stems the merge compares."""

    found: T
    sentence: Sentence
    ident: str
    stems: frozenset[str]


@dataclass(frozen=True, slots=True)
class ArticleFindings:
    """Everything extract finds in one article alone: the part of the stage that does not depend
    on the other articles, so a build can cache it per article (see ``briefing.cache``)."""

    article: Article
    statements: tuple[Found[FoundStatement], ...]
    arguments: tuple[Found[FoundArgument], ...]
    events: tuple[Found[FoundEvent], ...]
    themes: dict[str, str | None]
    """Theme of each mention's sentence on its own, by sentence text."""
    statement_dates: dict[str, tuple[int, DateRef] | None]
    """The act's date a statement sentence gives, with its precision rank, by sentence text."""
    actor_mentions: tuple[tuple[str, Citation], ...]
    """(actor id, citation) for the first sentence of each paragraph that names the actor."""
    claims: DisagreementClaims


class ArticleExtractor:
    """The per-article half of the extract stage: ``extract(article)`` depends only on the article
    and the topic config. ``merge_findings`` is the cross-source half."""

    def __init__(self, topic: Topic) -> None:
        self.topic = topic
        self.matcher = matcher_for(topic)
        self.statements = StatementFinder(topic, self.matcher)
        self.arguments = ArgumentFinder(topic, self.matcher)
        self.themes = ThemeClassifier(topic)
        # Names are in almost every sentence and say nothing about what was said or claimed: leave
        # them (and, for statements, the reporting verbs) out of the comparison.
        names = [name for actor in topic.actors for name in actor.names]
        names += [alias for affiliation in topic.affiliations for alias in (affiliation.name, *affiliation.aliases)]
        self.names = skip_words(names)
        self.reporting = skip_words(
            names + [form for verb in topic.statement_verbs for form in verb_forms(verb, topic.matching.verb_forms)]
        )

    def extract(self, article: Article) -> ArticleFindings:
        statements = self.statements.find(article)
        events = find_events(article)
        arguments = self.arguments.find(article, [s.sentence for s in statements], [e.sentence for e in events])
        found_statements = tuple(
            Found(s, s.sentence, mention_id("S", s.sentence, s.speaker.id), _stems(s.sentence.text, self.reporting))
            for s in statements
        )
        found_arguments = tuple(
            Found(a, a.sentence, mention_id("A", a.sentence), _stems(a.sentence.text, self.names)) for a in arguments
        )
        found_events = tuple(
            Found(e, e.sentence, mention_id("E", e.sentence, e.date.value), _stems(e.title, self.names)) for e in events
        )
        published = article.source.meta.published
        return ArticleFindings(
            article=article,
            statements=found_statements,
            arguments=found_arguments,
            events=found_events,
            themes={
                text: self.themes.classify(text)
                for text in [f.sentence.text for f in found_statements] + [f.sentence.text for f in found_arguments]
            },
            statement_dates=_statement_dates(statements, published),
            actor_mentions=_actor_mentions(article, self.matcher),
            claims=article_claims(article, self.topic),
        )


def _stems(text: str, skip: frozenset[str]) -> frozenset[str]:
    """Content stems but the words in ``skip``, interned: an article's findings then hold (and its
    cache entry stores) each distinct stem once, which keeps thousands of articles' findings small in memory."""
    return frozenset(map(sys.intern, stems_skipping(text, skip)))


@dataclass(frozen=True, slots=True)
class _Group(Generic[T]):
    """Mentions that are the same item, with the first as its representative."""

    first: T
    ids: tuple[str, ...]
    """Every mention's id, once, in order."""
    sentences: tuple[Sentence, ...]
    """Every distinct sentence (source, paragraph, text), in order."""
    found: tuple[T, ...]
    """The finding of each of ``sentences`` (the first is ``first``)."""

    @classmethod
    def of(cls, mentions: Sequence[Found[T]]) -> _Group[T]:
        if len(mentions) == 1:  # most mentions are found once: nothing to make distinct
            (mention,) = mentions
            return cls(first=mention.found, ids=(mention.ident,), sentences=(mention.sentence,), found=(mention.found,))
        distinct: dict[tuple[str, int, str], Found[T]] = {}
        for mention in mentions:
            sentence = mention.sentence
            # The paragraph's number stands for its anchor ("p" + number), which is built per call.
            distinct.setdefault((sentence.paragraph.source_id, sentence.paragraph.number, sentence.text), mention)
        return cls(
            first=mentions[0].found,
            ids=tuple(dict.fromkeys(m.ident for m in mentions)),
            sentences=tuple(m.sentence for m in distinct.values()),
            found=tuple(m.found for m in distinct.values()),
        )


def _needed(size: int, threshold: float, min_shared: int) -> int:
    """The fewest shared stems that make ``overlap`` reach ``threshold`` when the smaller set has
    ``size`` stems (computed with the same division as ``overlap``, so no rounding surprise)."""
    shared = max(min_shared, 1)
    while shared <= size and shared / size < threshold:
        shared += 1
    return shared


@dataclass(slots=True)
class _Index:
    """The groups of one key, by the stems of their prefixes and by all their stems (see ``_merge``)."""

    by_prefix: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_stem: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def candidates(self, stems: Iterable[str], prefix: Iterable[str]) -> list[int]:
        """The groups that may share enough stems with a set of ``stems`` and ``prefix``, in order."""
        found = set(chain.from_iterable(map(self.by_prefix.get, stems, repeat(()))))
        found.update(chain.from_iterable(map(self.by_stem.get, prefix, repeat(()))))
        return sorted(found)

    def add(self, group: int, stems: Iterable[str], prefix: Iterable[str]) -> None:
        """Index a new group (each group once, so no posting holds a group twice)."""
        for stem in prefix:
            self.by_prefix[stem].append(group)
        for stem in stems:
            self.by_stem[stem].append(group)


def _merge(
    mentions: Sequence[Found[T]], key: Callable[[T], Hashable], threshold: float, min_shared: int
) -> Iterator[_Group[T]]:
    """Group mentions with the same ``key`` whose content stems overlap enough (first match wins).

    Exact, and close to linear (prefix filtering, as in set-similarity joins). Order each set's
    stems rarest first. If two sets share at least k stems, then among the first ``len(s) - k + 1``
    stems of the smaller set ``s`` at least one is in the other set. So a new mention finds every
    group it could join through two indexes: its stems looked up among the groups' *prefixes*
    (for a group smaller than the mention), and its own prefix looked up among the groups' *stems*
    (for a group at least as large; only the stems some prefix holds are indexed). Only rare stems
    are ever looked up in the full index, so no list of a common stem is scanned whole; the
    candidates are then checked in order for the shared stems ``overlap`` needs, which keeps the
    result identical to comparing with every group.

    The groups are made as they are taken, so the many small ones do not all stay in memory.
    """
    largest = max((len(mention.stems) for mention in mentions), default=0)
    # overlap(a, b, min_shared) >= threshold exactly when a and b share needed[min(len(a), len(b))] stems.
    needed = [_needed(size, threshold, min_shared) for size in range(largest + 1)]
    prefixes = _prefixes([mention.stems for mention in mentions], needed)
    looked_up = frozenset(chain.from_iterable(prefixes))
    members: list[list[Found[T]]] = []
    group_stems: list[frozenset[str]] = []
    indexes: dict[Hashable, _Index] = {}
    for mention, prefix in zip(mentions, prefixes):
        stems, size = mention.stems, len(mention.stems)
        bucket = key(mention.found)
        index = indexes.get(bucket)
        if index is None:
            index = indexes[bucket] = _Index()
        position = next(
            (
                g
                for g in index.candidates(stems, prefix)
                if len(group_stems[g] & stems) >= needed[min(len(group_stems[g]), size)]
            ),
            None,
        )
        if position is None:
            position = len(members)
            members.append([])
            group_stems.append(stems)
            index.add(position, stems & looked_up, prefix)
        members[position].append(mention)
    return map(_Group.of, members)


def _prefixes(sets: Sequence[frozenset[str]], needed: Sequence[int]) -> list[tuple[str, ...]]:
    """Each set's first ``len(s) - needed[len(s)] + 1`` stems, rarest first (see ``_merge``)."""
    frequency = Counter(chain.from_iterable(sets))
    rarity = {stem: rank for rank, stem in enumerate(sorted(frequency, key=lambda stem: (frequency[stem], stem)))}
    return [
        tuple(sorted(stems, key=rarity.__getitem__)[: max(0, len(stems) - needed[len(stems)] + 1)]) for stems in sets
    ]


def extract_briefing(articles: tuple[Article, ...], topic: Topic) -> Briefing:
    """The whole extract stage in one call (the pipeline runs the two halves itself, to cache the first)."""
    extractor = ArticleExtractor(topic)
    return merge_findings([extractor.extract(article) for article in articles], topic)


def merge_findings(findings: Sequence[ArticleFindings], topic: Topic) -> Briefing:
    """The cross-source half of the extract stage: merging, actors, disagreements, curation.

    ``findings`` come in the articles' order (kept in ``Briefing.articles``); the work is done in
    source-id order, so the result does not depend on the order of the files.
    """
    articles = tuple(f.article for f in findings)
    ordered = sorted(findings, key=lambda f: f.article.source.id)
    themes = ThemeClassifier(topic)
    theme_of = {text: theme for f in ordered for text, theme in f.themes.items()}
    date_of = {(f.article.source.id, text): date for f in ordered for text, date in f.statement_dates.items()}

    def theme(sentences: Sequence[Sentence]) -> str | None:
        if len(sentences) == 1:
            return theme_of[sentences[0].text]
        return themes.classify(" ".join(s.text for s in sentences))

    def statement_date(sentences: Sequence[Sentence]) -> DateRef | None:
        """The most precise date the reporting sentences give for the act (the first at a tie)."""
        best: tuple[int, DateRef] | None = None
        for sentence in sentences:
            dated = date_of[(sentence.paragraph.source_id, sentence.text)]
            if dated is not None and (best is None or dated[0] > best[0]):
                best = dated
        return best[1] if best else None

    def day_of(found: FoundStatement) -> str | None:
        dated = date_of[(found.sentence.paragraph.source_id, found.sentence.text)]
        return dated[1].value if dated else None

    # 1. merging (the per-article findings are in ``ordered``). Reports that give different dates are
    # different acts, however alike their words.
    statement_groups = _merge(
        [s for f in ordered for s in f.statements], lambda f: (f.speaker.id, day_of(f)), _MERGE_STATEMENT, 3
    )
    argument_groups = _merge([a for f in ordered for a in f.arguments], lambda f: f.side, _MERGE_ARGUMENT, 3)
    event_groups = _merge(
        [e for f in ordered for e in f.events], lambda f: (f.date.value, f.date.qualifier), _MERGE_EVENT, 2
    )

    statements_out = tuple(
        Statement(
            id=g.ids[0],
            speaker=g.first.speaker.id,
            act=g.first.act,
            text=g.first.sentence.text,
            quoted=quoted_words(g.first.sentence.text),
            theme=theme(g.sentences),
            date=statement_date(g.sentences),
            citations=tuple(citation_of(s) for s in g.sentences),
            mention_ids=g.ids,
        )
        for g in statement_groups
    )
    arguments_out = tuple(
        Argument(
            id=g.ids[0],
            side=g.first.side,
            theme=theme(g.sentences),
            claim=g.first.sentence.text,
            citations=tuple(citation_of(s) for s in g.sentences),
            mention_ids=g.ids,
            cues=tuple(dict.fromkeys(c.lower() for c in g.first.cues)),
        )
        for g in argument_groups
    )
    events_out = tuple(
        Event(
            id=g.ids[0],
            date=g.first.date,
            title=best_title([f.title for f in g.found] or [g.first.title]),
            title_curated=False,
            period=period_of(g.first.date, topic.periods),
            citations=tuple(citation_of(s) for s in g.sentences),
            mention_ids=g.ids,
        )
        for g in event_groups
    )

    statements_out, arguments_out, events_out = (
        _distinct_ids(statements_out),
        _distinct_ids(arguments_out),
        _distinct_ids(events_out),
    )

    # 2. actors and disagreements
    actors_out = profile_actors(ordered, topic, statements_out)
    disagreements_out = find_disagreements(
        [f.article for f in ordered], topic, statements_out, [f.claims for f in ordered]
    )

    # 3. curation
    briefing = Briefing(
        articles=articles,
        statements=statements_out,
        arguments=arguments_out,
        events=events_out,
        actors=actors_out,
        disagreements=disagreements_out,
    )
    return apply_curation(briefing, topic)


Item = TypeVar("Item", Statement, Argument, Event)


def _distinct_ids(items: tuple[Item, ...]) -> tuple[Item, ...]:
    """Ids are six hex digits of a hash, so among thousands of items two can meet (9 in 15,000
    arguments): the first keeps its id, a later one gets four more digits from its first citation.
    Curation, anchors and the grouping all need one item per id."""
    seen: set[str] = set()
    result = []
    for item in items:
        if item.id in seen:
            first = item.citations[0]
            key = f"{item.id}|{first.source}|{first.paragraph}|{fold(first.quote)}"
            item = replace(item, id=f"{item.id}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:4]}")
        seen.add(item.id)
        result.append(item)
    return tuple(result)


def best_title(titles: Sequence[str]) -> str:
    """Of the titles several reports give one happening, a name ("Pulwama terrorist attack") or the shortest clause."""
    return min(
        titles, key=lambda t: (len(t.split()) < 2, not all(w[:1].isupper() for w in t.split()[:2]), len(t.split()), t)
    )


def _statement_dates(
    statements: Sequence[FoundStatement], published: date | None
) -> dict[str, tuple[int, DateRef] | None]:
    """Each reporting sentence's date for its act, read around the first reporting verb in it."""
    dates: dict[str, tuple[int, DateRef] | None] = {}
    for statement in sorted(statements, key=lambda s: s.verb_start):
        text = statement.sentence.text
        if text not in dates:
            dates[text] = _sentence_date(text, published, statement.verb_start)
    return dates


VERB_TO_DATE_WORDS = 4
"""How far after its verb a bare year may stand and still date the act ("said in 2019"); further
on it is in what was said ("said the city has struggled since the cannery closed in 2009")."""
_CONDITION_OR_DEADLINE = re.compile(r"\b(?:if|unless|deadline|by the end of|no later than)\b", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _sentence_date(text: str, published: date | None, verb_start: int | None = None) -> tuple[int, DateRef] | None:
    """The date a reporting sentence gives for the act (the most precise one, the first at a tie).

    Dates inside quotation marks, after the verb in a condition or a deadline, and bare years after
    the verb beyond ``VERB_TO_DATE_WORDS``, are what was said ("we welcome the ceasefire of May 10", "said the cannery closed in 2009"), not
    when it was said."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    verb_end = None if verb_start is None else _word_end(text, verb_start)
    best = None
    for mention in find_dates(text, published):
        if mention.qualifier in ("since", "before", "after", "until") or mention.text.startswith("("):
            continue  # a span, or the year of a cited treaty: not when the act happened
        if re.search(r"\b(?:the|a|an)\s+$", text[: mention.start], re.IGNORECASE) and mention.precision in (
            "year",
            "decade",
        ):
            continue  # "the 2019 Pulwama attack": names another event
        if any(start < mention.start < end for start, end in quoted):
            continue
        if published is not None and interval_start(date_ref(mention)) > published.isoformat():
            continue  # after the article that reports it: what was said ("when it next sets rates on Dec. 10")
        if verb_end is not None and mention.start >= verb_end:
            between = text[verb_end : mention.start]
            if _CONDITION_OR_DEADLINE.search(between):
                continue  # "said the offer would lapse if no pledge came by the summit's end on November 20"
            if mention.precision in ("year", "decade") and len(re.findall(r"[\w’'-]+", between)) > VERB_TO_DATE_WORDS:
                continue  # a day stays: "expressed support during a call with Modi on May 5"
        if best is None or PRECISION_RANK[mention.precision] > PRECISION_RANK[best.precision]:
            best = mention
    return (PRECISION_RANK[best.precision], date_ref(best)) if best else None


def _word_end(text: str, start: int) -> int:
    space = _SPACE.search(text, start)
    return space.start() if space else len(text)


_SPACE = re.compile(r"\s")


def quoted_words(text: str) -> tuple[str, ...]:
    """Words the sentence puts in quotation marks (double, curly, or single straight quotes)."""
    found = re.findall(r"“([^”]{2,})”|\"([^\"]{2,})\"|(?<![\w’'])['‘]([^'’]{2,}?)['’](?![\w’'])", text)
    return tuple(next(part for part in groups if part) for groups in found)


def _actor_mentions(article: Article, matcher: ActorMatcher) -> tuple[tuple[str, Citation], ...]:
    """Each configured actor an article names: (actor id, the first sentence of each paragraph naming it)."""
    found: list[tuple[str, Citation]] = []
    for paragraph in article.paragraphs:
        if paragraph.kind == "byline":
            continue
        seen: set[str] = set()
        for sentence in split_sentences(paragraph):
            for mention in matcher.find(sentence.text):
                if mention.actor.id not in seen:
                    seen.add(mention.actor.id)
                    found.append((mention.actor.id, citation_of(sentence)))
    return tuple(found)


def profile_actors(
    findings: Sequence[ArticleFindings], topic: Topic, statements: Sequence[Statement]
) -> tuple[ActorProfile, ...]:
    """Every configured actor the sources name, with their statements and every paragraph naming them."""
    mentions: dict[str, list[Citation]] = {actor.id: [] for actor in topic.actors}
    for article in findings:
        for actor_id, citation in article.actor_mentions:
            mentions[actor_id].append(citation)
    by_speaker: dict[str, list[str]] = {}
    for statement in statements:
        by_speaker.setdefault(statement.speaker, []).append(statement.id)
    subject_first = sorted(topic.actors, key=lambda a: a.affiliation != topic.subject)
    return tuple(
        ActorProfile(
            id=actor.id,
            name=actor.name,
            role=actor.role,
            affiliation=actor.affiliation,
            statements=tuple(by_speaker.get(actor.id, ())),
            mentions=tuple(mentions[actor.id]),
        )
        for actor in subject_first
        if mentions[actor.id]
    )
