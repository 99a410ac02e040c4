"""Refuse regular expressions that can take exponential time (catastrophic backtracking).

Python's ``re`` backtracks, and a pattern such as ``(a+)+$`` takes seconds on a
line of 30 ``a``s and hours on 40; the build would hang on one unlucky line of an
article. The topic config's patterns are checked when it is loaded, for the two
shapes that cause exponential backtracking and can be recognised for sure:

* **a nested quantifier**: a repeated group that contains an unbounded repetition
  which can also match the group's first character, so one stretch of text can
  be split between the two repetitions in exponentially many ways (``(a+)+``,
  ``(\\w+\\s?)*``, ``(a*b*)+``). ``(, \\w+)*`` is safe (each round starts with a
  comma the inner ``\\w+`` cannot take) and passes;
* **overlapping alternatives** repeated: literal branches of which one is made
  of others (``(a|aa)+``, ``(ab|a|b)*``), or the same branch twice.

Possessive quantifiers (``a++``) and atomic groups (``(?>…)``) never backtrack
and pass.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The characters a first-character set is computed over: enough to tell classes apart.
_SAMPLE = frozenset(string.printable + "’‘“”–—…éüßñ\u00a0") - frozenset("\x0b\x0c")
_MAXREPEAT = sre_constants.MAXREPEAT
Node = tuple[Any, Any]
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}


@dataclass(frozen=True, slots=True)
class Danger:
    """Why a pattern is refused, and how to fix it."""

    problem: str
    fix: str


def backtracking_danger(pattern: str) -> Danger | None:
    """A reason ``pattern`` can backtrack exponentially, or None when it cannot in the shapes checked."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None  # the caller reports the syntax error
    return _scan(list(parsed)) or _overlapping_alternatives(pattern)


def _scan(items: list[Node]) -> Danger | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            body_items = list(body)
            if high > 1:
                inner = _unbounded_repeats(body_items)
                first, _nullable = _first(body_items)
                for inner_body in inner:
                    if first & _alphabet(inner_body):
                        return Danger(
                            "nested quantifier: a repeated group contains a repetition that can match the same "
                            "text, which takes exponential time on a line that almost matches",
                            "repeat only once (write 'a+' for '(a+)+'), make each round start with something the "
                            "inner repetition cannot match, or make it possessive ('a++') or atomic ('(?>…)')",
                        )
            found = _scan(body_items)
        else:
            found = None
            for child in _children(op, av):
                found = _scan(child)
                if found:
                    break
        if found:
            return found
    return None


def _children(op: Any, av: Any) -> list[list[Node]]:
    """Sub-sequences of a node that may backtrack (atomic groups and possessive repeats never do)."""
    if op is sre_constants.SUBPATTERN:
        return [list(av[-1])]
    if op is sre_constants.BRANCH:
        return [list(branch) for branch in av[1]]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [list(av[1])]
    if op is sre_constants.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _unbounded_repeats(items: list[Node]) -> list[list[Node]]:
    found = []
    for op, av in items:
        if op in _REPEATS:
            _low, high, body = av
            if high == _MAXREPEAT:
                found.append(list(body))
            found.extend(_unbounded_repeats(list(body)))
        else:
            for child in _children(op, av):
                found.extend(_unbounded_repeats(child))
    return found


def _first(items: list[Node]) -> tuple[frozenset[str], bool]:
    """The characters a match of ``items`` can start with, and whether it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        node_chars, nullable = _first_of(op, av)
        chars |= node_chars
        if not nullable:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_of(op: Any, av: Any) -> tuple[frozenset[str], bool]:
    if op in _REPEATS or op is sre_constants.POSSESSIVE_REPEAT:
        low, _high, body = av
        body_chars, body_nullable = _first(list(body))
        return body_chars, body_nullable or low == 0
    if op is sre_constants.BRANCH:
        chars: set[str] = set()
        nullable = False
        for branch in av[1]:
            branch_chars, branch_nullable = _first(list(branch))
            chars |= branch_chars
            nullable = nullable or branch_nullable
        return frozenset(chars), nullable
    if op is sre_constants.SUBPATTERN:
        return _first(list(av[-1]))
    if op is sre_constants.ATOMIC_GROUP:
        return _first(list(av))
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return frozenset(), True
    if op is sre_constants.GROUPREF or op is sre_constants.GROUPREF_EXISTS:
        return _SAMPLE, True
    return _matching(op, av), False


def _alphabet(items: list[Node]) -> frozenset[str]:
    """Every character a match of ``items`` can contain."""
    chars: set[str] = set()
    for op, av in items:
        if op in _REPEATS or op is sre_constants.POSSESSIVE_REPEAT:
            chars |= _alphabet(list(av[2]))
        elif op is sre_constants.ATOMIC_GROUP:
            chars |= _alphabet(list(av))
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        elif op is sre_constants.GROUPREF or op is sre_constants.GROUPREF_EXISTS:
            chars |= _SAMPLE
        else:
            children = _children(op, av)
            if children or op in (sre_constants.SUBPATTERN, sre_constants.BRANCH):
                for child in children:
                    chars |= _alphabet(child)
            else:
                chars |= _matching(op, av)
    return frozenset(chars)


def _matching(op: Any, av: Any) -> frozenset[str]:
    """Sample characters one single-character node matches (case folded both ways)."""
    if op is sre_constants.LITERAL:
        return _folded({chr(av)})
    if op is sre_constants.NOT_LITERAL:
        return _SAMPLE - _folded({chr(av)})
    if op is sre_constants.ANY:
        return _SAMPLE - {"\n"}
    if op is sre_constants.IN:
        members: set[str] = set()
        negate = False
        for item_op, item_av in av:
            if item_op is sre_constants.NEGATE:
                negate = True
            elif item_op is sre_constants.LITERAL:
                members |= _folded({chr(item_av)})
            elif item_op is sre_constants.RANGE:
                low, high = item_av
                members |= _folded({c for c in _SAMPLE if low <= ord(c) <= high})
            elif item_op is sre_constants.CATEGORY:
                members |= _category(item_av)
        return frozenset(_SAMPLE - members if negate else members)
    return _SAMPLE


def _folded(chars: set[str]) -> frozenset[str]:
    return frozenset(c for ch in chars for c in (ch, ch.lower(), ch.upper()) if len(c) == 1)


def _category(category: Any) -> frozenset[str]:
    tests = {
        "DIGIT": str.isdigit,
        "SPACE": str.isspace,
        "WORD": lambda c: c.isalnum() or c == "_",
        "LINEBREAK": lambda c: c == "\n",
    }
    name = str(category).removeprefix("CATEGORY_").removeprefix("UNI_")
    negate = name.startswith("NOT_")
    test = tests.get(name.removeprefix("NOT_"), lambda c: True)
    chars = frozenset(c for c in _SAMPLE if test(c))
    return _SAMPLE - chars if negate else chars


# A group of plain words separated by "|", repeated without bound: "(a|aa)+", "(?:ab|a|b)*".
_WORD_GROUP = re.compile(r"\((?:\?:)?(?P<body>[\w' -]+(?:\|[\w' -]+)+)\)(?:[+*]|\{\d*,\})(?![+])")


def _overlapping_alternatives(pattern: str) -> Danger | None:
    """Read from the pattern's text: the parser merges "a|aa" into "a(?:|a)", which hides the overlap."""
    for match in _WORD_GROUP.finditer(pattern):
        words = [word.lower() for word in match["body"].split("|")]
        if len(set(words)) < len(words) or any(_tiles(word, [w for w in words if w != word]) for word in words):
            return Danger(
                f"repeated alternatives that overlap ('{match.group(0)}'): the same text splits into them in "
                "exponentially many ways",
                "list each alternative once and make none of them a sequence of the others",
            )
    return None


def _tiles(word: str, parts: list[str]) -> bool:
    """Whether ``word`` is a sequence of two or more of ``parts``."""
    reachable = {0: 0}  # end position -> most pieces used to reach it
    for end in range(1, len(word) + 1):
        for part in parts:
            start = end - len(part)
            if start in reachable and word[start:end] == part:
                reachable[end] = max(reachable.get(end, 0), reachable[start] + 1)
    return reachable.get(len(word), 0) >= 2
