"""The site's identity: taken from the topic config into mkdocs.yml's generated region and the build's environment."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import REPO, TOPIC, ProjectFactory

import build_site
from briefing import identity
from briefing.config import load_topic
from briefing.errors import OwnershipError, StaleOutputError

SITE = textwrap.dedent("""\
    description: The harbour board's decisions, with every line cited.
    site:
      url: https://example.org/harbour/
      repository: https://github.com/example/harbour-briefing/
      branch: trunk
    """)


def topic_of(tmp_path: Path, text: str = TOPIC + SITE):
    path = tmp_path / "topic.yml"
    path.write_text(text, encoding="utf-8")
    return load_topic(path, "topic.yml")


def test_settings_come_from_the_topic(tmp_path: Path) -> None:
    values = {s.key: s.value for s in identity.settings(topic_of(tmp_path))}
    assert values == {
        "site_name": "Briefing: Harbour policy of Examplestan",
        "site_description": "The harbour board's decisions, with every line cited.",
        "site_url": "https://example.org/harbour/",
        "repo_url": "https://github.com/example/harbour-briefing",
        "repo_name": "example/harbour-briefing",
        "edit_uri": "edit/trunk/docs/",
    }


def test_without_a_site_section_there_is_no_repository(tmp_path: Path) -> None:
    values = {s.key: s.value for s in identity.settings(topic_of(tmp_path, TOPIC))}
    assert values["site_description"] == "What did Examplestan decide about its harbour, and why?"
    assert values["repo_url"] == values["repo_name"] == values["edit_uri"] == values["site_url"] == ""


def test_the_region_is_filled_then_current_then_refuses_a_hand_edit(tmp_path: Path) -> None:
    topic = topic_of(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\n# briefing:begin identity sum=e3b0c44298fc\n# briefing:end identity\ntheme:\n  name: material\n",
        encoding="utf-8",
    )
    with pytest.raises(StaleOutputError, match="mkdocs.yml: the identity region is not what generate would write"):
        identity.sync(config, topic, "mkdocs.yml", write=False)
    assert identity.sync(config, topic, "mkdocs.yml", write=True) is None
    text = config.read_text(encoding="utf-8")
    assert 'site_name: "Briefing: Harbour policy of Examplestan"' in text
    assert text.endswith("# briefing:end identity\ntheme:\n  name: material\n")
    assert identity.sync(config, topic, "mkdocs.yml", write=False) is None  # check: up to date
    config.write_text(text.replace("edit/trunk/docs/", "edit/main/docs/"), encoding="utf-8")
    with pytest.raises(OwnershipError) as caught:
        identity.sync(config, topic, "mkdocs.yml", write=True)
    assert str(caught.value).startswith(
        "mkdocs.yml:3: the generated identity region was edited by hand "
        "(set the site's name, description and addresses in topic.yml"
    )


def test_a_config_without_the_region_gets_a_notice(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: mine\n", encoding="utf-8")
    notice = identity.sync(config, topic_of(tmp_path), "mkdocs.yml", write=True)
    assert notice is not None and notice.startswith("mkdocs.yml has no identity region")
    assert config.read_text(encoding="utf-8") == "site_name: mine\n"


def test_the_repository_mkdocs_yml_is_current() -> None:
    """Instance check: mkdocs.yml's identity region is what topic.yml gives."""
    topic = load_topic(REPO / "topic.yml", "topic.yml")
    current = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert identity.updated_config(current, topic, "mkdocs.yml") == current
    assert current.count("site_name:") == 1


def test_generate_fills_and_check_compares_the_projects_mkdocs_yml(
    generated: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scratch = generated()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    scratch.write("mkdocs.yml", "# briefing:begin identity sum=e3b0c44298fc\n# briefing:end identity\n")
    assert build_site.main(["check"]) == 1
    assert "mkdocs.yml: the identity region is not what generate would write from topic.yml" in capsys.readouterr().err
    assert build_site.main(["-q", "generate"]) == 0
    assert "Briefing: Harbour policy of Examplestan" in scratch.read("mkdocs.yml")
    assert build_site.main(["-q", "check"]) == 0
    # Another topic file: the build names it, and check compares mkdocs.yml with it.
    scratch.write("other.yml", scratch.read("topic.yml").replace("Harbour policy of", "Ports of"))
    assert build_site.main(["--topic", str(scratch.root / "other.yml"), "check"]) == 1
    assert "is not what generate would write" in capsys.readouterr().err  # honoured: docs/ differs for it
    assert build_site.main(["-q", "generate", "--topic", str(scratch.root / "other.yml")]) == 0
    assert "Briefing: Ports of Examplestan" in scratch.read("mkdocs.yml")
    assert 'edit_path: "other.yml"' in scratch.read("docs/briefing/actors.md")
    assert "Edit other.yml instead" in scratch.read("docs/briefing/timeline.md")
    assert "Names, aliases and roles come from `other.yml`." in scratch.read("docs/briefing/actors.md")
    assert build_site.main(["-q", "check", "--topic", str(scratch.root / "other.yml")]) == 0


def test_a_build_into_another_docs_folder_leaves_mkdocs_yml_alone(
    generated: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    scratch = generated()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    scratch.write("mkdocs.yml", "# briefing:begin identity sum=e3b0c44298fc\n# briefing:end identity\n")
    assert build_site.main(["-q", "generate", "--docs", str(tmp_path / "docs")]) == 0
    assert scratch.read("mkdocs.yml") == "# briefing:begin identity sum=e3b0c44298fc\n# briefing:end identity\n"


def test_build_without_mkdocs_yml_names_it(
    generated: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scratch = generated()
    monkeypatch.setattr(build_site, "ROOT", scratch.root)
    assert build_site.main(["-q", "build"]) == 2
    assert capsys.readouterr().err == (
        "error: mkdocs.yml: the site config is missing (a briefing made with "
        "`build_site.py new` has one; or copy this project's)\n"
    )
    assert not (scratch.root / "site").exists()
