"""Small helpers for the extraction tests: an inline topic, and articles made from paragraphs.

The inline topic is deliberately not about the real briefing: a made-up dispute
between "north" (the subject) and "south", so the tests show that nothing in the
extractors knows the real topic's words.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from briefing.config import Topic, load_topic  # noqa: E402
from briefing.model import Article, Paragraph, Source, SourceMeta  # noqa: E402

# Everything a topic needs except `curation`, which tests append (see `topic_yaml`).
NORTH_TOPIC = textwrap.dedent("""\
    title: The river dispute
    question: Where did Northland stand in the river dispute, and why?
    subject: north

    affiliations:
      - id: north
        name: Northland
        aliases: [Northland, Northern]
      - id: south
        name: Southland
        aliases: [Southland, Southern]

    actors:
      - id: anna-berg
        name: Anna Berg
        aliases: [Foreign Minister Anna Berg, Berg]
        role: Foreign Minister of Northland
        affiliation: north
        pronoun: she
      - id: olaf-lind
        name: Olaf Lind
        aliases: [President Olaf Lind, Lind]
        role: President of Northland
        affiliation: north
        pronoun: he
      - id: northern-ministry
        name: Northern Ministry
        aliases: [the Northern Ministry]
        affiliation: north
        kind: institution
      - id: northland
        name: Northland
        aliases: [the Northland government]
        affiliation: north
        kind: state
      - id: tom-gray
        name: Tom Gray
        aliases: [Gray]
        role: President of Southland
        affiliation: south
        pronoun: he

    statement_verbs: [said, urged, called on, condemned, offered, reached out, expressed, led,
                      emphasized, supported, proposed, held talks, noted]

    themes:
      - id: restraint
        title: Restraint
        cues: [restraint, calm]
      - id: mediation
        title: Mediation
        cues: [mediate, mediation]

    arguments:
      position_cues: [rooted in, driven by, reflects]
      counter_cues: [failure, should have, plays into]
      subject_terms: []
      claim_markers: [may, likely, because]
      lean_kinds: [opinion]

    periods:
      - id: before
        title: Before the crisis
        end: 2025-04-21
      - id: crisis
        title: The crisis
        start: 2025-04-22
        end: 2025-05-31
      - id: after
        title: After the crisis
        start: 2025-06-01

    disagreements:
      - id: leadership-silence
        point: Did Northland's leadership speak?
        denies: [no public statement from the leadership]
        affirms: [condemned]
        actors: [anna-berg]
      - id: neutral-or-supportive
        point: Was Northland neutral?
        denies: [neutral stance]
        affirms: [full support]
    """)


def topic_yaml(curation: str = "") -> str:
    """The inline topic's text, with a `curation:` section when one is given (indented lines)."""
    if not curation:
        return NORTH_TOPIC
    return NORTH_TOPIC + "\ncuration:\n" + textwrap.indent(textwrap.dedent(curation), "  ")


def make_topic(folder: Path, text: str | None = None) -> Topic:
    """Write ``text`` (default: the inline north/south topic) to ``folder/topic.yml`` and load it.

    Errors name the file as ``topic.yml``, as the build does.
    """
    path = folder / "topic.yml"
    path.write_text(NORTH_TOPIC if text is None else text, encoding="utf-8")
    return load_topic(path, "topic.yml")


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line of ``text`` that contains ``needle``."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def make_article(
    source_id: str,
    paragraphs: Sequence[str],
    published: date | None = None,
    kind: str | None = "news",
    title: str | None = None,
) -> Article:
    """An already cleaned article: each string is one text paragraph, numbered p1, p2 …"""
    body = "\n".join(paragraphs)
    source = Source(
        id=source_id,
        path=f"seeds/{source_id}.md",
        meta=SourceMeta(title=title or source_id, published=published, kind=kind),
        body=body,
        body_line=1,
    )
    paras = tuple(Paragraph(source_id, number, text, number) for number, text in enumerate(paragraphs, start=1))
    return Article(source=source, paragraphs=paras, removals=())
