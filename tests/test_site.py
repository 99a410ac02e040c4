"""Site-level tests: build the real project with the CLI (``build_site.py build``) into a temporary
folder and check the HTML MkDocs wrote: strict build, paragraph anchors, links and anchors, no
third-party requests, edit buttons, search index, published data, and that hostile article text
stays text. The real docs/ and site/ are never written: docs/ is copied first."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest

try:
    from sitebuild import HOSTILE_TITLE, ROOT, Build, build, build_hostile, read_page, site_pages
except ImportError:  # tests/ collected as a package
    from tests.sitebuild import HOSTILE_TITLE, ROOT, Build, build, build_hostile, read_page, site_pages

pytestmark = pytest.mark.site


def _identity(key: str) -> str:
    """A value of the site's identity, which mkdocs.yml takes from the topic config (briefing/identity.py)."""
    from briefing import identity
    from briefing.config import load_topic

    values = {s.key: s.value for s in identity.settings(load_topic(ROOT / "topic.yml", "topic.yml"))}
    assert values[key], f"topic.yml gives no {key}"
    return values[key]


SITE_URL = _identity("site_url").rstrip("/") + "/"
REPO_URL = _identity("repo_url").rstrip("/")


def seed_ids(seeds: Path) -> dict[str, str]:
    """source id -> seed file name, as the read stage names them (file stem as a URL slug)."""
    ids = {}
    for path in sorted(seeds.iterdir()):
        if path.is_file() and path.suffix.lower() in (".md", ".txt") and not path.name.startswith(("_", ".")):
            ids[re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")] = path.name
    return ids


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real seeds/, topic.yml and a copy of docs/, built once with the CLI."""
    result = build(tmp_path_factory.mktemp("real"), docs_from=ROOT / "docs")
    assert result.result.returncode == 0, result.result.stderr or result.result.stdout
    return result


# --- the build ---------------------------------------------------------------------------------


def test_strict_build_succeeds_without_warnings(real: Build, tmp_path: Path) -> None:
    assert real.result.returncode == 0
    output = real.result.stdout + real.result.stderr
    assert "WARNING" not in output and "error" not in output.lower(), output
    assert (real.site / "index.html").is_file()
    # `build` runs MkDocs with --quiet; run it again verbosely on the same docs to see every message.
    # MkDocs logs some link problems at INFO, so anything beyond the three routine lines fails.
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "BRIEFING_DOCS_DIR": str(real.docs),
        "BRIEFING_SITE_DIR": str(tmp_path / "site"),
    }
    verbose = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert verbose.returncode == 0, verbose.stderr
    routine = re.compile(
        r"INFO\s+-\s+(Cleaning site directory|Building documentation to directory"
        r"|Documentation built in|\S+ has no git history: pages get no 'Last update' date)"
    )
    unexpected = [
        line for line in (verbose.stdout + verbose.stderr).splitlines() if line.strip() and not routine.match(line)
    ]
    assert not unexpected, "MkDocs reported:\n" + "\n".join(unexpected)


def test_every_source_page_has_numbered_paragraph_anchors(real: Build) -> None:
    data = json.loads((real.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    counts = {source["id"]: len(source["paragraphs"]) for source in data["sources"]}
    ids = seed_ids(real.seeds)
    assert ids and set(counts) == set(ids)
    for source_id in ids:
        page_path = real.site / "sources" / source_id / "index.html"
        assert page_path.is_file(), f"no page for seeds/{ids[source_id]}"
        page = read_page(page_path)
        anchors = sorted(int(i[1:]) for i in page.ids if re.fullmatch(r"p\d+", i))
        assert counts[source_id] > 0, f"seeds/{ids[source_id]} kept no paragraph"
        assert anchors == list(range(1, counts[source_id] + 1)), f"{source_id}: anchors {anchors}"
        own_links = {value for tag, attr, value in page.links if tag == "a" and attr == "href"}
        assert {f"#p{n}" for n in anchors} <= own_links, f"{source_id}: a paragraph has no ¶ link"


def _site_path(site: Path, url_path: str) -> Path | None:
    """The file a server would send for a site-absolute URL path, or None."""
    target = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_every_internal_link_and_anchor_resolves(real: Build) -> None:
    base_path = urlsplit(SITE_URL).path  # 404.html uses site-absolute paths under site_url
    pages = {path: read_page(path) for path in site_pages(real.site)}
    ids_of = {path.resolve(): page.ids for path, page in pages.items()}
    broken: list[str] = []
    checked = 0
    for path, page in pages.items():
        here = "/" + path.relative_to(real.site).as_posix()
        for tag, attr, value in page.links:
            value = value.strip()
            if not value or value.startswith(("mailto:", "tel:", "data:")):
                continue
            if value.lower().startswith("javascript:"):
                broken.append(f"{here}: <{tag} {attr}={value!r}> is a javascript: link")
                continue
            if value.startswith(SITE_URL):
                value = "/" + value[len(SITE_URL) :]
            elif re.match(r"^(https?:)?//", value):
                continue  # another site: not checked offline
            url = urljoin(here, value)
            parts = urlsplit(url)
            url_path = parts.path
            if path.name == "404.html" and url_path.startswith(base_path):
                url_path = "/" + url_path[len(base_path) :]
            target = _site_path(real.site, url_path)
            checked += 1
            if target is None:
                broken.append(f"{here}: <{tag} {attr}={value!r}> -> {url_path} does not exist")
                continue
            if parts.fragment and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if fragment not in ids_of.get(target.resolve(), set()):
                    broken.append(
                        f"{here}: <{tag} {attr}={value!r}> -> no id {fragment!r} in {target.relative_to(real.site)}"
                    )
    assert checked > 100, f"only {checked} links checked: is the site empty?"
    assert not broken, "\n".join(broken)


REQUEST_TAGS = {"link", "script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"}


def test_no_third_party_request_targets(real: Build) -> None:
    """The HTML and CSS ask no other host for anything: no web fonts, no CDN, no API."""
    problems: list[str] = []
    for path in site_pages(real.site):
        here = path.relative_to(real.site).as_posix()
        for tag, attr, value in read_page(path).links:
            if tag in REQUEST_TAGS and re.match(r"^\s*(https?:)?//", value) and not value.startswith(SITE_URL):
                problems.append(f"{here}: <{tag} {attr}={value!r}>")
    for path in [*site_pages(real.site), *real.site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        here = path.relative_to(real.site).as_posix()
        for needle in ("fonts.googleapis", "fonts.gstatic", "//unpkg", "cdn.jsdelivr", "cdnjs."):
            if needle in text:
                problems.append(f"{here}: mentions {needle}")
        for match in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text):
            if not match.group(1).startswith(SITE_URL):
                problems.append(f"{here}: CSS loads {match.group(1)}")
        # Material's repo widget fetches api.github.com star counts when this hook is present.
        if 'data-md-component="source"' in text:
            problems.append(f'{here}: has data-md-component="source" (fetches api.github.com)')
    assert not problems, "\n".join(problems)


def _edit_link(page_path: Path) -> str:
    links = [
        values.get("href", "")
        for tag, values in read_page(page_path).tags
        if tag == "a" and values.get("rel") == "edit"
    ]
    assert len(links) == 1, f"{page_path}: expected one edit button, found {links}"
    return links[0]


def test_edit_buttons_point_at_the_file_to_edit(real: Build) -> None:
    for source_id, file_name in seed_ids(real.seeds).items():
        href = _edit_link(real.site / "sources" / source_id / "index.html")
        assert href == f"{REPO_URL}/edit/main/seeds/{file_name}", source_id
    assert _edit_link(real.site / "about" / "index.html") == f"{REPO_URL}/edit/main/docs/about.md"
    assert _edit_link(real.site / "index.html") == f"{REPO_URL}/edit/main/docs/index.md"
    assert _edit_link(real.site / "sources" / "index.html").startswith(f"{REPO_URL}/tree/main/seeds")


def pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    """Every page Pagefind indexed: its URL, title and text (fragments are gzip'd JSON)."""
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragments.append(json.loads(data[len(b"pagefind_dcd") :]))
    return fragments


def test_search_index_holds_the_articles(real: Build) -> None:
    entry = json.loads((real.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = pagefind_fragments(real.site)
    assert entry["languages"]["en"]["page_count"] == len(fragments)
    urls = {fragment["url"] for fragment in fragments}
    for source_id in seed_ids(real.seeds):
        assert f"/sources/{source_id}/" in urls
    assert {"/", "/briefing/position/", "/sources/", "/about/"} <= urls
    # A long word from a kept paragraph of each article can be found on its own page.
    data = json.loads((real.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    by_url = {fragment["url"]: fragment for fragment in fragments}
    for source in data["sources"]:
        words = re.findall(r"[A-Za-z]{9,}", " ".join(p["text"] for p in source["paragraphs"]))
        assert words, source["id"]
        word = max(words, key=len).lower()
        assert word in by_url[f"/sources/{source['id']}/"]["content"].lower(), f"{word!r} is not indexed"
    # Only the article is indexed: no header, navigation, footer or edit button.
    for fragment in fragments:
        assert "Made with" not in fragment["content"] and "Edit this page" not in fragment["content"]
        assert "Skip to content" not in fragment["content"], fragment["url"]


def test_material_search_is_off_and_pages_load_no_search_code(real: Build) -> None:
    assert not (real.site / "search").exists()
    for page in site_pages(real.site):
        html = page.read_text(encoding="utf-8")
        assert "search_index.json" not in html, page
        assert not re.search(r"<(script|link)\b[^>]*pagefind", html), f"{page} loads search code up front"
        assert 'class="md-header__button md-icon briefing-search__open"' in html, page


def test_briefing_json_is_published(real: Build) -> None:
    published = real.site / "data" / "briefing.json"
    assert published.is_file()
    assert published.read_bytes() == (real.docs / "data" / "briefing.json").read_bytes()
    data = json.loads(published.read_text(encoding="utf-8"))
    assert {s["id"] for s in data["sources"]} == set(seed_ids(real.seeds))
    assert 'href="../data/briefing.json"' in (real.site / "about" / "index.html").read_text(encoding="utf-8")


# --- last update from git -----------------------------------------------------------------------

GIT_DATE = "git-revision-date-localized-plugin-date"


def _mkdocs_build(docs: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_DOCS_DIR": str(docs), "BRIEFING_SITE_DIR": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_pages_show_the_date_of_their_last_commit(real: Build, tmp_path: Path) -> None:
    """docs/ in a git repository: each page's footer gives the author date of the last commit that changed it."""
    repo = tmp_path / "repo"
    shutil.copytree(real.docs, repo / "docs")
    dated = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2025-05-07T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-05-07T12:00:00+00:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "docs"]):
        subprocess.run(["git", "-C", str(repo), *command], env=dated, check=True, capture_output=True)
    (repo / "docs" / "about.md").write_text(
        (repo / "docs" / "about.md").read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8"
    )
    later = {**dated, "GIT_AUTHOR_DATE": "2026-01-02T08:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-02T08:00:00+00:00"}
    subprocess.run(["git", "-C", str(repo), "commit", "-qam", "about"], env=later, check=True, capture_output=True)
    first = _mkdocs_build(repo / "docs", tmp_path / "site1")
    assert first.returncode == 0, first.stderr
    home = (tmp_path / "site1" / "index.html").read_text(encoding="utf-8")
    about = (tmp_path / "site1" / "about" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'class="[^"]*{GIT_DATE}"[^>]*>May 7, 2025<', home), "no last-update date on the home page"
    assert re.search(rf'class="[^"]*{GIT_DATE}"[^>]*>January 2, 2026<', about), "about.md's own last commit"
    second = _mkdocs_build(repo / "docs", tmp_path / "site2")
    assert second.returncode == 0 and _tree(tmp_path / "site1") == _tree(tmp_path / "site2"), "not reproducible"


def test_without_git_history_pages_have_no_date_and_builds_are_identical(real: Build, tmp_path: Path) -> None:
    """A downloaded archive has no .git: the strict build still passes, shows no date and never the build date."""
    assert not any(GIT_DATE in path.read_text(encoding="utf-8") for path in site_pages(real.site))
    again = _mkdocs_build(real.docs, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert "has no git history" in again.stderr
    # The same MkDocs output; site/pagefind/ is Pagefind's index, made by build_site.py after MkDocs.
    built = {path: data for path, data in _tree(real.site).items() if not path.startswith("pagefind/")}
    assert built == _tree(tmp_path / "again")


# --- hostile article text ----------------------------------------------------------------------

# Each hostile line, as it must read on the page (literal text after HTML parsing).
HOSTILE_LITERALS = [
    "<script>alert(1)</script> was printed",
    "<img src=x onerror=alert(1)> appeared",
    "# Heading lines like this one",
    "| a | b | is how a Markdown table row starts",
    "> quote marks start a Markdown blockquote",
    "- item lines start a Markdown list",
    "1. item lines start a numbered Markdown list",
    "[click](javascript:alert(1)) is a Markdown link",
    '<a href="javascript:alert(1)">x</a> is a raw HTML link',
    "**bold** is Markdown emphasis",
]
LIVE_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "blockquote",
    "li",
    "ul",
    "ol",
    "strong",
    "em",
    "b",
    "a",
    "script",
    "img",
}


class _TextInContext(HTMLParser):
    """Every text chunk with the tags it sits in, plus every tag's attributes."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.chunks: list[tuple[str, tuple[str, ...]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.chunks.append((data, tuple(self.stack)))


def _parse(path: Path) -> _TextInContext:
    parser = _TextInContext()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _assert_nothing_live(site: Path) -> None:
    """No page of the site has a script, tag, event handler or javascript: link made from seed text."""
    problems: list[str] = []
    for path in site_pages(site):
        here = path.relative_to(site).as_posix()
        raw = path.read_text(encoding="utf-8")
        if re.search(r"<script[^>]*>\s*alert", raw, re.I):
            problems.append(f"{here}: live <script>alert")
        parsed = _parse(path)
        for tag, attrs in parsed.tags:
            for name, value in attrs.items():
                if name.startswith("on") and "alert" in value:
                    problems.append(f"{here}: <{tag} {name}={value!r}> (event handler from seed text)")
                if name in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                    problems.append(f"{here}: <{tag} {name}={value!r}>")
            if tag == "img" and attrs.get("src") in ("x", "y"):
                problems.append(f"{here}: <img src={attrs['src']}> made from seed text")
        for text, stack in parsed.chunks:
            if text.strip() == "views" and "b" in stack:
                problems.append(f"{here}: <b>views</b> from the title became bold")
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build_hostile(tmp_path_factory.mktemp("hostile"))
    assert result.result.returncode == 0, result.result.stderr or result.result.stdout
    return result


def test_hostile_text_builds_no_live_markup(hostile: Build) -> None:
    _assert_nothing_live(hostile.site)
    raw = (hostile.site / "sources" / "hostile-article" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw or "&#60;script&#62;alert(1)" in raw


def test_hostile_lines_are_shown_literally_and_make_no_blocks(hostile: Build) -> None:
    page = _parse(hostile.site / "sources" / "hostile-article" / "index.html")
    for literal in HOSTILE_LITERALS:
        homes = [stack for text, stack in page.chunks if literal in text]
        assert homes, f"{literal!r} is not shown as text on the source page"
        for stack in homes:
            live = LIVE_TAGS.intersection(stack)
            assert not live, f"{literal!r} ended up inside <{'>, <'.join(sorted(live))}>"
    headings = [text for text, stack in page.chunks if {"h1", "h2", "h3", "h4", "h5", "h6"} & set(stack)]
    assert not any("Heading lines" in text for text in headings)
    # The front-matter title is shown, with its tags as text; the javascript: address is not linked.
    title = HOSTILE_TITLE
    assert any(title in text and "h1" in stack for text, stack in page.chunks), "title not shown literally"
    assert any("not shown (not an http or https address)" in text for text, _ in page.chunks)
    data = json.loads((hostile.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert data["sources"][0]["url"] is None


def test_a_title_in_an_attribute_reads_back_exactly(hostile: Build) -> None:
    """The footer's "Next: …" labels name the pages by title: escaped once, they read back as the
    title ("Who's who", not "Who&#x27;s who", which a screen reader spells out)."""
    labels = [
        attrs["aria-label"]
        for path in site_pages(hostile.site)
        for tag, attrs in _parse(path).tags
        if tag == "a" and "md-footer__link" in attrs.get("class", "")
    ]
    assert "Previous: Who's who" in labels
    assert not [label for label in labels if re.search(r"&(#\w+|amp|lt|gt|quot);", label)]


def test_hostile_quote_in_a_citation_attribute_reads_back_exactly(hostile: Build) -> None:
    """A cited sentence with quote marks, braces and a <script> tag: its data-quote is that text, nothing more."""
    data = json.loads((hostile.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    quotes = {
        c["quote"] for kind in ("statements", "arguments", "events") for item in data[kind] for c in item["citations"]
    }
    hostile_quotes = {q for q in quotes if "<script>" in q and '"' in q and "}" in q}
    assert hostile_quotes, "the hostile sentence is no longer cited: the test proves nothing"
    seen: set[str] = set()
    for path in site_pages(hostile.site):
        for tag, attrs in _parse(path).tags:
            assert "evil" not in attrs.get("class", ""), f"{path}: an attribute list from seed text took effect"
            if tag == "a" and "bp-cite" in attrs.get("class", "").split():
                assert attrs["data-quote"] in quotes, f"{path}: data-quote {attrs['data-quote']!r} is not a cited quote"
                seen.add(attrs["data-quote"])
    assert hostile_quotes <= seen


def test_hostile_title_is_text_in_the_search_index(hostile: Build) -> None:
    """Pagefind indexes the text a reader sees: the hostile title is stored as those characters (the
    page showed it as text), and its UI escapes it again when it shows a result
    (test_browser.py::test_hostile_article_runs_no_script searches for it)."""
    title = HOSTILE_TITLE
    fragment = next(f for f in pagefind_fragments(hostile.site) if f["url"] == "/sources/hostile-article/")
    assert fragment["meta"]["title"] == title
    assert title in fragment["content"]


def test_hostile_seed_file_name_is_refused_or_shown_as_text(tmp_path: Path) -> None:
    """A file name is seed text too: it may be refused (exit 2, naming the file) or shown as text."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    name = 'evil`<img src=x onerror=alert(9)>`"-->.md'
    (seeds / name).write_text(
        "Russia urged restraint on 7 May 2025 and offered help to both sides.\n", encoding="utf-8"
    )
    result = build(tmp_path, seeds=seeds, topic=ROOT / "topic.yml")
    if result.result.returncode == 2:
        assert "evil" in result.result.stderr, result.result.stderr
        return
    assert result.result.returncode == 0, result.result.stderr
    _assert_nothing_live(result.site)
    page = next((result.site / "sources").glob("*/index.html"))
    edit = _edit_link(page)
    assert unquote(edit).endswith(name), f"edit link cut short by the file name: {edit!r}"
