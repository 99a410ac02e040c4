"""Reading budget: only what a reader sees on arrival counts."""

from __future__ import annotations

from briefing.reading import visible_words


def test_collapsed_details_front_matter_comments_and_link_targets_are_not_counted() -> None:
    page = (
        "---\ntitle: Example page\n---\n<!-- a comment with words -->\n"
        '# Two words\n\nOne [two](../sources/x.md#p1 "a long title here") three.\n'
        "{ #k-123 .bp-item }\n\n"
        '<details class="bp-more" markdown>\n<summary>Hidden summary</summary>\n\nmany hidden words here\n</details>\n'
    )
    assert visible_words(page) == 5  # "Two words" and "One two three"


def test_a_words_hyphens_and_apostrophes_keep_it_one_word() -> None:
    assert visible_words("Russia’s well-known stance") == 3
