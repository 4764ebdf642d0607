"""Cues and speakers of quotes.

A quote is a full utterance when a cue introduces it (``X said, "…"``,
``X told Y: "…"``) or follows it (``"…," X said``, ``"…," said X``), when it
goes on after a cue that splits it (``"…," she said, "…"``), or when it is a
sentence of its own; otherwise it is a fragment inside reported speech
(partial). The speaker is the subject of the cue, found by ``cues.py``.
Without a cue the speaker stays unknown, except for a quoted sentence of its
own, which goes on with the speaker its paragraph is about or the one before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .coref import full_names, resolve_pronoun
from .context import ARTICLES, NEAR_CHARS, REACH, Context, is_verb, role_word
from .cues import cue_after, cue_before, known_by_one_name, nearest_cue, sentence_subject
from .model import PERSON, Paragraph, Sentence
from .sentences import sentence_locator
from .subjects import paragraph_subject, written_subject
from .surnames import complete_short_names
from .table import EntityTable, Entry
from .tokens import Token, name_run, tokenize
from .wordlists import word_set

if TYPE_CHECKING:
    from .quotes import Utterance


def attribute(
    raw: str,
    utterances: list[Utterance],
    paragraphs: tuple[Paragraph, ...],
    sentences: tuple[Sentence, ...],
    table: EntityTable,
) -> None:
    """Set cue, speaker and partial of every utterance, in text order."""
    sentence_at = sentence_locator(sentences)
    names = full_names(raw, [tokenize(raw, s.start, s.end) for s in sentences])
    ctx = Context(
        raw=raw,
        table=table,
        quoted={offset for u in utterances for p in u.pieces for offset in range(p.start, p.end)},
        para_start={p.number: p.start for p in paragraphs},
        sentence_at=sentence_at,
        names=names,
        written=sorted({written for found in names.values() for written in found}),
    )
    for utterance in utterances:
        first, last = utterance.pieces[0], utterance.pieces[-1]
        opening = sentence_at(first.mark)
        closing = sentence_at(last.close if last.close is not None else last.end - 1)
        if opening is None or closing is None:
            continue
        _attribute_one(ctx, utterance, opening, closing)
        if utterance.speaker is not None:
            ctx.speakers.append(utterance.speaker)
        ctx.previous = utterance
    merged = complete_short_names(table, ctx.written)
    for utterance in utterances:
        if utterance.speaker is not None and id(utterance.speaker) in merged:
            utterance.speaker = merged[id(utterance.speaker)]

def _attribute_one(ctx: Context, utterance: Utterance, opening: Sentence, closing: Sentence) -> None:
    raw = ctx.raw
    first, last = utterance.pieces[0], utterance.pieces[-1]
    # a cue stands near its quote: looking further would only cost time
    before = ctx.unquoted(tokenize(raw, max(opening.start, first.mark - REACH), first.mark))
    after_from = last.close + 1 if last.close is not None else last.end
    after = ctx.unquoted(tokenize(raw, after_from, min(closing.end, after_from + REACH)))
    before_text = raw[opening.start : first.mark].rstrip()
    after_text = raw[after_from : closing.end].strip()
    starts_capital = raw[first.start].isupper() or not raw[first.start].isalpha()

    # "…," she said, "…": the second part goes on with the first one's speaker
    if _continues_split_quote(ctx, first, opening):
        previous = ctx.previous
        utterance.cue, utterance.speaker, utterance.partial = previous.cue, previous.speaker, previous.partial
        return
    # "…?" X asked. — the sentence splitter ends a sentence at "?" or "!"
    # before a capital, so the cue after such a quote is the next sentence
    if not before_text and not after and last.close is not None and raw[last.close - 1] in "?!":
        after = _next_sentence_words(ctx, closing, last.paragraph)
    # "…," said Rep. Tom Hale — the splitter may also end a sentence at an
    # abbreviated honorific, leaving the name in the next one
    if after and after[-1].word.endswith(".") and after[-1].word in word_set("honorifics.txt"):
        after = after + _next_sentence_words(ctx, closing, last.paragraph)
    # "…," X said / "…," said X
    if not before_text and after:
        found = cue_after(ctx, after, first, _closes_with_comma(raw, last), whole=starts_capital)
        if found is not None:
            utterance.cue, utterance.speaker, utterance.partial = found[0], found[1], False
            return
    # X said, "…" / X told Y: "…"
    if starts_capital and before and (before_text.endswith((",", ":")) or _ends_in_verb(before)):
        found = cue_before(ctx, before, first, colon=before_text.endswith(":"))
        if found is not None:
            utterance.cue, utterance.speaker, utterance.partial = found[0], found[1], False
            return
    # X welcomed the plan: "…" / He was blunt: "…" / Ministry: "…" — a colon
    # hands the quote to the subject of the clause before it
    if starts_capital and before_text.endswith(":"):
        opening_words = ctx.unquoted(tokenize(raw, opening.start, min(first.mark, opening.start + REACH)))
        subject = sentence_subject(ctx, opening_words, first)
        if subject is not None:
            utterance.cue, utterance.speaker, utterance.partial = None, subject, False
            return
    # ``"…" — Jodie, Leura``: a reader's message signed after a dash
    dash = raw[after_from : after_from + 3].lstrip(" ")[:1]
    if not before_text and starts_capital and dash and dash in "—–":
        signer = _signer(ctx, after or _next_sentence_words(ctx, closing, last.paragraph))
        if signer is not None or not after_text:
            # (signed by no name: nobody, not the last speaker)
            utterance.cue, utterance.speaker, utterance.partial = None, signer, False
            return
    # a quoted sentence on its own: the speaker of the quote just before goes on
    if not before_text and not after_text.strip(" .") and starts_capital:
        utterance.partial = False
        found = _lone_quote_speaker(ctx, first)
        if found is not None:
            utterance.cue, utterance.speaker = found
        return
    # a fragment inside reported speech: a person in a cue right after it
    # (`the firm insists it paid "…", its spokesman Ada Obi said`) is its
    # speaker unless a person is the subject of the cue before it (`Obi said
    # it was "…", the Courier reported`: the outlet only relays her words)
    utterance.partial = True
    found = nearest_cue(ctx, before, after, first)
    if found is None or found[1].kind != PERSON:
        following = cue_after(ctx, after, first, True) if after and _closes_with_comma(raw, last) else None
        if following is not None and following[1] is not None and (found is None or following[1].kind == PERSON):
            found = following
    if found is not None:
        utterance.cue, utterance.speaker = found
    else:
        # nobody named, but the sentence reports speech (``one critic called
        # its "…"``): a quote of someone, not a scare quote; after ``a``
        # (``calls it a "…"``) the words label a thing
        labelled = bool(before) and before[-1].word.casefold() in ARTICLES[:2]
        utterance.cue = None if labelled else next((t.text for t in reversed(before) if is_verb(t)), None)


def _signer(ctx: Context, after: list[Token]) -> Entry | None:
    """The person whose name signs a quote after a dash, alone or before a
    comma and where they are from (``— Jodie, Leura``)."""
    if not after:
        return None
    known = ctx.table.mentioned_at(after[0].start, after[0].word_end)
    if known is not None:
        return known if known.kind == PERSON else None
    run = name_run(ctx.raw, after, 0, backwards=False)
    if not run or run[0] is not after[0]:
        return None
    end = ctx.raw[run[-1].end : run[-1].end + 1]
    if end not in ("", ",", "\n") or any(role_word(t) for t in run):
        return None
    return ctx.table.add(PERSON, " ".join(t.word for t in run), run[0].start, run[-1].word_end)


def _next_sentence_words(ctx: Context, sentence: Sentence, paragraph: int) -> list[Token]:
    """The unquoted words of the sentence right after ``sentence`` in its
    paragraph (within reach), up to its first quote mark."""
    start = sentence.end
    while start < len(ctx.raw) and ctx.raw[start] in " \t":
        start += 1
    following = ctx.sentence_at(start) if start < len(ctx.raw) else None
    if following is None or following.start != start or following.paragraph != paragraph:
        return []
    words = []
    for token in tokenize(ctx.raw, start, min(following.end, start + REACH)):
        if token.start in ctx.quoted:
            break
        words.append(token)
    return words


def _lone_quote_speaker(ctx: Context, piece) -> tuple[str | None, Entry] | None:
    """Who says a quoted sentence that has no cue of its own: the subject of
    a cue earlier in its paragraph (``Any deal, he said, must …. "…"``), else
    the person its paragraph is about (``Obi laughs at that. "…"``), else the
    speaker of the quote just before, else the person the text was last
    about (``Asked about it, he did not hesitate.`` then a quote)."""
    if _after_previous_cue(ctx, piece):
        # ``"…," he said. "…"``: the cue between them is the first quote's,
        # and so is its speaker, named or not (``Another speaker, who gave
        # no name, …``: nobody, not a person named further back)
        previous = ctx.previous
        return (previous.cue, previous.speaker) if previous.speaker is not None else None
    para_start = ctx.para_start.get(piece.paragraph, piece.mark)
    tokens = ctx.unquoted(tokenize(ctx.raw, max(para_start, piece.mark - REACH), piece.mark))
    found = nearest_cue(ctx, tokens, [], piece)
    if found is not None:
        return found
    # bounded like every look-back here: a paragraph of many quotes would
    # otherwise be walked back to its start for each of them
    about = paragraph_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, max(para_start, piece.mark - NEAR_CHARS), piece.mark)
    if about is not None:
        # ``Another commuter, a clerk, said he would walk. "…"``: the person
        # the paragraph is about, named or not, never the last speaker
        return None if about[0] is None else (None, about[0])
    subject = _first_subject(ctx, max(para_start, piece.mark - NEAR_CHARS), piece.mark)
    if subject is not None:
        return None, subject
    previous = ctx.previous
    if piece.paragraph > 1 and (previous is None or previous.pieces[-1].paragraph < piece.paragraph - 1):
        # ``"…," said Obi. / Bello disagreed. / "…"``: a paragraph without
        # quotes between them that opens with a person hands the quote to
        # that person, not back to the last speaker
        intro = _paragraph_opener(ctx, piece.paragraph - 1)
        if intro is not None:
            return None, intro
    if previous is not None and previous.speaker is not None and _near(ctx, previous, piece):
        return previous.cue, previous.speaker
    if previous is not None and previous.cue is not None and previous.pieces[-1].paragraph == piece.paragraph:
        # ``"…," he said. "…"`` where the cue's subject is nobody named (his
        # son): the second sentence is his too; the last named person is wrong
        return None
    person = resolve_pronoun(ctx.scope(piece), piece.mark, PERSON, None)
    return (None, person) if person is not None else None


def _after_previous_cue(ctx: Context, piece) -> bool:
    """Whether only the previous quote's cue clause, one sentence, stands
    between it and ``piece`` in their paragraph."""
    previous = ctx.previous
    if previous is None or previous.cue is None or previous.pieces[-1].paragraph != piece.paragraph:
        return False
    close = previous.pieces[-1].close
    if close is None:
        return False
    between = tokenize(ctx.raw, close + 1, piece.mark)
    return (
        bool(between)
        and any(t.text == previous.cue for t in between)
        and ctx.sentence_at(between[-1].start) is ctx.sentence_at(close)
    )


def _paragraph_opener(ctx: Context, number: int) -> Entry | None:
    """The person who opens paragraph ``number`` as the subject of its first
    sentence: one the table knows, or a full name the text writes there."""
    start = ctx.para_start.get(number)
    end = ctx.para_start.get(number + 1)
    if start is None or end is None:
        return None
    first = ctx.sentence_at(start)
    if first is None:
        return None
    subject = _first_subject(ctx, start, min(first.end, start + NEAR_CHARS))
    if subject is not None:
        return subject
    subject = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, first.end, start)
    return subject if subject is not None else known_by_one_name(ctx, first.start)


def _first_subject(ctx: Context, start: int, end: int) -> Entry | None:
    """The person named first in ``start:end`` outside quotes, if named at
    the start of a sentence (what the sentence is about)."""
    for offset in range(start, end):
        entry = ctx.table.positions.get(offset)
        if entry is None or offset in ctx.quoted or ctx.table.positions.get(offset - 1) is entry:
            continue
        sentence = ctx.sentence_at(offset)
        if entry.kind == PERSON and _opens_sentence(ctx, sentence.start, offset):
            return entry
    return None


def _opens_sentence(ctx: Context, start: int, offset: int) -> bool:
    """Whether only role words stand between a sentence's start and ``offset``."""
    return all(role_word(t) or t.capitalised for t in tokenize(ctx.raw, start, offset))


def _continues_split_quote(ctx: Context, piece, opening: Sentence) -> bool:
    """Whether only a cue clause ending in a comma stands between the quote
    before (in the same sentence) and this one: ``"…," she said, "…"``."""
    previous = ctx.previous
    if previous is None or previous.pieces[-1].close is None:
        return False
    close = previous.pieces[-1].close
    if close < opening.start or previous.cue is None:
        return False
    between = ctx.raw[close + 1 : piece.mark].strip()
    words = tokenize(ctx.raw, close + 1, piece.mark)
    if between.endswith(":"):
        # ``"…," he said, adding: "…"``: a participle after the cue's comma
        # shares its subject
        return len(words) > 1 and is_verb(words[-2]) and _participle_after_comma(ctx.raw, words[-2:])
    return between.endswith(",") and any(is_verb(t) for t in words)


def _participle_after_comma(raw: str, pair: list[Token]) -> bool:
    """``said, adding``: the second word a reporting -ing form right after a comma."""
    return pair[1].word.endswith("ing") and is_verb(pair[1]) and "," in raw[pair[0].end : pair[1].start]


def _closes_with_comma(raw: str, piece) -> bool:
    """``"…," X said``: a comma (or ? !) at the closing mark ties the quote to
    the clause after it, whatever words that clause uses."""
    if piece.close is None:
        return False
    inside = raw[piece.close - 1] if piece.close > 0 else ""
    outside = raw[piece.close + 1] if piece.close + 1 < len(raw) else ""
    return inside in ",?!" or outside == ","


def _ends_in_verb(tokens: list[Token]) -> bool:
    return bool(tokens) and is_verb(tokens[-1])


# a paragraph this short between two quotes sets the scene ("The rain came
# down in the second half."); a longer one moves the story on
SCENE_CHARS = 160


def _near(ctx: Context, previous: Utterance, piece) -> bool:
    """Whether ``previous`` ended in this paragraph or the one before, or two
    before with only a short paragraph naming no person between: sports
    reports and features cut one speaker's quotes with a line of scene."""
    gap = piece.paragraph - previous.pieces[-1].paragraph
    if gap <= 1:
        return True
    start, end = ctx.para_start.get(piece.paragraph - 1), ctx.para_start.get(piece.paragraph)
    if gap > 2 or start is None or end is None or end - start > SCENE_CHARS:
        return False
    return all(
        (e := ctx.table.positions.get(offset)) is None or e.kind != PERSON for offset in range(start, end)
    )
