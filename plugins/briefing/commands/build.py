"""`invoke build` / `invoke publish`: a build that either succeeds whole or changes nothing.

``build(BuildOptions(...))`` builds the site into a fresh folder beside the
output folder and swaps it in only when the build succeeded:

- **Atomic.** ``tempfile.mkdtemp`` makes ``.<output>.build-XXXXXXXX/`` next to
  the output folder (a name no concurrent build can take, on the same
  filesystem, so the swap is two renames: the old folder into the temporary
  one, the new site into place; the old one is then deleted with the
  temporary folder). A failed build, an exception or Ctrl-C deletes the
  temporary folder and leaves the output folder exactly as it was. Between
  the two renames the output folder is briefly absent; a web server reading
  it at that instant may answer 404, never serve a half-built site.
- **A symlinked output folder** (``output -> /srv/www/site``) stays a symlink:
  the folder it points to is the one replaced, and the temporary folder is
  made beside that folder, since a rename cannot cross filesystems.
- **OUTPUT_RETENTION** (``.git``, ``.nojekyll``…) is honoured as Pelican
  honours it in place: what it names is copied from the old output folder
  into the new site when the build did not write it.
- **Strict.** Every problem is collected (briefing's problems, Pelican's own
  warnings and errors, an exception such as a template error, and broken
  internal links found by ``briefing.linkcheck`` in the finished site) and
  summarised at the end, one line each; in strict mode (``--strict`` or
  ``BRIEFING_STRICT``) any problem fails the build, otherwise they are
  warnings and the site is built. Pelican's ``--fatal warnings`` would stop
  at the first, so the plugin's own strict stop is switched off for the run
  (``BRIEFING_STRICT = False``) and the decision is taken here, at the end.
- **Progress** (briefs and sources read, pages written) on one updating line
  of stderr, only on a terminal, not in CI (``CI`` set) and not with ``-q``.

Pelican runs in this process (``pelican.Pelican``), not as a subprocess: the
problems are collected by a logging handler and the progress by Pelican's
signals, which a subprocess would only give as text to parse. ``invoke
livereload`` keeps its subprocess, since it must pick up changed plugin code.
This module is Pelican glue like ``generator.py``: Pelican is imported only
inside ``run_pelican``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, TextIO

from .. import incremental
from ..linkcheck import broken_links
from ..settings import with_defaults

#: exit status of a failed build and of an interrupted one
FAILED = 1
INTERRUPTED = 130


@dataclass(frozen=True)
class BuildOptions:
    settings: Path  # pelican.conf.py or publish.conf.py
    content: Path
    output: Path
    strict: bool = False  # any problem fails the build (also when the settings say BRIEFING_STRICT)
    quiet: bool = False  # nothing on success but problems; no progress


class BuildError(Exception):
    """The build cannot start (bad paths); the message says what to do."""


@dataclass
class Outcome:
    """What one run of Pelican gave: the problems, and whether it ran to the end."""

    problems: list[str] = field(default_factory=list)
    finished: bool = False
    strict: bool = False  # --strict, or BRIEFING_STRICT in the settings file
    settings: Mapping = field(default_factory=dict)


# ==========================================================================
# the command
# ==========================================================================


def build(options: BuildOptions, stderr: TextIO | None = None, env: Mapping[str, str] | None = None) -> int:
    """Build the site and swap it into ``options.output`` on success; the exit status."""
    stderr = stderr or sys.stderr
    env = os.environ if env is None else env
    target = output_folder(options)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    try:
        progress = Progress(stderr) if shows_progress(stderr, env, options.quiet) else None
        outcome = run_pelican(options, staging / "site", stderr, progress)
        if outcome.finished:
            outcome.problems.extend(link_problems(staging / "site", outcome.settings, options.output))
        failed = not outcome.finished or (outcome.strict and bool(outcome.problems))
        if not failed:
            keep_retained(target, staging / "site", outcome.settings.get("OUTPUT_RETENTION", ()))
            swap_in(staging / "site", target, staging / "previous")
    finally:
        remove(staging, stderr)
    summarise(outcome, failed, options, stderr)
    return FAILED if failed else 0


def output_folder(options: BuildOptions) -> Path:
    """The folder to replace: the output folder, or the folder its symlink points to.

    Refuses an output folder that is a file, or that holds the content or the
    settings file (replacing it would delete them).
    """
    output = Path(options.output)
    target = Path(os.path.realpath(output)) if output.is_symlink() else output.absolute()
    if target.exists() and not target.is_dir():
        raise BuildError(f"{output}: is not a folder; remove it or build into another folder (-o)")
    for inside, what in ((options.content, "content folder"), (options.settings, "settings file")):
        if Path(os.path.realpath(inside)).is_relative_to(os.path.realpath(target)):
            raise BuildError(
                f"{output}: holds the {what} {inside}, and a build replaces the whole folder; "
                "build into a folder of its own (-o)"
            )
    return target


def run_pelican(options: BuildOptions, site: Path, stderr: TextIO, progress: "Progress | None") -> Outcome:
    """Pelican into ``site`` with every warning collected; exceptions become problems, Ctrl-C is not caught."""
    outcome = Outcome(strict=options.strict)
    collector = ProblemCollector(outcome.problems)
    echo = EchoHandler(stderr, progress)
    root = logging.getLogger()
    root.addHandler(collector)
    root.addHandler(echo)
    receivers = progress.connect() if progress else contextlib.nullcontext()
    try:
        with receivers, contextlib.redirect_stdout(io.StringIO()):  # Pelican's "Done: …" line
            from pelican import Pelican
            from pelican.log import LimitFilter
            from pelican.settings import read_settings

            # Pelican drops a warning it has logged before in this process; a
            # second build in one process must still see (and count) it.
            LimitFilter._raised_messages.clear()
            LimitFilter._group_count.clear()
            if not Path(options.settings).is_file():
                raise BuildError(f"{options.settings}: no such settings file")
            settings = read_settings(
                str(options.settings),
                override={"PATH": str(Path(options.content).absolute()), "OUTPUT_PATH": str(site)},
            )
            outcome.strict = options.strict or bool(with_defaults(settings)["BRIEFING_STRICT"])
            outcome.settings = settings
            # the plugin would stop at its own problems; collect every one, decide at the end
            Pelican(dict(settings, BRIEFING_STRICT=False)).run()
            outcome.finished = True
    except Exception as error:  # a bad setting, a template error, a plugin failing
        outcome.problems.append(describe(error, options.settings))
    finally:
        root.removeHandler(collector)
        root.removeHandler(echo)
        if progress:
            progress.clear()
    return outcome


def link_problems(site: Path, settings: Mapping, output: Path) -> list[str]:
    """Broken internal links of the finished site, named as pages of the output folder."""
    relative = settings.get("RELATIVE_URLS", False)
    siteurl = "" if relative else str(settings.get("SITEURL", ""))
    clean_urls = not with_defaults(settings)["BRIEFING_LINK_INDEX_HTML"]
    return [f"broken link: {output}/{line}" for line in checked_links(site, siteurl, clean_urls, settings)]


def checked_links(site: Path, siteurl: str, clean_urls: bool, settings: Mapping) -> list[str]:
    """``broken_links``, or its stored answer when the site's files are those it last checked.

    Otherwise only the pages whose bytes changed are read again: the others'
    links and ids come from ``linkcheck-pages.json`` (``broken_links``'s
    ``summaries``), and every link is checked again from them.
    """
    cache = incremental.cache_root(settings)
    if cache is None:
        return broken_links(site, siteurl, clean_urls)
    key = incremental.tree_digest(site) + f"|{siteurl}|{clean_urls}"
    stored = cache / "linkcheck.json"
    found = incremental.load_result(stored, key)
    if found is None:
        found = broken_links(site, siteurl, clean_urls, cache / "linkcheck-pages.json")
        incremental.store_result(stored, key, found)
    return found


def keep_retained(old: Path, new: Path, names) -> None:
    """Copy what OUTPUT_RETENTION names from the old output folder, where the build wrote nothing."""
    if not old.is_dir():
        return
    for name in names:
        source, copy = old / name, new / name
        if copy.exists() or copy.is_symlink() or not (source.exists() or source.is_symlink()):
            continue
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, copy, symlinks=True)
        else:
            shutil.copy2(source, copy, follow_symlinks=False)


def swap_in(site: Path, target: Path, previous: Path) -> None:
    """Put ``site`` in the place of ``target`` by renames; ``previous`` (same filesystem) gets the old one."""
    had_one = target.exists()
    if had_one:
        os.rename(target, previous)
    try:
        os.rename(site, target)
    except BaseException:  # also Ctrl-C between the two renames: put the old one back
        if had_one:
            os.rename(previous, target)
        raise


def remove(staging: Path, stderr: TextIO) -> None:
    try:
        shutil.rmtree(staging)
    except FileNotFoundError:
        pass
    except OSError as error:
        print(f"warning: could not remove the temporary folder {staging} ({error.strerror}); "
              "delete it by hand", file=stderr)


def describe(error: Exception, settings_file: Path) -> str:
    """One line for an exception that stopped the build, with file and line when it has them."""
    if isinstance(error, BuildError):
        return str(error)
    message = f"{type(error).__name__}: {' '.join(str(error).split())}"
    filename, lineno = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename:  # a Jinja template error, a syntax error in the settings file
        return f"{filename}:{lineno}: {message}" if lineno else f"{filename}: {message}"
    frame = _frame_in(error, Path(settings_file))
    if frame is not None:  # a mistake in the settings file, such as a misspelt name
        return f"{settings_file}:{frame.lineno}: {message}"
    return f"the build stopped: {message}"


def _frame_in(error: Exception, path: Path):
    """The last traceback frame of ``error`` that runs code of ``path``, or None."""
    wanted = os.path.realpath(path)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if os.path.realpath(f.filename) == wanted]
    return frames[-1] if frames else None


def summarise(outcome: Outcome, failed: bool, options: BuildOptions, stderr: TextIO) -> None:
    """Every problem, one line each, then what became of the output folder."""
    problems = outcome.problems
    if problems:
        print(f"\n{len(problems)} problem(s):", file=stderr)
        for problem in problems:
            print(f"  {problem}", file=stderr)
    if failed:
        why = "the build stopped" if not outcome.finished else "a strict build (--strict or BRIEFING_STRICT) fails on any problem"
        print(f"build failed: {why}; {options.output} is unchanged", file=stderr)
    elif problems:
        print(f"built {options.output} with warnings (a --strict build would fail)", file=stderr)
    elif not options.quiet:
        print(f"built {options.output}", file=stderr)


# ==========================================================================
# logging: collect every warning, echo it above the progress line
# ==========================================================================


class ProblemCollector(logging.Handler):
    """Keeps the first line of every warning or error, in order, once each."""

    def __init__(self, problems: list[str]):
        super().__init__(level=logging.WARNING)
        self.problems = problems

    def emit(self, record: logging.LogRecord) -> None:
        lines = record.getMessage().strip().splitlines() or [record.levelname]
        line = lines[0] + (" …" if len(lines) > 1 else "")
        if line not in self.problems:
            self.problems.append(line)


class EchoHandler(logging.StreamHandler):
    """Prints warnings as they happen, clearing the progress line first."""

    def __init__(self, stream: TextIO, progress: "Progress | None"):
        super().__init__(stream)
        self.setLevel(logging.WARNING)
        self.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        self.progress = progress

    def emit(self, record: logging.LogRecord) -> None:
        if self.progress:
            self.progress.clear()
        super().emit(record)


# ==========================================================================
# progress
# ==========================================================================


def shows_progress(stream: TextIO, env: Mapping[str, str], quiet: bool) -> bool:
    """A progress line only for a person watching: a terminal, not CI, not -q."""
    if quiet or env.get("CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """One updating stderr line: briefs and sources read, pages written."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.briefs = self.sources = self.pages = 0
        self.shown = False

    @contextlib.contextmanager
    def connect(self):
        from pelican import signals

        from ..generator import brief_read

        brief_read.connect(self.on_brief)
        signals.content_written.connect(self.on_page)
        try:
            yield self
        finally:
            brief_read.disconnect(self.on_brief)
            signals.content_written.disconnect(self.on_page)

    def on_brief(self, slug, sources: int = 0, **_) -> None:
        self.briefs += 1
        self.sources += sources
        self.show()

    def on_page(self, path, **_) -> None:
        self.pages += 1
        self.show()

    def line(self) -> str:
        return f"briefs read: {self.briefs} ({self.sources} sources) · pages written: {self.pages}"

    def show(self) -> None:
        self.stream.write("\r\x1b[K" + self.line())
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


# ==========================================================================
# python -m briefing.commands.build
# ==========================================================================


def parse_args(argv: list[str] | None = None) -> BuildOptions:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.commands.build",
        description="Build the site into a fresh folder and swap it into OUTPUT only if the build succeeds.",
    )
    parser.add_argument("content", type=Path, help="the content folder")
    parser.add_argument("-s", "--settings", type=Path, required=True, help="pelican.conf.py or publish.conf.py")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the folder to replace")
    parser.add_argument("--strict", action="store_true", help="any problem fails the build")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    return BuildOptions(args.settings, args.content, args.output, args.strict, args.quiet)


def main(argv: list[str] | None = None) -> int:
    return main_with(parse_args(argv))


def main_with(options: BuildOptions) -> int:
    """``build`` with its errors and Ctrl-C told in one line each; the exit status."""
    try:
        return build(options)
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return FAILED
    except KeyboardInterrupt:
        print(f"\nbuild interrupted; {options.output} is unchanged", file=sys.stderr)
        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
