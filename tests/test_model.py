"""The dataclasses of ``briefing.model``: slotted, frozen, and still pickled and copied as before."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from briefing import model
from conftest import ev

DATACLASSES = [c for _, c in inspect.getmembers(model, inspect.isclass) if dataclasses.is_dataclass(c)]


@pytest.mark.parametrize("cls", DATACLASSES, ids=lambda c: c.__name__)
def test_every_model_class_is_slotted_and_frozen(cls):
    # A build holds every brief all along: a per-instance __dict__ made them ~5x their pickles.
    assert "__slots__" in cls.__dict__
    assert cls.__dataclass_params__.frozen


def test_instances_have_no_dict_and_refuse_new_or_changed_fields():
    point = model.KeyPoint("k1", "Text.", ("a",), (ev("a"),))
    assert not hasattr(point, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.text = "Other."  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        object.__setattr__(point, "extra", 1)


def test_slotted_instances_pickle_compare_and_replace_as_before():
    meta = model.BriefMeta("a-brief", "A brief", "2024-05-07", tags=("x",))
    again = pickle.loads(pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == meta and hash(again) == hash(meta) and again.url == "briefs/a-brief/"
    assert dataclasses.replace(meta, title="Other").title == "Other"
    assert model.Brief.__dataclass_fields__["schema"].default == model.SCHEMA


def test_instances_pickle_as_their_class_and_field_values_even_with_one_field():
    # dataclasses' own __setstate__ for slotted frozen classes, in Python, made the parse cache slow
    point = model.KeyPoint("k1", "Text.", ("a",), (ev("a"), ev("b", 2)), commentary=True)
    assert point.__reduce_ex__(pickle.HIGHEST_PROTOCOL) == (
        model.KeyPoint, ("k1", "Text.", ("a",), (ev("a"), ev("b", 2)), True, False)
    )
    registry = model.Registry((model.RegistryEntry(model.PLACE, "Somewhere"),))
    for value in (point, registry):
        again = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == value and type(again) is type(value)
