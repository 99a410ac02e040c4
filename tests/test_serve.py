"""briefing/serve.py: what the live preview watches and how it regenerates (the browser test in
test_browser.py proves the whole loop: save a seed, the open page reloads with the change)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from briefing import serve


def test_snapshot_sees_a_saved_seed_and_the_topic_but_not_docs(project) -> None:
    scratch = project()
    before = serve.snapshot(scratch.project)
    assert str(scratch.topic) in before and len(before) == 3
    seed = scratch.seeds / "alpha.md"
    seed.write_text(seed.read_text(encoding="utf-8") + "One more line about the harbour.\n", encoding="utf-8")
    after = serve.snapshot(scratch.project)
    assert after != before and after[str(seed)] != before[str(seed)]
    scratch.generate()
    assert serve.snapshot(scratch.project) == after, "docs/ is MkDocs' to watch, not ours"
    (scratch.seeds / ".hidden.md").write_text("x", encoding="utf-8")
    assert serve.snapshot(scratch.project) == after


def test_regenerate_writes_docs_and_reports_it(project) -> None:
    scratch = project()
    said: list[str] = []
    assert serve.regenerate(scratch.project, said.append)
    assert (scratch.docs / "briefing" / "position.md").is_file()
    assert len(said) == 1 and said[0].startswith("serve: regenerated ")


def test_regenerate_on_bad_input_prints_the_message_and_keeps_docs(project) -> None:
    scratch = project()
    scratch.generate()
    before = scratch.docs_tree()
    scratch.topic.write_text("title: [unclosed\n", encoding="utf-8")
    said: list[str] = []
    assert not serve.regenerate(scratch.project, said.append)
    assert len(said) == 1 and said[0].startswith("error: ") and "topic.yml" in said[0]
    assert "the last good pages are still served" in said[0]
    assert scratch.docs_tree() == before


def test_mkdocs_command_serves_on_localhost_with_live_reload(tmp_path) -> None:
    command = serve.mkdocs_command(tmp_path / "mkdocs.yml", 8123)
    assert command[:4] == [sys.executable, "-m", "mkdocs", "serve"]
    assert "127.0.0.1:8123" in command and "--livereload" in command
    assert os.fspath(tmp_path / "mkdocs.yml") in command


def test_a_port_in_use_is_reported_in_one_line_without_a_traceback(project) -> None:
    import socket
    import subprocess

    scratch = project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "build_site.py",
                "serve",
                "--port",
                str(port),
                *scratch.path_options(report=scratch.root / "r.txt"),
            ],
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == (
        f"error: port {port} on 127.0.0.1 is already in use: stop the other server, "
        f"or pass another port (python build_site.py serve --port {port + 1})\n"
    )
    assert "Traceback" not in result.stdout + result.stderr
