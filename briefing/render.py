"""Render stage: a verified :class:`Briefing` -> the files and regions ``publish`` writes.

Pages come from Jinja templates in ``briefing/templates``. Every string that
comes from a seed goes through the ``md`` filter (or ``html`` inside raw HTML
blocks), so escaping happens here and nowhere else.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from functools import cached_property, lru_cache
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import data_schema, schema
from .config import Topic
from .feedback import issue_url
from .escape import html_text, md_inline, page_title_text, safe_url, url_label
from .model import (
    Act,
    Argument,
    Article,
    Briefing,
    Citation,
    Disagreement,
    Event,
    KeyPoint,
    Source,
    SourceMeta,
    Statement,
)
from .outputs import GENERATED_BY, OutputFile, RegionOutput, Rendering
from .views import MEMBERS, BriefView, brief_view, group_by_source, source_flags, weight
from .regions import region_block

TEMPLATES = Path(__file__).parent / "templates"
DATA_PATH = "data/briefing.json"
PAGES = {
    "position": "briefing/position.md",
    "counter": "briefing/counter-arguments.md",
    "timeline": "briefing/timeline.md",
    "actors": "briefing/actors.md",
    "disagreements": "briefing/disagreements.md",
}


@dataclass(frozen=True, slots=True)
class ItemLink:
    """Where an item that cites a paragraph is shown, for the "cited by" lists."""

    item_id: str
    page: str


def date_words(value: date | None) -> str:
    return f"{value.day} {value.strftime('%B %Y')}" if value else ""


@lru_cache(maxsize=1)
def possessive(name: str) -> str:
    """ "Brazil's", "the talks'" (not "talks's")."""
    return f"{name}'" if name.endswith("s") and not name.endswith("ss") else f"{name}'s"


def counted(number: int, one: str, many: str) -> str:
    """ "1 more act", "3 more acts": the number and the noun that agrees with it."""
    return f"{number} {one if number == 1 else many}"


def environment() -> Environment:
    """One shared environment, so each template is compiled once per process (filters only: no state)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["md"] = md_inline
    env.filters["html"] = html_text
    env.filters["page_title"] = page_title_text
    env.filters["counted"] = counted
    env.filters["possessive"] = possessive
    env.filters["yaml_str"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    env.filters["date_words"] = date_words
    env.filters["safe_url"] = safe_url
    env.filters["url_label"] = url_label
    env.filters["anchor_id"] = lambda item_id: item_id.lower()
    env.filters["excerpt"] = excerpt
    return env


def _link_title(text: str) -> str:
    """A Markdown link title: the full source title, with its quotes made harmless."""
    return '"' + md_inline(text).replace('"', "&quot;") + '"'


_ATTR_PLAIN = frozenset(" ,.;:!?'()/%-\u2018\u2019\u201c\u201d\u2013\u2014\u00b6")


def cite_attr(text: str) -> str:
    """Plain text -> a double-quoted attr_list value that reads back as exactly that text.

    Everything but letters, digits, spaces and plain punctuation becomes a numeric character reference,
    so a quote can never close the value (`"`), end the attribute list (`}`), or be read as Markdown or
    HTML (`<`, `&`, `*`, `_`, backticks, brackets, backslashes).
    """
    return "".join(ch if ch.isalnum() or ch in _ATTR_PLAIN else f"&#{ord(ch)};" for ch in " ".join(text.split()))


def excerpt(text: str, max_words: int = 30) -> str:
    """The first words of a quote, with an ellipsis when cut (still verbatim up to the cut)."""
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]).rstrip(",;:") + " …"


def short_title(source: Source, title: str) -> str:
    """A citation label: the title's first words, or for an untitled article its outlet or kind."""
    if not source.meta.title:
        return source.meta.outlet or excerpt(title.removeprefix("Untitled: ").strip("“”"), 6).replace(" …", "…")
    return excerpt(title, 6).replace(" …", "…")


def display_title(source: Source, first_text: str = "") -> str:
    """The title to show; an untitled article is named by its opening words, marked as such."""
    if source.meta.title:
        return source.meta.title
    words = first_text.split()
    opening = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
    return f"Untitled: “{opening}”" if opening else f"Untitled ({source.id})"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A Markdown link target from one docs/ page to another (MkDocs validates and rewrites it)."""
    rel = _relative_path(from_page, to_page)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=1 << 16)
def _relative_path(from_page: str, to_page: str) -> str:
    """The path part of :func:`relative_link`, worked out once per pair of pages: a build makes
    tens of thousands of links between a few thousand pairs."""
    start = Path(from_page).parent
    target = Path(to_page)
    parts_from = [p for p in start.parts if p not in ("", ".")]
    parts_to = list(target.parts)
    common = 0
    while common < min(len(parts_from), len(parts_to) - 1) and parts_from[common] == parts_to[common]:
        common += 1
    return "/".join([".."] * (len(parts_from) - common) + parts_to[common:])


class Renderer:
    def __init__(self, topic: Topic, briefing: Briefing) -> None:
        self.topic = topic
        self.briefing = briefing
        self.env = environment()
        self.context: dict[str, Any] = dict(
            topic=topic,
            pages=PAGES,
            actor_name=self.actor_name,
            theme_title=self.theme_title,
            item_page=self.item_page,
            generated_by=GENERATED_BY,
            link=relative_link,
            source_page=source_page,
            cite=self.cite_link,
            region=region_block,
            topic_file=topic.path,
            report_url=lambda item_id, page, quoted: issue_url(
                item_id, page, quoted, topic.site.repository, topic.site.url
            ),
            members_listed=MEMBERS,
            source_flags=source_flags,
            group_by_source=group_by_source,
        )
        self.view: BriefView = brief_view(briefing, topic, self.theme_title)
        self.context["view"] = self.view
        self.context["answered_by"] = self.view.answered_by
        self.act_of = {r.id: a.id for a in briefing.acts for r in a.reports}
        self.context["acts_of"] = lambda ids: list(dict.fromkeys(self.act_of[i] for i in ids if i in self.act_of))
        self.titles = {
            a.source.id: display_title(a.source, a.paragraphs[0].text if a.paragraphs else "")
            for a in briefing.articles
        }
        self.short_titles = {a.source.id: short_title(a.source, self.titles[a.source.id]) for a in briefing.articles}
        self.context["titles"] = self.titles
        self.context["cite_all"] = lambda page, citations: ", ".join(self.cite_link(page, c) for c in citations)
        # Source pages of the last build, by page: (digest of its inputs, bytes). A page whose inputs are the same
        # (the article as read and the items citing each paragraph) is reused, not rendered again.
        self.reusable: Mapping[str, tuple[str, bytes]] = {}
        self.rendered_sources: dict[str, tuple[str, bytes]] = {}

    def cite_link(self, from_page: str, citation: Citation) -> str:
        """Markdown for a citation marker: short source title and paragraph, linking to the paragraph.

        The attribute list carries what the citation popover shows (docs/javascripts/briefing.js): the
        quoted words, the source's title, outlet and date. Each value is article text, so every character
        that could end the value or the list, or start markup, is a character reference (`cite_attr`).
        """
        target = relative_link(from_page, source_page(citation.source), citation.paragraph)
        full = self.titles.get(citation.source, citation.source)
        label = md_inline(self.short_titles.get(citation.source, citation.source))
        meta = self.source_metas.get(citation.source)
        attrs = {
            "data-quote": citation.quote,
            "data-source": full,
            "data-outlet": meta.outlet if meta else None,
            "data-date": date_words(meta.published) if meta else None,
            "data-paragraph": f"¶{citation.paragraph[1:]}",
        }
        listed = " ".join(f'{name}="{cite_attr(value)}"' for name, value in attrs.items() if value)
        return f"[{label}, ¶{citation.paragraph[1:]}]({target} {_link_title(full)}){{ .bp-cite {listed} }}"

    @cached_property
    def source_metas(self) -> dict[str, SourceMeta]:
        """Source id -> metadata, for the citation popovers."""
        return {a.source.id: a.source.meta for a in self.briefing.articles}

    def template(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render({**self.context, **context})

    def render(self, cleaning_rows: Iterable[Mapping[str, Any]] = ()) -> Rendering:
        files: list[OutputFile] = []
        cited = self.cited_by()
        for article in self.briefing.articles:
            files.append(self.source_file(article, cited))
        files.append(
            OutputFile.of_text(
                "sources/index.md",
                self.template(
                    "sources_index.md.j2", page="sources/index.md", articles=self.sorted_articles(), titles=self.titles
                ),
                "seeds/",
            )
        )
        views = self.views()
        files.extend(self.briefing_files(views))
        files.append(OutputFile(DATA_PATH, briefing_json(self.topic, self.briefing, self.titles), "seeds/"))
        files.append(
            OutputFile.of_text(data_schema.SCHEMA_PATH, data_schema.json_schema_text(), "briefing/data_schema.py")
        )
        files.append(OutputFile.of_text("data/events.csv", events_csv(self.briefing), "seeds/"))
        files.append(OutputFile.of_text("data/statements.csv", statements_csv(self.topic, self.briefing), "seeds/"))
        regions = [
            RegionOutput(
                "index.md",
                "heading",
                self.template("regions/home_heading.md.j2", page="index.md"),
                f"{self.topic.path} (title, bottom_line)",
            ),
            RegionOutput(
                "index.md",
                "overview",
                self.template(
                    "regions/home_overview.md.j2",
                    page="index.md",
                    briefing=self.briefing,
                    articles=self.sorted_articles(),
                    paragraph_count=sum(len(a.paragraphs) for a in self.briefing.articles),
                ),
                f"{self.topic.path} (title, question, scope) and the seeds",
            ),
            RegionOutput(
                "index.md",
                "key-points",
                self.template("regions/home_key_points.md.j2", page="index.md", **views),
                f"the seeds, and curation (pin, hide) in {self.topic.path}",
            ),
            RegionOutput(
                "about.md",
                "sources-cleaning",
                self.template("regions/about_cleaning.md.j2", page="about.md", rows=list(cleaning_rows)),
                f"the seeds and the cleaning rules in {self.topic.path}",
            ),
            RegionOutput(
                "about.md",
                "data-shape",
                self.template(
                    "regions/about_data.md.j2",
                    page="about.md",
                    rows=data_schema.reference_rows(),
                    schema_path=data_schema.SCHEMA_PATH,
                ),
                "briefing/data_schema.py",
            ),
            RegionOutput(
                "about.md",
                "config-reference",
                self.template("regions/about_config.md.j2", page="about.md", rows=schema.reference_rows()),
                "briefing/schema.py",
            ),
        ]
        starters = {
            "index.md": self.template("starters/index.md.j2"),
            "about.md": self.template("starters/about.md.j2"),
        }
        return Rendering(tuple(files), tuple(regions), starters)

    # -- the briefing pages -------------------------------------------------

    def item_page(self, item: Statement | Argument | Event | Disagreement | Act | KeyPoint) -> str:
        if isinstance(item, Statement | Act):
            return PAGES["position"]
        if isinstance(item, Argument | KeyPoint):
            return PAGES["position"] if item.side == "position" else PAGES["counter"]
        if isinstance(item, Event):
            return PAGES["timeline"]
        return PAGES["disagreements"]

    def cited_by(self) -> dict[tuple[str, str], list[ItemLink]]:
        cited: dict[tuple[str, str], list[ItemLink]] = defaultdict(list)
        for item in [*self.view.shown_items(), *self.briefing.disagreements]:
            link = ItemLink(item.id, self.item_page(item))
            for citation in item.citations:
                key = (citation.source, citation.paragraph)
                if link not in cited[key]:
                    cited[key].append(link)
        return cited

    def views(self) -> dict[str, Any]:
        """What the home page's bottom line picks from the view: the heaviest acts and points."""
        b = self.briefing
        view = self.view
        position = [p for _t, points in view.position_themes for p in points]
        counter = [p for pair in view.pairs for p in pair.answers] + list(view.unpaired)
        return {
            "bottom": {
                "acts": list(view.acts.shown[:2]),
                "reasons": sorted(position, key=weight)[:2],
                "objections": sorted(counter, key=weight)[:2],
                "disagreement": b.disagreements[0] if b.disagreements else None,
            },
            "position_count": sum(1 for p in b.key_points if p.side == "position"),
            "counter_count": sum(1 for p in b.key_points if p.side == "counter"),
            "actor_profiles": b.actors,
            "disagreements": b.disagreements,
            "briefing": b,
        }

    def theme_title(self, theme_id: str | None) -> str:
        if theme_id is None:
            return "Other"
        return self.topic.theme(theme_id).title

    def actor_name(self, actor_id: str) -> str:
        return self.topic.actor(actor_id).name

    def briefing_files(self, views: Mapping[str, Any]) -> list[OutputFile]:
        pages = [
            ("position", "position.md.j2"),
            ("counter", "counter.md.j2"),
            ("timeline", "timeline.md.j2"),
            ("actors", "actors.md.j2"),
            ("disagreements", "disagreements.md.j2"),
        ]
        return [
            OutputFile.of_text(PAGES[key], self.template(template, page=PAGES[key], **views), self.topic.path)
            for key, template in pages
        ]

    def sorted_articles(self) -> list[Article]:
        return sorted(self.briefing.articles, key=lambda a: a.source.id)

    def source_file(self, article: Article, cited: Mapping[tuple[str, str], Iterable[ItemLink]]) -> OutputFile:
        page = source_page(article.source.id)
        rows = []
        for paragraph in article.paragraphs:
            links = sorted(cited.get((article.source.id, paragraph.anchor), ()), key=lambda link: link.item_id)
            rows.append((paragraph, links))
        inputs = page_inputs(article.source, tuple(tuple(links) for _paragraph, links in rows))
        last = self.reusable.get(page)
        if last is not None and last[0] == inputs:
            content = last[1]
        else:
            content = self.template(
                "source.md.j2",
                page=page,
                article=article,
                source=article.source,
                title=self.titles[article.source.id],
                rows=rows,
                removed_rules=article.removals_by_rule(),
            ).encode("utf-8")
        self.rendered_sources[page] = (inputs, content)
        return OutputFile(page, content, article.source.path)


def page_inputs(source: Source, links: tuple[tuple[ItemLink, ...], ...]) -> str:
    """A digest of what a source page is made from: the article as read, and the items citing each
    paragraph (a digest, not the inputs: the cache then holds no second copy of every article).

    The body, most of the article, is hashed as it is in UTF-8 (after its length, so where it ends is
    never in doubt) rather than through repr(), which copies it escaped, character by character.
    """
    body = source.body.encode("utf-8", "surrogatepass")
    digest = hashlib.sha256(b"%d\0" % len(body))
    digest.update(body)
    digest.update(repr((replace(source, body=""), links)).encode("utf-8"))
    return digest.hexdigest()


def briefing_json(topic: Topic, briefing: Briefing, titles: Mapping[str, str]) -> bytes:
    sources = []
    for article in sorted(briefing.articles, key=lambda a: a.source.id):
        meta = article.source.meta
        sources.append(
            {
                "id": article.source.id,
                "title": meta.title,
                "display_title": titles[article.source.id],
                "outlet": meta.outlet,
                "authors": list(meta.authors),
                "published": meta.published.isoformat() if meta.published else None,
                "url": safe_url(meta.url),
                "kind": meta.kind,
                "seed": article.source.path,
                "removed_count": len(article.removals),
                "paragraphs": [{"id": p.anchor, "kind": p.kind, "text": p.text} for p in article.paragraphs],
            }
        )
    data: dict[str, Any] = {
        "generated_by": GENERATED_BY,
        "title": topic.title,
        "question": topic.question,
        "subject": topic.subject,
        "sources": sources,
    }
    data["themes"] = [{"id": t.id, "title": t.title} for t in topic.themes]
    data["periods"] = [{"id": p.id, "title": p.title, "start": p.start, "end": p.end} for p in topic.periods]
    data["statements"] = [act_dict(topic, a) for a in briefing.acts]
    data["key_points"] = [key_point_dict(p) for p in briefing.key_points]
    data["arguments"] = [
        {
            "id": a.id,
            "side": a.side,
            "theme": a.theme,
            "claim": a.claim,
            "cues": list(a.cues),
            "pinned": a.pinned,
            "citations": [c.to_dict() for c in a.citations],
        }
        for a in briefing.arguments
    ]
    data["events"] = [
        {
            "id": e.id,
            "date": e.date.value,
            "date_precision": e.date.precision,
            "date_qualifier": e.date.qualifier,
            "date_modifier": e.date.modifier,
            "date_words": e.date.words,
            "period": e.period,
            "title": e.title,
            "title_curated": e.title_curated,
            "pinned": e.pinned,
            "citations": [c.to_dict() for c in e.citations],
        }
        for e in sorted(briefing.events, key=lambda e: (e.date.sort_key, e.id))
    ]
    data["actors"] = [
        {
            "id": a.id,
            "name": a.name,
            "role": a.role,
            "affiliation": a.affiliation,
            "statements": list(a.statements),
            "mentions": [c.to_dict() for c in a.mentions],
        }
        for a in briefing.actors
    ]
    data["disagreements"] = [
        {
            "id": d.id,
            "point": d.point,
            "origin": d.origin,
            "first": [{"text": c.text, "citation": c.citation.to_dict()} for c in d.first],
            "second": [{"text": c.text, "citation": c.citation.to_dict()} for c in d.second],
        }
        for d in briefing.disagreements
    ]
    return json_document(data)


_ITEM_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""As ``json.dumps(item, ensure_ascii=False)``, without making an encoder for each of tens of thousands of items."""


def json_document(data: Mapping[str, Any]) -> bytes:
    """The data as JSON in UTF-8, one top-level key a line and one list item a line.

    Easy to read and to diff, and fast: each item is encoded by the json module's C encoder, which
    ``indent`` would turn off (indenting 30 MB of data in pure Python took a third of a warm build).
    Each line is encoded to UTF-8 as it is made and the lines are joined once, so the document is
    held about twice, in bytes; a text buffer held it in four bytes a character.
    """
    lines = [b"{"]
    for position, (key, value) in enumerate(data.items()):
        comma = "," if position < len(data) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [".encode())
            last = len(value) - 1
            lines.extend(
                ("    " + _ITEM_ENCODER.encode(item) + ("," if n < last else "")).encode("utf-8")
                for n, item in enumerate(value)
            )
            lines.append(f"  ]{comma}".encode())
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}".encode())
    lines.append(b"}\n")
    return b"\n".join(lines)


def act_dict(topic: Topic, a: Act) -> dict[str, Any]:
    """One act (the statements that report it merged), with the citations of every source reporting it."""
    return {
        "id": a.id,
        "speaker": a.speaker,
        "speaker_name": topic.actor(a.speaker).name,
        "act": a.act,
        "text": a.head.citation.quote,
        "display": a.head.display,
        "quoted": list(dict.fromkeys(q for r in a.reports for q in r.quoted)),
        "theme": a.theme,
        "date": a.date.value if a.date else None,
        "date_precision": a.date.precision if a.date else None,
        "period": a.period,
        "pinned": a.pinned,
        "sources": len(a.sources),
        "reports": [statement_dict(topic, r) for r in a.reports],
        "context": a.head.context.to_dict() if a.head.context else None,
        "citations": [c.to_dict() for c in a.citations],
    }


def key_point_dict(p: KeyPoint) -> dict[str, Any]:
    return {
        "id": p.id,
        "side": p.side,
        "theme": p.theme,
        "text": p.head.citation.quote,
        "display": p.head.display,
        "label": p.label,
        "sources": len(p.sources),
        "mentions": p.mentions,
        "members": [m.id for m in p.members],
        "answers": p.answers,
        "paired_by": p.paired_by,
        "pinned": p.pinned,
        "context": p.head.context.to_dict() if p.head.context else None,
        "citations": [c.to_dict() for c in p.citations],
    }


def statement_dict(topic: Topic, s: Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "speaker": s.speaker,
        "speaker_name": topic.actor(s.speaker).name,
        "act": s.act,
        "text": s.text,
        "quoted": list(s.quoted),
        "theme": s.theme,
        "date": s.date.value if s.date else None,
        "date_precision": s.date.precision if s.date else None,
        "pinned": s.pinned,
        "citations": [c.to_dict() for c in s.citations],
    }


def _site_link(citation: Citation) -> str:
    return f"sources/{citation.source}/#{citation.paragraph}"


def events_csv(briefing: Briefing) -> str:
    header = [
        "id",
        "date",
        "date_precision",
        "date_qualifier",
        "date_words",
        "period",
        "title",
        "citations",
        "source",
        "paragraph",
        "quote",
        "link",
    ]
    rows = []
    for e in sorted(briefing.events, key=lambda e: (e.date.sort_key, e.id)):
        first = e.citations[0]
        rows.append(
            [
                e.id,
                e.date.value,
                e.date.precision,
                e.date.qualifier or "",
                e.date.words,
                e.period or "",
                e.title,
                str(len(e.citations)),
                first.source,
                first.paragraph,
                first.quote,
                _site_link(first),
            ]
        )
    return csv_text(header, rows)


def statements_csv(topic: Topic, briefing: Briefing) -> str:
    header = ["id", "date", "speaker", "act", "theme", "text", "sources", "citations", "source", "paragraph", "link"]
    rows = []
    for a in briefing.acts:
        first = a.head.citation
        rows.append(
            [
                a.id,
                a.date.value if a.date else "",
                topic.actor(a.speaker).name,
                a.act,
                a.theme or "",
                first.quote,
                str(len(a.sources)),
                str(len(a.citations)),
                first.source,
                first.paragraph,
                _site_link(first),
            ]
        )
    return csv_text(header, rows)


def csv_text(header: list[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "-", "@") else cell for cell in row])
    return buffer.getvalue()
