"""The command line without traps: every option works before or after the subcommand, or is refused.

argparse parent parsers used to give each subcommand its own default (None) for
the shared options, which silently overwrote a value given before the
subcommand: ``build_site.py --topic other.yml check`` checked topic.yml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import build_site
from briefing.pipeline import Project

COMMANDS = ("build", "generate", "check", "serve")


def invocation(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What main() would run for argv: the command, its Project, site folder, port and quiet flag."""
    seen: dict[str, object] = {}

    def record(command: str):
        def fake(project: Project, *args: object, **kwargs: object) -> object:
            seen.update(command=command, project=project, args=args, kwargs=kwargs)
            return _Outcome()

        return fake

    monkeypatch.setattr(build_site, "generate", record("generate"))
    monkeypatch.setattr(build_site, "check", record("check"))
    monkeypatch.setattr(build_site, "_sync_identity", lambda project, topic, write: None)
    monkeypatch.setattr(
        build_site, "build_site", lambda project, site, quiet, topic=None: seen.update(site=site, quiet=quiet)
    )
    monkeypatch.setattr(
        build_site,
        "serve",
        lambda project, site, port, quiet: seen.update(
            command="serve", project=project, site=site, port=port, quiet=quiet
        ),
    )
    assert build_site.main(argv) == 0
    return seen


class _Outcome:
    summary = ()
    topic = None

    class plan:  # noqa: N801 - mimics Outcome.plan
        writes: dict[str, str] = {}
        deletes: list[str] = []
        unchanged = 0


PATH_OPTIONS = {
    "--seeds": lambda p: p.seeds,
    "--docs": lambda p: p.docs,
    "--topic": lambda p: p.topic,
    "--report": lambda p: p.report,
    "--project": lambda p: p.root,
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("option", sorted(PATH_OPTIONS))
@pytest.mark.parametrize("order", ["before", "after"])
def test_path_option_before_or_after_the_command(
    option: str,
    command: str,
    order: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    value = tmp_path / "given"
    argv = [option, str(value), command] if order == "before" else [command, option, str(value)]
    seen = invocation(argv, monkeypatch)
    project = seen["project"]
    assert isinstance(project, Project)
    assert PATH_OPTIONS[option](project) == value.resolve()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("order", ["before", "after"])
def test_quiet_before_or_after_the_command(
    command: str, order: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["-q", command] if order == "before" else [command, "-q"]
    seen = invocation(argv, monkeypatch)
    if command in ("build", "serve"):
        assert seen["quiet"] is True
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("command", ["build", "serve"])
@pytest.mark.parametrize("order", ["before", "after"])
def test_site_before_or_after_the_command(
    command: str, order: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    argv = ["--site", str(site), command] if order == "before" else [command, "--site", str(site)]
    assert invocation(argv, monkeypatch)["site"] == site.resolve()


@pytest.mark.parametrize("order", ["before", "after"])
def test_port_before_or_after_serve(order: str, monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["--port", "8123", "serve"] if order == "before" else ["serve", "--port", "8123"]
    assert invocation(argv, monkeypatch)["port"] == 8123


def test_defaults_without_options(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = invocation(["serve"], monkeypatch)
    project = seen["project"]
    assert isinstance(project, Project)
    assert (project.root, project.topic, seen["site"], seen["port"]) == (
        build_site.ROOT,
        build_site.ROOT / "topic.yml",
        build_site.ROOT / "site",
        8000,
    )


def test_no_command_is_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = invocation(["--topic", str(tmp_path / "other.yml")], monkeypatch)
    assert seen["command"] == "generate" and "site" in seen  # generate, then the site build


def test_the_later_value_wins_when_given_twice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen = invocation(["--topic", str(tmp_path / "a.yml"), "check", "--topic", str(tmp_path / "b.yml")], monkeypatch)
    project = seen["project"]
    assert isinstance(project, Project) and project.topic == (tmp_path / "b.yml").resolve()


REFUSED = [
    (["--site", "x", "check"], "--site applies to build and serve, not to 'check'"),
    (["--site", "x", "generate"], "--site applies to build and serve, not to 'generate'"),
    (["--port", "8001", "build"], "--port applies to serve, not to 'build'"),
    (["--port", "8001", "check"], "--port applies to serve, not to 'check'"),
    (["check", "--site", "x"], "unrecognized arguments: --site x"),
    (["generate", "--port", "1"], "unrecognized arguments: --port 1"),
    (["--seeds", "s", "new", "d"], "'new' does not take --seeds: it writes a whole briefing into DIR"),
    (["--topic", "t.yml", "new", "d"], "'new' does not take --topic"),
    (["new", "d", "--topic", "t.yml"], "unrecognized arguments: --topic t.yml"),
]


@pytest.mark.parametrize(("argv", "message"), REFUSED, ids=[" ".join(a) for a, _m in REFUSED])
def test_an_option_a_command_does_not_use_is_refused(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_site.main(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_help_shows_every_option_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_site.main(["--help"])
    text = capsys.readouterr().out
    examples = text.split("examples:", 1)[1]
    for option in ("--project", "--seeds", "--docs", "--topic", "--report", "--site", "--port", "-q", "--subject"):
        assert option in text.split("examples:", 1)[0] or option == "--subject", option
        assert option in examples, f"no example for {option}"
    for command in ("build", "generate", "check", "serve", "new"):
        assert f"build_site.py {command}" in examples or command == "build"


@pytest.mark.parametrize("order", ["before", "after"])
def test_new_takes_quiet_before_or_after(order: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "b"
    argv = (
        ["-q", "new", str(target), "--subject", "Norhaven"]
        if order == "before"
        else ["new", str(target), "-q", "--subject", "Norhaven"]
    )
    assert build_site.main(argv) == 0
    assert capsys.readouterr().out == ""
    assert (target / "topic.yml").exists()
