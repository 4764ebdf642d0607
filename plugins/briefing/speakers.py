"""Cues and speakers of quotes.

A quote is a full utterance when a cue introduces it (``X said, "…"``,
``X told Y: "…"``) or follows it (``"…," X said``, ``"…," said X``), or when it
is a sentence of its own; otherwise it is a fragment inside reported speech
(partial). The speaker is the subject of the cue: a named entity, a pronoun
(he/she → the person spoken of, it → the organisation), or a definite
description (``the ministry``). Without a cue the speaker stays unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import ORGANISATION, PERSON, Paragraph, Sentence
from .people import speaker_name_near
from .table import EntityTable, Entry
from .text import key_values, sentence_locator, word_list, word_set
from .tokens import Token, tokenize

if TYPE_CHECKING:
    from .quotes import Utterance

_REACH = 300  # characters around a quote searched for its cue

# ---------------------------------------------------------------------------
# cues and speakers
# ---------------------------------------------------------------------------


def _verbs() -> frozenset[str]:
    return word_set("reporting_verbs.txt")


def _pronouns() -> dict[str, str]:
    return dict(key_values("pronouns.txt"))


def attribute(
    raw: str,
    utterances: list[Utterance],
    paragraphs: tuple[Paragraph, ...],
    sentences: tuple[Sentence, ...],
    table: EntityTable,
) -> None:
    """Set cue, speaker and partial of every utterance, in text order."""
    quoted = {offset for u in utterances for p in u.pieces for offset in range(p.start, p.end)}
    previous: Utterance | None = None
    para_start = {p.number: p.start for p in paragraphs}
    sentence_at = sentence_locator(sentences)
    for utterance in utterances:
        first, last = utterance.pieces[0], utterance.pieces[-1]
        opening = sentence_at(first.mark)
        closing = sentence_at(last.close if last.close is not None else last.end - 1)
        if opening is None or closing is None:
            continue
        context = _Context(raw, table, quoted, para_start, previous)
        _attribute_one(context, utterance, opening, closing)
        previous = utterance


@dataclass
class _Context:
    raw: str
    table: EntityTable
    quoted: set[int]  # offsets of quoted words
    para_start: dict[int, int]
    previous: Utterance | None

    def unquoted(self, tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if t.start not in self.quoted]


def _attribute_one(ctx: _Context, utterance: Utterance, opening: Sentence, closing: Sentence) -> None:
    raw = ctx.raw
    first, last = utterance.pieces[0], utterance.pieces[-1]
    # a cue stands near its quote: looking further would only cost time
    before = ctx.unquoted(tokenize(raw, max(opening.start, first.mark - _REACH), first.mark))
    after_from = last.close + 1 if last.close is not None else last.end
    after = ctx.unquoted(tokenize(raw, after_from, min(closing.end, after_from + _REACH)))
    before_text = raw[opening.start : first.mark].rstrip()
    after_text = raw[after_from : closing.end].strip()
    starts_capital = raw[first.start].isupper() or not raw[first.start].isalpha()

    # "…," X said / "…," said X
    if not before_text and after:
        found = _cue_after(ctx, after, first)
        if found is not None:
            utterance.cue, utterance.speaker, utterance.partial = found[0], found[1], False
            return
    # X said, "…" / X told Y: "…"
    if starts_capital and before and (before_text.endswith((",", ":")) or _ends_in_verb(before)):
        found = _cue_before(ctx, before, first, colon=before_text.endswith(":"))
        if found is not None:
            utterance.cue, utterance.speaker, utterance.partial = found[0], found[1], False
            return
    # a quoted sentence on its own: the speaker of the quote just before goes on
    if not before_text and not after_text.strip(" .") and starts_capital:
        utterance.partial = False
        if ctx.previous is not None and ctx.previous.speaker is not None and _near(ctx, ctx.previous, first):
            utterance.speaker, utterance.cue = ctx.previous.speaker, ctx.previous.cue
        return
    # a fragment inside reported speech
    utterance.partial = True
    found = _nearest_cue(ctx, before, after, first)
    if found is not None:
        utterance.cue, utterance.speaker = found


def _ends_in_verb(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[-1].text in _verbs()


def _near(ctx: _Context, previous: Utterance, piece) -> bool:
    """Whether ``previous`` ended in this paragraph or the one before."""
    return piece.paragraph - previous.pieces[-1].paragraph <= 1


def _cue_after(ctx: _Context, after: list[Token], piece) -> tuple[str, Entry | None] | None:
    """``"…," X said`` or ``"…," said X``: the verb comes within a subject phrase."""
    for k, token in enumerate(after[:12]):
        if token.text in _verbs():
            if k == 0:  # inverted: said X
                speaker = _subject_after(ctx, after, 1, piece)
                return (token.text, speaker) if speaker is not None or len(after) == 1 else None
            if not all(_subject_word(t) for t in after[:k]):
                return None
            return token.text, _subject_before(ctx, after, k, piece)
        if not _subject_word(token):
            return None
    return None


def _subject_word(token: Token) -> bool:
    folded = token.word.casefold()
    return (
        token.capitalised
        or folded in _pronouns()
        or folded in ("a", "an", "the")
        or folded in word_set("role_connectors.txt")
        or folded in word_set("titles.txt", folded=True)
        or folded in word_set("role_modifiers.txt", folded=True)
        or folded in word_set("org_heads.txt", folded=True)
        or folded in word_set("cue_adverbs.txt")
    )


def _cue_before(ctx: _Context, before: list[Token], piece, colon: bool) -> tuple[str, Entry | None] | None:
    """``X said, "…"``, ``X told reporters: "…"``, ``according to X, "…"``."""
    window = before if colon else before[-3:]
    for k in range(len(before) - 1, len(before) - len(window) - 1, -1):
        token = before[k]
        if token.text in _verbs():
            return token.text, _subject_before(ctx, before, k, piece)
    phrase = _according_to(ctx, before, piece)
    return phrase


def _according_to(ctx: _Context, tokens: list[Token], piece) -> tuple[str, Entry | None] | None:
    for phrase in word_list("cue_phrases.txt"):
        words = phrase.split()
        for k in range(len(tokens) - len(words) + 1):
            if [t.word.casefold() for t in tokens[k : k + len(words)]] == words:
                speaker = _subject_after(ctx, tokens, k + len(words), piece)
                if speaker is not None:
                    return phrase, speaker
    return None


def _nearest_cue(ctx: _Context, before: list[Token], after: list[Token], piece) -> tuple[str, Entry] | None:
    """For a fragment: the nearest reporting verb in its sentence whose
    subject is evidently someone (a verb-like noun such as "claims" has none)."""
    for k in range(len(before) - 1, -1, -1):
        if before[k].text in _verbs():
            speaker = _subject_before(ctx, before, k, piece)
            if speaker is not None:
                return before[k].text, speaker
    for tokens in (after, before):
        found = _according_to(ctx, tokens, piece)
        if found is not None and found[1] is not None:
            return found
    for k, token in enumerate(after):
        if token.text in _verbs():
            speaker = _subject_before(ctx, after, k, piece)
            if speaker is not None:
                return token.text, speaker
    return None


def _subject_before(ctx: _Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """The speaker named right before the verb at ``tokens[k]``."""
    j = k - 1
    while j >= 0 and tokens[j].word.casefold() in word_set("cue_adverbs.txt") and k - j <= 3:
        j -= 1
    if j < 0:
        return None
    return _speaker_at(ctx, tokens, j, piece, backwards=True)


def _subject_after(ctx: _Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """The speaker named right after an inverted verb (``said Jane Roe``)."""
    if k >= len(tokens):
        return None
    return _speaker_at(ctx, tokens, k, piece, backwards=False)


def _speaker_at(ctx: _Context, tokens: list[Token], j: int, piece, backwards: bool) -> Entry | None:
    token = tokens[j]
    entry = ctx.table.mentioned_at(token.start, token.word_end)
    if entry is not None:
        return entry
    folded = token.word.casefold()
    if folded in _pronouns():
        return _resolve_pronoun(ctx, _pronouns()[folded], piece)
    if folded in word_set("org_heads.txt", folded=True) or folded in word_set("titles.txt", folded=True):
        return _resolve_description(ctx, tokens, j, piece)
    run = speaker_name_near(ctx.raw, tokens, j, backwards)
    if len(run) >= 2:
        name = " ".join(t.word for t in run)
        return ctx.table.add(PERSON, name, run[0].start, run[-1].word_end)
    if len(run) == 1:
        person = ctx.table.person_by_word(run[0].word)
        if person is not None:
            person.add_alias(run[0].word)
            person.add_mention(run[0].start, run[0].word_end)
            return person
    return None


def _window_start(ctx: _Context, piece) -> int:
    """Pronouns and descriptions look back over this paragraph and the two before."""
    return ctx.para_start.get(max(1, piece.paragraph - 2), 0)


def _resolve_pronoun(ctx: _Context, kind: str, piece) -> Entry | None:
    if kind == PERSON and ctx.previous is not None and ctx.previous.speaker is not None:
        # the person quoted just before stays the one spoken of
        if ctx.previous.speaker.kind == PERSON and _near(ctx, ctx.previous, piece):
            return ctx.previous.speaker
    kinds = (PERSON,) if kind == PERSON else (kind,)
    return _latest_unquoted(ctx, piece.mark, kinds, _window_start(ctx, piece))


def _latest_unquoted(ctx: _Context, offset: int, kinds: tuple[str, ...], not_before: int) -> Entry | None:
    return ctx.table.latest_before(offset, kinds, not_before, skip=ctx.quoted.__contains__)


def _resolve_description(ctx: _Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """``the ministry said`` → the organisation last named with that head-word;
    ``the minister said`` → the person last given that role word."""
    if j == 0 or tokens[j - 1].word.casefold() != "the":
        return None
    word = tokens[j].word.casefold()
    for at in range(piece.mark - 1, _window_start(ctx, piece) - 1, -1):
        entry = ctx.table.positions.get(at)
        if entry is None or entry.kind not in (ORGANISATION, PERSON):
            continue
        words = entry.name if entry.kind == ORGANISATION else (entry.role or "")
        if word in words.casefold().split():
            return entry
    return None


