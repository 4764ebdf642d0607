"""`briefing parse` as a user runs it: a subprocess, DESIGN.md section 6."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_BRIEF = REPO / "content" / "briefs" / "china-japan-security-talks-2023"
CONSOLE_SCRIPT = Path(sys.executable).with_name("briefing")

STORY = """Harbour bridge to close for repairs
VALPORT (Coastline News) - The city council voted on Tuesday to close the harbour bridge for six weeks.

"The bridge is safe today, but it will not be safe in five years," Mayor Ilse Marten said after the vote.

Repairs will cost 4 million euros, the council said.
"""

OTHER_STORY = """Orchard harvest falls by a third
Farmers in the Brenn valley picked a third fewer apples this year than last.

"We have never seen a spring this cold," said Tomas Weel, head of the growers' cooperative.
"""


def run(*args: str, script: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(script)] if script else [sys.executable, "-m", "briefing"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


@pytest.fixture
def story_files(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "coastline.txt"
    first.write_text(STORY, encoding="utf-8")
    second = tmp_path / "valley-post.txt"
    second.write_text(OTHER_STORY, encoding="utf-8")
    return first, second


def test_seed_brief_folder_takes_its_metadata_from_brief_md():
    result = run("parse", *sorted(str(p) for p in (SEED_BRIEF / "sources").glob("*.txt")))
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["schema"] == "briefing/1"
    assert brief["slug"] == "china-japan-security-talks-2023"
    assert brief["url"] == "briefs/china-japan-security-talks-2023/"
    assert brief["date"] == "2023-02-22"
    assert brief["background"]["topic"] == "Senkaku/Diaoyu Islands"
    outlets = {s["id"]: s["outlet"] for s in brief["sources"]}
    assert outlets == {"al-mayadeen-english": "Al Mayadeen English", "reuters": "Reuters"}


def test_every_evidence_span_points_at_its_text_in_the_file_as_read():
    paths = sorted((SEED_BRIEF / "sources").glob("*.txt"))
    brief = json.loads(run("parse", *map(str, paths)).stdout)
    raw = {p.stem: p.read_bytes().decode("utf-8") for p in paths}
    assert brief["quotes"], "the seed story has quotes"
    for quote in brief["quotes"]:
        for evidence in quote["evidence"]:
            assert raw[evidence["source"]][evidence["start"] : evidence["end"]] == quote["text"]
    for point in brief["key_points"]:
        for evidence in point["evidence"]:
            span = raw[evidence["source"]][evidence["start"] : evidence["end"]]
            assert evidence["source"] in point["sources"] and span.strip()


def test_loose_files_take_title_from_first_line_and_outlet_from_dateline(story_files):
    first, _ = story_files
    result = run("parse", str(first))
    assert result.returncode == 0, result.stderr
    brief = json.loads(result.stdout)
    assert brief["title"] == "Harbour bridge to close for repairs"
    assert brief["slug"] == "harbour-bridge-to-close-for-repairs"
    assert brief["date"] is None  # nothing states one: unknown, not invented
    (source,) = brief["sources"]
    assert (source["outlet"], source["dateline"]) == ("Coastline News", "VALPORT")


def test_outlet_option_names_the_outlet_of_files_without_one(story_files):
    _, second = story_files
    brief = json.loads(run("parse", "--outlet", "Valley Post", str(second)).stdout)
    assert brief["sources"][0]["outlet"] == "Valley Post"


def test_each_prints_one_brief_per_file_in_the_order_given(story_files):
    first, second = story_files
    result = run("parse", "--each", str(second), str(first))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    titles = [json.loads(line)["title"] for line in lines]
    assert titles == ["Orchard harvest falls by a third", "Harbour bridge to close for repairs"]
    assert [len(json.loads(line)["sources"]) for line in lines] == [1, 1]


def test_a_missing_file_is_one_line_naming_it_and_exit_2(story_files, tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = run("parse", str(story_files[0]), str(missing))
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert str(missing) in line


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Title line\nThe caf\xe9 closed.\n".encode("latin-1"))
    result = run("parse", str(bad))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert f"{bad}:2" in line and "UTF-8" in line


def test_each_reports_the_bad_file_and_still_prints_the_good_ones(story_files, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = run("parse", "--each", str(story_files[0]), str(empty))
    assert result.returncode == 2
    assert len(result.stdout.splitlines()) == 1
    assert str(empty) in result.stderr


def test_console_script_is_installed(story_files):
    result = run("parse", str(story_files[0]), script=CONSOLE_SCRIPT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "briefing/1"
