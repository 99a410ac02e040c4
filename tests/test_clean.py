"""Clean stage: what is kept as the article and what is removed as noise, and why.

The five real seeds are checked against hand-written cases in
``tests/cases/clean/<source-id>.yml``: ``keep`` holds one distinctive snippet of
every paragraph of the article, in reading order, and ``drop`` holds text that
must not survive (it must not reach a paragraph, ``docs/`` or ``briefing.json``).
The passes themselves are checked on small inline texts.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ALPHA, REPO, TOPIC, Gathered, Scratch

from briefing.clean import clean_article
from briefing.config import load_topic
from briefing.model import Article, Source, SourceMeta
from briefing.publish import MANIFEST
from briefing.read import read_seed

CASES = Path(__file__).parent / "cases" / "clean"
CASE_IDS = sorted(p.stem for p in CASES.glob("*.yml"))


def load_case(source_id: str) -> dict[str, Any]:
    data = yaml.safe_load((CASES / f"{source_id}.yml").read_text(encoding="utf-8"))
    assert set(data) == {"source", "keep", "drop"}, f"{source_id}.yml: unexpected keys {sorted(data)}"
    assert data["source"] == source_id
    assert all(isinstance(s, str) and s for s in data["keep"] + data["drop"])
    return data


def seed_text(source_id: str) -> str:
    (path,) = [p for p in (REPO / "seeds").iterdir() if p.stem == source_id]
    return path.read_text(encoding="utf-8")


def test_every_real_seed_has_a_cleaning_case() -> None:
    seeds = sorted(p.stem for p in (REPO / "seeds").iterdir() if p.suffix in (".md", ".txt"))
    assert CASE_IDS == seeds


# --- the five real seeds -------------------------------------------------------------------


@pytest.mark.parametrize("source_id", CASE_IDS)
def test_every_article_paragraph_is_kept_in_order(real_gathered: Gathered, source_id: str) -> None:
    case = load_case(source_id)
    paragraphs = real_gathered.briefing.article(source_id).paragraphs
    texts = [p.text for p in paragraphs]
    assert len(texts) == len(case["keep"]), "\n".join(f"{p.anchor}: {p.text[:70]}" for p in paragraphs)
    for number, (snippet, text) in enumerate(zip(case["keep"], texts), start=1):
        assert snippet in text, f"p{number} should contain {snippet!r}, is {text[:100]!r}"


@pytest.mark.parametrize("source_id", CASE_IDS)
def test_keep_snippets_are_distinctive_and_from_the_seed(real_gathered: Gathered, source_id: str) -> None:
    """Validates the case file itself: each snippet is in the seed and in exactly one kept paragraph."""
    case = load_case(source_id)
    raw = seed_text(source_id)
    texts = [p.text for p in real_gathered.briefing.article(source_id).paragraphs]
    for snippet in case["keep"]:
        assert snippet in raw
        assert sum(snippet in text for text in texts) == 1, snippet


@pytest.mark.parametrize("source_id", CASE_IDS)
def test_noise_is_dropped_and_recorded(real_gathered: Gathered, source_id: str) -> None:
    case = load_case(source_id)
    raw = seed_text(source_id)
    article = real_gathered.briefing.article(source_id)
    for snippet in case["drop"]:
        assert snippet in raw, f"{snippet!r} is not in the seed, so the case proves nothing"
        leaks = [p.anchor for p in article.paragraphs if snippet in p.text]
        assert leaks == [], f"{snippet!r} survived cleaning in {leaks}"
        assert any(snippet in removal.text for removal in article.removals), (
            f"{snippet!r} is gone but no removal records it"
        )


def generated_text(scratch: Scratch) -> dict[str, str]:
    """What the build wrote into docs/: every file in its manifest, and the regions in hand-written pages."""
    manifest = json.loads(scratch.read(f"docs/{MANIFEST}"))["files"]
    texts = {path: scratch.read(f"docs/{path}") for path in manifest}
    for page in ("index.md", "about.md"):
        regions = re.findall(
            r"<!-- briefing:begin [a-z0-9-]+ sum=\w+ -->\n(.*?)<!-- briefing:end",
            scratch.read(f"docs/{page}"),
            flags=re.DOTALL,
        )
        assert regions, f"no generated region found in docs/{page}"
        texts[f"{page} (regions)"] = "".join(regions)
    return texts


@pytest.mark.parametrize("source_id", CASE_IDS)
def test_removed_text_never_reaches_docs_or_data(real_generated: Scratch, source_id: str) -> None:
    case = load_case(source_id)
    texts = generated_text(real_generated)
    assert f"sources/{source_id}.md" in texts
    data = json.loads(texts["data/briefing.json"])
    (entry,) = [s for s in data["sources"] if s["id"] == source_id]
    assert len(entry["paragraphs"]) == len(case["keep"])
    for snippet in case["drop"]:
        assert [path for path, text in texts.items() if snippet in text] == [], snippet
        assert not any(snippet in p["text"] for p in entry["paragraphs"])


def test_kept_paragraphs_reach_the_source_page_and_data(real_generated: Scratch) -> None:
    case = load_case("firstpost-russias-reaction")
    page = real_generated.read("docs/sources/firstpost-russias-reaction.md")
    data = json.loads(real_generated.read("docs/data/briefing.json"))
    (entry,) = [s for s in data["sources"] if s["id"] == "firstpost-russias-reaction"]
    assert [p["id"] for p in entry["paragraphs"]] == [f"p{n}" for n in range(1, 20)]
    for snippet, paragraph in zip(case["keep"], entry["paragraphs"]):
        assert snippet in paragraph["text"]
    # Plain snippets without characters that HTML escaping would change.
    assert "War or conflict is often viewed as the failure of diplomacy." in page
    assert "Pakistan is no longer in a position to dictate terms in Afghanistan." in page


def test_paragraph_kinds_in_real_seeds(real_gathered: Gathered) -> None:
    kinds = {a.source.id: [p.kind for p in a.paragraphs] for a in real_gathered.briefing.articles}
    assert kinds["orf-rely-on-russia"] == ["text"] * 10 + ["byline"]
    assert kinds["ht-decoding-russias-position"] == ["text"] * 9 + ["byline"]
    firstpost = kinds["firstpost-russias-reaction"]
    assert [i + 1 for i, k in enumerate(firstpost) if k == "heading"] == [4, 10]
    assert firstpost[-1] == "byline"
    kremlin = kinds["kremlin-influence-south-asia"]
    assert kremlin[2:7] == ["list-item"] * 5
    assert [i + 1 for i, k in enumerate(kremlin) if k == "heading"] == [2, 8, 11, 15]


def test_bullet_glyphs_are_not_part_of_the_text(real_gathered: Gathered) -> None:
    article = real_gathered.briefing.article("kremlin-influence-south-asia")
    assert article.paragraphs[2].text.startswith("The Kremlin has explicitly called for de-escalation")
    assert not any("•" in p.text for p in article.paragraphs)


def test_image_credit_cut_keeps_the_whole_sentence_before_it(real_gathered: Gathered) -> None:
    first = real_gathered.briefing.article("ht-decoding-russias-position").paragraphs[0]
    assert first.text.startswith("In today’s changing world of geopolitics")
    assert first.text.endswith("as a strategic acknowledgement of who stood by it during its own time of need.")


def test_title_line_is_removed_only_where_the_seed_repeats_it(real_gathered: Gathered) -> None:
    with_title_line = sorted(
        a.source.id for a in real_gathered.briefing.articles if any(r.rule == "title-line" for r in a.removals)
    )
    assert with_title_line == ["firstpost-russias-reaction", "kremlin-influence-south-asia", "orf-rely-on-russia"]


def test_real_removals_point_at_their_seed_lines(real_gathered: Gathered) -> None:
    for article in real_gathered.briefing.articles:
        lines = seed_text(article.source.id).split("\n")
        for removal in article.removals:
            assert removal.text.strip() in lines[removal.line - 1], (article.source.id, removal)
        for paragraph in article.paragraphs:
            assert paragraph.text in " ".join(lines[paragraph.line - 1].split()).replace("• ", ""), (
                article.source.id,
                paragraph.anchor,
            )


def test_everything_after_the_ai_promo_goes_with_one_reason(real_gathered: Gathered) -> None:
    article = real_gathered.briefing.article("orf-rely-on-russia")
    promo = [r for r in article.removals if r.rule == "ai-features-promo"]
    # Line 27 "Try Our AI Features" and every non-empty line after it, up to line 52.
    assert promo[0].line == 27 and promo[0].text == "Try Our AI Features"
    assert promo[-1].line == 52
    reasons = {r.reason for r in promo}
    assert len(reasons) == 1
    assert reasons.pop().endswith("(from the 'Try Our AI Features' marker on line 27)")


# --- the passes, on inline texts ------------------------------------------------------------


@pytest.fixture
def clean(tmp_path: Path):
    topic_path = tmp_path / "topic.yml"
    topic_path.write_text(TOPIC, encoding="utf-8")
    topic = load_topic(topic_path, "topic.yml")

    def run(text: str, name: str = "a.md", topic_text: str | None = None) -> Article:
        used = topic
        if topic_text is not None:
            topic_path.write_text(topic_text, encoding="utf-8")
            used = load_topic(topic_path, "topic.yml")
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        source = read_seed(path, path.stem, f"seeds/{name}", used.metadata, used.cleaning.outlets)
        return clean_article(source, used)

    return run


def kept(article: Article) -> list[tuple[str, str, int]]:
    return [(p.anchor, p.text, p.line) for p in article.paragraphs]


def removed(article: Article) -> list[tuple[int, str, str]]:
    return [(r.line, r.rule, r.text) for r in article.removals]


def test_scratch_seed_cleaning_with_line_numbers(clean) -> None:
    article = clean(ALPHA, "alpha.md")
    assert kept(article) == [
        ("p1", "The harbour board voted to widen the northern channel so that larger ships can dock.", 10),
        ("p2", "Fishermen welcomed the decision but asked for a quieter dredging season.", 12),
        ("p3", "Why the Channel Matters", 15),
        ("p4", "Ships now wait offshore for the tide, which raises costs for every importer.", 16),
        ("p5", "The writer is a harbour correspondent.", 17),
    ]
    assert [p.kind for p in article.paragraphs] == ["text", "text", "heading", "text", "byline"]
    assert removed(article) == [
        (9, "title-line", "The harbour board votes to widen the channel"),
        (11, "caption", "Dredgers at work in the northern channel at dawn"),
        (13, "share-buttons", "Facebook"),
        (14, "share-buttons", "Twitter"),
        (16, "image-credit", "Cranes at the quay(REUTERS)"),
        (18, "related-articles", "Related Articles"),
        (19, "related-articles", "Lighthouse keeper retires after forty years"),
    ]
    end = [r for r in article.removals if r.rule == "related-articles"]
    assert end[1].reason == (
        "unrelated stories the publisher appended after the article (from the 'Related Articles' marker on line 18)"
    )


def test_the_articles_date_line_is_removed_as_its_published_date(clean) -> None:
    plain = clean(
        "The regulator pauses the permit\nApril 23, 2025\n\nThe regulator paused the permit on Tuesday.\n", "p.txt"
    )
    assert plain.source.meta.published is not None and plain.source.meta.published.isoformat() == "2025-04-23"
    assert removed(plain) == [(1, "title-line", "The regulator pauses the permit"), (2, "date-line", "April 23, 2025")]
    assert [p.text for p in plain.paragraphs] == ["The regulator paused the permit on Tuesday."]
    # A date line that is not the article's date (an update, say) is the text's: it stays.
    other = clean("---\ntitle: T\npublished: 2025-04-22\n---\nUpdated: April 23, 2025\n\nThe board met.\n")
    assert [p.text for p in other.paragraphs] == ["Updated: April 23, 2025", "The board met."]


def test_a_note_on_the_articles_author_is_a_byline(clean) -> None:
    article = clean(
        "---\ntitle: T\nauthors: [Theo Grant]\n---\nBy Theo Grant, harbour correspondent\n\n"
        "The board voted to widen the channel.\n\n"
        "Theo Grant is a retired civil engineer and a member of the harbour commission.\n\n"
        "Anna Berg is a member of the harbour commission.\n"
    )
    assert [p.kind for p in article.paragraphs] == ["byline", "text", "byline", "text"]


def test_title_line_dropped_despite_typography_and_outlet_suffix(clean) -> None:
    article = clean("""\
        ---
        title: Russia’s harbour — a view
        ---
        Russia's harbour - a view – Harbour Gazette
        The first paragraph is here.
        """)
    assert removed(article) == [(4, "title-line", "Russia's harbour - a view – Harbour Gazette")]
    assert kept(article) == [("p1", "The first paragraph is here.", 5)]


def test_first_line_differing_from_the_title_is_kept(clean) -> None:
    article = clean("""\
        ---
        title: Harbour news
        ---
        Harbour news in brief: the quay reopens today.
        """)
    assert kept(article) == [("p1", "Harbour news in brief: the quay reopens today.", 4)]
    assert removed(article) == []


def test_dateline_header_is_stripped_and_the_rest_of_its_line_kept(clean) -> None:
    article = clean(" date 2025-06-24 The board met again. It decided nothing.\nSecond paragraph here.\n", "d.txt")
    assert removed(article) == [(1, "date-header", "date 2025-06-24")]
    assert kept(article) == [("p1", "The board met again. It decided nothing.", 1), ("p2", "Second paragraph here.", 2)]


def test_share_label_must_fill_the_whole_line(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        Share
        Share prices in the port company rose sharply.
        """)
    assert removed(article) == [(4, "share-buttons", "Share")]
    assert kept(article) == [("p1", "Share prices in the port company rose sharply.", 5)]


def test_outlet_name_standing_alone_is_removed(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        The quay reopened to traffic.
        - Harbour Gazette
        Harbour Gazette
        """)
    assert removed(article) == [(5, "outlet-name", "- Harbour Gazette"), (6, "outlet-name", "Harbour Gazette")]
    assert kept(article) == [("p1", "The quay reopened to traffic.", 4)]


def test_sentence_case_short_line_is_a_caption_but_title_case_is_a_heading(clean) -> None:
    text = """\
        ---
        title: T
        ---
        Container cranes standing idle at the quay
        New Rules for the Northern Quay
        The rules take effect next month.
        """
    article = clean(text)
    assert removed(article) == [(4, "caption", "Container cranes standing idle at the quay")]
    assert [(p.text, p.kind) for p in article.paragraphs] == [
        ("New Rules for the Northern Quay", "heading"),
        ("The rules take effect next month.", "text"),
    ]
    no_captions = TOPIC.replace("caption_max_words: 16", "caption_max_words: 0")
    assert "caption_max_words: 0" in no_captions
    article = clean(text, topic_text=no_captions)
    assert removed(article) == []
    assert next(p.text for p in article.paragraphs) == "Container cranes standing idle at the quay"


def test_hard_wrapped_lines_are_joined_into_one_paragraph(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        The board met in the old customs house
        and voted   to widen
        the channel.
        Then it adjourned.

        and a new paragraph after a blank line.
        """)
    assert kept(article) == [
        ("p1", "The board met in the old customs house and voted to widen the channel.", 4),
        ("p2", "Then it adjourned.", 7),
        ("p3", "and a new paragraph after a blank line.", 9),
    ]


def test_bullets_become_list_items_without_their_glyph(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        Key points:
          • The quay reopens to small boats first.
          • Larger ships follow after dredging.
        1. Numbered items keep their number.
        """)
    assert [(p.text, p.kind) for p in article.paragraphs] == [
        ("Key points:", "text"),
        ("The quay reopens to small boats first.", "list-item"),
        ("Larger ships follow after dredging.", "list-item"),
        ("1. Numbered items keep their number.", "list-item"),
    ]


def test_anchors_number_kept_paragraphs_in_reading_order(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        Facebook
        One.
        Twitter
        Two.
        3 minutes ago
        Three.
        """)
    assert kept(article) == [("p1", "One.", 5), ("p2", "Two.", 7), ("p3", "Three.", 9)]
    assert article.paragraph("p2") is article.paragraphs[1]
    assert article.paragraph("p4") is None


def test_end_marker_must_fill_the_whole_line(clean) -> None:
    article = clean("""\
        ---
        title: T
        ---
        Readers sent related articles about the quay to the editor.
        Related stories
        The lighthouse keeper retires.
        """)
    assert kept(article) == [("p1", "Readers sent related articles about the quay to the editor.", 4)]
    assert [r.line for r in article.removals] == [5, 6]


# Common news-site noise an unseen article may carry: the real topic.yml rules remove it, and keep
# ordinary sentences that merely start with the same words.
NEWS_SITE_NOISE = [
    "Advertisement",
    "Story continues below this ad",
    "Also Read: Five things to know about the ceasefire",
    "Follow us on Twitter and Instagram",
    "(With inputs from PTI)",
    "Reporting by Jane Doe; Editing by John Roe",
    "© 2025 Example Media. All rights reserved.",
    "Updated: May 12, 2025 10:35 IST",
    "Published on 12 May 2025",
]
LOOKALIKE_SENTENCES = [
    "Published reports suggest the talks were calm.",
    "Updated figures show the ceasefire held for a week.",
    "Copyright disputes are not the subject of this article.",
]


def test_common_news_site_noise_is_removed_and_lookalikes_kept() -> None:
    real_topic = load_topic(REPO / "topic.yml")
    body = "\n".join(["The talks began in Geneva on Monday.", *NEWS_SITE_NOISE, *LOOKALIKE_SENTENCES])
    article = clean_article(Source("x", "seeds/x.md", SourceMeta(), body, 1), real_topic)
    kept = [p.text for p in article.paragraphs]
    assert kept == ["The talks began in Geneva on Monday.", *LOOKALIKE_SENTENCES]
    assert sorted(r.text for r in article.removals) == sorted(NEWS_SITE_NOISE)


def test_agency_dateline_is_stripped_alone_or_before_the_text() -> None:
    real_topic = load_topic(REPO / "topic.yml")
    body = "MOSCOW, May 8 (Reuters) -\nNEW DELHI, May 9 (PTI) - India said it would respond.\nMOSCOW is far from Delhi (as maps show)."
    article = clean_article(Source("x", "seeds/x.md", SourceMeta(), body, 1), real_topic)
    assert [p.text for p in article.paragraphs] == [
        "India said it would respond.",
        "MOSCOW is far from Delhi (as maps show).",
    ]
    assert {r.rule for r in article.removals} == {"agency-dateline"}


# --- news-photo captions and credits (made up, in the shapes real pages leak) ------------------

CAPTION_TOPIC = TOPIC.replace(
    "outlets: [Harbour Gazette]", "outlets: [Harbour Gazette, Reuters, AFP, AP, PTI, Getty Images]"
)

PHOTO_CAPTIONS = [
    "Minister Jane Roe attends a meeting of the harbour board in Portville",
    "Harbour Minister Jane Roe shakes hands with the Otherland envoy at the quay, March 4, 2025",
    "Roe addresses the press outside the harbour office",
    "Dock workers are pictured at the northern quay on Monday",
    "(Reuters file)",
    "(AFP)",
    "(PTI Photo)",
    "(File photo)",
    "(Getty Images)",
    "(AP Photo/Jo Lens)",
    "(Photo: Reuters)",
    "Minister Roe at the quay (Reuters file)",
    "Jane Roe. (File photo)",
    "Minister Jane Roe speaks to reporters at the quay on Wednesday.",  # present tense, a past day
    "Minister Jane Roe speaks at a news conference in Vell on Aug. 22, 2025. (Jo Lens/The Harbour Press)",
    "Dock workers unload a ship at the quay (Jo Lens/The Harbour Press)",
]

NOT_CAPTIONS = [
    "Strategic interests in the harbour",  # a heading in sentence case
    "Why the Channel Matters",
    "The board meets every Tuesday",
    "Ships wait offshore for the tide",
    "What this means for importers",
    "The Harbour Trade Organisation (HTO)",
    "The board voted. It met again (twice)",
    "The minister said the vote was close.",
    "Jane Roe attends the meeting every week, and she said so on Monday.",
    "The board voted on Tuesday. (AFP)",
    "Jane Roe speaks for the harbour board.",  # present tense, but no day: a sentence of the story
    "Minister Jane Roe spoke to reporters at the quay on Wednesday.",
    "Talks on the border resumed (North/South)",
]


@pytest.mark.parametrize("caption", PHOTO_CAPTIONS)
def test_news_photo_captions_and_credits_are_removed(clean, caption: str) -> None:
    article = clean(
        f"---\ntitle: T\n---\nThe harbour board voted on Tuesday.\n{caption}\nFishermen agreed.\n",
        topic_text=CAPTION_TOPIC,
    )
    assert [p.text for p in article.paragraphs] == ["The harbour board voted on Tuesday.", "Fishermen agreed."]
    assert removed(article) == [(5, "photo-caption", caption)]


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_lines_shaped_like_captions_but_not_captions_are_kept(clean, line: str) -> None:
    """Not a photo caption (a short sentence-case line may still be alt text, by the older 'caption' rule)."""
    article = clean(f"---\ntitle: T\n---\nThe harbour board voted on Tuesday.\n{line}\n", topic_text=CAPTION_TOPIC)
    assert [r.rule for r in article.removals if r.rule.startswith("photo")] == []


@pytest.mark.parametrize(
    ("paragraph", "kept_text", "credit"),
    [
        (
            "The board voted on Tuesday. Cranes at the quay (Reuters)",
            "The board voted on Tuesday.",
            "Cranes at the quay (Reuters)",
        ),
        ("The board voted on Tuesday. (AFP)", "The board voted on Tuesday.", "(AFP)"),
        ("The board voted on Tuesday.(PTI Photo)", "The board voted on Tuesday.", "(PTI Photo)"),
    ],
)
def test_photo_credit_glued_to_a_paragraph_is_cut(clean, paragraph: str, kept_text: str, credit: str) -> None:
    without_fragments = (
        CAPTION_TOPIC[: CAPTION_TOPIC.index("  strip_fragments:")] + CAPTION_TOPIC[CAPTION_TOPIC.index("  outlets:") :]
    )
    article = clean(f"---\ntitle: T\n---\n{paragraph}\n", topic_text=without_fragments)
    assert [p.text for p in article.paragraphs] == [kept_text]
    assert removed(article) == [(4, "photo-credit", credit)]


def test_agency_names_come_from_the_topic(clean) -> None:
    """Without the agency in cleaning.outlets, "(Examplepress)" is just a parenthesis."""
    article = clean("---\ntitle: T\n---\nThe board voted.\n(Examplepress)\n", topic_text=CAPTION_TOPIC)
    assert [p.text for p in article.paragraphs] == ["The board voted.", "(Examplepress)"]
    article = clean(
        "---\ntitle: T\n---\nThe board voted.\n(Examplepress)\n",
        topic_text=CAPTION_TOPIC.replace("Getty Images]", "Getty Images, Examplepress]"),
    )
    assert [p.text for p in article.paragraphs] == ["The board voted."]
