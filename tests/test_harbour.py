"""A second, made-up topic built end to end: the generator knows nothing of the default topic.

``tests/fixtures/harbour/`` holds a topic config about an invented strait dispute
and five short articles. It is generated and built into a strict MkDocs site
with the real command line, exactly as ``--topic other.yml`` would be used, and
no word of the default topic may appear on its pages, in its data or in its
site's identity.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

try:
    from sitebuild import Build, build, site_pages
except ImportError:  # tests/ collected as a package
    from tests.sitebuild import Build, build, site_pages

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "harbour"
TOPIC_FILE = "tests/fixtures/harbour/topic.yml"
# Words of the default topic (topic.yml and its seeds): none may reach another topic's site.
DEFAULT_TOPIC_WORDS = (
    "Russia",
    "Russian",
    "Moscow",
    "Kremlin",
    "Soviet",
    "India",
    "Indian",
    "Pakistan",
    "Sindoor",
    "Pahalgam",
    "Putin",
    "Lavrov",
    "Zakharova",
    "Peskov",
    "Modi",
    "Jaishankar",
    "Delhi",
    "Islamabad",
    "Kashmir",
)
_DEFAULT_WORDS = re.compile(r"\b(" + "|".join(DEFAULT_TOPIC_WORDS) + r")", re.IGNORECASE)

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(tmp_path_factory.mktemp("harbour"), seeds=FIXTURE / "seeds", topic=FIXTURE / "topic.yml")
    assert result.result.returncode == 0, result.result.stderr or result.result.stdout
    return result


def published_text(harbour: Build) -> dict[str, str]:
    """Every page, data file and search index the build wrote (MkDocs' own theme assets left out)."""
    files = {p: p for p in harbour.docs.rglob("*") if p.is_file()}
    files.update({p: p for p in site_pages(harbour.site)})
    files.update({p: p for p in (harbour.site / "search").glob("*.json")})
    files.update({p: p for p in (harbour.site / "data").rglob("*") if p.is_file()})
    files[harbour.site / "sitemap.xml"] = harbour.site / "sitemap.xml"
    return {str(p): p.read_text(encoding="utf-8") for p in files}


def test_the_made_up_topic_builds_a_strict_site(harbour: Build) -> None:
    data = json.loads((harbour.docs / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert data["title"] == "Norhaven and the Vell Strait dispute" and data["subject"] == "norhaven"
    assert len(data["sources"]) == 5
    assert {s["speaker"] for s in data["statements"]} <= {"ilse-varn", "tomas-brell", "norhaven"}
    assert data["statements"] and data["events"] and data["arguments"]
    assert {e["period"] for e in data["events"]} <= {"before", "closure", "after", None}
    assert (harbour.site / "briefing" / "position" / "index.html").exists()


def test_no_word_of_the_default_topic_on_its_pages_or_data(harbour: Build) -> None:
    found = {
        path: sorted({m.group(0) for m in _DEFAULT_WORDS.finditer(text)})
        for path, text in published_text(harbour).items()
        if _DEFAULT_WORDS.search(text)
    }
    assert found == {}


def test_the_site_has_the_topics_identity(harbour: Build) -> None:
    home = (harbour.site / "index.html").read_text(encoding="utf-8")
    assert "<title>Briefing: Norhaven and the Vell Strait dispute</title>" in home
    assert (
        'content="A source-grounded briefing on Norhaven&#39;s stance in the Vell Strait dispute."' in home
        or "A source-grounded briefing on Norhaven's stance in the Vell Strait dispute." in home
    )
    assert 'href="https://github.com/example/norhaven-briefing"' in home
    assert '<link rel="canonical" href="https://example.org/norhaven-briefing/">' in home


# Pages whose text names the topic file. position.md.j2 and counter.md.j2 still say `topic.yml` in their
# introduction (being rewritten elsewhere); add them here when they use {{ topic_file }}.
NAMING_PAGES = ("actors", "disagreements")


def test_edit_buttons_and_page_text_name_the_topic_file_in_use(harbour: Build) -> None:
    for page in ("position", "counter-arguments", "timeline", "actors", "disagreements"):
        html = (harbour.site / "briefing" / page / "index.html").read_text(encoding="utf-8")
        edit = re.search(r'<a href="([^"]+)" title="([^"]+)" class="md-content__button md-icon" rel="edit">', html)
        assert edit, page
        assert edit.group(1) == f"https://github.com/example/norhaven-briefing/edit/main/{TOPIC_FILE}", page
        assert edit.group(2) == f"This page is generated: edit {TOPIC_FILE} instead", page
        markdown = (harbour.docs / "briefing" / f"{page}.md").read_text(encoding="utf-8")
        assert f"Edit {TOPIC_FILE} instead" in markdown, page
        if page in NAMING_PAGES:
            assert "topic.yml`" not in markdown.replace(TOPIC_FILE, ""), page
    about = (harbour.docs / "about.md").read_text(encoding="utf-8")
    assert f"Every key of `{TOPIC_FILE}`" in about


def test_the_fixture_has_no_word_of_the_default_topic() -> None:
    """The fixture really is another topic: the default config's own words are in it nowhere."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in FIXTURE.rglob("*") if p.is_file())
    assert not _DEFAULT_WORDS.search(text)
