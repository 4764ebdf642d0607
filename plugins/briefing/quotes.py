"""Quotes: the words a source puts inside quote marks, with cue and speaker.

Quote marks are double marks only (straight ``"``, curly ``“ ”``, ``« »``),
paired by position: a straight mark opens after a space and closes before
one, so a curly opening mark closed by a straight one works too. Apostrophes
(``Kenya's``, ``didn't``) are never quote marks. A quote left open at the end
of a paragraph goes on in the next paragraph when that one opens with a mark
(the newspaper convention); each paragraph's part is its own QuoteMention,
and all parts share one speaker.

Cues and speakers are found by ``speakers.py`` (which way a quote is tied
to its cue) and ``cues.py`` (the cue's verb and its subject).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Block, Paragraph, QuoteMention, Sentence
from .sentences import sentence_locator
from .speakers import attribute
from .table import EntityTable, Entry
from .wordlists import word_list, word_set

_OPEN_CONTEXT = " \t\r\n([{—–-/"  # what may stand before an opening straight mark


@dataclass(frozen=True)
class _Family:
    """One kind of quote marks: curly openers and closers, and the straight
    mark that may do either."""

    openers: str
    closers: str
    straight: str

    @property
    def marks(self) -> str:
        return self.openers + self.closers + self.straight


@lru_cache(maxsize=2)
def _mark_pattern(family: _Family) -> re.Pattern[str]:
    """Any mark of ``family``: the scan visits the marks, not every character."""
    return re.compile("[" + re.escape(family.marks) + "]")


_DOUBLE = _Family("“«„", "”»", '"')
_SINGLE = _Family("‘‹", "’›", "'")


@dataclass(frozen=True)
class Piece:
    """The words between marks within one paragraph."""

    paragraph: int
    mark: int  # offset of the opening mark (or paragraph start for a continuation)
    start: int
    end: int
    close: int | None  # offset of the closing mark; None if it goes on


@dataclass
class Utterance:
    pieces: list[Piece]
    speaker: Entry | None = None
    cue: str | None = None
    partial: bool = True


# ---------------------------------------------------------------------------
# finding the marks
# ---------------------------------------------------------------------------


def _can_open(raw: str, i: int, para: Paragraph, family: _Family) -> bool:
    char = raw[i]
    before = raw[i - 1] if i > para.start else " "
    after = raw[i + 1] if i + 1 < para.end else " "
    if char in family.openers:
        return family is _DOUBLE or not after.isspace()
    if char != family.straight:
        return False
    return (before in _OPEN_CONTEXT or before in family.openers or before in _DOUBLE.openers) and not after.isspace()


def _can_close(raw: str, i: int, para: Paragraph, family: _Family) -> bool:
    char = raw[i]
    before = raw[i - 1] if i > para.start else " "
    after = raw[i + 1] if i + 1 < para.end else " "
    if family is _SINGLE and (after.isalnum() or _plural_possessive(raw, i, para)):
        return False  # an apostrophe: "didn’t", "Japan’s", "workers’ union"
    if char in family.closers:
        return True
    if char != family.straight:
        return False
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _plural_possessive(raw: str, i: int, para: Paragraph) -> bool:
    """``workers’ union``: after an ``s`` and before a word, a single mark is
    an apostrophe (a quote ending there would close with punctuation)."""
    return (
        raw[i - 1 : i] in ("s", "S")
        and i + 2 < para.end
        and raw[i + 1] == " "
        and raw[i + 2].isalpha()
    )


def find_utterances(raw: str, paragraphs: tuple[Paragraph, ...]) -> list[Utterance]:
    """Quoted words, grouped into utterances that may run over paragraphs.

    Double marks are read first; single marks (British style) only outside
    double-quoted words, and a quote inside another one is part of it.
    """
    double = _scan(raw, paragraphs, _DOUBLE, ())
    spans = [(u.pieces[0].mark, _utterance_end(u)) for u in double]
    single = _scan(raw, paragraphs, _SINGLE, spans)
    found = sorted(double + single, key=lambda u: u.pieces[0].mark)
    kept: list[Utterance] = []
    for utterance in found:
        if kept and utterance.pieces[0].mark < _utterance_end(kept[-1]):
            continue  # nested inside the quote before
        kept.append(utterance)
    return kept


def _utterance_end(utterance: Utterance) -> int:
    last = utterance.pieces[-1]
    return last.close if last.close is not None else last.end


def _scan(raw: str, paragraphs: tuple[Paragraph, ...], family: _Family, skip: list[tuple[int, int]]) -> list[Utterance]:
    """The utterances one family of marks encloses; marks inside ``skip``
    spans (sorted) are not read."""
    utterances: list[Utterance] = []
    carried: list[Piece] = []  # parts of a quote still open at a paragraph's end
    skip_at = 0
    for number, para in enumerate(paragraphs):
        open_at: int | None = None
        fallback: int | None = None  # a plural-possessive mark that may close the quote after all
        if carried:
            first = para.start
            if raw[first] in family.marks and _can_open(raw, first, para, family):
                open_at = first
            else:
                carried = []  # a stray mark: no quote goes on here
        for match in _mark_pattern(family).finditer(raw, para.start, para.end):
            i, char = match.start(), match.group()
            while skip_at < len(skip) and skip[skip_at][1] < i:
                skip_at += 1
            if skip_at < len(skip) and skip[skip_at][0] <= i <= skip[skip_at][1]:
                continue
            if open_at is None or i == open_at:
                if open_at is None and _can_open(raw, i, para, family):
                    open_at, fallback = i, None
                continue
            if _can_close(raw, i, para, family):
                piece = _piece(raw, para.number, open_at, i)
                if piece is not None:
                    utterances.append(Utterance(carried + [piece]))
                carried, open_at = [], None
            elif char in family.openers:
                if fallback is not None:  # 'strongly rejects' the claims. 'We …
                    utterances.extend(_closed_at(raw, para.number, open_at, fallback, carried))
                    carried = []
                open_at, fallback = i, None  # the previous mark was never closed: start again here
            elif family is _SINGLE and fallback is None and _plural_possessive(raw, i, para) and not raw[i - 1].isspace():
                fallback = i
        if open_at is not None and fallback is not None and not _goes_on(raw, paragraphs, number, family):
            # 'strongly rejects' the claims, and nothing else closes it: the
            # mark after the "s" was the closing one, not an apostrophe
            utterances.extend(_closed_at(raw, para.number, open_at, fallback, carried))
            carried, open_at = [], None
        if open_at is not None:
            piece = _piece(raw, para.number, open_at, None, para.end)
            carried = carried + [piece] if piece is not None else []
            if number + 1 == len(paragraphs):
                carried = []
        else:
            carried = []
    return utterances


def _closed_at(raw: str, paragraph: int, mark: int, close: int, carried: list[Piece]) -> list[Utterance]:
    piece = _piece(raw, paragraph, mark, close)
    return [Utterance(carried + [piece])] if piece is not None else []


def _goes_on(raw: str, paragraphs: tuple[Paragraph, ...], number: int, family: _Family) -> bool:
    """The next paragraph opens with a mark: an open quote may go on there."""
    if number + 1 >= len(paragraphs):
        return False
    following = paragraphs[number + 1]
    return following.start < following.end and raw[following.start] in family.marks


def _piece(raw: str, paragraph: int, mark: int, close: int | None, end: int | None = None) -> Piece | None:
    start, stop = mark + 1, close if close is not None else end
    while start < stop and raw[start].isspace():
        start += 1
    while stop > start and (raw[stop - 1].isspace() or raw[stop - 1] in ",;"):
        stop -= 1  # the comma before a closing mark belongs to the attribution
    if close is not None and stop - start > 1 and raw[stop - 1] == "." and raw[stop - 2] != ".":
        # A closing full stop is punctuation of the sentence around the quote
        # as much as of the quote: outlets write `mentality."` and
        # `mentality," he said` for the same words. Dropping it at the closing
        # mark (but not an ellipsis, "?" or "!") gives both the same span text.
        stop -= 1
    if stop <= start:
        return None
    return Piece(paragraph, mark, start, stop, close)


# ---------------------------------------------------------------------------
# QuoteMentions
# ---------------------------------------------------------------------------


def find_quotes(
    raw: str,
    paragraphs: tuple[Paragraph, ...],
    sentences: tuple[Sentence, ...],
    table: EntityTable,
) -> list[Utterance]:
    """Quotes with cue and speaker; speakers new to ``table`` are added to it."""
    utterances = _drop_names(raw, find_utterances(raw, paragraphs))
    attribute(raw, utterances, paragraphs, sentences, table)
    # a Title-Case fragment nobody is said to say is a name: the Pacific "Ring of Fire"
    return [u for u in utterances if not (u.partial and u.speaker is None and _is_title_quote(raw, u))]


def _drop_names(raw: str, utterances: list[Utterance]) -> list[Utterance]:
    """Utterances that are speech: names and titles go, and so does a quote
    joined to a name just before by "and", "or" or a comma
    (``placards reading "Books not bailiffs" and "Save the Lane"``), and so
    does every other quoting of words once shown to be a label (a headline's
    'slow picking' is the body's what the farm called 'slow picking')."""
    kept: list[Utterance] = []
    labels: set[str] = set()
    previous_name: Utterance | None = None
    for utterance in utterances:
        if names_a_thing(raw, utterance) or _joined_to(raw, previous_name, utterance):
            previous_name = utterance
            labels.add(_words_of(raw, utterance))
            continue
        previous_name = None
        kept.append(utterance)
    return [u for u in kept if _words_of(raw, u) not in labels]


def _words_of(raw: str, utterance: Utterance) -> str:
    return " ".join(raw[p.start : p.end] for p in utterance.pieces).casefold()


def _joined_to(raw: str, name: Utterance | None, utterance: Utterance) -> bool:
    if name is None or name.pieces[-1].close is None:
        return False
    if raw[name.pieces[-1].close - 1] in ".!?":
        return False  # a banner reading "Made at Home." "When I…": a new sentence, someone's words
    between = raw[name.pieces[-1].close + 1 : utterance.pieces[0].mark].strip(" ,")
    return between.casefold() in ("", "and", "or", "and the", "or the")


def _is_title_quote(raw: str, utterance: Utterance) -> bool:
    piece = utterance.pieces[0]
    return len(utterance.pieces) == 1 and _title_case(raw[piece.start : piece.end])


# ---------------------------------------------------------------------------
# scare quotes and titles: quoted words that are a name, not speech
# ---------------------------------------------------------------------------

_LOOK_BACK = 60  # characters before a mark read for a naming cue or work noun
_TITLE_WORDS = 8  # a title is short
_CUE_WINDOW = 7  # words before a mark read for a cue split by a short phrase
_DETERMINERS = ("the", "a", "an", "its", "their")
_POSSESSIVES = ("its", "their", "his", "her", "our")
_RELATIVES = ("what", "which")  # the thing a community calls "…"
_OBJECTS = (*_DETERMINERS, "it", "him", "her", "them", "his")
# participles saying the quoted words are written on a thing, not said
_INSCRIBED = ("printed", "written", "painted", "stencilled", "stenciled", "emblazoned", "embroidered",
              "inscribed", "engraved", "etched", "scrawled", "daubed", "spray-painted")


def names_a_thing(raw: str, utterance: Utterance) -> bool:
    """Whether the quoted words name a work or label something rather than
    quote someone: ``the so-called "peace dividend"``, ``what critics dubbed
    "Plan B"``, ``her book "The Long Night"``, ``a group called "Friends of
    the River"``. Only a quote in one piece can be one."""
    if len(utterance.pieces) != 1 or utterance.pieces[0].close is None:
        return False
    piece = utterance.pieces[0]
    lead = raw[max(0, piece.mark - _LOOK_BACK) : piece.mark]
    if lead.rstrip() and lead.rstrip()[-1] in ".!?":
        return False  # a new sentence starts with the quote
    window = [w.strip(",:").casefold() for w in lead.split()][-_CUE_WINDOW:]
    words = window[-4:]
    text = raw[piece.start : piece.end]
    if _ends_with_cue(window, word_list("naming_cues.txt")) or _split_naming_cue(window) or _what_they_call(window):
        return True
    if _community_calls(lead.split()[-3:]):
        return True
    if _scare_quoted(window, text):
        return True
    if _next_word(raw, piece.close) in _INSCRIBED:
        return True  # a sweatshirt with "HOME TEAM" printed across it
    title = _title_case(text)
    if title and len(text.split()) > 1 and _inside_sentence(lead, window):
        return True  # the village's annual "Harvest Lantern Night": speech inside a sentence is not Title Case
    if title and _next_word(raw, piece.close) in word_set("work_nouns.txt"):
        return True  # its "Every Drop Counts" campaign
    if words and words[-1] in word_set("work_nouns.txt") and _apposition(raw, lead, piece.close):
        return True  # the report, "Salt and soil in the lower delta", found
    if words and words[-1] in word_set("work_nouns.txt") and (title or len(text.split()) <= 4) and not lead.rstrip().endswith(":"):
        return True  # the film "Dune", the phrase "green deal"; but the last word: "Never."
    if words and words[-1] in word_set("title_cues.txt") and title:
        return True
    return title and any(w in word_set("work_nouns.txt") for w in words)


def _inside_sentence(lead: str, window: list[str]) -> bool:
    """The mark stands inside a running sentence: words before it in its
    paragraph, no colon before it, and no verb of saying just before a comma
    (``said, "…"`` opens a quoted sentence, which may well be capitalised)."""
    before = lead.rsplit("\n", 1)[-1].rstrip()
    if not before or before[-1] in ":\"”’'":
        return False
    return not (before[-1] == "," and window and window[-1] in word_set("reporting_verbs.txt"))


def _scare_quoted(window: list[str], text: str) -> bool:
    """``paid early clients their "returns"``: one lower-case noun right
    after a possessive, with no verb of saying or calling before it, is the
    writer's irony, not anyone's words (``criticised his "arrogance"``
    quotes the critic)."""
    if len(text.split()) != 1 or not text[:1].islower() or not window or window[-1] not in _POSSESSIVES:
        return False
    saying = word_set("reporting_verbs.txt") | word_set("title_cues.txt")
    return not any(w in saying for w in window)


def _split_naming_cue(words: list[str]) -> bool:
    """``known on the terraces as "the Train"``: a naming cue that ends in
    "as" (known as, billed as) with a short phrase between its words."""
    if not words or words[-1] != "as":
        return False
    heads = {c.split()[0].casefold() for c in word_list("naming_cues.txt") if c.endswith(" as")}
    return any(w in heads for w in words[:-1])


def _what_they_call(words: list[str]) -> bool:
    """``what locals now call the "dry spring"``, ``mistakes, which
    developers call "drift"``: "what" or "which" + a community or body + a
    verb of calling names a term. ``what he called "a betrayal"`` quotes the
    caller, and ``called the plan "reckless"`` has no "what": both stay
    quotes."""
    while words and words[-1] in _DETERMINERS:
        words = words[:-1]
    if not words or words[-1] not in word_set("title_cues.txt"):
        return False
    before = words[-5:-1]
    opener = next((w for w in reversed(before) if w in _RELATIVES), None)
    if opener is None:
        return False
    subject = before[len(before) - 1 - before[::-1].index(opener) + 1 :]
    if not subject or subject[0] in word_set("speech_subjects.txt"):
        return False
    if opener == "which" and subject[0] == "it":
        return False  # a plan, which it called "the decision of the decade": the body just named speaks
    # what the minister called "a betrayal": a person in a role speaks
    return not any(w in word_set("titles.txt", folded=True) for w in subject)


def _community_calls(words: list[str]) -> bool:
    """``a pattern forecasters call "stalling"``: a noun, then a plural
    common noun and a verb of calling with no object of its own — a relative
    clause without "which", so the quoted words are the noun's name, as
    after ``which forecasters call``. A name or a title as the subject
    (``the plan Obi called``, ``the deal the minister called``) is a person
    whose words they are."""
    if len(words) < 3 or words[-1].casefold() not in word_set("title_cues.txt"):
        return False
    noun, subject = words[-3], words[-2]
    if not (noun.isalpha() and noun.islower() and subject.isalpha() and subject.islower()):
        return False
    if noun in _DETERMINERS or noun in word_set("prepositions.txt") or noun in ("and", "or", "but", "that"):
        return False
    plural = subject.endswith("s") and not subject.endswith("ss")
    return plural and subject not in word_set("titles.txt", folded=True) and subject not in word_set("speech_subjects.txt")


def _next_word(raw: str, close: int) -> str:
    after = raw[close + 1 : close + 40].split()
    return after[0].strip(",.;:").casefold() if after else ""


def _apposition(raw: str, lead: str, close: int) -> bool:
    """The quote stands between commas right after a noun: ``The paper,
    "…", is``; a title in apposition, not words someone said."""
    return lead.rstrip().endswith(",") and raw[close + 1 : close + 2] == ","


def _ends_with_cue(words: list[str], cues: tuple[str, ...]) -> bool:
    """Whether one of ``cues`` ends the words before the mark, but for a
    determiner or object (``dubbed it "Plan B"``, ``so-called "…"``): a cue
    further back names nothing here (``quoted as saying, was that "…"``)."""
    while words and words[-1] in _OBJECTS:
        words = words[:-1]
    joined = " " + " ".join(words)
    return any(joined.endswith(" " + cue.casefold()) for cue in cues)


def _title_case(text: str) -> bool:
    """A short phrase whose longer words are all capitalised: ``The Long Night``."""
    words = text.split()
    if not words or len(words) > _TITLE_WORDS or not words[0][:1].isupper():
        return False
    if text.rstrip()[-1:] in ".!?," and len(words) > 1:
        return False  # a sentence, not a title
    return all(w[:1].isupper() or not w[:1].isalpha() or len(w) <= 3 for w in words)


HEADLINE_KINDS = ("title", "heading")


def headline_quotes(raw: str, blocks: tuple[Block, ...]) -> tuple[QuoteMention, ...]:
    """Quoted words in a headline or an in-story heading (``'Nothing is off
    the table'``, ``Premier: 'We will rebuild'``): a headline quotes what
    someone says in the story. Not a story paragraph, so paragraph 0; who
    says it is found by matching the story's quotes (``assemble.py``).
    Names and titles (``her film 'Night Ferry'``) are no quotes."""
    mentions = []
    for block in blocks:
        if block.kind not in HEADLINE_KINDS or raw[block.start : block.end] != block.text:
            continue
        line = (Paragraph(0, block.start, block.end, block.text),)
        for utterance in find_utterances(raw, line):
            piece = utterance.pieces[0]
            if len(utterance.pieces) != 1 or piece.close is None or names_a_thing(raw, utterance):
                continue
            if _is_title_quote(raw, utterance):
                continue  # a Title-Case name: the "Iron Ring" plan
            mentions.append(QuoteMention(raw[piece.start : piece.end], piece.start, piece.end, 0, 0, True, None))
    return tuple(mentions)


def quote_mentions(raw: str, utterances: list[Utterance], sentences: tuple[Sentence, ...]) -> tuple[QuoteMention, ...]:
    """One QuoteMention per paragraph part of every utterance, in text order.

    Called after every entity is known, so a speaker's name is its final,
    fullest form.
    """
    mentions = []
    sentence_at = sentence_locator(sentences)
    for utterance in utterances:
        for piece in utterance.pieces:
            sentence = sentence_at(piece.start)
            mentions.append(
                QuoteMention(
                    text=raw[piece.start : piece.end],
                    start=piece.start,
                    end=piece.end,
                    paragraph=piece.paragraph,
                    sentence=sentence.index if sentence is not None else 0,
                    partial=utterance.partial,
                    speaker=utterance.speaker.name if utterance.speaker is not None else None,
                    cue=utterance.cue,
                )
            )
    mentions.sort(key=lambda q: q.start)
    return tuple(mentions)

