"""The last build's record (briefing/last_build.py): a build with nothing to do reads no seed, and any
change anywhere the build reads or writes makes it run every stage again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing.stages as stages
from briefing.errors import OwnershipError
from briefing.last_build import RECORD, LastBuild, load, store

try:
    from conftest import Scratch, copy_real_inputs, tree
except ImportError:  # tests/ collected as a package
    from tests.conftest import Scratch, copy_real_inputs, tree


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per build that ran the stages (read the seeds)."""
    runs: list[int] = []
    original = stages.read_seeds
    monkeypatch.setattr(stages, "read_seeds", lambda *args: runs.append(1) or original(*args))
    return runs


@pytest.fixture
def built(tmp_path: Path, gathered: list[int]) -> Scratch:
    scratch = copy_real_inputs(tmp_path / "p")
    scratch.generate()
    assert gathered == [1]
    gathered.clear()
    return scratch


def _records(scratch: Scratch) -> list[Path]:
    return sorted((scratch.root / ".cache" / "briefing").glob(f"*/{RECORD}"))


def test_an_unchanged_project_reads_no_seed_and_prints_the_same_summary(built: Scratch, gathered: list[int]) -> None:
    expected = tree(built.docs)
    report = (built.root / "build" / "cleaning-report.txt").read_bytes()
    first = json.loads(_records(built)[0].read_text(encoding="utf-8"))
    again = built.generate()
    assert gathered == []
    assert again.briefing is None and again.plan.changes == []
    assert list(again.summary) == first["summary"]
    assert any(line.startswith("briefing: ") for line in again.summary)
    assert again.plan.unchanged == len(json.loads((built.docs / ".briefing-manifest.json").read_text())["files"]) + 2
    built.check()
    assert gathered == []
    assert tree(built.docs) == expected
    assert (built.root / "build" / "cleaning-report.txt").read_bytes() == report


def test_the_summary_of_a_build_with_nothing_to_do_equals_a_full_builds(built: Scratch, gathered: list[int]) -> None:
    quick = built.generate().summary
    for record in _records(built):
        record.unlink()
    full = built.generate().summary
    assert gathered == [1]
    assert quick == full


@pytest.mark.parametrize(
    "change",
    [
        "seed",
        "new file in seeds",
        "topic",
        "generated file deleted",
        "home page prose",
        "cleaning report deleted",
        "manifest deleted",
    ],
)
def test_any_change_runs_every_stage_again(built: Scratch, gathered: list[int], change: str) -> None:
    expected = tree(built.docs)
    seed = sorted(built.seeds.iterdir())[0]
    if change == "seed":
        seed.write_text(seed.read_text(encoding="utf-8") + "\nA closing line for the test.\n", encoding="utf-8")
    elif change == "new file in seeds":
        (built.seeds / "_notes.txt").write_text("not a seed", encoding="utf-8")
    elif change == "topic":
        built.topic.write_text(built.topic.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "generated file deleted":
        (built.docs / "briefing" / "timeline.md").unlink()
    elif change == "home page prose":
        home = built.docs / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\nA line a person added.\n", encoding="utf-8")
    elif change == "cleaning report deleted":
        (built.root / "build" / "cleaning-report.txt").unlink()
    elif change == "manifest deleted":
        (built.docs / ".briefing-manifest.json").unlink()
        with pytest.raises(OwnershipError, match="manifest is missing"):
            built.generate()
        assert gathered == [1]
        return
    built.generate()
    assert gathered == [1]
    if change in ("generated file deleted", "cleaning report deleted"):
        assert tree(built.docs) == expected and (built.root / "build" / "cleaning-report.txt").exists()
    built.generate()
    assert gathered == [1]  # and the build after that has nothing to do again


def test_a_checkout_with_crlf_line_ends_has_nothing_to_do_after_one_build(built: Scratch, gathered: list[int]) -> None:
    """git's core.autocrlf converts the generated files' line ends: not an edit, and after one full
    build (which writes nothing) the record knows the files as they are."""
    manifest = json.loads((built.docs / ".briefing-manifest.json").read_text(encoding="utf-8"))
    for path in manifest["files"]:
        page = built.docs / path
        page.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    converted = tree(built.docs)
    assert built.generate().plan.changes == []
    assert gathered == [1]
    assert built.generate().plan.changes == []
    assert gathered == [1]
    assert tree(built.docs) == converted
    page = built.docs / "briefing" / "timeline.md"
    page.write_bytes(page.read_bytes().replace(b"\r\n", b"\n"))  # converted back: still the same text
    built.generate()
    assert gathered == [1, 1]


def test_a_hand_edit_to_a_generated_file_is_still_refused(built: Scratch, gathered: list[int]) -> None:
    page = built.docs / "briefing" / "timeline.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMy note.\n", encoding="utf-8")
    with pytest.raises(OwnershipError, match="edited by hand"):
        built.generate()
    with pytest.raises(OwnershipError, match="edited by hand"):
        built.check()
    assert gathered == [1, 1]


def test_adopt_and_an_unreadable_record_run_every_stage(built: Scratch, gathered: list[int]) -> None:
    from briefing.pipeline import generate

    generate(built.project, adopt=True)
    assert gathered == [1]
    for record in _records(built):
        record.write_text("{not json", encoding="utf-8")
    built.generate()
    assert gathered == [1, 1]


def test_check_never_writes_the_record(built: Scratch, gathered: list[int]) -> None:
    for record in _records(built):
        record.unlink()
    built.check()
    built.check()
    assert gathered == [1, 1] and _records(built) == []


def test_a_record_is_read_only_for_the_same_inputs(tmp_path: Path) -> None:
    present, absent = tmp_path / "a.txt", tmp_path / "gone.txt"
    present.write_text("text", encoding="utf-8")
    digest = "982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1"  # sha256("text")
    record = LastBuild("inputs-1", {str(present): digest, str(absent): ""}, ("briefing: 1 item",), 3)
    store(tmp_path / "cache", record)
    assert load(tmp_path / "cache", "inputs-2") is None
    loaded = load(tmp_path / "cache", "inputs-1")
    assert loaded == record and loaded.is_current()
    absent.write_text("", encoding="utf-8")  # a file that was absent now exists, even empty
    assert not loaded.is_current()
    absent.unlink()
    present.write_text("text!", encoding="utf-8")
    assert not loaded.is_current()
