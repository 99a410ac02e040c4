"""Citation markers (``Renderer.cite_link``) and the "Report a problem" address (``briefing.feedback``).

Article text reaches the citation's attribute list (data-quote, data-source, data-outlet): whatever it
contains, it must come back out of Markdown as exactly that text, inside one link, with nothing live."""

from __future__ import annotations

import dataclasses
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from pathlib import Path

import markdown
import pytest

from briefing import feedback
from briefing.model import Citation
from briefing.render import Renderer, cite_attr

REPO_ROOT = Path(__file__).resolve().parents[1]

HOSTILE = [
    'He said "no" and then “yes”',
    "<script>alert(1)</script> was in the quote",
    "a brace { and } another } and { #id .class } and {: .x }",
    'ends with a quote mark" } [link](javascript:alert(1)) *em* _u_ `code` \\ &amp; &#60; ==mark== |',
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html(markdown_text: str) -> _Tags:
    """Markdown rendered with the extensions mkdocs.yml enables, then parsed."""
    html = markdown.markdown(markdown_text, extensions=["attr_list", "md_in_html", "tables"])
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("text", HOSTILE)
def test_cite_attr_reads_back_as_the_same_text(text: str) -> None:
    parsed = _html(f'[label](page.md#p1){{ .bp-cite data-quote="{cite_attr(text)}" }}')
    assert [tag for tag, _ in parsed.tags] == ["p", "a"]
    assert parsed.tags[1][1]["data-quote"] == " ".join(text.split())
    assert "".join(parsed.text) == "label", "part of the value leaked out of the attribute list"


@pytest.mark.parametrize("text", HOSTILE)
def test_a_hostile_quote_and_title_stay_inert_in_the_citation(real_gathered, text: str) -> None:
    renderer = Renderer(real_gathered.topic, real_gathered.briefing)
    citation = next(iter(real_gathered.briefing.items())).citations[0]
    hostile = dataclasses.replace(citation, quote=text)
    renderer.titles[citation.source] = text
    parsed = _html(f"Source: {renderer.cite_link('briefing/position.md', hostile)} and more.")
    tags = [tag for tag, _ in parsed.tags]
    assert tags == ["p", "a"], f"markup leaked out of the citation: {tags}"
    link = parsed.tags[1][1]
    assert link["class"] == "bp-cite"
    assert link["data-quote"] == " ".join(text.split())
    assert link["data-source"] == " ".join(text.split())
    assert link["href"] == f"../sources/{citation.source}.md#{citation.paragraph}"
    assert link["data-paragraph"] == f"¶{citation.paragraph[1:]}"
    assert not any(name.startswith("on") for name in link)
    assert "".join(parsed.text).endswith(" and more."), parsed.text


def test_citation_carries_outlet_and_date_of_its_source(real_gathered) -> None:
    renderer = Renderer(real_gathered.topic, real_gathered.briefing)
    dated = next(a for a in real_gathered.briefing.articles if a.source.meta.published and a.source.meta.outlet)
    citation = Citation(dated.source.id, "p1", dated.paragraphs[0].text)
    link = _html(renderer.cite_link("index.md", citation)).tags[1][1]
    published = dated.source.meta.published
    assert link["data-outlet"] == dated.source.meta.outlet
    assert link["data-date"] == f"{published.day} {published.strftime('%B %Y')}"
    assert link["title"] == renderer.titles[dated.source.id]


# --- "Report a problem" ----------------------------------------------------------------------------

REPO = "https://github.com/example/briefing"


def _query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_issue_url_names_the_item_page_and_quotes() -> None:
    citations = [
        Citation("some-article", "p7", 'He said "stop" <b>now</b> & {later}'),
        Citation("other", "p2", "A second   quote."),
    ]
    url = feedback.issue_url("S-1f5381", "briefing/position.md", citations, repo_url=REPO + "/")
    assert url is not None and url.startswith(f"{REPO}/issues/new?")
    assert not any(ch in url for ch in ' "<>{}'), "the address must be fully percent-encoded"
    query = _query(url)
    assert query["template"] == "item-problem.md"
    assert query["title"] == "Problem with item S-1f5381"
    body = query["body"]
    assert body.startswith("Item: S-1f5381\nPage: ")
    assert "briefing/position/#s-1f5381 (docs/briefing/position.md)" in body
    assert '> “He said "stop" <b>now</b> & {later}” (sources/some-article, ¶7)' in body
    assert "> “A second quote.” (sources/other, ¶2)" in body
    assert "What is wrong" in body


def test_issue_url_cuts_a_very_long_quote() -> None:
    long_quote = "word " * 400
    body = _query(
        feedback.issue_url("E-1", "briefing/timeline.md", [Citation("a", "p1", long_quote)], repo_url=REPO) or ""
    )["body"]
    quoted = next(line for line in body.splitlines() if line.startswith("> "))
    assert len(quoted) < feedback.MAX_QUOTE_CHARS + 50 and "…" in quoted


def test_issue_url_is_none_without_a_repository() -> None:
    assert feedback.issue_url("S-1", "briefing/position.md", [], repo_url=None) is None
    assert feedback.issue_url("S-1", "briefing/position.md", [], repo_url="javascript:alert(1)") is None


def test_the_topic_names_its_repository_and_the_issue_template_exists(real_topic_site: tuple[str, str]) -> None:
    repo, _site = real_topic_site
    assert repo.startswith("https://") and not repo.endswith("/")
    template = REPO_ROOT / ".github" / "ISSUE_TEMPLATE" / feedback.ISSUE_TEMPLATE
    text = template.read_text(encoding="utf-8")
    assert text.startswith("---\nname: ") and "Item:" in text and "What is wrong" in text


def test_site_address_of_pages() -> None:
    base = "https://example.org/briefing"
    assert feedback.site_address("briefing/position.md", "s-1", base + "/") == f"{base}/briefing/position/#s-1"
    assert feedback.site_address("index.md", "e-2", base) == f"{base}/#e-2"
    assert feedback.site_address("index.md", "e-2") == "./#e-2"


@pytest.fixture
def real_topic_site() -> tuple[str, str]:
    from briefing.config import load_topic

    topic = load_topic(REPO_ROOT / "topic.yml", "topic.yml")
    return topic.site.repository or "", topic.site.url or ""
