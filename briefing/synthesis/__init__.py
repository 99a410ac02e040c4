"""Synthesise stage: extracted items -> a brief (one item per act, weighted key points, paired answers).

``synthesise`` runs between extract and render:

1. voices: a sentence that is both an actor's statement and a critic's argument goes to one of
   them (the critic's when the claim turns on a "but"; the actor's otherwise);
2. acts (:mod:`.acts`): statements reporting the same act become one act;
3. key points (:mod:`.points`): each side's arguments are grouped into weighted points, and each
   counter point is paired with the position point it answers;
4. curation of points from the topic config (pin, hide, retitle, pair), by point id or by the
   id of any argument in it.

The extracted statements and arguments stay in the briefing unchanged (they are the data and
what the evaluation scores); the pages show the acts and points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..cite import fold
from ..config import Topic
from ..errors import BriefingError
from ..extract.curation import is_point_id
from ..model import Argument, Briefing, Citation, KeyPoint, Statement
from .acts import ActGrouper
from .heads import SentenceLocator
from .points import PointGrouper

_TURN = re.compile(r",\s+but\b|;\s+but\b|\bbut when\b|,\s+yet\b", re.IGNORECASE)
_HINT = "key point ids (K-…) are shown on the argument pages; a point also answers to the id of any argument in it"


def synthesise(briefing: Briefing, topic: Topic) -> Briefing:
    statements, arguments = separate_voices(briefing.statements, briefing.arguments)
    locator = SentenceLocator(briefing.articles)
    acts = ActGrouper(topic, locator).group(statements)
    grouper = PointGrouper(topic, locator)
    points = grouper.group(arguments)
    paired = grouper.pair(points)
    points = [replace(p, answers=paired[p.id][0], paired_by=paired[p.id][1]) if p.id in paired else p for p in points]
    return replace(briefing, acts=tuple(acts), key_points=tuple(curate_points(points, topic)))


def _sentence(citations: Sequence[Citation]) -> tuple[str, str, str]:
    first = citations[0]
    return (first.source, first.paragraph, fold(first.quote))


def separate_voices(
    statements: Sequence[Statement], arguments: Sequence[Argument]
) -> tuple[list[Statement], list[Argument]]:
    """Statements and arguments, with each sentence that is both given to one side only."""
    argued = [_sentence(a.citations) for a in arguments]
    stated = [_sentence(s.citations) for s in statements]
    critic = {key for key in set(argued).intersection(stated) if _TURN.search(key[2])}
    actors_own = set(stated) - critic
    kept_statements = [s for s, key in zip(statements, stated) if key not in critic]
    kept_arguments = [a for a, key in zip(arguments, argued) if key not in actors_own]
    return kept_statements, kept_arguments


def curate_points(points: Sequence[KeyPoint], topic: Topic) -> list[KeyPoint]:
    """Pin, hide, retitle and pair key points by id (K-…), or by the id of an argument in them."""
    curation = topic.curation
    by_id = {p.id: i for i, p in enumerate(points)}
    result = list(points)

    def resolve(item_id: str, where: str, line: int | None) -> int:
        if item_id in by_id:
            return by_id[item_id]
        for i, point in enumerate(result):
            if item_id in point.mention_ids:
                return i
        raise BriefingError(f"curation.{where}: no key point has id '{item_id}'", topic.path, line, _HINT)

    for item_id, line in curation.pin.items():
        if is_point_id(item_id):
            position = resolve(item_id, "pin", line)
            result[position] = replace(result[position], pinned=True)
    for item_id, (title, line) in curation.retitle.items():
        if is_point_id(item_id):
            position = resolve(item_id, "retitle", line)
            result[position] = replace(result[position], label=title)
    for item_id, (target, line) in curation.pair.items():
        position = resolve(item_id, "pair", line)
        if result[position].side != "counter":
            raise BriefingError(
                f"curation.pair: '{item_id}' is a position point; pair a counter point with the "
                "position point it answers",
                topic.path,
                line,
                _HINT,
            )
        if target.lower() == "none":
            result[position] = replace(result[position], answers=None, paired_by=None)
            continue
        answered = result[resolve(target, "pair", line)]
        if answered.side != "position":
            raise BriefingError(f"curation.pair: '{target}' is not a position point", topic.path, line, _HINT)
        result[position] = replace(result[position], answers=answered.id, paired_by="curated")
    hidden = {resolve(i, "hide", line) for i, line in curation.hide.items() if is_point_id(i)}
    hidden_ids = {result[i].id for i in hidden}
    # An objection to a hidden reason answers nothing shown: it stands unpaired.
    return [
        replace(p, answers=None, paired_by=None) if p.answers in hidden_ids else p
        for i, p in enumerate(result)
        if i not in hidden
    ]
