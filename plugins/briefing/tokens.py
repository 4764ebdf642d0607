"""Words of the story text and what the word lists say about them.

A token is a word with its offsets (a possessive ``'s`` kept in ``text``,
dropped from ``word``); the helpers say whether a word may be a name, a role
word, a place or a nationality, from the data files only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .text import alias_groups, word_set

# A word: letters, digits, apostrophes and hyphens; a full stop only inside
# an abbreviation ("U.S"), so a sentence's final stop is never part of a name.
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")
_POSSESSIVE = ("'s", "’s")


@dataclass(frozen=True)
class Token:
    text: str  # as written, possessive included
    start: int
    end: int
    word: str  # without a possessive 's
    possessive: bool

    @property
    def capitalised(self) -> bool:
        return self.word[:1].isupper()

    @property
    def word_end(self) -> int:
        return self.start + len(self.word)


def tokenize(raw: str, start: int, end: int) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(raw, start, end):
        text = match.group()
        possessive = text.endswith(_POSSESSIVE) and len(text) > 2
        word = text[:-2] if possessive else text
        # keep the stop of a known abbreviation such as "U.S." or "Mr."
        if not possessive and match.end() < end and raw[match.end()] == ".":
            if (word + ".").casefold() in abbreviations():
                word = text = word + "."
        tokens.append(Token(text, match.start(), match.start() + len(text), word, possessive))
    return tokens


def adjacent(raw: str, left: Token, right: Token) -> bool:
    """Whether only a single space stands between two tokens."""
    return right.start - left.end == 1 and raw[left.end] == " "


# ---------------------------------------------------------------------------
# word lists
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def titles_folded() -> frozenset[str]:
    return word_set("titles.txt", folded=True)


def is_title(word: str) -> bool:
    """A title head-word in any case (``minister``, ``Coach``), or a word with
    a profession's ending (``glaciologist``, ``physician``)."""
    folded = word.casefold()
    if folded in titles_folded():
        return True
    return any(
        folded.endswith(suffix) and len(folded) >= len(suffix) + 3 for suffix in word_set("role_suffixes.txt")
    )


def is_capital_title(word: str) -> bool:
    """A title head-word written with a capital (``Minister``, ``Glaciologist``)."""
    return word[:1].isupper() and not word.isupper() and is_title(word)


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    return word_set("titles.txt") | word_set("role_modifiers.txt")


@lru_cache(maxsize=1)
def role_words_folded() -> frozenset[str]:
    return frozenset(w.casefold() for w in role_words())


@lru_cache(maxsize=1)
def place_forms() -> dict[tuple[str, ...], str]:
    """Token sequence of every country and city form → its usual name."""
    forms: dict[tuple[str, ...], str] = {}
    for name in ("countries.txt", "cities.txt"):
        for group in alias_groups(name):
            for form in group:
                forms.setdefault(tuple(form.split()), group[0])
    return forms


@lru_cache(maxsize=1)
def longest_place_form() -> int:
    return max(len(form) for form in place_forms())


@lru_cache(maxsize=1)
def place_forms_folded() -> frozenset[str]:
    return frozenset(" ".join(form).casefold() for form in place_forms())


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Forms ending in a full stop that belongs to the word ("U.S.", "Dr.")."""
    forms = place_forms_folded() | word_set("honorifics.txt", folded=True)
    return frozenset(f for f in forms if f.endswith("."))


@lru_cache(maxsize=1)
def nationalities() -> frozenset[str]:
    return word_set("nationalities.txt")


def is_place_word(word: str) -> bool:
    return (word,) in place_forms()


def name_word(token: Token) -> bool:
    """Whether a token may be a word of a person's name."""
    word = token.word
    return (
        token.capitalised
        and not word.isupper()  # acronyms are organisations or agencies
        and word not in role_words()
        and not is_capital_title(word)
        and word not in word_set("name_stopwords.txt")
        and word not in word_set("honorifics.txt")
        and word not in nationalities()
        and word not in word_set("org_heads.txt")
        and word not in word_set("geo_heads.txt")
        and not is_place_word(word)
    ) or (len(word) == 2 and word[0].isupper() and word[1] == ".")  # an initial

