"""Date mentions, resolved against a reference date as far as honest.

Exact forms (``February 22, 2023``, ``22 February 2023``, ``December 2022``,
``1895``, ``the 1970s``) need no reference date. Relative forms (``in
December``, ``on Wednesday``, ``last week``, ``last year``, ``March 3``) are
resolved against the reference date — the most recent such date on or before
it, since news reports what has happened — and marked approximate; without a
reference date they are skipped rather than guessed. Numbers that only look
like years (``$320 billion``, ``2%``, ``1500 troops``) are not dates: a bare
four-digit number is a year only after a word such as "in" or "since".

Two readings beyond a plain date, kept in ``DateMention.qualifier``:

* ``"since"`` - a date after a start cue (``data/start_cues.txt``): ``since
  2019`` has the value ``2019`` and starts a period, it is not an event of
  2019 alone.
* a season - ``around spring``, ``last summer`` (cues in
  ``data/season_cues.txt``, names in ``data/seasons.txt``) resolve to the
  *year* of that season (the reference year, or one before or after as
  the cue says), approximate, with the season as qualifier and the words
  as written kept in ``text``. A year is the honest value: seasons differ
  by hemisphere and have no month of their own. ``spring 2022`` and
  ``spring of 2022`` give ``2022``, exact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .model import DateMention, Sentence
from .wordlists import alias_groups, key_values, word_list, word_set


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: str
    approximate: bool
    qualifier: str | None = None


# ---------------------------------------------------------------------------
# patterns, built from the word lists
# ---------------------------------------------------------------------------


def _alternation(words) -> str:
    """The words as alternatives, longest first, behind a lookahead on their
    first letters. Without it the engine tries every alternative at every
    word boundary (IGNORECASE defeats its own skip); with it most
    boundaries fail one test, and the matches are the same: ``find_dates``
    1.70 → 1.22 ms an article of the corpus ("named" alone 0.51 → 0.26)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    initials = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{initials}])(?:{alternatives})"


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    numbers = {}
    for number, group in enumerate(alias_groups("months.txt"), 1):
        for form in group:
            numbers[form] = number
            numbers[form.rstrip(".")] = number  # "Feb 22" as wires write it
    return numbers


@lru_cache(maxsize=1)
def full_months() -> tuple[str, ...]:
    """The months' full names, January to December."""
    return tuple(group[0] for group in alias_groups("months.txt"))


@lru_cache(maxsize=1)
def _weekday_numbers() -> dict[str, int]:
    return {name: number for number, name in enumerate(word_list("weekdays.txt"))}


_DIGIT = re.compile(r"\d")  # the same ``\d`` as the patterns': any Unicode digit
_YEAR_DIGITS = re.compile(r"[12]\d\d\d")  # what every year of the patterns starts with


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    month = _alternation(_month_numbers())
    full_month = _alternation(full_months())
    weekday = _alternation(_weekday_numbers())
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>[12]\d{3})"
    month_cues = _alternation(word_list("month_cues.txt"))
    weekday_cues = _alternation(dict(key_values("weekday_cues.txt")))
    relative = _alternation(dict(key_values("relative_dates.txt")))
    season = _alternation(word_list("seasons.txt"))
    season_cues = _alternation(dict(key_values("season_cues.txt")))
    return {
        "mdy": re.compile(rf"\b(?:(?:{weekday}),? )?(?P<m>{month}) {day},? {year}\b"),
        "dmy": re.compile(rf"\b(?:(?:{weekday}),? )?{day} (?:of )?(?P<m>{month}),? {year}\b"),
        "my": re.compile(rf"\b(?P<m>{full_month}),? {year}\b"),
        "md": re.compile(rf"\b(?P<m>{month}) {day}\b(?!,? ?\d)"),
        "dm": re.compile(rf"\b{day} (?:of )?(?P<m>{full_month})\b(?!,? ?\d)"),
        "relative": re.compile(rf"\b(?P<r>{relative})\b", re.IGNORECASE),
        "month": re.compile(rf"\b(?P<cue>{month_cues})[ -](?P<m>{full_month})\b(?!,? ?\d)", re.IGNORECASE),
        "weekday": re.compile(rf"\b(?:(?P<cue>{weekday_cues}) )?(?P<w>{weekday})\b", re.IGNORECASE),
        "season_year": re.compile(rf"\b(?P<s>{season}),? (?:of )?{year}\b", re.IGNORECASE),
        "season": re.compile(rf"\b(?P<cue>{season_cues}) (?:the )?(?P<s>{season})\b(?!,? (?:of )?\d)", re.IGNORECASE),
        # a word "relative", "month", "weekday" or "season" needs, in any
        # case: most sentences have none, and then those four are not tried
        "named": re.compile(rf"\b(?:{relative}|{full_month}|{weekday}|{season})", re.IGNORECASE),
        "decade": re.compile(r"(?<![\d$£€¥.,])\b(?P<y>1[0-9]\d0|20\d0)s\b"),
        "year": re.compile(r"(?<![\d$£€¥.,])\b(?P<y>1\d{3}|20\d{2})\b(?![%\d]|[.,]\d|s\b)"),
    }


# ---------------------------------------------------------------------------
# finding dates
# ---------------------------------------------------------------------------


def find_dates(raw: str, sentences: tuple[Sentence, ...], reference_date: str | None) -> tuple[DateMention, ...]:
    """Every date mention of the sentences, in text order."""
    reference = dt.date.fromisoformat(reference_date) if reference_date else None
    mentions: list[DateMention] = []
    for sentence in sentences:
        taken: list[_Found] = []
        used: set[int] = set()  # offsets already part of a date found earlier
        for found in _in_sentence(raw, sentence, reference):
            if not any(offset in used for offset in range(found.start, found.end)):
                taken.append(found)
                used.update(range(found.start, found.end))
        for found in sorted(taken, key=lambda f: f.start):
            mentions.append(
                DateMention(
                    text=raw[found.start : found.end],
                    start=found.start,
                    end=found.end,
                    sentence=sentence.index,
                    value=found.value,
                    approximate=found.approximate,
                    qualifier=found.qualifier or _start_qualifier(raw, sentence.start, found.start, raw[found.start : found.end]),
                )
            )
    return tuple(mentions)


def _in_sentence(raw: str, sentence: Sentence, reference: dt.date | None):
    """Candidates in priority order: exact and specific forms first."""
    span = (sentence.start, sentence.end)
    # Every pattern with a day or a year matches a digit: most sentences have
    # none, and then those patterns are not tried (a dozen scans a sentence).
    # Those of ``_exact`` and ``_years`` match a year, four digits: a third
    # of the sentences with a digit have none.
    digits = _DIGIT.search(raw, *span) is not None
    year = digits and _YEAR_DIGITS.search(raw, *span) is not None
    if year:
        yield from _exact(raw, span)
    if reference is not None:
        yield from _relative(raw, span, reference, digits)
    if year:
        yield from _years(raw, sentence.start, span)


def _exact(raw: str, span: tuple[int, int]):
    """Dates with their year: a day, month and year; a month and year; a season and year."""
    patterns = _patterns()
    for name in ("mdy", "dmy"):
        for m in patterns[name].finditer(raw, *span):
            value = _iso(int(m["y"]), _month_numbers()[m["m"]], int(m["d"]))
            if value:
                yield _Found(m.start(), m.end(), value, False)
    for m in patterns["my"].finditer(raw, *span):
        yield _Found(m.start(), m.end(), f"{int(m['y']):04d}-{_month_numbers()[m['m']]:02d}", False)
    for m in patterns["season_year"].finditer(raw, *span):
        yield _Found(m.start(), m.end(), m["y"], False, m["s"].casefold())


def _years(raw: str, sentence_start: int, span: tuple[int, int]):
    """Decades ("the 1970s") and years standing alone."""
    patterns = _patterns()
    for m in patterns["decade"].finditer(raw, *span):
        yield _Found(m.start("y"), m.end(), f"{m['y']}s", False)
    for m in patterns["year"].finditer(raw, *span):
        if _looks_like_year(raw, sentence_start, m.start()):
            yield _Found(m.start(), m.end(), m["y"], False)


def _relative(raw: str, span: tuple[int, int], reference: dt.date, digits: bool = True):
    """Dates relative to ``reference``; ``digits``: whether the span has a digit
    (without one, a day of the month is not looked for)."""
    patterns = _patterns()
    for name in ("md", "dm") if digits else ():
        for m in patterns[name].finditer(raw, *span):
            value = _day_on_or_before(reference, _month_numbers()[m["m"]], int(m["d"]))
            if value:
                yield _Found(m.start(), m.end(), value, True)
    if patterns["named"].search(raw, *span) is None:
        return
    units = _folded_key_values("relative_dates.txt")
    for m in patterns["relative"].finditer(raw, *span):
        value = _shift(reference, units[m["r"].casefold()])
        if value:
            yield _Found(m.start(), m.end(), value, True)
    for m in patterns["month"].finditer(raw, *span):
        month = _month_number_folded(m["m"])
        if month and m["m"][0].isupper():
            year = reference.year if month <= reference.month else reference.year - 1
            yield _Found(m.start(), m.end(), f"{year:04d}-{month:02d}", True)
    offsets = _folded_key_values("season_cues.txt")
    for m in patterns["season"].finditer(raw, *span):
        year = reference.year + int(offsets[m["cue"].casefold()])
        yield _Found(m.start(), m.end(), f"{year:04d}", True, m["s"].casefold())
    cues = _folded_key_values("weekday_cues.txt")
    for m in patterns["weekday"].finditer(raw, *span):
        if not m["w"][0].isupper():
            continue
        rule = cues.get((m["cue"] or "on").casefold(), "on_or_before")
        day = _weekday_before(reference, _weekday_numbers()[m["w"].title()], strictly=rule == "before")
        yield _Found(m.start(), m.end(), day.isoformat(), True)


@lru_cache(maxsize=None)
def _folded_key_values(name: str) -> dict[str, str]:
    """A ``key = value`` list, keys case-folded: asked for per sentence."""
    return {k.casefold(): v for k, v in key_values(name)}


def _start_qualifier(raw: str, sentence_start: int, at: int, text: str = "") -> str | None:
    """``"since"`` when a start cue opens the date ("Since March") or comes
    right before it ("since 2019", "since the 1970s")."""
    cues = word_set("start_cues.txt", folded=True)
    own = text.split()[:1]
    before = [w.strip(",;:(").casefold() for w in raw[max(sentence_start, at - 24) : at].split()]
    if before and before[-1] == "the":  # "since the 1970s"
        before.pop()
    if (own and own[0].casefold() in cues) or (before and before[-1] in cues):
        return "since"
    return None


def _month_number_folded(word: str) -> int | None:
    for name, number in _month_numbers().items():
        if name.casefold() == word.casefold():
            return number
    return None


def _looks_like_year(raw: str, sentence_start: int, at: int) -> bool:
    """A bare four-digit number is a year after a cue word ("in 2012",
    "from 1783 and 1785"), not before a noun ("1500 troops")."""
    window = max(sentence_start, at - 40)  # two words back are enough
    before = raw[window:at].rstrip()
    if before.endswith("("):
        return True
    words = before.rsplit(None, 2)[-2:] if before else []
    word = words[-1].strip(",;:(-").casefold() if words else ""
    if word in word_list("year_joiners.txt"):
        return len(words) == 2 and _YEAR.fullmatch(words[0].strip(",;:(")) is not None and \
            _looks_like_year(raw, sentence_start, window + before.rfind(words[0]))
    return word in word_set("year_cues.txt", folded=True)


_YEAR = re.compile(r"1\d{3}|20\d{2}")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_on_or_before(reference: dt.date, month: int, day: int) -> str | None:
    year = reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1
    return _iso(year, month, day)


def _weekday_before(reference: dt.date, weekday: int, strictly: bool) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return reference - dt.timedelta(days=back)


def _shift(reference: dt.date, rule: str) -> str | None:
    """``"week -1"`` → the span of last week, as precise as it can be told."""
    unit, _, offset = rule.partition(" ")
    n = int(offset)
    if unit == "day":
        return (reference + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=n)
        sunday = monday + dt.timedelta(days=6)
        return _common_part(monday, sunday)
    if unit == "month":
        index = reference.year * 12 + reference.month - 1 + n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "year":
        return f"{reference.year + n:04d}"
    return None


def _common_part(first: dt.date, last: dt.date) -> str | None:
    """The month both dates fall in, else their year, else nothing."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None
