"""Article text is data: md_inline makes it render as those characters; safe_url admits only http(s).

(That the escaped text renders as plain text in the built HTML is checked in test_site.py.)
"""

from __future__ import annotations

import pytest

from briefing.escape import html_text, md_inline, page_title_text, safe_url, url_label


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&#60;script&#62;alert(1)&#60;/script&#62;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
        ("![img](http://e.org/a.png)", "!&#91;img&#93;(http://e.org/a.png)"),
        ("# Not a heading", "&#35; Not a heading"),
        ("> not a quote", "&#62; not a quote"),
        ("- not a list", "&#45; not a list"),
        ("+ not a list", "&#43; not a list"),
        ("1. not a list", "&#49;&#46; not a list"),
        ("2025) not a list", "&#50;&#48;&#50;&#53;&#41; not a list"),
        ("=== not a heading underline", "&#61;&#61;&#61; not a heading underline"),
        ("a | b | c", "a &#124; b &#124; c"),
        ("*emph* and **strong**", "&#42;emph&#42; and &#42;&#42;strong&#42;&#42;"),
        ("_under_", "&#95;under&#95;"),
        ("`code` and ``more``", "&#96;code&#96; and &#96;&#96;more&#96;&#96;"),
        ("AT&T &amp; Co", "AT&#38;T &#38;amp; Co"),
        ("back\\slash", "back&#92;slash"),
        (
            "{: .class } [^1] ~~gone~~ x^2",
            "&#123;: .class &#125; &#91;&#94;1&#93; &#126;&#126;gone&#126;&#126; x&#94;2",
        ),
        ("two\nlines   and  spaces ", "two lines and spaces"),
    ],
)
def test_md_inline(text: str, escaped: str) -> None:
    assert md_inline(text) == escaped


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s “restraint” — a view",
        "In 1971, Moscow sided with India.",
        "Item 1. in the middle - and a dash; (brackets) ok!",
        "e-mail: a@b.org?",
    ],
)
def test_md_inline_leaves_ordinary_text_alone(text: str) -> None:
    assert md_inline(text) == text


def test_page_title_text_escapes_markup_and_leaves_quotes() -> None:
    assert page_title_text('Who\'s <b>"who"</b> & why\n') == 'Who\'s &lt;b&gt;"who"&lt;/b&gt; &amp; why'


@pytest.mark.parametrize("text", [None, ""])
def test_md_inline_empty(text: str | None) -> None:
    assert md_inline(text) == ""


def test_html_text() -> None:
    assert (
        html_text('<b class="x">Tom & Jerry\'s</b>\n ok')
        == "&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/b&gt; ok"
    )
    assert html_text(None) == ""


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript://example.org/%0aalert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://example.org/file",
        "mailto:a@example.org",
        "/relative/path",
        "relative/path.html",
        "//example.org/no-scheme",
        "example.org",
        "https://",
        "https://example.org/a b",
        "https://example.org/a\tb",
        "https://exa mple.org/",
        "https://example.org/\x00",
        None,
        "",
    ],
)
def test_safe_url_rejects(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a/b?x=1&y=2#frag", "https://example.org/a/b?x=1&y=2#frag"),
        ("http://example.org", "http://example.org"),
        ("  https://example.org/padded  ", "https://example.org/padded"),
        ("HTTPS://Example.org/Path", "HTTPS://Example.org/Path"),
        ("https://example.org/a(b)", "https://example.org/a%28b%29"),
        ('https://example.org/<x>"', "https://example.org/%3Cx%3E%22"),
        ("https://example.org/ä", "https://example.org/%C3%A4"),
        ("https://example.org/already%20quoted", "https://example.org/already%20quoted"),
    ],
)
def test_safe_url_accepts_http_and_quotes(url: str, safe: str) -> None:
    assert safe_url(url) == safe


def test_url_label() -> None:
    assert url_label("https://example.org/a/b?q=1") == "example.org/a/b"
    long = "https://www.example.org/" + "x" * 80
    assert url_label(long) == ("www.example.org/" + "x" * 80)[:57] + "…"
    assert len(url_label(long)) == 58
