"""Browser tests: the built site served on 127.0.0.1 and driven with Debian's Chromium (Playwright).

Needs /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it). Without it these tests
FAIL rather than skip, so a CI machine that lost its browser cannot pass silently. Playwright's own
browser download (`playwright install`) is not used: it cannot be fetched here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright

try:
    from sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, build_hostile, serve
except ImportError:  # tests/ collected as a package
    from tests.sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, build_hostile, serve

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}, "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(tmp_path_factory.mktemp("browser"), docs_from=ROOT / "docs")
    assert result.result.returncode == 0, result.result.stderr or result.result.stdout
    return result


@pytest.fixture(scope="module")
def site_url(built: Build) -> Iterator[str]:
    with serve(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
                    "(the browser tests fail rather than skip without it)", pytrace=False)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class Visit:
    """A fresh browser context that records every request and page error."""

    def __init__(self, browser: Browser, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    v = Visit(browser, DESKTOP)
    yield v
    v.close()
    # Every test's traffic stays on 127.0.0.1, and no page throws.
    assert not v.foreign_requests(), f"requests left 127.0.0.1: {v.foreign_requests()}"
    assert not v.errors, f"JavaScript errors: {v.errors}"


@pytest.fixture
def page(visit: Visit) -> Page:
    return visit.page


@pytest.fixture(scope="module")
def source_ids(built: Build) -> list[str]:
    data = json.loads((built.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    return [source["id"] for source in data["sources"]]


@pytest.fixture(scope="module")
def nav_pages(built: Build, browser: Browser, site_url: str) -> list[str]:
    """Every page in the site navigation (read from the rendered nav), as URLs."""
    v = Visit(browser, DESKTOP)
    try:
        v.page.goto(site_url)
        hrefs = v.page.eval_on_selector_all(
            "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)")
    finally:
        v.close()
    pages = sorted({href.split("#")[0] for href in hrefs if href.startswith(site_url)})
    assert site_url in pages and len(pages) >= 3, pages
    return pages


def _wait_ready(page: Page) -> None:
    page.wait_for_load_state("load")
    expect(page.locator("article.md-content__inner h1").first).to_be_visible()


# --- rendering, search, anchors ----------------------------------------------------------------


def test_home_page_renders(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _wait_ready(page)
    expect(page).to_have_title(re.compile("Briefing"))
    expect(page.locator("header.md-header")).to_be_visible()
    expect(page.locator(".md-tabs")).to_be_visible()
    assert page.locator("article.md-content__inner p").count() > 2


def search(page: Page, word: str) -> None:
    """Open the header's search (Pagefind), type ``word`` and wait for the first result."""
    page.locator("header .briefing-search__open").click()
    box = page.locator("#briefing-search input.pagefind-ui__search-input")
    expect(box).to_be_focused(timeout=10_000)
    box.press_sequentially(word, delay=20)
    expect(page.locator(".pagefind-ui__result-link").first).to_be_visible(timeout=10_000)


def test_search_finds_a_word_from_a_seed(page: Page, site_url: str, built: Build) -> None:
    data = json.loads((built.site / "data" / "briefing.json").read_text(encoding="utf-8"))
    text = " ".join(p["text"] for p in data["sources"][0]["paragraphs"])
    word = max(re.findall(r"[A-Za-z]{8,}", text), key=len)
    page.goto(site_url)
    _wait_ready(page)
    search(page, word)
    expect(page.locator(".pagefind-ui__message")).to_contain_text(re.compile(r"\d+ results? for"))
    hrefs = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
    assert any(f"/sources/{data['sources'][0]['id']}/" in href for href in hrefs), (word, hrefs)
    # A result is a working link into the site.
    page.locator(".pagefind-ui__result-link").first.click()
    expect(page.locator("#briefing-search")).not_to_have_attribute("open", "")
    assert urlsplit(page.url).path.startswith(urlsplit(site_url).path)


def test_search_downloads_nothing_until_the_reader_searches(visit: Visit, site_url: str) -> None:
    page = visit.page
    page.goto(site_url)
    _wait_ready(page)
    page.wait_for_load_state("networkidle")
    assert not [url for url in visit.requests if "/pagefind/" in url or "/search/" in url], visit.requests
    before = len(visit.requests)
    page.keyboard.press("/")  # the shortcut opens search too
    expect(page.locator("#briefing-search")).to_have_attribute("open", "")
    page.locator("#briefing-search input").press_sequentially("Russia", delay=20)
    expect(page.locator(".pagefind-ui__result-link").first).to_be_visible(timeout=10_000)
    fetched = visit.requests[before:]
    assert any(url.endswith("/pagefind/pagefind-entry.json") or "pagefind-entry.json?" in url for url in fetched)
    page.keyboard.press("Escape")
    expect(page.locator("#briefing-search")).not_to_have_attribute("open", "")


def test_search_sits_in_the_header(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _wait_ready(page)
    button = page.locator("header.md-header .briefing-search__open")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Search")


def test_paragraph_anchor_lands_on_the_paragraph(page: Page, site_url: str, source_ids: list[str]) -> None:
    page.goto(urljoin(site_url, f"sources/{source_ids[0]}/"))
    _wait_ready(page)
    page.locator('a.bp-para__anchor[href="#p3"]').click()
    expect(page).to_have_url(re.compile(r"#p3$"))
    target = page.locator(":target")
    expect(target).to_have_id("p3")
    expect(target).to_be_in_viewport()
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid", "the :target paragraph is not highlighted"


def test_citation_opens_the_paragraph(page: Page, site_url: str, nav_pages: list[str]) -> None:
    """A citation (a link to sources/<id>/#pN from another page) lands on its paragraph."""
    citation = None
    for url in nav_pages:
        page.goto(url)
        links = page.locator('article a[href*="sources/"][href*="#p"]')
        if links.count():
            citation = links.first
            break
    assert citation is not None, "no page in the nav links a citation to a source paragraph"
    href = citation.get_attribute("href") or ""
    citation.click()
    anchor = href.rsplit("#", 1)[1]
    page.wait_for_load_state("load")
    target = page.locator(":target")
    expect(target).to_have_id(anchor)
    expect(target).to_be_in_viewport()


# --- accessibility -----------------------------------------------------------------------------


def _axe_violations(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [f"{page.url}: {v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
            for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_wcag_a_aa_on_every_nav_page_and_a_source_page(browser: Browser, nav_pages: list[str],
                                                          site_url: str, source_ids: list[str],
                                                          scheme: str) -> None:
    v = Visit(browser, DESKTOP)
    try:
        v.page.emulate_media(color_scheme=scheme)
        problems: list[str] = []
        for url in [*nav_pages, urljoin(site_url, f"sources/{source_ids[0]}/")]:
            v.page.goto(url)
            _wait_ready(v.page)
            expected = "slate" if scheme == "dark" else "default"
            expect(v.page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
            problems += _axe_violations(v.page)
        assert not problems, "axe (WCAG 2 A/AA):\n" + "\n".join(problems)
        assert not v.foreign_requests(), v.foreign_requests()
    finally:
        v.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_wcag_a_aa_on_the_open_search_with_results(browser: Browser, site_url: str, scheme: str) -> None:
    v = Visit(browser, DESKTOP)
    try:
        v.page.emulate_media(color_scheme=scheme)
        v.page.goto(site_url)
        _wait_ready(v.page)
        search(v.page, "Russia")
        problems = _axe_violations(v.page)
        assert not problems, "axe (WCAG 2 A/AA):\n" + "\n".join(problems)
    finally:
        v.close()


# --- layout: phone, print, theme ---------------------------------------------------------------


def test_phone_viewport_has_no_horizontal_scroll(browser: Browser, nav_pages: list[str], site_url: str,
                                                source_ids: list[str]) -> None:
    v = Visit(browser, PHONE)
    try:
        wide: list[str] = []
        for url in [*nav_pages, urljoin(site_url, f"sources/{source_ids[0]}/")]:
            v.page.goto(url)
            _wait_ready(v.page)
            scroll, inner = v.page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                wide.append(f"{url}: scrollWidth {scroll} > innerWidth {inner}")
        assert not wide, "\n".join(wide)
    finally:
        v.close()


def test_print_hides_header_and_navigation(page: Page, site_url: str, source_ids: list[str]) -> None:
    page.goto(urljoin(site_url, f"sources/{source_ids[0]}/"))
    _wait_ready(page)
    page.emulate_media(media="print")
    for selector in ("header.md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("article.md-content__inner h1").first).to_be_visible()
    expect(page.locator("#p1")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("header.md-header")).to_be_visible()


def test_light_dark_toggle(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    _wait_ready(page)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator('form[data-md-component="palette"] label.md-header__button:visible')
    expect(toggle).to_have_count(1)
    expect(toggle).to_have_attribute("title", re.compile("dark mode"))
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.locator('form[data-md-component="palette"] label.md-header__button:visible').click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


# --- privacy -----------------------------------------------------------------------------------


def test_no_request_leaves_localhost(visit: Visit, nav_pages: list[str], site_url: str,
                                     source_ids: list[str]) -> None:
    page = visit.page
    for url in [*nav_pages, *(urljoin(site_url, f"sources/{sid}/") for sid in source_ids)]:
        page.goto(url)
        _wait_ready(page)
    search(page, "Russia")
    page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    assert visit.requests, "no request was recorded"
    assert not visit.foreign_requests(), f"requests left 127.0.0.1: {visit.foreign_requests()}"


# --- hostile article text ----------------------------------------------------------------------


def test_hostile_article_runs_no_script(browser: Browser, tmp_path: Path) -> None:
    """An article whose title and lines are markup: opening its page, the home page and a search
    for its title must not run anything (an executed alert() would open a dialog)."""
    hostile = build_hostile(tmp_path)
    assert hostile.result.returncode == 0, hostile.result.stderr
    v = Visit(browser, DESKTOP)
    dialogs: list[str] = []
    v.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        with serve(hostile.site) as url:
            for path in ("", "sources/", "sources/hostile-article/"):
                v.page.goto(urljoin(url, path))
                _wait_ready(v.page)
            search(v.page, "Breaking")
            results = v.page.locator("#briefing-search .pagefind-ui__results")
            expect(results).to_contain_text("<script>alert(1)</script>")  # shown as text
            assert results.locator("script, img, b").count() == 0
            v.page.wait_for_timeout(500)
            assert not dialogs, f"seed text ran as script: alert({', '.join(dialogs)})"
            assert not v.foreign_requests(), v.foreign_requests()
    finally:
        v.close()
