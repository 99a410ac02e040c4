"""The topic config (``topic.yml``): every name, alias, cue phrase and noise pattern.

``load_topic()`` is the only function that reads the file. It validates it once,
with errors that name the file, the line and the key path, and hands the rest of
the pipeline a typed :class:`Topic`. No topic word lives in the Python code.

The keys, which of them are required, their defaults and their docs are declared
once, in :mod:`briefing.schema`; this module takes them from there and adds the
checks that relate keys to each other (ids, references, regex safety).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import schema
from .errors import BriefingError
from .model import SIDES
from .regex_safety import backtracking_danger
from .schema import ACTOR_KINDS, ALIAS_CASES, PRONOUNS, VERB_FORMS, default
from .yamlio import (
    KeyPath,
    YamlDoc,
    check_keys,
    compile_pattern,
    did_you_mean,
    expect_mapping,
    get_list,
    get_str,
    get_str_list,
    load_yaml,
)

__all__ = ["ACTOR_KINDS", "ALIAS_CASES", "PRONOUNS", "VERB_FORMS", "Topic", "load_topic"]


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A named regular expression with the reason shown when it removes text."""

    name: str
    pattern: re.Pattern[str]
    reason: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Cleaning:
    end_markers: tuple[PatternRule, ...] = ()
    """A line matching one of these ends the article: it and all after it are removed."""
    drop_lines: tuple[PatternRule, ...] = ()
    """Whole lines removed wherever they stand."""
    strip_fragments: tuple[PatternRule, ...] = ()
    """Parts of a line removed; the rest of the paragraph is kept."""
    outlets: tuple[str, ...] = ()
    """Outlet names: removed when they stand alone on a line, and after a title line's dash."""
    caption_max_words: int = default("cleaning.caption_max_words")
    """Longest line (in words) that may be taken for an image caption or alt text."""


@dataclass(frozen=True, slots=True)
class MetadataRules:
    """Patterns that find metadata in the text of a plain ``.txt`` seed."""

    date_header: re.Pattern[str] | None = None
    """Must have one group: the ISO date."""
    bylines: tuple[PatternRule, ...] = ()
    """Each may have a named group ``authors``; a matching paragraph is a byline."""


@dataclass(frozen=True, slots=True)
class Affiliation:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActorSpec:
    id: str
    name: str
    aliases: tuple[str, ...]
    role: str | None
    affiliation: str | None
    kind: str
    pronoun: str
    line: int | None = None
    speaks_for: str | None = None
    """Actor id whose words this actor delivers (a spokesperson for a ministry, a ministry for the state)."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    title: str
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Period:
    id: str
    title: str
    start: str | None
    """First ISO date in the period (inclusive), or None for open."""
    end: str | None
    """Last ISO date in the period (inclusive), or None for open."""
    description: str | None = None


@dataclass(frozen=True, slots=True)
class ArgumentCues:
    position: tuple[str, ...] = ()
    counter: tuple[str, ...] = ()
    subject_terms: tuple[str, ...] = ()
    """Words that make a sentence be about the subject's stance (besides the subject's aliases)."""
    claim_markers: tuple[str, ...] = ()
    """Words that make an uncued sentence a claim rather than a report (may, likely, not, because…)."""
    lean_kinds: tuple[str, ...] = ()
    """Source kinds (e.g. opinion) whose uncued sentences about the subject take the piece's overall side."""
    uncued_side: str = default("arguments.uncued_side")
    """The side an uncued claim takes when its paragraph's and piece's cues are tied."""


@dataclass(frozen=True, slots=True)
class Matching:
    """How names and statement verbs are recognised (``matching`` in the topic config)."""

    verb_forms: tuple[str, ...] = default("matching.verb_forms")
    """Forms matched besides the verb as written: ``present`` ("says"), ``ing`` ("saying")."""
    hedges: tuple[str, ...] = default("matching.hedges")
    """Words just before a speaker that make the act a rumour, not a statement."""
    alias_case: str = default("matching.alias_case")
    """``first-letter``, ``exact`` or ``ignore``."""


@dataclass(frozen=True, slots=True)
class Site:
    """Where the briefing is published (``site`` in the topic config)."""

    name: str | None = None
    url: str | None = None
    repository: str | None = None
    branch: str = default("site.branch")


@dataclass(frozen=True, slots=True)
class DisagreementRule:
    """Two cue lists that contradict each other on one point."""

    id: str
    point: str
    denies: tuple[str, ...]
    affirms: tuple[str, ...]
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CuratedDisagreement:
    point: str
    first: str
    second: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Curation:
    hide: Mapping[str, int | None] = field(default_factory=dict)
    pin: Mapping[str, int | None] = field(default_factory=dict)
    retitle: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)
    move: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)
    merge: tuple[tuple[tuple[str, ...], int | None], ...] = ()
    disagreements: tuple[CuratedDisagreement, ...] = ()
    pair: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)
    """Counter key point id -> the position key point id it answers (``none`` leaves it unpaired)."""


@dataclass(frozen=True, slots=True)
class Topic:
    path: str
    title: str
    question: str
    scope: str
    subject: str
    """Affiliation id of the side whose statements and position the briefing follows."""
    side_titles: Mapping[str, str]
    affiliations: tuple[Affiliation, ...]
    actors: tuple[ActorSpec, ...]
    statement_verbs: tuple[str, ...]
    themes: tuple[Theme, ...]
    argument_cues: ArgumentCues
    periods: tuple[Period, ...]
    disagreement_rules: tuple[DisagreementRule, ...]
    curation: Curation
    cleaning: Cleaning
    metadata: MetadataRules
    description: str = ""
    """One line for search engines and link previews (default: the question)."""
    bottom_line: str = ""
    """The curator's answer to the question, shown first on the home page ("" for none)."""
    site: Site = field(default_factory=Site)
    matching: Matching = field(default_factory=Matching)

    @property
    def site_name(self) -> str:
        return self.site.name or f"Briefing: {self.title}"

    @property
    def subject_name(self) -> str:
        return self.affiliation(self.subject).name

    @property
    def subject_names(self) -> tuple[str, ...]:
        """Every name of the subject's side: the affiliation's name and aliases, and its actors' names."""
        affiliation = self.affiliation(self.subject)
        actors = (name for actor in self.actors if actor.affiliation == self.subject for name in actor.names)
        return (affiliation.name, *affiliation.aliases, *actors)

    def actor(self, actor_id: str) -> ActorSpec:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise KeyError(actor_id)

    def affiliation(self, affiliation_id: str) -> Affiliation:
        for affiliation in self.affiliations:
            if affiliation.id == affiliation_id:
                return affiliation
        raise KeyError(affiliation_id)

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)


TOP_KEYS = schema.TOPIC.allowed

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_topic(path: Path, display_path: str | None = None) -> Topic:
    """Read and validate the topic config; raise BriefingError naming file and line."""
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BriefingError("topic config not found", shown, hint="create it or pass --topic") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise BriefingError("not valid UTF-8", shown, line) from None
    doc = load_yaml(text, shown)
    top = expect_mapping(doc, (), doc.data if doc.data is not None else None)
    _check_keys(doc, (), top, schema.TOPIC)

    affiliations = _affiliations(doc, top)
    affiliation_ids = [a.id for a in affiliations]
    subject = _text(doc, (), top, "subject") or ""
    if subject not in affiliation_ids:
        raise doc.error(
            ("subject",),
            f"'{subject}' is not an affiliation id",
            did_you_mean(subject, affiliation_ids) or "define it under affiliations",
        )
    actors = _actors(doc, top, affiliation_ids)
    themes = _themes(doc, top)
    question = _text(doc, (), top, "question") or ""
    return Topic(
        path=shown,
        title=_text(doc, (), top, "title") or "",
        question=question,
        scope=_text(doc, (), top, "scope") or "",
        description=_text(doc, (), top, "description") or question,
        bottom_line=_text(doc, (), top, "bottom_line") or "",
        site=_site(doc, top),
        matching=_matching(doc, top),
        subject=subject,
        side_titles=_sides(doc, top),
        affiliations=affiliations,
        actors=actors,
        statement_verbs=_texts(doc, (), top, "statement_verbs"),
        themes=themes,
        argument_cues=_argument_cues(doc, top),
        periods=_periods(doc, top),
        disagreement_rules=_disagreement_rules(
            doc, top, [a.id for a in actors], _texts(doc, (), top, "statement_verbs")
        ),
        curation=_curation(doc, top),
        cleaning=_cleaning(doc, top),
        metadata=_metadata(doc, top),
    )


def _check_keys(doc: YamlDoc, keypath: KeyPath, mapping: Mapping[str, Any], key: schema.Key) -> None:
    """Unknown and missing keys, as the schema declares them."""
    check_keys(doc, keypath, mapping, key.allowed, required=key.required_keys)


def _schema_key(keypath: KeyPath) -> schema.Key:
    return schema.key_at(".".join(str(part) for part in keypath if not isinstance(part, int)))


def _declared(keypath: KeyPath, key: str, *kinds: str) -> schema.Key:
    """The schema's declaration of a key, which must be of a kind the caller reads."""
    declared = _schema_key(keypath + (key,))
    if declared.kind not in kinds:  # a bug in this module, not in the config
        raise TypeError(f"{declared.name} is declared as {declared.kind}, read as {' or '.join(kinds)}")
    return declared


def _text(doc: YamlDoc, keypath: KeyPath, mapping: Mapping[str, Any], key: str) -> str | None:
    """A text value, required or defaulted as the schema declares it."""
    declared = _declared(keypath, key, "text", "choice", "pattern")
    return get_str(doc, keypath, mapping, key, declared.default, required=declared.required)


def _texts(doc: YamlDoc, keypath: KeyPath, mapping: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A list of text, required or defaulted as the schema declares it."""
    declared = _declared(keypath, key, "texts")
    if mapping.get(key) is None and not declared.required:
        return tuple(declared.default or ())
    return get_str_list(doc, keypath, mapping, key, required=declared.required)


def _date(doc: YamlDoc, keypath: KeyPath, mapping: Mapping[str, Any], key: str) -> str | None:
    _declared(keypath, key, "date")
    return _iso(doc, keypath + (key,), mapping.get(key))


def _section(doc: YamlDoc, top: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = top.get(key)
    if value is None:
        return {}
    return expect_mapping(doc, (key,), value)


def _items(doc: YamlDoc, top: Mapping[str, Any], key: str) -> list[tuple[KeyPath, Mapping[str, Any]]]:
    result: list[tuple[KeyPath, Mapping[str, Any]]] = []
    for index, item in enumerate(get_list(doc, (), top, key)):
        mapping = expect_mapping(doc, (key, index), item)
        _check_keys(doc, (key, index), mapping, schema.key_at(key))
        result.append(((key, index), mapping))
    return result


def _check_id(doc: YamlDoc, keypath: KeyPath, value: str | None, seen: set[str]) -> str:
    if not value or not _ID.match(value):
        raise doc.error(keypath, f"id '{value}' must be lowercase letters, digits and hyphens")
    if value in seen:
        raise doc.error(keypath, f"id '{value}' is used twice")
    seen.add(value)
    return value


def _sides(doc: YamlDoc, top: Mapping[str, Any]) -> Mapping[str, str]:
    section = _section(doc, top, "sides")
    _check_keys(doc, ("sides",), section, schema.key_at("sides"))
    defaults = {side: default(f"sides.{side}") for side in SIDES}
    return {side: _text(doc, ("sides",), section, side) or defaults[side] for side in SIDES}


def _affiliations(doc: YamlDoc, top: Mapping[str, Any]) -> tuple[Affiliation, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "affiliations"):
        result.append(
            Affiliation(
                id=_check_id(doc, keypath + ("id",), _text(doc, keypath, item, "id"), seen),
                name=_text(doc, keypath, item, "name") or "",
                aliases=_texts(doc, keypath, item, "aliases"),
            )
        )
    if not result:
        raise doc.error(("affiliations",), "at least one affiliation is needed (the subject's side)")
    return tuple(result)


def _actors(doc: YamlDoc, top: Mapping[str, Any], affiliation_ids: list[str]) -> tuple[ActorSpec, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "actors"):
        affiliation = _text(doc, keypath, item, "affiliation")
        if affiliation is not None and affiliation not in affiliation_ids:
            raise doc.error(
                keypath + ("affiliation",),
                f"'{affiliation}' is not an affiliation id",
                did_you_mean(affiliation, affiliation_ids),
            )
        kind = _text(doc, keypath, item, "kind") or default("actors.kind")
        if kind not in ACTOR_KINDS:
            raise doc.error(
                keypath + ("kind",), f"expected one of {', '.join(ACTOR_KINDS)}", did_you_mean(kind, ACTOR_KINDS)
            )
        default_pronoun = "he" if kind == "person" else "it"
        pronoun = _text(doc, keypath, item, "pronoun") or default_pronoun
        if pronoun not in PRONOUNS:
            raise doc.error(keypath + ("pronoun",), f"expected one of {', '.join(PRONOUNS)}")
        result.append(
            ActorSpec(
                id=_check_id(doc, keypath + ("id",), _text(doc, keypath, item, "id"), seen),
                name=_text(doc, keypath, item, "name") or "",
                aliases=_texts(doc, keypath, item, "aliases"),
                role=_text(doc, keypath, item, "role"),
                affiliation=affiliation,
                kind=kind,
                pronoun=pronoun,
                line=doc.line(keypath),
                speaks_for=_text(doc, keypath, item, "speaks_for"),
            )
        )
    _check_names_are_one_actors(doc, result)
    ids = [actor.id for actor in result]
    for index, actor in enumerate(result):
        if actor.speaks_for is not None and (actor.speaks_for not in ids or actor.speaks_for == actor.id):
            raise doc.error(
                ("actors", index, "speaks_for"),
                f"'{actor.speaks_for}' is not another actor's id",
                did_you_mean(actor.speaks_for, ids),
            )
    _check_speaks_for_ends(doc, result)
    return tuple(result)


def _check_speaks_for_ends(doc: YamlDoc, actors: Sequence[ActorSpec]) -> None:
    """Who speaks for whom ends somewhere: a spokesperson for a ministry for a state, never in a circle."""
    parent = {actor.id: actor.speaks_for for actor in actors}
    for index, actor in enumerate(actors):
        seen = [actor.id]
        while (next_id := parent.get(seen[-1])) is not None:
            if next_id in seen:
                raise doc.error(
                    ("actors", index, "speaks_for"),
                    f"speaks_for goes round in a circle: {' -> '.join([*seen, next_id])}",
                    "the actor spoken for should not speak for its spokesperson; remove one of them",
                )
            seen.append(next_id)


def _check_names_are_one_actors(doc: YamlDoc, actors: Sequence[ActorSpec]) -> None:
    """A name or alias belongs to one actor: given to two, the mentions would go to one of them unseen."""
    owner: dict[str, tuple[int, ActorSpec]] = {}
    for index, actor in enumerate(actors):
        for position, name in enumerate((actor.name, *actor.aliases)):
            key = name.casefold()
            first = owner.setdefault(key, (index, actor))
            if first[1].id != actor.id:
                where = ("actors", index, "name") if position == 0 else ("actors", index, "aliases", position - 1)
                raise doc.error(
                    where,
                    f"'{name}' is already a name of actor '{first[1].id}' (line {first[1].line})",
                    "a name may belong to one actor only: keep it where it belongs",
                )


def _themes(doc: YamlDoc, top: Mapping[str, Any]) -> tuple[Theme, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "themes"):
        result.append(
            Theme(
                id=_check_id(doc, keypath + ("id",), _text(doc, keypath, item, "id"), seen),
                title=_text(doc, keypath, item, "title") or "",
                cues=_texts(doc, keypath, item, "cues"),
            )
        )
    return tuple(result)


def _argument_cues(doc: YamlDoc, top: Mapping[str, Any]) -> ArgumentCues:
    section = _section(doc, top, "arguments")
    _check_keys(doc, ("arguments",), section, schema.key_at("arguments"))
    position = _texts(doc, ("arguments",), section, "position_cues")
    counter = _texts(doc, ("arguments",), section, "counter_cues")
    for index, cue in enumerate(counter):
        if cue.casefold() in {c.casefold() for c in position}:
            raise doc.error(
                ("arguments", "counter_cues", index),
                f"'{cue}' is also a position cue, so it decides nothing",
                "keep it under the side it marks",
            )
    return ArgumentCues(
        position=position,
        counter=counter,
        subject_terms=_texts(doc, ("arguments",), section, "subject_terms"),
        claim_markers=_texts(doc, ("arguments",), section, "claim_markers"),
        lean_kinds=_choices(doc, ("arguments",), section, "lean_kinds"),
        uncued_side=_choice(doc, ("arguments",), section, "uncued_side"),
    )


def _choice(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str) -> str:
    declared = _declared(keypath, key, "choice")
    value = get_str(doc, keypath, section, key, declared.default) or declared.default
    if value not in declared.choices:
        raise doc.error(
            keypath + (key,),
            f"expected one of {', '.join(declared.choices)}, got '{value}'",
            did_you_mean(value, declared.choices),
        )
    return str(value)


def _choices(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str) -> tuple[str, ...]:
    declared = _declared(keypath, key, "choices")
    if key not in section:
        return tuple(declared.default)
    values = get_str_list(doc, keypath, section, key)
    for index, value in enumerate(values):
        if value not in declared.choices:
            raise doc.error(
                keypath + (key, index),
                f"expected one of {', '.join(declared.choices)}, got '{value}'",
                did_you_mean(value, declared.choices),
            )
    return values


def _site(doc: YamlDoc, top: Mapping[str, Any]) -> Site:
    keypath: KeyPath = ("site",)
    section = _section(doc, top, "site")
    _check_keys(doc, keypath, section, schema.key_at("site"))
    for key in ("url", "repository"):
        value = get_str(doc, keypath, section, key)
        if value and not value.startswith(("https://", "http://")):
            raise doc.error(keypath + (key,), f"'{value}' is not a web address", "start it with https://")
    return Site(
        name=_text(doc, keypath, section, "name") or None,
        url=_text(doc, keypath, section, "url") or None,
        repository=_text(doc, keypath, section, "repository") or None,
        branch=_text(doc, keypath, section, "branch") or default("site.branch"),
    )


def _matching(doc: YamlDoc, top: Mapping[str, Any]) -> Matching:
    keypath: KeyPath = ("matching",)
    section = _section(doc, top, "matching")
    _check_keys(doc, keypath, section, schema.key_at("matching"))
    return Matching(
        verb_forms=_choices(doc, keypath, section, "verb_forms"),
        hedges=_texts(doc, keypath, section, "hedges"),
        alias_case=_choice(doc, keypath, section, "alias_case"),
    )


def _iso(doc: YamlDoc, keypath: KeyPath, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise doc.error(keypath, f"'{text}' is not a date", "write it as YYYY-MM-DD") from None


def _periods(doc: YamlDoc, top: Mapping[str, Any]) -> tuple[Period, ...]:
    seen: set[str] = set()
    result: list[Period] = []
    for keypath, item in _items(doc, top, "periods"):
        period = Period(
            id=_check_id(doc, keypath + ("id",), _text(doc, keypath, item, "id"), seen),
            title=_text(doc, keypath, item, "title") or "",
            start=_date(doc, keypath, item, "start"),
            end=_date(doc, keypath, item, "end"),
            description=_text(doc, keypath, item, "description"),
        )
        _check_period_order(doc, keypath, period, result)
        result.append(period)
    return tuple(result)


def _check_period_order(doc: YamlDoc, keypath: KeyPath, period: Period, earlier: Sequence[Period]) -> None:
    """Periods with dates do not overlap: each date belongs to one of them at most."""
    if period.start and period.end and period.start > period.end:
        raise doc.error(keypath + ("end",), f"{period.end} is before the period's start ({period.start})")
    if period.start is None and period.end is None:
        return  # a catch-all for the dates no other period holds (the first period that holds a date wins)
    for other in earlier:
        if (
            (other.start or other.end)
            and (period.start or "") <= (other.end or "9999")
            and (other.start or "") <= (period.end or "9999")
        ):
            raise doc.error(
                keypath + ("start",) if period.start else keypath + ("id",),
                f"overlaps period '{other.id}' above ({_span(other)})",
                "periods may not overlap: every date belongs to one period at most",
            )


def _span(period: Period) -> str:
    return f"{period.start or 'open start'} to {period.end or 'open end'}"


def _disagreement_rules(
    doc: YamlDoc, top: Mapping[str, Any], actor_ids: list[str], verbs: tuple[str, ...]
) -> tuple[DisagreementRule, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "disagreements"):
        actors = _texts(doc, keypath, item, "actors")
        for index, actor in enumerate(actors):
            if actor not in actor_ids:
                raise doc.error(
                    keypath + ("actors", index), f"'{actor}' is not an actor id", did_you_mean(actor, actor_ids)
                )
        affirms = _texts(doc, keypath, item, "affirms")
        if actors:
            _check_affirming_acts(doc, keypath, affirms, verbs)
        result.append(
            DisagreementRule(
                id=_check_id(doc, keypath + ("id",), _text(doc, keypath, item, "id"), seen),
                point=_text(doc, keypath, item, "point") or "",
                denies=_texts(doc, keypath, item, "denies"),
                affirms=affirms,
                actors=actors,
            )
        )
    return tuple(result)


def _check_affirming_acts(doc: YamlDoc, keypath: KeyPath, affirms: tuple[str, ...], verbs: tuple[str, ...]) -> None:
    """With actors, a rule is affirmed by their acts: each entry must be one of the statement verbs."""
    known = {verb.lower(): verb for verb in verbs}
    for index, act in enumerate(affirms):
        if act.lower() not in known:
            raise doc.error(
                keypath + ("affirms", index),
                f"'{act}' is not one of the statement_verbs, so no act of the rule's actors can match it",
                did_you_mean(act, list(known.values()))
                or "add it to statement_verbs, or leave out actors to match it as a phrase in any sentence",
            )


def _id_list(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str) -> dict[str, int | None]:
    ids = get_str_list(doc, keypath, section, key)
    return {item: doc.line(keypath + (key, index)) for index, item in enumerate(ids)}


def _id_map(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str) -> dict[str, tuple[str, int | None]]:
    raw = section.get(key) or {}
    mapping = expect_mapping(doc, keypath + (key,), raw)
    result = {}
    for item_id in mapping:
        text = get_str(doc, keypath + (key,), mapping, str(item_id), required=True) or ""
        result[str(item_id)] = (text, doc.line(keypath + (key, str(item_id))))
    return result


def _curation(doc: YamlDoc, top: Mapping[str, Any]) -> Curation:
    keypath: KeyPath = ("curation",)
    section = _section(doc, top, "curation")
    _check_keys(doc, keypath, section, schema.key_at("curation"))
    move = _id_map(doc, keypath, section, "move")
    for item_id, (side, _line) in move.items():
        if side not in SIDES:
            raise doc.error(keypath + ("move", item_id), f"expected one of {', '.join(SIDES)}, got '{side}'")
    merges = []
    for index, group in enumerate(get_list(doc, keypath, section, "merge")):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(g, str) for g in group):
            raise doc.error(keypath + ("merge", index), "expected a list of two or more item ids")
        merges.append((tuple(group), doc.line(keypath + ("merge", index))))
    curated = []
    for index, item in enumerate(get_list(doc, keypath, section, "disagreements")):
        item_path = keypath + ("disagreements", index)
        item = expect_mapping(doc, item_path, item)
        _check_keys(doc, item_path, item, schema.key_at("curation.disagreements"))
        curated.append(
            CuratedDisagreement(
                point=_text(doc, item_path, item, "point") or "",
                first=_text(doc, item_path, item, "first") or "",
                second=_text(doc, item_path, item, "second") or "",
                line=doc.line(item_path),
            )
        )
    return Curation(
        hide=_id_list(doc, keypath, section, "hide"),
        pin=_id_list(doc, keypath, section, "pin"),
        retitle=_id_map(doc, keypath, section, "retitle"),
        move=move,
        merge=tuple(merges),
        disagreements=tuple(curated),
        pair=_id_map(doc, keypath, section, "pair"),
    )


def _rules(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str) -> tuple[PatternRule, ...]:
    default_reason = _schema_key(keypath + (key,)).key("reason").default
    seen: set[str] = set()
    rules = []
    for index, item in enumerate(get_list(doc, keypath, section, key)):
        item_path = keypath + (key, index)
        item = expect_mapping(doc, item_path, item)
        _check_keys(doc, item_path, item, _schema_key(keypath + (key,)))
        name = _check_id(doc, item_path + ("name",), _text(doc, item_path, item, "name"), seen)
        pattern = _text(doc, item_path, item, "pattern") or ""
        rules.append(
            PatternRule(
                name=name,
                pattern=_pattern(doc, item_path + ("pattern",), pattern),
                reason=_text(doc, item_path, item, "reason") or default_reason,
                line=doc.line(item_path),
            )
        )
    return tuple(rules)


def _cleaning(doc: YamlDoc, top: Mapping[str, Any]) -> Cleaning:
    keypath: KeyPath = ("cleaning",)
    section = _section(doc, top, "cleaning")
    _check_keys(doc, keypath, section, schema.key_at("cleaning"))
    max_words = section.get("caption_max_words", _declared(keypath, "caption_max_words", "integer").default)
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 0:
        raise doc.error(keypath + ("caption_max_words",), "expected a whole number (0 turns caption removal off)")
    return Cleaning(
        end_markers=_rules(doc, keypath, section, "end_markers"),
        drop_lines=_rules(doc, keypath, section, "drop_lines"),
        strip_fragments=_rules(doc, keypath, section, "strip_fragments"),
        outlets=_texts(doc, keypath, section, "outlets"),
        caption_max_words=max_words,
    )


def _metadata(doc: YamlDoc, top: Mapping[str, Any]) -> MetadataRules:
    keypath: KeyPath = ("metadata",)
    section = _section(doc, top, "metadata")
    _check_keys(doc, keypath, section, schema.key_at("metadata"))
    date_header = None
    pattern = _text(doc, keypath, section, "date_header")
    if pattern:
        date_header = _pattern(doc, keypath + ("date_header",), pattern)
        if date_header.groups != 1:
            raise doc.error(keypath + ("date_header",), "needs exactly one group: the date")
    return MetadataRules(
        date_header=date_header,
        bylines=_rules(doc, keypath, section, "bylines"),
    )


def _pattern(doc: YamlDoc, keypath: KeyPath, pattern: str) -> re.Pattern[str]:
    """A contributor's regular expression: valid, not matching empty text, and safe from exponential backtracking."""
    compiled = compile_pattern(doc, keypath, pattern)
    danger = backtracking_danger(pattern)
    if danger is not None:
        raise doc.error(keypath, f"unsafe regular expression: {danger.problem}", danger.fix)
    return compiled
