"""People: names marked as such by a title, an honorific or a role in
apposition, and their later full-name and surname-only mentions.

Roles are the words the source uses; the word lists only say which words can
make up a role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .coref import gender_of, set_gender
from .dates import full_months
from .model import ORGANISATION, PERSON, PLACE
from .surnames import surname_forms
from .table import EntityTable, Entry
from .tokens import (
    Token,
    adjacent,
    bare_initial,
    before_brackets,
    description_compound,
    is_capital_title,
    is_person_noun,
    is_place_name,
    is_place_word,
    is_title,
    lower_case_words,
    name_openers,
    name_run,
    name_word,
    nationalities,
    next_opener,
    postnominal,
    role_words,
    role_words_folded,
    stopword_surname,
)
from .wordlists import word_set


def find_titled_people(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``<role words> <Name>`` and ``<honorific> <Name>``."""
    i = 0
    while i < len(tokens):
        found = _titled_person_at(raw, tokens, i)
        if found is None:
            i += 1
            continue
        role_start, role_end, name_tokens = found
        name = " ".join(t.word for t in name_tokens)
        role = raw[role_start:role_end] if role_start is not None else None
        person = table.add(PERSON, name, name_tokens[0].start, name_tokens[-1].word_end, role)
        if role is not None and role.casefold() in word_set("unnamed_people.txt"):
            person.descriptions.add(role.casefold())
        while i < len(tokens) and tokens[i] is not name_tokens[0]:
            i += 1
        set_gender(person, _gender_before(tokens, i, role))
        i += len(name_tokens)


def _gender_before(tokens: list[Token], at: int, role: str | None) -> str | None:
    """The gender an honorific (``Mrs``) or a role word (``spokeswoman``) gives
    the name whose first word is ``tokens[at]``."""
    if at > 0 and role is None:
        return gender_of(tokens[at - 1].word)
    return _gender_of_words(role.split()) if role else None


def _gender_of_words(words: list[str]) -> str | None:
    found = {gender_of(w) for w in words} - {None}
    return found.pop() if len(found) == 1 else None


def _titled_person_at(raw: str, tokens: list[Token], i: int):
    """A person named after a title head-word at ``i`` (or an honorific).

    The role reaches forward over role words (``Minister of Foreign
    Affairs``) and back over the capitalised words glued to it (``Kenyan
    Water Minister``, ``Kenya's Deputy Energy Minister``). A lower-case head
    (``Kenya's energy minister Ada Obi``) takes only role words and needs a
    name of two words.
    """
    token = tokens[i]
    if token.possessive or _heads_no_role(token.word):
        return None
    if token.word in word_set("honorifics.txt"):
        names = _name_after(raw, tokens, i) or _particle_surname_after(raw, tokens, i)
        return (None, None, names) if names else None
    if description_compound(token.word):
        # "Thirteen-year-old Areeba": an age describes the person named after it
        names = _name_after(raw, tokens, i)
        return (None, None, names) if names else None
    if (token.word.casefold() in word_set("unnamed_people.txt") or _common_noun(raw, token)) and not token.word.isupper():
        # "Neighbour Ada Obi", "commuter Ada Obi": a word for a person before
        # a full name is what the person is, no part of the name
        names = _name_after(raw, tokens, i)
        if _glued_after(raw, tokens, i + len(names)):
            return None  # "World Cement Producers' Forum": the words run on into a longer name
        return (token.start, token.word_end, names) if len(names) >= 2 else None
    capital = is_capital_title(token.word)
    if not capital and not is_title(token.word):
        return None
    j = _role_end(raw, tokens, i, capital)
    names = _name_after(raw, tokens, _past_honorific(raw, tokens, j))
    if not names and j > i and capital:
        # "Chief Dennis Prince said": a title word ahead (Prince) that no
        # name follows is the end of the name, not of the role
        j = i
        names = _name_after(raw, tokens, i)
        last = i + len(names) + 1  # "Prince", after "Dennis"
        if (
            names
            and last < len(tokens)
            and adjacent(raw, names[-1], tokens[last])
            and is_capital_title(tokens[last].word)
            and not _glued_after(raw, tokens, last)
        ):
            names = [*names, tokens[last]]
    if not names or (not capital and len(names) < 2):
        return None
    start = _role_start(raw, tokens, i, capital)
    return tokens[start].start, tokens[j].word_end, names


@lru_cache(maxsize=65536)
def _heads_no_role(word: str) -> bool:
    """A word in lower case that is no honorific, no title and no word for
    a person (most words): every test of ``_titled_person_at`` fails on it,
    and it depends on the word alone, so the answer is kept."""
    return (
        not word[:1].isupper()
        and word not in word_set("honorifics.txt")
        and word.casefold() not in word_set("unnamed_people.txt")
        and not is_title(word)
    )


def _glued_after(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether a capitalised word follows ``tokens[k]`` with only a space between."""
    return k + 1 < len(tokens) and tokens[k + 1].capitalised and adjacent(raw, tokens[k], tokens[k + 1])


def _common_noun(raw: str, token: Token) -> bool:
    """A capitalised word that is a common noun, not a first name: the same
    text also writes it in lower case (``Halfback Ada Obi`` in a story that
    says ``the halfback``: names are not written in lower case), or it is a
    compound with a lower-case part (``Front-runner``, ``Co-pilot``) before a
    full name. Given names so joined (``Ji-yeon``) stand before a family name
    alone, never before two more names."""
    if not token.capitalised:
        return False
    return _lowercase_compound(token.word) or (name_word(token) and token.word.casefold() in lower_case_words(raw))


def _lowercase_compound(word: str) -> bool:
    first, hyphen, second = word.partition("-")
    return bool(hyphen) and first[:1].isupper() and second[:1].islower() and "-" not in second


def _particle_surname_after(raw: str, tokens: list[Token], j: int) -> list[Token]:
    """``Mr Ó Ceallaigh``, ``Dr van Doorn``: after an honorific a surname may
    open with its particle, which opens no name elsewhere."""
    k = j + 1
    if k + 1 >= len(tokens) or tokens[k].word.casefold() not in word_set("name_particles.txt"):
        return []
    if not adjacent(raw, tokens[j], tokens[k]):
        return []
    rest = _name_after(raw, tokens, k)
    return [tokens[k], *rest] if rest else []


def _past_honorific(raw: str, tokens: list[Token], j: int) -> int:
    """``Deputy Minister Dr. Ada Obi``: an honorific between a role and the
    name belongs to neither, so the name is looked for after it."""
    after = j + 1
    if after < len(tokens) and tokens[after].word in word_set("honorifics.txt") and adjacent(raw, tokens[j], tokens[after]):
        return after
    return j


def _role_end(raw: str, tokens: list[Token], i: int, capital: bool) -> int:
    """Index of the last role word from the head at ``i`` onwards."""
    last, j = i, i + 1
    while j < len(tokens) and j - i < 8 and adjacent(raw, tokens[j - 1], tokens[j]) and not tokens[j - 1].possessive:
        if _is_role_word(tokens[j], capital):
            last = j
            j += 1
        elif tokens[j].word in word_set("role_connectors.txt"):
            reach = _role_after_connector(raw, tokens, j, capital)
            if reach is None:
                break
            last, j = reach, reach + 1
        elif capital and (reach := _role_word_ahead(raw, tokens, j)) is not None:
            last, j = reach, reach + 1
        else:
            break
    return last


def _role_word_ahead(raw: str, tokens: list[Token], j: int) -> int | None:
    """``Chief Financial Officer``, ``Chief Human Resources Officer``: up to
    two capitalised words between two title words belong to the title (a
    name never stands before a title word in a title run)."""
    for k in range(j, min(j + 2, len(tokens) - 1)):
        if not tokens[k].capitalised or tokens[k].possessive or not adjacent(raw, tokens[k], tokens[k + 1]):
            return None
        if _is_role_word(tokens[k + 1], True):
            return k + 1
    return None


def _role_after_connector(raw: str, tokens: list[Token], j: int, capital: bool) -> int | None:
    """``of Foreign Affairs``, ``of Water Affairs``, ``of Kenya``: after a
    connector the role goes on to the last role word or place within three
    capitalised words (an unknown portfolio word may stand before it)."""
    reach = None
    for k in range(j + 1, min(j + 4, len(tokens))):
        token = tokens[k]
        if not adjacent(raw, tokens[k - 1], token) or (capital and not token.capitalised):
            break
        if _is_role_word(token, capital) or (capital and is_place_word(token.word)):
            reach = k
        elif capital and _portfolio_word(raw, tokens, k):
            reach = k
        elif not capital:
            break
        if token.possessive:
            break
    if reach is None and capital and j + 1 < len(tokens) and tokens[j + 1].capitalised:
        # "Minister of Infrastructure Ada Obi": an unknown portfolio word
        # right before a full name still belongs to the role
        if len(_name_after(raw, tokens, j + 1)) >= 2 and adjacent(raw, tokens[j], tokens[j + 1]):
            reach = j + 1
    return reach


def _portfolio_word(raw: str, tokens: list[Token], k: int) -> bool:
    """``Minister for Roads and Water Supply H.S. Ada Obi``: a capitalised
    word of a portfolio that the text also writes in lower case is a common
    noun, no part of the name, when the initials that open a full name follow
    it (a given name the text happens to write in lower case, ``Rose``, comes
    before a surname, not before initials)."""
    names = _name_after(raw, tokens, k)
    return len(names) >= 2 and _opens_on_initials(names[0]) and _common_noun(raw, tokens[k])


def _opens_on_initials(token: Token) -> bool:
    return token.word[:1].isupper() and token.word.endswith(".") and token.word.count(".") * 2 == len(token.word)


def _is_role_word(token: Token, capital: bool) -> bool:
    if capital:
        return token.word in role_words() or is_capital_title(token.word)
    return not token.capitalised and (token.word.casefold() in role_words_folded() or is_title(token.word))


def _role_start(raw: str, tokens: list[Token], i: int, capital: bool) -> int:
    """Index of the first word of the role whose head is at ``i``."""
    k = i
    while k > 0 and i - k < 5 and adjacent(raw, tokens[k - 1], tokens[k]):
        before = tokens[k - 1]
        if before.possessive or (not capital and opens_role(before)):
            if opens_role(before) and before.capitalised:
                k -= 1
            break
        if capital:
            if not before.capitalised or before.word in word_set("name_stopwords.txt") or before.word in word_set("honorifics.txt"):
                break
        elif not _is_role_word(before, capital):
            break
        k -= 1
    return k


def opens_role(token: Token) -> bool:
    """A nationality or a (possessive) country before a role: ``Kenyan``, ``Kenya's``, ``U.S.``."""
    return token.word in nationalities() or is_place_word(token.word)


def _name_after(raw: str, tokens: list[Token], j: int) -> list[Token]:
    """Up to three name words right after token ``j``."""
    if j + 1 >= len(tokens) or not adjacent(raw, tokens[j], tokens[j + 1]):
        return []
    return name_run(raw, tokens, j + 1, backwards=False)


ARTICLES = ("a", "an", "the")


def _names_before_who(raw: str, tokens: list[Token], i: int, after: int) -> bool:
    """``Ada Obi, who …``: the name is a person's unless an article or a
    preposition stands before it (``a ranger in the Calder Hills, who …``:
    there ``who`` is the ranger, and the name a place)."""
    if raw[after : after + 6] != ", who ":
        return False
    before = tokens[i - 1].word.casefold() if i > 0 else ""
    return before not in ARTICLES and before not in word_set("prepositions.txt")


def find_appositive_people(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Tom Baker, Kenya's deputy water minister,``: a name of two or
    three words, a comma, a phrase of role words only, a comma or stop.
    A name before ``, who`` is a person's too (bodies take ``which``)."""
    openers = name_openers(tokens)
    i = next_opener(openers, 0, len(tokens))
    while i < len(tokens):
        names = _name_run(raw, tokens, i)
        if len(names) >= 2:
            after = names[-1].end
            # names are tokens[i : i + len(names)]; list.index() here made
            # long paragraphs quadratic
            role = _role_phrase_after_comma(raw, tokens, i + len(names), after)
            if role is None and _names_before_who(raw, tokens, i, after) and not table.covered(names[0].start, after):
                table.add(PERSON, " ".join(t.word for t in names), names[0].start, names[-1].word_end)
            if role is not None:
                name = " ".join(t.word for t in names)
                person = table.add(PERSON, name, names[0].start, names[-1].word_end, role)
                set_gender(person, _gender_of_words(role.split()))
            i += len(names)
            continue
        i = next_opener(openers, i + 1, len(tokens))


def find_role_first_people(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Kenya's water minister, Ada Obi,``: a role phrase ending in a title
    head-word, a comma, then a name of two or three words."""
    for i in range(2, len(tokens)):
        if raw[tokens[i - 1].end : tokens[i].start] != ", ":
            continue
        head = i - 1 if is_person_noun(tokens[i - 1].word) else _seat_head(raw, tokens, i - 1)
        if head is None:
            continue
        names = _name_run(raw, tokens, i)
        if not names or raw[names[-1].end : names[-1].end + 1] not in (",", ".", ";", " "):
            continue
        start = _role_first_start(raw, tokens, head)
        role = raw[tokens[start].start : tokens[i - 1].end]
        if len(names) >= 2:
            person = table.add(PERSON, " ".join(t.word for t in names), names[0].start, names[-1].word_end, role)
        elif (surname := _family_surname(tokens, start, i - 1)) is not None and raw[names[0].end : names[0].end + 1] == ",":
            # not table.add: a surname-only entry of the relative must not take this name
            full = f"{names[0].word} {surname}"
            person = table.find(full, PERSON) or table.new_entry(PERSON, full)  # named so once already?
            person.role = person.role or role
            person.add_alias(names[0].word)
            person.add_mention(names[0].start, names[0].word_end)
        else:
            continue
        set_gender(person, _gender_of_words(role.split()))


# a spouse or child shares the surname of the one they are named after
_SAME_SURNAME = ("wife", "husband", "son", "daughter", "widow", "widower")


def _family_surname(tokens: list[Token], start: int, head: int) -> str | None:
    """``Mr Novak's wife, Lenka,``: a first name alone in apposition to a
    relative of a person named by surname is that surname's bearer: Lenka
    Novak."""
    owner = tokens[start]
    if head != start + 1 or not owner.possessive or tokens[head].word.casefold() not in _SAME_SURNAME:
        return None
    if start == 0 or tokens[start - 1].word not in word_set("honorifics.txt") or not name_word(owner):
        return None
    return owner.word


def _seat_head(raw: str, tokens: list[Token], last: int) -> int | None:
    """``the Labour member for Holt Marsh, Idris Mansell``: a role ending in
    its seat has its head-word before ``for``/``of`` and up to three
    capitalised words."""
    for link in range(last - 1, max(0, last - 4), -1):
        token = tokens[link]
        if not token.capitalised:
            if token.word in ("for", "of") and link > 0 and all(t.capitalised for t in tokens[link + 1 : last + 1]):
                before = tokens[link - 1]
                return link - 1 if _seat_title(before) or is_title(before.word) else None
            return None
    return None


def _role_first_start(raw: str, tokens: list[Token], head: int) -> int:
    """First word of the role whose head-word is ``tokens[head]``: back over
    role words and up to two other lower-case words, to a possessive or
    nationality that opens it (``Quillpay's chief executive``)."""
    k, other = head, 0
    while k > 0 and head - k < 6 and adjacent(raw, tokens[k - 1], tokens[k]):
        before = tokens[k - 1]
        if before.possessive or opens_role(before):
            return k - 1
        if before.word.casefold() in ARTICLES:
            return k
        if not (_is_role_word(before, before.capitalised) or is_title(before.word)):
            if before.capitalised or other == 2:
                return k
            other += 1
        k -= 1
    return k


def _name_run(raw: str, tokens: list[Token], i: int) -> list[Token]:
    """Up to three name words from ``tokens[i]``, with the particles between
    them (``Ana Moura dos Anjos``): counting tokens would cut such a name
    on its particle."""
    if not (name_word(tokens[i]) or stopword_surname(raw, tokens, i) or bare_initial(raw, tokens, i)):
        return []
    if i > 0 and adjacent(raw, tokens[i - 1], tokens[i]) and tokens[i - 1].capitalised:
        return []
    return name_run(raw, tokens, i, backwards=False, limit=3)


def _role_phrase_after_comma(raw: str, tokens: list[Token], k: int, after: int) -> str | None:
    """A role in apposition: ``, <role words>,`` made only of role words,
    articles, a nationality or a possessive country, with a title head-word."""
    if raw[after : after + 2] != ", ":
        return None
    words: list[Token] = []
    while k < len(tokens) and len(words) < 9:
        token = tokens[k]
        gap = raw[(words[-1].end if words else after) : token.start]
        if words and gap != " ":
            break
        if words and token.word in _RELATIVES:
            break  # "Ada Obi, a pianist whose ...": the role ends at its relative clause
        words.append(token)
        k += 1
    end = _appositive_role_end(words)
    if end is None:
        return None
    close = words[end].end
    if raw[close : close + 1] not in (",", ".", ";") and not _relative_at(raw, close):
        return None
    first = 1 if words[0].word.casefold() in ARTICLES else 0
    return raw[words[first].start : close] if first <= end else None


# a relative clause about a person, after the role in apposition to the name
_RELATIVES = ("who", "whose")


def _relative_at(raw: str, at: int) -> bool:
    return any(raw.startswith(f" {word} ", at) for word in _RELATIVES)


def _appositive_role_end(words: list[Token]) -> int | None:
    """Index of the last word of a role phrase (``Kenya's deputy water
    minister``, ``a deputy water minister``), or None when the words are
    something else (``second left``, ``who was minister``).

    The phrase opens with an article, a nationality, a (possessive) country
    or a role word, may hold the capitalised name of a party or firm (``the
    Green Party spokesperson``) and two other lower-case words (a portfolio
    such as "water"), and ends with a title head-word, or with where the
    role is held (``the Labour councillor for Dunmore Vale``).
    """
    if not words:
        return None
    opener = words[0]
    if not (
        opener.word.casefold() in ARTICLES
        or opens_role(opener)
        or opener.word.casefold() in role_words_folded()
    ):
        return None
    core = words[: len(words) - _place_tail(words)]
    other = names = 0
    for token in core[1:]:
        folded = token.word.casefold()
        if folded in role_words_folded() or folded in word_set("role_connectors.txt"):
            continue
        if token.capitalised and not token.possessive and not other:
            names += 1  # the party or firm of the role: "the Green Party spokesperson"
            continue
        if token.capitalised or token.possessive:
            return None
        other += 1
    seat = len(core) < len(words) and _seat_title(core[-1])  # "the member for Holt Marsh"
    if other > 2 or names > 3 or not (is_title(core[-1].word.casefold()) or seat):
        return None
    return len(words) - 1


def _place_tail(words: list[Token]) -> int:
    """How many words at the end say where a role is held: ``for Dunmore
    Vale`` in ``the Labour member for Dunmore Vale`` (``for`` or ``of`` after a
    title head-word, then up to three capitalised words)."""
    for size in (2, 3, 4):
        if size >= len(words) - 1:
            break
        link, place = words[-size], words[-size + 1 :]
        if (
            link.word in ("for", "of")
            and (is_title(words[-size - 1].word) or _seat_title(words[-size - 1]))
            and all(t.capitalised and not t.possessive for t in place)
        ):
            return size
    return 0


def _seat_title(token: Token) -> bool:
    """``member``, ``MP``: an elected member's role before the seat
    (``the Labour member for Dunmore Vale``)."""
    return token.word in word_set("seat_titles.txt")


# -- later mentions of people -----------------------------------------------


def add_later_mentions(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """Full names repeated without a title, and surname-only mentions
    (``Obi highlighted``) of people already named in full."""
    by_first_word: dict[str, list[Entry]] = {}
    by_name_word: dict[str, list[Entry]] = {}
    for entry in table.entries:
        if entry.kind == PERSON and " " in entry.name:
            words = entry.name.split()
            by_first_word.setdefault(words[0], []).append(entry)
            # surnames of one word, or of a particle and a word ("ó broin")
            forms = [w for w in surname_forms(entry.name) if " " not in w or _opens_on_particle(w)]
            for word in {words[0], *forms}:
                by_name_word.setdefault(word.casefold(), []).append(entry)
    if not by_first_word:
        return
    for tokens in tokenized:
        for k, token in enumerate(tokens):
            if not token.capitalised or table.covered(token.start, token.word_end):
                continue
            if _full_name_at(raw, tokens, k, by_first_word.get(token.word, ())):
                continue
            if _particle_surname_at(raw, tokens, k, by_name_word, table):
                continue
            if _continues_name(raw, tokens, k) or token.word in word_set("name_stopwords.txt"):
                continue
            people = by_name_word.get(token.word.casefold(), ())
            if len(people) == 1:  # a surname two people share stays unresolved
                people[0].add_alias(token.word)
                people[0].add_mention(token.start, token.word_end)


def find_modifier_first_names(raw: str, tokenized: list[list[Token]], table: EntityTable) -> None:
    """``replacement halfback Junior Tapelu Lemalu``: a rank word (``Junior``,
    ``Acting``) makes a role only with a title after it; before a full name,
    inside a sentence after a lower-case word that no role or place phrase
    ends on, it is the person's first name (after a verb, ``said Deputy Ada
    Obi``, it may still be a rank)."""
    starts = {}
    for entry in table.entries:
        if entry.kind == PERSON and " " in entry.name:
            for mention in entry.mentions:
                starts[mention.start] = entry
    for tokens in tokenized:
        for k in range(2, len(tokens) - 1):
            entry = starts.get(tokens[k + 1].start)
            if entry is None or not _first_name_modifier(raw, tokens, k) or not entry.name.startswith(tokens[k + 1].word):
                continue
            shorter, entry.name = entry.name, f"{tokens[k].word} {entry.name}"
            entry.add_alias(shorter)
            # the mention now opens on the first name
            mention = next(m for m in entry.mentions if m.start == tokens[k + 1].start)
            entry.mentions.remove(mention)
            entry.add_mention(tokens[k].start, mention.end)


def _first_name_modifier(raw: str, tokens: list[Token], k: int) -> bool:
    word, before = tokens[k], tokens[k - 1]
    return (
        word.word in word_set("role_modifiers.txt")
        and not is_title(word.word)
        and not word.possessive
        and adjacent(raw, before, word)
        and adjacent(raw, word, tokens[k + 1])
        and not before.capitalised
        and before.word not in ARTICLES
        and before.word not in word_set("prepositions.txt")
        and before.word not in word_set("role_connectors.txt")
        and before.word not in word_set("reporting_verbs.txt")  # "said Deputy Ada Obi": a rank
    )


def _opens_on_particle(form: str) -> bool:
    return form.split()[0] in word_set("name_particles.txt", folded=True)


def _particle_surname_at(raw: str, tokens: list[Token], k: int, by_name_word, table: EntityTable) -> bool:
    """``Ó Broin``, ``Ní Dhuibhir``, ``Van der Weele``: a surname that opens
    with a particle is one mention of the one person whose name ends in it."""
    if tokens[k].word.casefold() not in word_set("name_particles.txt"):
        return False
    for size in (3, 2):
        run = tokens[k : k + size]
        if len(run) < size or not all(adjacent(raw, a, b) for a, b in zip(run, run[1:])):
            continue
        people = by_name_word.get(" ".join(t.word for t in run).casefold(), ())
        if len(people) == 1 and not table.covered(run[0].start, run[-1].word_end):
            people[0].add_alias(" ".join(t.word for t in run))
            people[0].add_mention(run[0].start, run[-1].word_end)
            return True
    return False


def _full_name_at(raw: str, tokens: list[Token], k: int, people) -> Entry | None:
    for entry in people:
        words = entry.name.split()
        run = tokens[k : k + len(words)]
        if [t.word for t in run] == words and all(adjacent(raw, a, b) for a, b in zip(run, run[1:])):
            entry.add_mention(run[0].start, run[-1].word_end)
            return entry
    return None


def _continues_name(raw: str, tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is glued to a capitalised neighbour (part of another name)."""
    stop = word_set("name_stopwords.txt")
    before = (
        k > 0
        and tokens[k - 1].capitalised
        and tokens[k - 1].word not in stop
        and adjacent(raw, tokens[k - 1], tokens[k])
        and not tokens[k - 1].possessive
    )
    after = (
        k + 1 < len(tokens)
        and not tokens[k].possessive
        and tokens[k + 1].capitalised
        and adjacent(raw, tokens[k], tokens[k + 1])
    )
    return before or after


def find_speaking_people(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """Names of two or three words that are the subject of a reporting verb,
    also across an appositive (``Ada Obi, a farmer in Kisumu, said``) or
    after an inverted verb (``said Ada Obi``), or that are given an age
    (``Ada Obi, 54,``, ``Ada Obi, a 23-year-old nurse,``): the text marks these as people even without a title,
    and a later ``she said`` or ``Obi said`` must find them."""
    verbs = word_set("reporting_verbs.txt")
    adverbs = word_set("cue_adverbs.txt")
    for k, token in enumerate(tokens):
        if token.text in verbs:
            j = k - 1
            while j >= 0 and (tokens[j].word.casefold() in adverbs or postnominal(tokens[j])) and k - j <= 3:
                j -= 1
            if j > 0:
                j = before_brackets(raw, tokens, j)
            if j >= 0 and "," in raw[tokens[j].end : tokens[j + 1].start]:
                j = _before_appositive(raw, tokens, j)
                if j > 0:
                    j = before_brackets(raw, tokens, j)  # "Ada Holt (D-Vt.), the ranking member, said"
            _add_speaking(raw, table, speaker_name_near(raw, tokens, j, backwards=True) if j >= 0 else [])
            if token.text.casefold() not in _LISTENER_VERBS:
                _add_speaking(raw, table, speaker_name_near(raw, tokens, k + 1, backwards=False))
        elif raw[token.end : token.end + 2] == ", " and _age_at(raw, token.end + 2):
            _add_speaking(raw, table, speaker_name_near(raw, tokens, k, backwards=True))


# verbs whose object is the one spoken to, never inverted after a quote
# ("told Ada Obi" names the listener, a person or a paper: "told Delta Weekly")
_LISTENER_VERBS = ("told", "tell", "tells", "informed", "briefed")

_AGE = re.compile(r"\d|an? \d{1,3}-year-old\b")


def _age_at(raw: str, at: int) -> bool:
    """``54,`` or ``a 23-year-old`` in apposition: only people are given an age."""
    return _AGE.match(raw, at) is not None


def _before_appositive(raw: str, tokens: list[Token], j: int) -> int:
    """Index of the word before the comma that opens the appositive ending at ``j``."""
    for m in range(j, max(0, j - 25), -1):  # as far as organisations._first_appositive_head
        if "," in raw[tokens[m - 1].end : tokens[m].start]:
            return m - 1
    return j


def _add_speaking(raw: str, table: EntityTable, run: list[Token]) -> None:
    if len(run) < 2 or table.covered(run[0].start, run[-1].word_end) or is_place_name(run):
        return
    name = " ".join(t.word for t in run)
    if table.find(name, PLACE) is not None:
        return  # a place is never a person: the dateline's "SÃO PAULO" written again
    # "Baltica Line, which runs the ferry, said": people take "who"
    which = raw[run[-1].end : run[-1].end + 8] == ", which "
    table.add(ORGANISATION if which else PERSON, name, run[0].start, run[-1].word_end)


def _glued_opener(raw: str, tokens: list[Token], f: int) -> bool:
    """Whether a capitalised word of the stop list (``New``) is glued to the
    name opening at ``tokens[f]`` inside a sentence: written so only as the
    first word of a longer name (``New Carrick``). A sentence's first word
    (``But Obi said``) and a day or month (``in March Obi said``) are not."""
    if f < 2:
        return False
    before = tokens[f - 1]
    return (
        before.capitalised
        and adjacent(raw, before, tokens[f])
        and before.word in word_set("name_stopwords.txt")
        and before.word not in word_set("weekdays.txt")
        and before.word not in full_months()
    )


def _after_article(raw: str, at: int) -> bool:
    """Whether an article stands right before ``at``: ``the Rosalind
    Heaton``, ``a Lima-based trader`` name no one."""
    return _ARTICLE_BEFORE.search(raw, max(0, at - 5), at) is not None


# an article and one space, ending where a name would start
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=\W))(?:the|an|a) $", re.IGNORECASE)


def _participle_opener(raw: str, token: Token) -> bool:
    """``Intervening,`` ``Responding,`` opening a sentence: a participle
    before the subject, unless the text writes the word after another
    capitalised word, as the surname of a full name (``Tom Fleming``)."""
    word = token.word
    if not word.endswith("ing") or raw[token.end : token.end + 1] != ",":
        return False
    if raw[max(0, token.start - 20) : token.start].rstrip()[-1:] not in ("", ".", "!", "?", '"', "”"):
        return False
    return re.search(rf"[A-Z][\w'-]* {re.escape(word)}\b", raw) is None


def speaker_name_near(raw: str, tokens: list[Token], k: int, backwards: bool) -> list[Token]:
    """Name words that end at token ``k`` (backwards) or start at it: the
    subject of a reporting verb (``… Obi told``, ``said John Smith``). A run
    after an article is none: people are not written ``the Rosalind Heaton``
    (nor ``a Lima-based trader``), so
    ``director for the West Midlands, Rosalind Heaton, said`` is about a
    region, not a person called West Midlands. Nor are words in brackets:
    looking back from them, the name is the one before them (``Ada Holt
    (D-Vt.) said``)."""
    if backwards and k > 0:
        k = before_brackets(raw, tokens, k)
    run = name_run(raw, tokens, k, backwards)
    if run and _after_article(raw, run[0].start):
        return []
    if len(run) == 1 and _participle_opener(raw, run[0]):
        return []  # "Intervening, Ada Obi, a member, said": the participle is no one
    if backwards and run and _glued_opener(raw, tokens, k - len(run) + 1):
        return []  # "of New Carrick said": Carrick is the end of a longer name
    if run and raw[run[0].start - 1 : run[0].start] == "(" and raw[run[-1].end : run[-1].end + 2].startswith((")", ".)")):
        return []  # "Ada Obi (Kwara Upper) said": brackets describe a name, they name no one
    return run
