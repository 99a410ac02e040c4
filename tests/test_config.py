"""topic.yml: loaded once, validated with messages naming the line and the key path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TOPIC

from briefing.config import TOP_KEYS, load_topic
from briefing.errors import BriefingError

# Nine lines; each error case below appends from line 10 on (or edits a line), so
# the expected line numbers can be read off this text.
MINI = textwrap.dedent("""\
    title: T
    question: Q?
    subject: home
    affiliations:
      - id: home
        name: Home
    actors:
      - id: ann
        name: Ann
    """)


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "topic.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return load_topic(path, "topic.yml")


def error(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(BriefingError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_minimal_topic_and_its_defaults(tmp_path: Path) -> None:
    topic = load(tmp_path, MINI)
    assert (topic.title, topic.question, topic.scope, topic.subject) == ("T", "Q?", "", "home")
    assert topic.path == "topic.yml"
    assert dict(topic.side_titles) == {"position": "Position", "counter": "Counter-arguments"}
    (actor,) = topic.actors
    assert (actor.id, actor.name, actor.aliases, actor.role, actor.affiliation) == ("ann", "Ann", (), None, None)
    assert (actor.kind, actor.pronoun, actor.line) == ("person", "he", 8)
    assert actor.names == ("Ann",)
    assert topic.statement_verbs == () and topic.themes == () and topic.periods == ()
    assert topic.cleaning.end_markers == () and topic.cleaning.caption_max_words == 16
    assert topic.metadata.date_header is None and topic.metadata.bylines == ()


def test_scratch_topic(tmp_path: Path) -> None:
    topic = load(tmp_path, TOPIC)
    assert topic.subject == "examplestan"
    assert [a.id for a in topic.affiliations] == ["examplestan", "otherland"]
    assert topic.actor("jane-roe").pronoun == "she"
    assert topic.theme("trade").cues == ("tariff", "customs")
    rule = topic.cleaning.drop_lines[1]
    assert (rule.name, rule.reason) == ("relative-timestamp", "relative timestamp from the page, not from the article")
    assert rule.pattern.fullmatch("3 HOURS AGO")
    assert topic.cleaning.outlets == ("Harbour Gazette",)
    assert topic.metadata.date_header is not None
    assert topic.metadata.date_header.match(" date 2025-06-24 The").group(1) == "2025-06-24"
    assert [r.name for r in topic.metadata.bylines] == ["authored-by", "the-writer-is"]
    assert topic.metadata.bylines[1].reason == "author byline"  # the default reason
    with pytest.raises(KeyError):
        topic.actor("nobody")


def test_real_topic_loads_and_every_top_level_key_is_documented() -> None:
    topic = load_topic(REPO / "topic.yml", "topic.yml")
    assert topic.subject in [a.id for a in topic.affiliations]
    assert topic.metadata.date_header is not None
    raw = yaml.safe_load((REPO / "topic.yml").read_text(encoding="utf-8"))
    assert set(raw) <= set(TOP_KEYS)


def test_periods_dates(tmp_path: Path) -> None:
    topic = load(
        tmp_path,
        MINI + "periods:\n  - id: crisis\n    title: The crisis\n    start: 2025-04-22\n"
        "    end: '2025-05-31'\n  - id: after\n    title: After\n",
    )
    assert [(p.id, p.start, p.end) for p in topic.periods] == [
        ("crisis", "2025-04-22", "2025-05-31"),
        ("after", None, None),
    ]


ERRORS: list[tuple[str, str, str]] = [
    ("unknown top-level key", MINI + "scop: x\n", "topic.yml:10: scop: unknown key 'scop' (did you mean 'scope'?)"),
    (
        "unknown key beside the right one",
        MINI + "titel: x\n",
        "topic.yml:10: titel: unknown key 'titel' (did you mean 'title'?)",
    ),
    (
        "unknown cleaning key",
        MINI + "cleaning:\n  drop_line: []\n",
        "topic.yml:11: cleaning.drop_line: unknown key 'drop_line' (did you mean 'drop_lines'?)",
    ),
    (
        "unknown metadata key",
        MINI + "metadata:\n  byline: []\n",
        "topic.yml:11: metadata.byline: unknown key 'byline' (did you mean 'bylines'?)",
    ),
    (
        "unknown sides key",
        MINI + "sides:\n  positon: Ours\n",
        "topic.yml:11: sides.positon: unknown key 'positon' (did you mean 'position'?)",
    ),
    ("missing required key", MINI.replace("question: Q?\n", ""), "topic.yml:1: missing required key 'question'"),
    (
        "subject not an affiliation",
        MINI.replace("subject: home", "subject: hom"),
        "topic.yml:3: subject: 'hom' is not an affiliation id (did you mean 'home'?)",
    ),
    (
        "no affiliations",
        MINI.replace("  - id: home\n    name: Home\n", "  []\n"),
        "topic.yml:4: affiliations: at least one affiliation is needed (the subject's side)",
    ),
    (
        "id with spaces",
        MINI.replace("id: home", "id: Home Team").replace("subject: home", "subject: Home Team"),
        "topic.yml:5: affiliations[0].id: id 'Home Team' must be lowercase letters, digits and hyphens",
    ),
    (
        "duplicate actor id",
        MINI + "  - id: ann\n    name: Ann Again\n",
        "topic.yml:10: actors[1].id: id 'ann' is used twice",
    ),
    (
        "actor with unknown affiliation",
        MINI + "    affiliation: hme\n",
        "topic.yml:10: actors[0].affiliation: 'hme' is not an affiliation id (did you mean 'home'?)",
    ),
    (
        "actor kind",
        MINI + "    kind: persn\n",
        "topic.yml:10: actors[0].kind: expected one of person, institution, state (did you mean 'person'?)",
    ),
    ("actor pronoun", MINI + "    pronoun: xe\n", "topic.yml:10: actors[0].pronoun: expected one of he, she, it, they"),
    ("actor without name", MINI.replace("    name: Ann\n", ""), "topic.yml:8: actors[0]: missing required key 'name'"),
    (
        "aliases not a list",
        MINI + "    aliases: {a: b}\n",
        "topic.yml:10: actors[0].aliases: expected a list of text, got a mapping",
    ),
    ("empty alias", MINI + "    aliases: [Ann, '']\n", "topic.yml:10: actors[0].aliases[1]: must not be empty"),
    (
        "bad regex",
        MINI + "cleaning:\n  drop_lines:\n    - name: x\n      pattern: '(oops'\n",
        (
            "topic.yml:13: cleaning.drop_lines[0].pattern: invalid regular expression: "
            "missing ), unterminated subpattern at position 0"
        ),
    ),
    (
        "pattern matching empty text",
        MINI + "cleaning:\n  end_markers:\n    - name: x\n      pattern: '\\s*'\n",
        "topic.yml:13: cleaning.end_markers[0].pattern: pattern matches empty text (it would match every line)",
    ),
    (
        "byline pattern matching empty text",
        MINI + "metadata:\n  bylines:\n    - name: x\n      pattern: 'by|'\n",
        "topic.yml:13: metadata.bylines[0].pattern: pattern matches empty text (it would match every line)",
    ),
    (
        "rule without pattern",
        MINI + "cleaning:\n  strip_fragments:\n    - name: x\n",
        "topic.yml:12: cleaning.strip_fragments[0]: missing required key 'pattern'",
    ),
    (
        "rule with unknown key",
        MINI + "cleaning:\n  drop_lines:\n    - name: x\n      patern: y\n",
        "topic.yml:13: cleaning.drop_lines[0].patern: unknown key 'patern' (did you mean 'pattern'?)",
    ),
    (
        "two rules with one name",
        MINI + "cleaning:\n  drop_lines:\n    - name: x\n      pattern: a\n    - name: x\n      pattern: b\n",
        "topic.yml:14: cleaning.drop_lines[1].name: id 'x' is used twice",
    ),
    (
        "caption_max_words negative",
        MINI + "cleaning:\n  caption_max_words: -1\n",
        "topic.yml:11: cleaning.caption_max_words: expected a whole number (0 turns caption removal off)",
    ),
    (
        "caption_max_words yes",
        MINI + "cleaning:\n  caption_max_words: yes\n",
        "topic.yml:11: cleaning.caption_max_words: expected a whole number (0 turns caption removal off)",
    ),
    (
        "date header without a group",
        MINI + "metadata:\n  date_header: 'date \\d+'\n",
        "topic.yml:11: metadata.date_header: needs exactly one group: the date",
    ),
    (
        "a list written without brackets",
        MINI + "themes:\n  - id: law\n    title: Law\n    cues: lawyers, competition law\n",
        "topic.yml:13: themes[0].cues: expected a list of text, got one text with commas (write a list in "
        "brackets, [lawyers, competition law]; for one item holding a comma, write ['lawyers, competition law'])",
    ),
    (
        "one cue on both sides",
        MINI + "arguments:\n  position_cues: [pragmatic]\n  counter_cues: [failure, Pragmatic]\n",
        "topic.yml:12: arguments.counter_cues[1]: 'Pragmatic' is also a position cue, so it decides nothing "
        "(keep it under the side it marks)",
    ),
    (
        "speaks_for in a circle",
        MINI + "    speaks_for: bob\n  - id: bob\n    name: Bob\n    speaks_for: ann\n",
        "topic.yml:10: actors[0].speaks_for: speaks_for goes round in a circle: ann -> bob -> ann (the actor "
        "spoken for should not speak for its spokesperson; remove one of them)",
    ),
    (
        "one alias under two actors",
        MINI + "  - id: bob\n    name: Bob\n    aliases: [ann]\n",
        "topic.yml:12: actors[1].aliases[0]: 'ann' is already a name of actor 'ann' (line 8) "
        "(a name may belong to one actor only: keep it where it belongs)",
    ),
    (
        "periods that overlap",
        MINI
        + "periods:\n  - id: a\n    title: A\n    end: 2025-02-28\n  - id: b\n    title: B\n    start: 2025-02-15\n",
        "topic.yml:16: periods[1].start: overlaps period 'a' above (open start to 2025-02-28) "
        "(periods may not overlap: every date belongs to one period at most)",
    ),
    (
        "a period after one with an open end",
        MINI
        + "periods:\n  - id: a\n    title: A\n    start: 2025-02-01\n  - id: b\n    title: B\n    end: 2025-03-05\n",
        "topic.yml:14: periods[1].id: overlaps period 'a' above (2025-02-01 to open end) "
        "(periods may not overlap: every date belongs to one period at most)",
    ),
    (
        "a period that ends before it starts",
        MINI + "periods:\n  - id: a\n    title: A\n    start: 2025-03-01\n    end: 2025-02-01\n",
        "topic.yml:14: periods[0].end: 2025-02-01 is before the period's start (2025-03-01)",
    ),
    (
        "an affirming act that is no statement verb",
        MINI + "statement_verbs: [said, announced]\ndisagreements:\n  - id: d\n    point: P?\n    denies: [no word]\n"
        "    affirms: [anounced]\n    actors: [ann]\n",
        "topic.yml:15: disagreements[0].affirms[0]: 'anounced' is not one of the statement_verbs, so no act of the "
        "rule's actors can match it (did you mean 'announced'?)",
    ),
    (
        "impossible period date",
        MINI + "periods:\n  - id: p\n    title: P\n    start: 2025-02-30\n",
        "topic.yml:13: periods[0].start: '2025-02-30' is not a date (write it as YYYY-MM-DD)",
    ),
    (
        "period date in words",
        MINI + "periods:\n  - id: p\n    title: P\n    end: May 2025\n",
        "topic.yml:13: periods[0].end: 'May 2025' is not a date (write it as YYYY-MM-DD)",
    ),
    (
        "theme without cues",
        MINI + "themes:\n  - id: t\n    title: T\n",
        "topic.yml:11: themes[0]: missing required key 'cues'",
    ),
    (
        "disagreement with unknown actor",
        MINI + "disagreements:\n  - id: d\n    point: P\n    denies: [x]\n    affirms: [y]\n    actors: [an]\n",
        "topic.yml:15: disagreements[0].actors[0]: 'an' is not an actor id (did you mean 'ann'?)",
    ),
    (
        "curation move to no side",
        MINI + "curation:\n  move: {S-1a2b3c: middle}\n",
        "topic.yml:11: curation.move.S-1a2b3c: expected one of position, counter, got 'middle'",
    ),
    (
        "curation merge of one",
        MINI + "curation:\n  merge: [[S-1a2b3c]]\n",
        "topic.yml:11: curation.merge[0]: expected a list of two or more item ids",
    ),
    ("not a mapping", "- title: T\n", "topic.yml:1: expected a mapping of keys to values, got a list"),
    ("empty file", "# nothing yet\n", "topic.yml: expected a mapping of keys to values, got nothing"),
    (
        "python tag",
        MINI + "scope: !!python/object/apply:os.getcwd []\n",
        (
            "topic.yml:10: invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.getcwd'"
        ),
    ),
]


@pytest.mark.parametrize(("text", "message"), [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS])
def test_topic_errors(tmp_path: Path, text: str, message: str) -> None:
    assert error(tmp_path, text) == message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BriefingError) as caught:
        load_topic(tmp_path / "topic.yml", "topic.yml")
    assert str(caught.value) == "topic.yml: topic config not found (create it or pass --topic)"


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    assert error(tmp_path, b"title: T\nquestion: Q\xff?\n") == "topic.yml:2: not valid UTF-8"
