"""Words of the story text and what the word lists say about them.

A token is a word with its offsets (a possessive ``'s`` kept in ``text``,
dropped from ``word``); the helpers say whether a word may be a name, a role
word, a place or a nationality, from the data files only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .wordlists import alias_groups, word_set

# A word: letters, digits, apostrophes and hyphens; a full stop only inside
# an abbreviation ("U.S"), so a sentence's final stop is never part of a name.
# combining accents (U+0300–036F) belong to their word: Yoruba "Ọ̀ṣúntókun"
_TOKEN = re.compile(r"[^\W\d_][\u0300-\u036f]*(?:[\w'’\u0300-\u036f-]|\.(?=\w))*")
_POSSESSIVE = ("'s", "’s")


# Tokens are values: compared and hashed by their fields, and never changed
# (the cache below hands the same ones to every stage). The class is not
# frozen for speed alone: a frozen dataclass's __init__ sets each field
# through object.__setattr__ (0.75 µs a token against 0.17 µs here, about
# 1,200 tokens an article), and with slots the rules, which read fields
# millions of times, read them faster than from a dict or a named tuple.
# Against the frozen dataclass: parsing 9.1 → 8.1 ms a corpus article,
# 11.4 → 10.6 ms a bench/parse_speed.py article.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str  # as written, possessive included
    start: int
    end: int
    word: str  # without a possessive 's
    possessive: bool
    # ``word[:1].isupper()``, worked out once: the rules ask it of every
    # token many times over
    capitalised: bool

    @property
    def word_end(self) -> int:
        return self.start + len(self.word)


# ``J.R. Okafor``: joined initials keep their last stop, as ``J.`` does, so
# they stay one word of the name before it
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z]){1,3}")
_INITIALS_STOP = re.compile(r"(?:[A-Z]\.){2,4}")


def tokenize(raw: str, start: int, end: int) -> list[Token]:
    """The words of ``raw[start:end]``. Every stage tokenises the same
    sentences again, so the tokens of recent spans are kept (a fresh list
    each time: callers may change theirs)."""
    return list(_tokenize_span(raw, start, end))


@lru_cache(maxsize=4096)
def _tokenize_span(raw: str, start: int, end: int) -> tuple[Token, ...]:
    tokens = []
    known = abbreviations()
    for match in _TOKEN.finditer(raw, start, end):
        text = match.group()
        begin, after = match.span()
        possessive = text.endswith(_POSSESSIVE) and len(text) > 2
        word = text[:-2] if possessive else text
        # keep the stop of a known abbreviation such as "U.S." or "Mr."
        if not possessive and after < end and raw[after] == ".":
            if (word + ".").casefold() in known or _INITIALS.fullmatch(word) or _initial(raw, after, end):
                word = text = word + "."
        tokens.append(Token(text, begin, begin + len(text), word, possessive, word[:1].isupper()))
    return tuple(tokens)


def _initial(raw: str, stop: int, end: int) -> bool:
    """``K. R. Mandavan``: one capital letter with a stop before another
    capitalised word of the same sentence is an initial, which keeps its
    stop (the splitter already ended the sentences a stop ends)."""
    letter = raw[stop - 1]
    return (
        letter.isupper()
        and (stop < 2 or not raw[stop - 2].isalnum())
        and stop + 2 < end
        and raw[stop + 1] == " "
        and raw[stop + 2].isupper()
    )


def ends_on_letter(raw: str, stop: int, end: int) -> bool:
    """Whether the stop at ``stop`` closes one capital letter (``vitamin D.``,
    ``K.``) that is no initial: an initial stands before a name, so the next
    word is another initial or a word a name may have. Before a sentence
    opener (``The``, ``It``) or a group (``Researchers``) the stop ends the
    sentence."""
    if not _initial(raw, stop, end) or (stop >= 2 and raw[stop - 2] == "."):
        return False  # "U.S. Attorney": an abbreviation's last letter
    match = _TOKEN.match(raw, stop + 2, end)
    if match is None:
        return False
    word = match.group()
    if match.end() < end and raw[match.end()] == "." and len(word) == 1:
        return False  # "K. R. Mandavan": another initial
    return not _name_word(word)


def adjacent(raw: str, left: Token, right: Token) -> bool:
    """Whether only a single space stands between two tokens."""
    return right.start - left.end == 1 and raw[left.end] == " "


# ---------------------------------------------------------------------------
# word lists
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def titles_folded() -> frozenset[str]:
    return word_set("titles.txt", folded=True)


@lru_cache(maxsize=65536)
def is_title(word: str) -> bool:
    """A title head-word in any case (``minister``, ``Coach``), or a word with
    a profession's ending (``glaciologist``, ``physician``)."""
    folded = word.casefold()
    if folded in titles_folded():
        return True
    return any(
        folded.endswith(suffix) and len(folded) >= len(suffix) + 3 for suffix in word_set("role_suffixes.txt")
    )


def is_person_noun(word: str) -> bool:
    """A title (``minister``) or a word for a person the text may leave
    unnamed (``widow``, ``boss``), in any case: the head-word of a phrase
    that stands for one person."""
    return is_title(word) or word.casefold() in word_set("unnamed_people.txt")


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
def place_first_words() -> frozenset[str]:
    """The first word of every country and city form (``São`` of ``São Paulo``)."""
    return frozenset(form[0] for form in place_forms())


@lru_cache(maxsize=1)
def usual_place_names() -> dict[str, str]:
    """Casefolded form of every country and city ("u.s.", "lagos") → its usual name."""
    usual: dict[str, str] = {}
    for form, name in place_forms().items():
        usual.setdefault(" ".join(form).casefold(), name)
    return usual


def place_forms_folded() -> frozenset[str]:
    return frozenset(usual_place_names())


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Forms ending in a full stop that belongs to the word ("U.S.", "Dr.")."""
    forms = place_forms_folded() | word_set("honorifics.txt", folded=True) | word_set("legal_forms.txt", folded=True)
    forms |= word_set("name_abbreviations.txt", folded=True)
    return frozenset(f for f in forms if f.endswith("."))


@lru_cache(maxsize=1)
def nationalities() -> frozenset[str]:
    return word_set("nationalities.txt")


def is_place_word(word: str) -> bool:
    return (word,) in place_forms()


def is_place_name(run: list[Token]) -> bool:
    """Whether the words are a known place of several words (``São Paulo``):
    a place is never a person."""
    return tuple(t.word for t in run) in place_forms()


def _joined_particle(word: str) -> bool:
    """``al-Sayed``, ``el-Masri``, ``bin-Laden``: a particle joined by a hyphen
    to a capitalised surname is one name word, though it opens in lower case."""
    head, dash, rest = word.partition("-")
    return bool(dash) and rest[:1].isupper() and head.casefold() in word_set("name_particles.txt")


def description_compound(word: str) -> bool:
    """``Thirteen-year-old``, ``Mother-of-three``: a capitalised compound of
    three or more parts, the later ones in lower case, describes a person
    (an age, a family) and is never a name (``Jean-Pierre``, ``Ji-yeon`` have
    two parts)."""
    parts = word.split("-")
    return len(parts) >= 3 and parts[0][:1].isupper() and all(p[:1].islower() for p in parts[1:])


def name_word(token: Token) -> bool:
    """Whether a token may be a word of a person's name."""
    return _name_word(token.word)


@lru_cache(maxsize=65536)
def _name_word(word: str) -> bool:
    """``name_word`` of a word: it depends on the word alone, and the same
    words come back in every stage, so the answers are kept."""
    if _joined_particle(word):
        return True
    return (
        word[:1].isupper()
        and not ("-" in word and description_compound(word))
        and not word.isupper()  # acronyms are organisations or agencies
        and word not in role_words()
        and not is_capital_title(word)
        and word not in word_set("name_stopwords.txt")
        and word not in word_set("honorifics.txt")
        and word not in nationalities()
        and word not in word_set("party_labels.txt")
        and word not in word_set("org_heads.txt")
        and word not in word_set("company_heads.txt")
        and word not in word_set("legal_forms.txt")
        and word not in word_set("geo_heads.txt")
        and word not in word_set("geo_openers.txt")
        and not is_place_word(word)
        and not _plural_of_role(word)
    ) or _is_initial(word) or _initials(word)


def _plural_of_role(word: str) -> bool:
    """``Analysts``, ``Residents``: the plural of a title or a word for a
    person names a group, never one person."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
        return False
    single = word[:-1].casefold()
    return single in titles_folded() or single in word_set("unnamed_people.txt")


def _is_initial(word: str) -> bool:
    """``K.``: one capital letter with its stop."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def bare_initial(raw: str, tokens: list[Token], k: int) -> bool:
    """``K Selvaraj Pandian``, ``S R Mohan``: South Asian styles write a
    name's initials without a stop. One capital letter glued before a name
    word (or another such initial) is an initial of that name; ``A`` and
    ``I`` are words of their own."""
    token = tokens[k]
    if len(token.word) != 1 or not token.word.isupper() or token.word in "AI" or token.possessive:
        return False
    if k + 1 >= len(tokens) or not adjacent(raw, token, tokens[k + 1]):
        return False
    after = tokens[k + 1]
    return name_word(after) or (len(after.word) == 1 and bare_initial(raw, tokens, k + 1))


def _initials(word: str) -> bool:
    """``J.R.``, but not ``U.S.`` or ``U.K.``, which are places."""
    return _INITIALS_STOP.fullmatch(word) is not None and word.casefold() not in abbreviations() and not is_place_word(word)



def _particle(raw: str, tokens: list[Token], k: int, chained: int = 0) -> bool:
    """A particle between two name words (``van`` in ``Pieter van Doorn``),
    also the first of two (``van der`` in ``Hendrik van der Weele``). Compared
    casefolded: Irish ``Ó`` and ``Ní`` are written with a capital, and a
    one-letter capital would otherwise pass for an acronym."""
    if not (0 < k < len(tokens) - 1 and tokens[k].word.casefold() in word_set("name_particles.txt")):
        return False
    if not adjacent(raw, tokens[k], tokens[k + 1]):
        return False
    return name_word(tokens[k + 1]) or (chained < 1 and _particle(raw, tokens, k + 1, chained + 1))


def _first_name_place(raw: str, tokens: list[Token], k: int) -> bool:
    """A place word used as a first name (``Sofia Marquez``): it must be
    followed at once by a name word."""
    token = tokens[k]
    return (
        token.capitalised
        and not token.possessive
        and not token.word.isupper()
        and is_place_word(token.word)
        and k + 1 < len(tokens)
        and name_word(tokens[k + 1])
        and adjacent(raw, token, tokens[k + 1])
    )


def name_run(raw: str, tokens: list[Token], k: int, backwards: bool, limit: int = 4) -> list[Token]:
    """The words of a person's name that start at token ``k`` (or end at it,
    ``backwards``): up to ``limit`` name words, with particles between them
    and a place word as first name; a possessive ends a name."""
    return _name_run_back(raw, tokens, k, limit) if backwards else _name_run_on(raw, tokens, k, limit)


def _name_run_on(raw: str, tokens: list[Token], k: int, limit: int) -> list[Token]:
    if k < len(tokens) and _opens_no_name(tokens[k]):
        return []  # most words: the tests below would all fail on them
    run: list[Token] = []
    words = 0
    while k < len(tokens) and words < limit:
        token = tokens[k]
        if run and not adjacent(raw, run[-1], token):
            break
        if bare_initial(raw, tokens, k):
            pass  # "K Selvaraj Pandian": an initial is no full word
        elif name_word(token) or (not run and (_first_name_place(raw, tokens, k) or stopword_surname(raw, tokens, k))):
            words += not _is_initial(token.word)  # "A. P. J. Abdul Kalam": initials are no full words
        elif not (run and _particle(raw, tokens, k)):
            break
        run.append(token)
        k += 1
        if token.possessive:
            break
    while run and not name_word(run[-1]):
        run.pop()  # a name never ends on a particle ("Luana Ferreira da")
    return run


def name_openers(tokens: list[Token]) -> list[int]:
    """Indexes of the tokens that may open a name: ``name_run`` forwards
    is empty at every other, so scans for names jump between these
    (most words are in lower case; calling it on each was most of a scan)."""
    surnames = word_set("stopword_surnames.txt")
    return [
        k for k, token in enumerate(tokens)
        if token.capitalised or "-" in token.word or token.word in surnames
    ]


def next_opener(openers: list[int], k: int, count: int) -> int:
    """The first index of ``openers`` at or after ``k``, else ``count``."""
    at = bisect_left(openers, k)
    return openers[at] if at < len(openers) else count


def _opens_no_name(token: Token) -> bool:
    """A word in lower case cannot open a name: every opener above needs a
    capital, but for a joined particle (``al-Sayed``, with its hyphen) and
    a stopword surname (listed)."""
    return (
        not token.capitalised and "-" not in token.word and token.word not in word_set("stopword_surnames.txt")
    )


def _name_run_back(raw: str, tokens: list[Token], k: int, limit: int) -> list[Token]:
    run: list[Token] = []
    words = 0
    first = k  # index of run[0]
    while k >= 0 and words < limit:
        token = tokens[k]
        if (run and not adjacent(raw, token, run[0])) or token.possessive:
            break
        if name_word(token):
            words += not _is_initial(token.word)
        elif run and bare_initial(raw, tokens, k):
            pass  # "K Selvaraj Pandian": an initial is no full word
        elif run and (_first_name_place(raw, tokens, k) or stopword_surname(raw, tokens, k)):
            run.insert(0, token)
            first = k
            break  # a first name opens the name
        elif not (run and _particle(raw, tokens, k)):
            break
        run.insert(0, token)
        first = k
        k -= 1
    while run and not name_word(run[0]) and not _opening_word(raw, tokens, first):
        run.pop(0)  # a particle cannot open a name
        first += 1
    return run


def _opening_word(raw: str, tokens: list[Token], k: int) -> bool:
    """A word that opens a name though no list calls it a name word."""
    return _first_name_place(raw, tokens, k) or stopword_surname(raw, tokens, k) or bare_initial(raw, tokens, k)


def stopword_surname(raw: str, tokens: list[Token], k: int) -> bool:
    """``said He Zhiyong``, ``Passenger He Meiying``: a family name that is
    also a capitalised function word (Chinese He) is a name word inside a
    sentence (opening one it is the pronoun), right before a given name: a
    name word the text never writes in lower case, so that no verb or common
    noun of a title-case headline (``Why He Left``) is taken for one."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k].word not in word_set("stopword_surnames.txt"):
        return False
    given = tokens[k + 1]
    return (
        adjacent(raw, tokens[k - 1], tokens[k])
        and adjacent(raw, tokens[k], given)
        and name_word(given)
        and given.word.casefold() not in lower_case_words(raw)
    )


@lru_cache(maxsize=4)
def lower_case_words(raw: str) -> frozenset[str]:
    """Every word the text writes in lower case (names never are)."""
    return frozenset(_LOWER_WORD.findall(raw))


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'-]*")


def before_brackets(raw: str, tokens: list[Token], j: int) -> int:
    """``Ada Obi (Kwara Upper) said``: when ``tokens[j]`` closes words in
    brackets, the index of the word before them, else ``j``. What brackets
    hold after a name (a constituency, a party, a state: ``(D-N.J.)``)
    describes it and is not the subject of the verb after them."""
    close = tokens[j].end + (raw[tokens[j].end : tokens[j].end + 1] == ".")  # "(D-N.J.)"
    if raw[close : close + 1] != ")":
        return j
    for k in range(j, max(0, j - 6), -1):
        if raw[tokens[k].start - 1 : tokens[k].start] == "(":
            return k - 1 if raw[tokens[k - 1].end : tokens[k].start] == " (" else j
    return j


def postnominal(token: Token) -> bool:
    """``KC``, ``MP``, ``Jr``: letters after a name, no part of it."""
    return token.word in word_set("postnominals.txt")
