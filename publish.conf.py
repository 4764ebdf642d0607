"""Pelican settings for publishing: `pelican content -s publish.conf.py`.

Everything of pelican.conf.py, plus: absolute URLs under SITEURL (from the
environment), clean folder URLs without index.html, the Atom feed, and strict
mode, in which any problem with a brief or source fails the build.
"""

import os
import runpy
from pathlib import Path

# "pelican.conf" cannot be imported by name (it would be the pelican package's
# "conf" module), so the development settings are run from their file.
globals().update(
    (name, value)
    for name, value in runpy.run_path(str(Path(__file__).with_name("pelican.conf.py"))).items()
    if name.isupper()
)

# SITEURL=https://example.org/briefing pelican content -s publish.conf.py
SITEURL = os.environ.get("SITEURL", "https://briefing.example.org").rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"

BRIEFING_LINK_INDEX_HTML = False
BRIEFING_STRICT = True

# Where `invoke publish` mirrors output/ with rsync (--delete: a folder of its
# own). $BRIEFING_PUBLISH_TARGET wins over this, e.g. in CI.
BRIEFING_PUBLISH_TARGET = ""  # e.g. "user@host:/srv/www/briefing/"
