"""Heads that read alone: markers dropped, pronouns resolved in brackets, context for what leans back."""

from __future__ import annotations

from extract_helpers import make_article

from briefing.model import Citation
from briefing.synthesis.heads import SentenceLocator, display_text, is_fragment, leans_back, make_head


def test_a_discourse_marker_is_left_out_and_the_next_letter_capitalised_in_brackets() -> None:
    assert display_text("However, the talks went on.") == "[T]he talks went on."
    assert display_text("Secondly, Northland offered to mediate.") == "Northland offered to mediate."


def test_an_opening_pronoun_becomes_the_bracketed_speaker() -> None:
    assert (
        display_text("She further said that talks must resume.", "Anna Berg")
        == "[Anna Berg] further said that talks must resume."
    )
    assert display_text("She further said that talks must resume.") == "She further said that talks must resume."


def test_what_leans_on_the_sentence_before() -> None:
    assert leans_back("But this concern is overstated.")
    assert leans_back("However, this approach failed.")
    assert leans_back("Without that, it is a closed shop with better accounting.")
    assert leans_back("Because of this, the talks stalled for a week.")
    assert not leans_back("Without a deal, the talks stall for a week.")
    assert not leans_back("Northland's caution is rooted in grain.")


def test_fragments_are_never_heads() -> None:
    assert is_fragment("The reasons behind it,")
    assert is_fragment("Too short.")
    assert not is_fragment("Northland offered to mediate the dispute.")


def test_context_is_the_sentence_before_in_the_paragraph_or_the_last_of_the_one_before() -> None:
    article = make_article("op", ["Grain is sold to both towns. This trade matters.", "But it is overstated."])
    locator = SentenceLocator([article])
    head = make_head(Citation("op", "p1", "This trade matters."), locator)
    assert head.context == Citation("op", "p1", "Grain is sold to both towns.")
    head = make_head(Citation("op", "p2", "But it is overstated."), locator)
    assert head.context == Citation("op", "p1", "This trade matters.")
    assert make_head(Citation("op", "p1", "Grain is sold to both towns."), locator).context is None


def test_a_long_head_is_cut_to_its_first_clause_and_stays_verbatim() -> None:
    article = make_article(
        "op",
        [
            "Two forces drive the harbour board's policy on the northern river crossing: first, "
            "the grain trade with both towns, and second, the ferry workers' union, whose strike "
            "last year closed the crossing for a month."
        ],
    )
    locator = SentenceLocator([article])
    head = make_head(Citation("op", "p1", article.paragraphs[0].text), locator, shorten=True)
    assert head.citation.quote == "Two forces drive the harbour board's policy on the northern river crossing"
    assert head.citation.quote in article.paragraphs[0].text
    assert head.display.endswith(" …")
    short = make_head(Citation("op", "p1", "The board voted: yes."), locator, shorten=True)
    assert short.citation.quote == "The board voted: yes."


def test_a_terse_head_comes_with_the_sentence_before() -> None:
    """ "Northland rejected the call." reads alone only with the call it rejected."""
    article = make_article(
        "op", ["The towns asked Northland for new talks on the dam.", "Northland rejected the call."]
    )
    locator = SentenceLocator([article])
    head = make_head(Citation("op", "p2", "Northland rejected the call."), locator)
    assert head.context == Citation("op", "p1", "The towns asked Northland for new talks on the dam.")
    long_enough = "Northland rejected the towns' call for new talks on the dam."
    article = make_article("op", ["The towns asked for talks.", long_enough])
    assert make_head(Citation("op", "p2", long_enough), SentenceLocator([article])).context is None
