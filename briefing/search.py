"""Site search: a Pagefind index of the built site, made after the MkDocs build.

Pagefind (https://pagefind.app, the ``pagefind-bin`` package pins its binary) reads the HTML in
``site/`` offline and writes a chunked index and its search UI into ``site/pagefind/``. In the
browser, nothing is fetched until the reader opens search (``overrides/partials/search.html``
loads the UI then); a query fetches only the index chunks and result fragments it needs, so the
first result costs about the same few tens of kilobytes at 10 articles or at 3,000. Material's
own search would fetch the whole index (megabytes at 1,000 articles) on every first page view.

Only each page's article is indexed (not the navigation, header or footer), without the
paragraph-link symbols and the edit buttons.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"
"""The folder of ``site/`` that holds the index and the UI."""
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = (".headerlink", ".md-content__button", ".md-source-file")
TIMEOUT = 600


class SearchIndexError(Exception):
    """Pagefind failed; the message holds its output."""


def pagefind_command(site_dir: Path) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        "en",
        "--quiet",
    ]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index and UI into ``site_dir/pagefind/``."""
    try:
        result = subprocess.run(
            pagefind_command(site_dir), capture_output=True, text=True, check=False, timeout=TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"the search indexer (pagefind) could not run: {error}") from None
    output = (result.stderr + result.stdout).strip()
    if result.returncode != 0 or not (site_dir / BUNDLE / "pagefind-entry.json").is_file():
        raise SearchIndexError(
            "the search indexer (pagefind) failed; is pagefind-bin installed "
            "(pip install -r requirements.txt)?\n" + output
        )
