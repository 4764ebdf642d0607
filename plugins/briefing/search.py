"""Pelican glue: the full-text search index, built by Pagefind over the written site.

Pagefind reads the finished HTML (only the elements marked
``data-pagefind-body``: the pages of briefs, sources, people, places,
organisations and outlets) and writes its index and UI files to
``<output>/pagefind/``, which the ``/search/`` page loads. At newsroom scale
the index is built in shards (``searchshards``: Pagefind's memory grows with
all it indexes at once) that the page merges, and a rebuild re-indexes only
the shards whose pages changed. The binary comes
from the ``pagefind[bin]`` wheel on PyPI, a dependency of this package, so no
other download is needed.

With ``BRIEFING_SEARCH`` off there is no index, so there is no ``/search/``
page either: ``drop_search_page`` takes it out of ``DIRECT_TEMPLATES``, and
the navigation links to it only when it is there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

from . import incremental, searchshards
from .searchshards import IndexedPage, Shard
from .settings import with_defaults

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
PAGES_RECORD = "pages.json"  # in the index's cache: each page's size, time, inode, digest, whether marked
INSTALLED_RECORD = "installed.json"  # in the index's cache: each file put in pagefind/, from where, its stat
SEARCH_TEMPLATE = "search"  # the DIRECT_TEMPLATES entry that writes /search/
MISSING_BINARY = (
    "briefing: the Pagefind binary for the search index is not installed; "
    "run `.venv/bin/pip install -e .` (it installs pagefind[bin]), "
    "or set BRIEFING_SEARCH = False in your settings to build without search"
)


# an element carrying the attribute: article text has its "<" escaped, so
# words about Pagefind in a story do not make its page look marked
MARKED_ELEMENT = re.compile(rb"<[A-Za-z][^<>]*\sdata-pagefind-body[\s>=/]")
MARKER = b"data-pagefind-body"
MAX_TAG = 64 * 1024  # longest tag looked at across two chunks of a page


class SearchIndexError(RuntimeError):
    """The search index could not be built; the message says what to do."""


def pagefind_executable() -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, the pagefind[bin] wheel's, or one on PATH."""
    try:
        from pagefind.service import get_executable

        path = get_executable()
    except (ImportError, FileNotFoundError):  # no wrapper, or a wheel without its binary
        path = None
    if path is None or not Path(path).is_file():
        raise SearchIndexError(MISSING_BINARY)
    return Path(path)


def pagefind_command(executable: Path, output: Path, shard: Shard, bundle: Path, keep_index_url: bool) -> list[str]:
    command = [str(executable), "--site", str(output), "--glob", shard.glob, "--output-path", str(bundle),
               "--quiet"]
    if keep_index_url:  # result links end in index.html, as the site's own links do
        command.append("--keep-index-url")
    return command


def build_index(output: Path, keep_index_url: bool, shard_bytes: int, cache: Path | None = None) -> int:
    """Index the site in ``output`` into ``output/pagefind/``, in shards; the number of Pagefind runs.

    A shard is indexed only if ``cache`` has no bundle for exactly its pages
    (Pagefind's output depends only on the pages it reads, its version and
    its options: the bundle is byte-identical between runs), so a rebuild
    re-indexes only the shards whose pages changed. Without a cache every
    shard is indexed.
    """
    pages_record = None if cache is None else Path(cache) / PAGES_RECORD
    try:
        shards = searchshards.plan(indexed_pages(output, pages_record), shard_bytes)
    except searchshards.ShardPlanError as error:
        raise SearchIndexError(str(error)) from error
    if not shards:
        raise SearchIndexError(f"briefing: no HTML pages in {output} to index; is the site empty?")
    executable = pagefind_executable()
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as scratch:
        store = Path(cache) if cache is not None else Path(scratch) / "bundles"
        bundles = [store / shard_key(shard, keep_index_url) for shard in shards]
        missing = [(shard, bundle) for shard, bundle in zip(shards, bundles) if not bundle.is_dir()]
        # Pagefind keeps about one core and a half busy: two runs at once fill
        # a two-core machine, and their memory is two shards', not the site's
        with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
            list(pool.map(lambda job: run_pagefind(executable, output, *job, keep_index_url), missing))
        installed = None if cache is None else Path(cache) / INSTALLED_RECORD
        install_bundles(output / BUNDLE_DIR, shards, bundles, Path(scratch), installed)
    if cache is not None:
        sweep(store, keep={bundle.name for bundle in bundles} | {PAGES_RECORD, INSTALLED_RECORD})
    logger.info("briefing: search index written to %s (shards: %d, indexed again: %d)",
                output / BUNDLE_DIR, len(shards), len(missing))
    return len(missing)


def indexed_pages(output: Path, record: Path | None = None) -> list[IndexedPage]:
    """Every page of the site Pagefind will index: those marked ``data-pagefind-body``.

    When no page is marked, Pagefind indexes every page, and so do the shards.
    With a ``record`` (what the last build found), a page whose file has the
    same size, modification time and inode as then is not read again: a
    rebuild rewrites only the pages that changed (by replacing the file), and
    reading every page of a large site took seconds.
    """
    key = str(output.resolve())
    known = incremental.load_record(record, key)
    marked, every, found = [], [], []
    # names, not Path objects: a site of 5,000 sources has ~9,000 pages, and this step
    # was the build's memory peak; each entry leaves ``known`` as it goes to ``found``
    for name in sorted(_files_under(output, skip=BUNDLE_DIR, suffix=".html")):
        path = output / name
        seen = [name, *incremental.stat_key(path.stat())]
        entry = known.pop(name, None)
        if entry is None or entry[:4] != seen:
            entry = [*seen, *digest_and_mark(path)]
        found.append(entry)
        page = IndexedPage(name, entry[1], entry[4])
        every.append(page)
        if entry[5]:
            marked.append(page)
    if record is not None:
        incremental.store_result(record, key, found)
    return marked or every


def _files_under(root: Path, skip: str = "", suffix: str = "") -> Iterator[str]:
    """The relative names (with "/") of the files under ``root`` whose names end in ``suffix``,
    but none in its top folder ``skip``; symbolic links to folders are not followed."""
    for folder, folders, files in os.walk(root):
        if folder == str(root) and skip in folders:
            folders.remove(skip)
        prefix = incremental.folder_prefix(folder, root)
        yield from (prefix + name for name in files if name.endswith(suffix))


def digest_and_mark(path: Path) -> tuple[str, bool]:
    """A page's sha256 and whether it marks an element for the index, read a chunk at a time
    (the timeline is tens of MB at 5,000 sources: read whole, it was the search step's peak)."""
    digest, marked, tail = hashlib.sha256(), False, b""
    with open(path, "rb") as file:
        while chunk := file.read(incremental.COMPARE_CHUNK):
            digest.update(chunk)
            if not marked:
                window = tail + chunk
                # the plain search first: most windows have no marker, and the pattern is slower
                marked = MARKER in window and MARKED_ELEMENT.search(window) is not None
                # a tag cut by the chunk's end is whole in the next window (a tag is short)
                tail = window[max(window.rfind(b"<"), len(window) - MAX_TAG):]
    return digest.hexdigest(), marked


def shard_key(shard: Shard, keep_index_url: bool) -> str:
    """What a shard's bundle is made of: its pages' paths and bytes, Pagefind's version, the options."""
    pages = ";".join(f"{page.path}={page.digest}" for page in shard.pages)
    versions = incremental.library_versions(("pagefind",))
    return incremental.sha(f"{pages}|{versions}|{keep_index_url}|{shard.glob}")


def run_pagefind(executable: Path, output: Path, shard: Shard, bundle: Path, keep_index_url: bool) -> None:
    """Index the pages of ``shard`` into the folder ``bundle`` (written whole, or not at all)."""
    partial = bundle.with_name(f".{bundle.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    command = pagefind_command(executable, output, shard, partial, keep_index_url)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        shutil.rmtree(partial, ignore_errors=True)
        raise SearchIndexError(
            f"briefing: Pagefind failed (exit status {result.returncode}) indexing {output}:\n"
            f"{result.stdout}{result.stderr}"
        )
    if result.stdout.strip():  # --quiet leaves only Pagefind's warnings
        logger.debug("briefing: Pagefind said:\n%s", result.stdout.strip())
    os.replace(partial, bundle)


def install_bundles(target: Path, shards: list[Shard], bundles: list[Path], scratch: Path,
                    record: Path | None = None) -> None:
    """Make ``target`` hold the shards' bundles (the first at its top, the rest in shard-G-B/ folders,
    and their list for search.js) and nothing else, writing only the files that differ."""
    files: dict[str, str] = {}
    for shard, bundle in zip(shards, bundles):
        folder = searchshards.bundle_folder(shard, shards[0])
        for name in _files_under(bundle):
            # the search page runs the first bundle's scripts; the others give only their index
            if not folder or not name.endswith((".js", ".css")):
                files[f"{folder}/{name}" if folder else name] = os.path.join(bundle, name)
    merged = [f"{searchshards.bundle_folder(shard, shards[0])}/" for shard in shards[1:]]
    listing = scratch / searchshards.SHARD_LIST
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text(json.dumps({"merge": merged}, indent=1) + "\n", encoding="utf-8")
    files[searchshards.SHARD_LIST] = str(listing)
    mirror(files, target, record)


def mirror(files: dict[str, str | Path], target: Path, record: Path | None = None) -> None:
    """Make the folder ``target`` hold exactly ``files`` (relative name → file with its bytes).

    Pagefind adds files but never removes them, and OUTPUT_RETENTION keeps
    the folder between builds: whatever else is there goes, so no fragment
    of a page that is gone survives. Files already holding their bytes are
    not rewritten (an in-place rebuild); with a ``record`` of what the last
    call copied where, a file copied from the same bundle file and untouched
    since (same size, time and inode) is not even read.
    """
    _remove_all_but(target, files)
    copies = incremental.CopyRecord(record, target)  # what made each file: the bundle file it came from
    for name in sorted(files):
        source = os.fspath(files[name])
        # copied from this very bundle file by the last build and untouched since: not read again
        copies.copy(name, source, Path(source), target / name)
    copies.store()


def _remove_all_but(target: Path, files: dict[str, str | Path]) -> None:
    """Remove from the folder ``target`` every file not named in ``files``, and every folder
    left empty (a symbolic link, even to a folder, is a file here)."""
    if not target.is_dir():
        return
    for folder, folders, names in os.walk(target, topdown=False):  # children before their folders
        prefix = incremental.folder_prefix(folder, target)
        links = [name for name in folders if os.path.islink(os.path.join(folder, name))]
        for name in names + links:
            if prefix + name not in files:
                os.unlink(os.path.join(folder, name))
        for name in folders:
            path = os.path.join(folder, name)
            if name not in links and not os.listdir(path):
                os.rmdir(path)


def sweep(store: Path, keep: set[str]) -> None:
    """Drop the bundles of shards the site no longer has, so the cache holds one site's index."""
    for entry in store.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink()


def drop_search_page(pelican) -> None:
    """``initialized``: with BRIEFING_SEARCH off, no /search/ page, so no dead page or link.

    Runs before any generator reads DIRECT_TEMPLATES, so an editor turns
    search off with that one setting.
    """
    settings = pelican.settings
    if not with_defaults(settings)["BRIEFING_SEARCH"]:
        settings["DIRECT_TEMPLATES"] = [t for t in settings.get("DIRECT_TEMPLATES", ()) if t != SEARCH_TEMPLATE]


def index_site(pelican) -> None:
    """``finalized``: build the search index over the written site, unless BRIEFING_SEARCH is off."""
    conf = with_defaults(pelican.settings)
    output = Path(pelican.output_path)
    if conf["BRIEFING_SEARCH"]:
        cache = incremental.cache_root(pelican.settings)
        build_index(output, conf["BRIEFING_LINK_INDEX_HTML"], conf["BRIEFING_SEARCH_SHARD_BYTES"],
                    None if cache is None else cache / BUNDLE_DIR)
    else:
        # OUTPUT_RETENTION keeps the folder between builds: an index left from
        # a build with search on would outlive the search page that used it.
        shutil.rmtree(output / BUNDLE_DIR, ignore_errors=True)
