"""Statements: sentences in which an actor of the subject's side says or does something on the record.

For each statement verb in a sentence (forms generated from ``statement_verbs``),
the speaker is found by these sieves, in order (after Muzny et al.'s design):

1. inverted attribution: ``"…," said X`` or ``… said by X`` / ``led by X``; the
   actor after the verb must end the attribution ("…, said X on Monday"), not
   begin the reported clause ("Y, who voted no, said X had …");
2. the nearest actor before the verb in the same clause (at most six words
   between them, skipping actors inside a prepositional phrase such as
   "calls *with* X and Y"), unless a negation or modal stands between; an
   actor right before a clause set off by commas ("X, who …, said") counts;
3. a participle after a comma (", urging …") takes the clause's subject;
4. a pronoun just before the verb ("She further said …", "he reached out …")
   takes the most recent earlier actor with that pronoun.

A sentence whose speaker is not of the subject's side is not a statement; no
guessing happens when no sieve fires. A verb form is lower case inside a sentence
("the United States" holds no "states").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import VERB_FORMS, ActorSpec, Topic
from ..model import Article
from .text import ActorMatcher, Mention, PhrasePattern, Sentence, article_sentences

_IRREGULAR = {
    "said": ("says", "saying"),
    "told": ("tells", "telling"),
    "spoke": ("speaks", "speaking"),
    "led": ("leads", "leading"),
    "held": ("holds", "holding"),
    "met": ("meets", "meeting"),
    "made": ("makes", "making"),
    "gave": ("gives", "giving"),
    "sent": ("sends", "sending"),
    "took": ("takes", "taking"),
    "wrote": ("writes", "writing"),
}
_INVERTED = {"said", "told", "added", "noted", "stated", "wrote", "declared", "stressed"}
_PREPOSITIONS = frozenset(
    """with to of for from between against toward towards at on into over about
under than like among including via alongside by in within upon across""".split()
)
_CLAUSE_BREAKS = frozenset("which who whom whose because although though whereas but if unless since".split())
_NEGATIONS = frozenset("not never no neither nor n't hardly cannot would could might may should".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our".split())
_PRONOUNS = frozenset(("he", "she", "it", "they"))
# Words that may follow the speaker of an inverted attribution ("said Peskov on Monday", "said X
# in a statement", "said X, who …"); any other word makes the actor the subject of a reported clause.
_ATTRIBUTION_CONTINUES = _PREPOSITIONS | frozenset(
    """and who as when while after before during according adding told last this earlier later late
yesterday today tonight monday tuesday wednesday thursday friday saturday sunday""".split()
)
_MAX_GAP = 6
_RELATIVE_PRONOUN = re.compile(r"\b(?:which|that|who|whom)\s+(?:he|she|it|they)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A clause or apposition set off by commas right before the verb: ", who voted in favour, said".
_PARENTHETICAL = re.compile(r",[^,;“”\"]{1,120},\s*$")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[’'-][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class FoundStatement:
    """One statement in one sentence (before merging across sources)."""

    sentence: Sentence
    speaker: ActorSpec
    act: str
    verb_start: int


def verb_forms(phrase: str, kinds: Sequence[str] = VERB_FORMS) -> dict[str, str]:
    """Surface forms of a configured verb phrase -> the phrase as configured.

    ``kinds`` (``matching.verb_forms`` in the topic config) chooses the forms added to the phrase as
    written: ``present`` ("says", "urges") and ``ing`` ("saying", "urging").
    """
    first, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = {phrase: phrase}
    lowered = first.lower()
    variants: tuple[str, ...] = ()
    if lowered in _IRREGULAR:
        present, ing = _IRREGULAR[lowered]
        variants = (present,) * ("present" in kinds) + (ing,) * ("ing" in kinds)
    elif lowered.endswith("ed") and len(lowered) > 4:
        stem = lowered[:-2]
        if "ing" in kinds:
            variants += (stem + "ing",)
        if "present" in kinds:
            variants += (stem + "s", stem + "es")
        if lowered.endswith("ied"):
            variants += (lowered[:-3] + "ying",) * ("ing" in kinds) + (lowered[:-3] + "ies",) * ("present" in kinds)
    for variant in variants:
        forms[variant + tail] = phrase
    return forms


class StatementFinder:
    def __init__(self, topic: Topic, matcher: ActorMatcher) -> None:
        self.topic = topic
        self.matcher = matcher
        self.forms: dict[str, str] = {}
        for phrase in topic.statement_verbs:
            for form, canonical in verb_forms(phrase, topic.matching.verb_forms).items():
                self.forms.setdefault(form.lower(), canonical)
        self.verbs = PhrasePattern(self.forms, _verb_pattern)
        self.hedges = frozenset(word.lower() for word in topic.matching.hedges)

    def find(self, article: Article) -> list[FoundStatement]:
        if self.verbs.pattern is None:
            return []
        found: list[FoundStatement] = []
        history: list[tuple[Sentence, Mention]] = []
        previous_paragraph = None
        for sentence in article_sentences(article):
            if sentence.paragraph.number != previous_paragraph:
                # Pronouns reach back one paragraph at most.
                history = [h for h in history if h[0].paragraph.number == previous_paragraph]
                previous_paragraph = sentence.paragraph.number
            mentions = self.matcher.find(sentence.text)
            speakers_here: set[str] = set()
            for verb in self.verbs.finditer(sentence.text):
                if verb.start() > 0 and verb.group(0)[0].isupper():
                    continue  # "the United States" holds no verb "states": a verb is lower case inside a sentence
                speaker = self.speaker(sentence.text, mentions, verb, history)
                if speaker is None or speaker.affiliation != self.topic.subject:
                    continue
                if speaker.id in speakers_here:
                    continue
                speakers_here.add(speaker.id)
                act = self.forms[" ".join(verb.group(0).lower().split())]
                found.append(FoundStatement(sentence, speaker, act, verb.start()))
            history.extend((sentence, m) for m in mentions)
        return found

    def hedged(self, text: str, mention: Mention) -> bool:
        """Is the actor's act only suggested ("some reports suggest X offered …")? (``matching.hedges``)"""
        return any(w.lower() in self.hedges for w in _tokens(text[: mention.start])[-3:])

    def speaker(
        self, text: str, mentions: Sequence[Mention], verb: re.Match[str], history: Sequence[tuple[Sentence, Mention]]
    ) -> ActorSpec | None:
        before = _tokens(text[: verb.start()])
        if before and before[-1].lower() in _DETERMINERS:
            return None  # "the proposed …": an adjective, not an act
        if before and before[-1].lower() in _PREPOSITIONS and verb.group(0).lower().endswith("ing"):
            return None  # "the fallout of supporting …": a gerund, not an act
        after = text[verb.end() :]
        first_word = verb.group(0).split()[0].lower()

        # 1. inverted attribution
        by_match = re.match(r"\s+by\s+", after)
        if by_match and " " not in verb.group(0).strip():
            # A passive participle: "led by X", "as noted by The Times". ("held talks by phone" is no passive.)
            offset = verb.end() + by_match.end()
            return next(
                (
                    m.actor
                    for m in mentions
                    if m.start == offset or (m.start > offset and _tokens(text[offset : m.start]) in ([], ["the"]))
                ),
                None,
            )
        if first_word in _INVERTED and re.search(r"[,”\"'’]\s*$", text[: verb.start()]):
            inverted = _inverted_speaker(text, mentions, verb)
            if inverted is not None or re.search(r"[”\"'’],?\s*$", text[: verb.start()]):
                return inverted  # after a quotation, the speaker follows the verb or is not named

        # 2. nearest actor before the verb, in the same clause
        earlier = [m for m in mentions if m.end <= verb.start()]
        head = _before_a_set_off_clause(text, mentions, earlier, verb)
        if head is not None:
            return None if self.hedged(text, head) else head.actor
        for mention in reversed(earlier):
            gap = _gap_words(text, mention.end, verb.start(), mentions)
            if mention.possessive and len(_words_only(gap)) <= 3:
                # "Lavrov’s calls … emphasized", "(as seen in) the Ministry’s statement expressing …"
                return None if self.hedged(text, mention) else mention.actor
            if _object_like(text, mention, mentions):
                continue
            if any(w.lower() in _CLAUSE_BREAKS for w in gap) or ";" in gap:
                break
            if any(w.lower() in _NEGATIONS for w in gap):
                return None
            if len(_words_only(gap)) <= _MAX_GAP:
                return None if self.hedged(text, mention) else mention.actor
            break

        # 3. participle after a comma takes the clause's subject
        if first_word.endswith("ing") and re.search(r",\s*(?:\w+\s+)?$", text[: verb.start()]):
            subjects = [m for m in earlier if not _object_like(text, m, mentions)]
            # "Russia’s intervention comes …, offering …": the subject is the intervention, not Russia.
            if subjects and not subjects[0].possessive:
                return subjects[0].actor

        # 4. a pronoun right before the verb
        gap_before = _tokens(text[: verb.start()])[-3:]
        pronoun = next((w.lower() for w in reversed(gap_before) if w.lower() in _PRONOUNS), None)
        if pronoun is not None and _RELATIVE_PRONOUN.search(text[: verb.start()]):
            return None  # "…, which it said undercut …": "it" is the main clause's subject, not the nearest name
        if pronoun is not None and not any(w.lower() in _NEGATIONS for w in gap_before):
            position = text[: verb.start()].lower().rfind(pronoun)
            same_sentence = [(None, m) for m in mentions if m.end <= position]
            for _sentence, mention in reversed([*history, *same_sentence]):
                if mention.actor.pronoun == pronoun:
                    return mention.actor
        return None


def _before_a_set_off_clause(
    text: str, mentions: Sequence[Mention], earlier: Sequence[Mention], verb: re.Match[str]
) -> Mention | None:
    """The actor right before a clause set off by commas ahead of the verb: "Haddad, who voted in
    favour, said …", "Warren, director of the union in Canada, said …"."""
    set_off = _PARENTHETICAL.search(text, 0, verb.start())
    if set_off is None:
        return None
    head = next((m for m in reversed(earlier) if m.end <= set_off.start()), None)
    if head is None or text[head.end : set_off.start()].strip() or _object_like(text, head, mentions):
        return None
    return head


def _inverted_speaker(text: str, mentions: Sequence[Mention], verb: re.Match[str]) -> ActorSpec | None:
    """The speaker of ``"…," said X`` and ``…, said the X on Monday``: an actor right after the verb
    that ends the attribution. In ``Marsh, who voted no, said the council had erred`` the actor
    after the verb begins the reported clause (a word such as "had" follows it): no speaker here."""
    following = next(
        (m for m in mentions if m.start >= verb.end() and _tokens(text[verb.end() : m.start]) in ([], ["the"])), None
    )
    if following is None:
        return None
    rest = _words_only(_tokens(text[following.end :]))
    ends_attribution = not rest or rest[0].lower() in _ATTRIBUTION_CONTINUES or rest[0][0] in "’'"
    if not ends_attribution and re.match(r"\s*[.,;:!?()\[\]”’—–-]", text[following.end :]):
        ends_attribution = True  # "said Lavrov, adding …", "said Peskov." or "said the Kremlin (…)"
    return following.actor if ends_attribution else None


def _verb_pattern(forms: Sequence[str]) -> re.Pattern[str] | None:
    """Any of the verb forms, as whole words, longest first."""
    if not forms:
        return None
    alternatives = "|".join(re.escape(f).replace("\\ ", r"\s+") for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _words_only(tokens: Sequence[str]) -> list[str]:
    return [t for t in tokens if t[0].isalnum()]


def _gap_words(text: str, start: int, end: int, mentions: Sequence[Mention]) -> list[str]:
    """Tokens between two offsets, leaving out other actors' names."""
    pieces = []
    cursor = start
    for mention in mentions:
        if mention.start >= start and mention.end <= end:
            pieces.append(text[cursor : mention.start])
            cursor = mention.end
    pieces.append(text[cursor:end])
    return _tokens(" ".join(pieces))


def _object_like(text: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Is the actor inside a prepositional phrase ("calls with X and Y", "in Moscow")?"""
    words = _tokens(text[: mention.start])
    while words and words[-1].lower() in ("the",):
        words.pop()
    if not words:
        return False
    previous = words[-1].lower()
    if previous in _PREPOSITIONS:
        return True
    if previous in ("and", "or", ","):
        coordinated = [
            m
            for m in mentions
            if m.end <= mention.start and len(_words_only(_tokens(text[m.end : mention.start]))) <= 1
        ]
        return bool(coordinated) and _object_like(text, coordinated[-1], mentions)
    return False
