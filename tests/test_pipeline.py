"""The whole build in-process: determinism, anchor stability, check, and the cleaning report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import REPO, Gathered, ProjectFactory, Scratch, copy_real_inputs, tree

from briefing.errors import StaleOutputError
from briefing.pipeline import Project, check, generate

REAL_IDS = [
    "firstpost-russias-reaction",
    "ht-decoding-russias-position",
    "kremlin-influence-south-asia",
    "neutral-stance-explainer",
    "orf-rely-on-russia",
]

UNRELATED = textwrap.dedent("""\
    ---
    title: A lighthouse keeper retires
    outlet: Harbour Gazette
    authors: [Ann Example]
    published: 2024-11-02
    kind: news
    ---
    The keeper of the northern lighthouse retired after a long career on the rocks.
    Her successor will be the first to run the light from the mainland.
    """)


def test_project_paths(tmp_path: Path) -> None:
    project = Project.at(tmp_path)
    assert (project.seeds, project.docs, project.topic, project.report) == (
        tmp_path / "seeds",
        tmp_path / "docs",
        tmp_path / "topic.yml",
        tmp_path / "build" / "cleaning-report.txt",
    )
    assert project.shown(tmp_path / "seeds" / "a.md") == "seeds/a.md"
    assert project.shown(tmp_path.parent / "other") == str(tmp_path.parent / "other")
    moved = Project.at(tmp_path, docs=tmp_path / "out")
    assert moved.docs == tmp_path / "out" and moved.seeds == tmp_path / "seeds"


def test_real_briefing_is_gathered(real_gathered: Gathered) -> None:
    briefing = real_gathered.briefing
    assert sorted(a.source.id for a in briefing.articles) == REAL_IDS
    assert {a.source.id: a.source.path for a in briefing.articles} == {i: f"seeds/{i}.md" for i in REAL_IDS}
    for article in briefing.articles:
        assert [p.anchor for p in article.paragraphs] == [f"p{n}" for n in range(1, len(article.paragraphs) + 1)]
    assert sorted(f.path for f in real_gathered.rendering.files if f.path.startswith("sources/")) == sorted(
        [f"sources/{i}.md" for i in REAL_IDS] + ["sources/index.md"]
    )


def test_generate_writes_only_docs_the_report_and_the_cache(real_generated: Scratch) -> None:
    assert sorted(p.name for p in real_generated.root.iterdir()) == [".cache", "build", "docs", "seeds", "topic.yml"]
    assert [p.name for p in (real_generated.root / ".cache").iterdir()] == ["briefing"]
    assert [p.name for p in (real_generated.root / "build").iterdir()] == ["cleaning-report.txt"]
    for source_id in REAL_IDS:
        assert (real_generated.docs / "sources" / f"{source_id}.md").exists()


def test_a_fresh_generation_in_another_process_is_byte_identical(real_generated: Scratch, tmp_path: Path) -> None:
    """Same inputs, same bytes: also across processes, where string hashing (and so set order) differs."""
    second = copy_real_inputs(tmp_path / "second")
    # build_site.py with its root at the copy, as if the contributor's checkout were there.
    code = (
        "import pathlib, sys, build_site; build_site.ROOT = pathlib.Path(sys.argv[1]); "
        "sys.exit(build_site.main(sys.argv[2:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(second.root), "generate", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    first_tree = real_generated.docs_tree()
    assert len(first_tree) >= len(REAL_IDS) + 5
    assert second.docs_tree() == first_tree
    assert (second.root / "build" / "cleaning-report.txt").read_bytes() == (
        real_generated.root / "build" / "cleaning-report.txt"
    ).read_bytes()


def test_generating_again_writes_nothing(generated: ProjectFactory) -> None:
    scratch = generated()
    stamps = {p: p.stat().st_mtime_ns for p in scratch.docs.rglob("*") if p.is_file()}
    before = scratch.docs_tree()
    outcome = scratch.generate()
    assert outcome.plan.writes == {} and outcome.plan.deletes == []
    assert outcome.plan.unchanged == len(before) - 1  # all but the manifest, which is not a page
    assert scratch.docs_tree() == before
    assert {p: p.stat().st_mtime_ns for p in scratch.docs.rglob("*") if p.is_file()} == stamps


PARAGRAPH_HTML = re.compile(r'<p\b[^>]*\bid="(p\d+)"[^>]*>(.*?)</p>', re.DOTALL)


def anchors(scratch: Scratch, source_id: str) -> list[tuple[str, str]]:
    return PARAGRAPH_HTML.findall(scratch.read(f"docs/sources/{source_id}.md"))


def test_adding_an_article_leaves_every_anchor_unchanged(real_generated: Scratch, tmp_path: Path) -> None:
    grown = copy_real_inputs(tmp_path / "grown")
    grown.write("seeds/000-lighthouse.md", UNRELATED)  # sorts before every existing seed
    grown.generate()
    old_data = {s["id"]: s for s in json.loads(real_generated.read("docs/data/briefing.json"))["sources"]}
    new_data = {s["id"]: s for s in json.loads(grown.read("docs/data/briefing.json"))["sources"]}
    assert sorted(new_data) == sorted(REAL_IDS + ["000-lighthouse"])
    for source_id in REAL_IDS:
        before = anchors(real_generated, source_id)
        assert len(before) == len(old_data[source_id]["paragraphs"]) > 5
        assert anchors(grown, source_id) == before
        assert new_data[source_id]["paragraphs"] == old_data[source_id]["paragraphs"]
    assert [a for a, _ in anchors(grown, "000-lighthouse")] == ["p1", "p2"]


def test_check_passes_after_generate_and_writes_nothing(generated: ProjectFactory) -> None:
    scratch = generated()
    (scratch.root / "build" / "cleaning-report.txt").unlink()
    before = scratch.docs_tree()
    outcome = check(scratch.project)
    assert outcome.plan.changes == []
    assert scratch.docs_tree() == before
    assert not (scratch.root / "build" / "cleaning-report.txt").exists()


def test_check_before_any_generate_fails_and_creates_nothing(project: ProjectFactory) -> None:
    scratch = project()
    with pytest.raises(StaleOutputError) as caught:
        check(scratch.project)
    assert str(caught.value).startswith(
        "docs/ is not what generate would write: docs/.briefing-manifest.json, docs/about.md, "
    )
    assert str(caught.value).endswith(" more would change (run: python build_site.py generate, and commit the result)")
    assert not scratch.docs.exists()


def test_check_names_the_stale_file_after_a_seed_edit(generated: ProjectFactory) -> None:
    scratch = generated()
    scratch.write("seeds/beta.txt", scratch.read("seeds/beta.txt").replace("crowded meeting", "packed meeting"))
    before = scratch.docs_tree()
    with pytest.raises(StaleOutputError) as caught:
        check(scratch.project)
    assert str(caught.value) == (
        "docs/ is not what generate would write: docs/.briefing-manifest.json, "
        "docs/data/briefing.json, docs/sources/beta.md would change "
        "(run: python build_site.py generate, and commit the result)"
    )
    assert scratch.docs_tree() == before
    generate(scratch.project)
    assert check(scratch.project).plan.changes == []


def test_cleaning_report(generated: ProjectFactory) -> None:
    scratch = generated()
    report = scratch.read("build/cleaning-report.txt")
    expected_alpha = textwrap.dedent("""\
        == seeds/alpha.md (5 paragraphs kept, 7 removed)
          line 9 [title-line] the title line, shown as the page title
              The harbour board votes to widen the channel
          line 11 [caption] image caption or alt text (a short, untitled phrase with no full stop)
              Dredgers at work in the northern channel at dawn
          line 13 [share-buttons] share-button label
              Facebook
          line 14 [share-buttons] share-button label
              Twitter
          line 16 [image-credit] image caption with its photo credit
              Cranes at the quay(REUTERS)
          line 18 [related-articles] unrelated stories the publisher appended after the article (from the 'Related Articles' marker on line 18)
              Related Articles
          line 19 [related-articles] unrelated stories the publisher appended after the article (from the 'Related Articles' marker on line 18)
              Lighthouse keeper retires after forty years
        """)
    assert report.startswith("Cleaning report: every line or fragment removed from the seeds, and why.\n\n")
    assert expected_alpha in report
    assert "== seeds/beta.txt (3 paragraphs kept, 2 removed)\n" in report


def test_removed_text_is_only_in_the_report(generated: ProjectFactory) -> None:
    scratch = generated()
    for text in tree(scratch.docs).values():
        for removed in (
            b"Lighthouse keeper",
            b"Dredgers at work",
            b"Cranes at the quay",
            b"3 hours ago",
            b"Facebook",
            b"Related Articles",
        ):
            assert removed not in text
    data = json.loads(scratch.read("docs/data/briefing.json"))
    alpha = next(s for s in data["sources"] if s["id"] == "alpha")
    assert [p["text"] for p in alpha["paragraphs"]][3] == (
        "Ships now wait offshore for the tide, which raises costs for every importer."
    )
    assert alpha["removed_count"] == 7
