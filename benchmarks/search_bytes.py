#!/usr/bin/env python3
"""Bytes a reader downloads for search, measured in Chromium (Debian's, through Playwright).

    python benchmarks/search_bytes.py SITE_DIR [WORD]

Serves SITE_DIR on 127.0.0.1, opens the home page, then opens search and types WORD (default: a
word from the first source page). Prints, as JSON, the bytes of every response (raw, and gzip as a
host such as GitHub Pages would send them) fetched for the page view and for search up to the first
result. Used by bench_build.py; also useful alone.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def _sizes(site: Path, urls: list[str]) -> tuple[int, int]:
    raw = packed = 0
    for url in urls:
        path = site / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            data = path.read_bytes()
            raw += len(data)
            packed += min(len(data), len(gzip.compress(data, 6)))
    return raw, packed


def measure(site: Path, word: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            fetched: list[str] = []
            page.on("requestfinished", lambda request: fetched.append(request.url))
            page.goto(base, wait_until="networkidle")
            page_view = list(fetched)
            fetched.clear()
            start = time.perf_counter()
            page.locator(".briefing-search__open").click()
            box = page.locator("#briefing-search input")
            box.wait_for(timeout=20_000)
            box.fill(word)
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=30_000)
            seconds = time.perf_counter() - start
            search = list(fetched)
            browser.close()
    finally:
        server.shutdown()
    view_raw, view_gzip = _sizes(site, page_view)
    search_raw, search_gzip = _sizes(site, search)
    return {
        "word": word,
        "page_view_files": len(page_view),
        "page_view_raw": view_raw,
        "page_view_gzip": view_gzip,
        "search_files_on_page_view": sum("/pagefind/" in url or "/search/" in url for url in page_view),
        "search_files": len(search),
        "search_raw": search_raw,
        "search_gzip": search_gzip,
        "first_result_seconds": round(seconds, 2),
    }


def main() -> int:
    site = Path(sys.argv[1]).resolve()
    word = sys.argv[2] if len(sys.argv) > 2 else "Lavrov"
    print(json.dumps(measure(site, word), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
