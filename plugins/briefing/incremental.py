"""Do not render, index or check again what did not change since the last build.

A rebuild (``invoke livereload``, ``invoke build``) starts from an empty
output folder: pelican.conf.py deletes it (DELETE_OUTPUT_DIRECTORY) and the
build command builds into a fresh temporary folder. So skipping a write
because the file already holds the same bytes would rarely help; instead the
bytes of each rendered page are kept in a **render cache**
(``<CACHE_PATH>/briefing/render/``) under the page's fingerprint, and a page
whose fingerprint is found is copied from there instead of rendered.

Correctness first. A page's fingerprint (``RenderCache.page_key``) is made
of the build's **input digest** (``input_digest``): the bytes of every file
under the content folder, the theme and this plugin's code, every plain
setting (not the paths of this run's output and cache), and the versions of
the libraries that render (Pelican, Jinja, Markdown, MarkupSafe, Beautiful
Soup); plus the page's own output name, template and URL. So it changes
whenever anything the page could show changes, and a cached page is exactly
what rendering would give. The price: one edited source re-renders every
page; only a rebuild with nothing changed reuses them all. A finer map
(each page keyed by the briefs, sources and entities it shows) can narrow
the keys later without changing this module's interface.

Two whole-site steps are cached the same way, keyed by the digest of the
finished site's files (``tree_digest``): the Pagefind index
(``briefing.search``) and the link check (``briefing.commands.build``).

Where the cached bytes equal the file already in the output folder (an
in-place build without DELETE_OUTPUT_DIRECTORY), the file is not rewritten.

Nothing here imports Pelican; ``generator.CachingWriter`` is the hook.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Iterable, Mapping

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


def files_digest(root: Path, skip: Iterable[str] = ()) -> str:
    """sha256 over the relative path and bytes of every file under ``root``, sorted by path."""
    root = Path(root)
    skipped = tuple(skip)
    digest = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if name.split("/")[0] in skipped or "__pycache__" in name:
                continue
            digest.update(name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
    return _sha(json.dumps(plain, sort_keys=True))


def library_versions() -> str:
    found = []
    for name in RENDERING_LIBRARIES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}: missing")
    return ";".join(found)


def input_digest(settings: Mapping[str, Any]) -> str:
    """Everything a build's pages are made from: content, theme, plugin code, settings, libraries."""
    parts = [
        CACHE_VERSION,
        files_digest(Path(settings["PATH"])),
        files_digest(Path(settings["THEME"])),
        files_digest(PLUGIN_DIR),
        settings_digest(settings),
        library_versions(),
    ]
    return _sha("\n".join(parts))


def tree_digest(root: Path, skip: Iterable[str] = ()) -> str:
    """Digest of a finished site folder (every file's path and bytes)."""
    return files_digest(root, skip)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_root(settings: Mapping[str, Any]) -> Path:
    """``<CACHE_PATH>/briefing``: Pelican's cache folder (made absolute by read_settings)."""
    return Path(settings.get("CACHE_PATH") or "cache") / CACHE_DIR


# ==========================================================================
# writing only what changed
# ==========================================================================


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly those bytes; True if written."""
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # never a half-written page, never through a hard link
    return True


# ==========================================================================
# the render cache
# ==========================================================================


class RenderCache:
    """Rendered pages by fingerprint, in ``<CACHE_PATH>/briefing/render/``.

    ``used`` collects the keys of this build; ``prune()`` then drops every
    other entry, so the cache holds one site's pages, not every edit's.
    """

    def __init__(self, folder: Path, inputs: str):
        self.folder = Path(folder)
        self.inputs = inputs
        self.used: set[str] = set()
        self.hits = self.misses = 0

    @classmethod
    def for_settings(cls, settings: Mapping[str, Any]) -> "RenderCache":
        return cls(cache_root(settings) / "render", input_digest(settings))

    def page_key(self, name: str, template: str, url: str | None, relative_urls: bool) -> str:
        return _sha(json.dumps([self.inputs, name, template, url, bool(relative_urls)]))

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        try:
            data = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        write_if_changed(self._path(key), data)

    def prune(self) -> None:
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.is_file() and entry.stem not in self.used:
                entry.unlink(missing_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.html"


# ==========================================================================
# whole-site steps: a folder or a result stored under the site's digest
# ==========================================================================


def restore_folder(cache: Path, key: str, target: Path) -> bool:
    """Copy the folder cached under ``key`` to ``target`` (replacing it); False if not cached."""
    stored = Path(cache) / key
    if not stored.is_dir():
        return False
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(stored, target)
    return True


def store_folder(cache: Path, key: str, folder: Path) -> None:
    """Keep a copy of ``folder`` under ``key``, and only that one (the last site's)."""
    cache = Path(cache)
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = cache / f".{key}.tmp"
    shutil.copytree(folder, tmp)
    os.replace(tmp, cache / key)


def load_result(path: Path, key: str) -> list | None:
    """The JSON list stored at ``path`` for ``key``, or None."""
    try:
        stored = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stored.get("result") if isinstance(stored, dict) and stored.get("key") == key else None


def store_result(path: Path, key: str, result: list) -> None:
    data = json.dumps({"key": key, "result": result}, sort_keys=True).encode("utf-8")
    write_if_changed(Path(path), data)
