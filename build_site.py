#!/usr/bin/env python3
"""Build the briefing site: seeds/ + topic.yml -> docs/ -> site/.

    python build_site.py            # same as `build`: generate docs/, then a strict MkDocs build into site/
    python build_site.py generate   # pages and data only
    python build_site.py check      # exit 1 if docs/ is stale or a citation does not verify; writes nothing
    python build_site.py serve      # live preview: regenerate and rebuild when seeds/, topic.yml or docs/ change
    python build_site.py new DIR    # start a briefing on another subject in DIR

Exit status: 0 success; 1 stale docs/, a failed site build, or output cut short (`| head`);
2 bad input (the message names file and line).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from briefing import identity
from briefing.config import Topic, load_topic
from briefing.errors import BriefingError, StaleOutputError
from briefing.pipeline import Outcome, Project, check, generate
from briefing.scaffold import create_briefing
from briefing.serve import ServeError, live_preview
from briefing.search import SearchIndexError, index_site

ROOT = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    command = args.command or "build"
    _refuse_misplaced(parser, args, command)
    try:
        if command == "new":
            _new(Path(args.directory), args.subject, args.quiet)
            return 0
        root = _path(args.project) or ROOT
        project = Project.at(
            root,
            seeds=_path(args.seeds),
            docs=_path(args.docs),
            topic=_path(args.topic),
            report=_path(args.report),
        )
        site_dir = _path(args.site) or root / "site"
        if command == "generate":
            _generate(project, args.quiet, args.adopt)
        elif command == "check":
            outcome = check(project)
            _sync_identity(project, outcome.topic, write=False)
            if not args.quiet:
                print(
                    f"check: {project.shown(project.docs)}/ is up to date; "
                    f"{outcome.plan.unchanged} generated files and regions, every citation verified"
                )
        elif command == "build":
            outcome = _generate(project, args.quiet)
            build_site(project, site_dir, args.quiet, outcome.topic)
        elif command == "serve":
            serve(project, site_dir, args.port, args.quiet)
        sys.stdout.flush()  # here, so that a closed pipe is caught below rather than at exit
    except BrokenPipeError:
        return _reader_gone()
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


def _reader_gone() -> int:
    """The program reading our output has stopped (``generate | head``): end quietly, as Unix tools do.

    What was built is complete (``docs/`` is published before the summary is printed); only the
    rest of the printing, and for ``build`` the site build, are left. Python would otherwise print
    a traceback, and again at exit while flushing; so standard output goes to ``/dev/null``."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 1


# Options every briefing command takes, before or after the subcommand: (flags, metavar, help).
_PATH_OPTIONS = (
    (
        "--project",
        "DIR",
        "the briefing's folder, holding seeds/, docs/, topic.yml and mkdocs.yml (default: this script's folder)",
    ),
    ("--seeds", "DIR", "folder of articles (default: PROJECT/seeds)"),
    ("--docs", "DIR", "folder MkDocs publishes (default: PROJECT/docs)"),
    ("--topic", "FILE", "topic config (default: PROJECT/topic.yml)"),
    ("--report", "FILE", "cleaning report (default: PROJECT/build/cleaning-report.txt)"),
)
_SITE_COMMANDS = ("build", "serve")
_BRIEFING_COMMANDS = ("build", "generate", "check", "serve")

_EPILOG = """Options may stand before or after the command; an option a command does not use is refused.

examples:
  python build_site.py                                  build docs/ and site/ from seeds/ and topic.yml
  python build_site.py check                            exit 1 if docs/ is stale; writes nothing
  python build_site.py check --topic other.yml          the same, with another topic config
  python build_site.py --topic other.yml check          (the same: options work on either side)
  python build_site.py generate --seeds ../articles     read the articles from another folder
  python build_site.py generate --adopt                 after docs/.briefing-manifest.json was lost
  python build_site.py build --docs /tmp/docs --site /tmp/site --report /tmp/report.txt
  python build_site.py --project ../brazil build        build the briefing in ../brazil
  python build_site.py serve --port 8001 -q             live preview on http://127.0.0.1:8001/
  python build_site.py new ../brazil --subject Brazil   start a briefing on another subject
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_options(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="{build,generate,check,serve,new}")
    commands = {
        "build": "generate docs/, then build the site (the default)",
        "generate": "write pages and data into docs/ only",
        "check": "exit 1 if docs/ or mkdocs.yml is stale or a citation does not verify",
        "serve": "live preview on http://127.0.0.1:PORT/, rebuilt on every save",
    }
    for name, text in commands.items():
        command = sub.add_parser(
            name, help=text, description=text, epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        _add_options(
            command, top_level=False, site=name in _SITE_COMMANDS, port=name == "serve", adopt=name == "generate"
        )
    new = sub.add_parser(
        "new",
        help="start a briefing on another subject in DIR",
        description="Write a complete new briefing into DIR (which must not exist or be empty): "
        "a commented topic config, seeds/, starter pages, mkdocs.yml and a README. "
        "It builds at once.",
        epilog="example:\n  python build_site.py new ../brazil --subject Brazil",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.add_argument("directory", metavar="DIR", help="the new briefing's folder")
    new.add_argument("--subject", metavar="NAME", help="the subject's name, e.g. Brazil (default: from DIR's name)")
    new.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only")
    return parser


def _add_options(
    parser: argparse.ArgumentParser, top_level: bool, site: bool = True, port: bool = True, adopt: bool = True
) -> None:
    """The options on the main parser (real defaults) and on a subcommand (no defaults, so a value given
    before the subcommand is not overwritten by the subcommand's default)."""
    unset = None if top_level else argparse.SUPPRESS
    for flag, metavar, text in _PATH_OPTIONS:
        parser.add_argument(flag, metavar=metavar, default=unset, help=text)
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="print errors only",
    )
    if site:
        parser.add_argument(
            "--site",
            metavar="DIR",
            default=unset,
            help="where the HTML site goes (build, serve; default: PROJECT/site)",
        )
    if port:
        parser.add_argument(
            "--port",
            metavar="N",
            type=int,
            default=None if top_level else argparse.SUPPRESS,
            help="port of the live preview (serve; default: 8000)",
        )
    if adopt:
        parser.add_argument(
            "--adopt",
            action="store_true",
            default=False if top_level else argparse.SUPPRESS,
            help="generate, after the manifest was lost: take back the generated files that are "
            "exactly what the build would write (nothing else is touched)",
        )


def _refuse_misplaced(parser: argparse.ArgumentParser, args: argparse.Namespace, command: str) -> None:
    """An option given where the command does not use it is an error, never silently ignored."""
    if command == "new":
        given = [flag for flag, _m, _t in _PATH_OPTIONS if getattr(args, flag[2:]) is not None]
        given += [flag for flag in ("--site", "--port") if getattr(args, flag[2:]) is not None]
        if given:
            parser.error(
                f"'new' does not take {', '.join(given)}: it writes a whole briefing into DIR; "
                f"run the other commands with --project DIR"
            )
        return
    if args.adopt and command != "generate":
        parser.error(f"--adopt applies to generate, not to '{command}'")
    if args.site is not None and command not in _SITE_COMMANDS:
        parser.error(f"--site applies to build and serve, not to '{command}'")
    if args.port is None:
        args.port = 8000
    elif command != "serve":
        parser.error(f"--port applies to serve, not to '{command}'")


def _path(value: str | None) -> Path | None:
    return Path(value).resolve() if value else None


def _generate(project: Project, quiet: bool, adopt: bool = False) -> Outcome:
    outcome = generate(project, adopt=adopt)
    notice = _sync_identity(project, outcome.topic, write=True)
    if not quiet:
        for line in outcome.summary:
            print(line)
        if notice:
            print(f"note: {notice}")
        changed = len(outcome.plan.writes) + len(outcome.plan.deletes)
        print(
            f"generate: {changed} files written or removed in {project.shown(project.docs)}/, "
            f"{outcome.plan.unchanged} unchanged; cleaning report in {project.shown(project.report)}"
        )
    return outcome


def _sync_identity(project: Project, topic: Topic, write: bool) -> str | None:
    """Fill (or, for check, compare) the identity region of the project's mkdocs.yml from the topic config.

    Only when docs/ is the project's own: a build into another folder (``--docs``) leaves mkdocs.yml alone
    and builds from a filled copy of it instead (see :func:`build_site`).
    """
    if project.docs.resolve() != (project.root / "docs").resolve():
        return None
    config = project.root / "mkdocs.yml"
    return identity.sync(config, topic, project.shown(config), write)


def _new(directory: Path, subject: str | None, quiet: bool) -> None:
    created = create_briefing(directory.resolve(), subject, ROOT)
    project = Project.at(created.root)
    _generate(project, quiet=True)
    if not quiet:
        shown = os.path.relpath(created.root)
        if shown.startswith(".."):
            shown = str(created.root)
        print(f"new: a briefing on {created.subject} in {shown}/ ({len(created.files)} files); next:")
        print(f"  1. describe the subject in {shown}/topic.yml (every key is explained there);")
        print(f"  2. save articles in {shown}/seeds/ (formats: {shown}/seeds/_README.md);")
        print(f"  3. build it: python {os.path.relpath(ROOT / 'build_site.py')} --project {shown}")


class SiteBuildError(Exception):
    pass


def build_site(project: Project, site_dir: Path, quiet: bool = False, topic: Topic | None = None) -> None:
    """Strict MkDocs build into a fresh folder, swapped in only when it succeeds.

    The site's name and addresses come from the topic config in use (see :mod:`briefing.identity`):
    with ``--topic other.yml`` MkDocs reads a copy of mkdocs.yml filled from it, never topic.yml's name.
    Holds the docs lock, so no build changes docs/ while MkDocs reads it; first puts back or removes
    what a killed build left (briefing/site.py). A folder it cannot write is one line, not a traceback.
    """
    # Imported here to keep this change inside build_site() while the CLI above is restructured.
    from briefing.errors import write_error
    from briefing.lock import docs_lock
    from briefing.site import building_prefix, recover_site, swap_in

    topic = topic or load_topic(project.topic, project.shown(project.topic))  # loaded once by the caller
    config = project.root / "mkdocs.yml"
    if not config.exists():
        raise BriefingError(
            "the site config is missing",
            project.shown(config),
            hint="a briefing made with `build_site.py new` has one; or copy this project's",
        )
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with docs_lock(project.docs, project.shown(project.docs)):
            recover_site(site_dir)
            staging = Path(tempfile.mkdtemp(prefix=building_prefix(site_dir), dir=site_dir.parent))
            try:
                site_config = identity.config_for(config, topic, project.shown(config))
                env = {
                    **os.environ,
                    "BRIEFING_DOCS_DIR": str(project.docs.resolve()),
                    "BRIEFING_SITE_DIR": str(staging),
                    "NO_MKDOCS_2_WARNING": "1",
                }
                command = [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "build",
                    "--strict",
                    "--quiet",
                    "--config-file",
                    str(site_config),
                ]
                try:
                    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
                finally:
                    if site_config != config:
                        site_config.unlink(missing_ok=True)
                if result.returncode != 0:
                    raise SiteBuildError(
                        "mkdocs build --strict failed; the previous site is left as it was:\n"
                        + (result.stderr or result.stdout).strip()
                    )
                try:
                    index_site(staging)  # Pagefind's search index and UI, into site/pagefind/ (briefing/search.py)
                except SearchIndexError as error:
                    raise SiteBuildError(f"{error}\nThe previous site is left as it was.") from None
                swap_in(staging, site_dir)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        raise write_error(error, f"{project.shown(site_dir)}/", "the previous site is left as it was") from None
    if not quiet:
        print(
            f"build: site written to {project.shown(site_dir)}/ (open {project.shown(site_dir)}/index.html, "
            f"or run `python build_site.py serve` for http://127.0.0.1:8000/)"
        )


def serve(project: Project, site_dir: Path, port: int, quiet: bool = False, poll_seconds: float = 0.5) -> None:
    """Live preview with MkDocs' own live-reload server (briefing/serve.py); stop with Ctrl+C.

    ``mkdocs serve`` builds the site in a temporary folder, so ``site_dir`` is left as it is."""
    try:
        status = live_preview(project, project.root / "mkdocs.yml", port=port, quiet=quiet, poll_seconds=poll_seconds)
    except ServeError as error:
        raise SiteBuildError(str(error)) from None
    if status != 0:
        raise SiteBuildError(f"mkdocs serve stopped with exit status {status} (its message is above)")


if __name__ == "__main__":
    sys.exit(main())
