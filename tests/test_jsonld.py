"""briefing.jsonld: schema.org dicts from hand-made briefs, and a serialisation text cannot escape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from browsers import BROWSER_MARKS

from briefing.jsonld import brief_graph, canonical_url, dumps, page_path, script_block, site_base
from briefing.model import Speaker
from conftest import make_brief, person, quote, run_pelican, source

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


# --------------------------------------------------------------------------
# built pages: one data block per page, hostile text kept inside it
# --------------------------------------------------------------------------

DATA_BLOCK = "application/ld+json"
PUBLISHED = "https://example.org/sub"
SLUG = "bridge"
WIRE = f"""Outlet: Coastline News
Date: 2024-03-05

Harbour bridge to close

VALPORT (Reuters) - The Valport council said on Tuesday it will close the harbour bridge for six weeks of repairs.

"We cannot keep a bridge open that might fail {HOSTILE}," Mayor Ilse Marten told reporters at the town hall.

Marten said ferries will run every 20 minutes while the bridge is shut.
"""


def is_jsonld_block(tag) -> bool:
    """A ``<script>`` that is a JSON-LD data block: never run, so allowed on any page.

    Anything else called script (a src, another type, text that is not JSON) is not.
    """
    if tag.name != "script" or tag.get("type") != DATA_BLOCK or tag.has_attr("src"):
        return False
    try:
        json.loads(tag.string or "")
    except ValueError:
        return False
    return True


def test_only_json_data_blocks_count_as_data_blocks():
    def tag(html):
        return BeautifulSoup(html, "html.parser").find("script")

    assert is_jsonld_block(tag(f'<script type="{DATA_BLOCK}">{{"a":1}}</script>'))
    for html in ["<script>alert(1)</script>", '<script type="module">{}</script>',
                 f'<script type="{DATA_BLOCK}" src="x.js">{{}}</script>',
                 f'<script type="{DATA_BLOCK}">alert(1)</script>']:
        assert not is_jsonld_block(tag(html)), html


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """A one-brief site whose title and quote try to close the data block, built for publishing."""
    content = tmp_path_factory.mktemp("jsonld") / "content"
    brief = content / "briefs" / SLUG
    (brief / "sources").mkdir(parents=True)
    # the title is read as HTML and kept as its text (briefing.generator.meta_of): escaped here
    title = HOSTILE.replace("<", "&lt;").replace(">", "&gt;")
    (brief / "brief.md").write_text(f"Title: Bridge {title} closes\nDate: 2024-03-05\n\nA note.\n")
    (brief / "sources" / "wire.txt").write_text(WIRE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", PUBLISHED)
        build = run_pelican(content, content.parent / "output", "publish.conf.py")
    assert build.returncode == 0, build.log
    return build.output


def blocks(page: Path) -> list[dict]:
    """The JSON-LD of ``page``'s data blocks, each checked to be in the head."""
    doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = [s for s in doc.find_all("script") if is_jsonld_block(s)]
    assert all(s.parent.name == "head" for s in found), page
    return [json.loads(s.string) for s in found]


def test_brief_page_has_its_news_article_and_quotes_with_the_hostile_text_as_data(published_site):
    page = published_site / "briefs" / SLUG / "index.html"
    html = page.read_text(encoding="utf-8")
    [data] = blocks(page)
    [article] = nodes(data, "NewsArticle")
    assert article["headline"] == f"Bridge {HOSTILE} closes"
    assert article["url"] == f"{PUBLISHED}/briefs/{SLUG}/"
    assert [q["text"] for q in nodes(data, "Quotation")] == [f"We cannot keep a bridge open that might fail {HOSTILE}"]
    # the raw block has no "<" of its own text: nothing in it can end it early
    block = html[html.index(f'<script type="{DATA_BLOCK}">'):]
    body = block[len(f'<script type="{DATA_BLOCK}">'):block.index("</script>")]
    assert "<" not in body and "\\u003c/script\\u003e" in body


def test_each_page_kind_has_one_block_of_its_type_at_its_canonical_url(published_site):
    out = published_site
    person = sorted(out.glob("people/*/index.html"))[0]
    expected = {
        out / "index.html": "WebSite",
        out / "briefs" / SLUG / "index.html": "NewsArticle",
        out / "briefs" / SLUG / "sources" / "wire" / "index.html": "NewsArticle",
        person: "Person",
        out / "outlets" / "coastline-news" / "index.html": "NewsMediaOrganization",
        out / "timeline" / "index.html": "CollectionPage",
    }
    for page, type_ in expected.items():
        [data] = blocks(page)
        node = data["@graph"][0]
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert len(doc.find_all("script")) == 1, page  # no other script
        canonical = doc.find("link", rel="canonical")["href"]
        assert node["@type"] == type_ and node["url"] == canonical, page
        folder = page.parent.relative_to(out).as_posix()
        assert canonical == PUBLISHED + "/" + ("" if folder == "." else folder + "/"), page
        assert doc.find("meta", property="og:url")["content"] == canonical
        assert doc.find("meta", property="og:site_name")["content"] == "Briefing"
    brief = BeautifulSoup((out / "briefs" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert brief.find("meta", property="og:title")["content"] == f"Bridge {HOSTILE} closes"
    assert brief.find("meta", property="og:type")["content"] == "article"
    assert brief.find("meta", property="og:description")["content"]


def test_the_relative_build_has_titles_and_data_but_no_urls_it_would_guess(built_site):
    out = built_site.output
    pages = sorted(out.rglob("*.html"))
    with_data = 0
    for page in pages:
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.find("link", rel="canonical") is None and doc.find("meta", property="og:url") is None, page
        assert doc.find("meta", property="og:title")["content"], page
        for data in blocks(page):
            with_data += 1
            assert '"url"' not in dumps(data) and '"@id"' not in dumps(data), page
    assert with_data >= len(pages) - 2  # all but the search page and the fallback article page


# --------------------------------------------------------------------------
# the browser: a data block is not a script, so the CSP has nothing to report
# --------------------------------------------------------------------------


def _brief_page(built_site) -> Path:
    return sorted((built_site.output / "briefs").glob("*/index.html"))[0]


@pytest.fixture
def tab(browser):
    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    yield page, console
    context.close()


def in_browser(test):
    for mark in BROWSER_MARKS:
        test = mark(test)
    return test


@in_browser
def test_data_blocks_raise_no_csp_report_where_an_inline_script_does(tab, built_site):
    page, console = tab
    page.goto(_brief_page(built_site).as_uri())
    page.wait_for_load_state()
    assert page.locator(f'head script[type="{DATA_BLOCK}"]').count() == 1
    assert [m for m in console if "Content Security Policy" in m] == []
    # the same check sees a refused inline script: it is not blind
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                  " document.head.appendChild(s); }")
    assert page.evaluate("window.ran") is None
    assert any("Content Security Policy" in m for m in console), console
