"""The whole build, stage by stage: gather and verify everything, then write.

``generate`` = load_topic -> read_seeds -> clean -> extract -> verify citations
-> render -> plan -> apply. ``check`` runs the same gather phase and compares
the plan with ``docs/`` without writing anything.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import cast
from pathlib import Path

from .cite import verify_briefing
from .clean import clean_article
from .config import Topic, load_topic
from .cache import ArticleCache, check_location, folder_fingerprint
from .extract import ArticleExtractor, ArticleFindings, merge_findings
from .model import Article, Briefing, Source
from .errors import write_error
from .lock import docs_lock
from .publish import Plan, apply, ensure_current, plan
from .read import display_path, read_seeds, skipped_notices
from .reading import page_budgets
from .render import Renderer, Rendering
from .synthesis import synthesise


CACHE_ENV = "BRIEFING_CACHE_DIR"
"""Environment variable that moves the build cache (default: .cache/briefing/ in the project)."""


@dataclass(frozen=True, slots=True)
class Project:
    """Where the build reads and writes. Tests and benchmarks point these elsewhere."""

    root: Path
    seeds: Path
    docs: Path
    topic: Path
    report: Path
    cache: Path | None = None
    """Per-article build cache (``briefing.cache``); None: no cache."""

    @classmethod
    def at(
        cls,
        root: Path,
        seeds: Path | None = None,
        docs: Path | None = None,
        topic: Path | None = None,
        report: Path | None = None,
        cache: Path | None = None,
    ) -> Project:
        return cls(
            root=root,
            seeds=seeds or root / "seeds",
            docs=docs or root / "docs",
            topic=topic or root / "topic.yml",
            report=report or root / "build" / "cleaning-report.txt",
            cache=cache or Path(os.environ.get(CACHE_ENV) or root / ".cache" / "briefing"),
        )

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)


@dataclass(frozen=True, slots=True)
class Outcome:
    topic: Topic
    briefing: Briefing
    rendering: Rendering
    plan: Plan
    summary: tuple[str, ...]


def gather(project: Project, write_cache: bool = True) -> tuple[Topic, Briefing, Rendering]:
    topic = load_topic(project.topic, project.shown(project.topic))
    if project.cache is not None:
        check_location(project.cache, project.docs, project.shown(project.cache))
    cache: ArticleCache[ArticleFindings] = ArticleCache(project.cache, project.topic.read_bytes(), write_cache)
    inputs = f"{folder_fingerprint(project.seeds)}|{project.root}|{project.seeds}|{project.topic}"
    last = cache.load_run(inputs)
    if last is not None:  # nothing changed since the last build
        briefing, rendering = cast(tuple[Briefing, Rendering], last)
        return topic, briefing, rendering
    sources = read_seeds(project.seeds, topic, project.root)
    findings = cache.get_all(sources, partial(find_all, topic))
    briefing = synthesise(merge_findings(findings, topic), topic)
    del findings  # the per-article findings (sentences, stems, claims) are not needed from here on
    verify_briefing(briefing)
    renderer = Renderer(topic, briefing)
    renderer.reusable = cast(dict[str, tuple[object, str]], cache.load_extra("source-pages") or {})
    rendering = renderer.render(cleaning_rows(briefing.articles, renderer.titles))
    cache.store_extra("source-pages", renderer.rendered_sources)
    cache.store_run(inputs, (briefing, rendering))
    cache.prune()
    return topic, briefing, rendering


PARALLEL_FROM = 48
"""Articles to clean and extract from which the work is spread over the machine's cores."""


def find_all(topic: Topic, sources: list[Source]) -> list[ArticleFindings]:
    """The per-article stages (clean, and the per-article half of extract) for each source, in
    order: what the cache holds. Many articles are shared among worker processes, one per core."""
    workers = min(os.cpu_count() or 1, 8, len(sources) // (PARALLEL_FROM // 2))
    # Forked workers need no re-import of the caller's script (spawn would run an unguarded script
    # again); forking is safe only while this process runs no other thread (`serve` does).
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    if len(sources) < PARALLEL_FROM or workers < 2 or not forkable:
        extractor = ArticleExtractor(topic)
        return [extractor.extract(clean_article(source, topic)) for source in sources]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(topic,)) as pool:
        return list(pool.map(_find_in_worker, sources, chunksize=max(1, len(sources) // (workers * 8))))


_worker: tuple[ArticleExtractor, Topic] | None = None


def _start_worker(topic: Topic) -> None:
    global _worker
    _worker = (ArticleExtractor(topic), topic)


def _find_in_worker(source: Source) -> ArticleFindings:
    assert _worker is not None
    extractor, topic = _worker
    return extractor.extract(clean_article(source, topic))


def cleaning_rows(articles: tuple[Article, ...], titles: dict[str, str]) -> list[dict[str, object]]:
    rows = []
    for article in sorted(articles, key=lambda a: a.source.id):
        counts = Counter(removal.rule for removal in article.removals)
        rows.append(
            {
                "id": article.source.id,
                "title": titles[article.source.id],
                "kept": len(article.paragraphs),
                "removed": len(article.removals),
                "reasons": ", ".join(f"{rule} × {n}" for rule, n in sorted(counts.items())),
            }
        )
    return rows


def reading_lines(rendering: Rendering, docs: Path) -> tuple[str, ...]:
    """Visible words and reading minutes of the home and briefing pages (collapsed details left out)."""
    return tuple(f"reading: {b.page}: {b.words} words, {b.minutes:.1f} min" for b in page_budgets(rendering, docs))


def summary_lines(briefing: Briefing) -> tuple[str, ...]:
    lines = []
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        counts = Counter(removal.rule for removal in article.removals)
        why = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
        lines.append(
            f"{article.source.path}: {len(article.paragraphs)} paragraphs kept, "
            f"{len(article.removals)} removed" + (f" ({why})" if why else "")
        )
    points = Counter(p.side for p in briefing.key_points)
    lines.append(
        f"briefing: {len(briefing.statements)} statements in {len(briefing.acts)} acts, "
        f"{len(briefing.arguments)} arguments in {points['position']} position and {points['counter']} counter "
        f"key points, {len(briefing.events)} events, {len(briefing.actors)} actors, "
        f"{len(briefing.disagreements)} disagreements"
    )
    return tuple(lines)


def cleaning_report(briefing: Briefing) -> str:
    out = ["Cleaning report: every line or fragment removed from the seeds, and why.", ""]
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        out.append(
            f"== {article.source.path} ({len(article.paragraphs)} paragraphs kept, {len(article.removals)} removed)"
        )
        for removal in article.removals:
            out.append(f"  line {removal.line} [{removal.rule}] {removal.reason}")
            out.append(f"      {removal.text}")
        out.append("")
    return "\n".join(out)


def generate(project: Project, write: bool = True, adopt: bool = False) -> Outcome:
    """Gather, then write docs/ and the cleaning report, holding the docs lock while docs/ is read and written.

    ``adopt`` takes back generated files that the manifest does not record (see :func:`publish.plan`).
    """
    topic, briefing, rendering = gather(project, write_cache=write)
    docs_label = project.shown(project.docs)
    if not write:
        with docs_lock(project.docs, docs_label, required=False):
            result = _plan(project, rendering, adopt=False)
    else:
        try:
            project.docs.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise write_error(error, f"{docs_label}/", "nothing was written") from None
        with docs_lock(project.docs, docs_label):
            result = _plan(project, rendering, adopt)
            apply(result, project.docs, docs_label)
            try:
                _write_atomic(project.report, cleaning_report(briefing))
            except OSError as error:
                raise write_error(
                    error,
                    project.shown(project.report),
                    f"{docs_label}/ is up to date; only the cleaning report is missing",
                ) from None
    notices = list(skipped_notices(project.seeds, project.root)) + list(result.notices)
    if not briefing.articles:
        notices.append(
            f"no articles in {project.shown(project.seeds)}/ yet: the site says how to add the first "
            "one (save it there as .md, .txt or .html, then build again)"
        )
    summary = summary_lines(briefing) + reading_lines(rendering, project.docs)
    return Outcome(topic, briefing, rendering, result, summary + tuple(f"note: {n}" for n in notices))


def _plan(project: Project, rendering: Rendering, adopt: bool) -> Plan:
    try:
        return plan(rendering, project.docs, project.shown(project.docs), adopt)
    except OSError as error:
        shown = project.shown(Path(error.filename)) if error.filename else f"{project.shown(project.docs)}/"
        raise write_error(error, shown, "nothing was written", doing="read") from None


def check(project: Project) -> Outcome:
    outcome = generate(project, write=False)
    ensure_current(outcome.plan, project.shown(project.docs))
    return outcome


def _write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so ``path`` is always whole, old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{path.name}.tmp-"
    for leftover in path.parent.glob(f"{prefix}*"):  # from a killed build
        leftover.unlink(missing_ok=True)
    handle, temp = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
