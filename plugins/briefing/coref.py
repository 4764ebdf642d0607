"""Who a pronoun, a surname or a description stands for.

Used for the subjects of reporting verbs (``she added``, ``Obi told``,
``the ministry said``), so the answer must be someone the text has already
named:

- a pronoun goes to the person (``he``/``she``) or organisation (``it``)
  mentioned last before it outside quotes, preferring one that was a subject
  (the previous quote's speaker, or the first person named in a sentence) and
  never a person whose gender the text shows otherwise;
- a surname goes to the one person of that surname, or to the full name the
  text wrote earlier (``Ada Obi, 54, lost her shop. … Obi said``);
- ``the minister`` goes to the person last given that role word,
  ``the ministry`` to the organisation whose name has that word.

Genders come from the text only: an honorific or gendered role word beside a
name (``Mr``, ``spokeswoman``), or a pronoun that could only mean that person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .model import ORGANISATION, PERSON, PLACE
from .table import EntityTable, Entry
from .tokens import Token, is_person_noun, is_place_name, name_openers, name_run, next_opener
from .wordlists import key_values, word_set


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    return dict(key_values("genders.txt"))


def gender_of(word: str) -> str | None:
    """``male``/``female`` for a gendered word (``she``, ``Mr``), else None."""
    genders = _genders()
    return genders.get(word) or genders.get(word.casefold())


def fits(entry: Entry, gender: str | None) -> bool:
    return gender is None or entry.gender is None or entry.gender == gender


def set_gender(entry: Entry, gender: str | None) -> None:
    if gender is not None and entry.kind == PERSON and entry.gender is None:
        entry.gender = gender


@dataclass
class Scope:
    """What a resolution may look at: the table, the text before ``not_before``
    is out of reach, ``quoted(offset)`` is inside a quote, ``sentence_start``
    maps an offset to the start of its sentence, and ``speakers`` are the
    entries already found speaking (most recent last)."""

    table: EntityTable
    not_before: int
    quoted: Callable[[int], bool]
    sentence_start: Callable[[int], int]
    speakers: list[Entry]
    raw: str = ""


def resolve_pronoun(scope: Scope, at: int, kind: str, gender: str | None) -> Entry | None:
    """The entity a pronoun at offset ``at`` stands for.

    Going back from the pronoun, the first fitting entity that was a subject
    wins; without one, the nearest fitting entity. An entity named inside a
    quote is not spoken of by the sentence around it, so it is skipped.
    """
    kinds = (PERSON,) if kind == PERSON else (kind,)
    nearest: Entry | None = None
    seen: set[int] = set()
    previous_speaker = scope.speakers[-1] if scope.speakers else None
    for offset in range(at - 1, scope.not_before - 1, -1):
        entry = scope.table.positions.get(offset)
        if entry is None or entry.kind not in kinds or scope.quoted(offset):
            continue
        if scope.table.positions.get(offset - 1) is entry:
            continue  # only the first character of a mention counts
        if not fits(entry, gender) or id(entry) in seen:
            continue
        seen.add(id(entry))
        if nearest is None:
            nearest = entry
        if _after_preposition(scope.raw, offset) or _possessive(scope, offset):
            continue  # ``Asked by Obi whether …, she said``: Obi is no subject
        if entry is previous_speaker and not _reported_by_another(scope, entry, offset) or _first_in_sentence(scope, entry, offset):
            set_gender(entry, gender)
            return entry
    if nearest is not None:
        set_gender(nearest, gender)
    return nearest


def _after_preposition(raw: str, offset: int) -> bool:
    """Whether the word right before ``offset`` is a preposition: a person
    named after one (``asked by Obi``, ``spoke to Obi``) is an object, never
    the subject a later pronoun goes back to."""
    words = raw[max(0, offset - 16) : offset].split()
    return bool(words) and words[-1].casefold() in word_set("prepositions.txt")


def _first_in_sentence(scope: Scope, entry: Entry, offset: int) -> bool:
    """Whether no other entity of the same kind is named before ``offset`` in its sentence."""
    start = scope.sentence_start(offset)
    for before in range(offset - 1, start - 1, -1):
        other = scope.table.positions.get(before)
        if other is not None and other is not entry and other.kind == entry.kind and not _possessive(scope, before):
            return False
    return True


def _reported_by_another(scope: Scope, entry: Entry, offset: int) -> bool:
    """Whether ``entry`` at ``offset`` is spoken of in another person's
    reported speech (``Poudel said Adhikari now trains pilots``): a
    reporting verb and someone else named before it in its sentence."""
    start = scope.sentence_start(offset)
    verbs = word_set("reporting_verbs.txt")
    if not any(word.strip(",;:") in verbs for word in scope.raw[start:offset].split()):
        return False
    return not _first_in_sentence(scope, entry, offset)


def _possessive(scope: Scope, offset: int) -> bool:
    """Whether the mention covering ``offset`` is a possessive (``Tillman's
    attorney, Laura Brennan-Cole, asked``): it qualifies the subject, it is
    not the subject."""
    entry = scope.table.positions.get(offset)
    end = offset
    while scope.table.positions.get(end) is entry:
        end += 1
    return scope.raw[end : end + 2] in ("'s", "’s")


def resolve_description(scope: Scope, word: str, at: int) -> Entry | None:
    """``the ministry`` → the organisation last named with that word in its
    name; ``the minister`` → the person last given a role with that word.
    Two different people of that role in reach (``Finance Minister Ada Obi
    and Health Minister Tom Hale met``) leave ``the minister`` undecided:
    nobody rather than a guess. Organisations keep the nearest (``the
    ministry`` is the one the text is talking about)."""
    word = word.casefold()
    found: Entry | None = None
    for offset in range(at - 1, scope.not_before - 1, -1):
        entry = scope.table.positions.get(offset)
        if entry is None or entry.kind not in (ORGANISATION, PERSON) or entry is found:
            continue
        if word in _description_words(entry) or word in entry.descriptions:
            if found is None and entry.kind == ORGANISATION:
                return entry
            if found is not None:
                return None if found.kind == PERSON and entry.kind == PERSON else found
            found = entry
    return found


def resolve_description_anywhere(table: EntityTable, word: str, at: int) -> Entry | None:
    """``the chief replied`` long after ``Forest Service Chief Renata Okafor``:
    beyond the near paragraphs a description still means the one entity named
    before ``at`` with that word in its role, name or descriptions, but only
    when exactly one fits; with two chiefs in the story nobody can tell."""
    word = word.casefold()
    fitting = []
    for entry in table.entries:
        if entry.kind not in (ORGANISATION, PERSON) or not entry.mentions:
            continue
        if min(m.start for m in entry.mentions) >= at:
            continue
        if word in _description_words(entry) or word in entry.descriptions:
            fitting.append(entry)
    return fitting[0] if len(fitting) == 1 else None


def organisation_by_phrase(table: EntityTable, words: list[str], at: int) -> Entry | None:
    """``the central bank`` → the organisation named before ``at`` whose name
    holds every word of the phrase (``Central Bank of Egypt``, not ``World
    Bank``); of several, the one named last before ``at``."""
    words = [w.casefold() for w in words]
    best, best_at = None, -1
    for entry in table.entries:
        if entry.kind != ORGANISATION or not all(w in _description_words(entry) for w in words):
            continue
        last = max((m.start for m in entry.mentions if m.start < at), default=-1)
        if last > best_at:
            best, best_at = entry, last
    return best


def given_to_anyone(table: EntityTable, word: str) -> bool:
    """Whether the text gave any entity ``word`` in its role, name or descriptions."""
    word = word.casefold()
    return any(
        word in _description_words(e) or word in e.descriptions
        for e in table.entries
        if e.kind in (ORGANISATION, PERSON)
    )


def _description_words(entry: Entry) -> list[str]:
    words = entry.name if entry.kind == ORGANISATION else (entry.role or "")
    found = words.casefold().replace("'s", "").replace("’s", "").split()
    if entry.kind == PERSON:
        # ``Ms Justice Ada Obi`` is ``the judge``
        found += [plain for title, plain in key_values("role_equivalents.txt") if _titled(title, found)]
    return found


def _titled(title: str, words: list[str]) -> bool:
    """Whether a role's ``words`` hold ``title``, or for ``-suffix`` a word ending so."""
    if title.startswith("-"):
        return any(w.endswith(title[1:]) for w in words)
    return title in words


_UNKNOWN = Entry(PERSON, "")  # a name the table does not know yet: any gender fits


def full_names(raw: str, tokenized: list[list[Token]]) -> dict[str, list[tuple[int, str]]]:
    """Every run of two or three name words, by its first and its last word,
    with where it is written: where a speaker is later given by one name only,
    the text's fuller form of it.

    Organisations and speakers both ask this of the same sentences, so the
    last answer is kept (a fresh copy each time: callers may change theirs).
    The same tokens come from the tokenizer's cache, so comparing the lists
    is mostly comparing identities, cheaper than hashing every token."""
    global _last_full_names
    kept_raw, kept_tokenized, kept = _last_full_names
    if raw != kept_raw or tokenized != kept_tokenized:
        kept = _full_names(raw, tokenized)
        _last_full_names = (raw, [list(tokens) for tokens in tokenized], kept)
    return {word: list(found) for word, found in kept.items()}


_last_full_names: tuple[str | None, list[list[Token]], dict[str, list[tuple[int, str]]]] = (None, [], {})


def _full_names(raw: str, tokenized: list[list[Token]]) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for tokens in tokenized:
        openers = name_openers(tokens)
        k = next_opener(openers, 0, len(tokens))
        while k < len(tokens):
            written = name_run(raw, tokens, k, backwards=False)
            if not written:  # most words open no name
                k = next_opener(openers, k + 1, len(tokens))
                continue
            run = written[after_compound_adjective(written) :]  # not ``Oslo-based``
            if len([t for t in run if t.capitalised]) >= 2:
                name = " ".join(t.word for t in run)
                # a surname alone may be any later word of the name
                # ("Cárdenas" of "Andrés Felipe Cárdenas Ruiz")
                for word in {t.word for t in run if t.capitalised}:
                    found.setdefault(word, []).append((run[0].start, name))
                k += len(written)
            else:
                k += 1
    return found


def after_compound_adjective(run: list[Token]) -> int:
    """Index after the last word of ``run`` that ends in a participle after
    a hyphen (``Hong Kong-based``, ``Lagos-born``, ``Leeds-trained``): an
    adjective of where someone is from, written before the name, no word of
    it. A lower-case part of a name (``Ji-yeon``, ``Ka-yan``) is no participle."""
    ends = [m for m, t in enumerate(run) if _participle_part(t.word)]
    return ends[-1] + 1 if ends else 0


def _participle_part(word: str) -> bool:
    tail = word.rsplit("-", 1)[1] if "-" in word else ""
    return tail.islower() and (tail.endswith("ed") or tail == "born")


def person_by_surname(
    raw: str, table: EntityTable, names: dict[str, list[tuple[int, str]]], token: Token, gender: str | None = None
) -> Entry | None:
    """The person a lone name word stands for: the fullest name the text
    wrote with that word last before it (``Nadia Petrova … Elena Petrova …
    the elder Petrova`` → Elena Petrova), not counting one named only after
    a preposition when another was named otherwise, else the one known person with that
    word, else a new person of that one word (it is the subject of a
    reporting verb, so it is someone). A gendered honorific (``Mrs Obi``
    after ``Mr Obi``) rules out a person of the other gender: with no one
    else, nobody."""
    word = token.word
    written = names.get(word, [])
    before = [(at, name) for at, name in written if at < token.start and fits(table.find(name, PERSON) or _UNKNOWN, gender)]
    # ``the youngest child of Dan Ruiz, a farmer``: a namesake named only
    # after a preposition is met in passing; the surname alone is the one the
    # story names as a subject (``Ruiz recalled``)
    subjects = [name for at, name in before if not _after_preposition(raw, at)] or [name for _, name in before]
    fuller = subjects[-1] if subjects else (written[0][1] if len({n for _, n in written}) == 1 else None)
    person = None
    if fuller is not None:
        person = table.find(fuller, PERSON) or table.add(PERSON, fuller, token.start, token.word_end)
    if person is None:
        person = table.person_by_word(word) or table.find(word, PERSON) or table.new_entry(PERSON, word)
    if not fits(person, gender):
        return None
    set_gender(person, gender)
    person.add_alias(word)
    person.add_mention(token.start, token.word_end)
    return person


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, str]:
    return dict(key_values("pronouns.txt"))


def pronoun_kind(word: str) -> str | None:
    """``person`` / ``organisation`` for a subject pronoun, else None."""
    return _pronouns().get(word.casefold())


def learn_descriptions(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """``The Harbour Authority, the regulator, said``: the head noun of an
    appositive that opens with ``the`` describes the entity before it, so a
    later ``the regulator`` is that entity. So does a description that opens
    with ``the`` and stands before the name (``the trial judge, Justice Ada
    Obi,``), or one with ``a`` before a person's name (``a retired teacher
    in Eldama, Ada Obi,``: a later ``the retired teacher`` is hers)."""
    for tokens in tokenized:
        _learn_descriptions_before(raw, tokens, table)
        for k in range(len(tokens) - 1):
            entry = table.mentioned_at(tokens[k].start, tokens[k].word_end)
            if entry is None or entry.kind == PLACE or raw[tokens[k].end : tokens[k + 1].start] != ", ":
                continue
            if tokens[k + 1].word.casefold() in ("a", "an") and entry.kind == PERSON:
                _learn_indefinite(raw, tokens, k + 1, entry)
            if tokens[k + 1].word.casefold() != "the":
                continue
            for m in range(k + 2, min(k + 6, len(tokens))):
                if tokens[m].capitalised:
                    break
                if raw[tokens[m].end : tokens[m].end + 1] == ",":
                    entry.descriptions.add(tokens[m].word.casefold())
                    break


def _learn_indefinite(raw: str, tokens: list[Token], k: int, entry: Entry) -> None:
    """``Ada Obi, a glaciologist at the University of Tarsk,``: the head noun
    of an apposition with ``a`` (before its preposition, or its comma)
    describes the person, so a later ``the glaciologist`` is hers."""
    for m in range(k + 1, min(k + 6, len(tokens))):
        word = tokens[m].word
        if tokens[m].capitalised or not word.isalpha():
            return
        if word.casefold() in word_set("prepositions.txt"):
            head = m - 1
        elif raw[tokens[m].end : tokens[m].end + 1] in (",", "."):
            head = m
        else:
            continue
        if head > k:
            entry.descriptions.add(tokens[head].word.casefold())
        return


def _learn_descriptions_before(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``the trial judge, Justice Ada Obi,``: the lower-case head noun before
    the comma describes the person or organisation named right after it."""
    inside = -1  # the end of the last a/an phrase: its ``the`` (``in the village,``) is no description
    for k in range(len(tokens) - 2):
        article = tokens[k].word.casefold()
        if article not in ("the", "a", "an") or k < inside:
            continue
        head = None
        for m in range(k + 1, min(k + 8, len(tokens) - 1)):
            if tokens[m].capitalised:
                break
            if article != "the" and head is None and tokens[m].word.casefold() in word_set("prepositions.txt"):
                head = m - 1  # ``a retired teacher in the town, Ada Obi,``
            if raw[tokens[m].end : tokens[m + 1].start] == ", ":
                inside = m
                noun = tokens[m if head is None else head].word.casefold()
                entry = _apposed_entry(raw, tokens, m + 1, table)
                if entry is None and article != "the" and is_person_noun(noun):
                    entry = _apposed_person(raw, tokens, m + 1, table)
                if entry is not None and (article == "the" or entry.kind == PERSON):
                    entry.descriptions.add(noun)
                break


def _apposed_person(raw: str, tokens: list[Token], k: int, table: EntityTable) -> Entry | None:
    """``a retired nurse in the village, Agnes Wanjiru Kamau,``: after a
    phrase for a person, two to four name words closed by a comma or the
    sentence's end name that person."""
    run = name_run(raw, tokens, k, backwards=False)
    if len(run) < 2 or raw[run[-1].end : run[-1].end + 1] not in (",", ".") or is_place_name(run):
        return None
    return table.add(PERSON, " ".join(t.word for t in run), run[0].start, run[-1].word_end)


def _apposed_entry(raw: str, tokens: list[Token], k: int, table: EntityTable) -> Entry | None:
    """The person or organisation named by the run of capitalised words from
    ``tokens[k]`` when the run closes the apposition (a comma or the end of
    the sentence after it): ``, Justice Ada Obi,`` but not ``, Obi said``."""
    end = k
    while end < len(tokens) and tokens[end].capitalised and end - k < 6:
        end += 1
    if end == k or (end < len(tokens) and raw[tokens[end - 1].end : tokens[end - 1].end + 1] not in ",.;"):
        return None
    for n in range(k, end):
        entry = table.mentioned_at(tokens[n].start, tokens[n].word_end)
        if entry is not None:
            return entry if entry.kind != PLACE else None
    return None
