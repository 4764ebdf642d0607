"""briefing.assets: content-hashed theme assets, .nojekyll and the 404 page of a build."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.assets import AssetError, asset_path, hash_theme_files, hashed_name
from conftest import ROOT, run_pelican

HASHED_CSS = re.compile(r"^theme/css/site\.([0-9a-f]{8})\.css$")


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def stylesheet(doc: BeautifulSoup) -> str:
    return doc.find("link", rel="stylesheet")["href"]


def test_a_hashed_name_is_the_start_of_the_sha256_of_the_bytes():
    digest = hashlib.sha256(b"body {}").hexdigest()[:8]
    assert hashed_name("css/site.css", b"body {}") == f"css/site.{digest}.css"
    assert hashed_name("css/site.css", b"body {}") == hashed_name("css/site.css", b"body {}")
    assert hashed_name("css/site.css", b"body { }") != hashed_name("css/site.css", b"body {}")


def test_the_asset_path_is_computed_from_the_themes_own_file(tmp_path):
    (tmp_path / "static" / "css").mkdir(parents=True)
    (tmp_path / "static" / "css" / "site.css").write_bytes(b"p {}")
    settings = {"THEME": str(tmp_path), "THEME_STATIC_DIR": "theme"}
    assert asset_path(settings, "css/site.css") == "theme/" + hashed_name("css/site.css", b"p {}")
    with pytest.raises(AssetError, match="no static file 'css/gone.css'"):
        asset_path(settings, "css/gone.css")


def test_only_the_themes_own_files_are_renamed_so_nothing_is_hashed_twice(tmp_path):
    theme, out = tmp_path / "static", tmp_path / "out"
    for root in (theme, out):
        (root / "js").mkdir(parents=True)
        (root / "js" / "a.js").write_bytes(b"1;")
    (out / "js" / "a.0000aaaa.js").write_bytes(b"old;")  # left by an earlier build
    renamed = hash_theme_files(theme, out)
    assert [p.name for p in renamed] == [Path(hashed_name("a.js", b"1;")).name]
    # not hashed again, and gone: nothing links to the older copy
    assert sorted(p.name for p in (out / "js").iterdir()) == [renamed[0].name]


def test_the_built_site_links_its_css_and_js_by_hashes_of_their_bytes(built_site):
    out = built_site.output
    theme_css = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()
    href = stylesheet(page(out / "index.html"))
    assert HASHED_CSS.match(href.removeprefix("./")), href
    published = out / href
    assert published.read_bytes() == theme_css
    assert published.name == Path(hashed_name("css/site.css", theme_css)).name
    assert stylesheet(page(out / "timeline" / "index.html")) == "../" + href.removeprefix("./")
    scripts = [s["src"] for s in page(out / "search" / "index.html").find_all("script")]
    js = hashed_name("js/search.js", (ROOT / "theme" / "static" / "js" / "search.js").read_bytes())
    assert scripts[-1] == f"../theme/{js}" and (out / "theme" / js).is_file()
    # nothing links to the plain names, so they are not published
    assert not (out / "theme" / "css" / "site.css").exists()
    assert not (out / "theme" / "js" / "search.js").exists()


def test_a_change_in_the_css_changes_its_name(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    with open(theme / "static" / "css" / "site.css", "a", encoding="utf-8") as css:
        css.write("\n.changed { color: inherit; }\n")
    build = run_pelican(ROOT / "content", tmp_path / "out", "pelican.conf.py", "-t", str(theme))
    assert build.returncode == 0, build.log
    href = stylesheet(page(build.output / "index.html")).removeprefix("./")
    assert HASHED_CSS.match(href)
    assert href != "theme/" + hashed_name("css/site.css", (ROOT / "theme/static/css/site.css").read_bytes())
    assert (build.output / href).read_bytes() == (theme / "static" / "css" / "site.css").read_bytes()


def test_the_built_site_is_ready_for_static_hosts(built_site):
    out = built_site.output
    assert (out / ".nojekyll").read_bytes() == b""
    doc = page(out / "404.html")
    assert doc.find("h1").get_text(strip=True) == "Page not found"
    # the development build links relative to the root, where the file is
    assert doc.find("a", string="front page")["href"] == "./index.html"


def test_the_publishing_404_page_links_absolutely_so_it_works_at_any_depth(tmp_path, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://news.example.org/briefing")
    build = run_pelican(ROOT / "content", tmp_path / "out", "publish.conf.py")
    assert build.returncode == 0, build.log
    doc = page(build.output / "404.html")
    links = [a["href"] for a in doc.find_all("a", href=True) if not a["href"].startswith("#")]
    links.append(stylesheet(doc))
    assert links and all(link.startswith("https://news.example.org/briefing/") for link in links), links
    assert (build.output / stylesheet(doc).removeprefix("https://news.example.org/briefing/")).is_file()
    assert (build.output / ".nojekyll").is_file()


def test_a_copy_under_an_older_hash_is_deleted_and_other_files_are_kept(tmp_path):
    theme_static, output = tmp_path / "static", tmp_path / "out"
    (theme_static / "css").mkdir(parents=True)
    (output / "css").mkdir(parents=True)
    (theme_static / "css" / "site.css").write_text("body { color: red }", encoding="utf-8")
    shutil.copy(theme_static / "css" / "site.css", output / "css" / "site.css")
    (output / "css" / "site.0123abcd.css").write_text("body { color: blue }", encoding="utf-8")  # last build's
    (output / "css" / "site.print.css").write_text("@media print {}", encoding="utf-8")  # not a hash
    (output / "css" / "site.0123abcd.css.map").write_text("{}", encoding="utf-8")  # another suffix
    (renamed,) = hash_theme_files(theme_static, output)
    assert sorted(p.name for p in (output / "css").iterdir()) == sorted(
        [renamed.name, "site.print.css", "site.0123abcd.css.map"])
