"""Equal parts of a value made one object (briefing.sharing)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

from briefing.model import Background, Brief, Evidence, KeyPoint, Quote, Speaker, TimelineEvent
from briefing.sharing import SmallValues, share_equal_parts


def _evidence(start: int) -> Evidence:
    # built from parts made afresh each time, as assembly does: equal, not the same objects
    return Evidence("".join(["wire", "-1"]), 3, start + 1000, start + 1080)


def _text() -> str:
    return " ".join(["Talks", "resumed."])  # made afresh too: literals would be one constant


def test_equal_evidence_of_two_items_becomes_one_object_and_the_value_stays_equal():
    point = KeyPoint("k1", _text(), (_text(),), (_evidence(0),))
    event = TimelineEvent("2024", _text(), (_text(),), (_evidence(0), _evidence(500)))
    assert point.text is not event.text and point.sources is not event.sources
    value = (point, event)
    shared = share_equal_parts(value)
    assert shared == value
    assert shared[0].evidence[0] is shared[1].evidence[0]
    assert shared[1].evidence[1] is not shared[1].evidence[0]
    assert shared[0].text is shared[1].text
    assert shared[0].sources is shared[1].sources  # equal tuples too


def test_a_part_already_made_of_shared_parts_is_kept_not_copied():
    evidence = Evidence("wire-1", 3, 10, 20)
    point = KeyPoint("k1", "Talks resumed.", ("wire-1",), (evidence,))
    shared = share_equal_parts((point, point))
    assert shared[0] is point and shared[1] is point


def test_values_equal_across_types_are_not_merged():
    # True == 1, 1 == 1.0 and 0.0 == -0.0: one must not stand for the other
    value = ((1, True, 1.0), (True, 1, -0.0), (0.0, 1, True))
    shared = share_equal_parts(value)
    assert [[type(x) for x in t] for t in shared] == [[int, bool, float], [bool, int, float], [float, int, bool]]
    assert repr(shared[1][2]) == "-0.0" and repr(shared[2][0]) == "0.0"


def test_dataclasses_of_other_types_with_equal_fields_stay_apart():
    @dataclass(frozen=True)
    class A:
        x: str

    @dataclass(frozen=True)
    class B:
        x: str

    shared = share_equal_parts((A("same"), B("same")))
    assert type(shared[0]) is A and type(shared[1]) is B
    assert shared[0].x is shared[1].x


def test_a_mutable_dataclass_or_one_not_made_from_its_fields_is_left_as_it_is():
    @dataclass
    class Box:
        name: str

    @dataclass(frozen=True)
    class Counted:
        name: str
        size: int = field(init=False, default=0)

    first, second = Box("x"), Box("x")
    shared = share_equal_parts((first, second, Counted("y"), Counted("y")))
    assert shared[0] is first and shared[1] is second  # one changed must not change the other
    assert shared[2] == Counted("y") and shared[3] == Counted("y")


def test_mutable_and_other_parts_are_left_as_they_are():
    items = ["a"]
    table = {"k": "v"}
    shared = share_equal_parts((items, table, None, 2.5))
    assert shared[0] is items and shared[1] is table and shared[2] is None


def test_a_shared_brief_pickles_smaller_and_loads_back_equal():
    speaker = Speaker("ada-okafor", "Ada Okafor", "minister")
    quotes = tuple(
        Quote(f"q{n}", f"Words {n}.", False, Speaker("ada-okafor", "Ada Okafor", "minister"),
              ("wire-1", "site-2"), (_evidence(n), _evidence(n)))
        for n in range(20)
    )

    brief = Brief("s", "T", None, "briefs/s/", None, (), quotes, Background(None), (), (), ())
    shared = share_equal_parts(brief)
    assert shared == brief
    assert all(q.speaker is shared.quotes[0].speaker for q in shared.quotes)
    assert shared.quotes[0].speaker == speaker
    assert len(pickle.dumps(shared)) < len(pickle.dumps(brief))
    assert pickle.loads(pickle.dumps(shared)) == brief


# --------------------------------------------------------------------------
# SmallValues: ints and short strings, across values
# --------------------------------------------------------------------------


def _made(text: str) -> str:
    return "".join(list(text))  # a new string object each call (a literal would be one constant)


def _as_given(*values):
    return values  # a "class" whose instance is the arguments it was made with


def test_small_values_gives_one_object_for_equal_ints_and_short_strings():
    make = SmallValues().maker(_as_given)
    first, second = int(_made("4096")), int(_made("4096"))
    assert first is not second
    one, two = make(first, _made("q12")), make(second, _made("q12"))
    assert one[0] is two[0] is first and one[1] is two[1]


def test_small_values_leaves_long_strings_bools_floats_and_containers_alone():
    make = SmallValues(longest=5).maker(_as_given)
    long_a, long_b, listed = _made("abcdef"), _made("abcdef"), [1, 2]
    make(1, 1.0)  # an int equal to True, a float equal to it: known
    values = make(long_a, _made("abcde"), True, 1.0, listed)
    again = make(long_b, _made("abcde"), True, 1.0, listed)
    assert values[0] is long_a and again[0] is long_b  # longer than the longest shared
    assert values[1] is again[1]  # the longest shared
    assert values[2] is True and type(values[3]) is float  # never turned into the equal int
    assert values[4] is listed


def test_a_maker_builds_the_class_from_shared_arguments():
    small = SmallValues()
    make = small.maker(Evidence)
    assert small.maker(Evidence) is make  # one per class
    one = make(_made("wire-1"), 3, int(_made("1000")), int(_made("1080")))
    two = make(_made("wire-1"), 3, int(_made("1000")), int(_made("2000")))
    assert one == Evidence("wire-1", 3, 1000, 1080) and type(one) is Evidence
    assert one.source is two.source and one.start is two.start
    assert small.maker(_as_given)(int(_made("1000")))[0] is one.start  # one table for every class
