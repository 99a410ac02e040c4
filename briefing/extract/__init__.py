"""Extract stage: cleaned articles + topic config -> the briefing's items.

One module per kind of item; ``extract_briefing`` runs them and applies curation.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..config import Topic
from ..model import Article, Briefing
from ..render import ItemLink, OutputFile, RegionOutput


def extract_briefing(
    articles: tuple[Article, ...], topic: Topic
) -> tuple[Briefing, tuple[OutputFile, ...], tuple[RegionOutput, ...], Mapping[tuple[str, str], list[ItemLink]]]:
    return Briefing(articles=articles), (), (), {}
