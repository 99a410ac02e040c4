"""Saved web pages as seeds: text and metadata extracted by trafilatura, every paragraph traced to the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TOPIC, ProjectFactory

from briefing.clean import clean_article
from briefing.cite import quote_in
from briefing.config import Topic, load_topic
from briefing.errors import BriefingError
from briefing.html_page import _PageText, fold_for_page, page_kind, read_html_seed
from briefing.model import Source, SourceMeta

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>The harbour board votes to widen the channel | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="The harbour board votes to widen the channel">
<meta name="author" content="Ann Example">
<meta property="article:published_time" content="2025-03-04T10:00:00+00:00">
<link rel="canonical" href="https://example.org/harbour/channel">
<script>var teaser = "Subscribe now for more harbour news";</script>
<style>p { color: red }</style>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>The harbour board votes to widen the channel</h1>
<p>The harbour board voted on Tuesday to widen the northern channel so that larger
container ships can dock at the quay, ending a dispute that had lasted for two years.</p>
<p>Fishermen welcomed the decision &amp; the compensation fund, but asked the board for a
quieter <b>dredging</b> season &ldquo;so the fish are not driven away,&rdquo; as one of them put it.</p>
<h2>Why the channel matters</h2>
<p>Ships now wait offshore for the high tide, which raises costs for every importer in the region
and delays deliveries to the inland towns by a day or more each week.</p>
<ul>
<li>The work starts in the spring and takes two full seasons to finish.</li>
<li>The board pays for it from harbour dues rather than from new taxes.</li>
</ul>
</article>
</main>
<aside><h3>Most read</h3><ul><li><a href="/a">Lighthouse keeper retires</a></li><li><a href="/b">Ferry fares rise</a></li></ul></aside>
<footer><p>Copyright 2025 Harbour Gazette. All rights reserved.</p></footer>
</body>
</html>
"""


@pytest.fixture
def topic(tmp_path: Path) -> Topic:
    path = tmp_path / "topic.yml"
    path.write_text(TOPIC, encoding="utf-8")
    return load_topic(path, "topic.yml")


def page_line(fragment: str) -> int:
    """The 1-based line of PAGE on which ``fragment`` starts."""
    return PAGE[: PAGE.index(fragment)].count("\n") + 1


def test_metadata_comes_from_the_page() -> None:
    source = read_html_seed(PAGE.encode(), "page", "seeds/page.html")
    assert source.meta == SourceMeta(
        title="The harbour board votes to widen the channel",
        outlet="Harbour Gazette",
        authors=("Ann Example",),
        published=source.meta.published,
        url="https://example.org/harbour/channel",
    )
    assert str(source.meta.published) == "2025-03-04"
    assert source.format == "html"
    assert [source.body.split("\n")[i] for i in source.headings] == [
        "The harbour board votes to widen the channel",
        "Why the channel matters",
    ]


def test_boilerplate_goes_and_the_article_stays(topic: Topic) -> None:
    article = clean_article(read_html_seed(PAGE.encode(), "page", "seeds/page.html"), topic)
    texts = [p.text for p in article.paragraphs]
    assert texts == [
        (
            "The harbour board voted on Tuesday to widen the northern channel so that larger container ships can "
            "dock at the quay, ending a dispute that had lasted for two years."
        ),
        (
            "Fishermen welcomed the decision & the compensation fund, but asked the board for a quieter dredging "
            "season “so the fish are not driven away,” as one of them put it."
        ),
        "Why the channel matters",  # sentence case, yet a heading: the page says so
        (
            "Ships now wait offshore for the high tide, which raises costs for every importer in the region and "
            "delays deliveries to the inland towns by a day or more each week."
        ),
        "The work starts in the spring and takes two full seasons to finish.",
        "The board pays for it from harbour dues rather than from new taxes.",
    ]
    assert [p.kind for p in article.paragraphs] == ["text", "text", "heading", "text", "list-item", "list-item"]
    page = " ".join(texts)
    for noise in ("Home", "Most read", "Lighthouse keeper", "Copyright", "Subscribe now", "color: red"):
        assert noise not in page
    # the title line is removed by our own cleaning, and recorded
    assert [(r.rule, r.line) for r in article.removals] == [("title-line", page_line("<h1>"))]


def test_paragraph_lines_point_into_the_html_file(topic: Topic) -> None:
    article = clean_article(read_html_seed(PAGE.encode(), "page", "seeds/page.html"), topic)
    assert [p.line for p in article.paragraphs] == [
        page_line("<p>The harbour board voted"),
        page_line("<p>Fishermen"),
        page_line("<h2>"),
        page_line("<p>Ships now wait"),
        page_line("<li>The work starts"),
        page_line("<li>The board pays"),
    ]


def test_every_kept_paragraph_is_found_in_the_page_text(topic: Topic) -> None:
    article = clean_article(read_html_seed(PAGE.encode(), "page", "seeds/page.html"), topic)
    visible = fold_for_page(
        re.sub(r"<[^>]+>", "", PAGE.split("<body>")[1])
        .replace("&amp;", "&")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
    )
    for paragraph in article.paragraphs:
        assert fold_for_page(paragraph.text) in visible


def test_a_block_not_in_the_page_is_removed_and_recorded(topic: Topic) -> None:
    source = Source(
        id="p",
        path="seeds/p.html",
        meta=SourceMeta(),
        body="Found text here.\n\nMade up text.\n",
        body_line=1,
        format="html",
        line_map=(12, 0, 0),
    )
    article = clean_article(source, topic)
    assert [p.text for p in article.paragraphs] == ["Found text here."]
    assert [(r.rule, r.text) for r in article.removals] == [("not-in-page", "Made up text.")]


def test_locate_searches_on_from_the_previous_block() -> None:
    html = "<html><body>\n<p>Same words.</p>\n<p>Other words.</p>\n<p>Same words.</p>\n</body></html>"
    page = _PageText(html, "seeds/x.html")
    assert [page.locate("Same words."), page.locate("Other words."), page.locate("Same words.")] == [2, 3, 4]
    assert page.locate("Not there at all.") == 0


def test_extraction_is_deterministic() -> None:
    first = read_html_seed(PAGE.encode(), "page", "seeds/page.html")
    second = read_html_seed(PAGE.encode(), "page", "seeds/page.html")
    assert first == second


def test_declared_charset_is_used() -> None:
    latin = (
        PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
        .replace("two years", "two years at the café")
        .replace("&ldquo;", '"')
        .replace("&rdquo;", '"')
    )
    source = read_html_seed(latin.encode("iso-8859-1"), "page", "seeds/page.html")
    assert "at the café" in source.body


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "seeds/page.html: file is empty (add the saved page or delete the file)"),
        (b"  \n\t\n", "seeds/page.html: file is empty (add the saved page or delete the file)"),
        (
            b"<html>\n<body>\n<p>caf\xe9</p></body></html>",
            "seeds/page.html:3: not valid UTF-8, and the page declares no other charset (save the page as UTF-8)",
        ),
        (
            b'<meta charset="utf-8">\n<p>caf\xe9</p>',
            "seeds/page.html:2: not valid UTF-8, though the page declares UTF-8 (save the page as UTF-8)",
        ),
        (
            b'<meta charset="klingon">\n<p>caf\xe9</p>',
            "seeds/page.html: the page declares an unknown charset 'klingon' (save the page as UTF-8)",
        ),
        (
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            (
                "seeds/page.html: no article text found in the saved page "
                "(save the article's own page, or copy its text into a .txt seed)"
            ),
        ),
        (
            b"<!-- only a comment -->",
            (
                "seeds/page.html: no article text found in the saved page "
                "(save the article's own page, or copy its text into a .txt seed)"
            ),
        ),
    ],
)
def test_unreadable_pages(raw: bytes, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        read_html_seed(raw, "page", "seeds/page.html")
    assert str(caught.value) == message


def test_saved_page_end_to_end(project: ProjectFactory) -> None:
    scratch = project(seeds={"page.html": PAGE})
    outcome = scratch.generate()
    (article,) = outcome.briefing.articles
    assert article.source.meta.outlet == "Harbour Gazette"
    page = scratch.read("docs/sources/page.md")
    assert "a saved web page: the text and details above were extracted from its HTML by trafilatura" in page
    assert "Fishermen welcomed the decision &amp; the compensation fund" in page
    assert "Most read" not in page
    for paragraph in article.paragraphs:
        assert quote_in(paragraph.text[:40], paragraph.text)


def test_htm_suffix_and_upper_case_are_read(project: ProjectFactory) -> None:
    scratch = project(seeds={"page.HTM": PAGE})
    (article,) = scratch.generate().briefing.articles
    assert article.source.path == "seeds/page.HTM" and article.source.format == "html"


def test_line_breaks_inside_a_block_start_new_paragraphs(topic: Topic) -> None:
    lines = [f"The harbour board met for the {n}th time and voted on the channel plan again." for n in range(1, 40)]
    html = "<html><body><article><div>\n" + "<br>\n".join(lines) + "\n</div></article></body></html>"
    article = clean_article(read_html_seed(html.encode(), "page", "seeds/page.html"), topic)
    assert [p.text for p in article.paragraphs] == lines
    assert [p.line for p in article.paragraphs] == list(range(2, 41))


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ('<script type="application/ld+json">{"@type": "OpinionNewsArticle", "headline": "H"}</script>', "opinion"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": ["NewsArticle", "AnalysisNewsArticle"]}]}</script>',
            "analysis",
        ),
        ('<meta property="article:section" content="Opinion">', "opinion"),
        ('<meta property="article:section" content="World">', None),
        ('<script type="application/ld+json">{"@type": {"odd": 1}} not json</script>', None),
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', "news"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
            '<meta property="article:section" content="Opinion">',
            "opinion",
        ),
        ('<script type="application/ld+json">{"@type": "WebPage"}</script>', None),
    ],
)
def test_the_kind_a_page_declares(head: str, kind: str | None) -> None:
    assert page_kind(f"<html><head>{head}</head><body></body></html>") == kind


def test_a_saved_opinion_page_is_read_as_opinion() -> None:
    declared = PAGE.replace(
        "<style>", '<script type="application/ld+json">{"@type": "OpinionNewsArticle"}</script>\n<style>'
    )
    assert read_html_seed(declared.encode(), "p", "seeds/p.html").meta.kind == "opinion"
    assert read_html_seed(PAGE.encode(), "p", "seeds/p.html").meta.kind is None
