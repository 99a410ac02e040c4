"""The quote matcher: typography is folded, nothing else is forgiven."""

from __future__ import annotations

import pytest

from briefing.cite import fold, item_citations, quote_in, verify, verify_briefing
from briefing.errors import CitationError
from briefing.model import (
    Article,
    Briefing,
    Citation,
    DateRef,
    Event,
    Paragraph,
    Source,
    SourceMeta,
    Statement,
)

PARAGRAPH = (
    "Russia’s Foreign Ministry urged “restraint” — and offered to help; "
    "the spokesperson said the two sides should talk."
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("‘single’ “double” ‚low‛ „low” ′prime″", "'single' \"double\" 'low' \"low\" 'prime\""),
        ("a‐b a‑b a‒b a–b a—b a―b a−b", "a-b a-b a-b a-b a-b a-b a-b"),
        ("`tick`", "'tick'"),
        ("  several \t spaces\nand\u00a0lines  ", "several spaces and lines"),
        ("…", "…"),  # the ellipsis is not typography to fold
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    "quote",
    [
        "Russia’s Foreign Ministry urged “restraint”",
        'Russia\'s Foreign Ministry urged "restraint"',
        'urged "restraint" - and offered',
        "urged  “restraint”\n—   and offered",
        "the spokesperson said the two sides should talk.",
    ],
)
def test_quote_found_with_typography_folded(quote: str) -> None:
    assert quote_in(quote, PARAGRAPH)


@pytest.mark.parametrize(
    "quote",
    [
        "Russia’s Foreign Ministry urged “calm”",  # a changed word
        "russia’s foreign ministry urged",  # case is not folded
        "urged “restraint” — and offered to help.",  # ';' is not '.'
        "Foreign Ministry urged restraint",  # quotation marks dropped
        "the spokesperson said the sides should talk",  # a word left out
        "urged “restraint” ... and offered",  # an ellipsis for the dash
        "",
        "   ",
    ],
)
def test_quote_not_found(quote: str) -> None:
    assert not quote_in(quote, PARAGRAPH)


def article(source_id: str, *texts: str) -> Article:
    source = Source(
        id=source_id, path=f"seeds/{source_id}.md", meta=SourceMeta(title=source_id), body="\n".join(texts), body_line=1
    )
    paragraphs = tuple(Paragraph(source_id, n, text, n) for n, text in enumerate(texts, start=1))
    return Article(source=source, paragraphs=paragraphs, removals=())


ARTICLES = {
    "harbour": article("harbour", "The board met.", PARAGRAPH),
    "other": article("other", "Nothing to see."),
}


def test_verify_holds() -> None:
    assert verify(Citation("harbour", "p2", 'urged "restraint"'), ARTICLES) is None


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        (Citation("nowhere", "p1", "x"), "cites unknown source 'nowhere'"),
        (Citation("harbour", "p3", "x"), "cites paragraph #p3, which source 'harbour' does not have"),
        (Citation("harbour", "p1", "urged"), 'quote "urged" is not found verbatim in harbour #p1'),
    ],
)
def test_verify_problems(citation: Citation, problem: str) -> None:
    assert verify(citation, ARTICLES) == problem


def statement(item_id: str, *citations: Citation) -> Statement:
    return Statement(
        id=item_id,
        speaker="russian-foreign-ministry",
        act="urged",
        text=citations[0].quote,
        quoted=(),
        theme=None,
        date=None,
        citations=citations,
    )


def event(item_id: str, *citations: Citation) -> Event:
    day = DateRef(value="2025-05-07", precision="day", qualifier=None, words="7 May 2025", sort_key="2025-05-07")
    return Event(id=item_id, date=day, title="The board met", title_curated=False, period=None, citations=citations)


def test_verify_briefing_passes_when_every_quote_is_in_its_paragraph() -> None:
    briefing = Briefing(
        articles=tuple(ARTICLES.values()),
        statements=(statement("S-aaaaaa", Citation("harbour", "p2", "Russia's Foreign Ministry urged")),),
        events=(event("E-bbbbbb", Citation("harbour", "p1", "The board met.")),),
    )
    verify_briefing(briefing)
    assert [item for item, _ in item_citations(briefing)] == ["S-aaaaaa", "E-bbbbbb"]


def test_verify_briefing_names_the_statement_and_source() -> None:
    briefing = Briefing(
        articles=tuple(ARTICLES.values()),
        statements=(
            statement(
                "S-aaaaaa", Citation("harbour", "p2", "urged “restraint”"), Citation("harbour", "p2", "urged calm")
            ),
        ),
    )
    with pytest.raises(CitationError) as caught:
        verify_briefing(briefing)
    assert str(caught.value) == (
        'seeds/harbour.md:2: item S-aaaaaa quote "urged calm" is not found verbatim in harbour #p2, the paragraph '
        "that starts on this line (a quote must be copied exactly from its paragraph; to publish without the item, "
        "add S-aaaaaa to curation.hide in topic.yml, and report the problem)"
    )


def test_verify_briefing_names_the_event_whose_quote_is_in_another_paragraph() -> None:
    briefing = Briefing(
        articles=tuple(ARTICLES.values()),
        statements=(statement("S-aaaaaa", Citation("harbour", "p2", "offered to help")),),
        events=(event("E-bbbbbb", Citation("harbour", "p2", "The board met.")),),
    )
    with pytest.raises(CitationError) as caught:
        verify_briefing(briefing)
    assert str(caught.value) == (
        'seeds/harbour.md:2: item E-bbbbbb quote "The board met." is not found verbatim in harbour #p2, the '
        "paragraph that starts on this line (a quote must be copied exactly from its paragraph; to publish without "
        "the item, add E-bbbbbb to curation.hide in topic.yml, and report the problem)"
    )


def test_verify_briefing_unknown_source_has_no_path() -> None:
    briefing = Briefing(
        articles=tuple(ARTICLES.values()), events=(event("E-cccccc", Citation("gone", "p1", "The board met.")),)
    )
    with pytest.raises(CitationError) as caught:
        verify_briefing(briefing)
    assert str(caught.value) == (
        "item E-cccccc cites unknown source 'gone' (a quote must be copied exactly from "
        "its paragraph; to publish without the item, add E-cccccc to curation.hide in "
        "topic.yml, and report the problem)"
    )
