"""Parsing speed of ``briefing.parse.parse_source`` on one core.

    .venv/bin/python bench/parse_speed.py            # about a minute
    .venv/bin/python bench/parse_speed.py --quick    # fewer repeats

Prints
1. articles parsed per second on generated 800-word articles;
2. how the time grows with article length (400 … 12,800 words): seconds per
   article, microseconds per word, and the ratio to the previous length — a
   linear parser shows ratios near 2.0 (twice the words, twice the time);
3. the time of a few adversarial inputs (50,000 quote marks, long runs of
   capitalised words, text with no spaces, …).

The articles come from a deterministic generator (``random.Random(0)``):
paragraphs with quotes, names, roles, dates and numbers, so every stage of
the parser has work. No asserts: it prints figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import briefing  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "plugins"))

from briefing.model import SourceError  # noqa: E402
from briefing.parse import parse_source  # noqa: E402

FIRST = ["Ana", "Tomas", "Grace", "Kwame", "Ingrid", "Mateo", "Lena", "Pavel", "Niamh", "Joseph",
         "Sofia", "Dario", "Megan", "Rajesh", "Helen", "Amara", "Viktor", "Rosa", "Luis", "Hana"]
LAST = ["Okafor", "Brandvold", "Ruiz", "Mensah", "Solberg", "Ferrer", "Kowalczyk", "Horak",
        "Gallagher", "Kalu", "Marquez", "Lentz", "Doyle", "Menon", "Ashworth", "Diallo",
        "Lindqvist", "Quispe", "Carrera", "Sato"]
ROLES = ["Deputy Health Minister", "Finance Minister", "Governor", "union leader", "chief executive",
         "Judge", "spokeswoman", "Mayor", "professor", "Foreign Minister"]
ORGS = ["the Ministry of Infrastructure", "Kestrel Bank", "the Northshore Nurses Union",
        "the Digital Markets Authority", "Harbourline Terminals", "the electoral commission"]
PLACES = ["Lagos", "Geneva", "Madrid", "Port Elise", "Velsk", "Kirkby Marsh", "Frankfurt", "Lima"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week", "in December", "since 2019"]
WORDS = ("the council said it would review the plan after talks with operators broke down and "
         "officials warned that prices could rise again before the end of the year while analysts "
         "said the decision was expected and markets reacted calmly to the news").split()


class Generator:
    """News-like text, the same for the same seed."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.people: list[tuple[str, str, str]] = []

    def person(self) -> tuple[str, str, str]:
        r = self.rng
        if self.people and r.random() < 0.6:
            return r.choice(self.people)
        p = (r.choice(FIRST), r.choice(LAST), r.choice(ROLES))
        self.people.append(p)
        return p

    def filler(self, n: int) -> str:
        r = self.rng
        return " ".join(r.choice(WORDS) for _ in range(n))

    @staticmethod
    def upper_first(text: str) -> str:
        return text[:1].upper() + text[1:]

    def number(self) -> str:
        r = self.rng
        return r.choice([f"{r.randint(2, 99)}%", f"${r.randint(1, 900)} million",
                         f"{r.randint(1, 9)},{r.randint(100, 999)}", str(r.randint(1950, 2024))])

    def sentence(self) -> str:
        r = self.rng
        first, last, role = self.person()
        kind = r.randrange(6)
        if kind == 0:
            return f'"{self.upper_first(self.filler(r.randint(8, 18)))}," {role} {first} {last} said on {r.choice(DAYS)}.'
        if kind == 1:
            return f'{last} told reporters in {r.choice(PLACES)} that {self.filler(r.randint(6, 12))} "{self.filler(4)}".'
        if kind == 2:
            return (f"{self.upper_first(r.choice(ORGS))} said in a statement that {self.filler(r.randint(8, 14))}, "
                    f"about {self.number()} since {r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(2015, 2024)}.")
        if kind == 3:
            return f"{first} {last}, the {role.lower()}, said {self.filler(r.randint(8, 16))}."
        if kind == 4:
            return f"“{self.upper_first(self.filler(r.randint(6, 12)))},” she added. “{self.upper_first(self.filler(5))}.”"
        return f"{self.upper_first(self.filler(r.randint(10, 20)))} in {r.choice(MONTHS)}, according to {r.choice(ORGS)}."

    def article(self, words: int) -> str:
        r = self.rng
        place = r.choice(PLACES).upper()
        paragraphs = [f"Officials in {r.choice(PLACES)} weigh plan after {self.number()} deal", ""]
        lead = f"{place} (Reuters) - {self.sentence()}"
        body = [lead]
        count = len(lead.split())
        while count < words:
            para = " ".join(self.sentence() for _ in range(r.randint(1, 3)))
            body.append(para)
            count += len(para.split())
        paragraphs.append("\n\n".join(body))
        paragraphs += ["", "(Reporting by Tope Alabi; Editing by Daniel Marsh)", ""]
        return "\n".join(paragraphs)


def parse(raw: str, n: int = 0) -> None:
    parse_source(raw, source_id=f"a{n}", path=f"bench-{n}.txt")


# Every timed parse is of an article this process has not parsed before: the
# parser keeps the tokens of recent sentences, so parsing the same article
# again measures its caches, not its work (an earlier version of this bench
# did, and overstated articles/s).


def timed(raws: list[str]) -> float:
    """Best seconds of one parse over ``raws`` (articles of one length, each parsed once)."""
    best = float("inf")
    for n, raw in enumerate(raws):
        t0 = time.perf_counter()
        parse(raw, n)
        best = min(best, time.perf_counter() - t0)
    return best


def throughput(gen: "Generator", words: int, seconds: float) -> tuple[int, float, int]:
    """Parses of new ``words``-word articles for ``seconds`` of parsing: (count, seconds, words)."""
    done, elapsed, total_words = 0, 0.0, 0
    while elapsed < seconds:
        raw = gen.article(words)  # made outside the timed part
        total_words += len(raw.split())
        t0 = time.perf_counter()
        parse(raw, done)
        elapsed += time.perf_counter() - t0
        done += 1
    return done, elapsed, total_words


def adversarial() -> list[tuple[str, str]]:
    def caps(n: int) -> str:
        return " ".join(f"Word{i % 97}" for i in range(n))

    return [
        ("50,000 straight quote marks in a sentence", "Title\n\nHe said " + '"' * 50_000 + " today.\n"),
        ("50,000 curly opening marks, never closed", "Title\n\nHe said " + "“" * 50_000 + " today.\n"),
        ("5,000 quote pairs \"a\" in one paragraph", "Title\n\n" + ' "a"' * 5_000 + "\n"),
        ("25,000 quote pairs \"a\" in one paragraph", "Title\n\n" + ' "a"' * 25_000 + "\n"),
        ("5,000 capitalised words in a row (one sentence)", "Title\n\n" + caps(5_000) + " said.\n"),
        ("20,000 capitalised words in a row (one sentence)", "Title\n\n" + caps(20_000) + " said.\n"),
        ("mixed: runs of quote marks, 'A', 'Minister', '1999' and '(' in 3 lines",
         "Title\n\n" + ('"' * 5000 + " A" * 5000 + " Minister" * 3000 + " 1999" * 3000 + "(" * 2000 + "\n") * 3),
        ("200,000 letters with no spaces", "Title\n\n" + "abcdefghij" * 20_000 + "\n"),
        ("10,000 one-word lines", "Title\n\n" + "\n".join(f"Line{i}" for i in range(10_000)) + "\n"),
        ("20,000 'said' cues with no quote", "Title\n\n" + " ".join(["he said, she said."] * 5_000) + "\n"),
        # each pair is 2,000 and 4,000 items in one paragraph: time should double
        *(
            (f"{n:,} quotes by pronoun speakers in one paragraph",
             "Title\n\n" + " ".join(f'"Words {i}," she said. He added:' for i in range(n)) + "\n")
            for n in (2_000, 4_000)
        ),
        *(
            (f"{n:,} titled speakers in one paragraph",
             "Title\n\n" + " ".join(f'Deputy Minister Ann Lee{i % 7} said "x {i}" and' for i in range(n)) + "\n")
            for n in (2_000, 4_000)
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a shorter throughput run")
    args = parser.parse_args(argv)
    repeat = 2 if args.quick else 5
    run_for = 3.0 if args.quick else 10.0

    gen = Generator(0)
    parse(Generator(1).article(800))  # warm up: word lists, regexes
    done, elapsed, total_words = throughput(gen, 800, run_for)
    words = total_words / done
    print(f"parse_source, one core, {done} new generated articles of ~{words:.0f} words each (seed 0)")
    print(f"  {done / elapsed:8.1f} articles/s   ({elapsed / done * 1000:.1f} ms per article, "
          f"{done} parses in {elapsed:.1f} s)\n")

    print("time against article length (best of %d new articles each)" % repeat)
    print(f"  {'words':>7} {'ms/article':>11} {'µs/word':>8} {'× time':>7} {'× words':>8}")
    previous = None
    for target in (400, 800, 1_600, 3_200, 6_400, 12_800):
        raws = [Generator(seed).article(target) for seed in range(10, 10 + repeat)]
        n = round(sum(len(r.split()) for r in raws) / len(raws))
        seconds = timed(raws)
        grow = f"{seconds / previous[1]:7.2f} {n / previous[0]:8.2f}" if previous else f"{'':7} {'':8}"
        print(f"  {n:7d} {seconds * 1000:11.1f} {seconds / n * 1e6:8.1f} {grow}")
        previous = (n, seconds)
    print("  (× time near × words: linear; much above it: super-linear)\n")

    print("adversarial inputs (one run each)")
    for label, raw in adversarial():
        t0 = time.perf_counter()
        try:
            parse(raw)
            outcome = "parsed"
        except SourceError as error:
            outcome = f"SourceError: {error}"
        except Exception as error:  # a crash is a finding too
            outcome = f"CRASH {type(error).__name__}: {error}"
        seconds = time.perf_counter() - t0
        print(f"  {seconds * 1000:9.1f} ms  {label} ({len(raw):,} chars): {outcome[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
