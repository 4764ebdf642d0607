"""What a static host needs from a build: hashed asset names, .nojekyll.

Cache-friendly names: the theme's CSS and JavaScript are published as
``theme/css/site.<hash8>.css``, where the hash is of the file's bytes, so a
host (or a CDN) may cache them forever: a changed file gets a new name, and
every page that uses it names the new file. Templates name an asset by its
plain path (``{{ 'css/site.css'|asset }}``); the ``asset`` filter links to the
hashed name, computed from the theme's own copy of the file, because pages are
written before Pelican copies the theme's static files. At the end of the
build (``finalize_output``) the copies Pelican made are renamed to the same
hashed names; nothing links to the plain names, so they are not kept.

``.nojekyll`` at the root tells GitHub Pages to serve the folder as it is
(Jekyll would hide files and folders whose names start with ``_``); other
hosts ignore it.

Nothing here imports Pelican: the filter reads the page's context, and
``finalize_output`` only the settings and output path of the Pelican object
the ``finalized`` signal hands it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path, PurePosixPath
from typing import Mapping

logger = logging.getLogger(__name__)

#: Endings of the theme files that get hashed names (what the templates load).
HASHED_SUFFIXES = (".css", ".js")
HASH_LENGTH = 8
NOJEKYLL = ".nojekyll"
OLDER_HASH = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.[a-z]+")  # what follows the stem in a hashed name


class AssetError(RuntimeError):
    """A template names a theme asset that does not exist."""


def hashed_name(path: str, data: bytes) -> str:
    """``css/site.css`` with bytes ``data`` → ``css/site.<first 8 hex of sha256>.css``."""
    pure = PurePosixPath(path)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    return str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))


def theme_static_dir(settings: Mapping) -> Path:
    """The theme's folder of static files (Pelican copies it to THEME_STATIC_DIR)."""
    paths = settings.get("THEME_STATIC_PATHS") or ["static"]
    return Path(settings["THEME"]) / paths[0]


def asset_path(settings: Mapping, name: str) -> str:
    """The site path of theme asset ``name`` ("css/site.css"): "theme/css/site.<hash>.css"."""
    source = theme_static_dir(settings) / name
    if not source.is_file():
        raise AssetError(f"briefing: the theme has no static file {name!r} (looked for {source})")
    static_dir = settings.get("THEME_STATIC_DIR", "theme")
    published = hashed_name(name, source.read_bytes()) if source.suffix in HASHED_SUFFIXES else name
    return f"{static_dir}/{published}"


def hash_theme_files(theme_static: Path, static_output: Path) -> list[Path]:
    """Rename the output copy of each CSS/JS file of ``theme_static`` to its hashed name.

    Only the theme's own files are renamed, so an already hashed file left by
    an earlier build (when the output is not emptied first) is not hashed again,
    and a copy of the same file under an older hash is deleted: nothing links
    to it any more.
    """
    renamed = []
    for source in sorted(theme_static.rglob("*")):
        name = source.relative_to(theme_static).as_posix()
        copy = static_output / name
        if source.suffix in HASHED_SUFFIXES and copy.is_file():
            target = static_output / hashed_name(name, copy.read_bytes())
            copy.replace(target)
            renamed.append(target)
            for older in target.parent.glob(f"{copy.stem}.*{copy.suffix}"):
                if older != target and OLDER_HASH.fullmatch(older.name[len(copy.stem):]):
                    older.unlink()
    return renamed


def finalize_output(pelican) -> None:
    """``finalized``: hashed names for the copied theme assets, and ``.nojekyll`` at the root."""
    output = Path(pelican.output_path)
    static_output = output / pelican.settings.get("THEME_STATIC_DIR", "theme")
    theme_static = theme_static_dir(pelican.settings)
    if static_output.is_dir() and theme_static.is_dir():
        for path in hash_theme_files(theme_static, static_output):
            logger.info("briefing: theme asset published as %s", path.relative_to(output))
    (output / NOJEKYLL).write_bytes(b"")
