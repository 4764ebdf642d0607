"""The Jinja helpers of ``briefing.templating``, without building a site."""

from __future__ import annotations

import pytest

from briefing.templating import human_date, machine_date, site_link


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
