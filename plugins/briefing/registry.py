"""The optional editorial registry ``content/data/entities.yml``.

Editors use it to give people their roles, to tie name forms together and
to record which side uses which name of a disputed place::

    people:
      - name: Full Name
        role: Minister of Things
        aliases: [Name]
    places:
      - name: Old Name Bay
        aliases: [New Name Bay]
        names: {Landia: Old Name Bay, Otherland: New Name Bay}
    organisations:
      - name: Ministry of Things
        aliases: [the ministry]

Every problem raises ``SourceError(path, message, line)`` with the line yaml
reports (syntax) or the line of the offending node (shape).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import ORGANISATION, PERSON, PLACE, Registry, RegistryEntry, SourceError

SECTIONS = {"people": PERSON, "places": PLACE, "organisations": ORGANISATION}
FIELDS = {"name", "role", "aliases", "names"}


class _Shape(Exception):
    def __init__(self, message: str, path: tuple):
        super().__init__(message)
        self.message, self.path = message, path


def _node_line(node: yaml.Node | None, path: tuple) -> int | None:
    """1-based line of what ``path`` (keys and indexes) points at in a composed tree.

    A key's own line is given (``names:``), and where the path leaves the
    tree (a missing ``name``), the line of the deepest node it reached.
    """
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == step), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def _text(value: Any, path: tuple, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Shape(f"{what} must be non-empty text", path)
    return value.strip()


def _entry(kind: str, item: Any, path: tuple) -> RegistryEntry:
    if not isinstance(item, dict):
        raise _Shape("each entry must be a mapping with at least 'name'", path)
    unknown = sorted(set(map(str, item)) - FIELDS)
    if unknown:
        raise _Shape(f"unknown field {unknown[0]!r}; use {', '.join(sorted(FIELDS))}", path + (unknown[0],))
    name = _text(item.get("name"), path + ("name",), "'name'")
    role = _text(item["role"], path + ("role",), "'role'") if item.get("role") is not None else None
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise _Shape("'aliases' must be a list of names", path + ("aliases",))
    names = item.get("names") or {}
    if not isinstance(names, dict):
        raise _Shape("'names' must map who uses a name to the name", path + ("names",))
    return RegistryEntry(
        kind=kind,
        name=name,
        role=role,
        aliases=tuple(_text(a, path + ("aliases", i), "an alias") for i, a in enumerate(aliases)),
        names_by_user=tuple(
            (_text(n, path + ("names", u), "a name"), _text(u, path + ("names", u), "a user"))
            for u, n in names.items()
        ),
    )


def _entries(data: Any) -> tuple[RegistryEntry, ...]:
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise _Shape(f"the file must be a mapping with {', '.join(SECTIONS)}", ())
    entries = []
    for section, items in data.items():
        if section not in SECTIONS:
            raise _Shape(f"unknown section {section!r}; use {', '.join(SECTIONS)}", (section,))
        if items is None:
            continue
        if not isinstance(items, list):
            raise _Shape(f"{section!r} must be a list of entries", (section,))
        entries += [_entry(SECTIONS[section], item, (section, i)) for i, item in enumerate(items)]
    return tuple(entries)


def parse_registry(text: str, path: str = "entities.yml") -> Registry:
    """The registry in ``text``; ``path`` is only used in messages."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise SourceError(path, f"not valid YAML: {problem}; fix the syntax", line) from err
    try:
        return Registry(entries=_entries(data))
    except _Shape as err:
        line = _node_line(yaml.compose(text, Loader=yaml.SafeLoader), err.path)
        raise SourceError(path, err.message, line) from None


def load_registry(path: str | Path) -> Registry:
    """The registry at ``path``; an empty one when the (optional) file is absent."""
    path = Path(path)
    if not path.is_file():
        return Registry()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(str(path), f"cannot be read: {err}") from err
    return parse_registry(text, str(path))
