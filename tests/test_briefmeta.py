"""brief.md metadata read without Pelican, for the `briefing parse` command."""

from __future__ import annotations

import pytest

from briefing.briefmeta import checked_flag, read_brief_meta
from briefing.model import SourceError


def write(tmp_path, text: str):
    folder = tmp_path / "harbour-bridge"
    folder.mkdir()
    path = folder / "brief.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_pelican_metadata_and_takes_the_slug_from_the_folder(tmp_path):
    path = write(
        tmp_path,
        "Title: Harbour bridge closes\nDate: 2024-03-05 10:30\n"
        "Background: Valport harbour\nTags: roads, council\n\nAn editor's note.\n",
    )
    meta = read_brief_meta(path)
    assert meta.slug == "harbour-bridge"
    assert meta.title == "Harbour bridge closes"
    assert meta.date == "2024-03-05"
    assert meta.background_topic == "Valport harbour"
    assert meta.tags == ("roads", "council")
    assert meta.summary is None


def test_optional_fields_are_none_not_invented(tmp_path):
    meta = read_brief_meta(write(tmp_path, "Title: Only a title\n"))
    assert (meta.date, meta.background_topic, meta.summary, meta.tags) == (None, None, None, ())


def test_a_bad_date_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "Title: T\nDate: last Tuesday\n")
    with pytest.raises(SourceError) as caught:
        read_brief_meta(path)
    assert str(caught.value).startswith(f"{path}:2:")
    assert "YYYY-MM-DD" in str(caught.value)


def test_a_missing_title_is_reported(tmp_path):
    path = write(tmp_path, "Date: 2024-03-05\n\nText.\n")
    with pytest.raises(SourceError, match="Title"):
        read_brief_meta(path)


@pytest.mark.parametrize("value, checked", [("yes", True), ("Yes", True), ("true", True), ("no", False), ("", False)])
def test_checked_says_whether_an_editor_checked_the_brief(value, checked):
    assert checked_flag(value, "brief.md") is checked
    assert checked_flag(None, "brief.md") is False


def test_a_checked_value_that_is_neither_yes_nor_no_names_the_file_and_line(tmp_path):
    path = write(tmp_path, "Title: T\nDate: 2024-03-05\nChecked: mostly\n")
    with pytest.raises(SourceError) as caught:
        read_brief_meta(path)
    assert caught.value.path == str(path) and caught.value.line == 3
    assert "Checked: mostly" in caught.value.message and "yes" in caught.value.message
