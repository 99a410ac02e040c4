"""The data file's layout: valid JSON, one top-level key a line, one list item a line."""

from __future__ import annotations

import json

from briefing.render import json_document


def test_json_document_is_the_data_one_item_a_line() -> None:
    data = {
        "title": "Ünïcode “quotes”",
        "empty": [],
        "items": [{"id": "A-1", "n": [1, 2]}, {"id": "A-2"}],
        "flag": None,
    }
    text = json_document(data).decode("utf-8")
    assert json.loads(text) == data
    assert text.splitlines() == [
        "{",
        '  "title": "Ünïcode “quotes”",',
        '  "empty": [],',
        '  "items": [',
        '    {"id": "A-1", "n": [1, 2]},',
        '    {"id": "A-2"}',
        "  ],",
        '  "flag": null',
        "}",
    ]
