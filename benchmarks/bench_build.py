#!/usr/bin/env python3
"""How build time grows with the number of articles.

    python benchmarks/bench_build.py                 # N = 5 10 20 40 80; MkDocs timed at 5 and 80
    python benchmarks/bench_build.py --sizes 5 10 --site-sizes 5 --repeat 1

For each N it makes N articles in a temporary folder by copying the real seeds/ round-robin under
new file names (so new ids). Every copy after the first round has its title marked and its ordinary
words disguised (names, cue phrases and date words kept), so the extraction finds as many new items
in it as in the original instead of merging them as duplicates. Then it times, with the real topic.yml:

* generate: ``briefing.pipeline.generate`` into a fresh docs/, each run in a fresh process so no
  cache from an earlier run helps (best of --repeat; imports not counted);
* mkdocs:   the strict MkDocs build of that docs/ (``build_site.build_site``), for --site-sizes only;
* full CLI: ``python build_site.py build`` in a subprocess, as a contributor runs it (--site-sizes).

It prints a table and a linearity verdict: the per-article generate cost at the largest N divided by
the cost at the smallest N (about 1 or below = linear; well above 1 = grows faster than linear).
Nothing in the repository is written. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.pipeline import Project, generate  # noqa: E402
from build_site import build_site  # noqa: E402

def _protected_words() -> set[str]:
    """Words the extraction keys on (topic vocabulary, cue phrases, date words): never changed."""
    text = (ROOT / "topic.yml").read_text(encoding="utf-8")
    dates = ROOT / "briefing" / "extract" / "dates.py"
    if dates.exists():
        text += dates.read_text(encoding="utf-8")
    return set(re.findall(r"[a-z]+", text.lower()))


def _letters(number: int) -> str:
    """``number`` written in base 26 with the letters a-z (0 -> "a", 25 -> "z", 26 -> "ba"): a tag
    with no digits, because a digit inside a word would trip the date search's cheap pre-check."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters = chr(ord("a") + digit) + letters
        if not number:
            return letters


def _disguise(text: str, copy: int, protected: set[str]) -> str:
    """Copy number `copy` of an article: every lower-case word of 5+ letters that the topic config
    does not name gets a copy-specific infix after its first letter. The copy then reads as a
    different article to the near-duplicate merging (which compares 5-letter stems), so the number
    of briefing items grows with N as it would with real, different articles."""
    tag = "q" + _letters(copy - 1)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in protected else word[0] + tag + word[1:]

    head, sep, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    body = re.sub(r"\b[a-z]{5,}\b", swap, body)
    head = re.sub(r"^(title:\s*)(\S.*)$", rf"\g<1>\g<2> (copy {copy})", head, count=1, flags=re.M)
    return head + sep + body


def make_seeds(folder: Path, n: int) -> int:
    """Write n articles into folder; returns their total size in bytes."""
    originals = sorted(p for p in (ROOT / "seeds").iterdir()
                       if p.suffix in (".md", ".txt") and not p.name.startswith(("_", ".")))
    protected = _protected_words()
    folder.mkdir(parents=True)
    total = 0
    for i in range(n):
        source = originals[i % len(originals)]
        copy = i // len(originals)
        text = source.read_text(encoding="utf-8")
        if copy:
            text = _disguise(text, copy, protected)
        target = folder / f"{source.stem}-{i:03d}{source.suffix}"
        target.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


_TIME_ONE_GENERATE = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from briefing.pipeline import Project, generate
root, seeds, docs, report = (Path(a) for a in sys.argv[1:5])
project = Project.at(root, seeds=seeds, docs=docs, topic=root / "topic.yml", report=report)
start = time.perf_counter()
generate(project)
print(time.perf_counter() - start)
"""


def time_generate(work: Path, seeds: Path, repeat: int) -> tuple[float, object]:
    """Best of ``repeat`` cold runs, each in a fresh process: the in-process caches (sentences,
    dates, compiled templates) would otherwise make every run after the first look cheaper."""
    times = []
    for r in range(repeat):
        docs = work / f"docs-{r}"
        command = [sys.executable, "-c", _TIME_ONE_GENERATE, str(ROOT), str(seeds), str(docs), str(work / "report.txt")]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"generate failed for {seeds}:\n{result.stderr}")
        times.append(float(result.stdout.strip().splitlines()[-1]))
    project = Project.at(ROOT, seeds=seeds, docs=work / "docs-0", topic=ROOT / "topic.yml", report=work / "report.txt")
    outcome = generate(project, write=False)  # for the table's paragraph and item counts
    return min(times), outcome


def time_mkdocs(work: Path, seeds: Path) -> float:
    docs = work / "docs-0"
    project = Project.at(ROOT, seeds=seeds, docs=docs, topic=ROOT / "topic.yml", report=work / "report.txt")
    start = time.perf_counter()
    build_site(project, work / "site", quiet=True)
    return time.perf_counter() - start


def time_cli(work: Path, seeds: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, str(ROOT / "build_site.py"), "build", "-q", "--seeds", str(seeds),
               "--docs", str(work / "docs-cli"), "--site", str(work / "site-cli"),
               "--topic", str(ROOT / "topic.yml"), "--report", str(work / "report-cli.txt")]
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build_site.py build failed for {seeds}:\n{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 10, 20, 40, 80])
    parser.add_argument("--site-sizes", type=int, nargs="*", default=None,
                        help="sizes that also get a MkDocs and a full CLI build (default: smallest and largest)")
    parser.add_argument("--repeat", type=int, default=3, help="generate runs per size; the best is shown")
    args = parser.parse_args()
    sizes = sorted(set(args.sizes))
    site_sizes = set(args.site_sizes if args.site_sizes is not None else [sizes[0], sizes[-1]])

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; seeds copied from {ROOT / 'seeds'}")
    header = (f"{'N':>4} {'KiB':>6} {'paras':>6} {'items':>6} {'generate s':>11} {'ms/article':>11} "
              f"{'mkdocs s':>9} {'full CLI s':>11}")
    print(header)
    print("-" * len(header))
    per_article: dict[int, float] = {}
    generate_s: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        # Warm-up, not timed: the first generate in a process also pays for imports, compiled
        # templates and the sentence splitter, which would inflate the smallest N.
        warm = Path(tmp) / "warm-up"
        make_seeds(warm / "seeds", sizes[0])
        time_generate(warm, warm / "seeds", 1)
        shutil.rmtree(warm)
        for n in sizes:
            work = Path(tmp) / f"n{n}"
            seeds = work / "seeds"
            size = make_seeds(seeds, n)
            seconds, outcome = time_generate(work, seeds, max(1, args.repeat))
            briefing = outcome.briefing  # type: ignore[attr-defined]
            paragraphs = sum(len(a.paragraphs) for a in briefing.articles)
            items = len(briefing.statements) + len(briefing.arguments) + len(briefing.events)
            generate_s[n] = seconds
            per_article[n] = seconds / n * 1000
            mkdocs = cli = ""
            if n in site_sizes:
                mkdocs = f"{time_mkdocs(work, seeds):.2f}"
                cli = f"{time_cli(work, seeds):.2f}"
            print(f"{n:>4} {size / 1024:>6.0f} {paragraphs:>6} {items:>6} {seconds:>11.3f} "
                  f"{per_article[n]:>11.1f} {mkdocs:>9} {cli:>11}", flush=True)
            shutil.rmtree(work, ignore_errors=True)

    small, large = sizes[0], sizes[-1]
    ratio = per_article[large] / per_article[small]
    print()
    print(f"per-article generate cost at N={large} / at N={small}: {ratio:.2f}")
    if len(sizes) >= 2:
        steps = [f"{generate_s[b] / generate_s[a]:.2f}x for {b / a:.0f}x articles ({a}->{b})"
                 for a, b in zip(sizes, sizes[1:])]
        print("growth by step: " + "; ".join(steps))
    if ratio <= 1.5:
        verdict = "linear (or better): per-article cost does not grow with N"
    elif ratio <= 3:
        verdict = "mildly superlinear: per-article cost grows with N; look for work done per pair of articles"
    else:
        verdict = "superlinear: per-article cost grows strongly with N (quadratic work somewhere)"
    print(f"verdict: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
