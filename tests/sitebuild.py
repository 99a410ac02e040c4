"""Helpers shared by test_site.py and test_browser.py: build a site with the real CLI, read its HTML,
serve it on 127.0.0.1. Not a test module and not a conftest: fixtures live in the test files."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Flags from shared/notes/browser-tests.md: headless, no sandbox (root in CI), nothing fetched in the background.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def cli(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run ``python build_site.py ARGS`` from the project root, as a contributor would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "build_site.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class Build:
    """A site built by ``build_site.py build`` into a temporary folder."""

    seeds: Path
    docs: Path
    site: Path
    result: subprocess.CompletedProcess[str]


def build(workdir: Path, seeds: Path | None = None, docs_from: Path | None = None, topic: Path | None = None) -> Build:
    """Build into ``workdir``. ``docs_from`` is copied to workdir/docs first (the original is never
    touched); without it the build starts from an empty docs/ and writes its starter pages."""
    docs = workdir / "docs"
    if docs_from is not None:
        shutil.copytree(docs_from, docs)
    seeds = seeds or ROOT / "seeds"
    site = workdir / "site"
    args: list[str | Path] = [
        "build",
        "--seeds",
        seeds,
        "--docs",
        docs,
        "--site",
        site,
        "--report",
        workdir / "cleaning-report.txt",
    ]
    if topic is not None:
        args += ["--topic", topic]
    return Build(seeds, docs, site, cli(*args))


@dataclass
class ZensicalBuild:
    """The same docs/ built by Zensical (Material's successor, which reads mkdocs.yml)."""

    project: Path
    site: Path
    result: subprocess.CompletedProcess[str]


ZENSICAL_FILES = ("mkdocs.yml", "overrides", "tools")
"""What Zensical reads besides docs/ (tools/ for the MkDocs hook it ignores; copied so the config matches)."""


def zensical_build(workdir: Path, docs_from: Path) -> ZensicalBuild:
    """``zensical build --strict`` in a copy of the project: Zensical refuses a docs_dir or site_dir outside
    the folder of its config file, so mkdocs.yml, overrides/ and docs/ are copied into ``workdir``."""
    project = workdir / "zensical-project"
    project.mkdir(parents=True)
    for name in ZENSICAL_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(source, project / name)
    shutil.copytree(docs_from, project / "docs")
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFING_")}
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "--config-file", "mkdocs.yml"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return ZensicalBuild(project, project / "site", result)


HAND_WRITTEN_ASSETS = ("stylesheets", "javascripts")
"""Folders of docs/ that people write and mkdocs.yml loads on every page (extra_css, extra_javascript)."""

HOSTILE_TITLE = (
    "Breaking <script>alert(1)</script> news & <b>views</b> <img src=y onerror=alert(2)> "
    'it\'s "x" onmouseover="alert(5)'
)
"""Markup in element content, and a quote that would end an attribute the title were printed in."""

# An article whose title, metadata and lines are made of markup; every bit of it must stay text.
HOSTILE_SEED = """\
---
title: 'Breaking <script>alert(1)</script> news & <b>views</b> <img src=y onerror=alert(2)> it''s "x" onmouseover="alert(5)'
outlet: "Outlet <img src=x onerror=alert(3)>"
authors: ["[Author](javascript:alert(4))"]
published: 2025-05-07
url: "javascript:alert(1)"
kind: news
---

<script>alert(1)</script> was printed in the middle of the report on the talks.
<img src=x onerror=alert(1)> appeared where the photograph of the minister should be.
# Heading lines like this one start with a hash in Markdown and must stay text.
| a | b | is how a Markdown table row starts, and this sentence is not a table.
> quote marks start a Markdown blockquote, and this sentence is not a quote.
- item lines start a Markdown list, and this sentence is not a list item.
1. item lines start a numbered Markdown list, and this sentence is not one either.
[click](javascript:alert(1)) is a Markdown link that must never become a live link.
<a href="javascript:alert(1)">x</a> is a raw HTML link that must never become a live link.
**bold** is Markdown emphasis that must be shown with its asterisks.
Russia urged restraint on 7 May 2025 and offered to help settle the crisis between the two sides.
Russia said "talks" {: .evil } } must resume <script>alert(7)</script> on 8 May 2025, according to the ministry.
"""


def build_hostile(workdir: Path) -> Build:
    """A project with HOSTILE_SEED as its only article and a copy of the real topic.yml."""
    seeds = workdir / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "hostile-article.md").write_text(HOSTILE_SEED, encoding="utf-8")
    topic = workdir / "topic.yml"
    shutil.copyfile(ROOT / "topic.yml", topic)
    # A new project's docs/: only the hand-written assets (style and script); the build writes the rest.
    assets = workdir / "assets-only-docs"
    for folder in HAND_WRITTEN_ASSETS:
        shutil.copytree(ROOT / "docs" / folder, assets / folder)
    return build(workdir, seeds=seeds, topic=topic, docs_from=assets)


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@dataclass
class Page:
    """What a built HTML page links to and which ids it defines."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, attribute, value) for every href/src/srcset/action/data-src."""
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, values))
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.page.ids.add(values[name])
        for name in ("href", "src", "action", "poster", "data-src"):
            if name in values:
                self.page.links.append((tag, name, values[name]))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append((tag, "srcset", candidate.split()[0]))

    handle_startendtag = handle_starttag


def read_page(path: Path) -> Page:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` with ``python -m http.server`` on 127.0.0.1 and a free port; yields the base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"http.server did not answer on {url}") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
