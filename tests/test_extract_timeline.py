"""briefing.extract.timeline: dated events, their titles, and the periods they fall in.

Expected values are written by hand from the module docstring: the date comes from
briefing.extract.dates (relative ones against the article's published date), the
title is the clause holding the date with the date phrase taken out.
"""

from __future__ import annotations

from datetime import date

import pytest
from extract_helpers import REPO, make_article, make_topic

from briefing.config import Period, load_topic
from briefing.extract import extract_briefing
from briefing.extract.dates import find_dates
from briefing.extract.timeline import date_ref, find_events, interval_start, period_of
from briefing.model import DateRef

PUBLISHED = date(2025, 5, 12)  # a Monday

Row = tuple[str, str, str | None, str | None]


def events(text: str, published: date | None = PUBLISHED) -> list[Row]:
    """(value, precision, qualifier, modifier) of each event in a one-paragraph article."""
    article = make_article("a", [text], published=published)
    return [(e.date.value, e.date.precision, e.date.qualifier, e.date.modifier) for e in find_events(article)]


def titles(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str]]:
    article = make_article("a", [text], published=published)
    return [(e.date.value, e.title) for e in find_events(article)]


def ref(text: str) -> DateRef:
    (mention,) = find_dates(text)
    return date_ref(mention)


# --- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("On 22 April 2025, gunmen attacked tourists in the valley.", [("2025-04-22", "day", None, None)]),
        ("In May 2025, the two armies exchanged fire.", [("2025-05", "month", None, None)]),
        ("The border was redrawn in 2019 after long talks.", [("2019", "year", None, None)]),
        ("Trade grew fast in the 1990s between the neighbours.", [("199X", "decade", None, None)]),
        ("In late April 2025, the ministers met in the capital.", [("2025-04", "month", "late", None)]),
        ("Since the mid-2010s, the two sides have held exercises.", [("201X", "decade", "since", "mid")]),
        ("Both have been members since 2017.", [("2017", "year", "since", None)]),
    ],
)
def test_events_keep_precision_and_qualifier(text: str, expected: list[Row]) -> None:
    assert events(text) == expected


def test_event_date_words() -> None:
    article = make_article("a", ["In late April 2025, the ministers met in the capital."])
    (event,) = find_events(article)
    assert event.date.words == "late April 2025"
    assert event.sentence.text == "In late April 2025, the ministers met in the capital."


def test_relative_date_is_resolved_against_the_published_date() -> None:
    assert events("On Sunday, the talks resumed at the border.") == [("2025-05-11", "day", None, None)]
    assert events("The ministers met yesterday at the border.") == [("2025-05-11", "day", None, None)]
    assert events("On May 9 the guns fell silent.") == [("2025-05-09", "day", None, None)]


def test_relative_date_without_a_published_date_gives_no_event() -> None:
    assert events("On Sunday, the talks resumed at the border.", published=None) == []
    assert events("On May 9 the guns fell silent.", published=None) == []


def test_absolute_date_needs_no_published_date() -> None:
    assert events("On 22 April 2025, gunmen attacked tourists.", published=None) == [("2025-04-22", "day", None, None)]


def test_duration_is_not_an_event() -> None:
    assert events("It took over 10 days for the two ministers to speak.") == []
    assert events("Relations have grown over the last decade.") == []


def test_figurative_today_is_not_an_event() -> None:
    # Regression: "In today’s changing world" in a dated article is no date.
    assert events("In today’s changing world, Northland must choose its friends.") == []
    assert events("In today's changing world, Northland must choose its friends.") == []


def test_every_date_in_a_sentence_is_an_event() -> None:
    text = "Both sides cited the Simla Agreement (1972) and the Lahore Declaration (1999)."
    assert titles(text) == [("1972", "Simla Agreement"), ("1999", "Lahore Declaration")]


# --- titles ------------------------------------------------------------------------------


def test_treaty_citation_is_titled_by_the_treaty() -> None:
    assert titles("Both sides should respect the Simla Agreement (1972).") == [("1972", "Simla Agreement")]


def test_named_event_after_the_year() -> None:
    text = "As with the reaction to the 2019 Pulwama terrorist attack, Northland urged calm."
    assert titles(text) == [("2019", "Pulwama terrorist attack")]


def test_date_opening_the_clause_gives_the_title_after_it() -> None:
    text = "In 1965, Northland played the mediator role between the two sides."
    assert titles(text) == [("1965", "Northland played the mediator role between the two sides")]


def test_date_closing_the_clause_gives_the_words_before_it() -> None:
    text = "The river treaty was signed on 3 March 2024."
    assert titles(text) == [("2024-03-03", "The river treaty was signed")]


def test_long_title_is_cut_at_a_phrase_boundary_without_an_ellipsis() -> None:
    text = (
        "On 22 April 2025, gunmen from across the border attacked a group of tourists walking "
        "in a quiet meadow high in the northern valley."
    )
    ((value, title),) = titles(text)
    assert value == "2025-04-22"
    # 20 words after the date: cut before "in a quiet meadow", the last phrase that fits in 15 words.
    assert title == "Gunmen from across the border attacked a group of tourists walking"


def test_title_never_ends_on_a_function_word_or_an_ellipsis() -> None:
    text = (
        "India has formally accused Pakistan-based terrorist groups of orchestrating the attack, drawing "
        "parallels to the 2016 and 2019 incidents that resulted in surgical strikes and airstrikes."
    )
    found = titles(text)
    assert [value for value, _ in found] == ["2016", "2019"]
    for _value, title in found:
        assert title == "Incidents that resulted in surgical strikes and airstrikes"


def test_title_of_a_date_at_the_end_of_a_long_clause_is_the_phrase_nearest_it() -> None:
    text = (
        "India launched Operation Sindoor, a military operation in Pakistan and Azad Kashmir in response "
        "to a deadly terror attack in Pahalgam, Jammu and Kashmir, on April 22, 2025, which killed 26 people."
    )
    ((_value, title),) = titles(text)
    assert title.startswith("A deadly terror attack in Pahalgam")
    assert not title.endswith(("…", " the", " in", " to"))


def test_a_title_keeps_what_was_said_after_the_saying_date() -> None:
    """ "X said on May 13 that …": the title says what, not just "X said"; a second date goes with
    its preposition, and no comma is put where the sentence has none."""
    text = "Anna Berg said on 13 May 2025 that Olaf Lind had called Tom Gray on 5 May 2025 about the river."
    assert titles(text) == [
        ("2025-05-13", "Anna Berg said that Olaf Lind had called Tom Gray about the river"),
        ("2025-05-05", "Anna Berg said that Olaf Lind had called Tom Gray"),
    ]
    assert titles("Maria Berg said on 15 May 2025 that Northland would not take sides.") == [
        ("2025-05-15", "Maria Berg said that Northland would not take sides")
    ]


def test_a_title_after_a_long_speaker_keeps_what_was_said() -> None:
    text = (
        "Northland's head of river safety, Anna Berg, said on 6 May 2025 that 19 boats had breached "
        "the current limit last season."
    )
    assert titles(text) == [
        ("2025-05-06", "Northland's head of river safety said 19 boats had breached the current limit last season")
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # the date between subject and verb
        (
            "The Northern Ministry on 8 May 2025 adopted its advisers' plan.",
            "The Northern Ministry adopted its advisers' plan",
        ),
        # the date after the verb
        ("River advisers voted on 9 May 2025 to stop the dredging.", "River advisers voted to stop the dredging"),
        # an apposition before "told someone"
        (
            "Anna Berg, who was ousted as harbour master last year, told senators on 7 May 2025 that she was pressured.",
            "Anna Berg told senators she was pressured",
        ),
    ],
)
def test_a_title_keeps_the_verb_around_the_date(text: str, title: str) -> None:
    assert title in [found for _value, found in titles(text)]


def test_a_title_keeps_the_commas_of_a_clause_around_another_date() -> None:
    text = "The river rule, introduced in 2010, was widely seen as toothless after a court ruling in 2020."
    assert ("2020", "The river rule, introduced, was widely seen as toothless after a court ruling") in titles(text)


def test_a_title_leaves_out_the_name_given_to_the_date() -> None:
    assert titles("On 10 May 2025, the opening day, Northland had signalled flexibility.") == [
        ("2025-05-10", "Northland had signalled flexibility")
    ]


def test_a_title_is_not_cut_inside_a_quotation() -> None:
    text = (
        "On 12 May 2025 Northland urged its neighbours to commit to a binding timetable for the "
        '"Vell to Harrow river roadmap" that would scale the fund.'
    )
    # Cut at "for", before the quotation, not at its "to" ("… for the Vell", a name cut in two).
    assert titles(text) == [("2025-05-12", "Northland urged its neighbours to commit to a binding timetable")]


def test_a_title_that_is_not_the_sentence_as_written_has_no_quote_marks() -> None:
    """A title is a label: words cut out of a quotation must not leave it looking like one."""
    ((_value, title),) = titles('"Our budget gap next year is $4.2 million," Anna Berg said.')
    assert '"' not in title and "Our budget gap is $4.2 million" in title
    ((_value, whole),) = titles('In 2024, Anna Berg called the treaty "a dead letter".')
    assert whole == 'Anna Berg called the treaty "a dead letter"'  # quoted whole: the marks stay


def test_the_end_of_a_span_is_no_event() -> None:
    assert events("Insurers must keep covering the ferries until at least the end of 2026.") == []
    assert events("Economists said on 8 May 2025 the pause would hold into 2026.") == [
        ("2025-05-08", "day", None, None)
    ]


def test_a_datelines_date_is_when_the_story_was_filed_not_an_event() -> None:
    text = "VELL, 6 March 2025 (Harbour Wire) - A residents' group filed a lawsuit on 5 March 2025 over the port."
    assert titles(text) == [("2025-03-05", "A residents' group filed a lawsuit")]


def test_lead_in_word_is_dropped_from_the_title() -> None:
    assert titles("However, in May 2025, the two armies exchanged fire.") == [
        ("2025-05", "The two armies exchanged fire")
    ]


# --- periods -----------------------------------------------------------------------------

PERIODS = (
    Period("before", "Before", None, "2025-04-21"),
    Period("crisis", "Crisis", "2025-04-22", "2025-05-31"),
    Period("after", "After", "2025-06-01", None),
)


@pytest.mark.parametrize(
    "text, start, period",
    [
        ("22 April 2025", "2025-04-22", "crisis"),
        ("21 April 2025", "2025-04-21", "before"),
        ("May 2025", "2025-05-01", "crisis"),
        ("June 2025", "2025-06-01", "after"),
        ("2025", "2025-01-01", "before"),
        ("the 1990s", "1990-01-01", "before"),
        ("the mid-2010s", "2015-01-01", "before"),
        ("early May 2025", "2025-05-05", "crisis"),
    ],
)
def test_period_of_uses_the_interval_start(text: str, start: str, period: str) -> None:
    date_ = ref(text)
    assert interval_start(date_) == start
    assert period_of(date_, PERIODS) == period


def test_late_month_stands_for_the_25th() -> None:
    # "late April" is placed and sorted by the middle of its third, so it falls after 22 April.
    late_april = ref("late April 2025")
    assert interval_start(late_april) == "2025-04-25"
    assert period_of(late_april, PERIODS) == "crisis"
    assert late_april.sort_key > ref("22 April 2025").sort_key


def test_date_outside_every_period_has_none() -> None:
    gap = (Period("one", "One", "2020-01-01", "2020-12-31"),)
    assert period_of(ref("May 2025"), gap) is None
    assert period_of(ref("May 2025"), ()) is None


def test_real_topic_periods() -> None:
    topic = load_topic(REPO / "topic.yml", "topic.yml")
    assert period_of(ref("22 April 2025"), topic.periods) == "crisis"
    assert period_of(ref("the 1990s"), topic.periods) == "background"
    assert period_of(ref("July 2025"), topic.periods) == "after"


# --- through extract_briefing -------------------------------------------------------------


def test_the_same_event_in_two_articles_is_one_event(tmp_path) -> None:
    topic = make_topic(tmp_path)
    first = make_article("first", ["On 22 April 2025, gunmen attacked tourists in the valley."])
    second = make_article("second", ["Gunmen attacked tourists in the valley on 22 April 2025, officials said."])
    other = make_article("third", ["On 22 April 2025, the river flooded three villages."])
    briefing = extract_briefing((first, second, other), topic)
    by_title = {e.title: e for e in briefing.events}
    assert len(briefing.events) == 2
    attack = by_title["Gunmen attacked tourists in the valley"]
    assert attack.date.value == "2025-04-22"
    assert attack.period == "crisis"
    assert attack.title_curated is False
    assert [(c.source, c.paragraph) for c in attack.citations] == [("first", "p1"), ("second", "p1")]
    assert len(attack.mention_ids) == 2


def test_same_words_on_different_dates_are_two_events(tmp_path) -> None:
    topic = make_topic(tmp_path)
    first = make_article("first", ["On 22 April 2025, gunmen attacked tourists in the valley."])
    second = make_article("second", ["On 22 April 2024, gunmen attacked tourists in the valley."])
    briefing = extract_briefing((first, second), topic)
    assert sorted(e.date.value for e in briefing.events) == ["2024-04-22", "2025-04-22"]


def test_dated_article_with_figurative_today_has_no_event(tmp_path) -> None:
    topic = make_topic(tmp_path)
    article = make_article("a", ["In today’s changing world, Northland must choose its friends."], published=PUBLISHED)
    assert extract_briefing((article,), topic).events == ()
