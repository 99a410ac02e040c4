"""The full build's stages (briefing/stages.py): what gather does around them."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import briefing.stages as stages

try:
    from conftest import copy_real_inputs
except ImportError:  # tests/ collected as a package
    from tests.conftest import copy_real_inputs


def test_the_cycle_collector_is_paused_while_the_stages_run_and_restored_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    original = stages.merge_findings
    monkeypatch.setattr(stages, "merge_findings", lambda *args: seen.append(gc.isenabled()) or original(*args))
    scratch = copy_real_inputs(tmp_path / "p")
    assert gc.isenabled()
    stages.gather(scratch.project)
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller that turned it off keeps it off
    try:
        stages.gather(scratch.project)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_restored_when_a_stage_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object) -> None:
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(stages, "synthesise", failing)
    with pytest.raises(RuntimeError, match="a stage failed"):
        stages.gather(copy_real_inputs(tmp_path / "p").project)
    assert gc.isenabled()
