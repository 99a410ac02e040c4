"""Events: every dated happening, its date normalised, with a short title from its own sentence.

Dates come from :mod:`.dates`; those relative to the article ("on Sunday") are
resolved against the article's published date, and left out when it has none.
The title is the clause that holds the date, with the date phrase taken out
and cut to a dozen words; the full sentence stays in the citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Period
from ..model import Article, DateRef
from .dates import DateMention, find_dates
from .text import Sentence, article_sentences

_TITLE_WORDS = 12
_LEAD_IN = re.compile(
    r"^(?:(?:and|but|however|furthermore|moreover|meanwhile|indeed|subsequently|firstly|secondly|thirdly|"
    r"historically|conversely|also|then|yet|so|while|when|although|though|as|after|since|"
    r"in addition|for example|in fact|that said)\b[,\s]*)+",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(r";|\s[–—]\s|,\s(?=(?:which|while|whereas|but|although|though)\b)")
_DATE_PREPOSITION = re.compile(r"\b(?:in|on|since|by|from|until|till|during|of|at|around|circa|about|before|after)\s*$",
                               re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundEvent:
    sentence: Sentence
    date: DateRef
    title: str


def date_ref(mention: DateMention) -> DateRef:
    return DateRef(mention.value, mention.precision, mention.qualifier, mention.describe(), mention.sort_key,
                   mention.modifier)


def find_events(article: Article) -> list[FoundEvent]:
    reference = article.source.meta.published
    found = []
    for sentence in article_sentences(article):
        for mention in find_dates(sentence.text, reference):
            found.append(FoundEvent(sentence, date_ref(mention), event_title(sentence.text, mention)))
    return found


def event_title(sentence: str, mention: DateMention) -> str:
    """The clause around the date, without the date phrase, as a short title."""
    start, end = mention.start, mention.end
    clause_start, clause_end = 0, len(sentence)
    for split in _CLAUSE_SPLIT.finditer(sentence):
        if split.end() <= start:
            clause_start = split.end()
        elif split.start() >= end:
            clause_end = split.start()
            break
    before = sentence[clause_start:start]
    after = sentence[end:clause_end]
    before = _DATE_PREPOSITION.sub("", before.rstrip(" ,(")).rstrip(" ,(")
    after = after.lstrip(" ,)")
    text = f"{before} {after}" if before and after else before or after
    text = " ".join(text.split()).strip(" ,;:.")
    text = _LEAD_IN.sub("", text).strip(" ,;:")
    if not text:
        text = " ".join(sentence.split())
    words = text.split()
    if len(words) > _TITLE_WORDS:
        text = " ".join(words[:_TITLE_WORDS]).rstrip(",;:") + "…"
    return text[:1].upper() + text[1:]


def period_of(date: DateRef, periods: tuple[Period, ...]) -> str | None:
    """The configured period holding the start of the date's interval."""
    start = interval_start(date)
    for period in periods:
        if (period.start is None or start >= period.start) and (period.end is None or start <= period.end):
            return period.id
    return None


_PART_OF = {"early": 0.0, "mid": 0.4, "late": 0.7}


def interval_start(date: DateRef) -> str:
    """First ISO day of the date's interval; "late April" starts on the 21st, "the mid-2010s" in 2014."""
    part = _PART_OF.get(date.modifier or date.qualifier or "", 0.0)
    value = date.value
    if date.precision == "decade":
        return f"{value[:3]}{int(part * 10)}-01-01"
    if date.precision == "year":
        return f"{value}-{1 + int(part * 12):02d}-01"
    if date.precision == "month":
        return f"{value}-{1 + int(part * 30):02d}"
    return value


