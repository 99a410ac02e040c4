"""Read stage: ``seeds/`` -> tuple of :class:`Source`.

A seed is either Markdown with YAML front matter above the article text, or a
plain ``.txt`` file whose title, date and authors are inferred from the text.
The article text itself is kept exactly as collected; cleaning happens later.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .config import MetadataRules, Topic
from .errors import BriefingError
from .model import SOURCE_KINDS, Source, SourceMeta
from .yamlio import did_you_mean, load_yaml

SEED_SUFFIXES = (".md", ".txt")
MAX_SEED_BYTES = 1_000_000
FRONT_MATTER_KEYS = ("title", "outlet", "authors", "published", "url", "kind")
_TITLE_MAX_WORDS = 24
# Seed file names reach HTML (edit links, comments, code spans): nothing that is markup.
_SAFE_NAME = re.compile(r"\w[\w .-]*")
_TITLE_SEPARATORS = (" – ", " — ", " | ", " - ")


def seed_files(seeds_dir: Path) -> list[Path]:
    """The seed files in a folder, sorted by name; ``_*`` and ``.*`` files are skipped."""
    if not seeds_dir.is_dir():
        raise BriefingError("seeds folder not found", seeds_dir, hint="create it or pass --seeds DIR")
    files = sorted(
        p for p in seeds_dir.iterdir()
        if p.is_file() and p.suffix.lower() in SEED_SUFFIXES and not p.name.startswith(("_", "."))
    )
    return files  # none is no error: the build makes a site that says how to add the first article


def source_id(path: Path) -> str:
    """The stable id of a seed: its file name without suffix, as a URL slug."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def read_seeds(seeds_dir: Path, topic: Topic, display_root: Path | None = None) -> tuple[Source, ...]:
    sources: list[Source] = []
    owners: dict[str, Path] = {}
    for path in seed_files(seeds_dir):
        shown = display_path(path, display_root)
        ident = source_id(path)
        if not ident:
            raise BriefingError("file name gives an empty id", shown, hint="rename it with letters or digits")
        if not _SAFE_NAME.fullmatch(path.stem):
            raise BriefingError("file name may use only letters, digits, spaces, '.', '_' and '-'", shown,
                                hint=f"rename it, e.g. to {ident}{path.suffix.lower()}")
        if ident in owners:
            raise BriefingError(
                f"gives the same id '{ident}' as {display_path(owners[ident], display_root)}",
                shown, hint="rename one of the two files",
            )
        owners[ident] = path
        sources.append(read_seed(path, ident, shown, topic.metadata, topic.cleaning.outlets))
    return tuple(sources)


def display_path(path: Path, root: Path | None) -> str:
    """A path as a contributor would type it: relative to the project root when inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def read_seed(
    path: Path, ident: str, shown: str, rules: MetadataRules, outlets: tuple[str, ...] = ()
) -> Source:
    raw = path.read_bytes()
    if len(raw) > MAX_SEED_BYTES:
        raise BriefingError(
            f"file is {len(raw):,} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one article",
            shown, hint="split it or trim what is not the article",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BriefingError("not valid UTF-8", shown, line, "save the file as UTF-8") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise BriefingError("file is empty", shown, hint="add the article text or delete the file")

    if text.startswith("---\n"):
        meta, body, body_line = _front_matter(text, shown)
        inferred: tuple[str, ...] = ()
    else:
        body, body_line = text, 1
        meta, inferred = infer_meta(body, rules, outlets)
    if not body.strip():
        raise BriefingError("no article text after the front matter", shown, body_line)
    return Source(id=ident, path=shown, meta=meta, body=body, body_line=body_line, inferred=inferred)


def _front_matter(text: str, shown: str) -> tuple[SourceMeta, str, int]:
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise BriefingError("front matter is not closed", shown, 1, "end it with a line '---'")
    doc = load_yaml("\n".join(lines[1:end]), shown, line_offset=1)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise BriefingError("front matter must be a mapping of keys to values", shown, 2,
                            "write it as 'key: value' lines")
    for key in data:
        if str(key) not in FRONT_MATTER_KEYS:
            hint = did_you_mean(str(key), FRONT_MATTER_KEYS)
            if hint is None and str(key).lower() in ("date", "published_at", "pubdate"):
                hint = "did you mean 'published'?"
            raise BriefingError(f"unknown front-matter key '{key}'", shown, doc.line((str(key),)),
                                hint or "allowed keys: " + ", ".join(FRONT_MATTER_KEYS))
    meta = SourceMeta(
        title=_text(doc, data, "title"),
        outlet=_text(doc, data, "outlet"),
        authors=_authors(doc, data),
        published=_date(doc, data),
        url=_text(doc, data, "url"),
        kind=_kind(doc, data),
    )
    body = "\n".join(lines[end + 1:])
    return meta, body, end + 2


def _text(doc: Any, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list, bool)):
        raise doc.error((key,), "expected text")
    return str(value).strip() or None


def _authors(doc: Any, data: dict[str, Any]) -> tuple[str, ...]:
    value = data.get("authors")
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise doc.error(("authors",), "expected a list of names")
    return tuple(v.strip() for v in value)


def _date(doc: Any, data: dict[str, Any]) -> date | None:
    value = data.get("published")
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise doc.error(("published",), f"'{value}' is not a date",
                        "write it as YYYY-MM-DD, or leave it empty") from None


def _kind(doc: Any, data: dict[str, Any]) -> str | None:
    value = _text(doc, data, "kind")
    if value is None:
        return None
    if value not in SOURCE_KINDS:
        hint = did_you_mean(value, SOURCE_KINDS) or ""
        raise doc.error(("kind",), f"expected one of {', '.join(SOURCE_KINDS)}, got '{value}'", hint or None)
    return value


def infer_meta(body: str, rules: MetadataRules, outlets: tuple[str, ...] = ()) -> tuple[SourceMeta, tuple[str, ...]]:
    """Title, outlet, date and authors as far as a plain text shows them."""
    inferred: list[str] = []
    title = outlet = None
    lines = [line.strip() for line in body.split("\n")]
    first = next((line for line in lines if line), "")
    if rules.date_header is not None and rules.date_header.match(first):
        first = ""  # a dateline, not a title
    if first and not first.endswith(".") and len(first.split()) <= _TITLE_MAX_WORDS:
        title, outlet = split_title_outlet(first, outlets)
        inferred.append("title")
        if outlet:
            inferred.append("outlet")
    published = None
    if rules.date_header is not None:
        match = rules.date_header.search(body)
        if match:
            try:
                published = date.fromisoformat(match.group(1))
                inferred.append("published")
            except ValueError:
                published = None
    authors: list[str] = []
    for line in lines:
        for name in byline_authors(line, rules):
            if name not in authors:
                authors.append(name)
    if authors:
        inferred.append("authors")
    meta = SourceMeta(title=title, outlet=outlet, authors=tuple(authors), published=published)
    return meta, tuple(inferred)


def split_title_outlet(line: str, outlets: tuple[str, ...]) -> tuple[str, str | None]:
    """``"Some title – Outlet"`` -> ``("Some title", "Outlet")`` when the tail is an outlet name."""
    for separator in _TITLE_SEPARATORS:
        head, sep, tail = line.rpartition(separator)
        if sep and head and tail:
            known = {o.casefold(): o for o in outlets}
            if tail.casefold() in known:
                return head.strip(), known[tail.casefold()]
            words = tail.split()
            if len(words) <= 3 and all(w[:1].isupper() for w in words):
                return head.strip(), tail.strip()
    return line, None


def byline_authors(paragraph: str, rules: MetadataRules) -> list[str]:
    """Names a byline paragraph gives (may be empty for "The writer is a …")."""
    names: list[str] = []
    for rule in rules.bylines:
        for match in rule.pattern.finditer(paragraph):
            name = match.groupdict().get("authors")
            if name:
                for part in re.split(r",\s*|\s+and\s+", name.strip()):
                    if part and part not in names:
                        names.append(part.strip())
    return names


def is_byline(paragraph: str, rules: MetadataRules) -> bool:
    return any(rule.pattern.search(paragraph) for rule in rules.bylines)
