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
    from sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, build_hostile, serve, zensical_build
except ImportError:  # tests/ collected as a package
    from tests.sitebuild import CHROMIUM, CHROMIUM_ARGS, ROOT, Build, build, build_hostile, serve, zensical_build

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
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` "
            "(the browser tests fail rather than skip without it)",
            pytrace=False,
        )
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
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"
        ]

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
            "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(a => a.href)"
        )
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
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_wcag_a_aa_on_every_nav_page_and_a_source_page(
    browser: Browser, nav_pages: list[str], site_url: str, source_ids: list[str], scheme: str
) -> None:
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
            _shot(v.page, f"{scheme}-{_slug(url, site_url)}")
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


def test_phone_viewport_has_no_horizontal_scroll(
    browser: Browser, nav_pages: list[str], site_url: str, source_ids: list[str]
) -> None:
    v = Visit(browser, PHONE)
    try:
        wide: list[str] = []
        for url in [*nav_pages, urljoin(site_url, f"sources/{source_ids[0]}/")]:
            v.page.goto(url)
            _wait_ready(v.page)
            scroll, inner = v.page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
            _shot(v.page, f"phone-{_slug(url, site_url)}")
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


def test_no_request_leaves_localhost(visit: Visit, nav_pages: list[str], site_url: str, source_ids: list[str]) -> None:
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
            v.page.goto(urljoin(url, "briefing/position/"))
            _wait_ready(v.page)
            hostile_cite = v.page.locator("article a.bp-cite[data-quote*='<script>']").first
            hostile_cite.hover()
            expect(v.page.locator("#bp-cite-popover .bp-popover__quote")).to_contain_text("<script>alert(7)</script>")
            assert v.page.locator("#bp-cite-popover script").count() == 0
            search(v.page, "Breaking")
            results = v.page.locator("#briefing-search .pagefind-ui__results")
            expect(results).to_contain_text("<script>alert(1)</script>")  # shown as text
            assert results.locator("script, img, b").count() == 0
            v.page.wait_for_timeout(500)
            assert not dialogs, f"seed text ran as script: alert({', '.join(dialogs)})"
            assert not v.foreign_requests(), v.foreign_requests()
    finally:
        v.close()


# --- citations you can check without leaving the page ----------------------------------------

SCREENSHOTS = ROOT / "build" / "screenshots"


def _shot(page: Page, name: str, full_page: bool = False) -> None:
    """A screenshot of each page type and state, for a person to look at (build/ is git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def _slug(url: str, site_url: str) -> str:
    """A file name for a page's screenshot: home, briefing-position, sources-<id> …"""
    return url[len(site_url) :].strip("/").replace("/", "-") or "home"


def _folded(text: str) -> str:
    """Quote matching as the build does it: curly quotes and dashes folded, white space collapsed."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    return " ".join(text.translate(table).split()).lower()


def test_citation_popover_on_hover_shows_quote_source_and_date(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "briefing/position/"))
    _wait_ready(page)
    citation = page.locator("article a.bp-cite").first
    quote = citation.get_attribute("data-quote") or ""
    outlet = citation.get_attribute("data-outlet") or ""
    assert quote and outlet
    popover = page.locator("#bp-cite-popover")
    expect(popover).to_have_count(0)
    citation.hover()
    expect(popover).to_be_visible()
    expect(popover).to_have_attribute("role", "tooltip")
    expect(popover.locator(".bp-popover__quote")).to_have_text(f"“{quote}”")
    expect(popover.locator(".bp-popover__outlet")).to_have_text(outlet)
    expect(popover.locator(".bp-popover__date")).not_to_be_empty()
    expect(citation).to_have_attribute("aria-describedby", "bp-cite-popover")
    assert citation.get_attribute("title") is None, "the native tooltip would show on top of the popover"
    _shot(page, "position-popover-hover")
    page.mouse.move(5, 5)
    expect(popover).to_be_hidden()


def test_citation_popover_on_keyboard_focus(page: Page, site_url: str) -> None:
    page.goto(site_url)
    _wait_ready(page)
    # Tab through the page until the first citation has focus, as a keyboard user would.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('bp-cite')"):
            break
    else:
        pytest.fail("no citation was reached with the Tab key")
    focused = page.locator("a.bp-cite:focus")
    popover = page.locator("#bp-cite-popover")
    expect(popover).to_be_visible()
    expect(popover.locator(".bp-popover__quote")).to_have_text(f"“{focused.get_attribute('data-quote')}”")
    _shot(page, "home-popover-focus")
    page.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    page.keyboard.press("Shift+Tab")  # focus leaves the citation: no popover is left behind
    expect(popover).to_be_hidden()


def test_citation_popover_on_tap_then_second_tap_opens_the_quote(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(site_url, "briefing/timeline/"))
        _wait_ready(page)
        citation = page.locator("article a.bp-cite").first
        citation.scroll_into_view_if_needed()
        quote = citation.get_attribute("data-quote") or ""
        before = page.url
        citation.tap()
        popover = page.locator("#bp-cite-popover")
        expect(popover).to_be_visible()
        assert page.url == before, "the first tap must show the popover, not leave the page"
        expect(popover.locator(".bp-popover__quote")).to_have_text(f"“{quote}”")
        box = popover.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        _shot(page, "timeline-popover-tap-phone")
        citation.tap()
        page.wait_for_url(re.compile(r"/sources/[^/]+/\?quote=.*#p\d+$"))
        expect(page.locator("mark.bp-quote").first).to_be_visible()
        assert not errors, errors
    finally:
        context.close()


def test_arriving_from_a_citation_marks_the_quoted_sentence_not_the_paragraph(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "briefing/counter-arguments/"))
    _wait_ready(page)
    citation = page.locator("article a.bp-cite").first
    quote = citation.get_attribute("data-quote") or ""
    citation.click()
    page.wait_for_url(re.compile(r"/sources/[^/]+/\?quote=.*#p\d+$"))
    _wait_ready(page)
    paragraph = page.locator(":target")
    expect(paragraph).to_have_class(re.compile(r"\bbp-para\b"))
    marks = paragraph.locator("mark.bp-quote")
    expect(marks.first).to_be_visible()
    expect(marks.first).to_be_in_viewport()
    marked = "".join(marks.all_text_contents())
    assert _folded(marked) == _folded(quote), (marked, quote)
    whole = paragraph.text_content() or ""
    assert len(_folded(whole)) > len(_folded(marked)), "the whole paragraph is marked, not the quote"
    background = marks.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    _shot(page, "source-quote-highlight")


def test_arriving_from_cited_by_highlights_the_item(page: Page, site_url: str, source_ids: list[str]) -> None:
    for source_id in source_ids:
        page.goto(urljoin(site_url, f"sources/{source_id}/"))
        links = page.locator('article a[href*="briefing/"][href*="#"]')
        if links.count():
            break
    else:
        pytest.fail("no source page has a 'Cited by' link")
    href = links.first.get_attribute("href") or ""
    links.first.click()
    page.wait_for_load_state("load")
    target = page.locator(":target")
    expect(target).to_have_id(href.rsplit("#", 1)[1])
    expect(target).to_have_class(re.compile(r"\bbp-item\b"))
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    _shot(page, "briefing-item-from-cited-by")


def test_citation_links_are_at_least_24px_to_tap(browser: Browser, site_url: str) -> None:
    v = Visit(browser, PHONE)
    try:
        small: list[str] = []
        for path in ("", "briefing/position/", "briefing/timeline/"):
            v.page.goto(urljoin(site_url, path))
            _wait_ready(v.page)
            sizes = v.page.eval_on_selector_all(
                "article a.bp-cite",
                "links => links.map(a => { const r = a.getBoundingClientRect();"
                " return [a.textContent, r.width, r.height]; })",
            )
            assert sizes, f"no citation on {path or 'home'}"
            small += [f"{path}: {text!r} {w:.0f}x{h:.0f}" for text, w, h in sizes if w < 24 or h < 24]
        assert not small, "\n".join(small)
    finally:
        v.close()


def test_sources_table_fits_375px_without_sideways_scrolling(browser: Browser, site_url: str) -> None:
    v = Visit(browser, {"width": 375, "height": 812})
    try:
        v.page.goto(urljoin(site_url, "sources/"))
        _wait_ready(v.page)
        table = v.page.locator("article table").first
        expect(table).to_have_class(re.compile(r"\bbp-stack\b"))
        widths = v.page.evaluate("""() => {
            const wrap = document.querySelector('article .md-typeset__scrollwrap') || document.querySelector('article table');
            return [wrap.scrollWidth, wrap.clientWidth, document.scrollingElement.scrollWidth, window.innerWidth];
        }""")
        assert widths[0] <= widths[1] and widths[2] <= widths[3], f"sideways scrolling: {widths}"
        first_row = table.locator("tbody tr").first
        expect(first_row.locator("td[data-label='Outlet']")).to_be_visible()
        label = first_row.locator("td[data-label='Outlet']").evaluate("el => getComputedStyle(el, '::before').content")
        assert "Outlet" in label, label
        _shot(v.page, "sources-index-375px", full_page=True)
        assert not v.errors, v.errors
    finally:
        v.close()


def test_report_a_problem_link_is_prefilled(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "briefing/position/"))
    _wait_ready(page)
    item = page.locator("article .bp-item[id]").first
    anchor = item.get_attribute("id") or ""
    item_id = item.locator(".bp-id code").first.text_content() or ""
    assert item_id.lower() == anchor, (item_id, anchor)
    report = item.locator(".bp-report a")
    expect(report).to_have_count(1)
    expect(report).to_have_text("Report a problem")
    href = report.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.scheme == "https" and parts.path.endswith("/issues/new"), href
    from urllib.parse import parse_qs

    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["template"] == "item-problem.md"
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / query["template"]).is_file()
    assert query["title"] == f"Problem with item {item_id}", query["title"]
    assert f"Item: {item_id}\n" in query["body"]
    assert f"briefing/position/#{anchor}" in query["body"] and "docs/briefing/position.md" in query["body"]
    quote = item.locator("a.bp-cite").first.get_attribute("data-quote") or ""
    assert f"“{quote}”" in query["body"], query["body"]


def test_print_writes_out_each_citation_address(page: Page, site_url: str) -> None:
    page.goto(urljoin(site_url, "briefing/position/"))
    _wait_ready(page)
    page.emulate_media(media="print")
    citations = page.locator("article a.bp-cite")
    assert citations.count() > 3
    for i in range(3):
        after = citations.nth(i).evaluate("el => getComputedStyle(el, '::after').content")
        address = citations.nth(i).get_attribute("data-address") or ""
        assert re.fullmatch(r"https?://.+/sources/[^/]+/#p\d+", address), address
        assert address in after and "?quote=" not in after, after
    expect(page.locator(".bp-report").first).to_be_hidden()
    _shot(page, "position-print", full_page=False)
    page.emulate_media(media="screen")


# --- live preview ------------------------------------------------------------------------------


def test_serve_reloads_the_browser_after_a_seed_is_saved(browser: Browser, tmp_path: Path) -> None:
    """`build_site.py serve` on a copy of the project: saving a seed regenerates docs/, and MkDocs'
    live-reload server rebuilds and reloads the open page by itself (no page.reload() here)."""
    import shutil
    import subprocess
    import sys
    import threading

    try:
        from sitebuild import free_port
    except ImportError:
        from tests.sitebuild import free_port

    for name in ("seeds", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copyfile(ROOT / "topic.yml", tmp_path / "topic.yml")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "build_site.py",
            "serve",
            "--port",
            str(port),
            "--seeds",
            str(tmp_path / "seeds"),
            "--docs",
            str(tmp_path / "docs"),
            "--topic",
            str(tmp_path / "topic.yml"),
            "--report",
            str(tmp_path / "report.txt"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    serving = threading.Event()

    def read() -> None:
        assert server.stdout is not None
        for line in server.stdout:
            output.append(line)
            if "Serving on http://" in line:
                serving.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    v = Visit(browser, DESKTOP)
    try:
        assert serving.wait(60), "mkdocs serve did not start:\n" + "".join(output)
        url = re.search(r"Serving on (http://\S+)", "".join(output)).group(1)  # type: ignore[union-attr]
        v.page.goto(urljoin(url, "briefing/position/"))
        _wait_ready(v.page)
        seed = next(p for p in sorted((tmp_path / "seeds").iterdir()) if "firstpost" in p.name)
        sentence = "urged both India and Pakistan to exercise restraint"
        text = seed.read_text(encoding="utf-8")
        assert sentence in text
        expect(v.page.locator("article")).not_to_contain_text("Wombatland")
        seed.write_text(
            text.replace(sentence, "urged both India and Pakistan and Wombatland to exercise restraint"),
            encoding="utf-8",
        )
        expect(v.page.locator("article")).to_contain_text("Wombatland", timeout=30_000)
        assert not v.foreign_requests(), v.foreign_requests()
        log = "".join(output)
        assert "serve: regenerated" in log and "Reloading browsers" in log, log
    finally:
        v.close()
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        reader.join(timeout=10)
        if server.stdout is not None:
            server.stdout.close()
    assert server.returncode == 0, "".join(output)


# --- the same docs/ built by Zensical -----------------------------------------------------------


@pytest.fixture(scope="module")
def zensical_url(built: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    result = zensical_build(tmp_path_factory.mktemp("zensical"), built.docs)
    assert result.result.returncode == 0, result.result.stdout + result.result.stderr
    with serve(result.site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_zensical_site_citations_axe_and_no_foreign_request(
    browser: Browser, zensical_url: str, source_ids: list[str], scheme: str
) -> None:
    v = Visit(browser, DESKTOP)
    try:
        v.page.emulate_media(color_scheme=scheme)
        problems: list[str] = []
        pages = ["", "briefing/position/", "briefing/timeline/", "sources/", f"sources/{source_ids[0]}/", "about/"]
        for path in pages:
            v.page.goto(urljoin(zensical_url, path))
            _wait_ready(v.page)
            problems += _axe_violations(v.page)
        assert not problems, "axe (WCAG 2 A/AA) on the Zensical site:\n" + "\n".join(problems)
        v.page.goto(urljoin(zensical_url, "briefing/position/"))
        _wait_ready(v.page)
        citation = v.page.locator("article a.bp-cite").first
        quote = citation.get_attribute("data-quote") or ""
        citation.hover()
        expect(v.page.locator("#bp-cite-popover .bp-popover__quote")).to_have_text(f"“{quote}”")
        _shot(v.page, f"zensical-position-popover-{scheme}")
        citation.click()
        v.page.wait_for_url(re.compile(r"/sources/[^/]+/\?quote=.*#p\d+$"))
        expect(v.page.locator(":target mark.bp-quote").first).to_be_visible()
        assert not v.foreign_requests(), v.foreign_requests()
        assert not v.errors, v.errors
    finally:
        v.close()
