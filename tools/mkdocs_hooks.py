"""MkDocs hook (mkdocs.yml `hooks:`): show "Last update" dates only where git can give them.

mkdocs-git-revision-date-localized stops the build with a traceback when docs_dir is not inside a git
work tree (a downloaded archive, or a copy of docs/ in a temporary folder, as the tests and CI build).
Its only alternative is the build date, which would make the output depend on when it was built. So
before it runs, this hook switches it off when docs_dir has no git history, and the pages simply
have no date. Zensical ignores hooks and the plugin alike.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from typing import Any

from mkdocs.plugins import event_priority

PLUGIN = "git-revision-date-localized"
log = logging.getLogger("mkdocs.hooks.briefing")


def has_git_history(folder: str) -> bool:
    """True when ``folder`` is inside a git work tree with at least one commit (and git is installed)."""
    git = shutil.which("git")
    if git is None:
        return False
    result = subprocess.run(
        [git, "-C", folder, "log", "-1", "--format=%H"], capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and bool(result.stdout.strip())


@event_priority(100)  # before the plugin's own on_config, which is where it fails
def on_config(config: Any) -> Any:
    plugin = config.plugins.get(PLUGIN)
    if plugin is not None and plugin.config.get("enabled") and not has_git_history(config.docs_dir):
        plugin.config["enabled"] = False
        log.info("%s has no git history: pages get no 'Last update' date", config.docs_dir)
    return config
