"""Places: disputed names (``known as X in A and Y in B``) and the countries
and cities of the data files, one entry per place whatever form is written."""

from __future__ import annotations

import re

from .model import PLACE, Sentence
from .table import EntityTable
from .tokens import (
    Token,
    adjacent,
    is_capital_title,
    longest_place_form,
    place_first_words,
    place_forms,
    role_words,
    usual_place_names,
)
from .wordlists import word_set


def usual_place_name(written: str) -> str:
    """``LAGOS`` → ``Lagos`` (the data files' form, else title case)."""
    usual = usual_place_names().get(written.casefold())
    if usual is not None:
        return usual
    return written.title() if written.isupper() else written


_CAP = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
_THE = r"(?:the )?"
_DISPUTED = (
    re.compile(
        rf"\bknown as {_THE}(?P<x>{_CAP}) (?:in|by) {_THE}(?P<a>{_CAP}),? and {_THE}(?P<y>{_CAP}) (?:in|by) {_THE}(?P<b>{_CAP})"
    ),
    re.compile(
        rf"\bcalled {_THE}(?P<x>{_CAP}) (?:in|by) {_THE}(?P<a>{_CAP}),? and {_THE}(?P<y>{_CAP}) (?:in|by) {_THE}(?P<b>{_CAP})"
    ),
    re.compile(
        rf"\bknown in {_THE}(?P<a>{_CAP}) as {_THE}(?P<x>{_CAP}),? and in {_THE}(?P<b>{_CAP}) as {_THE}(?P<y>{_CAP})"
    ),
)


def find_disputed_places(raw: str, sentence: Sentence, table: EntityTable) -> None:
    if not _may_name_disputed(raw, sentence):
        return
    for pattern in _DISPUTED:
        for match in pattern.finditer(raw, sentence.start, sentence.end):
            x, y = match.group("x"), match.group("y")
            entry = table.find(x, PLACE) or table.find(y, PLACE)
            if entry is None:
                entry = table.new_entry(PLACE, f"{x}/{y}")
            for alias in (x, y):
                entry.add_alias(alias)
            for pair in ((x, match.group("a")), (y, match.group("b"))):
                if pair not in entry.names_by_user:
                    entry.names_by_user.append(pair)
            entry.add_mention(match.start("x"), match.end("x"))
            entry.add_mention(match.start("y"), match.end("y"))


def _may_name_disputed(raw: str, sentence: Sentence) -> bool:
    """Whether the sentence has a word each ``_DISPUTED`` pattern needs
    (``known``, ``called``): most have neither, and then none of the three
    scans runs (``find_disputed_places`` 0.25 → 0.06 ms an article)."""
    return raw.find("known", sentence.start, sentence.end) >= 0 or raw.find("called", sentence.start, sentence.end) >= 0


# -- names opened by a geographic head-word ----------------------------------


def find_opened_places(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Lake Kivu``, ``Ilha do Mel``, ``Lago di Garda``: a geographic
    head-word that opens a name, then up to three capitalised words with the
    particles between them, is a place; without it the words would pass for
    a person's name (``Ilha do Mel`` is built as ``Ana da Silva`` is)."""
    openers = word_set("geo_openers.txt")
    for k, token in enumerate(tokens):
        if token.word not in openers or token.possessive:
            continue
        run = _opened_name(raw, tokens, k)
        if run and not table.covered(token.start, run[-1].word_end):
            table.add(PLACE, raw[token.start : run[-1].word_end], token.start, run[-1].word_end)


def _opened_name(raw: str, tokens: list[Token], k: int) -> list[Token]:
    """The words after the head-word at ``k``, ending on a capitalised one;
    none when an organisation's head-word follows (``Mount Sinai Hospital``
    is left to the organisations), and a title ends them (``Cape Town Mayor``)."""
    particles = word_set("name_particles.txt")
    org_heads = word_set("org_heads.txt") | word_set("company_heads.txt")
    run: list[Token] = []
    words = 0
    for token in tokens[k + 1 : k + 6]:
        if not adjacent(raw, run[-1] if run else tokens[k], token) or words == 3:
            break
        if token.word in org_heads:
            return []
        if token.capitalised and (token.word in role_words() or is_capital_title(token.word)):
            break
        if token.capitalised:
            words += 1
        elif token.word.casefold() not in particles:
            break
        run.append(token)
        if token.possessive:
            break
    while run and not run[-1].capitalised:
        run.pop()
    return run


# -- names before a word for where people live --------------------------------


def find_dwelling_places(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Grant Park resident Ada Obi``, ``the Holt, West Green and Marsh End
    neighbourhoods``: a name right before a lower-case word for residents or
    a neighbourhood is a place, however much it looks like a person's name;
    in a list sharing a plural head-word every name is one."""
    nouns = word_set("dweller_nouns.txt")
    for k in range(1, len(tokens)):
        if tokens[k].word not in nouns or not adjacent(raw, tokens[k - 1], tokens[k]) or tokens[k - 1].possessive:
            continue
        end = k - 1
        while end >= 0:
            run = _capitalised_run(raw, tokens, end)
            if not run or table.covered(run[0].start, run[-1].word_end):
                break
            table.add(PLACE, " ".join(t.word for t in run), run[0].start, run[-1].word_end)
            end = _listed_before(raw, tokens, end - len(run) + 1) if tokens[k].word.endswith("s") else -1


def _capitalised_run(raw: str, tokens: list[Token], last: int) -> list[Token]:
    """Up to three capitalised words ending at ``tokens[last]`` (``Central
    Hillside``), the sentence's ``The`` and the like left out."""
    stop = word_set("name_stopwords.txt")
    first = last
    while first >= 0 and last - first < 3:
        token = tokens[first]
        if not token.capitalised or token.word in stop or (first < last and token.possessive):
            break
        if first < last and not adjacent(raw, token, tokens[first + 1]):
            break
        first -= 1
    return tokens[first + 1 : last + 1]


def _listed_before(raw: str, tokens: list[Token], first: int) -> int:
    """Index of the last word of the item listed before ``tokens[first]``
    (``Holt, West Green and``), else -1."""
    if first < 1:
        return -1
    gap = raw[tokens[first - 1].end : tokens[first].start]
    if gap == ", ":
        return first - 1
    if gap == " " and tokens[first - 1].word == "and" and first >= 2 and raw[tokens[first - 2].end : tokens[first - 1].start] in (" ", ", "):
        return first - 2
    return -1


# -- countries and cities ---------------------------------------------------


def find_known_places(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """Countries and cities of the data files, written with their capitals,
    where no other entity already covers the words."""
    forms = place_forms()
    longest = longest_place_form()
    openers = place_first_words()
    k = 0
    while k < len(tokens):
        matched = 0
        if tokens[k].word not in openers:
            k += 1  # no form starts with this word: nothing to try
            continue
        for size in range(min(longest, len(tokens) - k), 0, -1):
            run = tokens[k : k + size]
            if any(t.possessive for t in run[:-1]):
                continue
            if size > 1 and not all(adjacent(raw, a, b) for a, b in zip(run, run[1:])):
                continue
            key = tuple(t.word for t in run)
            if key in forms and not table.covered(run[0].start, run[-1].word_end):
                _add_known_place(table, forms[key], " ".join(key), run[0].start, run[-1].word_end)
                matched = size
                break
        k += matched or 1


def _add_known_place(table: EntityTable, usual: str, written: str, start: int, end: int) -> None:
    """One entry per country or city whatever form the text uses ("US",
    "United States"); its name is the longest form this source writes."""
    entry = next((e for e in table.entries if e.kind == PLACE and e.key == usual), None)
    if entry is None:
        entry = table.find(written, PLACE) or table.add(PLACE, written, start, end)
        entry.key = usual
    entry.add_mention(start, end)
    if len(written) > len(entry.name):
        shorter, entry.name = entry.name, written
        entry.add_alias(shorter)
    else:
        entry.add_alias(written)


