"""Extraction quality of the briefing pipeline against the hand-annotated gold set.

    .venv/bin/python bench/extraction.py             # the table
    .venv/bin/python bench/extraction.py --verbose   # plus one block per article: misses, false positives
    .venv/bin/python bench/extraction.py --json      # the figures as JSON
    .venv/bin/python bench/extraction.py --only 05 --verbose   # articles whose name starts with 05
    .venv/bin/python bench/extraction.py --gold DIR  # another annotated set (e.g. a held-out one)

Every gold article (tests/data/gold/NN-slug.txt) is built as a brief of its
own with the real pipeline (``briefing.pipeline.build_from_files``: read,
parse, assemble) and the brief as data (``brief.json``, DESIGN.md section 5)
is compared with the annotation NN-slug.json. Rewrite pairs are also built
as two-source briefs. See bench/README.md for what each figure means.

Nothing here is tuned to the extractor: it reads only the brief.json
contract and ``ParsedSource.sentences`` (for the lead baseline).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
try:
    import briefing  # noqa: F401  (installed in the venv, or taken from plugins/)
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(ROOT / "plugins"))

from briefing.pipeline import build_from_files  # noqa: E402
from briefing.serialize import brief_to_dict  # noqa: E402

from bench.scoring import (  # noqa: E402
    PRF,
    Span,
    all_spans,
    hits,
    match,
    nth_span,
    overlap,
    prf,
    ratio,
    same_speaker,
)

GOLD = ROOT / "tests" / "data" / "gold"
LOOSE, STRICT = 0.3, 0.8  # quote span overlap thresholds
KEY_FACT = 0.5  # key point evidence vs key fact sentence
NOT_QUOTE = 0.3  # a predicted quote this close to a not-quote extracted it


# ---------------------------------------------------------------------------
# gold
# ---------------------------------------------------------------------------


@dataclass
class GoldQuote:
    text: str
    span: Span
    speaker: str | None
    partial: bool


@dataclass
class Gold:
    stem: str
    path: Path
    raw: str
    form: str
    rewrite_of: str | None
    quotes: list[GoldQuote]
    facts: list[tuple[str, Span]]
    not_quotes: list[tuple[str, Span]]  # every occurrence


def load_gold(stem: str) -> Gold:
    path = GOLD / f"{stem}.txt"
    raw = path.read_bytes().decode("utf-8")
    data = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    quotes = []
    for q in data["quotes"]:
        span = nth_span(raw, q["text"], q["occurrence"])
        if span is None:
            raise SystemExit(f"{stem}: gold quote not in the article: {q['text']!r} (run tests/test_gold.py)")
        quotes.append(GoldQuote(q["text"], span, q["speaker"], q["partial"]))
    facts = []
    for f in data["key_facts"]:
        span = nth_span(raw, f, 1)
        if span is None:
            raise SystemExit(f"{stem}: gold key fact not in the article: {f!r}")
        facts.append((f, span))
    not_quotes = [(t, s) for t in data["not_quotes"] for s in all_spans(raw, t)]
    return Gold(stem, path, raw, data["form"], data["rewrite_of"], quotes, facts, not_quotes)


def gold_stems() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.txt"))


# ---------------------------------------------------------------------------
# predictions (from brief.json)
# ---------------------------------------------------------------------------


@dataclass
class PredQuote:
    span: Span
    text: str  # raw[start:end]
    speaker: str | None
    aliases: tuple[str, ...]


@dataclass
class Built:
    brief: dict[str, Any]
    sources: dict[str, Any]  # source id -> ParsedSource
    ids: dict[str, str]  # gold stem -> source id
    problems: list[str]
    seconds: float


def build(golds: list[Gold]) -> Built:
    t0 = time.perf_counter()
    try:
        result = build_from_files([g.path for g in golds], None)
    except Exception as error:  # the pipeline promises not to raise; say so if it does
        return Built({}, {}, {}, [f"build_from_files raised {type(error).__name__}: {error}"],
                     time.perf_counter() - t0)
    seconds = time.perf_counter() - t0
    brief = brief_to_dict(result.brief)
    sources = {s.id: s for s in result.sources}
    ids = {}
    for g in golds:
        sid = next((s.id for s in result.sources if Path(s.path).stem == g.stem), None)
        if sid is None:  # could not be read: fall back on the slug of the stem
            from briefing.parse import source_id_for

            sid = source_id_for(g.path)
        ids[g.stem] = sid
    return Built(brief, sources, ids, [str(p) for p in result.problems], seconds)


def predicted_quotes(built: Built, source_id: str) -> list[PredQuote]:
    entities = {e["id"]: e for e in built.brief.get("entities", [])}
    raw = built.sources[source_id].raw if source_id in built.sources else ""
    out = []
    for q in built.brief.get("quotes", []):
        speaker = q.get("speaker")
        name = speaker["name"] if speaker else None
        aliases: tuple[str, ...] = ()
        if speaker and speaker.get("id") in entities:
            entity = entities[speaker["id"]]
            aliases = (entity.get("name", ""), *entity.get("aliases", []))
        for ev in q.get("evidence", []):
            if ev["source"] == source_id:
                span = (ev["start"], ev["end"])
                out.append(PredQuote(span, raw[span[0]:span[1]], name, aliases))
    out.sort(key=lambda p: p.span)
    return out


def predicted_key_points(built: Built, source_id: str) -> list[tuple[str, list[Span]]]:
    """Non-commentary key points with their evidence spans in this source."""
    out = []
    for kp in built.brief.get("key_points", []):
        if kp.get("commentary") or kp.get("editorial"):
            continue
        spans = [(e["start"], e["end"]) for e in kp.get("evidence", []) if e["source"] == source_id]
        out.append((kp.get("text", ""), spans))
    return out


# ---------------------------------------------------------------------------
# scoring one source of one brief
# ---------------------------------------------------------------------------


@dataclass
class QuoteScore:
    loose: PRF
    strict: PRF
    speaker_right: int
    speaker_total: int
    not_quote_fp: int
    not_quote_total: int
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_speakers: list[str] = field(default_factory=list)
    not_quote_hits: list[str] = field(default_factory=list)
    loose_only: list[str] = field(default_factory=list)  # matched at 30% but not at 80%


def score_quotes(gold: Gold, preds: list[PredQuote]) -> QuoteScore:
    pspans = [p.span for p in preds]
    gspans = [q.span for q in gold.quotes]
    loose_pairs = match(pspans, gspans, LOOSE)
    strict_pairs = match(pspans, gspans, STRICT)
    s = QuoteScore(
        loose=prf(len(loose_pairs), len(preds), len(gspans)),
        strict=prf(len(strict_pairs), len(preds), len(gspans)),
        speaker_right=0,
        speaker_total=len(loose_pairs),
        not_quote_fp=0,
        not_quote_total=len(gold.not_quotes),
    )
    strict_gold = {p.gold for p in strict_pairs}
    for pair in loose_pairs:
        g, p = gold.quotes[pair.gold], preds[pair.pred]
        if same_speaker(g.speaker, p.speaker, p.aliases):
            s.speaker_right += 1
        else:
            s.wrong_speakers.append(f"{_short(g.text)!r}: gold {g.speaker!r}, got {p.speaker!r}")
        if pair.gold not in strict_gold:
            s.loose_only.append(f"gold {_short(g.text)!r} ~ got {_short(p.text)!r} ({pair.overlap:.0%})")
    matched_gold = {p.gold for p in loose_pairs}
    matched_pred = {p.pred for p in loose_pairs}
    s.misses = [f"{_short(q.text)!r} ({q.speaker or 'no speaker'})"
                for i, q in enumerate(gold.quotes) if i not in matched_gold]
    s.false_positives = [f"{_short(p.text)!r} ({p.speaker or 'no speaker'})"
                         for i, p in enumerate(preds) if i not in matched_pred]
    for text, span in gold.not_quotes:
        if any(overlap(p, span) >= NOT_QUOTE for p in pspans):
            s.not_quote_fp += 1
            s.not_quote_hits.append(repr(text))
    return s


@dataclass
class KeyPointScore:
    n_points: int
    hit_points: int
    n_lead: int
    hit_lead: int
    n_facts: int
    facts_found: int
    facts_found_lead: int
    off_points: list[str] = field(default_factory=list)
    missed_facts: list[str] = field(default_factory=list)


def score_key_points(gold: Gold, built: Built, source_id: str) -> KeyPointScore:
    points = predicted_key_points(built, source_id)
    fact_spans = [span for _, span in gold.facts]
    raw = gold.raw
    point_hit = []
    facts_hit = [False] * len(fact_spans)
    off = []
    for text, spans in points:
        p_hit, t_hit = hits(spans, fact_spans, KEY_FACT)
        point_hit.append(any(p_hit))
        facts_hit = [a or b for a, b in zip(facts_hit, t_hit)]
        if not any(p_hit):
            shown = raw[spans[0][0]:spans[0][1]] if spans else text
            off.append(_short(shown, 90))
    n = len(points)
    parsed = built.sources.get(source_id)
    lead = [(s.start, s.end) for s in parsed.sentences[:n]] if parsed is not None else []
    lead_hit, lead_facts = hits(lead, fact_spans, KEY_FACT)
    return KeyPointScore(
        n_points=n,
        hit_points=sum(point_hit),
        n_lead=len(lead),
        hit_lead=sum(lead_hit),
        n_facts=len(fact_spans),
        facts_found=sum(facts_hit),
        facts_found_lead=sum(lead_facts),
        off_points=off,
        missed_facts=[_short(f, 90) for (f, _), h in zip(gold.facts, facts_hit) if not h],
    )


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------
# the run
# ---------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    quotes: QuoteScore
    keypoints: KeyPointScore | None
    problems: list[str]
    seconds: float


def run(stems: list[str]) -> dict[str, Any]:
    golds = {s: load_gold(s) for s in gold_stems()}
    singles: list[Row] = []
    for stem in stems:
        gold = golds[stem]
        built = build([gold])
        sid = built.ids.get(stem, "")
        singles.append(Row(stem, score_quotes(gold, predicted_quotes(built, sid)),
                           score_key_points(gold, built, sid), built.problems, built.seconds))

    pair_rows: list[Row] = []
    rewrites = []
    for stem in stems:
        original = golds[stem].rewrite_of
        if not original:
            continue
        pair = [golds[original], golds[stem]]
        built = build(pair)
        for g in pair:
            sid = built.ids.get(g.stem, "")
            pair_rows.append(Row(f"{original} + {stem} :: {g.stem}",
                                 score_quotes(g, predicted_quotes(built, sid)), None,
                                 built.problems, built.seconds))
        attributions = {s["id"]: s for s in built.brief.get("sources", [])}
        rid, oid = built.ids.get(stem), built.ids.get(original)
        got = attributions.get(rid, {}).get("derived_from")
        back = attributions.get(oid, {}).get("derived_from")
        rewrites.append({"rewrite": stem, "original": original, "derived_from": got,
                         "correct": got == oid, "original_derived_from": back,
                         "problems": built.problems})
    return {"singles": singles, "pairs": pair_rows, "rewrites": rewrites}


def totals(rows: list[Row]) -> dict[str, Any]:
    loose = sum((r.quotes.loose for r in rows), PRF(0, 0, 0))
    strict = sum((r.quotes.strict for r in rows), PRF(0, 0, 0))
    right = sum(r.quotes.speaker_right for r in rows)
    total = sum(r.quotes.speaker_total for r in rows)
    out: dict[str, Any] = {
        "articles": len(rows),
        "quotes_at_30": loose.as_dict(),
        "quotes_at_80": strict.as_dict(),
        "speaker_accuracy": ratio(right, total),
        "speaker_right": right,
        "speaker_matched": total,
        "not_quotes_extracted": sum(r.quotes.not_quote_fp for r in rows),
        "not_quotes_total": sum(r.quotes.not_quote_total for r in rows),
        "articles_with_problems": sum(1 for r in rows if r.problems),
    }
    kps = [r.keypoints for r in rows if r.keypoints is not None]
    if kps:
        out["key_points"] = {
            "points": sum(k.n_points for k in kps),
            "precision": ratio(sum(k.hit_points for k in kps), sum(k.n_points for k in kps)),
            "lead_sentences": sum(k.n_lead for k in kps),
            "lead_precision": ratio(sum(k.hit_lead for k in kps), sum(k.n_lead for k in kps)),
            "key_facts": sum(k.n_facts for k in kps),
            "fact_recall": ratio(sum(k.facts_found for k in kps), sum(k.n_facts for k in kps)),
            "lead_fact_recall": ratio(sum(k.facts_found_lead for k in kps), sum(k.n_facts for k in kps)),
        }
    return out


def _pct(x: float | None) -> str:
    return "   –  " if x is None else f"{x:6.1%}"


def print_table(result: dict[str, Any], verbose: bool) -> None:
    singles, pairs, rewrites = result["singles"], result["pairs"], result["rewrites"]
    where = GOLD.relative_to(ROOT) if GOLD.is_relative_to(ROOT) else GOLD
    print(f"Extraction against the gold set ({len(singles)} articles, {where})\n")
    head = f"{'':26} {'P':>6} {'R':>6} {'F1':>6}   {'tp/pred/gold':>14}"
    for label, rows in (("single-article briefs", singles), ("rewrite pairs (two-source briefs)", pairs)):
        if not rows:
            continue
        t = totals(rows)
        print(f"== {label}: {t['articles']} {'articles' if rows is singles else 'article scores'}")
        print(head)
        for key, name in (("quotes_at_30", "quotes @30% overlap"), ("quotes_at_80", "quotes @80% overlap")):
            q = t[key]
            print(f"{name:26} {_pct(q['precision'])} {_pct(q['recall'])} {_pct(q['f1'])}   "
                  f"{q['tp']:>4}/{q['pred']:>4}/{q['gold']:>4}")
        print(f"{'speaker accuracy':26} {_pct(t['speaker_accuracy'])}   "
              f"({t['speaker_right']} of {t['speaker_matched']} gold quotes matched @30%)")
        print(f"{'not-quotes extracted':26} {t['not_quotes_extracted']:>6}   "
              f"(of {t['not_quotes_total']} scare quotes, titles, placards)")
        if "key_points" in t:
            k = t["key_points"]
            print(f"{'key points':26} {'brief':>6} {'lead':>6}")
            print(f"{'  precision':26} {_pct(k['precision'])} {_pct(k['lead_precision'])}   "
                  f"({k['points']} key points; lead = first N story sentences, same N)")
            print(f"{'  key-fact recall':26} {_pct(k['fact_recall'])} {_pct(k['lead_fact_recall'])}   "
                  f"(of {k['key_facts']} annotated key facts)")
        if t["articles_with_problems"]:
            print(f"{'build problems':26} {t['articles_with_problems']:>6}   articles (see --verbose)")
        print()
    if rewrites:
        right = sum(1 for r in rewrites if r["correct"])
        print(f"== rewrites: derived_from points from the rewrite to the original in {right} of {len(rewrites)} pairs")
        for r in rewrites:
            mark = "ok " if r["correct"] else "NO "
            extra = f"; original says derived_from={r['original_derived_from']!r}" if r["original_derived_from"] else ""
            print(f"  {mark} {r['rewrite']} -> {r['original']} (got {r['derived_from']!r}{extra})")
        print()
    if not verbose:
        return
    print("== per article (single-article briefs)")
    print(f"{'article':34} {'qP@30':>6} {'qR@30':>6} {'qF@80':>6} {'spk':>6} {'kpP':>6} {'lead':>6} {'secs':>5}")
    for r in singles:
        q, k = r.quotes, r.keypoints
        print(f"{r.name[:34]:34} {_pct(q.loose.precision)} {_pct(q.loose.recall)} {_pct(q.strict.f1)} "
              f"{_pct(ratio(q.speaker_right, q.speaker_total))} {_pct(ratio(k.hit_points, k.n_points))} "
              f"{_pct(ratio(k.hit_lead, k.n_lead))} {r.seconds:5.2f}")
    print()
    for r in singles + pairs:
        _print_details(r)


def _print_details(r: Row) -> None:
    q, k = r.quotes, r.keypoints
    lines = []
    lines += [f"  problem: {p}" for p in r.problems]
    lines += [f"  missed quote: {m}" for m in q.misses]
    lines += [f"  false quote: {m}" for m in q.false_positives]
    lines += [f"  wrong speaker: {m}" for m in q.wrong_speakers]
    lines += [f"  span off (matched @30 only): {m}" for m in q.loose_only]
    lines += [f"  not-quote extracted: {m}" for m in q.not_quote_hits]
    if k is not None:
        lines += [f"  key point not a key fact: {m!r}" for m in k.off_points]
        lines += [f"  key fact missed: {m!r}" for m in k.missed_facts]
    if lines:
        print(f"-- {r.name}")
        print("\n".join(lines))


def as_json(result: dict[str, Any]) -> dict[str, Any]:
    def row(r: Row) -> dict[str, Any]:
        out = {
            "article": r.name,
            "quotes_at_30": r.quotes.loose.as_dict(),
            "quotes_at_80": r.quotes.strict.as_dict(),
            "speaker_accuracy": ratio(r.quotes.speaker_right, r.quotes.speaker_total),
            "not_quotes_extracted": r.quotes.not_quote_fp,
            "misses": r.quotes.misses,
            "false_positives": r.quotes.false_positives,
            "wrong_speakers": r.quotes.wrong_speakers,
            "problems": r.problems,
        }
        if r.keypoints is not None:
            k = r.keypoints
            out["key_points"] = {"points": k.n_points, "precision": ratio(k.hit_points, k.n_points),
                                 "lead_precision": ratio(k.hit_lead, k.n_lead),
                                 "fact_recall": ratio(k.facts_found, k.n_facts)}
        return out

    rewrites = result["rewrites"]
    return {
        "single": totals(result["singles"]),
        "pairs": totals(result["pairs"]) if result["pairs"] else None,
        "rewrites": {"pairs": len(rewrites), "correct": sum(1 for r in rewrites if r["correct"]),
                     "detail": rewrites},
        "articles": [row(r) for r in result["singles"]],
        "pair_articles": [row(r) for r in result["pairs"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="per-article rows, misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--gold", metavar="DIR", type=Path,
                        help="an annotated set in the gold format (default: tests/data/gold)")
    parser.add_argument("--only", metavar="PREFIX", action="append",
                        help="only gold articles whose name starts with PREFIX (repeatable)")
    args = parser.parse_args(argv)
    if args.gold:
        global GOLD
        GOLD = args.gold.resolve()
    stems = gold_stems()
    if args.only:
        stems = [s for s in stems if any(s.startswith(p) for p in args.only)]
        if not stems:
            parser.error(f"no gold article starts with {args.only}")
    result = run(stems)
    if args.json:
        print(json.dumps(as_json(result), indent=2, ensure_ascii=False))
    else:
        print_table(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
