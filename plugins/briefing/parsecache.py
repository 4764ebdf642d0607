"""Parse and assembly results kept between builds, and parsing on every core.

A rebuild after an edit (``invoke livereload``) should not parse again the
hundreds of sources that did not change, nor assemble again the briefs none
of whose sources changed. This module keeps each result in a file named by a
hash of everything the result depends on:

``source_key``
    the source file's bytes, its path and id (both are in the
    ``ParsedSource``), the outlet and reference date the parser is given, and
    ``parser_version()``: the code of ``parse.py`` and of every module of this
    package it imports (followed through their imports), every data file
    (``data/*.txt``), the versions of the third-party libraries that code
    imports (syntok…) and the Python version. No ``BRIEFING_*`` setting
    changes a parse today; one that does must be added to the key.
``brief_key``
    the keys of the brief's sources, its metadata (brief.md), the registry,
    the number of key points, and ``assembler_version()`` (``assemble.py`` and
    its imports, the data files, libraries, Python).
``kept_key``
    what a build keeps of a brief's whole result once its parses are
    shelved (``SourceShelf``): its assembly key, each source's path, id and
    key, the brief's folder, every ``BRIEFING_*`` setting and
    ``pipeline_version()``. A rebuild takes a brief nothing changed in from
    there without loading its parses (``pipeline.Shelving``).

So a stale entry is never looked up: any change to what it depends on gives
another name. Values are pickled: the cache is local, written only by this
module under the project's cache folder, and read only under names that are
our own hashes, so it is as trusted as the code (and pickle keeps the frozen
dataclasses whole and fast). A corrupt, truncated or unreadable entry is a
miss, never a crash; entries are written to a temporary file and renamed, so
a killed build leaves no half-written entry.

Cold builds parse the sources that miss, and assemble their briefs, in a
process pool (``spawn``: a fresh interpreter, safe in a process with threads
such as ``pelican --autoreload``, and the same on every platform) when there
are enough of them to pay for starting it (``pooled``, ``in_order``).
Results come back in the order the jobs were given. ``pipeline.build_briefs``
makes one job of a brief's parses and its assembly: its parsed sources then
cross processes once, with the brief, and a worker's ``MemoryCache`` tells
this process what to store. A brief whose parses are all cached but not its
assembly is such a job too: the worker loads its parses from the cache folder.

This module knows nothing of Pelican; ``generator.py`` wires it in.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import multiprocessing
import os
import pickle
import re
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .model import PICKLED_AS_FIELDS, Brief, ParsedSource, SourceError
from .sharing import SmallValues
from .stages import parse_bytes, read_source

logger = logging.getLogger(__name__)

PACKAGE = Path(__file__).resolve().parent
#: bump to drop every entry when the way entries are written changes
FORMAT = b"briefing-cache-1\n"
PROTOCOL = 5  # a fixed pickle protocol: the same bytes on every Python >= 3.8
#: fewer misses than this are parsed in this process: a pool costs about a
#: second to start (a fresh interpreter per worker importing the parser)
MIN_POOL_JOBS = 8


# --------------------------------------------------------------------------
# versions: what code and data a result depends on
# --------------------------------------------------------------------------


#: ``from .x import …``, ``from . import x, y`` (also in parentheses over several
#: lines) and absolute imports, at any indent (an import inside a function counts too)
_RELATIVE_IMPORT = re.compile(
    r"^[ \t]*from[ \t]+\.(\w*)[ \t]+import[ \t]+(\([^)]*\)|[\w, \t]*)", re.MULTILINE
)
#: ``import x``, ``from x.y import z`` (not prose such as a docstring line "from the registry")
_ABSOLUTE_IMPORT = re.compile(
    r"^[ \t]*(?:import[ \t]+(\w+)[\w.]*[ \t]*(?:,|as\b|#|$)|from[ \t]+(\w+)[\w.]*[ \t]+import\b)", re.MULTILINE
)


def module_closure(entry: str) -> list[Path]:
    """``entry``'s module file and every module of this package it imports, transitively.

    Read from the source text, not from ``sys.modules``: a module imported
    only inside a function counts too. (A regular expression, not ``ast``:
    ten times faster, and this runs at the start of every build.)
    """
    seen: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in seen or not (PACKAGE / f"{name}.py").is_file():
            continue
        seen.add(name)
        todo.extend(_package_imports((PACKAGE / f"{name}.py").read_text(encoding="utf-8")))
    return [PACKAGE / f"{name}.py" for name in sorted(seen)]


def _package_imports(code: str) -> list[str]:
    names = []
    for module, imported in _RELATIVE_IMPORT.findall(code):
        if module:
            names.append(module)
        else:  # from . import x, y
            items = imported.strip("()").split(",")
            names.extend(item.split()[0] for item in items if item.split())  # "x as y" imports x
    return names


def _library_imports(paths: Iterable[Path]) -> list[str]:
    """Top-level names of the absolute imports in ``paths`` (stdlib and libraries)."""
    names = set()
    for path in paths:
        for plain, from_ in _ABSOLUTE_IMPORT.findall(path.read_text(encoding="utf-8")):
            names.add(plain or from_)
    return sorted(names)


def _library_version(name: str) -> str:
    """The installed version of the distribution that provides module ``name``."""
    try:
        return metadata.version(name)  # the usual case: the module is named like its distribution
    except metadata.PackageNotFoundError:
        pass
    # a module named otherwise (yaml, of PyYAML) most often says its version itself; asking
    # every installed distribution which one provides it took 0.02-0.05 s of every build
    try:
        own = getattr(importlib.import_module(name), "__version__", None)
    except ImportError:
        own = None
    if isinstance(own, str):
        return own
    dists = metadata.packages_distributions().get(name, ())  # slower: scans every installed one
    return " ".join(f"{d}={metadata.version(d)}" for d in sorted(set(dists))) or "unknown"


def code_version(entry: str) -> str:
    """A hash of ``entry``'s code closure, the data files, library versions and Python."""
    files = module_closure(entry)
    digest = hashlib.sha256()
    digest.update(FORMAT)
    digest.update(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    for name in _library_imports(files):
        if name not in sys.stdlib_module_names and name != "__future__":
            digest.update(f"library {name} {_library_version(name)}\n".encode())
    data = sorted((PACKAGE / "data").glob("*.txt"))
    for path in files + data:
        content = path.read_bytes()
        digest.update(f"file {path.relative_to(PACKAGE).as_posix()} {len(content)}\n".encode())
        digest.update(content)
    return digest.hexdigest()


@lru_cache(maxsize=None)
def parser_version() -> str:
    """Computed once per process: the code does not change under a running build."""
    return code_version("parse")


@lru_cache(maxsize=None)
def assembler_version() -> str:
    return code_version("assemble")


@lru_cache(maxsize=None)
def pipeline_version() -> str:
    """The code that makes a brief's whole result (``pipeline.py``: its problems, from parses and assembly)."""
    return code_version("pipeline")


# --------------------------------------------------------------------------
# keys
# --------------------------------------------------------------------------


def _hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        digest.update(f"{len(data)}:".encode())  # length first: no two part lists collide
        digest.update(data)
    return digest.hexdigest()


def source_key(
    data: bytes,
    *,
    path: str,
    source_id: str,
    outlet: str | None,
    reference_date: str | None,
    version: str | None = None,
) -> str:
    """The key of one source's parse: everything ``parse_bytes`` is given, and the parser."""
    return _hash("source", version or parser_version(), path, source_id, repr(outlet), repr(reference_date), data)


def brief_key(source_keys: Sequence[str], meta: Any, registry: Any, max_key_points: int,
              version: str | None = None) -> str:
    """The key of one brief's assembly. ``meta`` and ``registry`` are frozen dataclasses
    of strings, numbers and tuples, so their ``repr`` is a faithful, stable text."""
    return _hash("brief", version or assembler_version(), repr(meta), registry_digest(registry),
                 str(max_key_points), *source_keys)


class _DigestOfLast:
    """The digest of ``repr(value)``, worked out again only when given another object than last time.

    Every brief's key holds the registry's, and a build asks for it three
    times a brief, always of the one registry the build read (a frozen
    value): from a registry of 500 entries that was 1.4 s of every build at
    5,000 sources, growing with briefs × entries. It holds the last value,
    so that its ``id`` is never another object's.
    """

    def __init__(self) -> None:
        self._last: tuple[Any, str] | None = None

    def __call__(self, value: Any) -> str:
        if self._last is None or self._last[0] is not value:
            self._last = (value, _hash(repr(value)))
        return self._last[1]


registry_digest = _DigestOfLast()


def result_key(brief_key: str, source_keys: Sequence[str], meta: str, problems: str) -> str:
    """A brief's whole result (``pipeline.BriefResult``): its assembly, its parsed sources, the
    text of its metadata and problems. Equal keys, equal results: what the render cache needs."""
    return _hash("result", brief_key, meta, problems, *source_keys)


def kept_key(brief_key: str, folder: str, settings: str, jobs: Sequence[str], version: str | None = None) -> str:
    """What a build keeps of a brief's result once its parses are shelved (``pipeline.Shelving``):
    everything the result is made of, before any of it is loaded. ``jobs`` names each source's
    path, id and key; ``brief_key`` its assembly (sources by id, brief.md, registry, assembler);
    the folder and ``BRIEFING_*`` settings are in its problems' text."""
    return _hash("kept", version or pipeline_version(), brief_key, folder, settings, *jobs)


def content_folder_name(content: str) -> str:
    """The name of one content folder's part of the cache: short, and the same from build to build."""
    return _hash("content", content)[:16]


# --------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------


def dumps(value: Any) -> bytes:
    """``value`` pickled as the cache stores it (without the ``FORMAT`` line)."""
    return pickle.dumps(value, protocol=PROTOCOL)


def loads(data: bytes, small_values: SmallValues) -> Any:
    """What ``dumps`` made, with its ints and short strings shared through ``small_values``."""
    return SharingUnpickler(io.BytesIO(data), small_values).load()


class SharingUnpickler(pickle.Unpickler):
    """An unpickler that builds the model's values with their ints and short strings
    shared (``sharing.SmallValues``) with every other value it was given for.

    Pickle writes those afresh in each pickle (an int at each use), so briefs
    loaded one by one held their own copies: at 5,000 sources, ~30 MB of the
    build's memory was equal offsets, ids, dates and names. A class of
    ``model.PICKLED_AS_FIELDS`` is pickled as a call of it with its field
    values, so it is found here as ``small_values.maker(cls)``, which shares
    them first (a model class is never pickled as a value, only called).
    """

    def __init__(self, file, small_values: SmallValues):
        super().__init__(file)
        self._small_values = small_values

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name)
        return self._small_values.maker(found) if found in PICKLED_AS_FIELDS else found


class ResultCache:
    """Pickled results in ``folder``, one file per key.

    ``sweep()`` removes the entries this cache object neither read nor wrote:
    called after a build of the whole site, it keeps the folder the size of
    the current content instead of growing with every edit.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.used: set[str] = set()
        #: what every value loaded here shares its ints and short strings through; the build's
        #: pool results too (``loads`` in ``pipeline.build_briefs``)
        self.small_values = SmallValues()

    def load(self, key: str, kind: type) -> Any | None:
        """The value stored under ``key`` if there is a readable one of type ``kind``; else None."""
        path = self.folder / key
        try:
            with open(path, "rb") as fh:
                if fh.read(len(FORMAT)) != FORMAT:
                    return None
                value = SharingUnpickler(fh, self.small_values).load()
        except FileNotFoundError:
            return None
        except Exception as error:  # corrupt, truncated, unreadable, or from other code: a miss
            logger.debug("briefing cache: ignoring %s (%s: %s)", path, type(error).__name__, error)
            return None
        if not isinstance(value, kind):
            return None
        self.used.add(key)
        return value

    def lend(self, keys: Iterable[str]) -> str:
        """This cache's folder, for another process to load ``keys`` from: they count as used here."""
        self.used.update(keys)
        return str(self.folder)

    def has(self, key: str) -> bool:
        """Whether there is an entry under ``key`` (which ``load`` may yet find unreadable)."""
        return (self.folder / key).is_file()

    def store(self, key: str, value: Any) -> None:
        """Write ``value`` under ``key``; a cache that cannot be written is only slower."""
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as fh:
                    fh.write(FORMAT)
                    pickle.dump(value, fh, protocol=PROTOCOL)
                os.replace(temp, self.folder / key)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as error:
            logger.warning("briefing: cannot write the cache in %s (%s); builds will be slower",
                           self.folder, error.strerror or error)

    def sweep(self) -> None:
        """Remove the entries (and leftover temporary files) not used since this object was made."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.is_file() and path.name not in self.used:
                path.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# parsing many sources: cache first, then the misses on every core
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ParseJob:
    """One source to parse, with what ``read_source`` is given."""

    path: str
    source_id: str
    outlet: str | None = None
    reference_date: str | None = None


@dataclass(frozen=True)
class Outcome:
    """A parse's result as it crosses processes: the source, or why there is none.

    ``error`` is a ``SourceError``'s (path, message, line) (the exception
    itself does not survive pickling); ``crash`` describes a parser bug.
    """

    parsed: ParsedSource | None = None
    error: tuple[str, str, int | None] | None = None
    crash: str | None = None


class ParseCrash(Exception):
    """A parser bug met in a worker; ``described`` is ``Type: message`` of the original."""

    def __init__(self, described: str):
        super().__init__(described)
        self.described = described


def parse_job(job: ParseJob, data: bytes) -> Outcome:
    """Parse one source's bytes; never raises (runs in pool workers too)."""
    try:
        parsed = parse_bytes(data, path=job.path, source_id=job.source_id,
                             outlet=job.outlet, reference_date=job.reference_date)
    except SourceError as error:
        return Outcome(error=(str(error.path), error.message, error.line))
    except Exception as error:  # a parser bug: reported on its source, the rest goes on
        return Outcome(crash=f"{type(error).__name__}: {error}")
    return Outcome(parsed=parsed)


def _parse_in_worker(item: tuple[ParseJob, bytes]) -> Outcome:
    return parse_job(*item)


def pool_size(workers: int) -> int:
    """``workers``, or with 0 the number of cores this process may use."""
    if workers > 0:
        return workers
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class PreparsedReader:
    """The ``read`` stage of ``pipeline.build_from_files`` from results parsed beforehand.

    Raises what ``read_source`` would have raised; a job it was not given is
    read directly. ``key_of`` gives the cache key of a source it returned.
    """

    def __init__(self, outcomes: dict[tuple[str, str], Outcome], keys: dict[tuple[str, str], str]):
        self.outcomes = outcomes
        self.keys = keys

    def __call__(self, path, *, outlet=None, reference_date=None, source_id=None) -> ParsedSource:
        outcome = self.outcomes.get((str(path), source_id))
        if outcome is None:
            return read_source(path, outlet=outlet, reference_date=reference_date, source_id=source_id)
        if outcome.error is not None:
            raise SourceError(*outcome.error)
        if outcome.crash is not None:
            raise ParseCrash(outcome.crash)
        return outcome.parsed

    def key_of(self, source: ParsedSource) -> str | None:
        return self.keys.get((source.path, source.id))


def parse_all(jobs: Sequence[ParseJob], cache: ResultCache | None = None, workers: int = 0) -> PreparsedReader:
    """Parse every job: from the cache where it hits, the rest in a pool when there are enough.

    A file that cannot be read is left to ``read_source`` (which says why).
    """
    found = look_up(jobs, cache)
    misses = [(job, found.data[job.path, job.source_id]) for job in found.misses]
    for (job, _), outcome in zip(misses, in_order(_parse_in_worker, misses, pooled(workers, len(misses)))):
        found.outcomes[(job.path, job.source_id)] = outcome
        if cache and outcome.parsed is not None:
            cache.store(found.keys[(job.path, job.source_id)], outcome.parsed)
    return PreparsedReader(found.outcomes, found.keys)


@dataclass
class Lookup:
    """What the cache had of some jobs: ``outcomes`` of the hits, and the ``misses`` (with their bytes)."""

    outcomes: dict[tuple[str, str], Outcome]
    keys: dict[tuple[str, str], str]
    data: dict[tuple[str, str], bytes]
    misses: list[ParseJob]


def look_up(jobs: Sequence[ParseJob], cache: ResultCache | None) -> Lookup:
    """Every job's key, and its parse from the cache when it is there. An unreadable file is neither."""
    keys, data = read_keys(jobs)
    outcomes = load_cached(keys, cache)
    misses = [job for job in jobs if (job.path, job.source_id) in keys and (job.path, job.source_id) not in outcomes]
    return Lookup(outcomes, keys, {where: data[where] for where in keys if where not in outcomes}, misses)


def read_keys(jobs: Sequence[ParseJob]) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], bytes]]:
    """The key and the bytes of every job whose file can be read, by (path, source id)."""
    keys: dict[tuple[str, str], str] = {}
    data: dict[tuple[str, str], bytes] = {}
    for job in jobs:
        try:
            content = Path(job.path).read_bytes()
        except OSError:
            continue
        where = (job.path, job.source_id)
        data[where] = content
        keys[where] = source_key(content, path=job.path, source_id=job.source_id,
                                 outlet=job.outlet, reference_date=job.reference_date)
    return keys, data


def load_cached(keys: dict[tuple[str, str], str], cache: ResultCache | None) -> dict[tuple[str, str], Outcome]:
    """The parses ``cache`` has under ``keys`` (from ``read_keys``), by (path, source id): loaded by
    key, so a caller that has the keys does not read and hash the files again."""
    outcomes: dict[tuple[str, str], Outcome] = {}
    for where, key in keys.items():
        parsed = cache.load(key, ParsedSource) if cache else None
        if parsed is not None:
            outcomes[where] = Outcome(parsed=parsed)
    return outcomes


def pooled(workers: int, work: int) -> int:
    """How many processes ``work`` sources to parse get: 1 (this one) unless a pool pays for itself."""
    size = pool_size(workers)
    return size if size >= 2 and work >= MIN_POOL_JOBS else 1


def in_order(function, items: Sequence, processes: int) -> Iterator:
    """``function`` of each item, in the order of ``items``, each as soon as it (and those before it) is ready.

    With ``processes`` > 1 in a ``spawn`` pool (``function`` must be importable
    there) that starts on every item at once, before the first is asked for;
    else here, one item per step.
    """
    if processes < 2 or len(items) < 2:
        return map(function, items)
    chunk = max(1, len(items) // (processes * 4))  # small enough to even out, big enough to cut overhead
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(processes, len(items)), mp_context=context)
    return _shut_down_after(pool, pool.map(function, items, chunksize=chunk))


def _shut_down_after(pool: ProcessPoolExecutor, results: Iterator) -> Iterator:
    with pool:
        yield from results


class MemoryCache:
    """A ``ResultCache`` in memory: what a pool worker is given, and what it would have stored.

    The worker computes exactly what this process would, through the same
    code; this process stores ``written`` in the real cache.
    """

    def __init__(self, values: dict[str, Any] | None = None, stored: ResultCache | None = None):
        self.values = dict(values or {})
        self.stored = stored  # read (never written) for what ``values`` lacks
        self.written: dict[str, Any] = {}

    def load(self, key: str, kind: type) -> Any | None:
        value = self.values.get(key)
        if value is None and self.stored is not None:
            value = self.stored.load(key, kind)
        return value if isinstance(value, kind) else None

    def store(self, key: str, value: Any) -> None:
        self.values[key] = value
        self.written[key] = value


class CachedAssembler:
    """The ``assemble`` stage of ``pipeline.build_from_files``, remembered per brief.

    Only briefs whose every source has a known key (from ``reader``) are cached.
    """

    def __init__(self, assemble, cache: ResultCache, reader: PreparsedReader):
        self.assemble = assemble
        self.cache = cache
        self.reader = reader
        self.key: str | None = None  # the key of the last brief asked for, if it had one

    def __call__(self, meta, sources, *, registry=None, max_key_points=8) -> Brief:
        source_keys = [self.reader.key_of(s) for s in sources]
        self.key = None
        if None in source_keys:
            return self.assemble(meta, sources, registry=registry, max_key_points=max_key_points)
        key = self.key = brief_key(source_keys, meta, registry, max_key_points)
        brief = self.cache.load(key, Brief)
        if brief is None:
            brief = self.assemble(meta, sources, registry=registry, max_key_points=max_key_points)
            self.cache.store(key, brief)
        return brief


# --------------------------------------------------------------------------
# parsed sources let go of once the briefs are built
# --------------------------------------------------------------------------


class SourceShelf:
    """Parsed sources a build let go of, had again one at a time when a page needs one.

    Once the briefs are assembled only a source's own page needs its parse
    (its text, paragraphs, header), and holding every parse of the site until
    the last page is written was most of a build's memory. A shelved source
    is loaded from the cache under the key it was stored under; a missing or
    unreadable entry is parsed again from its file, which must still have the
    bytes of that key, or the page would not show what its brief was made of.
    """

    def __init__(self, cache: ResultCache):
        self.cache = cache
        self.shelved: dict[tuple[str, str], tuple[ParseJob, str]] = {}
        # the last source given: a page asks for it more than once (header, then text)
        self._last: tuple[tuple[str, str], ParsedSource] | None = None

    def shelve(self, brief: str, job: ParseJob, key: str) -> None:
        self.shelved[brief, job.source_id] = (job, key)

    def get(self, brief: str, source_id: str) -> ParsedSource | None:
        """Source ``source_id`` of brief ``brief`` as the build parsed it, or None if it was not shelved."""
        found = self.shelved.get((brief, source_id))
        if found is None:
            return None
        if self._last is not None and self._last[0] == (brief, source_id):
            return self._last[1]
        job, key = found
        parsed = self.cache.load(key, ParsedSource)
        if parsed is None:
            parsed = parse_again(job, key, self.cache)
        self._last = ((brief, source_id), parsed)
        return parsed


def parse_again(job: ParseJob, key: str, cache: ResultCache) -> ParsedSource:
    """``job`` parsed again from its file, which must still be what ``key`` was made of; stored again."""
    try:
        data = Path(job.path).read_bytes()
    except OSError as error:
        raise SourceError(job.path, f"could not be read again to write its page ({error.strerror or error}); "
                          "build the site again") from None
    if source_key(data, path=job.path, source_id=job.source_id, outlet=job.outlet,
                  reference_date=job.reference_date) != key:
        raise SourceError(job.path, "changed while the site was being built; build the site again")
    outcome = parse_job(job, data)
    if outcome.parsed is None:  # it parsed a moment ago, from these very bytes
        raise SourceError(job.path, f"could not be parsed again ({outcome.crash or outcome.error}); "
                          "build the site again")
    cache.store(key, outcome.parsed)
    return outcome.parsed
