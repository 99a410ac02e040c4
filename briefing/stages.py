"""The stages of a full build, in order: read -> clean -> extract -> synthesise -> verify -> render.

``gather`` runs them all and returns what publishing needs. The per-article stages (clean, and the
per-article half of extract) go through the article cache (``briefing.cache``) and, for many
articles, worker processes; the cross-source stages run over everything. ``briefing.pipeline``
imports this module only when the last build's record does not already show ``docs/`` current.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .cache import ArticleCache, Packed, check_location, pack
from .cite import verify_briefing
from .clean import clean_article
from .config import Topic, load_topic
from .extract import ArticleExtractor, ArticleFindings, merge_findings
from .model import Article, Briefing, Source
from .read import read_seeds
from .reading import page_budgets
from .render import Renderer, Rendering
from .synthesis import synthesise

if TYPE_CHECKING:
    from .pipeline import Project


def gather(
    project: Project, topic: Topic | None = None, cache: ArticleCache[ArticleFindings] | None = None
) -> tuple[Topic, Briefing, Rendering]:
    """Every stage from the seeds to the rendered files, every citation verified. ``topic`` and
    ``cache``: the project's topic config and article cache, when the caller has them already."""
    if topic is None:
        topic = load_topic(project.topic, project.shown(project.topic))
    if cache is None:
        if project.cache is not None:
            check_location(project.cache, project.docs, project.shown(project.cache))
        cache = ArticleCache(project.cache, project.topic.read_bytes())
    with cycle_collection_paused():
        sources = read_seeds(project.seeds, topic, project.root)
        findings = cache.get_all(sources, partial(find_all, topic))
        briefing = synthesise(merge_findings(findings, topic), topic)
        del findings  # the per-article findings (sentences, stems, claims) are not needed from here on
        verify_briefing(briefing)
        renderer = Renderer(topic, briefing)
        renderer.reusable = cast(dict[str, tuple[str, bytes]], cache.load_extra("source-pages") or {})
        rendering = renderer.render(cleaning_rows(briefing.articles, renderer.titles))
        cache.store_extra("source-pages", renderer.rendered_sources)
    cache.prune()
    return topic, briefing, rendering


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the stages run (worker processes inherit it).

    The stages make millions of small objects and free them by reference counting; they make
    almost no reference cycles. The collector still walked every live object again and again as
    they were made: at 1,000 articles that was a quarter of a warm build and most of loading the
    cache, and peak memory is the same without it. Whatever cycles there are go at its next run.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


PARALLEL_FROM = 48
"""Articles to clean and extract from which the work is spread over the machine's cores."""


def find_all(topic: Topic, sources: list[Source]) -> list[ArticleFindings | Packed]:
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


def _find_in_worker(source: Source) -> Packed:
    assert _worker is not None
    extractor, topic = _worker
    return pack(extractor.extract(clean_article(source, topic)))


def cleaning_rows(articles: tuple[Article, ...], titles: dict[str, str]) -> list[dict[str, object]]:
    rows = []
    for article in sorted(articles, key=lambda a: a.source.id):
        rows.append(
            {
                "id": article.source.id,
                "title": titles[article.source.id],
                "kept": len(article.paragraphs),
                "removed": len(article.removals),
                "reasons": ", ".join(f"{rule} × {n}" for rule, n in article.removals_by_rule().items()),
            }
        )
    return rows


def reading_lines(rendering: Rendering, docs: Path) -> tuple[str, ...]:
    """Visible words and reading minutes of the home and briefing pages (collapsed details left out)."""
    return tuple(f"reading: {b.page}: {b.words} words, {b.minutes:.1f} min" for b in page_budgets(rendering, docs))


THIN_ARTICLE_WORDS = 20
"""An article that keeps fewer words of text than this is named in a note: a saved error page,
a paywall or a wrong file, rather than an article."""


def input_notices(briefing: Briefing) -> tuple[str, ...]:
    """What the build should tell about the articles it read: too little text, one article saved
    twice, a date far after all the others. None of these stops the build."""
    articles = sorted(briefing.articles, key=lambda a: a.source.path)
    texts = {a.source.path: "\n".join(p.text for p in a.paragraphs if p.kind == "text") for a in articles}
    return (*_thin_articles(articles, texts), *_duplicates(articles, texts), *_outlying_date(articles))


def _thin_articles(articles: list[Article], texts: dict[str, str]) -> list[str]:
    notes = []
    for article in sorted(articles, key=lambda a: a.source.id):
        words = len(texts[article.source.path].split())
        if words < THIN_ARTICLE_WORDS:
            notes.append(
                f"{article.source.path}: only {words} words of text kept; is it the article itself "
                "(not an error page, a paywall or a teaser)? The cleaning report lists what was removed"
            )
    return notes


def _duplicates(articles: list[Article], texts: dict[str, str]) -> list[str]:
    """Seeds that are one article (the same address, or the same kept text): each counts as a
    source, so every weight would count it twice."""
    groups: dict[tuple[str, str], list[str]] = {}
    for article in articles:
        path = article.source.path
        if article.source.meta.url:
            groups.setdefault(("address", article.source.meta.url.rstrip("/")), []).append(path)
        if texts[path]:
            digest = hashlib.sha256(texts[path].encode("utf-8")).hexdigest()
            groups.setdefault(("text", digest), []).append(path)
    notes: dict[tuple[str, ...], str] = {}
    for (what, _value), paths in groups.items():
        if len(paths) > 1:
            named = " and ".join(paths) if len(paths) <= 3 else f"{', '.join(paths[:3])} and {len(paths) - 3} more"
            notes.setdefault(
                tuple(paths),
                f"{named} have the same {what}: one article saved {len(paths)} times counts as "
                f"{len(paths)} sources; keep one",
            )
    return list(notes.values())


def _outlying_date(articles: list[Article]) -> list[str]:
    """The newest article, when it is dated more than a year after every other one (a typo such as
    2052 for 2025 makes the home page say "As of 2052" and moves its relative dates)."""
    dated = sorted((a.source.meta.published, a.source.path) for a in articles if a.source.meta.published)
    if len(dated) < 2 or (dated[-1][0] - dated[-2][0]).days <= 365:
        return []
    published, path = dated[-1]
    return [f"{path}: published {published}, more than a year after every other article; is the year right?"]


def summary_lines(briefing: Briefing) -> tuple[str, ...]:
    lines = []
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        why = ", ".join(f"{rule} {n}" for rule, n in article.removals_by_rule().items())
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
