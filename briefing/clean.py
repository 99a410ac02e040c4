"""Clean stage: a :class:`Source` -> an :class:`Article` of kept paragraphs and reasoned removals.

``clean_article`` runs these passes, in order:

1. split the text into lines, keeping each line's number in the seed file;
   remove control characters (C0/C1 except tab) and invisible characters
   (bidirectional overrides and isolates, zero-width characters), refuse a
   line longer than :data:`MAX_PARAGRAPH_CHARS`, and drop the blocks of a saved
   page that are not found in the page's own text;
2. drop the title line (it is shown as the page title) and a dateline header;
3. cut at the first end-of-article marker: it and every line after it go;
4. drop noise lines by rule (share buttons, widgets, timestamps, URL fragments,
   outlet names standing alone, image captions and alt text, news-photo
   captions and credits);
5. strip noise fragments inside kept lines (image credits, a photo credit glued
   to the end of a paragraph);
6. join hard-wrapped lines into paragraphs, classify them (text, heading,
   list item, byline) and number them ``p1``, ``p2`` … in reading order.

Every pattern comes from the topic config; every removal records its rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from .cite import fold
from .config import Cleaning, MetadataRules, Topic
from .errors import BriefingError
from .model import Article, Paragraph, Removal, Source
from .escape import CONTROL_CHARS, INVISIBLE_CHARS
from .read import OPENING_LINES, date_line, is_byline, split_title_outlet

#: Longest paragraph accepted, in characters: a longer one is almost always a page saved
#: without its line breaks, and the per-paragraph stages should not be asked to read it.
MAX_PARAGRAPH_CHARS = 20_000

_BULLET = re.compile(r"^(?:[•●▪◦‣∙·*+-]|\d{1,3}[.)])\s+")
_GLYPH = re.compile(r"^[•●▪◦‣∙·]\s+")
_TERMINAL = tuple(".!?:;…\"”’')]")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    """Line in the seed file (for messages and anchors)."""
    index: int
    """Line of the body (0-based): which lines are adjacent."""
    text: str


def clean_article(source: Source, topic: Topic) -> Article:
    rules = topic.cleaning
    removals: list[Removal] = []

    def remove(line: _Line, rule: str, reason: str, text: str | None = None) -> None:
        removals.append(Removal(source.id, line.number, text if text is not None else line.text, rule, reason))

    # 1. split
    lines = [_Line(source.file_line(i), i, text) for i, text in enumerate(source.body.split("\n"))]
    content = [line for line in (_checked(line, source, remove) for line in lines) if line.text.strip()]

    # 2. title line and dateline
    content = _drop_title(content, source, rules, remove)
    content = _strip_dateline(content, topic.metadata, remove)

    # 3. end-of-article markers
    kept: list[_Line] = []
    for index, line in enumerate(content):
        marker = next((r for r in rules.end_markers if r.pattern.fullmatch(line.text.strip())), None)
        if marker is not None:
            for later in content[index:]:
                remove(
                    later, marker.name, f"{marker.reason} (from the '{line.text.strip()}' marker on line {line.number})"
                )
            break
        kept.append(line)

    # 4. noise lines, 5. noise fragments
    wrapped = _wrapped_lines(kept)
    headings = frozenset(source.headings)
    opening = {line.index for line in kept[:OPENING_LINES]}
    survivors: list[_Line] = []
    for line in kept:
        stripped = line.text.strip()
        if line.index in opening and source.meta.published and date_line(stripped) == source.meta.published:
            remove(line, "date-line", "the article's date line, shown as its published date")
            continue
        rule = next((r for r in rules.drop_lines if r.pattern.fullmatch(stripped)), None)
        if rule is not None:
            remove(line, rule.name, rule.reason)
            continue
        if _is_outlet_name(stripped, rules):
            remove(line, "outlet-name", "an outlet's name standing alone")
            continue
        if line.index in headings:  # the seed says it is a heading: never a caption
            survivors.append(line)
            continue
        if _is_photo_caption(stripped, rules, line.index in wrapped):
            remove(
                line,
                "photo-caption",
                "a news-photo caption: a photo credit in parentheses, or a short "
                "present-tense description of a picture with no full stop",
            )
            continue
        if line.index not in wrapped and _is_caption(stripped, rules):
            remove(line, "caption", "image caption or alt text (a short, untitled phrase with no full stop)")
            continue
        text = line.text
        for fragment in rules.strip_fragments:
            match = fragment.pattern.search(text)
            if match and match.group(0).strip():
                remove(line, fragment.name, fragment.reason, match.group(0).strip())
                text = text[: match.start()] + text[match.end() :]
        credit = _trailing_credit(text, rules)
        if credit is not None:
            remove(
                line,
                "photo-credit",
                "a photo credit (and its caption) glued to the end of a paragraph",
                text[credit:].strip(),
            )
            text = text[:credit]
        if text.strip():
            survivors.append(_Line(line.number, line.index, text))

    # 6. paragraphs
    joined = _join_wrapped(survivors)
    for line_number, _index, text, _bullet in joined:
        _check_length(text, source, line_number)
    paragraphs = [
        Paragraph(
            source.id,
            number,
            text,
            line,
            "list-item" if bullet else "heading" if index in headings else _kind(text, topic.metadata, source),
        )
        for number, (line, index, text, bullet) in enumerate(joined, start=1)
    ]
    removals.sort(key=lambda r: r.line)
    return Article(source=source, paragraphs=tuple(paragraphs), removals=tuple(removals))


def _checked(line: _Line, source: Source, remove: Callable[..., None]) -> _Line:
    """The line without control and invisible characters (each removal recorded); refuses an overlong line."""
    _check_length(line.text, source, line.number)
    if source.line_map and line.number == 0 and line.text.strip():
        remove(line, "not-in-page", "text the extractor gave that is not found in the saved page's own text")
        return _Line(line.number, line.index, "")
    text = line.text
    if text.isprintable():  # neither kind is printable: the common case needs no search
        return line
    for pattern, rule, reason in (
        (CONTROL_CHARS, "control-character", "a control character, which has no place in article text"),
        (
            INVISIBLE_CHARS,
            "invisible-character",
            "an invisible character (bidirectional override or zero-width character) that can disguise text",
        ),
    ):
        found = pattern.findall(text)
        if found:
            remove(line, rule, reason, " ".join(f"U+{ord(c):04X}" for c in found))
            text = pattern.sub("", text)
    return line if text == line.text else _Line(line.number, line.index, text)


def _check_length(text: str, source: Source, line: int) -> None:
    if len(text) > MAX_PARAGRAPH_CHARS:
        raise BriefingError(
            f"paragraph of {len(text):,} characters, over the {MAX_PARAGRAPH_CHARS:,}-character limit",
            source.path,
            line or None,
            "break it into paragraphs, with an empty line between them",
        )


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
    rest = first.text[match.end() :]
    return ([_Line(first.number, first.index, rest)] if rest.strip() else []) + content[1:]


def _is_outlet_name(text: str, rules: Cleaning) -> bool:
    return text.lstrip("-–—•· ").strip().casefold() in _casefolded(rules.outlets)


@lru_cache(maxsize=8)
def _casefolded(names: tuple[str, ...]) -> frozenset[str]:
    """The names casefolded, once per topic rather than once per line."""
    return frozenset(name.casefold() for name in names)


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


# Photo credits: "(Reuters file)", "(AFP)", "(PTI Photo)", "(File photo)", "(Getty Images)",
# "(AP Photo/Jane Doe)", "(Photo: Reuters)". Inside the parentheses, the agency names come from the
# topic's ``cleaning.outlets``; these words say that what is credited is a picture.
PHOTO_WORDS = frozenset({"photo", "photos", "photograph", "image", "images", "picture", "pictures", "pic", "pics"})
CREDIT_WORDS = frozenset(
    {
        "file",
        "handout",
        "pool",
        "via",
        "courtesy",
        "credit",
        "representational",
        "representative",
        "illustration",
        "illustrative",
        "for",
        "by",
    }
)
_CREDIT_AT_END = re.compile(r"\(([^()]{1,80})\)\s*$")
# A caption describes the picture in the present tense: who, then a verb in -s, then what they do
# ("… Vladimir Putin attends a meeting …", "… Roe shakes hands with …", "Dock workers are pictured …").
_SUBJECT_WORD = r"(?:[A-Z]\S*|[a-z]{1,3}|\S+[’']s)"
_CAPTION_SHAPE = re.compile(
    rf"^(?P<subject>{_SUBJECT_WORD}(?:\s+{_SUBJECT_WORD}){{0,9}}?)\s+(?P<verb>[a-z]{{2,}})\s+(?P<next>\S+)"
)
_PASSIVE_PHOTO = re.compile(r"^(?:\S+\s+){1,8}?(?:is|are)\s+(?:seen|pictured|shown|photographed)\b")
_NOT_VERBS = frozenset(
    {
        "was",
        "has",
        "does",
        "its",
        "his",
        "hers",
        "this",
        "thus",
        "yes",
        "plus",
        "less",
        "news",
        "always",
        "perhaps",
        "whereas",
        "unless",
        "besides",
        "towards",
        "afterwards",
        "sometimes",
    }
)
_OBJECT_STARTS = frozenset({"a", "an", "the", "with", "hands"})
_CAPTION_MAX_WORDS = 40


# "Adrian Wyld/The Canadian Press": a photographer's name, a slash, the agency's name.
_CAPITALISED = r"[A-Z][\w.’'-]*"
_PHOTOGRAPHER_SLASH_AGENCY = re.compile(
    rf"{_CAPITALISED}(?:\s+{_CAPITALISED}){{1,3}}\s*/\s*{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,4}}"
)


def _is_credit(inside: str, rules: Cleaning) -> bool:
    """Is the text inside parentheses a photo credit: agency names and photo words, and at least one of them?"""
    if _PHOTOGRAPHER_SLASH_AGENCY.fullmatch(inside.strip()):
        return True
    first = inside.split("/", 1)[0]  # "AP Photo/Jane Doe": the photographer's name follows a slash
    words = [w for w in re.split(r"[\s:,]+", first.strip()) if w]
    if not words or len(words) > 6:
        return False
    agencies = _casefolded(rules.outlets)
    rest = " ".join(w for w in words if w.casefold() not in PHOTO_WORDS | CREDIT_WORDS)
    named = " ".join(w for w in words if w.casefold() not in CREDIT_WORDS)  # "Getty Images"
    has_photo_word = any(w.casefold() in PHOTO_WORDS for w in words)
    if not rest:
        return has_photo_word
    if named.casefold() in agencies:
        return True
    return rest.casefold() in agencies and (has_photo_word or len(words) <= 3)


def _is_photo_caption(text: str, rules: Cleaning, wrapped: bool) -> bool:
    """A photo credit standing alone, a short line ending with one, or a present-tense picture description."""
    credit = _CREDIT_AT_END.search(text)
    if credit and _is_credit(credit.group(1), rules):
        before = text[: credit.start()].rstrip()
        # The line is all caption when nothing before the credit ends a sentence: "Jane Roe at the quay
        # (AFP)", or a name with a full stop, "Jane Roe. (File photo)"; not "The board voted on Tuesday. (AFP)".
        if not before or _pictures_a_day(before, rules):
            return True
        if re.search(r"[.!?…][\"”’')\]]*\s", before) or len(_words(before)) > _CAPTION_MAX_WORDS:
            return False
        return not before.endswith(_TERMINAL) or all(word[:1].isupper() for word in _words(before))
    if wrapped or rules.caption_max_words == 0 or _BULLET.match(text):
        return False
    if text.endswith(_TERMINAL):
        return _pictures_a_day(text, rules)
    return len(_words(text)) <= _CAPTION_MAX_WORDS and _describes_a_picture(text)


def _pictures_a_day(text: str, rules: Cleaning) -> bool:
    """ "Roe speaks to reporters in Vell on Wednesday.": a caption tells of a past day in the present
    tense, full stop and all; a sentence of the story would say "spoke"."""
    return (
        text.endswith(".")
        and len(_words(text)) <= rules.caption_max_words
        and _DAY_NAMED.search(text) is not None
        and _TOLD.search(text) is None
        and _describes_a_picture(text[:-1])
    )


# Words of a story's sentence, not of a caption's description: "… and she said so on Monday."
_TOLD = re.compile(r"\b(?:said|says|told|was|were|had|did|would|will)\b", re.IGNORECASE)


_DAY_NAMED = re.compile(
    r"\b(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}|"
    r"\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\s+\d{4})"
)


def _describes_a_picture(text: str) -> bool:
    """A named subject and a present-tense verb in -s: two capitalised words in the subject
    ("Vladimir Putin attends …"), or a verb followed by its object ("Roe attends a …", "Roe shakes hands …");
    or anyone who "is seen", "are pictured" (…). "Strategic interests in South Asia" is none of these."""
    if _PASSIVE_PHOTO.match(text):
        return True
    shape = _CAPTION_SHAPE.match(text)
    if shape is None:
        return False
    verb, following = shape.group("verb"), shape.group("next").lower()
    if not verb.endswith("s") or verb.endswith(("ss", "us", "is")) or verb in _NOT_VERBS:
        return False
    names = sum(1 for word in shape.group("subject").split() if word[:1].isupper())
    return names >= 2 or following in _OBJECT_STARTS


def _trailing_credit(text: str, rules: Cleaning) -> int | None:
    """Where a photo credit glued to the end of a paragraph starts, with the caption fragment before it."""
    credit = _CREDIT_AT_END.search(text)
    if not credit or not _is_credit(credit.group(1), rules):
        return None
    ends = list(re.finditer(r"[.!?…][\"”’')\]]*(?=\s|$)", text[: credit.start()]))
    if not ends:
        return None
    start = ends[-1].end()
    return start if len(_words(text[start : credit.start()])) <= rules.caption_max_words else credit.start()


def _wrapped_lines(lines: list[_Line]) -> set[int]:
    """Numbers of the lines of hard-wrapped paragraphs (as pass 6 joins them): never taken for captions."""
    wrapped: set[int] = set()
    for previous, line in pairwise(lines):
        if (
            line.index == previous.index + 1
            and not previous.text.strip().endswith(_TERMINAL)
            and line.text.strip()[:1].islower()
        ):
            wrapped.update((previous.index, line.index))
    return wrapped


def _is_author_note(text: str, authors: tuple[str, ...]) -> bool:
    """A note on the article's own author: "Theo Grant is a retired engineer …", "By Dana Kowalski,
    City Hall reporter". A byline, not a claim of the article."""
    return any(
        text.startswith((f"{author} is ", f"{author} was ", f"{author} has ", f"{author} teaches "))
        or re.match(rf"by {re.escape(author)}\b", text, re.IGNORECASE) is not None
        for author in authors
    )


def _is_heading(text: str) -> bool:
    return not text.endswith(_TERMINAL) and not _BULLET.match(text) and 0 < len(_words(text)) <= 14


def _kind(text: str, metadata: MetadataRules, source: Source) -> str:
    if is_byline(text, metadata) or _is_author_note(text, source.meta.authors):
        return "byline"
    if _is_heading(text):
        return "heading"
    return "text"


def _join_wrapped(survivors: list[_Line]) -> list[tuple[int, int, str, bool]]:
    """Each line is a paragraph, except a line continuing a hard-wrapped one.

    A line continues the previous one when they are adjacent in the file, the
    previous does not end a sentence, and this one starts in lower case.
    Returns (first line, its body index, text with white space collapsed and bullet glyph dropped, is list item).
    """
    paragraphs: list[tuple[int, int, str, bool]] = []
    previous: _Line | None = None
    for line in survivors:
        text = " ".join(line.text.split())
        if (
            previous is not None
            and line.index == previous.index + 1
            and not paragraphs[-1][2].endswith(_TERMINAL)
            and text[:1].islower()
        ):
            start, index, joined, bullet = paragraphs[-1]
            paragraphs[-1] = (start, index, f"{joined} {text}", bullet)
        else:
            bullet = _BULLET.match(text) is not None
            paragraphs.append((line.number, line.index, _GLYPH.sub("", text), bullet))
        previous = line
    return paragraphs
