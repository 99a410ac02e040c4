"""End to end: a new article dropped into seeds/ reaches the right pages with no code or config change.

A copy of the repository's seeds/, topic.yml and hand-written docs/ pages is built
once, then again after seeds/new-article.md (written here, about the same topic)
is added. The tests read the generated Markdown pages and docs/data/briefing.json.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from extract_helpers import REPO

from briefing.cite import quote_in
from briefing.pipeline import Outcome, Project, generate

PESKOV = "Kremlin spokesman Dmitry Peskov said on Monday that Moscow urged both sides to hold talks."
DATED = "On May 9, 2025, artillery exchanges along the border stopped for several hours."
RELATIVE = "On Sunday, officials from both countries met at the Attari border crossing."
COUNTER = "Critics say Moscow’s refusal to name the aggressor was a failure of friendship."
POSITION = "Analysts say Moscow’s caution is rooted in its need to keep selling arms to both capitals."

NEW_ARTICLE = textwrap.dedent(f"""\
    ---
    title: Moscow urges talks as the guns fall silent
    outlet: Example Wire
    published: 2025-05-12
    kind: news
    ---
    Moscow urges talks as the guns fall silent
    Share
    5 minutes ago
    {PESKOV}
    {DATED}
    {RELATIVE}
    {COUNTER}
    {POSITION}
    Related Articles
    Lighthouse regatta postponed after storm warnings.
    """)

NOISE = ("5 minutes ago", "Lighthouse regatta", "Related Articles")
PARAGRAPH = re.compile(
    r'<p class="bp-para[^"]*" id="(p\d+)">'
    r'<a class="bp-para__anchor" href="#\1"[^>]*>¶\d+</a> (.*?)</p>'
)


@dataclass(frozen=True)
class Built:
    root: Path
    outcome: Outcome
    before: dict[str, list[tuple[str, str]]]
    """Existing source pages' paragraphs (anchor, html) before the new article was added."""

    def page(self, relpath: str) -> str:
        return (self.root / "docs" / relpath).read_text(encoding="utf-8")

    def data(self) -> dict[str, Any]:
        return json.loads(self.page("data/briefing.json"))


def paragraphs_of(page: str) -> list[tuple[str, str]]:
    return PARAGRAPH.findall(page)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("e2e") / "project"
    root.mkdir()
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy2(REPO / "topic.yml", root / "topic.yml")
    (root / "docs").mkdir()
    for name in ("index.md", "about.md"):
        shutil.copy2(REPO / "docs" / name, root / "docs" / name)
    shutil.copytree(REPO / "docs" / "stylesheets", root / "docs" / "stylesheets")
    project = Project.at(root)

    generate(project)
    before = {
        path.stem: paragraphs_of(path.read_text(encoding="utf-8"))
        for path in sorted((root / "docs" / "sources").glob("*.md"))
        if path.stem != "index"
    }
    (root / "seeds" / "new-article.md").write_text(NEW_ARTICLE, encoding="utf-8")
    outcome = generate(project)
    return Built(root, outcome, before)


def block(page: str, text: str, start: str = "") -> str:
    """The one item block (blank-line separated) of a page that holds ``text`` and starts with ``start``."""
    blocks = [b for b in page.split("\n\n") if text in b and b.startswith(start)]
    assert len(blocks) == 1, f"{len(blocks)} blocks hold {text!r}"
    return blocks[0]


def section(page: str, heading: str) -> str:
    """The part of a page from a `## ` heading to the next one."""
    start = page.index(f"\n{heading}\n")
    following = page.find("\n## ", start + 1)
    return page[start : following if following != -1 else len(page)]


def items_citing(data: dict[str, Any], kind: str, paragraph: str) -> list[dict[str, Any]]:
    return [
        item
        for item in data[kind]
        if any(c["source"] == "new-article" and c["paragraph"] == paragraph for c in item["citations"])
    ]


# --- the new source ----------------------------------------------------------------------


def test_new_source_page_keeps_the_article_and_drops_the_noise(built: Built) -> None:
    page = built.page("sources/new-article.md")
    assert "# Moscow urges talks as the guns fall silent" in page
    assert paragraphs_of(page) == [("p1", PESKOV), ("p2", DATED), ("p3", RELATIVE), ("p4", COUNTER), ("p5", POSITION)]
    assert "| Outlet | Example Wire |" in page
    assert "new-article.md" in built.page("sources/index.md")


def test_noise_is_in_no_page(built: Built) -> None:
    for path in sorted((built.root / "docs").rglob("*")):
        if path.is_file() and path.suffix in (".md", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            for noise in NOISE:
                assert noise not in text, f"{noise!r} in {path.relative_to(built.root)}"
    source = next(s for s in built.data()["sources"] if s["id"] == "new-article")
    assert [p["text"] for p in source["paragraphs"]] == [PESKOV, DATED, RELATIVE, COUNTER, POSITION]
    assert source["removed_count"] == 5  # title line, Share, timestamp, Related Articles and the story after it


def test_every_cited_paragraph_of_the_new_source_lists_its_items(built: Built) -> None:
    page = built.page("sources/new-article.md")
    data = built.data()
    for anchor in ("p1", "p2", "p3", "p4", "p5"):
        after = page.split(f'id="{anchor}">', 1)[1]
        cited_by = after.split("\n\n", 2)[1]
        assert cited_by.startswith("*Cited by:*"), anchor
        for kind in ("statements", "events", "key_points"):  # what the pages show: acts, events, key points
            for item in items_citing(data, kind, anchor):
                assert f"[{item['id']}](../briefing/" in cited_by, (anchor, item["id"])


# --- statements --------------------------------------------------------------------------


def test_statement_by_a_configured_actor_is_on_the_position_page(built: Built) -> None:
    item = block(built.page("briefing/position.md"), PESKOV, start="\n**Dmitry Peskov**")
    # "Peskov said … Moscow urged …": one act, named by its most specific speaker (Peskov speaks for Moscow).
    assert item.startswith(
        '\n**Dmitry Peskov** · *said* · 12 May 2025 · <span class="bp-weight">reported by 1 source</span>'
    )
    assert f"“{PESKOV}”" in item
    assert "(../sources/new-article.md#p1 " in item
    # Two speakers of one sentence are one report: the sentence is not listed again under the act.
    assert built.page("briefing/position.md").count(f"“{PESKOV}”") == 1


def test_statement_data(built: Built) -> None:
    data = built.data()
    (act,) = items_citing(data, "statements", "p1")
    # "… that Moscow urged …": Moscow (the state) is the subject of the second verb; both are reports of one act.
    assert {r["speaker"]: r["act"] for r in act["reports"]} == {"dmitry-peskov": "said", "russia": "urged"}
    assert (act["speaker"], act["act"], act["text"], act["date"]) == ("dmitry-peskov", "said", PESKOV, "2025-05-12")
    assert act["citations"] == [{"source": "new-article", "paragraph": "p1", "quote": PESKOV}]
    assert act["sources"] == 1
    actor = next(a for a in data["actors"] if a["id"] == "dmitry-peskov")
    assert act["reports"][0]["id"] in actor["statements"]


# --- events ------------------------------------------------------------------------------


def test_dated_event_is_on_the_timeline_under_its_date(built: Built) -> None:
    crisis = section(built.page("briefing/timeline.md"), "## The crisis")
    item = block(crisis, "Artillery exchanges", start='<span class="bp-date">**9 May 2025**</span>')
    assert item.startswith(
        '<span class="bp-date">**9 May 2025**</span> · '
        "Artillery exchanges along the border stopped for several hours · "
    )
    assert "(../sources/new-article.md#p2 " in item
    assert f"- “{DATED}” — [" in crisis  # the source's own words, one click away


def test_relative_date_is_resolved_against_the_published_date(built: Built) -> None:
    crisis = section(built.page("briefing/timeline.md"), "## The crisis")
    item = block(crisis, "Attari", start='<span class="bp-date">**11 May 2025**</span>')
    assert item.startswith(
        '<span class="bp-date">**11 May 2025**</span> · '
        "Officials from both countries met at the Attari border crossing · "
    )
    assert "(../sources/new-article.md#p3 " in item


def test_event_data(built: Built) -> None:
    data = built.data()
    (dated,) = items_citing(data, "events", "p2")
    assert (dated["date"], dated["date_precision"], dated["period"]) == ("2025-05-09", "day", "crisis")
    (relative,) = items_citing(data, "events", "p3")
    assert (relative["date"], relative["date_words"]) == ("2025-05-11", "11 May 2025")


# --- arguments ---------------------------------------------------------------------------


def test_counter_argument_is_on_the_counter_page_only(built: Built) -> None:
    item = block(built.page("briefing/counter-arguments.md"), COUNTER)
    assert "(../sources/new-article.md#p4 " in item
    assert COUNTER not in built.page("briefing/position.md")


def test_position_argument_is_a_key_point_on_the_position_page_only(built: Built) -> None:
    position_item = block(built.page("briefing/position.md"), POSITION)
    assert "(../sources/new-article.md#p5 " in position_item
    assert '<span class="bp-weight">1 source</span>' in position_item
    # Reasons are not printed twice: the counter page links to a reason, it does not repeat it.
    assert POSITION not in built.page("briefing/counter-arguments.md")


def test_argument_data(built: Built) -> None:
    data = built.data()
    assert [(a["side"], a["claim"], a["cues"]) for a in items_citing(data, "arguments", "p4")] == [
        ("counter", COUNTER, ["failure"])
    ]
    assert [(a["side"], a["claim"], a["cues"]) for a in items_citing(data, "arguments", "p5")] == [
        ("position", POSITION, ["rooted in"])
    ]
    # Neither the statement, nor the dated facts, are arguments.
    assert items_citing(data, "arguments", "p1") == []
    assert items_citing(data, "arguments", "p2") == []
    assert items_citing(data, "arguments", "p3") == []


# --- the data file and the other sources -------------------------------------------------


def test_every_citation_in_the_data_file_verifies(built: Built) -> None:
    data = built.data()
    paragraphs = {(s["id"], p["id"]): p["text"] for s in data["sources"] for p in s["paragraphs"]}
    citations = [
        c
        for kind in ("statements", "arguments", "events", "key_points")
        for item in data[kind]
        for c in item["citations"]
    ]
    citations += [c for actor in data["actors"] for c in actor["mentions"]]
    citations += [claim["citation"] for d in data["disagreements"] for claim in (*d["first"], *d["second"])]
    assert any(c["source"] == "new-article" for c in citations)
    for citation in citations:
        text = paragraphs[(citation["source"], citation["paragraph"])]
        assert quote_in(citation["quote"], text), citation


def test_existing_source_pages_keep_their_paragraph_anchors(built: Built) -> None:
    assert set(built.before) == {p.stem for p in (REPO / "seeds").glob("*.md")}
    for source_id, paragraphs in built.before.items():
        assert paragraphs, source_id
        assert paragraphs_of(built.page(f"sources/{source_id}.md")) == paragraphs, source_id


def test_summary_counts_the_new_source(built: Built) -> None:
    assert any(line.startswith("seeds/new-article.md: 5 paragraphs kept, 5 removed") for line in built.outcome.summary)
