"""Whole-site build benchmark: our site against plain Pelican on the same articles, side by side.

    .venv/bin/python bench/site.py                 # N = 100, 1,000 and 5,000 sources (long)
    .venv/bin/python bench/site.py --quick         # N = 100 only
    .venv/bin/python bench/site.py --n 100 1000    # the N of your choice
    .venv/bin/python bench/site.py --registry 500  # our site with a registry of 500 entries
    .venv/bin/invoke bench --quick                 # the same through invoke

For each N it writes a synthetic corpus (bench/corpus.py: briefs of 2 to 8
sources of 600 to 900 words) into a temporary folder, in our layout and as
plain Pelican articles, and runs four builds, each as `pelican CONTENT -s
SETTINGS -o OUTPUT` in a fresh process:

1. ours, cold: the repository's pelican.conf.py (theme, plugin) on the corpus,
   into an empty output folder;
2. plain Pelican, cold: the same articles as ordinary Markdown articles, its
   default theme (notmyidea) and default feeds (SITEURL set, so feeds are
   written) — the baseline;
3. ours after one quote in one source is edited, into the same output folder
   and with nothing cleared (what `invoke livereload` runs on a change);
4. ours again with nothing changed.

Each build runs under a small wrapper process (this file with ``--wrap``)
that times it (wall clock) and reads ``resource.getrusage(RUSAGE_CHILDREN)``
once the build has exited: CPU seconds (user + system) of the build and
everything it ran, and peak RSS — the largest resident set of any one of
those processes (Pelican itself, or Pagefind), not their sum. A wrapper per
build, because RUSAGE_CHILDREN only ever grows within one process.

Wall time suffers when other work shares the machine; CPU seconds much
less. No asserts: it prints figures (bench/README.md keeps dated readings).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the repository root, so that `bench` imports
    sys.path.insert(0, str(ROOT))

from bench.corpus import SEED, edit_one_quote, generate, write_ours, write_plain, write_registry  # noqa: E402

PELICAN = Path(sys.executable).parent / "pelican"
OUR_SETTINGS = ROOT / "pelican.conf.py"
DEFAULT_NS = (100, 1_000, 5_000)
ROWS = ("ours, cold", "plain Pelican, cold", "ours, one quote edited", "ours, nothing changed")

PLAIN_SETTINGS = '''\
# Plain Pelican for the site benchmark: its defaults (theme notmyidea, feeds)
# with SITEURL set so that the feeds are written.
AUTHOR = "Benchmark"
SITENAME = "Plain Pelican baseline"
SITEURL = "https://bench.example.org"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
'''


@dataclass
class Measure:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build and its children
    peak_rss_mb: float  # largest resident set of one process of the build
    returncode: int
    pages: int  # .html files in the output folder after the build


def wrap(command: list[str], log: Path) -> int:
    """Run ``command`` (the build), then print its figures as one JSON line. Runs in the wrapper process."""
    with log.open("w", encoding="utf-8") as out:
        start = time.perf_counter()
        returncode = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, check=False).returncode
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # On Linux ru_maxrss is in kibibytes.
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                      "peak_rss_mb": usage.ru_maxrss / 1024, "returncode": returncode}))
    return 0


def measure(content: Path, settings: Path, output: Path, log: Path) -> Measure:
    """One build in a fresh wrapper process; its figures."""
    build = [str(PELICAN), str(content), "-s", str(settings), "-o", str(output)]
    env = dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--wrap", str(log), "--", *build],
        cwd=content.parent, capture_output=True, text=True, env=env, check=True,
    )
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    pages = sum(1 for _ in output.rglob("*.html")) if output.exists() else 0
    return Measure(figures["wall"], figures["cpu"], figures["peak_rss_mb"], figures["returncode"], pages)


def run_for(n: int, seed: int, work: Path, registry: int = 0) -> tuple[dict[str, Measure], str]:
    """The four builds for ``n`` sources in ``work``; their figures and a line describing the corpus.
    With ``registry``, our site has an editorial registry of that many entries (plain Pelican has
    no such thing)."""
    briefs = generate(n, seed)
    ours, plain = work / "ours", work / "plain"
    write_ours(briefs, ours / "content")
    registered = write_registry(briefs, ours / "content", registry) if registry else 0
    write_plain(briefs, plain / "content")
    (plain / "pelicanconf.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    words = sum(source.words for brief in briefs for source in brief.sources)
    described = f"{len(briefs):,} briefs, {n:,} sources, {words:,} words (seed {seed})"
    if registered:
        described += f", a registry of {registered:,} entries"

    logs = {row: work / f"build-{i + 1}.log" for i, row in enumerate(ROWS)}
    results = {}
    results[ROWS[0]] = _build(ROWS[0], ours / "content", OUR_SETTINGS, ours / "output", logs)
    results[ROWS[1]] = _build(ROWS[1], plain / "content", plain / "pelicanconf.py", plain / "output", logs)
    edit_one_quote(ours / "content")
    results[ROWS[2]] = _build(ROWS[2], ours / "content", OUR_SETTINGS, ours / "output", logs)
    results[ROWS[3]] = _build(ROWS[3], ours / "content", OUR_SETTINGS, ours / "output", logs)
    return results, described


def _build(row: str, content: Path, settings: Path, output: Path, logs: dict[str, Path]) -> Measure:
    print(f"  {row} …", flush=True)
    result = measure(content, settings, output, logs[row])
    if result.returncode:  # the figures of a failed build mean nothing: show why
        tail = logs[row].read_text(encoding="utf-8").splitlines()[-15:]
        print(f"  ! {row}: pelican exited {result.returncode}; the end of its log:", *tail, sep="\n    ")
    return result


def ratio(a: float, b: float) -> str:
    """``a / b``; a share under 1 to three places: a rebuild's 0.098 and 0.102 of cold
    are either side of the issue's 10% line, and both printed as 0.10."""
    if not b:
        return "     –"
    return f"{a / b:6.3f}×" if a / b < 1 else f"{a / b:6.2f}×"


def print_table(n: int, described: str, results: dict[str, Measure]) -> None:
    print(f"\nN = {n:,}: {described}; load average {_load()}")
    print(f"  {'build':<26} {'wall s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'pages':>7} {'exit':>5}")
    for row, m in results.items():
        print(f"  {row:<26} {m.wall:8.1f} {m.cpu:8.1f} {m.peak_rss_mb:12.0f} {m.pages:7,} {m.returncode:5}")
    cold, plain = results[ROWS[0]], results[ROWS[1]]
    print(f"  {'ratio':<26} {'wall':>8} {'CPU':>8} {'peak RSS':>12}")
    for label, a, b in (
        ("ours / plain Pelican", cold, plain),
        ("edited / cold", results[ROWS[2]], cold),
        ("nothing changed / cold", results[ROWS[3]], cold),
    ):
        print(f"  {label:<26} {ratio(a.wall, b.wall):>8} {ratio(a.cpu, b.cpu):>8} {ratio(a.peak_rss_mb, b.peak_rss_mb):>12}")
    print(f"  ours, cold: {n / cold.wall:.1f} sources/s wall, {n / cold.cpu:.1f} per CPU second")


def print_growth(all_results: list[tuple[int, dict[str, Measure]]]) -> None:
    """Each row's growth from one N to the next: × wall, × CPU, × RSS against × N."""
    if len(all_results) < 2:
        return
    print("\ngrowth from one N to the next (× N is the growth of the corpus: linear work grows as much)")
    print(f"  {'build':<26} {'N':>15} {'× N':>6} {'× wall':>8} {'× CPU':>8} {'× RSS':>8}")
    for row in ROWS:
        for (n0, r0), (n1, r1) in zip(all_results, all_results[1:]):
            a, b = r0[row], r1[row]
            span = f"{n0:,}→{n1:,}"
            print(f"  {row:<26} {span:>15} {n1 / n0:6.1f} {ratio(b.wall, a.wall):>8} "
                  f"{ratio(b.cpu, a.cpu):>8} {ratio(b.peak_rss_mb, a.peak_rss_mb):>8}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def print_environment() -> None:
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(f"{platform.platform()}; {cores} cores ({usable} usable); "
          f"Python {platform.python_version()}; Pelican {version('pelican')}; "
          f"briefing {version('briefing')}; load average {_load()}")
    print("wall: wall clock of the build process; CPU: user + system of it and its children; "
          "peak RSS: largest of one process (getrusage RUSAGE_CHILDREN in a wrapper per build)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=list(DEFAULT_NS), metavar="N",
                        help="numbers of sources to build (default: 100 1000 5000)")
    parser.add_argument("--quick", action="store_true", help="N = 100 only")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--registry", type=int, default=0, metavar="ENTRIES",
                        help="give our site an editorial registry (data/entities.yml) of up to ENTRIES "
                             "of the corpus's people and places (default: none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (corpora, outputs, logs)")
    parser.add_argument("--wrap", type=Path, help=argparse.SUPPRESS)  # internal: the per-build wrapper
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.wrap:
        return wrap(args.command, args.wrap)
    ns = [100] if args.quick else sorted(set(args.n))
    if any(n < 2 for n in ns):
        parser.error("every N must be at least 2 (a brief has 2 to 8 sources)")

    print_environment()
    all_results = []
    for n in ns:
        work = Path(tempfile.mkdtemp(prefix=f"bench-site-{n}-"))
        try:
            results, described = run_for(n, args.seed, work, args.registry)
        finally:
            if args.keep:
                print(f"  (kept {work})")
            else:
                shutil.rmtree(work, ignore_errors=True)
        print_table(n, described, results)
        all_results.append((n, results))
        sys.stdout.flush()
    print_growth(all_results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
