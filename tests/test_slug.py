"""URL slugs for briefs, sources and entities."""

from briefing.slug import slugify, source_id_for, unique_slug


def test_slugs_are_lower_case_ascii_words_joined_by_hyphens():
    assert slugify("Ilse Marten") == "ilse-marten"
    assert slugify("São Paulo / Ọ̀ṣúntókun") == "sao-paulo-osuntokun"
    assert slugify("Norway's Fisheries Ministry") == "norway-s-fisheries-ministry"


def test_a_text_with_no_letters_or_digits_gets_the_fallback():
    assert slugify("«—»") == "item"
    assert slugify("", fallback="brief") == "brief"


def test_unique_slugs_are_numbered_and_remembered():
    taken: set[str] = set()
    assert [unique_slug("Valmora", taken) for _ in range(3)] == ["valmora", "valmora-2", "valmora-3"]
    assert taken == {"valmora", "valmora-2", "valmora-3"}


def test_a_sources_id_is_the_slug_of_its_file_name():
    assert source_id_for("briefs/x/sources/Al Mayadeen English.txt") == "al-mayadeen-english"
    assert source_id_for("briefs/x/sources/«».txt") == "source"
