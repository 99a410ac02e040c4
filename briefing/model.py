"""Plain data objects passed between the stages: read -> clean -> extract -> render -> publish.

All are frozen; sequences are tuples so objects stay hashable and ordered. Each
object that reaches ``briefing.json`` has a ``to_dict()`` with a fixed key order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import chain

SOURCE_KINDS = ("news", "analysis", "opinion", "explainer")
SOURCE_FORMATS = ("front-matter", "header-lines", "plain-text", "html")
PARAGRAPH_KINDS = ("text", "heading", "list-item", "byline")
SIDES = ("position", "counter")


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What is known about an article; ``None`` or empty means "not stated"."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    url: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One seed file as read: metadata plus the article text exactly as collected."""

    id: str
    path: str
    """The seed's path as the contributor knows it (``seeds/foo.md``), for messages and edit links."""
    meta: SourceMeta
    body: str
    body_line: int
    """Line of the seed file on which ``body`` starts (1-based)."""
    inferred: tuple[str, ...] = ()
    """Metadata fields inferred from the text rather than given in front matter."""
    format: str = "front-matter"
    """How the seed was written (one of ``SOURCE_FORMATS``); ``html``: text and metadata extracted from a saved page."""
    line_map: tuple[int, ...] = ()
    """For a body that is not the file's text (``html``): the file line of each body line (0: not found in the file)."""

    headings: tuple[int, ...] = ()
    """Body lines (0-based) that the seed itself marks as headings (a saved page's ``<h1>``-``<h6>``)."""

    def file_line(self, index: int) -> int:
        """The line of the seed file that body line ``index`` (0-based) comes from."""
        if self.line_map:
            return self.line_map[index] if index < len(self.line_map) else 0
        return self.body_line + index


@dataclass(frozen=True, slots=True)
class Paragraph:
    source_id: str
    number: int
    text: str
    line: int
    """Line in the seed file where the paragraph starts."""
    kind: str = "text"

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@dataclass(frozen=True, slots=True)
class Removal:
    """Text the cleaner removed, with the config rule that removed it."""

    source_id: str
    line: int
    text: str
    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    source: Source
    paragraphs: tuple[Paragraph, ...]
    removals: tuple[Removal, ...]

    def paragraph(self, anchor: str) -> Paragraph | None:
        for paragraph in self.paragraphs:
            if paragraph.anchor == anchor:
                return paragraph
        return None

    def removals_by_rule(self) -> dict[str, int]:
        """How many lines or fragments each cleaning rule removed, by rule name."""
        counts: dict[str, int] = {}
        for removal in self.removals:
            counts[removal.rule] = counts.get(removal.rule, 0) + 1
        return dict(sorted(counts.items()))


@dataclass(frozen=True, slots=True, order=True)
class Citation:
    """A verbatim quote from one paragraph of one source."""

    source: str
    paragraph: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "paragraph": self.paragraph, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class DateRef:
    """A normalised date: ISO value (or EDTF decade ``201X``), precision, qualifier, words."""

    value: str
    precision: str
    qualifier: str | None
    words: str
    sort_key: str
    modifier: str | None = None
    """early/mid/late when a since/before/after/until/about qualifier also applies."""


@dataclass(frozen=True, slots=True)
class Statement:
    """Something an actor of the subject's side said or did on the record."""

    id: str
    speaker: str
    """Actor id from the topic config."""
    act: str
    text: str
    """The sentence that reports the statement, verbatim from the first citation."""
    quoted: tuple[str, ...]
    """The words the actor is quoted as saying (inside quotation marks), if any."""
    theme: str | None
    date: DateRef | None
    citations: tuple[Citation, ...]
    mention_ids: tuple[str, ...] = ()
    """Ids of every merged mention; curation may name any of them."""
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Argument:
    id: str
    side: str
    theme: str | None
    claim: str
    citations: tuple[Citation, ...]
    mention_ids: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    """The cue phrases that placed it on its side (none when the piece's stance decided)."""
    pinned: bool = False
    moved: bool = False
    """True when curation moved it to the other side."""


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: DateRef
    title: str
    title_curated: bool
    period: str | None
    citations: tuple[Citation, ...]
    mention_ids: tuple[str, ...] = ()
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class ActorProfile:
    id: str
    name: str
    role: str | None
    affiliation: str | None
    statements: tuple[str, ...]
    mentions: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """One side of a disagreement: what one source says, with its citation."""

    text: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Disagreement:
    id: str
    point: str
    first: tuple[Claim, ...]
    """Claims on one side of the point (e.g. "it did not happen")."""
    second: tuple[Claim, ...]
    """Claims from other sources on the other side."""
    origin: str
    """``detected`` by the cue rules, or ``curated`` in the topic config."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(claim.citation for claim in (*self.first, *self.second))


@dataclass(frozen=True, slots=True)
class Head:
    """The words a reader sees first for an act or a key point, made to read on their own.

    ``citation.quote`` is verbatim from the source. ``display`` is the same words, with at most a
    bracketed referent or capital put in for an opening pronoun or connective ("[Zakharova] further
    said …"). When that is not enough, ``context`` cites the sentence before, to show with it.
    """

    display: str
    citation: Citation
    context: Citation | None = None

    @property
    def citations(self) -> tuple[Citation, ...]:
        return (self.citation,) if self.context is None else (self.context, self.citation)


def _union(head: Head, items: tuple[Statement, ...] | tuple[Argument, ...]) -> tuple[Citation, ...]:
    """The head's citations, then every item's, each once, in order."""
    return tuple(dict.fromkeys(chain(head.citations, *[item.citations for item in items])))


@dataclass(frozen=True, slots=True)
class Act:
    """One act of the subject's side (a statement, a call, an offer), with every report of it."""

    id: str
    speaker: str
    """The most specific speaker any report names (actor id)."""
    act: str
    theme: str | None
    date: DateRef | None
    """The most precise date any report gives."""
    head: Head
    """The clearest report, made to read on its own."""
    reports: tuple[Statement, ...]
    """Every merged statement, the lead report first."""
    period: str | None = None
    """The configured period of the date; acts in a period before the crisis are precedents."""
    pinned: bool = False

    @property
    def citations(self) -> tuple[Citation, ...]:
        return _union(self.head, self.reports)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({c.source for c in self.citations}))

    @property
    def distinct_reports(self) -> tuple[Statement, ...]:
        """One report per sentence: two speakers of one sentence ("X said Moscow urged …") show once."""
        seen: set[tuple[Citation, ...]] = set()
        distinct = []
        for report in self.reports:
            if report.citations not in seen:
                seen.add(report.citations)
                distinct.append(report)
        return tuple(distinct)

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m for r in self.reports for m in (r.id, *r.mention_ids)))


@dataclass(frozen=True, slots=True)
class KeyPoint:
    """One idea that several arguments of one side support (Key Point Analysis)."""

    id: str
    side: str
    theme: str | None
    head: Head
    """The point in a member's own words: a sentence or clause, verbatim and cited."""
    members: tuple[Argument, ...]
    """Every argument grouped under the point, the one the head comes from first."""
    label: str | None = None
    """A curator's title (``curation.retitle``), shown as a label, never as a quotation."""
    answers: str | None = None
    """On a counter point: the id of the position point it answers."""
    paired_by: str | None = None
    """How ``answers`` was found: ``sequence`` (it follows that point's sentence), ``similarity`` or ``curated``."""
    pinned: bool = False

    @property
    def citations(self) -> tuple[Citation, ...]:
        return _union(self.head, self.members)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({c.source for m in self.members for c in m.citations}))

    @property
    def mentions(self) -> int:
        return sum(len(m.citations) for m in self.members)

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for m in self.members for i in (m.id, *m.mention_ids)))


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything gathered and verified, ready to render."""

    articles: tuple[Article, ...]
    statements: tuple[Statement, ...] = ()
    arguments: tuple[Argument, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[ActorProfile, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    acts: tuple[Act, ...] = ()
    """Statements merged into one item per act (the synthesis stage)."""
    key_points: tuple[KeyPoint, ...] = ()
    """Arguments grouped into weighted key points, counter points paired with what they answer."""

    def items(self) -> list[Statement | Argument | Event | Disagreement | Act | KeyPoint]:
        """Every generated item that carries citations, in page order."""
        return [*self.statements, *self.arguments, *self.events, *self.disagreements, *self.acts, *self.key_points]

    def article(self, source_id: str) -> Article:
        for article in self.articles:
            if article.source.id == source_id:
                return article
        raise KeyError(source_id)
