"""Every link of the built site resolves (DESIGN.md section 4), checked by linkcheck.py.

The checker is tested on a tiny hand-made site first, so a pass over the real
site means something: it does find a missing file, a missing anchor, a folder
link, a root-relative path and a stray external link.
"""

from __future__ import annotations

from pathlib import Path

from briefing.linkcheck import broken_links


def write(root: Path, path: str, body: str) -> None:
    page = root / path
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")


def tiny_site(root: Path) -> None:
    write(root, "index.html", """
        <p id="top">A <a href="a/index.html#p1">good link</a> and <a href="#top">a good anchor</a>.</p>
        <a href="a/missing.html">missing file</a>
        <a href="a/index.html#p9">missing anchor</a>
        <blockquote cite="a/index.html#p2"><p>quoted</p></blockquote>
        <q cite="b/index.html">quoted</q>
        <dl><dt>Original</dt><dd><a class="external" href="https://example.org/x">https://example.org/x</a></dd></dl>
    """)
    write(root, "a/index.html", """
        <p id="p1">one</p><p id="p2">two</p>
        <a href="../index.html#nowhere">missing anchor on another page</a>
        <a href="../a/">a folder</a>
        <a href="/index.html">root-relative</a>
        <link rel="stylesheet" href="../css/site.css">
        <img src="../img/x.png" alt="">
        <p>See <a href="https://example.org/y">elsewhere</a>.</p>
    """)
    (root / "css").mkdir()
    (root / "css" / "site.css").write_text("body {}", encoding="utf-8")


def test_the_checker_finds_each_kind_of_broken_link(tmp_path):
    tiny_site(tmp_path)
    assert broken_links(tmp_path) == [
        "a/index.html → ../index.html#nowhere: no element with id 'nowhere' on index.html",
        "a/index.html → ../a/: a folder, not a file",
        "a/index.html → /index.html: root-relative path (breaks from file:// and under a sub-path)",
        "a/index.html → ../img/x.png: no such file",
        "a/index.html → https://example.org/y: external link outside a source's Original line",
        "index.html → a/missing.html: no such file",
        "index.html → a/index.html#p9: no element with id 'p9' on a/index.html",
        "index.html → b/index.html: no such file",
    ]


def test_the_checker_passes_a_site_whose_links_all_resolve(tmp_path):
    write(tmp_path, "index.html", '<p id="x"><a href="b/index.html#y">b</a> <a href="#x">x</a></p>')
    write(tmp_path, "b/index.html", '<h1 id="y">b</h1><blockquote cite="../index.html#x">q</blockquote>')
    assert broken_links(tmp_path) == []


def test_every_internal_link_and_anchor_of_the_built_site_resolves(built_site):
    pages = list(built_site.output.rglob("*.html"))
    assert len(pages) > 10, "the site has too few pages to be the real build"
    broken = broken_links(built_site.output)
    assert broken == [], "broken links (page → link: why):\n" + "\n".join(broken)
