"""Acts: reports of one act merge across sources, wordings and speakers of one side; other acts stay apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from extract_helpers import make_article
from synthesis_helpers import synthesised, topic_with

from briefing.extract import extract_briefing
from briefing.synthesis import synthesise
from briefing.synthesis.acts import Voices


def test_one_act_reported_by_three_sources_in_three_wordings_and_speakers(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            ("a-wire", ["Foreign Minister Anna Berg urged both sides to exercise restraint and return to talks."]),
            ("b-paper", ["The Northern Ministry expressed deep concern and urged both sides to exercise restraint."]),
            ("c-blog", ["On 7 May 2025, the Northland government called on Southland 'to exercise restraint'."]),
        ],
    )
    (act,) = briefing.acts
    assert act.speaker == "anna-berg"  # the most specific speaker any report names
    assert act.sources == ("a-wire", "b-paper", "c-blog")
    assert act.date is not None and act.date.value == "2025-05-07"  # the best date any report gives
    assert len(act.reports) == 3 and act.head.citation in act.citations


def test_different_acts_of_one_speaker_stay_apart(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            (
                "a-wire",
                [
                    "President Olaf Lind condemned the attack on the ferry as a brutal crime.",
                    "President Olaf Lind also reached out to Tom Gray to offer mediation over the river.",
                ],
            )
        ],
    )
    assert sorted(a.act for a in briefing.acts) == ["condemned", "reached out"]


def test_conflicting_dates_are_two_acts(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            ("a-wire", ["On 1 May 2025, President Olaf Lind urged both sides to exercise restraint on the river."]),
            ("b-paper", ["On 20 May 2025, President Olaf Lind urged both sides to exercise restraint on the river."]),
        ],
    )
    assert len(briefing.acts) == 2


def test_an_undated_report_is_not_an_act_dated_after_its_article(tmp_path: Path) -> None:
    """An undated report's act happened by the day its article appeared, and news of a dated act
    comes within days: the vote reported on 12 May is not the defence of 20 May, and an undated
    remark reported on 30 May is not the announcement of the 20th."""
    topic = topic_with(tmp_path)
    vote = make_article("a-wire", ["President Olaf Lind urged both sides to exercise restraint on the river."])
    defence = make_article(
        "b-paper", ["On 20 May 2025, President Olaf Lind urged both sides to exercise restraint on the river."]
    )
    # Reported by 12 May: before the act. By 22 May: its news. On 30 May, ten days on: a later remark.
    for published, acts in ((date(2025, 5, 12), 2), (date(2025, 5, 22), 1), (date(2025, 5, 30), 2)):
        articles = (
            replace(vote, source=replace(vote.source, meta=replace(vote.source.meta, published=published))),
            defence,
        )
        briefing = synthesise(extract_briefing(articles, topic), topic)
        assert len(briefing.acts) == acts, published


def test_speakers_of_different_voices_are_two_acts(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            ("a-wire", ["President Olaf Lind urged both sides to exercise restraint on the river."]),
            ("b-paper", ["Foreign Minister Anna Berg urged both sides to exercise restraint on the river."]),
        ],
    )
    assert sorted(a.speaker for a in briefing.acts) == ["anna-berg", "olaf-lind"]


def test_a_follow_up_sentence_joins_the_act_it_continues(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            (
                "a-wire",
                [
                    "Foreign Minister Anna Berg urged both sides to exercise restraint. "
                    "She further said that the two countries should settle the dispute through talks.",
                ],
            )
        ],
    )
    (act,) = briefing.acts
    assert [r.act for r in act.reports] == ["urged", "said"]
    assert act.head.display.startswith("Foreign Minister Anna Berg urged")


def test_a_critics_sentence_is_an_argument_not_an_act(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            (
                "a-op",
                [
                    "Northland has acknowledged Southland's position, but when it mattered Northland showed a failure of nerve.",
                ],
            )
        ],
        kind="opinion",
    )
    assert briefing.acts == ()
    assert [p.side for p in briefing.key_points] == ["counter"]


def test_an_actors_own_statement_is_never_a_counter_argument(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            (
                "a-wire",
                [
                    "President Olaf Lind said the talks should have started a week earlier.",
                ],
            )
        ],
    )
    assert [a.speaker for a in briefing.acts] == ["olaf-lind"]
    assert [a.side for a in briefing.arguments] == ["counter"]  # the extraction still finds the cue …
    assert briefing.key_points == ()  # … but the sentence is the actor's own words, shown as an act


def test_voices_follow_speaks_for_up_to_the_state(tmp_path: Path) -> None:
    voices = Voices(topic_with(tmp_path))
    assert voices.chain("anna-berg") == ["anna-berg", "northern-ministry", "northland"]
    assert voices.compatible("anna-berg", "northland") and voices.compatible("northern-ministry", "anna-berg")
    assert not voices.compatible("anna-berg", "olaf-lind")
    assert voices.most_specific(["northland", "anna-berg", "northern-ministry"]) == "anna-berg"


def test_act_ids_keep_the_first_reports_id_so_curation_still_finds_them(tmp_path: Path) -> None:
    topic = topic_with(tmp_path)
    articles = [("a-wire", ["President Olaf Lind urged both sides to exercise restraint on the river crossing."])]
    alone = synthesised(topic, articles)
    with_more = synthesised(
        topic,
        [
            *articles,
            (
                "b-paper",
                ["President Olaf Lind urged both sides to exercise restraint on the river crossing, officials said."],
            ),
        ],
        published=date(2025, 5, 2),
    )
    assert alone.acts[0].id == with_more.acts[0].id
    assert len(with_more.acts[0].sources) == 2
