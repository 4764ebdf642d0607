"""Organisations and named geography: capitalised names ending in a head-word
(``Foreign Ministry``, ``Mozambique Channel``), and lower-case organisations
after a possessive country or a nationality (``Kenya's water ministry``)."""

from __future__ import annotations

from .model import ORGANISATION, PLACE
from .table import EntityTable
from .text import word_set
from .tokens import Token, adjacent, is_place_word, nationalities, role_words_folded


def find_headed_names(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """Capitalised names ending in an organisation or geographic head-word:
    ``Kenya's Water Ministry``, ``People's Liberation Army``, ``Mozambique Channel``."""
    org_heads, geo_heads = word_set("org_heads.txt"), word_set("geo_heads.txt")
    start = None
    for k, token in enumerate(tokens):
        if not token.capitalised or (start is not None and not adjacent(raw, tokens[k - 1], token)):
            start = None
        if not token.capitalised:
            continue
        if start is None:
            start = k
        if token.word in org_heads or token.word in geo_heads:
            run = _drop_openers(tokens[max(start, k - 7) : k + 1])
            if len(run) >= 2 and not table.covered(run[0].start, token.word_end):
                kind = ORGANISATION if token.word in org_heads else PLACE
                _add_headed(raw, table, kind, run)
            start = None if token.possessive else start


def _drop_openers(run: list[Token]) -> list[Token]:
    stop = word_set("name_stopwords.txt")
    k = 0
    while k < len(run) and run[k].word in stop:
        k += 1
    return run[k:]


def _add_headed(raw: str, table: EntityTable, kind: str, run: list[Token]) -> None:
    start, end = run[0].start, run[-1].word_end
    name = raw[start:end]
    if kind == PLACE:
        # "Zukur Islands" after "known as … the Zukur in Eritrea" is that place
        short = " ".join(t.word for t in run[:-1])
        entry = table.find(short, PLACE)
        if entry is not None and entry.names_by_user:
            entry.add_alias(name)
            entry.add_mention(start, end)
            return
    table.add(kind, name, start, end)


def find_lowercase_organisations(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Kenya's water ministry``, ``the Kenyan government``: a possessive
    country or nationality, role words, then an organisation head-word."""
    heads = frozenset(w.casefold() for w in word_set("org_heads.txt"))
    for i, token in enumerate(tokens):
        opens = (token.possessive and is_place_word(token.word)) or (
            token.word in nationalities() and not token.possessive
        )
        if not opens:
            continue
        k = i + 1
        while k < len(tokens) and adjacent(raw, tokens[k - 1], tokens[k]) and not tokens[k].capitalised:
            folded = tokens[k].word.casefold()
            if folded in heads:
                if not table.covered(token.start, tokens[k].word_end):
                    table.add(ORGANISATION, raw[token.start : tokens[k].word_end], token.start, tokens[k].word_end)
                break
            # a portfolio word may be anything after a possessive country
            # ("Kenya's water ministry"); after a nationality only role words
            if k - i >= 3 or (not token.possessive and folded not in role_words_folded()):
                break
            k += 1


# Disputed names: "known as the Hanish in Yemen and the Zukur in Eritrea",
