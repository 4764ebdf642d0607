"""Cues: the reporting verb near a quote and the subject that speaks it.

``speakers.py`` decides which way a quote is tied to its cue (a cue before
it, after it, a colon, none); this module finds, in a given run of tokens,
the reporting verb and its subject: a named entity, a name the text writes
(added to the table), a pronoun (resolved by ``coref.py`` and
``subjects.py``) or a description (``the ministry``, ``descriptions.py``). A subject in apposition is the name
before the comma (``Ada Obi, a farmer, said``).
"""

from __future__ import annotations

from .context import ARTICLES, FAR, FAR_CHARS, REACH, Context, is_verb, role_word
from .coref import after_compound_adjective, fits, gender_of, given_to_anyone, person_by_surname, pronoun_kind, resolve_pronoun
from .descriptions import description, epithet, organisation_before, they
from .model import ORGANISATION, PERSON, PLACE
from .people import speaker_name_near
from .subjects import paragraph_subject, unnamed_opening, withholds_name, written_subject
from .table import Entry
from .tokens import Token, before_brackets, is_person_noun, is_place_name, is_title, name_word, postnominal, tokenize
from .wordlists import word_list, word_set

RELATIVES = ("who", "which")
INDEFINITES = ("a", "an", "one", "another")  # a person no one has named


def cue_after(ctx: Context, after: list[Token], piece, comma: bool, whole: bool = False) -> tuple[str, Entry | None] | None:
    """``"…," X said``, ``"…," said X``, ``"…," Ada Obi, a farmer, said``: the
    verb comes within a subject phrase. After a comma at the closing mark the
    phrase may hold a few words no list knows (``the 54-year-old baker``).
    After a ``whole`` sentence closed by a comma, a verb of manner is a cue
    too (``"…," he laughed``)."""
    how = _how_put(ctx, after, piece)
    if how is not None:
        return how
    manner = word_set("manner_cues.txt") if whole and comma else frozenset()
    for k, token in enumerate(after[:16]):
        if _quoted_as_saying(after, k):
            # ``the Courier quoted Tom Hale as saying``: the one quoted speaks
            return token.text, _subject_after(ctx, after, k + 1, piece)
        if is_verb(token) or token.text in manner:
            if k == 0:  # inverted: said X
                return token.text, _subject_after(ctx, after, 1, piece)
            if not _subject_phrase(ctx.raw, after[:k], after[k], comma):
                return None
            return token.text, _subject_before(ctx, after, k, piece)
    return None


def _quoted_as_saying(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is an active ``quoted`` with its object, ``as`` and a verb within a few words after it."""
    if tokens[k].word.casefold() != "quoted" or k + 1 >= len(tokens):
        return False
    if tokens[k + 1].word.casefold() in ("by", "as") or k and tokens[k - 1].word.casefold() in AUXILIARIES:
        return False  # the passive (``was quoted by the Courier as saying``): its subject speaks
    words = [t.word.casefold() for t in tokens[k + 1 : k + 7]]
    return "as" in words[1:] and words.index("as") + 1 < len(words) and words[words.index("as") + 1].endswith("ing")


def _how_put(ctx: Context, after: list[Token], piece) -> tuple[str, Entry | None] | None:
    """``"…" — that was how Ada Obi put it``, ``"…" is how the minister
    described it``: the subject of the verb after ``how`` said the words."""
    words = [t.word.casefold() for t in after[:12]]
    if "how" not in words[:3] or words[0] not in ("that", "this", "was", "is", "how"):
        return None
    start = words.index("how") + 1
    for k in range(start + 1, min(len(after) - 1, start + 6)):
        if words[k + 1] == "it" and (words[k] == "put" or is_verb(after[k])):
            return after[k].text, _subject_before(ctx, after, k, piece)
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
            if _unnamed_subject(ctx, before, k):
                return None  # ``Obi said a foreman told them they were "…"``: the foreman's words
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


def _unnamed_subject(ctx: Context, tokens: list[Token], k: int) -> bool:
    """Whether the subject of the verb at ``tokens[k]`` is someone the text
    does not name: ``a foreman had told``, or ``a ranger in the Calder
    Hills, who described`` (a relative clause of an indefinite phrase)."""
    for m in range(k - 1, max(-1, k - 5), -1):
        entry = ctx.table.positions.get(tokens[m].start)
        if "," in ctx.raw[tokens[m].end : tokens[k].start] or entry is not None and entry.kind == PERSON:
            break  # past the subject phrase, or a person named in it
        if unnamed_opening(ctx.raw, ctx.table, tokens[m:k]) == (None,):
            return True  # ``a foreman``, ``one Marrow driver``, ``his wife``
    j = k - 1
    if j < 1 or tokens[j].word.casefold() != "who" or "," not in ctx.raw[tokens[j - 1].end : tokens[j].start]:
        return False
    # the phrase ``who`` goes back to: the nearest ``a``/``an`` before its
    # comma, with no person named in between
    for m in range(j - 1, max(-1, j - 10), -1):
        entry = ctx.table.positions.get(tokens[m].start)
        if entry is not None and entry.kind == PERSON:
            return False
        if m < j - 1 and "," in ctx.raw[tokens[m].end : tokens[m + 1].start]:
            return False
        if tokens[m].word.casefold() in ARTICLES[:2]:
            return True
    return False


def _subject_before(ctx: Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """The speaker named right before the verb at ``tokens[k]``; for a
    subject in apposition (``Ada Obi, a farmer in Kisumu, which …, said``)
    the first name before a comma that is someone; after ``and`` (``She
    thanked them and said``) the subject that opens the sentence."""
    j = k - 1
    while j >= 0 and (tokens[j].word.casefold() in word_set("cue_adverbs.txt") or postnominal(tokens[j])) and k - j <= 3:
        j -= 1
    j = _before_quoted_as(tokens, j)
    if j + 1 < len(tokens) and "," not in ctx.raw[tokens[j].end : tokens[j + 1].start]:
        # (after a comma, the aside belongs to an appositive: below)
        j = _before_time(tokens, j)
        j = before_brackets(ctx.raw, tokens, j) if j >= 0 else j
    if j < 0:
        return None
    if tokens[k].word.endswith("ing") and tokens[j].word.casefold() in word_set("prepositions.txt") and _adjacent(ctx.raw, tokens[j], tokens[k]):
        # ``the judge told Obi before announcing``: Obi does not announce
        # (``… in 1986, telling``: the preposition governs the year, the
        # participle after the comma is the sentence's, below)
        return None
    if "," in ctx.raw[tokens[j].end : tokens[j + 1].start]:
        passed = None
        for m in _appositive_heads(ctx.raw, tokens, j):
            # ``Sen. Ada Obi (R-Kan.), the ranking member,``: the name before the brackets
            at = before_brackets(ctx.raw, tokens, m)
            head = _named_at(ctx, tokens, at, piece)
            if head is not None and head.kind == ORGANISATION and _object_of_preposition(ctx.raw, tokens, at):
                # ``the union's chairman in the state, Ada Obi,``: a body after
                # a preposition ends a role; the apposition names the speaker
                passed = passed or head
                continue
            if head is not None and head.kind != PLACE and not _person_after_preposition(ctx, tokens, head, at):
                # (``The attorney in Brooklyn, Ada Obi,``: a name after a
                # preposition ends a description, the apposition names the speaker)
                return head
        if passed is not None:
            last = _named_at(ctx, tokens, j, piece)
            if last is not None and last.kind == PERSON:
                return last
            # ``A senior official of the ministry, who asked not to be named,
            # said``: someone of the body whose name is withheld, not the body
            withheld = any(withholds_name(ctx.raw, tokens, m + 1) for m in _appositive_heads(ctx.raw, tokens, j) if tokens[m + 1].word.casefold() == "who")
            return None if withheld else passed
        if j + 1 == k and tokens[k].word.endswith("ing"):
            return _participle_subject(ctx, tokens, k, piece)
    if tokens[j].word.casefold() in word_set("clause_joiners.txt"):
        return sentence_subject(ctx, tokens[:j], piece)
    if tokens[j].word.casefold() in RELATIVES and j > 0 and "," in ctx.raw[tokens[j - 1].end : tokens[j].start]:
        # ``run by Norvale Mining, which said``: the relative pronoun speaks
        # for the name right before its comma
        # (one the table knows: ``a crew member in Dalby Forest, who said``
        # is the unnamed member's clause)
        # ``who`` stands for a person, ``which`` for a body
        head = ctx.table.mentioned_at(tokens[j - 1].start, tokens[j - 1].word_end)
        kind = PERSON if tokens[j].word.casefold() == "who" else ORGANISATION
        if head is None and kind == ORGANISATION:
            return _body_before_which(ctx, tokens, j - 1)
        return head if head is not None and head.kind == kind else None
    return _named_at(ctx, tokens, j, piece)


def _adjacent(raw: str, first: Token, second: Token) -> bool:
    """Whether only spaces stand between two words (a number the tokens skip does not)."""
    return not raw[first.end : second.start].strip()


def _body_before_which(ctx: Context, tokens: list[Token], j: int) -> Entry | None:
    """``run by Tarsk Valley Coal Industry, which said``: a name of two or
    more words the table does not hold before ``, which`` is a body (a
    person takes ``who``), unless it names a place."""
    m = j
    while m > 0 and j - m < 5 and tokens[m - 1].capitalised and ctx.raw[tokens[m - 1].end : tokens[m].start] == " ":
        m -= 1
    run = tokens[m : j + 1]
    if len(run) < 2 or m == 0 or is_place_name(run) or any(is_title(t.word.casefold()) or t.possessive for t in run):
        return None  # (at a sentence's start the first word may be no name's)
    name = " ".join(t.word for t in run)
    if ctx.table.find(name, PLACE) is not None:
        return None
    return ctx.table.find(name, ORGANISATION) or ctx.table.add(ORGANISATION, name, run[0].start, run[-1].word_end)


def _named_at(ctx: Context, tokens: list[Token], j: int, piece) -> Entry | None:
    """The speaker a subject phrase ending at ``tokens[j]`` names: a person
    before ``of`` and a body or place (``Ada Obi of Selat Capital``) rather
    than the body or place."""
    if j < 0:
        return None
    person = _known_person_of(ctx, tokens, j)
    if person is not None:
        return person
    found = _speaker_at(ctx, tokens, j, piece, backwards=True)
    if found is not None and found.kind in (ORGANISATION, PLACE):
        return _member_of(ctx, tokens, j, found) or found
    known = ctx.table.positions.get(tokens[j].start)
    if found is None and known is not None and known.kind != ORGANISATION:
        # ``Ada Obi of Kestrel Asset Management``: the table may take a body
        # for a person; after ``of`` it is no speaker, the name before it is
        found = _member_of(ctx, tokens, j, known)
    if found is None:
        body = _body_named_back(ctx, tokens, j)
        found = body and (_member_of(ctx, tokens, j, body) or body)
    return found


_NAME_JOINERS = ("of", "for", "the", "and", "on")


def _body_named_back(ctx: Context, tokens: list[Token], j: int) -> Entry | None:
    """``the Ministry of the Interior said``, ``the Coalition for Fair Votes
    (CFV) said``: a body's name of capitalised words joined by of/for/the
    that ends at ``tokens[j]``, headed by a known organisation or an
    organisation's head-word."""
    if not tokens[j].capitalised:
        return None
    m = j
    while m > 0 and j - m < 6 and not any(c in ctx.raw[tokens[m - 1].end : tokens[m].start] for c in ",.;:"):
        m -= 1
        token = tokens[m]
        if not (token.capitalised or token.word in _NAME_JOINERS):
            return None
        known = ctx.table.positions.get(token.start)
        if known is not None and known.kind == ORGANISATION:
            return known
        if token.capitalised and token.word.casefold() in word_set("org_heads.txt", folded=True):
            name = " ".join(t.word for t in tokens[m : j + 1])
            return ctx.table.find(name, ORGANISATION) or ctx.table.add(ORGANISATION, name, token.start, tokens[j].word_end)
    return None


_OF_REACH = 4  # capitalised words after "of" that may name a place or body


def _known_person_of(ctx: Context, tokens: list[Token], j: int) -> Entry | None:
    """``Gov. Amos Pell of Vermont said``: a known person right before
    ``of`` and a capitalised name ending at ``tokens[j]`` speaks, whatever
    that name is (a state, a town, a body the table does not hold)."""
    m = j
    while m >= 0 and j - m < _OF_REACH and tokens[m].word[:1].isupper():
        m -= 1
    if m == j or m < 1 or tokens[m].word != "of":
        return None
    known = ctx.table.mentioned_at(tokens[m - 1].start, tokens[m - 1].word_end)
    return known if known is not None and known.kind == PERSON else None


def _member_of(ctx: Context, tokens: list[Token], j: int, body: Entry) -> Entry | None:
    """``Ada Obi of Selat Capital said``: a full name before ``of`` and the
    organisation that ends at ``tokens[j]`` is the one who speaks, for it."""
    m = j
    while m > 0 and ctx.table.positions.get(tokens[m - 1].start) is body:
        m -= 1
    if m > 0 and tokens[m - 1].word.casefold() == "the":
        m -= 1
    if m < 2 or tokens[m - 1].word != "of":
        return None
    known = ctx.table.mentioned_at(tokens[m - 2].start, tokens[m - 2].word_end)
    if known is not None:
        return known if known.kind == PERSON else None
    run = speaker_name_near(ctx.raw, tokens, m - 2, backwards=True)
    run = run[after_compound_adjective(run) :]
    while run and (role_word(run[0]) or run[0].word in word_set("honorifics.txt")):
        run = run[1:]  # ``Gov. Ada Obi``: the title is no part of the name
    if len(run) < 2 or is_place_name(run) or any(is_title(t.word.casefold()) or role_word(t) for t in run):
        return None
    name = " ".join(t.word for t in run)
    return ctx.table.find(name, PERSON) or ctx.table.add(PERSON, name, run[0].start, run[-1].word_end)


def _person_after_preposition(ctx: Context, tokens: list[Token], head: Entry, at: int) -> bool:
    """Whether the person ``head`` is the name written at ``tokens[at]``, right after a preposition."""
    if head.kind != PERSON or ctx.table.mentioned_at(tokens[at].start, tokens[at].word_end) is not head:
        return False
    return _after_preposition(tokens, head, at)


def _object_of_preposition(raw: str, tokens: list[Token], at: int) -> bool:
    """Whether the name or description ending at ``tokens[at]`` follows a
    preposition in its phrase (``in the state``, ``of the Tarsk Water Board``)."""
    m = at
    while m > 0 and _in_name_before(tokens, m - 1) and raw[tokens[m - 1].end : tokens[m].start] == " ":
        m -= 1
    return m > 0 and tokens[m - 1].word.casefold() in word_set("prepositions.txt") and raw[tokens[m - 1].end : tokens[m].start] == " "


def _in_name_before(tokens: list[Token], m: int) -> bool:
    """A capitalised word, an article, or ``and`` between capitalised words
    (``the Union Housing and Urban Affairs Ministry``)."""
    if tokens[m].capitalised or tokens[m].word.casefold() in ARTICLES:
        return True
    return tokens[m].word == "and" and m > 0 and tokens[m - 1].capitalised and tokens[m + 1].capitalised


def _participle_subject(ctx: Context, tokens: list[Token], k: int, piece) -> Entry | None:
    """``The judge rejected it, describing the visit as "…"``: a reporting
    participle after a comma shares the subject its sentence opens with (a
    name, a pronoun or ``the`` and a description)."""
    opening = ctx.sentence_at(tokens[k].start).start
    clause = [t for t in tokens[:k] if t.start >= opening]
    if not clause or clause[0].start != opening:
        return None  # the sentence's start is out of reach
    found = sentence_subject(ctx, clause, piece)
    if found is None and len(clause) > 1 and clause[0].word == "The" and not clause[1].capitalised:
        # ``The council's officers``: someone of the body, unnamed
        found = None if clause[1].possessive else _speaker_at(ctx, clause, 1, piece, backwards=True)
    return found


def _before_quoted_as(tokens: list[Token], j: int) -> int:
    """``Ada Obi was quoted as saying``: the index before the passive
    (``was quoted as``) that ends at ``tokens[j]``, whose subject speaks."""
    if j < 2 or tokens[j].word.casefold() != "as":
        return j
    m = j - 1
    while m > 0 and j - m <= 4 and tokens[m].word.casefold() != "quoted":
        m -= 1  # ``quoted by Reuters as saying``: the outlet is no speaker
    if tokens[m].word.casefold() != "quoted" or (m < j - 1 and tokens[m + 1].word.casefold() != "by"):
        return j
    j = m - 1
    while j >= 0 and tokens[j].word.casefold() in AUXILIARIES:
        j -= 1
    return j


AUXILIARIES = ("is", "was", "were", "are", "been", "being", "has", "have", "had", "will", "would")


def _before_time(tokens: list[Token], j: int) -> int:
    """``The Parents' Network on Sunday urged``: the index before a day
    (``on Sunday``) that ends the subject phrase at ``tokens[j]``."""
    if j >= 1 and tokens[j].word in word_set("weekdays.txt") and tokens[j - 1].word.casefold() == "on":
        return j - 2
    return j


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
    apposed = _apposed_to_role(ctx, tokens, k, end, piece)
    if apposed is not None:
        return apposed
    first = k
    for m in range(k, end):  # a name the text already knows, after its role
        entry = ctx.table.mentioned_at(tokens[m].start, tokens[m].word_end)
        if entry is not None and entry.kind in (PERSON, ORGANISATION):
            after_entry = _role_after(ctx, tokens, m, end, entry)
            if after_entry is not None:
                first = after_entry  # ``said Linmouth coach Bram Oosterhuis``: the club qualifies his role
                break
            return _described(entry, tokens[k:m]) if fits(entry, _honorific_gender(raw, tokens[m])) else None
    for m in range(first, min(k + 6, end)):
        token = tokens[m]
        if m == k and pronoun_kind(token.word) is not None:
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
        if name_word(token) or _acronym(token):
            if m > k and name_word(token) and tokens[m - 1].word.casefold() in word_set("prepositions.txt"):
                # "said a resident of Ilha do Combu": a name after the role's
                # preposition is where the speaker lives or works, so a
                # person is never made of it (a known person or body still is)
                entry = ctx.table.mentioned_at(token.start, token.word_end)
                return entry if entry is not None and entry.kind in (PERSON, ORGANISATION) else None
            return _described(_speaker_at(ctx, tokens, m, piece, backwards=False), tokens[k:m])
        folded = token.word.casefold()
        if folded in word_set("name_particles.txt") and m + 1 < end and name_word(tokens[m + 1]):
            continue  # ``said Ó Breasail``: the surname's particle, then the name word
        if m == end - 1 and m > k and tokens[k].word.casefold() == "the" and not any(t.capitalised for t in tokens[k + 1 : end]):
            # ``said the 29-year-old``, ``said the retired nurse``: a description
            return _speaker_at(ctx, tokens, m, piece, backwards=True)
        heads = is_title(folded) or folded in word_set("org_heads.txt", folded=True)
        if heads and not (m + 1 < end and (name_word(tokens[m + 1]) or role_word(tokens[m + 1]))):
            return _speaker_at(ctx, tokens, m, piece, backwards=False)
        if not (role_word(token) or token.word in word_set("honorifics.txt") or (not token.capitalised and m - k < 3)):
            return None
    return None


def _role_after(ctx: Context, tokens: list[Token], m: int, end: int, entry: Entry) -> int | None:
    """The index of the role word after the mention of ``entry`` at
    ``tokens[m]`` when a name word follows that role (``Linmouth coach Bram
    Oosterhuis``), else None."""
    n = m
    while n < end and ctx.table.mentioned_at(tokens[n].start, tokens[n].word_end) is entry:
        n += 1
    role = n
    if n >= end or not is_title(tokens[n].word.casefold()):
        return None
    while n < end and role_word(tokens[n]) and not name_word(tokens[n]):
        n += 1
    named = n < end and name_word(tokens[n]) and ctx.table.mentioned_at(tokens[n].start, tokens[n].word_end) is not entry
    return role if named else None


def _described(entry: Entry | None, role: list[Token]) -> Entry | None:
    """``said lead author Dr Ada Obi``: the last lower-case word of the role
    before the name describes that person, so a later ``the lead author
    stressed`` is hers."""
    words = [t for t in role if not t.capitalised and t.word.isalpha()]
    if entry is not None and entry.kind == PERSON and words:
        entry.descriptions.add(words[-1].word.casefold())
    return entry


def _apposed_to_role(ctx: Context, tokens: list[Token], k: int, end: int, piece) -> Entry | None:
    """``said the Athletic manager, Colm Ferris``: a role phrase closed by a
    comma, then a name, is that person in apposition to the role."""
    if not (k < end < len(tokens)) or ctx.raw[tokens[end - 1].end : tokens[end].start].strip() != ",":
        return None
    if not is_title(tokens[end - 1].word.casefold()):
        return None
    if not all(role_word(t) or t.capitalised for t in tokens[k:end]) or not name_word(tokens[end]):
        return None
    run = speaker_name_near(ctx.raw, tokens, end, backwards=False)
    if not run or ctx.raw[run[-1].end : run[-1].end + 1] not in (".", ",", ";", ""):
        return None  # the name must close the phrase: ``, Rovers being Rovers`` is no apposition
    person = _speaker_at(ctx, tokens, end, piece, backwards=False)
    return person if person is not None and person.kind == PERSON else None


def _phrase_end(raw: str, tokens: list[Token], k: int, limit: int) -> int:
    """Index after the last token from ``k`` before punctuation (at most ``limit``)."""
    m = k
    while m < len(tokens) and m - k < limit:
        if m > k and any(c in raw[tokens[m - 1].end : tokens[m].start] for c in ",.;:!?"):
            break
        m += 1
    return m


def _after_preposition(tokens: list[Token], entry: Entry, j: int) -> bool:
    """``reviewers in Germany have said``: a place after a preposition is
    where the speakers are, not who speaks."""
    while j > 0 and tokens[j - 1].start >= 0 and entry is not None and tokens[j - 1].word in entry.name.split():
        j -= 1  # back to the first word of a place of several words
    return j > 0 and tokens[j - 1].word.casefold() in word_set("prepositions.txt")


def _follows_preposition(tokens: list[Token], first: Token) -> bool:
    """Whether the word before ``first`` (a name's first word) is a preposition."""
    at = next((m for m, t in enumerate(tokens) if t is first), 0)
    return at > 0 and tokens[at - 1].word.casefold() in word_set("prepositions.txt")


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
        if not fits(entry, _honorific_gender(ctx.raw, token)):
            return None  # ``Mrs Obi`` is not Mr Obi
        # ``critics in Colombo have said``, ``a lawyer for Ada Obi said``: a
        # place or person after a preposition is no subject
        return None if entry.kind in (PLACE, PERSON) and _after_preposition(tokens, entry, j) else entry
    kind = pronoun_kind(token.word)
    if kind is not None:
        return _pronoun(ctx, piece, token, kind)
    folded = token.word.casefold()
    if folded in word_set("org_heads.txt", folded=True) or is_title(folded):
        return organisation_before(ctx, tokens, j) or description(ctx, tokens, j, piece)
    if not token.capitalised and backwards:
        return epithet(ctx, tokens, j, piece)
    run = speaker_name_near(ctx.raw, tokens, j, backwards)
    if backwards and run and _follows_preposition(tokens, run[0]):
        return None  # ``critics in Tarsk described``: where they are, not who
    name = " ".join(t.word for t in run)
    if len(run) >= 2 and not is_place_name(run) and ctx.table.find(name, PLACE) is None:
        return ctx.table.add(PERSON, name, run[0].start, run[-1].word_end)
    if len(run) == 1:
        return person_by_surname(ctx.raw, ctx.table, ctx.names, run[0], _honorific_gender(ctx.raw, run[0]))
    if _acronym(token):
        return ctx.table.add(ORGANISATION, token.word, token.start, token.word_end)
    return None


def _paragraph_about(ctx: Context, piece, token: Token) -> tuple[Entry | None] | None:
    """Who the pronoun's paragraph is about (``subjects.paragraph_subject``);
    for a paragraph that opens with the quote (``"…," he said``), who the
    paragraph before opens with (``One driver, …, said …`` then ``"…," he
    said``)."""
    para = ctx.para_start.get(piece.paragraph, 0)
    about = paragraph_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, para, token.start)
    if about is not None or piece.paragraph < 2 or ctx.raw[para : piece.mark].strip():
        return about
    before = ctx.para_start.get(piece.paragraph - 1)
    opening = ctx.sentence_at(before) if before is not None else None
    if opening is None:
        return None
    last = _last_sentence(ctx, before, para)
    if last is not None and last.start > opening.start and any(is_verb(t) for t in ctx.unquoted(tokenize(ctx.raw, last.start, last.end))):
        # ``… staged a strike. One driver, Modou, said …`` then ``"…," he
        # said``: a later sentence that reports someone's speech decides
        about = paragraph_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, last.start, last.end)
        if about is not None:
            return about
        # ``Democrats urged speed. Rep. Ada Obi said …`` then ``"…," she said``
        person = _opening_person(ctx, piece, ctx.unquoted(tokenize(ctx.raw, last.start, min(last.end, last.start + REACH))))
        if person is not None and fits(person, gender_of(token.word.casefold())):
            return (person,)
    about = paragraph_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, before, opening.end)
    if about is not None:
        return about
    previous = ctx.previous
    if (
        previous is not None
        and previous.speaker is not None
        and previous.speaker.kind == PERSON
        and previous.pieces[-1].paragraph == piece.paragraph - 1
        and previous.pieces[0].mark >= opening.end
        and fits(previous.speaker, gender_of(token.word.casefold()))
    ):
        # ``Analysts said …. Ada Obi, an analyst, said it had "…".`` then
        # ``"…," she said``: the paragraph before moved on to a later
        # sentence's speaker, who goes on speaking
        return (previous.speaker,)
    # ``But the lead author stressed …`` / ``Ada Obi, a nurse, has vaccinated
    # …`` then ``"…," she said``: the person the paragraph before opens with
    person = _opening_person(ctx, piece, ctx.unquoted(tokenize(ctx.raw, opening.start, min(opening.end, opening.start + REACH))))
    return (person,) if person is not None and fits(person, gender_of(token.word.casefold())) else None


def _last_sentence(ctx: Context, start: int, end: int):
    """The last sentence of the paragraph at ``start:end``."""
    offset = end - 1
    while offset > start and ctx.raw[offset].isspace():
        offset -= 1
    return ctx.sentence_at(offset) if offset > start else None


def _unnamed_last(ctx: Context, piece, token: Token) -> bool:
    """Whether the last person the pronoun's paragraph speaks of before it is
    someone unnamed (``Among the investors was a retired teacher who said she
    had lost her savings. "…," she said``): no named person is nearer."""
    para = ctx.para_start.get(piece.paragraph, token.start)
    words = ctx.unquoted(tokenize(ctx.raw, max(para, token.start - REACH), token.start))
    for m in range(len(words) - 2, -1, -1):
        entry = ctx.table.positions.get(words[m].start)
        if entry is not None and entry.kind == PERSON:
            return False
        if words[m].word.casefold() not in INDEFINITES + ("the",) or (m and "," in ctx.raw[words[m - 1].end : words[m].start]):
            continue  # ``Ada Obi, 24, a student,``: the apposition describes a name
        if words[m].word.casefold() == "the":
            # ``The woman had told her``: the one just met, unless a
            # description the text gave someone (``the minister``)
            if m + 1 < len(words) and words[m + 1].word.casefold() in word_set("unnamed_people.txt"):
                if not given_to_anyone(ctx.table, words[m + 1].word) and _speaks(ctx, words, m):
                    return True
            continue
        if unnamed_opening(ctx.raw, ctx.table, words[m : m + 5]) == (None,) and _speaks(ctx, words, m):
            return True
    return False


def _speaks(ctx: Context, words: list[Token], m: int) -> bool:
    """Whether the phrase at ``words[m]`` is the subject of speech: ``who`` or
    a reporting verb follows it in its clause (``a teacher from Dorrow who
    said``), not a mere object (``on a farm owned by a family friend``)."""
    for n in range(m + 1, min(len(words), m + 10)):
        if any(c in ctx.raw[words[n - 1].end : words[n].start] for c in ",.;:"):
            return False
        if pronoun_kind(words[n].word) is not None or words[n].word.casefold() in ("what", "when", "where", "that"):
            return False  # a clause of its own: ``a friend when his machine gave what he called``
        if words[n].word.casefold() == "who" or is_verb(words[n]):
            return True
    return False


def known_by_one_name(ctx: Context, start: int) -> Entry | None:
    """``Wong grew up in Tsuen Wan.``: a sentence that opens with one name
    word of the one known person whose full name was written with it before."""
    words = tokenize(ctx.raw, start, min(len(ctx.raw), start + 40))
    if len(words) < 2 or not words[0].capitalised or words[1].capitalised or words[0].start in ctx.quoted:
        return None
    names = {name for at, name in ctx.names.get(words[0].word, []) if at < start}
    if len(names) != 1:
        return None
    return ctx.table.find(names.pop(), PERSON)


def _opening_person(ctx: Context, piece, tokens: list[Token]) -> Entry | None:
    """The person a sentence opens with: the subject of its first reporting
    verb, else a person named at its very start (not a possessive)."""
    if not tokens or tokens[0].start in ctx.quoted:
        return None
    for k, token in enumerate(tokens[:12]):
        if pronoun_kind(token.word) is not None:
            break  # ``He said …``: settled when that sentence was read, not again from here
        if is_verb(token):
            found = _subject_before(ctx, tokens, k, piece) if k else None
            return found if found is not None and found.kind == PERSON else None
    entry = ctx.table.mentioned_at(tokens[0].start, tokens[0].word_end)
    if entry is None:  # a full name written there, not yet known, or a known person's surname
        start = tokens[0].start
        entry = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, start + 1, start)
        entry = entry or known_by_one_name(ctx, start)
    if entry is None or entry.kind != PERSON:
        return None
    name = [m for m, t in enumerate(tokens[:4]) if ctx.table.mentioned_at(t.start, t.word_end) is entry]
    if any(tokens[m].possessive for m in name):
        return None  # ``Obi's lawyer said`` is not Obi
    after_name = tokens[name[-1] + 1] if name and name[-1] + 1 < len(tokens) else None
    if after_name is not None and not after_name.capitalised and is_person_noun(after_name.word):
        # ``Eastfield boss Maren Holt felt …``: the name qualifies a role (whose
        # boss), the person is the one named after it, or nobody
        after = (ctx.table.mentioned_at(t.start, t.word_end) for t in tokens[name[-1] + 2 : name[-1] + 5])
        return next((e for e in after if e is not None and e is not entry and e.kind == PERSON), None)
    return entry


def _honorific_gender(raw: str, token: Token) -> str | None:
    """``male``/``female`` for the honorific right before a name word (``Mrs Obi``)."""
    words = raw[max(0, token.start - 6) : token.start].split()
    return gender_of(words[-1]) if words and words[-1] in word_set("honorifics.txt") else None


def _pronoun(ctx: Context, piece, token: Token, kind: str) -> Entry | None:
    """The entity a subject pronoun stands for: looked for near it first,
    then further back (quoted paragraphs leave the near window empty), then
    the last speaker of that kind."""
    if token.word.casefold() == "they":
        return they(ctx, piece, token)
    if kind == ORGANISATION:
        body = _unknown_body_before(ctx, token)
        if body:
            # (``The Deputy Minister has said``: a title, no body: nobody)
            if any(role_word(t) for t in body):
                return None
            name = " ".join(t.word for t in body)
            return ctx.table.find(name, ORGANISATION) or ctx.table.add(ORGANISATION, name, body[0].start, body[-1].word_end)
    gender = gender_of(token.word.casefold())
    scope = ctx.scope(piece)
    found = resolve_pronoun(scope, token.start, kind, gender)
    if kind == PERSON:
        # ``One man, a retired welder, said …. "…," he said``: the person the
        # paragraph is about has no name, so the pronoun has none either
        about = _paragraph_about(ctx, piece, token)
        if about is not None:
            return None if about[0] is not None and _one_of_two(ctx, about[0], token.start, gender) else about[0]
        if _unnamed_last(ctx, piece, token):
            return None
    if found is not None and kind == PERSON:
        # ``The SNP's Ewan Dalgleish, whose …, rose. "…," he said``: a full
        # name opening a sentence of the pronoun's own paragraph is nearer
        # than a known person of the paragraphs before
        para = ctx.para_start.get(piece.paragraph, token.start)
        here = [m for m in found.mentions if para <= m.start < token.start]
        if not here:
            local = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, para)
            if local is not None and fits(local, gender):
                found = local
        elif all(_possessive_at(ctx, m.start) for m in here):
            # ``Wilk's opposite number, Ada Obi, was less impressed. "…," she
            # said``: named here only as a possessor, the pronoun's person is
            # the full name written after
            local = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, para, False)
            if local is not None and local is not found and fits(local, gender) and _apposed(ctx, local, para):
                found = local
    if found is None and kind == PERSON:
        found = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, scope.not_before)
    if found is None and kind == PERSON:  # any name in its own paragraph
        para = ctx.para_start.get(piece.paragraph, token.start)
        found = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, para, False)
    if found is None:
        scope.not_before = max(
            ctx.para_start.get(max(1, piece.paragraph - FAR), 0), token.start - FAR_CHARS
        )
        found = resolve_pronoun(scope, token.start, kind, gender)
    if found is None and kind == PERSON:
        found = written_subject(ctx.raw, ctx.table, ctx.quoted, ctx.sentence_at, ctx.written, token.start, scope.not_before)
    if found is None:
        found = next((s for s in reversed(ctx.speakers) if s.kind == kind and fits(s, gender)), None)
    if found is not None and found.kind == PERSON and _one_of_two(ctx, found, token.start, gender):
        return None  # ``Ken Doyle and Marcus Reyes were there. "…," he said``: either
    return found


def _apposed(ctx: Context, person: Entry, para: int) -> bool:
    """Whether ``person`` is first named after a comma in the paragraph at
    ``para`` (``Wilk's opposite number, Ada Obi,``), not as an object
    (``Hale's win over Ken Doyle``)."""
    start = min((m.start for m in person.mentions if m.start >= para), default=None)
    return start is not None and ctx.raw[max(0, start - 2) : start] == ", "


def _possessive_at(ctx: Context, start: int) -> bool:
    """Whether the name mentioned at ``start`` ends in a possessive (``Wilk's``)."""
    words = tokenize(ctx.raw, start, min(len(ctx.raw), start + 60))
    entry = ctx.table.positions.get(start)
    name = [t for t in words[:4] if ctx.table.positions.get(t.start) is entry]
    return bool(name) and name[-1].possessive


def _one_of_two(ctx: Context, person: Entry, before: int, gender: str | None) -> bool:
    """Whether the last mention of ``person`` before ``before`` is joined by
    ``and`` to another person the pronoun's gender fits."""
    starts = [m.start for m in person.mentions if m.start < before]
    if not starts:
        return False
    at = max(starts)
    sentence = ctx.sentence_at(at)
    words = tokenize(ctx.raw, sentence.start, sentence.end)
    m = next((n for n, t in enumerate(words) if t.start == at), None)
    if m is None:
        return False
    n = m + 1
    while n < len(words) and (ctx.table.positions.get(words[n].start) is person or words[n].word.isdigit()):
        n += 1  # past the rest of the name and an age
    after = words[n + 1] if n + 1 < len(words) and words[n].word == "and" else None
    n = m - 1
    while n >= 0 and words[n].word.isdigit():
        n -= 1
    before_and = words[n - 1] if n > 0 and words[n].word == "and" else None
    for token in (after, before_and):
        other = ctx.table.positions.get(token.start) if token is not None else None
        if other is not None and other is not person and other.kind == PERSON and fits(other, gender):
            return True
    if after is not None and after.start not in ctx.table.positions:
        # a full name the table does not hold (``and Marcus Reyes were``)
        run = speaker_name_near(ctx.raw, words, words.index(after), backwards=False)
        return len(run) >= 2 and not is_place_name(run)
    return False



def _unknown_body_before(ctx: Context, token: Token) -> list[Token]:
    """``The Westmark Safety Region has asked …. "…," it said``: the name of
    the body the sentence before the pronoun's opens with, capitalised words
    after ``the`` (people are not written so) that the table does not hold;
    ``it`` is that body, no other one further back."""
    own = ctx.sentence_at(token.start)
    before = ctx.sentence_at(own.start - 1) if own is not None and own.start > 0 else None
    if before is None or before is own:
        return []
    words = tokenize(ctx.raw, before.start, min(before.end, before.start + 120))
    if len(words) < 4 or words[0].word != "The":
        return []
    m = 1
    while m < len(words) and words[m].capitalised and ctx.table.positions.get(words[m].start) is None:
        m += 1
    if m < 3 or m >= len(words) or words[m].capitalised:
        return []  # a known name, or one word (``The Guardian``): not this
    return words[1:m] if is_verb(words[m]) or words[m].word in AUXILIARIES else []

