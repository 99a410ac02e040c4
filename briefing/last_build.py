"""The last build's record: a build whose inputs and output are exactly as the last build left
them reads no seed and renders no page.

A build that wrote ``docs/`` keeps, in the cache folder of its code and config version, a small
JSON record: a fingerprint of its inputs (every file in the seeds folder, and the folders and files
the build used), the SHA-256 of every file it wrote or checked (the generated files, the pages
with generated regions, the manifest and the cleaning report), and the summary it printed. The next
build computes the same fingerprint; when it matches and every recorded file still has its
checksum, a full build could change nothing, so the build prints the summary again and stops.
Anything else (a seed, the topic file, the code, a hand edit to a recorded file, a missing file)
falls back to the full build, which is correct on its own: the record only ever skips work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .fingerprint import file_checksum, folder_fingerprint

RECORD = "last-build.json"


@dataclass(frozen=True, slots=True)
class LastBuild:
    inputs: str
    """Fingerprint of the inputs (see :func:`inputs_fingerprint`)."""
    files: Mapping[str, str]
    """Absolute path -> SHA-256 of every file the build wrote or checked ("" for one that was absent)."""
    summary: tuple[str, ...]
    """What the build printed, notices included."""
    unchanged: int
    """Generated files and pages with regions that a full build would find unchanged."""

    def is_current(self) -> bool:
        """Does every recorded file still have the bytes the build left (and an absent one stay absent)?"""
        return all((file_checksum(Path(path)) or "") == digest for path, digest in self.files.items())


def inputs_fingerprint(seeds: Path, paths: Iterable[Path]) -> str:
    """Hash of the seeds folder's whole content and of the paths a build reads and writes."""
    digest = hashlib.sha256(folder_fingerprint(seeds).encode("utf-8"))
    for path in paths:
        digest.update(b"\0" + str(path).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def load(folder: Path, inputs: str) -> LastBuild | None:
    """The record in ``folder`` when it was made from these inputs, else None (also when unreadable)."""
    try:
        data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
        record = LastBuild(
            inputs=str(data["inputs"]),
            files={str(path): str(digest) for path, digest in data["files"].items()},
            summary=tuple(str(line) for line in data["summary"]),
            unchanged=int(data["unchanged"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return record if record.inputs == inputs else None


def store(folder: Path, record: LastBuild) -> None:
    """Write the record atomically; a cache that cannot be written only makes the next build slower."""
    data = {
        "inputs": record.inputs,
        "files": dict(sorted(record.files.items())),
        "summary": list(record.summary),
        "unchanged": record.unchanged,
    }
    text = json.dumps(data, indent=1, ensure_ascii=False)
    try:
        write_atomic(folder / RECORD, lambda stream: stream.write(text.encode("utf-8")))
    except OSError:
        pass
