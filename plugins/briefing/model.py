"""The typed data that flows through the pipeline.

Stages hand each other these frozen dataclasses and nothing else, so every
stage is a pure function that can be cached and tested alone:

    raw text --parse--> ParsedSource --assemble--> Brief --link--> SiteIndex

Offsets (``start``/``end``) are always character offsets into the source
file's text as read (the whole file, header lines included, UTF-8 decoded, no
newline translation), so ``raw[start:end]`` is the thing they point at.
Paragraph numbers are 1-based and are the ``#pN`` anchors of the source page.

Nothing here imports Pelican.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from operator import attrgetter

SCHEMA = "briefing/1"

# Entity kinds, as written in brief.json.
PERSON = "person"
PLACE = "place"
ORGANISATION = "organisation"
ENTITY_KINDS = (PERSON, PLACE, ORGANISATION)


class SourceError(Exception):
    """A source (or brief folder) that cannot be used as it is.

    ``str()`` gives one line an editor can act on:
    ``path:line: what is wrong; what to do``.
    """

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------
# parse stage: one source file
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SourceHeader:
    """The optional ``Key: value`` lines on top of a source file.

    ``None`` means the header does not say. ``end`` is the offset where the
    article text starts (0 when there is no header).
    """

    outlet: str | None = None
    url: str | None = None
    date: str | None = None  # YYYY-MM-DD
    author: str | None = None
    title: str | None = None
    lang: str | None = None
    end: int = 0


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the story itself (not a title, caption or separator)."""

    number: int  # 1-based, the #pN anchor
    start: int
    end: int
    text: str  # raw[start:end]


@dataclass(frozen=True, slots=True)
class Block:
    """Anything in the article text that is not a story paragraph.

    ``kind`` is ``"title"`` (a headline or its repeats), ``"separator"`` (a
    lone ``-`` and the like), ``"caption"`` (a photo caption; ``credit`` is
    its trailing credit such as ``AP``) or ``"credit"`` (a reporting
    line such as ``(Reporting by …; Editing by …)``; ``credit`` is its text).
    """

    kind: str
    start: int
    end: int
    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int  # 0-based position in the source
    paragraph: int  # number of the Paragraph it is in
    start: int
    end: int
    text: str  # raw[start:end]


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A person, place or organisation as one source names it.

    ``name`` is the fullest form the source uses (``Ilse Marten``); ``aliases``
    are the other forms it uses (``Marten``). ``names_by_user`` records disputed
    names as pairs ``(name, who uses it)``, e.g. ``("Falklands", "Britain")``.
    """

    kind: str  # one of ENTITY_KINDS
    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    names_by_user: tuple[tuple[str, str], ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """Words a source puts inside quote marks and attributes to someone."""

    text: str  # the words inside the marks
    start: int  # span of those words (marks excluded)
    end: int
    paragraph: int
    sentence: int  # index of the sentence the quote starts in
    partial: bool  # a fragment inside reported speech, not a full utterance
    speaker: str | None  # name of a NamedEntity of this source, or None
    cue: str | None = None  # the reporting verb or phrase ("said", "told")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date the text mentions, resolved as far as it can honestly be."""

    text: str  # as written: "in December", "1895", "last week"
    start: int
    end: int
    sentence: int
    value: str  # "1895", "1970s", "2022-12", "2023-02-22"
    approximate: bool = False  # resolved from a relative expression
    # None for a plain date; "since" when it starts a period ("since 2019");
    # a season ("spring") when the value is the year of that season.
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedSource:
    id: str  # slug of the file name, unique within a brief
    path: str  # as given, for messages
    raw: str  # the file's text as read
    header: SourceHeader
    title: str | None  # header Title, else the first line of the text
    outlet: str | None  # header Outlet, else the dateline's credit
    dateline: str | None  # "NAIROBI"
    credits: tuple[str, ...]  # photo and reporting credits, in order
    blocks: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[QuoteMention, ...]
    entities: tuple[NamedEntity, ...]
    dates: tuple[DateMention, ...]

    @property
    def date(self) -> str | None:
        return self.header.date

    @property
    def url(self) -> str | None:
        return self.header.url


# --------------------------------------------------------------------------
# optional editorial registry (content/data/entities.yml)
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegistryEntry:
    kind: str  # PERSON or PLACE (or ORGANISATION)
    name: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    names_by_user: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Registry:
    entries: tuple[RegistryEntry, ...] = ()


# --------------------------------------------------------------------------
# assemble stage: one brief
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BriefMeta:
    """What brief.md (or the command line) says about a brief."""

    slug: str
    title: str
    date: str | None  # YYYY-MM-DD
    summary: str | None = None  # editor-written: marked editorial
    background_topic: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"briefs/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Evidence:
    source: str  # source id
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class KeyPoint:
    id: str
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    commentary: bool = False  # the outlet's own view, not a reported fact
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    role: str | None
    kind: str = PERSON


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    partial: bool
    speaker: Speaker | None
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class BackgroundItem:
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    editorial: bool = False


@dataclass(frozen=True, slots=True)
class Background:
    topic: str | None
    items: tuple[BackgroundItem, ...] = ()
    # (name, who uses it) of the disputed place the topic names, if any
    names_by_user: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    date: str  # "1895", "2022-12", "2023-02-22"
    text: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    approximate: bool = False
    qualifier: str | None = None  # as DateMention.qualifier: "since", "spring"...


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # slug
    kind: str
    name: str
    aliases: tuple[str, ...]
    role: str | None
    url: str  # "people/<id>/", "places/<id>/", "organisations/<id>/"
    names_by_user: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SourceAttribution:
    id: str
    outlet: str | None
    title: str | None
    date: str | None
    url: str | None
    dateline: str | None
    credits: tuple[str, ...]
    derived_from: str | None  # id of the source this one rewrites
    unique_points: tuple[str, ...]  # key-point ids only this source reports
    page: str  # "briefs/<brief>/sources/<id>/"


@dataclass(frozen=True, slots=True)
class Claim:
    """What one source says where sources differ: ``value`` as it writes it."""

    source: str  # source id
    value: str  # "12", "on Tuesday (2024-05-07)", "Ada Okafor"
    evidence: Evidence  # the sentence that says it


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Aligned sentences (one fact) whose figures, dates or people differ."""

    id: str  # "d1", "d2"...
    kind: str  # "number", "date" or "person"
    key_point: str | None  # id of the key point of that fact, if it is one
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    slug: str
    title: str
    date: str | None
    url: str
    summary: str | None
    key_points: tuple[KeyPoint, ...]
    quotes: tuple[Quote, ...]
    background: Background
    timeline: tuple[TimelineEvent, ...]
    entities: tuple[Entity, ...]
    sources: tuple[SourceAttribution, ...]
    summary_editorial: bool = False
    schema: str = field(default=SCHEMA)
    disagreements: tuple[Disagreement, ...] = ()  # after the fields above: old calls still work


# --------------------------------------------------------------------------
# pickling (the parse cache and the parse pool)
# --------------------------------------------------------------------------


def _pickled_as_fields(cls: type) -> None:
    """Pickle ``cls`` as its class and field values, rebuilt by calling it.

    A frozen slotted dataclass otherwise pickles through the ``__getstate__``
    and ``__setstate__`` dataclasses writes in Python, which made the parse
    cache's pickles twice as slow to write and half again as slow to read as
    they were with a ``__dict__``; this is as fast as before, and smaller.
    """
    values = attrgetter(*(f.name for f in fields(cls)))
    if len(fields(cls)) == 1:
        cls.__reduce__ = lambda self: (cls, (values(self),))
    else:
        cls.__reduce__ = lambda self: (cls, values(self))


#: every dataclass of this module: each is pickled as ``(cls, field values)``, so unpickling
#: calls the class with them (where ``parsecache`` shares their small values across briefs)
PICKLED_AS_FIELDS: frozenset[type] = frozenset(
    c for c in list(globals().values()) if is_dataclass(c) and c.__module__ == __name__
)

for _cls in PICKLED_AS_FIELDS:
    _pickled_as_fields(_cls)
