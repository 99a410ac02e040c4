"""The per-article build cache (briefing/cache.py) and incremental generation through it."""

from __future__ import annotations

import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import briefing.pipeline as pipeline
import briefing.stages as stages
from briefing.atomic import temporary_prefix
from briefing.cache import ArticleCache, source_key
from briefing.last_build import RECORD
from briefing.errors import BriefingError
from briefing.model import Source, SourceMeta
from briefing.render import ItemLink, page_inputs

try:
    from conftest import Scratch, copy_real_inputs, tree
except ImportError:  # tests/ collected as a package
    from tests.conftest import Scratch, copy_real_inputs, tree


def _entries(scratch: Scratch) -> list[Path]:
    """The per-article entries (not the rendered source pages)."""
    return sorted(
        p for p in (scratch.root / ".cache" / "briefing").glob("*/*.pickle") if p.name != "source-pages.pickle"
    )


def _forget_last_run(scratch: Scratch) -> None:
    """Remove the last build's record, so that the next build runs every stage (and uses the cache)."""
    for path in (scratch.root / ".cache" / "briefing").glob("*/last-build.json"):
        path.unlink()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the build cleans (and so extracts) anew, in order."""
    cleaned: list[str] = []
    original = stages.clean_article

    def counting(source: Source, topic: object) -> object:
        cleaned.append(source.id)
        return original(source, topic)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "clean_article", counting)
    return cleaned


def test_a_source_page_is_reused_only_when_its_inputs_are_the_same() -> None:
    """page_inputs tells apart any change to the article as read or to the items citing it."""
    source = Source("a", "seeds/a.md", SourceMeta(title="A"), "One.\n\nTwo \udc80.", 3)
    links = ((ItemLink("K-1", "briefing/position.md"),), ())
    assert page_inputs(source, links) == page_inputs(replace(source), tuple(links))
    others = [
        page_inputs(replace(source, body="One.\n\nTwo."), links),
        page_inputs(replace(source, body=""), links),
        page_inputs(replace(source, meta=SourceMeta(title="B")), links),
        page_inputs(replace(source, body_line=4), links),
        page_inputs(source, ((ItemLink("K-2", "briefing/position.md"),), ())),
        page_inputs(source, ((), (ItemLink("K-1", "briefing/position.md"),))),
    ]
    assert len({page_inputs(source, links), *others}) == len(others) + 1


def test_cached_uncached_and_warm_builds_give_byte_identical_docs(tmp_path: Path) -> None:
    cold = copy_real_inputs(tmp_path / "cold")
    cold.generate()
    warm_docs = tree(cold.docs)
    cold.generate()  # every article from the cache now
    assert tree(cold.docs) == warm_docs
    uncached = copy_real_inputs(tmp_path / "uncached")
    pipeline.generate(replace(uncached.project, cache=None))
    assert not (uncached.root / ".cache").exists()
    assert tree(uncached.docs) == warm_docs
    assert (cold.root / "build" / "cleaning-report.txt").read_bytes() == (
        uncached.root / "build" / "cleaning-report.txt"
    ).read_bytes()


def test_a_second_run_extracts_nothing_and_a_changed_seed_only_itself(tmp_path: Path, counted: list[str]) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    ids = sorted(counted)
    assert len(ids) >= 5 and len(_entries(scratch)) == len(ids)
    counted.clear()
    _forget_last_run(scratch)
    scratch.generate()
    assert counted == []
    seed = sorted(scratch.seeds.iterdir())[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more closing line for the test.\n", encoding="utf-8")
    scratch.generate()
    assert len(counted) == 1
    assert len(_entries(scratch)) == len(ids)  # the changed article's old entry is pruned
    # The same inputs built with no cache at all give the same bytes (source pages reused or not).
    fresh = copy_real_inputs(tmp_path / "fresh")
    shutil.copy2(seed, fresh.seeds / seed.name)
    pipeline.generate(replace(fresh.project, cache=None))
    assert tree(fresh.docs) == tree(scratch.docs)


def test_a_changed_topic_config_invalidates_every_entry(tmp_path: Path, counted: list[str]) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    before = {p.parent.name for p in _entries(scratch)}
    counted.clear()
    scratch.topic.write_text(scratch.topic.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    scratch.generate()
    assert len(counted) == len(_entries(scratch)) >= 5
    after = {p.parent.name for p in _entries(scratch)}
    assert len(after) == 1 and after != before  # the old version's folder is gone


def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, counted: list[str]) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    expected = tree(scratch.docs)
    entries = _entries(scratch)
    entries[0].write_bytes(b"\x80\x05not a pickle")
    entries[1].write_bytes(entries[1].read_bytes()[:100])  # truncated
    entries[2].write_bytes(pickle.dumps(("another-format", None)))
    _forget_last_run(scratch)
    counted.clear()
    scratch.generate()
    assert len(counted) == 3
    assert tree(scratch.docs) == expected
    for entry in entries[:3]:
        assert pickle.loads(entry.read_bytes())[0].startswith("briefing-cache-")


def test_temporary_files_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    entry = _entries(scratch)[0]
    folder = entry.parent
    leftovers = [folder / f"{temporary_prefix(entry)}x1", folder / f"{temporary_prefix(folder / RECORD)}y2"]
    for leftover in leftovers:
        leftover.write_bytes(b"half written")
    _forget_last_run(scratch)
    scratch.generate()
    assert not any(leftover.exists() for leftover in leftovers)
    assert len(_entries(scratch)) == 5


def test_deleting_the_cache_is_safe(tmp_path: Path) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    expected = tree(scratch.docs)
    shutil.rmtree(scratch.root / ".cache")
    scratch.generate()
    assert tree(scratch.docs) == expected


def test_check_reads_but_never_writes_the_cache(tmp_path: Path) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    for entry in _entries(scratch):
        entry.unlink()
    _forget_last_run(scratch)
    scratch.check()
    assert _entries(scratch) == []


def test_a_cache_inside_docs_is_refused(tmp_path: Path) -> None:
    scratch = copy_real_inputs(tmp_path / "p")
    with pytest.raises(BriefingError, match="must not be inside the docs folder"):
        pipeline.generate(replace(scratch.project, cache=scratch.docs / ".cache"))
    assert not scratch.docs.exists()


def test_the_key_covers_every_field_of_the_source() -> None:
    source = Source("a", "seeds/a.md", SourceMeta(title="T"), "Body.", 3)
    changed = [
        replace(source, id="b"),
        replace(source, path="seeds/b.md"),
        replace(source, body="Body!"),
        replace(source, body_line=4),
        replace(source, meta=SourceMeta(title="U")),
        replace(source, inferred=("title",)),
    ]
    assert len({source_key(s) for s in (source, *changed)}) == len(changed) + 1


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache: ArticleCache[int] = ArticleCache(blocker / "cache", b"topic")
    source = Source("a", "seeds/a.md", SourceMeta(), "Body.", 1)
    assert cache.get(source, lambda: 7) == 7
    assert cache.get(source, lambda: 8) == 8  # nothing was stored


def test_articles_extracted_in_worker_processes_give_the_same_docs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = copy_real_inputs(tmp_path / "serial")
    pipeline.generate(replace(serial.project, cache=None))
    monkeypatch.setattr(stages, "PARALLEL_FROM", 2)
    monkeypatch.setattr(stages.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(stages.threading, "active_count", lambda: 1)  # other tests may leave threads
    pools: list[int] = []

    class CountedPool(stages.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: object) -> None:
            pools.append(workers)
            super().__init__(workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "ProcessPoolExecutor", CountedPool)
    parallel = copy_real_inputs(tmp_path / "parallel")
    parallel.generate()
    assert pools == [2]
    assert len(_entries(parallel)) == 5
    assert tree(parallel.docs) == tree(serial.docs)
    # The workers' entries (pickled there, stored as they came) are whole entries the next build loads.
    for entry in _entries(parallel):
        assert pickle.loads(entry.read_bytes())[0].startswith("briefing-cache-")
    _forget_last_run(parallel)
    parallel.generate()
    assert pools == [2]  # every article came from the cache: no pool was started


def test_the_cache_folder_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.CACHE_ENV, str(tmp_path / "elsewhere"))
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    assert not (scratch.root / ".cache").exists()
    assert len(list((tmp_path / "elsewhere").glob("*/*.pickle"))) >= 5
