"""Helpers for the synthesis tests: the inline north/south topic, articles, and extract + synthesise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from extract_helpers import NORTH_TOPIC, make_article, make_topic

from briefing.config import Topic
from briefing.extract import extract_briefing
from briefing.model import Article, Briefing
from briefing.synthesis import synthesise

# Anna Berg speaks for the Northern Ministry, which speaks for the state (by default).
SPEAKS_FOR = NORTH_TOPIC.replace(
    "    role: Foreign Minister of Northland\n    affiliation: north\n",
    "    role: Foreign Minister of Northland\n    affiliation: north\n    speaks_for: northern-ministry\n",
)
assert SPEAKS_FOR != NORTH_TOPIC


def topic_with(folder: Path, extra: str = "", base: str = SPEAKS_FOR) -> Topic:
    return make_topic(folder, base + extra)


def synthesised(
    topic: Topic, articles: Sequence[tuple[str, Sequence[str]]], published: date | None = None, kind: str = "news"
) -> Briefing:
    built: list[Article] = [make_article(source_id, paragraphs, published, kind) for source_id, paragraphs in articles]
    return synthesise(extract_briefing(tuple(built), topic), topic)
