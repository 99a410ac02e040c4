"""briefing.json against its declared schema (briefing/data_schema.py).

The published JSON Schema is checked with a small validator for the subset it
uses (type, enum, properties, required, additionalProperties, items, $ref,
anyOf); the declaration is checked against the real output both ways, so a
field written but not documented, or documented but not written, fails.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from conftest import Gathered, ProjectFactory

from briefing import data_schema

_TYPES = {"string": str, "integer": int, "boolean": bool, "object": dict, "array": list, "null": type(None)}


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (a JSON Schema using the subset briefing.schema.json uses)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return errors(value, root["$defs"][name], root, where)
    if "anyOf" in schema:
        found = [errors(value, option, root, where) for option in schema["anyOf"]]
        return [] if any(not f for f in found) else [f"{where}: matches none of anyOf"]
    out: list[str] = []
    types = schema.get("type")
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        if not any(isinstance(value, _TYPES[t]) and not (t == "integer" and isinstance(value, bool)) for t in allowed):
            return [f"{where}: {type(value).__name__} is not {allowed}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        out += [f"{where}: missing {key}" for key in schema.get("required", []) if key not in value]
        if schema.get("additionalProperties") is False:
            out += [f"{where}: unexpected {key}" for key in value if key not in properties]
        for key, child in value.items():
            if key in properties:
                out += errors(child, properties[key], root, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, child in enumerate(value):
            out += errors(child, schema["items"], root, f"{where}[{index}]")
    return out


def paths_of(value: Any, prefix: str = "") -> set[str]:
    """Key paths of a JSON value in the declaration's notation (``sources[].paragraphs[].id``)."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            list_of_objects = isinstance(child, list) and any(isinstance(c, dict) for c in child)
            path = prefix + key + ("[]" if list_of_objects else "")
            paths.add(path)
            if isinstance(child, dict):
                paths |= paths_of(child, path + ".")
            elif list_of_objects:
                for item in child:
                    paths |= paths_of(item, path + ".")
    return paths


def declared_paths() -> set[str]:
    """Declared paths, with each shared definition (a citation) expanded where it is used."""
    paths = set()
    for path, field in data_schema.walk():
        paths.add(path)
        if field.ref:
            paths |= {f"{path}.{sub}" for sub, _f in data_schema.walk(data_schema.DEFINITIONS[field.ref])}
    return paths


def output_of(rendering: Any, path: str) -> str:
    return next(f.text for f in rendering.files if f.path == path)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return data_schema.json_schema()


def test_the_validator_can_fail(schema: dict[str, Any]) -> None:
    good = {
        "generated_by": "x",
        "title": "t",
        "question": "q",
        "subject": "s",
        "sources": [],
        "themes": [],
        "periods": [],
        "statements": [],
        "key_points": [],
        "arguments": [],
        "events": [],
        "actors": [],
        "disagreements": [],
    }
    assert errors(good, schema, schema) == []
    bad = copy.deepcopy(good)
    bad["extra"] = 1
    bad["events"] = [{"id": 3}]
    del bad["title"]
    found = errors(bad, schema, schema)
    assert "$: missing title" in found and "$: unexpected extra" in found
    assert "$.events[0].id: int is not ['string']" in found and "$.events[0]: missing date" in found


def test_real_briefing_json_matches_the_published_schema(real_gathered: Gathered, schema: dict[str, Any]) -> None:
    """Instance check: the Russia briefing's data."""
    data = json.loads(output_of(real_gathered.rendering, "data/briefing.json"))
    assert errors(data, schema, schema) == []


def test_scratch_briefing_json_matches_the_published_schema(generated: ProjectFactory, schema: dict[str, Any]) -> None:
    data = json.loads(generated().read("docs/data/briefing.json"))
    assert errors(data, schema, schema) == []


def test_every_declared_key_is_written_and_every_written_key_declared(real_gathered: Gathered) -> None:
    data = json.loads(output_of(real_gathered.rendering, "data/briefing.json"))
    written = paths_of(data)
    # A nullable object (a head's `context`) may be null on every item of this instance: its keys need not show.
    never_filled = {
        path
        for path, field in data_schema.walk()
        if field.nullable
        and field.type == "object"
        and path in written
        and not any(p.startswith(path + ".") for p in written)
    }
    declared = {p for p in declared_paths() if not any(p.startswith(n + ".") for n in never_filled)}
    assert written == declared
    assert {"statements[].context", "key_points[].context.quote"} <= written


def test_the_schema_is_published_beside_the_data(generated: ProjectFactory, schema: dict[str, Any]) -> None:
    scratch = generated()
    published = json.loads(scratch.read("docs/data/briefing.schema.json"))
    assert published == schema
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_about_page_documents_every_declared_key(generated: ProjectFactory) -> None:
    about = generated().read("docs/about.md")
    region = about.split("<!-- briefing:begin data-shape", 1)[1].split("<!-- briefing:end data-shape", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \|", region, re.M)
    assert listed == [row[0] for row in data_schema.reference_rows()]
    assert {path for path, _f in data_schema.walk()} <= set(listed)
    assert "[`data/briefing.schema.json`](data/briefing.schema.json)" in region
