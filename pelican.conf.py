"""Pelican settings for development: `invoke build` / `pelican content -s pelican.conf.py`.

Links are relative and folder links end in index.html, so the built site works
opened straight from disk (file://) and under any sub-path. The Atom feed and
sitemap.xml are written here too (DESIGN.md section 4), with relative links;
publish.conf.py makes them absolute.
"""

import logging

AUTHOR = "Briefing editors"
SITENAME = "Briefing"
SITESUBTITLE = "News stories from several outlets, sourced paragraph by paragraph"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# --- what Pelican reads -----------------------------------------------------
# Each brief is content/briefs/<slug>/brief.md; its articles in sources/ are
# read by the briefing plugin, never by Pelican ("sources" in IGNORE_FILES).
ARTICLE_PATHS = ["briefs"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
IGNORE_FILES = ["**/.*", ".#*", "sources"]
# A brief's slug is the name of its folder.
PATH_METADATA = r"briefs/(?P<slug>[^/]+)/brief\.md"
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "briefs"
# Summary stays plain text: it is copied into brief.json as it is.
FORMATTED_FIELDS = []

# --- URLs (DESIGN.md section 4) ---------------------------------------------
ARTICLE_URL = "briefs/{slug}/"
ARTICLE_SAVE_AS = "briefs/{slug}/index.html"
ARTICLE_LANG_URL = "briefs/{slug}/{lang}/"
ARTICLE_LANG_SAVE_AS = "briefs/{slug}/{lang}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "pages/{slug}/"
PAGE_SAVE_AS = "pages/{slug}/index.html"
PAGE_LANG_URL = "pages/{slug}/{lang}/"
PAGE_LANG_SAVE_AS = "pages/{slug}/{lang}/index.html"

# Only the index among Pelican's listing pages; tags, categories, authors and
# archives are not part of this site.
# "404" (theme/templates/404.html, written to /404.html) is the page static
# hosts show for a missing URL: GitHub Pages and Netlify look for it there.
DIRECT_TEMPLATES = ["index", "search", "404"]
SEARCH_SAVE_AS = "search/index.html"
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

# --- feeds: the Atom feed of all briefs ----------------------------------------
# DESIGN.md section 4 lists /feeds/all.atom.xml, so the development build writes
# it too. It has no absolute SITEURL and must not invent a domain: the plugin
# (briefing.feeds) writes its links relative to the feed file ("../briefs/x/")
# and its ids as urn:uuid: names made from each page's path, so the feed is
# valid Atom without one. Pelican cannot know that and warns that a feed
# without SITEURL or FEED_DOMAIN "may not be valid"; that one warning is
# filtered here (it would fail `invoke build --fatal`). publish.conf.py sets
# SITEURL, so published feeds have absolute links and Pelican's own ids.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
LOG_FILTER = [
    (logging.WARNING, "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid"),
]
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- theme and plugin ---------------------------------------------------------
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["briefing"]
# Article text is untrusted: escape everything in templates (the plugin also
# enforces this).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
DISPLAY_PAGES_ON_MENU = True

# Same content, same bytes: no build times anywhere.
# A rebuild writes into the folder as the last build left it, so unchanged
# pages are neither deleted nor written again; the plugin deletes the pages
# the build no longer writes (a brief or source removed) and the theme
# assets' older hashed copies. `invoke build` always starts from an empty
# folder. (With BRIEFING_CACHE_PATH = False there is no record of what the
# last build wrote: set DELETE_OUTPUT_DIRECTORY = True then.)
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION = [".git", ".nojekyll", "pagefind"]

# --- briefing plugin (see plugins/briefing/settings.py for every setting) ------
BRIEFING_LINK_INDEX_HTML = True
BRIEFING_STRICT = False
