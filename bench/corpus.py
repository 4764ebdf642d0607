"""A synthetic news corpus for the site benchmark (bench/site.py), the same for the same seed.

    .venv/bin/python bench/corpus.py 40 /tmp/corpus     # writes /tmp/corpus/ours and /tmp/corpus/plain

``generate(n)`` makes briefs of 2 to 8 sources, ``n`` sources in all, each source
600 to 900 words of news: a dateline, facts shared with the other sources of its
brief (so key points have several sources), direct and partial quotes attributed
with reporting verbs to named people with roles, dates and numbers, and in most
briefs of three or more sources a rewrite of the wire copy that credits the
agency. People and places come from pools shared by all briefs, so the site's
people and places pages gather several briefs.

``write_ours`` writes the briefs in the site's content layout (DESIGN.md
section 2); ``write_plain`` writes the same articles as ordinary Pelican
articles (Markdown with Title, Date, Category, Tags), the baseline.

Every name is made up from syllables. Determinism: one ``random.Random(seed)``
drives everything, lists are iterated in order, nothing reads the clock or
``hash()``, so two runs write byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED = 6
MIN_SOURCES, MAX_SOURCES = 2, 8
MIN_WORDS, MAX_WORDS = 600, 900
LONGEST_SENTENCE = 40  # words; the body stops at its target, so it can overshoot by this much
SIGN_OFF = 8  # words at most of a wire sign-off after the body
FIRST_DATE = dt.date(2024, 1, 8)

# --- made-up names -----------------------------------------------------------
ONSETS = ["Ma", "Li", "Ta", "Ro", "Ve", "Sa", "No", "Ka", "De", "Mi", "Jo", "Pe", "Ha", "Lu", "Fe",
          "Be", "Zo", "Ti", "Ra", "El"]
CODAS = ["ren", "la", "tin", "na", "vel", "dia", "mar", "ko", "ra", "bel", "sio", "rik", "nia", "dor"]
SURNAME_ENDS = ["vik", "sen", "ova", "ini", "ard", "berg", "ez", "ley", "aro", "enko", "ston", "ic"]
PLACE_ENDS = ["port", "ford", "vale", "mouth", "field", "bury", "haven", "wick"]
OUTLET_FORMS = ["The {place} Herald", "{place} Daily", "The {place} Courier", "{place} Gazette",
                "{place} Evening Post", "The {place} Times"]
AGENCY_FORMS = ["{word} Press", "{word} Wire", "{word} News Agency"]
ROLES = [
    ("mayor", "of {place}"), ("finance minister", None), ("council leader", "in {place}"),
    ("chief executive", "of {org}"), ("spokeswoman", "for {org}"), ("spokesman", "for {org}"),
    ("union leader", None), ("opposition leader", None), ("police chief", "in {place}"),
    ("health minister", None), ("professor of economics", "at the University of {place}"),
    ("harbour master", "of {place}"),
]
ORG_FORMS = ["{word} Holdings", "the {place} Water Board", "{word} Transit", "the {place} Port Authority",
             "{word} Energy", "the {place} Nurses Union"]

# --- what stories are about ----------------------------------------------------
SUBJECTS = [
    ("water tariff", "raise water bills"), ("harbour bridge", "close the harbour bridge"),
    ("hospital merger", "merge the two hospitals"), ("tram line", "build the new tram line"),
    ("port expansion", "expand the container port"), ("school budget", "cut the school budget"),
    ("housing plan", "build new homes on the old rail yard"), ("bus strike", "end the bus strike"),
    ("power plant", "shut the coal power plant"), ("ferry contract", "renew the ferry contract"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
VERBS = ["said", "said", "said", "warned", "added", "insisted", "argued", "told reporters"]
PLAIN_VERBS = ["said", "warned", "insisted", "argued"]  # verbs that can take a clause or a colon
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

FACTS = [
    "{org_cap} said on {weekday} that it would {action} by {month}, a move that will affect about {n},{m}00 households in {place}.",
    "Councillors in {place} voted {a} to {b} to {action}, after a debate that lasted more than {h} hours.",
    "The plan to {action} is expected to cost {cost} million over {y} years, according to figures published by {org}.",
    "Officials said the first phase would begin in {month} and that work in {place2} would follow a year later.",
    "{org_cap} said the {subject} had been discussed with unions and residents at {k} public meetings since {year}.",
    "A report by the University of {place2} found that costs in {place} had risen by {p} per cent since {year}.",
    "About {n}00 people gathered outside the town hall in {place} on {weekday} to protest against the {subject}.",
    "The {subject} was first proposed in {year}, when the council in {place} warned that the old system was failing.",
    "Under the proposal, residents of {place2} would pay {p} per cent more from {month}, while businesses would pay less.",
    "Ministers are expected to decide on the {subject} before the summer, officials in {place} said.",
    "The opposition has called for an independent review of the {subject} and for the vote in {place} to be delayed.",
    "The decision to {action} follows a similar plan in {place2} that was dropped in {year} after a court challenge.",
]
BACKGROUND = [
    "{place} has a population of about {n}0,000 and has long depended on its harbour and its rail links.",
    "The last major change of this kind in {place} came in {year}, when the old {subject} rules were replaced.",
    "Local elections are due in {place} next year, and the {subject} is likely to be a central issue.",
    "Analysts in {place2} said the outcome would be watched closely by other towns facing similar costs.",
    "{org_cap} was set up in {year} and employs about {n}00 people in {place} and {place2}.",
    "Traffic on the main road between {place} and {place2} has grown by {p} per cent in the past decade.",
    "Residents interviewed on {weekday} were divided, with some welcoming the {subject} and others fearing higher costs.",
    "The region received {cost} million in national funding in {year}, most of it for roads and schools.",
    "Unemployment in {place} stood at {p} per cent last year, above the national average.",
    "A similar dispute in {place2} in {year} ended only after {k} months of talks.",
    "Shops near the old station in {place} have reported a fall in trade since {month}.",
    "The council in {place} has changed hands {k} times since {year}.",
    "Engineers first raised concerns about the {subject} in a report to the council in {year}.",
    "Fares and charges in {place2} were frozen in {year} and have not been reviewed since.",
]
QUOTE_OPENERS = ["We will not accept", "Nobody wants", "This is the right time for", "We have waited too long for",
                 "People in {place} deserve", "I am proud of", "It would be a mistake to rush", "We cannot afford"]
QUOTE_OBJECTS = ["a plan that leaves families paying more for less", "a decision made behind closed doors",
                 "a {subject} that works for everyone", "the promises made to workers in {place}",
                 "a solution that puts safety first", "another year of delays and rising costs"]
QUOTE_TAILS = ["and we will keep saying so", "whatever the ministers decide", "and the numbers show it",
               "before the winter comes", "and I think most people agree", "and that is what we told the council"]
PARTIALS = ["a step in the right direction", "deeply disappointing", "long overdue", "a betrayal of trust",
            "the only sensible choice", "reckless and rushed"]


def _syllables(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(ONSETS) if i == 0 else rng.choice(CODAS).lower() for i in range(count))


def _unique(rng: random.Random, make, taken: set[str], tries: int = 1_000) -> str:
    """A name from ``make(rng)`` not yet in ``taken`` (only membership is asked of the set).

    Once ``tries`` names in a row are taken (the 280 two-syllable words run
    out before 5,000 sources), a syllable is added; smaller corpora never
    get there, so they stay as they were.
    """
    misses = 0
    while True:
        name = make(rng)
        if misses >= tries:
            name += _syllables(rng, 1).lower()
        if name not in taken:
            taken.add(name)
            return name
        misses += 1


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    role: str  # "mayor of Kelmford"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Source:
    slug: str
    outlet: str
    title: str
    date: dt.date
    author: str
    paragraphs: list[str]
    derived_from: str | None = None  # the slug of the source this one rewrites

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    @property
    def words(self) -> int:
        return len(self.body.split())


@dataclass
class Brief:
    slug: str
    title: str
    date: dt.date
    subject: str
    place: str
    people: list[Person]
    background: str | None = None
    sources: list[Source] = field(default_factory=list)


@dataclass
class World:
    """The pools every brief draws from, so briefs share people, places and outlets."""

    places: list[str]
    orgs: list[str]
    people: list[Person]
    outlets: list[str]
    agencies: list[str]


def make_world(rng: random.Random, n_sources: int) -> World:
    taken: set[str] = set()
    places = [_unique(rng, lambda r: _syllables(r, 2) + r.choice(PLACE_ENDS), taken)
              for _ in range(max(12, n_sources // 8))]
    words = [_unique(rng, lambda r: _syllables(r, 2), taken) for _ in range(max(12, n_sources // 8))]
    orgs = [rng.choice(ORG_FORMS).format(word=rng.choice(words), place=rng.choice(places))
            for _ in range(max(10, n_sources // 10))]
    people = []
    for _ in range(max(20, n_sources // 4)):
        first = _syllables(rng, 2)
        last = _unique(rng, lambda r: _syllables(r, 2) + r.choice(SURNAME_ENDS), taken)
        title, where = rng.choice(ROLES)
        role = title + (" " + where.format(place=rng.choice(places), org=rng.choice(orgs)) if where else "")
        people.append(Person(first, last, role))
    outlets = sorted({rng.choice(OUTLET_FORMS).format(place=place) for place in places})
    agencies = [form.format(word=word) for form, word in zip(AGENCY_FORMS, words)]
    return World(places, orgs, people, outlets, agencies)


class StoryWriter:
    """Sentences about one brief's story, drawn from the world's pools."""

    def __init__(self, rng: random.Random, world: World, brief: Brief, org: str, place2: str):
        self.rng, self.world, self.brief = rng, world, brief
        self.org, self.place2 = org, place2
        self.facts = [self.fill(t) for t in rng.sample(FACTS, rng.randint(7, 10))]
        self.quotes = [(rng.choice(brief.people), self.quote_text()) for _ in range(rng.randint(6, 9))]

    def fill(self, template: str) -> str:
        r = self.rng
        a = r.randint(9, 30)
        text = template.format(
            org=self.org, org_cap=self.org[:1].upper() + self.org[1:], place=self.brief.place,
            place2=self.place2, subject=self.brief.subject, action=self.action, weekday=r.choice(WEEKDAYS),
            month=r.choice(MONTHS), year=r.randint(1995, 2022), n=r.randint(2, 9), m=r.randint(1, 9),
            a=a, b=r.randint(1, a - 1), h=r.randint(3, 9), cost=r.randint(12, 480), y=r.randint(2, 10),
            k=r.randint(3, 14), p=r.randint(3, 40),
        )
        return text

    @property
    def action(self) -> str:
        return next(act for subject, act in SUBJECTS if subject == self.brief.subject)

    def quote_text(self) -> str:
        r = self.rng
        parts = [r.choice(QUOTE_OPENERS), r.choice(QUOTE_OBJECTS), r.choice(QUOTE_TAILS)]
        return self.fill(" ".join(parts))

    def quote_sentence(self, person: Person, words: str, introduced: set[str]) -> str:
        """A direct or partial quote; the first mention of a person in a source gives the role."""
        r = self.rng
        verb = r.choice(VERBS)
        if person.last not in introduced:
            introduced.add(person.last)
            if r.random() < 0.5:
                return f'"{words}," {verb} {person.name}, the {person.role}.'
            return f'{person.name}, the {person.role}, {r.choice(PLAIN_VERBS)}: "{words}."'
        if r.random() < 0.25:
            return f'{person.last} {r.choice(PLAIN_VERBS)} the {self.brief.subject} was "{r.choice(PARTIALS)}".'
        return f'"{words}," {person.last} {verb}.'

    def background(self) -> str:
        return self.fill(self.rng.choice(BACKGROUND))


def _sizes(rng: random.Random, n: int) -> list[int]:
    """Brief sizes, each 2 to 8, adding up to ``n`` (never leaving a lone source)."""
    if n < MIN_SOURCES:
        raise ValueError(f"need at least {MIN_SOURCES} sources, got {n}")
    sizes, left = [], n
    while left:
        k = min(rng.randint(MIN_SOURCES, MAX_SOURCES), left)
        if left - k == 1:
            k = k + 1 if k < MAX_SOURCES else k - 1
        sizes.append(k)
        left -= k
    return sizes


def _paragraphs(rng: random.Random, sentences, target: int) -> list[str]:
    """Sentences joined into paragraphs of 1 to 3 until the body has ``target`` words."""
    paragraphs: list[str] = []
    count = 0
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        count += len(sentence.split())
        if len(current) >= rng.randint(1, 3):
            paragraphs.append(" ".join(current))
            current = []
        if count >= target:
            break
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _original_sentences(rng: random.Random, story: StoryWriter, dateline: str, share: float):
    """An original report: its lead, then a ``share`` of the story's facts and quotes
    (what it has in common with the other reports), then its own background and quotes."""
    introduced: set[str] = set()
    facts = rng.sample(story.facts, max(2, round(len(story.facts) * share)))
    quotes = rng.sample(story.quotes, max(1, round(len(story.quotes) * share)))
    yield f"{dateline} - {facts[0]}"
    for i, fact in enumerate(facts[1:]):
        yield fact
        if i < len(quotes):
            yield story.quote_sentence(*quotes[i], introduced)
    for template in rng.sample(BACKGROUND, round(len(BACKGROUND) * share)):
        yield story.fill(template)
        yield story.quote_sentence(rng.choice(story.brief.people), story.quote_text(), introduced)
    while True:  # own quotes, never repeated, and more background
        yield story.quote_sentence(rng.choice(story.brief.people), story.quote_text(), introduced)
        yield story.background()


def _rewrite_sentences(rng: random.Random, story: StoryWriter, original: Source, agency: str):
    """A site's re-telling of wire copy: most of its sentences, a credit, its own padding."""
    yield f"{agency} reported on {original.date:%A} that {_lower_first(_sentences_of(original)[0].split(' - ', 1)[1])}"
    for sentence in _sentences_of(original)[1:]:
        if '"' in sentence or rng.random() < 0.8:  # drops some prose, keeps every quote
            yield sentence
    while True:
        yield story.background()


def _sentences_of(source: Source) -> list[str]:
    return [s for p in source.paragraphs for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", p)]


LOWER_FIRST_WORDS = {"The", "A", "About", "Under", "Officials", "Councillors", "Ministers"}


def _lower_first(text: str) -> str:
    """``text`` after "reported that": a common word lower-cased, a name kept."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first in LOWER_FIRST_WORDS else text


def _target(rng: random.Random) -> int:
    return rng.randint(MIN_WORDS + 20, MAX_WORDS - LONGEST_SENTENCE - SIGN_OFF)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _make_brief(rng: random.Random, world: World, number: int, size: int, date: dt.date) -> Brief:
    subject, _ = rng.choice(SUBJECTS)
    place = rng.choice(world.places)
    people = rng.sample(world.people, rng.randint(3, 5))
    title = f"{place} {subject}: {rng.choice(['council vote', 'talks stall', 'plan approved', 'protest grows'])}"
    brief = Brief(f"{number:05d}-{_slug(place)}-{_slug(subject)}", title, date, subject, place, people,
                  background=place if rng.random() < 0.5 else None)
    story = StoryWriter(rng, world, brief, rng.choice(world.orgs), rng.choice(world.places))
    agency = world.agencies[number % len(world.agencies)]
    outlets = rng.sample(world.outlets, min(size, len(world.outlets)))
    for i in range(size):
        author = f"{_syllables(rng, 2)} {rng.choice(world.people).last}"
        day = date + dt.timedelta(days=rng.randint(0, 1))
        if i == 0:
            outlet, dateline = agency, f"{place.upper()} ({agency})"
            sentences = _original_sentences(rng, story, dateline, share=1.0)
            derived = None
        elif i == 1 and size >= 3:
            outlet, derived = outlets[i % len(outlets)], brief.sources[0].slug
            sentences = _rewrite_sentences(rng, story, brief.sources[0], agency)
            day = brief.sources[0].date + dt.timedelta(days=1)
        else:
            outlet, derived = outlets[i % len(outlets)], None
            sentences = _original_sentences(rng, story, place.upper(), share=rng.uniform(0.3, 0.5))
        title_i = f"{brief.title} ({outlet})"
        source = Source(f"{_slug(outlet)}-{i + 1}", outlet, title_i, day, author,
                        _paragraphs(rng, sentences, _target(rng)), derived)
        if i == 0:  # the agency's sign-off, a wire mark
            source.paragraphs.append(f"(Reporting by {author}; Editing by {_syllables(rng, 2)} {rng.choice(world.people).last})")
        brief.sources.append(source)
    return brief


def generate(n: int, seed: int = SEED) -> list[Brief]:
    """Briefs with ``n`` sources in all, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    world = make_world(rng, n)
    briefs, date = [], FIRST_DATE
    for number, size in enumerate(_sizes(rng, n), start=1):
        briefs.append(_make_brief(rng, world, number, size, date))
        date += dt.timedelta(days=rng.randint(0, 2))
    return briefs


# --- writing ------------------------------------------------------------------


def write_ours(briefs: list[Brief], content: Path) -> None:
    """The briefs in the site's layout: briefs/<slug>/brief.md and sources/*.txt."""
    for brief in briefs:
        folder = content / "briefs" / brief.slug
        (folder / "sources").mkdir(parents=True, exist_ok=True)
        meta = [f"Title: {brief.title}", f"Date: {brief.date}"]
        if brief.background:
            meta.append(f"Background: {brief.background}")
        meta.append(f"Tags: {brief.subject}, {brief.place}")
        _write(folder / "brief.md", "\n".join(meta) + "\n\nA generated brief for the site benchmark.\n")
        for source in brief.sources:
            header = [f"Outlet: {source.outlet}", f"Date: {source.date}", f"Author: {source.author}",
                      f"Title: {source.title}"]
            _write(folder / "sources" / f"{source.slug}.txt", "\n".join(header) + "\n\n" + source.body)


def write_registry(briefs: list[Brief], content: Path, entries: int) -> int:
    """An editorial registry (``data/entities.yml``) of up to ``entries`` of the corpus's people
    (name, role, surname as alias) and places, people first, in the order the briefs name them;
    the number written. A newsroom registers the people and places it meets again and again,
    and every brief's key holds the registry: the bench can show what that costs."""
    people = list(dict.fromkeys(person for brief in briefs for person in brief.people))[:entries]
    places = list(dict.fromkeys(brief.place for brief in briefs))[: entries - len(people)]
    lines = ["people:"] if people else []
    for person in people:
        lines += [f"  - name: {person.name}", f"    role: {person.role}", f"    aliases: [{person.last}]"]
    lines += ["places:"] if places else []
    lines += [f"  - name: {place}" for place in places]
    (content / "data").mkdir(parents=True, exist_ok=True)
    _write(content / "data" / "entities.yml", "\n".join(lines) + "\n")
    return len(people) + len(places)


def write_plain(briefs: list[Brief], content: Path) -> None:
    """The same articles as ordinary Pelican articles, one Markdown file each."""
    content.mkdir(parents=True, exist_ok=True)
    for brief in briefs:
        for source in brief.sources:
            names = ", ".join(p.name for p in brief.people)
            meta = [f"Title: {source.title}", f"Date: {source.date}", f"Slug: {brief.slug}-{source.slug}",
                    f"Category: {brief.subject}", f"Tags: {brief.place}, {names}", f"Author: {source.author}"]
            _write(content / f"{brief.slug}-{source.slug}.md", "\n".join(meta) + "\n\n" + source.body)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def edit_one_quote(content: Path) -> Path:
    """Change the words of the first quote of the first source (as an editor fixing a quote would).

    Returns the file changed. Works on ``write_ours`` output.
    """
    path = sorted((content / "briefs").glob("*/sources/*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    body_at = text.index("\n\n") + 2
    opening = text.index('"', body_at)
    closing = text.index('"', opening + 1)
    inner = text[opening + 1 : closing]
    edited = inner.rstrip(",.") + " this year" + inner[len(inner.rstrip(",.")) :]
    _write(path, text[: opening + 1] + edited + text[closing:])
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of sources (articles) in all")
    parser.add_argument("folder", type=Path, help="writes FOLDER/ours and FOLDER/plain")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    briefs = generate(args.n, args.seed)
    write_ours(briefs, args.folder / "ours")
    write_plain(briefs, args.folder / "plain")
    print(f"{len(briefs)} briefs, {args.n} sources in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
