"""Events: every dated happening, its date normalised, with a short title from its own sentence.

Dates come from :mod:`.dates`; those relative to the article ("on Sunday") are
resolved against the article's published date, and left out when it has none.
The title is the clause that holds the date, with the date phrase taken out
and cut to a dozen words; the full sentence stays in the citation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Period
from ..model import Article, DateRef
from .dates import PAST_VERB, DateMention, find_dates, representative_ymd
from .text import Sentence, article_sentences

_TITLE_WORDS = 15
_LEAD_IN = re.compile(
    r"^(?:(?:and|but|however|furthermore|moreover|meanwhile|indeed|subsequently|firstly|secondly|thirdly|"
    r"historically|conversely|also|then|yet|so|while|when|although|though|as|after|since|"
    r"in addition|for example|in fact|that said)\b[,\s]*)+",
    re.IGNORECASE,
)
_RELATIVE_TAIL = re.compile(
    r"^,?\s*(?:which|that|who|when|killing|leaving|\w+ed\s+by|led\s+by|held\s+by)\b(?:\s+\S+){1,5}?(?=[,;.]|$)",
    re.IGNORECASE,
)
# What is left of a list of dates once the others are cut out: "in , and" -> "in".
_LIST_JUNK = re.compile(r"(?:\s*,\s*(?:and|or)?|\s+(?:and|or))+(?=\s*(?:$|[,.;]))")
_CLAUSE_SPLIT = re.compile(r";|\s[–—]\s|,\s(?=(?:which|while|whereas|but|although|though)\b)")
_DATE_PREPOSITION = re.compile(
    r"\b(?:in|on|since|by|from|until|till|during|of|at|around|circa|about|before|after)\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class FoundEvent:
    sentence: Sentence
    date: DateRef
    title: str


def date_ref(mention: DateMention) -> DateRef:
    return DateRef(
        mention.value, mention.precision, mention.qualifier, mention.describe(), mention.sort_key, mention.modifier
    )


# A wire story's dateline: place in capitals, the filing date, perhaps the agency, then a dash.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]{1,40},\s+[^()\n]{3,30}?\s*(?:\([^)]{1,40}\)\s*)?[-–—]\s")


# A date that ends a span is no happening: "covering vaccines until at least the end of 2026", "into next year".
_ENDS_A_SPAN = re.compile(r"\b(?:until|till|into)\b(?:\s+[\w’'-]+){0,5}\s+$", re.IGNORECASE)


def find_events(article: Article) -> list[FoundEvent]:
    """Every dated happening of an article; a dateline's date (the filing's) and the end of a span are none."""
    reference = article.source.meta.published
    found = []
    for sentence in article_sentences(article):
        mentions = find_dates(sentence.text, reference)
        dateline = _DATELINE.match(sentence.text)
        opening = dateline.end() if dateline else 0
        mentions = tuple(
            m for m in mentions if m.start >= opening and not _ENDS_A_SPAN.search(sentence.text, 0, m.start)
        )
        for mention in mentions:
            others = [m for m in mentions if m is not mention]
            title = event_title(sentence.text, mention, others, opening)
            found.append(FoundEvent(sentence, date_ref(mention), title))
    return found


def _cut(sentence: str, low: int, high: int, others: Sequence[DateMention]) -> str:
    """``sentence[low:high]`` without the other date expressions in it ("wars in 1947, 1965 and 1971"),
    each with the preposition and the comma that went with it ("said on May 15, that" -> "said that")."""
    pieces, cursor = [], low
    for other in sorted(others, key=lambda m: m.start):
        if other.start >= low and other.end <= high:
            before = sentence[cursor : other.start]
            pieces.append(_DATE_PREPOSITION.sub("", before))
            cursor = other.end
            # The comma closing an adverbial date ("said on May 15, that …") goes with it; one that
            # closes a clause opened before it (", introduced in 2010, was …") stays.
            adverbial = pieces[-1] != before and "," not in before[-60:]
            if sentence[cursor : cursor + 1] == "," and adverbial:
                cursor += 1
    pieces.append(sentence[cursor:high])
    text = "".join(pieces)
    if len(pieces) > 1:
        text = re.sub(r"\s+,", ",", _LIST_JUNK.sub("", text))
    return text


def event_title(sentence: str, mention: DateMention, others: Sequence[DateMention] = (), opening: int = 0) -> str:
    """A title of whole words: the named event, or the clause around the date without the date phrase.

    A clause longer than about fifteen words is cut back to its last phrase boundary, and a
    title never ends on a function word ("… drawing parallels to the") or an ellipsis. ``opening``:
    where the sentence's own words begin, after a dateline ("PARIS, May 6 (Reuters) - ").
    """
    start, end = mention.start, mention.end
    clause_start, clause_end = opening, len(sentence)
    for split in _CLAUSE_SPLIT.finditer(sentence):
        if split.end() <= start:
            clause_start = split.end()
        elif split.start() >= end:
            clause_end = split.start()
            break
    before = _DATE_PREPOSITION.sub("", _cut(sentence, clause_start, start, others).rstrip(" ,(")).rstrip(" ,(")
    before = _LEAD_IN.sub("", " ".join(before.split())).strip(" ,;:")
    after = " ".join(_cut(sentence, end, clause_end, others).lstrip(" ,)").split()).strip(" ,;:.")
    after = re.sub(r"^(?:and|or)\s+", "", after) if others else after
    if sentence[end:].startswith(","):
        after = _DATE_APPOSITION.sub("", after)  # "On November 10, the opening day, Brazil …": the day's name
    named = _named_event(sentence, mention, before, after)
    if named and (named[:1].isupper() or len(named.split()) >= 3):
        named = whole_words(named, _TITLE_WORDS)
        return named[:1].upper() + named[1:]
    if _MODIFIES_NEXT.search(sentence[: mention.start]) and after:
        text = after  # the date modifies what follows: "the 2016 and 2019 incidents that resulted in …"
    elif len(before.split()) <= 3:
        text = " ".join([before, after] if before and not after[:1].isupper() else [after])
    else:
        text = _words_before_the_date(sentence[end:], before, after)
    text = _LEAD_IN.sub("", " ".join(text.split())).strip(" ,;:")
    if len(text.split()) < 3:
        text = _LEAD_IN.sub("", " ".join(_cut(sentence, opening, len(sentence), [mention, *others]).split()))
        text = text.strip(" ,;:.")
    text = _as_label(whole_words(text, _TITLE_WORDS), sentence)
    return text[:1].upper() + text[1:]


def _words_before_the_date(rest: str, before: str, after: str) -> str:
    """The title of a date that closes a long clause: the words before it and, when the date stood
    between subject and verb or after a verb, the words after it; after "X said", what was said;
    else the words before with a short relative tail (", which killed 26")."""
    if after[:1].islower() and len(before.split()) <= _TITLE_WORDS - 3:
        if _VERB_FIRST.match(after) or _VERB_LAST.search(before) and not _SAID.search(before):
            return f"{before} {after}"  # "The agency (on Thursday) adopted …", "Advisers voted (Friday) to stop …"
    text = _near_the_date(before)
    if _SAID.search(text) and after.startswith("that "):
        # "Peskov said on May 13 that …", without an apposition ("UEFA's head of finance, Andrea
        # Traverso, said …") that would leave no room for what was said (cut to length later)
        return f"{_APPOSITION.sub('', text)} {after.removeprefix('that ')}"
    tail = _RELATIVE_TAIL.match(after)
    if tail and len(text.split()) < _TITLE_WORDS - 3:
        joint = ", " if rest.lstrip(" )").startswith(",") else " "
        return f"{text}{joint}{tail.group(0).strip(' ,')}"
    return text


# A past-tense verb opening the words after a date ("The agency (on Thursday) adopted …"), or ending
# the words before it ("Advisers voted (Friday) to stop …").
_VERB_FIRST = re.compile(rf"^{PAST_VERB}\b")
_VERB_LAST = re.compile(rf"\b{PAST_VERB}$")
_QUOTE_MARKS = re.compile(r"[“”\"]")


def _as_label(title: str, sentence: str) -> str:
    """A title is a label, never a quotation: quote marks stay only around words quoted whole, in a
    title that is a stretch of the sentence as written. Otherwise ("Our budget gap is …", with
    "next year" cut out of the quotation; an opening mark whose close was cut off) they go."""
    marks = _QUOTE_MARKS.findall(title)
    if not marks:
        return title
    balanced = title.count("“") == title.count("”") and title.count('"') % 2 == 0
    if balanced and " ".join(title.split()) in " ".join(sentence.split()):
        return title
    return " ".join(_QUOTE_MARKS.sub("", title).split())


_DATE_APPOSITION = re.compile(r"^(?:the|a)\s[^,]{2,40},\s+(?=[A-Z])")
_APPOSITION = re.compile(r",[^,]{2,80},(?=\s+\S+(?:\s+\S+)?$)")
# A reporting verb at the end of the words before a date: "Lavrov said (on Wednesday) that …".
_SAID = re.compile(r"\b(?:said|says|told\s+\S+(?:\s+\S+)?|stated|announced|added|noted|warned|wrote)$", re.IGNORECASE)

# The date stands before a noun, possibly after another date: "the 2016 and 2019 incidents".
_MODIFIES_NEXT = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+(?:\S+\s+(?:and|or|to)\s+)?$", re.IGNORECASE)


def _near_the_date(before: str) -> str:
    """Of a long run of words before a date, the noun phrase nearest to it ("… in response to a deadly
    terror attack in Pahalgam" -> "a deadly terror attack in Pahalgam"), else the clause's start."""
    words = before.split()
    if len(words) <= _TITLE_WORDS:
        return before
    window = len(words) - _TITLE_WORDS
    starts = [
        i
        for i in range(window, len(words) - 3)
        if words[i].lower() in ("a", "an", "the") and words[i - 1].lower().strip(",") in _PHRASE_STARTS | {"as"}
    ]
    if starts:
        return " ".join(words[starts[-1] :])
    return " ".join(words[:_TITLE_WORDS])


def whole_words(text: str, limit: int) -> str:
    """At most about ``limit`` words, cut at a phrase boundary, never ending on a function word."""
    words = text.replace("…", " ").split()
    if len(words) > limit:
        inside_quotes = _inside_quotes(words)
        boundaries = [
            i
            for i in range(4, limit + 1)
            if (words[i - 1].endswith((",", ";", ":")) or words[i].lower() in _PHRASE_STARTS) and not inside_quotes[i]
        ]
        words = words[: boundaries[-1]] if boundaries else words[:limit]
    while len(words) > 1 and (words[-1].lower().strip(",;:") in _FUNCTION_WORDS or words[-1] in ("-", "–", "—")):
        words.pop()
    return " ".join(words).strip(" ,;:(")


def _inside_quotes(words: list[str]) -> list[bool]:
    """For each word boundary (before word i), whether a quotation is open there ("the "Baku to Belem
    roadmap""): a title is not cut inside one."""
    open_quote, inside = False, [False]
    for word in words:
        for character in word:
            if character == "“" or (character == '"' and not open_quote):
                open_quote = True
            elif character == "”" or character == '"':
                open_quote = False
        inside.append(open_quote)
    return inside


_PHRASE_STARTS = frozenset(
    """which who that while whereas but although though as when after before since with without
in on at by for from to of during following amid despite against between into over under through drawing
including highlighting suggesting leaving killing""".split()
)


def _named_event(sentence: str, mention: DateMention, before: str, after: str) -> str | None:
    """A title for a date that names an event: "Simla Agreement (1972)", "the 2019 Pulwama attack"."""
    if mention.text.startswith("("):
        # The name just before "(1972)", in the sentence as written: "the Simla Agreement (1972) and …".
        run = _TRAILING_NAME.search(sentence[: mention.start].rstrip(" ("))
        return run.group(0) if run else None
    if (
        mention.precision != "year"
        or mention.qualifier
        or not re.search(r"\b(?:the|a|an)\s+$|^\s*$", sentence[: mention.start], re.IGNORECASE)
    ):
        return None
    phrase = re.match(
        r"^((?:[\w’'-]+)(?:\s+(?!(?:and|or|but|that|which|who|to|in|on|at|for|by|with|from|as|was|"
        r"were|is|has|had)\b)[\w’'-]+){0,5})",
        after,
        re.IGNORECASE,
    )
    if not phrase or phrase.group(1).split()[0].lower() in _FUNCTION_WORDS:
        return None
    name = phrase.group(1)
    rest = after[phrase.end() :].lstrip()
    tail = _RELATIVE_TAIL.match(rest)
    if tail:
        return f"{name} {tail.group(0).strip(' ,')}"
    opens_with_preposition = re.search(
        r"\b(?:in|during|after|before|since|by)\s+(?:the\s+)?$", sentence[: mention.start], re.IGNORECASE
    )
    if rest.startswith(",") and opens_with_preposition and len(before.split()) <= 3:
        clause = " ".join(rest.lstrip(", ").split()[: _TITLE_WORDS - len(name.split())])
        return f"{name}: {clause}".rstrip(",;:")
    return name


_FUNCTION_WORDS = frozenset(
    "and or but that which who to in on at for by with from as was were is has had the a an "
    "of it its this these".split()
)
_TRAILING_NAME = re.compile(r"(?:[A-Z][\w’'-]*)(?:\s+(?:(?:of|and|for|on|the)\s+)*[A-Z][\w’'-]*)*$")


def period_of(date: DateRef, periods: tuple[Period, ...]) -> str | None:
    """The configured period holding the start of the date's interval."""
    start = interval_start(date)
    for period in periods:
        if (period.start is None or start >= period.start) and (period.end is None or start <= period.end):
            return period.id
    return None


def interval_start(date: DateRef) -> str:
    """The ISO day that places a date in a period: its first day, or for "late April" the 25th."""
    modifier = date.modifier or (date.qualifier if date.qualifier in ("early", "mid", "late") else None)
    value = date.value
    if date.precision == "decade":
        start = (int(value[:3]) * 10, 1, 1)
    else:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        start = (parts[0], parts[1], parts[2])
    y, m, d = representative_ymd(start, date.precision, modifier)
    return f"{y:04d}-{m:02d}-{d:02d}"
