"""The whole build, stage by stage: gather and verify everything, then write.

``generate`` = load_topic -> read_seeds -> clean -> extract -> verify citations
-> render -> plan -> apply. ``check`` runs the same gather phase and compares
the plan with ``docs/`` without writing anything.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
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
from .publish import Plan, apply, ensure_current, plan
from .read import display_path, read_seeds
from .render import Renderer, Rendering


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
    def at(cls, root: Path, seeds: Path | None = None, docs: Path | None = None,
           topic: Path | None = None, report: Path | None = None, cache: Path | None = None) -> Project:
        return cls(
            root=root,
            seeds=seeds or root / "seeds",
            docs=docs or root / "docs",
            topic=topic or root / "topic.yml",
            report=report or root / "build" / "cleaning-report.txt",
            cache=cache or root / ".cache" / "briefing",
        )

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)


@dataclass(frozen=True, slots=True)
class Outcome:
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
    extractor = ArticleExtractor(topic)
    findings = [cache.get(source, partial(_find, extractor, source, topic)) for source in sources]
    briefing = merge_findings(findings, topic)
    verify_briefing(briefing)
    renderer = Renderer(topic, briefing)
    renderer.reusable = cast(dict[str, tuple[object, str]], cache.load_extra("source-pages") or {})
    rendering = renderer.render(cleaning_rows(briefing.articles, renderer.titles))
    cache.store_extra("source-pages", renderer.rendered_sources)
    cache.store_run(inputs, (briefing, rendering))
    cache.prune()
    return topic, briefing, rendering


def _find(extractor: ArticleExtractor, source: Source, topic: Topic) -> ArticleFindings:
    """The per-article stages, clean and the per-article half of extract: what the cache holds."""
    return extractor.extract(clean_article(source, topic))


def cleaning_rows(articles: tuple[Article, ...], titles: dict[str, str]) -> list[dict[str, object]]:
    rows = []
    for article in sorted(articles, key=lambda a: a.source.id):
        counts = Counter(removal.rule for removal in article.removals)
        rows.append({
            "id": article.source.id,
            "title": titles[article.source.id],
            "kept": len(article.paragraphs),
            "removed": len(article.removals),
            "reasons": ", ".join(f"{rule} × {n}" for rule, n in sorted(counts.items())),
        })
    return rows


def summary_lines(briefing: Briefing) -> tuple[str, ...]:
    lines = []
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        counts = Counter(removal.rule for removal in article.removals)
        why = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
        lines.append(f"{article.source.path}: {len(article.paragraphs)} paragraphs kept, "
                     f"{len(article.removals)} removed" + (f" ({why})" if why else ""))
    lines.append(
        f"briefing: {len(briefing.statements)} statements, {len(briefing.arguments)} arguments, "
        f"{len(briefing.events)} events, {len(briefing.actors)} actors, "
        f"{len(briefing.disagreements)} disagreements"
    )
    return tuple(lines)


def cleaning_report(briefing: Briefing) -> str:
    out = ["Cleaning report: every line or fragment removed from the seeds, and why.", ""]
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        out.append(f"== {article.source.path} ({len(article.paragraphs)} paragraphs kept, "
                   f"{len(article.removals)} removed)")
        for removal in article.removals:
            out.append(f"  line {removal.line} [{removal.rule}] {removal.reason}")
            out.append(f"      {removal.text}")
        out.append("")
    return "\n".join(out)


def generate(project: Project, write: bool = True) -> Outcome:
    _topic, briefing, rendering = gather(project, write_cache=write)
    result = plan(rendering, project.docs, project.shown(project.docs))
    if write:
        apply(result, project.docs)
        _write_atomic(project.report, cleaning_report(briefing))
    return Outcome(briefing, rendering, result, summary_lines(briefing) + tuple(f"note: {n}" for n in result.notices))


def check(project: Project) -> Outcome:
    outcome = generate(project, write=False)
    ensure_current(outcome.plan, project.shown(project.docs))
    return outcome


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    os.replace(temp, path)
