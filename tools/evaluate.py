#!/usr/bin/env python3
"""Score the extraction against the hand labels in tests/gold/ (precision and recall per section).

    python tools/evaluate.py                 # the repository's seeds and topic.yml
    python tools/evaluate.py --details       # also list every miss and false alarm
    python tools/evaluate.py --json FILE     # write the figures as JSON

Matching: a predicted item matches a gold label when it cites the same source and
its quoted sentence contains the label's quote (typography folded), and, to count
as correct, the speaker (statements), the ISO date (events) or the side
(arguments) agrees. Statements and arguments are scored per citation; events per
item and source, as the labels give one entry per dated happening per article.
The held-out article was not used to tune the rules; its figures are reported apart.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.cite import fold  # noqa: E402
from briefing.pipeline import Project  # noqa: E402
from briefing.stages import gather  # noqa: E402
from briefing.reading import page_budgets  # noqa: E402
from tools.cluster_eval import evaluate_clusters, load_clusters, pairing_accuracy  # noqa: E402

HELD_OUT = "kremlin-influence-south-asia"
SECTIONS = ("statements", "events", "arguments")


@dataclass(slots=True)
class Unit:
    """One predicted or gold unit: where it is and what it says."""

    source: str
    quotes: tuple[str, ...]
    value: str
    label: str


@dataclass(slots=True)
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    located: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        self.located += other.located
        self.misses += other.misses
        self.false_alarms += other.false_alarms


def _norm(text: str) -> str:
    return " ".join(fold(text).lower().removeprefix("the ").split())


CLUSTERS_FILE = "clusters.yml"  # cross-article clusters, not a per-article label file


def load_gold(folder: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    gold = {}
    for path in sorted(folder.glob("*.yml")):
        if path.name == CLUSTERS_FILE:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        gold[data["source"]] = {section: data.get(section) or [] for section in SECTIONS}
    return gold


def predicted_units(briefing: Any, topic: Any) -> dict[str, list[Unit]]:
    units: dict[str, list[Unit]] = {section: [] for section in SECTIONS}
    names = {a.id: a.name for a in topic.actors}
    for s in briefing.statements:
        for c in s.citations:
            units["statements"].append(
                Unit(c.source, (c.quote,), _norm(names[s.speaker]), f"{names[s.speaker]} {s.act}")
            )
    for a in briefing.arguments:
        for c in a.citations:
            units["arguments"].append(Unit(c.source, (c.quote,), a.side, a.side))
    for e in briefing.events:
        for source in sorted({c.source for c in e.citations}):
            quotes = tuple(c.quote for c in e.citations if c.source == source)
            units["events"].append(Unit(source, quotes, e.date.value, f"{e.date.value} {e.title}"))
    return units


def gold_units(entries: list[dict[str, Any]], section: str, source: str) -> list[Unit]:
    units = []
    for entry in entries:
        if section == "statements":
            value = _norm(entry["speaker"])
        elif section == "events":
            value = str(entry["date"])
        else:
            value = entry["side"]
        units.append(Unit(source, (entry["quote"],), value, f"{value}: {entry['quote']}"))
    return units


def score(predicted: list[Unit], gold: list[Unit]) -> Score:
    result = Score(predicted=len(predicted), gold=len(gold))
    used: set[int] = set()
    for g in gold:
        wanted = fold(g.quotes[0]).lower()
        candidates = [
            i for i, p in enumerate(predicted) if i not in used and any(wanted in fold(q).lower() for q in p.quotes)
        ]
        if not candidates:
            result.misses.append(f"[{g.source}] {g.label}")
            continue
        result.located += 1
        right = next((i for i in candidates if predicted[i].value == g.value), None)
        if right is None:
            used.add(candidates[0])
            result.misses.append(f"[{g.source}] {g.label}  (found, but as {predicted[candidates[0]].value})")
            continue
        used.add(right)
        result.tp += 1
    for i, p in enumerate(predicted):
        if i not in used:
            result.false_alarms.append(f"[{p.source}] {p.label}: {p.quotes[0][:110]}")
    return result


def evaluate(
    root: Path = ROOT,
    gold_dir: Path | None = None,
    project: Project | None = None,
    briefing: Any = None,
    topic: Any = None,
) -> dict[str, dict[str, Score]]:
    if briefing is None:
        topic, briefing, _rendering = gather(project or Project.at(root))
    gold = load_gold(gold_dir or root / "tests" / "gold")
    predicted = predicted_units(briefing, topic)
    results: dict[str, dict[str, Score]] = {"development": {}, "held-out": {}, "all": {}}
    for section in SECTIONS:
        for group in results:
            results[group][section] = Score()
        for source, sections in gold.items():
            part = score(
                [u for u in predicted[section] if u.source == source], gold_units(sections[section], section, source)
            )
            results["held-out" if source == HELD_OUT else "development"][section].add(part)
            results["all"][section].add(part)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list misses and false alarms")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--topic", metavar="FILE", help="topic config (default: topic.yml)")
    parser.add_argument("--seeds", metavar="DIR", help="folder of articles (default: seeds/)")
    parser.add_argument("--gold", metavar="DIR", help="hand labels (default: tests/gold/)")
    parser.add_argument("--held-out", metavar="ID", default=HELD_OUT, help=f"held-out source id (default: {HELD_OUT})")
    args = parser.parse_args()
    project = Project.at(
        ROOT,
        seeds=Path(args.seeds).resolve() if args.seeds else None,
        topic=Path(args.topic).resolve() if args.topic else None,
    )
    gold_dir = Path(args.gold).resolve() if args.gold else ROOT / "tests" / "gold"
    topic, briefing, rendering = gather(project)
    results = evaluate(gold_dir=gold_dir, briefing=briefing, topic=topic)
    print(f"{'set':<12} {'section':<11} {'precision':>9} {'recall':>7} {'correct':>8} {'predicted':>9} {'gold':>5}")
    for group, sections in results.items():
        name = f"{group} ({HELD_OUT})" if group == "held-out" else group
        for section, s in sections.items():
            print(
                f"{name[:12]:<12} {section:<11} {s.precision:>9.0%} {s.recall:>7.0%} {s.tp:>8} {s.predicted:>9} {s.gold:>5}"
            )
    if args.details:
        for group in ("development", "held-out"):
            for section, s in results[group].items():
                for line in s.misses:
                    print(f"MISS  {group} {section}: {line}")
                for line in s.false_alarms:
                    print(f"FALSE {group} {section}: {line}")
    figures: dict[str, Any] = {
        g: {
            sec: {
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "correct": s.tp,
                "predicted": s.predicted,
                "gold": s.gold,
            }
            for sec, s in secs.items()
        }
        for g, secs in results.items()
    }
    clusters_path = gold_dir / CLUSTERS_FILE
    if clusters_path.exists():
        figures["clusters"] = print_clusters(briefing, load_clusters(clusters_path), args.held_out, args.details)
    figures["reading"] = print_reading(rendering, project.docs)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


def print_clusters(briefing: Any, gold: dict[str, Any], held_out: str, details: bool) -> dict[str, Any]:
    results = evaluate_clusters(briefing, gold, held_out)
    print()
    print(
        f"{'set':<12} {'clusters':<11} {'B3 prec':>8} {'B3 rec':>7} {'F1':>5} {'located':>8} {'gold':>5} "
        f"{'split':>6} {'merged':>7}"
    )
    figures: dict[str, Any] = {}
    for group, kinds in results.items():
        for kind, s in kinds.items():
            print(
                f"{group[:12]:<12} {kind:<11} {s.precision:>8.0%} {s.recall:>7.0%} {s.f1:>5.2f} {s.located:>8} "
                f"{s.members:>5} {len(s.split):>6} {len(s.merged):>7}"
            )
            figures.setdefault(group, {})[kind] = {
                "bcubed_precision": round(s.precision, 3),
                "bcubed_recall": round(s.recall, 3),
                "located": s.located,
                "members": s.members,
                "split": len(s.split),
                "merged": len(s.merged),
            }
            if details:
                for name in s.split:
                    print(f"   SPLIT  {group} {kind}: {name}")
                for name in s.merged:
                    print(f"   MERGED {group} {kind}: {name}")
    right, total, wrong = pairing_accuracy(briefing, gold)
    print(f"pairing: {right} of {total} gold pairs right ({right / total if total else 1:.0%})")
    if details:
        for line in wrong:
            print(f"   WRONG PAIR {line}")
    figures["pairing"] = {"right": right, "total": total}
    return figures


def print_reading(rendering: Any, docs: Path) -> dict[str, Any]:
    print()
    print(f"{'page':<34} {'visible words':>13} {'minutes':>8}")
    figures = {}
    for budget in page_budgets(rendering, docs):
        print(f"{budget.page:<34} {budget.words:>13} {budget.minutes:>8.1f}")
        figures[budget.page] = {"words": budget.words, "minutes": round(budget.minutes, 1)}
    return figures


if __name__ == "__main__":
    sys.exit(main())
