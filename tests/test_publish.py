"""Publish stage: the build writes only what it owns, refuses to overwrite what a person wrote,
and writes everything or nothing."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable

import pytest
from conftest import ALPHA, SEEDS, TOPIC, ProjectFactory, Scratch, make_scratch

import build_site

from briefing.errors import BriefingError, OwnershipError
from briefing.stages import gather
from briefing.publish import MANIFEST, plan
from briefing.regions import checksum
from briefing.render import OutputFile, Rendering

EMPTY_SUM = "e3b0c44298fc"  # first 12 hex digits of SHA-256 of no text

# A hand-written home page with one (still empty) generated region on lines 5-6.
HOME = textwrap.dedent(f"""\
    # Harbour notes

    Written by hand:\tkept byte for byte, trailing spaces too.  \u2014 ünïcödé

    <!-- briefing:begin overview sum={EMPTY_SUM} -->
    <!-- briefing:end overview -->

    Closing words, with no newline at the end of the file.""")


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line containing ``needle``."""
    numbers = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(numbers) == 1, (needle, numbers)
    return numbers[0]


def failing(scratch: Scratch) -> str:
    """Run generate, expect it to stop, and check that docs/ was not touched."""
    before = scratch.docs_tree()
    with pytest.raises(BriefingError) as caught:
        scratch.generate()
    assert scratch.docs_tree() == before
    return str(caught.value)


@pytest.fixture(scope="module")
def index_regions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Name -> origin of every region the build generates in index.md for the default scratch project."""
    scratch = make_scratch(tmp_path_factory.mktemp("regions") / "project", SEEDS, TOPIC)
    _topic, _briefing, rendering = gather(scratch.project)
    return {r.name: r.origin for r in rendering.regions if r.page == "index.md"}


# --- hand-written pages with generated regions ----------------------------------------------


def test_region_is_filled_and_text_outside_it_survives_byte_for_byte(generated: ProjectFactory) -> None:
    scratch = generated(docs={"index.md": HOME})
    after = scratch.read("docs/index.md")
    head, rest = after.split("<!-- briefing:begin overview sum=", 1)
    content, tail = rest.split("<!-- briefing:end overview -->", 1)
    assert head == HOME.split("<!-- briefing:begin")[0]
    assert tail == HOME.split("<!-- briefing:end overview -->")[1]
    assert "What did Examplestan decide about its harbour, and why?" in content
    recorded, body = content.split(" -->\n", 1)
    assert recorded == checksum(body)[:12]

    # Another seed changes the region; the hand-written text still does not move by one byte.
    scratch.write("seeds/gamma.md", "---\ntitle: Gamma\n---\nA third article about the quay.\n")
    assert "index.md" in scratch.generate().plan.writes
    again = scratch.read("docs/index.md")
    assert again != after
    assert again.startswith(head) and again.endswith(tail)


def test_hand_edit_inside_a_region_stops_the_build(generated: ProjectFactory, index_regions: dict[str, str]) -> None:
    scratch = generated(docs={"index.md": HOME})
    text = scratch.read("docs/index.md")
    end_line = line_of(text, "<!-- briefing:end overview -->")
    scratch.write("docs/index.md", text.replace("**The question.**", "**The question (my words).**"))
    origin = index_regions["overview"]
    assert failing(scratch) == (
        "docs/index.md:6: the generated region 'overview' was edited by hand "
        f"(write your text above line 5 or below line {end_line} (outside the markers), or change {origin})"
    )


@pytest.mark.parametrize(
    ("change", "edited"),
    [
        (lambda t: t.replace("**What it covers.**", "**What it is about.**"), "**What it is about.**"),
        (lambda t: t.replace("**What it covers.**", "My own line.\n\n**What it covers.**"), "My own line."),
        (lambda t: t.replace("The briefing draws on", "The briefing now draws on"), "The briefing now draws on"),
    ],
    ids=["changed", "inserted", "last-line"],
)
def test_hand_edit_deep_inside_a_region_is_reported_at_the_edited_line(
    generated: ProjectFactory,
    index_regions: dict[str, str],
    change: Callable[[str], str],
    edited: str,
) -> None:
    scratch = generated()
    text = change(scratch.read("docs/index.md"))
    scratch.write("docs/index.md", text)
    begin, end = line_of(text, "<!-- briefing:begin overview"), line_of(text, "<!-- briefing:end overview")
    assert line_of(text, edited) > begin + 1
    assert failing(scratch) == (
        f"docs/index.md:{line_of(text, edited)}: the generated region 'overview' was edited by hand "
        f"(write your text above line {begin} or below line {end} (outside the markers), "
        f"or change {index_regions['overview']})"
    )


def test_lines_deleted_at_the_end_of_a_region_are_reported_at_the_end_marker(generated: ProjectFactory) -> None:
    scratch = generated()
    text = scratch.read("docs/index.md")
    last = next(line for line in text.split("\n") if line.startswith("The briefing draws on"))
    text = text.replace(last + "\n", "")
    scratch.write("docs/index.md", text)
    end = line_of(text, "<!-- briefing:end overview")
    assert failing(scratch).startswith(f"docs/index.md:{end}: the generated region 'overview' was edited by hand ")


def test_text_added_just_outside_the_markers_is_fine(generated: ProjectFactory) -> None:
    scratch = generated(docs={"index.md": HOME})
    text = scratch.read("docs/index.md")
    edited = text.replace("<!-- briefing:begin", "A new line above.\n<!-- briefing:begin").replace(
        "<!-- briefing:end overview -->", "<!-- briefing:end overview -->\nA new line below."
    )
    scratch.write("docs/index.md", edited)
    outcome = scratch.generate()
    assert "index.md" not in outcome.plan.writes
    assert scratch.read("docs/index.md") == edited


@pytest.mark.parametrize(
    ("region_lines", "message"),
    [
        (
            f"<!-- briefing:begin nonsense sum={EMPTY_SUM} -->\n<!-- briefing:end nonsense -->",
            "docs/index.md:5: unknown generated region 'nonsense' (rename it to one of {known}, or delete its marker "
            "lines 5 and 6)",
        ),
        (
            f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\nno end marker",
            "docs/index.md:5: region 'overview' is never closed (restore the line '<!-- briefing:end overview -->')",
        ),
        (
            "<!-- briefing:begin overview -->\n<!-- briefing:end overview -->",
            "docs/index.md:5: malformed briefing region marker (restore the marker line exactly as the build wrote it)",
        ),
        (
            "<!-- briefing:end overview -->",
            (
                "docs/index.md:5: end marker for region 'overview' without its begin marker (restore the begin marker line "
                "from git, or delete this line and the generated text above it)"
            ),
        ),
        (
            (
                f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\n<!-- briefing:end overview -->\n"
                f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\n<!-- briefing:end overview -->"
            ),
            "docs/index.md:7: region 'overview' appears twice, first on line 5 (delete lines 7-8)",
        ),
        (
            (
                f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\n"
                f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\n<!-- briefing:end overview -->"
            ),
            (
                "docs/index.md:6: region 'overview' begins inside region 'overview', which begins on line 5 "
                "(restore the line '<!-- briefing:end overview -->' where region 'overview' ends)"
            ),
        ),
    ],
)
def test_broken_region_markers(
    project: ProjectFactory, index_regions: dict[str, str], region_lines: str, message: str
) -> None:
    page = HOME.replace(
        f"<!-- briefing:begin overview sum={EMPTY_SUM} -->\n<!-- briefing:end overview -->", region_lines
    )
    scratch = project(docs={"index.md": page})
    known = ", ".join(sorted(index_regions))
    assert failing(scratch) == message.format(known=known)


def test_page_without_regions_is_left_alone(project: ProjectFactory) -> None:
    scratch = project(docs={"about.md": "# About\n\nNo generated parts here.\n"})
    scratch.generate()
    assert scratch.read("docs/about.md") == "# About\n\nNo generated parts here.\n"


def test_hand_written_page_with_invalid_utf8(project: ProjectFactory) -> None:
    scratch = project()
    scratch.write("docs/index.md", b"# Home\n\nCaf\xe9\n")
    assert failing(scratch) == "docs/index.md:3: not valid UTF-8 (save the file as UTF-8)"


# --- starters ------------------------------------------------------------------------------


def test_missing_index_and_about_are_created_from_the_starters(project: ProjectFactory) -> None:
    scratch = project()
    outcome = scratch.generate()
    assert {"index.md", "about.md"} <= set(outcome.plan.writes)
    index = scratch.read("docs/index.md")
    assert "# Harbour policy of Examplestan\n" in index
    for region in outcome.rendering.regions:
        text = scratch.read(f"docs/{region.page}")
        assert f"<!-- briefing:begin {region.name} sum=" in text
        assert f"<!-- briefing:end {region.name} -->" in text
    about = scratch.read("docs/about.md")

    (scratch.docs / "about.md").unlink()
    outcome = scratch.generate()
    assert sorted(outcome.plan.writes) == ["about.md"]
    assert scratch.read("docs/about.md") == about
    assert scratch.read("docs/index.md") == index


# --- generated whole files --------------------------------------------------------------------


def test_generated_files_are_recorded_in_the_manifest(generated: ProjectFactory) -> None:
    scratch = generated()
    manifest = json.loads(scratch.read(f"docs/{MANIFEST}"))
    assert manifest["generated_by"] == "build_site.py"
    assert {"sources/alpha.md", "sources/beta.md", "sources/index.md", "data/briefing.json"} <= set(manifest["files"])
    assert "index.md" not in manifest["files"] and "about.md" not in manifest["files"]
    for path, recorded in manifest["files"].items():
        assert checksum(scratch.read(f"docs/{path}")) == recorded
    page = scratch.read("docs/sources/alpha.md")
    assert page.startswith("---\ngenerated_by: build_site.py\n")
    assert 'edit_path: "seeds/alpha.md"' in page.split("\n---\n")[0]
    assert not [p for p in scratch.docs.iterdir() if p.name.startswith(".briefing-staging-")]


def test_hand_edit_of_a_generated_file_names_the_seed_to_edit(generated: ProjectFactory) -> None:
    scratch = generated()
    page = scratch.read("docs/sources/alpha.md")
    edited_line = line_of(page, "Fishermen welcomed the decision")
    scratch.write("docs/sources/alpha.md", page.replace("Fishermen welcomed", "Fishermen warmly welcomed"))
    assert failing(scratch) == (
        f"docs/sources/alpha.md:{edited_line}: this generated file was edited by hand "
        "(make the change in seeds/alpha.md instead; to discard the edit, delete docs/sources/alpha.md "
        "and run the build again)"
    )


def test_deleting_an_edited_generated_file_discards_the_edit(generated: ProjectFactory) -> None:
    scratch = generated()
    page = scratch.read("docs/sources/alpha.md")
    scratch.write("docs/sources/alpha.md", page + "my note\n")
    with pytest.raises(OwnershipError):
        scratch.generate()
    (scratch.docs / "sources" / "alpha.md").unlink()
    scratch.generate()
    assert scratch.read("docs/sources/alpha.md") == page


def test_hand_written_file_where_a_generated_page_goes_is_refused(project: ProjectFactory) -> None:
    scratch = project(docs={"sources/alpha.md": "# My own notes on alpha\n"})
    assert failing(scratch) == (
        "docs/sources/alpha.md: exists but was not generated by the build "
        "(the build needs this path for a generated page; move your file elsewhere or delete it)"
    )
    assert scratch.read("docs/sources/alpha.md") == "# My own notes on alpha\n"


def test_new_seed_whose_page_path_holds_a_hand_written_file(generated: ProjectFactory) -> None:
    scratch = generated()
    scratch.write("docs/sources/gamma.md", "# Notes I keep here\n")
    scratch.write("seeds/gamma.md", "---\ntitle: Gamma\n---\nA third article about the quay.\n")
    assert failing(scratch) == (
        "docs/sources/gamma.md: exists but was not generated by the build "
        "(the build needs this path for a generated page; move your file elsewhere or delete it)"
    )


def test_other_hand_written_files_are_never_touched(project: ProjectFactory) -> None:
    scratch = project(
        docs={
            "notes/mine.md": "# Mine\n",
            "sources/extra.md": "# Extra\n",
            "stylesheets/extra.css": "p { margin: 0 }\n",
        }
    )
    scratch.generate()
    scratch.write("seeds/beta.txt", "Another title – Harbour Gazette\nDifferent text.\n")
    (scratch.seeds / "alpha.md").unlink()
    scratch.generate()
    assert scratch.read("docs/notes/mine.md") == "# Mine\n"
    assert scratch.read("docs/sources/extra.md") == "# Extra\n"
    assert scratch.read("docs/stylesheets/extra.css") == "p { margin: 0 }\n"


def test_stale_generated_file_is_removed_when_its_seed_goes(generated: ProjectFactory) -> None:
    scratch = generated()
    assert (scratch.docs / "sources" / "beta.md").exists()
    (scratch.seeds / "beta.txt").unlink()
    outcome = scratch.generate()
    assert outcome.plan.deletes == ["sources/beta.md"]
    assert not (scratch.docs / "sources" / "beta.md").exists()
    assert "sources/beta.md" not in json.loads(scratch.read(f"docs/{MANIFEST}"))["files"]
    assert "beta" not in [s["id"] for s in json.loads(scratch.read("docs/data/briefing.json"))["sources"]]


def test_stale_generated_file_that_was_edited_is_not_deleted(generated: ProjectFactory) -> None:
    scratch = generated()
    scratch.write("docs/sources/beta.md", scratch.read("docs/sources/beta.md") + "\nMy addition.\n")
    (scratch.seeds / "beta.txt").unlink()
    assert failing(scratch) == (
        "docs/sources/beta.md: this generated file was edited by hand, and its source is gone "
        "(move your text to a hand-written page, or delete the file)"
    )


def test_a_failed_build_writes_nothing(generated: ProjectFactory) -> None:
    scratch = generated()
    report = scratch.read("build/cleaning-report.txt")
    # This change alone would rewrite several files ...
    scratch.write("seeds/alpha.md", ALPHA.replace("Fishermen welcomed", "Boat owners welcomed"))
    scratch.write("seeds/gamma.md", "---\ntitle: Gamma\n---\nA third article.\n")
    # ... but a bad seed stops the build before anything is written.
    scratch.write("seeds/zeta.md", "---\ntitel: Oops\n---\nText.\n")
    assert failing(scratch) == "seeds/zeta.md:2: unknown front-matter key 'titel' (did you mean 'title'?)"
    assert scratch.read("build/cleaning-report.txt") == report


def test_two_generated_files_for_one_path_are_refused(tmp_path) -> None:
    rendering = Rendering(
        files=(
            OutputFile.of_text("sources/a.md", "one\n", "seeds/a.md"),
            OutputFile.of_text("sources/a.md", "two\n", "seeds/b.md"),
        ),
        regions=(),
        starters={},
    )
    with pytest.raises(BriefingError) as caught:
        plan(rendering, tmp_path / "docs")
    assert str(caught.value) == "two generated files for one path: sources/a.md"


def test_unreadable_manifest(generated: ProjectFactory) -> None:
    scratch = generated()
    scratch.write(f"docs/{MANIFEST}", "{not json")
    assert failing(scratch) == (
        "docs/.briefing-manifest.json:1: the build's manifest is unreadable (restore it from git with: "
        "git checkout -- docs/.briefing-manifest.json; if it is not in git, delete it and run: "
        "python build_site.py generate --adopt)"
    )


def test_page_saved_with_crlf_line_endings_keeps_them(generated: ProjectFactory) -> None:
    crlf_home = HOME.replace("\n", "\r\n")
    scratch = generated(docs={"index.md": crlf_home})
    after = (scratch.root / "docs" / "index.md").read_bytes().decode("utf-8")
    assert "What did Examplestan decide about its harbour, and why?" in after
    # Every line still ends with CRLF, the hand-written ones byte for byte.
    assert after.count("\n") == after.count("\r\n")
    assert after.startswith(crlf_home.split("<!-- briefing:begin")[0])
    # A second build sees its own region as unedited and changes nothing.
    assert "index.md" not in scratch.generate().plan.writes


# --- a lost manifest ---------------------------------------------------------------------------

MISSING_MANIFEST = (
    "docs/.briefing-manifest.json: the build's manifest is missing, so the build cannot tell the files it "
    "generated, such as docs/briefing/actors.md, from files a person wrote (restore it from git with: "
    "git checkout -- docs/.briefing-manifest.json; or run: python build_site.py generate --adopt, which takes "
    "back every generated file that is exactly what the build would write and touches nothing else)"
)


@pytest.fixture
def cli_at(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """``cli_at(scratch)(*argv)`` -> (status, stdout, stderr) of build_site.main with its root at ``scratch``."""

    def bind(scratch: Scratch):
        monkeypatch.setattr(build_site, "ROOT", scratch.root)

        def call(*argv: str) -> tuple[int, str, str]:
            status = build_site.main(list(argv))
            captured = capsys.readouterr()
            return status, captured.out, captured.err

        return call

    return bind


def test_deleted_manifest_names_it_and_the_command_that_recovers(generated: ProjectFactory, cli_at) -> None:
    scratch = generated()
    manifest = scratch.read(f"docs/{MANIFEST}")
    (scratch.docs / MANIFEST).unlink()
    run = cli_at(scratch)
    before = scratch.docs_tree()
    for command in ("generate", "check"):
        assert run(command) == (2, "", f"error: {MISSING_MANIFEST}\n")
        assert scratch.docs_tree() == before

    status, out, err = run("generate", "--adopt")
    assert (status, err) == (0, "")
    assert out.splitlines()[-1].startswith("generate: 1 files written or removed in docs/, ")
    assert scratch.read(f"docs/{MANIFEST}") == manifest
    assert run("check", "-q") == (0, "", "")


def test_adopt_names_generated_files_the_build_no_longer_makes(generated: ProjectFactory, cli_at) -> None:
    scratch = generated()
    (scratch.docs / MANIFEST).unlink()
    # the page of a seed removed in an earlier build, left behind with the manifest gone
    scratch.write("docs/sources/old-seed.md", scratch.read("docs/sources/beta.md"))
    status, out, err = cli_at(scratch)("generate", "--adopt")
    assert (status, err) == (0, "")
    assert (
        "note: docs/sources/old-seed.md looks generated, but the build no longer makes it; delete it unless "
        "you wrote it"
    ) in out.splitlines()
    assert (scratch.docs / "sources" / "old-seed.md").exists()
    assert "sources/old-seed.md" not in json.loads(scratch.read(f"docs/{MANIFEST}"))["files"]


def test_adopt_leaves_a_generated_file_with_a_hand_edit_alone(generated: ProjectFactory, cli_at) -> None:
    scratch = generated()
    page = scratch.read("docs/sources/alpha.md")
    edited_line = line_of(page, "Fishermen welcomed the decision")
    scratch.write("docs/sources/alpha.md", page.replace("Fishermen welcomed", "Fishermen warmly welcomed"))
    (scratch.docs / MANIFEST).unlink()
    before = scratch.docs_tree()
    assert cli_at(scratch)("generate", "--adopt") == (
        2,
        "",
        (
            f"error: docs/sources/alpha.md:{edited_line}: was generated but differs from what the build would write, "
            "and docs/.briefing-manifest.json has no record of it, so --adopt cannot tell a hand edit from an older "
            "build (restore the manifest from git with: git checkout -- docs/.briefing-manifest.json; or move any "
            "text of yours to seeds/alpha.md, delete docs/sources/alpha.md and run the build again)\n"
        ),
    )
    assert scratch.docs_tree() == before


def test_adopt_never_takes_a_file_a_person_wrote(project: ProjectFactory, cli_at) -> None:
    scratch = project(docs={"sources/alpha.md": "# My own notes on alpha\n"})
    assert cli_at(scratch)("generate", "--adopt") == (
        2,
        "",
        (
            "error: docs/sources/alpha.md: exists but was not generated by the build "
            "(the build needs this path for a generated page; move your file elsewhere or delete it)\n"
        ),
    )
    assert scratch.read("docs/sources/alpha.md") == "# My own notes on alpha\n"


def test_generated_file_missing_from_an_old_manifest(generated: ProjectFactory, cli_at) -> None:
    scratch = generated()
    recorded = json.loads(scratch.read(f"docs/{MANIFEST}"))
    del recorded["files"]["sources/beta.md"]
    scratch.write(f"docs/{MANIFEST}", json.dumps(recorded))
    run = cli_at(scratch)
    assert run("generate") == (
        2,
        "",
        (
            "error: docs/sources/beta.md: looks generated but is not recorded in docs/.briefing-manifest.json "
            "(run: python build_site.py generate --adopt, which takes it back if it is exactly what the build "
            "would write)\n"
        ),
    )
    assert run("generate", "-q", "--adopt") == (0, "", "")
    assert "sources/beta.md" in json.loads(scratch.read(f"docs/{MANIFEST}"))["files"]
