"""What one build learnt about its briefs, kept in that build's Pelican context.

Its own module so that both pieces of Pelican glue that read it, the
generator (``generator.py``) and the page writer (``writer.py``), can import
it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .link import SiteIndex
from .pipeline import BriefResult, Problem
from .views import BriefPage

#: the key of the build's ``BuildState`` in Pelican's context (made afresh for every build)
CONTEXT_KEY = "briefing"


@dataclass
class BuildState:
    """What one build learnt about its briefs; lives in that build's context.

    With the parse cache on, ``results`` hold their briefs but not their parsed
    sources (``pipeline.shelve_sources``): a source's page gets its parse
    through its ``BriefPage`` (``pages``), loaded for that page only.
    """

    results: dict[str, BriefResult]
    site: SiteIndex
    problems: tuple[Problem, ...] = ()
    pages: dict[str, BriefPage] = field(default_factory=dict)
