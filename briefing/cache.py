"""A per-article cache for incremental builds: a changed seed is cleaned and extracted again, the
others are loaded from disk, and only the cross-source stages run over everything.

An entry is one pickle file, named by a hash of everything that can change its value:

* the article as read (its id, path, metadata and text: the whole :class:`~briefing.model.Source`);
* the topic config file's bytes;
* the code version: the bytes of every ``.py`` file and template of the ``briefing`` package.

Beside the entries, ``source-pages.pickle`` keeps the rendered source pages with their inputs
(reused when unchanged, see ``render.Renderer.source_file``). A build whose inputs are all
unchanged does not get this far: see ``briefing.last_build``.

Entries of one config and code version live in one folder named by its hash; a build that finds
another version's folders removes them, so a changed config or code invalidates everything at
once. Deleting the cache is always safe: the next build computes everything again. An entry that
cannot be read (truncated, corrupt, written by another Python) is ignored and computed again.
Entries are written atomically (temporary file, then rename), so a killed build leaves no
half-written entry. The cache is local and never published: it must not be inside ``docs/``.
"""

from __future__ import annotations

import copyreg
import dataclasses
from dataclasses import dataclass
import functools
import hashlib
import pickle
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import BinaryIO, Generic, TypeVar, cast

from .atomic import write_atomic
from .errors import BriefingError
from .fingerprint import FORMAT, build_version
from .model import Source

T = TypeVar("T")

_SUFFIX = ".pickle"


@functools.cache
def _register_fast_pickling() -> None:
    """Once per process, before the cache first pickles anything. Imported here so that this module
    stays light: ``briefing.pipeline`` makes the cache before it knows whether any stage runs."""
    from . import config, extract, model, render
    from .extract import arguments, statements, text, timeline

    _fast_pickling([model, config, extract, arguments, statements, text, timeline, render])


def _fast_pickling(modules: Iterable[ModuleType]) -> None:
    """Pickle the package's slotted dataclasses as (class, field values), rebuilt by the class.

    Python's own way for a dataclass with ``__slots__`` looks its fields up again for every object
    (``dataclasses.fields``), which made pickling a build's result about twice as slow."""
    for module in modules:
        for cls in vars(module).values():
            if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__):
                continue
            fields = dataclasses.fields(cls)
            if "__slots__" not in vars(cls) or hasattr(cls, "__post_init__") or not all(f.init for f in fields):
                continue
            names = tuple(f.name for f in fields)
            copyreg.pickle(cls, functools.partial(_reduce, names))


def _reduce(names: tuple[str, ...], obj: object) -> tuple[type, tuple[object, ...]]:
    return type(obj), tuple(getattr(obj, name) for name in names)


def source_key(source: Source) -> str:
    """Hash of the article as read. ``repr`` of the frozen dataclass holds every field."""
    return hashlib.sha256(repr(source).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Packed:
    """A result already pickled as a cache entry. A worker process sends its results this way: they
    cross to the parent as one bytes object each, and the parent stores those bytes instead of
    pickling the result a second time."""

    entry: bytes


def pack(value: object) -> Packed:
    _register_fast_pickling()
    return Packed(pickle.dumps((FORMAT, value), protocol=pickle.HIGHEST_PROTOCOL))


class ArticleCache(Generic[T]):
    """Per-article results, for one topic config and one code version.

    ``folder`` None means no cache: every article is computed. With ``write`` False (``check``)
    the cache is read but never written.
    """

    def __init__(self, folder: Path | None, topic_bytes: bytes, write: bool = True) -> None:
        self.root = folder
        self.write = write and folder is not None
        self.folder = folder / build_version(topic_bytes) if folder is not None else None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, source: Source, compute: Callable[[], T]) -> T:
        """The cached result for ``source``, or ``compute()`` (then stored)."""
        return self.get_all([source], lambda missing: [compute() for _ in missing])[0]

    def get_all(self, sources: Sequence[Source], compute: Callable[[list[Source]], list[T | Packed]]) -> list[T]:
        """The cached result of each source, in order; ``compute`` gets the missing ones in one
        batch (so it may share work or processes between them), and its results are stored. A
        result may come :func:`pack`-ed (from a worker process): it is stored as it came."""
        _register_fast_pickling()  # before ``compute`` starts any worker process, which inherits it
        keys = [source_key(source) for source in sources]
        self.used.update(keys)
        found: list[T | None] = [None] * len(sources)
        if self.folder is not None:
            for position, key in enumerate(keys):
                found[position] = cast("T | None", self._load(self.folder / (key + _SUFFIX)))
        missing = [position for position, value in enumerate(found) if value is None]
        self.hits += len(sources) - len(missing)
        self.misses += len(missing)
        if missing:
            for position, result in zip(missing, compute([sources[p] for p in missing]), strict=True):
                entry = result.entry if isinstance(result, Packed) else None
                found[position] = cast(T, pickle.loads(entry)[1]) if entry is not None else cast(T, result)
                if self.write:
                    self._store(keys[position], found[position], entry)
        return cast(list[T], found)

    def load_extra(self, name: str) -> object | None:
        """A named value the last build stored for this config and code version (``store_extra``)."""
        self.used.add(name)
        return self._load(self.folder / (name + _SUFFIX)) if self.folder is not None else None

    def store_extra(self, name: str, value: object) -> None:
        self.used.add(name)
        if self.write:
            self._store(name, value)

    def _load(self, path: Path) -> object | None:
        try:
            with path.open("rb") as stream:
                stored = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry is a miss, never an error
            return None
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == FORMAT):
            return None
        return stored[1]

    def _store(self, key: str, value: object, entry: bytes | None = None) -> None:
        """Write ``value`` as entry ``key`` (``entry``: the value already pickled by :func:`pack`)."""
        assert self.folder is not None
        _register_fast_pickling()

        def write(stream: BinaryIO) -> None:
            if entry is not None:
                stream.write(entry)
            else:
                pickle.dump((FORMAT, value), stream, protocol=pickle.HIGHEST_PROTOCOL)

        try:
            write_atomic(self.folder / (key + _SUFFIX), write)
        except OSError:
            self.write = False  # an unwritable cache only makes builds slower

    def prune(self) -> None:
        """Remove entries no article used in this build, and other config or code versions."""
        if not self.write or self.root is None or self.folder is None or not self.root.is_dir():
            return
        for entry in self.root.iterdir():
            if entry.is_dir() and entry != self.folder and re.fullmatch("[0-9a-f]{32}", entry.name):
                shutil.rmtree(entry, ignore_errors=True)
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                unused = path.suffix == _SUFFIX and path.name.removesuffix(_SUFFIX) not in self.used
                if unused or ".tmp-" in path.name:  # a temporary file of a killed build (``atomic``)
                    path.unlink(missing_ok=True)


def check_location(cache: Path, docs: Path, shown: str) -> None:
    """The cache must never be published: refuse a cache folder inside docs/ (or docs/ inside it)."""
    cache, docs = cache.resolve(), docs.resolve()
    if cache == docs or docs in cache.parents or cache in docs.parents:
        raise BriefingError(
            "the build cache must not be inside the docs folder, nor contain it",
            shown,
            hint="choose another cache folder, such as .cache/ in the project",
        )
