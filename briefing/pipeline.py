"""The whole build: gather and verify everything, then write.

``generate`` = load_topic -> (the last build's record shows docs/ current? stop) -> read_seeds
-> clean -> extract -> synthesise -> verify citations -> render (``briefing.stages``) -> plan ->
apply. ``check`` does the same without writing anything, and fails when the plan is not empty.

The stages are imported only when they run: a build with nothing to do (see
``briefing.last_build``) then costs little more than hashing its inputs and outputs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import last_build
from .atomic import temporary_prefix, write_atomic
from .cache import ArticleCache, check_location
from .config import Topic, load_topic
from .errors import write_error
from .fingerprint import file_checksum
from .last_build import LastBuild
from .lock import docs_lock
from .model import Briefing
from .outputs import Rendering
from .publish import MANIFEST, Plan, apply, ensure_current, plan, remove_leftovers
from .read import display_path, skipped_notices

if TYPE_CHECKING:
    from .extract import ArticleFindings


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
    briefing: Briefing | None
    """None when the last build's record showed nothing to do (nothing was gathered)."""
    rendering: Rendering | None
    plan: Plan
    summary: tuple[str, ...]


def generate(project: Project, write: bool = True, adopt: bool = False) -> Outcome:
    """Gather, then write docs/ and the cleaning report, holding the docs lock while docs/ is read and written.

    ``adopt`` takes back generated files that the manifest does not record (see :func:`publish.plan`).
    """
    topic = load_topic(project.topic, project.shown(project.topic))
    if project.cache is not None:
        check_location(project.cache, project.docs, project.shown(project.cache))
    cache: ArticleCache[ArticleFindings] = ArticleCache(project.cache, project.topic.read_bytes(), write)
    record_folder = cache.folder
    paths = (project.root, project.seeds, project.docs, project.topic, project.report)
    inputs = last_build.inputs_fingerprint(project.seeds, paths)
    if record_folder is not None and not adopt:
        last = last_build.load(record_folder, inputs)
        unchanged = _unchanged(project, topic, last, write) if last is not None else None
        if unchanged is not None:
            return unchanged
    outcome = _build(project, topic, cache, write, adopt)
    if write and record_folder is not None:
        last_build.store(record_folder, _record(project, outcome, inputs))
    if outcome.plan.resumed:
        note = f"note: a build was stopped while it wrote {project.shown(project.docs)}/; this build completes its work"
        outcome = replace(outcome, summary=outcome.summary + (note,))
    return outcome


def _unchanged(project: Project, topic: Topic, last: LastBuild, write: bool) -> Outcome | None:
    """The outcome of a build with nothing to do, when every file the last build left is intact."""
    if not project.docs.is_dir():
        return None
    with docs_lock(project.docs, project.shown(project.docs), required=write):
        if not last.is_current():
            return None
        if write:
            remove_leftovers(project.docs)
    return Outcome(topic, None, None, Plan(unchanged=last.unchanged), last.summary)


def _build(project: Project, topic: Topic, cache: ArticleCache[ArticleFindings], write: bool, adopt: bool) -> Outcome:
    """Every stage, then the plan, applied when ``write``."""
    from . import stages  # imported here, not at the top: a build with nothing to do never needs it

    _topic, briefing, rendering = stages.gather(project, topic, cache)
    if write:
        result = _publish(project, rendering, stages.cleaning_report(briefing), adopt)
    else:
        with docs_lock(project.docs, project.shown(project.docs), required=False):
            result = _plan(project, rendering, adopt=False)
    notices = [*skipped_notices(project.seeds, project.root), *stages.input_notices(briefing), *result.notices]
    if not briefing.articles:
        notices.append(
            f"no articles in {project.shown(project.seeds)}/ yet: the site says how to add the first "
            "one (save it there as .md, .txt or .html, then build again)"
        )
    summary = stages.summary_lines(briefing) + stages.reading_lines(rendering, project.docs)
    return Outcome(topic, briefing, rendering, result, summary + tuple(f"note: {n}" for n in notices))


def _publish(project: Project, rendering: Rendering, report: str, adopt: bool) -> Plan:
    """Plan and apply the rendering to docs/, then write the cleaning report, holding the docs lock."""
    docs_label = project.shown(project.docs)
    try:
        project.docs.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(error, f"{docs_label}/", "nothing was written") from None
    with docs_lock(project.docs, docs_label):
        result = _plan(project, rendering, adopt)
        apply(result, project.docs, docs_label)
        try:
            _write_report(project.report, report)
        except OSError as error:
            raise write_error(
                error,
                project.shown(project.report),
                f"{docs_label}/ is up to date; only the cleaning report is missing",
            ) from None
    return result


def _record(project: Project, outcome: Outcome, inputs: str) -> LastBuild:
    """What a build left: the generated files (their checksums are the manifest's, unless a checkout
    converted their line ends and the build left them so), the pages with regions (an absent one
    as ""), the manifest and the cleaning report; and what it printed."""
    assert outcome.rendering is not None
    as_left = outcome.plan.kept_with_converted_line_ends
    files = {str(project.docs / path): as_left.get(path, digest) for path, digest in outcome.plan.manifest.items()}
    pages = {str(project.docs / region.page) for region in outcome.rendering.regions}
    for path in [*pages, str(project.docs / MANIFEST), str(project.report)]:
        files[path] = file_checksum(Path(path)) or ""
    unchanged = len(outcome.plan.manifest) + sum(1 for page in pages if files[page])
    return LastBuild(inputs, files, outcome.summary, unchanged)


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


def _write_report(path: Path, text: str) -> None:
    for leftover in path.parent.glob(f"{temporary_prefix(path)}*"):  # from a killed build
        leftover.unlink(missing_ok=True)
    write_atomic(path, lambda stream: stream.write(text.encode("utf-8")))
