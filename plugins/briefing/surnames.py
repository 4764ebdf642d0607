"""Surnames: a name written in full once and then alone, and the surname-only
mentions of two people who share a surname.

``Jan Nowak`` and ``Dr Ewa Nowak`` in one story: a later ``Nowak``, ``Mr
Nowak`` or ``Dr Nowak`` is the person named in full with that surname most
recently before it, unless the honorific disagrees — ``Mr`` cannot be a
woman the text calls ``Ms`` or ``she``, and a ``Dr`` goes to the one the text
called ``Dr``. A particle that opens a sentence (``Van der Weele said``) is
still the surname ``van der Weele``.
"""

from __future__ import annotations

import re

from .coref import gender_of
from .model import PERSON, Span
from .table import EntityTable, Entry
from .tokens import Token, adjacent, is_title, name_openers, name_run, next_opener
from .wordlists import word_set


def _particle(word: str) -> bool:
    return word.casefold() in word_set("name_particles.txt")


def surname_forms(name: str) -> list[str]:
    """The casefolded endings of a full name a story may use alone:
    ``Hendrik van der Weele`` → ``weele``, ``der weele``, ``van der weele``."""
    words = name.split()
    forms = []
    for i in range(len(words) - 1, 0, -1):
        forms.append(" ".join(words[i:]).casefold())
    if len(words) >= 3 and not _particle(words[-2]):
        # "Ana María Soto Ruiz", "Lucía Soto Ruiz": the first of two surnames alone
        forms.append(words[-2].casefold())
    return forms


def is_short_form(name: str) -> bool:
    """A surname written alone: one word, or one opening with a particle."""
    words = name.split()
    return len(words) == 1 or _particle(words[0])


def _honorific_before(raw: str, start: int) -> str | None:
    head = raw[max(0, start - 12) : start].rstrip()
    word = head.split()[-1] if head.split() else ""
    return word if word and raw[start - 1 : start] == " " and word in word_set("honorifics.txt") else None


def assign_surnames(raw: str, table: EntityTable) -> None:
    """Move each surname-only mention to the right one of the people whose
    full name ends in it (see the module docstring), and fold a person known
    only by that surname into them."""
    _fold_double_surnames(table)
    full: dict[str, list[Entry]] = {}
    for entry in table.entries:
        if entry.kind == PERSON and not is_short_form(entry.name):
            for form in surname_forms(entry.name):
                full.setdefault(form, []).append(entry)
    for form, people in _shared_first_words(table).items():
        full.setdefault(form, []).extend(p for p in people if p not in full.get(form, ()))
    if not full:
        return
    named_at: dict[int, list[int]] = {}  # id(entry) → starts of its full-name mentions
    honorifics: dict[int, set[str]] = {}
    moves: list[tuple[Entry, Entry, int, int]] = []
    mentions = sorted(
        ((m.start, m.end, e) for e in table.entries if e.kind == PERSON for m in e.mentions),
        key=lambda t: (t[0], t[1]),
    )
    for start, end, entry in mentions:
        text = raw[start:end]
        honorific = _honorific_before(raw, start)
        if text == entry.name and not is_short_form(entry.name):
            named_at.setdefault(id(entry), []).append(start)
            if honorific:
                honorifics.setdefault(id(entry), set()).add(honorific.rstrip("."))
            continue
        people = full.get(text.casefold(), [])
        if not people:
            continue
        best = _best(people, start, honorific, named_at, honorifics)
        if best is not None and best is not entry:
            moves.append((entry, best, start, end))
        if best is not None and honorific:
            honorifics.setdefault(id(best), set()).add(honorific.rstrip("."))
            if best.gender is None:
                best.gender = gender_of(honorific)
    for old, new, start, end in moves:
        old.mentions = [m for m in old.mentions if (m.start, m.end) != (start, end)]
        new.mentions.append(Span(start, end))
        for offset in range(start, end):
            table.positions[offset] = new
        new.add_alias(raw[start:end])
        moved = gender_of(_honorific_before(raw, start) or "")
        if moved is not None and old.gender == moved:
            # the honorific that gave the old entry its gender was the other person's
            kept = {gender_of(_honorific_before(raw, m.start) or "") for m in old.mentions} - {None}
            old.gender = kept.pop() if len(kept) == 1 else None
    table.entries[:] = [e for e in table.entries if e.mentions or not is_short_form(e.name)]


def _fold_double_surnames(table: EntityTable) -> None:
    """``Lucía Ferrer Solano`` … ``Ferrer Solano replied``: a two-word name
    that is the ending of exactly one longer person's name is that person's
    double surname used alone (a cue made it a person of its own), unless
    the two are told apart by gender."""
    longer: dict[str, list[Entry]] = {}
    for entry in table.entries:
        if entry.kind == PERSON and len(entry.name.split()) >= 3:
            ending = " ".join(entry.name.split()[-2:]).casefold()
            longer.setdefault(ending, []).append(entry)
    for entry in list(table.entries):
        if entry.kind != PERSON or len(entry.name.split()) != 2:
            continue
        people = longer.get(entry.name.casefold(), [])
        if len(people) == 1 and (None in (entry.gender, people[0].gender) or entry.gender == people[0].gender):
            table.merge(entry, people[0])


def _shared_first_words(table: EntityTable) -> dict[str, list[Entry]]:
    """``Kim Dong-hyun`` and ``Kim Soo-ah``: a first word two people's full
    names share is a family name written first, so a later ``Kim`` alone is
    told apart as a shared surname is, never merged into the one that
    happened to be found first."""
    by_first: dict[str, list[Entry]] = {}
    for entry in table.entries:
        if entry.kind == PERSON and not is_short_form(entry.name):
            by_first.setdefault(entry.name.split()[0].casefold(), []).append(entry)
    return {first: people for first, people in by_first.items() if len(people) > 1}


def _best(people: list[Entry], at: int, honorific: str | None, named_at, honorifics) -> Entry | None:
    gender = gender_of(honorific) if honorific else None
    fitting = [p for p in people if gender is None or p.gender in (None, gender)]
    if honorific:
        same = [p for p in fitting if honorific.rstrip(".") in honorifics.get(id(p), ())]
        if same:
            fitting = same
        if gender is not None:
            fitting = [p for p in fitting if not (honorifics.get(id(p), set()) - {honorific.rstrip(".")}
                                                  and _gendered(honorifics.get(id(p), set())) not in (None, gender))]
    before = [(max(s for s in named_at.get(id(p), [-1]) if s < at), i, p)
              for i, p in enumerate(fitting) if any(s < at for s in named_at.get(id(p), []))]
    if before:
        return max(before, key=lambda t: (t[0], -t[1]))[2]
    return fitting[0] if len(fitting) == 1 else None


def _gendered(words: set[str]) -> str | None:
    found = {gender_of(w) for w in words} - {None}
    return found.pop() if len(found) == 1 else None


def find_reused_names(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """A name of two or three words whose last word the text later uses on
    its own (``Anna Kessler retired … Kessler, 64, was``): news writing
    names a person in full once, then by surname, so this marks a person
    no title or cue marked."""
    alone: set[str] = set()
    runs: list[list[Token]] = []
    for tokens in tokenized:
        openers = name_openers(tokens)
        k = 0  # the first word is looked at even when it opens no name
        while k < len(tokens):
            run = name_run(raw, tokens, k, backwards=False)
            if len(run) == 1 and not _glued(raw, tokens, k) and _as_subject(raw, tokens, k):
                alone.add(run[0].word)
            elif k == 0 and run and run[0].word.casefold() in word_set("name_particles.txt"):
                alone.add(run[-1].word)  # "Van der Weele said": a surname opening a sentence
            elif k == 0 and not run and (after := _after_capital_particle(raw, tokens)):
                alone.add(after[-1].word)  # Irish "Ó Broin took": name_run opens on no particle
                k += len(after)
            elif len(run) >= 2:
                runs.append(run)
            k += max(1, len(run))
            # after the first word, a word that opens no name does nothing here
            k = next_opener(openers, k, len(tokens))
    # a double surname the text already has as a speaker ("Nogueira Barbosa
    # said") is reused alone as a single surname is
    pairs = {e.name for e in table.entries if e.kind == PERSON and len(e.name.split()) == 2}
    # features name a person in full once, then by first name ("Iracema has
    # sold"): a first name no other run opens with is reused as a surname is
    firsts: dict[str, int] = {}
    for run in runs:
        firsts[run[0].word] = firsts.get(run[0].word, 0) + 1
    for run in runs:
        surnames = {run[-1].word, run[-2].word} if len(run) >= 3 else {run[-1].word}
        if firsts[run[0].word] == 1 or _family_name_first(run):
            surnames.add(run[0].word)
        double = len(run) >= 3 and f"{run[-2].word} {run[-1].word}" in pairs
        if (surnames & alone or double) and not table.covered(run[0].start, run[-1].word_end):
            table.add(PERSON, " ".join(t.word for t in run), run[0].start, run[-1].word_end)


def _family_name_first(run: list[Token]) -> bool:
    """``Kim Dong-hyun``: a two-word name whose given name is two syllables
    joined by a hyphen is written family name first (Korean, and Chinese in
    some romanisations), so its first word alone is the surname even when
    another name opens with it too."""
    return len(run) == 2 and _HYPHENATED_GIVEN.fullmatch(run[1].word) is not None


_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _after_capital_particle(raw: str, tokens: list[Token]) -> list[Token]:
    """The name words after a capital particle opening a sentence (``Ó``,
    ``Ní``, ``Mac``), which pass for an acronym or a first name alone."""
    if len(tokens) < 2 or tokens[0].word.casefold() not in word_set("name_particles.txt"):
        return []
    return name_run(raw, tokens, 1, backwards=False) if adjacent(raw, tokens[0], tokens[1]) else []


def _as_subject(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether a lone name word is used as people are: opening a sentence,
    next to a reporting verb, before a comma, or as a possessive."""
    verbs = word_set("reporting_verbs.txt")
    if k > 0 and tokens[k - 1].word in word_set("place_prepositions.txt"):
        return False  # "a banner that read Made in Carrick, Run Like Carrick": a place
    return (
        k == 0
        or tokens[k].possessive
        or tokens[k - 1].text in verbs
        or (k + 1 < len(tokens) and tokens[k + 1].text in verbs)
        or raw[tokens[k].end : tokens[k].end + 1] == ","
        or _after_opening_phrase(raw, tokens, k)
    )


def _after_opening_phrase(raw: str, tokens: list[Token], k: int) -> bool:
    """``By noon, Iracema has sold``: a lone name after the comma of an
    opening phrase, before a lower-case verb, is the sentence's subject."""
    return (
        raw[tokens[k - 1].end : tokens[k].start] == ", "
        and k + 1 < len(tokens)
        and not tokens[k + 1].capitalised
        and tokens[k + 1].word not in ("and", "or")  # "Lagos, Abuja and Kano": a list
        and adjacent(raw, tokens[k], tokens[k + 1])
    )


def _glued(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` stands beside another capitalised word (part of another name)."""
    before = k > 0 and tokens[k - 1].capitalised and adjacent(raw, tokens[k - 1], tokens[k])
    after = k + 1 < len(tokens) and tokens[k + 1].capitalised and adjacent(raw, tokens[k], tokens[k + 1])
    return before or after


def complete_short_names(table: EntityTable, written: list[tuple[int, str]]) -> dict[int, Entry]:
    """``Liberal Democrat MP Olivia Penrose`` … ``Ms Penrose said``: a person
    the table knows only by a surname (found through an honorific or a cue)
    takes the full name the text wrote with that surname (``Carvalho da
    Silva`` of ``Luís Carvalho da Silva``), the one written
    last before the person's first mention, else the only one written. A
    name of several words without a particle (not a compound surname) is
    renamed only into a person the table holds (a
    run of capitals may have swallowed a word before a name: ``Minister of
    Infrastructure Ada Obi``). When that full name is already a person of
    the table, the two are merged
    unless their genders disagree; when it is a place or an organisation it
    is another entity and left alone. ``written`` is every (offset, name) run,
    in order. Returns id(merged entry) → the entry it went into, so that
    callers holding the merged entry can follow."""
    by_form: dict[str, list[tuple[int, str]]] = {}
    for at, name in written:
        name = _without_titles(name)
        if len(name.split()) >= 2:
            for form in surname_forms(name):
                by_form.setdefault(form, []).append((at, name))
    merged: dict[int, Entry] = {}
    for entry in list(table.entries):
        found = by_form.get(entry.name.casefold()) if entry.kind == PERSON and entry.mentions else None
        if not found:
            continue
        first = min(m.start for m in entry.mentions)
        before = [name for at, name in found if at < first]
        fuller = before[-1] if before else (found[0][1] if len({n for _, n in found}) == 1 else None)
        if fuller is None:
            continue
        other = table.find(fuller)
        if other is None:
            if is_short_form(entry.name) or any(_particle(w) for w in entry.name.split()[1:]):
                shorter, entry.name = entry.name, fuller
                entry.add_alias(shorter)
        elif other is not entry and other.kind == PERSON and (None in (entry.gender, other.gender) or entry.gender == other.gender):
            table.merge(entry, other)
            merged[id(entry)] = other
    return merged


def _without_titles(name: str) -> str:
    """``Councilmember Tom Eberhart`` → ``Tom Eberhart``: a run of name words
    may open with a capitalised title or honorific, which is no part of it."""
    words = name.split()
    while words and (is_title(words[0].casefold()) or words[0] in word_set("honorifics.txt")):
        words = words[1:]
    return " ".join(words)
