"""briefing.extract.disagreements: a denying claim in one source against an affirming one in another.

The inline topic (tests/extract_helpers.py) has two rules:
- leadership-silence: denies "no public statement from the leadership", affirmed by
  a statement of Anna Berg whose act is "condemned";
- neutral-or-supportive: denies "neutral stance", affirmed by the phrase "full support"
  (no actors, so any sentence using the phrase affirms).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_helpers import NORTH_TOPIC, make_article, make_topic

from briefing.config import Topic
from briefing.extract import extract_briefing
from briefing.model import Briefing

DENIES_SILENCE = "There has been no public statement from the leadership of Northland so far."
BERG_CONDEMNED = "Anna Berg condemned the attack on the tourists."
LIND_CONDEMNED = "Olaf Lind condemned the attack on the tourists."
BERG_URGED = "Anna Berg urged both sides to show restraint."
DENIES_SUPPORT = "Northland kept a neutral stance throughout the crisis."
AFFIRMS_SUPPORT = "Northland gave full support to the south in private."


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> Topic:
    return make_topic(tmp_path_factory.mktemp("topic"))


def briefing_of(topic: Topic, **sources: list[str]) -> Briefing:
    return extract_briefing(tuple(make_article(name, paragraphs) for name, paragraphs in sources.items()), topic)


def test_denial_in_one_source_and_affirming_statement_in_another(topic: Topic) -> None:
    briefing = briefing_of(topic, a=[DENIES_SILENCE], b=[BERG_CONDEMNED])
    (disagreement,) = briefing.disagreements
    assert disagreement.point == "Did Northland's leadership speak?"
    assert disagreement.origin == "detected"
    assert [(c.text, c.citation.source, c.citation.paragraph) for c in disagreement.first] == [
        (DENIES_SILENCE, "a", "p1")
    ]
    assert [(c.text, c.citation.source, c.citation.paragraph) for c in disagreement.second] == [
        (BERG_CONDEMNED, "b", "p1")
    ]


def test_disagreement_id_is_stable(topic: Topic) -> None:
    first = briefing_of(topic, a=[DENIES_SILENCE], b=[BERG_CONDEMNED]).disagreements[0].id
    second = briefing_of(topic, a=[DENIES_SILENCE], b=[BERG_CONDEMNED, "Unrelated words here."]).disagreements[0].id
    assert first == second
    assert first.startswith("D-")


def test_denial_and_affirmation_in_the_same_source_is_no_disagreement(topic: Topic) -> None:
    assert briefing_of(topic, a=[DENIES_SILENCE, BERG_CONDEMNED]).disagreements == ()
    assert briefing_of(topic, a=[DENIES_SUPPORT, AFFIRMS_SUPPORT]).disagreements == ()


def test_a_statement_by_another_actor_does_not_affirm(topic: Topic) -> None:
    briefing = briefing_of(topic, a=[DENIES_SILENCE], b=[LIND_CONDEMNED])
    assert [s.speaker for s in briefing.statements] == ["olaf-lind"]
    assert briefing.disagreements == ()


def test_a_statement_with_another_act_does_not_affirm(topic: Topic) -> None:
    briefing = briefing_of(topic, a=[DENIES_SILENCE], b=[BERG_URGED])
    assert briefing.disagreements == ()


def test_only_a_denial_or_only_an_affirmation_is_no_disagreement(topic: Topic) -> None:
    assert briefing_of(topic, a=[DENIES_SILENCE], b=["The river rose."]).disagreements == ()
    assert briefing_of(topic, a=[BERG_CONDEMNED], b=[AFFIRMS_SUPPORT]).disagreements == ()


def test_rule_without_actors_is_affirmed_by_a_phrase(topic: Topic) -> None:
    briefing = briefing_of(topic, a=[DENIES_SUPPORT], b=[AFFIRMS_SUPPORT])
    (disagreement,) = briefing.disagreements
    assert disagreement.point == "Was Northland neutral?"
    assert [c.citation.source for c in disagreement.first] == ["a"]
    assert [c.text for c in disagreement.second] == [AFFIRMS_SUPPORT]


def test_claims_facing_only_their_own_source_are_left_out(topic: Topic) -> None:
    # Source a denies and affirms; b only affirms. Only a's denial faces another source,
    # and only b's affirmation does.
    briefing = briefing_of(topic, a=[DENIES_SUPPORT, AFFIRMS_SUPPORT], b=["Northland offered full support."])
    (disagreement,) = briefing.disagreements
    assert [c.citation.source for c in disagreement.first] == ["a"]
    assert [c.citation.source for c in disagreement.second] == ["b"]


def test_one_claim_per_source_and_at_most_three(topic: Topic) -> None:
    briefing = briefing_of(
        topic,
        a=[DENIES_SUPPORT, "Its neutral stance held."],
        b=[AFFIRMS_SUPPORT],
        c=[AFFIRMS_SUPPORT],
        d=[AFFIRMS_SUPPORT],
        e=[AFFIRMS_SUPPORT],
    )
    (disagreement,) = briefing.disagreements
    assert [c.citation.source for c in disagreement.first] == ["a"]
    assert [c.citation.source for c in disagreement.second] == ["b", "c", "d"]


def test_both_rules_can_fire(topic: Topic) -> None:
    briefing = briefing_of(topic, a=[DENIES_SILENCE, DENIES_SUPPORT], b=[BERG_CONDEMNED, AFFIRMS_SUPPORT])
    assert [d.point for d in briefing.disagreements] == ["Did Northland's leadership speak?", "Was Northland neutral?"]


@pytest.mark.parametrize(
    ("denial", "found"),
    [
        ("Southland kept a neutral stance throughout the crisis.", False),  # about the other side only
        ("Tom Gray kept a neutral stance throughout the crisis.", False),
        ("Unlike Southland, Northland kept a neutral stance.", True),  # names the subject's side too
        ("The government kept a neutral stance throughout.", True),  # names nobody: its paragraph decides
    ],
)
def test_a_denial_about_another_side_only_is_no_disagreement(topic: Topic, denial: str, found: bool) -> None:
    briefing = briefing_of(topic, a=[denial], b=[AFFIRMS_SUPPORT])
    assert bool(briefing.disagreements) is found


def test_names_of_the_other_side_are_matched_as_written(tmp_path: Path) -> None:
    """The other side's alias "US" is not the word "us" in a denial."""
    topic = make_topic(
        tmp_path, NORTH_TOPIC.replace("aliases: [Southland, Southern]", "aliases: [Southland, Southern, US]")
    )
    assert briefing_of(topic, a=["Officials told us it was a neutral stance."], b=[AFFIRMS_SUPPORT]).disagreements
    assert not briefing_of(topic, a=["The US kept a neutral stance."], b=[AFFIRMS_SUPPORT]).disagreements


def test_an_affirming_phrase_about_another_side_only_affirms_nothing(topic: Topic) -> None:
    assert not briefing_of(
        topic, a=[DENIES_SUPPORT], b=["Southland gave full support to its own farmers."]
    ).disagreements
    assert briefing_of(topic, a=[DENIES_SUPPORT], b=[AFFIRMS_SUPPORT]).disagreements
