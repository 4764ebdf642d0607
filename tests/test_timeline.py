from briefing.align import align_sentences
from briefing.attribution import detect_rewrites
from briefing.timeline import build_timeline
from sourcefactory import make_source, rewrite, wire


def _timeline(*sources):
    facts = align_sentences(sources)
    return build_timeline(sources, facts, detect_rewrites(sources, facts))


def test_every_date_mention_is_an_event_sorted_by_date():
    events = _timeline(wire())
    assert [e.date for e in events] == ["1911", "1987", "2024-05-06"]
    assert events[0].text == "The Old Quay of Valmora was built in 1911."
    assert events[0].sources == ("northwire",)
    e = events[0].evidence[0]
    assert wire().raw[e.start:e.end] == events[0].text and e.paragraph == 5


def test_aligned_sentences_with_the_same_date_are_one_event_in_the_originals_words():
    events = _timeline(wire(), rewrite())
    monday = [e for e in events if e.date == "2024-05-06"]
    assert len(monday) == 1
    assert monday[0].sources == ("lantern", "northwire")
    assert monday[0].text.startswith("Dock workers in Valmora voted")  # the wire's, not the rewrite's
    assert [e.source for e in monday[0].evidence] == ["lantern", "northwire"]


def test_same_fact_with_different_date_values_stays_two_events():
    a = wire(dates=[("on Monday", "2024-05-06")])
    b = rewrite(dates=[("on Monday", "2024-05-13")])
    assert [e.date for e in _timeline(a, b)] == ["2024-05-06", "2024-05-13"]


def test_one_sentence_with_two_dates_gives_two_events():
    s = make_source("s", "The dam was begun in 1930 and finished in 1936.", dates=[("1930", "1930"), ("1936", "1936")])
    events = _timeline(s)
    assert [(e.date, e.text) for e in events] == [("1930", s.sentences[0].text), ("1936", s.sentences[0].text)]


def test_approximate_only_when_every_mention_is():
    a = wire(dates=[("on Monday", "2024-05-06", True)])
    b = rewrite(dates=[("on Monday", "2024-05-06", True)])
    assert _timeline(a, b)[0].approximate
    b = rewrite(dates=[("on Monday", "2024-05-06", False)])
    assert not _timeline(a, b)[0].approximate


def test_same_date_ties_sort_by_text_and_decades_before_their_years():
    s = make_source("s", "Zinc was found in the 1970s.\nA road opened in 1972.\nA bridge opened in 1972.",
                    dates=[("1970s", "1970s"), ("1972", "1972"), ("1972", "1972", False, 2)])
    assert [(e.date, e.text[:8]) for e in _timeline(s)] == [
        ("1970s", "Zinc was"), ("1972", "A bridge"), ("1972", "A road o")]


def test_timeline_is_deterministic():
    assert _timeline(wire(), rewrite()) == _timeline(rewrite(), wire())


def test_a_date_in_passing_is_not_an_event_of_its_own():
    s = make_source("s", "The talks, the first held since 2019, began on Wednesday.\n"
                         "Elections were held in 1990, 1995 and 2001.",
                    date="2024-05-08",
                    dates=[("2019", "2019", False), ("on Wednesday", "2024-05-08", True),
                           ("1990", "1990"), ("1995", "1995"), ("2001", "2001")])
    assert [(e.date, e.text[:9]) for e in _timeline(s)] == [
        ("1990", "Elections"), ("1995", "Elections"), ("2001", "Elections"), ("2024-05-08", "The talks")]


def test_a_lone_date_in_an_aside_is_still_an_event():
    s = make_source("s", "Valmora, which raised taxes last year, spends more.", dates=[("last year", "2023", True)])
    assert [e.date for e in _timeline(s)] == ["2023"]


def test_qualifiers_reach_the_event():
    from dataclasses import replace
    s = make_source("s", "Balloons were seen three times since 2019.\nA hotline is due around spring.",
                    dates=[("2019", "2019"), ("around spring", "2024", True)])
    s = replace(s, dates=(replace(s.dates[0], qualifier="since"), replace(s.dates[1], qualifier="spring")))
    assert [(e.date, e.approximate, e.qualifier) for e in _timeline(s)] == [
        ("2019", False, "since"), ("2024", True, "spring")]
