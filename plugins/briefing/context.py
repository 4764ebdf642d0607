"""What attribution knows while it goes through one source's quotes.

Shared by ``speakers.py`` (how a quote is tied to its cue), ``cues.py``
(the cue's verb and subject) and ``descriptions.py`` (``the minister``,
``the spokesperson``, ``they``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .coref import Scope
from .table import EntityTable, Entry
from .tokens import Token, is_place_word, is_title, nationalities
from .wordlists import word_set

if TYPE_CHECKING:
    from .quotes import Utterance

REACH = 300  # characters around a quote searched for its cue
FAR = 6  # paragraphs a pronoun may reach back when none nearer fits
# Look-backs also stop after this many characters, whatever the paragraphs:
# a pronoun or description whose referent is further away than that is rare,
# and without a bound one huge paragraph of quotes costs time squared.
NEAR_CHARS = 2000
FAR_CHARS = 6000
ARTICLES = ("a", "an", "the")


def _verbs() -> frozenset[str]:
    return word_set("reporting_verbs.txt")


def is_verb(token: Token) -> bool:
    return token.text in _verbs()


@dataclass
class Context:
    """What attribution knows while it goes through a source's quotes in order."""

    raw: str
    table: EntityTable
    quoted: set[int]  # offsets of quoted words
    para_start: dict[int, int]
    sentence_at: object  # offset → Sentence
    names: dict[str, list[tuple[int, str]]]  # name word → (offset, full name) the text writes
    written: list[tuple[int, str]] = field(default_factory=list)  # every full name written, in text order
    previous: Utterance | None = None
    speakers: list[Entry] = field(default_factory=list)

    def unquoted(self, tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.start not in self.quoted]

    def scope(self, piece) -> Scope:
        """Pronouns and descriptions look back over this paragraph and the two before."""
        return Scope(
            table=self.table,
            not_before=max(
                self.para_start.get(max(1, piece.paragraph - 2), 0), piece.mark - NEAR_CHARS
            ),
            quoted=self.quoted.__contains__,
            sentence_start=lambda offset: self.sentence_at(offset).start,
            speakers=self.speakers,
            raw=self.raw,
        )


def role_word(token: Token) -> bool:
    """A word that may stand in a role or description before a name."""
    folded = token.word.casefold()
    return (
        folded in ARTICLES
        or folded in word_set("role_connectors.txt")
        or is_title(folded)
        or folded in word_set("role_modifiers.txt", folded=True)
        or token.word in nationalities()
        or is_place_word(token.word)
    )
