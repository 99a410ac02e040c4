"""Reading budget: visible words and reading minutes of the briefing pages, details collapsed.

What a reader sees on arrival is what counts: front matter, comments, markup, link targets and
everything inside a collapsed ``<details>`` block are left out. Minutes use 238 words a minute,
the average silent reading rate of adults for non-fiction (Brysbaert, 2019).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .render import PAGES, Rendering

WORDS_PER_MINUTE = 238
#: The home page and the briefing pages, in the order the summary lists them.
BUDGET_PAGES = ("index.md", PAGES["position"], PAGES["counter"], PAGES["timeline"])

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# The innermost collapsed block: removed repeatedly, so nested blocks go from the inside out.
_DETAILS = re.compile(r"<details\b(?:(?!<details\b).)*?</details>", re.DOTALL | re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{[:\s]*[#.][^}\n]*\}")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"<[^>\n]+>")
_REGION = re.compile(
    r"<!-- briefing:begin (?P<name>[a-z0-9-]+) [^>]*-->\n.*?<!-- briefing:end (?P=name) -->", re.DOTALL
)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class PageBudget:
    page: str
    words: int

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE


def visible_words(markdown: str) -> int:
    text = _FRONT_MATTER.sub("", markdown)
    while True:
        text, removed = _DETAILS.subn(" ", text)
        if not removed:
            break
    text = _COMMENT.sub(" ", text)
    text = _LINK_TARGET.sub("]", text)
    text = _ATTR_LIST.sub(" ", text)
    text = _TAG.sub(" ", text)
    return len(_WORD.findall(text))


def _with_regions(page_text: str, regions: dict[str, str]) -> str:
    return _REGION.sub(lambda m: regions.get(m.group("name"), ""), page_text)


def page_budgets(
    rendering: Rendering, docs_dir: Path | None = None, pages: Iterable[str] = BUDGET_PAGES
) -> list[PageBudget]:
    """Visible words of each page as it will be published (hand-written pages with their regions filled)."""
    files = {f.path: f for f in rendering.files}
    budgets = []
    for page in pages:
        if page in files:
            text = files[page].text
        else:
            regions = {r.name: r.text for r in rendering.regions if r.page == page}
            current = docs_dir / page if docs_dir else None
            base = (
                current.read_text(encoding="utf-8")
                if current and current.exists()
                else rendering.starters.get(page, "")
            )
            text = _with_regions(base, regions)
        budgets.append(PageBudget(page, visible_words(text)))
    return budgets
