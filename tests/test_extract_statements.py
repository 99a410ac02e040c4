"""briefing.extract.statements: who said or did what, by the sieves of the module docstring.

The topic is a small inline one (tests/extract_helpers.py): the subject's side is
"north" (Anna Berg, she; Olaf Lind, he; the Northern Ministry; the state Northland)
and Tom Gray (he) is on the other side, "south".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from extract_helpers import NORTH_TOPIC, make_article, make_topic

from briefing.config import Topic
from briefing.extract import extract_briefing
from briefing.extract.statements import StatementFinder, verb_forms
from briefing.extract.text import matcher_for
from briefing.model import Statement


@pytest.fixture(scope="module")
def topic(tmp_path_factory: pytest.TempPathFactory) -> Topic:
    return make_topic(tmp_path_factory.mktemp("topic"))


def statements(topic: Topic, *paragraphs: str) -> list[tuple[str, str, str]]:
    """(speaker id, act, sentence) for every statement found in one article."""
    finder = StatementFinder(topic, matcher_for(topic))
    return [(s.speaker.id, s.act, s.sentence.text) for s in finder.find(make_article("a", paragraphs))]


def speakers(topic: Topic, *paragraphs: str) -> list[tuple[str, str]]:
    return [(speaker, act) for speaker, act, _ in statements(topic, *paragraphs)]


# --- verb forms --------------------------------------------------------------------------


def test_verb_forms_of_a_regular_verb() -> None:
    forms = verb_forms("urged")
    assert {"urged", "urging", "urges"} <= set(forms)
    assert set(forms.values()) == {"urged"}


def test_verb_forms_of_an_irregular_verb() -> None:
    forms = verb_forms("said")
    assert {"said", "saying", "says"} <= set(forms)
    assert set(forms.values()) == {"said"}


def test_verb_forms_of_a_phrase_keep_the_tail() -> None:
    forms = verb_forms("called on")
    assert {"called on", "calling on", "calls on"} <= set(forms)
    assert set(forms.values()) == {"called on"}
    assert {"reached out", "reaching out", "reaches out"} <= set(verb_forms("reached out"))


# --- sieve 2: the nearest actor before the verb ------------------------------------------


def test_direct_subject(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg urged both sides to show restraint.") == [("anna-berg", "urged")]


def test_verb_phrase_and_ing_form_map_to_the_configured_phrase(topic: Topic) -> None:
    assert speakers(topic, "The Northern Ministry called on both sides to talk.") == [
        ("northern-ministry", "called on")
    ]
    assert speakers(topic, "The Northern Ministry is urging both sides to talk.") == [("northern-ministry", "urged")]


def test_appositive_gap_between_subject_and_verb(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg, in her statement, urged both sides to talk.") == [("anna-berg", "urged")]


def test_longer_gap_than_six_words_is_not_a_subject(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg arrived late in the capital after a very long night, and urged calm.") == []


def test_actor_inside_a_prepositional_phrase_is_skipped(topic: Topic) -> None:
    # "with Tom Gray" is the object of "calls"; the speaker is Berg.
    assert speakers(topic, "Berg’s calls with Tom Gray emphasized restraint.") == [("anna-berg", "emphasized")]


def test_actor_after_a_preposition_is_not_the_speaker(topic: Topic) -> None:
    assert speakers(topic, "In a letter to Anna Berg, officials urged calm.") == []


def test_negation_between_subject_and_verb(topic: Topic) -> None:
    assert speakers(topic, "Northland did not condemn the strikes.") == []
    assert speakers(topic, "Northland has not condemned the strikes.") == []
    assert speakers(topic, "Northland never condemned the strikes.") == []


def test_modal_between_subject_and_verb(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg would have urged calm.") == []


def test_hedged_act_is_not_a_statement(topic: Topic) -> None:
    assert speakers(topic, "Some reports suggest Northland offered private support to the south.") == []


def test_clause_break_stops_the_search(topic: Topic) -> None:
    # Berg is in another clause ("because …"): nobody is the subject of "urged".
    assert speakers(topic, "Anna Berg left because the talks urged nothing.") == []


def test_gerund_after_a_preposition_is_not_an_act(topic: Topic) -> None:
    assert speakers(topic, "Northland wants to avoid the fallout of supporting one side.") == []


def test_verb_used_as_an_adjective_is_not_an_act(topic: Topic) -> None:
    assert speakers(topic, "Northland attended the proposed talks.") == []


def test_other_side_is_not_a_statement(topic: Topic) -> None:
    assert speakers(topic, "Tom Gray urged both sides to show restraint.") == []


# --- sieve 1: inverted attribution -------------------------------------------------------


def test_inverted_attribution_by_the_subject_side(topic: Topic) -> None:
    assert speakers(topic, "“We want calm,” said Anna Berg.") == [("anna-berg", "said")]


def test_reported_speech_by_the_other_side_is_not_a_statement(topic: Topic) -> None:
    # Northland is named inside the quotation, but the speaker is Tom Gray.
    assert speakers(topic, "“Northland must stay out of this,” said Tom Gray.") == []


def test_an_actor_after_the_verb_that_begins_the_reported_clause_is_not_the_speaker(topic: Topic) -> None:
    """ "X, who …, said Northland had …": Northland is what X spoke about, not who spoke."""
    assert speakers(topic, "Tom Gray, who voted against the plan, said Northland had sold the river.") == []
    assert speakers(topic, "The mayor, a critic of the treaty, said Anna Berg must resign.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The river will stay open, said Anna Berg.",
        "The river will stay open, said Anna Berg on Monday.",
        "The river will stay open, said Anna Berg, adding that talks would go on.",
        "“The river will stay open,” said Anna Berg in a statement.",
    ],
)
def test_inverted_attribution_ends_with_the_speaker(topic: Topic, sentence: str) -> None:
    assert speakers(topic, sentence) == [("anna-berg", "said")]


def test_a_clause_set_off_by_commas_between_speaker_and_verb(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg, who voted for the treaty in the last session of parliament, said it held.") == [
        ("anna-berg", "said")
    ]
    assert speakers(topic, "Tom Gray, who met Anna Berg, said the talks failed.") == []  # Gray spoke, not Berg


def test_a_capitalised_word_inside_a_sentence_is_no_verb(tmp_path: Path) -> None:
    """ "States" in "the United States" is not the verb "states" (a form of a configured "stated")."""
    stated = make_topic(tmp_path, NORTH_TOPIC.replace("statement_verbs: [said,", "statement_verbs: [said, stated,"))
    assert speakers(stated, "Northland trades with the United States every day.") == []
    assert speakers(stated, "Northland states that the river is open.") == [("northland", "stated")]


def test_a_pronoun_in_a_relative_clause_is_not_the_nearest_name(topic: Topic) -> None:
    """ "…, which it said undercut …": "it" is Tom Gray's group, not Northland named just before."""
    sentence = "Tom Gray welcomed the plan but warned that Northland had sold the river, which it said undercut trust."
    assert speakers(topic, sentence) == []


def test_led_by(topic: Topic) -> None:
    assert speakers(topic, "The 1965 talks, led by Olaf Lind, ended the war.") == [("olaf-lind", "led")]
    assert speakers(topic, "The 1965 talks, led by Tom Gray, ended the war.") == []


# --- sieve 3: a participle after a comma -------------------------------------------------


def test_participle_after_a_comma_takes_the_subject(topic: Topic) -> None:
    sentence = "Northland once again attempted to strike a balance between the two capitals, offering to mediate."
    assert speakers(topic, sentence) == [("northland", "offered")]


def test_participle_after_a_possessive_subject_has_no_speaker(topic: Topic) -> None:
    sentence = "Northland’s intervention comes as the two capitals edge toward open conflict, offering to mediate."
    assert speakers(topic, sentence) == []


# --- sieve 4: pronouns -------------------------------------------------------------------


def test_follow_up_pronoun_resolves_to_the_previous_sentence(topic: Topic) -> None:
    found = statements(topic, "Anna Berg urged both sides to show restraint. She further said that talks must resume.")
    assert found == [
        ("anna-berg", "urged", "Anna Berg urged both sides to show restraint."),
        ("anna-berg", "said", "She further said that talks must resume."),
    ]


def test_pronoun_takes_the_most_recent_actor_with_that_pronoun(topic: Topic) -> None:
    # Olaf Lind is the most recent "he": the act is his.
    assert speakers(topic, "Tom Gray met Olaf Lind on the border. Subsequently, he reached out to the press.") == [
        ("olaf-lind", "reached out")
    ]
    # Tom Gray is the most recent "he": not the subject's side, so no statement.
    assert speakers(topic, "Olaf Lind met Tom Gray on the border. Subsequently, he reached out to the press.") == []


def test_pronoun_skips_actors_with_another_pronoun(topic: Topic) -> None:
    assert speakers(topic, "Olaf Lind met Anna Berg. Then she expressed concern.") == [("anna-berg", "expressed")]


def test_pronoun_reaches_back_one_paragraph_at_most(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg met the press.", "She urged calm.") == [("anna-berg", "urged")]
    assert speakers(topic, "Anna Berg met the press.", "The press waited.", "She urged calm.") == []


def test_negated_pronoun_is_not_a_statement(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg met the press. She never expressed regret.") == []


def test_one_statement_per_speaker_per_sentence(topic: Topic) -> None:
    found = speakers(topic, "Anna Berg urged calm and offered to mediate, and the Northern Ministry expressed concern.")
    assert found == [("anna-berg", "urged"), ("northern-ministry", "expressed")]


# --- merging across articles -------------------------------------------------------------


def test_the_same_statement_in_two_articles_is_one_statement_with_two_citations(topic: Topic) -> None:
    first = make_article("first", ["Anna Berg urged both sides to show restraint and resume talks."])
    second = make_article("second", ["Earlier, Anna Berg urged both sides to show restraint and to resume the talks."])
    briefing = extract_briefing((first, second), topic)
    assert len(briefing.statements) == 1
    statement = briefing.statements[0]
    assert statement.speaker == "anna-berg"
    assert statement.act == "urged"
    assert statement.theme == "restraint"
    assert [(c.source, c.paragraph) for c in statement.citations] == [("first", "p1"), ("second", "p1")]
    assert statement.citations[1].quote == (
        "Earlier, Anna Berg urged both sides to show restraint and to resume the talks."
    )
    assert len(statement.mention_ids) == 2
    assert statement.id == statement.mention_ids[0]


def test_different_speakers_never_merge(topic: Topic) -> None:
    first = make_article("first", ["Anna Berg urged both sides to show restraint and resume talks."])
    second = make_article("second", ["Olaf Lind urged both sides to show restraint and resume talks."])
    briefing = extract_briefing((first, second), topic)
    assert sorted((s.speaker, len(s.citations)) for s in briefing.statements) == [("anna-berg", 1), ("olaf-lind", 1)]


def test_different_statements_by_one_speaker_do_not_merge(topic: Topic) -> None:
    first = make_article("first", ["Anna Berg urged both sides to show restraint and resume talks."])
    second = make_article("second", ["Anna Berg offered to mediate a river treaty next spring."])
    briefing = extract_briefing((first, second), topic)
    assert sorted(s.act for s in briefing.statements) == ["offered", "urged"]


def test_statement_keeps_quoted_words_and_its_actor_profile(topic: Topic) -> None:
    article = make_article("first", ["Anna Berg said the strikes were “a grave mistake”."])
    briefing = extract_briefing((article,), topic)
    (statement,) = briefing.statements
    assert statement.quoted == ("a grave mistake",)
    profile = next(a for a in briefing.actors if a.id == "anna-berg")
    assert profile.statements == (statement.id,)
    assert [(c.source, c.paragraph) for c in profile.mentions] == [("first", "p1")]


# --- the statement's date and quoted words -----------------------------------------------


def statement_of(topic: Topic, sentence: str, published: date | None = None) -> Statement:
    (statement,) = extract_briefing((make_article("a", [sentence], published=published),), topic).statements
    return statement


def test_statement_takes_the_most_precise_date_of_its_sentence(topic: Topic) -> None:
    statement = statement_of(topic, "In May 2025, Olaf Lind expressed concern, on 5 May 2025 to be exact.")
    assert statement.date is not None
    assert (statement.date.value, statement.date.precision, statement.date.words) == ("2025-05-05", "day", "5 May 2025")


def test_statement_date_skips_spans_treaty_years_and_named_events(topic: Topic) -> None:
    assert statement_of(topic, "Anna Berg urged both sides to respect the River Treaty (1972).").date is None
    assert statement_of(topic, "As after the 2019 flood, Anna Berg urged calm.").date is None
    assert statement_of(topic, "Since 2017 Anna Berg has urged calm.").date is None


def test_statement_date_is_not_taken_from_what_was_said(topic: Topic) -> None:
    """A date inside the quotation, or a bare year deep in the reported clause, dates what was said."""
    quoted = statement_of(topic, "“We welcome the ceasefire of 10 May 2025,” Anna Berg said.")
    assert quoted.date is None
    reported = statement_of(topic, "Anna Berg said the port has struggled since the cannery closed in 2009.")
    assert reported.date is None
    # The act's own time stays, next to the verb or as a day further on.
    assert statement_of(topic, "Anna Berg said in 2019 that the port would stay open.").date is not None
    later = statement_of(topic, "Anna Berg said the board meets next on 10 June 2025.", published=date(2025, 5, 12))
    assert later.date is None  # after the article that reports it: not when she said it
    deadline = statement_of(topic, "Anna Berg said the offer would lapse if no pledge was made by 20 May 2025.")
    assert deadline.date is None
    call = statement_of(topic, "Anna Berg expressed support for the plan during a call with Lind on 5 May 2025.")
    assert call.date is not None and call.date.value == "2025-05-05"


def test_statement_relative_date_needs_the_published_date(topic: Topic) -> None:
    assert statement_of(topic, "Anna Berg urged calm on Sunday.").date is None
    dated = statement_of(topic, "Anna Berg urged calm on Sunday.", published=date(2025, 5, 12))
    assert dated.date is not None and dated.date.value == "2025-05-11"


def test_quoted_words_in_double_curly_and_single_straight_quotes(topic: Topic) -> None:
    statement = statement_of(topic, "Anna Berg condemned the 'brutal crime' and Northland's “grave error”.")
    assert statement.quoted == ("brutal crime", "grave error")


# --- "by" after a verb: a passive agent, or just a manner ------------------------------------


def test_held_talks_by_phone_is_not_a_passive(topic: Topic) -> None:
    assert speakers(topic, "Anna Berg held talks by phone with Tom Gray on Thursday.") == [("anna-berg", "held talks")]


def test_noted_by_someone_else_is_not_the_subjects_statement(topic: Topic) -> None:
    assert speakers(topic, "The perception of Northland’s indifference, as noted by a newspaper, may grow.") == []


def test_unrelated_statements_by_one_speaker_do_not_merge(topic: Topic) -> None:
    first = make_article(
        "a",
        [
            "Anna Berg said that the two countries should resolve their differences "
            "through political means under the old treaty."
        ],
    )
    second = make_article(
        "b",
        [
            "Anna Berg said on Friday that Northland hoped the two countries would "
            "settle their differences through dialogue."
        ],
    )
    briefing = extract_briefing((first, second), topic)
    assert len(briefing.statements) == 2
