"""The cross-source merge (extract/__init__.py ``_merge``): indexed, and identical to comparing every
mention with every group."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from extract_helpers import make_article, make_topic

from briefing.extract import Found, _merge
from briefing.extract.text import Sentence, overlap
from briefing.model import Paragraph


def _brute_force(mentions: list[Found[str]], threshold: float, min_shared: int) -> list[list[str]]:
    groups: list[tuple[str, frozenset[str], list[str]]] = []
    for mention in mentions:
        for key, stems, ids in groups:
            if key == mention.found and overlap(stems, mention.stems, min_shared) >= threshold:
                ids.append(mention.ident)
                break
        else:
            groups.append((mention.found, mention.stems, [mention.ident]))
    return [ids for _key, _stems, ids in groups]


@pytest.mark.parametrize(("threshold", "min_shared"), [(0.5, 3), (0.7, 3), (0.4, 2), (1.0, 1)])
def test_merge_groups_exactly_as_comparing_with_every_group(threshold: float, min_shared: int) -> None:
    rng = random.Random(f"{threshold}-{min_shared}")
    vocabulary = [f"w{n}" for n in range(40)]
    weights = [1 / (n + 1) for n in range(40)]  # a few common stems, many rare ones
    mentions = []
    for n in range(600):
        size = rng.randint(0, 12)
        stems = frozenset(rng.choices(vocabulary, weights, k=size))
        paragraph = Paragraph(f"s{n % 7}", n, f"text {n}", 1)
        sentence = Sentence(paragraph, 0, 0, 4, f"text {n}")
        mentions.append(Found(rng.choice("ab"), sentence, f"id{n}", stems))
    merged = [list(group.ids) for group in _merge(mentions, lambda key: key, threshold, min_shared)]
    assert merged == _brute_force(mentions, threshold, min_shared)
    assert len(merged) < len(mentions)  # the test data does merge


def test_items_whose_ids_meet_get_distinct_ids(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Six hex digits of a hash meet among thousands of items: every item still gets an id of its own
    (curation, anchors and the grouping key on it), the first keeping the short one."""
    import briefing.extract as extract

    monkeypatch.setattr(extract, "mention_id", lambda prefix, sentence, extra="": f"{prefix}-000000")
    articles = (
        make_article("a", ["Anna Berg urged both sides to show restraint.", "Northland's failure is clear."]),
        make_article(
            "b", ["Olaf Lind condemned the attack on the ferry.", "Northland's failure to act on the river was costly."]
        ),
    )
    briefing = extract.extract_briefing(articles, make_topic(tmp_path))
    for items in (briefing.statements, briefing.arguments):
        ids = [item.id for item in items]
        assert len(items) == 2 and len(set(ids)) == 2, ids
        assert ids[0].endswith("-000000") and ids[1].startswith(ids[0] + "-")
