"""``brief.json``: the Brief as data, in the fixed shape of DESIGN.md section 5.

Keys come in the order the contract lists them; ``null`` stands for
unknown. Optional flags appear only when true or non-empty, so briefs
without them look exactly like the contract:

* ``"editorial": true`` on a key point or background item an editor wrote,
  and at the top level right after ``"summary"`` when the summary is the
  editor's (brief.md ``Summary:``) rather than a source sentence;
* ``"commentary": true`` on a key point that is an outlet's own view;
* ``"approximate": true`` on a timeline event resolved from "last week";
* ``"names": {who: name}`` on a place that sides name differently, and on
  the background when its topic is such a place;
* ``"qualifier"`` on a timeline event that is not a plain date: ``"since"``
  (a period starting then) or a season (``"spring"``...).

``"disagreements"`` (after ``"sources"``, always present, often empty) is
an addition to the contract: facts the sources tell with other numbers,
dates or people - ``{"id", "kind", "key_point": id|null, "claims":
[{"source", "value", "evidence": {...}}]}``.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from .model import (
    Background,
    BackgroundItem,
    Brief,
    Disagreement,
    Entity,
    Evidence,
    KeyPoint,
    Quote,
    SourceAttribution,
    Speaker,
    TimelineEvent,
)
from .templating import external_url


def _evidence(items: Iterable[Evidence]) -> list[dict[str, Any]]:
    return [{"source": e.source, "paragraph": e.paragraph, "start": e.start, "end": e.end} for e in items]


def _key_point(kp: KeyPoint) -> dict[str, Any]:
    out = {"id": kp.id, "text": kp.text, "sources": list(kp.sources), "evidence": _evidence(kp.evidence)}
    if kp.commentary:
        out["commentary"] = True
    if kp.editorial:
        out["editorial"] = True
    return out


def _speaker(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"id": speaker.id, "name": speaker.name, "role": speaker.role}


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "partial": q.partial,
        "speaker": _speaker(q.speaker),
        "sources": list(q.sources),
        "evidence": _evidence(q.evidence),
    }


def _background_item(item: BackgroundItem) -> dict[str, Any]:
    out = {"text": item.text, "sources": list(item.sources), "evidence": _evidence(item.evidence)}
    if item.editorial:
        out["editorial"] = True
    return out


def _background(background: Background) -> dict[str, Any]:
    out = {"topic": background.topic, "items": [_background_item(i) for i in background.items]}
    if background.names_by_user:
        out["names"] = {user: name for name, user in background.names_by_user}
    return out


def _event(event: TimelineEvent) -> dict[str, Any]:
    out = {
        "date": event.date,
        "text": event.text,
        "sources": list(event.sources),
        "evidence": _evidence(event.evidence),
    }
    if event.approximate:
        out["approximate"] = True
    if getattr(event, "qualifier", None):
        out["qualifier"] = event.qualifier
    return out


def _entity(entity: Entity) -> dict[str, Any]:
    out = {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "aliases": list(entity.aliases),
        "role": entity.role,
        "url": entity.url,
    }
    if entity.names_by_user:
        out["names"] = {user: name for name, user in sorted(entity.names_by_user, key=lambda p: (p[1], p[0]))}
    return out


def _source(source: SourceAttribution) -> dict[str, Any]:
    return {
        "id": source.id,
        "outlet": source.outlet,
        "title": source.title,
        "date": source.date,
        # only an http(s) link: a reader of brief.json makes it an href, and a
        # header line "URL: javascript:..." must not become one (null: unknown)
        "url": external_url(source.url),
        "dateline": source.dateline,
        "credits": list(source.credits),
        "derived_from": source.derived_from,
        "unique_points": list(source.unique_points),
        "page": source.page,
    }


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind,
        "key_point": d.key_point,
        "claims": [
            {"source": c.source, "value": c.value, "evidence": _evidence([c.evidence])[0]} for c in d.claims
        ],
    }


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    out: dict[str, Any] = {
        "schema": brief.schema,
        "slug": brief.slug,
        "title": brief.title,
        "date": brief.date,
        "url": brief.url,
        "summary": brief.summary,
    }
    if brief.summary_editorial:
        out["editorial"] = True
    out.update(
        {
            "key_points": [_key_point(kp) for kp in brief.key_points],
            "quotes": [_quote(q) for q in brief.quotes],
            "background": _background(brief.background),
            "timeline": [_event(e) for e in brief.timeline],
            "entities": [_entity(e) for e in brief.entities],
            "sources": [_source(s) for s in brief.sources],
            "disagreements": [_disagreement(d) for d in brief.disagreements],
        }
    )
    return out


def dumps(brief: Brief) -> str:
    """``brief.json`` text: deterministic, UTF-8 friendly, newline-terminated.

    One line per item (a key point, a quote, a source...), the containers
    around them indented: a diff of two builds shows each changed item as one
    changed line, and each line is written by json's C encoder. (``indent=2``
    puts every evidence field on a line of its own, and json can only do that
    in pure Python: it took about 30 ms a brief, a third of a rebuild.)
    """
    return _layout(brief_to_dict(brief), "") + "\n"


def _layout(value: Any, indent: str) -> str:
    """A dict or list broken over lines, except a dict inside a list: one line."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        lines = [f"{inner}{_compact(key)}: {_layout(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        lines = [inner + (_compact(item) if isinstance(item, dict) else _layout(item, inner)) for item in value]
        return "[\n" + ",\n".join(lines) + f"\n{indent}]"
    return _compact(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one, not one per call of json.dumps
_compact = _ENCODER.encode
