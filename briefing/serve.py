"""Live preview: regenerate docs/ when a seed or the topic config changes, and let ``mkdocs serve`` do the rest.

``mkdocs serve`` (MkDocs' own live-reload server, run as a subprocess with the project's mkdocs.yml) watches
docs/, rebuilds the site and reloads every open browser tab. This module adds the one thing it cannot know:
that docs/ is generated from seeds/ and the topic config. It polls those (every ``poll_seconds``) and
regenerates docs/ when they change; MkDocs sees the new pages and reloads the browser. A bad seed or
config only prints its message: the last good pages stay served until the next save fixes it.

The MkDocs subprocess keeps the pipeline package free of MkDocs imports (see the style notes).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import BriefingError
from .pipeline import Project, generate

Snapshot = dict[str, tuple[int, int]]


class ServeError(Exception):
    """The preview cannot start (the message says why and what to do)."""


def check_port(port: int) -> None:
    """Fail with a message, not MkDocs' traceback, when 127.0.0.1:PORT is taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ServeError(
                f"port {port} on 127.0.0.1 is already in use: stop the other server, "
                f"or pass another port (python build_site.py serve --port {port + 1})"
            ) from None


def _files(folder: Path) -> Iterator[Path]:
    for path in folder.rglob("*"):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


def snapshot(project: Project) -> Snapshot:
    """Modification time and size of every file the generated docs/ depend on (seeds and topic config)."""
    paths = list(_files(project.seeds)) if project.seeds.is_dir() else []
    if project.topic.is_file():
        paths.append(project.topic)
    state: Snapshot = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # removed between listing and stat: the next poll sees it gone
            continue
        state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def regenerate(project: Project, say: Callable[[str], None]) -> bool:
    """Generate docs/; on bad input print the message (naming file and line) and keep serving."""
    try:
        outcome = generate(project)
    except BriefingError as error:
        say(f"error: {error} (fix it and save; the last good pages are still served)")
        return False
    changed = len(outcome.plan.writes) + len(outcome.plan.deletes)
    say(
        f"serve: regenerated {project.shown(project.docs)}/ at {time.strftime('%H:%M:%S')} "
        f"({changed} files written or removed)"
    )
    return True


def mkdocs_command(config_file: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(config_file),
        "--dev-addr",
        f"127.0.0.1:{port}",
        "--livereload",
    ]


def _stop_on_sigterm() -> None:
    """Let SIGTERM end the preview like Ctrl+C does, so the MkDocs subprocess is stopped too."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: the caller owns signal handling
        pass


def live_preview(
    project: Project, config_file: Path, port: int = 8000, quiet: bool = False, poll_seconds: float = 0.5
) -> int:
    """Serve the site with live reload on 127.0.0.1:PORT until Ctrl+C; returns MkDocs' exit status."""

    def say(message: str) -> None:
        if not quiet or message.startswith("error:"):
            print(message, flush=True)

    check_port(port)
    regenerate(project, say)
    _stop_on_sigterm()
    env = {**os.environ, "BRIEFING_DOCS_DIR": str(project.docs.resolve()), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(mkdocs_command(config_file, port), env=env, cwd=config_file.parent)
    say(
        f"serve: watching {project.shown(project.seeds)}/ and {project.shown(project.topic)} (regenerate), "
        f"and {project.shown(project.docs)}/ (MkDocs reloads the browser); Ctrl+C stops"
    )
    seen = snapshot(project)
    stopped = False
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            now = snapshot(project)
            if now != seen:
                seen = now
                regenerate(project, say)
                seen = snapshot(project)
    except KeyboardInterrupt:
        stopped = True
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    # Stopped by Ctrl+C or SIGTERM: a normal end, whatever status MkDocs gave on the way out.
    return 0 if stopped or server.returncode == 0 else server.returncode
