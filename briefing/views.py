"""What each briefing page shows, in what order, and what it folds away (the reading budget).

A page shows a fixed number of items in full; the next ones sit in a collapsed list; beyond a
cap they are only counted (the data files hold them all). So a page's visible length depends on
the number of points, not on the number of articles, and its size stays bounded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from datetime import date
from typing import Generic, TypeVar

from .config import Period, Topic
from .extract.text import PhrasePattern
from .extract.dates import PRECISION_RANK
from .model import Act, Briefing, Citation, DateRef, Event, KeyPoint, Source

T = TypeVar("T")

#: (shown in full, listed folded) per list; what is past both is counted only.
ACTS = (6, 40)
PRECEDENTS = (0, 20)
POINTS_PER_THEME = (2, 12)
PAIRS = (10, 10)
UNPAIRED = (5, 15)
EVENTS_PER_PERIOD = (12, 40)
ALSO_MENTIONED = (0, 40)
#: Reports of an act, or arguments of a point, listed under it (folded).
MEMBERS = 8


@dataclass(frozen=True, slots=True)
class Shelf(Generic[T]):
    """A list shown in part: ``shown`` in full, ``folded`` collapsed, ``omitted`` only counted."""

    shown: tuple[T, ...]
    folded: tuple[T, ...]
    omitted: int

    @property
    def total(self) -> int:
        return len(self.shown) + len(self.folded) + self.omitted

    def __iter__(self) -> Iterator[T]:
        """What the page lists: the shown items, then the folded ones."""
        return iter((*self.shown, *self.folded))

    def __bool__(self) -> bool:
        return self.total > 0


def shelve(items: Sequence[T], limits: tuple[int, int]) -> Shelf[T]:
    shown, folded = limits
    return Shelf(tuple(items[:shown]), tuple(items[shown : shown + folded]), max(0, len(items) - shown - folded))


def weight(item: Act | KeyPoint) -> tuple[object, ...]:
    """Pinned first, then by how many sources report it, then how often; among acts of equal weight,
    the most precisely dated and then the latest (a dated decision before an undated remark); last,
    where it first appears, so the order never rests on file names alone."""
    first = item.head.citations[0]  # the first of item.citations, without making them all
    mentions = item.mentions if isinstance(item, KeyPoint) else len(item.reports)
    dated = _date_rank(item.date) if isinstance(item, Act) else (0, 0)
    return (not item.pinned, -len(item.sources), -mentions, dated, first.source, int(first.paragraph[1:]))


def _date_rank(when: DateRef | None) -> tuple[int, int]:
    """Sorts the more precise, then the later date first (an undated act last)."""
    if when is None:
        return (1, 0)
    digits = int(when.value.replace("-", "").replace("X", "0"))  # "2025-05-07", "2025-05", "2025", "201X"
    return (-PRECISION_RANK[when.precision], -digits)


def group_by_source(citations: Iterable[Citation]) -> list[tuple[str, list[Citation]]]:
    """(source, its citations) by source, as Jinja's ``groupby("source")`` makes them: sources in
    order ignoring case, each named as its first citation has it, its citations in their order.
    For the actors page, where an actor is mentioned thousands of times; the filter looks up each
    citation's source through the template environment."""
    ordered = sorted(citations, key=_source_folded)
    return [(group[0].source, group) for group in (list(g) for _key, g in groupby(ordered, _source_folded))]


def _source_folded(citation: Citation) -> str:
    return citation.source.lower()


def background_periods(topic: Topic) -> set[str]:
    """Periods with an open start hold what came before: precedents, not the crisis."""
    return {p.id for p in topic.periods if p.start is None}


@dataclass(frozen=True, slots=True)
class Pair:
    reason: KeyPoint
    answers: tuple[KeyPoint, ...]


@dataclass(frozen=True, slots=True)
class PeriodView:
    period: Period
    events: Shelf[Event]


@dataclass(frozen=True, slots=True)
class BriefView:
    """Everything the pages show, computed once."""

    acts: Shelf[Act]
    precedents: Shelf[Act]
    position_themes: tuple[tuple[str, Shelf[KeyPoint]], ...]
    pairs: Shelf[Pair]
    unpaired: Shelf[KeyPoint]
    unanswered: int
    periods: tuple[PeriodView, ...]
    unplaced: Shelf[Event]
    also_mentioned: Shelf[Event]
    answered_by: dict[str, tuple[KeyPoint, ...]]
    as_of: date | None
    weak_sources: frozenset[str]

    def shown_items(self) -> Iterable[Act | KeyPoint | Event]:
        """Every item that has an anchor on a page (for "cited by" links)."""
        yield from self.acts
        yield from self.precedents
        for _title, points in self.position_themes:
            yield from points
        for pair in self.pairs:
            yield from pair.answers[:MEMBERS]
        yield from self.unpaired
        for view in self.periods:
            yield from view.events
        yield from self.unplaced
        yield from self.also_mentioned

    def rests_on_weak_sources(self, item: Act | KeyPoint) -> bool:
        return bool(item.sources) and all(s in self.weak_sources for s in item.sources)


def source_flags(source: Source) -> tuple[str, ...]:
    """What a reader should know before trusting a source: undated, no author, untitled."""
    flags = []
    if source.meta.published is None:
        flags.append("undated")
    if not source.meta.authors:
        flags.append("no author")
    if not source.meta.title:
        flags.append("untitled")
    return tuple(flags)


def is_weak(source: Source) -> bool:
    """Anonymous (no author and no outlet) or untitled: a reader cannot tell who stands behind it."""
    return (not source.meta.authors and not source.meta.outlet) or not source.meta.title


def brief_view(briefing: Briefing, topic: Topic, theme_title: Callable[[str | None], str]) -> BriefView:
    background = background_periods(topic)
    acts = sorted(briefing.acts, key=weight)
    points = sorted(briefing.key_points, key=weight)
    position = [p for p in points if p.side == "position"]
    counter = [p for p in points if p.side == "counter"]
    answered_by: dict[str, list[KeyPoint]] = defaultdict(list)
    for point in counter:
        if point.answers:
            answered_by[point.answers].append(point)
    pairs = [Pair(p, tuple(answered_by[p.id])) for p in position if answered_by.get(p.id)]
    theme_order = [t.id for t in topic.themes] + [None]
    by_theme: dict[str | None, list[KeyPoint]] = defaultdict(list)
    for point in position:
        by_theme[point.theme].append(point)
    events_in, also = _related_events(briefing, topic, background)
    periods = tuple(
        PeriodView(period, shelve([e for e in events_in if e.period == period.id], EVENTS_PER_PERIOD))
        for period in topic.periods
    )
    published = [a.source.meta.published for a in briefing.articles if a.source.meta.published]
    return BriefView(
        acts=shelve([a for a in acts if a.period not in background], ACTS),
        precedents=shelve([a for a in acts if a.period in background], PRECEDENTS),
        position_themes=tuple(
            (theme_title(t), shelve(by_theme[t], POINTS_PER_THEME)) for t in theme_order if by_theme.get(t)
        ),
        pairs=shelve(pairs, PAIRS),
        unpaired=shelve([p for p in counter if not p.answers], UNPAIRED),
        unanswered=sum(1 for p in position if not answered_by.get(p.id)),
        periods=periods,
        unplaced=shelve([e for e in events_in if e.period is None], EVENTS_PER_PERIOD),
        also_mentioned=shelve(also, ALSO_MENTIONED),
        answered_by={k: tuple(v) for k, v in answered_by.items()},
        as_of=max(published) if published else None,
        weak_sources=frozenset(a.source.id for a in briefing.articles if is_weak(a.source)),
    )


def _related_events(briefing: Briefing, topic: Topic, background: set[str]) -> tuple[list[Event], list[Event]]:
    """Events about the subject or inside a dated period, and the others ("also mentioned"), by date."""
    # Matches as phrase_pattern(topic.subject_names) does, running it only on quotes that can hold a name.
    subject = PhrasePattern(topic.subject_names)
    related: list[Event] = []
    also: list[Event] = []
    for event in sorted(briefing.events, key=lambda e: (e.date.sort_key, e.id)):
        in_crisis = event.period is not None and event.period not in background
        if in_crisis or event.pinned or _mentions(subject, event):
            related.append(event)
        else:
            also.append(event)
    return related, also


def _mentions(subject: PhrasePattern, event: Event) -> bool:
    return any(subject.search(c.quote) for c in event.citations)
