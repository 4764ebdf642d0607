"""Disagreements: one fact, told with other numbers, dates or people."""

from briefing.assemble import assemble_brief
from briefing.model import BriefMeta
from sourcefactory import make_source, person, rewrite, wire

META = BriefMeta(slug="flood", title="Flood", date="2024-05-08")


def _brief(*sources):
    return assemble_brief(META, sources)


def test_a_different_count_of_the_same_fact_is_reported_with_both_claims():
    a = make_source("a", "The flood in Osterby killed 12 people and destroyed the old bridge on Tuesday.\n"
                         "Rescue teams searched the river banks.", outlet="A")
    b = make_source("b", "The flood in Osterby killed 14 people and destroyed the old bridge on Tuesday.\n"
                         "Schools stayed closed across the region.", outlet="B")
    brief = _brief(a, b)
    (d,) = brief.disagreements
    assert (d.id, d.kind) == ("d1", "number")
    assert [(c.source, c.value) for c in d.claims] == [("a", "12"), ("b", "14")]
    raws = {"a": a.raw, "b": b.raw}
    assert all("killed" in raws[c.source][c.evidence.start:c.evidence.end] for c in d.claims)
    kp = next(kp for kp in brief.key_points if "killed" in kp.text)
    assert d.key_point == kp.id


def test_a_different_day_is_a_date_disagreement():
    a = make_source("a", "The regional council of Osterby approved the new flood barrier on Tuesday.", outlet="A",
                    dates=[("on Tuesday", "2024-05-07", True)])
    b = make_source("b", "The regional council of Osterby approved the new flood barrier on Wednesday.", outlet="B",
                    dates=[("on Wednesday", "2024-05-08", True)])
    (d,) = _brief(a, b).disagreements
    assert d.kind == "date"
    assert [c.value for c in d.claims] == ["on Tuesday (2024-05-07)", "on Wednesday (2024-05-08)"]


def test_a_vaguer_date_or_a_missing_figure_is_no_disagreement():
    a = make_source("a", "The regional council of Osterby approved 40 new flood barriers last week.", outlet="A",
                    dates=[("last week", "2024-05", True)])
    b = make_source("b", "The regional council of Osterby approved new flood barriers on May 2.", outlet="B",
                    dates=[("May 2", "2024-05-02", True)])
    assert _brief(a, b).disagreements == ()


def test_another_person_named_for_the_same_act_is_a_disagreement():
    a = make_source("a", "Mayor Ada Okafor opened the new flood barrier in Osterby on Tuesday morning.",
                    outlet="A", entities=[person("Ada Okafor")])
    b = make_source("b", "Mayor Ben Lind opened the new flood barrier in Osterby on Tuesday morning.",
                    outlet="B", entities=[person("Ben Lind")])
    (d,) = _brief(a, b).disagreements
    assert d.kind == "person" and [c.value for c in d.claims] == ["Ada Okafor", "Ben Lind"]


def test_the_same_person_by_surname_agrees():
    assert _brief(wire(), rewrite()).disagreements == ()
