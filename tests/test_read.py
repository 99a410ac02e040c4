"""Read stage: seed files -> Source (front matter, or metadata inferred from a plain .txt).

The .txt inference is checked with the real topic.yml's ``metadata`` rules on
short excerpts copied by hand from the five articles (the original .txt files
are not read: the project must not depend on anything outside it). Error
messages for bad seeds are asserted through the command line in test_cli.py.
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, TOPIC

from briefing.config import Topic, load_topic
from briefing.errors import BriefingError
from briefing.model import SourceMeta
from briefing.read import (
    MAX_SEED_BYTES,
    byline_authors,
    date_line,
    infer_meta,
    is_byline,
    read_seed,
    read_seeds,
    seed_files,
    source_id,
    split_title_outlet,
)


@pytest.fixture(scope="module")
def real_topic() -> Topic:
    return load_topic(REPO / "topic.yml", "topic.yml")


@pytest.fixture
def scratch_topic(tmp_path: Path) -> Topic:
    path = tmp_path / "topic.yml"
    path.write_text(TOPIC, encoding="utf-8")
    return load_topic(path, "topic.yml")


# --- .txt inference with the real metadata rules --------------------------------------------

FIRSTPOST_TXT = """\
What Russia’s reaction to Op Sindoor tells India – Firstpost
War or conflict is often viewed as the failure of diplomacy. Yet, even during a war, diplomacy remains essential to statecraft.
Amitabh Singh teaches at the Centre for Russian and Central Asian Studies, School of International Studies, Jawaharlal Nehru University. Ankur is a doctoral candidate at the Centre for Russian and Central Asian Studies, School of International Studies, Jawaharlal Nehru University. The views expressed in the above piece are personal and solely those of the authors. They do not necessarily reflect Firstpost’s views.
Post Comment
"""

HT_TXT = """\
 date 2025-06-24 In today’s changing world of geopolitics, alliances can shift, but not all partnerships are equal or should be treated the same. Op Sindoor(REUTERS)

The question arises: What does Russia gain by trying to equate India and Pakistan in moments of crisis?

This article is authored by Pravesh Kumar Gupta, associate fellow (Eurasia), Vivekananda International Foundation, New Delhi.
"""

ORF_TXT = """\
Can India rely on Russia to diplomatically isolate Pakistan? It seems unlikely
At first glance, it looks as though Moscow ticked all the right boxes in its response.
The writer is a Fellow with the Strategic Studies Programme at Observer Research Foundation
Hashtags
"""

KREMLIN_TXT = """\
Exploring the Kremlin’s Influence in South Asian Diplomacy

Illuminated bridge and Kremlin complex across river at twilight

Russia steps into the India-Pakistan conflict after the Kashmir attack kills 26 civilians, urging de-escalation as both nuclear powers teeter on the brink of military confrontation.
"""

NEUTRAL_TXT = """\
India launched Operation Sindoor, a military operation in Pakistan and Azad Kashmir in response to a deadly terror attack in Pahalgam, Jammu and Kashmir, on April 22, 2025, which killed 26 people.
Facebook
"""


def test_title_line_with_outlet_suffix(real_topic: Topic) -> None:
    meta, inferred = infer_meta(FIRSTPOST_TXT, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta == SourceMeta(
        title="What Russia’s reaction to Op Sindoor tells India",
        outlet="Firstpost",
        authors=("Amitabh Singh", "Ankur"),
    )
    assert inferred == ("title", "outlet", "authors")


def test_date_header_gives_the_date_and_is_not_a_title(real_topic: Topic) -> None:
    meta, inferred = infer_meta(HT_TXT, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta == SourceMeta(title=None, outlet=None, authors=("Pravesh Kumar Gupta",), published=date(2025, 6, 24))
    assert inferred == ("published", "authors")


def test_writer_is_byline_names_nobody(real_topic: Topic) -> None:
    meta, inferred = infer_meta(ORF_TXT, real_topic.metadata, real_topic.cleaning.outlets)
    # The question mark is inside the title, not at its end: still a title line; no outlet suffix.
    assert meta == SourceMeta(title="Can India rely on Russia to diplomatically isolate Pakistan? It seems unlikely")
    assert inferred == ("title",)
    byline = "The writer is a Fellow with the Strategic Studies Programme at Observer Research Foundation"
    assert is_byline(byline, real_topic.metadata)
    assert byline_authors(byline, real_topic.metadata) == []


def test_title_without_outlet(real_topic: Topic) -> None:
    meta, inferred = infer_meta(KREMLIN_TXT, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta == SourceMeta(title="Exploring the Kremlin’s Influence in South Asian Diplomacy")
    assert inferred == ("title",)


def test_first_line_that_is_a_sentence_is_not_a_title(real_topic: Topic) -> None:
    meta, inferred = infer_meta(NEUTRAL_TXT, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta == SourceMeta()
    assert inferred == ()


@pytest.mark.parametrize(
    ("paragraph", "authors"),
    [
        (
            (
                "This article is authored by Pravesh Kumar Gupta, associate fellow (Eurasia), Vivekananda "
                "International Foundation, New Delhi."
            ),
            ["Pravesh Kumar Gupta"],
        ),
        (
            (
                "Amitabh Singh teaches at the Centre for Russian and Central Asian Studies, School of International "
                "Studies, Jawaharlal Nehru University. Ankur is a doctoral candidate at the Centre for Russian and "
                "Central Asian Studies."
            ),
            ["Amitabh Singh", "Ankur"],
        ),
        ("The writer is a Fellow with the Strategic Studies Programme at Observer Research Foundation", []),
        ("The views expressed in the above piece are personal and solely those of the authors.", []),
    ],
)
def test_bylines(real_topic: Topic, paragraph: str, authors: list[str]) -> None:
    assert is_byline(paragraph, real_topic.metadata)
    assert byline_authors(paragraph, real_topic.metadata) == authors


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russian President Vladimir Putin quickly condemned the terrorist attack as a 'brutal crime'.",
        "Kremlin spokesman Dmitry Peskov expressed serious concern about the deteriorating situation.",
        "The Russian response to Operation Sindoor was well-calibrated, formal, and essentially neutral.",
        "That said, the writer is a realist about Russia.",
    ],
)
def test_article_sentences_are_not_bylines(real_topic: Topic, paragraph: str) -> None:
    assert not is_byline(paragraph, real_topic.metadata)
    assert byline_authors(paragraph, real_topic.metadata) == []


def test_impossible_date_in_the_header_is_ignored(real_topic: Topic) -> None:
    meta, inferred = infer_meta("date 2025-13-45 The board met.\n", real_topic.metadata)
    assert meta.published is None and meta.title is None
    assert inferred == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("April 23, 2025", date(2025, 4, 23)),
        ("23 April 2025", date(2025, 4, 23)),
        ("2025-04-23", date(2025, 4, 23)),
        ("Aug. 22, 2025", date(2025, 8, 22)),
        ("Published: July 16, 2025 at 7:45 p.m. ET", date(2025, 7, 16)),
        ("Updated on 16 Jul 2025, 10:32 IST", date(2025, 7, 16)),
        ("April 31, 2025", None),  # no such day
        ("On April 23, 2025 the council met.", None),  # a sentence, not a date line
        ("April 2025", None),
        ("", None),
    ],
)
def test_date_line(line: str, expected: date | None) -> None:
    assert date_line(line) == expected


def test_a_plain_text_gives_its_date_and_outlet_lines(real_topic: Topic) -> None:
    """The opening lines of a copied article: title, outlet, date, byline; the story below."""
    text = (
        "Regulator pauses the water permit\nReuters\nApril 23, 2025\nBy Nadia Frost\n\nThe state regulator paused it.\n"
    )
    meta, inferred = infer_meta(text, real_topic.metadata, real_topic.cleaning.outlets)
    assert (meta.title, meta.outlet, meta.published, meta.authors) == (
        "Regulator pauses the water permit",
        "Reuters",
        date(2025, 4, 23),
        ("Nadia Frost",),
    )
    assert inferred == ("title", "outlet", "published", "authors")


def test_a_date_line_below_the_opening_lines_is_not_the_articles(real_topic: Topic) -> None:
    text = "A title\n" + "".join(f"Paragraph {n} of the story.\n" for n in range(8)) + "April 23, 2025\n"
    meta, _inferred = infer_meta(text, real_topic.metadata)
    assert meta.published is None


def test_a_date_header_may_capture_a_written_date(tmp_path: Path) -> None:
    topic_path = tmp_path / "topic.yml"
    iso_header = "date_header: '^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})\\b\\s*'"
    assert iso_header in TOPIC
    written_header = "date_header: '^Filed (\\w+ \\d{1,2}, \\d{4})'"
    topic_path.write_text(TOPIC.replace(iso_header, written_header), encoding="utf-8")
    rules = load_topic(topic_path, "topic.yml").metadata
    meta, _inferred = infer_meta("Filed March 6, 2025\n\nThe story.\n", rules)
    assert meta.published == date(2025, 3, 6)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "What Russia’s reaction to Op Sindoor tells India – Firstpost",
            ("What Russia’s reaction to Op Sindoor tells India", "Firstpost"),
        ),
        ("Harbour news — Hindustan Times", ("Harbour news", "Hindustan Times")),
        ("Harbour news | Daily Planet", ("Harbour news", "Daily Planet")),  # short capitalised tail
        ("Russia and India - a difficult friendship", ("Russia and India - a difficult friendship", None)),
        (
            "India - Russia - Pakistan - Four Words Tail Here",
            ("India - Russia - Pakistan - Four Words Tail Here", None),
        ),
        ("No separator here", ("No separator here", None)),
    ],
)
def test_split_title_outlet(line: str, expected: tuple[str, str | None]) -> None:
    assert split_title_outlet(line, ("Firstpost", "Hindustan Times")) == expected


def test_txt_seed_read_through_the_folder(tmp_path: Path, real_topic: Topic) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "001 Firstpost_Piece.txt").write_text(FIRSTPOST_TXT, encoding="utf-8")
    (source,) = read_seeds(seeds, real_topic, tmp_path)
    assert source.id == "001-firstpost-piece"
    assert source.path == "seeds/001 Firstpost_Piece.txt"
    assert source.meta.title == "What Russia’s reaction to Op Sindoor tells India"
    assert source.inferred == ("title", "outlet", "authors")
    assert source.body == FIRSTPOST_TXT and source.body_line == 1


# --- front matter ----------------------------------------------------------------------------


def read(tmp_path: Path, text: str | bytes, topic: Topic, name: str = "a.md"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return read_seed(path, source_id(path), f"seeds/{name}", topic.metadata, topic.cleaning.outlets)


def test_front_matter_fields(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(
        tmp_path,
        """\
        ---
        title: The harbour board votes
        outlet: Harbour Gazette
        authors: [Ann Example, Bo Sample]
        published: 2025-03-04
        url: https://example.org/a
        kind: news
        ---
        The harbour board voted.
        """,
        scratch_topic,
    )
    assert source.meta == SourceMeta(
        title="The harbour board votes",
        outlet="Harbour Gazette",
        authors=("Ann Example", "Bo Sample"),
        published=date(2025, 3, 4),
        url="https://example.org/a",
        kind="news",
    )
    assert source.body == "The harbour board voted.\n"
    assert source.body_line == 9
    assert source.inferred == ()


def test_empty_fields_mean_not_stated(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(
        tmp_path,
        """\
        ---
        title:
        outlet: ""
        authors: []
        published:
        url:
        kind:
        ---
        Text.
        """,
        scratch_topic,
    )
    assert source.meta == SourceMeta()


def test_front_matter_is_not_inferred_from_text(tmp_path: Path, real_topic: Topic) -> None:
    """With front matter, a title-like first line and a byline in the text do not fill empty fields."""
    source = read(tmp_path, "---\nkind: opinion\n---\n" + FIRSTPOST_TXT, real_topic)
    assert source.meta == SourceMeta(kind="opinion")
    assert source.inferred == ()


def test_single_author_string_and_datetime(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(
        tmp_path,
        """\
        ---
        authors: Ann Example
        published: 2025-03-04 10:30:00
        ---
        Text.
        """,
        scratch_topic,
    )
    assert source.meta.authors == ("Ann Example",)
    assert source.meta.published == date(2025, 3, 4)


def test_quoted_iso_date_and_dots_closing_front_matter(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(tmp_path, '---\npublished: "2025-03-04"\n...\nText.\n', scratch_topic)
    assert source.meta.published == date(2025, 3, 4)
    assert source.body == "Text.\n" and source.body_line == 4


def test_bom_and_crlf(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(tmp_path, b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nOne.\r\nTwo.\r\n", scratch_topic)
    assert source.meta.title == "T"
    assert source.body == "One.\nTwo.\n"
    assert source.body_line == 4


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("authors: [Ann, 3]", "seeds/a.md:2: authors: expected a list of names"),
        ("authors: {name: Ann}", "seeds/a.md:2: authors: expected a list of names"),
        ("title: [a, b]", "seeds/a.md:2: title: expected text"),
        ("outlet: yes", "seeds/a.md:2: outlet: expected text"),
        (
            "published: 2025-13-01",
            "seeds/a.md:2: published: '2025-13-01' is not a date (write it as YYYY-MM-DD or May 7, 2025, or leave it empty)",
        ),
        (
            "published: 2025",
            "seeds/a.md:2: published: '2025' is not a date (write it as YYYY-MM-DD or May 7, 2025, or leave it empty)",
        ),
        (
            "kind: News",
            (
                "seeds/a.md:2: kind: expected one of news, analysis, opinion, explainer, got 'News' "
                "(did you mean 'news'?)"
            ),
        ),
        ("kind: essay", "seeds/a.md:2: kind: expected one of news, analysis, opinion, explainer, got 'essay'"),
        ("title: A\ntitle: B", "seeds/a.md:3: title: key given twice (keep one of them)"),
        ("Title: A", "seeds/a.md:2: unknown front-matter key 'Title' (did you mean 'title'?)"),
        ("pubdate: 2025-01-01", "seeds/a.md:2: unknown front-matter key 'pubdate' (did you mean 'published'?)"),
        (
            "tags: [x]",
            (
                "seeds/a.md:2: unknown front-matter key 'tags' "
                "(allowed keys: title, outlet, authors, published, url, kind)"
            ),
        ),
    ],
)
def test_front_matter_value_errors(tmp_path: Path, scratch_topic: Topic, front: str, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, f"---\n{front}\n---\nText.\n", scratch_topic)
    assert str(caught.value) == message


def test_no_text_after_front_matter(tmp_path: Path, scratch_topic: Topic) -> None:
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, "---\ntitle: T\n---\n\n  \n", scratch_topic)
    assert str(caught.value) == "seeds/a.md:4: no article text after the front matter"


def test_whitespace_only_file_is_empty(tmp_path: Path, scratch_topic: Topic) -> None:
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, " \n\n\t\n", scratch_topic, "blank.txt")
    assert str(caught.value) == "seeds/blank.txt: file is empty (add the article text or delete the file)"


def test_size_limit_is_inclusive(tmp_path: Path, scratch_topic: Topic) -> None:
    text = ("word " * (MAX_SEED_BYTES // 5)).encode()
    assert len(text) == MAX_SEED_BYTES
    assert read(tmp_path, text, scratch_topic, "big.txt").body.startswith("word word")


# --- the seeds folder -------------------------------------------------------------------------


def test_seed_files_sorted_and_filtered(tmp_path: Path) -> None:
    for name in ("b.md", "a.TXT", "_draft.md", ".hidden.md", "notes.rst", "c.markdown"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert [p.name for p in seed_files(tmp_path)] == ["a.TXT", "b.md"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("orf-rely-on-russia.md", "orf-rely-on-russia"),
        ("003_c44456851f72b831.txt", "003-c44456851f72b831"),
        ("Some Article (Draft).md", "some-article-draft"),
        ("--a__b--.md", "a-b"),
        ("Über.md", "ber"),
    ],
)
def test_source_id(name: str, expected: str) -> None:
    assert source_id(Path(name)) == expected


def test_file_name_without_letters_or_digits(tmp_path: Path, scratch_topic: Topic) -> None:
    (tmp_path / "---.md").write_text("Text.\n", encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        read_seeds(tmp_path, scratch_topic, tmp_path.parent)
    assert (
        str(caught.value) == f"{tmp_path.name}/---.md: file name gives an empty id (rename it with letters or digits)"
    )


@pytest.mark.parametrize("name", ['evil"><img src=x onerror=alert(1)>.md', "a`b.md", "a<b>.txt"])
def test_file_name_with_markup_is_refused(tmp_path: Path, scratch_topic: Topic, name: str) -> None:
    (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        read_seeds(tmp_path, scratch_topic, tmp_path.parent)
    assert "file name may use only letters, digits, spaces, '.', '_' and '-'" in str(caught.value)
    assert str(caught.value).startswith(f"{tmp_path.name}/{name}: ")


def test_file_name_with_spaces_and_dots_is_fine(tmp_path: Path, scratch_topic: Topic) -> None:
    (tmp_path / "Op Sindoor v2.1_final.md").write_text("Text of the article.\n", encoding="utf-8")
    (source,) = read_seeds(tmp_path, scratch_topic, tmp_path.parent)
    assert source.id == "op-sindoor-v2-1-final"


def test_by_line_names_the_authors(real_topic: Topic) -> None:
    text = "A headline without a full stop\nBy Jane Doe and Rahul Mehta\nThe talks began on Monday.\n"
    meta, inferred = infer_meta(text, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta.authors == ("Jane Doe", "Rahul Mehta")
    assert "authors" in inferred


def test_sentence_starting_with_by_is_not_a_byline(real_topic: Topic) -> None:
    text = "A headline\nBy supplying arms to both sides, the country kept its options open.\n"
    meta, _inferred = infer_meta(text, real_topic.metadata, real_topic.cleaning.outlets)
    assert meta.authors == ()


# --- plain text with header lines ------------------------------------------------------------

HEADER_TXT = """\
url: https://example.org/harbour/vote
Title: The harbour board votes
outlet: Harbour Gazette
date: 2025-03-04
author: Ann Example, Bo Sample and Cy Third
kind: news

The harbour board voted to widen the channel.
Fishermen welcomed the decision.
"""


def test_header_lines_give_the_metadata_and_stay_out_of_the_text(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(tmp_path, HEADER_TXT, scratch_topic, "h.txt")
    assert source.meta == SourceMeta(
        title="The harbour board votes",
        outlet="Harbour Gazette",
        authors=("Ann Example", "Bo Sample", "Cy Third"),
        published=date(2025, 3, 4),
        url="https://example.org/harbour/vote",
        kind="news",
    )
    assert source.body == "The harbour board voted to widen the channel.\nFishermen welcomed the decision.\n"
    assert source.body_line == 8
    assert source.format == "header-lines" and source.inferred == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-04", date(2025, 3, 4)),
        ("2025-03-04T10:30:00Z", date(2025, 3, 4)),
        ("4 March 2025", date(2025, 3, 4)),
        ("March 4, 2025", date(2025, 3, 4)),
        ("Mar 4, 2025", date(2025, 3, 4)),
    ],
)
def test_header_date_forms(tmp_path: Path, scratch_topic: Topic, value: str, expected: date) -> None:
    source = read(tmp_path, f"date: {value}\n\nText.\n", scratch_topic, "h.txt")
    assert source.meta.published == expected


def test_header_lines_with_empty_values_and_published_key(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(tmp_path, "title:\npublished: 2025-03-04\nauthors:\n\nText.\n", scratch_topic, "h.txt")
    assert source.meta == SourceMeta(published=date(2025, 3, 4))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "url: https://example.org/a\ndate: 2025-02-30",
            "seeds/h.txt:2: date: '2025-02-30' is not a date (write it as YYYY-MM-DD, or leave the line out)",
        ),
        (
            "date: yesterday",
            "seeds/h.txt:1: date: 'yesterday' is not a date (write it as YYYY-MM-DD, or leave the line out)",
        ),
        ("title: T\nautor: Ann", "seeds/h.txt:2: unknown header key 'autor' (did you mean 'author'?)"),
        (
            "title: T\nsection: World",
            (
                "seeds/h.txt:2: unknown header key 'section' "
                "(allowed keys: url, title, outlet, date, published, author, authors, kind)"
            ),
        ),
        ("title: A\ntitle: B", "seeds/h.txt:2: title: given twice (also on line 1) (keep one of them)"),
        (
            "date: 2025-03-04\npublished: 2025-03-05",
            "seeds/h.txt:2: published: given twice (also on line 1) (keep one of them)",
        ),
        ("kind: essay", "seeds/h.txt:1: kind: expected one of news, analysis, opinion, explainer, got 'essay'"),
        (
            "kind: News",
            (
                "seeds/h.txt:1: kind: expected one of news, analysis, opinion, explainer, got 'News' "
                "(did you mean 'news'?)"
            ),
        ),
        (
            "title: T\nThe text starts without a blank line.",
            (
                "seeds/h.txt:2: header lines must be 'key: value', ended by a blank line "
                "(put a blank line between the header lines and the article text)"
            ),
        ),
    ],
)
def test_header_line_errors(tmp_path: Path, scratch_topic: Topic, header: str, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, f"{header}\n\nText.\n", scratch_topic, "h.txt")
    assert str(caught.value) == message


def test_header_lines_without_text(tmp_path: Path, scratch_topic: Topic) -> None:
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, "title: T\nurl: https://example.org/a", scratch_topic, "h.txt")
    assert str(caught.value) == (
        "seeds/h.txt:2: header lines with no article text after them "
        "(put a blank line, then the article text, after the header lines)"
    )
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, "title: T\n\n \n", scratch_topic, "h.txt")
    assert str(caught.value) == "seeds/h.txt:3: no article text after the header lines"
    with pytest.raises(BriefingError) as caught:
        read(tmp_path, "title: T\nurl: https://example.org/a\n", scratch_topic, "h.txt")
    assert str(caught.value) == "seeds/h.txt:3: no article text after the header lines"


def test_a_first_line_with_a_colon_that_is_no_header_key_is_text(tmp_path: Path, scratch_topic: Topic) -> None:
    source = read(tmp_path, "Moscow: Russia called for calm.\nThe board met.\n", scratch_topic, "p.txt")
    assert source.format == "plain-text"
    assert source.body.startswith("Moscow: Russia")


def test_header_line_seed_end_to_end(project) -> None:  # type: ignore[no-untyped-def]
    scratch = project(seeds={"h.txt": HEADER_TXT})
    outcome = scratch.generate()
    (article,) = outcome.briefing.articles
    assert article.source.meta.title == "The harbour board votes"
    assert [p.text for p in article.paragraphs] == [
        "The harbour board voted to widen the channel.",
        "Fishermen welcomed the decision.",
    ]
    assert [p.line for p in article.paragraphs] == [8, 9]
    page = scratch.read("docs/sources/h.md")
    assert "url:" not in page and "Harbour Gazette" in page


def test_front_matter_takes_the_written_date_forms_header_lines_take(tmp_path: Path, scratch_topic: Topic) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\npublished: February 20, 2025\n---\nText.\n", encoding="utf-8")
    source = read_seed(path, "a", "seeds/a.md", scratch_topic.metadata)
    assert source.meta.published == date(2025, 2, 20)


def test_front_matter_authors_in_one_text_are_split_as_header_lines_split_them(
    tmp_path: Path, scratch_topic: Topic
) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nauthors: Kieran Maguire and Tom Smith\n---\nText.\n", encoding="utf-8")
    assert read_seed(path, "a", "seeds/a.md", scratch_topic.metadata).meta.authors == ("Kieran Maguire", "Tom Smith")
