"""The repository a contributor meets: the README's commands, CONTRIBUTING, CI, Pages, pre-commit and
packaging, checked against each other and against the code (a document that drifts fails here)."""

from __future__ import annotations

import importlib
import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _sh_blocks(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", markdown, re.S)


def test_readme_commands_need_no_sudo_and_share_the_install_script_with_ci() -> None:
    blocks = _sh_blocks(_read("README.md"))
    install, test = blocks[0].strip(), blocks[1].strip()
    assert install == "bash tools/install.sh && .venv/bin/python build_site.py"
    assert test == "bash tools/install.sh --dev && .venv/bin/python -m pytest"
    assert "sudo" not in install + test
    assert "bash tools/install.sh --dev" in _read(".ci/run")
    script = _read("tools/install.sh")
    assert 'if [ "$(id -u)" -eq 0 ]; then' in script and "sudo" in script


def test_contributing_covers_every_task_and_each_ends_with_its_command() -> None:
    text = _read("CONTRIBUTING.md")
    sections = dict(re.findall(r"^## (.+?)\n(.*?)(?=^## |\Z)", text, re.S | re.M))
    tasks = [
        "Add an article",
        "Fix an article's metadata",
        "Teach the vocabulary a name",
        "Curate an item: hide, pin, retitle, pair, move, merge",
        "Write prose around the generated regions",
        "Start a briefing on another subject",
        "Change the look or the code",
    ]
    for task in tasks:
        assert task in sections, f"CONTRIBUTING.md has no section '{task}'"
        body = sections[task].rstrip()
        last_block = body[body.rfind("```sh") :]
        assert body.endswith("```") and last_block.count("```") == 2, f"'{task}' does not end with a command"
        assert "build_site.py" in last_block or "pytest" in last_block, f"'{task}': {last_block}"
    for key in ("hide:", "pin:", "retitle:", "pair:", "move:", "merge:"):
        assert key in sections["Curate an item: hide, pin, retitle, pair, move, merge"], key
    for fmt in ("front matter", "Plain text", "header lines", "saved web page"):
        assert fmt.lower() in sections["Add an article"].lower(), fmt
    for step in ("lint", "types", "tests", "check", "site", "zensical"):
        assert f"| `{step}`" in sections["When a check fails"], f"failing step {step} is not explained"
        assert re.search(rf"^(?:\w+=\S+ )*step {step} ", _read(".ci/run"), re.M), f".ci/run has no step {step}"


def test_pull_request_template_has_the_checklist() -> None:
    template = _read(".github/pull_request_template.md")
    assert template.count("- [ ]") >= 10
    for command in ("python build_site.py check", "python -m pytest", "python build_site.py serve"):
        assert command in template, command


def test_ci_workflow_runs_ci_run_on_every_pull_request() -> None:
    workflow = yaml.safe_load(_read(".github/workflows/ci.yml"))
    assert "pull_request" in workflow[True]  # PyYAML reads the key `on` as True
    steps = workflow["jobs"]["ci"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    assert workflow["jobs"]["ci"]["timeout-minutes"] <= 15


def test_pages_workflow_deploys_from_main_with_the_official_actions() -> None:
    workflow = yaml.safe_load(_read(".github/workflows/pages.yml"))
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [step.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for step in job["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, action
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    assert build[0]["with"]["fetch-depth"] == 0, "the Last update dates need the full history"


def test_pre_commit_runs_ruff_yaml_checks_and_build_site_check() -> None:
    config = yaml.safe_load(_read(".pre-commit-config.yaml"))
    hooks = {hook["id"]: (repo, hook) for repo in config["repos"] for hook in repo["hooks"]}
    for hook in ("ruff-check", "ruff-format", "check-yaml", "briefing-check"):
        assert hook in hooks, hook
    ruff_pin = re.search(r"^ruff==(\S+)", _read("requirements-dev.txt"), re.M).group(1)  # type: ignore[union-attr]
    assert hooks["ruff-check"][0]["rev"] == f"v{ruff_pin}", "pre-commit and CI must run the same ruff"
    assert "build_site.py check" in hooks["briefing-check"][1]["entry"]


def test_project_metadata_installs_a_briefing_command() -> None:
    project = tomllib.loads(_read("pyproject.toml"))["project"]
    module, _, function = project["scripts"]["briefing"].partition(":")
    assert callable(getattr(importlib.import_module(module), function))
    pinned = {
        re.split(r"[=<>]", line)[0].lower()
        for line in _read("requirements.txt").splitlines()
        if line and not line.startswith("#")
    }
    declared = {re.split(r"[=<>\[]", dep)[0].lower() for dep in project["dependencies"]}
    assert declared <= pinned, f"declared but not pinned in requirements.txt: {declared - pinned}"
    assert project["license"] == "MIT" and _read("LICENSE").startswith("MIT License")
    assert "CC BY 4.0" in _read("mkdocs.yml") and "CC BY 4.0" in _read("CONTRIBUTING.md")
