"""Publish stage: the only code that writes into ``docs/``.

The build owns two kinds of output and touches nothing else:

* whole files, listed with their SHA-256 in ``docs/.briefing-manifest.json``
  (Markdown ones also say ``generated_by: build_site.py`` in their front matter);
* regions inside hand-written pages, between
  ``<!-- briefing:begin NAME sum=… -->`` and ``<!-- briefing:end NAME -->``.

Before anything is written, every target is checked: a generated file or region
whose content no longer matches its recorded checksum was edited by hand, and a
file that exists without being recorded was written by a person (or, if it looks
generated, the manifest was lost: ``generate --adopt`` takes such files back).
Each stops the build with a message saying where to make the change instead.
Then all new content is written to a temporary folder and moved into place; see
:func:`apply` for why a build killed at any moment leaves a ``docs/`` that the
next build repairs by itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefingError, OwnershipError, StaleOutputError, write_error
from .regions import bytes_checksum, checksum, region_block
from .outputs import GENERATED_BY, OutputFile, RegionOutput, Rendering

MANIFEST = ".briefing-manifest.json"
STAGING_PREFIX = ".briefing-staging-"
ADOPT_COMMAND = "python build_site.py generate --adopt"
_BEGIN = re.compile(r"^<!-- briefing:begin (?P<name>[a-z0-9-]+) sum=(?P<sum>[0-9a-f]{12}) -->$")
_END = re.compile(r"^<!-- briefing:end (?P<name>[a-z0-9-]+) -->$")
_ANY_MARKER = re.compile(r"^<!-- briefing:(begin|end)\b")


@dataclass(frozen=True, slots=True)
class _Region:
    name: str
    begin: int
    """Index of the begin-marker line."""
    end: int
    """Index of the end-marker line."""
    recorded_sum: str


@dataclass(slots=True)
class Plan:
    """What publishing would change in docs/: path -> new bytes, and paths to delete."""

    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    manifest: dict[str, str] = field(default_factory=dict)
    on_disk: dict[str, str] = field(default_factory=dict)
    """Checksum of each generated file about to be replaced or deleted, as it is now."""
    unchanged: int = 0
    kept_with_converted_line_ends: dict[str, str] = field(default_factory=dict)
    """Checksum of each unchanged generated file whose line ends a checkout converted (CRLF), as it is."""
    notices: list[str] = field(default_factory=list)
    """Things worth telling the contributor that do not stop the build."""
    resumed: bool = False
    """A build was stopped while it switched files, and this plan completes its work."""

    @property
    def changes(self) -> list[str]:
        return sorted(self.writes) + sorted(self.deletes)


@dataclass(frozen=True, slots=True)
class Manifest:
    """``docs/.briefing-manifest.json``: the files the build owns, with their checksums."""

    files: dict[str, str]
    previous: dict[str, str]
    """Only in a manifest left by a build stopped while it switched files: their checksums before."""
    exists: bool = True

    @property
    def interrupted(self) -> bool:
        return bool(self.previous)

    def owns(self, path: str) -> bool:
        return path in self.files or path in self.previous

    def accepts(self, path: str, content: bytes) -> bool:
        """Is ``content`` a version of ``path`` that the build wrote (either one, after an interrupted switch)?"""
        return bytes_checksum(content) in (self.files.get(path), self.previous.get(path))


def read_manifest(docs_dir: Path, docs_label: str = "docs") -> Manifest:
    path = docs_dir / MANIFEST
    if not path.exists():
        return Manifest({}, {}, exists=False)
    shown = f"{docs_label}/{MANIFEST}"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files, previous = data["files"], data.get("previous", {})
        if not isinstance(files, dict) or not isinstance(previous, dict):
            raise ValueError
        return Manifest({str(k): str(v) for k, v in files.items()}, {str(k): str(v) for k, v in previous.items()})
    except json.JSONDecodeError as error:
        line: int | None = error.lineno
    except (ValueError, KeyError, TypeError, AttributeError):
        line = None
    raise BriefingError(
        "the build's manifest is unreadable",
        shown,
        line,
        hint=f"restore it from git with: git checkout -- {shown}; "
        f"if it is not in git, delete it and run: {ADOPT_COMMAND}",
    )


def manifest_content(files: Mapping[str, str], previous: Mapping[str, str] | None = None) -> bytes:
    data: dict[str, object] = {"generated_by": GENERATED_BY, "files": dict(sorted(files.items()))}
    if previous:
        data["switching"] = (
            "a build was writing these files when this manifest was saved; "
            "each is either its 'files' or its 'previous' version; the next build finishes the switch"
        )
        data["previous"] = dict(sorted(previous.items()))
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def plan(rendering: Rendering, docs_dir: Path, docs_label: str = "docs", adopt: bool = False) -> Plan:
    """Work out every write and delete, refusing to touch anything a person wrote.

    ``adopt`` takes back files at generated paths that the manifest does not record
    (it was deleted) when their content is exactly what the build would write.
    """
    result = Plan()
    previous = read_manifest(docs_dir, docs_label)
    produced: dict[str, OutputFile] = {}
    for output in rendering.files:
        if output.path in produced:
            raise BriefingError(f"two generated files for one path: {output.path}")
        produced[output.path] = output
    _plan_files(result, produced, previous, docs_dir, docs_label, adopt)
    _plan_deletes(result, produced, previous, docs_dir, docs_label)
    if adopt:
        _note_orphans(result, produced, previous, docs_dir, docs_label)
    _plan_regions(result, rendering, produced, docs_dir, docs_label)
    if previous.interrupted or previous.files != result.manifest or not previous.exists:
        result.writes[MANIFEST] = manifest_content(result.manifest)
    result.resumed = previous.interrupted
    return result


def _plan_files(
    result: Plan, produced: dict[str, OutputFile], previous: Manifest, docs_dir: Path, docs_label: str, adopt: bool
) -> None:
    for path, output in sorted(produced.items()):
        target = docs_dir / path
        shown = f"{docs_label}/{path}"
        result.manifest[path] = bytes_checksum(output.content)
        if target.exists():
            raw = target.read_bytes()
            current = _with_lf_line_ends(raw)
            if not previous.owns(path):
                if adopt and current == output.content:
                    result.unchanged += 1
                    continue
                _refuse_unrecorded(path, current, output, previous, docs_label, adopt)
            if not previous.accepts(path, current):
                raise OwnershipError(
                    "this generated file was edited by hand",
                    shown,
                    _first_difference(_decoded(current), output.text),
                    hint=f"make the change in {output.edit_path} instead; to discard the edit, "
                    f"delete {shown} and run the build again",
                )
            if current == output.content:
                result.unchanged += 1
                if current is not raw:
                    result.kept_with_converted_line_ends[path] = bytes_checksum(raw)
                continue
            result.on_disk[path] = bytes_checksum(current)
        result.writes[path] = output.content


def _refuse_unrecorded(
    path: str, content: bytes, output: OutputFile, previous: Manifest, docs_label: str, adopt: bool
) -> None:
    """A file where a generated page goes that the manifest does not record: say why, and what to do."""
    shown = f"{docs_label}/{path}"
    manifest = f"{docs_label}/{MANIFEST}"
    current = _decoded(content)
    looks_generated = content == output.content or _carries_header(current)
    if looks_generated and not adopt:
        if not previous.exists:
            raise OwnershipError(
                f"the build's manifest is missing, so the build cannot tell the files it generated, "
                f"such as {shown}, from files a person wrote",
                manifest,
                hint=f"restore it from git with: git checkout -- {manifest}; or run: {ADOPT_COMMAND}, which "
                "takes back every generated file that is exactly what the build would write and touches "
                "nothing else",
            )
        raise OwnershipError(
            f"looks generated but is not recorded in {manifest}",
            shown,
            hint=f"run: {ADOPT_COMMAND}, which takes it back if it is exactly what the build would write",
        )
    if looks_generated:
        raise OwnershipError(
            f"was generated but differs from what the build would write, and {manifest} has no record of it, "
            "so --adopt cannot tell a hand edit from an older build",
            shown,
            _first_difference(current, output.text),
            hint=f"restore the manifest from git with: git checkout -- {manifest}; or move any text of yours to "
            f"{output.edit_path}, delete {shown} and run the build again",
        )
    raise OwnershipError(
        "exists but was not generated by the build",
        shown,
        hint="the build needs this path for a generated page; move your file elsewhere or delete it",
    )


def _carries_header(text: str) -> bool:
    """Does the text start the way the build starts its Markdown and JSON files?"""
    head = text[:200]
    return head.startswith(f"---\ngenerated_by: {GENERATED_BY}\n") or f'"generated_by": "{GENERATED_BY}"' in head


def _note_orphans(
    result: Plan, produced: dict[str, OutputFile], previous: Manifest, docs_dir: Path, docs_label: str
) -> None:
    """--adopt: files that look generated but that no build makes now (their seed went while the manifest was lost)."""
    for target in sorted(docs_dir.rglob("*")):
        path = target.relative_to(docs_dir).as_posix()
        if (
            path in produced
            or previous.owns(path)
            or not target.is_file()
            or any(part.startswith(".") for part in path.split("/"))
        ):
            continue
        with target.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(200)
        if _carries_header(head):
            result.notices.append(
                f"{docs_label}/{path} looks generated, but the build no longer makes it; delete it unless you wrote it"
            )


def _plan_deletes(
    result: Plan, produced: dict[str, OutputFile], previous: Manifest, docs_dir: Path, docs_label: str
) -> None:
    for path in sorted(set(previous.files) | set(previous.previous)):
        if path in produced:
            continue
        target = docs_dir / path
        if not target.exists():
            continue
        current = _with_lf_line_ends(target.read_bytes())
        if not previous.accepts(path, current):
            raise OwnershipError(
                "this generated file was edited by hand, and its source is gone",
                f"{docs_label}/{path}",
                hint="move your text to a hand-written page, or delete the file",
            )
        result.deletes.append(path)
        result.on_disk[path] = bytes_checksum(current)


def _plan_regions(
    result: Plan, rendering: Rendering, produced: dict[str, OutputFile], docs_dir: Path, docs_label: str
) -> None:
    by_page: dict[str, list[RegionOutput]] = {}
    for region in rendering.regions:
        by_page.setdefault(region.page, []).append(region)
    for page, regions in sorted(by_page.items()):
        if page in produced:
            raise BriefingError(f"{page} is both a generated file and a page with regions")
        target = docs_dir / page
        if target.exists():
            raw = target.read_bytes()
            try:
                current = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BriefingError(
                    "not valid UTF-8",
                    f"{docs_label}/{page}",
                    raw[: exc.start].count(b"\n") + 1,
                    "save the file as UTF-8",
                ) from None
        elif page in rendering.starters:
            current = rendering.starters[page]
        else:
            continue
        updated = fill_regions(current, regions, f"{docs_label}/{page}")
        present = {region.name for region in parse_regions(current, f"{docs_label}/{page}")}
        for region in regions:
            if region.name not in present:
                result.notices.append(
                    f"{docs_label}/{page} has no '{region.name}' region, so it is not shown there; to show it, "
                    f"add the two lines '<!-- briefing:begin {region.name} sum={checksum('')[:12]} -->' and "
                    f"'<!-- briefing:end {region.name} -->'"
                )
        if not target.exists() or updated != current:
            result.writes[page] = updated.encode("utf-8")
        else:
            result.unchanged += 1


def _with_lf_line_ends(content: bytes) -> bytes:
    """A generated file's bytes, with CRLF or CR line ends read as LF: a checkout that converts line
    ends (git's core.autocrlf) has not edited the file. The same object when there is no CR."""
    return content.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in content else content


def _decoded(content: bytes) -> str:
    """A file's bytes as text for a message (a person may have saved it in another encoding)."""
    return content.decode("utf-8", errors="replace")


def _first_difference(current: str, generated: str) -> int:
    for number, (a, b) in enumerate(zip(current.split("\n"), generated.split("\n")), start=1):
        if a != b:
            return number
    return min(len(current.split("\n")), len(generated.split("\n")))


def parse_regions(text: str, shown: str) -> list[_Region]:
    lines = text.split("\n")
    regions: list[_Region] = []
    open_name: str | None = None
    open_line = 0
    open_sum = ""
    for index, line in enumerate(lines):
        line = line.removesuffix("\r")  # a page saved with CRLF line endings
        begin = _BEGIN.match(line)
        end = _END.match(line)
        if begin:
            if open_name is not None:
                raise OwnershipError(
                    f"region '{begin['name']}' begins inside region '{open_name}', which begins on line "
                    f"{open_line + 1}",
                    shown,
                    index + 1,
                    f"restore the line '<!-- briefing:end {open_name} -->' where region '{open_name}' ends",
                )
            open_name, open_line, open_sum = begin["name"], index, begin["sum"]
        elif end:
            if open_name != end["name"]:
                raise OwnershipError(
                    f"end marker for region '{end['name']}' without its begin marker",
                    shown,
                    index + 1,
                    "restore the begin marker line from git, or delete this line and the generated text above it",
                )
            regions.append(_Region(end["name"], open_line, index, open_sum))
            open_name = None
        elif _ANY_MARKER.match(line):
            raise OwnershipError(
                "malformed briefing region marker",
                shown,
                index + 1,
                "restore the marker line exactly as the build wrote it",
            )
    if open_name is not None:
        raise OwnershipError(
            f"region '{open_name}' is never closed",
            shown,
            open_line + 1,
            f"restore the line '<!-- briefing:end {open_name} -->'",
        )
    return regions


def fill_regions(text: str, outputs: list[RegionOutput], shown: str) -> str:
    """Replace the content of each known region; refuse hand edits and unknown regions.

    A region the page does not have is left out: the page's author removed it.
    """
    lines = text.split("\n")
    wanted = {output.name: output for output in outputs}
    found = parse_regions(text, shown)
    seen: dict[str, _Region] = {}
    for region in found:
        if region.name not in wanted:
            raise OwnershipError(
                f"unknown generated region '{region.name}'",
                shown,
                region.begin + 1,
                f"rename it to one of {', '.join(sorted(wanted))}, or delete its marker lines "
                f"{region.begin + 1} and {region.end + 1}",
            )
        if region.name in seen:
            raise OwnershipError(
                f"region '{region.name}' appears twice, first on line {seen[region.name].begin + 1}",
                shown,
                region.begin + 1,
                f"delete lines {region.begin + 1}-{region.end + 1}",
            )
        seen[region.name] = region
        content = [line.removesuffix("\r") for line in lines[region.begin + 1 : region.end]]
        recorded = "".join(line + "\n" for line in content)
        if checksum(recorded)[:12] != region.recorded_sum:
            generated = _with_newline(wanted[region.name].text).split("\n")[:-1] if wanted[region.name].text else []
            edited = region.begin + 2 + _first_changed_line(content, generated)
            raise OwnershipError(
                f"the generated region '{region.name}' was edited by hand",
                shown,
                edited,
                hint=f"write your text above line {region.begin + 1} or below line {region.end + 1} "
                f"(outside the markers), or change {wanted[region.name].origin}",
            )
    for region in reversed(found):
        block = region_block(region.name, _with_newline(wanted[region.name].text))
        newline_tail = "\r" if lines[region.begin].endswith("\r") else ""
        lines[region.begin : region.end + 1] = [line + newline_tail for line in block.split("\n")]
    return "\n".join(lines)


def _first_changed_line(current: list[str], generated: list[str]) -> int:
    """0-based index of the first line of ``current`` that is not what the build wrote.

    Exact when the inputs have not changed since the build wrote the region (the usual case of a
    hand edit); otherwise the first difference may be one the build itself would make.
    """
    for index, (mine, theirs) in enumerate(zip(current, generated)):
        if mine != theirs:
            return index
    return min(len(current), len(generated))


def _with_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def apply(result: Plan, docs_dir: Path, docs_label: str = "docs") -> None:
    """Write the plan so that a build killed at any moment leaves a docs/ the next build repairs by itself.

    1. Remove what a killed build left behind: ``docs/.briefing-staging-*`` folders.
    2. Stage every new file in a fresh staging folder (a full disk fails here, with docs/ untouched).
    3. Replace the manifest by one that accepts, for each generated file about to change, its
       current text or its new one (each step below leaves every file one or the other).
    4. Move the staged files into place, one ``os.replace`` each.
    5. Delete the generated files the build no longer makes.
    6. Replace the manifest by the final one.

    A build stopped anywhere in 4-6 leaves the manifest of step 3. The next build trusts it
    and rewrites or deletes each file as usual: it completes the switch, or, when the
    inputs went back meanwhile, rolls it back, and it never takes its own files for hand edits.
    The caller holds the docs lock (:func:`briefing.lock.docs_lock`).
    """
    target = f"{docs_label}/"
    switching = False
    staging: Path | None = None
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(docs_dir)
        if not result.writes and not result.deletes:
            return
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=docs_dir))
        ordered = sorted(p for p in result.writes if p != MANIFEST)
        for path in ordered + ([MANIFEST] if MANIFEST in result.writes else []):
            target = f"{docs_label}/{path}"
            _write_file(staging / path, result.writes[path])
        if result.deletes or any(path in result.manifest for path in ordered):
            target = f"{docs_label}/{MANIFEST}"
            _write_file(staging / f"{MANIFEST}.switching", manifest_content(result.manifest, result.on_disk))
            os.replace(staging / f"{MANIFEST}.switching", docs_dir / MANIFEST)
            switching = True
        for path in ordered:
            target = f"{docs_label}/{path}"
            (docs_dir / path).parent.mkdir(parents=True, exist_ok=True)
            switching = True
            os.replace(staging / path, docs_dir / path)
        for path in result.deletes:
            target = f"{docs_label}/{path}"
            (docs_dir / path).unlink(missing_ok=True)
            _prune_empty_dirs((docs_dir / path).parent, docs_dir)
        if MANIFEST in result.writes:
            target = f"{docs_label}/{MANIFEST}"
            os.replace(staging / MANIFEST, docs_dir / MANIFEST)
    except OSError as error:
        state = (
            f"{docs_label}/ is partly updated, and the next build completes the update by itself"
            if switching
            else f"nothing in {docs_label}/ was changed"
        )
        raise write_error(error, target, state) from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(docs_dir: Path) -> None:
    """Staging folders of builds that were killed (the caller holds the lock, so none is in use)."""
    for leftover in docs_dir.glob(f"{STAGING_PREFIX}*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _write_file(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _prune_empty_dirs(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def ensure_current(result: Plan, docs_label: str = "docs") -> None:
    """``check``: fail when publishing would change anything."""
    changes = result.changes
    if changes:
        listed = ", ".join(f"{docs_label}/{p}" for p in changes[:5])
        more = f" and {len(changes) - 5} more" if len(changes) > 5 else ""
        raise StaleOutputError(
            f"{docs_label}/ is not what generate would write: {listed}{more} would change",
            hint="run: python build_site.py generate, and commit the result",
        )
