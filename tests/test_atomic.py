"""Publishing survives being killed, refuses a second build on the same docs/, and turns OS errors into one line.

The kill tests stop a build with SIGKILL at every single write step of its write phase
(deterministic: a forked child counts its own file operations and kills itself at step K),
then check that the next build succeeds by itself and leaves docs/ exactly old or new.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pytest
from conftest import ALPHA, BETA, REPO, ProjectFactory, Scratch, make_scratch

import briefing.publish
import build_site
from briefing.atomic import write_atomic
from briefing.errors import BriefingError
from briefing.lock import LOCK, LockedError, docs_lock
from briefing.pipeline import check, generate
from briefing.publish import MANIFEST, STAGING_PREFIX
from briefing.site import recover_site, swap_in

HAND_NOTE = "A paragraph written by hand, below the generated parts.\n"
GAMMA = "---\ntitle: Gamma\n---\nA third article about the quay.\n"
REPORT = "build/cleaning-report.txt"


def new_inputs(scratch: Scratch) -> None:
    """Inputs whose build rewrites files, adds one and deletes one."""
    scratch.write("seeds/alpha.md", ALPHA.replace("Fishermen welcomed", "Boat owners welcomed"))
    (scratch.seeds / "beta.txt").unlink()
    scratch.write("seeds/gamma.md", GAMMA)


def old_inputs(scratch: Scratch) -> None:
    scratch.write("seeds/alpha.md", ALPHA)
    scratch.write("seeds/beta.txt", BETA)
    (scratch.seeds / "gamma.md").unlink()


@contextmanager
def counted_writes(kill_at: int | None = None) -> Iterator[list[int]]:
    """Count every file operation (create, replace, delete, make or remove a folder); SIGKILL self at ``kill_at``."""
    count = [0]
    originals: list[tuple[object, str, Callable[..., object]]] = []

    def wrap(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def step(*args: object, **kwargs: object) -> object:
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        originals.append((owner, name, real))
        setattr(owner, name, step)

    for name in ("replace", "unlink", "rmdir", "mkdir"):
        wrap(os, name)
    wrap(briefing.publish, "_write_file")
    try:
        yield count
    finally:
        for owner, name, real in reversed(originals):
            setattr(owner, name, real)


def killed_build(scratch: Scratch, kill_at: int) -> None:
    """Run generate in a forked child that SIGKILLs itself at write step ``kill_at``."""
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        status = 3
        try:
            with counted_writes(kill_at):
                generate(scratch.project)
            status = 0
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (kill_at, status)


@dataclass(frozen=True)
class Scenario:
    old: Path
    """A generated project with hand-written prose in docs/index.md."""
    old_tree: dict[str, bytes]
    new_tree: dict[str, bytes]
    old_report: bytes
    new_report: bytes
    steps: int
    """File operations of the build from the old docs/ to the new one."""


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    base = tmp_path_factory.mktemp("atomic")
    old = make_scratch(base / "old")
    old.generate()
    old.write("docs/index.md", old.read("docs/index.md") + HAND_NOTE)
    assert old.generate().plan.changes == []
    new = Scratch(base / "new")
    shutil.copytree(old.root, new.root)
    new_inputs(new)
    with counted_writes() as count:
        outcome = new.generate()
    assert {"sources/alpha.md", "sources/gamma.md"} <= set(outcome.plan.writes)
    assert outcome.plan.deletes == ["sources/beta.md"]
    return Scenario(
        old.root, old.docs_tree(), new.docs_tree(), old.read(REPORT).encode(), new.read(REPORT).encode(), count[0]
    )


def fresh_copy(scenario: Scenario, root: Path) -> Scratch:
    shutil.copytree(scenario.old, root)
    return Scratch(root)


def assert_each_file_old_or_new(scratch: Scratch, scenario: Scenario) -> None:
    """Between the kill and the next build: every file whole, either its old or its new version."""
    now = scratch.docs_tree()
    for path in sorted(set(now) | set(scenario.old_tree) | set(scenario.new_tree)):
        if path == MANIFEST:
            json.loads(now[path])  # whole, whichever version
        elif path.startswith(STAGING_PREFIX) or path == LOCK:
            assert path in now  # a killed build's leftovers, removed by the next one
        else:
            assert now.get(path) in (scenario.old_tree.get(path), scenario.new_tree.get(path)), path
    assert HAND_NOTE in scratch.read("docs/index.md")


def test_the_scenario_has_enough_write_steps(scenario: Scenario) -> None:
    assert scenario.steps >= 20
    assert scenario.old_tree != scenario.new_tree
    assert HAND_NOTE.encode() in scenario.new_tree["index.md"]


def test_killed_at_every_write_step_the_next_build_completes(scenario: Scenario, tmp_path: Path) -> None:
    for kill_at in range(1, scenario.steps + 1):
        scratch = fresh_copy(scenario, tmp_path / f"k{kill_at}")
        new_inputs(scratch)
        killed_build(scratch, kill_at)
        assert_each_file_old_or_new(scratch, scenario)

        generate(scratch.project)
        assert scratch.docs_tree() == scenario.new_tree, kill_at
        assert (scratch.root / REPORT).read_bytes() == scenario.new_report
        assert [p.name for p in (scratch.root / "build").iterdir()] == ["cleaning-report.txt"]
        assert check(scratch.project).plan.changes == []
        shutil.rmtree(scratch.root)


def test_killed_at_every_write_step_going_back_to_the_old_inputs_rolls_back(scenario: Scenario, tmp_path: Path) -> None:
    for kill_at in range(1, scenario.steps + 1):
        scratch = fresh_copy(scenario, tmp_path / f"k{kill_at}")
        new_inputs(scratch)
        killed_build(scratch, kill_at)
        old_inputs(scratch)
        generate(scratch.project)
        assert scratch.docs_tree() == scenario.old_tree, kill_at
        shutil.rmtree(scratch.root)


def test_after_a_build_killed_while_switching_check_says_run_generate_and_generate_says_so(
    scenario: Scenario,
    tmp_path: Path,
) -> None:
    for kill_at in range(1, scenario.steps + 1):  # the first step after the switching manifest is in place
        scratch = fresh_copy(scenario, tmp_path / f"k{kill_at}")
        new_inputs(scratch)
        killed_build(scratch, kill_at)
        if "previous" in json.loads(scratch.read(f"docs/{MANIFEST}")):
            break
    else:
        pytest.fail("no kill point left a switching manifest")
    with pytest.raises(BriefingError) as caught:
        check(scratch.project)
    assert str(caught.value).startswith("docs/ is not what generate would write: docs/.briefing-manifest.json, ")
    assert str(caught.value).endswith("(run: python build_site.py generate, and commit the result)")
    outcome = generate(scratch.project)
    assert "note: a build was stopped while it wrote docs/; this build completes its work" in outcome.summary
    assert "previous" not in json.loads(scratch.read(f"docs/{MANIFEST}"))


def test_killed_real_cli_runs_recover(scenario: Scenario, tmp_path: Path) -> None:
    """`python build_site.py generate` killed from outside after spread delays; the next run always succeeds."""

    def command(scratch: Scratch) -> list[str]:
        """build_site.py with its root at the scratch project, as if the contributor's checkout were there."""
        code = (
            "import pathlib, sys, build_site; build_site.ROOT = pathlib.Path(sys.argv[1]); "
            "sys.exit(build_site.main(sys.argv[2:]))"
        )
        return [sys.executable, "-c", code, str(scratch.root), "generate", "-q"]

    timing = fresh_copy(scenario, tmp_path / "timing")
    new_inputs(timing)
    started = time.monotonic()
    subprocess.run(command(timing), cwd=REPO, check=True, timeout=120)
    duration = time.monotonic() - started
    tries = 6
    for n in range(1, tries + 1):
        scratch = fresh_copy(scenario, tmp_path / f"try{n}")
        new_inputs(scratch)
        process = subprocess.Popen(command(scratch), cwd=REPO)
        time.sleep(duration * n / (tries + 1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=120)
        result = subprocess.run(command(scratch), cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
        assert (result.returncode, result.stderr) == (0, "")
        assert scratch.docs_tree() == scenario.new_tree


# --- leftovers ---------------------------------------------------------------------------------


def test_staging_leftovers_are_removed_by_the_next_build(generated: ProjectFactory) -> None:
    scratch = generated()
    before = scratch.docs_tree()
    scratch.write(f"docs/{STAGING_PREFIX}abc123/sources/alpha.md", "half-staged\n")
    scratch.write(f"docs/{LOCK}", "999999 python build_site.py generate\n")  # a killed build's lock file
    scratch.write("build/.cleaning-report.txt.tmp-x1y2", "half a report")
    outcome = scratch.generate()
    assert outcome.plan.changes == []
    assert scratch.docs_tree() == before
    assert [p.name for p in (scratch.root / "build").iterdir()] == ["cleaning-report.txt"]


def test_killed_site_swaps_are_put_right(tmp_path: Path) -> None:
    site = tmp_path / "site"
    # Killed between the two renames: no site/, the old one moved aside whole.
    (tmp_path / ".site-old-4242").mkdir()
    (tmp_path / ".site-old-4242" / "index.html").write_text("old site")
    (tmp_path / ".site-building-abc").mkdir()
    (tmp_path / ".site-building-abc" / "index.html").write_text("half built")
    recover_site(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text() == "old site"
    # Killed while removing the old site after a successful swap: the half-removed old one goes.
    (tmp_path / ".site-old-77").mkdir()
    recover_site(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    staging = tmp_path / ".site-building-new"
    staging.mkdir()
    (staging / "index.html").write_text("new site")
    swap_in(staging, site)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (site / "index.html").read_text() == "new site"


def test_gitignore_covers_the_leftovers() -> None:
    ignored = subprocess.run(
        [
            "git",
            "check-ignore",
            "--no-index",
            "docs/.briefing-staging-x1/a.md",
            "docs/.briefing-lock",
            ".site-building-x1/index.html",
            ".site-old-123/index.html",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout.split() == [
        "docs/.briefing-staging-x1/a.md",
        "docs/.briefing-lock",
        ".site-building-x1/index.html",
        ".site-old-123/index.html",
    ]


# --- one build at a time -----------------------------------------------------------------------


def test_a_second_build_on_the_same_docs_is_refused(generated: ProjectFactory) -> None:
    scratch = generated()
    scratch.write("seeds/gamma.md", GAMMA)
    with docs_lock(scratch.docs):
        before = scratch.docs_tree()
        for run in (scratch.generate, scratch.check):
            with pytest.raises(LockedError) as caught:
                run()
            assert str(caught.value) == (
                f"docs/.briefing-lock: another build (process {os.getpid()}: {' '.join(sys.argv)}) is writing docs/ "
                "(wait for it to finish, then run the build again)"
            )
        assert scratch.docs_tree() == before
    scratch.generate()
    assert (scratch.docs / "sources" / "gamma.md").exists()
    assert not (scratch.docs / LOCK).exists()


HOLD_LOCK = """\
import sys, time
from pathlib import Path
from typing import BinaryIO
from briefing.lock import docs_lock
with docs_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


def test_the_lock_names_the_other_process_and_dies_with_it(
    generated: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scratch = generated()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(scratch.docs)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert build_site.main(["generate"]) == 2
        assert capsys.readouterr().err == (
            f"error: docs/.briefing-lock: another build (process {holder.pid}: -c {scratch.docs}) is writing docs/ "
            "(wait for it to finish, then run the build again)\n"
        )
    finally:
        holder.kill()  # SIGKILL: no cleanup in the holder, its lock file stays behind
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert (scratch.docs / LOCK).exists()
    assert build_site.main(["generate", "-q"]) == 0  # the kernel released the lock with the process
    assert not (scratch.docs / LOCK).exists()


# --- the operating system says no ----------------------------------------------------------------


def test_unwritable_project_is_one_line_exit_2(
    project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch = project()
    scratch.write("blocker", "a file where a folder should be\n")
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    assert build_site.main(["generate", "--docs", str(scratch.root / "blocker" / "docs")]) == 2
    assert capsys.readouterr() == (
        "",
        "error: blocker/docs/: cannot write: a part of the path is a file, not a "
        "folder (move that file away, or choose another folder; nothing was written)\n",
    )


def test_unwritable_site_folder_is_one_line_exit_2(built_scratch: Scratch, capsys: pytest.CaptureFixture[str]) -> None:
    built_scratch.write("blocker", "a file where a folder should be\n")
    assert build_site.main(["build", "-q", "--site", str(built_scratch.root / "blocker" / "site")]) == 2
    assert capsys.readouterr() == (
        "",
        "error: blocker/site/: cannot write: a part of the path is a file, not a "
        "folder (move that file away, or choose another folder; the previous site is "
        "left as it was)\n",
    )
    assert not (built_scratch.docs / LOCK).exists()


def test_a_folder_where_a_generated_file_goes_is_one_line_exit_2(
    project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch = project()
    (scratch.docs / "sources" / "alpha.md").mkdir(parents=True)
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    assert build_site.main(["generate"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: docs/sources/alpha.md: cannot read: it is a folder, where the build "
        "needs a file (move that folder away; nothing was written)\n",
    )
    assert sorted(p.name for p in scratch.docs.rglob("*")) == ["alpha.md", "sources"]


def make_read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod a-w; as root, where that does not stop writes, refuse creating files there the way the kernel would."""
    folder.chmod(0o555)
    probe = folder / ".probe"
    try:
        probe.write_text("")
    except PermissionError:
        return
    probe.unlink()
    folder.chmod(0o755)
    real_open = os.open

    def read_only_open(path: str | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_open)


def test_read_only_docs_is_one_line_exit_2(
    built_scratch: Scratch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built_scratch.write("seeds/gamma.md", GAMMA)
    before = built_scratch.docs_tree()
    make_read_only(built_scratch.docs, monkeypatch)
    try:
        assert build_site.main(["generate"]) == 2
        assert capsys.readouterr() == (
            "",
            "error: docs/: cannot write: permission denied "
            "(make it writable, then run the build again; nothing was written)\n",
        )
        assert built_scratch.docs_tree() == before
        # check writes nothing, so it still runs on a read-only docs/
        assert build_site.main(["check", "-q"]) == 1
    finally:
        built_scratch.docs.chmod(0o755)


@pytest.fixture
def built_scratch(generated: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    scratch = generated()
    shutil.copy2(REPO / "mkdocs.yml", scratch.root / "mkdocs.yml")  # a project builds with its own site config
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    return scratch


def test_full_disk_while_staging_leaves_docs_untouched(
    built_scratch: Scratch, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    built_scratch.write("seeds/alpha.md", ALPHA.replace("Fishermen welcomed", "Boat owners welcomed"))
    before = built_scratch.docs_tree()

    def full(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(briefing.publish, "_write_file", full)
    assert build_site.main(["generate"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: docs/data/briefing.json: cannot write: no space left on the disk "
        "(free some space, then run the build again; nothing in docs/ was changed)\n",
    )
    assert built_scratch.docs_tree() == before
    monkeypatch.undo()
    monkeypatch.setattr(build_site, "ROOT", built_scratch.root)
    assert build_site.main(["generate", "-q"]) == 0


def test_failure_while_switching_is_completed_by_the_next_build(
    built_scratch: Scratch,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    built_scratch.write("seeds/alpha.md", ALPHA.replace("Fishermen welcomed", "Boat owners welcomed"))
    real_replace = os.replace
    calls = [0]

    def failing_second_replace(source: str, target: str) -> None:
        if Path(target).is_relative_to(built_scratch.docs):  # the cache's own writes do not count
            calls[0] += 1
        if calls[0] == 3:  # the switching manifest and one page are in place
            raise OSError(errno.EIO, "Input/output error", target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_second_replace)
    assert build_site.main(["generate"]) == 2
    assert capsys.readouterr().err == (
        "error: docs/sources/alpha.md: cannot write: input/output error "
        "(docs/ is partly updated, and the next build completes the update by itself)\n"
    )
    monkeypatch.setattr(os, "replace", real_replace)
    assert build_site.main(["generate", "-q"]) == 0
    assert build_site.main(["check", "-q"]) == 0
    assert "Boat owners welcomed" in built_scratch.read("docs/sources/alpha.md")


def test_write_atomic_leaves_the_old_file_whole_when_writing_fails(tmp_path: Path) -> None:

    target = tmp_path / "sub" / "record.json"
    write_atomic(target, lambda stream: stream.write(b"old"))

    def half_then_fail(stream: BinaryIO) -> None:
        stream.write(b"ne")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["record.json"]  # no temporary file left
