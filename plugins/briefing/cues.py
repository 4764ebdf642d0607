"""Cues: the reporting verb near a quote and the subject that speaks it.

``speakers.py`` decides which way a quote is tied to its cue (a cue before
it, after it, a colon, none); this module finds, in a given run of tokens,
the reporting verb and its subject: a named entity, a name the text writes
(added to the table), a pronoun or a definite description (``the
ministry``), resolved by ``coref.py``. A subject in apposition is the name
before the comma (``Ada Obi, a farmer, said``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .coref import (
    Scope,
    fits,
    gender_of,
    person_by_surname,
    pronoun_kind,
    resolve_description,
    resolve_description_anywhere,
    resolve_pronoun,
)
from .model import ORGANISATION, PERSON, PLACE
from .people import speaker_name_near
from .subjects import paragraph_subject, written_subject
from .table import EntityTable, Entry
from .text import word_list, word_set
from .tokens import Token, is_place_name, is_place_word, is_title, name_word, nationalities, postnominal

if TYPE_CHECKING:
    from .quotes import Utterance

REACH = 300  # characters around a quote searched for its cue
_FAR = 6  # paragraphs a pronoun may reach back when none nearer fits
# Look-backs also stop after this many characters, whatever the paragraphs:
# a pronoun or description whose referent is further away than that is rare,
# and without a bound one huge paragraph of quotes costs time squared.
NEAR_CHARS = 2000
_FAR_CHARS = 6000
ARTICLES = ("a", "an", "the")


def _verbs() -> frozenset[str]:
    return word_set("reporting_verbs.txt")


def is_verb(token: Token) -> bool:
    return token.text in _verbs()


@dataclass
class Context:
    """What attribution knows while it goes through a source's quotes in order."""

    raw: str
    table: EntityTable
    quoted: set[int]  # offsets of quoted words
    para_start: dict[int, int]
    sentence_at: object  # offset → Sentence
    names: dict[str, list[tuple[int, str]]]  # name word → (offset, full name) the text writes
    written: list[tuple[int, str]] = field(default_factory=list)  # every full name written, in text order
    previous: Utterance | None = None
    speakers: list[Entry] = field(default_factory=list)

    def unquoted(self, tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.start not in self.quoted]

    def scope(self, piece) -> Scope:
        """Pronouns and descriptions look back over this paragraph and the two before."""
        return Scope(
            table=self.table,
            not_before=max(
                self.para_start.get(max(1, piece.paragraph - 2), 0), piece.mark - NEAR_CHARS
            ),
            quoted=self.quoted.__contains__,
            sentence_start=lambda offset: self.sentence_at(offset).start,
            speakers=self.speakers,
            raw=self.raw,
        )


def cue_after(ctx: Context, after: list[Token], piece, comma: bool) -> tuple[str, Entry | None] | None:
    """``"…," X said``, ``"…," said X``, ``"…," Ada Obi, a farmer, said``: the
    verb comes within a subject phrase. After a comma at the closing mark the
    phrase may hold a few words no list knows (``the 54-year-old baker``)."""
    for k, token in enumerate(after[:16]):
        if is_verb(token):
            if k == 0:  # inverted: said X
                return token.text, _subject_after(ctx, after, 1, piece)
            if not _subject_phrase(ctx.raw, after[:k], after[k], comma):
                return None
            return token.text, _subject_before(ctx, after, k, piece)
    return None


def _subject_phrase(raw: str, words: list[Token], verb: Token, comma: bool) -> bool:
    """Whether ``words`` before a verb read as its subject. An appositive
    between commas (``, a farmer,``) may hold any words."""
    if raw[words[-1].end : verb.start].strip() == ",":
        for c in range(len(words) - 1, 0, -1):
            if "," in raw[words[c - 1].end : words[c].start]:
                words = words[:c]
                break
    unknown = sum(not _subject_word(t) for t in words)
    return unknown == 0 or (comma and unknown <= 3 and not any(is_verb(t) for t in words))


def _subject_word(token: Token) -> bool:
    folded = token.word.casefold()
    return (
        token.capitalised
        or pronoun_kind(folded) is not None
        or folded in ARTICLES
        or folded in word_set("role_connectors.txt")
        or is_title(folded)
        or folded in word_set("role_modifiers.txt", folded=True)
        or folded in word_set("org_heads.txt", folded=True)
        or folded in word_set("cue_adverbs.txt")
    )


def cue_before(ctx: Context, before: list[Token], piece, colon: bool) -> tuple[str, Entry | None] | None:
    """``X said, "…"``, ``X said in a statement, "…"``, ``X told reporters:
    "…"``, ``according to X, "…"``."""
    window = before if colon else before[-8:]
    for k in range(len(before) - 1, len(before) - len(window) - 1, -1):
        if is_verb(before[k]):
            return before[k].text, _subject_before(ctx, before, k, piece)
    return _according_to(ctx, before, piece)


def _according_to(ctx: Context, tokens: list[Token], piece) -> tuple[str, Entry | None] | None:
    for phrase in word_list("cue_phrases.txt"):
        words = phrase.split()
        for k in range(len(tokens) - len(words) + 1):
            if [t.word.casefold() for t in tokens[k : k + len(words)]] == words:
                speaker = _subject_after(ctx, tokens, k + len(words), piece)
                if speaker is not None:
                    return phrase, speaker
    return None


def nearest_cue(ctx: Context, before: list[Token], after: list[Token], piece) -> tuple[str, Entry] | None:
    """For a fragment: the nearest reporting verb in its sentence whose
    subject is evidently someone (a verb-like noun such as "claims" has none)."""
    for k in range(len(before) - 1, -1, -1):
        if is_verb(before[k]):
            speaker = _subject_before(ctx, before, k, piece)
            if speaker is not None:
                return before[k].text, speaker
    for tokens in (after, before):
        found = _according_to(ctx, tokens, piece)
        if found is not None and found[1] is not None:
            return found
    for k, token in enumerate(after):
        if is_verb(token):
            speaker = _subject_before(ctx, after, k, piece) if k else _subject_after(ctx, after, 1, piece)
            if speaker is not None:
                return token.text, speaker
    return None


def _subject_before(ctx: Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """The speaker named right before the verb at ``tokens[k]``; for a
    subject in apposition (``Ada Obi, a farmer in Kisumu, which …, said``)
    the first name before a comma that is someone; after ``and`` (``She
    thanked them and said``) the subject that opens the sentence."""
    j = k - 1
    while j >= 0 and (tokens[j].word.casefold() in word_set("cue_adverbs.txt") or postnominal(tokens[j])) and k - j <= 3:
        j -= 1
    if j < 0:
        return None
    if tokens[k].word.endswith("ing") and tokens[j].word.casefold() in word_set("prepositions.txt"):
        return None  # ``the judge told Obi before announcing``: Obi does not announce
    if "," in ctx.raw[tokens[j].end : tokens[j + 1].start]:
        for m in _appositive_heads(ctx.raw, tokens, j):
            head = _speaker_at(ctx, tokens, m, piece, backwards=True)
            if head is not None and head.kind != PLACE:
                return head
    if tokens[j].word.casefold() in word_set("clause_joiners.txt"):
        return sentence_subject(ctx, tokens[:j], piece)
    return _speaker_at(ctx, tokens, j, piece, backwards=True)


def _appositive_heads(raw: str, tokens: list[Token], j: int) -> list[int]:
    """Indices of the words right before a comma in the appositives that end
    at ``tokens[j]``, the leftmost first (the subject of the sentence)."""
    heads = []
    for m in range(j, max(0, j - 25), -1):
        if "," in raw[tokens[m - 1].end : tokens[m].start]:
            heads.append(m - 1)
    return heads[::-1]


def sentence_subject(ctx: Context, tokens: list[Token], piece) -> Entry | None:
    """The person or organisation (or pronoun) among the first words of a
    clause's tokens: the subject a second verb after ``and`` shares."""
    for m in range(min(4, len(tokens))):
        token = tokens[m]
        entry = ctx.table.mentioned_at(token.start, token.word_end)
        if entry is not None and entry.kind != PLACE:
            return entry
        if pronoun_kind(token.word) is not None:
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
    if len(tokens) > 1 and tokens[0].word.casefold() in ("his", "her"):
        # ``Her verdict was unambiguous: "…"``, ``His answer: "…"`` — her own
        # words; ``His son was blunt:`` is someone else's, and unnamed
        if tokens[1].word.casefold() in word_set("unnamed_people.txt"):
            return None
        return _pronoun(ctx, piece, tokens[0], PERSON)
    if tokens and tokens[0].start == ctx.sentence_at(tokens[0].start).start:
        # ``Ada Obi was blunt: "…"``: a full name opening the sentence is its
        # subject even when nothing else marks it as a person
        run = speaker_name_near(ctx.raw, tokens, 0, backwards=False)
        name = " ".join(t.word for t in run)
        if len(run) >= 2 and not is_place_name(run) and ctx.table.find(name, PLACE) is None:
            return ctx.table.add(PERSON, name, run[0].start, run[-1].word_end)
    return None


def _subject_after(ctx: Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """The speaker named after an inverted verb or ``according to``:
    ``said Jane Roe``, ``said opposition leader Jane Roe``, ``said committee
    chair Cllr Jane Roe``, ``said the minister``. Role words and a few other
    words may come before the name."""
    raw = ctx.raw
    end = _phrase_end(raw, tokens, k, 8)
    for m in range(k, end):  # a name the text already knows, after its role
        entry = ctx.table.mentioned_at(tokens[m].start, tokens[m].word_end)
        if entry is not None and entry.kind in (PERSON, ORGANISATION):
            return entry
    for m in range(k, min(k + 6, end)):
        token = tokens[m]
        if m == k and pronoun_kind(token.word) is not None:
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
        if name_word(token) or _acronym(token):
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
        folded = token.word.casefold()
        heads = is_title(folded) or folded in word_set("org_heads.txt", folded=True)
        if heads and not (m + 1 < end and (name_word(tokens[m + 1]) or role_word(tokens[m + 1]))):
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
        if not (role_word(token) or token.word in word_set("honorifics.txt") or (not token.capitalised and m - k < 3)):
            return None
    return None


def _phrase_end(raw: str, tokens: list[Token], k: int, limit: int) -> int:
    """Index after the last token from ``k`` before punctuation (at most ``limit``)."""
    m = k
    while m < len(tokens) and m - k < limit:
        if m > k and any(c in raw[tokens[m - 1].end : tokens[m].start] for c in ",.;:!?"):
            break
        m += 1
    return m


def role_word(token: Token) -> bool:
    """A word that may stand in a role or description before a name."""
    folded = token.word.casefold()
    return (
        folded in ARTICLES
        or folded in word_set("role_connectors.txt")
        or is_title(folded)
        or folded in word_set("role_modifiers.txt", folded=True)
        or token.word in nationalities()
        or is_place_word(token.word)
    )


def _after_preposition(tokens: list[Token], entry: Entry, j: int) -> bool:
    """``reviewers in Germany have said``: a place after a preposition is
    where the speakers are, not who speaks."""
    while j > 0 and tokens[j - 1].start >= 0 and entry is not None and tokens[j - 1].word in entry.name.split():
        j -= 1  # back to the first word of a place of several words
    return j > 0 and tokens[j - 1].word.casefold() in word_set("prepositions.txt")


def _acronym(token: Token) -> bool:
    """``NATO``, ``WHO``: an organisation that may speak."""
    return (
        len(token.word) >= 2
        and token.word.isupper()
        and token.word.isalpha()
        and token.word not in word_set("name_stopwords.txt")
    )


def _speaker_at(ctx: Context, tokens: list[Token], j: int, piece, backwards: bool) -> Entry | None:
    token = tokens[j]
    entry = ctx.table.mentioned_at(token.start, token.word_end)
    if entry is not None:
        return None if entry.kind == PLACE and _after_preposition(tokens, entry, j) else entry
    kind = pronoun_kind(token.word)
    if kind is not None:
        return _pronoun(ctx, piece, token, kind)
    folded = token.word.casefold()
    if folded in word_set("org_heads.txt", folded=True) or is_title(folded):
        return _organisation_before(ctx, tokens, j) or _description(ctx, tokens, j, piece)
    if not token.capitalised and backwards:
        return _epithet(ctx, tokens, j, piece)
    run = speaker_name_near(ctx.raw, tokens, j, backwards)
    name = " ".join(t.word for t in run)
    if len(run) >= 2 and not is_place_name(run) and ctx.table.find(name, PLACE) is None:
        return ctx.table.add(PERSON, name, run[0].start, run[-1].word_end)
    if len(run) == 1:
        return person_by_surname(ctx.table, ctx.names, run[0])
    if _acronym(token):
        return ctx.table.add(ORGANISATION, token.word, token.start, token.word_end)
    return None


def _pronoun(ctx: Context, piece, token: Token, kind: str) -> Entry | None:
    """The entity a subject pronoun stands for: looked for near it first,
    then further back (quoted paragraphs leave the near window empty), then
    the last speaker of that kind."""
    if token.word.casefold() == "they":
        return _they(ctx, piece, token)
    gender = gender_of(token.word.casefold())
    scope = ctx.scope(piece)
    found = resolve_pronoun(scope, token.start, kind, gender)
    if kind == PERSON:
        # ``One man, a retired welder, said …. "…," he said``: the person the
        # paragraph is about has no name, so the pronoun has none either
        about = paragraph_subject(
            ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.para_start.get(piece.paragraph, 0), token.start
        )
        if about is not None:
            return about[0]
    if found is None and kind == PERSON:
        found = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, scope.not_before)
    if found is None:
        scope.not_before = max(
            ctx.para_start.get(max(1, piece.paragraph - _FAR), 0), token.start - _FAR_CHARS
        )
        found = resolve_pronoun(scope, token.start, kind, gender)
    if found is None and kind == PERSON:
        found = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, scope.not_before)
    if found is None:
        found = next((s for s in reversed(ctx.speakers) if s.kind == kind and fits(s, gender)), None)
    return found


def _organisation_before(ctx: Context, tokens: list[Token], j: int) -> Entry | None:
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
    if entry is None or entry.kind != ORGANISATION:
        return None
    if tokens[k].possessive:
        return entry
    m = k
    while m > 0 and ctx.table.positions.get(tokens[m - 1].start) is entry:
        m -= 1
    return entry if m > 0 and tokens[m - 1].word.casefold() in ARTICLES[:2] else None


def _epithet(ctx: Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """``Kofi Ansah, 25, … was gracious. "…," the defender said``: a
    description no role list knows, written for variety, is the one person
    its paragraph names before it; with none or several it stays nobody's.
    A plural (``the families said``) is a group, never one person."""
    word = tokens[j].word.casefold()
    if word.endswith("s") and not word.endswith("ss"):
        return None
    k = j - 1
    while k >= 0 and j - k <= 3 and tokens[k].word.casefold() != "the":
        if not (role_word(tokens[k]) or tokens[k].word in nationalities() or "-" in tokens[k].word):
            return None  # ``the Swedish midfielder``, ``the 54-year-old``
        k -= 1
    if k < 0 or tokens[k].word.casefold() != "the":
        return None
    return _one_in_paragraph(ctx, piece, tokens[k].start, PERSON)


def _they(ctx: Context, piece, token: Token) -> Entry | None:
    """``A spokesperson for Hallam said …. "…," they said``: the one
    organisation named in the paragraph outside quotes before the pronoun;
    with none or several, ``they`` may be people or any of them: nobody."""
    return _one_in_paragraph(ctx, piece, token.start, ORGANISATION)


def _one_in_paragraph(ctx: Context, piece, at: int, kind: str) -> Entry | None:
    """The one entity of ``kind`` named outside quotes in ``piece``'s
    paragraph before ``at`` (within reach), else None."""
    found: list[Entry] = []
    for offset in range(max(ctx.para_start.get(piece.paragraph, at), at - NEAR_CHARS), at):
        entry = ctx.table.positions.get(offset)
        if entry is None or entry.kind != kind or offset in ctx.quoted:
            continue
        if all(other is not entry for other in found):
            found.append(entry)
    return found[0] if len(found) == 1 else None


def _description(ctx: Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """``the ministry said`` → the organisation last named with that head-word
    (or, for an organisation word, the organisation last named at all);
    ``the minister said`` → the person last given that role word."""
    if j == 0 or tokens[j - 1].word.casefold() not in ARTICLES[2:]:
        return None
    scope = ctx.scope(piece)
    found = resolve_description(scope, tokens[j].word, tokens[j].start)
    if found is None and tokens[j].word.casefold() in word_set("org_heads.txt", folded=True):
        found = resolve_pronoun(scope, tokens[j].start, ORGANISATION, None)
    if found is None:
        found = resolve_description_anywhere(ctx.table, tokens[j].word, tokens[j].start)
    if found is None and tokens[j].word.casefold() in word_set("representative_titles.txt"):
        found = _one_in_paragraph(ctx, piece, tokens[j].start, ORGANISATION)
    return found
