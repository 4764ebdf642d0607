"""Pelican glue: the full-text search index, built by Pagefind over the written site.

Pagefind reads the finished HTML (only the elements marked
``data-pagefind-body``: the pages of briefs, sources, people, places,
organisations and outlets) and writes its index and UI files to
``<output>/pagefind/``, which the ``/search/`` page loads. The binary comes
from the ``pagefind[bin]`` wheel on PyPI, a dependency of this package, so no
other download is needed.

With ``BRIEFING_SEARCH`` off there is no index, so there is no ``/search/``
page either: ``drop_search_page`` takes it out of ``DIRECT_TEMPLATES``, and
the navigation links to it only when it is there.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from . import incremental
from .settings import with_defaults

logger = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
SEARCH_TEMPLATE = "search"  # the DIRECT_TEMPLATES entry that writes /search/
MISSING_BINARY = (
    "briefing: the Pagefind binary for the search index is not installed; "
    "run `.venv/bin/pip install -e .` (it installs pagefind[bin]), "
    "or set BRIEFING_SEARCH = False in your settings to build without search"
)


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


def pagefind_command(executable: Path, output: Path, keep_index_url: bool) -> list[str]:
    command = [str(executable), "--site", str(output), "--output-subdir", BUNDLE_DIR, "--quiet"]
    if keep_index_url:  # result links end in index.html, as the site's own links do
        command.append("--keep-index-url")
    return command


def build_index(output: Path, keep_index_url: bool) -> None:
    """Index the site in ``output`` into ``output/pagefind/``, replacing any earlier index."""
    command = pagefind_command(pagefind_executable(), output, keep_index_url)
    # Pagefind adds files but never removes them, and OUTPUT_RETENTION keeps
    # the folder between builds: start empty so no fragment of a page that is
    # gone survives, and the folder is the same as after a fresh build.
    shutil.rmtree(output / BUNDLE_DIR, ignore_errors=True)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SearchIndexError(
            f"briefing: Pagefind failed (exit status {result.returncode}) indexing {output}:\n"
            f"{result.stdout}{result.stderr}"
        )
    if result.stdout.strip():  # --quiet leaves only Pagefind's warnings
        logger.debug("briefing: Pagefind said:\n%s", result.stdout.strip())
    logger.info("briefing: search index written to %s", output / BUNDLE_DIR)


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
        if cache is None:
            build_index(output, conf["BRIEFING_LINK_INDEX_HTML"])
        else:
            build_index_cached(output, conf["BRIEFING_LINK_INDEX_HTML"], cache / BUNDLE_DIR)
    else:
        # OUTPUT_RETENTION keeps the folder between builds: an index left from
        # a build with search on would outlive the search page that used it.
        shutil.rmtree(output / BUNDLE_DIR, ignore_errors=True)


def build_index_cached(output: Path, keep_index_url: bool, cache: Path) -> bool:
    """``build_index``, unless the site's files are those of the last index built: then copy it.

    Pagefind's output depends only on the HTML pages it reads (the index is
    byte-identical between builds of the same pages), its version and its
    options, so an index stored under the digest of the site's pages (not
    those in its own pagefind/ folder) and the options is the index Pagefind
    would write. True if Pagefind ran.
    """
    pages = incremental.tree_digest(output, skip=(BUNDLE_DIR,), suffix=".html")
    key = f"{pages}-{incremental.library_versions(('pagefind',))}-{keep_index_url}"
    key = incremental.sha(key)
    if incremental.restore_folder(cache, key, output / BUNDLE_DIR):
        logger.info("briefing: search index unchanged, copied from %s", cache)
        return False
    build_index(output, keep_index_url)
    incremental.store_folder(cache, key, output / BUNDLE_DIR)
    return True
