"""`python build_site.py new DIR`: a complete new briefing that builds at once, with nothing of the default topic."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from test_harbour import _DEFAULT_WORDS

from briefing import schema
from briefing.config import load_topic
from briefing.errors import BriefingError
from briefing.scaffold import create_briefing, subject_id


def cli(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "build_site.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("new") / "vell-strait"
    result = cli("new", root, "--subject", "Norhaven")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"new: a briefing on Norhaven in {root}/ (")
    return root


def test_new_writes_a_complete_briefing(briefing: Path) -> None:
    files = {p.relative_to(briefing).as_posix() for p in briefing.rglob("*") if p.is_file()}
    assert {
        "topic.yml",
        "seeds/_README.md",
        "docs/index.md",
        "docs/about.md",
        "mkdocs.yml",
        "README.md",
        ".gitignore",
        "overrides/partials/actions.html",
    } <= files
    assert any(f.startswith("docs/stylesheets/") for f in files)
    assert not list((briefing / "seeds").glob("*.md"))[1:]  # only the README, which is not read


def test_the_topic_config_names_the_subject_and_has_every_key(briefing: Path) -> None:
    text = (briefing / "topic.yml").read_text(encoding="utf-8")
    topic = load_topic(briefing / "topic.yml", "topic.yml")
    assert (topic.subject, topic.subject_name, topic.title) == (
        "norhaven",
        "Norhaven",
        "Norhaven: where it stands, and why",
    )
    for top in schema.TOPIC.keys:
        assert re.search(rf"^{top.name}:", text, re.M), top.name
        assert top.doc.replace("`", "")[:30] in " ".join(text.split()), top.name
    assert yaml.safe_load(text)["matching"]["hedges"] == list(schema.default("matching.hedges"))


def test_seeds_readme_shows_the_four_formats(briefing: Path) -> None:
    readme = (briefing / "seeds" / "_README.md").read_text(encoding="utf-8")
    assert "---\ntitle: The title as published" in readme  # Markdown with front matter
    assert "## 2. Plain text (`.txt`)" in readme
    assert "url: https://example.org/news/the-article\ntitle:" in readme  # header lines
    assert "author: Ann Writer\nkind: news\n\nThe text of the article" in readme  # … above a blank line
    assert "## 4. A saved web page (`.html`)" in readme


def test_readme_has_the_two_commands(briefing: Path) -> None:
    readme = (briefing / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^python3 -m venv .venv && .*$", readme, re.M)
    assert len(commands) == 2
    assert commands[0].endswith("build_site.py --project . build") and "requirements.txt" in commands[0]
    assert commands[1].endswith("build_site.py --project . check") and "requirements-dev.txt" in commands[1]
    generator = Path(briefing, commands[0].split(" -r ")[1].split("/requirements.txt")[0])
    assert (generator / "build_site.py").resolve() == REPO / "build_site.py"  # a relative path that works


def test_it_builds_at_once_and_says_how_to_add_the_first_article(briefing: Path) -> None:
    result = cli("--project", briefing, "build")
    assert result.returncode == 0, result.stderr
    assert "note: no articles in seeds/ yet" in result.stdout
    home = (briefing / "site" / "index.html").read_text(encoding="utf-8")
    assert "No articles yet" in home and "seeds/_README.md" in home
    assert "<title>Briefing: Norhaven</title>" in home
    assert cli("--project", briefing, "check").returncode == 0


def test_nothing_of_the_default_topic_in_the_new_briefing(briefing: Path) -> None:
    cli("--project", briefing, "build")
    texts = [
        p
        for p in briefing.rglob("*")
        if p.is_file() and "assets" not in p.parts and p.suffix in (".md", ".yml", ".html", ".json", ".xml", ".txt")
    ]
    found = {str(p): _DEFAULT_WORDS.findall(p.read_text(encoding="utf-8")) for p in texts}
    assert {p: words for p, words in found.items() if words} == {}


def test_a_subject_ending_in_s_takes_an_apostrophe_alone(tmp_path: Path) -> None:
    assert cli("new", tmp_path / "b", "--subject", "The climate talks").returncode == 0
    topic = load_topic(tmp_path / "b" / "topic.yml", "topic.yml")
    assert topic.side_titles["position"] == "The climate talks' position"
    assert cli("--project", tmp_path / "b", "generate").returncode == 0
    page = (tmp_path / "b" / "docs" / "briefing" / "position.md").read_text(encoding="utf-8")
    assert "What The climate talks' side said and did" in page and "talks's" not in page


def test_the_new_topic_config_carries_no_period_or_rule_of_the_default_topic(briefing: Path) -> None:
    """Periods, disagreement rules and themes are the subject's own: a new briefing starts with none
    of this repository's (its dates were once the scaffold's example values)."""
    text = (briefing / "topic.yml").read_text(encoding="utf-8")
    default = load_topic(REPO / "topic.yml", "topic.yml")
    dates = {str(d) for period in default.periods for d in (period.start, period.end) if d}
    assert dates and not [d for d in dates if d in text]
    new = load_topic(briefing / "topic.yml", "topic.yml")
    assert (new.periods, new.disagreement_rules) == ((), ())
    assert not {t.id for t in new.themes} & {t.id for t in default.themes}


def test_a_new_briefing_removes_common_web_noise(tmp_path: Path) -> None:
    root = tmp_path / "b"
    assert cli("new", root, "--subject", "Norhaven").returncode == 0
    (root / "seeds" / "noisy.txt").write_text(
        "Norhaven keeps the strait open\n\nBy Ann Writer\n\n"
        "VELL, March 2 (Reuters) - Norhaven said on Monday that the strait must stay open to every ship.\n\n"
        "Also read: Ten things to know about the strait\n\nAdvertisement\n\n"
        "Follow us on Telegram for the latest news\n\n"
        "Share on Twitter | Share on Facebook | Copy link\n\nPhoto: The harbour master at the quay.\n\n___\n\n"
        "The harbour master said traffic was normal.\n\nComments (214)\n\n"
        "Newsletter: Get the Vell briefing in your inbox\n\nHARROW — Dock workers said on Tuesday they would strike.\n\n"
        "This report by Vell Wire was first published March 2, 2031.\n\n"
        "Ann Writer contributed to this report.\n\n© 2031 Vell Wire. All rights reserved.\n",
        encoding="utf-8",
    )
    result = cli("--project", root, "generate")
    assert result.returncode == 0, result.stderr
    source = (root / "docs" / "sources" / "noisy.md").read_text(encoding="utf-8")
    assert "Norhaven said on Monday that the strait must stay open" in source
    assert "The harbour master said traffic was normal." in source
    assert "Dock workers said on Tuesday they would strike." in source
    noise_lines = ("VELL, March 2", "(Reuters)", "Also read", "Advertisement", "Follow us", "All rights reserved")
    noise_lines += ("Share on", "Photo:", "___", "Comments (214)", "Newsletter", "HARROW", "first published")
    noise_lines += ("contributed to this report",)
    for noise in noise_lines:
        assert noise not in source, noise
    assert "| Author | Ann Writer |" in source  # the byline is read as the author, and marked as such
    assert '<p class="bp-para bp-para--byline" id="p1">' in source


def test_an_article_added_to_a_new_briefing_is_built(tmp_path: Path) -> None:
    root = tmp_path / "b"
    assert cli("new", root, "--subject", "Norhaven").returncode == 0
    (root / "seeds" / "first.md").write_text(
        "---\ntitle: Norhaven speaks\npublished: 2031-03-02\n---\n"
        "Norhaven said on 2 March 2031 that the strait must stay open to every ship.\n",
        encoding="utf-8",
    )
    result = cli("--project", root, "generate")
    assert result.returncode == 0, result.stderr
    assert (root / "docs" / "sources" / "first.md").exists()
    assert "Norhaven said on 2 March 2031" in (root / "docs" / "briefing" / "position.md").read_text(encoding="utf-8")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = cli("new", tmp_path / "taken")
    assert result.returncode == 2
    assert result.stderr == (
        f"error: {tmp_path / 'taken'}: already exists and is not empty "
        "(name a new folder; `new` never writes over anything)\n"
    )
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no staging folder left behind


def test_the_subject_defaults_to_the_folder_name(tmp_path: Path) -> None:
    created = create_briefing(tmp_path / "vell-strait", None, REPO)
    assert created.subject == "Vell Strait" and subject_id(created.subject) == "vell-strait"
    assert load_topic(created.root / "topic.yml").subject == "vell-strait"


def test_a_failed_new_leaves_nothing(tmp_path: Path) -> None:
    generator = tmp_path / "generator"
    generator.mkdir()
    (generator / "mkdocs.yml").write_text("site_name: no identity region\n", encoding="utf-8")
    with pytest.raises(BriefingError, match="has no identity region to fill"):
        create_briefing(tmp_path / "b", "Norhaven", generator)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generator"]
