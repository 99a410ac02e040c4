"""Zensical, Material's successor, builds the same docs/ from the same mkdocs.yml (MkDocs stays the default).

The build runs in a copy of the project (Zensical refuses a docs_dir or site_dir outside the folder of its
config). These tests check that it passes --strict and that the pages carry what the MkDocs site does:
paragraph anchors, citations with their quotes, edit buttons naming the real file, a search index, and
nothing fetched from another host. What Zensical 0.0.73 leaves out: "Last update" dates (it runs no MkDocs
plugins or hooks), and it writes search.json instead of search/search_index.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:
    from sitebuild import ROOT, ZensicalBuild, cli, read_page, site_pages, zensical_build
except ImportError:  # tests/ collected as a package
    from tests.sitebuild import ROOT, ZensicalBuild, cli, read_page, site_pages, zensical_build

pytestmark = pytest.mark.site


def _setting(key: str) -> str:
    match = re.search(rf"^{key}:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert match, f"mkdocs.yml has no {key}"
    return match.group(1).strip("'\"")


REPO_URL = _setting("repo_url").rstrip("/")
SITE_URL = _setting("site_url").rstrip("/") + "/"


@pytest.fixture(scope="module")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    """docs/ generated fresh from the real seeds/ and topic.yml, then built by Zensical."""
    work = tmp_path_factory.mktemp("zensical")
    docs = work / "docs"
    generated = cli("generate", "--docs", docs, "--report", work / "cleaning-report.txt")
    assert generated.returncode == 0, generated.stderr
    built = zensical_build(work, docs)
    assert built.result.returncode == 0, built.result.stdout + built.result.stderr
    return built


def _data(built: ZensicalBuild) -> dict:
    return json.loads((built.site / "data" / "briefing.json").read_text(encoding="utf-8"))


def test_zensical_strict_build_reports_no_issues(zensical: ZensicalBuild) -> None:
    output = zensical.result.stdout + zensical.result.stderr
    assert "No issues found" in output, output
    for page in (
        "index.html",
        "briefing/position/index.html",
        "briefing/timeline/index.html",
        "sources/index.html",
        "about/index.html",
    ):
        assert (zensical.site / page).is_file(), page


def test_zensical_source_pages_have_every_paragraph_anchor(zensical: ZensicalBuild) -> None:
    for source in _data(zensical)["sources"]:
        page = read_page(zensical.site / "sources" / source["id"] / "index.html")
        anchors = sorted(int(i[1:]) for i in page.ids if re.fullmatch(r"p\d+", i))
        assert anchors == list(range(1, len(source["paragraphs"]) + 1)), source["id"]


def test_zensical_citations_carry_their_quotes_and_our_script(zensical: ZensicalBuild) -> None:
    data = _data(zensical)
    quotes = {c["quote"] for item in data["statements"] + data["arguments"] + data["events"] for c in item["citations"]}
    page = read_page(zensical.site / "briefing" / "position" / "index.html")
    cites = [attrs for tag, attrs in page.tags if tag == "a" and "bp-cite" in attrs.get("class", "").split()]
    assert cites, "no citation on the position page"
    for attrs in cites:
        assert " ".join(attrs["data-quote"].split()) in {" ".join(q.split()) for q in quotes}, attrs["data-quote"]
        assert re.fullmatch(r"\.\./\.\./sources/[a-z0-9-]+/#p\d+", attrs["href"]), attrs["href"]
    scripts = [attrs.get("src", "") for tag, attrs in page.tags if tag == "script"]
    assert any(src.endswith("javascripts/briefing.js") for src in scripts), scripts


def test_zensical_edit_buttons_point_at_the_file_to_edit(zensical: ZensicalBuild) -> None:
    def edit_link(path: Path) -> str:
        links = [attrs["href"] for tag, attrs in read_page(path).tags if tag == "a" and attrs.get("rel") == "edit"]
        assert len(links) == 1, (path, links)
        return links[0]

    source = _data(zensical)["sources"][0]
    assert (
        edit_link(zensical.site / "sources" / source["id"] / "index.html") == f"{REPO_URL}/edit/main/{source['seed']}"
    )
    assert edit_link(zensical.site / "index.html") == f"{REPO_URL}/edit/main/docs/index.md"
    assert edit_link(zensical.site / "briefing" / "position" / "index.html") == f"{REPO_URL}/edit/main/topic.yml"
    assert edit_link(zensical.site / "sources" / "index.html") == f"{REPO_URL}/tree/main/seeds/"


def test_zensical_search_index_holds_every_source(zensical: ZensicalBuild) -> None:
    index = json.loads((zensical.site / "search.json").read_text(encoding="utf-8"))
    locations = {item["location"].split("#")[0] for item in index["items"]}
    for source in _data(zensical)["sources"]:
        assert f"sources/{source['id']}/" in locations, source["id"]


def test_zensical_site_asks_no_other_host(zensical: ZensicalBuild) -> None:
    problems = []
    for path in [*site_pages(zensical.site), *zensical.site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "fonts.gstatic", "//unpkg", "cdn.jsdelivr", "cdnjs."):
            if needle in text:
                problems.append(f"{path.relative_to(zensical.site)}: mentions {needle}")
    for path in site_pages(zensical.site):
        for tag, attr, value in read_page(path).links:
            if (
                tag in ("script", "link", "img", "iframe")
                and re.match(r"^\s*(https?:)?//", value)
                and not value.startswith(SITE_URL)
            ):  # the canonical address is the site's own
                problems.append(f"{path.relative_to(zensical.site)}: <{tag} {attr}={value!r}>")
    assert not problems, "\n".join(problems)
