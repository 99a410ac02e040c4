"""tools/compare_similarity.py: the scoring steps on tiny hand-made inputs, and the gold loading on a made-up
clusters file. Only the library-free measures run here; scikit-learn and WordLlama are evaluation extras."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from extract_helpers import REPO

from tools import compare_similarity as tool

# Items 0 and 1 are one gold group, 2 and 3 another; 4 stands alone.
SIM = [
    [1.0, 0.9, 0.1, 0.0, 0.3],
    [0.9, 1.0, 0.2, 0.1, 0.3],
    [0.1, 0.2, 1.0, 0.8, 0.5],
    [0.0, 0.1, 0.8, 1.0, 0.0],
    [0.3, 0.3, 0.5, 0.0, 1.0],
]
GOLD = ["a", "a", "b", "b", "c"]


def items(sources: tuple[str, ...] = ("x",) * 5) -> list[object]:
    return [
        tool.Item(source, "arguments", "position", f"q{i}", f"s{i}", i, gold)
        for i, (source, gold) in enumerate(zip(sources, GOLD))
    ]


def test_roc_auc_counts_ties_as_half() -> None:
    assert tool.roc_auc([0.9, 0.8], [0.1, 0.2, 0.8]) == pytest.approx(5.5 / 6)
    assert tool.roc_auc([0.5], [0.5]) == 0.5
    assert tool.roc_auc([], [0.1]) is None


def test_average_link_merges_by_mean_similarity() -> None:
    merges = tool.average_link_merges(SIM, [0, 1, 2, 3, 4])
    assert merges[:2] == [(0.9, 0, 1), (0.8, 2, 3)]
    # {2,3} with 4: mean of 0.5 and 0.0; {0,1} with 4: 0.3
    assert merges[2] == (pytest.approx(0.3), 0, 4)
    assert tool.cut(merges, [0, 1, 2, 3, 4], 0.5) == {0: 0, 1: 0, 2: 2, 3: 2, 4: 4}


def test_clustering_scores_split_and_merged_groups() -> None:
    dendrogram = [([0, 1, 2, 3, 4], tool.average_link_merges(SIM, [0, 1, 2, 3, 4]))]
    exact = tool.score_clustering(items(), dendrogram, 0.5)
    assert (exact.precision, exact.recall, exact.split, exact.merged, exact.clusters) == (1.0, 1.0, 0, 0, 3)
    alone = tool.score_clustering(items(), dendrogram, 0.95)
    assert (alone.precision, alone.split, alone.merged) == (1.0, 2, 0)
    assert alone.recall == pytest.approx((0.5 * 4 + 1) / 5)
    together = tool.score_clustering(items(), dendrogram, 0.25)
    assert (together.split, together.merged, together.clusters) == (0, 1, 2)
    assert tool.best_clustering(items(), dendrogram).f1 == 1.0


def test_held_out_items_are_scored_apart() -> None:
    dendrogram = [([0, 1, 2, 3, 4], tool.average_link_merges(SIM, [0, 1, 2, 3, 4]))]
    sources = ("x", "x", "x", "x", tool.HELD_OUT)
    assert tool.score_clustering(items(sources), dendrogram, 0.5).held_out_f1 == 1.0
    assert tool.score_clustering(items(sources), dendrogram, 0.25).held_out_f1 == pytest.approx(0.5)  # P 1/3, R 1


def test_subject_names_come_from_the_topic() -> None:
    topic = tool.load_topic(REPO / "topic.yml", "topic.yml")
    names = tool.subject_names(topic)
    assert {"moscow", "kremlin", "zakharova", "lavrov"} <= names
    assert not {"india", "modi", "official"} & names
    assert tool.make_tokenizer(names)("Moscow's officials urged restraint") == ["official", "urged", "restraint"]


def test_gold_items_take_their_whole_sentence_and_cluster(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.yml"
    clusters.write_text(
        textwrap.dedent("""\
        acts:
          - id: restraint
            members:
              - {source: orf-rely-on-russia, quote: "When India launched Operation Sindoor, Russia called on New Delhi and Islamabad 'to exercise restraint'"}
        points:
          - id: sco
            side: position
            members:
              - {source: orf-rely-on-russia, quote: "Moscow still sees the SCO as a key mechanism for Eurasian integration"}
        """),
        encoding="utf-8",
    )
    topic = tool.load_topic(REPO / "topic.yml", "topic.yml")
    loaded = tool.load_items(REPO / "tests" / "gold", clusters, tool.load_articles(topic))
    by_quote = {item.quote: item for item in loaded}
    sco = by_quote["Moscow still sees the SCO as a key mechanism for Eurasian integration"]
    assert (sco.section, sco.group, sco.gold) == ("arguments", "position", "sco")
    assert sco.sentence.startswith("Despite the organisation failing") and sco.sentence.endswith(
        "Eurasian integration."
    )
    restraint = next(item for item in loaded if item.quote.startswith("When India launched Operation Sindoor"))
    assert (restraint.section, restraint.gold) == ("statements", "restraint")
    assert sum(1 for item in loaded if not item.gold.startswith("single:")) == 2
