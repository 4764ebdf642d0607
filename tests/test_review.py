"""briefing.review: the diff of two built sites, on small made-up site folders and brief.json dicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.review import (
    ADDED,
    CHANGED,
    REMOVED,
    ItemChange,
    compare,
    diff_brief,
    visible_lines,
)

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "a `tick` ``` fence </details> <script>alert(1)</script> [x](javascript:y) @someone"


def page(body: str, title: str = "T") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title><style>p{{}}</style></head><body>"
        '<a class="skip" href="#main">Skip</a><header class="site-header"><a>Site</a>'
        '<nav><a href="x">Briefs</a></nav></header>'
        f'<main id="main">{body}</main><footer class="site-footer"><p>Footer words</p></footer>'
        "<script>var hidden = 1;</script></body></html>"
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def brief_json(slug="b", key_points=(), quotes=(), sources=(), background=(), topic=None, timeline=()):
    return json.dumps({
        "schema": "briefing/1", "slug": slug, "title": f"Brief {slug}",
        "key_points": [{"id": f"k{n}", "text": t, "sources": ["s"]} for n, t in enumerate(key_points, 1)],
        "quotes": list(quotes), "sources": list(sources),
        "background": {"topic": topic, "items": [{"text": t, "sources": ["s"]} for t in background]},
        "timeline": list(timeline),
    })


def q(n, text, speaker="Ana Ruiz", role="Mayor"):
    return {"id": f"q{n}", "text": text, "partial": False, "sources": ["s"],
            "speaker": {"id": speaker.lower().replace(" ", "-"), "name": speaker, "role": role}}


# --------------------------------------------------------------------------
# visible text
# --------------------------------------------------------------------------


def test_visible_lines_are_one_block_per_line_without_boilerplate():
    lines = visible_lines(page("<h1>Head <em>line</em></h1><p>One <a href='#'>linked</a> paragraph.</p>"
                               "<ul><li>first</li><li>second<br>line two</li></ul>"))
    assert lines == ["Title: T", "Head line", "One linked paragraph.", "first", "second", "line two"]


# --------------------------------------------------------------------------
# pages
# --------------------------------------------------------------------------


def test_compare_lists_pages_added_removed_and_changed_with_a_text_diff(tmp_path):
    base = write(tmp_path / "base", {
        "index.html": page("<p>Same.</p><p>Old sentence.</p>"),
        "gone/index.html": page("<p>Gone.</p>"),
        "styled/index.html": page('<p class="a">Styled.</p>'),
        "theme/site.css": "a{}",
        "pagefind/x.pf_fragment": "1",
    })
    head = write(tmp_path / "head", {
        "index.html": page("<p>Same.</p><p>New sentence.</p>"),
        "new/index.html": page("<p>New.</p>"),
        "styled/index.html": page('<p class="b">Styled.</p>'),
        "theme/site.css": "a{color:red}",
        "pagefind/x.pf_fragment": "2",
    })
    review = compare(base, head)
    assert review.pages_added == ("new/index.html",)
    assert review.pages_removed == ("gone/index.html",)
    assert [p.path for p in review.pages_changed] == ["index.html", "styled/index.html"]
    diff = review.pages_changed[0].diff
    assert "-Old sentence." in diff and "+New sentence." in diff
    assert not any("Footer" in line or "Briefs" in line for line in diff)
    assert review.pages_changed[1].diff == ()  # markup only
    assert review.files_changed == ("theme/site.css",)  # the search index is not listed


def test_broken_links_come_from_the_new_build(tmp_path):
    base = write(tmp_path / "base", {"index.html": page("<a href='missing.html'>old</a>")})
    head = write(tmp_path / "head", {"index.html": page("<a href='lost.html'>new</a>")})
    links = compare(base, head).broken_links
    assert "index.html → lost.html: no such file" in links
    assert not any("missing.html" in link for link in links)


# --------------------------------------------------------------------------
# briefs
# --------------------------------------------------------------------------


def sections(old: str, new: str) -> dict[str, tuple[ItemChange, ...]]:
    return {s.name: s.changes for s in diff_brief(json.loads(old), json.loads(new))}


def test_a_removed_key_point_is_one_removal_although_the_ids_after_it_shift():
    old = brief_json(key_points=["Alpha rises.", "Beta falls sharply today.", "Gamma holds."])
    new = brief_json(key_points=["Alpha rises.", "Gamma holds."])  # Gamma is k2 now
    assert sections(old, new) == {
        "Key points": (ItemChange(REMOVED, "Beta falls sharply today. [s]", None),),
    }


def test_an_edited_key_point_is_changed_not_added_and_removed():
    old = brief_json(key_points=["The bridge closes in March for repairs.", "Other."])
    new = brief_json(key_points=["New first point about something else entirely.",
                                 "The bridge closes in April for repairs.", "Other."])
    changes = sections(old, new)["Key points"]
    assert ItemChange(CHANGED, "The bridge closes in March for repairs. [s]",
                      "The bridge closes in April for repairs. [s]") in changes
    assert [c.status for c in changes] == [CHANGED, ADDED]


def test_quote_speaker_and_speaker_role_changes():
    old = brief_json(quotes=[q(1, "We will build it", role="Mayor")])
    new = brief_json(quotes=[q(1, "We will build it", role="Former mayor")])
    found = sections(old, new)
    assert found["Quotes"] == (ItemChange(CHANGED, "“We will build it” — Ana Ruiz (Mayor) [s]",
                                          "“We will build it” — Ana Ruiz (Former mayor) [s]"),)
    assert found["Speakers"] == (ItemChange(CHANGED, "Ana Ruiz (Mayor)", "Ana Ruiz (Former mayor)"),)


def test_sources_background_and_timeline():
    src = {"id": "copy", "outlet": "Daily", "title": "Bridge", "derived_from": None}
    old = brief_json(sources=[src], topic="Harbour", background=["Built in 1931."],
                     timeline=[{"date": "1931", "text": "Built.", "sources": ["s"]}])
    new = brief_json(sources=[dict(src, derived_from="wire")], topic="Harbour",
                     background=["Built in 1931.", "Rebuilt in 1990."], timeline=[])
    found = sections(old, new)
    assert found["Sources"] == (ItemChange(CHANGED, "copy: Daily — Bridge", "copy: Daily — Bridge (rewrite of wire)"),)
    assert found["Background"] == (ItemChange(ADDED, None, "Rebuilt in 1990. [s]"),)
    assert found["Timeline"] == (ItemChange(REMOVED, "1931: Built. [s]", None),)


def test_unchanged_brief_has_no_diff_and_briefs_added_removed(tmp_path):
    same = brief_json("same", key_points=["A."])
    base = write(tmp_path / "base", {"briefs/same/brief.json": same, "briefs/old/brief.json": brief_json("old")})
    head = write(tmp_path / "head", {"briefs/same/brief.json": same, "briefs/new/brief.json": brief_json("new")})
    assert [(b.slug, b.status) for b in compare(base, head).briefs] == [("new", ADDED), ("old", REMOVED)]


def test_an_unreadable_brief_json_names_the_file(tmp_path):
    base = write(tmp_path / "base", {"briefs/b/brief.json": "{not json"})
    head = write(tmp_path / "head", {})
    with pytest.raises(ValueError, match=r"base/briefs/b/brief\.json: not valid JSON"):
        compare(base, head)
