"""Word lists: the entries of ``plugins/briefing/data/*.txt``.

Every judgement that rests on a list of words (reporting verbs, months, wire
agencies, countries…) reads it from a data file through here, so that the
lists can grow without touching code. Each file is read once and cached.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>``: one per line, ``#`` starts a comment."""
    text = resources.files("briefing").joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=None)
def word_set(name: str, *, folded: bool = False) -> frozenset[str]:
    """``word_list(name)`` as a set; ``folded`` compares case-insensitively."""
    words = word_list(name)
    return frozenset(w.casefold() for w in words) if folded else frozenset(words)


@lru_cache(maxsize=None)
def alias_groups(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries written ``Name | Other form | …`` as tuples, the name first."""
    return tuple(
        tuple(part.strip() for part in entry.split("|") if part.strip())
        for entry in word_list(name)
    )


@lru_cache(maxsize=None)
def key_values(name: str) -> tuple[tuple[str, str], ...]:
    """Entries written ``key = value`` as pairs."""
    pairs = []
    for entry in word_list(name):
        key, _, value = entry.partition("=")
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)
