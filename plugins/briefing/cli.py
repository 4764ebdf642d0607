"""The ``briefing`` command (DESIGN.md section 6).

``briefing parse [--outlet NAME] FILE...`` reads the files as the sources of
one brief and prints its brief.json; ``--each`` makes every file a brief of
its own and prints one JSON object per line. A file that cannot be used gives
one line on stderr naming it, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Sequence, TextIO

from .briefmeta import BRIEF_FILE, read_brief_meta
from .model import Brief, BriefMeta, SourceError
from .pipeline import Problem, build_from_files
from .serialize import brief_to_dict, dumps
from .settings import with_defaults

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # brief.json is UTF-8 whatever the terminal's locale says.
    sys.stdout.reconfigure(encoding="utf-8")
    return args.run(args, sys.stdout, sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Turn news articles about one story into a sourced brief."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('briefing')}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    parse = commands.add_parser(
        "parse",
        help="print the brief.json of the given source files",
        description="Read FILEs as the sources of one brief and print its brief.json. "
        "Files inside a brief folder (<brief>/sources/) take the title, date and "
        "background topic from that brief's brief.md.",
    )
    parse.add_argument("files", nargs="+", metavar="FILE", type=Path)
    parse.add_argument(
        "--outlet", metavar="NAME", help="outlet of the files whose header does not name one"
    )
    parse.add_argument(
        "--each",
        action="store_true",
        help="make every file a brief of its own; print one JSON object per line",
    )
    parse.set_defaults(run=run_parse)
    return parser


def run_parse(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    groups = [[path] for path in args.files] if args.each else [list(args.files)]
    status = EXIT_OK
    for paths in groups:
        problems, brief = _brief_of(paths, args.outlet)
        for problem in problems:
            print(f"briefing: {problem}", file=err)
        if problems:
            status = EXIT_BAD_INPUT  # no brief from a set of files missing one
        elif args.each:
            out.write(json.dumps(brief_to_dict(brief), ensure_ascii=False) + "\n")
        else:
            out.write(dumps(brief))
    return status


def _brief_of(paths: list[Path], outlet: str | None) -> tuple[list[Problem], Brief | None]:
    """Every problem with ``paths`` (all of them, not the first), and their brief."""
    try:
        meta = _brief_meta(paths)
    except SourceError as error:
        return [Problem.from_error(error)], None
    result = build_from_files(paths, meta, outlet=outlet)
    return list(result.problems), result.brief


def _brief_meta(paths: list[Path]) -> BriefMeta | None:
    """The brief.md of the brief folder all ``paths`` sit in, if they share one."""
    folders = {path.resolve().parent for path in paths}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    if folder.name != with_defaults({})["BRIEFING_SOURCES_DIR"]:
        return None
    brief_md = folder.parent / BRIEF_FILE
    return read_brief_meta(brief_md) if brief_md.is_file() else None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
