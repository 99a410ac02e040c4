"""Tests for briefing.extract.dates: expectations are written by hand from the module's rules."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.extract import dates
from briefing.extract.dates import UNIT_WORDS, DateMention, find_dates
from briefing.extract.text import word_runs

REF = date(2025, 5, 10)  # a Saturday

Row = tuple[str, str, str, str | None]


def rows(text: str, reference: date | None = None) -> list[Row]:
    return [(d.text, d.value, d.precision, d.qualifier) for d in find_dates(text, reference)]


FULL_DATES: list[tuple[str, list[Row]]] = [
    ("It happened on April 22, 2025.", [("April 22, 2025", "2025-04-22", "day", None)]),
    ("It happened on 22 April 2025.", [("22 April 2025", "2025-04-22", "day", None)]),
    ("Talks resumed May 5, 2025 after a pause.", [("May 5, 2025", "2025-05-05", "day", None)]),
    ("The 5th May 2025 meeting was brief.", [("5th May 2025", "2025-05-05", "day", None)]),
    ("Filed 2025-04-22 by the clerk.", [("2025-04-22", "2025-04-22", "day", None)]),
    ("Signed Apr. 22, 2025 in the capital.", [("Apr. 22, 2025", "2025-04-22", "day", None)]),
    ("Due Sept 1, 2025.", [("Sept 1, 2025", "2025-09-01", "day", None)]),
    ("On Tuesday, April 22, 2025, the vote passed.", [("Tuesday, April 22, 2025", "2025-04-22", "day", None)]),
    ("The 1st of March 2024 was cold.", [("1st of March 2024", "2024-03-01", "day", None)]),
]

MONTH_YEAR: list[tuple[str, list[Row]]] = [
    ("It began in March 2024.", [("March 2024", "2024-03", "month", None)]),
    ("It began in May 2025.", [("May 2025", "2025-05", "month", None)]),
    ("Clashes erupted in late April 2025.", [("late April 2025", "2025-04", "month", "late")]),
    ("Talks stalled in early May 2025.", [("early May 2025", "2025-05", "month", "early")]),
    ("By mid-March 2024 the tide turned.", [("mid-March 2024", "2024-03", "month", "mid")]),
    ("Costs rose after Jan. 2020.", [("after Jan. 2020", "2020-01", "month", "after")]),
]

YEARS: list[tuple[str, list[Row]]] = [
    ("The dispute flared in 1965.", [("1965", "1965", "year", None)]),
    ("The 1971 war changed the map.", [("1971", "1971", "year", None)]),
    ("Many died in the 1971 war.", [("1971", "1971", "year", None)]),
    ("Relations have been frozen since 2016.", [("since 2016", "2016", "year", "since")]),
    ("Since 2017 no talks were held.", [("Since 2017", "2017", "year", "since")]),
    ("After the 2019 Pulwama terrorist attack, trade stopped.", [("2019", "2019", "year", None)]),
    ("The 2008 Mumbai attacks shocked the world.", [("2008", "2008", "year", None)]),
    ("Prices rose in 2022.", [("2022", "2022", "year", None)]),
    ("Under the Simla Agreement (1972), disputes are bilateral.", [("(1972)", "1972", "year", None)]),
    ("The Lahore Declaration (1999) followed.", [("(1999)", "1999", "year", None)]),
    ("It was quiet before 2014.", [("before 2014", "2014", "year", "before")]),
    ("It was loud after 2014.", [("after 2014", "2014", "year", "after")]),
    ("The law held until 2014.", [("until 2014", "2014", "year", "until")]),
    ("The law held till 2014.", [("till 2014", "2014", "year", "until")]),
    ("Built around 2019.", [("around 2019", "2019", "year", "about")]),
    ("Built circa 2019.", [("circa 2019", "2019", "year", "about")]),
    ("Built about 2019.", [("about 2019", "2019", "year", "about")]),
    ("Built c. 1850.", [("c. 1850", "1850", "year", "about")]),
    ("The pre-2014 rules applied.", [("pre-2014", "2014", "year", "before")]),
    ("The post-2014 rules applied.", [("post-2014", "2014", "year", "after")]),
    ("It rained in early 2019.", [("early 2019", "2019", "year", "early")]),
    ("It rained by mid-2019.", [("mid-2019", "2019", "year", "mid")]),
    (
        "Elections in 2022, 2023 and 2024.",
        [("2022", "2022", "year", None), ("2023", "2023", "year", None), ("2024", "2024", "year", None)],
    ),
    # A year range comes back as two years.
    ("The 1971–1975 period.", [("1971", "1971", "year", None), ("1975", "1975", "year", None)]),
    ("The 1971-1975 period.", [("1971", "1971", "year", None), ("1975", "1975", "year", None)]),
    ("The 2019-20 talks.", [("2019", "2019", "year", None), ("20", "2020", "year", None)]),
    ("It rose from 1000 to 2099.", [("1000", "1000", "year", None), ("2099", "2099", "year", None)]),
]

DECADES: list[tuple[str, list[Row]]] = [
    ("Growth slowed in the mid-2010s.", [("the mid-2010s", "201X", "decade", "mid")]),
    ("It was popular in the 1990s.", [("the 1990s", "199X", "decade", None)]),
    ("The 2010s were turbulent.", [("The 2010s", "201X", "decade", None)]),
    ("Music in the 50s and 60s was different.", [("the 50s", "195X", "decade", None), ("60s", "196X", "decade", None)]),
    ("Start-ups boomed in the early 2000s.", [("the early 2000s", "200X", "decade", "early")]),
    ("Fashion of the ’90s returned.", [("the ’90s", "199X", "decade", None)]),
    ("Fashion of the '90s returned.", [("the '90s", "199X", "decade", None)]),
    ("A ’70s classic.", [("’70s", "197X", "decade", None)]),
    ("In the 1980s and 1990s it grew.", [("the 1980s", "198X", "decade", None), ("1990s", "199X", "decade", None)]),
    ("Back in the 30s.", [("the 30s", "193X", "decade", None)]),
    ("Back in the 20s.", [("the 20s", "202X", "decade", None)]),
    ("Mills closed during 1970s reforms.", [("1970s", "197X", "decade", None)]),
]

MONTH_DAY_WITH_REFERENCE: list[tuple[str, list[Row]]] = [
    ("The shelling began on May 5.", [("May 5", "2025-05-05", "day", None)]),
    ("The May 7 strikes hit depots.", [("May 7", "2025-05-07", "day", None)]),
    ("It happened on 7 May.", [("7 May", "2025-05-07", "day", None)]),
    ("It happened on May 10.", [("May 10", "2025-05-10", "day", None)]),
    # Later than the reference in its year, so the previous year ...
    ("It happened on December 25.", [("December 25", "2024-12-25", "day", None)]),
    ("It happened on May 20.", [("May 20", "2024-05-20", "day", None)]),
    # ... unless it is within a week after it (news of the next day, or a date slightly off) ...
    ("Zakharova said on May 15 that it would not take sides.", [("May 15", "2025-05-15", "day", None)]),
    ("It happened on May 11.", [("May 11", "2025-05-11", "day", None)]),
    # ... or its clause speaks of the future.
    ("The council will hold a hearing on June 30.", [("June 30", "2025-06-30", "day", None)]),
    ("Talks are scheduled for 2 September.", [("2 September", "2025-09-02", "day", None)]),
    ("It said it would help; talks ended on June 30.", [("June 30", "2024-06-30", "day", None)]),
]

RELATIVE: list[tuple[str, list[Row]]] = [
    ("The minister spoke yesterday.", [("yesterday", "2025-05-09", "day", None)]),
    ("The minister speaks today.", [("today", "2025-05-10", "day", None)]),
    ("Troops moved on Sunday.", [("Sunday", "2025-05-04", "day", None)]),
    ("Troops moved on Monday.", [("Monday", "2025-05-05", "day", None)]),
    # The reference itself is a Saturday: "on Saturday" is that day, "last Saturday" a week before.
    ("Troops moved on Saturday.", [("Saturday", "2025-05-10", "day", None)]),
    ("Troops moved last Saturday.", [("last Saturday", "2025-05-03", "day", None)]),
    ("The ministers will meet on Monday.", [("Monday", "2025-05-12", "day", None)]),
    ("A first draft was expected on Monday.", [("Monday", "2025-05-12", "day", None)]),
    ("Federal advisers voted Friday to stop it.", [("Friday", "2025-05-09", "day", None)]),  # wire style, no "on"
    ("Troops will stay, he said on Monday.", [("Monday", "2025-05-05", "day", None)]),
    ("Prices rose last month.", [("last month", "2025-04", "month", None)]),
    ("Prices rose last year.", [("last year", "2024", "year", None)]),
    ("Prices rose this year.", [("this year", "2025", "year", None)]),
    ("Closed since yesterday.", [("since yesterday", "2025-05-09", "day", "since")]),
]

NOT_DATES: list[str] = [
    "The ceasefire held for 10 days.",
    "Fighting continued over 10 days.",
    "Violence grew over the last decade.",
    "Violence grew over the last year.",
    "After a full one-month period, the ban ended.",
    "26 people were killed.",
    "The S-400 system was deployed.",
    "The G-20 summit opened.",
    "About 1.6 lakh people fled.",
    "A grant of 7.24 crore was made.",
    "Some 2,000 troops moved.",
    "It cost $1965 in total.",
    "See page 1971-1975 of the report.",
    "See No. 1999 in the list.",
    "He said it may be possible.",
    "May I ask a question?",
    "They met in May.",
    "The border is 2000 km long.",
    "Some 1500 people marched.",
    "He won 2019 votes.",
    "About 1500 soldiers and 1200 troops left.",
    "Numbers like 999, 2100 and 12345 are not years.",
    "People in their 60s and 70s voted.",
    "The Sunday Times reported it.",
    "The cap applies from the 2028-29 season.",  # a season, a fiscal or school year: not a year of a happening
    "The 2019-20 budget passed.",
    "Accounts for the 2026/27 financial year are due.",
]


@pytest.mark.parametrize(("text", "expected"), FULL_DATES + MONTH_YEAR + YEARS + DECADES)
def test_absolute_forms(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected
    assert all(not d.relative for d in find_dates(text))
    # A reference date never changes an absolute reading.
    assert rows(text, REF) == expected


@pytest.mark.parametrize(("text", "expected"), MONTH_DAY_WITH_REFERENCE + RELATIVE)
def test_relative_forms_need_reference(text: str, expected: list[Row]) -> None:
    assert rows(text, REF) == expected
    assert all(d.relative for d in find_dates(text, REF))
    assert find_dates(text) == ()


def test_last_month_wraps_year() -> None:
    assert rows("Prices rose last month.", date(2025, 1, 15)) == [("last month", "2024-12", "month", None)]


def test_leap_day_without_year_uses_latest_valid_year() -> None:
    assert rows("It happened on February 29.", REF) == [("February 29", "2024-02-29", "day", None)]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == ()
    assert find_dates(text, REF) == ()


def test_unit_words_constant() -> None:
    for word in (
        "people",
        "troops",
        "km",
        "kilometres",
        "miles",
        "soldiers",
        "crore",
        "lakh",
        "tonnes",
        "dollars",
        "rupees",
    ):
        assert word in UNIT_WORDS


def test_spans_and_text() -> None:
    text = "Since the mid-2010s, and again in late April 2025, talks failed."
    for d in find_dates(text):
        assert text[d.start : d.end] == d.text


def test_since_with_early_mid_late_uses_modifier_field() -> None:
    (d,) = find_dates("Ties have cooled since the mid-2010s.")
    assert (d.text, d.value, d.precision, d.qualifier, d.modifier) == (
        "since the mid-2010s",
        "201X",
        "decade",
        "since",
        "mid",
    )
    assert d.describe() == "since the mid-2010s"
    (m,) = find_dates("Closed since late April 2025.")
    assert (m.value, m.qualifier, m.modifier) == ("2025-04", "since", "late")
    assert m.describe() == "since late April 2025"
    (plain,) = find_dates("In late April 2025.")
    assert (plain.qualifier, plain.modifier) == ("late", None)


def test_longest_match_wins_no_nested_year() -> None:
    assert rows("Clashes erupted in late April 2025.") == [("late April 2025", "2025-04", "month", "late")]
    assert rows("It happened on 22 April 2025.") == [("22 April 2025", "2025-04-22", "day", None)]
    assert rows("Since the mid-2010s.") == [("Since the mid-2010s", "201X", "decade", "since")]


def test_order_of_appearance() -> None:
    text = (
        "After the Simla Agreement (1972) and the 1990s, ties thawed in 2004; "
        "on Sunday, May 4, 2025 talks resumed, and on Monday they stalled."
    )
    found = find_dates(text, REF)
    assert [d.value for d in found] == ["1972", "199X", "2004", "2025-05-04", "2025-05-05"]
    assert [d.start for d in found] == sorted(d.start for d in found)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("on April 22, 2025", "22 April 2025"),
        ("in April 2025", "April 2025"),
        ("in late April 2025", "late April 2025"),
        ("in early May 2025", "early May 2025"),
        ("by mid-March 2024", "mid-March 2024"),
        ("in 1971", "1971"),
        ("since 2016", "since 2016"),
        ("before 2014", "before 2014"),
        ("circa 2019", "about 2019"),
        ("about 2019", "about 2019"),
        ("in early 2019", "early 2019"),
        ("in the mid-2010s", "the mid-2010s"),
        ("in the 1950s", "the 1950s"),
        ("the ’90s", "the 1990s"),
        ("the early 2000s", "the early 2000s"),
        ("Simla Agreement (1972)", "1972"),
    ],
)
def test_describe(text: str, words: str) -> None:
    (d,) = find_dates(text)
    assert d.describe() == words


def _m(value: str, precision: str, qualifier: str | None = None, modifier: str | None = None) -> DateMention:
    return DateMention(0, 0, value, value, precision, qualifier, False, modifier)


def test_sort_key_chronological_across_precisions() -> None:
    expected = [
        _m("195X", "decade"),
        _m("1965", "year"),
        _m("1971", "year"),
        _m("1999", "year"),
        _m("2010", "year"),
        _m("201X", "decade", "mid"),  # the mid-2010s stand for 2015: after 2010, before 2016
        _m("2016", "year", "before"),  # same year: before < plain < since
        _m("2016", "year"),
        _m("2016", "year", "since"),
        _m("2025", "year"),  # a year sorts before its months
        _m("2025-04", "month", "early"),
        _m("2025-04", "month", "mid"),
        _m("2025-04-22", "day"),  # "late April" stands for the 25th, so it sorts after 22 April
        _m("2025-04", "month", "late"),
        _m("2025-05", "month"),
    ]
    shuffled = expected[::2] + expected[1::2]
    assert sorted(shuffled, key=lambda d: d.sort_key) == expected


def test_sort_key_decade_before_its_first_year_and_modifier_order() -> None:
    assert _m("201X", "decade").sort_key < _m("2010", "year").sort_key
    early, mid, late = (_m("201X", "decade", q) for q in ("early", "mid", "late"))
    assert early.sort_key < mid.sort_key < late.sort_key
    assert _m("201X", "decade").sort_key < early.sort_key
    assert _m("201X", "decade", "since", "early").sort_key < _m("201X", "decade", "since", "late").sort_key


def test_sort_key_of_found_mentions() -> None:
    text = "In the 50s, in 1965, in 1971, since the mid-2010s, in 2016 and late April 2025."
    found = find_dates(text)
    assert [d.value for d in sorted(found, key=lambda d: d.sort_key)] == [
        "195X",
        "1965",
        "1971",
        "201X",
        "2016",
        "2025-04",
    ]


def test_deterministic_without_reference() -> None:
    text = "Yesterday, on Sunday, May 5 and last year: none without a reference; 2016 stays."
    assert rows(text) == [("2016", "2016", "year", None)]
    assert find_dates(text) == find_dates(text)


@pytest.mark.parametrize(
    "text", [text for text, _ in FULL_DATES + MONTH_YEAR + YEARS + DECADES + MONTH_DAY_WITH_REFERENCE + RELATIVE]
)
def test_a_rule_is_skipped_only_where_it_cannot_match(text: str) -> None:
    # find_dates runs a rule only on a text holding what the rule needs (digits, one of its words);
    # in each form, in any case, a rule that matches must have been run.
    for variant in (text, text.upper(), text.lower()):
        ranked = dates._RANKED if dates._DIGIT.search(variant) else dates._RANKED_WITHOUT_DIGITS
        for rank, rule in dates._RANKED:
            if rule.pattern.search(variant):
                assert (rank, rule) in ranked and rule.may_match(variant, word_runs(variant)), variant


@pytest.mark.parametrize(
    ("word", "qualifier"),
    [("sınce", "since"), ("SİNCE", "since"), ("ſince", "since"), ("untİl", "until"), ("BEFORE", "before")],
)
def test_a_qualifier_in_look_alike_letters_is_read_as_the_word_it_matched(word: str, qualifier: str) -> None:
    # The date rules ignore case, so these letters match "since", "until"; they were looked up
    # with lower() alone, and the KeyError ended the build with a traceback.
    found = find_dates(f"The ban held {word} 12 May 2025.", date(2025, 5, 20))
    assert [(m.value, m.qualifier) for m in found] == [("2025-05-12", qualifier)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("It happened on frİday.", "2025-05-16"), ("It rained laſt year.", "2024"), ("It held thİs year.", "2025")],
)
def test_relative_words_in_look_alike_letters_are_read_as_the_word_they_matched(text: str, value: str) -> None:
    assert [m.value for m in find_dates(text, date(2025, 5, 20))] == [value]
