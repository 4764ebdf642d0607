"""briefing.jsonld: schema.org dicts from hand-made briefs, and a serialisation text cannot escape."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from briefing.jsonld import brief_graph, canonical_url, dumps, page_path, script_block, site_base
from briefing.model import Speaker
from conftest import make_brief, person, quote, source

BASE = "https://example.org/site"
HOSTILE = "</script><script>alert(1)</script>"


def seed_brief(text: str = "We will not give up") -> object:
    sun = person("sun-weidong", "Sun Weidong", "vice foreign minister")
    return make_brief(
        "talks",
        "2023-02-22",
        entities=[sun],
        sources=[source("wire", "Reuters", "talks", date="2023-02-22", url="https://reuters.example/a")],
        quotes=[quote("q1", text, Speaker("sun-weidong", "Sun Weidong", "vice foreign minister"), "wire")],
    )


def nodes(data: dict, type_: str) -> list[dict]:
    return [n for n in data["@graph"] if n["@type"] == type_]


def test_brief_is_a_news_article_based_on_its_sources_mentioning_its_entities():
    data = brief_graph(seed_brief(), BASE, "Briefing")
    assert data["@context"] == "https://schema.org"
    [article] = nodes(data, "NewsArticle")
    assert article["headline"] == "Brief talks"
    assert article["datePublished"] == "2023-02-22"
    assert article["url"] == "https://example.org/site/briefs/talks/"
    [work] = article["isBasedOn"]
    assert work["url"] == "https://example.org/site/briefs/talks/sources/wire/"
    assert work["sameAs"] == "https://reuters.example/a"
    assert work["publisher"] == {"@type": "Organization", "name": "Reuters"}
    assert article["citation"] == [{"@id": work["@id"]}]
    assert article["mentions"] == [
        {"@type": "Person", "@id": "https://example.org/site/people/sun-weidong/",
         "url": "https://example.org/site/people/sun-weidong/", "name": "Sun Weidong",
         "jobTitle": "vice foreign minister"}
    ]


def test_each_quote_is_a_quotation_by_its_speaker_part_of_the_brief():
    data = brief_graph(seed_brief(), BASE)
    [q] = nodes(data, "Quotation")
    assert q["text"] == "We will not give up"
    assert q["@id"] == "https://example.org/site/briefs/talks/#q1"
    assert q["creator"]["@type"] == "Person" and q["creator"]["name"] == "Sun Weidong"
    assert q["spokenByCharacter"] == q["creator"]
    assert q["isPartOf"]["@id"] == "https://example.org/site/briefs/talks/"


def test_without_an_absolute_base_no_url_or_id_is_guessed():
    text = dumps(brief_graph(seed_brief(), None))
    assert '"url"' not in text and '"@id"' not in text
    assert nodes(json.loads(text), "Quotation")[0]["isPartOf"] == {"@type": "NewsArticle", "headline": "Brief talks"}


def test_hostile_text_stays_inside_the_data_block():
    html = str(script_block(brief_graph(seed_brief(HOSTILE), BASE)))
    assert "<" not in html[len('<script type="application/ld+json">'):-len("</script>")]
    doc = BeautifulSoup(f"<head>{html}</head>", "html.parser")
    [block] = doc.find_all("script")
    assert block["type"] == "application/ld+json"
    assert nodes(json.loads(block.string), "Quotation")[0]["text"] == HOSTILE


def test_serialisation_is_deterministic_with_sorted_keys():
    assert dumps({"b": 1, "a": "&"}) == '{"a":"\\u0026","b":1}'
    assert dumps(brief_graph(seed_brief(), BASE)) == dumps(brief_graph(seed_brief(), BASE))


def test_page_path_and_site_base():
    assert page_path("briefs/x/index.html") == "briefs/x/"
    assert page_path("index.html") == ""
    assert site_base({"SITEURL": "https://e.org/", "RELATIVE_URLS": False}) == "https://e.org"
    assert site_base({"SITEURL": "../..", "RELATIVE_URLS": True}) is None


def test_canonical_url_is_absolute_and_clean_or_absent():
    from jinja2 import Environment

    env = Environment()
    env.globals["canonical_url"] = canonical_url
    template = env.from_string("{{ canonical_url() }}")
    publish = {"SITEURL": BASE, "RELATIVE_URLS": False, "BRIEFING_LINK_INDEX_HTML": False,
               "output_file": "people/sun/index.html"}
    assert template.render(publish) == "https://example.org/site/people/sun/"
    assert template.render(dict(publish, SITEURL="..", RELATIVE_URLS=True)) == "None"
