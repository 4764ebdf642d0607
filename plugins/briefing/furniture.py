"""Page furniture: the lines around a story that are not story text.

Labels and mastheads over the headline, bylines, standfirsts, a live blog's
headings and time stamps, "Related:" links, and the ``Ends`` / ``Notes to
editors`` line after which a press release is no longer story. The cues come
from ``data/boilerplate_cues.txt`` and ``data/end_markers.txt``, so that a new
outlet's furniture is a data change, not a code change.
"""

from __future__ import annotations

import re
from functools import cache

from .lines import TERMINAL
from .wordlists import word_list, word_set

FURNITURE_KINDS = ("boilerplate", "byline", "standfirst", "heading")
_CONTRIBUTED = re.compile(r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\b")
_BYLINE = re.compile(r"(?:By|BY|by)[ ]+[A-Z]")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
# a whole quoted sentence, maybe signed after a dash: "Stay safe." — Tom
_SIGNED_QUOTE = re.compile(r"[\"“‘'].*[.!?][\"”’']\s*(?:[—–-]\s*\S.*)?")


def is_end_marker(text: str) -> bool:
    """``Ends`` or ``Notes to editors`` on a line of its own: the story is over."""
    key = text.strip().rstrip(":").strip()
    return key.casefold() in word_set("end_markers.txt", folded=True)


def is_label(text: str) -> bool:
    """A short upper-case line above the headline: a kicker (``ANALYSIS``,
    ``PRESS RELEASE``) or the outlet's masthead."""
    words = text.split()
    return 0 < len(words) <= 4 and text.upper() == text and any(c.isalpha() for c in text) and not text.endswith(".")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(" )]").endswith(TERMINAL)


def furniture_kind(text: str, *, before_story: bool) -> str | None:
    """What a line the layout would keep as story is, if it is page furniture.

    * ``"byline"``: ``By Jane Doe`` (no sentence after it);
    * ``"boilerplate"``: a line opening with a cue of ``data/boilerplate_cues.txt``
      (``Related:``, ``Sign up``, ``Live · Last updated``, ``This interview has
      been edited…``), or a bare clock time (a live blog's entry stamp);
    * ``"standfirst"``: above the story, a line that does not end a sentence
      (a deck under the headline, a date line, ``Name in City``). In the
      story, a line that does not end a sentence and has no more than a
      headline's words is a ``"heading"`` (a live blog's "key events").
      An agency's "X contributed to this report" is boilerplate too.
      A quoted sentence signed after a dash (a reader's message, ``"Stay
      safe." — Tom``) is story: the sentence ends inside the marks.
    """
    stripped = text.strip()
    words = stripped.split()
    if len(words) <= 30 and (_opens_with_cue(stripped) or _CONTRIBUTED.search(stripped)):
        return "boilerplate"
    if _CLOCK.fullmatch(stripped) or _CLOCK.match(stripped) and len(words) <= 4 and not _ends_sentence(stripped):
        return "boilerplate"
    if _ends_sentence(stripped):
        return None
    if _BYLINE.match(stripped) and len(words) <= 12:
        return "byline"
    if before_story:
        return "standfirst"
    if _SIGNED_QUOTE.fullmatch(stripped):
        return None
    return "heading" if len(words) <= 20 and not stripped.endswith((",", "-", "–", "—")) else None


def opens_with_cue(text: str) -> bool:
    """``text`` opens with a page-furniture cue (``data/boilerplate_cues.txt``)."""
    return _opens_with_cue(text)


def _opens_with_cue(text: str) -> bool:
    folded = text.casefold()
    cues = _folded_cues()
    # One C-level test against every cue first: most text opens with none, and a
    # casefold and a test per cue per sentence was 1.1 ms of a brief's 60.
    if not folded.startswith(cues):
        return False
    return any(
        folded.startswith(c) and (c[-1] in ":·-" or len(folded) == len(c) or not folded[len(c)].isalpha())
        for c in cues
    )


@cache  # one list: the casefolded cues, made once
def _folded_cues() -> tuple[str, ...]:
    return tuple(cue.casefold() for cue in word_list("boilerplate_cues.txt"))
