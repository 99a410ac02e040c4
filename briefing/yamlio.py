"""Read YAML that people edit, remembering the line of every key and item.

YAML is always parsed with PyYAML's safe loader. The node tree gives each key and
list item its line, so validation errors can say ``topic.yml:41: actors[2].aliases: …``.
The helpers here are the one validation vocabulary shared by the topic config and
the seeds' front matter.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .errors import BriefingError

KeyPath = tuple[str | int, ...]


def format_keypath(keypath: KeyPath) -> str:
    """``("actors", 2, "aliases")`` -> ``actors[2].aliases``."""
    text = ""
    for part in keypath:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, slots=True)
class YamlDoc:
    """Parsed YAML plus the line (1-based, in the file) of every key path."""

    data: Any
    path: str
    lines: Mapping[KeyPath, int]
    line_offset: int = 0

    def line(self, keypath: KeyPath) -> int | None:
        """The line of the deepest known prefix of ``keypath``."""
        for end in range(len(keypath), -1, -1):
            found = self.lines.get(keypath[:end])
            if found is not None:
                return found
        return None

    def error(self, keypath: KeyPath, message: str, hint: str | None = None) -> BriefingError:
        where = format_keypath(keypath)
        text = f"{where}: {message}" if where else message
        return BriefingError(text, self.path, self.line(keypath), hint)


class _SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that an impossible date (``2025-13-01``) stays text.

    The stock loader raises a bare ValueError for it, which would escape as a
    traceback; as text, the caller's own check reports it with file and line.
    """

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)

#: libyaml's parser when PyYAML was built with it (it is, from PyPI): the same events and nodes,
#: several times faster than the pure-Python one, which was a quarter of a warm build's time.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, path: str, line_offset: int = 0) -> YamlDoc:
    """Parse ``text`` safely; ``line_offset`` is added to every line (front matter).

    Anchors and aliases are refused before any tree is built: an alias bomb
    ("billion laughs") would otherwise expand into an exponentially large tree.
    """
    try:
        _refuse_aliases(text, path, line_offset, _Parser)
        node = yaml.compose(text, Loader=_Parser)
    except yaml.YAMLError:
        # Parse again with the pure-Python parser, whose messages are the ones we explain.
        try:
            _refuse_aliases(text, path, line_offset, yaml.SafeLoader)
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise _yaml_error(exc, text, path, line_offset) from None
    lines: dict[KeyPath, int] = {}
    if node is None:
        return YamlDoc(None, path, lines, line_offset)
    lines[()] = node.start_mark.line + 1 + line_offset
    _record_lines(node, (), lines, path, line_offset)
    try:
        data = _SafeLoader("").construct_document(node)  # the tree already composed: no second parse
    except yaml.YAMLError as exc:  # e.g. a tag the safe loader refuses
        raise _yaml_error(exc, text, path, line_offset) from None
    return YamlDoc(data, path, lines, line_offset)


def _refuse_aliases(text: str, path: str, offset: int, parser: type = yaml.SafeLoader) -> None:
    """One linear pass over the parse events: the first anchor (``&name``) or alias (``*name``) is an error."""
    for event in yaml.parse(text, Loader=parser):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise BriefingError(
                "YAML anchors and aliases ('&name', '*name') are not allowed",
                path,
                mark.line + 1 + offset if mark is not None else None,
                "write each value out in full",
            )


def _yaml_error(exc: yaml.YAMLError, text: str, path: str, offset: int) -> BriefingError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow, e.g. a control character
        line = text.count("\n", 0, exc.position) + 1 + offset
        return BriefingError(
            f"invalid YAML: character U+{exc.character:04X} is not allowed", path, line, "remove the control character"
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = mark.line + 1 + offset if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return BriefingError(f"invalid YAML: {problem}", path, where)


def _record_lines(node: yaml.Node, keypath: KeyPath, lines: dict[KeyPath, int], path: str, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                raise BriefingError(
                    f"{format_keypath(keypath + (key,))}: key given twice",
                    path,
                    line,
                    "keep one of them",
                )
            seen.add(key)
            lines[keypath + (key,)] = line
            _record_lines(value_node, keypath + (key,), lines, path, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[keypath + (index,)] = item.start_mark.line + 1 + offset
            _record_lines(item, keypath + (index,), lines, path, offset)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def expect_mapping(doc: YamlDoc, keypath: KeyPath, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise doc.error(keypath, f"expected a mapping of keys to values, got {_kind(value)}")
    return value


def check_keys(
    doc: YamlDoc,
    keypath: KeyPath,
    mapping: Mapping[str, Any],
    allowed: Iterable[str],
    required: Iterable[str] = (),
) -> None:
    """Unknown keys are errors (with a suggestion); missing required keys too."""
    allowed = list(allowed)
    for key in mapping:
        if str(key) not in allowed:
            hint = did_you_mean(str(key), allowed) or "allowed keys: " + ", ".join(allowed)
            raise doc.error(keypath + (str(key),), f"unknown key '{key}'", hint)
    for key in required:
        if key not in mapping:
            raise doc.error(keypath, f"missing required key '{key}'")


def get_str(
    doc: YamlDoc,
    keypath: KeyPath,
    mapping: Mapping[str, Any],
    key: str,
    default: str | None = None,
    *,
    required: bool = False,
) -> str | None:
    value = mapping.get(key)
    if value is None:
        if required:
            raise doc.error(keypath, f"missing required key '{key}'")
        return default
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise doc.error(keypath + (key,), f"expected text, got {_kind(value)}")
    text = str(value).strip()
    if required and not text:
        raise doc.error(keypath + (key,), "must not be empty")
    return text


def get_str_list(
    doc: YamlDoc,
    keypath: KeyPath,
    mapping: Mapping[str, Any],
    key: str,
    *,
    required: bool = False,
) -> tuple[str, ...]:
    value = mapping.get(key)
    if value is None:
        if required:
            raise doc.error(keypath, f"missing required key '{key}'")
        return ()
    if isinstance(value, str):
        if "," in value:  # "cues: a, b, c" is one text, not three: say so rather than find nothing
            raise doc.error(
                keypath + (key,),
                "expected a list of text, got one text with commas",
                f"write a list in brackets, [{value}]; for one item holding a comma, write ['{value}']",
            )
        value = [value]
    if not isinstance(value, list):
        raise doc.error(keypath + (key,), f"expected a list of text, got {_kind(value)}")
    items: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise doc.error(keypath + (key, index), f"expected text, got {_kind(item)}")
        text = str(item).strip()
        if not text:
            raise doc.error(keypath + (key, index), "must not be empty")
        items.append(text)
    return tuple(items)


def get_list(doc: YamlDoc, keypath: KeyPath, mapping: Mapping[str, Any], key: str) -> list[Any]:
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise doc.error(keypath + (key,), f"expected a list, got {_kind(value)}")
    return value


def compile_pattern(doc: YamlDoc, keypath: KeyPath, pattern: str) -> re.Pattern[str]:
    """A contributor's regular expression: must compile and must not match empty text."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise doc.error(keypath, f"invalid regular expression: {exc}") from None
    if compiled.search("") is not None:
        raise doc.error(keypath, "pattern matches empty text", "it would match every line")
    return compiled


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"'{value}'"
    return f"{value!r}"
