"""Equal parts of a value made one object (``share_equal_parts``).

A brief says the same things many times over: every key point, quote,
timeline event and disagreement carries ``Evidence(source, paragraph,
start, end)`` of sentences other items cite too, the same source ids,
offsets and names. Assembly makes each of those afresh, so a brief was
~2,600 objects, ~140 KB in memory, and every brief of a site is held while
its pages are written: at 5,000 sources that was most of the build's
memory. Made one object each, equal parts cost once (~100 KB a brief), and
since pickle writes an object it has seen as a reference, the cache's
copies are smaller and load in less than half the time.

Nothing changes but identity: the value compares equal to what it was,
and the frozen dataclasses of ``model`` are never mutated, so sharing a
part between two items is safe. Pure: no Pelican, no state between calls.

``SmallValues`` does the same across briefs, for the leaves only: pickle
writes an int or string afresh in every brief (and an int at every use),
so the briefs a build loads held ~535,000 ints (offsets of evidence) of a
few thousand values, and the same ids, dates and names once per brief. The
cache gives every value it loads to one ``SmallValues`` of the build
(``parsecache.ResultCache``).
"""

from __future__ import annotations

import operator
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any, Callable, TypeVar

T = TypeVar("T")

#: leaves shared by value. Exact types only: ``True == 1`` and ``0.0 == -0.0``,
#: so bools (singletons anyway) and floats are left as they are.
_LEAVES = (str, int)
#: the longest string ``SmallValues`` shares: ids, dates, names, roles, URLs and figures
#: recur across briefs; a sentence seldom does, and hashing it would cost for nothing
SHORT_TEXT = 40


def share_equal_parts(value: T) -> T:
    """``value`` with every set of equal strings, ints, tuples and frozen dataclasses made one object.

    A tuple or dataclass is the same as another when it is of the same type
    and its parts, once shared, are the same objects: so no value is ever
    compared with one of another type, and no part is hashed more than once.
    """
    return _Sharer().share(value)


class _Sharer:
    def __init__(self) -> None:
        self._by_value: dict[tuple, Any] = {}
        self._done: dict[int, Any] = {}  # id(part) -> its shared object; parts outlive the call

    def share(self, part: Any) -> Any:
        done = self._done.get(id(part))
        if done is not None:
            return done
        kind = type(part)
        if kind in _LEAVES:
            shared = self._by_value.setdefault((kind, part), part)
        elif kind is tuple:
            shared = self._one_of(part, part, tuple)
        elif _rebuildable(kind):
            own = _field_values(kind)(part)
            shared = self._one_of(part, own, lambda values: kind(*values))
        else:
            shared = part  # lists, dicts, floats, None, mutable dataclasses...: left as they are
        self._done[id(part)] = shared
        return shared

    def _one_of(self, part: Any, own: tuple, make: Callable[[tuple], Any]) -> Any:
        """The shared object equal to ``part``, whose parts are ``own``: ``part`` itself
        when its parts were already the shared ones, else one ``make`` builds from them."""
        values = tuple(map(self.share, own))
        key = (type(part), *map(id, values))
        shared = self._by_value.get(key)
        if shared is None:
            shared = part if all(map(operator.is_, values, own)) else make(values)
            self._by_value[key] = shared
        return shared


@cache
def _rebuildable(kind: type) -> bool:
    """A frozen dataclass whose fields are all given to its constructor: one that can be made
    again from its field values, and shared (two names for a mutable object are a trap)."""
    return (is_dataclass(kind) and kind.__dataclass_params__.frozen
            and all(f.init for f in fields(kind)))


@cache
def _field_values(kind: type) -> Callable[[Any], tuple]:
    """A function giving an instance's field values as a tuple, in field order."""
    names = [f.name for f in fields(kind)]
    return lambda part: tuple(getattr(part, name) for name in names)


class SmallValues:
    """Equal ints and short strings (``SHORT_TEXT``) made one object across everything it is given.

    One per build, held by the cache that loads the build's briefs: its
    tables grow with the distinct values seen (a few thousand offsets and
    names), and go with the build.
    """

    def __init__(self, longest: int = SHORT_TEXT) -> None:
        self.longest = longest
        self._ints: dict[int, int] = {}
        self._texts: dict[str, str] = {}
        self._makers: dict[type, Callable[..., Any]] = {}

    def maker(self, kind: Callable[..., T]) -> Callable[..., T]:
        """``kind`` called with its arguments shared: each int, and each string of at most
        ``longest`` characters, is the first equal one this object saw. How an unpickler
        builds a value pickled as its class and field values (``model.PICKLED_AS_FIELDS``)."""
        made = self._makers.get(kind)
        if made is None:
            ints, texts, longest = self._ints, self._texts, self.longest

            def made(*values: Any) -> T:
                # One expression, not a method call per value: this runs for every object of
                # every brief loaded (a call per value made loading 993 briefs 0.85 CPU s slower
                # than plain pickle; this, ~0.6). Exact types: a bool is an int, and True == 1.
                return kind(*[ints.setdefault(v, v) if type(v) is int
                              else texts.setdefault(v, v) if type(v) is str and len(v) <= longest
                              else v for v in values])

            self._makers[kind] = made
        return made
