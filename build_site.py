#!/usr/bin/env python3
"""Build the briefing site: seeds/ + topic.yml -> docs/ -> site/.

    python build_site.py            # same as `build`: generate docs/, then a strict MkDocs build into site/
    python build_site.py generate   # pages and data only
    python build_site.py check      # exit 1 if docs/ is stale or a citation does not verify; writes nothing
    python build_site.py serve      # live preview: regenerate and rebuild when seeds/, topic.yml or docs/ change

Exit status: 0 success; 1 stale docs/ or a failed site build; 2 bad input (the message names file and line).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from briefing.errors import BriefingError, StaleOutputError
from briefing.pipeline import Project, check, generate
from briefing.search import SearchIndexError, index_site

ROOT = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = Project.at(
        ROOT,
        seeds=_path(args.seeds), docs=_path(args.docs), topic=_path(args.topic), report=_path(args.report),
    )
    command = args.command or "build"
    try:
        if command == "generate":
            _generate(project, args.quiet)
        elif command == "check":
            outcome = check(project)
            if not args.quiet:
                print(f"check: {project.shown(project.docs)}/ is up to date; "
                      f"{outcome.plan.unchanged} generated files and regions, every citation verified")
        elif command == "build":
            _generate(project, args.quiet)
            build_site(project, _path(args.site) or ROOT / "site", args.quiet)
        elif command == "serve":
            serve(project, _path(args.site) or ROOT / "site", args.port, args.quiet)
    except StaleOutputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BriefingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SiteBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seeds", metavar="DIR", help="folder of articles (default: seeds/)")
    common.add_argument("--docs", metavar="DIR", help="folder MkDocs publishes (default: docs/)")
    common.add_argument("--topic", metavar="FILE", help="topic config (default: topic.yml)")
    common.add_argument("--report", metavar="FILE", help="cleaning report (default: build/cleaning-report.txt)")
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    site = argparse.ArgumentParser(add_help=False)
    site.add_argument("--site", metavar="DIR", help="where the HTML site goes (default: site/)")

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], parents=[common, site])
    sub = parser.add_subparsers(dest="command", metavar="{build,generate,check,serve}")
    sub.add_parser("build", parents=[common, site], help="generate docs/, then build the site (default)")
    sub.add_parser("generate", parents=[common], help="write pages and data into docs/ only")
    sub.add_parser("check", parents=[common], help="fail if docs/ is stale or a citation does not verify")
    serve_parser = sub.add_parser("serve", parents=[common, site], help="live preview on http://127.0.0.1:PORT/")
    serve_parser.add_argument("--port", type=int, default=8000)
    parser.set_defaults(port=8000)
    return parser


def _path(value: str | None) -> Path | None:
    return Path(value).resolve() if value else None


def _generate(project: Project, quiet: bool) -> None:
    outcome = generate(project)
    if not quiet:
        for line in outcome.summary:
            print(line)
        changed = len(outcome.plan.writes) + len(outcome.plan.deletes)
        print(f"generate: {changed} files written or removed in {project.shown(project.docs)}/, "
              f"{outcome.plan.unchanged} unchanged; cleaning report in {project.shown(project.report)}")


class SiteBuildError(Exception):
    pass


def build_site(project: Project, site_dir: Path, quiet: bool = False) -> None:
    """Strict MkDocs build into a fresh folder, swapped in only when it succeeds."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        env = {
            **os.environ,
            "BRIEFING_DOCS_DIR": str(project.docs.resolve()),
            "BRIEFING_SITE_DIR": str(staging),
            "NO_MKDOCS_2_WARNING": "1",
        }
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                   "--config-file", str(ROOT / "mkdocs.yml")]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SiteBuildError("mkdocs build --strict failed; the previous site is left as it was:\n"
                                 + (result.stderr or result.stdout).strip())
        try:
            index_site(staging)  # Pagefind's search index and UI, into site/pagefind/ (briefing/search.py)
        except SearchIndexError as error:
            raise SiteBuildError(f"{error}\nThe previous site is left as it was.") from None
        if site_dir.exists():
            old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
            site_dir.rename(old)
            staging.rename(site_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            staging.rename(site_dir)
        if not quiet:
            print(f"build: site written to {project.shown(site_dir)}/ (open {project.shown(site_dir)}/index.html, "
                  f"or run `python build_site.py serve` for http://127.0.0.1:8000/)")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _snapshot(project: Project) -> dict[str, tuple[int, int]]:
    """Modification time and size of every watched file (seeds, topic config, docs)."""
    state: dict[str, tuple[int, int]] = {}
    for folder in (project.seeds, project.docs):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                    stat = path.stat()
                    state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    if project.topic.exists():
        stat = project.topic.stat()
        state[str(project.topic)] = (stat.st_mtime_ns, stat.st_size)
    return state


def serve(project: Project, site_dir: Path, port: int, quiet: bool = False, poll_seconds: float = 0.5) -> None:
    """Rebuild on every change and serve the site on 127.0.0.1; stop with Ctrl+C."""

    def rebuild() -> None:
        try:
            _generate(project, quiet=True)
            build_site(project, site_dir, quiet=True)
            print(f"serve: rebuilt at {time.strftime('%H:%M:%S')}", flush=True)
        except (BriefingError, SiteBuildError) as error:
            print(f"error: {error} (fix it and save; the last good site is still served)", flush=True)

    rebuild()
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serve: http://127.0.0.1:{port}/ (watching {project.shown(project.seeds)}/, "
          f"{project.shown(project.topic)}, {project.shown(project.docs)}/; Ctrl+C stops)", flush=True)
    seen = _snapshot(project)
    try:
        while True:
            time.sleep(poll_seconds)
            now = _snapshot(project)
            if now != seen:
                rebuild()
                seen = _snapshot(project)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


if __name__ == "__main__":
    sys.exit(main())
