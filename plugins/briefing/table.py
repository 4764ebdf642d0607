"""The table of entities one source names, while they are being found."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import ORGANISATION, PERSON, NamedEntity, Span


@dataclass
class Entry:
    kind: str
    name: str
    role: str | None = None
    aliases: list[str] = field(default_factory=list)
    names_by_user: list[tuple[str, str]] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    key: str | None = None  # a known place's usual name, to merge its forms
    gender: str | None = None  # "male"/"female" where the text shows it (people only)
    descriptions: set[str] = field(default_factory=set)  # "regulator" from "X, the regulator,"
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


def _same_but_surname_part(one: list[str], other: list[str]) -> bool:
    if len(one) < 2 or len(other) < 2 or one[0] != other[0] or one[-1] == other[-1]:
        return False
    return one[-1] in _surname_parts(other[-1]) or other[-1] in _surname_parts(one[-1])


def _surname_parts(word: str) -> list[str]:
    """``Okonedo-Blake`` → both surnames; a Korean given name (``Dong-hyun``)
    has a lower-case part and is no double surname."""
    parts = word.split("-")
    return parts if len(parts) > 1 and all(p[:1].isupper() for p in parts) else []


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

    def person_by_word(self, word: str) -> Entry | None:
        """The one person whose name has ``word`` as its first or last word."""
        found = [
            e for e in self.entries
            if e.kind == PERSON and " " in e.name and word in e.name.split()
        ]
        return found[0] if len(found) == 1 else None

    def new_entry(self, kind: str, name: str) -> Entry:
        entry = Entry(kind, name, positions=self.positions)
        self.entries.append(entry)
        return entry

    # -- adding ----------------------------------------------------------

    def add(self, kind: str, name: str, start: int, end: int, role: str | None = None) -> Entry:
        entry = self._form_of(name, kind)
        if entry is None and kind == PERSON:
            entry = self._merge_person(name)
        if entry is None:
            entry = self.new_entry(kind, name)
        entry.add_mention(start, end)
        if role and not entry.role and entry.kind == kind:
            entry.role = role
        return entry

    def _form_of(self, name: str, kind: str) -> Entry | None:
        """The entry of ``kind`` that has ``name`` as a form, else, for a
        person's name of two or more words, the organisation that has it
        ("Vossberg Marine" after "Vossberg Marine NV": a name the text gave
        a company is that company, not a person of the same name). One
        pass over the table."""
        folded = name.casefold()
        other = ORGANISATION if kind == PERSON and " " in name else None
        body = None
        for entry in self.entries:
            if entry.kind == kind and folded in entry.forms():
                return entry
            if body is None and entry.kind == other and folded in entry.forms():
                body = entry
        return body

    def _merge_person(self, name: str) -> Entry | None:
        words = name.split()
        if len(words) == 1:
            return self.person_by_word(name)
        # a shorter name after the full one ("Ó Ceallaigh", "Ferrer Solano")
        # is settled by surnames.assign_surnames, once every name is known
        for entry in self.entries:
            # "Obi" seen first, "Ada Obi" now: the fuller name wins
            if entry.kind == PERSON and " " not in entry.name and entry.name in (words[0], words[-1]):
                shorter, entry.name = entry.name, name
                entry.add_alias(shorter)
                return entry
            # "Nogueira Barbosa" seen speaking first, "Otávio Nogueira Barbosa"
            # now: a double surname is the ending of the full name
            held = entry.name.split()
            if entry.kind == PERSON and 1 < len(held) < len(words) and words[-len(held):] == held:
                shorter, entry.name = entry.name, name
                entry.add_alias(shorter)
                return entry
        return self._name_at_another_time(words)

    def _name_at_another_time(self, words: list[str]) -> Entry | None:
        """``Henrietta Okonedo-Blake`` … ``Henrietta Adunni Okonedo was born``:
        two names with the same first name, the surname of one a part of the
        hyphenated surname of the other, are one person's birth and married
        names; the name given first stays the name."""
        found = [e for e in self.entries if e.kind == PERSON and _same_but_surname_part(words, e.name.split())]
        if len(found) != 1:
            return None
        found[0].add_alias(" ".join(words))
        return found[0]

    def merge(self, entry: Entry, into: Entry) -> None:
        """Fold ``entry`` into ``into``: another form of the same entity, so
        what the text told of either form (role, gender, descriptions) is kept."""
        for alias in (entry.name, *entry.aliases):
            into.add_alias(alias)
        into.gender = into.gender or entry.gender
        into.role = into.role or entry.role
        into.descriptions |= entry.descriptions
        for mention in entry.mentions:
            into.mentions.append(mention)
            for offset in range(mention.start, mention.end):
                if self.positions.get(offset) is entry:
                    self.positions[offset] = into
        self.entries.remove(entry)

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

