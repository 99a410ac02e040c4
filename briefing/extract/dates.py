"""Find date expressions in English text and normalise them with rules (HeidelTime-style).

Each rule is a compiled regex with a normaliser. Every rule proposes candidates over the
whole text; candidates are then taken longest first (ties: table order, then position), and a
candidate overlapping an already taken span is dropped, so "late April 2025" never also yields
"2025". Values follow ISO 8601 / EDTF: "2025-04-22", "2025-04", "2025", "201X" (a decade).

Expressions that need a reference date ("yesterday", "on Sunday", "May 5" without a year) are
only returned when one is passed; today's date is never consulted, so output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from .text import word_runs

__all__ = ["DateMention", "find_dates", "UNIT_WORDS", "NUMBER_LABELS"]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: A four-digit number followed by one of these words is a quantity, not a year ("2000 km").
UNIT_WORDS: frozenset[str] = frozenset(
    {
        "people",
        "persons",
        "troops",
        "soldiers",
        "km",
        "kms",
        "kilometres",
        "kilometers",
        "miles",
        "metres",
        "meters",
        "crore",
        "lakh",
        "tonnes",
        "tons",
        "dollars",
        "rupees",
        "votes",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "minutes",
    }
)
#: A number right after one of these words is a label, not a year ("page 1971", "No. 1999").
NUMBER_LABELS: frozenset[str] = frozenset(
    {
        "page",
        "pages",
        "p.",
        "pp.",
        "no.",
        "nos.",
        "number",
        "resolution",
        "article",
        "section",
        "chapter",
        "clause",
        "flight",
        "route",
        "room",
    }
)

PRECISION_RANK = {"decade": 0, "year": 1, "month": 2, "day": 3}
"""How precise a date is: a decade < a year < a month < a day."""
_MODIFIER_RANK: dict[str | None, int] = {None: 0, "early": 1, "mid": 2, "late": 3}
_QUALIFIER_RANK: dict[str | None, int] = {"before": 0, None: 1, "about": 2, "since": 3, "until": 4, "after": 5}
_MODIFIERS = frozenset({"early", "mid", "late"})
_QUALIFIER_WORDS = {
    "since": "since",
    "before": "before",
    "pre": "before",
    "after": "after",
    "post": "after",
    "until": "until",
    "till": "until",
    "around": "about",
    "circa": "about",
    "about": "about",
    "approximately": "about",
    "c.": "about",
}


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression found in a text.

    ``qualifier`` holds early/mid/late when that is the only qualification; when a relational
    or approximate qualifier (since/before/after/until/about) also applies, ``qualifier`` holds
    that one and the extra ``modifier`` field holds early/mid/late ("since the mid-2010s":
    qualifier "since", modifier "mid"). Otherwise ``modifier`` is None.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    qualifier: str | None
    relative: bool
    modifier: str | None = None

    def _start_ymd(self) -> tuple[int, int, int]:
        if self.precision == "decade":
            return int(self.value[:3]) * 10, 1, 1
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return parts[0], parts[1], parts[2]

    def _modifier_and_relation(self) -> tuple[str | None, str | None]:
        if self.qualifier in _MODIFIERS:
            return self.qualifier, None
        return self.modifier, self.qualifier

    @property
    def sort_key(self) -> str:
        """Chronological sort key: ``"YYYY-MM-DD|PMQ"``.

        YYYY-MM-DD is the first day of the interval the value denotes (201X -> 2010-01-01,
        2025-04 -> 2025-04-01), or for an early/mid/late part the middle of that third
        (:func:`representative_ymd`: "late April" -> 25 April), so dates sort by what they
        mean: "late April" after 22 April. Ties break on P, the precision rank (decade 0 <
        year 1 < month 2 < day 3, so 201X < 2010 < 2010-01 < 2010-01-01), then M, the
        early/mid/late rank (none 0 < early 1 < mid 2 < late 3), then Q, the qualifier rank
        (before 0 < none 1 < about 2 < since 3 < until 4 < after 5).
        """
        mod, rel = self._modifier_and_relation()
        y, m, d = representative_ymd(self._start_ymd(), self.precision, mod)
        ranks = f"{PRECISION_RANK[self.precision]}{_MODIFIER_RANK[mod]}{_QUALIFIER_RANK[rel]}"
        return f"{y:04d}-{m:02d}-{d:02d}|{ranks}"

    def describe(self) -> str:
        """Words for readers: "22 April 2025", "late April 2025", "since the mid-2010s"."""
        y, m, d = self._start_ymd()
        mod, rel = self._modifier_and_relation()
        core = {"day": f"{d} {MONTHS[m - 1]} {y}", "month": f"{MONTHS[m - 1]} {y}", "year": str(y), "decade": f"{y}s"}[
            self.precision
        ]
        if mod:
            core = f"mid-{core}" if mod == "mid" else f"{mod} {core}"
        if self.precision == "decade":
            core = f"the {core}"
        return f"{rel} {core}" if rel else core


# The middle of the early, mid and late third: a day of a month, a month of a year, a year of a decade.
_THIRD_MIDDLE = {"early": (5, 2, 2), "mid": (15, 6, 5), "late": (25, 10, 8)}


def representative_ymd(start: tuple[int, int, int], precision: str, modifier: str | None) -> tuple[int, int, int]:
    """The day that stands for a date when sorting and placing it: its start, or its third's middle."""
    if modifier not in _THIRD_MIDDLE:
        return start
    day, month, year = _THIRD_MIDDLE[modifier]
    y, m, d = start
    if precision == "month":
        return y, m, day
    if precision == "year":
        return y, month, 1
    if precision == "decade":
        return y + year, 1, 1
    return y, m, d


# --- regex building blocks (patterns are compiled case-insensitive; month names are not,
# so the modal verb "may" can never be read as the month) ---
_MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
_MONTH = (
    r"(?-i:(?P<month>(?:" + "|".join(MONTHS) + r")\b"
    r"|(?:" + "|".join(_MONTH_ABBREVIATIONS) + r")\b\.?))"
)
_WD_NAMES = "|".join(WEEKDAYS)
_WD_PREFIX = rf"(?:\b(?:{_WD_NAMES}),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_YEAR_END = r"(?![\w%]|[.,:/\-–]\d)"
_NUM_LB = r"(?<![\w$£€₹¥#.,/:\-–])"
_NUM_START = rf"(?:(?<=\bpre-)|(?<=\bpost-)|{_NUM_LB})"
_MOD = r"\b(?P<mod>early|mid|late)(?:-|\s+)"
_QUAL = (
    r"(?:\b(?P<qual>since|before|after|until|till|around|circa|about|approximately|c\.)\s+"
    r"|\b(?P<qual2>pre|post)-)?"
)
_QUAL_REL = r"(?:\b(?P<qual>since|before|after|until|till)\s+)?"
_DECADE_TOKEN = (
    r"(?:\b(?P<mod>early|mid|late)(?:-|\s+))?(?P<apos>['’])?(?<![\w$.,])"
    r"(?P<digits>(?:1\d|20)\d|\d)0['’]?s\b"
)
_DECADE_TOKEN_RE = re.compile(_DECADE_TOKEN, re.I)
_DECADE_TOKEN_NC = re.sub(r"\(\?P<\w+>", "(?:", _DECADE_TOKEN)
_DECADE_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through)\s+|\s*[-–]\s*)"
_DECADE = (
    rf"(?<!\w)(?P<body>(?P<the>the\s+)?{_DECADE_TOKEN_NC}"
    rf"(?:{_DECADE_SEP}(?:the\s+)?{_DECADE_TOKEN_NC})*)"
)

Normaliser = Callable[[re.Match[str], str, date | None], list[DateMention] | None]


def _mention(
    text: str,
    start: int,
    end: int,
    value: str,
    precision: str,
    qual: str | None = None,
    mod: str | None = None,
    relative: bool = False,
) -> DateMention:
    if qual and mod:
        return DateMention(start, end, text[start:end], value, precision, qual, relative, mod)
    return DateMention(start, end, text[start:end], value, precision, qual or mod, relative)


def _qual(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    word = groups.get("qual") or groups.get("qual2")
    return _qualifier(word) if word else None


@lru_cache(maxsize=512)
def _as_matched(word: str, choices: tuple[str, ...]) -> str | None:
    """Which of the lower-case ``choices`` a rule matched as ``word``. The rules ignore case, and so
    let look-alike letters through ("ſince", "SİNCE", "frİday"): compare as they do, never by
    ``lower()`` or ``title()`` alone (that raised KeyError or ValueError out of the build)."""
    lowered = word.lower()
    if lowered in choices:
        return lowered
    return next((c for c in choices if re.fullmatch(re.escape(c), word, re.IGNORECASE)), None)


def _qualifier(word: str) -> str | None:
    """What a matched qualifier word means ("pre" -> "before")."""
    known = _as_matched(word, tuple(_QUALIFIER_WORDS))
    return _QUALIFIER_WORDS[known] if known else None


def _month_number(m: re.Match[str]) -> int:
    return [name[:3] for name in MONTHS].index(m["month"][:3].title()) + 1


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _is_quantity(text: str, start: int, end: int) -> bool:
    """True when the number at text[start:end] is a label ("page 1971") or a quantity ("2000 km")."""
    after = _WORD_AFTER.match(text, end)
    word = _word_before(text, start)
    return bool(
        (after and after[1].lower() in UNIT_WORDS) or word in NUMBER_LABELS or word.rstrip(".") in NUMBER_LABELS
    )


def _word_before(text: str, start: int) -> str:
    """The ASCII letters (and a full stop after them) that text[:start] ends with, white space aside,
    in lower case; "" when it ends otherwise. (What a search for letters, an optional stop and white
    space at the end of text[:start] finds, without trying every position before the number.)"""
    head = text[:start].rstrip()
    letters_end = len(head) - head.endswith(".")
    letters_start = letters_end
    while letters_start and head[letters_start - 1] in _ASCII_LETTERS:
        letters_start -= 1
    return head[letters_start:].lower() if letters_start < letters_end else ""


def _full_date(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    mo = int(m["mo"]) if m.groupdict().get("mo") else _month_number(m)
    d = _safe_date(int(m["year"]), mo, int(m["day"]))
    return [_mention(text, *m.span(), d.isoformat(), "day", _qual(m))] if d else None


def _month_year(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    value = f"{m['year']}-{_month_number(m):02d}"
    return [_mention(text, *m.span(), value, "month", _qual(m), (m["mod"] or "").lower() or None)]


def _month_day(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    if ref is None or _is_quantity(text, m.start("day"), m.end()):
        return None
    mo, day = _month_number(m), int(m["day"])
    d = _year_less_day(mo, day, ref, _looks_ahead(text, m.start()))
    return [_mention(text, *m.span(), d.isoformat(), "day", _qual(m), relative=True)] if d else None


NEAR_FUTURE_DAYS = 7
"""A year-less date at most this many days after the article's date is that coming day: news says
"on May 15" of the day after it was written, not of a day nearly a year before."""
AHEAD_DAYS = 200
"""How far ahead a year-less date may lie when its clause speaks of the future ("will hold … on March 10")."""
_AHEAD = re.compile(
    r"\b(?:will|shall|is to|are to|due|scheduled|plans? to|planned|(?:is|are|was|were) expected|expected (?:to|on|by)|"
    r"set to|next|upcoming|ahead of)\b"
    r"|’ll\b|'ll\b",
    re.IGNORECASE,
)


_REPORTED = re.compile(r"\b(?:said|told|added|stated|announced|noted|wrote|reported|according)\b", re.IGNORECASE)


def _looks_ahead(text: str, start: int) -> bool:
    """Does the clause before a date speak of the future ("will vote on", "is scheduled for")?

    "would" does not count (reported speech uses it of the past), nor does a future word followed
    by a reporting verb: in "Troops will stay, he said on Monday" the Monday is the saying's."""
    clause = re.split(r"[.;:!?]\s", text[:start])[-1]
    markers = list(_AHEAD.finditer(clause))
    return bool(markers) and _REPORTED.search(clause, markers[-1].end()) is None


def _year_less_day(month: int, day: int, ref: date, ahead: bool) -> date | None:
    """The year of a date written without one: the latest such day not after the article's date,
    unless the next such day is a few days on, or its clause speaks of the future and it is not far."""
    past = next((d for y in (ref.year, ref.year - 1) if (d := _safe_date(y, month, day)) and d <= ref), None)
    future = next((d for y in (ref.year, ref.year + 1) if (d := _safe_date(y, month, day)) and d > ref), None)
    if future is not None and (future - ref).days <= (AHEAD_DAYS if ahead else NEAR_FUTURE_DAYS):
        return future
    return past


_SEASON = r"\s+(?:season|campaign|financial\s+year|fiscal\s+year|fiscal|school\s+year|academic\s+year|budget)s?\b"
_SEASON_AFTER_RANGE = re.compile(_SEASON, re.IGNORECASE)
_SEASON_AFTER_YEAR = re.compile(r"\s*[-–—/]\s*\d{2}(?:\d{2})?" + _SEASON, re.IGNORECASE)


def _bare_year(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    if _is_quantity(text, m.start("year"), m.end()) or _SEASON_AFTER_YEAR.match(text, m.end("year")):
        return None  # "the 2028-29 season" names a season, not a year something happened in
    mod = (m.groupdict().get("mod") or "").lower() or None
    return [_mention(text, *m.span(), m["year"], "year", _qual(m), mod)]


def _paren_year(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    return [_mention(text, *m.span(), m["year"], "year")]


def _year_range(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    first = int(m["year"])
    second = int(m["year2"]) if len(m["year2"]) == 4 else first // 100 * 100 + int(m["year2"])
    if second <= first or _is_quantity(text, m.start("year"), m.end()) or _SEASON_AFTER_RANGE.match(text, m.end()):
        return None
    return [
        _mention(text, m.start(), m.end("year"), str(first), "year", _qual(m)),
        _mention(text, *m.span("year2"), str(second), "year"),
    ]


def _decades(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    tokens = list(_DECADE_TOKEN_RE.finditer(text, m.start("body"), m.end()))
    # A bare "60s" is usually an age ("in their 60s"); ask for "the" or an apostrophe.
    if len(tokens[0]["digits"]) == 1 and not (tokens[0]["apos"] or m["the"]):
        return None
    out = []
    for i, tok in enumerate(tokens):
        digits = tok["digits"]
        if len(digits) == 3:
            decade = int(digits) * 10
        else:
            decade = (1900 if int(digits) >= 3 else 2000) + int(digits) * 10
        mod = tok["mod"].lower() if tok["mod"] else None
        start = m.start() if i == 0 else tok.start()
        out.append(_mention(text, start, tok.end(), f"{decade // 10}X", "decade", _qual(m) if i == 0 else None, mod))
    return out


PAST_VERB = (
    r"(?:[a-z]{2,}ed|said|told|met|spoke|made|gave|held|took|sent|wrote|left|won|lost|began|came|went|rose|fell|"
    r"cut|set|put)"
)
"""A verb in the past tense, as a pattern: regular ones by their ending, and the common irregular ones."""
# Wire style dates a verb by its weekday without "on": "voted Friday", "said Wednesday".
_AFTER_A_VERB = re.compile(rf"\b(?:{PAST_VERB}|says|will\s+\w+)\s+$")
_DAY_SHIFTS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_PERIOD_SHIFTS = {"last": -1, "this": 0, "next": 1}
_WEEKDAYS_LOWER = tuple(day.lower() for day in WEEKDAYS)


def _relative_day(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    if ref is None:
        return None
    shift = _DAY_SHIFTS.get(_as_matched(m["word"], tuple(_DAY_SHIFTS)) or "")
    if shift is None:
        return None
    value = (ref + timedelta(days=shift)).isoformat()
    return [_mention(text, *m.span(), value, "day", _qual(m), relative=True)]


def _relative_period(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    # "over the last year" is a duration, not a calendar period.
    if ref is None or re.search(r"\bthe\s+$", text[: m.start()], re.I):
        return None
    shift = _PERIOD_SHIFTS.get(_as_matched(m["which"], tuple(_PERIOD_SHIFTS)) or "")
    if shift is None:
        return None
    if m["unit"].lower() == "year":
        return [_mention(text, *m.span(), str(ref.year + shift), "year", _qual(m), relative=True)]
    months = ref.year * 12 + ref.month - 1 + shift
    value = f"{months // 12:04d}-{months % 12 + 1:02d}"
    return [_mention(text, *m.span(), value, "month", _qual(m), relative=True)]


def _weekday(m: re.Match[str], text: str, ref: date | None) -> list[DateMention] | None:
    cued = (
        m["last"]
        or m["qual"]
        or re.search(r"\bon\s+$", text[: m.start()], re.I)
        or _AFTER_A_VERB.search(text, 0, m.start())
    )
    if ref is None or not cued:
        return None
    weekday = _as_matched(m["wd"], _WEEKDAYS_LOWER)
    if weekday is None:
        return None
    back = (ref.weekday() - _WEEKDAYS_LOWER.index(weekday)) % 7
    if m["last"] and back == 0:
        back = 7
    if not m["last"] and back and _looks_ahead(text, m.start()):
        back -= 7  # "will meet on Friday": the coming one
    value = (ref - timedelta(days=back)).isoformat()
    return [_mention(text, *m.span(), value, "day", _qual(m), relative=True)]


@dataclass(frozen=True, slots=True)
class _Rule:
    """A date pattern, its normaliser, and what a text must hold for the pattern to match at all."""

    pattern: re.Pattern[str]
    normalise: Normaliser
    digits: re.Pattern[str] | None
    """When given, a cheap search for the digits every match holds (four for a year, a dash between two)."""
    words: frozenset[str]
    """When given, only a text holding one of these words (as ``word_runs`` finds them) can match."""
    cased: re.Pattern[str] | None
    """When given, a cheap search for a word every match holds as written: a month name, which the
    rules take only in its own case (so "may" and "march" as ordinary words pass ``words`` alone)."""

    def may_match(self, text: str, runs: frozenset[str]) -> bool:
        if self.words and self.words.isdisjoint(runs):
            return False
        if self.digits is not None and self.digits.search(text) is None:
            return False
        return self.cased is None or self.cased.search(text) is not None


def _rule(
    pattern: str,
    normalise: Normaliser,
    digits: str | None = None,
    words: Iterable[str] = (),
    cased: re.Pattern[str] | None = None,
) -> _Rule:
    return _Rule(
        re.compile(pattern, re.I),
        normalise,
        re.compile(digits, re.I) if digits else None,
        frozenset(word.lower() for word in words),
        cased,
    )


_MONTH_NAMES = (*MONTHS, *_MONTH_ABBREVIATIONS)
_MONTH_NAME = re.compile("(?:" + "|".join(_MONTH_NAMES) + r")\b")  # as _MONTH reads them
_FOUR_DIGITS = r"\d{4}"  # what _YEAR needs

# Ordered most specific first; the order only breaks ties between equally long candidates.
_RULES: tuple[_Rule, ...] = (
    _rule(_QUAL + _NUM_START + _YEAR + r"-(?P<mo>\d{2})-(?P<day>\d{2})" + _YEAR_END, _full_date, r"\d-\d"),
    _rule(
        _QUAL + _WD_PREFIX + r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _YEAR_END,
        _full_date,
        _FOUR_DIGITS,
        _MONTH_NAMES,
        _MONTH_NAME,
    ),
    _rule(
        _QUAL + _WD_PREFIX + _NUM_LB + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _YEAR_END,
        _full_date,
        _FOUR_DIGITS,
        _MONTH_NAMES,
        _MONTH_NAME,
    ),
    _rule(
        _QUAL + rf"(?:{_MOD})?\b" + _MONTH + r",?\s+" + _YEAR + _YEAR_END,
        _month_year,
        _FOUR_DIGITS,
        _MONTH_NAMES,
        _MONTH_NAME,
    ),
    _rule(_QUAL + _DECADE, _decades, r"0['’]?s"),
    _rule(r"\(" + _YEAR + r"\)", _paren_year, r"\(\d"),
    _rule(
        _QUAL + _NUM_START + _YEAR + r"\s*[-–—]\s*(?P<year2>1\d{3}|20\d{2}|\d{2})" + _YEAR_END,
        _year_range,
        r"\d\s*[-–—]\s*\d",
    ),
    _rule(_QUAL + _MOD + _YEAR + _YEAR_END, _bare_year, _FOUR_DIGITS, _MODIFIERS),
    _rule(
        _QUAL + _WD_PREFIX + r"\b" + _MONTH + r"\s+" + _DAY + _YEAR_END, _month_day, r"\d", _MONTH_NAMES, _MONTH_NAME
    ),
    _rule(
        _QUAL + _WD_PREFIX + _NUM_LB + _DAY + r"\s+(?:of\s+)?" + _MONTH, _month_day, r"\d", _MONTH_NAMES, _MONTH_NAME
    ),
    _rule(_QUAL + _NUM_START + _YEAR + _YEAR_END, _bare_year, _FOUR_DIGITS),
    # "today's world" is figurative and "India Today" is a name: neither is a date.
    _rule(
        _QUAL_REL + r"\b(?P<word>(?-i:yesterday|today|tomorrow)|(?<![\w,] )(?-i:Yesterday|Today|Tomorrow))\b(?![’']s)",
        _relative_day,
        words=("yesterday", "today", "tomorrow"),
    ),
    _rule(
        _QUAL_REL + r"\b(?P<which>last|this|next)\s+(?P<unit>month|year)\b", _relative_period, words=("month", "year")
    ),
    _rule(_QUAL_REL + rf"\b(?P<last>last\s+)?(?P<wd>{_WD_NAMES})\b", _weekday, words=WEEKDAYS),
)
# With their rank in _RULES: all of them, and those a text without digits may match.
_RANKED = tuple(enumerate(_RULES))
_RANKED_WITHOUT_DIGITS = tuple((rank, rule) for rank, rule in _RANKED if rule.digits is None)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16384)
def find_dates(text: str, reference: date | None = None) -> tuple[DateMention, ...]:
    """All date expressions in text, in order of appearance, non-overlapping (longest match wins).

    ``reference`` (usually the article's publication date) resolves relative expressions;
    without it, expressions that need it are skipped rather than guessed.
    """
    return _dates_by(_rules_for(text), text, reference)


def _rules_for(text: str) -> list[tuple[int, _Rule]]:
    """The rules (with their rank) that may match the text: those it holds what they need for
    (digits, one of their words). Most sentences hold what few rules need, and the checks are far
    cheaper than running a rule."""
    runs = word_runs(text)
    ranked = _RANKED if _DIGIT.search(text) else _RANKED_WITHOUT_DIGITS
    return [(rank, rule) for rank, rule in ranked if rule.may_match(text, runs)]


def _dates_by(rules: Iterable[tuple[int, _Rule]], text: str, reference: date | None) -> tuple[DateMention, ...]:
    candidates: list[tuple[int, int, int, list[DateMention]]] = []
    for rank, rule in rules:
        for m in rule.pattern.finditer(text):
            mentions = rule.normalise(m, text, reference)
            if mentions:
                candidates.append((m.start(), m.end(), rank, mentions))
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for start, end, _, mentions in candidates:
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            found.extend(mentions)
    return tuple(sorted(found, key=lambda d: d.start))
