"""Clean stage: a :class:`Source` -> an :class:`Article` of kept paragraphs and reasoned removals.

``clean_article`` runs these passes, in order:

1. split the text into lines, keeping each line's number in the seed file;
2. drop the title line (it is shown as the page title) and a dateline header;
3. cut at the first end-of-article marker: it and every line after it go;
4. drop noise lines by rule (share buttons, widgets, timestamps, URL fragments,
   outlet names standing alone, image captions and alt text);
5. strip noise fragments inside kept lines (image credits);
6. join hard-wrapped lines into paragraphs, classify them (text, heading,
   list item, byline) and number them ``p1``, ``p2`` … in reading order.

Every pattern comes from the topic config; every removal records its rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .cite import fold
from .config import Cleaning, MetadataRules, Topic
from .model import Article, Paragraph, Removal, Source
from .read import is_byline, split_title_outlet

_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*+-]|\d{1,3}[.)])\s+")
_GLYPH = re.compile(r"^[•●▪◦‣∙·]\s+")
_TERMINAL = tuple(".!?:;…\"”’')]")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str


def clean_article(source: Source, topic: Topic) -> Article:
    rules = topic.cleaning
    removals: list[Removal] = []

    def remove(line: _Line, rule: str, reason: str, text: str | None = None) -> None:
        removals.append(Removal(source.id, line.number, text if text is not None else line.text, rule, reason))

    # 1. split
    lines = [_Line(source.body_line + i, text) for i, text in enumerate(source.body.split("\n"))]
    content = [line for line in lines if line.text.strip()]

    # 2. title line and dateline
    content = _drop_title(content, source, rules, remove)
    content = _strip_dateline(content, topic.metadata, remove)

    # 3. end-of-article markers
    kept: list[_Line] = []
    for index, line in enumerate(content):
        marker = next((r for r in rules.end_markers if r.pattern.fullmatch(line.text.strip())), None)
        if marker is not None:
            for later in content[index:]:
                remove(later, marker.name,
                       f"{marker.reason} (from the '{line.text.strip()}' marker on line {line.number})")
            break
        kept.append(line)

    # 4. noise lines, 5. noise fragments
    wrapped = _wrapped_lines(kept)
    survivors: list[_Line] = []
    for line in kept:
        stripped = line.text.strip()
        rule = next((r for r in rules.drop_lines if r.pattern.fullmatch(stripped)), None)
        if rule is not None:
            remove(line, rule.name, rule.reason)
            continue
        if _is_outlet_name(stripped, rules):
            remove(line, "outlet-name", "an outlet's name standing alone")
            continue
        if line.number not in wrapped and _is_caption(stripped, rules):
            remove(line, "caption", "image caption or alt text (a short, untitled phrase with no full stop)")
            continue
        text = line.text
        for fragment in rules.strip_fragments:
            match = fragment.pattern.search(text)
            if match and match.group(0).strip():
                remove(line, fragment.name, fragment.reason, match.group(0).strip())
                text = text[: match.start()] + text[match.end():]
        if text.strip():
            survivors.append(_Line(line.number, text))

    # 6. paragraphs
    paragraphs = [
        Paragraph(source.id, number, text, line, "list-item" if bullet else _kind(text, topic.metadata))
        for number, (line, text, bullet) in enumerate(_join_wrapped(survivors), start=1)
    ]
    removals.sort(key=lambda r: r.line)
    return Article(source=source, paragraphs=tuple(paragraphs), removals=tuple(removals))


def _drop_title(content: list[_Line], source: Source, rules: Cleaning, remove: Callable[..., None]) -> list[_Line]:
    if not content:
        return content
    first = content[0]
    title = source.meta.title
    candidate, _outlet = split_title_outlet(first.text.strip(), rules.outlets)
    if title and fold(candidate).casefold() == fold(title).casefold():
        remove(first, "title-line", "the title line, shown as the page title")
        return content[1:]
    return content


def _strip_dateline(content: list[_Line], metadata: MetadataRules, remove: Callable[..., None]) -> list[_Line]:
    if not content or metadata.date_header is None:
        return content
    first = content[0]
    match = metadata.date_header.match(first.text)
    if not match:
        return content
    remove(first, "date-header", "dateline header, shown as the published date", match.group(0).strip())
    rest = first.text[match.end():]
    return ([_Line(first.number, rest)] if rest.strip() else []) + content[1:]


def _is_outlet_name(text: str, rules: Cleaning) -> bool:
    bare = text.lstrip("-–—•· ").strip()
    return any(bare.casefold() == outlet.casefold() for outlet in rules.outlets)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_caption(text: str, rules: Cleaning) -> bool:
    """A short phrase in sentence case with no closing punctuation, e.g. image alt text.

    Headings are in title case ("Strategic Interests in South Asia") and list
    items start with a bullet; both are kept.
    """
    if rules.caption_max_words == 0 or _BULLET.match(text) or text.endswith(_TERMINAL):
        return False
    words = _words(text)
    if not 3 <= len(words) <= rules.caption_max_words:
        return False
    long_words = [w for w in words[1:] if len(w) >= 4]
    if not long_words:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) < 0.5


def _wrapped_lines(lines: list[_Line]) -> set[int]:
    """Numbers of the lines of hard-wrapped paragraphs (as pass 6 joins them): never taken for captions."""
    wrapped: set[int] = set()
    for previous, line in pairwise(lines):
        if (
            line.number == previous.number + 1
            and not previous.text.strip().endswith(_TERMINAL)
            and line.text.strip()[:1].islower()
        ):
            wrapped.update((previous.number, line.number))
    return wrapped


def _is_heading(text: str) -> bool:
    words = _words(text)
    return bool(words) and len(words) <= 14 and not text.endswith(_TERMINAL) and not _BULLET.match(text)


def _kind(text: str, metadata: MetadataRules) -> str:
    if is_byline(text, metadata):
        return "byline"
    if _is_heading(text):
        return "heading"
    return "text"


def _join_wrapped(survivors: list[_Line]) -> list[tuple[int, str, bool]]:
    """Each line is a paragraph, except a line continuing a hard-wrapped one.

    A line continues the previous one when they are adjacent in the file, the
    previous does not end a sentence, and this one starts in lower case.
    Returns (first line, text with white space collapsed and bullet glyph dropped, is list item).
    """
    paragraphs: list[tuple[int, str, bool]] = []
    previous: _Line | None = None
    for line in survivors:
        text = " ".join(line.text.split())
        if (
            previous is not None
            and line.number == previous.number + 1
            and not paragraphs[-1][1].endswith(_TERMINAL)
            and text[:1].islower()
        ):
            start, joined, bullet = paragraphs[-1]
            paragraphs[-1] = (start, f"{joined} {text}", bullet)
        else:
            bullet = _BULLET.match(text) is not None
            paragraphs.append((line.number, _GLYPH.sub("", text), bullet))
        previous = line
    return paragraphs
