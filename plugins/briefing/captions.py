"""Photo captions and reporting credit lines in scraped text.

A caption is the text under a photo, ending in its credit (``… in Lagos
(AP Photo/Jane Doe)``); a credit line names who reported and edited the story
(``(Reporting by Ann Lee; Editing by Bo Park)``). Neither is story text, but
their credits are kept, so both are told apart from a story paragraph that
merely ends in parentheses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lines import TERMINAL
from .wordlists import alias_groups, word_list, word_set

# "… Lagos, June 2, 2021. AGENCY/Jane Doe"
_SLASH_CREDIT = re.compile(
    r"(?:^|[.!?][ ]+)(?P<credit>[A-Z]{2,}(?:[ ][A-Z]{2,}){0,2}/[A-Z][\w.'’-]*(?:[ ][A-Z][\w.'’-]*){0,3})[ ]*$"
)
# "(Photo: Jo Hale)" at the end of a caption: the label makes it a credit.
_PHOTO_LABEL = re.compile(r"(?:Photograph|Photo|Picture|Image)s?(?:[ ]by)?:[ ]*(?P<credit>[^()]+)$")
# "… after the storm. Photograph: Jo Hale/AFP": a labelled credit after the caption's sentence.
_PHOTO_TAIL = re.compile(
    r"(?:^|[.!?][ ]+)(?:Photograph|Photo|Picture|Image)s?(?:[ ]by)?:[ ]*(?P<credit>[^.!?]{2,60})$"
)


def caption_credit(text: str) -> str | None:
    """The credit of a photo caption, or None if ``text`` is not a caption.

    A caption ends in a short parenthesised credit: ``… in Lagos (AP)``.
    A story paragraph ends its last sentence with punctuation, so a credit
    after a finished sentence only counts when it names a photo
    (``… in Washington. (AP Photo/Jane Doe)``). An abbreviation of the words
    before it (``… Treaty Organization (NATO)``) is not a credit.
    """
    if text.endswith(")"):
        open_at = text.rfind("(")
        if open_at <= 0:
            return None
        credit = text[open_at + 1 : -1].strip()
        before = text[:open_at].rstrip()
        labelled = _PHOTO_LABEL.match(credit)
        if labelled and len(before.split()) >= 3 and len(credit) <= 70:
            return labelled.group("credit").strip()  # "(Photo: Jo Hale)"
        if not _is_short_credit(credit) or len(before.split()) < 3:
            return None
        if _is_photo_credit(credit):
            return credit
        if is_wire_agency(credit) and _describes_a_picture(before):
            return credit  # "… on Tuesday. (Reuters)": an agency photo's caption
        if before.endswith(TERMINAL + (",",)) or _abbreviates(credit, before):
            return None
        return credit
    photo = _PHOTO_TAIL.search(text[-90:])
    if photo and len(text.split()) > 3:
        return photo.group("credit").strip()
    if text.startswith(("Pictured:", "Pictured ")) and len(text.split()) <= 40:
        return "Pictured"
    match = _SLASH_CREDIT.search(text[-80:])
    if match and len(text.split()) > 4:
        return match.group("credit")
    return None


def wire_agencies() -> dict[str, str]:
    """Casefolded form → usual name of the wire agencies in ``data/wire_agencies.txt``."""
    return _wire_agencies()


@lru_cache(maxsize=1)
def _wire_agencies() -> dict[str, str]:
    return {form.casefold(): group[0] for group in alias_groups("wire_agencies.txt") for form in group}


def is_wire_agency(text: str) -> bool:
    return text.strip().casefold() in _wire_agencies()


def _describes_a_picture(before: str) -> bool:
    """One short finished sentence reporting nobody's words: what a caption
    over an agency credit is (a story paragraph ending "(Reuters)" reports)."""
    words = {w.strip(".,;:\"“”'’").casefold() for w in before.split()}
    return (
        before.endswith(".")
        and len(before.split()) <= 40
        and before[:-1].count(". ") == 0
        and not words & word_set("reporting_verbs.txt", folded=True)
    )


def _is_short_credit(credit: str) -> bool:
    words = credit.split()
    return (
        0 < len(words) <= 6
        and len(credit) <= 60
        and credit[0].isupper()
        and not any(mark in credit for mark in "()!?;:\"“”")
    )


def _is_photo_credit(credit: str) -> bool:
    words = word_set("photo_credit_words.txt")
    return "/" in credit or any(w.strip(".,/") in words for w in credit.replace("/", " ").split())


def _abbreviates(credit: str, before: str) -> bool:
    """Whether ``credit`` is the initials of the capitalised words before it."""
    if not credit.isupper() or " " in credit:
        return False
    initials = ""
    connectors = word_set("role_connectors.txt")
    for word in reversed(before.split()[-(len(credit) * 2 + 2) :]):
        if word in connectors:
            continue
        if not word[0].isupper():
            break
        initials = word[0] + initials
        if initials == credit.replace(".", ""):
            return True
    return False


def credit_line_start(text: str) -> int | None:
    """Where a reporting credit line ``(Reporting by X; Editing by Y)`` starts
    in ``text`` (0 for a block of its own, later if it ends a paragraph)."""
    if text.endswith(")"):
        open_at = text.rfind("(")
        if open_at >= 0 and _opens_credit_line(text[open_at + 1 :]):
            if open_at == 0 or text[:open_at].rstrip().endswith(TERMINAL):
                return open_at
        return None
    if _opens_credit_line(text) and " by " in text and len(text) <= 300:
        return 0
    return None


def _opens_credit_line(text: str) -> bool:
    text = text.lstrip()
    for opener in word_list("credit_lines.txt"):
        if text.startswith(opener) and text[len(opener) : len(opener) + 1] in (" ", ":"):
            return True
    return False


def strip_parens(text: str) -> str:
    """A credit line without its enclosing parentheses."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text.strip()


def credit_parts(inner: str) -> list[str]:
    """The credits of one line: ``Reporting by X; Editing by Y`` is two."""
    return [part.strip() for part in inner.split(";") if part.strip()]

