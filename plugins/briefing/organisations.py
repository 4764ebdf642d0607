"""Organisations and named geography: capitalised names ending in a head-word
(``Foreign Ministry``, ``Mozambique Channel``), and lower-case organisations
after a possessive country or a nationality (``Kenya's water ministry``)."""

from __future__ import annotations

import re

from .coref import full_names
from .model import ORGANISATION, PERSON, PLACE
from .table import EntityTable
from .tokens import (
    Token,
    adjacent,
    before_brackets,
    is_capital_title,
    is_place_word,
    name_word,
    nationalities,
    postnominal,
    role_words,
    role_words_folded,
)
from .wordlists import word_set


def find_headed_names(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """Capitalised names ending in an organisation or geographic head-word:
    ``Kenya's Water Ministry``, ``People's Liberation Army``, ``Mozambique Channel``."""
    org_heads = word_set("org_heads.txt") | word_set("company_heads.txt")
    geo_heads = word_set("geo_heads.txt")
    start = None
    for k, token in enumerate(tokens):
        if not token.capitalised or (start is not None and not adjacent(raw, tokens[k - 1], token)):
            start = None
        if not token.capitalised:
            continue
        if start is None:
            start = k
        if (token.word in org_heads or token.word in geo_heads) and not _name_goes_on(raw, tokens, k):
            run = _drop_openers(tokens[max(start, k - 7) : k + 1])
            if token.word in org_heads:
                after = _name_after_head(raw, tokens, k)
                if after and not table.covered(run[0].start, token.word_end):
                    _free_from_people(table, after[0].start, after[-1].word_end)
                run = run + after
            if len(run) >= 2 and not table.covered(run[0].start, run[-1].word_end):
                kind = ORGANISATION if token.word in org_heads else PLACE
                _add_headed(raw, table, kind, run)
            start = None if token.possessive else start


def find_legal_form_companies(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Vossberg Marine NV``, ``Ostrava Kovo S.A.``: capitalised words right
    before a company's legal form are a company's name, never a person's;
    the name without the form is an alias, as stories drop it later."""
    forms = word_set("legal_forms.txt")
    for k, token in enumerate(tokens):
        if token.word not in forms or k == 0 or not adjacent(raw, tokens[k - 1], token):
            continue
        run = _capital_run_before(raw, tokens, k - 1)
        while run and run[0].word in nationalities():
            run = run[1:]  # "Dutch Vossberg Marine NV": a nationality describes it
        if not run or table.covered(run[0].start, token.word_end):
            continue
        entry = table.add(ORGANISATION, raw[run[0].start : token.word_end], run[0].start, token.word_end)
        entry.add_alias(raw[run[0].start : run[-1].word_end])


# nouns for a body that never describe a person (an operator, a broadcaster
# or a publisher may be one person: "dive operator Ada Obi")
_BODY_ONLY_NOUNS = frozenset(("firm", "consultancy", "airline", "carmaker", "insurer", "lender", "retailer", "supermarket", "charity"))


def find_described_bodies(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``the consultancy Andes Risk``, ``Lima airline Condor Air``: capitalised
    words right after a lower-case noun only ever used for a body are that
    body's name, never a person's; people are not written ``the firm Ada Obi``."""
    nouns = _BODY_ONLY_NOUNS
    for k in range(len(tokens) - 1):
        if tokens[k].word not in nouns or tokens[k].possessive or not adjacent(raw, tokens[k], tokens[k + 1]):
            continue
        run = _capital_run_after(raw, tokens, k + 1)
        if run and not table.covered(run[0].start, run[-1].word_end):
            table.add(ORGANISATION, raw[run[0].start : run[-1].word_end], run[0].start, run[-1].word_end)


def _capital_run_after(raw: str, tokens: list[Token], k: int) -> list[Token]:
    """Up to four adjacent capitalised words from ``tokens[k]``, to a possessive."""
    run: list[Token] = []
    while k < len(tokens) and len(run) < 4 and tokens[k].capitalised and not tokens[k].word.isupper():
        if run and not adjacent(raw, run[-1], tokens[k]):
            return []  # "the firm Kaczmarek & Lis": a name this run does not hold whole
        if tokens[k].word in word_set("name_stopwords.txt"):
            break
        run.append(tokens[k])
        k += 1
        if run[-1].possessive:
            return []  # "the firm Ada Obi's ...": whose, not the body's name
    return run


def find_head_word_mentions(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """``The Ministry said``, ``the water board said``: an organisation's
    head-word alone after ``the`` (with the lower-case words before it in
    the name: ``the Oskel water board``) is a later mention of the one
    organisation the text named so; with two such organisations it stays
    unresolved."""
    heads = word_set("org_heads.txt")
    lower_heads = frozenset(h.casefold() for h in heads)
    named: dict[tuple[str, ...], list] = {}
    for entry in table.entries:
        if entry.kind != ORGANISATION:
            continue
        forms = {(w,) for w in set(entry.name.split()) & heads}
        for written in (entry.name, *entry.aliases):
            tail = _lower_case_tail(written.split())
            if tail and tail[-1] in lower_heads:
                forms.add(tail)
        for form in forms:
            named.setdefault(form, []).append(entry)
    for tokens in tokenized:
        for k, token in enumerate(tokens[1:], 1):
            if tokens[k - 1].word.casefold() != "the" or not adjacent(raw, tokens[k - 1], token):
                continue
            for size in (3, 2, 1):
                run = tokens[k : k + size]
                found = named.get(tuple(t.word for t in run), ())
                if len(run) < size or len(found) != 1 or not all(adjacent(raw, a, b) for a, b in zip(run, run[1:])):
                    continue
                if _name_goes_on(raw, tokens, k + size - 1) or table.covered(run[0].start, run[-1].word_end):
                    break
                found[0].add_alias(" ".join(t.word for t in run))
                found[0].add_mention(run[0].start, run[-1].word_end)
                break


def merge_possessive_forms(table: EntityTable) -> None:
    """``Norway's central bank`` and ``the Central Bank of Norway`` are one
    organisation written two ways: the possessive form is an alias of the
    named one."""
    by_name = {e.name.casefold(): e for e in table.entries if e.kind == ORGANISATION}
    for entry in list(table.entries):
        owner, mark, rest = entry.name.partition("'s ")
        if entry.kind != ORGANISATION or not mark or " " in owner:
            continue
        named = by_name.get(f"{rest} of {owner}".casefold())
        if named is not None and named is not entry:
            table.merge(entry, named)


def _lower_case_tail(words: list[str]) -> tuple[str, ...]:
    """``("water", "board")`` of ``Oskel water board``: the words after the
    last capitalised one, when there are any."""
    k = len(words)
    while k > 0 and not words[k - 1][:1].isupper():
        k -= 1
    return tuple(words[k:]) if 0 < k < len(words) else ()


def _free_from_people(table: EntityTable, start: int, end: int) -> None:
    """``Movement for Free Transit``: words taken for a person's name (named
    nowhere else) belong to the organisation's name."""
    for offset in range(start, end):
        entry = table.positions.get(offset)
        if entry is not None and entry.kind == PERSON and len(entry.mentions) == 1:
            mention = entry.mentions[0]
            if start <= mention.start and mention.end <= end:
                entry.mentions.clear()
                for at in range(mention.start, mention.end):
                    table.positions.pop(at, None)


_HEAD_LINKS = ("of", "for", "on")
_NAME_LINKS = ("of", "for", "on", "and")


def _name_after_head(raw: str, tokens: list[Token], k: int) -> list[Token]:
    """``Ministry of Health``, ``Movement for Free Transit``, ``Commission on
    Maritime Accident Investigation``: after an organisation head-word, ``of``,
    ``for`` or ``on`` and capitalised words go on with its name."""
    if tokens[k].possessive or k + 2 >= len(tokens) or tokens[k + 1].word not in _HEAD_LINKS:
        return []
    taken: list[Token] = []
    m = k + 1
    while m + 1 < len(tokens) and len(taken) < 8 and adjacent(raw, tokens[m - 1], tokens[m]):
        link, word = tokens[m], tokens[m + 1]
        if link.word not in _NAME_LINKS or not word.capitalised or not adjacent(raw, link, word):
            break
        if word.word in word_set("name_stopwords.txt"):
            break  # "the Court on Tuesday"
        taken += [link, word]
        m += 2
        while m < len(tokens) and tokens[m].capitalised and adjacent(raw, tokens[m - 1], tokens[m]):
            if tokens[m - 1].possessive:
                break
            taken.append(tokens[m])
            m += 1
        if taken[-1].possessive:
            break
    return taken + _listed_fields(raw, tokens, k + 1 + len(taken)) if taken else taken


def _listed_fields(raw: str, tokens: list[Token], m: int) -> list[Token]:
    """``Department for Environment, Food and Rural Affairs``, ``Ministry of
    Health, Labour and Welfare``: a portfolio name may go on with a list of
    single capitalised words and ``and`` before its last field. Items of
    two words are left out: ``Ministry of Health, Ada Obi and …`` lists
    people."""
    taken: list[Token] = []
    while m + 1 < len(tokens) and raw[tokens[m - 1].end : tokens[m].start] == ", ":
        item = tokens[m]
        if not item.capitalised or item.possessive or item.word in word_set("name_stopwords.txt"):
            return []
        taken.append(item)
        m += 1
        link = tokens[m]
        if link.word == "and" and adjacent(raw, item, link):
            run: list[Token] = []  # the last field: ``Rural Affairs``
            for t in tokens[m + 1 : m + 4]:
                if not t.capitalised or not adjacent(raw, run[-1] if run else link, t):
                    break
                run.append(t)
            return taken + [link] + run if run else []
        if raw[item.end : item.end + 2] != ", ":
            return []
    return []


def _name_goes_on(raw: str, tokens: list[Token], k: int) -> bool:
    """``Sierra Valley Power``: a head-word inside a longer name is not its end."""
    if tokens[k].possessive or k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return (
        after.capitalised
        and adjacent(raw, tokens[k], after)
        and after.word not in word_set("name_stopwords.txt")
        and after.word not in role_words()
        and not is_capital_title(after.word)
    )


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
    """``Kenya's water ministry``, ``the Kenyan government``, ``the Varnholm
    city council``: a possessive country, a nationality or a proper name
    after ``the``, role words, then an organisation head-word."""
    heads = word_set("org_heads.txt", folded=True)
    nations = nationalities()
    for i, token in enumerate(tokens):
        possessive = token.possessive and is_place_word(token.word)
        nationality = token.word in nations and not token.possessive
        start = None if possessive or nationality else _proper_name_after_the(raw, tokens, i)
        if not (possessive or nationality or start is not None):
            continue
        first = tokens[i] if start is None else tokens[start]
        k = i + 1
        while k < len(tokens) and adjacent(raw, tokens[k - 1], tokens[k]) and not tokens[k].capitalised:
            folded = tokens[k].word.casefold()
            if folded in heads:
                if not table.covered(first.start, tokens[k].word_end):
                    _add_lowercase(raw, tokens, k, table, first.start)
                break
            # a portfolio word may be anything after a possessive country or
            # a proper name ("Kenya's water ministry", "the Varnholm city
            # council"); after a nationality only role words
            if k - i >= 3 or (nationality and folded not in role_words_folded()):
                break
            k += 1


def _proper_name_after_the(raw: str, tokens: list[Token], i: int) -> int | None:
    """Index of the first of up to three capitalised words that end at
    ``tokens[i]`` right after ``the`` (``the Varnholm city council``)."""
    if not tokens[i].capitalised or tokens[i].possessive or i + 1 >= len(tokens) or tokens[i + 1].capitalised:
        return None
    k = i
    while k > 0 and i - k < 3 and tokens[k - 1].capitalised and adjacent(raw, tokens[k - 1], tokens[k]):
        if tokens[k - 1].word in ("The",) or tokens[k - 1].possessive:
            break
        k -= 1
    if k == 0 or tokens[k - 1].word.casefold() != "the" or not adjacent(raw, tokens[k - 1], tokens[k]):
        return None
    if any(t.word in word_set("name_stopwords.txt") for t in tokens[k : i + 1]):
        return None
    return k


def _add_lowercase(raw: str, tokens: list[Token], head: int, table: EntityTable, start: int) -> None:
    """Add the organisation ending at ``tokens[head]``; in apposition to a
    named one (``Norway's cabinet, the Royal Council,``) it is that one."""
    end = tokens[head].word_end
    named = None
    if raw[end : end + 2] == ", " and head + 1 < len(tokens):
        at = head + 2 if tokens[head + 1].word.casefold() == "the" and head + 2 < len(tokens) else head + 1
        named = table.positions.get(tokens[at].start)
    if named is not None and named.kind == ORGANISATION:
        named.add_alias(raw[start:end])
        named.add_mention(start, end)
        return
    table.add(ORGANISATION, raw[start:end], start, end)


# Disputed names: "known as the Hanish in Yemen and the Zukur in Eritrea",


def find_speaking_organisations(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """Organisations without a head-word that the text has speak:
    ``Northshore Health said``, ``Quillpay, the payments start-up, said``.

    The subject of a reporting verb is a run of capitalised words not yet
    known as anything. Two or three name words are a person's name (people
    are found elsewhere); a run holding other capitalised words (``Health``,
    ``Power``) is an organisation, and so is a single word the text also
    writes capitalised inside a sentence (a name, not a sentence's first
    word such as ``Officials``) that is no person's name.
    """
    verbs = word_set("reporting_verbs.txt")
    adverbs = word_set("cue_adverbs.txt")
    inside = _capitalised_inside(tokenized)
    named = full_names(raw, tokenized)  # a word of a full name is a person's
    for tokens in tokenized:
        for k, token in enumerate(tokens):
            if token.text not in verbs:
                continue
            j = k - 1
            while j >= 0 and (tokens[j].word.casefold() in adverbs or postnominal(tokens[j])) and k - j <= 3:
                j -= 1
            if j > 0:
                j = before_brackets(raw, tokens, j)
            if j < 0:
                continue
            if "," in raw[tokens[j].end : tokens[j + 1].start]:
                j = _first_appositive_head(raw, tokens, j)
                if j > 0:
                    j = before_brackets(raw, tokens, j)  # "Ada Holt (D-Vt.), the ranking member, said"
            run = _capital_run_before(raw, tokens, j)
            if run and _after_where(raw, tokens, _opening(raw, tokens, j - len(run) + 1)):
                continue
            if run and not table.covered(run[0].start, run[-1].word_end) and _names_organisation(run, inside, named, table):
                table.add(ORGANISATION, raw[run[0].start : run[-1].word_end], run[0].start, run[-1].word_end)


def merge_first_word_forms(table: EntityTable) -> None:
    """``Noordvliet`` after ``Noordvliet Terminals``: a company's first word
    used alone is that company, when it is no place or head-word and no other
    entity's name opens with it (``Harlow`` with ``Harlow Rail`` and ``Harlow
    Water`` stays its own)."""
    openers: dict[str, list] = {}
    for entry in table.entries:
        openers.setdefault(entry.name.split()[0].casefold(), []).append(entry)
    heads = word_set("org_heads.txt") | word_set("company_heads.txt") | word_set("geo_heads.txt")
    for entry in list(table.entries):
        word = entry.name
        if entry.kind != ORGANISATION or " " in word or word.isupper() or is_place_word(word) or word in heads:
            continue
        others = [e for e in openers.get(word.casefold(), ()) if e is not entry]
        if len(others) == 1 and others[0].kind == ORGANISATION and " " in others[0].name:
            table.merge(entry, others[0])


# What the text says of a name only a body fits: "Talvik Minerals' chief
# executive", "Talvik Minerals, which …", "shares in Talvik Minerals", "a
# spokesperson for Talvik Minerals". ("Talvik Minerals raised its offer" is no
# sign: "its" may be another noun's, as in "Ada Obi praised its findings".)
_BODY_AFTER = re.compile(
    r"(?:['’]s? (?:chief executive|operations|shareholders|headquarters|share price|subsidiary|board)\b"
    r"|, which\b)"
)
_BODY_BEFORE = re.compile(r"(?:\b[Ss]hares in|\b[Ss]pokes(?:person|man|woman) for|\b[Ee]mployees of) $")


def find_named_bodies(raw: str, table: EntityTable) -> None:
    """A name of two or more words built as a person that the text treats as
    a body (``Talvik Minerals, which …``, ``shares in Talvik Minerals``) is a
    company without a head-word, not a person: a person takes ``who`` and
    ``her``, never ``which`` or ``its``. A person the text gave a role, a
    gender or an honorific stays one."""
    people = [e for e in table.entries if e.kind == PERSON and " " in e.name and not e.role and not e.gender]
    starts = _occurrences(raw, {e.name for e in people})
    for entry in people:
        if any(_treated_as_body(raw, start, start + len(entry.name)) for start in starts.get(entry.name, ())):
            entry.kind = ORGANISATION


def _occurrences(raw: str, names: set[str]) -> dict[str, list[int]]:
    """Starts of each of ``names`` written in full as a whole word, mention
    or not, in one pass over ``raw``: one pattern finds where any of their
    first words starts a word, and the names opening with it are compared
    there."""
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name.split(" ", 1)[0], []).append(name)
    if not by_first:
        return {}
    # not after a letter or digit (str.isalnum), then a first word and its space
    firsts = "|".join(re.escape(first) for first in sorted(by_first, key=len, reverse=True))
    found: dict[str, list[int]] = {}
    for hit in re.finditer(rf"(?<![^\W_])(?=({firsts}) )", raw):
        start = hit.start()
        for name in by_first[hit.group(1)]:
            end = start + len(name)
            if raw.startswith(name, start) and (end == len(raw) or not raw[end].isalnum()):
                found.setdefault(name, []).append(start)
    return found


def _treated_as_body(raw: str, start: int, end: int) -> bool:
    before = raw[max(0, start - 12) : start].split()
    if before and before[-1] in word_set("honorifics.txt"):
        return False  # "Dr Ada Obi"
    return _BODY_AFTER.match(raw, end, end + 40) is not None or _BODY_BEFORE.search(raw, max(0, start - 30), start) is not None


def _opening(raw: str, tokens: list[Token], k: int) -> int:
    """Index of the first word of the run at ``tokens[k]`` with the openers
    ``_drop_openers`` left out (``New`` of ``of New Carrick said``)."""
    stop = word_set("name_stopwords.txt")
    while k > 0 and tokens[k - 1].word in stop and adjacent(raw, tokens[k - 1], tokens[k]):
        k -= 1
    return k


def _after_where(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether the run opening at ``tokens[k]`` follows a preposition after
    which a name says where something is, not who acts (``critics in
    Varnholm have described``), or ``of``, after which it says whose or
    where from (``Gov. Ada Holt of New Carrick said``)."""
    before = tokens[k - 1].word if k > 0 else ""
    return (before == "of" or before in word_set("place_prepositions.txt")) and adjacent(raw, tokens[k - 1], tokens[k])


def _capitalised_inside(tokenized: list[list[Token]]) -> frozenset[str]:
    return frozenset(t.word for tokens in tokenized for t in tokens[1:] if t.capitalised)


def _first_appositive_head(raw: str, tokens: list[Token], j: int) -> int:
    """The word before the leftmost comma of the appositives ending at ``j``."""
    head = j
    for m in range(j, max(0, j - 25), -1):
        if "," in raw[tokens[m - 1].end : tokens[m].start]:
            head = m - 1
    return head


def _capital_run_before(raw: str, tokens: list[Token], j: int) -> list[Token]:
    """Up to five adjacent capitalised words ending at ``tokens[j]``,
    without the openers that are no part of a name (``The``)."""
    run: list[Token] = []
    k = j
    while k >= 0 and len(run) < 5 and tokens[k].capitalised and not tokens[k].possessive:
        if run and not adjacent(raw, tokens[k], run[0]):
            break
        run.insert(0, tokens[k])
        k -= 1
    return _drop_openers(run)


def _names_organisation(run: list[Token], inside: frozenset[str], named: dict, table: EntityTable) -> bool:
    if any(t.word in word_set("name_stopwords.txt") or t.word in nationalities() for t in run):
        return False
    if all(t.word in role_words() or is_capital_title(t.word) for t in run):
        return False  # "the Deputy Minister said": a person's role
    if len(run) == 1:
        word = run[0].word
        person_words = {w for e in table.entries if e.kind == PERSON for w in e.name.split()}
        return word in inside and not is_place_word(word) and word not in person_words and word not in named
    particles = word_set("name_particles.txt", folded=True)
    if all(name_word(t) or t.word.casefold() in particles for t in run) and len(run) <= 3:
        return False  # a person's name, or a surname with its particle ("Ó Broin")
    return not all(is_place_word(t.word) for t in run)


_ACRONYM_REACH = 10  # words of a name an acronym in brackets may stand for


def find_defined_acronyms(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``the Dirección General de Aguas (DGA)``: an acronym in brackets whose
    letters are the initials of the capitalised words just before it names
    the same organisation, so a later ``the DGA said`` is that body. Some
    styles write an acronym said as a word with one capital (``Ftwu``)."""
    for k, token in enumerate(tokens):
        word = token.word
        if not (2 <= len(word) <= 8 and word[0].isupper() and word.isalpha()):
            continue
        if not word.isupper() and (len(word) < 4 or not word[1:].islower()):
            continue  # "Amawu" is an acronym written as a word, "Ab" is no acronym
        if raw[token.start - 1 : token.start] != "(" or raw[token.end : token.end + 1] != ")" or k == 0:
            continue
        run = _initials_run(raw, tokens, k - 1, word) or (word.isupper() and _syllables_run(raw, tokens, k - 1, word))
        if run:
            name = " ".join(t.word for t in run)
            entry = table.mentioned_at(run[0].start, run[-1].word_end)
            if entry is None:
                entry = _widened(table, name, run)
            if entry is None or entry.kind != ORGANISATION:
                entry = table.add(ORGANISATION, name, run[0].start, run[-1].word_end)
            entry.add_alias(word)
            entry.add_mention(token.start, token.end)


def _syllables_run(raw: str, tokens: list[Token], j: int, acronym: str) -> list[Token]:
    """``the Aurora Electric Cooperative (AURELCO)``: an acronym may spell the
    first letters of each capitalised word just before it, one or more of
    each, in order (small linking words give none). The shortest such run."""
    if raw[tokens[j].end : tokens[j + 1].start] != " (":
        return []
    links = word_set("role_connectors.txt") | word_set("name_particles.txt")
    words: list[str] = []
    for m in range(j, max(-1, j - _ACRONYM_REACH), -1):
        token = tokens[m]
        if m < j and not adjacent(raw, token, tokens[m + 1]):
            return []
        if token.capitalised and not (token.possessive and m < j):
            words.insert(0, token.word.upper())
            if _spelled(acronym, words):
                return tokens[m : j + 1]
        elif token.word.casefold() not in links or m == j:
            return []
    return []


def _spelled(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` is a non-empty prefix of each word in turn."""
    if not words:
        return not acronym
    first = words[0]
    return any(
        first[:n] == acronym[:n] and _spelled(acronym[n:], words[1:])
        for n in range(min(len(first), len(acronym) - len(words) + 1), 0, -1)
    )


def _widened(table: EntityTable, name: str, run: list[Token]):
    """``Ferry and Tram Workers Union (Ftwu)``: an organisation found as the
    last words of the name (``Tram Workers Union``) is renamed to the whole."""
    entry = table.positions.get(run[-1].start)
    if entry is None or entry.kind != ORGANISATION or table.find(name) is not None:
        return None
    shorter, entry.name = entry.name, name
    entry.add_alias(shorter)
    entry.add_mention(run[0].start, run[-1].word_end)
    return entry


def _initials_run(raw: str, tokens: list[Token], j: int, acronym: str) -> list[Token]:
    """The words ending at ``tokens[j]`` whose capitalised initials spell
    ``acronym`` (small linking words such as ``of``, ``de`` may stand between)."""
    if raw[tokens[j].end : tokens[j + 1].start] != " (":
        return []
    links = word_set("role_connectors.txt") | word_set("name_particles.txt")
    initials = ""
    for m in range(j, max(-1, j - _ACRONYM_REACH), -1):
        token = tokens[m]
        if m < j and not adjacent(raw, token, tokens[m + 1]):
            return []
        if token.capitalised and not token.possessive:
            initials = token.word[0] + initials
            if initials == acronym.upper():
                return tokens[m : j + 1]
            if not acronym.upper().endswith(initials):
                return []
        elif token.word.casefold() not in links or m == j:
            return []
    return []
