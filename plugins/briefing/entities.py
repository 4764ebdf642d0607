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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .model import ORGANISATION, PERSON, PLACE, NamedEntity, Sentence, Span
from .text import Dateline, alias_groups, word_set

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
            if (word + ".").casefold() in _abbreviations():
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
def _role_words() -> frozenset[str]:
    return word_set("titles.txt") | word_set("role_modifiers.txt")


@lru_cache(maxsize=1)
def _role_words_folded() -> frozenset[str]:
    return frozenset(w.casefold() for w in _role_words())


@lru_cache(maxsize=1)
def _place_forms() -> dict[tuple[str, ...], str]:
    """Token sequence of every country and city form → its usual name."""
    forms: dict[tuple[str, ...], str] = {}
    for name in ("countries.txt", "cities.txt"):
        for group in alias_groups(name):
            for form in group:
                forms.setdefault(tuple(form.split()), group[0])
    return forms


@lru_cache(maxsize=1)
def _longest_place_form() -> int:
    return max(len(form) for form in _place_forms())


@lru_cache(maxsize=1)
def _place_forms_folded() -> frozenset[str]:
    return frozenset(" ".join(form).casefold() for form in _place_forms())


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Forms ending in a full stop that belongs to the word ("U.S.", "Dr.")."""
    forms = _place_forms_folded() | word_set("honorifics.txt", folded=True)
    return frozenset(f for f in forms if f.endswith("."))


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    return word_set("nationalities.txt")


def _is_place_word(word: str) -> bool:
    return (word,) in _place_forms()


def _name_word(token: Token) -> bool:
    """Whether a token may be a word of a person's name."""
    word = token.word
    return (
        token.capitalised
        and not word.isupper()  # acronyms are organisations or agencies
        and word not in _role_words()
        and word not in word_set("name_stopwords.txt")
        and word not in word_set("honorifics.txt")
        and word not in _nationalities()
        and word not in word_set("org_heads.txt")
        and word not in word_set("geo_heads.txt")
        and not _is_place_word(word)
    ) or (len(word) == 2 and word[0].isupper() and word[1] == ".")  # an initial


# ---------------------------------------------------------------------------
# the table of entities a source names
# ---------------------------------------------------------------------------


@dataclass
class Entry:
    kind: str
    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    names_by_user: list[tuple[str, str]] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    key: str | None = None  # a known place's usual name, to merge its forms
    # character offset → entry, shared by all entries of one table, so that
    # "is this covered?" costs the length of the span, not the whole table
    positions: dict[int, "Entry"] = field(default_factory=dict, repr=False, compare=False)

    def forms(self) -> set[str]:
        return {self.name.casefold(), *(a.casefold() for a in self.aliases)}

    def add_mention(self, start: int, end: int) -> None:
        if self.positions.get(start) is self and self.positions.get(end - 1) is self:
            return
        self.mentions.append(Span(start, end))
        for offset in range(start, end):
            self.positions.setdefault(offset, self)

    def add_alias(self, alias: str) -> None:
        if alias.casefold() not in self.forms():
            self.aliases.append(alias)


class EntityTable:
    """The entities of one source while they are being found.

    Forms of one entity (full name, surname) are merged into one entry; the
    fullest form is its name.
    """

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.positions: dict[int, Entry] = {}

    # -- lookup ----------------------------------------------------------

    def find(self, form: str, kind: str | None = None) -> Entry | None:
        folded = form.casefold()
        for entry in self.entries:
            if (kind is None or entry.kind == kind) and folded in entry.forms():
                return entry
        return None

    def covered(self, start: int, end: int) -> bool:
        """Whether a mention already overlaps ``start:end``."""
        return any(offset in self.positions for offset in range(start, end))

    def mentioned_at(self, start: int, end: int) -> Entry | None:
        """The entity with a mention covering ``start:end``."""
        entry = self.positions.get(start)
        return entry if entry is not None and self.positions.get(end - 1) is entry else None

    def latest_before(self, offset: int, kinds: tuple[str, ...], not_before: int = 0, skip=None) -> Entry | None:
        """The entity of ``kinds`` mentioned last before ``offset`` and not
        before ``not_before``; ``skip(offset)`` leaves out some text (quotes)."""
        for at in range(offset - 1, not_before - 1, -1):
            entry = self.positions.get(at)
            if entry is not None and entry.kind in kinds and (skip is None or not skip(at)):
                return entry
        return None

    def person_by_word(self, word: str) -> Entry | None:
        """The one person whose name has ``word`` as its first or last word."""
        found = [
            e for e in self.entries
            if e.kind == PERSON and " " in e.name and word in (e.name.split()[0], e.name.split()[-1])
        ]
        return found[0] if len(found) == 1 else None

    def new_entry(self, kind: str, name: str) -> Entry:
        entry = Entry(kind, name, positions=self.positions)
        self.entries.append(entry)
        return entry

    # -- adding ----------------------------------------------------------

    def add(self, kind: str, name: str, start: int, end: int, role: str | None = None) -> Entry:
        entry = self.find(name, kind)
        if entry is None and kind == PERSON:
            entry = self._merge_person(name)
        if entry is None:
            entry = self.new_entry(kind, name)
        entry.add_mention(start, end)
        if role and not entry.role:
            entry.role = role
        return entry

    def _merge_person(self, name: str) -> Entry | None:
        words = name.split()
        if len(words) == 1:
            return self.person_by_word(name)
        for entry in self.entries:
            # "Obi" seen first, "Ada Obi" now: the fuller name wins
            if entry.kind == PERSON and " " not in entry.name and entry.name in (words[0], words[-1]):
                shorter, entry.name = entry.name, name
                entry.add_alias(shorter)
                return entry
        return None

    def freeze(self) -> tuple[NamedEntity, ...]:
        entries = sorted(
            (e for e in self.entries if e.mentions),
            key=lambda e: min(m.start for m in e.mentions),
        )
        return tuple(
            NamedEntity(
                kind=e.kind,
                name=e.name,
                role=e.role,
                aliases=tuple(a for a in e.aliases if a.casefold() != e.name.casefold()),
                names_by_user=tuple(e.names_by_user),
                mentions=tuple(sorted(e.mentions, key=lambda m: (m.start, m.end))),
            )
            for e in entries
        )


# ---------------------------------------------------------------------------
# finding entities
# ---------------------------------------------------------------------------


def find_entities(raw: str, sentences: tuple[Sentence, ...], dateline: Dateline | None) -> EntityTable:
    """Every entity the story text names, with its mentions.

    Order matters: people first (so that "Michael Jordan" is not the country),
    then organisations and named geography, then known countries and cities
    in what is left, then later surname-only mentions of people.
    """
    table = EntityTable()
    tokenized = [tokenize(raw, s.start, s.end) for s in sentences]
    if dateline is not None:
        usual = _usual_place_name(dateline.place)
        entry = table.add(PLACE, usual, dateline.start, dateline.end)
        entry.key = usual
    for tokens in tokenized:
        find_titled_people(raw, tokens, table)
        find_appositive_people(raw, tokens, table)
    for sentence, tokens in zip(sentences, tokenized):
        find_disputed_places(raw, sentence, table)
    for tokens in tokenized:
        find_headed_names(raw, tokens, table)
        find_lowercase_organisations(raw, tokens, table)
    for tokens in tokenized:
        find_known_places(raw, tokens, table)
    add_later_mentions(raw, tokenized, table)
    return table


def _usual_place_name(written: str) -> str:
    """``LAGOS`` → ``Lagos`` (the data files' form, else title case)."""
    for form, usual in _place_forms().items():
        if " ".join(form).casefold() == written.casefold():
            return usual
    return written.title() if written.isupper() else written


# -- people -----------------------------------------------------------------


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
        table.add(PERSON, name, name_tokens[0].start, name_tokens[-1].word_end, role)
        while i < len(tokens) and tokens[i] is not name_tokens[-1]:
            i += 1
        i += 1


def _titled_person_at(raw: str, tokens: list[Token], i: int):
    """A person named after a title head-word at ``i`` (or an honorific).

    The role reaches forward over role words (``Minister of Foreign
    Affairs``) and back over the capitalised words glued to it (``Kenyan
    Water Minister``, ``Kenya's Deputy Energy Minister``). A lower-case head
    (``Kenya's energy minister Ada Obi``) takes only role words and needs a
    name of two words.
    """
    token = tokens[i]
    if token.possessive:
        return None
    if token.word in word_set("honorifics.txt"):
        names = _name_after(raw, tokens, i)
        return (None, None, names) if names else None
    capital = token.word in word_set("titles.txt")
    if not capital and token.word not in word_set("titles.txt", folded=True):
        return None
    j = _role_end(raw, tokens, i, capital)
    names = _name_after(raw, tokens, j)
    if not names or (not capital and len(names) < 2):
        return None
    start = _role_start(raw, tokens, i, capital)
    return tokens[start].start, tokens[j].word_end, names


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
        else:
            break
    return last


def _role_after_connector(raw: str, tokens: list[Token], j: int, capital: bool) -> int | None:
    """``of Foreign Affairs``, ``of Water Affairs``, ``of Kenya``: after a
    connector the role goes on to the last role word or place within three
    capitalised words (an unknown portfolio word may stand before it)."""
    reach = None
    for k in range(j + 1, min(j + 4, len(tokens))):
        token = tokens[k]
        if not adjacent(raw, tokens[k - 1], token) or (capital and not token.capitalised):
            break
        if _is_role_word(token, capital) or (capital and _is_place_word(token.word)):
            reach = k
        elif not capital:
            break
        if token.possessive:
            break
    return reach


def _is_role_word(token: Token, capital: bool) -> bool:
    if capital:
        return token.word in _role_words()
    return not token.capitalised and token.word.casefold() in _role_words_folded()


def _role_start(raw: str, tokens: list[Token], i: int, capital: bool) -> int:
    """Index of the first word of the role whose head is at ``i``."""
    k = i
    while k > 0 and i - k < 5 and adjacent(raw, tokens[k - 1], tokens[k]):
        before = tokens[k - 1]
        if before.possessive or (not capital and _opens_role(before)):
            if _opens_role(before) and before.capitalised:
                k -= 1
            break
        if capital:
            if not before.capitalised or before.word in word_set("name_stopwords.txt") or before.word in word_set("honorifics.txt"):
                break
        elif not _is_role_word(before, capital):
            break
        k -= 1
    return k


def _opens_role(token: Token) -> bool:
    """A nationality or a (possessive) country before a role: ``Kenyan``, ``Kenya's``, ``U.S.``."""
    return token.word in _nationalities() or _is_place_word(token.word)


def _name_after(raw: str, tokens: list[Token], j: int) -> list[Token]:
    """Up to three name words right after token ``j``."""
    names: list[Token] = []
    k = j + 1
    while k < len(tokens) and len(names) < 3:
        token = tokens[k]
        if not adjacent(raw, tokens[k - 1], token) or not _name_word(token):
            break
        names.append(token)
        if token.possessive:
            break
        k += 1
    return names


_ARTICLES = ("a", "an", "the")


def find_appositive_people(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """``Tom Baker, Kenya's deputy water minister,``: a name of two or
    three words, a comma, a phrase of role words only, a comma or stop."""
    i = 0
    while i < len(tokens):
        names = _name_run(raw, tokens, i)
        if len(names) >= 2:
            after = names[-1].end
            role = _role_phrase_after_comma(raw, tokens, tokens.index(names[-1]) + 1, after)
            if role is not None:
                name = " ".join(t.word for t in names)
                table.add(PERSON, name, names[0].start, names[-1].word_end, role)
            i += len(names)
            continue
        i += 1


def _name_run(raw: str, tokens: list[Token], i: int) -> list[Token]:
    if not _name_word(tokens[i]) or (i > 0 and adjacent(raw, tokens[i - 1], tokens[i]) and tokens[i - 1].capitalised):
        return []
    return [tokens[i]] + _name_after(raw, tokens, i)[:2]


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
        words.append(token)
        k += 1
    end = _appositive_role_end(words)
    if end is None:
        return None
    close = words[end].end
    if raw[close : close + 1] not in (",", ".", ";"):
        return None
    first = 1 if words[0].word.casefold() in _ARTICLES else 0
    return raw[words[first].start : close] if first <= end else None


def _appositive_role_end(words: list[Token]) -> int | None:
    """Index of the last word of a role phrase (``Kenya's deputy water
    minister``, ``a deputy water minister``), or None when the words are
    something else (``second left``, ``who was minister``).

    The phrase opens with an article, a nationality, a (possessive) country
    or a role word, may hold two other lower-case words (a portfolio such as
    "water"), and ends with a title head-word.
    """
    titles = frozenset(w.casefold() for w in word_set("titles.txt"))
    if not words:
        return None
    opener = words[0]
    if not (
        opener.word.casefold() in _ARTICLES
        or _opens_role(opener)
        or opener.word.casefold() in _role_words_folded()
    ):
        return None
    other = 0
    for token in words[1:]:
        folded = token.word.casefold()
        if folded in _role_words_folded() or folded in word_set("role_connectors.txt"):
            continue
        if token.capitalised or token.possessive:
            return None
        other += 1
    last = words[-1].word.casefold()
    if other > 2 or last not in titles:
        return None
    return len(words) - 1


# -- organisations and named geography --------------------------------------


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
        opens = (token.possessive and _is_place_word(token.word)) or (
            token.word in _nationalities() and not token.possessive
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
            if k - i >= 3 or (not token.possessive and folded not in _role_words_folded()):
                break
            k += 1


# Disputed names: "known as the Hanish in Yemen and the Zukur in Eritrea",
# "called X by A and Y by B", "known in A as X and in B as Y".
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


# -- countries and cities ---------------------------------------------------


def find_known_places(raw: str, tokens: list[Token], table: EntityTable) -> None:
    """Countries and cities of the data files, written with their capitals,
    where no other entity already covers the words."""
    forms = _place_forms()
    longest = _longest_place_form()
    k = 0
    while k < len(tokens):
        matched = 0
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
            for word in {words[0], words[-1]}:
                by_name_word.setdefault(word, []).append(entry)
    if not by_first_word:
        return
    for tokens in tokenized:
        for k, token in enumerate(tokens):
            if not token.capitalised or table.covered(token.start, token.word_end):
                continue
            if _full_name_at(raw, tokens, k, by_first_word.get(token.word, ())):
                continue
            if _continues_name(raw, tokens, k) or token.word in word_set("name_stopwords.txt"):
                continue
            people = by_name_word.get(token.word, ())
            if len(people) == 1:  # a surname two people share stays unresolved
                people[0].add_alias(token.word)
                people[0].add_mention(token.start, token.word_end)


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


def speaker_name_near(raw: str, tokens: list[Token], k: int, backwards: bool) -> list[Token]:
    """Name words that end at token ``k`` (backwards) or start at it: the
    subject of a reporting verb (``… Obi told``, ``said John Smith``)."""
    if backwards:
        run: list[Token] = []
        while k >= 0 and len(run) < 3 and _name_word(tokens[k]) and not tokens[k].possessive:
            if run and not adjacent(raw, tokens[k], run[0]):
                break
            run.insert(0, tokens[k])
            k -= 1
        return run
    run = []
    while k < len(tokens) and len(run) < 3 and _name_word(tokens[k]):
        if run and not adjacent(raw, run[-1], tokens[k]):
            break
        run.append(tokens[k])
        if tokens[k].possessive:
            break
        k += 1
    return run
