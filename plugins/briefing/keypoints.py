"""Rank facts into the brief's key points.

Each fact (a group of aligned sentences) gets a score for what matters to a
reader; the best become key points, best first. Weights, and why:

* ``+2`` per extra source reporting it, ``+1`` more per extra *independent*
  one (a rewrite repeats, it does not confirm): what several outlets carry
  is what the story is about.
* ``+2.5`` a decision (``data/decision_cues.txt``: agreed, decided,
  approved...) else ``+2`` a concrete outcome (``data/outcome_cues.txt``:
  jailed, fined, won, was third, killed, rose, fell, is due to...) else
  ``+1.5`` another action (``data/action_cues.txt``: plans, will,
  launched...): who decided or did what, and how it came out.
* Nothing for being attributed ("..., the ministry said"): nearly every
  sentence of news names its source, so attribution says who said it, not
  that it matters; a bonus for it only lifted reactions and quotes over
  the facts they react to (reported sentences were key facts no more often
  than the rest).
* ``-3`` a sentence that is mostly a direct quote (``QUOTED_SHARE``): the
  quotes section carries it whole, and a quote is someone's words, not the
  fact a reader needs first. ``-PARTLY_QUOTED_COST`` (``2``) one partly
  quoted (``PARTLY_QUOTED``): a wire editor keeps the plain sentence that
  states the fact, and a sentence built around someone's phrase is mostly a
  reaction. A sentence that opens inside a quote begun in the sentence
  before ('... by tomorrow," Ms Varga said') counts as quoted up to its
  closing mark; a transcript's turn ("MAYOR: We are not cutting buses.", a
  capitals label opening two or more paragraphs) is all someone's words,
  whether the host's or the guest's.
* ``-VOX_POP`` a passer-by's view ("Doris Hale, 72, said ...", "a
  67-year-old retired nurse, said": someone introduced by age, reported):
  it colours a story, it is not its news. ``-OUTSIDE_VIEW`` an outside
  expert's (``data/expert_cues.txt``: "an economist at", "who was not
  involved"): a reaction to the news.
* ``-PERSONAL_VOICE`` (``3``, as a quote) a sentence not quoted that
  speaks in the first or second person outside quote marks ("I have lost
  friends.", "Follow our live coverage"): news prose speaks in the third,
  so it is someone's words without marks (an interview's answer) or the
  outlet talking to its reader, not a reported fact.
* ``-3`` a question: it states no fact (interviews, "Q:" lines); so does a
  reported one ("She asked the board whether...", ``_REPORTED_QUESTION``)
  and a sentence ending in a colon ("Its chief executive said:").
* ``+1.5`` numbers (amounts, counts) other than history's years; ``+0.75``
  per named person, place or organisation (up to three): specifics over
  generalities.
* ``+1`` a date of the story's own days (within ``RECENT_DAYS`` of the
  brief, "on Wednesday", "last week") or what happens next said without a
  date (``_WHAT_NEXT``: "next week", "later this month", "tomorrow"): what
  is new, and what a reader should expect.
* ``TOP_BONUS`` (``+2.5``) for the first story paragraph, ``-0.5`` each
  paragraph down to 0 from the sixth: news is written top-down (the first
  paragraphs hold most of what an editor keeps), but content still outweighs
  a few paragraphs of position; and ``LEAD_BONUS`` (``+2``) more for the
  story's first sentence (after a dateline) if it states an act or a
  number: a wire lead is the story's main fact, a feature's opening scene
  ("Delegates met in a hall for hours.") is not.
* ``-3`` very short sentences (fewer than ``MIN_WORDS`` words) with no
  name, number or outcome: "He did not go into specifics." is not a point
  on its own, "Ethiopia's Abdi Bekele was third." is; ``-1`` a sentence that
  opens with a pronoun (``data/context_pronouns.txt``), which needs the
  sentence before it to be understood - unless the pronoun is only the
  speaker of what follows ("She added that 40 schools had closed."): the
  speaker was just named and the reported fact is whole (such sentences
  were key facts 2 to 4 times as often as other pronoun openers).
* ``-1.5`` sentences whose dates are all history (see ``background``): they
  belong to the background section.

Never candidates (``eligible_sentences``): titles, captions, standfirsts
and other furniture (blocks, or a summary above the story: see
``align.standfirst``, the paragraphs between headline and byline, and
one paragraph between the headline and two header lines in a row), a
sentence that repeats a headline (``HEADLINE_REPEAT``), an interviewer's
question (a ``Q:`` line, a paragraph ending in the writer's own question),
furniture left inside a paragraph (a sentence opening with a
``data/boilerplate_cues.txt`` cue), a live blog's time stamps and entry
headings ("4:52pm Fire jumps highway": a heading restates the entry below
it), a list with no word in lower case and so no verb (a team sheet, a
scorers' line) and a press release's tail, from its end marker or "About
<issuer>" / "Notes to editors" heading on: it describes the issuer, it is
not the news.

Commentary - the outlet's own evaluation (an evaluative word from
``data/commentary_cues.txt`` with no reporting cue, quote or number) - is
marked ``commentary=True`` and never takes a slot from a fact: it only fills
the slots that facts leave free, after them.

How many: ``max_key_points`` at most, and for small briefs a third of the
facts (at least ``MIN_KEY_POINTS``), so a six-sentence story is not
restated whole. No duplicates: a candidate that states (by the brief's
similarity) what a chosen point states - across sources or within one - is
skipped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from rapidfuzz import fuzz

from .align import (
    THRESHOLD,
    Fact,
    brief_similarity,
    evidence_for,
    load_words,
    numbers,
    preferred_member,
    sentence_index,
    standfirst,
    whole_word,
)
from .attribution import independent_sources
from .furniture import opens_with_cue
from .model import KeyPoint, ParsedSource, Sentence

MIN_WORDS = 6
MIN_KEY_POINTS = 3
HISTORY_YEARS = 5  # a date this many years before the brief is history
RECENT_DAYS = 45  # a date this near the brief is the story's own news
HEADLINE_REPEAT = 85  # rapidfuzz ratio of a sentence to a title: a repeat
QUOTED_SHARE = 0.6  # this much of a sentence inside quote marks: a quote
PARTLY_QUOTED = 0.3  # this much: a fact told in someone's words
LEAD_BONUS = 2.0  # the story's first sentence
TOP_BONUS = 2.5  # first story paragraph, less 0.5 a paragraph down
PARTLY_QUOTED_COST = 2.0
VOX_POP = 2.0
PERSONAL_VOICE = 3.0
OUTSIDE_VIEW = 2.0
# "Doris Hale, 72,", "aged 72", "a 72-year-old retired nurse": a person
# introduced by age, the way reporters introduce someone from the crowd.
_AGED = re.compile(r"[A-Z][\w'’-]+, (?:\d{1,2}|aged \d{1,2}),|\b[Aa]n? \d{1,2}-year-old\b")

_QUESTION_LINE = re.compile(r"(?:Q|Question)\s*[:.]\s", re.IGNORECASE)
# A live blog's time stamp opening an entry or its heading: "4:52pm Fire
# jumps highway", "14:32", "10.15 a.m." (a dot needs am/pm: "12.45 million").
_TIME_STAMP = re.compile(r"\d{1,2}(?::\d{2}(?:\s?[ap]\.?m\b\.?)?|(?:\.\d{2})?\s?[ap]\.?m\b\.?)(?!\w)", re.IGNORECASE)
# A press release's end and what follows it: "- ENDS -", "###", "-30-",
# "Notes to editors", and "About <Organisation>" headings.
_RELEASE_END = re.compile(
    r"[\s–—-]*(?:ENDS?|#{3}|30|[Nn]otes? (?:to|for) [Ee]ditors?)[\s–—-]*:?\s*$"
    r"|About (?:the )?[A-Z][\w&.’'-]*(?: (?:[A-Z(][\w&.’'()-]*|[a-z]{1,3}|&))*\s*$"
    r"|Forward-looking [Ss]tatements?\s*$",
)

# "asked the panel whether", "asking what": a question told, not a fact.
_REPORTED_QUESTION = re.compile(
    r"\b(?:asked|asking|asks|wondered)\b(?: [\w'’-]+){0,5}? (?:whether|if|what|why|how|when|who|which)\b",
    re.IGNORECASE,
)
# What happens next, said without a date: "next week", "later this month",
# "tomorrow", "the coming days", "upcoming".
_WHAT_NEXT = re.compile(
    r"\b(?:next (?:week|month|year|season|term|session|spring|summer|autumn|fall|winter"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|tomorrow|later (?:this|today|tonight)|(?:the )?coming (?:days|weeks|months)|upcoming)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
# First and second person: news prose speaks in the third ("US" is a country, "mine" a pit)
_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur|[Yy]ou|[Yy]our)\b")
# a stretch between quote marks within one sentence
_QUOTED_STRETCH = re.compile(r"[\"“«][^\"“”«»]*[\"”»]|‘[^‘’]*’")
_YEAR = re.compile(r"^(\d{4})")


def has_cue(text: str, cues: frozenset[str]) -> bool:
    """Whether ``text`` has one of ``cues`` (words, or phrases with spaces)."""
    words, padded = _cue_words(text)
    single, phrases = _split_cues(cues)
    return not single.isdisjoint(words) or any(phrase in padded for phrase in phrases)


@lru_cache(maxsize=8)
def _cue_words(text: str) -> tuple[frozenset[str], str]:
    """``text``'s words in lower case, and joined with a space each side.

    A few kept: ``_Scorer.score`` asks about one sentence for up to seven
    cue lists in a row, and finding its words each time made ranking 1.1 ms
    a brief slower.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    return frozenset(words), " " + " ".join(words) + " "


@lru_cache(maxsize=64)
def _split_cues(cues: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A cue list's single words, and its phrases padded with a space each
    side (so that they match whole words): a few lists, asked for per sentence."""
    return (
        frozenset(c for c in cues if " " not in c),
        tuple(sorted(f" {c} " for c in cues if " " in c)),
    )


def is_commentary(text: str, has_quote: bool = False) -> bool:
    """The outlet's own evaluation: evaluative, unattributed, unquantified."""
    if has_quote or re.search(r"\d", text):
        return False
    if has_cue(text, load_words("reporting_cues.txt")):
        return False
    return has_cue(text, load_words("commentary_cues.txt"))


def year_of(value: str) -> int | None:
    """The year a date value starts with: ``"1970s" -> 1970``."""
    match = _YEAR.match(value)
    return int(match.group(1)) if match else None


def reference_year(date: str | None, sources: Sequence[ParsedSource]) -> int | None:
    """The brief's year, else its sources' latest dated year, else the latest mentioned."""
    candidates = [date] if date else [s.date for s in sources if s.date]
    if not candidates:
        candidates = [d.value for s in sources for d in s.dates]
    years = [y for y in (year_of(c) for c in candidates if c) if y]
    return max(years) if years else None


def is_history(value: str, ref_year: int | None) -> bool:
    year = year_of(value)
    return year is not None and ref_year is not None and year <= ref_year - HISTORY_YEARS


@dataclass(frozen=True)
class _Candidate:
    fact: Fact
    member: tuple[str, int]
    sentence: Sentence
    score: float
    commentary: bool
    position: tuple


def _name_forms(sources: Sequence[ParsedSource]) -> tuple[str, ...]:
    forms = {f for s in sources for e in s.entities for f in (e.name, *e.aliases) if len(f) > 1}
    return tuple(sorted(forms))


def _names_in(text: str, forms: Sequence[str]) -> int:
    # ``f in text`` first: a form must be in the text to be a word of it, and
    # the test is far cheaper than the pattern, run for every form of the brief.
    return sum(1 for f in forms if f in text and whole_word(f).search(text))


def _in_block(source: ParsedSource, sentence: Sentence) -> bool:
    return any(b.start < sentence.end and sentence.start < b.end for b in source.blocks)


_OPEN = "\"“«"
_QUOTE_MARK = re.compile("[\"“«”»]")


def _marked_share(text: str) -> float:
    """Share of a sentence inside quote marks, read from the marks themselves.

    A sentence opening with a mark that never closes is the start or middle
    of a quote that runs on; the parser's quotes may miss such sentences.
    """
    inside, open_at = 0, None
    # Only quote marks change anything: visit those alone.
    for i in (m.start() for m in _QUOTE_MARK.finditer(text)):
        ch = text[i]
        if _closes_a_quote_run_on(text, i, open_at, inside):
            inside = i  # the sentence began inside a quote opened before it
        elif ch in _OPEN and open_at is None and (ch != '"' or i == 0 or not text[i - 1].isalnum()):
            open_at = i
        elif ch in "\"”»" and open_at is not None and i > open_at:
            inside += i - open_at
            open_at = None
    if open_at is not None and open_at == 0:
        inside += len(text)
    return min(1.0, inside / max(1, len(text)))


def _closes_a_quote_run_on(text: str, i: int, open_at: int | None, inside: int) -> bool:
    """The first mark of a sentence closes a quote from the sentence before:
    a closing mark, or a straight one glued to the word or comma before it
    and followed by a space ("...by tomorrow," Ms Barua said)."""
    if open_at is not None or inside or i == 0 or text[i] not in "\"”»":
        return False
    if any(ch in "\"“«”»" for ch in text[:i]):
        return False
    glued = not text[i - 1].isspace() and (i + 1 == len(text) or not text[i + 1].isalnum())
    return text[i] != '"' or glued


_TURN_LABEL = re.compile(r"([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}):\s")


def transcript_turns(source: ParsedSource) -> frozenset[int]:
    """Paragraphs of a transcript's turns: each opens with a speaker's label
    in capitals ("MARTA VOSS: Thank you.") that opens another paragraph too.
    A turn is someone's words, marked by the label instead of quote marks;
    a capitalised word opening one paragraph only is a dateline or a
    heading ("OSTERBY: The council...")."""
    labels: dict[str, list[int]] = {}
    for paragraph in source.paragraphs:
        match = _TURN_LABEL.match(paragraph.text)
        if match:
            labels.setdefault(match.group(1), []).append(paragraph.number)
    return frozenset(n for numbers in labels.values() if len(numbers) > 1 for n in numbers)


def _quoted_share(sources: Sequence[ParsedSource]) -> dict[tuple[str, int], float]:
    """How much of each sentence lies inside quote marks (0-1).

    A quote can run over several sentences: every sentence it overlaps
    counts, not only the one it starts in. A transcript's turn is all words.
    """
    share: dict[tuple[str, int], float] = {}
    for s in sources:
        turns = transcript_turns(s)
        inside = _chars_in_quotes(s)
        for sentence in s.sentences:
            if sentence.paragraph in turns:
                share[(s.id, sentence.index)] = 1.0
                continue
            length = max(1, sentence.end - sentence.start)
            share[(s.id, sentence.index)] = max(min(1.0, inside[sentence.index] / length), _marked_share(sentence.text))
    return share


def _chars_in_quotes(source: ParsedSource) -> dict[int, int]:
    """Sentence index -> how many of its characters the parser's quotes cover.

    A quote reaches only the sentences that start before it ends and less
    than the longest sentence before it starts: those alone are visited.
    Summing every quote's overlap with every sentence was 1.4 ms a brief.
    """
    by_start = sorted(source.sentences, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    longest = max((s.end - s.start for s in by_start), default=0)
    inside = dict.fromkeys((s.index for s in by_start), 0)
    for q in source.quotes:
        for sentence in by_start[bisect_right(starts, q.start - longest) : bisect_left(starts, q.end)]:
            inside[sentence.index] += max(0, min(q.end, sentence.end) - max(q.start, sentence.start))
    return inside


def _repeats_a_title(source: ParsedSource, sentence: Sentence) -> bool:
    """The sentence restates a headline (scraped pages repeat it in the text)."""
    titles = [b.text for b in source.blocks if b.kind == "title"] + ([source.title] if source.title else [])
    text = sentence.text.casefold()
    return any(fuzz.ratio(text, t.casefold()) >= HEADLINE_REPEAT for t in titles)


def summary_above_story(source: ParsedSource) -> frozenset[int]:
    """Sentence indexes of a standfirst: one set off by a separator (see
    ``align.standfirst``) or the paragraphs between the headline and the
    byline ("Title / summary / By X / story"): a summary written by the
    desk restates the story, it is not one of its facts."""
    titles = [b.start for b in source.blocks if b.kind == "title"]
    bylines = [b.start for b in source.blocks if b.kind == "byline"]
    deck = standfirst(source) | _deck_over_header_lines(source)
    if not titles or not bylines or min(bylines) < min(titles):
        return deck
    top, byline = min(titles), min(bylines)
    return deck | frozenset(s.index for s in source.sentences if top < s.start < byline)


def _deck_over_header_lines(source: ParsedSource) -> frozenset[int]:
    """Sentence indexes of one paragraph between the headline and two
    header lines in a row ("Title / summary / Ada Obi, health correspondent /
    Thu 6 Mar 2025"): header lines (a name, a date, a source line) come
    before the story, so what stands above them is the desk's summary, even
    when no line says "By". A caption below the headline is no header
    line: the story may start under a photo."""
    titles = [b for b in source.blocks if b.kind == "title"]
    if not titles:
        return frozenset()
    top = titles[0].start
    below = sorted((b for b in source.blocks if b.start > top and b.kind != "title"), key=lambda b: b.start)
    if len(below) < 2 or any(b.kind == "caption" for b in below[:2]):
        return frozenset()
    first, second = below[0], below[1]
    between = [p.number for p in source.paragraphs if top < p.start < first.start]
    if len(between) != 1 or any(first.start < p.start < second.start for p in source.paragraphs):
        return frozenset()
    return frozenset(s.index for s in source.sentences if s.paragraph == between[0])


def eligible_sentences(source: ParsedSource) -> frozenset[int]:
    """Indexes of the sentences that may be key points: not in a title,
    caption or standfirst, not a headline's repeat, not an interviewer's
    question (a "Q:" line, or a paragraph ending in the writer's own
    question), not furniture left inside a paragraph ("The interview has
    been edited for length and clarity.")."""
    deck = summary_above_story(source)
    questions = _question_paragraphs(source)
    end = _release_end(source)
    return frozenset(
        sentence.index
        for sentence in source.sentences
        if not (
            sentence.index in deck
            or sentence.paragraph >= end
            or _TIME_STAMP.match(sentence.text)
            or _is_a_list(sentence.text)
            or sentence.paragraph in questions
            or _QUESTION_LINE.match(sentence.text)
            or opens_with_cue(sentence.text)
            or _in_block(source, sentence)
            or _repeats_a_title(source, sentence)
        )
    )


def _is_a_list(text: str) -> bool:
    """No word in lower case, so no verb: a team sheet or a scorers' line
    ("El-Amrani, Mwangi, Forde (Peacock 84).", "E Ward 0-2;"). Scripts
    without case (Chinese, Arabic) have no capitals either: never a list."""
    words = _WORD.findall(text)
    return any(w[0].isupper() for w in words) and not any(w[0].islower() for w in words)


def _release_end(source: ParsedSource) -> float:
    """Number of the paragraph that ends a press release ("ENDS", "About
    the Alliance", "Notes to editors"): it and what follows describe the
    issuer, they are not the news. Infinity when there is none."""
    for paragraph in source.paragraphs:
        first_line = paragraph.text.strip().split("\n", 1)[0]
        if _RELEASE_END.match(first_line) and not first_line.rstrip().endswith((".", "?", "!")):
            return paragraph.number
    return math.inf


def _lead_sentence(source: ParsedSource, eligible: frozenset[int]) -> int | None:
    """Index of the story's first sentence (after a dateline, past a
    standfirst): a wire story's lead is its main fact."""
    for sentence in source.sentences:
        if sentence.index in eligible:
            return sentence.index if _states_a_fact(sentence.text) else None
    return None


def _states_a_fact(text: str) -> bool:
    """Not a question, not a line ending in a colon."""
    stripped = text.strip()
    return not (stripped.rstrip(" \"'”’)").endswith("?") or stripped.endswith(":"))


def _question_paragraphs(source: ParsedSource) -> frozenset[int]:
    """Paragraphs ending in a question of the writer's own (an interviewer's
    question with its lead-in: "Your result was hailed. Is it one?")."""
    last: dict[int, Sentence] = {}
    for sentence in source.sentences:
        last[sentence.paragraph] = sentence
    return frozenset(
        number for number, sentence in last.items()
        if sentence.text.rstrip().endswith("?") and _marked_share(sentence.text) < QUOTED_SHARE
    )


def _needs_the_sentence_before(words: Sequence[str]) -> bool:
    """Opens with a pronoun ("It was the third such case."), unless the
    pronoun is only the speaker of a reported fact ("She added that 40
    schools had closed."): the speaker was just named, the fact is whole."""
    if not words or words[0].lower() not in load_words("context_pronouns.txt"):
        return False
    return not (len(words) > 1 and words[1].lower() in load_words("reporting_cues.txt"))


def _speaks_in_person(text: str) -> bool:
    """"I", "we" or "you" outside quote marks: someone's words given
    without marks (an interview's answer: "I have lost friends.") or the
    outlet speaking to its reader ("Follow our live coverage"), not a
    reported fact."""
    return _PERSON.search(_QUOTED_STRETCH.sub(" ", text)) is not None


def reference_day(date: str | None, sources: Sequence[ParsedSource]) -> dt.date | None:
    """The brief's date, else its sources' latest header date."""
    dates = [date] if date else sorted(s.date for s in sources if s.date)[-1:]
    try:
        return dt.date.fromisoformat(dates[0]) if dates else None
    except ValueError:
        return None


class _Scorer:
    def __init__(self, sources, derived, ref_year, reference=None):
        self.by_id = {s.id: s for s in sources}
        self.derived = derived
        self.ref_year = ref_year
        self.sentences = sentence_index(sources)
        self.forms = _name_forms(sources)
        self.quoted = {(s.id, q.sentence) for s in sources for q in s.quotes if q.speaker}
        self.dates = {}
        for s in sources:
            for d in s.dates:
                self.dates.setdefault((s.id, d.sentence), []).append(d.value)
        self.para_rank = {}
        for s in sources:
            summary = summary_above_story(s)
            deck = {x.paragraph for x in s.sentences if x.index in summary}
            story = [p for p in s.paragraphs if p.number not in deck]
            self.para_rank.update({(s.id, p.number): rank for rank, p in enumerate(story, 1)})
        self.quoted_share = _quoted_share(sources)
        self.eligible = {s.id: eligible_sentences(s) for s in sources}
        self.leads = {(s.id, lead) for s in sources if (lead := _lead_sentence(s, self.eligible[s.id])) is not None}
        self.reference = reference

    def is_recent(self, value: str) -> bool:
        """A date value falling within ``RECENT_DAYS`` of the brief's date."""
        if self.reference is None or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
            return False
        day = dt.date.fromisoformat(value if len(value) == 10 else value + "-15")
        return abs((self.reference - day).days) <= RECENT_DAYS

    def score(self, fact: Fact, member, sentence: Sentence) -> tuple[float, bool]:
        text = sentence.text
        ids = [m[0] for m in fact]
        score = 2.0 * (len(ids) - 1) + 1.0 * (len(independent_sources(ids, self.derived)) - 1)
        outcome = has_cue(text, load_words("outcome_cues.txt"))
        acts = True  # the sentence says someone decided or did something
        if has_cue(text, load_words("decision_cues.txt")):
            score += 2.5
        elif outcome:
            score += 2.0
        elif has_cue(text, load_words("action_cues.txt")):
            score += 1.5
        else:
            acts = False
        quoted = any(m in self.quoted for m in fact)
        reported = has_cue(text, load_words("reporting_cues.txt"))
        if reported and _AGED.search(text):
            score -= VOX_POP  # "Doris Hale, 72, said …": a voice from the crowd
        elif (reported or quoted) and has_cue(text, load_words("expert_cues.txt")):
            score -= OUTSIDE_VIEW  # "…, an economist at X, said": reaction to the news
        share = self.quoted_share.get(member, 0.0)
        if share >= QUOTED_SHARE:
            score -= 3.0
        elif share >= PARTLY_QUOTED:
            score -= PARTLY_QUOTED_COST  # a fact told in someone's words: a fact sentence says it plainer
        if share < PARTLY_QUOTED and _speaks_in_person(text):
            score -= PERSONAL_VOICE
        if text.rstrip(" \"'”’)").endswith("?"):
            score -= 3.0  # a question states no fact
        elif _REPORTED_QUESTION.search(text):
            score -= 3.0  # "She asked whether the bridge would reopen": nor does a reported one
        if text.rstrip().endswith(":"):
            score -= 3.0  # "X said:" - the point is in what follows
        dated = self.dates.get(member, [])
        counted = bool(numbers(text) - {v for v in dated if is_history(v, self.ref_year)})
        if counted:
            score += 1.5
        if any(self.is_recent(v) for v in dated) or _WHAT_NEXT.search(text):
            score += 1.0
        names = _names_in(text, self.forms)
        score += 0.75 * min(3, names)
        rank = self.lead_rank(fact)
        score += max(0.0, TOP_BONUS - 0.5 * (rank - 1))
        if any(m in self.leads for m in fact) and (acts or counted):
            score += LEAD_BONUS  # a lead with no act and no number sets a scene
        words = _WORD.findall(text)
        if len(words) < MIN_WORDS and not (outcome or counted or names):
            score -= 3.0
        if _needs_the_sentence_before(words):
            score -= 1.0
        if dated and all(is_history(v, self.ref_year) for v in dated):
            score -= 1.5
        commentary = is_commentary(text, quoted)
        return score, commentary

    def lead_rank(self, fact: Fact) -> int:
        """How near the top its earliest sentence is (1 = first story paragraph)."""
        return min(self.para_rank.get((m[0], self.sentences[m].paragraph), 99) for m in fact)


def _candidates(sources, facts, derived, ref_year, reference=None) -> list[_Candidate]:
    scorer = _Scorer(sources, derived, ref_year, reference)
    order = {s.id: i for i, s in enumerate(sorted(sources, key=lambda s: s.id))}
    out = []
    for fact in facts:
        member = preferred_member(fact, derived)
        sentence = scorer.sentences[member]
        if sentence.index not in scorer.eligible[member[0]]:
            continue
        score, commentary = scorer.score(fact, member, sentence)
        position = (scorer.lead_rank(fact), order[member[0]], member[1])
        out.append(_Candidate(fact, member, sentence, score, commentary, position))
    out.sort(key=lambda c: (-c.score, c.position))
    return out


def key_point_limit(n_facts: int, max_key_points: int) -> int:
    return min(max_key_points, n_facts, max(MIN_KEY_POINTS, math.ceil(n_facts / 3)))


def rank_key_points(
    sources: Sequence[ParsedSource],
    facts: Sequence[Fact],
    derived: Mapping[str, str | None],
    *,
    max_key_points: int = 8,
    reference_date: str | None = None,
) -> tuple[KeyPoint, ...]:
    """The best facts as key points ``k1``, ``k2``... best first."""
    ref_year = reference_year(reference_date, sources)
    index = sentence_index(sources)
    same = brief_similarity(sources)
    candidates = _candidates(sources, facts, derived, ref_year, reference_day(reference_date, sources))
    limit = key_point_limit(len(candidates), max_key_points)
    chosen: list[_Candidate] = []
    # Facts first, then commentary into what slots are left: an outlet's
    # view never pushes out a reported fact.
    for cand in [c for c in candidates if not c.commentary] + [c for c in candidates if c.commentary]:
        if len(chosen) >= limit:
            break
        # No duplicates: alignment keeps one sentence per source in a fact,
        # so a source repeating itself, or a match blocked by that rule, can
        # leave two facts saying the same thing.
        if any(same(cand.sentence.text, c.sentence.text) >= THRESHOLD for c in chosen):
            continue
        chosen.append(cand)
    return tuple(
        KeyPoint(
            id=f"k{n}",
            text=c.sentence.text,
            sources=tuple(sorted({m[0] for m in c.fact})),
            evidence=tuple(evidence_for(m[0], index[m]) for m in c.fact),
            commentary=c.commentary,
        )
        for n, c in enumerate(chosen, 1)
    )
