#!/usr/bin/env python3
"""How build time, memory, output size and search cost grow with the number of articles.

    python benchmarks/bench_build.py                          # N = 10 100 1000 3000
    python benchmarks/bench_build.py --sizes 10 100 --no-browser
    python benchmarks/bench_build.py --code /tmp/old-checkout  # the same table for another checkout

For each N it makes N articles in a temporary folder by copying the real seeds/ round-robin under
new file names (so new ids). Every copy after the first round has its title marked and its ordinary
words disguised with a copy tag made of letters only (names, cue phrases and date words kept), so
the extraction finds as many new items in it as in the original instead of merging them as
duplicates. Then, each step in a fresh child process, with the real topic.yml:

* cold generate: ``generate`` into a fresh docs/ with an empty cache;
* warm generate, nothing changed, then warm generate after one seed changed;
* MkDocs: the strict build of that docs/; then the search indexer (Pagefind) when the checkout has one.

For each step: wall and CPU seconds (user + system of the child) and the child's peak memory
(``os.wait4`` rusage). Then the sizes of docs/, site/ and briefing.json, the home page and the
largest briefing page (raw and gzip), and what a reader downloads for search before the first result:
measured in Chromium for Pagefind (benchmarks/search_bytes.py), or, for Material's search plugin,
the index and worker it fetches on every page view (also with the briefing pages left out).
Nothing in the repository is written. This is a script, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
WORD = "Lavrov"


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
    originals = sorted(
        p for p in (ROOT / "seeds").iterdir() if p.suffix in (".md", ".txt") and not p.name.startswith(("_", "."))
    )
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


_GENERATE = """
import sys
from pathlib import Path
code, seeds, docs, report, cache = (Path(a) for a in sys.argv[1:6])
sys.path.insert(0, str(code))
from briefing.pipeline import Project, generate
fields = dict(seeds=seeds, docs=docs, topic=code / "topic.yml", report=report)
if "cache" in Project.__dataclass_fields__:
    fields["cache"] = cache
generate(Project.at(code, **fields))
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], env: dict[str, str] | None = None) -> Run:
    """One child process: wall time, CPU time (user + system) and peak memory, from its own rusage."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    errors = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def generate(code: Path, work: Path) -> Run:
    return run(
        [
            sys.executable,
            "-c",
            _GENERATE,
            str(code),
            str(work / "seeds"),
            str(work / "docs"),
            str(work / "report.txt"),
            str(work / "cache"),
        ]
    )


def mkdocs(code: Path, work: Path) -> Run:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "BRIEFING_DOCS_DIR": str(work / "docs"),
        "BRIEFING_SITE_DIR": str(work / "site"),
    }
    return run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(code / "mkdocs.yml")], env
    )


def pagefind(code: Path, work: Path) -> Run | None:
    if not (code / "briefing" / "search.py").exists():
        return None
    sys.path.insert(0, str(code))
    from briefing.search import pagefind_command

    return run(pagefind_command(work / "site"))


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def weight(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def material_search(site: Path) -> dict[str, int]:
    """What Material's search plugin makes every page view fetch: the worker and the whole index,
    as built, and with the briefing pages left out of the index (front matter ``search: exclude``)."""
    index = site / "search" / "search_index.json"
    workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    worker_raw, worker_gzip = weight(workers[0]) if workers else (0, 0)
    data = json.loads(index.read_text(encoding="utf-8"))
    raw, packed = weight(index)
    data["docs"] = [d for d in data["docs"] if not d["location"].startswith("briefing/")]
    lean = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return {
        "raw": raw + worker_raw,
        "gzip": packed + worker_gzip,
        "lean_raw": len(lean) + worker_raw,
        "lean_gzip": len(gzip.compress(lean, 6)) + worker_gzip,
    }


def search_cost(site: Path, browser: bool) -> dict[str, object]:
    if (site / "search" / "search_index.json").exists():
        cost = material_search(site)
        return {
            "engine": "material",
            "on_page_view_gzip": cost["gzip"],
            "first_result_gzip": cost["gzip"],
            "first_result_raw": cost["raw"],
            "lean_gzip": cost["lean_gzip"],
            "lean_raw": cost["lean_raw"],
        }
    if (site / "pagefind").is_dir() and browser:
        sys.path.insert(0, str(BENCH))
        from search_bytes import measure

        result = measure(site, WORD)
        return {
            "engine": "pagefind",
            "on_page_view_gzip": 0 if not result["search_files_on_page_view"] else -1,
            "first_result_gzip": result["search_gzip"],
            "first_result_raw": result["search_raw"],
            "files": result["search_files"],
        }
    return {"engine": "none"}


def change_one_seed(seeds: Path) -> None:
    seed = sorted(seeds.iterdir())[len(list(seeds.iterdir())) // 2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing line added for the benchmark.\n", encoding="utf-8")


def measure_size(code: Path, n: int, work: Path, browser: bool) -> dict[str, object]:
    make_seeds(work / "seeds", n)
    row: dict[str, object] = {"n": n}
    row["cold"] = generate(code, work)
    row["warm_same"] = generate(code, work)
    change_one_seed(work / "seeds")
    row["warm_one"] = generate(code, work)
    row["mkdocs"] = mkdocs(code, work)
    row["pagefind"] = pagefind(code, work)
    site, docs = work / "site", work / "docs"
    row["docs_mb"] = folder_size(docs) / 1e6
    row["site_mb"] = folder_size(site) / 1e6
    row["json_mb"] = (docs / "data" / "briefing.json").stat().st_size / 1e6
    row["home"] = weight(site / "index.html")
    row["briefing_page"] = max((weight(p) for p in (site / "briefing").rglob("index.html")), key=lambda w: w[0])
    row["search"] = search_cost(site, browser)
    return row


def _fmt(r: object) -> str:
    if not isinstance(r, Run):
        return "–"
    return f"{r.wall:.1f} / {r.cpu:.1f} / {r.peak_mb:.0f}"


def _kb(pair: object) -> str:
    raw, packed = pair  # type: ignore[misc]
    return f"{raw / 1024:.0f} / {packed / 1024:.0f}"


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| N | cold generate | warm, 1 seed changed | warm, no change | MkDocs | Pagefind "
        "| docs/ MB | site/ MB | briefing.json MB | home KB | largest briefing page KB "
        "| search KB before 1st result (gzip) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        search = row["search"]
        assert isinstance(search, dict)
        if search.get("engine") == "material":
            shown = (
                f"{search['first_result_gzip'] / 1024:.0f} (Material, on every page view; "
                f"{search['lean_gzip'] / 1024:.0f} without briefing pages)"
            )
        elif search.get("engine") == "pagefind":
            shown = f"{int(search['first_result_gzip']) / 1024:.0f} (Pagefind, 0 on page view)"  # type: ignore[call-overload]
        else:
            shown = "–"
        lines.append(
            f"| {row['n']:,} | {_fmt(row['cold'])} | {_fmt(row['warm_one'])} | {_fmt(row['warm_same'])} "
            f"| {_fmt(row['mkdocs'])} | {_fmt(row['pagefind'])} | {row['docs_mb']:.1f} | {row['site_mb']:.1f} "
            f"| {row['json_mb']:.1f} | {_kb(row['home'])} | {_kb(row['briefing_page'])} | {shown} |"
        )
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, {platform.platform()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 3000])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose build is measured (default: this one)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium search measurement")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    args = parser.parse_args()
    code = args.code.resolve()
    print(f"machine: {machine()}; code: {code}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        for n in sorted(set(args.sizes)):
            work = Path(tmp) / f"n{n}"
            row = measure_size(code, n, work, not args.no_browser)
            rows.append(row)
            print(json.dumps(row, default=lambda o: o.__dict__), flush=True)
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("Times: wall s / CPU s / peak MB of the child process.")
    print(table(rows))
    if len(rows) >= 2:
        first = next((row for row in rows if row["n"] == 100), rows[0])
        last = rows[-1]
        ratio = (last["cold"].cpu / int(last["n"])) / (first["cold"].cpu / int(first["n"]))  # type: ignore[attr-defined]
        print(f"\ncold generate CPU per article at N={last['n']} / at N={first['n']}: {ratio:.2f}")
    if args.json:
        args.json.write_text(json.dumps(rows, default=lambda o: o.__dict__, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
