"""Read stage: ``seeds/`` -> tuple of :class:`Source`.

A seed is one of:

- Markdown (or text) with YAML front matter above the article text;
- plain text with ``key: value`` header lines (``url``, ``title``, ``outlet``,
  ``date``, ``author``/``authors``, ``kind``) above a blank line;
- plain text whose title, date and authors are inferred from the text;
- a saved web page (``.html``/``.htm``), whose article text and metadata are
  extracted by trafilatura (see :mod:`briefing.html_page`).

The article text itself is kept exactly as collected; cleaning happens later.
Only regular files directly inside the seeds folder are read: symbolic links,
folders, FIFOs, sockets and devices named like a seed are refused, and every
other entry that is skipped is named in a notice.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .config import MetadataRules, Topic
from .errors import BriefingError
from .escape import CONTROL_CHARS
from .html_page import HTML_SUFFIXES, read_html_seed
from .model import SOURCE_KINDS, Source, SourceMeta
from .yamlio import did_you_mean, load_yaml

SEED_SUFFIXES = (".md", ".txt", *HTML_SUFFIXES)
MAX_SEED_BYTES = 1_000_000
FRONT_MATTER_KEYS = ("title", "outlet", "authors", "published", "url", "kind")
#: Header-line keys of a plain-text seed -> the metadata field each fills.
HEADER_KEYS = {
    "url": "url",
    "title": "title",
    "outlet": "outlet",
    "date": "published",
    "published": "published",
    "author": "authors",
    "authors": "authors",
    "kind": "kind",
}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z_-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)")
_HEADER_DATE_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_TITLE_MAX_WORDS = 24
_AUTHOR_SEPARATOR = re.compile(r"\s*[;,]\s*|\s+and\s+")
# Seed file names reach HTML (edit links, comments, code spans): nothing that is markup.
_SAFE_NAME = re.compile(r"\w[\w .-]*")
_TITLE_SEPARATORS = (" – ", " — ", " | ", " - ")


@dataclass(frozen=True, slots=True)
class SeedListing:
    """The seed files of a folder (sorted by name) and the entries skipped, each with the reason."""

    files: tuple[Path, ...]
    skipped: tuple[tuple[Path, str], ...]


def list_seeds(seeds_dir: Path, display_root: Path | None = None) -> SeedListing:
    """Sort the entries of the seeds folder into seed files, skipped entries and refusals.

    Nothing is opened here, so a FIFO can never block the build. ``_*`` and ``.*``
    entries are skipped; an entry named like a seed must be a regular file inside
    the folder, anything else (symbolic link, folder, FIFO, socket, device) is an error.
    A ``README`` (any suffix) explains the folder to contributors and is skipped too.
    """
    if not seeds_dir.is_dir():
        raise BriefingError("seeds folder not found", seeds_dir, hint="create it or pass --seeds DIR")
    root = seeds_dir.resolve()
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for entry in sorted(os.scandir(seeds_dir), key=lambda e: e.name):
        path = Path(entry.path)
        shown = display_path(path, display_root)
        if entry.name.startswith((".", "_")):
            skipped.append((path, "hidden or draft (the name starts with '.' or '_')"))
            continue
        if path.stem.upper() == "README" and not entry.is_symlink():
            skipped.append((path, "a README for contributors, not an article"))
            continue
        if entry.is_symlink():
            raise BriefingError(
                "is a symbolic link; a seed must be a regular file inside the seeds folder",
                shown,
                hint="copy the article into the seeds folder instead of linking to it",
            )
        mode = entry.stat(follow_symlinks=False).st_mode
        if path.suffix.lower() not in SEED_SUFFIXES:
            what = "a folder" if stat.S_ISDIR(mode) else f"not an article file ({', '.join(SEED_SUFFIXES)})"
            skipped.append((path, what))
            continue
        if stat.S_ISDIR(mode):
            raise BriefingError(
                "is a folder named like an article file", shown, hint="rename it or move it out of the seeds folder"
            )
        if not stat.S_ISREG(mode):
            raise BriefingError(
                f"is a {_file_type(mode)}, not a regular file",
                shown,
                hint="only article files belong in the seeds folder",
            )
        if root not in path.resolve().parents:
            raise BriefingError(
                "resolves to a place outside the seeds folder", shown, hint="copy the article into the seeds folder"
            )
        files.append(path)
    return SeedListing(tuple(files), tuple(skipped))


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"


def seed_files(seeds_dir: Path, display_root: Path | None = None) -> list[Path]:
    """The seed files in a folder, sorted by name (see :func:`list_seeds`)."""
    return list(list_seeds(seeds_dir, display_root).files)  # none is no error: the site says how to add one


def skipped_notices(seeds_dir: Path, display_root: Path | None = None) -> tuple[str, ...]:
    """One line per entry of the seeds folder that is not read, e.g. ``seeds/notes.rst: skipped (…)``."""
    if not seeds_dir.is_dir():
        return ()
    return tuple(
        f"{display_path(path, display_root)}: skipped, {why}"
        for path, why in list_seeds(seeds_dir, display_root).skipped
    )


def source_id(path: Path) -> str:
    """The stable id of a seed: its file name without suffix, as a URL slug."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def read_seeds(seeds_dir: Path, topic: Topic, display_root: Path | None = None) -> tuple[Source, ...]:
    sources: list[Source] = []
    owners: dict[str, Path] = {}
    for path in seed_files(seeds_dir, display_root):
        shown = display_path(path, display_root)
        ident = source_id(path)
        if not ident:
            raise BriefingError("file name gives an empty id", shown, hint="rename it with letters or digits")
        if not _SAFE_NAME.fullmatch(path.stem):
            raise BriefingError(
                "file name may use only letters, digits, spaces, '.', '_' and '-'",
                shown,
                hint=f"rename it, e.g. to {ident}{path.suffix.lower()}",
            )
        if ident in owners:
            raise BriefingError(
                f"gives the same id '{ident}' as {display_path(owners[ident], display_root)}",
                shown,
                hint="rename one of the two files",
            )
        owners[ident] = path
        sources.append(read_seed(path, ident, shown, topic.metadata, topic.cleaning.outlets))
    return tuple(sources)


def display_path(path: Path, root: Path | None) -> str:
    """A path as a contributor would type it: relative to the project root when inside it."""
    if root is not None:
        try:
            # The folder is resolved, not the file: a symbolic link is shown where it is, not where it points.
            return (_resolved(path.parent) / path.name).relative_to(_resolved(root)).as_posix()
        except ValueError:
            pass
    return str(path)


@lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    """A folder's real path. Cached: a build names each of its thousands of seeds several times,
    always in the same few folders, and resolving walks every component with a system call."""
    return folder.resolve()


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of a regular file, never following a symbolic link and never blocking on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError as exc:
        raise BriefingError(
            f"cannot be read: {exc.strerror or exc}", shown, hint="a seed must be a readable regular file"
        ) from None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise BriefingError(f"is a {_file_type(info.st_mode)}, not a regular file", shown)
        raw = stream.read(MAX_SEED_BYTES + 1)
    if len(raw) > MAX_SEED_BYTES:
        raise BriefingError(
            f"file is {max(info.st_size, len(raw)):,} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one article",
            shown,
            hint="split it or trim what is not the article",
        )
    return raw


def decode_utf8(raw: bytes, shown: str) -> str:
    """UTF-8 text with a leading BOM dropped and every line ending made ``\\n``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BriefingError("not valid UTF-8", shown, line, "save the file as UTF-8") from None
    return normalise_newlines(text)


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_seed(path: Path, ident: str, shown: str, rules: MetadataRules, outlets: tuple[str, ...] = ()) -> Source:
    raw = read_bytes(path, shown)
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_seed(raw, ident, shown)
    text = decode_utf8(raw, shown)
    if not text.strip():
        raise BriefingError("file is empty", shown, hint="add the article text or delete the file")

    inferred: tuple[str, ...] = ()
    if text.startswith("---\n"):
        meta, body, body_line = _front_matter(text, shown)
        form = "front-matter"
    elif _starts_with_header(text):
        meta, body, body_line = _header_lines(text, shown)
        form = "header-lines"
    else:
        body, body_line = text, 1
        meta, inferred = infer_meta(body, rules, outlets)
        form = "plain-text"
    if not body.strip():
        raise BriefingError(
            f"no article text after the {form.replace('-', ' ')}", shown, min(body_line, text.count("\n") + 1)
        )
    return Source(id=ident, path=shown, meta=meta, body=body, body_line=body_line, inferred=inferred, format=form)


def check_no_controls(value: str, shown: str, line: int | None, key: str) -> str:
    """Metadata may not hold control characters (they break the generated front matter and pages)."""
    found = CONTROL_CHARS.search(value)
    if found:
        raise BriefingError(
            f"{key}: contains the control character U+{ord(found.group()):04X}", shown, line, "remove it"
        )
    return value


# --- header lines ----------------------------------------------------------------------------


def _starts_with_header(text: str) -> bool:
    match = _HEADER_LINE.fullmatch(text.split("\n", 1)[0].strip())
    return match is not None and match.group(1).lower() in HEADER_KEYS


def _header_lines(text: str, shown: str) -> tuple[SourceMeta, str, int]:
    """``key: value`` lines up to the first blank line; the text follows."""
    lines = text.split("\n")
    values: dict[str, tuple[str, int, str]] = {}
    end = len(lines)
    for index, line in enumerate(lines):
        number = index + 1
        if not line.strip():
            end = index
            break
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None:
            raise BriefingError(
                "header lines must be 'key: value', ended by a blank line",
                shown,
                number,
                "put a blank line between the header lines and the article text",
            )
        key = match.group(1).lower()
        if key not in HEADER_KEYS:
            raise BriefingError(
                f"unknown header key '{match.group(1)}'",
                shown,
                number,
                did_you_mean(key, HEADER_KEYS) or "allowed keys: " + ", ".join(HEADER_KEYS),
            )
        field = HEADER_KEYS[key]
        if field in values:
            raise BriefingError(
                f"{key}: given twice (also on line {values[field][1]})", shown, number, "keep one of them"
            )
        value = check_no_controls((match.group(2) or "").strip(), shown, number, key)
        values[field] = (value, number, key)
    else:
        raise BriefingError(
            "header lines with no article text after them",
            shown,
            len(lines),
            "put a blank line, then the article text, after the header lines",
        )

    def get(field: str) -> str | None:
        return values[field][0] or None if field in values else None

    published = None
    if get("published"):
        value, number, key = values["published"]
        published = parse_header_date(value)
        if published is None:
            raise BriefingError(
                f"{key}: '{value}' is not a date", shown, number, "write it as YYYY-MM-DD, or leave the line out"
            )
    kind = get("kind")
    if kind is not None and kind not in SOURCE_KINDS:
        _value, number, key = values["kind"]
        raise BriefingError(
            f"{key}: expected one of {', '.join(SOURCE_KINDS)}, got '{kind}'",
            shown,
            number,
            did_you_mean(kind, SOURCE_KINDS),
        )
    authors = tuple(a.strip() for a in _AUTHOR_SEPARATOR.split(get("authors") or "") if a.strip())
    meta = SourceMeta(
        title=get("title"), outlet=get("outlet"), authors=authors, published=published, url=get("url"), kind=kind
    )
    body = "\n".join(lines[end + 1 :])
    return meta, body, end + 2


def parse_header_date(value: str) -> date | None:
    """``2025-05-07``, ``2025-05-07T10:00:00Z``, ``7 May 2025`` or ``May 7, 2025``; None if not a real date."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    for pattern in _HEADER_DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


# --- front matter ----------------------------------------------------------------------------


def _front_matter(text: str, shown: str) -> tuple[SourceMeta, str, int]:
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise BriefingError("front matter is not closed", shown, 1, "end it with a line '---'")
    doc = load_yaml("\n".join(lines[1:end]), shown, line_offset=1)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise BriefingError(
            "front matter must be a mapping of keys to values", shown, 2, "write it as 'key: value' lines"
        )
    for key in data:
        if str(key) not in FRONT_MATTER_KEYS:
            hint = did_you_mean(str(key), FRONT_MATTER_KEYS)
            if hint is None and str(key).lower() in ("date", "published_at", "pubdate"):
                hint = "did you mean 'published'?"
            raise BriefingError(
                f"unknown front-matter key '{key}'",
                shown,
                doc.line((str(key),)),
                hint or "allowed keys: " + ", ".join(FRONT_MATTER_KEYS),
            )
    meta = SourceMeta(
        title=_text(doc, data, "title"),
        outlet=_text(doc, data, "outlet"),
        authors=_authors(doc, data),
        published=_date(doc, data),
        url=_text(doc, data, "url"),
        kind=_kind(doc, data),
    )
    body = "\n".join(lines[end + 1 :])
    return meta, body, end + 2


def _text(doc: Any, data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list, bool)):
        raise doc.error((key,), "expected text")
    return check_no_controls(str(value).strip(), doc.path, doc.line((key,)), key) or None


def _authors(doc: Any, data: dict[str, Any]) -> tuple[str, ...]:
    value = data.get("authors")
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [name for name in _AUTHOR_SEPARATOR.split(value) if name.strip()]  # as header lines do
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise doc.error(("authors",), "expected a list of names")
    return tuple(check_no_controls(v.strip(), doc.path, doc.line(("authors",)), "authors") for v in value)


def _date(doc: Any, data: dict[str, Any]) -> date | None:
    value = data.get("published")
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    found = parse_header_date(str(value))
    if found is None:
        raise doc.error(
            ("published",), f"'{value}' is not a date", "write it as YYYY-MM-DD or May 7, 2025, or leave it empty"
        )
    return found


def _kind(doc: Any, data: dict[str, Any]) -> str | None:
    value = _text(doc, data, "kind")
    if value is None:
        return None
    if value not in SOURCE_KINDS:
        hint = did_you_mean(value, SOURCE_KINDS) or ""
        raise doc.error(("kind",), f"expected one of {', '.join(SOURCE_KINDS)}, got '{value}'", hint or None)
    return value


def infer_meta(body: str, rules: MetadataRules, outlets: tuple[str, ...] = ()) -> tuple[SourceMeta, tuple[str, ...]]:
    """Title, outlet, date and authors as far as a plain text shows them.

    The title is the first line; the outlet, its tail after a dash or a line of the opening lines
    that is a configured outlet's name; the date, what ``metadata.date_header`` captures, else a
    date line among the opening lines (:func:`date_line`); the authors, what the byline rules find."""
    title = outlet = None
    lines = [CONTROL_CHARS.sub("", line).strip() for line in body.split("\n")]
    first = next((line for line in lines if line), "")
    if (rules.date_header is not None and rules.date_header.match(first)) or date_line(first):
        first = ""  # a dateline, not a title
    if first and not first.endswith(".") and len(first.split()) <= _TITLE_MAX_WORDS:
        title, outlet = split_title_outlet(first, outlets)
    opening = opening_lines(lines)
    if outlet is None:
        known = {name.casefold(): name for name in outlets}
        outlet = next((known[line.casefold()] for line in opening if line.casefold() in known), None)
    published = _header_date(body, rules)
    if published is None:
        published = next((found for found in map(date_line, opening) if found), None)
    authors: list[str] = []
    for line in lines:
        for name in byline_authors(line, rules):
            if name not in authors:
                authors.append(name)
    meta = SourceMeta(title=title, outlet=outlet, authors=tuple(authors), published=published)
    found = {"title": title, "outlet": outlet, "published": published, "authors": authors}
    return meta, tuple(name for name, value in found.items() if value)


OPENING_LINES = 6
"""How many non-empty lines at the top of a plain text may hold its outlet and date lines."""
_DATE_LINE_MAX = 80

_DATE_LINE = re.compile(
    r"(?:(?:published|posted|updated|last updated|date)(?:\s+on)?\s*:?\s*)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*[|·•-]?\s*",
    re.IGNORECASE,
)


def opening_lines(lines: list[str]) -> list[str]:
    """The first non-empty lines of a text, where a plain text gives its outlet, date and byline."""
    return [line for line in lines if line][:OPENING_LINES]


def date_line(line: str) -> date | None:
    """The date of a line that is only a date, perhaps with "Published:" and a time:
    ``April 23, 2025``, ``23 April 2025``, ``2025-04-23``, ``Published: July 16, 2025 at 7:45 p.m. ET``."""
    line = line.strip()
    match = _DATE_LINE.fullmatch(line) if len(line) <= _DATE_LINE_MAX else None
    return (
        parse_header_date(" ".join(match.group("date").replace(".", "").replace(",", ", ").split())) if match else None
    )


def _header_date(body: str, rules: MetadataRules) -> date | None:
    """The date ``metadata.date_header`` captures in a plain text (2025-05-07, 7 May 2025 or May 7,
    2025); None for a capture that is no real date, such as a typo in the article."""
    match = rules.date_header.search(body) if rules.date_header is not None else None
    return parse_header_date(match.group(1) or "") if match else None


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
