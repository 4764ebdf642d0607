"""Do not render, index or check again what did not change since the last build.

``invoke build`` builds into a fresh temporary folder, and a development
build (``invoke livereload``) into the folder as the last build left it, so
skipping a write because the file already holds the same bytes helps only
the second; for both, the bytes of each rendered page are kept in a **render cache**
(``<CACHE_PATH>/briefing/render/``) under the page's fingerprint, and a page
whose fingerprint is found is copied from there instead of rendered.

Correctness first. A page's fingerprint (``RenderCache.page_key``) is made
of two parts:

- the build's **input digest** (``input_digest``), shared by every page: the
  bytes of every file under the content folder but the briefs' sources
  (brief.md, pages, the registry: Pelican hands every template the lists of
  articles and pages), the theme, this plugin's code and every folder of
  PLUGIN_PATHS, every plain setting (not the paths of this run's output and
  cache), and the versions of the libraries that render (Pelican, Jinja,
  Markdown, MarkupSafe, Beautiful Soup);
- the digest of **what the page shows** (``PageData``, the dependency map):
  for a brief's page and its source pages, that brief's parse and assembly
  and the site entries it links to; for an entity's or outlet's page, its
  entry and the briefs it names; for any other page, the whole site;

plus the page's output name, template and URL. A cached page is what
rendering would give, and an edited source re-renders only its brief's
pages, the entity and outlet pages that show it, and the site-wide pages
(index, timeline, search, pages). A brief.md, a page, a template, a setting
or the plugin changing re-renders everything. The timeline, which shows every
brief's events, is re-rendered from per-brief pieces kept in
``<CACHE_PATH>/briefing/pieces/`` (``pieces_by_group``): only the edited
brief's rows are rendered again.

Two whole-site steps are cached too: the Pagefind index, a bundle per shard
keyed by the digests of the pages in it (``briefing.search``), and the link
check, keyed by the digest of the finished site (``tree_digest``;
``briefing.commands.build``).

Where the cached bytes equal the file already in the output folder (an
in-place build without DELETE_OUTPUT_DIRECTORY), the file is not rewritten.

Nothing here imports Pelican; ``writer.CachingWriter`` is the hook.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from array import array
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .settings import with_defaults
from .views import related_briefs

#: bump when the meaning of a cache entry changes
CACHE_VERSION = "1"
CACHE_DIR = "briefing"
#: libraries whose version changes what a page renders to
RENDERING_LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe", "beautifulsoup4")
#: settings that say where this run reads and writes, not what it renders
#: (PATH is covered by the content's bytes, THEME by the theme's)
RUN_PATHS = ("PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME", "PLUGIN_PATHS")
PLUGIN_DIR = Path(__file__).resolve().parent


# ==========================================================================
# digests
# ==========================================================================


def files_digest(root: Path, skip: Iterable[str] = (), skip_prefixes: Iterable[str] = (), suffix: str = "") -> str:
    """sha256 over the relative path and bytes of every file under ``root``, sorted by path.

    Left out: top-level entries named in ``skip``, folders named in
    ``skip_prefixes`` (relative paths), ``__pycache__``, and names not
    ending in ``suffix``.
    """
    root = Path(root)
    skipped = frozenset(skip)
    prefixes = tuple(p.rstrip("/") + "/" for p in skip_prefixes)
    digest = hashlib.sha256()
    # in the order of their path parts, as sorting Path objects gave: the digests stay the same
    for name in sorted(_kept_files(root, skipped, prefixes), key=lambda name: name.split("/")):
        if "__pycache__" in name or not name.endswith(suffix):
            continue
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((root / name).read_bytes()).digest())
    return digest.hexdigest()


def _kept_files(root: Path, skipped: frozenset[str], prefixes: tuple[str, ...]) -> Iterator[str]:
    """The files under ``root`` (relative names, with "/") but those in a top-level entry named in
    ``skipped`` or under one of ``prefixes``. A skipped folder is not even listed: the content's
    digest skips every brief's sources, 5,000 files at 5,000 sources (listing them: 0.14 CPU s)."""
    for folder, folders, files in os.walk(root):
        base = folder_prefix(folder, root)
        folders[:] = [f for f in folders if not _skipped(base + f, skipped, prefixes, folder=True)]
        for file in files:
            name = base + file
            if not _skipped(name, skipped, prefixes) and os.path.isfile(os.path.join(folder, file)):
                yield name


def folder_prefix(folder: str, root: Path) -> str:
    """What the names of the files in ``folder`` start with relative to ``root``: "" or "a/b/"."""
    relative = os.path.relpath(folder, root).replace(os.sep, "/")
    return "" if relative == "." else relative + "/"


def _skipped(name: str, skipped: frozenset[str], prefixes: tuple[str, ...], folder: bool = False) -> bool:
    return (name.split("/")[0] in skipped or (name + "/" if folder else name).startswith(prefixes)
            or (folder and name.rsplit("/", 1)[-1] == "__pycache__"))


def settings_digest(settings: Mapping[str, Any]) -> str:
    """sha256 of every setting whose value is plain data (JSON), the run's paths left out.

    Settings holding code or objects (LOG_FILTER's levels are ints and
    strings, so it counts; a function would not) cannot change a page's bytes
    except through what they compute from plain settings.
    """
    plain = {}
    for name in sorted(settings):
        if not name.isupper() or name in RUN_PATHS:
            continue
        try:
            plain[name] = json.loads(json.dumps(settings[name], sort_keys=True))
        except (TypeError, ValueError):
            continue
    return sha(json.dumps(plain, sort_keys=True))


def library_versions(names: Iterable[str] = RENDERING_LIBRARIES) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}: missing")
    return ";".join(found)


def furniture_digest(settings: Mapping[str, Any]) -> str:
    """The content every page may show: all of it but the briefs' sources (brief.md, pages, registry).

    Pelican gives every template the list of articles and pages (the menu,
    the methodology link), so a brief.md or a page changing re-renders all.
    The sources reach pages only through the briefs they make (``PageData``).
    """
    conf = with_defaults(settings)
    content = Path(settings["PATH"])
    sources = [
        folder.relative_to(content).as_posix()
        for folder in sorted((content / conf["BRIEFING_BRIEFS_DIR"]).glob(f"*/{conf['BRIEFING_SOURCES_DIR']}"))
    ]
    return files_digest(content, skip_prefixes=sources)


def input_digest(settings: Mapping[str, Any]) -> str:
    """What every page is made from: the content but sources, theme, plugin code, settings, libraries."""
    parts = [
        CACHE_VERSION,
        furniture_digest(settings),
        files_digest(Path(settings["THEME"])),
        files_digest(PLUGIN_DIR),
        *(files_digest(Path(folder)) for folder in settings.get("PLUGIN_PATHS") or ()),
        settings_digest(settings),
        library_versions(),
    ]
    return sha("\n".join(parts))


def tree_digest(root: Path, skip: Iterable[str] = (), suffix: str = "") -> str:
    """Digest of a finished site folder (every file's path and bytes, or those ending in ``suffix``)."""
    return files_digest(root, skip, suffix=suffix)


def sha(text: str) -> str:
    """Hex sha256 of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_root(settings: Mapping[str, Any]) -> Path | None:
    """The plugin's cache folder (``BRIEFING_CACHE_PATH``), or None when caching is off.

    The one place every cache (parse and assembly, rendered pages, the search
    index, the link check) finds its folder, so one setting moves or stops
    them all. By default ``<CACHE_PATH>/briefing``, in Pelican's cache folder.
    """
    folder = with_defaults(settings)["BRIEFING_CACHE_PATH"]
    if folder is False or folder == "":
        return None
    if folder is None:
        folder = Path(settings.get("CACHE_PATH") or "cache") / CACHE_DIR
    return Path(folder)


# ==========================================================================
# writing only what changed
# ==========================================================================


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly those bytes; True if written."""
    path = Path(path)
    if holds(path, data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # never a half-written page, never through a hard link
    return True


#: how much of a file is compared at a time (a timeline page is tens of MB at 5,000 sources)
COMPARE_CHUNK = 1 << 20


def copy_if_changed(source: Path, target: Path) -> bool:
    """Make ``target`` a copy of ``source`` unless it already holds the same bytes; True if written."""
    if same_bytes(source, target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)  # as write_if_changed: never half a file, never through a hard link
    return True


def same_bytes(first: Path, second: Path) -> bool:
    """Whether two files hold the same bytes, read a chunk at a time."""
    try:
        if Path(first).stat().st_size != Path(second).stat().st_size:
            return False
        with open(first, "rb") as one, open(second, "rb") as other:
            while True:
                chunk = one.read(COMPARE_CHUNK)
                if chunk != other.read(COMPARE_CHUNK):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def stat_key(stat: os.stat_result) -> list[int]:
    """What tells a file left as it was from one replaced or rewritten: size, time, inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def stat_of(path: Path) -> list[int] | None:
    """``stat_key`` of the file ``path``, or None if there is none."""
    try:
        return stat_key(os.stat(path))
    except OSError:
        return None


class CopyRecord:
    """What made each file of a folder last build (a key: a render-cache key, the bundle file a
    search-index file was copied from), and how the file was then.

    A page copied from the render cache was compared with the file already
    there, byte for byte: a rebuild with nothing changed at 5,000 sources
    read ~1 GB for it (every page and its cached copy). A file that is still
    as this record saw it (same size, time and inode: a rewrite or a
    replacement changes one) and was made from the same key holds those
    bytes: it is not read again. ``copy`` a file there, or ``note`` what
    each file now holds, and ``store`` the record once the build has
    written everything.
    """

    def __init__(self, path: Path | None, output: Path):
        self.path = path  # None: nothing recorded (caching off)
        self.key = str(Path(output).resolve())
        self._last = load_record(path, self.key)  # [name, key, *stat] by name
        self._now: list[list] = []

    def unchanged(self, name: str, key: str, target: Path) -> bool:
        """Whether the file ``target`` (``name`` in the output) is as the last build left it from ``key``."""
        return self._as_left(name, key, target) is not None

    def copy(self, name: str, key: str, source: Path, target: Path) -> None:
        """Make ``target`` (``name`` in the output) a copy of ``source``, what ``key`` makes, unless
        it is still as the last build left it from ``key`` (then neither file is read); noted."""
        stat = self._as_left(name, key, target)
        if stat is None:
            copy_if_changed(source, target)
            stat = stat_of(target)
        self._record(name, key, stat)

    def note(self, name: str, key: str, target: Path) -> None:
        """``target`` (``name`` in the output) now holds what ``key`` makes."""
        self._record(name, key, stat_of(target))

    def _as_left(self, name: str, key: str, target: Path) -> list[int] | None:
        """``stat_key`` of ``target`` if it is as the last build left it from ``key``, else None."""
        last = self._last.pop(name, None)  # each entry leaves as its new one is noted
        if last is None or last[1] != key:
            return None
        stat = stat_of(target)
        return stat if stat == last[2:] else None

    def _record(self, name: str, key: str, stat: list[int] | None) -> None:
        if stat is not None:
            self._now.append([name, key, *stat])

    def store(self) -> None:
        if self.path is not None:
            store_result(self.path, self.key, sorted(self._now))


def holds(path: Path, data: bytes) -> bool:
    """Whether the file ``path`` holds exactly ``data``, read a chunk at a time, not whole."""
    try:
        if Path(path).stat().st_size != len(data):
            return False
        view = memoryview(data)
        with open(path, "rb") as file:
            for start in range(0, len(data), COMPARE_CHUNK):
                if file.read(COMPARE_CHUNK) != view[start:start + COMPARE_CHUNK]:
                    return False
            return file.read(1) == b""
    except OSError:
        return False


# ==========================================================================
# the render cache
# ==========================================================================


class RenderCache:
    """Rendered pages by fingerprint, in ``<CACHE_PATH>/briefing/render/``.

    ``used`` collects the keys of this build; ``prune()`` then drops every
    other entry, so the cache holds one site's pages, not every edit's.
    """

    def __init__(self, folder: Path | None, inputs: str):
        self.folder = None if folder is None else Path(folder)  # None: caching is off
        self.inputs = inputs
        self.used: set[str] = set()
        self.hits = self.misses = 0

    @classmethod
    def for_settings(cls, settings: Mapping[str, Any], inputs: str | None = None,
                     folder: str = "render") -> "RenderCache":
        """The cache in ``<cache root>/<folder>`` (``inputs``: the input digest, when already made)."""
        root = cache_root(settings)
        return cls(None if root is None else root / folder, inputs or input_digest(settings))

    def page_key(self, name: str, template: str, url: str | None, relative_urls: bool, data: str) -> str:
        """The page's fingerprint: the build's inputs, where and how it is rendered, what it shows."""
        return sha(json.dumps([self.inputs, name, template, url, bool(relative_urls), data]))

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if self.folder is None:
            self.misses += 1
            return None
        try:
            data = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def find(self, key: str) -> Path | None:
        """The cached file of ``key`` (to be copied, not read: a page may be tens of MB), or None."""
        self.used.add(key)
        path = None if self.folder is None else self._path(key)
        if path is None or not path.is_file():
            self.misses += 1
            return None
        self.hits += 1
        return path

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        if self.folder is not None:
            write_if_changed(self._path(key), data)

    def put_file(self, key: str, path: Path) -> None:
        """Keep a copy of the file ``path`` (a page just written) under ``key``."""
        self.used.add(key)
        if self.folder is not None:
            copy_if_changed(Path(path), self._path(key))

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.is_file() and entry.stem not in self.used:
                entry.unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.html"


# ==========================================================================
# pieces of a site-wide page
# ==========================================================================


def pieces_by_group(items: Sequence[Any], group_of: Callable[[Any], str], render: Callable[[Any], str],
                    cache: RenderCache, key_of: Callable[[str], str]) -> Iterator[str]:
    """``render(item)`` of every item, in order, reusing the cached pieces of unchanged groups.

    A site-wide page made of per-brief pieces (the timeline: every event of
    every brief, ~8 MB at 1,000 sources) changes on every edit, so the page
    cache never has it; rendering it all again was O(N) in Jinja on every
    edit. Its items are grouped (by brief), and a group whose key
    (``key_of(group)``: what its pieces show) is cached gets its pieces from
    there; only the edited brief's are rendered. The pieces of a group are
    stored together, as a JSON list in ``items``' order.

    A group's items are spread over the page (the timeline is by date), so
    every piece is had before the first is given. They wait in a temporary
    file, not in memory: at 5,000 sources the rows of the timeline held as
    strings were the peak of a cold build's memory (+68 MB RSS). A generator:
    the file is closed when the pieces are all given (or the generator is).
    """
    positions: dict[str, list[int]] = {}
    for n, item in enumerate(items):
        positions.setdefault(group_of(item), []).append(n)
    with tempfile.TemporaryFile() as spool:
        starts, ends = array("q", bytes(8 * len(items))), array("q", bytes(8 * len(items)))
        written = 0
        for group, where in positions.items():
            key = key_of(group)
            found = _stored_pieces(cache.get(key), len(where))
            if found is None:
                found = [str(render(items[n])) for n in where]
                cache.put(key, json.dumps(found).encode("utf-8"))
            for n, piece in zip(where, found):
                starts[n] = written
                written = ends[n] = written + spool.write(piece.encode("utf-8"))
        for start, end in zip(starts, ends):
            spool.seek(start)
            yield spool.read(end - start).decode("utf-8")


def _stored_pieces(data: bytes | None, count: int) -> list[str] | None:
    """A cached list of ``count`` pieces, or None (not cached, or not such a list)."""
    try:
        found = json.loads(data) if data is not None else None
    except ValueError:
        return None
    if isinstance(found, list) and len(found) == count and all(isinstance(p, str) for p in found):
        return found
    return None


# ==========================================================================
# the dependency map: what each page shows
# ==========================================================================


class PageData:
    """Digests of the data each kind of page shows, from one build's briefs and linked site.

    A brief's result is known by its fingerprint (``BriefResult.fingerprint``:
    the keys of the parses and assembly that made it) when the parse cache
    made it, else by the digest of its ``repr``; every other value is a frozen
    dataclass of strings, numbers and tuples, so its ``repr`` is a complete
    and deterministic account of it.

    - a brief's page and its source pages: the brief's result (the brief, its
      parsed sources, its problems) and, from the site, its related briefs,
      its entities as listed (all but the quotes other briefs give them) and
      its outlets' names and URLs; so a quote edited in one brief does not
      re-render every brief that names its speaker or shares its outlet;
    - an entity's or an outlet's page: the entry, and the result of every
      brief it names (templates take titles, URLs and badges from them); the
      entry's quotes or sources, each one of a brief's own, by their place in
      that brief (``_with_places``);
    - any other page (index, timeline, pages, search): the whole site, that
      is every brief's result (the linked site is ``link.link_site`` of the
      briefs alone, and its code is in every page's key).
    """

    def __init__(self, results: Mapping[str, Any], site: Any):
        self.results = results
        self.site = site
        self._briefs: dict[str, str] = {}
        self._brief_pages: dict[str, str] = {}
        self._whole: str | None = None
        self._places: dict[tuple[str, str], dict[int, int]] = {}

    def of_page(self, values: Mapping[str, Any]) -> str:
        """The digest for a page rendered with the template variables ``values``."""
        article = values.get("article")
        if "source" in values and values.get("briefing") is not None:
            return self.brief_page(values["briefing"].brief.slug)
        if article is not None and getattr(article, "briefing", None) is not None:
            return self.brief_page(article.briefing.brief.slug)
        if values.get("entity") is not None:
            entity = values["entity"]
            shown = self._with_places(entity, "quotes", [(q.brief, q.quote) for q in entity.quotes])
            return self._named("entity", shown, set(entity.briefs) | {q.brief for q in entity.quotes})
        if values.get("outlet") is not None:
            outlet = values["outlet"]
            shown = self._with_places(outlet, "sources", [(s.brief, s.source) for s in outlet.sources])
            return self._named("outlet", shown, {s.brief for s in outlet.sources})
        return self.whole_site()

    def brief(self, slug: str) -> str:
        """A brief's result: its fingerprint when the parse cache made it (the keys of what
        made it, as good as the result and far cheaper to get), else the digest of its repr."""
        if slug not in self._briefs:
            result = self.results.get(slug)
            fingerprint = getattr(result, "fingerprint", None)
            self._briefs[slug] = fingerprint or sha(repr(result))
        return self._briefs[slug]

    def brief_page(self, slug: str) -> str:
        if slug not in self._brief_pages:
            result = self.results[slug]
            parts = [
                self.brief(slug),
                repr(related_briefs(result.brief, self.site)),  # as the page lists them

                *(_listing(self.site.entity(e.kind, e.id)) for e in result.brief.entities),
                *(_outlet_link(self.site.outlet_named(s.outlet)) for s in result.brief.sources),
            ]
            self._brief_pages[slug] = sha("\n".join(parts))
        return self._brief_pages[slug]

    def whole_site(self) -> str:
        if self._whole is None:
            # not repr(self.site): it is made from the briefs alone, and its repr
            # (every entity, outlet and event of the site) was O(N) on every build
            parts = [f"{slug}={self.brief(slug)}" for slug in sorted(self.results)]
            self._whole = sha("\n".join(parts))
        return self._whole

    def _named(self, kind: str, shown: str, briefs: set[str]) -> str:
        return sha("\n".join([kind, shown, *(self.brief(slug) for slug in sorted(briefs))]))

    def _with_places(self, entry: Any, field: str, items: list[tuple[str, Any]]) -> str:
        """``repr(entry)``, its ``field`` (``items``: each a brief's slug and one of that brief's own
        ``field``, an entity's quotes or an outlet's sources) given as each item's brief and place
        there, not spelt out: the page's digest holds that brief's, which accounts for the item.

        Spelt out, they were two thirds of the time a rebuild spent on the digests of entity and
        outlet pages (0.26 of 0.39 s at 5,000 sources). An item not found in its brief (by
        identity: the site is linked from these very briefs) is spelt out still.
        """
        places = [(slug, self._place(slug, field, item)) for slug, item in items]
        return f"{dataclasses.replace(entry, **{field: ()})!r} {field}={places!r}"

    def _place(self, slug: str, field: str, item: Any) -> int | str:
        """Where ``item`` is (by identity) in the ``field`` of brief ``slug``, else its repr."""
        index = self._places.get((slug, field))
        if index is None:
            result = self.results.get(slug)
            own = getattr(getattr(result, "brief", None), field, ())
            index = self._places[slug, field] = {id(value): n for n, value in enumerate(own)}
        found = index.get(id(item))
        return found if found is not None else repr(item)


def _listing(entity: Any) -> str:
    """An entity as a brief page lists it: name, URL, roles, names, briefs; not its quotes."""
    return repr(dataclasses.replace(entity, quotes=())) if entity is not None else "None"


def _outlet_link(outlet: Any) -> str:
    """An outlet as a brief or source page links to it."""
    return repr((outlet.id, outlet.name, outlet.url)) if outlet is not None else "None"


# ==========================================================================
# whole-site steps: a folder or a result stored under the site's digest
# ==========================================================================


def sweep_stale_output(output: Path, manifest: Path, written: Iterable[str]) -> list[str]:
    """Delete what an earlier build wrote into ``output`` and this one did not; the names deleted.

    A build into the folder the last one left (DELETE_OUTPUT_DIRECTORY off,
    so that unchanged pages are neither deleted nor written again) must not
    keep the pages of a brief, source or person that is gone. ``manifest``
    lists what the writer wrote into ``output`` last time (relative names),
    so only those files can be deleted, never a file the build did not
    make; then it lists ``written``, this build's. A manifest of another
    output folder deletes nothing.
    """
    output = Path(output)
    key = str(output.resolve())
    current = sorted(set(written))
    stale = sorted(set(load_result(manifest, key) or ()) - set(current))
    for name in stale:
        path = output / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            _remove_empty_folders(path.parent, output)
    store_result(manifest, key, current)
    return stale


def _remove_empty_folders(folder: Path, root: Path) -> None:
    root = root.resolve()
    while folder.resolve() != root and root in folder.resolve().parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def load_result(path: Path, key: str) -> list | None:
    """The JSON list stored at ``path`` for ``key``, or None."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored.get("result") if isinstance(stored, dict) and stored.get("key") == key else None


def load_record(path: Path | None, key: str) -> dict[str, list]:
    """The entries (lists, each starting with a name) a record at ``path`` holds for ``key``, by name."""
    stored = load_result(path, key) if path is not None else None
    return {entry[0]: entry for entry in stored or ()}


def store_result(path: Path, key: str, result: list) -> None:
    data = json.dumps({"key": key, "result": result}, sort_keys=True).encode("utf-8")
    write_if_changed(Path(path), data)
