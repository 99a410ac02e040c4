"""Hostile input (issue 9, items 6-8): nothing outside the project is read, nothing hangs, no control character.

Each case is a named test. The hang guard runs ``build_site.py generate`` in a
subprocess with a 10-second timeout: it proves the build ends (with an error or
a clean build), it is not a benchmark.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, TOPIC, ProjectFactory

from briefing.clean import MAX_PARAGRAPH_CHARS, clean_article
from briefing.config import Topic, load_topic
from briefing.errors import BriefingError
from briefing.escape import CONTROL_CHARS, INVISIBLE_CHARS
from briefing.read import list_seeds, read_seeds, skipped_notices
from briefing.yamlio import load_yaml

ARTICLE = "The harbour board voted to widen the northern channel.\n"


@pytest.fixture
def topic(tmp_path: Path) -> Topic:
    path = tmp_path / "topic.yml"
    path.write_text(TOPIC, encoding="utf-8")
    return load_topic(path, "topic.yml")


def seeds_with(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.md").write_text(ARTICLE, encoding="utf-8")
    return seeds


def refusal(seeds: Path, topic: Topic) -> str:
    with pytest.raises(BriefingError) as caught:
        read_seeds(seeds, topic, seeds.parent)
    return str(caught.value)


# --- item 6: nothing outside the project -----------------------------------------------------


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_symlink_out_of_the_project_is_refused(tmp_path: Path, topic: Topic, target: str) -> None:
    seeds = seeds_with(tmp_path)
    (seeds / "leak.md").symlink_to(target)
    assert refusal(seeds, topic) == (
        "seeds/leak.md: is a symbolic link; a seed must be a regular file inside the seeds folder "
        "(copy the article into the seeds folder instead of linking to it)"
    )


def test_symlink_to_a_file_inside_the_seeds_folder_is_refused_too(tmp_path: Path, topic: Topic) -> None:
    seeds = seeds_with(tmp_path)
    (seeds / "again.md").symlink_to(seeds / "good.md")
    assert refusal(seeds, topic).startswith("seeds/again.md: is a symbolic link")


def test_symlinked_folder_named_like_a_seed_is_refused(tmp_path: Path, topic: Topic) -> None:
    seeds = seeds_with(tmp_path)
    (seeds / "etc.md").symlink_to("/etc")
    assert refusal(seeds, topic).startswith("seeds/etc.md: is a symbolic link")


def test_directory_named_like_a_seed_is_refused(tmp_path: Path, topic: Topic) -> None:
    seeds = seeds_with(tmp_path)
    (seeds / "x.md").mkdir()
    assert refusal(seeds, topic) == (
        "seeds/x.md: is a folder named like an article file (rename it or move it out of the seeds folder)"
    )


def test_fifo_is_refused_without_being_opened(tmp_path: Path, topic: Topic) -> None:
    seeds = seeds_with(tmp_path)
    os.mkfifo(seeds / "pipe.txt")  # opening it for reading would block until a writer comes
    assert refusal(seeds, topic) == (
        "seeds/pipe.txt: is a FIFO (named pipe), not a regular file (only article files belong in the seeds folder)"
    )


def test_socket_is_refused(tmp_path: Path, topic: Topic) -> None:
    seeds = seeds_with(tmp_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(seeds / "sock.md"))
        assert refusal(seeds, topic) == (
            "seeds/sock.md: is a socket, not a regular file (only article files belong in the seeds folder)"
        )
    finally:
        server.close()


def test_skipped_entries_are_named(tmp_path: Path) -> None:
    seeds = seeds_with(tmp_path)
    (seeds / "notes.rst").write_text("x", encoding="utf-8")
    (seeds / ".hidden.md").write_text("x", encoding="utf-8")
    (seeds / "_draft.md").write_text("x", encoding="utf-8")
    (seeds / "images").mkdir()
    (seeds / "README.md").write_text("# How to add an article\n", encoding="utf-8")
    os.mkfifo(seeds / "other-pipe")  # skipped by its name, never opened
    assert [p.name for p in list_seeds(seeds).files] == ["good.md"]
    assert skipped_notices(seeds, tmp_path) == (
        "seeds/.hidden.md: skipped, hidden or draft (the name starts with '.' or '_')",
        "seeds/README.md: skipped, a README for contributors, not an article",
        "seeds/_draft.md: skipped, hidden or draft (the name starts with '.' or '_')",
        "seeds/images: skipped, a folder",
        "seeds/notes.rst: skipped, not an article file (.md, .txt, .html, .htm)",
        "seeds/other-pipe: skipped, not an article file (.md, .txt, .html, .htm)",
    )


def test_skipped_file_is_named_in_the_build_output(project: ProjectFactory) -> None:
    scratch = project()
    scratch.write("seeds/notes.rst", "Notes to self.\n")
    summary = scratch.generate().summary
    assert "note: seeds/notes.rst: skipped, not an article file (.md, .txt, .html, .htm)" in summary


def test_an_unreadable_seed_is_named_in_one_error(project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file, so the refusal is made here by the system call the build opens seeds with.
    scratch = project()
    seed = sorted(scratch.seeds.iterdir())[0]
    original_open, original_read = os.open, Path.read_bytes

    def denied_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == seed:
            raise PermissionError(13, "Permission denied", str(path))
        return original_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def denied_read(path: Path) -> bytes:
        if path == seed:
            raise PermissionError(13, "Permission denied", str(path))
        return original_read(path)

    monkeypatch.setattr(os, "open", denied_open)
    monkeypatch.setattr(Path, "read_bytes", denied_read)
    with pytest.raises(BriefingError) as caught:
        scratch.generate()
    assert str(caught.value) == (
        f"seeds/{seed.name}: cannot be read: Permission denied (a seed must be a readable regular file)"
    )


# --- item 7: alias bombs ---------------------------------------------------------------------

BOMB = textwrap.dedent("""\
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """)


def test_alias_bomb_in_front_matter_is_refused(tmp_path: Path, topic: Topic) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bomb.md").write_text(
        "---\ntitle: Bomb\n" + BOMB.replace("a: &a", "x: &a") + "---\nText.\n", encoding="utf-8"
    )
    assert refusal(seeds, topic) == (
        "seeds/bomb.md:3: YAML anchors and aliases ('&name', '*name') are not allowed (write each value out in full)"
    )


def test_alias_bomb_in_topic_config_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "topic.yml"
    path.write_text(TOPIC + "lol:\n" + textwrap.indent(BOMB, "  "), encoding="utf-8")
    with pytest.raises(BriefingError) as caught:
        load_topic(path, "topic.yml")
    line = TOPIC.count("\n") + 2
    assert str(caught.value) == (
        f"topic.yml:{line}: YAML anchors and aliases ('&name', '*name') are not allowed (write each value out in full)"
    )


def test_a_single_alias_is_refused_with_its_line() -> None:
    with pytest.raises(BriefingError) as caught:
        load_yaml("a: 1\nb: *x\n", "t.yml")
    assert "t.yml:2: " in str(caught.value)


# --- item 7: a huge paragraph ----------------------------------------------------------------


def test_overlong_paragraph_is_refused_with_file_and_line(project: ProjectFactory) -> None:
    words = "The board met again and the vote was close " * (MAX_PARAGRAPH_CHARS // 40)
    scratch = project(seeds={"long.md": "---\ntitle: Long\n---\nFirst paragraph.\n" + words + "\n"})
    with pytest.raises(BriefingError) as caught:
        scratch.generate()
    assert str(caught.value).startswith(f"seeds/long.md:5: paragraph of {len(words.rstrip()) + 1:,}"[:22])
    assert f"over the {MAX_PARAGRAPH_CHARS:,}-character limit" in str(caught.value)


def test_overlong_hard_wrapped_paragraph_is_refused(topic: Topic, tmp_path: Path) -> None:
    line = "and the harbour board kept talking about the channel"
    body = "Start of it\n" + "\n".join([line] * (MAX_PARAGRAPH_CHARS // len(line) + 2)) + "\n"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "wrapped.txt").write_text(body, encoding="utf-8")
    (source,) = read_seeds(seeds, topic, tmp_path)
    with pytest.raises(BriefingError) as caught:
        clean_article(source, topic)
    assert str(caught.value).startswith("seeds/wrapped.txt:2: paragraph of ")  # line 1 is the title


# --- item 8: control and invisible characters -------------------------------------------------


def test_control_characters_are_removed_from_the_text_and_recorded(project: ProjectFactory) -> None:
    scratch = project(seeds={"c.md": "---\ntitle: C\n---\nThe board\x00 met\x1b[31m today.\x07\nIt\x7f voted\x85.\n"})
    outcome = scratch.generate()
    (article,) = outcome.briefing.articles
    assert [p.text for p in article.paragraphs] == ["The board met[31m today.", "It voted."]
    removals = [(r.line, r.rule, r.text) for r in article.removals]
    assert removals == [(4, "control-character", "U+0000 U+001B U+0007"), (5, "control-character", "U+007F U+0085")]
    for path in scratch.docs.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(byte in data for byte in (b"\x00", b"\x1b", b"\x07", b"\x7f")), path


def test_no_control_or_invisible_character_is_printable() -> None:
    # The clean stage searches only a line that is not printable for them.
    hidden = re.compile(f"{CONTROL_CHARS.pattern}|{INVISIBLE_CHARS.pattern}")
    assert not [hex(code) for code in range(sys.maxunicode + 1) if hidden.match(chr(code)) and chr(code).isprintable()]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ('title: "Bad\\x7f title"', "seeds/c.md:2: title: contains the control character U+007F (remove it)"),
        ('outlet: "A\\x1bB"', "seeds/c.md:2: outlet: contains the control character U+001B (remove it)"),
        ('authors: ["A\\x00B"]', "seeds/c.md:2: authors: contains the control character U+0000 (remove it)"),
        (
            "title: Bad\x07title",
            "seeds/c.md:2: invalid YAML: character U+0007 is not allowed (remove the control character)",
        ),
    ],
)
def test_control_characters_in_metadata_are_refused(tmp_path: Path, topic: Topic, front: str, message: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "c.md").write_text(f"---\n{front}\n---\nText.\n", encoding="utf-8")
    assert refusal(seeds, topic) == message


def test_control_character_in_a_header_line_is_refused(tmp_path: Path, topic: Topic) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "h.txt").write_text("url: https://example.org/a\ntitle: Bad\x7f title\n\nText.\n", encoding="utf-8")
    assert refusal(seeds, topic) == "seeds/h.txt:2: title: contains the control character U+007F (remove it)"


def test_inferred_title_of_a_plain_text_loses_its_control_characters(tmp_path: Path, topic: Topic) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "p.txt").write_text("Harbour\x7f news today\nThe board met on the quay.\n", encoding="utf-8")
    (source,) = read_seeds(seeds, topic, tmp_path)
    assert source.meta.title == "Harbour news today"


def test_bidi_and_zero_width_characters_are_flagged(topic: Topic, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "---\ntitle: B\n---\nThe board \u202eetov\u202c voted.\nZero\u200bwidth and\u2060joined\ufeff text.\n"
    (seeds / "b.md").write_text(text, encoding="utf-8")
    (source,) = read_seeds(seeds, topic, tmp_path)
    article = clean_article(source, topic)
    assert [p.text for p in article.paragraphs] == ["The board etov voted.", "Zerowidth andjoined text."]
    assert [(r.line, r.rule, r.text) for r in article.removals] == [
        (4, "invisible-character", "U+202E U+202C"),
        (5, "invisible-character", "U+200B U+2060 U+FEFF"),
    ]


# --- every hostile input ends within 10 s ----------------------------------------------------

HOSTILE: dict[str, dict[str, str | bytes | Path | None]] = {
    "alias-bomb-front-matter": {"seeds/bomb.md": "---\n" + BOMB + "---\nText.\n"},
    "alias-bomb-topic": {"topic.yml": TOPIC + "lol:\n" + textwrap.indent(BOMB, "  ")},
    "huge-paragraph": {"seeds/huge.txt": "The board met. " * 14_000 + "\n"},
    "long-paragraph-under-the-cap": {"seeds/long.txt": "Harbour\n\n" + "The board met and voted, again. " * 600 + "\n"},
    "statement-dense-sentence": {
        "seeds/said.txt": "Harbour\n\n" + ("Minister Roe said Examplestan backs the plan and " * 400)[:19_990] + "\n"
    },
    "control-characters": {"seeds/ctl.md": "---\ntitle: T\n---\nA\x00B\x1b[2J\x07 text\x7f.\n\u202e\u200b\n"},
    "fifo": {"seeds/pipe.md": None},
    "html-deep-nesting": {"seeds/deep.html": "<div>" * 100_000 + "<p>The board met and voted.</p>"},
    "html-binary": {"seeds/bin.html": bytes(range(256)) * 64},
    "html-script-only": {"seeds/js.html": "<html><body><script>" + "x=1;" * 50_000 + "</script></body></html>"},
    "symlink": {"seeds/leak.md": Path("/etc/passwd")},
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_ends_within_ten_seconds(project: ProjectFactory, case: str) -> None:
    scratch = project()
    for relpath, content in HOSTILE[case].items():
        target = scratch.root / relpath
        if content is None:
            os.mkfifo(target)
        elif isinstance(content, Path):
            target.symlink_to(content)
        else:
            scratch.write(relpath, content)
    try:
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "build_site.py"),
                "generate",
                "-q",
                *scratch.path_options(report=scratch.root / "report.txt"),
            ],
            cwd=scratch.root,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case}: generate did not end within 10 s")
    assert done.returncode in (0, 2), done.stderr
    assert "Traceback" not in done.stderr
    if done.returncode == 2:
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


# --- item 7: sentence splitting stays linear in a paragraph's length ---------------------------

LONG_PROSE = (
    "Mr. Lavrov met Dr. Roe at 5 p.m. in the U.S. capital on Jan. 5, and the talks went on. "
    "“We will not wait,” she said. The board, etc. Then it voted 3.5 to 1 on the plan… Later, "
    "officials said the vote was close. Gen. Smith disagreed! Was it fair? Observers were not sure. "
)


def test_long_paragraph_is_split_in_windows_exactly_as_whole() -> None:
    from briefing.extract import text as splitter

    paragraph = LONG_PROSE * 60
    assert len(paragraph) > 4 * splitter._WINDOW
    windows = splitter._windows(paragraph)
    assert "".join(windows) == paragraph and len(windows) > 3
    assert max(len(w) for w in windows) <= 4 * splitter._WINDOW
    windowed = splitter._pysbd_sentences(paragraph)
    whole = [str(s) for s in splitter._segmenter().processor(paragraph).process()]
    assert windowed == whole


def test_text_without_sentence_ends_is_cut_into_bounded_windows() -> None:
    from briefing.extract import text as splitter

    paragraph = "word " * 10_000
    windows = splitter._windows(paragraph)
    assert "".join(windows) == paragraph
    assert max(len(w) for w in windows) <= 4 * splitter._WINDOW


def test_del_in_an_inferred_title_does_not_break_the_page_front_matter(project: ProjectFactory) -> None:
    scratch = project(seeds={"p.txt": "Harbour\x7f news today\nThe board met on the quay and voted.\n"})
    scratch.generate()
    page = scratch.read("docs/sources/p.md")
    front = page.split("---\n")[1]
    assert 'title: "Harbour news today"' in front
    assert "\x7f" not in page
    assert 'edit_path: "seeds/p.txt"' in front


def test_an_overlong_sentence_is_cut_into_bounded_pieces_of_the_paragraph() -> None:
    from briefing.extract.text import MAX_SENTENCE_CHARS, split_sentences
    from briefing.model import Paragraph

    text = ("Minister Roe said Examplestan backs the plan, and " * 200).strip()
    sentences = split_sentences(Paragraph("x", 1, text, 1))
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text and s.text == s.text.strip() for s in sentences)
    assert " ".join(s.text for s in sentences) == text  # nothing lost: the cuts fall on spaces
    assert all(s.text.endswith(",") for s in sentences[:-1])  # at a clause break


def test_a_sentence_without_spaces_is_cut_hard() -> None:
    from briefing.extract.text import MAX_SENTENCE_CHARS, split_sentences
    from briefing.model import Paragraph

    text = "x" * (3 * MAX_SENTENCE_CHARS + 7)
    sentences = split_sentences(Paragraph("x", 1, text, 1))
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS] * 3 + [7]
