"""Curation: a contributor's corrections from the topic config, applied by item id.

Order: merge, move, retitle, pin, hide, then curated disagreements. Every entry
must match an item; one that matches none (for instance because its article
was edited and the id changed) stops the build with the config line.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from ..config import Topic
from ..errors import BriefingError
from ..model import Argument, Briefing, Citation, Claim, Disagreement, Event, Statement

_KINDS = ("statements", "arguments", "events", "disagreements")
_HINT = "item ids are shown on the site next to each item; an id changes when its sentence is edited"


def is_point_id(item_id: str) -> bool:
    """Key point ids (``K-…``) are curated after synthesis, not here."""
    return item_id.startswith("K-")


def apply_curation(briefing: Briefing, topic: Topic) -> Briefing:
    items: dict[str, list[Any]] = {kind: list(getattr(briefing, kind)) for kind in _KINDS}
    curation = topic.curation

    def resolve(item_id: str, where: str, line: int | None) -> tuple[str, int]:
        for kind in _KINDS:
            for position, item in enumerate(items[kind]):
                if item_id == item.id or item_id in getattr(item, "mention_ids", ()):
                    return kind, position
        raise BriefingError(f"curation.{where}: no item has id '{item_id}'", topic.path, line, _HINT)

    for ids, line in curation.merge:
        resolved = [resolve(i, "merge", line) for i in ids]
        kinds = {kind for kind, _ in resolved}
        if len(kinds) != 1 or "disagreements" in kinds:
            raise BriefingError(
                "curation.merge: can only merge statements, arguments or events of one kind", topic.path, line
            )
        kind = kinds.pop()
        target_position = resolved[0][1]
        target = items[kind][target_position]
        citations = list(target.citations)
        mention_ids = list(target.mention_ids)
        for _kind, position in resolved[1:]:
            other = items[kind][position]
            citations += [c for c in other.citations if c not in citations]
            mention_ids += [m for m in other.mention_ids if m not in mention_ids]
        items[kind][target_position] = replace(target, citations=tuple(citations), mention_ids=tuple(mention_ids))
        for position in sorted({p for _k, p in resolved[1:] if p != target_position}, reverse=True):
            del items[kind][position]

    for item_id, (side, line) in curation.move.items():
        kind, position = resolve(item_id, "move", line)
        if kind != "arguments":
            raise BriefingError(f"curation.move: '{item_id}' is not an argument", topic.path, line)
        argument: Argument = items[kind][position]
        items[kind][position] = replace(argument, side=side, moved=side != argument.side)

    for item_id, (title, line) in curation.retitle.items():
        if is_point_id(item_id):
            continue  # key points are curated by the synthesis stage
        kind, position = resolve(item_id, "retitle", line)
        if kind != "events":
            raise BriefingError(f"curation.retitle: '{item_id}' is not an event", topic.path, line)
        event: Event = items[kind][position]
        items[kind][position] = replace(event, title=title, title_curated=True)

    for item_id, line in curation.pin.items():
        if is_point_id(item_id):
            continue
        kind, position = resolve(item_id, "pin", line)
        if kind == "disagreements":
            raise BriefingError(
                f"curation.pin: '{item_id}' is a disagreement; pin statements, arguments or events", topic.path, line
            )
        items[kind][position] = replace(items[kind][position], pinned=True)

    hidden: set[tuple[str, str]] = set()
    for item_id, line in curation.hide.items():
        if is_point_id(item_id):
            continue
        kind, position = resolve(item_id, "hide", line)
        hidden.add((kind, items[kind][position].id))

    for entry in curation.disagreements:
        claims = []
        for item_id in (entry.first, entry.second):
            kind, position = resolve(item_id, "disagreements", entry.line)
            claims.append(_claim(items[kind][position]))
        ident = "D-" + hashlib.sha1(f"{entry.point}|{entry.first}|{entry.second}".encode()).hexdigest()[:6]
        items["disagreements"].append(Disagreement(ident, entry.point, (claims[0],), (claims[1],), "curated"))

    kept = {kind: tuple(i for i in items[kind] if (kind, i.id) not in hidden) for kind in _KINDS}
    hidden_statements = {i for k, i in hidden if k == "statements"}
    actors = tuple(
        replace(a, statements=tuple(s for s in a.statements if s not in hidden_statements)) for a in briefing.actors
    )
    return replace(briefing, actors=actors, **kept)


def _claim(item: Statement | Argument | Event | Disagreement) -> Claim:
    if isinstance(item, Disagreement):
        return item.first[0]
    citation: Citation = item.citations[0]
    return Claim(citation.quote, citation)
