"""One item per act: reports of the same statement or deed, across sources and wordings, become one act.

Two reports are one act when their speakers can be the same voice (the same actor, or one who
speaks for the other: a spokesperson for a ministry, a ministry for the state), their dates do
not conflict (an undated report's act happened in the few days before its article appeared), they come from
different sources (or are the same sentence, or one continues the
other: "She further said …"), and their words are close enough. The act names the most specific
speaker, takes the most precise date, and leads with the clearest report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..cite import fold
from ..config import ActorSpec, Topic
from ..schema import PRONOUNS
from ..extract.dates import PRECISION_RANK
from ..extract.statements import verb_forms
from ..extract.text import matcher_for, words
from ..extract.timeline import interval_start, period_of
from ..model import Act, DateRef, Statement
from .heads import SentenceLocator, head_quality, make_head
from .similarity import CandidateIndex, Weights, cosine, stems

#: Reports whose similarity reaches this are one act (chosen on the development articles; see About).
SAME_ACT = 0.15
#: Two sentences of one source report one act only when they are this close: an article usually
#: reports each act once, and its other sentences about the same speaker are other acts.
SAME_ACT_ONE_SOURCE = 0.35


class Voices:
    """Who can speak for whom: ``speaks_for`` in the topic config, else an affiliation's state."""

    def __init__(self, topic: Topic) -> None:
        self.actors = {a.id: a for a in topic.actors}
        states = {a.affiliation: a.id for a in topic.actors if a.kind == "state" and a.affiliation}
        self.parent: dict[str, str | None] = {}
        for actor in topic.actors:
            default = states.get(actor.affiliation) if actor.kind != "state" and actor.affiliation else None
            self.parent[actor.id] = actor.speaks_for or default

    def chain(self, actor_id: str) -> list[str]:
        """The actor, then whom it speaks for, up to the state (cycles cut)."""
        chain = [actor_id]
        while (parent := self.parent.get(chain[-1])) is not None and parent not in chain:
            chain.append(parent)
        return chain

    def compatible(self, first: str, second: str) -> bool:
        return first in self.chain(second) or second in self.chain(first)

    def most_specific(self, actor_ids: Sequence[str]) -> str:
        return max(actor_ids, key=lambda a: (len(self.chain(a)), -actor_ids.index(a)))

    def name(self, actor_id: str) -> str:
        actor: ActorSpec = self.actors[actor_id]
        return actor.name


#: How many reports of an act a new report is compared with (the first ones: the act's core).
COMPARED = 25


@dataclass(slots=True)
class _Group:
    reports: list[_Report] = field(default_factory=list)
    voices: dict[tuple[str, str | None, date | None], _Report] = field(default_factory=dict)
    """One report per (speaker, date, or for an undated one its first report's day): enough to check
    that a new report may join them all."""

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        dated = report.statement.date
        key = (report.statement.speaker, dated.value if dated else None, None if dated else report.reported_by)
        self.voices.setdefault(key, report)


def _dates_agree(first: _Report, second: _Report) -> bool:
    """Dates that can be one act's: equal as far as both are precise; an undated report's act
    happened by the day its first article was published, and shortly before it (see
    ``REPORTED_WITHIN_DAYS``), so a later or a much earlier date is another act."""
    one, other = first.statement.date, second.statement.date
    if one is not None and other is not None:
        shared = min(PRECISION_RANK[one.precision], PRECISION_RANK[other.precision])
        length = {0: 3, 1: 4, 2: 7, 3: 10}[shared]
        return one.value[:length] == other.value[:length]
    if one is None and other is not None:
        return _reported_soon_after(other, first.reported_by)
    if other is None and one is not None:
        return _reported_soon_after(one, second.reported_by)
    return True


REPORTED_WITHIN_DAYS = 3
"""An undated report is news of a day-dated act only when its article appeared at most this many
days after it; later, it is another act (the governor's remarks a week after the bank's announcement)."""


def _reported_soon_after(when: DateRef, reported_by: date | None) -> bool:
    if reported_by is None:
        return True
    start = interval_start(when)
    if start > reported_by.isoformat():
        return False
    if when.precision != "day":
        return True
    return (reported_by - date.fromisoformat(start)).days <= REPORTED_WITHIN_DAYS


@dataclass(slots=True)
class _Report:
    statement: Statement
    vector: dict[str, float]
    where: tuple[str, str, str]
    """(source, paragraph, folded sentence) of its first citation."""
    reported_by: date | None
    """The earliest publication date of the articles that report it (the act happened by then)."""


class ActGrouper:
    def __init__(self, topic: Topic, locator: SentenceLocator) -> None:
        self.topic = topic
        self.voices = Voices(topic)
        self.locator = locator
        self.matcher = matcher_for(topic)
        verbs = [form for verb in topic.statement_verbs for form in verb_forms(verb, topic.matching.verb_forms)]
        self.skip = frozenset(w for phrase in (*topic.subject_names, *verbs) for w in words(phrase))

    def tokens(self, statement: Statement) -> list[str]:
        text = statement.text
        tokens = stems(text, self.skip)
        tokens += [f"@{m.actor.id}" for m in self.matcher.find(text) if m.actor.affiliation != self.topic.subject]
        tokens += [f"“{t}" for q in statement.quoted for t in stems(q, self.skip)]
        return tokens

    def group(self, statements: Sequence[Statement]) -> list[Act]:
        token_lists = [self.tokens(s) for s in statements]
        weights = Weights.fit(token_lists)
        reports = [
            _Report(
                s,
                weights.vector(t),
                (s.citations[0].source, s.citations[0].paragraph, fold(s.text)),
                self._first_published(s),
            )
            for s, t in zip(statements, token_lists)
        ]
        groups: list[_Group] = []
        index = CandidateIndex()
        by_sentence: dict[tuple[str, str, str], int] = {}
        previous: _Report | None = None
        for report in reports:
            target = by_sentence.get(report.where)
            if target is None and previous is not None and self._continues(report, previous):
                target = by_sentence[previous.where]
            if target is None:
                target = self._best_group(report, groups, index)
            if target is None:
                target = len(groups)
                groups.append(_Group())
            groups[target].add(report)
            by_sentence.setdefault(report.where, target)
            index.add("act", report.vector, target)
            previous = report
        return [self._act(group.reports) for group in groups]

    def _first_published(self, statement: Statement) -> date | None:
        published = [
            article.source.meta.published
            for citation in statement.citations
            if (article := self.locator.articles.get(citation.source)) and article.source.meta.published
        ]
        return min(published) if published else None

    def _continues(self, report: _Report, previous: _Report) -> bool:
        """ "She further said …" right after the same speaker's statement in the same paragraph."""
        if report.where[:2] != previous.where[:2] or report.statement.speaker != previous.statement.speaker:
            return False
        before = self.locator.previous(report.statement.citations[0])
        return (
            before is not None
            and fold(before.quote) == previous.where[2]
            and report.statement.text.lstrip().split(" ", 1)[0].lower() in PRONOUNS
        )

    def _best_group(self, report: _Report, groups: list[_Group], index: CandidateIndex) -> int | None:
        best, best_score = None, SAME_ACT
        for position in sorted(index.candidates("act", report.vector)):
            group = groups[position]
            if not all(self._may_join(report, m) for m in group.voices.values()):
                continue
            members = group.reports[:COMPARED]
            score = max(cosine(report.vector, m.vector) for m in members)
            if any(m.where[0] == report.where[0] for m in members) and score < SAME_ACT_ONE_SOURCE:
                continue
            if score >= best_score:
                best, best_score = position, score
        return best

    def _may_join(self, report: _Report, member: _Report) -> bool:
        first, second = report.statement, member.statement
        return self.voices.compatible(first.speaker, second.speaker) and _dates_agree(report, member)

    def _act(self, members: list[_Report]) -> Act:
        statements = [m.statement for m in members]
        speaker = self.voices.most_specific([s.speaker for s in statements])
        lead = max(statements, key=lambda s: self._clarity(s, speaker))
        dated = [s.date for s in statements if s.date is not None]
        act_date = max(dated, key=lambda d: PRECISION_RANK[d.precision]) if dated else None
        themes = Counter(s.theme for s in statements if s.theme)
        theme = lead.theme if lead.theme else (themes.most_common(1)[0][0] if themes else None)
        ordered = [lead, *[s for s in statements if s is not lead]]
        return Act(
            id=statements[0].id,
            speaker=speaker,
            act=lead.act,
            theme=theme,
            date=act_date,
            head=make_head(lead.citations[0], self.locator, self.voices.name(lead.speaker)),
            reports=tuple(ordered),
            period=period_of(act_date, self.topic.periods) if act_date else None,
            pinned=any(s.pinned for s in statements),
        )

    def _clarity(self, statement: Statement, speaker: str) -> tuple[float, ...]:
        return (
            head_quality(statement.text)
            + (0.5 if statement.quoted else 0.0)
            + (0.5 if statement.speaker == speaker else 0.0)
            + (0.5 if statement.date and statement.date.precision == "day" else 0.0),
            -len(statement.text.split()),
        )
