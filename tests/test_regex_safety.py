"""Topic regexes that could hang the build are refused when the config is loaded (briefing/regex_safety.py)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_config import MINI

from briefing.config import load_topic
from briefing.errors import BriefingError
from briefing.regex_safety import backtracking_danger

DANGEROUS = [
    "(a+)+$",
    r"(\w+\s?)*$",
    "(a*b*)+c",
    "(x+x+)+y",
    r"(?:\d+)*#",
    "(a|aa)+$",
    "(ab|a|b)*c",
    "(?:yes|yes)+!",
    "(.*a){12}",
]
SAFE = [
    "a+$",
    r"(, \w+)*$",
    "a++$",
    "(?>a+)+$",
    "(a+)++$",
    r"(ab*)+$",
    r"\d+\s+(minutes?|hours?)\s+ago",
    "(the|then)+",
    r"related (articles|stories|news)",
]


def test_a_nested_quantifier_in_a_noise_pattern_is_refused_with_key_line_and_fix(tmp_path: Path) -> None:
    """The issue's case: `(a+)+$` in a noise pattern hung the build on a line of 40 `a`s."""
    text = MINI + "cleaning:\n  drop_lines:\n    - name: runs\n      pattern: '(a+)+$'\n"
    path = tmp_path / "topic.yml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(BriefingError) as caught:
        load_topic(path, "topic.yml")
    assert time.perf_counter() - started < 5  # refused at once, never run
    message = str(caught.value)
    assert message.startswith(
        "topic.yml:13: cleaning.drop_lines[0].pattern: unsafe regular expression: nested quantifier"
    )
    assert "(write 'a+' for '(a+)+')" in message


@pytest.mark.parametrize("key", ["end_markers", "drop_lines", "strip_fragments"])
def test_every_cleaning_rule_is_checked(tmp_path: Path, key: str) -> None:
    path = tmp_path / "topic.yml"
    path.write_text(MINI + f"cleaning:\n  {key}:\n    - name: runs\n      pattern: '(\\w+\\s?)+$'\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=rf"cleaning\.{key}\[0\]\.pattern: unsafe regular expression"):
        load_topic(path, "topic.yml")


def test_metadata_patterns_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "topic.yml"
    path.write_text(MINI + "metadata:\n  date_header: '^date ((\\d+)+-)$'\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"topic.yml:11: metadata.date_header: unsafe regular expression"):
        load_topic(path, "topic.yml")


@pytest.mark.parametrize("pattern", DANGEROUS)
def test_dangerous_shapes_are_found(pattern: str) -> None:
    assert backtracking_danger(pattern) is not None


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_shapes_pass(pattern: str) -> None:
    assert backtracking_danger(pattern) is None


@pytest.mark.parametrize(
    "topic",
    [REPO / "topic.yml", REPO / "tests" / "fixtures" / "harbour" / "topic.yml"],
    ids=["repository topic", "harbour fixture"],
)
def test_every_pattern_of_a_working_topic_passes(topic: Path) -> None:
    """No false alarm on patterns in use (the byline patterns nest quantifiers safely)."""
    raw = yaml.safe_load(topic.read_text(encoding="utf-8"))
    cleaning, metadata = raw.get("cleaning", {}), raw.get("metadata", {})
    patterns = [
        rule["pattern"] for key in ("end_markers", "drop_lines", "strip_fragments") for rule in cleaning.get(key, [])
    ]
    patterns += [rule["pattern"] for rule in metadata.get("bylines", [])] + [metadata.get("date_header") or "x"]
    assert [p for p in patterns if backtracking_danger(p)] == []


def test_the_dangerous_shapes_really_are_slow() -> None:
    """The checker is not guarding against a ghost: a refused shape takes visibly long on a short line."""
    started = time.perf_counter()
    re.search("(a+)+$", "a" * 22 + "!")
    assert time.perf_counter() - started > 0.05
