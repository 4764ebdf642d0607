"""Site tasks, in the manner of pelican-quickstart's tasks.py. Run `invoke --list`."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent

CONFIG = {
    "settings_base": "pelican.conf.py",
    "settings_publish": "publish.conf.py",
    "content": "content",
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
}


@task
def clean(c):
    """Remove the generated site (output/) and temporary folders left by a killed build."""
    path = HERE / CONFIG["deploy_path"]
    for folder in [path, *sorted(HERE.glob(f".{path.name}.build-*"))]:
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
            print(f"removed {folder}")


def _build(settings: str, strict: bool = False, quiet: bool = False) -> None:
    """The atomic build (briefing.commands.build) into output/; a failed build exits non-zero."""
    from briefing.commands.build import BuildOptions, main_with

    status = main_with(BuildOptions(
        HERE / CONFIG[settings], HERE / CONFIG["content"], HERE / CONFIG["deploy_path"], strict, quiet
    ))
    if status:
        raise Exit(code=status)


@task(help={
    "strict": "any problem (bad source, unchecked quote, broken link, Pelican warning) fails the build",
    "quiet": "print nothing but problems",
    "fatal": "the same as --strict (kept for old scripts)",
})
def build(c, strict=False, quiet=False, fatal=False):
    """Build the site into output/ with pelican.conf.py; output/ is replaced only if the build succeeds."""
    _build("settings_base", strict=strict or fatal, quiet=quiet)


@task(help={"strict": "as for build", "quiet": "as for build"})
def rebuild(c, strict=False, quiet=False):
    """Build the site again from nothing (every build is from nothing: the same as build)."""
    _build("settings_base", strict=strict, quiet=quiet)


def _publish_build(c):
    """The production build: publish.conf.py (absolute SITEURL, feeds), strict and atomic."""
    _build("settings_publish", strict=True)


def _publish_step(action):
    """Run a briefing.commands.publish step; its errors end the task with their message."""
    from briefing.commands.publish import PublishError

    try:
        return action()
    except PublishError as error:
        sys.exit(str(error))


@task(help={"dry_run": "show what rsync would change on the target, change nothing"})
def publish(c, dry_run=False):
    """Build with publish.conf.py, then mirror output/ to BRIEFING_PUBLISH_TARGET with rsync."""
    from briefing.commands.publish import publish_to

    _publish_build(c)
    _publish_step(lambda: publish_to(
        HERE / CONFIG["deploy_path"], HERE, HERE / CONFIG["settings_publish"], dry_run=dry_run
    ))


@task(name="gh-pages", help={"push": "push the gh-pages branch to origin (default: commit only)"})
def gh_pages(c, push=False):
    """Build with publish.conf.py, then commit output/ to the gh-pages branch (ghp-import)."""
    from briefing.commands.publish import gh_pages as commit_gh_pages

    _publish_build(c)
    _publish_step(lambda: commit_gh_pages(
        HERE / CONFIG["deploy_path"], HERE, "Publish the site", push=push
    ))


@task
def serve(c, port=None):
    """Serve output/ at http://127.0.0.1:PORT/ (default 8000); build first."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    port = int(port or CONFIG["port"])

    class AddressReuseTCPServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseTCPServer(
        str(HERE / CONFIG["deploy_path"]), (CONFIG["host"], port), ComplexHTTPRequestHandler
    )
    print(f"Serving the site at http://{CONFIG['host']}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c, port=None):
    """Build, serve at 127.0.0.1:PORT and rebuild + reload the browser when content/, theme/ or plugins/ change."""
    from livereload import Server

    port = int(port or CONFIG["port"])
    command = [
        str(VENV_BIN / "pelican"), CONFIG["content"], "-s", CONFIG["settings_base"],
        "-o", CONFIG["deploy_path"],
    ]

    def make():
        # Each build runs in a new process, so a change to plugins/ is built
        # with the changed code (an in-process build would keep the old modules).
        result = subprocess.run(command, cwd=HERE)
        if result.returncode:  # keep serving; the next change may fix it
            print("build failed; see the messages above", file=sys.stderr)

    make()
    server = Server()
    for folder in ("content", "theme", "plugins"):
        server.watch(f"{HERE / folder}/**/*", make)
    server.watch(str(HERE / CONFIG["settings_base"]), make)
    server.serve(host=CONFIG["host"], port=port, root=str(HERE / CONFIG["deploy_path"]))


@task
def screenshots(c):
    """Build the site in a temporary folder and save the README's screenshots into docs/ (needs chromium and '.[test]')."""
    c.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'docs' / 'screenshots.py'))}", pty=False)


@task(help={"path": "source files, or a brief folder (its sources/ are read)", "outlet": "outlet of files whose header names none"})
def parse(c, path, outlet=None):
    """Print the brief.json of source files or of a brief folder (runs `briefing parse`)."""
    from briefing.pipeline import source_files

    target = Path(path)
    if target.is_dir():  # a brief folder: its sources, as the site reads them
        files = source_files(target)
    else:
        files = [Path(p) for p in shlex.split(path)]
    args = " ".join(shlex.quote(str(f)) for f in files)
    if outlet:
        args = f"--outlet {shlex.quote(outlet)} {args}"
    c.run(f"{shlex.quote(str(VENV_BIN / 'briefing'))} parse {args}", pty=False)


@task(help={"base": "the commit, branch or tag to compare with (e.g. origin/main)", "out": "folder for review.md, index.html and both renderings (default review/)"})
def review(c, base, out="review"):
    """Build --base and the working tree; write review.md and index.html of the change into --out."""
    from briefing.commands.review import ReviewError, run_review

    try:
        result = run_review(HERE, base, Path(out))
    except ReviewError as error:
        raise Exit(f"review: {error}", code=2)
    print(f"wrote {result.markdown} and {result.html}")


@task(help={"n": "numbers of sources, e.g. -n '100 1000' (default: 100 1000 5000)", "quick": "N = 100 only"})
def bench(c, n=None, quick=False):
    """Time and measure our site's builds against plain Pelican on a synthetic corpus (bench/site.py)."""
    args = " --quick" if quick else ""
    if n:
        args += " --n " + " ".join(shlex.quote(part) for part in str(n).replace(",", " ").split())
    c.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'bench' / 'site.py'))}{args}", pty=False)
