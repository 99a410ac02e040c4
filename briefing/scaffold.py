"""``python build_site.py new DIR``: a complete new briefing, ready to build.

It writes into DIR (which must be missing or empty):

* ``topic.yml``: every key of the schema (:mod:`briefing.schema`), each with its
  doc as a comment and its example as the value, the subject's name filled in;
* ``seeds/`` with ``_README.md`` on the article formats (the ``_`` keeps it from
  being read as an article);
* ``docs/index.md`` and ``docs/about.md``, the starter pages, and the
  generator's stylesheets and scripts under ``docs/``;
* ``mkdocs.yml`` (the generator's, with the identity region of the new topic)
  and the Material overrides it names;
* ``README.md`` with the commands to build and to test it, and ``.gitignore``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import identity, schema
from .config import load_topic
from .errors import BriefingError
from .regions import region_block
from .render import environment, possessive

# Hand-written assets of the generator's own briefing that a new briefing starts from (copied when present).
ASSETS = ("overrides", "docs/stylesheets", "docs/javascripts", "docs/assets", "tools/mkdocs_hooks.py")
_WIDTH = 100


@dataclass(frozen=True, slots=True)
class Created:
    root: Path
    subject: str
    files: tuple[str, ...]


def subject_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "subject"


def create_briefing(root: Path, subject: str | None, generator: Path) -> Created:
    """Write a new briefing into ``root``; ``generator`` is the folder of build_site.py."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise BriefingError(
            "already exists and is not empty", root, hint="name a new folder; `new` never writes over anything"
        )
    name = " ".join((subject or root.name.replace("-", " ").replace("_", " ").title()).split())
    if not name:
        raise BriefingError("the subject's name is empty", hint="pass --subject NAME")
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-new-", dir=root.parent))
    try:
        files = _write_briefing(staging, name, generator, os.path.relpath(generator, root))
        if root.exists():
            root.rmdir()
        staging.rename(root)
        root.chmod(0o755)  # mkdtemp made it private
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Created(root, name, files)


def _write_briefing(root: Path, name: str, generator: Path, generator_shown: str) -> tuple[str, ...]:
    """Every file of a new briefing, written into ``root`` (a staging folder moved into place after)."""
    files: dict[str, str] = {"topic.yml": topic_yaml(name)}
    _write(root, "topic.yml", files["topic.yml"])
    topic = load_topic(root / "topic.yml", "topic.yml")
    env = environment()
    context = {
        "topic": topic,
        "topic_file": "topic.yml",
        "region": region_block,
        "generator": generator_shown,
        "subject": name,
    }
    files["seeds/_README.md"] = env.get_template("scaffold/seeds_README.md.j2").render(context)
    files["docs/index.md"] = env.get_template("starters/index.md.j2").render(context)
    files["docs/about.md"] = env.get_template("starters/about.md.j2").render(context)
    files["README.md"] = env.get_template("scaffold/README.md.j2").render(context)
    files[".gitignore"] = "site/\nbuild/\n.venv/\n"
    files["mkdocs.yml"] = _mkdocs_config(generator / "mkdocs.yml", topic)
    for relpath, text in files.items():
        _write(root, relpath, text)
    for asset in ASSETS:
        source = generator / asset
        if source.is_dir():
            shutil.copytree(source, root / asset, dirs_exist_ok=True)
            files.update({p.relative_to(root).as_posix(): "" for p in (root / asset).rglob("*") if p.is_file()})
        elif source.is_file():  # the MkDocs hook mkdocs.yml names
            (root / asset).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / asset)
            files[asset] = ""
    return tuple(sorted(files))


def _write(root: Path, relpath: str, text: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _mkdocs_config(template: Path, topic: Any) -> str:
    text = template.read_text(encoding="utf-8")
    updated = identity.updated_config(text, topic, str(template))
    if updated is None:
        raise BriefingError(
            "has no identity region to fill", template, hint="restore the '# briefing:begin identity' region from git"
        )
    return updated


# -- the commented topic config -------------------------------------------------------------------


def topic_yaml(subject: str, *, every_example: bool = False) -> str:
    """The topic config of a new briefing: every key, its doc as a comment, its example as the value.

    A key that starts empty (``Key.starts_empty``: periods, disagreement rules) is written empty, its
    example commented out below; ``every_example`` writes those examples as values too (a config
    using every key, for the schema's tests)."""
    ident = subject_id(subject)
    lines = [
        f"# The topic config of the briefing on {subject}: every name, alias, cue phrase and noise pattern",
        "# the build uses. Every key is here, explained above its value; the About page lists them too.",
        "# `python build_site.py check` validates this file and names the line of any mistake.",
        "",
    ]
    for key in schema.TOPIC.keys:
        lines.extend(_key_lines(key, 0, subject, ident, every_example))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _comment(text: str, indent: int, hanging: int = 0) -> list[str]:
    prefix = " " * indent + "# "
    return textwrap.wrap(
        text.replace("`", ""),
        width=_WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix + " " * hanging,
        break_on_hyphens=False,
    )


def _about(key: schema.Key) -> str:
    detail = key.type_words
    if key.required:
        detail += ", required"
    elif key.default not in (None, (), {}, ""):
        value = ", ".join(key.default) if isinstance(key.default, tuple) else key.default
        detail += f"; default: {value}"
    return f"{key.doc} ({detail})"


def _key_lines(key: schema.Key, indent: int, subject: str, ident: str, every_example: bool) -> list[str]:
    pad = " " * indent
    lines = _comment(_about(key), indent)
    if key.kind == "section":
        lines.append(f"{pad}{key.name}:")
        for child in key.keys:
            lines.extend(_key_lines(child, indent + 2, subject, ident, every_example))
        return lines
    if key.kind == "records":
        for child in key.keys:
            lines.extend(_comment(f"  {child.name}: {_about(child)}", indent, hanging=4))
    example = _value_lines(key, _fill(key.sample, subject, ident), pad)
    if key.starts_empty and not every_example:
        return [
            *lines,
            f"{pad}{key.name}: []",
            f"{pad}# For example:",
            *(f"{pad}# {line[len(pad) :]}" for line in example),
        ]
    return lines + example


def _value_lines(key: schema.Key, example: Any, pad: str) -> list[str]:
    if key.kind == "records" and example:
        dumped = yaml.safe_dump(example, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6)
        return [f"{pad}{key.name}:", *(f"{pad}  {line}" for line in dumped.rstrip("\n").split("\n"))]
    return [f"{pad}{key.name}: {_flow(example, key.kind == 'pattern')}"]


def _fill(value: Any, subject: str, ident: str) -> Any:
    if isinstance(value, str):
        return (
            value.replace("{subject_id}", ident)
            .replace("{subject}'s", possessive(subject))
            .replace("{subject}", subject)
        )
    if isinstance(value, list):
        return [_fill(item, subject, ident) for item in value]
    if isinstance(value, dict):
        return {k: _fill(v, subject, ident) for k, v in value.items()}
    return value


def _flow(value: Any, pattern: bool) -> str:
    if pattern and isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    return dumped.strip().removesuffix("...").strip()
