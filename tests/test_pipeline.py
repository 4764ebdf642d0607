"""pipeline: one brief folder -> parsed sources, assembled brief, and problems (never raised)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import (
    BriefMeta,
    Paragraph,
    ParsedSource,
    SourceError,
    SourceHeader,
)
from briefing.pipeline import (
    Problem,
    build_brief,
    build_from_files,
    find_brief_folders,
    source_files,
)

ROOT = Path(__file__).resolve().parent.parent
SEED_BRIEF = ROOT / "content" / "briefs" / "china-japan-security-talks-2023"
META = BriefMeta(slug="b", title="A brief", date="2024-01-02")


def fake_read(path, *, outlet=None, reference_date=None, source_id=None):
    """Every non-empty line is a paragraph; "BAD" on line 2 is a bad header line."""
    raw = Path(path).read_text(encoding="utf-8")
    lines = raw.split("\n")
    if len(lines) > 1 and lines[1].startswith("BAD"):
        raise SourceError(str(path), "bad header line; write it as Key: value", line=2)
    if "CRASH" in raw:
        raise RuntimeError("parser bug")
    paragraphs, offset = [], 0
    for line in lines:
        if line.strip():
            paragraphs.append(Paragraph(len(paragraphs) + 1, offset, offset + len(line), line))
        offset += len(line) + 1
    return ParsedSource(
        id=source_id, path=str(path), raw=raw, header=SourceHeader(), title=None, outlet=outlet,
        dateline=None, credits=(), blocks=(), paragraphs=tuple(paragraphs), sentences=(), quotes=(),
        entities=(), dates=(),
    )


def fake_assemble(meta, sources, *, registry=None, max_key_points=8):
    from briefing.pipeline import empty_brief

    fake_assemble.seen = [s.id for s in sources]
    return empty_brief(meta)


def brief_folder(tmp_path: Path, files: dict[str, str | bytes], name: str = "b") -> Path:
    folder = tmp_path / name
    (folder / "sources").mkdir(parents=True)
    (folder / "brief.md").write_text("Title: A brief\nDate: 2024-01-02\n")
    for file_name, text in files.items():
        data = text.encode() if isinstance(text, str) else text
        (folder / "sources" / file_name).write_bytes(data)
    return folder


def test_one_bad_source_does_not_take_the_others_down(tmp_path):
    folder = brief_folder(tmp_path, {"a.txt": "Good text.\n", "b.txt": "Outlet: X\nBAD line\n\nText.",
                                     "c.md": "More good text.\n"})
    result = build_brief(folder, META, read=fake_read, assemble=fake_assemble)
    assert [s.id for s in result.sources] == ["a", "c"]
    assert fake_assemble.seen == ["a", "c"]
    assert [str(p) for p in result.problems] == [
        f"{folder / 'sources' / 'b.txt'}:2: bad header line; write it as Key: value"]


def test_a_parser_crash_is_a_problem_naming_the_file(tmp_path):
    folder = brief_folder(tmp_path, {"a.txt": "Good.\n", "b.txt": "CRASH\n"})
    result = build_brief(folder, META, read=fake_read, assemble=fake_assemble)
    assert [s.id for s in result.sources] == ["a"]
    (problem,) = result.problems
    assert problem.path.endswith("b.txt") and "RuntimeError: parser bug" in problem.message


def test_a_source_without_text_is_a_problem(tmp_path):
    folder = brief_folder(tmp_path, {"a.txt": "Good.\n", "empty.txt": "\n\n"})
    result = build_brief(folder, META, read=fake_read, assemble=fake_assemble)
    assert [s.id for s in result.sources] == ["a"]
    assert result.problems[0].path.endswith("empty.txt")


def test_no_sources_folder_and_empty_sources_folder(tmp_path):
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "brief.md").write_text("Title: T\n")
    result = build_brief(bare, META, read=fake_read, assemble=fake_assemble)
    assert result.sources == () and result.brief.key_points == ()
    assert result.brief.title == "A brief" and result.brief.url == "briefs/b/"
    assert "no sources/ folder" in str(result.problems[0])

    empty = brief_folder(tmp_path, {"notes.doc": "x"}, name="empty")
    result = build_brief(empty, META, read=fake_read, assemble=fake_assemble)
    assert "has no source files (*.txt, *.md)" in str(result.problems[0])


def test_an_assembler_crash_is_reported_and_the_brief_is_empty(tmp_path):
    folder = brief_folder(tmp_path, {"a.txt": "Good.\n"})

    def broken(meta, sources, **kw):
        raise ValueError("assembler bug")

    result = build_brief(folder, META, read=fake_read, assemble=broken)
    assert [s.id for s in result.sources] == ["a"]
    assert result.brief.key_points == () and "ValueError: assembler bug" in str(result.problems[0])


def test_source_files_sorted_with_known_endings_only(tmp_path):
    folder = brief_folder(tmp_path, {"b.md": "x", "a.txt": "x", ".hidden.txt": "x", "c.pdf": "x"})
    assert [p.name for p in source_files(folder)] == ["a.txt", "b.md"]


def test_two_files_with_one_stem_get_distinct_ids(tmp_path):
    folder = brief_folder(tmp_path, {"wire.txt": "A.\n", "wire.md": "B.\n"})
    result = build_brief(folder, META, read=fake_read, assemble=fake_assemble)
    assert sorted(s.id for s in result.sources) == ["wire", "wire-2"]


def test_find_brief_folders_reports_sources_without_brief_md(tmp_path):
    brief_folder(tmp_path, {"a.txt": "x"}, name="zeta")
    brief_folder(tmp_path, {"a.txt": "x"}, name="alpha")
    orphan = tmp_path / "orphan" / "sources"
    orphan.mkdir(parents=True)
    (tmp_path / "notes").mkdir()  # no sources, no brief.md: not a brief, not a problem
    (tmp_path / ".git").mkdir()
    folders, problems = find_brief_folders(tmp_path)
    assert [f.name for f in folders] == ["alpha", "zeta"]
    assert problems == [Problem(str(tmp_path / "orphan"), problems[0].message)]
    assert "no brief.md" in problems[0].message


def test_problem_text_names_file_and_line():
    assert str(Problem("a/b.txt", "bad", 3)) == "a/b.txt:3: bad"
    assert str(Problem.from_error(SourceError("a/b.txt", "bad"))) == "a/b.txt: bad"


# --------------------------------------------------------------------------
# with the real parse and assemble stages
# --------------------------------------------------------------------------


def test_the_seed_brief_builds_from_its_folder():
    from briefing.briefmeta import read_brief_meta

    meta = read_brief_meta(SEED_BRIEF / "brief.md")
    result = build_brief(SEED_BRIEF, meta)
    assert result.problems == ()
    assert [s.id for s in result.sources] == ["al-mayadeen-english", "reuters"]
    assert result.brief.slug == "china-japan-security-talks-2023"
    assert result.brief.key_points and result.brief.quotes
    # every piece of evidence points into the raw text of a source that was read
    for kp in result.brief.key_points:
        for ev in kp.evidence:
            raw = result.source(ev.source).raw
            assert 0 <= ev.start < ev.end <= len(raw)


@pytest.mark.parametrize(
    "name, data, expect",
    [("empty.txt", b"", "empty.txt"), ("latin1.txt", "Caf\u00e9 au lait.\n".encode("latin-1"), "latin1.txt")],
)
def test_real_parser_errors_become_problems(tmp_path, name, data, expect):
    folder = brief_folder(tmp_path, {"good.txt": (SEED_BRIEF / "sources" / "reuters.txt").read_text(), name: data})
    result = build_brief(folder, META)
    assert [s.id for s in result.sources] == ["good"]
    assert len(result.problems) == 1 and expect in str(result.problems[0])


def test_build_from_files_without_a_folder():
    files = sorted((SEED_BRIEF / "sources").iterdir())
    result = build_from_files(files, META, outlet="Somebody")
    assert result.problems == ()
    assert {s.id for s in result.sources} == {"al-mayadeen-english", "reuters"}


GOLD = ROOT / "tests" / "data" / "gold"


@pytest.mark.parametrize("article", sorted(GOLD.glob("*.txt")), ids=lambda p: p.stem)
def test_every_evidence_is_a_span_of_a_story_paragraph(article):
    # the gold articles are many forms (headlines with quotes, crossheads,
    # captions, live blogs, transcripts): on each, every evidence of every
    # brief section is a span of one anchored story paragraph (DESIGN §5)
    result = build_from_files([article], None)
    brief = result.brief
    source = result.source(article.stem)
    spans = {p.number: (p.start, p.end) for p in source.paragraphs}
    items = [*brief.key_points, *brief.quotes, *brief.background.items, *brief.timeline]
    assert items
    for item in items:
        for ev in item.evidence:
            assert ev.paragraph in spans, (item.text, ev)
            start, end = spans[ev.paragraph]
            assert start <= ev.start < ev.end <= end, (item.text, ev)
