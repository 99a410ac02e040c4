"""The command line: one-line messages, exit statuses, and docs/ untouched by any failed run.

``build_site.main`` is called in-process with its ROOT pointed at a scratch
project, so messages show paths as a contributor sees them (``seeds/a.md:3: …``).
Two smoke tests run ``python build_site.py`` as a subprocess.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ALPHA, REPO, TOPIC, ProjectFactory, Scratch

import build_site
from briefing.publish import MANIFEST
from briefing.read import MAX_SEED_BYTES

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def built(generated: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> Scratch:
    """A scratch project, already generated, that ``build_site.main`` treats as its root."""
    scratch = generated()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    return scratch


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def call(*argv: str) -> tuple[int, str, str]:
        status = build_site.main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return call


def line_of(text: str, needle: str) -> int:
    numbers = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(numbers) == 1, (needle, numbers)
    return numbers[0]


def test_topic_line_numbers_used_below() -> None:
    """The topic.yml cases below name lines of conftest.TOPIC; this pins those numbers."""
    assert line_of(TOPIC, "scope:") == 3
    assert line_of(TOPIC, "affiliation: examplestan") == 19
    assert line_of(TOPIC, "pattern: '(facebook|twitter|share)'") == 36
    assert line_of(TOPIC, "outlets:") == 45


def remove_seeds(s: Scratch) -> None:
    shutil.rmtree(s.seeds)


def no_articles(s: Scratch) -> None:
    for path in s.seeds.iterdir():
        path.unlink()
    s.write("seeds/notes.rst", "Not an article.\n")
    s.write("seeds/_draft.md", "Skipped: starts with an underscore.\n")


def edit_topic(old: str, new: str) -> Callable[[Scratch], None]:
    def change(s: Scratch) -> None:
        text = s.read("topic.yml")
        assert text.count(old) == 1
        s.write("topic.yml", text.replace(old, new))

    return change


def add_seed(name: str, content: str | bytes) -> Callable[[Scratch], None]:
    return lambda s: s.write(f"seeds/{name}", content)


def add_seeds(files: dict[str, str]) -> Callable[[Scratch], None]:
    def change(s: Scratch) -> None:
        for name, content in files.items():
            s.write(f"seeds/{name}", content)

    return change


BAD_INPUTS: list[tuple[str, Callable[[Scratch], None], str]] = [
    ("missing seeds folder", remove_seeds, "{seeds}: seeds folder not found (create it or pass --seeds DIR)"),
    ("empty file", add_seed("empty.md", ""), "seeds/empty.md: file is empty (add the article text or delete the file)"),
    (
        "invalid UTF-8",
        add_seed("latin.txt", b"A title line\nA good line.\nCaf\xe9 society.\n"),
        "seeds/latin.txt:3: not valid UTF-8 (save the file as UTF-8)",
    ),
    (
        "front matter not closed",
        add_seed("open.md", "---\ntitle: T\nText without the closing line.\n"),
        "seeds/open.md:1: front matter is not closed (end it with a line '---')",
    ),
    (
        "front matter invalid YAML",
        add_seed("bad.md", "---\ntitle: Fine\noutlet: a: b\n---\nText.\n"),
        "seeds/bad.md:3: invalid YAML: mapping values are not allowed here",
    ),
    (
        "front matter a list",
        add_seed("list.md", "---\n- title\n- outlet\n---\nText.\n"),
        "seeds/list.md:2: front matter must be a mapping of keys to values (write it as 'key: value' lines)",
    ),
    (
        "unknown key titel",
        add_seed("typo.md", "---\ntitel: T\n---\nText.\n"),
        "seeds/typo.md:2: unknown front-matter key 'titel' (did you mean 'title'?)",
    ),
    (
        "unknown key date",
        add_seed("dated.md", "---\ntitle: T\ndate: 2025-05-07\n---\nText.\n"),
        "seeds/dated.md:3: unknown front-matter key 'date' (did you mean 'published'?)",
    ),
    (
        "date that is not a date",
        add_seed("when.md", "---\ntitle: T\npublished: 7 Mai 2025\n---\nText.\n"),
        "seeds/when.md:3: published: '7 Mai 2025' is not a date (write it as YYYY-MM-DD or May 7, 2025, or leave it "
        "empty)",
    ),
    (
        "impossible date",
        add_seed("when.md", "---\ntitle: T\npublished: 2025-02-30\n---\nText.\n"),
        "seeds/when.md:3: published: '2025-02-30' is not a date (write it as YYYY-MM-DD or May 7, 2025, or leave it empty)",
    ),
    (
        "unknown kind",
        add_seed("kind.md", "---\ntitle: T\nkind: opinon\n---\nText.\n"),
        (
            "seeds/kind.md:3: kind: expected one of news, analysis, opinion, explainer, got 'opinon' "
            "(did you mean 'opinion'?)"
        ),
    ),
    (
        "two seeds with one id",
        add_seeds({"a_b.md": "---\ntitle: One\n---\nText one.\n", "a-b.txt": "Text two.\n"}),
        "seeds/a_b.md: gives the same id 'a-b' as seeds/a-b.txt (rename one of the two files)",
    ),
    (
        "file over the size limit",
        add_seed("huge.txt", b"x" * (MAX_SEED_BYTES + 1)),
        (
            "seeds/huge.txt: file is 1,000,001 bytes, over the 1,000,000-byte limit for one article "
            "(split it or trim what is not the article)"
        ),
    ),
    (
        "topic unknown key",
        edit_topic("  outlets: [Harbour Gazette]", "  outlet: [Harbour Gazette]"),
        "topic.yml:45: cleaning.outlet: unknown key 'outlet' (did you mean 'outlets'?)",
    ),
    (
        "topic bad regex",
        edit_topic("'(facebook|twitter|share)'", "'(facebook|twitter'"),
        (
            "topic.yml:36: cleaning.drop_lines[0].pattern: invalid regular expression: "
            "missing ), unterminated subpattern at position 0"
        ),
    ),
    (
        "topic pattern matching empty text",
        edit_topic("'(facebook|twitter|share)'", "'(facebook)?'"),
        "topic.yml:36: cleaning.drop_lines[0].pattern: pattern matches empty text (it would match every line)",
    ),
    (
        "topic actor with unknown affiliation",
        edit_topic("affiliation: examplestan", "affiliation: exampelstan"),
        "topic.yml:19: actors[0].affiliation: 'exampelstan' is not an affiliation id (did you mean 'examplestan'?)",
    ),
    (
        "topic regex that backtracks exponentially",
        edit_topic("'(facebook|twitter|share)'", "'(a+)+$'"),
        (
            "topic.yml:36: cleaning.drop_lines[0].pattern: unsafe regular expression: nested quantifier: a repeated "
            "group contains a repetition that can match the same text, which takes exponential time on a line that "
            "almost matches (repeat only once (write 'a+' for '(a+)+'), make each round start with something the inner "
            "repetition cannot match, or make it possessive ('a++') or atomic ('(?>…)'))"
        ),
    ),
    (
        "topic missing",
        lambda s: (s.root / "topic.yml").unlink(),
        "topic.yml: topic config not found (create it or pass --topic)",
    ),
]


@pytest.mark.parametrize("command", ["generate", "check"])
@pytest.mark.parametrize(("change", "message"), [case[1:] for case in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_one_line_exit_2_docs_untouched(
    built: Scratch,
    run: Run,
    change: Callable[[Scratch], None],
    message: str,
    command: str,
) -> None:
    change(built)
    before = built.docs_tree()
    assert before  # the earlier build wrote docs/, so "untouched" means something
    status, out, err = run(command)
    assert (status, out) == (2, "")
    assert err == "error: " + message.format(seeds=built.seeds) + "\n"
    assert built.docs_tree() == before


@pytest.mark.parametrize("where", ["seed", "topic"])
def test_yaml_is_read_safely(built: Scratch, run: Run, where: str) -> None:
    marker = built.root / "pwned"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    if where == "seed":
        built.write("seeds/evil.md", f"---\ntitle: {tag}\n---\nText.\n")
        expected = "seeds/evil.md:2"
    else:
        edit_topic("scope: What the harbour board decided and the reasons given for it.", f"scope: {tag}")(built)
        expected = "topic.yml:3"
    before = built.docs_tree()
    status, out, err = run("generate")
    assert (status, out) == (2, "")
    assert err == (
        f"error: {expected}: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'\n"
    )
    assert not marker.exists()
    assert built.docs_tree() == before


def test_hand_edit_in_a_region_exits_2(built: Scratch, run: Run) -> None:
    text = built.read("docs/index.md")
    built.write("docs/index.md", text.replace("**The question.**", "**My question.**"))
    before = built.docs_tree()
    status, out, err = run("generate")
    assert status == 2 and out == ""
    begin = line_of(text, "<!-- briefing:begin overview")
    assert err.startswith(
        f"error: docs/index.md:{begin + 1}: the generated region 'overview' was edited by hand "
        f"(write your text above line {begin} or below line "
    )
    assert err.count("\n") == 1
    assert built.docs_tree() == before


def test_generate_prints_a_summary(project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    scratch = project()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    status, out, err = run("generate")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "seeds/alpha.md: 5 paragraphs kept, 7 removed "
        "(caption 1, image-credit 1, related-articles 2, share-buttons 2, title-line 1)"
    )
    assert lines[1] == "seeds/beta.txt: 3 paragraphs kept, 2 removed (relative-timestamp 1, title-line 1)"
    assert lines[2].startswith("briefing: ")
    written = len(scratch.docs_tree())
    assert lines[-1] == (
        f"generate: {written} files written or removed in docs/, 0 unchanged; "
        "cleaning report in build/cleaning-report.txt"
    )
    assert (scratch.root / "build" / "cleaning-report.txt").exists()

    status, out, err = run("generate")
    assert out.splitlines()[-1] == (
        f"generate: 0 files written or removed in docs/, {written - 1} unchanged; "
        "cleaning report in build/cleaning-report.txt"
    )
    status, out, err = run("generate", "-q")
    assert (status, out, err) == (0, "", "")


def test_an_article_with_almost_no_text_is_named_in_a_note(built: Scratch, run: Run) -> None:
    """A saved error page builds (it is a file the contributor chose) but does not pass unseen."""
    built.write("seeds/saved-error.txt", "Page not found\n\nHome\n\nThe page you asked for is not here.\n")
    status, out, _err = run("generate")
    assert status == 0
    notes = [line for line in out.splitlines() if line.startswith("note: ")]
    assert notes == [
        "note: seeds/saved-error.txt: only 8 words of text kept; is it the article itself (not an error page, "
        "a paywall or a teaser)? The cleaning report lists what was removed"
    ]


def test_check_passes_after_generate_and_writes_nothing(built: Scratch, run: Run) -> None:
    shutil.rmtree(built.root / "build")
    before = built.docs_tree()
    status, out, err = run("check")
    manifest = json.loads(built.read(f"docs/{MANIFEST}"))["files"]
    assert (status, err) == (0, "")
    # every generated file, plus the two hand-written pages with regions
    assert out == (
        f"check: docs/ is up to date; {len(manifest) + 2} generated files and regions, every citation verified\n"
    )
    assert built.docs_tree() == before
    assert not (built.root / "build").exists()


def test_check_fails_when_a_seed_changed(built: Scratch, run: Run) -> None:
    built.write("seeds/alpha.md", ALPHA.replace("Fishermen welcomed", "Boat owners welcomed"))
    before = built.docs_tree()
    status, out, err = run("check")
    assert (status, out) == (1, "")
    assert err == (
        "error: docs/ is not what generate would write: docs/.briefing-manifest.json, "
        "docs/data/briefing.json, docs/sources/alpha.md would change "
        "(run: python build_site.py generate, and commit the result)\n"
    )
    assert built.docs_tree() == before
    assert run("generate", "-q")[0] == 0
    assert run("check", "-q") == (0, "", "")


def test_check_fails_when_a_page_is_missing(built: Scratch, run: Run) -> None:
    (built.docs / "about.md").unlink()
    status, out, err = run("check")
    assert (status, out) == (1, "")
    assert err == (
        "error: docs/ is not what generate would write: docs/about.md would change "
        "(run: python build_site.py generate, and commit the result)\n"
    )
    assert not (built.docs / "about.md").exists()


def test_no_articles_is_a_clean_build_with_a_notice(built: Scratch, run: Run) -> None:
    no_articles(built)
    status, out, err = run("generate")
    assert (status, err) == (0, "")
    assert "note: no articles in seeds/ yet: the site says how to add the first one" in out
    home = built.read("docs/index.md")
    assert '!!! note "No articles yet"' in home and "seeds/_README.md" in home
    assert not (built.docs / "sources" / "alpha.md").exists()
    assert run("check")[0] == 0


def test_explicit_paths(project: ProjectFactory, run: Run, tmp_path: Path) -> None:
    scratch = project()
    docs = tmp_path / "elsewhere" / "docs"
    report = tmp_path / "elsewhere" / "report.txt"
    status, out, err = run("generate", "-q", *scratch.path_options(docs, report))
    assert (status, out, err) == (0, "", "")
    assert (docs / "sources" / "alpha.md").exists() and report.exists()
    assert not scratch.docs.exists()
    status, out, err = run("check", *scratch.path_options(docs))
    assert status == 0
    assert out.startswith(f"check: {docs}/ is up to date; ")


# --- python build_site.py, as a contributor runs it ------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "build_site.py", *args], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )


def test_cli_generate_then_check(project: ProjectFactory, tmp_path: Path) -> None:
    scratch = project()
    paths = scratch.path_options()
    result = cli("generate", *paths, "--report", str(tmp_path / "report.txt"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.search(
        rf"^generate: \d+ files written or removed in {re.escape(str(scratch.docs))}/, 0 unchanged; ",
        result.stdout,
        re.MULTILINE,
    )
    assert (scratch.docs / "sources" / "beta.md").exists()
    result = cli("check", *paths)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"check: {scratch.docs}/ is up to date; ")


def test_cli_bad_seed_exits_2_with_one_line(project: ProjectFactory) -> None:
    scratch = project()
    scratch.write("seeds/typo.md", "---\ntitle: T\nkind: opinon\n---\nText.\n")
    result = cli("generate", *scratch.path_options())
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {scratch.seeds}/typo.md:3: kind: expected one of news, analysis, opinion, "
        "explainer, got 'opinon' (did you mean 'opinion'?)\n"
    )
    assert not scratch.docs.exists()


def test_cli_stops_quietly_when_its_reader_is_gone(project: ProjectFactory, tmp_path: Path) -> None:
    """``generate | head -1``: the build is published, and no traceback follows the cut output."""
    scratch = project()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is printed
    try:
        result = subprocess.run(
            [sys.executable, "build_site.py", "generate", *scratch.path_options(report=tmp_path / "report.txt")],
            cwd=REPO,
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (1, "")
    assert (scratch.docs / "sources" / "beta.md").exists()


def test_one_article_saved_twice_is_named_in_a_note(built: Scratch, run: Run) -> None:
    built.write("seeds/alpha-copy.md", (built.seeds / "alpha.md").read_text(encoding="utf-8"))
    status, out, _err = run("generate")
    assert status == 0
    assert (
        "note: seeds/alpha-copy.md and seeds/alpha.md have the same address: one article saved 2 times counts as "
        "2 sources; keep one"
    ) in out.splitlines()


def test_an_article_dated_years_after_the_others_is_named_in_a_note(built: Scratch, run: Run) -> None:
    built.write(
        "seeds/typo.md", "---\ntitle: T\npublished: 2052-03-04\n---\n" + "The harbour board met again. " * 8 + "\n"
    )
    status, out, _err = run("generate")
    assert status == 0
    notes = [line for line in out.splitlines() if "2052" in line]
    assert notes == [
        "note: seeds/typo.md: published 2052-03-04, more than a year after every other article; is the year right?"
    ]
