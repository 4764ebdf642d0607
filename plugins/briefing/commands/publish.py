"""`invoke publish` and `invoke gh-pages`: copy a finished build to where it is served.

``publish_to`` mirrors ``output/`` to an rsync target: a folder on this
machine (``/srv/www/briefing/``) or one over SSH (``user@host:/srv/www/briefing/``).
The target is ``BRIEFING_PUBLISH_TARGET`` from the environment, or else from
``publish.conf.py``. Mirroring means ``--delete``: files on the target that
the build no longer has are removed, so the target must be a folder of its
own. Before rsync runs, ``check_target`` refuses every target where that
could remove something else (the root, a home folder, a short or relative
remote path, a folder that holds the project or the build), and
``check_output`` refuses a build that is not finished, so an empty or half
written output/ never wipes the published site.

``gh_pages`` commits the build to a ``gh-pages`` branch with ghp-import.

The commands are argument lists, never shell strings, so nothing in a path or
target is interpreted by a shell.
"""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..settings import with_defaults

TARGET_SETTING = "BRIEFING_PUBLISH_TARGET"
SET_TARGET = (
    f"set {TARGET_SETTING} in publish.conf.py or the environment to the folder the site is "
    "served from, e.g. user@host:/srv/www/briefing/"
)
FINISHED_BUILD_MARKER = "index.html"
#: the fewest folders a remote path must have: /srv/www/site, not /srv or /var
MIN_REMOTE_DEPTH = 2

# -r, -l: the tree, symlinks as symlinks. --checksum: a file is sent when its
# bytes differ, not its time (every build rewrites every file, so times always
# differ), so the plan lists only real changes and unchanged files keep their
# time on the host (and their Last-Modified/ETag for caches). No -t for the
# same reason. --perms with --chmod: readable by the web server whatever the
# local umask. --delete-after: files are removed only once the new ones are in
# place, so the site is never missing a page it links to mid-transfer.
# .git is kept out (OUTPUT_RETENTION keeps one in output/ for some setups),
# and an excluded name is also protected from --delete on the target.
RSYNC_OPTIONS = (
    "--recursive",
    "--links",
    "--perms",
    "--chmod=D755,F644",
    "--checksum",
    "--compress",
    "--delete-after",
    "--exclude=.git",
)
PLAN_OPTIONS = ("--dry-run", "--itemize-changes")


class PublishError(RuntimeError):
    """Publishing cannot go ahead; the message says what to set or do."""


@dataclass(frozen=True)
class Target:
    """An rsync destination: a local folder, or ``host`` + ``path`` over SSH."""

    spec: str  # as given, for messages
    host: str | None
    path: str

    @property
    def rsync_argument(self) -> str:
        path = self.path if self.path.endswith("/") else self.path + "/"
        return f"{self.host}:{path}" if self.host else path


# [user@]host:path — the host part has no "/" (rsync reads "./a:b" as local)
_REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<path>.*)$")


def target_from(settings_file: Path, environ=os.environ) -> str:
    """The target: $BRIEFING_PUBLISH_TARGET if set, else the setting in ``settings_file``."""
    if environ.get(TARGET_SETTING, "").strip():
        return environ[TARGET_SETTING].strip()
    settings = runpy.run_path(str(settings_file))
    return str(with_defaults(settings)[TARGET_SETTING] or "").strip()


def parse_target(spec: str) -> Target:
    """``spec`` as a Target; refuses what rsync would read as something else."""
    if not spec:
        raise PublishError(f"publish: no target; {SET_TARGET}")
    if spec.startswith("rsync://") or "::" in spec:
        raise PublishError(
            f"publish: {spec!r} is an rsync daemon target, which is not supported; "
            f"{SET_TARGET}"
        )
    match = _REMOTE.match(spec)
    if match:
        return Target(spec, match["host"], match["path"])
    return Target(spec, None, spec)


def check_target(target: Target, project: Path, output: Path) -> None:
    """Refuse a target where ``--delete`` could remove anything but an old copy of the site."""
    if target.host is not None:
        _check_remote_path(target)
    else:
        _check_local_path(target, project, output)


def _check_remote_path(target: Target) -> None:
    path = target.path
    if not path.startswith("/"):
        why = "is the home folder" if path in ("", "~", "~/") else "is relative (to the home folder)"
        raise PublishError(
            f"publish: the remote path of {target.spec!r} {why}; give an absolute path of a "
            f"folder of its own, e.g. {target.host}:/srv/www/briefing/"
        )
    parts = PurePosixPath(path).parts[1:]
    if ".." in parts:
        raise PublishError(f"publish: the remote path of {target.spec!r} has '..'; write it without")
    if len(parts) < MIN_REMOTE_DEPTH:
        raise PublishError(
            f"publish: the remote path of {target.spec!r} is too short to be a folder of its own "
            f"(every file in it not in the build would be deleted); use e.g. {target.host}:/srv/www/briefing/"
        )


def _check_local_path(target: Target, project: Path, output: Path) -> None:
    if not os.path.isabs(target.path):
        raise PublishError(f"publish: the local target {target.spec!r} is relative; give an absolute path")
    folder = Path(target.path).resolve()
    home = Path.home().resolve()
    guarded = {
        "the root folder": Path(folder.anchor),
        "your home folder": home,
        "the project": project.resolve(),
        "the build (output/)": output.resolve(),
    }
    for name, guarded_path in guarded.items():
        if folder == guarded_path or folder in guarded_path.parents:
            raise PublishError(
                f"publish: the target {target.spec!r} is or holds {name}, and --delete would remove "
                f"what the build does not have; {SET_TARGET}"
            )
    if folder.is_relative_to(output.resolve()):
        raise PublishError(f"publish: the target {target.spec!r} is inside the build (output/)")


def check_output(output: Path) -> None:
    """Refuse to mirror a build that is missing or unfinished (it would wipe the site)."""
    if not (output / FINISHED_BUILD_MARKER).is_file():
        raise PublishError(
            f"publish: {output} has no {FINISHED_BUILD_MARKER}, so it is not a finished build; "
            "run the build first (`invoke publish` does)"
        )


def rsync_executable() -> str:
    found = shutil.which("rsync")
    if not found:
        raise PublishError("publish: rsync is not installed; install it with `apt-get install rsync`")
    return found


def rsync_command(rsync: str, output: Path, target: Target, dry_run: bool) -> list[str]:
    """The rsync command as a list; the source ends in "/" so its contents are mirrored."""
    source = str(output.resolve()) + "/"
    return [rsync, *RSYNC_OPTIONS, *(PLAN_OPTIONS if dry_run else ()), source, target.rsync_argument]


def publish_to(output: Path, project: Path, settings_file: Path, dry_run: bool = False) -> list[str]:
    """Mirror ``output`` to the configured target (or show the plan); the command that ran."""
    target = parse_target(target_from(settings_file))
    check_target(target, project, output)
    check_output(output)
    command = rsync_command(rsync_executable(), output, target, dry_run)
    print(("plan (nothing is changed): " if dry_run else "publishing: ") + " ".join(command), flush=True)
    result = subprocess.run(command, check=False)
    if result.returncode:
        raise PublishError(f"publish: rsync failed with exit status {result.returncode} (see above)")
    return command


# --------------------------------------------------------------------------
# gh-pages
# --------------------------------------------------------------------------

GH_PAGES_BRANCH = "gh-pages"


def ghp_import_command(output: Path, message: str, push: bool, remote: str = "origin") -> list[str]:
    """ghp-import: commit ``output`` as the whole of the gh-pages branch, with .nojekyll."""
    command = [
        str(Path(sys.executable).parent / "ghp-import"),
        "--no-jekyll",
        "--message", message,
        "--branch", GH_PAGES_BRANCH,
    ]
    if push:
        command += ["--push", "--remote", remote]
    return [*command, str(output)]


def gh_pages(output: Path, repo: Path, message: str, push: bool = False) -> list[str]:
    """Commit ``output`` to the gh-pages branch of the git repository ``repo``; push if asked."""
    check_output(output)
    command = ghp_import_command(output.resolve(), message, push)
    result = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    if result.returncode:
        raise PublishError(
            f"gh-pages: ghp-import failed (exit status {result.returncode}):\n"
            f"{result.stdout}{result.stderr}".rstrip()
        )
    return command
