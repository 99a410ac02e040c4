#!/usr/bin/env python3
"""Where a build's time and memory go, stage by stage: cold, warm after one seed changed, and warm
with nothing changed.

    python benchmarks/stage_profile.py --articles 1000
    python benchmarks/stage_profile.py --articles 300 --serial     # per-article stages in this process

It makes the synthetic corpus of ``bench_build.py`` in a temporary folder, then runs ``generate``
three times in this process with each stage wrapped in a timer: CPU seconds of this process (worker
processes are counted apart, as "workers") and its resident memory after the stage. Nothing in the
repository is written. A script, not a test: the figures go in the README and the closing notes.
"""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import make_seeds  # noqa: E402

import briefing.pipeline as pipeline  # noqa: E402
import briefing.stages as stages  # noqa: E402

STAGES: list[tuple[Any, str, str]] = [
    (stages, "read_seeds", "read"),
    (stages.ArticleCache, "get_all", "clean + extract (or load from the cache)"),
    (stages, "merge_findings", "merge across sources"),
    (stages, "synthesise", "synthesise"),
    (stages, "verify_briefing", "verify citations"),
    (stages.Renderer, "render", "render"),
    (pipeline, "_plan", "plan (compare with docs/)"),
    (pipeline, "apply", "write docs/"),
]


def rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def workers_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def timed_stages(rows: dict[str, list[float]]) -> Iterator[None]:
    """Wrap each stage so that every call adds (CPU s, RSS MB after) to ``rows[label]``."""
    originals = []
    for owner, name, label in STAGES:
        original = getattr(owner, name)
        originals.append((owner, name, original))
        setattr(owner, name, _timer(original, label, rows))
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def _timer(function: Callable[..., Any], label: str, rows: dict[str, list[float]]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            rows[label] = [rows.get(label, [0.0])[0] + time.process_time() - start, float(rss_mb())]

    return timed


def one_build(project: pipeline.Project) -> tuple[dict[str, list[float]], float, float, float]:
    """Stage rows, total CPU of this process, CPU of worker processes, wall seconds."""
    rows: dict[str, list[float]] = {}
    cpu, children, wall = time.process_time(), workers_cpu(), time.perf_counter()
    with timed_stages(rows):
        pipeline.generate(project)
    return rows, time.process_time() - cpu, workers_cpu() - children, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--serial", action="store_true", help="no worker processes")
    args = parser.parse_args()
    if args.serial:
        stages.PARALLEL_FROM = sys.maxsize
    with tempfile.TemporaryDirectory(prefix="briefing-stages-") as temp:
        work = Path(temp)
        make_seeds(work / "seeds", args.articles)
        project = pipeline.Project.at(
            ROOT, seeds=work / "seeds", docs=work / "docs", report=work / "report.txt", cache=work / "cache"
        )
        results = {"cold": one_build(project)}
        seed = sorted((work / "seeds").iterdir())[0]
        seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        results["warm, 1 changed"] = one_build(project)
        results["warm, no change"] = one_build(project)
    names = list(results)
    print(f"{args.articles} articles; CPU seconds of this process (RSS MB after the stage)\n")
    print("| stage | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for _owner, _name, label in STAGES:
        cells = []
        for name in names:
            row = results[name][0].get(label)
            cells.append(f"{row[0]:.2f} ({row[1]:.0f})" if row else "–")
        print(f"| {label} | " + " | ".join(cells) + " |")
    for index, label in ((1, "total, this process"), (2, "worker processes"), (3, "wall")):
        print(f"| {label} | " + " | ".join(f"{results[name][index]:.2f}" for name in names) + " |")


if __name__ == "__main__":
    main()
