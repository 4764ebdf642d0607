"""People, places and organisations that one source names.

Precision over recall: a person is only recorded where the text itself marks
the words as a person's name — a title or role right before it (``Kenyan Deputy
Water Minister Ada Obi``), an honorific (``Mr Smith``), a role in
apposition (``Tom Baker, Kenya's deputy water minister,``) or a
reporting verb (a quote's speaker, added by ``quotes.py``). Roles are the
words the source uses; the word lists only say which words can make up a role.

Places come from the dateline, from names ending in a geographic head-word
(``Mozambique Channel``), from disputed-name phrases (``known as the X in A and
the Y in B``) and from the data files' list of the world's countries and
cities. Organisations are names ending in an organisation head-word
(``Foreign Ministry``), also in lower case after a possessive country
(``Kenya's water ministry``).

This module only runs the finders in order; each kind of entity has its own
module (``people``, ``organisations``, ``places``) over a shared ``table``.
"""

from __future__ import annotations

from .blocks import Dateline
from .coref import learn_descriptions
from .model import PLACE, Sentence
from .organisations import (
    find_defined_acronyms,
    find_described_bodies,
    find_head_word_mentions,
    find_headed_names,
    find_legal_form_companies,
    find_named_bodies,
    merge_first_word_forms,
    merge_possessive_forms,
    find_lowercase_organisations,
    find_speaking_organisations,
)
from .people import (
    add_later_mentions,
    find_appositive_people,
    find_modifier_first_names,
    find_role_first_people,
    find_speaking_people,
    find_titled_people,
)
from .surnames import assign_surnames, find_reused_names
from .places import find_disputed_places, find_dwelling_places, find_known_places, find_opened_places, usual_place_name
from .table import EntityTable, Entry
from .tokens import Token, tokenize

__all__ = ["EntityTable", "Entry", "Token", "find_entities", "tokenize"]


def find_entities(raw: str, sentences: tuple[Sentence, ...], dateline: Dateline | None) -> EntityTable:
    """Every entity the story text names, with its mentions.

    Order matters: people first (so that "Michael Jordan" is not the country),
    then organisations and named geography, then known countries and cities
    in what is left, then later surname-only mentions of people.
    """
    table = EntityTable()
    tokenized = [tokenize(raw, s.start, s.end) for s in sentences]
    if dateline is not None:
        usual = usual_place_name(dateline.place)
        entry = table.add(PLACE, usual, dateline.start, dateline.end)
        entry.key = usual
        if dateline.region is not None:  # the state or country after the city
            start, end = dateline.region
            region = usual_place_name(raw[start:end])
            table.add(PLACE, region, start, end).key = region
    for tokens in tokenized:
        find_opened_places(raw, tokens, table)  # "Ilha do Mel" is built as a person's name is
        find_dwelling_places(raw, tokens, table)  # "Grant Park resident": never a person
        find_legal_form_companies(raw, tokens, table)  # "Vossberg Marine NV": never a person
        find_described_bodies(raw, tokens, table)  # "the consultancy Andes Risk": never a person
    for tokens in tokenized:
        find_titled_people(raw, tokens, table)
        find_appositive_people(raw, tokens, table)
        find_role_first_people(raw, tokens, table)
    for tokens in tokenized:
        find_speaking_people(raw, tokens, table)
    for sentence, tokens in zip(sentences, tokenized):
        find_disputed_places(raw, sentence, table)
    for tokens in tokenized:
        find_headed_names(raw, tokens, table)
        find_lowercase_organisations(raw, tokens, table)
        find_defined_acronyms(raw, tokens, table)
    merge_possessive_forms(table)
    find_head_word_mentions(raw, tokenized, table)
    for tokens in tokenized:
        find_known_places(raw, tokens, table)
    find_speaking_organisations(raw, tokenized, table)
    merge_first_word_forms(table)
    find_reused_names(raw, tokenized, table)
    add_later_mentions(raw, tokenized, table)
    find_modifier_first_names(raw, tokenized, table)
    find_named_bodies(raw, table)
    assign_surnames(raw, table)
    learn_descriptions(raw, tokenized, table)
    return table

