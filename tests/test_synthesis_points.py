"""Key points: arguments grouped per side, weighed by sources, heads that read alone, answers paired."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthesis_helpers import synthesised, topic_with

from briefing.errors import BriefingError

OPINION = [
    "Northland's caution is rooted in its need to sell grain to both river towns. "
    "This grain trade is also driven by the farmers who vote in the north.",
    "Some in Northland say their restraint reflects the risk of pushing Southland toward the sea powers. "
    "But this concern is a failure of nerve, and it plays into Southland's hands.",
]


def test_a_paragraphs_arguments_make_one_point_with_its_weight(tmp_path: Path) -> None:
    briefing = synthesised(topic_with(tmp_path), [("op-one", OPINION[:1])], kind="opinion")
    (point,) = briefing.key_points
    assert point.side == "position"
    assert len(point.members) == 2 and point.mentions == 2 and point.sources == ("op-one",)
    # The head is the member that reads on its own, not "This grain trade …".
    assert point.head.display.startswith("Northland's caution is rooted in")


def test_the_same_point_from_two_sources_weighs_two(tmp_path: Path) -> None:
    briefing = synthesised(
        topic_with(tmp_path),
        [
            ("op-one", ["Northland's caution is rooted in its need to sell grain to both river towns."]),
            ("op-two", ["Northland's caution over the river towns is rooted in grain sales to both towns."]),
        ],
        kind="opinion",
    )
    (point,) = briefing.key_points
    assert point.sources == ("op-one", "op-two")


def test_sides_never_share_a_point(tmp_path: Path) -> None:
    briefing = synthesised(topic_with(tmp_path), [("op-one", OPINION)], kind="opinion")
    for point in briefing.key_points:
        assert {m.side for m in point.members} == {point.side}


def test_an_answer_that_follows_the_claim_is_paired_with_it(tmp_path: Path) -> None:
    briefing = synthesised(topic_with(tmp_path), [("op-one", OPINION)], kind="opinion")
    claim = next(p for p in briefing.key_points if "restraint reflects" in p.head.citation.quote)
    answer = next(p for p in briefing.key_points if "this concern" in p.head.citation.quote)
    assert (answer.side, answer.answers, answer.paired_by) == ("counter", claim.id, "sequence")
    # "But this concern …" cannot be read alone: the claim before it is its cited context.
    assert answer.head.context is not None and "restraint reflects" in answer.head.context.quote


def test_key_point_ids_answer_to_their_members_ids(tmp_path: Path) -> None:
    briefing = synthesised(topic_with(tmp_path), [("op-one", OPINION[:1])], kind="opinion")
    (point,) = briefing.key_points
    assert point.id.startswith("K-")
    assert {m.id for m in point.members} <= set(point.mention_ids)


def curated(tmp_path: Path, curation: str) -> list:  # type: ignore[type-arg]
    base = synthesised(topic_with(tmp_path), [("op-one", OPINION)], kind="opinion")
    claim = next(p for p in base.key_points if "restraint reflects" in p.head.citation.quote)
    answer = next(p for p in base.key_points if "this concern" in p.head.citation.quote)
    text = curation.format(claim=claim.id, answer=answer.id)
    topic = topic_with(tmp_path, "\ncuration:\n" + text)
    return list(synthesised(topic, [("op-one", OPINION)], kind="opinion").key_points)


def test_curation_pins_retitles_unpairs_and_hides_points(tmp_path: Path) -> None:
    points = curated(
        tmp_path,
        "  pin: [{claim}]\n  retitle: {{{claim}: Pressure would push Southland away}}\n  pair: {{{answer}: none}}\n",
    )
    claim = next(p for p in points if "restraint reflects" in p.head.citation.quote)
    answer = next(p for p in points if "this concern" in p.head.citation.quote)
    assert claim.pinned and claim.label == "Pressure would push Southland away"
    assert answer.answers is None
    hidden = curated(tmp_path, "  hide: [{claim}]\n")
    assert not any("restraint reflects" in p.head.citation.quote for p in hidden)


def test_curated_pair_must_name_a_counter_point(tmp_path: Path) -> None:
    with pytest.raises(BriefingError) as error:
        curated(tmp_path, "  pair: {{{claim}: {answer}}}\n")
    assert "is a position point" in str(error.value)
    assert "topic.yml:" in str(error.value)


def test_unknown_point_id_names_the_config_line(tmp_path: Path) -> None:
    with pytest.raises(BriefingError) as error:
        curated(tmp_path, "  pin: [K-000000]\n")
    assert "curation.pin: no key point has id 'K-000000'" in str(error.value)


def test_an_objection_answers_the_main_reason_of_its_theme_by_default(tmp_path: Path) -> None:
    briefing = synthesised(
        topic_with(tmp_path),
        [
            ("op-one", ["Northland's restraint over the ferry is rooted in its grain sales to both towns."]),
            ("op-two", ["Northland's calm over the ferry is rooted in the grain it sells to both towns."]),
            ("op-three", ["Northland's restraint on fishing quotas reflects treaties signed a century ago."]),
            ("op-four", ["Critics say Northland's restraint was a failure that emboldened the Southland navy."]),
        ],
        kind="opinion",
    )
    reasons = [p for p in briefing.key_points if p.side == "position"]
    main = max(reasons, key=lambda p: len(p.sources))
    assert len(main.sources) == 2
    (objection,) = [p for p in briefing.key_points if p.side == "counter"]
    assert objection.answers == main.id and objection.paired_by == "similarity"


def test_hiding_a_reason_leaves_its_answer_unpaired(tmp_path: Path) -> None:
    points = curated(tmp_path, "  hide: [{claim}]\n")
    (answer,) = [p for p in points if "this concern" in p.head.citation.quote]
    assert (answer.answers, answer.paired_by) == (None, None)  # no dangling id to a hidden point
