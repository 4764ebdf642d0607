import pytest

from briefing.model import ORGANISATION, PERSON, PLACE, Registry, RegistryEntry, SourceError
from briefing.registry import load_registry

GOOD = """\
people:
  - name: Ada Okafor
    role: Secretary of the Dockers' Union
    aliases: [Okafor, A. Okafor]
places:
  - name: Grey Bay
    aliases: [Mistwater]
    names: {Lindholm: Grey Bay, Osterby: Saltmere Bay}
organisations:
  - name: Valmora Port Authority
"""


def _write(tmp_path, text):
    path = tmp_path / "entities.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_people_places_and_organisations(tmp_path):
    registry = load_registry(_write(tmp_path, GOOD))
    assert registry.entries == (
        RegistryEntry(PERSON, "Ada Okafor", "Secretary of the Dockers' Union", ("Okafor", "A. Okafor")),
        RegistryEntry(PLACE, "Grey Bay", None, ("Mistwater",),
                      (("Grey Bay", "Lindholm"), ("Saltmere Bay", "Osterby"))),
        RegistryEntry(ORGANISATION, "Valmora Port Authority"),
    )


def test_missing_or_empty_file_is_an_empty_registry(tmp_path):
    assert load_registry(tmp_path / "nope.yml") == Registry()
    assert load_registry(_write(tmp_path, "")) == Registry()
    assert load_registry(_write(tmp_path, "people:\n")) == Registry()


def test_bad_yaml_names_the_file_and_line(tmp_path):
    path = _write(tmp_path, "people:\n  - name: Ada\n    aliases: [Okafor\n  - name: Bo\n")
    with pytest.raises(SourceError) as err:
        load_registry(path)
    assert err.value.path == str(path)
    assert err.value.line is not None and err.value.line >= 3
    assert str(err.value).startswith(f"{path}:{err.value.line}: ")


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("- Ada\n", 1, "mapping"),
        ("heroes:\n  - name: Ada\n", 1, "unknown section"),
        ("people: Ada\n", 1, "list"),
        ("people:\n  - Ada\n", 2, "mapping"),
        ("people:\n  - role: chair\n", 2, "'name'"),
        ("people:\n  - name: Ada\n    age: 52\n", 3, "unknown field"),
        ("people:\n  - name: Ada\n    aliases: Okafor\n", 3, "'aliases'"),
        ("places:\n  - name: Bay\n\n    names: [a, b]\n", 4, "'names'"),
        ("people:\n  - name: Ada\n    aliases: [Okafor, 7]\n", 3, "alias"),
    ],
)
def test_wrong_shape_names_the_line(tmp_path, text, line, words):
    with pytest.raises(SourceError) as err:
        load_registry(_write(tmp_path, text))
    assert err.value.line == line
    assert words in err.value.message
