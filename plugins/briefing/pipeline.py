"""One brief from its folder: read every source, assemble, collect problems.

This is the part of the pipeline that both the Pelican glue (``generator.py``)
and command-line tools run, so it knows nothing of Pelican. It never raises
for bad input: every ``SourceError`` (a missing sources folder, an empty or
non-UTF-8 file, a bad header line…) becomes a ``Problem`` in the result, so
one bad source never takes the other sources, or other briefs, down. Whether
problems fail the build is the caller's decision (``BRIEFING_STRICT``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from .briefmeta import BRIEF_FILE
from .model import (
    Background,
    Brief,
    BriefMeta,
    ParsedSource,
    Registry,
    SourceError,
)
from .parsecache import (
    CachedAssembler,
    MemoryCache,
    ParseJob,
    PreparsedReader,
    ResultCache,
    SourceShelf,
    brief_key,
    dumps,
    in_order,
    kept_key,
    load_cached,
    loads,
    parse_all,
    pooled,
    read_keys,
    result_key,
)
from .registry import load_registry
from .settings import with_defaults
from .sharing import SmallValues
from .slug import slugify, source_id_for, unique_slug
from .stages import assemble_brief, read_source

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file, told so that an editor can fix it."""

    path: str
    message: str
    line: int | None = None

    @classmethod
    def from_error(cls, error: SourceError) -> "Problem":
        return cls(path=str(error.path), message=error.message, line=error.line)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class BriefResult:
    """What came out of one brief folder."""

    meta: BriefMeta
    brief: Brief  # always there; without usable sources it has no items
    sources: tuple[ParsedSource, ...]  # the sources that could be read, by id
    problems: tuple[Problem, ...]
    #: a digest of everything above when the cache knows what made it (the keys of
    #: its parses and assembly, its metadata and problems), else None; the render
    #: cache's dependency map uses it instead of hashing the whole result again
    fingerprint: str | None = field(default=None, compare=False, repr=False)
    #: (source id, cache key) of each source when there is a fingerprint: where a
    #: source let go of (``shelve_sources``) can be had again
    source_keys: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def source(self, source_id: str) -> ParsedSource | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def source_count(self) -> int:
        """How many of its sources could be read: its parses, or their keys once shelved."""
        return len(self.sources) or len(self.source_keys)


# --------------------------------------------------------------------------
# finding briefs and their sources
# --------------------------------------------------------------------------


def find_brief_folders(
    briefs_root: str | Path, settings: Mapping[str, Any] | None = None
) -> tuple[list[Path], list[Problem]]:
    """The brief folders under ``briefs_root`` (sorted), and folders that are not briefs.

    A folder with sources but no brief.md is a problem: its sources would
    silently never be published.
    """
    conf = with_defaults(settings or {})
    root = Path(briefs_root)
    folders: list[Path] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return folders, problems
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if (folder / BRIEF_FILE).is_file():
            folders.append(folder)
        elif (folder / conf["BRIEFING_SOURCES_DIR"]).is_dir():
            problems.append(
                Problem(
                    str(folder),
                    f"has a {conf['BRIEFING_SOURCES_DIR']}/ folder but no {BRIEF_FILE}; "
                    f"add a {BRIEF_FILE} with Title: and Date: lines to publish it",
                )
            )
    return folders, problems


def source_files(folder: str | Path, settings: Mapping[str, Any] | None = None) -> list[Path]:
    """The source files of a brief folder, sorted by name (hidden files skipped)."""
    conf = with_defaults(settings or {})
    sources = Path(folder) / conf["BRIEFING_SOURCES_DIR"]
    if not sources.is_dir():
        return []
    extensions = tuple(conf["BRIEFING_SOURCE_EXTENSIONS"])
    return sorted(
        p
        for p in sources.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.name.endswith(extensions)
    )


def load_registry_file(path: str | Path) -> tuple[Registry | None, list[Problem]]:
    """The editorial registry if the file exists; a problem if it cannot be read."""
    if not Path(path).is_file():
        return None, []
    try:
        return load_registry(str(path)), []
    except SourceError as error:
        return None, [Problem.from_error(error)]


# --------------------------------------------------------------------------
# building a brief
# --------------------------------------------------------------------------

Reader = Callable[..., ParsedSource]
Assembler = Callable[..., Brief]


def build_brief(
    folder: str | Path,
    meta: BriefMeta,
    settings: Mapping[str, Any] | None = None,
    *,
    registry: Registry | None = None,
    outlet: str | None = None,
    read: Reader = read_source,
    assemble: Assembler = assemble_brief,
) -> BriefResult:
    """Read and assemble the brief in ``folder`` (which holds brief.md and sources/)."""
    conf = with_defaults(settings or {})
    folder = Path(folder)
    sources_dir = folder / conf["BRIEFING_SOURCES_DIR"]
    paths = source_files(folder, conf)
    problems: list[Problem] = []
    if not sources_dir.is_dir():
        problems.append(
            Problem(
                str(folder),
                f"has no {conf['BRIEFING_SOURCES_DIR']}/ folder; put the brief's articles "
                f"in {sources_dir}",
            )
        )
    elif not paths:
        endings = ", ".join(f"*{e}" for e in conf["BRIEFING_SOURCE_EXTENSIONS"])
        problems.append(
            Problem(str(sources_dir), f"has no source files ({endings}); add the brief's articles")
        )
    result = build_from_files(
        paths,
        meta,
        registry=registry,
        outlet=outlet,
        max_key_points=conf["BRIEFING_MAX_KEY_POINTS"],
        read=read,
        assemble=assemble,
    )
    if problems:
        result = BriefResult(result.meta, result.brief, result.sources, tuple(problems) + result.problems)
    return result


def source_ids(paths: Sequence[str | Path]) -> list[str]:
    """The id of each source of one brief: its file name's slug, made unique in order."""
    taken: set[str] = set()
    return [unique_slug(source_id_for(path), taken) for path in paths]


def parse_jobs(
    folder: str | Path,
    meta: BriefMeta,
    settings: Mapping[str, Any] | None = None,
    *,
    outlet: str | None = None,
) -> list[ParseJob]:
    """What ``build_brief`` will ask its ``read`` stage for, so that it can be parsed beforehand
    (``parsecache.parse_all``: from the cache, on every core)."""
    paths = source_files(folder, settings)
    return [
        ParseJob(path=str(path), source_id=source_id, outlet=outlet, reference_date=meta.date)
        for path, source_id in zip(paths, source_ids(paths))
    ]


def build_from_files(
    paths: Sequence[str | Path],
    meta: BriefMeta | None,
    *,
    registry: Registry | None = None,
    outlet: str | None = None,
    max_key_points: int = 8,
    read: Reader = read_source,
    assemble: Assembler = assemble_brief,
) -> BriefResult:
    """Read ``paths`` as the sources of one brief and assemble it.

    Without ``meta`` (loose files, no brief.md) the brief takes its title
    from the first source and its date from the earliest a header states.
    ``read`` and ``assemble`` are the real stages; tests of the error paths
    pass ones that fail.
    """
    reference_date = meta.date if meta else None
    problems: list[Problem] = []
    sources: list[ParsedSource] = []
    for path, source_id in zip(paths, source_ids(paths)):
        try:
            parsed = read(path, outlet=outlet, reference_date=reference_date, source_id=source_id)
        except SourceError as error:
            problems.append(Problem.from_error(error))
            continue
        except Exception as error:  # a parser bug must not take the site down
            logger.debug("parsing %s failed", path, exc_info=True)
            described = getattr(error, "described", None) or f"{type(error).__name__}: {error}"
            problems.append(Problem(str(path), f"could not be parsed ({described})"))
            continue
        if not parsed.paragraphs:
            problems.append(
                Problem(str(path), "has no article text (no paragraphs after the header); "
                        "add the article or remove the file")
            )
            continue
        sources.append(parsed)
    meta = meta or meta_from_sources(paths, sources)  # before sorting: the first file given
    sources.sort(key=lambda s: s.id)

    brief = empty_brief(meta)
    if sources:
        try:
            brief = assemble(meta, sources, registry=registry, max_key_points=max_key_points)
        except SourceError as error:
            problems.append(Problem.from_error(error))
        except Exception as error:  # an assembler bug: report it on the brief, build the rest
            logger.debug("assembling %s failed", meta.slug, exc_info=True)
            where = str(Path(paths[0]).parent.parent / BRIEF_FILE) if paths else meta.slug
            problems.append(
                Problem(where, f"could not be assembled ({type(error).__name__}: {error})")
            )
    return BriefResult(meta=meta, brief=brief, sources=tuple(sources), problems=tuple(problems))


# --------------------------------------------------------------------------
# building every brief of a site: from the cache, the rest on every core
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BriefSpec:
    """One brief to build: what ``build_brief`` is given (all of it picklable, for a pool worker)."""

    folder: str
    meta: BriefMeta
    settings: Mapping[str, Any]  # the BRIEFING_* settings only: Pelican's may hold functions
    registry: Registry | None = None

    def jobs(self) -> list[ParseJob]:
        return parse_jobs(self.folder, self.meta, self.settings)


@dataclass(frozen=True)
class BriefJob:
    """A brief with a source the cache does not have, and the parses the cache had, by key; or one
    whose parses are all in the cache folder ``stored_in`` but not its assembly."""

    spec: BriefSpec
    cached: dict[str, ParsedSource]
    stored_in: str | None = None  # loaded by the worker: they do not cross processes twice
    # the cache folder the worker stores what it parsed and assembled in, sending back the
    # result without its parses (``lean_result``): they crossed processes only to be stored
    # and let go of, and unpickling and storing them here took ~23 CPU s of a cold build at 5,000
    store_to: str | None = None


@dataclass(frozen=True)
class BuiltBrief:
    """A ``BriefJob``'s result, and what it parsed and assembled for the cache to keep, by key;
    ``keys``: the key of each source as the worker read it (``read_keys``)."""

    #: the ``BriefResult``, pickled (``parsecache.dumps``): the build loads it with its small
    #: values shared with every other brief's (``parsecache.loads``), as it loads the cache's
    result: bytes
    written: dict[str, Any]
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    stored: tuple[str, ...] = ()  # the keys the worker stored itself (``BriefJob.store_to``)


def build_briefs(
    specs: Sequence[BriefSpec],
    cache: ResultCache | None = None,
    workers: int = 0,
    on_built: Callable[[BriefResult], None] | None = None,
    shelf: SourceShelf | None = None,
) -> list[BriefResult]:
    """Every brief's result, in the order of ``specs``, the same as ``build_brief`` gives each.

    A brief whose sources and assembly are all in the cache is built here. One
    with a source to parse is parsed and assembled in one job, and so is one
    whose assembly alone is missing (a change to the assembly code, brief.md or
    the registry), in a pool when there are enough sources to parse and briefs
    to assemble (``parsecache.pooled``): parsed sources cross processes once,
    on their way back (a worker loads the cached ones itself). ``on_built`` is
    told of each brief as it is ready (not in order): the build's progress.

    With a ``shelf`` (and a cache) each result's parses go to it (``shelve_sources``:
    the result keeps its brief but not its parses), so that the parses of
    every brief are never all in memory at once; a job stores what it parsed
    and assembled itself and sends back the result without its parses
    (``lean_result``); and what is kept is stored (``kept_key``), so that the
    next build takes a brief nothing changed in without loading its parses.
    ``on_built`` then gets a result without sources: the shelf has them.
    """
    results: list[BriefResult | None] = [None] * len(specs)
    jobs: list[tuple[int, BriefJob]] = []
    in_cache: list[int] = []
    jobs_of: list[list[ParseJob]] = []
    keys_of: list[dict[tuple[str, str], str]] = []  # by spec: the key of each source that could be read
    misses = assemblies = 0
    for index, spec in enumerate(specs):
        spec_jobs = spec.jobs()
        keys, _ = read_keys(spec_jobs)  # each source file read and hashed once a build
        keys_of.append(keys)
        jobs_of.append(spec_jobs)
        if cache and all_stored(spec_jobs, keys, cache):
            # (a kept result, when its assembly is under another key: it left out a source with no text)
            if cache.has(assembly_key(spec, keys)) or (shelf and cache.has(kept_result_key(spec, keys))):
                in_cache.append(index)  # loaded when built: not every brief's parses at once
            else:  # the assembly code, brief.md or registry changed: assembled on every core
                jobs.append((index, BriefJob(spec, {}, stored_in=cache.lend(keys.values()))))
                assemblies += 1
            continue
        hits = load_cached(keys, cache)
        store_to = str(cache.folder) if cache and shelf else None
        jobs.append((index, BriefJob(spec, {keys[where]: outcome.parsed for where, outcome in hits.items()},
                                     store_to=store_to)))
        misses += len(keys) - len(hits)
    pool = pooled(workers, misses + assemblies)
    built = in_order(build_job, [job for _, job in jobs], pool)  # a pool starts now
    shelving = Shelving(cache, shelf) if cache and shelf else None
    small_values = cache.small_values if cache else SmallValues()
    for index in in_cache:  # meanwhile, the briefs the cache has
        spec, keys = specs[index], keys_of[index]
        kept = shelving.take(spec, keys) if shelving else None
        if kept is not None:  # nothing it is made of changed: its parses are not even loaded
            _tell(on_built, kept)
            results[index] = kept
            continue
        # by the keys found above; an entry gone since is read by build_brief itself
        loaded = load_cached(keys, cache)
        result = _build_read(spec, PreparsedReader(loaded, keys), cache)
        _tell(on_built, result)
        whole = len(loaded) == len(keys)  # else a source was read from its file, maybe other bytes
        results[index] = shelving.put(spec, keys, result, storable=whole) if shelving else result
    for (index, _), done in zip(jobs, built):
        if cache:
            for key, value in done.written.items():
                cache.store(key, value)
            cache.lend(done.stored)
        result = loads(done.result, small_values)
        if shelving and not result.sources:  # a lean result: its parses are in the cache
            shelving.shelve_by_keys(result, done.keys)
        _tell(on_built, result)
        # stored only if made of every source, and the worker read the very bytes the key is made of
        storable = done.keys == keys_of[index] and len(done.keys) == len(jobs_of[index])
        results[index] = shelving.put(specs[index], done.keys, result, storable) if shelving else result
    return results


class Shelving:
    """Results let go of their parses (``shelve_sources``), and what is kept of them stored and
    taken again whole, by a key of everything it is made of (``kept_key``)."""

    def __init__(self, cache: ResultCache, shelf: SourceShelf):
        self.cache = cache
        self.shelf = shelf

    def put(self, spec: BriefSpec, keys: dict[tuple[str, str], str], result: BriefResult,
            storable: bool) -> BriefResult:
        """``result`` shelved; stored when ``storable`` (made of the very bytes of ``keys``)."""
        kept = shelve_sources(result, self.shelf)
        if storable and kept is not result and _made_of(kept, keys):
            self.cache.store(kept_result_key(spec, keys), kept)
        return kept

    def shelve_by_keys(self, kept: BriefResult, keys: dict[tuple[str, str], str]) -> None:
        """Tell the shelf where each parse of ``kept`` (a result without them) is: under its key
        in ``kept``, from the file ``keys`` names for that source."""
        by_id = dict(kept.source_keys)
        for path, source_id in keys:
            if source_id in by_id:
                job = ParseJob(path=path, source_id=source_id, reference_date=kept.meta.date)
                self.shelf.shelve(kept.meta.slug, job, by_id[source_id])

    def take(self, spec: BriefSpec, keys: dict[tuple[str, str], str]) -> BriefResult | None:
        """The stored kept result of ``spec``, its parses shelved by key (not loaded); None if
        there is none that can be used (missing, corrupt, or not what these keys make)."""
        kept = self.cache.load(kept_result_key(spec, keys), BriefResult)
        if kept is None or kept.sources or kept.fingerprint is None or not _made_of(kept, keys):
            return None
        self.shelve_by_keys(kept, keys)
        # what it was made of is needed still: the shelf loads the parses for their pages, an
        # edit to one source parses that source only, and the assembly is had if this entry goes
        self.cache.lend([*keys.values(), _assembled_key(spec, [key for _, key in kept.source_keys])])
        return kept


def _made_of(kept: BriefResult, keys: dict[tuple[str, str], str]) -> bool:
    """Whether each shelved source of ``kept`` is one of ``keys``, under its key there (so the shelf
    can have it again from its file)."""
    by_id = {source_id: key for (_, source_id), key in keys.items()}
    return all(by_id.get(source_id) == key for source_id, key in kept.source_keys)


def kept_result_key(spec: BriefSpec, keys: dict[tuple[str, str], str]) -> str:
    """The key of what is kept of the result of ``spec`` made of the sources in ``keys``."""
    settings = sorted(with_defaults(spec.settings).items())
    return kept_key(assembly_key(spec, keys), spec.folder, repr(settings),
                    [f"{path}\n{source_id}\n{key}" for (path, source_id), key in keys.items()])


def all_stored(jobs: Sequence[ParseJob], keys: dict[tuple[str, str], str], cache: ResultCache) -> bool:
    """Whether every job has a key (``read_keys``) and the cache an entry under it (without loading them)."""
    return len(keys) == len(jobs) and all(cache.has(key) for key in keys.values())


def assembly_key(spec: BriefSpec, keys: dict[tuple[str, str], str]) -> str:
    """The key ``CachedAssembler`` will give the brief of ``spec`` if every source in ``keys`` is in it."""
    by_id = [key for (_, source_id), key in sorted(keys.items(), key=lambda item: item[0][1])]
    return _assembled_key(spec, by_id)


def _assembled_key(spec: BriefSpec, source_keys_by_id: Sequence[str]) -> str:
    """The key of the brief of ``spec`` assembled from the sources of these keys (in the order of their ids)."""
    return brief_key(source_keys_by_id, spec.meta, spec.registry,
                     with_defaults(spec.settings)["BRIEFING_MAX_KEY_POINTS"])


def shelve_sources(result: BriefResult, shelf: SourceShelf) -> BriefResult:
    """``result`` without its parsed sources, which ``shelf`` gives back one at a time
    (only a ``_shelvable`` one: the others are kept whole)."""
    if not _shelvable(result):
        return result
    keys = dict(result.source_keys)
    for source in result.sources:
        job = ParseJob(path=source.path, source_id=source.id, reference_date=result.meta.date)
        shelf.shelve(result.meta.slug, job, keys[source.id])
    return replace(result, sources=())


def build_job(job: BriefJob) -> BuiltBrief:
    """Parse and assemble one brief, through the same code as a brief the cache has (runs in pool workers)."""
    memory = MemoryCache(job.cached, ResultCache(job.stored_in) if job.stored_in else None)
    reader = parse_all(job.spec.jobs(), memory, workers=1)
    result = _build_read(job.spec, reader, memory)
    if job.store_to is None:
        return BuiltBrief(dumps(result), memory.written, reader.keys)
    store = ResultCache(job.store_to)
    for key, value in memory.written.items():
        store.store(key, value)
    return BuiltBrief(dumps(lean_result(result)), {}, reader.keys, stored=tuple(memory.written))


def lean_result(result: BriefResult) -> BriefResult:
    """``result`` without its parsed sources when a shelf could have each again by its key
    (``shelve_sources``), else ``result`` itself."""
    return replace(result, sources=()) if result.sources and _shelvable(result) else result


def _shelvable(result: BriefResult) -> bool:
    """Whether every parse of ``result`` is known by a key (and the result by its fingerprint: the
    render cache takes its digest from that, not from the sources; ``incremental.PageData``)."""
    keys = dict(result.source_keys)
    return result.fingerprint is not None and all(source.id in keys for source in result.sources)


def _build_read(spec: BriefSpec, reader: PreparsedReader, cache) -> BriefResult:
    """``build_brief`` from sources read beforehand, its assembly through ``cache`` (if any)."""
    if not cache:
        return build_brief(spec.folder, spec.meta, spec.settings, registry=spec.registry,
                           read=reader, assemble=assemble_brief)
    assemble = CachedAssembler(assemble_brief, cache, reader)
    result = build_brief(spec.folder, spec.meta, spec.settings, registry=spec.registry,
                         read=reader, assemble=assemble)
    made_of = [reader.key_of(source) for source in result.sources]
    if assemble.key is None or None in made_of:
        return result
    return replace(result, fingerprint=result_key(assemble.key, made_of, repr(result.meta), repr(result.problems)),
                   source_keys=tuple((source.id, key) for source, key in zip(result.sources, made_of)))


def _tell(on_built, result: BriefResult) -> None:
    if on_built is not None:
        on_built(result)


def meta_from_sources(paths: Sequence[str | Path], sources: Sequence[ParsedSource]) -> BriefMeta:
    """A brief's metadata when there is no brief.md: only what the sources state.

    The title is the first source's (in the order given), the date the
    earliest one a header states, or unknown.
    """
    title = next((s.title for s in sources if s.title), None)
    if title is None:
        title = Path(paths[0]).stem if paths else "Untitled brief"
    dates = sorted(s.date for s in sources if s.date)
    return BriefMeta(slug=slugify(title, fallback="brief"), title=title, date=dates[0] if dates else None)


def empty_brief(meta: BriefMeta) -> Brief:
    """The brief of a folder with no usable source: its metadata and nothing else."""
    return Brief(
        slug=meta.slug,
        title=meta.title,
        date=meta.date,
        url=meta.url,
        summary=meta.summary,
        key_points=(),
        quotes=(),
        background=Background(topic=meta.background_topic),
        timeline=(),
        entities=(),
        sources=(),
        summary_editorial=meta.summary is not None,
    )
