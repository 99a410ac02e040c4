"""Hashes of a build's inputs (briefing/fingerprint.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.fingerprint import build_version, file_checksum, folder_fingerprint


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.md").write_text("alpha", encoding="utf-8")
    (folder / "b.md").write_text("beta", encoding="utf-8")
    return folder


def test_any_change_in_the_folder_changes_its_fingerprint(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    seen = {folder_fingerprint(folder)}
    (folder / "a.md").write_text("alpha!", encoding="utf-8")  # content
    seen.add(folder_fingerprint(folder))
    (folder / "b.md").rename(folder / "c.md")  # name
    seen.add(folder_fingerprint(folder))
    (folder / "_draft.md").write_text("", encoding="utf-8")  # a file the build skips
    seen.add(folder_fingerprint(folder))
    os.symlink("/etc/hostname", folder / "link.md")  # a link, by its target
    seen.add(folder_fingerprint(folder))
    (folder / "link.md").unlink()
    os.symlink("/etc/hosts", folder / "link.md")
    seen.add(folder_fingerprint(folder))
    os.mkfifo(folder / "pipe.md")  # never opened
    seen.add(folder_fingerprint(folder))
    assert len(seen) == 7
    assert folder_fingerprint(folder) == folder_fingerprint(folder)
    assert folder_fingerprint(tmp_path / "missing") == "missing"


def test_an_unreadable_file_is_fingerprinted_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # (The build that reads the file reports it with its name; the fingerprint must not stop first.)
    folder = _folder(tmp_path)
    readable = folder_fingerprint(folder)
    original = Path.read_bytes

    def denied(path: Path) -> bytes:
        if path.name == "a.md":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    unreadable = folder_fingerprint(folder)
    assert unreadable != readable
    assert file_checksum(folder / "a.md") is None


def test_the_build_version_follows_the_topic_config() -> None:
    assert build_version(b"title: A\n") != build_version(b"title: B\n")
    assert len(build_version(b"title: A\n")) == 32
