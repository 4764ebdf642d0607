"""Site tasks, in the manner of pelican-quickstart's tasks.py. Run `invoke --list`."""

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task

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


def _pelican(c, args):
    c.run(f"{shlex.quote(str(VENV_BIN / 'pelican'))} {args}", pty=False, echo=True)


@task
def clean(c):
    """Remove the generated site (output/)."""
    path = HERE / CONFIG["deploy_path"]
    if path.exists():
        shutil.rmtree(path)
        print(f"removed {path}")


@task
def build(c, fatal=False):
    """Build the site into output/ with pelican.conf.py (--fatal: any warning fails)."""
    flags = " --fatal warnings" if fatal else ""
    _pelican(
        c,
        f"{CONFIG['content']} -s {CONFIG['settings_base']} -o {CONFIG['deploy_path']}{flags}",
    )


@task(clean, build)
def rebuild(c):
    """Remove output/ and build the site again."""


@task
def publish(c):
    """Build for publishing with publish.conf.py (absolute SITEURL, feeds, strict)."""
    _pelican(
        c, f"{CONFIG['content']} -s {CONFIG['settings_publish']} -o {CONFIG['deploy_path']}"
    )


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


@task(help={"n": "numbers of sources, e.g. -n '100 1000' (default: 100 1000 5000)", "quick": "N = 100 only"})
def bench(c, n=None, quick=False):
    """Time and measure our site's builds against plain Pelican on a synthetic corpus (bench/site.py)."""
    args = " --quick" if quick else ""
    if n:
        args += " --n " + " ".join(shlex.quote(part) for part in str(n).replace(",", " ").split())
    c.run(f"{shlex.quote(sys.executable)} {shlex.quote(str(HERE / 'bench' / 'site.py'))}{args}", pty=False)
