import json

from briefing.assemble import assemble_brief
from briefing.model import (
    PLACE,
    Background,
    BackgroundItem,
    Brief,
    BriefMeta,
    Entity,
    Evidence,
    KeyPoint,
    Quote,
    SourceAttribution,
    Speaker,
    TimelineEvent,
)
from briefing.serialize import brief_to_dict, dumps
from sourcefactory import rewrite, wire

EV = Evidence("wire", 2, 10, 40)


def _brief(**overrides):
    fields = dict(
        slug="port-strike",
        title="Dockers end strike",
        date="2024-05-06",
        url="briefs/port-strike/",
        summary="Dock workers voted to end the strike.",
        key_points=(KeyPoint("k1", "Workers voted.", ("wire",), (EV,)),),
        quotes=(Quote("q1", "We won", False, Speaker("ada-okafor", "Ada Okafor", "union leader"), ("wire",), (EV,)),),
        background=Background("Old Quay", (BackgroundItem("Built in 1911.", ("wire",), (EV,)),)),
        timeline=(TimelineEvent("1911", "Built in 1911.", ("wire",), (EV,)),),
        entities=(Entity("ada-okafor", "person", "Ada Okafor", ("Okafor",), "union leader", "people/ada-okafor/"),),
        sources=(SourceAttribution("wire", "Northwire", "Strike ends", None, None, "VALMORA", ("Northwire",),
                                   None, ("k1",), "briefs/port-strike/sources/wire/"),),
    )
    fields.update(overrides)
    return Brief(**fields)


def test_shape_and_key_order_follow_the_contract():
    data = brief_to_dict(_brief())
    assert list(data) == ["schema", "slug", "title", "date", "url", "summary", "key_points", "quotes",
                          "background", "timeline", "entities", "sources", "disagreements"]
    assert data["schema"] == "briefing/1"
    ev = {"source": "wire", "paragraph": 2, "start": 10, "end": 40}
    assert data["key_points"] == [{"id": "k1", "text": "Workers voted.", "sources": ["wire"], "evidence": [ev]}]
    assert data["quotes"] == [{"id": "q1", "text": "We won", "partial": False,
                               "speaker": {"id": "ada-okafor", "name": "Ada Okafor", "role": "union leader"},
                               "sources": ["wire"], "evidence": [ev]}]
    assert data["background"] == {"topic": "Old Quay",
                                  "items": [{"text": "Built in 1911.", "sources": ["wire"], "evidence": [ev]}]}
    assert data["timeline"] == [{"date": "1911", "text": "Built in 1911.", "sources": ["wire"], "evidence": [ev]}]
    assert data["entities"] == [{"id": "ada-okafor", "kind": "person", "name": "Ada Okafor", "aliases": ["Okafor"],
                                 "role": "union leader", "url": "people/ada-okafor/"}]
    assert data["sources"] == [{"id": "wire", "outlet": "Northwire", "title": "Strike ends", "date": None,
                                "url": None, "dateline": "VALMORA", "credits": ["Northwire"], "derived_from": None,
                                "unique_points": ["k1"], "page": "briefs/port-strike/sources/wire/"}]


def test_unknowns_are_null():
    quote = Quote("q1", "We won", True, None, ("wire",), (EV,))
    data = brief_to_dict(_brief(summary=None, date=None, quotes=(quote,), background=Background(None)))
    assert data["summary"] is None and data["date"] is None
    assert data["quotes"][0]["speaker"] is None and data["quotes"][0]["partial"] is True
    assert data["background"] == {"topic": None, "items": []}


def test_optional_flags_appear_only_when_set():
    data = brief_to_dict(_brief(
        summary_editorial=True,
        key_points=(KeyPoint("k1", "View.", ("wire",), (EV,), commentary=True),
                    KeyPoint("k2", "Note.", (), (), editorial=True)),
        background=Background("T", (BackgroundItem("Note.", (), (), editorial=True),)),
        timeline=(TimelineEvent("2024-04-29", "Last week.", ("wire",), (EV,), approximate=True),),
        entities=(Entity("grey-bay", PLACE, "Grey Bay", (), None, "places/grey-bay/",
                         (("Saltmere Bay", "Osterby"), ("Grey Bay", "Lindholm"))),),
    ))
    assert list(data)[5:7] == ["summary", "editorial"] and data["editorial"] is True
    assert "summary_editorial" not in json.dumps(data)
    assert data["key_points"][0]["commentary"] is True and "editorial" not in data["key_points"][0]
    assert data["key_points"][1]["editorial"] is True and "commentary" not in data["key_points"][1]
    assert data["background"]["items"][0]["editorial"] is True
    assert data["timeline"][0]["approximate"] is True
    assert data["entities"][0]["names"] == {"Lindholm": "Grey Bay", "Osterby": "Saltmere Bay"}
    plain = brief_to_dict(_brief())
    text = json.dumps(plain)
    for flag in ("editorial", "commentary", "approximate", "names"):
        assert f'"{flag}"' not in text


def test_dumps_is_deterministic_unicode_and_newline_terminated():
    meta = BriefMeta("port-strike", "Dockers — strike ends", "2024-05-06")
    a = assemble_brief(meta, [wire(), rewrite()])
    b = assemble_brief(meta, [rewrite(), wire()])
    text = dumps(a)
    assert text == dumps(b)
    assert text.endswith("}\n") and "—" in text
    assert json.loads(text) == brief_to_dict(a)
    assert json.loads(text)["sources"][0]["derived_from"] == "northwire"


def test_dumps_puts_each_item_on_a_line_of_its_own():
    meta = BriefMeta("port-strike", "Dockers — strike ends", "2024-05-06")
    brief = assemble_brief(meta, [wire(), rewrite()])
    data = brief_to_dict(brief)
    lines = dumps(brief).splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert '  "schema": "briefing/1",' in lines
    # every key point, quote and source is one whole line: a changed item is a changed line
    items = [*data["key_points"], *data["quotes"], *data["sources"], *data["background"]["items"]]
    assert items and data["quotes"]
    for item in items:
        line = next(line for line in lines if line.lstrip().startswith('{"id": "%s"' % item["id"])) \
            if "id" in item else next(line for line in lines if json.dumps(item["text"], ensure_ascii=False) in line)
        assert json.loads(line.strip().rstrip(",")) == item
    assert '    "items": [' in lines  # the background's items, one level further in
    assert dumps(_brief()).count("[]") >= 1  # empty lists stay on their key's line


def test_disagreements_follow_the_sources():
    from briefing.model import Claim, Disagreement
    d = Disagreement("d1", "number", "k1", (Claim("wire", "12", EV), Claim("post", "14", EV)))
    data = brief_to_dict(_brief(disagreements=(d,)))
    assert list(data)[-2:] == ["sources", "disagreements"]
    ev = {"source": "wire", "paragraph": 2, "start": 10, "end": 40}
    assert data["disagreements"] == [{"id": "d1", "kind": "number", "key_point": "k1", "claims": [
        {"source": "wire", "value": "12", "evidence": ev}, {"source": "post", "value": "14", "evidence": ev}]}]
    assert brief_to_dict(_brief())["disagreements"] == []
