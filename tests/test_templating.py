"""The Jinja helpers of ``briefing.templating``, without building a site."""

from __future__ import annotations

import pytest

from briefing.templating import Mark, highlight, human_date, machine_date, site_link


@pytest.mark.parametrize(
    "siteurl, target, index_html, expected",
    [
        ("../..", "people/a/", True, "../../people/a/index.html"),
        (".", "", True, "./index.html"),
        ("..", "briefs/x/#k1", True, "../briefs/x/index.html#k1"),
        ("https://ex.org/sub", "briefs/x/#k1", False, "https://ex.org/sub/briefs/x/#k1"),
        ("https://ex.org/sub/", "", False, "https://ex.org/sub/"),
        ("", "timeline/", False, "/timeline/"),
        (".", "theme/css/site.css", True, "./theme/css/site.css"),
    ],
)
def test_site_link(siteurl, target, index_html, expected):
    assert site_link(siteurl, target, index_html) == expected


def test_dates_for_people_and_machines():
    assert human_date("2023-02-22") == "22 February 2023"
    assert human_date("2022-12") == "December 2022"
    assert human_date("1970s") == "1970s"
    assert machine_date("1970s") is None and machine_date("1895") == "1895"


RAW = "Alpha <b>beta</b> & gamma delta."
CTX = {"SITEURL": "..", "BRIEFING_LINK_INDEX_HTML": True}


def mark(start, end, kind, label):
    return Mark(start, end, kind, f"briefs/x/#{label.lower()}", label, f"{kind} {label}")


def test_highlight_nests_overlapping_marks_and_links_back_where_each_ends():
    outer = mark(0, 17, "keypoint", "K1")  # "Alpha <b>beta</b>"
    inner = mark(6, 25, "quote", "Q1")  # "<b>beta</b> & gamma"
    html = str(highlight(CTX, RAW, 0, len(RAW), [inner, outer]))
    assert html == (
        '<mark class="hl hl-keypoint" title="keypoint K1">Alpha </mark>'
        '<mark class="hl hl-keypoint" title="keypoint K1"><mark class="hl hl-quote" title="quote Q1">'
        "&lt;b&gt;beta&lt;/b&gt;</mark></mark>"
        '<a class="backref backref-keypoint" href="../briefs/x/index.html#k1" title="keypoint K1">K1</a>'
        '<mark class="hl hl-quote" title="quote Q1"> &amp; gamma</mark>'
        '<a class="backref backref-quote" href="../briefs/x/index.html#q1" title="quote Q1">Q1</a>'
        " delta."
    )


def test_highlight_clips_marks_to_the_paragraph_and_escapes_text_without_marks():
    spill = mark(0, 12, "timeline", "T1")  # starts before the paragraph [6, 17)
    assert str(highlight(CTX, RAW, 6, 17, [spill])) == (
        '<mark class="hl hl-timeline" title="timeline T1">&lt;b&gt;bet</mark>'
        '<a class="backref backref-timeline" href="../briefs/x/index.html#t1" title="timeline T1">T1</a>'
        "a&lt;/b&gt;"
    )
    assert str(highlight(CTX, RAW, 18, len(RAW), [spill])) == "&amp; gamma delta."
