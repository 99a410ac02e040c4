"""The ``briefing`` console command (pyproject [project.scripts]) runs build_site.py on the current folder."""

from __future__ import annotations

import build_site
import pytest

from briefing import console


def test_briefing_command_works_on_the_project_in_the_current_folder(
    project, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scratch = project()
    monkeypatch.setattr(build_site, "ROOT", build_site.ROOT)  # restored after the test
    monkeypatch.chdir(scratch.root)
    assert console.main(["generate", "-q"]) == 0
    assert (scratch.docs / "briefing" / "position.md").is_file()
    assert console.main(["check"]) == 0
    assert "check: docs/ is up to date" in capsys.readouterr().out
