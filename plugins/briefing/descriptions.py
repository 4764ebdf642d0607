"""Descriptions that speak: ``the minister said``, ``an Acme spokesman
said``, ``the spokesperson said``, ``the 25-year-old said``, ``they said``.

Each goes to an entity the text has named only when the text leaves one
candidate: the entity last given that role word near it, else the one
entity anywhere before it with that role, else (for an organisation's
representative, an epithet or ``they``) the one entity of the right kind
its paragraph names. With none or several, nobody: a wrong name is worse
than none.
"""

from __future__ import annotations

from .context import ARTICLES, NEAR_CHARS, Context, role_word
from .coref import gender_of, given_to_anyone, organisation_by_phrase, resolve_description, resolve_description_anywhere, resolve_pronoun
from .model import ORGANISATION, PERSON
from .subjects import written_subject
from .table import Entry
from .tokens import Token, nationalities, tokenize
from .wordlists import word_set

def organisation_before(ctx: Context, tokens: list[Token], j: int) -> Entry | None:
    """``an Acme Corp spokesman said``, ``Acme's chief executive said``: a
    role of an organisation's unnamed person speaks for that organisation.
    Only after ``a``/``an`` or a possessive: ``the Acme Corp chief Ada Obi``
    names the person."""
    k = j - 1
    while k >= 0 and k >= j - 3 and not tokens[k].capitalised and role_word(tokens[k]):
        k -= 1  # ``a Kestrel Bank senior spokesman``
    if k < 0:
        return None
    entry = ctx.table.mentioned_at(tokens[k].start, tokens[k].word_end)
    if entry is None and tokens[j].word.casefold() in word_set("representative_titles.txt"):
        entry = _named_only_here(ctx, tokens, k)
    if entry is None or entry.kind != ORGANISATION:
        return None
    if tokens[k].possessive:
        return entry
    m = k
    while m > 0 and ctx.table.positions.get(tokens[m - 1].start) is entry:
        m -= 1
    return entry if m > 0 and tokens[m - 1].word.casefold() in ARTICLES[:2] else None


def _named_only_here(ctx: Context, tokens: list[Token], k: int) -> Entry | None:
    """``a Schiphol spokesperson said``: the capitalised words between ``a``
    and a spokesperson name the organisation they speak for, even when
    nothing else marks it as one."""
    m = k
    while m > 0 and k - m < 3 and tokens[m - 1].capitalised and not tokens[m - 1].possessive:
        m -= 1
    if m == 0 or tokens[m - 1].word.casefold() not in ARTICLES[:2] or not tokens[k].capitalised:
        return None
    if any(ctx.table.positions.get(t.start) is not None for t in tokens[m : k + 1]):
        return None
    name = " ".join(t.word for t in tokens[m : k + 1])
    return ctx.table.add(ORGANISATION, name, tokens[m].start, tokens[k].word_end)


def epithet(ctx: Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """``Northway Rail, the rail operator, … "…," the rail operator said``: a
    description the text gave an entity in apposition (``coref.py`` learns
    those) is that entity. Otherwise, ``Kofi Ansah, 25, … was gracious.
    "…," the 25-year-old said``: a description no list knows, written for
    variety, is the one person its paragraph names before it; with none or
    several it stays nobody's. A plural (``the families said``) is a group,
    never one person. ``the father of four`` names no role either, as an age."""
    family = _of_a_number(tokens, j)
    if family:
        j -= 2  # the head noun before ``of four``
    word = tokens[j].word.casefold()
    if word.endswith("s") and not word.endswith("ss"):
        return None
    if j >= 1 and tokens[j - 1].word.casefold() in ("his", "her", "their"):
        # ``by his son Tunde`` … ``"…," his son said``: the one person the
        # text gave that role, none if several
        return resolve_description_anywhere(ctx.table, word, tokens[j].start)
    k = _the_before(tokens, j, past_possessive=True)
    if k is None:
        return None
    plain = all(_person_modifier(t) for t in tokens[k + 1 : j])
    scope = ctx.scope(piece)
    found = resolve_description(scope, word, tokens[j].start) or resolve_description_anywhere(
        ctx.table, word, tokens[j].start
    )
    if found is not None:
        return found
    medium = _medium_of_previous(ctx, word)
    if medium is not None:
        return medium
    if word in word_set("org_nouns.txt"):
        # ``Dutch Railways confirmed it. / "…," the rail operator said``: the
        # company a quote paragraph's description means is often named in
        # the paragraph before
        return _body_near(ctx, piece, tokens[k].start)
    if not plain:
        return None
    found = _one_in_paragraph(ctx, piece, tokens[k].start, PERSON)
    if found is None and tokens[k].start > piece.mark and not given_to_anyone(ctx.table, word):
        # an age (``the 31-year-old``) names no role, so it fits a person who has one
        found = _paragraph_person(ctx, piece, tokens[k].start, word.endswith("-old") or family)
    if found is None and word.endswith("-old") and tokens[k].start > piece.mark:
        found = _only_person_before(ctx, piece.mark)
    if found is None and word.endswith("-old") and tokens[k].start < piece.mark:
        # ``Ada Obi told the radio: "…"`` / ``The 29-year-old added: "…"``:
        # a definite age before a quote is someone already met, the last speaker
        found = _last_speaker_near(ctx, piece)
    return found


def _last_speaker_near(ctx: Context, piece) -> Entry | None:
    """The person who spoke the quote before, in ``piece``'s paragraph or the one before."""
    previous = ctx.previous
    if previous is None or previous.speaker is None or previous.speaker.kind != PERSON:
        return None
    return previous.speaker if piece.paragraph - previous.pieces[-1].paragraph <= 1 else None


def _the_before(tokens: list[Token], j: int, *, past_possessive: bool) -> int | None:
    """The index of the ``the`` that opens the phrase whose head noun is
    ``tokens[j]``, across up to three modifiers (``the Swedish midfielder``,
    ``the 54-year-old``), else None. Unless ``past_possessive``, a
    possessive ends the phrase: ``the club's captain`` is the club's."""
    k = j - 1
    while k >= 0 and j - k <= 3 and tokens[k].word.casefold() != "the":
        if tokens[k].possessive and not past_possessive:
            return None
        k -= 1
    return k if k >= 0 and tokens[k].word.casefold() == "the" else None


def _person_modifier(token: Token) -> bool:
    """A word that may qualify a word for a person: a role word, a
    nationality or a compound (``retired``, ``Swedish``, ``54-year-old``)."""
    return role_word(token) or token.word in nationalities() or "-" in token.word


def _only_person_before(ctx: Context, at: int) -> Entry | None:
    """``"…," says the 74-year-old``: in a profile that has named one person
    only before the quote (outside quotes), the age can be no one else's."""
    found = None
    for entry in ctx.table.entries:
        if entry.kind == PERSON and entry is not found and any(m.start < at and m.start not in ctx.quoted for m in entry.mentions):
            if found is not None:
                return None  # a second person: the scan stops here
            found = entry
    return found


NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def _of_a_number(tokens: list[Token], j: int) -> bool:
    """``the mother of two``: ``of`` and a number end the phrase at ``tokens[j]``."""
    number = tokens[j].word.casefold()
    return j >= 3 and tokens[j - 1].word.casefold() == "of" and (number.isdigit() or number in NUMBER_WORDS)


def _medium_of_previous(ctx: Context, word: str) -> Entry | None:
    """``In a statement, the board said it had made "…". / "…," the
    statement said``: the statement (letter, report) the quote before came
    in speaks with that quote's speaker."""
    previous = ctx.previous
    if previous is None or previous.speaker is None:
        return None
    sentence = ctx.sentence_at(previous.pieces[-1].mark)
    if sentence is None:
        return None
    words = [t.word.casefold() for t in ctx.unquoted(tokenize(ctx.raw, sentence.start, sentence.end))]
    for m in range(2, len(words)):
        if words[m] == word and words[m - 1] in ("a", "an", "its", "his", "her", "their") and words[m - 2] == "in":
            return previous.speaker
    return None


def they(ctx: Context, piece, token: Token) -> Entry | None:
    """``A spokesperson for Hallam said …. "…," they said``: the one
    organisation named in the paragraph outside quotes before the pronoun;
    with none or several, ``they`` may be people or any of them: nobody."""
    return _one_in_paragraph(ctx, piece, token.start, ORGANISATION)


def _body_near(ctx: Context, piece, at: int) -> Entry | None:
    """The one organisation ``the regulator`` may mean: named in its own
    paragraph before it, else in that and the paragraph before."""
    own = _one_in_paragraph(ctx, piece, at, ORGANISATION)
    return own if own is not None else _one_in_paragraph(ctx, piece, at, ORGANISATION, back=1)


def _one_in_paragraph(ctx: Context, piece, at: int, kind: str, back: int = 0) -> Entry | None:
    """The one entity of ``kind`` named outside quotes in ``piece``'s
    paragraph (and the ``back`` paragraphs before it) before ``at``, within
    reach, else None."""
    found: list[Entry] = []
    first = ctx.para_start.get(max(1, piece.paragraph - back), ctx.para_start.get(piece.paragraph, at))
    for offset in range(max(first, at - NEAR_CHARS), at):
        entry = ctx.table.positions.get(offset)
        if entry is None or entry.kind != kind or offset in ctx.quoted:
            continue
        if all(other is not entry for other in found):
            found.append(entry)
    return found[0] if len(found) == 1 else None


def description(ctx: Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """``the ministry said`` → the organisation last named with that head-word
    (or, for an organisation word, the organisation last named at all);
    ``the minister said`` → the person last given that role word; ``"…,"
    the Swedish midfielder said`` with no midfielder named → the one person
    its paragraph is about."""
    k = _the_before(tokens, j, past_possessive=False)
    if k is None or not all(_person_modifier(t) or t.word.isalpha() and t.word.islower() for t in tokens[k + 1 : j]):
        return None  # ``the retired nurse``, not ``the Kestrel Bank nurse``
    scope = ctx.scope(piece)
    found = None
    if k + 1 < j and tokens[j].word.casefold() in word_set("org_heads.txt", folded=True):
        # ``the central bank``: the whole phrase names the organisation
        found = organisation_by_phrase(ctx.table, [t.word for t in tokens[k + 1 : j + 1]], tokens[j].start)
    if found is None:
        found = resolve_description(scope, tokens[j].word, tokens[j].start)
    if found is None and tokens[j].word.casefold() in word_set("org_heads.txt", folded=True):
        found = resolve_pronoun(scope, tokens[j].start, ORGANISATION, None)
    if found is None:
        found = resolve_description_anywhere(ctx.table, tokens[j].word, tokens[j].start)
    if found is None and tokens[j].word.casefold() in word_set("representative_titles.txt"):
        found = _one_in_paragraph(ctx, piece, tokens[j].start, ORGANISATION)
    elif found is None and tokens[j].word.casefold() in word_set("org_nouns.txt"):
        # ``the regulator`` read as a title: a word for a body, as in ``epithet``
        found = _body_near(ctx, piece, tokens[k].start)
    elif (
        found is None
        and tokens[k].start > piece.mark
        and tokens[j].word.casefold() not in word_set("org_heads.txt", folded=True)
        and not given_to_anyone(ctx.table, tokens[j].word)
    ):
        # only in the cue after a quote, where writers vary the name (``"…,"
        # the defender said``); a sentence that opens with ``The minister
        # said`` brings in someone new
        found = _paragraph_person(ctx, piece, tokens[k].start)
    return found


def _paragraph_person(ctx: Context, piece, at: int, any_role: bool = False) -> Entry | None:
    """``Kofa Dembe, 25, was gracious. "…," the defender said``: a person's
    description the text never gave anyone is the one person its paragraph
    names before it, if that person has no other role and opens a sentence
    as its subject (``Obi's lawyer argued …. "…," the judge said`` is not
    Obi's). In a paragraph that opens with the quote (``Kofa Dembe, 25, was
    gracious.`` / ``"…," the defender said``) the paragraph before decides."""
    start = ctx.para_start.get(piece.paragraph, at)
    back = int(piece.paragraph > 1 and not ctx.raw[start : piece.mark].strip())
    start = ctx.para_start.get(piece.paragraph - back, start)
    person = _one_in_paragraph(ctx, piece, at, PERSON, back=back)
    if person is None:
        person = _one_subject(ctx, start, at)
    if person is None:
        person = _one_written(ctx, start, piece.mark)
    if person is None and back:
        # ``He also praised his side.`` / ``"…," the 52-year-old said``: the
        # paragraph before names nobody but is about the one its pronoun is
        person = _pronoun_opener(ctx, piece, start)
        if person is not None and (not person.role or any_role):
            return person
    if person is None or person.role and not any_role:
        return None
    return person if _is_subject(ctx, person, start, at) else None


def _is_subject(ctx: Context, person: Entry, start: int, at: int) -> bool:
    """Whether ``person`` opens a sentence in ``start:at`` as its subject."""
    for mention in person.mentions:
        if start <= mention.start < at and mention.start not in ctx.quoted:
            sentence = ctx.sentence_at(mention.start)
            opening = tokenize(ctx.raw, sentence.start, mention.start)
            possessive = ctx.raw[mention.end : mention.end + 2] in ("'s", "’s")
            # ``Her neighbour, Ada Obi, said``: the person's own role in
            # apposition before the name still leaves her the subject
            own = set((person.role or "").casefold().split())
            if not possessive and all(role_word(t) or t.capitalised or t.word.casefold() in own for t in opening):
                return True
    return False


def _one_subject(ctx: Context, start: int, at: int) -> Entry | None:
    """Of several people named in ``start:at``, the one that opens a
    sentence as its subject (``Kofa Dembe, 25, who joined Millbrook …``),
    if only one does."""
    subjects: list[Entry] = []
    seen: set[int] = set()  # sentences whose first person was looked at
    for offset in range(max(start, at - NEAR_CHARS), at):
        entry = ctx.table.positions.get(offset)
        if entry is None or entry.kind != PERSON or offset in ctx.quoted:
            continue
        sentence = ctx.sentence_at(offset)
        if sentence.start in seen:
            continue  # only the first person of a sentence may be its subject
        seen.add(sentence.start)
        if not _is_subject(ctx, entry, sentence.start, offset + 1):
            continue
        if _joined(ctx, entry, offset, sentence.end):
            return None  # ``Ada Obi, 40, and Tom Hale, 41, lost``: two subjects
        if all(p is not entry for p in subjects):
            subjects.append(entry)
    return subjects[0] if len(subjects) == 1 else None


def _joined(ctx: Context, entry: Entry, offset: int, end: int) -> bool:
    """Whether ``and`` joins another person to the mention of ``entry`` at
    ``offset`` (an age in apposition may stand between them)."""
    words = tokenize(ctx.raw, offset, min(end, offset + 120))
    words = [t for t in words if ctx.table.positions.get(t.start) is not entry and not t.word.isdigit()]
    if len(words) < 2 or words[0].word != "and":
        return False
    other = ctx.table.positions.get(words[1].start)
    return other is not None and other.kind == PERSON


def _pronoun_opener(ctx: Context, piece, start: int) -> Entry | None:
    """The person a gendered subject pronoun opening the paragraph at
    ``start`` stands for (``He also praised …``), if that paragraph names
    no one."""
    words = tokenize(ctx.raw, start, min(ctx.para_start.get(piece.paragraph, start), start + 40))
    gender = gender_of(words[0].word) if words and words[0].word in ("He", "She") else None
    if gender is None:
        return None
    return resolve_pronoun(ctx.scope(piece), words[0].start, PERSON, gender)


def _one_written(ctx: Context, start: int, end: int) -> Entry | None:
    """The person of the one full name written outside quotes in
    ``start:end``, if it opens its sentence (``subjects.written_subject``)."""
    names = {
        name
        for at, name in ctx.written
        if start <= at < end and at not in ctx.quoted and _maybe_person(ctx.table.positions.get(at))
    }
    if len(names) != 1:
        return None
    return written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, end, start)


def _maybe_person(entry: Entry | None) -> bool:
    """A written name the table does not know as a body or a place."""
    return entry is None or entry.kind == PERSON
