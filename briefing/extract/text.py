"""Text utilities shared by the extractors: sentences, actor mentions, similarity.

Nothing here knows the topic: actor names and aliases come from the topic config.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

import pysbd

from ..config import ALIAS_CASES, ActorSpec, Topic
from ..model import Article, Paragraph

#: Paragraph kinds whose sentences are read for statements, arguments and events.
PROSE_KINDS = ("text", "list-item")

_OPEN_QUOTES = "\"“‘'"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'-]*")
STOPWORDS = frozenset(
    """
a an and are as at be been being but by can could did do does for from had has have he her his
if in into is it its itself may might more most must no not of on or our own s she should so such
than that the their them then there these they this those to under up was we were what when
which while who whom why will with would also both once again only just over about after before
through between one two three said says say
""".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph, with its offsets in the paragraph's text."""

    paragraph: Paragraph
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a sentence (offsets relative to the sentence)."""

    actor: ActorSpec
    start: int
    end: int
    possessive: bool


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


# Fast path: most paragraphs split correctly at a full stop, question or exclamation mark (with
# any closing quote or bracket) followed by space and a capital. Only a paragraph with something
# that can fool that rule (initials, an abbreviation, a decimal, an ellipsis, a stop before a
# lower-case word) goes to pysbd, which is about a hundred times slower. On the seeds and 20
# disguised copies the two agree on every paragraph the fast path takes.
_ABBREVIATIONS = """Mr Mrs Ms Dr Prof Gen Col Lt Capt Sgt St Jr Sr Inc Ltd Co Corp vs etc No Nos Vol Fig Dept Gov
Govt Sen Rep Rev Hon Adm Maj Brig Cmdr approx Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec e.g i.e cf al p pp ed eds
ch sec art""".split()


def _stop_ends_a_word_of(words: Iterable[str]) -> str:
    """Lookbehinds for after a full stop: the stop ends one of ``words``, whole. (A lookbehind has
    a fixed width: one for each length.)"""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "|".join(rf"(?<=(?<!\w)(?:{'|'.join(alike)})\.)" for _, alike in sorted(by_length.items()))


# Each test starts at a stop, which the regex engine skips to at once; lookbehinds read what
# comes before it. (Anchored at the word before the stop instead, the same tests took ten times
# as long: they were tried at every word of every paragraph.)
_NEEDS_PYSBD = re.compile(
    r"[.!?…](?:(?<=…)"  # an ellipsis
    r"|[\"”’')\]]*(?:\s+[a-z(]|[A-Z])"  # a stop before a lower-case word, or with no space after it
    r"|(?<=\.)(?:\.|(?<=\d\.)\d"  # "..", a decimal
    r"|(?<=(?<!\w)[A-Za-z]\.)(?:[A-Za-z]\.|(?<=[A-Z]\.)\s)"  # initials, "U.S.", "K. R"
    rf"|{_stop_ends_a_word_of(_ABBREVIATIONS)}))"  # an abbreviation
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")


def _sentences(text: str) -> list[str]:
    if _NEEDS_PYSBD.search(text):
        return _pysbd_sentences(text)
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        pieces.append(text[start : end.end()])
        start = end.end()
    pieces.append(text[start:])
    return pieces


# pysbd rewrites the whole text once per abbreviation it finds, so its cost grows with the square
# of a paragraph's length (a 40,000-character paragraph took 2.6 s, against 0.2 s for the same
# text in ordinary paragraphs). A long paragraph is therefore given to pysbd in windows of about
# _WINDOW characters, cut only where a sentence certainly ends: a stop after a lower-case word of
# three letters or more that is not an abbreviation, followed by space and a capital.
_WINDOW = 2_000
_SAFE_BREAK = re.compile(r"(?<![\w.])([a-z]{3,})[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z])")
_LOWER_ABBREVIATIONS = frozenset({"etc", "approx", "cf", "vs", "est", "viz", "incl", "excl", "resp", "dept", "govt"})


def _pysbd_sentences(text: str) -> list[str]:
    """pysbd's sentences, without its span step: ``segment()`` always compiles every sentence as
    a regex to find it again (the slowest part of a build); ``str.find`` does that job below."""
    sentences: list[str] = []
    for window in _windows(text):
        segmenter = _segmenter()
        segmenter.original_text = window
        sentences.extend(str(sentence) for sentence in segmenter.processor(window).process())
    return sentences


def _windows(text: str) -> list[str]:
    """``text`` cut at certain sentence ends into pieces of at least ``_WINDOW`` characters (one if shorter).

    Where no certain sentence end comes for ``4 * _WINDOW`` characters, the text is cut at a space,
    so that no window, and no pysbd run, is longer than that.
    """
    if len(text) <= 2 * _WINDOW:
        return [text]
    windows: list[str] = []
    start = 0
    for match in _SAFE_BREAK.finditer(text):
        if match.group(1) in _LOWER_ABBREVIATIONS:
            continue
        while match.start() - start > 4 * _WINDOW:
            cut = text.rfind(" ", start + 1, start + 4 * _WINDOW)
            cut = cut if cut > start else start + 4 * _WINDOW
            windows.append(text[start:cut])
            start = cut
        if match.end() - start >= _WINDOW:
            windows.append(text[start : match.end()])
            start = match.end()
    while len(text) - start > 4 * _WINDOW:
        cut = text.rfind(" ", start + 1, start + 4 * _WINDOW)
        cut = cut if cut > start else start + 4 * _WINDOW
        windows.append(text[start:cut])
        start = cut
    windows.append(text[start:])
    return [window for window in windows if window]


@lru_cache(maxsize=8192)
def split_sentences(paragraph: Paragraph) -> tuple[Sentence, ...]:
    """Sentences with offsets; a quotation left open is never split. Cached: every extractor asks."""
    text = paragraph.text
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in _sentences(text):
        body = piece.strip()
        if not body:
            continue
        start = text.find(body, cursor)
        if start < 0:  # pysbd changed the text after all: fall back to one sentence
            return _one_sentence(paragraph)
        end = start + len(body)
        cursor = end
        if spans and _inside_open_quote(text[spans[-1][0] : spans[-1][1]]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    spans = [piece for span in spans for piece in _bounded(text, span)]
    return tuple(Sentence(paragraph, index, start, end, text[start:end]) for index, (start, end) in enumerate(spans))


#: Longest sentence handed to the extractors, in characters. A real sentence is far shorter (the
#: longest in the seeds has 384); a longer "sentence" is a list, a page without full stops or a
#: quotation left open, and the per-sentence extractors' cost grows with the square of its length.
MAX_SENTENCE_CHARS = 1_500


def _bounded(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A span longer than MAX_SENTENCE_CHARS cut into pieces at a clause break (``;``, ``,``, a dash)
    in the second half of each piece, else at a space, else hard."""
    start, end = span
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        cut = max(text.rfind(mark, half, limit) for mark in ("; ", ", ", " – ", " — "))
        cut = cut + 1 if cut >= 0 else text.rfind(" ", half, limit)
        if cut <= start:
            cut = limit
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pieces.append((start, stop))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def _one_sentence(paragraph: Paragraph) -> tuple[Sentence, ...]:
    text = paragraph.text.strip()
    start = paragraph.text.find(text)
    return (Sentence(paragraph, 0, start, start + len(text), text),) if text else ()


def _inside_open_quote(text: str) -> bool:
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def article_sentences(article: Article) -> list[Sentence]:
    return [s for p in article.paragraphs if p.kind in PROSE_KINDS for s in split_sentences(p)]


class ActorMatcher:
    """Finds actors by name or alias, longest alias first, as whole words.

    By default (``matching.alias_case: first-letter``) matching is case-sensitive
    except for the first letter, so "the Kremlin" also matches "The Kremlin" at
    the start of a sentence, but "Mint" does not match "mint". ``exact`` and
    ``ignore`` are the other choices.
    """

    def __init__(self, actors: Sequence[ActorSpec], alias_case: str = ALIAS_CASES[0]) -> None:
        self._fold = {"first-letter": _fold_first, "exact": _fold_quotes, "ignore": _fold_case}[alias_case]
        names: list[tuple[str, ActorSpec]] = []
        for actor in actors:
            for name in actor.names:
                names.append((base_letters(name), actor))  # "Čeferin" and "Ceferin" are one name
        names.sort(key=lambda item: (-len(item[0]), item[0]))
        self._actors = {name: actor for name, actor in reversed(names)}
        self._names = PhrasePattern([name for name, _ in names], partial(_names_pattern, alias_case=alias_case))
        self._lookup = {self._fold(name): actor for name, actor in names}
        self._found = lru_cache(maxsize=4096)(self._mentions)

    def find(self, text: str) -> list[Mention]:
        """The actors named in ``text``. Cached: each extractor asks about the same sentences."""
        return list(self._found(text))

    def _mentions(self, text: str) -> tuple[Mention, ...]:
        mentions = []
        for match in self._names.finditer(base_letters(text)):
            actor = self._lookup.get(self._fold(match.group(0)))
            if actor is None:
                continue
            possessive = text[match.end() : match.end() + 2] in ("’s", "'s") or (
                match.group(0).endswith("s") and text[match.end() : match.end() + 1] in ("’", "'")
            )
            mentions.append(Mention(actor, match.start(), match.end(), possessive))
        return tuple(mentions)


class _BaseLetterTable(dict[int, str]):
    """For ``str.translate``: each character to itself, or a letter to the letter its accents sit on."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        base = unicodedata.normalize("NFD", character)[0]
        self[code] = base if base != character and base.isalpha() else character
        return self[code]


_BASE_LETTERS = _BaseLetterTable()


# Latin letters that can carry accents (Latin-1, Extended-A and -B, Extended Additional): a text
# without any, most English text with its curly quotes, is returned as it is, without a translation.
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


def base_letters(text: str) -> str:
    """The text with accents taken off its letters, one character for one, so offsets stay the same:
    news copy writes a name with and without them ("Čeferin", "Ceferin"; "Inácio", "Inacio")."""
    return text.translate(_BASE_LETTERS) if _ACCENTED.search(text) else text


def _names_pattern(names: Sequence[str], alias_case: str) -> re.Pattern[str] | None:
    """Any of the names as whole words, longest first."""
    if not names:
        return None
    ordered = sorted(names, key=lambda name: (-len(name), name))
    alternatives = "|".join(_alias_pattern(name, alias_case) for name in ordered)
    flags = re.IGNORECASE if alias_case == "ignore" else 0
    return re.compile(rf"(?<![\w’'])(?:{alternatives})(?!\w)", flags)


def _alias_pattern(name: str, alias_case: str = ALIAS_CASES[0]) -> str:
    """With ``first-letter`` (``matching.alias_case``), an alias starting in lower case ("the Kremlin") may
    start a sentence in upper case; not the reverse."""
    first, rest = name[:1], _escaped(name[1:])
    if first.islower() and alias_case == "first-letter":
        return f"[{first.upper()}{first}]{rest}"
    return re.escape(first) + rest


def _fold_first(name: str) -> str:
    return name[:1].lower() + name[1:].replace("'", "’")


def _fold_case(name: str) -> str:
    return name.casefold().replace("'", "’")


def _fold_quotes(name: str) -> str:
    return name.replace("'", "’")


def matcher_for(topic: Topic) -> ActorMatcher:
    return ActorMatcher(topic.actors, topic.matching.alias_case)


def _escaped(phrase: str) -> str:
    """A phrase as a pattern of itself, either apostrophe matching either (O'Neill, O’Neill)."""
    return re.sub(r"\\?['’]", "['’]", re.escape(phrase))


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive whole-word pattern for a list of phrases (longest first)."""
    unique = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))
    if not unique:
        return None
    body = "|".join(_escaped(p).replace("\\ ", r"\s+") for p in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?![\w-])", re.IGNORECASE)


# re.IGNORECASE takes these for ASCII letters (each is the other case of one), and ``str.lower`` does
# not turn them into those letters; it does for every other such character (the Kelvin sign "K").
_ASCII_LOOKALIKES = (("İ", "i"), ("ı", "i"), ("ſ", "s"))
_RUN = re.compile("[a-z0-9]+")


def _folded(text: str) -> str:
    """``text`` in lower case, each character folded to the ASCII letter re.IGNORECASE takes it for."""
    for lookalike, letter in _ASCII_LOOKALIKES:  # str.replace: far faster than str.translate
        text = text.replace(lookalike, letter)
    return text.lower()


@lru_cache(maxsize=4096)
def word_runs(text: str) -> frozenset[str]:
    """The runs of ASCII letters and digits of the folded text: "Moscow’s S-400" -> {"moscow", "s", "400"}.

    Where a case-insensitive pattern matches a phrase whole (after and before a non-word character),
    each run of the phrase is a whole run of the text (no other character matches an ASCII letter or
    digit); so a text missing one of those runs cannot match that phrase. Cached: each extractor asks
    about the same sentences.
    """
    return frozenset(_RUN.findall(_folded(text)))


def key_run(phrase: str) -> str | None:
    """The longest run of letters and digits of a phrase (the rarest, as a rule), or None when it has none.
    ("S-400" is keyed on "400", not on the "s" of nearly every sentence's "’s".)"""
    return max(_RUN.findall(_folded(phrase)), key=len, default=None)


class PhrasePattern:
    """A pattern of phrases matched whole, case-insensitive or not, built by ``build`` (as
    ``phrase_pattern`` builds one), run on a text with only the phrases whose key run (``key_run``)
    the text holds: the others cannot match there. Most sentences hold none, and then nothing runs;
    a pattern of the few phrases that can match is far faster than one of them all.
    """

    def __init__(
        self,
        phrases: Iterable[str],
        build: Callable[[Sequence[str]], re.Pattern[str] | None] = phrase_pattern,
    ) -> None:
        self._phrases = tuple(phrases)
        self._build = build
        self.pattern = build(self._phrases)
        self._key_runs = [key_run(phrase) for phrase in self._phrases]
        # A phrase without letters can match any text: then every text gets the whole pattern.
        self._keys = frozenset(self._key_runs) if None not in self._key_runs else None
        self._pattern_of = lru_cache(maxsize=1024)(self._pattern_of_keys)

    def _pattern_of_keys(self, keys: frozenset[str]) -> re.Pattern[str] | None:
        return self._build([phrase for phrase, key in zip(self._phrases, self._key_runs) if key in keys])

    def _pattern_for(self, text: str) -> re.Pattern[str] | None:
        if self._keys is None:
            return self.pattern
        keys = self._keys.intersection(word_runs(text))
        return self._pattern_of(keys) if keys else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._pattern_for(text)
        return pattern.finditer(text) if pattern is not None else iter(())

    def findall(self, text: str) -> list[str]:
        pattern = self._pattern_for(text)
        return pattern.findall(text) if pattern is not None else []

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._pattern_for(text)
        return pattern.search(text) if pattern is not None else None


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text.replace("’", "'"))]


def content_stems(text: str, exclude: Iterable[str] = ()) -> frozenset[str]:
    """Crude stems (first five letters) of the content words, for near-duplicate tests."""
    return stems_skipping(text, skip_words(exclude))


def stems_skipping(text: str, skip: frozenset[str]) -> frozenset[str]:
    """``content_stems`` leaving out the words in ``skip`` (``skip_words`` of the phrases excluded)."""
    return frozenset(w[:5] for w in words(text) if len(w) > 2 and w not in STOPWORDS and w not in skip)


def skip_words(exclude: Iterable[str]) -> frozenset[str]:
    return frozenset(w for phrase in exclude for w in words(phrase))


def overlap(first: frozenset[str], second: frozenset[str], min_shared: int = 1) -> float:
    """Overlap coefficient: shared stems over the smaller set (0 when fewer than ``min_shared`` are shared)."""
    shared = len(first & second)
    if not first or not second or shared < min_shared:
        return 0.0
    return shared / min(len(first), len(second))
