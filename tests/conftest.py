"""Shared fixtures: tiny inline projects, and the real repository gathered once per session.

``project()`` builds a scratch project (seeds, topic.yml, optional docs/) in a
temporary folder, written inline so every test shows its own input;
``generated()`` gives a copy of one that was already generated. The real
``seeds/`` and ``topic.yml`` are copied and generated once per session into a
temporary ``docs/`` (``real_generated``, ``real_gathered``); the repository's
own ``docs/`` is never written by the tests.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `import build_site` also when pytest is started from elsewhere
    sys.path.insert(0, str(REPO))

from briefing.config import Topic, load_topic
from briefing.model import Briefing
from briefing.pipeline import Outcome, Project, check, generate
from briefing.render import Rendering

# A minimal valid topic config. The cleaning and metadata sections have the
# shape of the real topic.yml; the vocabulary is made up so that nothing in the
# scratch seeds below is an actor, a date in the text, or a cue phrase.
TOPIC = textwrap.dedent("""\
    title: Harbour policy of Examplestan
    question: What did Examplestan decide about its harbour, and why?
    scope: What the harbour board decided and the reasons given for it.
    subject: examplestan

    affiliations:
      - id: examplestan
        name: Examplestan
        aliases: [Examplestan]
      - id: otherland
        name: Otherland
        aliases: [Otherland]

    actors:
      - id: jane-roe
        name: Jane Roe
        aliases: [Minister Roe]
        role: Harbour minister
        affiliation: examplestan
        pronoun: she

    statement_verbs: [said, announced]

    themes:
      - id: trade
        title: Trade
        cues: [tariff, customs]

    cleaning:
      end_markers:
        - name: related-articles
          pattern: 'related (articles|stories)'
          reason: unrelated stories the publisher appended after the article
      drop_lines:
        - name: share-buttons
          pattern: '(facebook|twitter|share)'
          reason: share-button label
        - name: relative-timestamp
          pattern: '\\d+\\s+(minutes?|hours?)\\s+ago'
          reason: relative timestamp from the page, not from the article
      strip_fragments:
        - name: image-credit
          pattern: '(?<=[.!?])\\s*[^.!?]{1,60}\\((reuters|afp)\\)\\s*$'
          reason: image caption with its photo credit
      outlets: [Harbour Gazette]
      caption_max_words: 16

    metadata:
      date_header: '^\\s*date\\s+(\\d{4}-\\d{2}-\\d{2})\\b\\s*'
      bylines:
        - name: authored-by
          pattern: '^this article is authored by (?P<authors>[^,.]+)'
        - name: the-writer-is
          pattern: '^the (writer|author) is (a|an|the) '
    """)

ALPHA = textwrap.dedent("""\
    ---
    title: The harbour board votes to widen the channel
    outlet: Harbour Gazette
    authors: [Ann Example]
    published: 2025-03-04
    url: https://example.org/harbour/channel
    kind: news
    ---
    The harbour board votes to widen the channel
    The harbour board voted to widen the northern channel so that larger ships can dock.
    Dredgers at work in the northern channel at dawn
    Fishermen welcomed the decision but asked for a quieter dredging season.
    Facebook
    Twitter
    Why the Channel Matters
    Ships now wait offshore for the tide, which raises costs for every importer. Cranes at the quay(REUTERS)
    The writer is a harbour correspondent.
    Related Articles
    Lighthouse keeper retires after forty years
    """)

BETA = textwrap.dedent("""\
    Dredging plan draws objections – Harbour Gazette
    Residents of the old quarter objected to the dredging plan at a crowded meeting.
    3 hours ago
    They said the noise would fall on the busiest weeks of the tourist season.
    This article is authored by Ben Sample, a staff writer.
    """)

SEEDS: dict[str, str] = {"alpha.md": ALPHA, "beta.txt": BETA}


# Tests of the briefing in this repository rather than of the generator: they read the real seeds/,
# topic.yml or docs/, and fail by design when the project is pointed at another corpus. They are
# marked `instance` here, by the fixtures they use or their module, so `pytest -m "not instance"`
# runs the generator's own tests alone.
INSTANCE_FIXTURES = {"real_gathered", "real_generated", "real", "real_topic"}
# test_extract_end_to_end adds an article to the real corpus; test_harbour.py does the same for a made-up topic.
INSTANCE_MODULES = {"test_evaluation.py", "test_browser.py", "test_extract_end_to_end.py"}
# Instance checks that read the repository's files directly rather than through a fixture.
INSTANCE_TESTS = {  # module -> name prefixes
    "test_clean.py": (
        "test_every_real_seed_has_a_cleaning_case",
        "test_common_news_site_noise_is_removed",
        "test_agency_dateline_is_stripped",
    ),
    "test_extract_timeline.py": ("test_real_topic_periods",),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.name
        fixtures = set(getattr(item, "fixturenames", ()))
        named = any(item.name.startswith(prefix) for prefix in INSTANCE_TESTS.get(module, ()))
        if fixtures & INSTANCE_FIXTURES or module in INSTANCE_MODULES or named:
            item.add_marker(pytest.mark.instance)


@dataclass
class Scratch:
    """A project in a temporary folder, with helpers to change it and run the build."""

    root: Path

    @property
    def project(self) -> Project:
        return Project.at(self.root)

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def topic(self) -> Path:
        return self.root / "topic.yml"

    def path_options(self, docs: Path | None = None, report: Path | None = None) -> list[str]:
        """The command-line options naming this project's seeds, docs and topic (and a report)."""
        options = ["--seeds", str(self.seeds), "--docs", str(docs or self.docs), "--topic", str(self.topic)]
        return options + (["--report", str(report)] if report else [])

    def write(self, relpath: str, content: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
        return path

    def read(self, relpath: str) -> str:
        return (self.root / relpath).read_text(encoding="utf-8")

    def generate(self) -> Outcome:
        return generate(self.project)

    def check(self) -> Outcome:
        return check(self.project)

    def docs_tree(self) -> dict[str, bytes]:
        """Every file under docs/ (dotfiles included) -> its bytes."""
        return tree(self.docs)


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


ProjectFactory = Callable[..., Scratch]


def make_scratch(
    root: Path,
    seeds: Mapping[str, str | bytes] | None = SEEDS,
    topic: str = TOPIC,
    docs: Mapping[str, str] | None = None,
) -> Scratch:
    scratch = Scratch(root)
    root.mkdir(parents=True)
    scratch.write("topic.yml", topic)
    if seeds is not None:
        scratch.seeds.mkdir()
        for name, text in seeds.items():
            scratch.write(f"seeds/{name}", text)
    for name, text in (docs or {}).items():
        scratch.write(f"docs/{name}", text)
    return scratch


@pytest.fixture
def project(tmp_path: Path) -> ProjectFactory:
    """``project(seeds=..., topic=..., docs=...)`` -> a fresh, not yet generated :class:`Scratch` project.

    ``seeds`` maps file names to text (default: :data:`SEEDS`; ``None`` writes no
    seeds folder), ``topic`` is the topic.yml text (default: :data:`TOPIC`),
    ``docs`` maps paths under docs/ to text written before the first build.
    """
    count = 0

    def make(
        seeds: Mapping[str, str | bytes] | None = SEEDS, topic: str = TOPIC, docs: Mapping[str, str] | None = None
    ) -> Scratch:
        nonlocal count
        count += 1
        return make_scratch(tmp_path / f"project{count}", seeds, topic, docs)

    return make


@pytest.fixture(scope="session")
def _generated_templates(tmp_path_factory: pytest.TempPathFactory) -> Callable[[tuple[tuple[str, str], ...]], Path]:
    """Default scratch projects generated once per session (keyed by their hand-written docs), to copy from."""
    cache: dict[tuple[tuple[str, str], ...], Path] = {}

    def get(docs: tuple[tuple[str, str], ...]) -> Path:
        if docs not in cache:
            scratch = make_scratch(tmp_path_factory.mktemp("generated") / "project", docs=dict(docs))
            scratch.generate()
            cache[docs] = scratch.root
        return cache[docs]

    return get


@pytest.fixture
def generated(tmp_path: Path, _generated_templates: Callable[[tuple[tuple[str, str], ...]], Path]) -> ProjectFactory:
    """``generated(docs=...)`` -> a fresh copy of the default scratch project after one ``generate``.

    The same as ``project(docs=docs)`` followed by ``.generate()``, but the build
    runs once per session and each test gets its own copy.
    """
    count = 0

    def make(docs: Mapping[str, str] | None = None) -> Scratch:
        nonlocal count
        count += 1
        root = tmp_path / f"generated{count}"
        shutil.copytree(_generated_templates(tuple(sorted((docs or {}).items()))), root)
        return Scratch(root)

    return make


def copy_real_inputs(root: Path) -> Scratch:
    """A copy of the real seeds/ and topic.yml, with no docs/ yet (the build creates it)."""
    root.mkdir(parents=True)
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copy2(REPO / "topic.yml", root / "topic.yml")
    return Scratch(root)


@dataclass(frozen=True)
class Gathered:
    topic: Topic
    briefing: Briefing
    rendering: Rendering


@pytest.fixture(scope="session")
def _real_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scratch, Outcome]:
    """The real seeds/ and topic.yml, copied and generated once into a fresh docs/."""
    scratch = copy_real_inputs(tmp_path_factory.mktemp("real") / "project")
    return scratch, scratch.generate()


@pytest.fixture(scope="session")
def real_gathered(_real_build: tuple[Scratch, Outcome]) -> Gathered:
    """The real repository's briefing, gathered once: read, cleaned, extracted, verified, rendered."""
    scratch, outcome = _real_build
    assert outcome.briefing is not None and outcome.rendering is not None  # a fresh docs/: every stage ran
    return Gathered(load_topic(scratch.topic, "topic.yml"), outcome.briefing, outcome.rendering)


@pytest.fixture(scope="session")
def real_generated(_real_build: tuple[Scratch, Outcome]) -> Scratch:
    """The project real_gathered comes from, with its generated docs/. Tests must not change it."""
    return _real_build[0]
