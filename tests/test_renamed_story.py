"""The seed brief holds with its people and places renamed.

Nothing in the code may know the seed story. Renaming every person and place
in both seed articles (to real and made-up names alike) must give a brief of
the same shape: the same quotes with the renamed speakers and roles, the same
background history, the same rewrite. A rule that only worked because it knew
a name would fail here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.model import BriefMeta
from briefing.pipeline import build_from_files
from seeds import seed_paths

# Longer names first, so "Sun Weidong" is renamed before "Sun".
RENAMES = {
    "Sun Weidong": "Lin Haoran",
    "Shigeo Yamada": "Kenji Morita",
    "Sun": "Lin",
    "Yamada": "Morita",
    "Chinese": "Brazilian",
    "China": "Brazil",
    "Japanese": "Argentine",
    "Japan": "Argentina",
    "TOKYO": "PORT ALDER",
    "Tokyo": "Port Alder",
    "Beijing": "Brasilia",
    "Senkaku": "Corvo",
    "Diaoyu": "Pardela",
    "Taiwan": "Veloria",
    "Russia": "Canada",
    "Moscow": "Ottawa",
    "Ukraine": "Mexico",
    "Fukushima": "Rosario",
}
_NAME = re.compile(r"\b(" + "|".join(map(re.escape, RENAMES)) + r")\b")


def rename(text: str) -> str:
    return _NAME.sub(lambda m: RENAMES[m.group(1)], text)


def brief_of(texts: dict[str, str], folder: Path, topic: str):
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    meta = BriefMeta(slug="talks", title="Talks", date="2023-02-22", background_topic=topic)
    result = build_from_files(paths, meta)
    assert not result.problems
    return result.brief


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """The seed brief and the renamed one, built the same way."""
    originals = {
        "rewrite.txt": "Outlet: Al Mayadeen English\n\n" + seed_paths()[0].read_text(encoding="utf-8"),
        "wire.txt": seed_paths()[1].read_text(encoding="utf-8"),
    }
    original = brief_of(originals, tmp_path_factory.mktemp("original"), "Senkaku/Diaoyu Islands")
    renamed = brief_of(
        {name: rename(text) for name, text in originals.items()},
        tmp_path_factory.mktemp("renamed"),
        rename("Senkaku/Diaoyu Islands"),
    )
    return original, renamed


def quote_starting(brief, words: str):
    (quote,) = [q for q in brief.quotes if q.text.startswith(words)]
    return quote


def test_the_quotes_keep_their_renamed_speakers_and_roles(briefs):
    _, renamed = briefs
    opening = quote_starting(renamed, "The international security situation")
    assert (opening.speaker.name, opening.speaker.role) == ("Lin Haoran", "Brazilian Vice Foreign Minister")
    assert opening.sources == ("rewrite", "wire")
    relations = quote_starting(renamed, "While relations between")
    assert (relations.speaker.name, relations.speaker.role) == (
        "Kenji Morita",
        "Argentine Deputy Minister of Foreign Affairs",
    )
    assert quote_starting(renamed, "negative moves").speaker.name == "Lin Haoran"


def test_the_background_tells_the_same_history_under_the_new_names(briefs):
    _, renamed = briefs
    history = " ".join(item.text for item in renamed.background.items)
    for year in ("1783", "1785", "1895", "1972", "1970s", "2012"):
        assert year in history
    (place,) = [e for e in renamed.entities if dict(e.names_by_user)]
    assert dict(place.names_by_user) == {"Corvo": "Argentina", "Pardela": "Brazil"}


def test_the_renamed_brief_has_the_shape_of_the_original(briefs):
    original, renamed = briefs
    assert [(s.id, s.derived_from) for s in renamed.sources] == [("rewrite", "wire"), ("wire", None)]

    def shape(brief):
        return (
            len(brief.key_points),
            [(q.partial, q.speaker is None, q.sources) for q in brief.quotes],
            len(brief.background.items),
            sorted(event.date for event in brief.timeline),
            sorted(e.kind for e in brief.entities if e.kind != "place"),
        )

    assert shape(renamed) == shape(original)
