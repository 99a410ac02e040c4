"""The topic config's schema, declared once.

Every key of ``topic.yml`` is one :class:`Key` below: its name, its type, whether
it is required, its default, what it does and an example. Everything else is
derived from this declaration:

* ``config.load_topic`` takes the allowed and required keys of every section and
  list item, and every default, from it;
* ``scaffold`` writes the commented ``topic.yml`` of a new briefing from the docs
  and examples;
* the About page's ``config-reference`` region lists every key with its doc.

To add a key: add one :class:`Key` here, then read it in ``config.py``
(``tests/test_schema.py`` fails until the loader accepts the scaffold's example
and the About page lists it).

Example values may use ``{subject}`` (the subject's name) and ``{subject_id}``
(its id); the scaffold fills them in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import SIDES, SOURCE_KINDS

ACTOR_KINDS = ("person", "institution", "state")
PRONOUNS = ("he", "she", "it", "they")
VERB_FORMS = ("present", "ing")
ALIAS_CASES = ("first-letter", "exact", "ignore")


@dataclass(frozen=True, slots=True)
class Key:
    """One key of the topic config.

    ``kind`` is one of: ``text``, ``texts`` (a list of text), ``integer``, ``date``,
    ``choice`` / ``choices`` (one or a list of ``choices``), ``pattern`` (a regular
    expression), ``section`` (a mapping of ``keys``), ``records`` (a list of
    mappings of ``keys``), ``mapping`` (item id to text), ``groups`` (a list of
    lists of ids).
    """

    name: str
    kind: str
    doc: str
    required: bool = False
    default: Any = None
    example: Any = None
    keys: tuple[Key, ...] = ()
    choices: tuple[str, ...] = ()
    starts_empty: bool = False
    """The values are the subject's own (dates, rules): a new briefing gets the key empty, with its
    example as a comment, so that nothing of the example reaches its pages unless a person chose it."""

    def key(self, name: str) -> Key:
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def sample(self) -> Any:
        """The example value; a list of mappings without one is one record of its fields' examples."""
        if self.example is None and self.kind == "records":
            return [{key.name: key.example for key in self.keys if key.example is not None}]
        return self.example

    @property
    def allowed(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)

    @property
    def type_words(self) -> str:
        """The kind of value, as the About page and the scaffold's comments name it."""
        words = {
            "text": "text",
            "texts": "list of text",
            "integer": "whole number",
            "date": "date (YYYY-MM-DD)",
            "choice": "one of " + ", ".join(self.choices),
            "choices": "list, each one of " + ", ".join(self.choices),
            "pattern": "regular expression",
            "section": "mapping",
            "records": "list of mappings",
            "mapping": "mapping of item id to text",
            "groups": "list of lists of item ids",
        }
        return words[self.kind]


def _rule_keys(default_reason: str, pattern_doc: str, pattern_example: str) -> tuple[Key, ...]:
    return (
        Key(
            "name",
            "text",
            "A short id for the rule (lowercase, digits, hyphens), shown in the cleaning report.",
            required=True,
            example="share-buttons",
        ),
        Key("pattern", "pattern", pattern_doc, required=True, example=pattern_example),
        Key(
            "reason",
            "text",
            "Why the text is removed, shown in the cleaning report.",
            default=default_reason,
            example=default_reason,
        ),
    )


SITE = Key(
    "site",
    "section",
    "Where the briefing is published. Fills the site's identity in `mkdocs.yml`.",
    keys=(
        Key(
            "name",
            "text",
            'The site\'s name in the header and the browser tab (default: "Briefing:" and the title).',
            example="Briefing: {subject}",
        ),
        Key(
            "url",
            "text",
            "The address the site is published at, used for canonical links and the sitemap "
            "(e.g. https://example.org/briefing/). Leave it empty until the site is published.",
            example="",
        ),
        Key(
            "repository",
            "text",
            "The address of the repository (e.g. https://github.com/owner/name); the edit "
            "buttons open its files. Leave it empty for no repository link and no edit buttons.",
            example="",
        ),
        Key("branch", "text", "The repository branch the edit buttons open.", default="main", example="main"),
    ),
)

TOPIC = Key(
    "topic",
    "section",
    "The topic config.",
    keys=(
        Key(
            "title",
            "text",
            "The briefing's title, shown on the home page.",
            required=True,
            example="{subject}: where it stands, and why",
        ),
        Key(
            "question",
            "text",
            "The question the briefing answers.",
            required=True,
            example="Where does {subject} stand, and why?",
        ),
        Key(
            "scope",
            "text",
            "What the briefing covers, in a sentence or two.",
            default="",
            example="What {subject} said and did, the reasons the sources give for its stance, "
            "the arguments of its critics, and the dated events around it.",
        ),
        Key(
            "description",
            "text",
            "One-line description for search engines and link previews "
            "(`site_description` in `mkdocs.yml`; default: the question).",
            example="A source-grounded briefing on {subject}'s stance: every line cites the paragraph it comes from.",
        ),
        Key(
            "subject",
            "text",
            "The affiliation id whose statements and position the briefing follows.",
            required=True,
            example="{subject_id}",
        ),
        Key(
            "bottom_line",
            "text",
            "The answer to the question in two or three sentences, written by a curator "
            "who has read the sources; shown first on the home page. Leave it empty until the articles are in.",
            default="",
            example="",
        ),
        SITE,
        Key(
            "sides",
            "section",
            "Titles of the two sides.",
            keys=(
                Key(
                    "position",
                    "text",
                    "Title of the subject's side (its statements and the reasons given for them).",
                    default="Position",
                    example="{subject}'s position",
                ),
                Key(
                    "counter",
                    "text",
                    "Title of the critics' side.",
                    default="Counter-arguments",
                    example="Counter-arguments",
                ),
            ),
        ),
        Key(
            "affiliations",
            "records",
            "Countries or camps. The subject must be one of them.",
            keys=(
                Key("id", "text", "Lowercase letters, digits and hyphens.", required=True, example="{subject_id}"),
                Key("name", "text", "The name shown on the pages.", required=True, example="{subject}"),
                Key("aliases", "texts", "Words that mark a mention as theirs.", default=(), example=["{subject}"]),
            ),
        ),
        Key(
            "actors",
            "records",
            "People and institutions. Aliases are matched as whole words, longest first.",
            required=True,
            example=[
                {
                    "id": "{subject_id}",
                    "name": "{subject}",
                    "aliases": ["{subject}"],
                    "role": "The subject of this briefing",
                    "affiliation": "{subject_id}",
                    "kind": "institution",
                    "pronoun": "it",
                },
                {
                    "id": "{subject_id}-spokesperson",
                    "name": "Spokesperson for {subject}",
                    "aliases": ["a spokesperson for {subject}", "{subject}'s spokesperson"],
                    "role": "Speaks for {subject}",
                    "affiliation": "{subject_id}",
                    "kind": "person",
                    "pronoun": "they",
                    "speaks_for": "{subject_id}",
                },
            ],
            keys=(
                Key("id", "text", "Lowercase letters, digits and hyphens.", required=True, example="{subject_id}"),
                Key("name", "text", "The name shown on the pages.", required=True, example="{subject}"),
                Key("aliases", "texts", "Other names the sources use.", default=(), example=["{subject}"]),
                Key("role", "text", "A few words on who they are.", example="The subject of this briefing"),
                Key(
                    "affiliation",
                    "text",
                    "The affiliation id they belong to. Only the statements of the subject's affiliation are "
                    "its acts: give critics at home (opposition, unions) an affiliation of their own.",
                    example="{subject_id}",
                ),
                Key(
                    "kind",
                    "choice",
                    '`state` marks a country acting as a whole ("X called on …").',
                    default="person",
                    choices=ACTOR_KINDS,
                    example="state",
                ),
                Key(
                    "pronoun",
                    "choice",
                    'Resolves "She further said …" (default: he for a person, it otherwise).',
                    choices=PRONOUNS,
                    example="it",
                ),
                Key(
                    "speaks_for",
                    "text",
                    "The id of the actor whose words this one delivers (a spokesperson speaks for a "
                    "ministry, a ministry for the state). Reports of one act by such speakers merge into one item, "
                    "named by the most specific speaker. Default: an actor speaks for its affiliation's state actor.",
                ),
            ),
        ),
        Key(
            "statement_verbs",
            "texts",
            "Verbs (and verb phrases) that report something said or done on the record. "
            "Give the past tense; see `matching.verb_forms` for the other forms matched. "
            "Include the deeds the subject is known for (voted, approved, cut …): an act reported with "
            "no listed verb is not among its acts.",
            default=(),
            example=[
                "said",
                "stated",
                "urged",
                "called for",
                "condemned",
                "announced",
                "warned",
                "approved",
                "rejected",
                "voted",
                "decided",
            ],
        ),
        Key(
            "matching",
            "section",
            "How names and statements are recognised.",
            keys=(
                Key(
                    "verb_forms",
                    "choices",
                    "Forms of each statement verb matched besides the one given: `present` "
                    '("says", "urges") and `ing` ("urging"). An empty list matches only the verbs as written.',
                    default=VERB_FORMS,
                    choices=VERB_FORMS,
                    example=list(VERB_FORMS),
                ),
                Key(
                    "hedges",
                    "texts",
                    "Words that, among the three before a speaker's name, make the act only "
                    'reported as rumour ("alleged", "suggested"), so it is no statement.',
                    default=(
                        "suggest",
                        "suggests",
                        "suggested",
                        "speculate",
                        "speculated",
                        "rumoured",
                        "rumored",
                        "alleged",
                    ),
                    example=[
                        "suggest",
                        "suggests",
                        "suggested",
                        "speculate",
                        "speculated",
                        "rumoured",
                        "rumored",
                        "alleged",
                    ],
                ),
                Key(
                    "alias_case",
                    "choice",
                    "How the case of a name must match: `first-letter` (exact, except that "
                    'the first letter may be capitalised at a sentence start: "the Senate" matches "The Senate", '
                    '"Bill" never matches "bill"), `exact`, or `ignore`.',
                    default="first-letter",
                    choices=ALIAS_CASES,
                    example="first-letter",
                ),
            ),
        ),
        Key(
            "themes",
            "records",
            "Themes: a statement or argument takes the theme whose cues it mentions most.",
            keys=(
                Key("id", "text", "Lowercase letters, digits and hyphens.", required=True, example="economy"),
                Key(
                    "title",
                    "text",
                    "The heading shown on the pages.",
                    required=True,
                    example="Economic interests",
                ),
                Key(
                    "cues",
                    "texts",
                    "Words and phrases that place an item in the theme.",
                    required=True,
                    example=["economy", "trade", "jobs", "investment", "costs"],
                ),
            ),
        ),
        Key(
            "arguments",
            "section",
            "Cue phrases that decide which side an argumentative sentence is on.",
            keys=(
                Key(
                    "position_cues",
                    "texts",
                    "Phrases that put a claim on the subject's side.",
                    default=(),
                    example=["rooted in", "driven by", "pragmatic", "strategic interests"],
                ),
                Key(
                    "counter_cues",
                    "texts",
                    "Phrases that put a claim on the critics' side.",
                    default=(),
                    example=["failure", "should have", "it is time", "cannot rely"],
                ),
                Key(
                    "subject_terms",
                    "texts",
                    "Besides the subject's aliases, words that make a sentence be about its stance.",
                    default=(),
                    example=[],
                ),
                Key(
                    "claim_markers",
                    "texts",
                    "Words that make a sentence without cues a claim rather than a plain report "
                    "(may, likely, not, because …).",
                    default=(),
                    example=["may", "might", "could", "should", "likely", "not", "because", "despite"],
                ),
                Key(
                    "lean_kinds",
                    "choices",
                    "Source kinds whose sentences about the subject take the piece's overall side when no cue decides.",
                    default=(),
                    choices=SOURCE_KINDS,
                    example=["opinion"],
                ),
                Key(
                    "uncued_side",
                    "choice",
                    "The side an uncued claim takes when the cues of its paragraph and of its piece are tied.",
                    default="position",
                    choices=SIDES,
                    example="position",
                ),
            ),
        ),
        Key(
            "periods",
            "records",
            "Timeline periods, in order; they may not overlap. A period with an open start holds background and "
            "precedents (folded); events outside every period are listed on their own.",
            starts_empty=True,
            keys=(
                Key("id", "text", "Lowercase letters, digits and hyphens.", required=True, example="announcement"),
                Key("title", "text", "The heading shown on the timeline.", required=True, example="The announcement"),
                Key(
                    "start",
                    "date",
                    "First day of the period (inclusive); leave it out for an open start.",
                    example="2024-01-01",
                ),
                Key(
                    "end",
                    "date",
                    "Last day of the period (inclusive); leave it out for an open end.",
                    example="2024-03-31",
                ),
                Key(
                    "description",
                    "text",
                    "One line shown under the heading.",
                    example="From the announcement to the first response.",
                ),
            ),
        ),
        Key(
            "disagreements",
            "records",
            "Cue rules for contradictions between sources: a claim that something did "
            "not happen (`denies`) against a cited statement that shows it did (`affirms`).",
            starts_empty=True,
            keys=(
                Key("id", "text", "Lowercase letters, digits and hyphens.", required=True, example="public-response"),
                Key(
                    "point",
                    "text",
                    "The question the sources disagree on.",
                    required=True,
                    example="Did {subject} respond in public?",
                ),
                Key(
                    "denies",
                    "texts",
                    "Phrases claiming something did not happen.",
                    required=True,
                    example=["no public statement"],
                ),
                Key(
                    "affirms",
                    "texts",
                    "What shows it did: with `actors`, their acts (each one of `statement_verbs`); "
                    "without, phrases any sentence may use.",
                    required=True,
                    example=["condemned", "announced"],
                ),
                Key(
                    "actors",
                    "texts",
                    "Actor ids whose acts count (default: any actor of the subject's side).",
                    default=(),
                    example=[],
                ),
            ),
        ),
        Key(
            "curation",
            "section",
            "Curation by item id (shown on every item as a short code such as `S-1a2b3c`). "
            "An id that no longer exists fails the build.",
            keys=(
                Key(
                    "hide",
                    "texts",
                    "Items not shown (statement, argument, event or key point ids).",
                    default=(),
                    example=[],
                ),
                Key("pin", "texts", "Items shown first, among them key points (`K-…`).", default=(), example=[]),
                Key(
                    "retitle",
                    "mapping",
                    "A new title for an event or a key point (id: title); a key point's title "
                    "is shown as a label, never as a quotation.",
                    default={},
                    example={},
                ),
                Key(
                    "move",
                    "mapping",
                    "Move an argument to the other side (id: position or counter).",
                    default={},
                    example={},
                ),
                Key("merge", "groups", "Items that are one (lists of ids).", default=(), example=[]),
                Key(
                    "disagreements",
                    "records",
                    "Pairs of items that contradict each other.",
                    default=(),
                    keys=(
                        Key("point", "text", "The question they disagree on.", required=True),
                        Key("first", "text", "One item id.", required=True),
                        Key("second", "text", "The other item id.", required=True),
                    ),
                    example=[],
                ),
                Key(
                    "pair",
                    "mapping",
                    "Set which position key point a counter key point answers (counter id: position "
                    "id, or `none` to show it unpaired). A key point also answers to the id of any argument in it.",
                    default={},
                    example={},
                ),
            ),
        ),
        Key(
            "cleaning",
            "section",
            "What is not the article. Patterns are regular expressions matched without case.",
            keys=(
                Key(
                    "end_markers",
                    "records",
                    "A line matching one ends the article: it and all after it are removed.",
                    keys=_rule_keys("end of the article", "Must match the whole line.", "related (articles|stories)"),
                    default=(),
                    example=[
                        {
                            "name": "related-articles",
                            "pattern": "related (articles|stories|news)",
                            "reason": "unrelated stories the publisher appended after the article",
                        },
                        {
                            "name": "read-more-block",
                            "pattern": "(you may also like|more from this section|recommended for you|trending now"
                            "|most (read|viewed|popular))",
                            "reason": "a block of links to other stories",
                        },
                    ],
                ),
                Key(
                    "drop_lines",
                    "records",
                    "Whole lines removed wherever they stand.",
                    keys=_rule_keys("not part of the article", "Must match the whole line.", "(share|print)"),
                    default=(),
                    example=[
                        {
                            "name": "share-buttons",
                            "pattern": r"((share( this article| on)?|facebook|twitter|x|instagram|linkedin|rss|whatsapp"
                            r"|telegram|email|e-mail|pinterest|reddit|print|copy link)\s*[|·•/]?\s*)+",
                            "reason": "share-button label",
                        },
                        {
                            "name": "comment-widget",
                            "pattern": r"(post comment|comments?(\s*\(\d+\))?|no comments yet\.*|leave a comment"
                            r"|add a comment|sign in to comment|comments are closed.*)",
                            "reason": "comment widget",
                        },
                        {
                            "name": "relative-timestamp",
                            "pattern": r"\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago",
                            "reason": "relative timestamp from the page, not from the article",
                        },
                        {
                            "name": "advertisement",
                            "pattern": "(advertisement|sponsored|story continues below( this ad)?"
                            "|scroll to continue( with content)?)",
                            "reason": "advertising label",
                        },
                        {
                            "name": "also-read",
                            "pattern": r"(also read|read more|read also|recommended|must read)\s*[:|-].*",
                            "reason": "a link to another story",
                        },
                        {
                            "name": "follow-subscribe",
                            "pattern": "(follow (us|the .{1,60}) on|subscribe to|sign up for|click here|get the latest)"
                            ".{0,120}",
                            "reason": "a subscription or follow prompt",
                        },
                        {
                            "name": "agency-credit",
                            "pattern": r"\(?(with inputs from|reporting by|writing by|editing by"
                            r"|additional reporting by)\b.{0,120}\)?",
                            "reason": "an agency or editing credit",
                        },
                        {
                            "name": "picture-label",
                            "pattern": r"(photo|image|picture|video|watch)\s*:\s.{0,200}",
                            "reason": "a picture's or video's label",
                        },
                        {
                            "name": "separator",
                            "pattern": r"[-_=*~•·–—]{2,}",
                            "reason": "a separator line",
                        },
                        {
                            "name": "newsletter-cookies",
                            "pattern": r"(newsletter|cookie settings|accept all cookies|we use cookies|manage cookies)"
                            r".{0,200}",
                            "reason": "a newsletter or cookie prompt",
                        },
                        {
                            "name": "publication-footer",
                            "pattern": r"(this (report|story|article) .{0,60}(was )?(first )?published\b.*"
                            r"|appeared in the .{0,60}print edition.*|.{0,80}contributed to this report\.?"
                            r"|our standards:.*)",
                            "reason": "the publisher's footer about the article",
                        },
                        {
                            "name": "copyright",
                            "pattern": r"(©|copyright\s*©?\s*\d{4}|all rights reserved).{0,120}",
                            "reason": "copyright notice",
                        },
                        {
                            "name": "page-timestamp",
                            "pattern": r"(published|updated|last updated|first published)\s*(on\b|:)\s*[\w ,:.+-]{4,50}",
                            "reason": "the page's publication timestamp line (the date belongs in the header)",
                        },
                    ],
                ),
                Key(
                    "strip_fragments",
                    "records",
                    "Parts of a line removed; the rest of the paragraph is kept.",
                    keys=_rule_keys("not part of the article", "Matches anywhere in a line.", r"\(file photo\)"),
                    default=(),
                    example=[
                        {
                            "name": "agency-dateline",
                            "pattern": r"^\s*(?-i:[A-Z][A-Z .'-]{2,40}),?\s*[^()]{0,30}"
                            r"\((reuters|ap|afp|bloomberg|dpa|xinhua|tass|pti|ani|ians)\)\s*[-–—:]*\s*",
                            "reason": "agency dateline (place, date and agency before the story)",
                        },
                        {
                            "name": "capital-dateline",
                            "pattern": r"^\s*(?-i:[A-Z][A-Z.'-]{2,}(?:,? [A-Z][A-Za-z.'-]*){0,3})\s*[—–-]{1,2}\s+"
                            r"(?=(?-i:[A-Z\"“]))",
                            "reason": "a dateline (the place in capitals, then a dash) before the story",
                        },
                        {
                            "name": "image-credit",
                            "pattern": r"(?<=[.!?”\"])\s*[^.!?”\"]{1,60}\((reuters|afp|ap|getty images|bloomberg"
                            r"|file photo|photo)\)\s*$",
                            "reason": "image caption with its photo credit",
                        },
                    ],
                ),
                Key(
                    "outlets",
                    "texts",
                    "Outlet names: removed when they stand alone on a line, and after a title line's dash.",
                    default=(),
                    example=[],
                ),
                Key(
                    "caption_max_words",
                    "integer",
                    "Longest line (in words) that may be taken for an image caption "
                    "or alt text; 0 turns caption removal off.",
                    default=16,
                    example=16,
                ),
            ),
        ),
        Key(
            "metadata",
            "section",
            "How a plain `.txt` seed's metadata is found in its text.",
            keys=(
                Key(
                    "date_header",
                    "pattern",
                    "A line giving the date; exactly one group, the date (2025-05-07, 7 May 2025 or May 7, 2025). Without it, a line near the top that is only a date is taken.",
                    example=r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*",
                ),
                Key(
                    "bylines",
                    "records",
                    "A matching paragraph is a byline; a named group `authors` gives the names.",
                    keys=_rule_keys(
                        "author byline", "Matches the start of a paragraph (use `^`).", "^by (?P<authors>.+)$"
                    ),
                    default=(),
                    example=[
                        {
                            "name": "by-line",
                            "pattern": r"^by (?P<authors>(?-i:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})"
                            r"(?:(?:,| and) (?-i:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}))*)$",
                            "reason": "author byline",
                        },
                        {
                            "name": "authored-by",
                            "pattern": "^this article is authored by (?P<authors>[^,.]+)",
                            "reason": "author byline",
                        },
                        {
                            "name": "the-writer-is",
                            "pattern": "^the (writer|author) is (a|an|the) ",
                            "reason": "the author's biography",
                        },
                        {
                            "name": "views-personal",
                            "pattern": "^the views expressed",
                            "reason": "the author's disclaimer",
                        },
                    ],
                ),
            ),
        ),
    ),
)
"""The whole topic config: its ``keys`` are the top-level keys of ``topic.yml``."""


def key_at(path: str) -> Key:
    """The key at a dotted path, e.g. ``key_at("cleaning.caption_max_words")``."""
    key = TOPIC
    for part in path.split("."):
        key = key.key(part)
    return key


def default(path: str) -> Any:
    return key_at(path).default


def walk(key: Key = TOPIC, prefix: str = "") -> Iterator[tuple[str, Key]]:
    """Every key under ``key`` with its dotted path (records' fields as ``actors.aliases``)."""
    for child in key.keys:
        path = f"{prefix}{child.name}"
        yield path, child
        yield from walk(child, path + ".")


def shown_paths(key: Key = TOPIC, prefix: str = "") -> Iterator[tuple[str, Key]]:
    """Like :func:`walk`, with a list of mappings marked ``[]`` (``actors[].aliases``), as the docs show keys."""
    for child in key.keys:
        path = f"{prefix}{child.name}" + ("[]" if child.kind == "records" else "")
        yield path, child
        yield from shown_paths(child, path + ".")


def reference_rows() -> list[tuple[str, str, str]]:
    """(key path, type and default, doc) for every key: the About page's config reference."""
    rows = []
    for shown, key in shown_paths():
        detail = key.type_words
        if key.required:
            detail += ", required"
        elif key.default not in (None, (), {}, ""):
            value = ", ".join(key.default) if isinstance(key.default, tuple) else key.default
            detail += f", default: {value}"
        rows.append((shown, detail, key.doc))
    return rows
