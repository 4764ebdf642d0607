"""Who a sentence is about, for pronouns the table cannot settle alone.

- ``Ada Obi met Tunde Bello. "…," she said``: a person the text names
  without a role or a cue is not in the table, yet a name that opens a
  sentence is its subject, and so what a later pronoun means;
- ``One man, a retired welder, said he knew her. "…," he said``: the
  sentence the pronoun goes back to is about someone the text does not name
  (``one man``, ``a neighbour``, ``his son``), so the speaker is nobody,
  never the last named person;
- ``His daughter, Amara, said …. "…," she said``: the same opening with a
  name in apposition is that named person.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from .context import role_word
from .model import PERSON, PLACE
from .table import EntityTable, Entry
from .tokens import Token, is_place_name, name_run, name_word, tokenize
from .wordlists import key_values, word_set

_OPENING = 4  # words an unnamed subject phrase may take before its comma or verb


def written_subject(
    raw: str,
    table: EntityTable,
    quoted: set[int],
    sentence_at: Callable,
    written: list[tuple[int, str]],
    at: int,
    not_before: int,
    subject: bool = True,
) -> Entry | None:
    """The nearest full name before ``at`` (from ``written``, every (offset,
    name) run in text order) that opens its sentence outside quotes and that
    no list calls a place or an organisation; it becomes a person. Without
    ``subject``, any such name will do (``Ms Obi met Tom Hale, her lawyer.
    "…," he said``: the one name left once the table's woman is ruled out)."""
    k = bisect.bisect_left(written, (at,)) - 1
    while k >= 0 and written[k][0] >= not_before:
        start, name = written[k]
        k -= 1
        if start in quoted or table.positions.get(start) is not None:
            continue
        if raw[max(0, start - 4) : start].casefold() == "the ":
            continue  # ``for the Kerala Service exam``: people are not written ``the X``
        if table.find(name, PLACE) is not None or any(_organisation_word(w) for w in name.split()):
            continue
        if subject and not _opens_clause(raw, sentence_at(start).start, start):
            continue  # not the subject of its sentence
        if is_place_name(tokenize(raw, start, start + len(name))):
            continue
        return table.add(PERSON, name, start, start + len(name))
    return None


def _opens_clause(raw: str, sentence_start: int, start: int) -> bool:
    """Whether the name at ``start`` is its sentence's subject: only role
    words before it, or a fronted phrase that opens with a preposition and
    ends in a comma right before it (``At dawn, before the shops open, Ada
    Obi is at the well``)."""
    before = tokenize(raw, sentence_start, start)
    if all(role_word(t) or t.capitalised for t in before):
        return True
    if _apposed_to_opening(raw, sentence_start, start, before):
        return True
    before = _after_label(raw, before)  # ``KARACHI: At 4am, …``: a dateline is no part of it
    return bool(before) and before[0].word.casefold() in word_set("prepositions.txt") and raw[sentence_start:start].rstrip(" ").endswith(",")


_DETERMINERS = ("the", "a", "an", "his", "her", "its", "their")


def _apposed_to_opening(raw: str, sentence_start: int, start: int, before: list[Token]) -> bool:
    """``The head of the electoral office, Ada Obi, rejected …``: a name set
    off by the sentence's first comma after a noun phrase that opens it (a
    determiner, no verb) is in apposition to its subject."""
    lead = raw[sentence_start:start].rstrip(" ")
    if not before or not lead.endswith(",") or "," in lead[:-1]:
        return False
    if before[0].word.casefold() not in _DETERMINERS or len(before) > 8:
        return False
    verbs = word_set("reporting_verbs.txt")
    return not any(t.word in verbs for t in before)


def paragraph_subject(
    raw: str, table: EntityTable, quoted: set[int], sentence_at: Callable, para_start: int, at: int
) -> tuple[Entry | None] | None:
    """Going back from ``at`` through the sentences of its paragraph, the
    first one that opens with a subject phrase decides: ``(None,)`` for an
    unnamed person (``One man, …, said``), ``(person,)`` for a name in
    apposition to it (``His daughter, Amara, said``); ``None`` when that
    subject is anything else (a name, a pronoun, a quote) and the usual
    resolution should go on."""
    offset = at
    while offset > para_start:
        sentence = sentence_at(offset)
        if sentence is None:
            offset -= 1
            continue
        # quoted words are someone else's sentence, not this one's subject
        tokens = _after_label(raw, [t for t in tokenize(raw, sentence.start, min(at, sentence.end)) if t.start not in quoted])
        found = unnamed_opening(raw, table, tokens) or _one_name_apposed(raw, table, tokens)
        if found is not None or (tokens and _opens_with_subject(raw, table, tokens)):
            return found
        offset = sentence.start - 1
    return None


def _after_label(raw: str, tokens: list[Token]) -> list[Token]:
    """The words after a transcript's speaker label (``JANINE OKAFOR: A
    listener, …``): the label says who talks, the sentence is about its subject."""
    for m in range(min(3, len(tokens) - 1)):
        if not tokens[m].capitalised:
            break
        if raw[tokens[m].end : tokens[m + 1].start].strip() == ":":
            return tokens[m + 1 :]
    return tokens


def _one_name_apposed(raw: str, table: EntityTable, tokens: list[Token]) -> tuple[Entry] | None:
    """``Brian, a student in Nakuru who asked that his surname not be used,
    said``: one name word set off by a comma before a phrase for an unnamed
    person is that person, written by first name only."""
    if len(tokens) < 3 or not name_word(tokens[0]) or raw[tokens[0].end : tokens[1].start] != ", ":
        return None
    if raw[tokens[0].start - 1 : tokens[0].start] in "\"“‘'" or tokens[0].word.casefold() in _date_words():
        return None
    if tokens[1].word.casefold() not in ("a", "an") or unnamed_opening(raw, table, tokens[1:]) != (None,):
        return None
    entry = table.mentioned_at(tokens[0].start, tokens[0].word_end)
    if entry is not None:
        return (entry,) if entry.kind == PERSON else None
    return (table.add(PERSON, tokens[0].word, tokens[0].start, tokens[0].word_end),)


def _date_words() -> frozenset[str]:
    return frozenset(phrase for phrase, _ in key_values("relative_dates.txt"))


def _opens_with_subject(raw: str, table: EntityTable, tokens: list[Token]) -> bool:
    """Whether a sentence opens with a name or a pronoun (so it is about
    someone named) rather than a quote or a clause."""
    first = tokens[0]
    if raw[first.start - 1 : first.start] in "\"“‘'":
        return False
    return table.positions.get(first.start) is not None or first.word.casefold() in ("he", "she")


def unnamed_opening(raw: str, table: EntityTable, tokens: list[Token]) -> tuple[Entry | None] | None:
    """``(None,)`` when ``tokens`` open with a phrase for someone unnamed
    (``One man``, ``a foreman``), ``(person,)`` when a name is in apposition
    to it (``His daughter, Amara,``), else ``None``."""
    if len(tokens) < 2 or raw[tokens[0].start - 1 : tokens[0].start] in "\"“‘'":
        return None  # (inside a quote)
    if tokens[0].word.casefold() not in word_set("unnamed_openers.txt"):
        return _name_withheld(raw, tokens) if tokens[0].word.casefold() == "the" else None
    for m in range(1, min(len(tokens), 1 + _OPENING)):
        word = tokens[m]
        entry = table.positions.get(word.start)
        if entry is not None and entry.kind == PERSON and not _modifies_noun(tokens, m):
            return None
        if word.capitalised or entry is not None:
            # ``One Marrow driver``, ``a Kisumu farmer``: whose or where from,
            # still nobody named; ``An Acme spokesman`` finds no noun below
            # and is left to the organisation
            continue
        if word.word.casefold() not in word_set("unnamed_people.txt"):
            continue
        after = raw[word.end : word.end + 2]
        if after.startswith(","):
            named = _apposed_name(raw, table, tokens, _after_withheld_name(raw, tokens, m + 1))
            if named is not None:
                return (named,)
        elif m + 1 < len(tokens) and after == " " + raw[tokens[m + 1].start : tokens[m + 1].start + 1]:
            # ``His daughter Amara Obi said``: a name right after the noun names that person
            named = _close_name(raw, table, tokens, m + 1)
            if named is not None:
                return (named,)
        return (None,)
    return _name_withheld(raw, tokens)


# words of a relative clause that says how much of a name was given
_NAMING = ("name", "names", "named", "identified", "identify")
_WITHHOLDING = ("not", "only")


def _name_withheld(raw: str, tokens: list[Token]) -> tuple[None] | None:
    """``(None,)`` when the phrase that opens ``tokens`` has a relative
    clause withholding the name (``The pharmacist, who asked not to be
    named,``, ``Another speaker, who identified himself only as a welder,``):
    the person is someone unnamed, whatever the noun. A name the clause
    gives (``who gave only his first name, Modou,``) is for ``_apposed_name``."""
    for m in range(min(len(tokens) - 1, _OPENING)):
        if tokens[m + 1].word.casefold() != "who" or "," not in raw[tokens[m].end : tokens[m + 1].start]:
            continue
        return (None,) if withholds_name(raw, tokens, m + 1) else None
    return None


def withholds_name(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether the relative clause opening with ``who`` at ``tokens[k]``
    withholds the name (``who did not wish to be named``, ``who gave only
    her first name``)."""
    if _after_withheld_name(raw, tokens, k) == k:
        return False  # no clause about the name
    return bool({t.word.casefold() for t in tokens[k + 1 : k + 13]} & set(_WITHHOLDING))


def _after_withheld_name(raw: str, tokens: list[Token], k: int) -> int:
    """``One driver, who gave only his first name, Modou,``: the index after
    a relative clause that says the name is partly withheld, where the name
    given follows; else ``k``."""
    if k >= len(tokens) or tokens[k].word.casefold() != "who":
        return k
    for m in range(k + 1, min(len(tokens) - 1, k + 12)):
        if "," in raw[tokens[m].end : tokens[m + 1].start]:
            clause = {t.word.casefold() for t in tokens[k : m + 1]}
            return m + 1 if clause & set(_NAMING) else k
    return k


def _modifies_noun(tokens: list[Token], m: int) -> bool:
    """``One Caldera driver``: capitalised words from ``tokens[m]`` right
    before a noun for a person qualify it (whose driver), they name no one."""
    for n in range(m + 1, min(len(tokens), m + 4)):
        if tokens[n].word.casefold() in word_set("unnamed_people.txt"):
            return True
        if not tokens[n].capitalised:
            return False
    return False


def _apposed_name(raw: str, table: EntityTable, tokens: list[Token], k: int) -> Entry | None:
    """``his daughter, Amara,``: a run of name words between commas right
    after the phrase is the person it names, past an age written before it
    (``her neighbour, 71-year-old Tomas Ek,``)."""
    if k < len(tokens) and tokens[k].word.casefold().endswith("-old"):
        k += 1
    if k >= len(tokens) or not tokens[k].capitalised:
        return None
    run = name_run(raw, tokens, k, backwards=False)
    if not run:
        return None
    end = k + len(run)
    if end + 1 < len(tokens) and tokens[end].word in ("from", "of") and tokens[end + 1].capitalised:
        # ``a listener, Dora from Eastfield,``: where the person is from
        place = name_run(raw, tokens, end + 1, backwards=False)
        if place and raw[place[-1].end : place[-1].end + 1] == ",":
            return _named_person(table, run)
    if raw[run[-1].end : run[-1].end + 1] != ",":
        return None
    return _named_person(table, run)


def _close_name(raw: str, table: EntityTable, tokens: list[Token], k: int) -> Entry | None:
    """The person named by the run of name words at ``tokens[k]``, if any."""
    if not tokens[k].capitalised:
        return None
    run = name_run(raw, tokens, k, backwards=False)
    return _named_person(table, run) if run and run[0] is tokens[k] else None


def _named_person(table: EntityTable, run: list[Token]) -> Entry | None:
    entry = table.mentioned_at(run[0].start, run[-1].word_end)
    if entry is not None:
        return entry if entry.kind == PERSON else None
    if is_place_name(run):
        return None
    return table.add(PERSON, " ".join(t.word for t in run), run[0].start, run[-1].word_end)


def _organisation_word(word: str) -> bool:
    folded = word.casefold()
    return folded in word_set("org_heads.txt", folded=True) or folded in word_set("company_heads.txt", folded=True)
