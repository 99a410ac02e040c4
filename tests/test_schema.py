"""The topic config's schema (briefing/schema.py) against what reads it, documents it and scaffolds it.

Each key is declared once; these tests fail when the loader, the About page, the
scaffolded config or the real topic.yml disagree with the declaration.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from conftest import TOPIC, ProjectFactory

from briefing import schema
from briefing.config import TOP_KEYS, load_topic
from briefing.errors import BriefingError
from briefing.extract.arguments import ArgumentFinder
from briefing.extract.statements import StatementFinder, verb_forms
from briefing.extract.text import ActorMatcher, matcher_for
from briefing.scaffold import topic_yaml

from test_config import MINI


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "topic.yml"
    path.write_text(text, encoding="utf-8")
    return load_topic(path, "topic.yml")


def yaml_paths(value: object, prefix: str = "") -> set[str]:
    """Dotted key paths of a YAML value, list items folded (``actors.aliases``), id-keyed mappings left out."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            path = f"{prefix}{key}"
            paths.add(path)
            if path not in ("curation.retitle", "curation.move"):
                paths |= yaml_paths(child, path + ".")
    elif isinstance(value, list):
        for child in value:
            paths |= yaml_paths(child, prefix)
    return paths


DECLARED = {path for path, _key in schema.walk()}


def test_the_scaffolded_config_has_every_key_and_loads(tmp_path: Path) -> None:
    text = topic_yaml("Norhaven", every_example=True)
    topic = load_text(tmp_path, text)
    assert yaml_paths(yaml.safe_load(text)) == DECLARED - {
        "curation.disagreements.point",
        "curation.disagreements.first",
        "curation.disagreements.second",
    }
    assert topic.subject == "norhaven" and topic.subject_name == "Norhaven"
    assert topic.site_name == "Briefing: Norhaven"
    comments = " ".join(
        line.strip().removeprefix("#").strip() for line in text.splitlines() if line.strip().startswith("#")
    )
    for path, key in schema.walk():  # every key is explained by a comment
        assert " ".join(key.doc.replace("`", "").split())[:40] in comments, path


def test_every_key_of_the_real_topic_is_declared() -> None:
    raw = yaml.safe_load(Path(__file__).resolve().parents[1].joinpath("topic.yml").read_text(encoding="utf-8"))
    assert yaml_paths(raw) <= DECLARED
    assert set(raw) <= set(TOP_KEYS)


def test_the_about_page_lists_every_declared_key_and_nothing_else(generated: ProjectFactory) -> None:
    about = generated().read("docs/about.md")
    region = about.split("<!-- briefing:begin config-reference", 1)[1].split("<!-- briefing:end config-reference", 1)[0]
    listed = re.findall(r"^\| `([^`]+)` \|", region, re.M)
    assert [key.replace("[]", "") for key in listed] == [path for path, _key in schema.walk()]
    assert "actors[].aliases" in listed and "cleaning.drop_lines[].pattern" in listed
    assert "Every key of `topic.yml`" in region


@pytest.mark.parametrize("path", sorted(p for p, key in schema.walk() if key.kind == "section"))
def test_an_unknown_key_in_any_section_is_refused_with_a_suggestion(tmp_path: Path, path: str) -> None:
    """The allowed keys come from the schema: a misspelt key is refused in every section."""
    key = schema.key_at(path)
    first = key.keys[0].name
    nested = {first + "x": 1}
    for part in reversed(path.split(".")):
        nested = {part: nested}
    text = MINI + yaml.safe_dump(nested)
    with pytest.raises(BriefingError) as caught:
        load_text(tmp_path, text)
    assert f"{path}.{first}x: unknown key '{first}x' (did you mean '{first}'?)" in str(caught.value)


def test_defaults_come_from_the_schema(tmp_path: Path) -> None:
    topic = load_text(tmp_path, MINI)
    assert topic.matching.verb_forms == schema.default("matching.verb_forms") == ("present", "ing")
    assert topic.matching.alias_case == "first-letter"
    assert topic.argument_cues.uncued_side == "position"
    assert topic.cleaning.caption_max_words == schema.default("cleaning.caption_max_words")
    assert dict(topic.side_titles) == {
        "position": schema.default("sides.position"),
        "counter": schema.default("sides.counter"),
    }
    assert topic.description == topic.question and topic.bottom_line == ""
    assert (topic.site.url, topic.site.repository, topic.site.branch) == (None, None, "main")


CHOICE_ERRORS = [
    (
        "matching:\n  alias_case: exactly\n",
        "topic.yml:11: matching.alias_case: expected one of first-letter, "
        "exact, ignore, got 'exactly' (did you mean 'exact'?)",
    ),
    (
        "matching:\n  verb_forms: [past]\n",
        "topic.yml:11: matching.verb_forms[0]: expected one of present, ing, got 'past'",
    ),
    (
        "arguments:\n  uncued_side: counters\n",
        "topic.yml:11: arguments.uncued_side: expected one of position, "
        "counter, got 'counters' (did you mean 'counter'?)",
    ),
    (
        "arguments:\n  lean_kinds: [opinon]\n",
        "topic.yml:11: arguments.lean_kinds[0]: expected one of news, "
        "analysis, opinion, explainer, got 'opinon' (did you mean 'opinion'?)",
    ),
    (
        "site:\n  repository: github.com/x/y\n",
        "topic.yml:11: site.repository: 'github.com/x/y' is not a web address (start it with https://)",
    ),
]


@pytest.mark.parametrize(("text", "message"), CHOICE_ERRORS, ids=[m.split(": ")[1] for _t, m in CHOICE_ERRORS])
def test_new_keys_are_validated(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(BriefingError) as caught:
        load_text(tmp_path, MINI + text)
    assert str(caught.value) == message


# --- the rules that used to live in code -----------------------------------------------------


def test_verb_forms_follow_the_config() -> None:
    assert set(verb_forms("urged")) == {"urged", "urging", "urgs", "urges"}  # today's default: both
    assert set(verb_forms("urged", ())) == {"urged"}
    assert set(verb_forms("urged", ("ing",))) == {"urged", "urging"}
    assert set(verb_forms("said", ("present",))) == {"said", "says"}


def with_matching(text: str) -> str:
    return TOPIC + textwrap.dedent(text)


def statements_of(tmp_path: Path, topic_text: str, sentence: str, project: ProjectFactory) -> list[str]:
    scratch = project(seeds={"a.md": "---\ntitle: A title for the test\n---\n" + sentence + "\n"}, topic=topic_text)
    outcome = scratch.generate()
    return [s.act for s in outcome.briefing.statements]


def test_present_tense_matching_can_be_turned_off(tmp_path: Path, project: ProjectFactory) -> None:
    sentence = "Minister Roe says the harbour will stay open to every ship that pays its dues."
    assert statements_of(tmp_path, TOPIC, sentence, project) == ["said"]
    assert statements_of(tmp_path, with_matching("matching:\n  verb_forms: [ing]\n"), sentence, project) == []


def test_hedges_come_from_the_config(tmp_path: Path, project: ProjectFactory) -> None:
    sentence = "Reports claim Minister Roe announced a new tariff on the harbour's cargo ships."
    assert statements_of(tmp_path, TOPIC, sentence, project) == ["announced"]
    hedged = with_matching("matching:\n  hedges: [claim]\n")
    assert statements_of(tmp_path, hedged, sentence, project) == []


def test_alias_case_comes_from_the_config(tmp_path: Path) -> None:
    topic = load_text(tmp_path, TOPIC)
    (actor,) = topic.actors
    first_letter = matcher_for(topic)
    assert [m.actor.id for m in first_letter.find("minister Roe spoke. Minister Roe spoke.")] == ["jane-roe"]
    assert ActorMatcher(topic.actors, "ignore").find("MINISTER ROE spoke.")[0].actor == actor
    assert ActorMatcher(topic.actors, "exact").find("Minister Roe spoke.")[0].actor == actor
    assert ActorMatcher(topic.actors, "first-letter").find("MINISTER ROE spoke.") == []


def test_the_side_of_an_uncued_claim_on_a_tie_comes_from_the_config(tmp_path: Path) -> None:
    from briefing.extract.arguments import _leaning

    assert _leaning([], "counter") == "counter" and _leaning([], "position") == "position"
    topic = load_text(tmp_path, TOPIC + "arguments:\n  uncued_side: counter\n")
    assert topic.argument_cues.uncued_side == "counter"
    ArgumentFinder(topic, matcher_for(topic))  # builds with the knob set
    StatementFinder(topic, matcher_for(topic))


def instance_path(path: str) -> tuple[list[str | int], str]:
    """``actors.aliases`` -> (["actors", 0, "aliases"], "actors[0].aliases"): the first record of each list."""
    parts: list[str | int] = []
    shown = ""
    walked = ""
    for name in path.split("."):
        walked = f"{walked}.{name}" if walked else name
        parts.append(name)
        shown = f"{shown}.{name}" if shown else name
        if schema.key_at(walked).kind == "records" and walked != path:
            parts.append(0)
            shown += "[0]"
    return parts, shown


@pytest.mark.parametrize("path", sorted(DECLARED))
def test_every_declared_key_is_read_and_checked_as_declared(tmp_path: Path, path: str) -> None:
    """A value of the wrong type under any declared key is refused, naming the line and the key path:
    the loader reads every key the schema declares, as the kind the schema gives it."""
    data = yaml.safe_load(topic_yaml("Norhaven", every_example=True))
    data["curation"]["disagreements"] = [{"point": "P", "first": "S-1a2b3c", "second": "S-4d5e6f"}]
    parts, shown = instance_path(path)
    target = data
    for part in parts[:-1]:
        target = target[part]
    key = schema.key_at(path)
    target[parts[-1]] = [1] if key.kind in ("section", "mapping") else {"wrong": 1}
    with pytest.raises(BriefingError) as caught:
        load_text(tmp_path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    assert re.match(rf"topic\.yml:\d+: {re.escape(shown)}(\W|$)", str(caught.value)), str(caught.value)
