"""briefing.extract.curation: corrections by item id from the topic config.

Ids are hashes, so each test first extracts without curation to learn the ids of
the items it curates, then writes a topic.yml with a `curation:` section.
An id that matches no item is an error naming the topic.yml line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_helpers import line_of, make_article, make_topic, topic_yaml

from briefing.errors import BriefingError
from briefing.extract import extract_briefing
from briefing.model import Briefing

ARTICLES = (
    make_article(
        "first",
        [
            "Anna Berg urged both sides to show restraint.",
            "Northland’s stance is rooted in its long ties with both capitals.",
            "On 22 April 2025, gunmen attacked tourists in the valley.",
        ],
    ),
    make_article(
        "second",
        [
            "Olaf Lind condemned the attack on the tourists.",
            "Northland’s silence was a failure of nerve.",
            "Anna Berg offered to mediate between the two capitals.",
        ],
    ),
)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    """The briefing without curation."""
    return extract_briefing(ARTICLES, make_topic(tmp_path_factory.mktemp("plain")))


def statement_id(briefing: Briefing, speaker: str, act: str) -> str:
    return next(s.id for s in briefing.statements if (s.speaker, s.act) == (speaker, act))


def argument_id(briefing: Briefing, side: str) -> str:
    return next(a.id for a in briefing.arguments if a.side == side)


def curate(folder: Path, curation: str) -> Briefing:
    return extract_briefing(ARTICLES, make_topic(folder, topic_yaml(curation)))


def test_the_plain_briefing_has_the_items_the_tests_curate(plain: Briefing) -> None:
    assert sorted((s.speaker, s.act) for s in plain.statements) == [
        ("anna-berg", "offered"),
        ("anna-berg", "urged"),
        ("olaf-lind", "condemned"),
    ]
    assert sorted(a.side for a in plain.arguments) == ["counter", "position"]
    assert [e.date.value for e in plain.events] == ["2025-04-22"]
    assert all(not (s.pinned) for s in plain.statements)
    assert plain.disagreements == ()


# --- each operation ----------------------------------------------------------------------


def test_hide_removes_the_item_and_its_id_from_the_actor(plain: Briefing, tmp_path: Path) -> None:
    hidden = statement_id(plain, "anna-berg", "urged")
    kept = statement_id(plain, "anna-berg", "offered")
    assert set(next(a for a in plain.actors if a.id == "anna-berg").statements) == {hidden, kept}
    briefing = curate(tmp_path, f"hide: [{hidden}]")
    assert hidden not in {s.id for s in briefing.statements}
    assert len(briefing.statements) == len(plain.statements) - 1
    assert next(a for a in briefing.actors if a.id == "anna-berg").statements == (kept,)


def test_hide_an_event_and_an_argument(plain: Briefing, tmp_path: Path) -> None:
    event = plain.events[0].id
    argument = argument_id(plain, "counter")
    briefing = curate(tmp_path, f"hide: [{event}, {argument}]")
    assert briefing.events == ()
    assert [a.side for a in briefing.arguments] == ["position"]


def test_pin_sets_pinned(plain: Briefing, tmp_path: Path) -> None:
    event = plain.events[0].id
    argument = argument_id(plain, "position")
    statement = statement_id(plain, "olaf-lind", "condemned")
    briefing = curate(tmp_path, f"pin: [{event}, {argument}, {statement}]")
    assert briefing.events[0].pinned is True
    assert {a.id: a.pinned for a in briefing.arguments} == {argument: True, argument_id(plain, "counter"): False}
    assert {s.id for s in briefing.statements if s.pinned} == {statement}


def test_retitle_changes_an_event_title(plain: Briefing, tmp_path: Path) -> None:
    event = plain.events[0]
    assert event.title_curated is False
    briefing = curate(tmp_path, f"retitle:\n  {event.id}: Attack on tourists at the valley meadow\n")
    (retitled,) = briefing.events
    assert retitled.id == event.id
    assert retitled.title == "Attack on tourists at the valley meadow"
    assert retitled.title_curated is True
    assert retitled.citations == event.citations


def test_move_flips_an_argument_side(plain: Briefing, tmp_path: Path) -> None:
    argument = argument_id(plain, "position")
    briefing = curate(tmp_path, f"move:\n  {argument}: counter\n")
    moved = next(a for a in briefing.arguments if a.id == argument)
    assert moved.side == "counter"
    assert moved.moved is True
    other = next(a for a in briefing.arguments if a.id != argument)
    assert other.moved is False


def test_move_to_the_same_side_is_not_marked_moved(plain: Briefing, tmp_path: Path) -> None:
    argument = argument_id(plain, "position")
    briefing = curate(tmp_path, f"move:\n  {argument}: position\n")
    assert next(a for a in briefing.arguments if a.id == argument).moved is False


def test_merge_joins_two_items_citations(plain: Briefing, tmp_path: Path) -> None:
    first = statement_id(plain, "anna-berg", "urged")
    second = statement_id(plain, "anna-berg", "offered")
    briefing = curate(tmp_path, f"merge:\n  - [{first}, {second}]\n")
    assert len(briefing.statements) == len(plain.statements) - 1
    merged = next(s for s in briefing.statements if s.id == first)
    assert [(c.source, c.paragraph) for c in merged.citations] == [("first", "p1"), ("second", "p3")]
    assert set(merged.mention_ids) == {first, second}
    assert second not in {s.id for s in briefing.statements}


def test_a_merged_item_answers_to_every_mention_id(plain: Briefing, tmp_path: Path) -> None:
    first = statement_id(plain, "anna-berg", "urged")
    second = statement_id(plain, "anna-berg", "offered")
    briefing = curate(tmp_path, f"merge:\n  - [{first}, {second}]\npin: [{second}]\n")
    assert [s.id for s in briefing.statements if s.pinned] == [first]


def test_curated_disagreement_pairs_two_items(plain: Briefing, tmp_path: Path) -> None:
    first = argument_id(plain, "position")
    second = argument_id(plain, "counter")
    briefing = curate(
        tmp_path,
        f"""\
        disagreements:
          - point: Is Northland's caution wise?
            first: {first}
            second: {second}
        """,
    )
    (disagreement,) = briefing.disagreements
    assert disagreement.origin == "curated"
    assert disagreement.point == "Is Northland's caution wise?"
    assert disagreement.id.startswith("D-")
    assert [c.citation for c in disagreement.first] == [next(a for a in plain.arguments if a.id == first).citations[0]]
    assert [c.citation for c in disagreement.second] == [
        next(a for a in plain.arguments if a.id == second).citations[0]
    ]
    assert disagreement.first[0].text == "Northland’s stance is rooted in its long ties with both capitals."


# --- errors ------------------------------------------------------------------------------

MISSING = "S-000000"


def curation_cases(plain: Briefing) -> dict[str, str]:
    statement = statement_id(plain, "anna-berg", "urged")
    return {
        "hide": f"hide:\n  - {MISSING}\n",
        "pin": f"pin:\n  - {MISSING}\n",
        "retitle": f"retitle:\n  {MISSING}: A new title\n",
        "move": f"move:\n  {MISSING}: counter\n",
        "merge": f"merge:\n  - [{statement}, {MISSING}]\n",
        "disagreements": f"disagreements:\n  - {{point: Who is right, first: {statement}, second: {MISSING}}}\n",
    }


@pytest.mark.parametrize("operation", ["hide", "pin", "retitle", "move", "merge", "disagreements"])
def test_an_id_that_matches_no_item_is_an_error_naming_the_line(
    plain: Briefing, tmp_path: Path, operation: str
) -> None:
    curation = curation_cases(plain)[operation]
    text = topic_yaml(curation)
    topic = make_topic(tmp_path, text)
    with pytest.raises(BriefingError) as caught:
        extract_briefing(ARTICLES, topic)
    message = str(caught.value)
    assert f"topic.yml:{line_of(text, MISSING)}:" in message
    assert "no item has id" in message
    assert MISSING in message
    assert f"curation.{operation}" in message


def test_retitle_of_a_statement_is_an_error(plain: Briefing, tmp_path: Path) -> None:
    statement = statement_id(plain, "anna-berg", "urged")
    text = topic_yaml(f"retitle:\n  {statement}: A new title\n")
    with pytest.raises(BriefingError) as caught:
        extract_briefing(ARTICLES, make_topic(tmp_path, text))
    assert str(caught.value).startswith(f"topic.yml:{line_of(text, 'A new title')}: ")
    assert "is not an event" in str(caught.value)


def test_move_of_an_event_is_an_error(plain: Briefing, tmp_path: Path) -> None:
    event = plain.events[0].id
    text = topic_yaml(f"move:\n  {event}: counter\n")
    with pytest.raises(BriefingError) as caught:
        extract_briefing(ARTICLES, make_topic(tmp_path, text))
    assert str(caught.value).startswith(f"topic.yml:{line_of(text, event)}: ")
    assert "is not an argument" in str(caught.value)


def test_merge_of_items_of_two_kinds_is_an_error(plain: Briefing, tmp_path: Path) -> None:
    text = topic_yaml(f"merge:\n  - [{statement_id(plain, 'anna-berg', 'urged')}, {plain.events[0].id}]\n")
    with pytest.raises(BriefingError) as caught:
        extract_briefing(ARTICLES, make_topic(tmp_path, text))
    assert "one kind" in str(caught.value)


# --- stable ids --------------------------------------------------------------------------


def test_adding_an_unrelated_article_keeps_every_item_id(plain: Briefing, tmp_path: Path) -> None:
    # "aaa-extra" sorts before the other sources, so it is read first.
    extra = make_article(
        "aaa-extra",
        [
            "Olaf Lind expressed concern about the dam on the upper river.",
            "In March 2023, engineers finished the dam on the upper river.",
            "Northland’s silence on the dam plays into the hands of its rivals.",
        ],
    )
    more = extract_briefing((extra, *ARTICLES), make_topic(tmp_path))
    for kind in ("statements", "arguments", "events"):
        before = {item.id for item in getattr(plain, kind)}
        after = {item.id for item in getattr(more, kind)}
        assert before < after, kind


def test_ids_do_not_depend_on_the_order_of_the_articles(plain: Briefing, tmp_path: Path) -> None:
    reversed_ = extract_briefing(tuple(reversed(ARTICLES)), make_topic(tmp_path))
    for kind in ("statements", "arguments", "events"):
        assert {i.id for i in getattr(reversed_, kind)} == {i.id for i in getattr(plain, kind)}


def test_an_old_id_still_resolves_after_a_duplicate_is_added(plain: Briefing, tmp_path: Path) -> None:
    # A new source reporting the same statement merges with it; curation by the old id still works.
    old = statement_id(plain, "anna-berg", "urged")
    duplicate = make_article("aaa-extra", ["Anna Berg urged both sides to show restraint, officials said."])
    briefing = extract_briefing((duplicate, *ARTICLES), make_topic(tmp_path, topic_yaml(f"pin: [{old}]")))
    (pinned,) = [s for s in briefing.statements if s.pinned]
    assert old in pinned.mention_ids
    assert [c.source for c in pinned.citations] == ["aaa-extra", "first"]
