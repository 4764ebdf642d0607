"""The Atom feed of a relative (development) build: links from the feed's folder, ids without a domain.

DESIGN section 4 lists ``/feeds/all.atom.xml`` as an output of every build.
Pelican writes a feed item's link as SITEURL joined to the page's URL, and its
id as a ``tag:`` URI made from the link's host name. A development build has
no SITEURL (links are relative so the site works from file://) and must not
invent a domain, so Pelican alone would write links such as ``briefs/x/``
(which a reader resolves against the feed's own folder: ``feeds/briefs/x/``)
and ids such as ``tag:None,2023-02-22:briefs/x/``.

``relative_feed`` runs on Pelican's ``feed_generated`` signal (the feed is
built, not yet written) and, only in a build without an absolute SITEURL,
rewrites what needs an absolute URL:

- links relative to the feed file (``../briefs/x/``), which Atom allows (an
  IRI reference is resolved against the document's own URL);
- ids as ``urn:uuid:`` names derived from the site name and the page's path:
  absolute IRIs as Atom requires, and the same in every build.

A build with an absolute SITEURL (publish.conf.py) is left as Pelican writes it.
Nothing here imports Pelican: it edits a feedgenerator feed object.
"""

from __future__ import annotations

import posixpath
import uuid
from typing import Any, Mapping

from .jsonld import site_base


def relative_feed(context: Mapping[str, Any], feed) -> None:
    """``feed_generated``: make a relative build's feed resolve from its own location."""
    if site_base(context) is not None or context.get("SITEURL"):
        return  # absolute SITEURL: Pelican's links and tag: ids are right
    feed_path = posixpath.normpath(feed.feed.get("feed_url") or "feed.xml").lstrip("/")
    to_root = "../" * feed_path.count("/")
    site = str(context.get("SITENAME") or "")
    feed.feed["link"] = to_root or "./"
    feed.feed["feed_url"] = to_root + feed_path  # rel="self"
    feed.feed["id"] = stable_id(site, feed_path)
    for item in feed.items:
        path = item["link"].lstrip("/")
        item["link"] = to_root + path
        item["unique_id"] = stable_id(site, path)


def stable_id(site: str, path: str) -> str:
    """A urn:uuid: for ``path`` of the site named ``site``: no domain needed, same every build."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{site}:{path}").urn
