"""Arguments: claims about the subject's stance, on the side of its `position` or a `counter`.

A sentence is a candidate when it is about the subject (it names the subject's
side, or one of ``arguments.subject_terms``, or continues a sentence that does).
Its side is decided by the cue phrases of ``arguments.position_cues`` and
``arguments.counter_cues``: the side with more cues wins. When the cues tie, or
there are none in a piece whose kind is listed in ``arguments.lean_kinds``
(opinion pieces) and it reads as a claim (``arguments.claim_markers``), the stance of its paragraph decides (the side the cues of the
paragraph favour), or else the piece's overall stance, or, when the piece's cues tie too,
``arguments.uncued_side``. Sentences with no cue in
other pieces are left out, and so are uncued sentences that report a statement
or a dated fact. A sentence that follows an argument in the same paragraph may
continue it without naming the subject ("But this concern is overstated."), and the first sentence
of the next paragraph continues it when it is cued and names an actor of another side (a reaction
on the record: "The EU's commissioner warned the schedule was not realistic"); one that opens on a
turn ("But …") right after a sentence reporting someone's claim ("Defenders argue …") answers it,
and takes the other side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Topic
from ..model import Article
from .text import ActorMatcher, PhrasePattern, Sentence, article_sentences

_MIN_WORDS = 4
# A sentence opening like this carries on the previous one's argument.
_CONNECTIVE = re.compile(
    r"^(?:this|that|these|those|it|its|such|but|yet|however|instead|still|so|thus|hence|"
    r"indeed|in any case|in this|as a result)\b",
    re.IGNORECASE,
)


# A sentence opening like this answers the argument before it: it is on the other side.
_TURN = re.compile(r"^(?:but|yet|however|still|that may be (?:so|true)|this may be (?:so|true))\b", re.IGNORECASE)
_OTHER_SIDE = {"position": "counter", "counter": "position"}
_PARAGRAPH = "paragraph"
"""``ArgumentFinder._side``'s answer when the stance of the sentence's paragraph decides."""
# A claim a sentence puts in a camp's mouth: "Critics say …", "Some supporters argue …".
_CRITICS = frozenset("critics opponents detractors sceptics skeptics".split())
_CAMP = re.compile(
    r"^(?:some\s+|many\s+|the\s+)?(?P<camp>critics|opponents|detractors|sceptics|skeptics|supporters|defenders|"
    r"proponents|advocates|backers)\s+(?:\w+\s+)?(?:say|says|argue|argues|claim|claims|contend|contends|insist|"
    r"maintain|warn|worry|fear|believe|point out|counter)\b",
    re.IGNORECASE,
)
_REPORTED_CLAIM = re.compile(
    r"\b(?:argue|argues|argued|say|says|claim|claims|claimed|insist|insists|contend|contends|maintain|maintains)\b",
    re.IGNORECASE,
)


def _answers(sentence: Sentence, before: Sentence | None) -> bool:
    """Does the sentence open on a turn ("But …") right after one that reports someone's claim
    ("Defenders argue …", "Some may say …")? Then it answers that claim. A turn after a plain
    statement ("It cost India dearly. Yet New Delhi held firm.") goes on with the same side."""
    return (
        _TURN.match(sentence.text) is not None
        and before is not None
        and before.paragraph.number == sentence.paragraph.number
        and _REPORTED_CLAIM.search(before.text) is not None
    )


def _leaning(scored: Sequence[tuple[Sentence, list[str], list[str]]], default: str) -> str:
    """The side the cues of these sentences favour, or ``default`` on a tie."""
    position = sum(len(p) for _s, p, _c in scored)
    counter = sum(len(c) for _s, _p, c in scored)
    if counter > position:
        return "counter"
    if position > counter:
        return "position"
    return default


@dataclass(frozen=True, slots=True)
class FoundArgument:
    sentence: Sentence
    side: str
    cues: tuple[str, ...]


class ArgumentFinder:
    def __init__(self, topic: Topic, matcher: ActorMatcher) -> None:
        self.topic = topic
        self.matcher = matcher
        cues = topic.argument_cues
        self.position = PhrasePattern(cues.position)
        self.counter = PhrasePattern(cues.counter)
        subject = topic.affiliation(topic.subject)
        self.about = PhrasePattern((subject.name, *subject.aliases, *cues.subject_terms))
        self.claim = PhrasePattern(cues.claim_markers)

    def cues(self, text: str) -> tuple[list[str], list[str]]:
        return self.position.findall(text), self.counter.findall(text)

    def find(
        self, article: Article, statement_sentences: Sequence[Sentence] = (), dated_sentences: Sequence[Sentence] = ()
    ) -> list[FoundArgument]:
        sentences = article_sentences(article)
        scored = [(s, *self.cues(s.text)) for s in sentences]
        article_side = _leaning(scored, self.topic.argument_cues.uncued_side)
        paragraph_side = {
            number: _leaning([x for x in scored if x[0].paragraph.number == number], article_side)
            for number in {s.paragraph.number for s in sentences}
        }
        leans = article.source.meta.kind in self.topic.argument_cues.lean_kinds
        statements = {(s.paragraph.number, s.index) for s in statement_sentences}
        dated = {(s.paragraph.number, s.index) for s in dated_sentences}

        found: list[FoundArgument] = []
        chain: tuple[int, int] | None = None
        previous: tuple[tuple[int, int], str] | None = None  # the last argument found: where, and its side
        for number, (sentence, position, counter) in enumerate(scored):
            key = (sentence.paragraph.number, sentence.index)
            cued = bool(position or counter)
            continues = chain == (sentence.paragraph.number, sentence.index - 1) or (
                sentence.index == 0
                and chain is not None
                and chain[0] == sentence.paragraph.number - 1
                and cued
                and self._names_another_side(sentence)
            )
            follows_previous = previous is not None and previous[0] == chain and continues
            about = self._about(sentence)
            if about:
                chain = key
            if not (about or (continues and (cued or (leans and _CONNECTIVE.match(sentence.text))))):
                continue
            if len(sentence.text.split()) < _MIN_WORDS:
                continue
            before = sentences[number - 1] if number else None
            answered = previous[1] if previous and follows_previous and _answers(sentence, before) else None
            if not cued and not answered and (key in statements or key in dated):
                continue  # a statement or a dated fact, not a claim about them
            side = self._side(sentence, position, counter, answered, cued or leans)
            if side is None:
                continue
            if side == _PARAGRAPH:
                side = paragraph_side[sentence.paragraph.number]
            chain = key
            previous = (key, side)
            found.append(FoundArgument(sentence, side, tuple(position + counter)))
        return found

    def _side(
        self, sentence: Sentence, position: list[str], counter: list[str], answered: str | None, leaning: bool
    ) -> str | None:
        """The side by these rules, in order: the cues; the other side of the argument it answers
        ("Defenders argue …. But …"); the side of a camp it quotes ("Critics say …"); the stance of
        its paragraph (``_PARAGRAPH``) for a cued, leaning or claim-like sentence; else none."""
        if len(counter) != len(position):
            return "counter" if len(counter) > len(position) else "position"
        if answered is not None:
            return _OTHER_SIDE[answered]
        camp = _CAMP.match(sentence.text)
        if camp is not None:
            return "counter" if camp.group("camp").lower() in _CRITICS else "position"
        if leaning or self._claim_like(sentence):
            return _PARAGRAPH
        return None

    def _names_another_side(self, sentence: Sentence) -> bool:
        """A reaction on the record: the sentence names an actor of another side ("The EU's commissioner
        warned that a binding schedule was "not realistic"")."""
        return any(m.actor.affiliation not in (None, self.topic.subject) for m in self.matcher.find(sentence.text))

    def _claim_like(self, sentence: Sentence) -> bool:
        return self.claim.pattern is not None and (
            bool(self.claim.search(sentence.text)) or sentence.text.endswith("?")
        )

    def _about(self, sentence: Sentence) -> bool:
        if self.about.search(sentence.text):
            return True
        return any(m.actor.affiliation == self.topic.subject for m in self.matcher.find(sentence.text))
