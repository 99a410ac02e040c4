"""The topic config (``topic.yml``): every name, alias, cue phrase and noise pattern.

``load_topic()`` is the only function that reads the file. It validates it once,
with errors that name the file, the line and the key path, and hands the rest of
the pipeline a typed :class:`Topic`. No topic word lives in the Python code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import BriefingError
from .model import SIDES, SOURCE_KINDS
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

ACTOR_KINDS = ("person", "institution", "state")
PRONOUNS = ("he", "she", "it", "they")


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
    caption_max_words: int = 16
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
    site_description: str | None = None

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


CONFIG_REFERENCE: tuple[tuple[str, str], ...] = (
    ("title", "The briefing's title, shown on the home page."),
    ("question", "The question the briefing answers."),
    ("scope", "What the briefing covers, in a sentence or two."),
    ("description", "One-line description for search engines and link previews."),
    ("subject", "The affiliation id whose statements and position the briefing follows."),
    ("sides", "Titles of the two sides: `position` and `counter`."),
    ("affiliations", "Countries or camps: `id`, `name`, `aliases` (words that mark a mention as theirs)."),
    ("actors", "People and institutions: `id`, `name`, `aliases`, `role`, `affiliation`, `kind` (person, institution, state) and `pronoun` (he, she, it, they, used to resolve \"She further said …\") and `speaks_for` (the id of the actor whose words this one delivers: a spokesperson speaks for a ministry, a ministry for the state; reports of one act by such related speakers are merged, naming the most specific one)."),
    ("statement_verbs", "Verbs that report something said or done on the record (past tense; the -ing form is matched too)."),
    ("themes", "Themes with their `cues`: a statement or argument takes the theme whose cues it mentions most."),
    ("arguments", "`position_cues` and `counter_cues` decide an argument's side; `subject_terms` mark a sentence as being about the subject's stance; `claim_markers` (may, likely, not, because…) tell a claim from a plain report when no cue decides; `lean_kinds` lists source kinds (e.g. opinion) whose uncued sentences about the subject take the piece's overall side."),
    ("periods", "Timeline periods: `id`, `title`, `start`, `end` (inclusive ISO dates; leave one out for an open end), `description`."),
    ("disagreements", "Cue rules for contradictions between sources: `id`, `point`, `denies` (phrases claiming something did not happen), `affirms` (acts that show it did), `actors` (whose acts count)."),
    ("curation", "By item id: `hide`, `pin`, `retitle` (id: new title), `move` (id: position or counter), `merge` (lists of ids), `disagreements` (`point`, `first`, `second` item ids), `pair` (counter key point id: the position key point id it answers, or `none`). `hide`, `pin` and `retitle` also take key point ids (`K-…`); a retitled point shows the curator's words as a label, not as a quotation. An id that no longer exists fails the build."),
    ("cleaning", "Noise removal: `end_markers` (a line that ends the article), `drop_lines` (whole lines), `strip_fragments` (parts of lines), `outlets` (names removed when they stand alone), `caption_max_words` (0 turns caption removal off). Patterns are regular expressions matched without case."),
    ("metadata", "For plain `.txt` seeds: `date_header` (one group, the ISO date) and `bylines` (a named group `authors` gives the names)."),
)
"""Every top-level key of topic.yml with its documentation (rendered on the About page)."""

TOP_KEYS = tuple(key for key, _doc in CONFIG_REFERENCE)

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
    check_keys(doc, (), top, TOP_KEYS, required=("title", "question", "subject", "actors"))

    affiliations = _affiliations(doc, top)
    affiliation_ids = [a.id for a in affiliations]
    subject = get_str(doc, (), top, "subject", required=True) or ""
    if subject not in affiliation_ids:
        raise doc.error(("subject",), f"'{subject}' is not an affiliation id",
                        did_you_mean(subject, affiliation_ids) or "define it under affiliations")
    actors = _actors(doc, top, affiliation_ids)
    themes = _themes(doc, top)
    return Topic(
        path=shown,
        title=get_str(doc, (), top, "title", required=True) or "",
        question=get_str(doc, (), top, "question", required=True) or "",
        scope=get_str(doc, (), top, "scope", "") or "",
        site_description=get_str(doc, (), top, "description"),
        subject=subject,
        side_titles=_sides(doc, top),
        affiliations=affiliations,
        actors=actors,
        statement_verbs=get_str_list(doc, (), top, "statement_verbs"),
        themes=themes,
        argument_cues=_argument_cues(doc, top),
        periods=_periods(doc, top),
        disagreement_rules=_disagreement_rules(doc, top, [a.id for a in actors]),
        curation=_curation(doc, top),
        cleaning=_cleaning(doc, top),
        metadata=_metadata(doc, top),
    )


def _section(doc: YamlDoc, top: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = top.get(key)
    if value is None:
        return {}
    return expect_mapping(doc, (key,), value)


def _items(doc: YamlDoc, top: Mapping[str, Any], key: str) -> list[tuple[KeyPath, Mapping[str, Any]]]:
    return [
        ((key, index), expect_mapping(doc, (key, index), item))
        for index, item in enumerate(get_list(doc, (), top, key))
    ]


def _check_id(doc: YamlDoc, keypath: KeyPath, value: str | None, seen: set[str]) -> str:
    if not value or not _ID.match(value):
        raise doc.error(keypath, f"id '{value}' must be lowercase letters, digits and hyphens")
    if value in seen:
        raise doc.error(keypath, f"id '{value}' is used twice")
    seen.add(value)
    return value


def _sides(doc: YamlDoc, top: Mapping[str, Any]) -> Mapping[str, str]:
    section = _section(doc, top, "sides")
    check_keys(doc, ("sides",), section, SIDES)
    defaults = {"position": "Position", "counter": "Counter-arguments"}
    return {side: get_str(doc, ("sides",), section, side, defaults[side]) or defaults[side]
            for side in SIDES}


def _affiliations(doc: YamlDoc, top: Mapping[str, Any]) -> tuple[Affiliation, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "affiliations"):
        check_keys(doc, keypath, item, ("id", "name", "aliases"), required=("id", "name"))
        result.append(Affiliation(
            id=_check_id(doc, keypath + ("id",), get_str(doc, keypath, item, "id"), seen),
            name=get_str(doc, keypath, item, "name", required=True) or "",
            aliases=get_str_list(doc, keypath, item, "aliases"),
        ))
    if not result:
        raise doc.error(("affiliations",), "at least one affiliation is needed (the subject's side)")
    return tuple(result)


def _actors(doc: YamlDoc, top: Mapping[str, Any], affiliation_ids: list[str]) -> tuple[ActorSpec, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "actors"):
        check_keys(doc, keypath, item,
                   ("id", "name", "aliases", "role", "affiliation", "kind", "pronoun", "speaks_for"),
                   required=("id", "name"))
        affiliation = get_str(doc, keypath, item, "affiliation")
        if affiliation is not None and affiliation not in affiliation_ids:
            raise doc.error(keypath + ("affiliation",), f"'{affiliation}' is not an affiliation id",
                            did_you_mean(affiliation, affiliation_ids))
        kind = get_str(doc, keypath, item, "kind", "person") or "person"
        if kind not in ACTOR_KINDS:
            raise doc.error(keypath + ("kind",), f"expected one of {', '.join(ACTOR_KINDS)}",
                            did_you_mean(kind, ACTOR_KINDS))
        default_pronoun = "he" if kind == "person" else "it"
        pronoun = get_str(doc, keypath, item, "pronoun", default_pronoun) or default_pronoun
        if pronoun not in PRONOUNS:
            raise doc.error(keypath + ("pronoun",), f"expected one of {', '.join(PRONOUNS)}")
        result.append(ActorSpec(
            id=_check_id(doc, keypath + ("id",), get_str(doc, keypath, item, "id"), seen),
            name=get_str(doc, keypath, item, "name", required=True) or "",
            aliases=get_str_list(doc, keypath, item, "aliases"),
            role=get_str(doc, keypath, item, "role"),
            affiliation=affiliation,
            kind=kind,
            pronoun=pronoun,
            line=doc.line(keypath),
            speaks_for=get_str(doc, keypath, item, "speaks_for"),
        ))
    ids = [actor.id for actor in result]
    for index, actor in enumerate(result):
        if actor.speaks_for is not None and (actor.speaks_for not in ids or actor.speaks_for == actor.id):
            raise doc.error(("actors", index, "speaks_for"), f"'{actor.speaks_for}' is not another actor's id",
                            did_you_mean(actor.speaks_for, ids))
    return tuple(result)


def _themes(doc: YamlDoc, top: Mapping[str, Any]) -> tuple[Theme, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "themes"):
        check_keys(doc, keypath, item, ("id", "title", "cues"), required=("id", "title", "cues"))
        result.append(Theme(
            id=_check_id(doc, keypath + ("id",), get_str(doc, keypath, item, "id"), seen),
            title=get_str(doc, keypath, item, "title", required=True) or "",
            cues=get_str_list(doc, keypath, item, "cues", required=True),
        ))
    return tuple(result)


def _argument_cues(doc: YamlDoc, top: Mapping[str, Any]) -> ArgumentCues:
    section = _section(doc, top, "arguments")
    check_keys(doc, ("arguments",), section,
               ("position_cues", "counter_cues", "subject_terms", "claim_markers", "lean_kinds"))
    lean_kinds = get_str_list(doc, ("arguments",), section, "lean_kinds")
    for index, kind in enumerate(lean_kinds):
        if kind not in SOURCE_KINDS:
            raise doc.error(("arguments", "lean_kinds", index),
                            f"expected one of {', '.join(SOURCE_KINDS)}, got '{kind}'",
                            did_you_mean(kind, SOURCE_KINDS))
    return ArgumentCues(
        position=get_str_list(doc, ("arguments",), section, "position_cues"),
        counter=get_str_list(doc, ("arguments",), section, "counter_cues"),
        subject_terms=get_str_list(doc, ("arguments",), section, "subject_terms"),
        claim_markers=get_str_list(doc, ("arguments",), section, "claim_markers"),
        lean_kinds=lean_kinds,
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
    result = []
    for keypath, item in _items(doc, top, "periods"):
        check_keys(doc, keypath, item, ("id", "title", "start", "end", "description"),
                   required=("id", "title"))
        result.append(Period(
            id=_check_id(doc, keypath + ("id",), get_str(doc, keypath, item, "id"), seen),
            title=get_str(doc, keypath, item, "title", required=True) or "",
            start=_iso(doc, keypath + ("start",), item.get("start")),
            end=_iso(doc, keypath + ("end",), item.get("end")),
            description=get_str(doc, keypath, item, "description"),
        ))
    return tuple(result)


def _disagreement_rules(
    doc: YamlDoc, top: Mapping[str, Any], actor_ids: list[str]
) -> tuple[DisagreementRule, ...]:
    seen: set[str] = set()
    result = []
    for keypath, item in _items(doc, top, "disagreements"):
        check_keys(doc, keypath, item, ("id", "point", "denies", "affirms", "actors"),
                   required=("id", "point", "denies", "affirms"))
        actors = get_str_list(doc, keypath, item, "actors")
        for index, actor in enumerate(actors):
            if actor not in actor_ids:
                raise doc.error(keypath + ("actors", index), f"'{actor}' is not an actor id",
                                did_you_mean(actor, actor_ids))
        result.append(DisagreementRule(
            id=_check_id(doc, keypath + ("id",), get_str(doc, keypath, item, "id"), seen),
            point=get_str(doc, keypath, item, "point", required=True) or "",
            denies=get_str_list(doc, keypath, item, "denies", required=True),
            affirms=get_str_list(doc, keypath, item, "affirms", required=True),
            actors=actors,
        ))
    return tuple(result)


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
    check_keys(doc, keypath, section, ("hide", "pin", "retitle", "move", "merge", "disagreements", "pair"))
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
        check_keys(doc, item_path, item, ("point", "first", "second"), required=("point", "first", "second"))
        curated.append(CuratedDisagreement(
            point=get_str(doc, item_path, item, "point", required=True) or "",
            first=get_str(doc, item_path, item, "first", required=True) or "",
            second=get_str(doc, item_path, item, "second", required=True) or "",
            line=doc.line(item_path),
        ))
    return Curation(
        hide=_id_list(doc, keypath, section, "hide"),
        pin=_id_list(doc, keypath, section, "pin"),
        retitle=_id_map(doc, keypath, section, "retitle"),
        move=move,
        merge=tuple(merges),
        disagreements=tuple(curated),
        pair=_id_map(doc, keypath, section, "pair"),
    )


def _rules(doc: YamlDoc, keypath: KeyPath, section: Mapping[str, Any], key: str,
           default_reason: str) -> tuple[PatternRule, ...]:
    seen: set[str] = set()
    rules = []
    for index, item in enumerate(get_list(doc, keypath, section, key)):
        item_path = keypath + (key, index)
        item = expect_mapping(doc, item_path, item)
        check_keys(doc, item_path, item, ("name", "pattern", "reason"), required=("name", "pattern"))
        name = _check_id(doc, item_path + ("name",), get_str(doc, item_path, item, "name"), seen)
        pattern = get_str(doc, item_path, item, "pattern", required=True) or ""
        rules.append(PatternRule(
            name=name,
            pattern=compile_pattern(doc, item_path + ("pattern",), pattern),
            reason=get_str(doc, item_path, item, "reason", default_reason) or default_reason,
            line=doc.line(item_path),
        ))
    return tuple(rules)


def _cleaning(doc: YamlDoc, top: Mapping[str, Any]) -> Cleaning:
    keypath: KeyPath = ("cleaning",)
    section = _section(doc, top, "cleaning")
    check_keys(doc, keypath, section,
               ("end_markers", "drop_lines", "strip_fragments", "outlets", "caption_max_words"))
    max_words = section.get("caption_max_words", 16)
    if isinstance(max_words, bool) or not isinstance(max_words, int) or max_words < 0:
        raise doc.error(keypath + ("caption_max_words",), "expected a whole number (0 turns caption removal off)")
    return Cleaning(
        end_markers=_rules(doc, keypath, section, "end_markers", "end of the article"),
        drop_lines=_rules(doc, keypath, section, "drop_lines", "not part of the article"),
        strip_fragments=_rules(doc, keypath, section, "strip_fragments", "not part of the article"),
        outlets=get_str_list(doc, keypath, section, "outlets"),
        caption_max_words=max_words,
    )


def _metadata(doc: YamlDoc, top: Mapping[str, Any]) -> MetadataRules:
    keypath: KeyPath = ("metadata",)
    section = _section(doc, top, "metadata")
    check_keys(doc, keypath, section, ("date_header", "bylines"))
    date_header = None
    pattern = get_str(doc, keypath, section, "date_header")
    if pattern:
        date_header = compile_pattern(doc, keypath + ("date_header",), pattern)
        if date_header.groups != 1:
            raise doc.error(keypath + ("date_header",), "needs exactly one group: the ISO date")
    return MetadataRules(
        date_header=date_header,
        bylines=_rules(doc, keypath, section, "bylines", "author byline"),
    )
