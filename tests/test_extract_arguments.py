"""briefing.extract.arguments: claims about the subject's stance and the side they are on.

The inline topic (tests/extract_helpers.py) has the subject "north" (aliases
Northland, Northern), position cues [rooted in, driven by, reflects], counter
cues [failure, should have, plays into], claim markers [may, likely, because]
and lean kinds [opinion].
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from extract_helpers import make_article, make_topic

from briefing.config import Topic
from briefing.extract import extract_briefing
from briefing.extract.arguments import ArgumentFinder
from briefing.extract.text import matcher_for


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> Topic:
    return make_topic(tmp_path_factory.mktemp("topic"))


def arguments(topic: Topic, paragraphs: Sequence[str], kind: str = "news") -> list[tuple[str, str]]:
    """(side, sentence) for every argument the finder takes from one article."""
    finder = ArgumentFinder(topic, matcher_for(topic))
    return [(a.side, a.sentence.text) for a in finder.find(make_article("a", paragraphs, kind=kind))]


# --- side from cues ----------------------------------------------------------------------


def test_position_cue_gives_position(topic: Topic) -> None:
    sentence = "Northland’s stance is rooted in its long ties with both capitals."
    assert arguments(topic, [sentence]) == [("position", sentence)]


def test_counter_cue_gives_counter(topic: Topic) -> None:
    sentence = "Northland’s silence during the crisis was a failure of nerve."
    assert arguments(topic, [sentence]) == [("counter", sentence)]


def test_more_cues_win(topic: Topic) -> None:
    counter = "Northland’s caution reflects old habits, but it plays into rival hands and is a failure."
    position = "Northland’s caution reflects old habits and is driven by trade, whatever its failure."
    assert arguments(topic, [counter]) == [("counter", counter)]
    assert arguments(topic, [position]) == [("position", position)]


def test_cues_are_recorded(topic: Topic) -> None:
    finder = ArgumentFinder(topic, matcher_for(topic))
    article = make_article("a", ["Northland’s caution Reflects old habits, but it plays into rival hands."])
    (found,) = finder.find(article)
    assert found.cues == ("Reflects", "plays into")


def test_cues_decide_whatever_the_subject_alias(topic: Topic) -> None:
    sentence = "The Northern approach is driven by fear of a wider war."
    assert arguments(topic, [sentence]) == [("position", sentence)]


# --- what a sentence must be about -------------------------------------------------------


def test_sentence_not_about_the_subject_is_skipped(topic: Topic) -> None:
    assert arguments(topic, ["Southland’s stance is rooted in old fears of the river."]) == []


def test_sentence_naming_a_subject_actor_is_about_the_subject(topic: Topic) -> None:
    sentence = "Anna Berg’s caution is driven by the coming election."
    assert arguments(topic, [sentence]) == [("position", sentence)]


def test_sentence_continuing_an_argument_in_the_same_paragraph_is_taken(topic: Topic) -> None:
    first = "Northland’s stance is rooted in its long history with both capitals."
    second = "This caution plays into the hands of every rival in the region."
    assert arguments(topic, [f"{first} {second}"]) == [("position", first), ("counter", second)]


def test_a_turn_after_a_reported_claim_answers_it(topic: Topic) -> None:
    """ "Defenders argue …. But …": the answer is on the other side (and is paired with it later);
    a turn after a plain statement goes on with the same side."""
    claim = "Defenders argue Northland’s stance is rooted in the lessons of the old floods."
    answer = "But those towns flooded because of poor dykes, and caution would not have saved them."
    assert arguments(topic, [f"{claim} {answer}"], kind="opinion") == [("position", claim), ("counter", answer)]
    fact = "Northland’s stance is rooted in the lessons of the old floods."
    going_on = "Yet Northland held firm, and caution would have saved the towns."
    assert arguments(topic, [f"{fact} {going_on}"], kind="opinion") == [("position", fact), ("position", going_on)]


def test_a_cued_reaction_on_the_record_continues_across_a_paragraph(topic: Topic) -> None:
    """A news story quotes the subject, then a critic's answer in the next paragraph without naming
    the subject again: the answer is an argument. Without a named actor of another side, it is not."""
    demand = "Northland’s stance is rooted in its long ties with the river towns."
    reaction = "Tom Gray warned that the plan was a failure of realism for the towns."
    assert arguments(topic, [demand, reaction]) == [("position", demand), ("counter", reaction)]
    assert arguments(topic, [demand, "The weather was a failure of planning all week."]) == [("position", demand)]


def test_a_claim_put_in_a_camps_mouth_takes_that_camps_side(topic: Topic) -> None:
    """In a piece for the subject, "Critics say …" is the critics' claim and "But …" the author's answer;
    in a piece against it, "Supporters say …" is the subject's side and "But …" the answer to it."""
    critics = "Critics say Northland’s new rule will sow confusion on the river."
    reply = "But Northland’s confusion came from years of rules that ignored the towns."
    assert arguments(topic, [f"{critics} {reply}"], kind="opinion") == [("counter", critics), ("position", reply)]
    supporters = "Supporters say Northland is simply respecting the towns’ choice."
    answer = "But the towns cannot rely on advice that treats every risk as the same."
    assert arguments(topic, [f"{supporters} {answer}"], kind="opinion") == [
        ("position", supporters),
        ("counter", answer),
    ]


def test_continuation_does_not_cross_paragraphs(topic: Topic) -> None:
    first = "Northland’s stance is rooted in its long history with both capitals."
    second = "This caution plays into the hands of every rival in the region."
    assert arguments(topic, [first, second]) == [("position", first)]


def test_continuation_needs_the_previous_sentence(topic: Topic) -> None:
    first = "Northland’s stance is rooted in its long history with both capitals."
    middle = "The weather was poor all week in the valley."
    second = "This caution plays into the hands of every rival in the region."
    assert arguments(topic, [f"{first} {middle} {second}"]) == [("position", first)]


def test_very_short_sentence_is_not_an_argument(topic: Topic) -> None:
    assert arguments(topic, ["Northland: a failure."]) == []


# --- uncued sentences --------------------------------------------------------------------


def test_uncued_plain_report_in_news_is_not_an_argument(topic: Topic) -> None:
    assert arguments(topic, ["Northland stayed away from the summit in the capital."]) == []


def test_uncued_claim_in_news_takes_the_paragraph_side(topic: Topic) -> None:
    claim = "Northland may stay away from the summit in the capital."
    # Alone, the article has no cues: the default side is the position.
    assert arguments(topic, [claim]) == [("position", claim)]
    # Next to a counter-cued sentence, the paragraph leans counter.
    cued = "Its silence on the dam was a failure of nerve and a failure of vision."
    assert arguments(topic, [f"{claim} {cued}"]) == [("counter", claim), ("counter", cued)]


def test_opinion_piece_uncued_sentence_takes_the_paragraph_stance(topic: Topic) -> None:
    uncued = "Northland stayed away from the summit in the capital."
    cued = "Its absence was a failure of nerve."
    assert arguments(topic, [f"{uncued} {cued}"], kind="opinion") == [("counter", uncued), ("counter", cued)]


def test_opinion_piece_uncued_sentence_takes_the_article_stance_when_its_paragraph_has_no_cues(topic: Topic) -> None:
    cued = "Northland’s silence was a failure of nerve and a failure of vision."
    uncued = "Northland stayed away from the summit in the capital."
    assert arguments(topic, [cued, uncued], kind="opinion") == [("counter", cued), ("counter", uncued)]
    position_cued = "Northland’s silence is rooted in caution and driven by trade."
    assert arguments(topic, [position_cued, uncued], kind="opinion") == [
        ("position", position_cued),
        ("position", uncued),
    ]


def test_the_same_uncued_sentence_in_news_is_not_an_argument(topic: Topic) -> None:
    cued = "Northland’s silence was a failure of nerve and a failure of vision."
    uncued = "Northland stayed away from the summit in the capital."
    assert arguments(topic, [cued, uncued], kind="news") == [("counter", cued)]


def test_opinion_piece_connective_sentence_continues_the_argument(topic: Topic) -> None:
    first = "Northland stayed away from the summit in the capital."
    second = "This left the south without a friend at the table."
    assert arguments(topic, [f"{first} {second}"], kind="opinion") == [("position", first), ("position", second)]
    # Not in a news piece, where the uncued first sentence is no argument to continue.
    assert arguments(topic, [f"{first} {second}"], kind="news") == []


# --- statements and dated facts are not arguments ----------------------------------------


def sides_in_briefing(topic: Topic, paragraphs: Sequence[str], kind: str) -> list[tuple[str, str]]:
    briefing = extract_briefing((make_article("a", paragraphs, kind=kind),), topic)
    return [(a.side, a.claim) for a in briefing.arguments]


def test_uncued_dated_fact_is_not_an_argument(topic: Topic) -> None:
    undated = "Northland closed its embassy in the southern capital."
    dated = "Northland closed its embassy in the southern capital in March 2024."
    assert sides_in_briefing(topic, [undated], "opinion") == [("position", undated)]
    assert sides_in_briefing(topic, [dated], "opinion") == []


def test_uncued_statement_is_not_an_argument(topic: Topic) -> None:
    statement = "Anna Berg urged both sides to show restraint."
    briefing = extract_briefing((make_article("a", [statement], kind="opinion"),), topic)
    assert [s.speaker for s in briefing.statements] == ["anna-berg"]
    assert briefing.arguments == ()


def test_cued_statement_is_also_an_argument(topic: Topic) -> None:
    sentence = "Anna Berg urged restraint, a stance rooted in fear of a wider war."
    briefing = extract_briefing((make_article("a", [sentence], kind="news"),), topic)
    assert [s.speaker for s in briefing.statements] == ["anna-berg"]
    assert [(a.side, a.claim, a.cues) for a in briefing.arguments] == [("position", sentence, ("rooted in",))]


# --- merging -----------------------------------------------------------------------------


def test_near_duplicate_claims_in_two_articles_merge(topic: Topic) -> None:
    first = make_article("first", ["Northland’s stance is rooted in its long ties with both capitals."])
    second = make_article("second", ["Northland’s stance is clearly rooted in its long ties with both capitals."])
    briefing = extract_briefing((first, second), topic)
    assert len(briefing.arguments) == 1
    argument = briefing.arguments[0]
    assert argument.side == "position"
    assert argument.claim == "Northland’s stance is rooted in its long ties with both capitals."
    assert [(c.source, c.paragraph) for c in argument.citations] == [("first", "p1"), ("second", "p1")]
    assert len(argument.mention_ids) == 2


def test_same_words_on_different_sides_do_not_merge(topic: Topic) -> None:
    first = make_article("first", ["Northland’s stance is rooted in its long ties with both capitals."])
    second = make_article("second", ["Northland’s stance and its long ties with both capitals are a failure."])
    briefing = extract_briefing((first, second), topic)
    assert sorted(a.side for a in briefing.arguments) == ["counter", "position"]


def test_different_claims_do_not_merge(topic: Topic) -> None:
    first = make_article("first", ["Northland’s stance is rooted in its long ties with both capitals."])
    second = make_article("second", ["Northland’s silence is driven by fear of losing river trade."])
    briefing = extract_briefing((first, second), topic)
    assert len(briefing.arguments) == 2
