"""Key points: each side's arguments grouped into a few weighted points (Key Point Analysis).

As in Bar-Haim et al. (2020), points are chosen from the arguments themselves, so each is a
quotable sentence, and a point's weight is how many sources (and mentions) support it. The
grouping is greedy and indexed: arguments are taken best-head-first, and each joins the point of
its side whose members it is closest to, or starts a new one. Then counter points are paired with
the position point they answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..cite import fold
from ..config import Topic
from ..extract.text import words
from ..model import Argument, KeyPoint
from .heads import SentenceLocator, head_quality, leans_back, make_head
from .similarity import CandidateIndex, Weights, cosine, stems

#: An argument joins a point when its similarity to the point's members reaches this.
SAME_POINT = 0.16
#: Added to an argument's similarity to a point holding another argument from its paragraph
#: (an author develops one idea per paragraph) or of its theme.
SAME_PARAGRAPH = 0.3
SAME_THEME = 0.0
#: How many members are weighed when choosing a point's head or pairing it.
HEAD_SAMPLE = 25
#: A counter point answers the closest position point when their similarity reaches this.
ANSWERS = 0.2
#: The heaviest position point of a counter point's theme gets this on top (see ``pair``).
MAIN_REASON_BONUS = 0.15
#: Same theme adds this to the pairing score.
THEME_BONUS = 0.2


@dataclass(slots=True)
class _Group:
    side: str
    members: list[Argument] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    squares: float = 0.0
    """Sum of the squares of ``total``'s values, kept up to date so a comparison costs one vector."""
    norm: float = 1.0
    """The length of ``total`` (1 when it has none), kept up to date with ``squares``."""
    themes: set[str | None] = field(default_factory=set)

    def add(self, argument: Argument, vector: Mapping[str, float]) -> None:
        self.members.append(argument)
        self.themes.add(argument.theme)
        total, squares = self.total, self.squares
        for stem, value in vector.items():
            old = total.get(stem, 0.0)
            total[stem] = new = old + value
            squares += new**2 - old * old
        self.squares = squares
        self.norm = squares**0.5 or 1.0

    def similarity(self, vector: Mapping[str, float]) -> float:
        return cosine(vector, self.total) / self.norm


class PointGrouper:
    def __init__(self, topic: Topic, locator: SentenceLocator) -> None:
        self.topic = topic
        self.locator = locator
        self.skip = frozenset(w for phrase in topic.subject_names for w in words(phrase))
        self.vectors: dict[str, dict[str, float]] = {}
        self.quality: dict[str, float] = {}
        """``head_quality`` of each argument's claim, by claim (asked for when ordering and again when choosing heads)."""

    def group(self, arguments: Sequence[Argument]) -> list[KeyPoint]:
        self.vectors = self._vectors(arguments)
        self.quality = {a.claim: head_quality(a.claim) for a in arguments}
        order = {a.id: i for i, a in enumerate(arguments)}
        candidates_first = sorted(arguments, key=lambda a: (-self.quality[a.claim], order[a.id]))
        groups: list[_Group] = []
        index = CandidateIndex()
        by_paragraph: defaultdict[tuple[str, str, str], set[int]] = defaultdict(set)
        for argument in candidates_first:
            vector = self.vectors[argument.id]
            places = [(argument.side, c.source, c.paragraph) for c in argument.citations]
            near = set().union(*(by_paragraph.get(place, ()) for place in places))
            target = self._best_group(argument, vector, groups, index, near)
            if target is None:
                target = len(groups)
                groups.append(_Group(argument.side))
            groups[target].add(argument, vector)
            index.add(argument.side, vector, target)
            for place in places:
                by_paragraph[place].add(target)
        return [self._point(g, order) for g in groups]

    def _vectors(self, arguments: Sequence[Argument]) -> dict[str, dict[str, float]]:
        """Each argument's weight vector, by id."""
        token_lists = {a.id: stems(a.claim, self.skip) for a in arguments}
        weights = Weights.fit(token_lists.values())
        return {argument_id: weights.vector(tokens) for argument_id, tokens in token_lists.items()}

    def _best_group(
        self,
        argument: Argument,
        vector: Mapping[str, float],
        groups: list[_Group],
        index: CandidateIndex,
        near: set[int],
    ) -> int | None:
        best, best_score = None, SAME_POINT
        for position in sorted(index.candidates(argument.side, vector) | near):
            group = groups[position]
            if argument.theme is not None and argument.theme not in group.themes and None not in group.themes:
                continue
            score = group.similarity(vector)
            score += SAME_PARAGRAPH if position in near else 0.0
            score += SAME_THEME if argument.theme is not None and argument.theme in group.themes else 0.0
            if score >= best_score:
                best, best_score = position, score
        return best

    def _point(self, group: _Group, order: Mapping[str, int]) -> KeyPoint:
        members = sorted(group.members, key=lambda a: order[a.id])
        # Head candidates and the members they are compared with are bounded, so a point of thousands
        # of arguments costs no more than one of a few dozen.
        sample = members[:HEAD_SAMPLE]
        lead = max(sample, key=lambda a: (self.quality[a.claim] + self._centrality(a, sample), -order[a.id]))
        themes = Counter(m.theme for m in members if m.theme)
        theme = lead.theme or (themes.most_common(1)[0][0] if themes else None)
        return KeyPoint(
            id="K-" + lead.id.split("-", 1)[1],
            side=group.side,
            theme=theme,
            head=make_head(lead.citations[0], self.locator, shorten=True),
            members=(lead, *[m for m in members if m is not lead]),
            pinned=any(m.pinned for m in members),
        )

    def _centrality(self, argument: Argument, members: Sequence[Argument]) -> float:
        if len(members) < 2:
            return 0.0
        vector = self.vectors[argument.id]
        return sum(cosine(vector, self.vectors[m.id]) for m in members if m is not argument) / (len(members) - 1)

    def pair(self, points: Sequence[KeyPoint]) -> dict[str, tuple[str, str]]:
        """Counter point id -> (position point id, how): by sequence first, then by similarity and theme.

        Similarity is that of the closest two members (an objection usually answers one sentence of
        a reason, not the reason's whole group), found through the bounded index of position members.
        """
        position = {p.id: p for p in points if p.side == "position"}
        by_sentence = {
            (c.source, c.paragraph, fold(c.quote)): p.id
            for p in position.values()
            for m in p.members
            for c in m.citations
        }
        index = CandidateIndex()
        members: list[tuple[str, Argument]] = []
        for point in position.values():
            for member in point.members:
                index.add("position", self.vectors.get(member.id, {}), len(members))
                members.append((point.id, member))
        weight = {point_id: len(point.sources) for point_id, point in position.items()}
        main_reason: dict[str, str] = {}
        for point_id, point in sorted(position.items(), key=lambda kv: (-weight[kv[0]], -kv[1].mentions, kv[0])):
            if point.theme is not None:
                main_reason.setdefault(point.theme, point_id)
        pairs: dict[str, tuple[str, str]] = {}
        for point in (p for p in points if p.side == "counter"):
            follows = self._follows(point, by_sentence)
            if follows:
                pairs[point.id] = (follows, "sequence")
                continue
            best: dict[str, float] = {}
            for member in point.members[:HEAD_SAMPLE]:
                vector = self.vectors.get(member.id, {})
                for found in sorted(index.candidates("position", vector)):
                    point_id, other = members[found]
                    score = cosine(vector, self.vectors.get(other.id, {}))
                    score += THEME_BONUS if position[point_id].theme == point.theme and point.theme else 0.0
                    best[point_id] = max(best.get(point_id, 0.0), score)
            if point.theme is not None and point.theme in main_reason:
                # An objection answers, by default, the heaviest reason of its theme.
                main = main_reason[point.theme]
                best[main] = best.get(main, 0.0) + MAIN_REASON_BONUS
            if best:
                score, answered = max((s, weight[i], i) for i, s in best.items())[0::2]
                if score >= ANSWERS:
                    pairs[point.id] = (answered, "similarity")
        return pairs

    def _follows(self, point: KeyPoint, by_sentence: Mapping[tuple[str, str, str], str]) -> str | None:
        for member in point.members[:HEAD_SAMPLE]:
            if not leans_back(member.claim):
                continue  # only an answer that opens on what came before ("But this concern …") follows it
            before = self.locator.previous(member.citations[0])
            if before is not None:
                found = by_sentence.get((before.source, before.paragraph, fold(before.quote)))
                if found:
                    return found
        return None
