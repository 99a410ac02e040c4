"""The site's identity in ``mkdocs.yml``, taken from the topic config.

The site's name, description and addresses are written once, in the topic
config (``title``, ``description``, ``site``). ``mkdocs.yml`` holds them in a
generated region between ``# briefing:begin identity sum=…`` and
``# briefing:end identity``, which ``generate`` fills and ``check`` compares, like
the regions in ``docs/``. The values are plain, so MkDocs and Zensical read them
alike. A build with another topic config (``--topic other.yml``) runs on a copy of
``mkdocs.yml`` beside it with the region filled from that topic
(:func:`config_for`), so a site is never published under another topic's name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .config import Topic
from .errors import OwnershipError, StaleOutputError
from .regions import checksum

REGION = "identity"
_BEGIN = re.compile(r"^# briefing:begin identity sum=(?P<sum>[0-9a-f]{12})\s*$")
_END = re.compile(r"^# briefing:end identity\s*$")


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    """The mkdocs.yml key."""
    variable: str
    """The environment variable ``build`` sets."""
    value: str


def settings(topic: Topic) -> tuple[Setting, ...]:
    """The mkdocs.yml identity keys, with this topic's values ("" where the topic gives none)."""
    repository = (topic.site.repository or "").rstrip("/")
    repo_name = urlparse(repository).path.strip("/") if repository else ""
    edit_uri = f"edit/{topic.site.branch}/docs/" if repository else ""
    values = (
        ("site_name", topic.site_name),
        ("site_description", " ".join(topic.description.split())),
        ("site_url", topic.site.url or ""),
        ("repo_url", repository),
        ("repo_name", repo_name),
        ("edit_uri", edit_uri),
    )
    return tuple(Setting(key, f"BRIEFING_{key.upper()}", value) for key, value in values)


def region_text(topic: Topic) -> str:
    lines = [f"{s.key}: {json.dumps(s.value, ensure_ascii=False)}" for s in settings(topic)]
    return "\n".join(lines) + "\n"


#: The config a build with another topic runs on, beside mkdocs.yml so its relative paths hold.
TOPIC_CONFIG = ".briefing-mkdocs.yml"


def config_for(config: Path, topic: Topic, shown: str) -> Path:
    """The site config to build ``topic`` with: ``config`` itself when its region already holds this
    topic's identity, else a copy beside it (``TOPIC_CONFIG``) with the region filled from ``topic``."""
    current = config.read_text(encoding="utf-8")
    updated = updated_config(current, topic, shown)
    if updated is None or updated == current:
        return config
    copy = config.with_name(TOPIC_CONFIG)
    copy.write_text(updated, encoding="utf-8")
    return copy


def region(topic: Topic) -> str:
    """The whole region, markers included, as ``mkdocs.yml`` holds it."""
    text = region_text(topic)
    return (
        f"# briefing:begin identity sum={checksum(text)[:12]}\n"
        f"# Generated from the topic config ({topic.path}): edit it there, then run python build_site.py\n"
        f"{text}# briefing:end identity\n"
    )


def updated_config(current: str, topic: Topic, shown: str) -> str | None:
    """``mkdocs.yml`` with its identity region filled from ``topic``; None when it has no region."""
    lines = current.split("\n")
    begin = next((i for i, line in enumerate(lines) if _BEGIN.match(line)), None)
    if begin is None:
        return None
    end = next((i for i in range(begin + 1, len(lines)) if _END.match(lines[i])), None)
    if end is None:
        raise OwnershipError(
            "the identity region is never closed", shown, begin + 1, "restore the line '# briefing:end identity'"
        )
    body = [line for line in lines[begin + 1 : end] if not line.startswith("# ")]
    content = "\n".join(body) + "\n" if body else ""
    match = _BEGIN.match(lines[begin])
    assert match is not None
    if checksum(content)[:12] != match["sum"]:
        raise OwnershipError(
            "the generated identity region was edited by hand",
            shown,
            begin + 2,
            hint=f"set the site's name, description and addresses in {topic.path} (title, description, site) "
            "instead; to discard the edit, copy the region back from git",
        )
    lines[begin : end + 1] = region(topic).rstrip("\n").split("\n")
    return "\n".join(lines)


def sync(config: Path, topic: Topic, shown: str, write: bool) -> str | None:
    """Fill the identity region of ``config`` (``write``), or fail when it is stale (``check``).

    Returns a notice for the contributor, or None when all is well.
    """
    if not config.exists():
        return None
    current = config.read_text(encoding="utf-8")
    updated = updated_config(current, topic, shown)
    if updated is None:
        return (
            f"{shown} has no identity region, so the site's name and addresses are not taken from "
            f"{topic.path}; to take them, put these lines in it:\n" + region(topic)
        )
    if updated == current:
        return None
    if not write:
        raise StaleOutputError(
            f"{shown}: the identity region is not what generate would write from {topic.path}",
            hint="run: python build_site.py generate, and commit the result",
        )
    config.write_text(updated, encoding="utf-8", newline="\n")
    return None
