"""The YAML vocabulary shared by topic.yml and front matter: safe loading, lines, key paths, checks."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.yamlio import (
    YamlDoc,
    check_keys,
    compile_pattern,
    did_you_mean,
    expect_mapping,
    format_keypath,
    get_list,
    get_str,
    get_str_list,
    load_yaml,
)

DOC = textwrap.dedent("""\
    # a comment
    title: Harbour
    actors:
      - id: jane
        aliases: [Jane, J.]
      - id: ben

        aliases:
          - Ben
    empty:
    """)


@pytest.mark.parametrize(
    ("keypath", "text"),
    [
        ((), ""),
        (("actors",), "actors"),
        (("actors", 2, "aliases"), "actors[2].aliases"),
        (("actors", 2, "aliases", 0), "actors[2].aliases[0]"),
        ((0, "id"), "[0].id"),
    ],
)
def test_format_keypath(keypath: tuple[str | int, ...], text: str) -> None:
    assert format_keypath(keypath) == text


def test_lines_of_keys_and_items() -> None:
    doc = load_yaml(DOC, "topic.yml")
    assert doc.data["actors"][1] == {"id": "ben", "aliases": ["Ben"]}
    assert doc.lines[("title",)] == 2
    assert doc.lines[("actors",)] == 3
    assert doc.lines[("actors", 0)] == 4
    assert doc.lines[("actors", 0, "aliases")] == 5
    assert doc.lines[("actors", 0, "aliases", 1)] == 5
    assert doc.lines[("actors", 1)] == 6
    assert doc.lines[("actors", 1, "aliases")] == 8
    assert doc.lines[("actors", 1, "aliases", 0)] == 9
    assert doc.lines[("empty",)] == 10


def test_line_of_unknown_path_falls_back_to_deepest_known_prefix() -> None:
    doc = load_yaml(DOC, "topic.yml")
    assert doc.line(("actors", 1, "role")) == 6
    assert doc.line(("nowhere", "at", "all")) == 2  # the document itself starts at its first key


def test_line_offset_for_front_matter() -> None:
    doc = load_yaml("title: T\nkind: news\n", "seeds/a.md", line_offset=1)
    assert doc.lines[("kind",)] == 3
    assert str(doc.error(("kind",), "bad", "a hint")) == "seeds/a.md:3: kind: bad (a hint)"


def test_empty_document() -> None:
    doc = load_yaml("# only a comment\n", "topic.yml")
    assert doc.data is None
    assert doc.line(("anything",)) is None
    assert str(doc.error(("anything",), "missing")) == "topic.yml: anything: missing"


def test_duplicate_key_names_its_second_line() -> None:
    with pytest.raises(BriefingError) as caught:
        load_yaml("actors:\n  - id: a\n    id: b\n", "topic.yml")
    assert str(caught.value) == "topic.yml:3: actors[0].id: key given twice (keep one of them)"


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(BriefingError) as caught:
        load_yaml("title: ok\nscope: a: b\n", "topic.yml")
    assert str(caught.value) == "topic.yml:2: invalid YAML: mapping values are not allowed here"


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: ok\nx: !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(BriefingError) as caught:
        load_yaml(text, "topic.yml")
    assert str(caught.value) == (
        "topic.yml:2: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"
    )
    assert not marker.exists()


def test_dates_load_as_dates_and_impossible_dates_as_text() -> None:
    doc = load_yaml("start: 2025-04-22\nend: 2025-02-30\nwhen: 2025-13-01\n", "topic.yml")
    assert doc.data == {"start": date(2025, 4, 22), "end": "2025-02-30", "when": "2025-13-01"}


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "scope"]) == "did you mean 'title'?"
    assert did_you_mean("drop_line", ["end_markers", "drop_lines"]) == "did you mean 'drop_lines'?"
    assert did_you_mean("zzz", ["title", "scope"]) is None


def doc_for(data: object) -> YamlDoc:
    return YamlDoc(data, "topic.yml", {("a",): 4, ("a", "b"): 5})


def test_check_keys_unknown_with_suggestion_and_line() -> None:
    doc = doc_for({})
    with pytest.raises(BriefingError) as caught:
        check_keys(doc, ("a",), {"nmae": 1}, ("id", "name"))
    assert str(caught.value) == "topic.yml:4: a.nmae: unknown key 'nmae' (did you mean 'name'?)"


def test_check_keys_unknown_lists_allowed_keys() -> None:
    with pytest.raises(BriefingError) as caught:
        check_keys(doc_for({}), ("a",), {"zzz": 1}, ("id", "name"))
    assert str(caught.value) == "topic.yml:4: a.zzz: unknown key 'zzz' (allowed keys: id, name)"


def test_check_keys_required() -> None:
    check_keys(doc_for({}), ("a",), {"id": 1, "name": 2}, ("id", "name"), required=("id",))
    with pytest.raises(BriefingError) as caught:
        check_keys(doc_for({}), ("a",), {"name": 2}, ("id", "name"), required=("id",))
    assert str(caught.value) == "topic.yml:4: a: missing required key 'id'"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  text  ", "text"),
        (3, "3"),
        (1.5, "1.5"),
        (None, "default"),
    ],
)
def test_get_str(value: object, expected: str) -> None:
    assert get_str(doc_for({}), ("a",), {"b": value}, "b", "default") == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "topic.yml:5: a.b: expected text, got true (a yes/no value)"),
        ([1], "topic.yml:5: a.b: expected text, got a list"),
        ({"x": 1}, "topic.yml:5: a.b: expected text, got a mapping"),
    ],
)
def test_get_str_wrong_type(value: object, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        get_str(doc_for({}), ("a",), {"b": value}, "b")
    assert str(caught.value) == message


def test_get_str_required() -> None:
    with pytest.raises(BriefingError) as caught:
        get_str(doc_for({}), ("a",), {}, "b", required=True)
    assert str(caught.value) == "topic.yml:4: a: missing required key 'b'"


def test_get_str_list() -> None:
    doc = doc_for({})
    assert get_str_list(doc, ("a",), {"b": ["x ", 2]}, "b") == ("x", "2")
    assert get_str_list(doc, ("a",), {"b": "one"}, "b") == ("one",)
    assert get_str_list(doc, ("a",), {}, "b") == ()
    with pytest.raises(BriefingError) as caught:
        get_str_list(doc, ("a",), {"b": ["x", "  "]}, "b")
    assert str(caught.value) == "topic.yml:5: a.b[1]: must not be empty"
    with pytest.raises(BriefingError) as caught:
        get_str_list(doc, ("a",), {"b": {"x": 1}}, "b")
    assert str(caught.value) == "topic.yml:5: a.b: expected a list of text, got a mapping"
    with pytest.raises(BriefingError) as caught:
        get_str_list(doc, ("a",), {"b": ["x", None]}, "b")
    assert str(caught.value) == "topic.yml:5: a.b[1]: expected text, got nothing"


def test_get_list_and_expect_mapping() -> None:
    doc = doc_for({})
    assert get_list(doc, ("a",), {"b": [1]}, "b") == [1]
    assert get_list(doc, ("a",), {}, "b") == []
    with pytest.raises(BriefingError) as caught:
        get_list(doc, ("a",), {"b": "x"}, "b")
    assert str(caught.value) == "topic.yml:5: a.b: expected a list, got 'x'"
    with pytest.raises(BriefingError) as caught:
        expect_mapping(doc, ("a",), [1, 2])
    assert str(caught.value) == "topic.yml:4: a: expected a mapping of keys to values, got a list"


def test_compile_pattern_is_case_insensitive() -> None:
    pattern = compile_pattern(doc_for({}), ("a", "b"), "related (articles|stories)")
    assert pattern.fullmatch("Related Articles")


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(unclosed", "topic.yml:5: a.b: invalid regular expression: missing ), unterminated subpattern at position 0"),
        ("x*", "topic.yml:5: a.b: pattern matches empty text (it would match every line)"),
        ("a|", "topic.yml:5: a.b: pattern matches empty text (it would match every line)"),
        ("^", "topic.yml:5: a.b: pattern matches empty text (it would match every line)"),
    ],
)
def test_compile_pattern_errors(pattern: str, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        compile_pattern(doc_for({}), ("a", "b"), pattern)
    assert str(caught.value) == message
