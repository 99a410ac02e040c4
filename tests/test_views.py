"""Views: what each page shows, folds and counts, so that pages stay short however many articles come in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from jinja2 import Environment
from synthesis_helpers import synthesised, topic_with

from briefing.model import Citation
from briefing.reading import page_budgets
from briefing.render import PAGES, Renderer
from briefing.views import ACTS, POINTS_PER_THEME, group_by_source, shelve

WORDS = (
    "amber basalt cedar delta ember fjord granite harbor indigo juniper kestrel lagoon meadow nectar onyx "
    "pebble quartz raven saffron tundra umber violet willow xenon yarrow zephyr"
).split()


def test_shelve_shows_folds_and_counts() -> None:
    shelf = shelve(list(range(10)), (3, 4))
    assert (shelf.shown, shelf.folded, shelf.omitted, shelf.total) == ((0, 1, 2), (3, 4, 5, 6), 3, 10)
    assert list(shelf) == [0, 1, 2, 3, 4, 5, 6]


def test_group_by_source_is_jinjas_groupby() -> None:
    """The actors page groups an actor's mentions in Python, exactly as the template's groupby did."""
    citations = [
        Citation(source, f"p{n}", f"quote {n}")
        for n, source in enumerate(["beta", "Alpha", "alpha", "gamma", "beta", "ALPHA", "Beta", "delta"])
    ]
    template = Environment().from_string('{{ c|groupby("source")|map("list")|list }}')
    expected = template.render(c=citations)
    assert str([[source, group] for source, group in group_by_source(citations)]) == expected
    assert [source for source, _group in group_by_source(citations)] == ["Alpha", "beta", "delta", "gamma"]
    assert group_by_source([]) == []


def many_articles(count: int) -> list[tuple[str, list[str]]]:
    articles = []
    for n in range(count):
        a, b, c = WORDS[n % 26], WORDS[(n * 7 + 3) % 26], WORDS[(n * 11 + 5) % 26]
        articles.append(
            (
                f"art-{n:03d}",
                [
                    f"President Olaf Lind urged restraint over the {a} {b} crossing on {n % 28 + 1} May 2025.",
                    f"Northland's caution over the {a} {c} is rooted in its {b} trade with both towns.",
                    f"Critics say the {c} {a} policy was a failure for the {b} farmers.",
                ],
            )
        )
    return articles


def rendered_pages(tmp_path: Path, count: int) -> tuple[dict[str, str], dict[str, int]]:
    tmp_path.mkdir()
    topic = topic_with(tmp_path)
    briefing = synthesised(topic, many_articles(count), published=date(2025, 6, 1), kind="opinion")
    rendering = Renderer(topic, briefing).render()
    files = {f.path: f.text for f in rendering.files}
    budgets = {b.page: b.words for b in page_budgets(rendering)}
    return files, budgets


def test_visible_length_does_not_grow_with_the_number_of_articles(tmp_path: Path) -> None:
    _few_files, few = rendered_pages(tmp_path / "few", 6)
    many_files, many = rendered_pages(tmp_path / "many", 120)
    for page in (PAGES["position"], PAGES["counter"], PAGES["timeline"]):
        assert many[page] <= 1500, (page, many[page])
    # Twenty times the articles: the visible words stay within the same page budget.
    assert many[PAGES["position"]] <= 2 * few[PAGES["position"]] + 600
    position = many_files[PAGES["position"]]
    assert position.split("## Why")[0].count(" .bp-item }") <= sum(ACTS)
    assert position.count(".bp-item }") <= sum(ACTS) + 3 * sum(POINTS_PER_THEME)


def test_acts_of_equal_weight_lead_with_the_dated_and_latest_not_the_first_file_name(tmp_path: Path) -> None:
    from briefing.views import weight

    topic = topic_with(tmp_path)
    briefing = synthesised(
        topic,
        [
            ("aa-remark", ["Anna Berg said the river talks had been long."]),
            ("mm-earlier", ["On 2 May 2025, President Olaf Lind condemned the attack on the ferry."]),
            ("zz-decision", ["On 9 May 2025, Anna Berg urged Southland to reopen the crossing."]),
        ],
    )
    ordered = sorted(briefing.acts, key=weight)
    assert [a.sources for a in ordered] == [("zz-decision",), ("mm-earlier",), ("aa-remark",)]


def test_counts_agree_with_their_nouns() -> None:
    from briefing.render import counted

    assert counted(1, "more act", "more acts") == "1 more act"
    assert counted(3, "more act", "more acts") == "3 more acts"
    # No template writes a plural after a count it prints ("1 more points" on the real briefing).
    templates = Path(__file__).resolve().parents[1] / "briefing" / "templates"
    for template in templates.rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\}\}\s+(?:more|other)\s+\w+s\b", text), template.name
