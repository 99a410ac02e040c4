"""Score the synthesis against the gold clusters in tests/gold/clusters.yml.

For acts (statements that report one act), key points (arguments that make one point) and
happenings (events that are one happening): each gold member is located in the predicted item
whose citations hold its quote; then B-cubed precision and recall over located members, the gold
clusters split across several items, and the items that merge different gold clusters. Pairing:
a gold pair (counter point answers position point) is right when the predicted point holding most
of the counter point's members answers the predicted point holding most of the position point's.
Figures are given for the development articles and, apart, for the held-out one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.cite import fold
from briefing.model import Briefing, Citation

KINDS = {"acts": "acts", "points": "key_points", "happenings": "events"}


@dataclass(slots=True)
class ClusterScore:
    members: int = 0
    located: int = 0
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    split: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    clusters: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.precision_sum / self.located if self.located else 1.0

    @property
    def recall(self) -> float:
        return self.recall_sum / self.located if self.located else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_clusters(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _citations(item: Any) -> Iterable[Citation]:
    if hasattr(item, "members"):
        return [c for m in item.members for c in m.citations]
    if hasattr(item, "reports"):
        return [c for r in item.reports for c in r.citations]
    return item.citations


def locate(items: Sequence[Any], source: str, quote: str, date: str | None = None) -> str | None:
    wanted = fold(quote).lower()
    for item in items:
        if date is not None and getattr(getattr(item, "date", None), "value", date) != date:
            continue
        if any(c.source == source and wanted in fold(c.quote).lower() for c in _citations(item)):
            return str(item.id)
    return None


def score_kind(items: Sequence[Any], clusters: Sequence[Mapping[str, Any]], sources: set[str]) -> ClusterScore:
    """B-cubed over gold members from ``sources`` that the prediction holds."""
    result = ClusterScore(clusters=len(clusters))
    gold_of: dict[tuple[str, int], str] = {}
    predicted_of: dict[tuple[str, int], str] = {}
    for cluster in clusters:
        for n, member in enumerate(cluster["members"]):
            key = (cluster["id"], n)
            gold_of[key] = cluster["id"]
            found = locate(items, member["source"], member["quote"], member.get("date"))
            if found is not None:
                predicted_of[key] = found
    by_predicted: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_gold: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for key, predicted in predicted_of.items():
        by_predicted[predicted].append(key)
        by_gold[gold_of[key]].append(key)
    source_of = {(c["id"], n): m["source"] for c in clusters for n, m in enumerate(c["members"])}
    for key in gold_of:
        if source_of[key] not in sources:
            continue
        result.members += 1
        if key not in predicted_of:
            continue
        result.located += 1
        same_predicted = by_predicted[predicted_of[key]]
        same_gold = by_gold[gold_of[key]]
        both = sum(1 for other in same_predicted if gold_of[other] == gold_of[key])
        result.precision_sum += both / len(same_predicted)
        result.recall_sum += both / len(same_gold)
    for gold_id, keys in by_gold.items():
        if any(source_of[k] in sources for k in keys) and len({predicted_of[k] for k in keys}) > 1:
            result.split.append(gold_id)
    for predicted_id, keys in by_predicted.items():
        if any(source_of[k] in sources for k in keys) and len({gold_of[k] for k in keys}) > 1:
            result.merged.append(f"{predicted_id}: {sorted({gold_of[k] for k in keys})}")
    result.predicted = len(by_predicted)
    return result


def _majority(items: Sequence[Any], cluster: Mapping[str, Any]) -> str | None:
    found = [locate(items, m["source"], m["quote"], m.get("date")) for m in cluster["members"]]
    counts = Counter(f for f in found if f is not None)
    return counts.most_common(1)[0][0] if counts else None


def pairing_accuracy(briefing: Briefing, gold: Mapping[str, Any]) -> tuple[int, int, list[str]]:
    points = {c["id"]: c for c in gold.get("points") or []}
    answers = {p.id: p.answers for p in briefing.key_points}
    right, wrong = 0, []
    for pair in gold.get("pairs") or []:
        counter = _majority(briefing.key_points, points[pair["counter"]])
        position = _majority(briefing.key_points, points[pair["answers"]])
        if counter is not None and position is not None and answers.get(counter) == position:
            right += 1
        else:
            wrong.append(
                f"{pair['counter']} -> {pair['answers']} (predicted {counter} -> {answers.get(counter or '')})"
            )
    return right, len(gold.get("pairs") or []), wrong


def evaluate_clusters(briefing: Briefing, gold: Mapping[str, Any], held_out: str) -> dict[str, dict[str, ClusterScore]]:
    all_sources = {a.source.id for a in briefing.articles}
    groups = {"development": all_sources - {held_out}, "held-out": {held_out}}
    return {
        group: {
            kind: score_kind(getattr(briefing, attribute), gold.get(kind) or [], sources)
            for kind, attribute in KINDS.items()
        }
        for group, sources in groups.items()
    }
