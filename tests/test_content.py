"""The site's content keeps the seed articles as they were scraped."""

from __future__ import annotations

import re
from pathlib import Path

from seeds import seed_paths

SOURCES = (
    Path(__file__).resolve().parents[1]
    / "content" / "briefs" / "china-japan-security-talks-2023" / "sources"
)
HEADER_LINE = re.compile(r"^(Outlet|URL|Date|Author|Title|Lang): .+$", re.IGNORECASE)


def test_each_seed_is_a_source_unedited_but_for_header_lines_on_top():
    sources = {p.name: p.read_bytes().decode("utf-8") for p in SOURCES.iterdir()}
    for seed in seed_paths():
        scraped = seed.read_bytes().decode("utf-8")
        matches = [name for name, text in sources.items() if text.endswith(scraped)]
        assert len(matches) == 1, f"{seed.name} is not in {SOURCES} unedited"
        prefix = sources[matches[0]][: -len(scraped)]
        if prefix:
            *header, blank = prefix.split("\n")
            assert blank == "" and header[-1] == "", "a blank line ends the header"
            assert all(HEADER_LINE.match(line) for line in header[:-1]), prefix
