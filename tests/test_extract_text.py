"""briefing.extract.text: sentences with offsets, actor mentions, cue patterns, similarity.

Expected values are written by hand from the module's docstrings.
"""

from __future__ import annotations

import re
import string
import sys

import extract_helpers  # noqa: F401  (puts the repository on sys.path)
import pytest

from briefing.config import ActorSpec
from briefing.extract.text import (
    ActorMatcher,
    PhrasePattern,
    content_stems,
    key_run,
    word_runs,
    overlap,
    phrase_pattern,
    split_sentences,
)
from briefing.model import Paragraph


def actor(ident: str, name: str, *aliases: str, kind: str = "person") -> ActorSpec:
    return ActorSpec(ident, name, tuple(aliases), None, None, kind, "he" if kind == "person" else "it")


PUTIN = actor("putin", "Vladimir Putin", "President Vladimir Putin", "Putin")
LAVROV = actor("lavrov", "Sergei Lavrov", "Lavrov")
KREMLIN = actor("kremlin", "The Kremlin", "the Kremlin", "Kremlin", kind="institution")
RUSSIA = actor("russia", "Russia", "Moscow", kind="state")
MINISTRY = actor("ministry", "Russian Foreign Ministry", "the Russian Foreign Ministry", kind="institution")
STATES = actor("us", "United States", kind="state")
MATCHER = ActorMatcher([PUTIN, LAVROV, KREMLIN, RUSSIA, MINISTRY, STATES])


def found(text: str) -> list[tuple[str, str, bool]]:
    """(actor id, matched text, possessive) for each mention."""
    return [(m.actor.id, text[m.start : m.end], m.possessive) for m in MATCHER.find(text)]


def para(text: str) -> Paragraph:
    return Paragraph("src", 1, text, 1)


# --- sentences ---------------------------------------------------------------------------


def test_sentences_keep_offsets_into_the_paragraph() -> None:
    paragraph = para("  Berg spoke first.   Then Gray answered. The talks ended at noon.  ")
    sentences = split_sentences(paragraph)
    assert [s.text for s in sentences] == ["Berg spoke first.", "Then Gray answered.", "The talks ended at noon."]
    for sentence in sentences:
        assert paragraph.text[sentence.start : sentence.end] == sentence.text
        assert sentence.paragraph is paragraph
    assert [s.index for s in sentences] == [0, 1, 2]


def test_sentences_are_not_split_inside_an_open_quotation() -> None:
    paragraph = para("Berg spoke first. She said: “We will wait. We will not move.” Then the talks ended.")
    texts = [s.text for s in split_sentences(paragraph)]
    assert texts == ["Berg spoke first.", "She said: “We will wait. We will not move.”", "Then the talks ended."]
    for sentence in split_sentences(paragraph):
        assert paragraph.text[sentence.start : sentence.end] == sentence.text


def test_straight_quotation_is_not_split_either() -> None:
    paragraph = para('He said: "We will wait. We will not move." Then he left.')
    texts = [s.text for s in split_sentences(paragraph)]
    assert texts == ['He said: "We will wait. We will not move."', "Then he left."]


# --- actor mentions ----------------------------------------------------------------------


def test_longest_alias_wins() -> None:
    assert found("President Vladimir Putin spoke to reporters.") == [("putin", "President Vladimir Putin", False)]
    assert found("Putin spoke to reporters.") == [("putin", "Putin", False)]


def test_longest_alias_wins_across_actors() -> None:
    # "Russian Foreign Ministry" is one institution, not "Russia" plus words.
    assert found("The Russian Foreign Ministry issued a note.") == [("ministry", "The Russian Foreign Ministry", False)]


def test_aliases_match_whole_words_only() -> None:
    assert found("Putinism is a term some writers use.") == []
    assert found("The Russian economy grew.") == []  # "Russia" is not in "Russian"
    assert found("Moscowite traders met.") == []


def test_a_name_matches_with_or_without_its_accents() -> None:
    """Wire copy writes "Čeferin" and "Ceferin": either alias finds either spelling, at its own offsets."""
    matcher = ActorMatcher([actor("ceferin", "Aleksander Čeferin", "Ceferin"), actor("inacio", "Lula", "Inácio")])
    for text, name in [
        ("Čeferin said so.", "Čeferin"),
        ("Then Ceferin said so.", "Ceferin"),
        ("Inacio spoke.", "Inacio"),
    ]:
        (mention,) = matcher.find(text)
        assert text[mention.start : mention.end] == name
    assert [m.actor.id for m in matcher.find("Aleksander Ceferin, then Čeferin")] == ["ceferin", "ceferin"]


def test_a_straight_apostrophe_in_an_alias_matches_a_curly_one_in_the_text() -> None:
    matcher = ActorMatcher([actor("oneill", "Jim O'Neill", "O'Neill")])
    assert [m.actor.id for m in matcher.find("Jim O’Neill said so, and O'Neill agreed.")] == ["oneill", "oneill"]


def test_alias_in_lower_case_matches_with_a_sentence_initial_capital() -> None:
    assert found("The Kremlin said nothing.") == [("kremlin", "The Kremlin", False)]
    assert found("Later the Kremlin said nothing.") == [("kremlin", "the Kremlin", False)]


def test_matching_is_case_sensitive_beyond_the_first_letter() -> None:
    assert found("THE KREMLIN said nothing.") == []
    assert found("The kremlin-watchers were surprised.") == []


def test_capitalised_alias_does_not_match_a_lower_case_word() -> None:
    # The ActorMatcher docstring: matching is case-sensitive except that an alias may take a
    # sentence-initial capital; "Mint" does not match "mint". So "Trump" is not "trump".
    matcher = ActorMatcher([actor("mint", "Mint", kind="institution"), actor("trump", "Donald Trump", "Trump")])
    assert matcher.find("The coins were in mint condition.") == []
    assert matcher.find("He played his trump card.") == []
    assert [m.actor.id for m in matcher.find("Mint reported that Trump spoke.")] == ["mint", "trump"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lavrov’s calls were brief.", [("lavrov", "Lavrov", True)]),
        ("Lavrov's calls were brief.", [("lavrov", "Lavrov", True)]),
        ("Lavrov called twice.", [("lavrov", "Lavrov", False)]),
        ("The United States’ stance was firm.", [("us", "United States", True)]),
        ("Moscow’s reply and Lavrov said", [("russia", "Moscow", True), ("lavrov", "Lavrov", False)]),
    ],
)
def test_possessive_flag(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert found(text) == expected


def test_hyphenated_compound_finds_the_alias() -> None:
    assert found("Talks on India-Moscow trade resumed.") == [("russia", "Moscow", False)]
    matcher = ActorMatcher([actor("russia", "Russia", kind="state")])
    mentions = matcher.find("India-Russia relations are old.")
    assert [("India-Russia relations are old."[m.start : m.end], m.actor.id) for m in mentions] == [
        ("Russia", "russia")
    ]


def test_mention_offsets_are_relative_to_the_text() -> None:
    text = "Yesterday Putin met Lavrov."
    mentions = MATCHER.find(text)
    assert [(m.start, m.end) for m in mentions] == [(10, 15), (20, 26)]


def test_no_actors_no_mentions() -> None:
    assert ActorMatcher([]).find("Putin spoke.") == []


# --- phrase patterns ---------------------------------------------------------------------


def test_phrase_pattern_is_case_insensitive_and_whole_word() -> None:
    pattern = phrase_pattern(["rooted in", "cannot afford"])
    assert pattern is not None
    assert pattern.search("It is Rooted In history.")
    assert pattern.search("Moscow CANNOT AFFORD that.")
    assert pattern.search("rooted   in") is not None  # any run of white space
    assert not pattern.search("It was uprooted in spring.")
    assert not pattern.search("It is rooted inside.")


def test_phrase_given_with_a_straight_apostrophe_matches_either() -> None:
    pattern = phrase_pattern(["can't rely"])
    assert pattern is not None
    assert pattern.search("India can’t rely on it.")
    assert pattern.search("India can't rely on it.")


def test_phrase_given_with_a_curly_apostrophe_matches_either() -> None:
    # topic.yml may be typed with either apostrophe; the cue must still match both.
    pattern = phrase_pattern(["can’t rely"])
    assert pattern is not None
    assert pattern.search("India can’t rely on it.")
    assert pattern.search("India can't rely on it.")


def test_phrase_pattern_prefers_the_longest_phrase() -> None:
    pattern = phrase_pattern(["cannot", "cannot afford"])
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("Russia cannot afford it; it cannot.")] == ["cannot afford", "cannot"]


def test_phrase_pattern_of_nothing_is_none() -> None:
    assert phrase_pattern([]) is None
    assert phrase_pattern(["", ""]) is None


def test_phrase_pattern_escapes_regex_characters() -> None:
    pattern = phrase_pattern(["U.S.", "S-400"])
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("The U.S. sold no S-400 units; USA did.")] == ["U.S.", "S-400"]


def test_word_runs_fold_every_character_ignorecase_takes_for_an_ascii_letter() -> None:
    letters = {letter: re.compile(letter, re.IGNORECASE) for letter in string.ascii_lowercase}
    anything_like_one = re.compile("[a-z]", re.IGNORECASE)
    for code in range(128, sys.maxunicode + 1):
        character = chr(code)
        if anything_like_one.fullmatch(character):
            (letter,) = [letter for letter, pattern in letters.items() if pattern.fullmatch(character)]
            assert word_runs(f"x{character}x") == {f"x{letter}x"}, hex(code)
        else:
            assert word_runs(f"x{character}x") == {"x"}, hex(code)


def test_key_run_is_the_longest_run_of_letters_and_digits() -> None:
    assert [key_run(p) for p in ["rooted in", "S-400", "can't rely", "ſtill", "2019", "--", ""]] == [
        "rooted",
        "400",
        "rely",
        "still",
        "2019",
        None,
        None,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It is Rooted In history, and CAN’T RELY on the S-400.",
        "It is ROOTED IN ſoil; the ſ-400 and the \u212a-9 are named.",
        "Nothing here is rooted inside a rootedin cannot afford; it cannot.",
        "uprooted in",
        "",
    ],
)
@pytest.mark.parametrize(
    "phrases",
    [["rooted in", "S-400", "can't rely", "K-9", "cannot", "cannot afford"], ["cannot", "2019"], ["", "rooted in"]],
)
def test_phrase_pattern_class_finds_what_its_whole_pattern_finds(text: str, phrases: list[str]) -> None:
    pattern, matcher = phrase_pattern(phrases), PhrasePattern(phrases)
    assert pattern is not None and matcher.pattern is not None
    assert matcher.findall(text) == pattern.findall(text)
    assert bool(matcher.search(text)) == bool(pattern.search(text))
    assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_phrase_pattern_class_of_nothing_matches_nothing() -> None:
    assert PhrasePattern([]).findall("anything") == []
    assert PhrasePattern(["", ""]).search("anything") is None


# --- content stems and overlap -----------------------------------------------------------


def test_content_stems_drop_stopwords_short_words_and_cut_to_five_letters() -> None:
    assert content_stems("The ministers discussed it at the restraint talks") == frozenset(
        {"minis", "discu", "restr", "talks"}
    )


def test_content_stems_exclude_names() -> None:
    assert content_stems("Anna Berg urged calm", exclude=["Anna Berg"]) == frozenset({"urged", "calm"})


def test_content_stems_fold_apostrophes() -> None:
    assert content_stems("Moscow’s offer") == content_stems("Moscow's offer")


def test_overlap_is_shared_over_the_smaller_set() -> None:
    assert overlap(frozenset({"a", "b"}), frozenset({"a", "b", "c", "d"})) == 1.0
    assert overlap(frozenset({"a", "b", "c"}), frozenset({"a", "x"})) == 0.5
    assert overlap(frozenset({"a"}), frozenset({"b"})) == 0.0
    assert overlap(frozenset(), frozenset({"a"})) == 0.0
