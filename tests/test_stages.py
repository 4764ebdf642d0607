"""stages.py: the parser and assembler, imported by the glue when first used."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

from briefing import assemble, parse, stages
from briefing.model import BriefMeta

WIRE = "Title: Talks resume\nOutlet: Wire\nDate: 2024-03-05\n\nTalks resumed in Tokyo on Tuesday, officials said.\n"


def test_the_stages_are_the_parsers_and_the_assemblers(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    read = stages.read_source(path, outlet="Wire", source_id="wire")
    assert read == parse.read_source(path, outlet="Wire", source_id="wire")
    assert stages.parse_bytes(WIRE.encode(), path=str(path), source_id="wire") == parse.parse_bytes(
        WIRE.encode(), path=str(path), source_id="wire")
    meta = BriefMeta("talks", "Talks", "2024-03-05")
    assert stages.assemble_brief(meta, [read], max_key_points=3) == assemble.assemble_brief(
        meta, [read], max_key_points=3)


def test_loading_the_plugin_imports_neither_parser_nor_assembler():
    # a rebuild that keeps every brief must not pay for their imports: a module-level
    # import of parse or assemble (or of what only they use) anywhere in the glue fails here
    heavy = ["briefing.parse", "briefing.assemble", "briefing.quotes", "syntok", "rapidfuzz", "bs4"]
    code = ("import sys, briefing, briefing.generator; briefing.register(); "
            f"print(' '.join(m for m in {heavy!r} if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT / "plugins")})
    assert run.stdout.strip() == "", run.stdout
