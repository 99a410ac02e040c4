"""The shape of ``docs/data/briefing.json``, declared once.

From :data:`BRIEFING` are derived: the About page's ``data-shape`` reference
(:func:`reference_rows`) and the JSON Schema published beside the data as
``docs/data/briefing.schema.json`` (:func:`json_schema`). ``tests/test_data_schema.py``
validates the real output against that JSON Schema and checks that every key
declared here is written and every key written is declared.

To add a field to the output: add one :class:`Field` where it belongs below
(a top-level key to ``BRIEFING``'s fields, an item field to the item's fields),
in the same position as ``render.briefing_json`` writes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import PARAGRAPH_KINDS, SIDES, SOURCE_KINDS

SCHEMA_PATH = "data/briefing.schema.json"
SCHEMA_ID = "briefing.schema.json"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of briefing.json.

    ``type`` is ``string``, ``integer``, ``boolean``, ``object`` or ``array``. An
    object has ``fields``; an array has ``fields`` (a list of objects), ``items``
    (a list of scalars, their type) or ``ref`` (a list of a shared definition).
    """

    name: str
    type: str
    doc: str
    nullable: bool = False
    fields: tuple[Field, ...] = ()
    items: str | None = None
    ref: str | None = None
    enum: tuple[str, ...] = ()


def _citations(doc: str = "Where it comes from: one or more citations.") -> Field:
    return Field("citations", "array", doc, ref="citation")


CITATION = Field(
    "citation",
    "object",
    "A citation: `quote` appears verbatim in `paragraph` of `source` "
    "(curly quotes, dashes and white space folded); the build fails if one does not.",
    fields=(
        Field("source", "string", "Source id (`sources[].id`)."),
        Field("paragraph", "string", "Paragraph anchor on the source page (`p7`)."),
        Field("quote", "string", "The quoted words."),
    ),
)

_DATE_PRECISIONS = ("day", "month", "year", "decade")

BRIEFING = Field(
    "briefing.json",
    "object",
    "The whole briefing.",
    fields=(
        Field("generated_by", "string", "Always `build_site.py`."),
        Field("title", "string", "The briefing's title (`title` in the topic config)."),
        Field("question", "string", "The question it answers (`question` in the topic config)."),
        Field("subject", "string", "The affiliation id whose position it follows (`subject` in the topic config)."),
        Field(
            "sources",
            "array",
            "One object per article, by id.",
            fields=(
                Field("id", "string", "The seed's file name as a slug; the source page is `sources/<id>/`."),
                Field("title", "string", "The article's title, or null if it has none.", nullable=True),
                Field(
                    "display_title", "string", "The title shown (an untitled article is named by its opening words)."
                ),
                Field("outlet", "string", "The publisher, or null.", nullable=True),
                Field("authors", "array", "Author names (empty when not stated).", items="string"),
                Field("published", "string", "ISO date of publication, or null.", nullable=True),
                Field("url", "string", "The article's address (http or https only, else null).", nullable=True),
                Field("kind", "string", "The kind of piece, or null.", nullable=True, enum=SOURCE_KINDS),
                Field("seed", "string", "The seed file to edit."),
                Field("removed_count", "integer", "How many lines or fragments cleaning removed."),
                Field(
                    "paragraphs",
                    "array",
                    "The cleaned text, paragraph by paragraph.",
                    fields=(
                        Field("id", "string", "`p1`, `p2` …: the anchor on the source page."),
                        Field("kind", "string", "What the paragraph is.", enum=PARAGRAPH_KINDS),
                        Field("text", "string", "The cleaned text."),
                    ),
                ),
            ),
        ),
        Field(
            "themes",
            "array",
            "The themes of the topic config, in order.",
            fields=(
                Field("id", "string", "Theme id."),
                Field("title", "string", "Theme title."),
            ),
        ),
        Field(
            "periods",
            "array",
            "The timeline periods of the topic config, in order.",
            fields=(
                Field("id", "string", "Period id."),
                Field("title", "string", "Period title."),
                Field("start", "string", "First ISO date (inclusive), or null for an open start.", nullable=True),
                Field("end", "string", "Last ISO date (inclusive), or null for an open end.", nullable=True),
            ),
        ),
        Field(
            "statements",
            "array",
            "One entry per act of the subject's side: every statement that reports the same act, merged.",
            fields=(
                Field("id", "string", "Item id (`S-…`, the first report's), for curation."),
                Field("speaker", "string", "The most specific actor id any report names."),
                Field("speaker_name", "string", "The actor's name."),
                Field("act", "string", "The lead report's statement verb, as configured."),
                Field("text", "string", "The lead report's sentence, verbatim."),
                Field(
                    "display",
                    "string",
                    "The same words as shown: an opening pronoun or discourse marker resolved in brackets.",
                ),
                Field("quoted", "array", "Words in quotation marks in any report.", items="string"),
                Field("theme", "string", "Theme id, or null.", nullable=True),
                Field(
                    "date",
                    "string",
                    "The most precise date any report gives: ISO date, `YYYY-MM` or `YYYY`, or null.",
                    nullable=True,
                ),
                Field(
                    "date_precision", "string", "Precision of `date`, or null.", nullable=True, enum=_DATE_PRECISIONS
                ),
                Field("period", "string", "Period id of `date`, or null.", nullable=True),
                Field("pinned", "boolean", "Pinned by `curation.pin`."),
                Field("sources", "integer", "How many sources report the act."),
                Field(
                    "reports",
                    "array",
                    "Every statement merged into the act, the lead report first.",
                    fields=(
                        Field("id", "string", "Statement id (`S-…`)."),
                        Field("speaker", "string", "Actor id."),
                        Field("speaker_name", "string", "The actor's name."),
                        Field("act", "string", "The statement verb, as configured."),
                        Field("text", "string", "The reporting sentence, verbatim."),
                        Field("quoted", "array", "Words in quotation marks in the sentence.", items="string"),
                        Field("theme", "string", "Theme id, or null.", nullable=True),
                        Field("date", "string", "ISO date, `YYYY-MM` or `YYYY`, or null.", nullable=True),
                        Field(
                            "date_precision",
                            "string",
                            "Precision of `date`, or null.",
                            nullable=True,
                            enum=_DATE_PRECISIONS,
                        ),
                        Field("pinned", "boolean", "Pinned by `curation.pin`."),
                        _citations(),
                    ),
                ),
                Field(
                    "context",
                    "object",
                    "The cited sentence before the head, when the head leans on it, or null.",
                    ref="citation",
                    nullable=True,
                ),
                _citations("Citations from every source that reports the act."),
            ),
        ),
        Field(
            "key_points",
            "array",
            "Each side's arguments grouped into key points, with their weight.",
            fields=(
                Field("id", "string", "Key point id (`K-…`), for curation; a point also answers to its members' ids."),
                Field("side", "string", "Which side the point is on.", enum=SIDES),
                Field("theme", "string", "Theme id, or null.", nullable=True),
                Field("text", "string", "The point in a member's own words, verbatim."),
                Field(
                    "display", "string", "The same words as shown (an opening discourse marker resolved in brackets)."
                ),
                Field(
                    "label",
                    "string",
                    "A curator's title (`curation.retitle`), shown as a label, or null.",
                    nullable=True,
                ),
                Field("sources", "integer", "How many sources support the point."),
                Field("mentions", "integer", "How many citations its arguments have."),
                Field("members", "array", "Ids of its arguments, the head's first.", items="string"),
                Field(
                    "answers",
                    "string",
                    "On a counter point: the id of the position point it answers, or null.",
                    nullable=True,
                ),
                Field(
                    "paired_by",
                    "string",
                    "How `answers` was found, or null.",
                    nullable=True,
                    enum=("sequence", "similarity", "curated"),
                ),
                Field("pinned", "boolean", "Pinned by `curation.pin`."),
                Field(
                    "context",
                    "object",
                    "The cited sentence before the head, when the head leans on it, or null.",
                    ref="citation",
                    nullable=True,
                ),
                _citations("The head's citation and those of every member."),
            ),
        ),
        Field(
            "arguments",
            "array",
            "Every argument found, before grouping into key points: reasons given for the "
            "subject's stance (`position`) and critiques of it (`counter`).",
            fields=(
                Field("id", "string", "Item id (`A-…`), for curation."),
                Field("side", "string", "Which side the claim is on.", enum=SIDES),
                Field("theme", "string", "Theme id, or null.", nullable=True),
                Field("claim", "string", "The claim, verbatim."),
                Field("cues", "array", "The cue phrases that decided its side (empty when none did).", items="string"),
                Field("pinned", "boolean", "Pinned by `curation.pin`."),
                _citations(),
            ),
        ),
        Field(
            "events",
            "array",
            "Dated events, in date order.",
            fields=(
                Field("id", "string", "Item id (`E-…`), for curation."),
                Field("date", "string", "ISO `2025-04-22`, `2025-04`, `1971`, or a decade as `201X`."),
                Field("date_precision", "string", "Precision of `date`.", enum=_DATE_PRECISIONS),
                Field(
                    "date_qualifier",
                    "string",
                    "early, mid, late, since, before, after, until, about, or null.",
                    nullable=True,
                ),
                Field(
                    "date_modifier",
                    "string",
                    "early, mid or late when a qualifier also applies, or null.",
                    nullable=True,
                ),
                Field("date_words", "string", "The date as the source writes it."),
                Field("period", "string", "Period id, or null when no period holds the date.", nullable=True),
                Field("title", "string", "A short title made from the sentence, or the curated one."),
                Field("title_curated", "boolean", "Whether the title comes from `curation.retitle`."),
                Field("pinned", "boolean", "Pinned by `curation.pin`."),
                _citations(),
            ),
        ),
        Field(
            "actors",
            "array",
            "Every actor of the topic config that the sources name.",
            fields=(
                Field("id", "string", "Actor id."),
                Field("name", "string", "Name."),
                Field("role", "string", "Role, or null.", nullable=True),
                Field("affiliation", "string", "Affiliation id, or null.", nullable=True),
                Field("statements", "array", "Ids of their statements.", items="string"),
                Field("mentions", "array", "Every paragraph naming them.", ref="citation"),
            ),
        ),
        Field(
            "disagreements",
            "array",
            "Pairs of claims from different sources that contradict each other.",
            fields=(
                Field("id", "string", "Item id (`D-…`)."),
                Field("point", "string", "The question they disagree on."),
                Field(
                    "origin",
                    "string",
                    "Found by a cue rule, or recorded under `curation.disagreements`.",
                    enum=("detected", "curated"),
                ),
                Field(
                    "first",
                    "array",
                    "One side's claims.",
                    fields=(
                        Field("text", "string", "The claim."),
                        Field("citation", "object", "Its citation.", ref="citation"),
                    ),
                ),
                Field(
                    "second",
                    "array",
                    "The other side's claims.",
                    fields=(
                        Field("text", "string", "The claim."),
                        Field("citation", "object", "Its citation.", ref="citation"),
                    ),
                ),
            ),
        ),
    ),
)
"""briefing.json: its ``fields`` are the top-level keys, in the order they are written."""

DEFINITIONS = {"citation": CITATION}


def walk(field: Field = BRIEFING, prefix: str = "") -> Iterator[tuple[str, Field]]:
    """Every field with its path (``sources[].paragraphs[].id``); shared definitions are listed once."""
    for child in field.fields:
        path = prefix + child.name + ("[]" if child.type == "array" and (child.fields or child.ref) else "")
        yield path, child
        yield from walk(child, path + ".")


def reference_rows() -> list[tuple[str, str, str]]:
    """(path, type, doc) for every field and the shared citation: the About page's data reference."""
    rows = [(path, _type_words(field), field.doc) for path, field in walk()]
    for name, definition in DEFINITIONS.items():
        rows.append((f"{name}", "object", definition.doc))
        rows.extend((f"{name}.{path}", _type_words(field), field.doc) for path, field in walk(definition))
    return rows


def _type_words(field: Field) -> str:
    if field.type == "array":
        inner = field.ref or ("object" if field.fields else field.items or "")
        text = f"list of {inner}"
    elif field.ref:
        text = field.ref
    else:
        text = field.type
    if field.enum:
        text += ": " + ", ".join(field.enum)
    return text + (" or null" if field.nullable else "")


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for briefing.json: every key required, no other key allowed."""
    schema = _schema(BRIEFING)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefing.json",
        "description": "The data of a briefing generated by build_site.py; documented on the About page.",
        **schema,
        "$defs": {name: _schema(definition) for name, definition in DEFINITIONS.items()},
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _schema(field: Field) -> dict[str, Any]:
    if field.ref and field.type != "array":
        return _nullable({"$ref": f"#/$defs/{field.ref}"}, field)
    out: dict[str, Any] = {"description": field.doc}
    if field.type == "object":
        out["type"] = "object"
        out["properties"] = {child.name: _schema(child) for child in field.fields}
        out["required"] = [child.name for child in field.fields]
        out["additionalProperties"] = False
    elif field.type == "array":
        out["type"] = "array"
        if field.ref:
            out["items"] = {"$ref": f"#/$defs/{field.ref}"}
        elif field.fields:
            out["items"] = _schema(Field(field.name, "object", field.doc, fields=field.fields))
        else:
            out["items"] = {"type": field.items}
    else:
        out["type"] = field.type
        if field.enum:
            out["enum"] = list(field.enum)
    return _nullable(out, field)


def _nullable(out: dict[str, Any], field: Field) -> dict[str, Any]:
    if not field.nullable:
        return out
    if "$ref" in out:
        return {"anyOf": [out, {"type": "null"}]}
    out["type"] = [out["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out
