"""Score event records against the gold event file.

    # the record builder alone: records built from the gold spans and relations of each gold document
    python -m training.evaluate_events --gold annotations/events.jsonl --docs annotations/
    # end to end: records built from a model's predicted spans and relations
    python -m model.predict --input-jsonl docs.jsonl --output pred.jsonl        # docs: {"id","text","meta"} lines
    python -m training.evaluate_events --gold annotations/events.jsonl --docs annotations/ --predictions pred.jsonl

Options: `--split seeds|train|dev|test` (seeds = the seed-* documents; splits from annotations/splits.json),
`--ids FILE` (only the documents listed, one id per line, `#` comments: e.g. annotations/events_train_batch3.txt),
`--skip-missing` (score only the gold documents present in --docs),
`--output report.json`, `--show-errors` (each field mismatch, for reading); `--against other.jsonl` scores a second
annotator's records for the same documents (on the gold spans) against `--gold`: inter-annotator agreement.
With `--predictions`, records are rebuilt from the predicted spans and relations with the gold document's `meta`
(the publication date is input, not model output); `--as-predicted` scores the `events` stored in the prediction
file instead.

Matching: a predicted and a gold record match when they share a mention: a predicted trigger span that overlaps
a gold mention span (same offsets in gold-span mode). Pairs are chosen one to one, most shared mentions first
(ties: higher Jaccard of the mention sets). Event P = matched / predicted records, R = matched / gold records.

Fields, on the matched pairs ("accuracy") and over all gold records with an unmatched gold record counted wrong
("of gold"): type; date (start and end equal; null == unresolved); country; place (the most specific place: the
same normalized text, whichever mention of it, or overlapping spans; null == null); killed / wounded / captured: "exact" when min and
max are equal (null == null), "within" when the predicted interval lies inside the gold one (an open bound is
unbounded); attackers, targets, victims, sources: the sets of normalized entity texts are equal ("exact"), and
micro P/R/F1 over those texts; aggregate flag. The last row counts the trigger spans left out of the records as
naming no real event (`model.factuality`: a ceasefire, a negated, planned or hypothetical action), and how many of
them are gold triggers (each of those a record the builder may have missed).
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from model.document import Document, DocumentError, iter_jsonl, load_documents
from model.events import build_events
from model.factuality import non_events
from model.numbers import norm_letters
from model.schema import SCHEMA

logger = logging.getLogger("training.evaluate_events")
COUNT_FIELDS = ("killed", "wounded", "captured")
SET_FIELDS = ("attackers", "targets", "victims", "sources")
SIMPLE_FIELDS = ("type", "date", "country", "place", "aggregate")


def load_gold_events(path: str | Path) -> dict[str, list[dict]]:
    return {str(obj["id"]): obj.get("events", []) for _, obj in iter_jsonl(path)}


def entity_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'«»“”()]", "", norm_letters(text))).strip()


def _spans(doc: Document, ids: list[str]) -> list[tuple[int, int]]:
    ents = doc.entity_by_id()
    return [(ents[i].start, ents[i].end) for i in ids if i in ents]


def _overlap(a: tuple[int, int], b: tuple[int, int], exact: bool) -> bool:
    return a == b if exact else a[0] < b[1] and b[0] < a[1]


def match_events(gold: list[dict], pred: list[dict], gdoc: Document, pdoc: Document,
                 exact: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs that share at least one mention."""
    gsp = [_spans(gdoc, g.get("mentions", [])) for g in gold]
    psp = [_spans(pdoc, p.get("mentions", [])) for p in pred]
    cands = []
    for i, gs in enumerate(gsp):
        for j, ps in enumerate(psp):
            shared = sum(any(_overlap(a, b, exact) for b in gs) for a in ps)
            if shared:
                cands.append((shared, shared / (len(gs) + len(ps) - shared), i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, _, i, j in sorted(cands, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def _date(ev: dict) -> tuple | None:
    d = ev.get("date")
    if not d or (d.get("start") is None and d.get("end") is None):
        return None
    return d.get("start"), d.get("end")


def _bounds(c: dict | None) -> tuple | None:
    return None if c is None else (c.get("min"), c.get("max"))


def count_exact(g: dict | None, p: dict | None) -> bool:
    return _bounds(g) == _bounds(p)


def count_within(g: dict | None, p: dict | None) -> bool:
    """The predicted interval lies inside the gold one (null only matches null)."""
    if g is None or p is None:
        return g is None and p is None
    glo, ghi, plo, phi = g.get("min"), g.get("max"), p.get("min"), p.get("max")
    lo_ok = glo is None or (plo is not None and plo >= glo)
    hi_ok = ghi is None or (phi is not None and phi <= ghi)
    return lo_ok and hi_ok


def _texts(doc: Document, ids: list[str]) -> set[str]:
    ents = doc.entity_by_id()
    return {entity_key(ents[i].text) for i in ids or [] if i in ents}


def _place_ok(g: dict, p: dict, gdoc: Document, pdoc: Document, exact: bool) -> bool:
    """The same place: the same normalized text (any mention of it), or overlapping spans."""
    gs, ps = _spans(gdoc, [g["place"]] if g.get("place") else []), _spans(pdoc, [p["place"]] if p.get("place") else [])
    if not gs or not ps:
        return not gs and not ps
    return _texts(gdoc, [g["place"]]) == _texts(pdoc, [p["place"]]) or _overlap(gs[0], ps[0], exact)


@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    right: dict = field(default_factory=lambda: defaultdict(int))
    set_counts: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))  # tp, n_pred, n_gold
    non_events: list = field(default_factory=lambda: [0, 0])  # trigger spans left out (model.factuality), gold ones
    errors: list = field(default_factory=list)

    def add_pair(self, g: dict, p: dict, gdoc: Document, pdoc: Document, exact: bool, doc_id: str) -> None:
        checks = {
            "type": g.get("type") == p.get("type"),
            "date": _date(g) == _date(p),
            "country": g.get("country") == p.get("country"),
            "place": _place_ok(g, p, gdoc, pdoc, exact),
            "aggregate": bool(g.get("aggregate")) == bool(p.get("aggregate")),
        }
        for f in COUNT_FIELDS:
            checks[f"{f}_exact"] = count_exact(g.get(f), p.get(f))
            checks[f"{f}_within"] = count_within(g.get(f), p.get(f))
        for f in SET_FIELDS:
            gt, pt = _texts(gdoc, g.get(f, [])), _texts(pdoc, p.get(f, []))
            checks[f"{f}_exact"] = gt == pt
            c = self.set_counts[f]
            c[0], c[1], c[2] = c[0] + len(gt & pt), c[1] + len(pt), c[2] + len(gt)
        for k, ok in checks.items():
            self.right[k] += ok
            if not ok:
                self.errors.append((doc_id, g.get("id"), p.get("id"), k, _show(k, g, p)))

    def report(self) -> dict:
        def div(a, b):
            return round(a / b, 4) if b else None
        p, r = div(self.matched, self.pred), div(self.matched, self.gold)
        out = {"gold_events": self.gold, "predicted_events": self.pred, "matched": self.matched,
               "event_precision": p, "event_recall": r,
               "event_f1": round(2 * p * r / (p + r), 4) if p and r else 0.0,
               "accuracy": {k: div(v, self.matched) for k, v in sorted(self.right.items())},
               "of_gold": {k: div(v, self.gold) for k, v in sorted(self.right.items())}}
        counts = [f"{f}_exact" for f in COUNT_FIELDS]
        out["counts_exact_of_gold_fields"] = div(sum(self.right[k] for k in counts), 3 * self.gold)
        out["non_event_triggers"], out["non_event_triggers_gold"] = self.non_events
        out["sets_f1"] = {}
        for f, (tp, npred, ngold) in sorted(self.set_counts.items()):
            sp, sr = div(tp, npred), div(tp, ngold)
            out["sets_f1"][f] = {"p": sp, "r": sr, "f1": round(2 * sp * sr / (sp + sr), 4) if sp and sr else 0.0}
        return out


def _show(key: str, g: dict, p: dict) -> str:
    f = key.rsplit("_", 1)[0] if key.endswith(("_exact", "_within")) else key
    return f"gold={json.dumps(g.get(f), ensure_ascii=False)} pred={json.dumps(p.get(f), ensure_ascii=False)}"


def score(gold_events: dict[str, list[dict]], gold_docs: dict[str, Document],
          pred_docs: dict[str, Document] | None = None, rebuild: bool = True,
          groups: dict[str, str] | None = None, against: dict[str, list[dict]] | None = None) -> dict[str, Tally]:
    """Tallies per group ("all" plus each value of `groups`), from gold spans (pred_docs None), predictions, or
    another annotator's records on the same gold spans (`against`: document id -> records)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc_id, gold in gold_events.items():
        gdoc = gold_docs.get(doc_id)
        if gdoc is None:
            raise DocumentError(f"gold events name document {doc_id!r}, which is not in --docs")
        if against is not None:
            if doc_id not in against:
                raise DocumentError(f"document {doc_id!r} has no records in --against")
            pdoc, exact, pred = gdoc, True, against[doc_id]
        elif pred_docs is None:
            pdoc, exact = gdoc, True
            pred = build_events(gdoc)
        else:
            pdoc, exact = pred_docs.get(doc_id), False
            if pdoc is None:
                raise DocumentError(f"document {doc_id!r} has no prediction")
            pdoc.meta = {**gdoc.meta, **{k: v for k, v in pdoc.meta.items() if v}}
            pred = build_events(pdoc) if rebuild else pdoc.extra.get("events", [])
        pairs = match_events(gold, pred, gdoc, pdoc, exact)
        left_out = _non_events(gdoc, pdoc, exact) if against is None else [0, 0]
        for name in ("all", (groups or {}).get(doc_id)):
            if name is None:
                continue
            t = tallies[name]
            t.gold, t.pred, t.matched = t.gold + len(gold), t.pred + len(pred), t.matched + len(pairs)
            t.non_events = [t.non_events[0] + left_out[0], t.non_events[1] + left_out[1]]
            for i, j in pairs:
                t.add_pair(gold[i], pred[j], gdoc, pdoc, exact, doc_id)
            if name == "all":
                matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
                t.errors += [(doc_id, gold[i].get("id"), None, "unmatched gold", ",".join(gold[i].get("mentions", [])))
                             for i in range(len(gold)) if i not in matched_g]
                t.errors += [(doc_id, None, pred[j].get("id"), "unmatched prediction",
                              ",".join(pred[j].get("mentions", []))) for j in range(len(pred)) if j not in matched_p]
    return tallies


def _non_events(gdoc: Document, pdoc: Document, exact: bool) -> list[int]:
    """[trigger spans of pdoc that make no record (`model.factuality`), how many of them are gold triggers]."""
    gold_spans = [(e.start, e.end) for e in gdoc.entities if e.label in SCHEMA.trigger_labels]
    ents = pdoc.entity_by_id()
    left = [ents[n["mention"]] for n in non_events(pdoc) if n["mention"] in ents]
    return [len(left), sum(any(_overlap((e.start, e.end), g, exact) for g in gold_spans) for e in left)]


def read_ids(path: str | Path) -> list[str]:
    """Document ids, one per line; blank lines and `#` comments skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise DocumentError(f"{path}: {err.strerror}") from None
    return [t for line in lines if (t := line.split("#", 1)[0].strip())]


def _only(gold: dict[str, list[dict]], ids: list[str], path: str) -> dict[str, list[dict]]:
    missing = [i for i in ids if i not in gold]
    if missing:
        raise DocumentError(f"{path}: no gold event records for {', '.join(missing[:5])}"
                            + (f" and {len(missing) - 5} more" if len(missing) > 5 else ""))
    return {d: gold[d] for d in ids}


def split_groups(doc_ids, splits_file: Path) -> dict[str, str]:
    splits = json.loads(splits_file.read_text(encoding="utf-8")) if splits_file.exists() else {}
    return {d: "seeds" if d.startswith("seed-") else splits.get(d, "unsplit") for d in doc_ids}


def format_table(reports: dict[str, dict]) -> str:
    keys = ["event_precision", "event_recall", "event_f1", "counts_exact_of_gold_fields"]
    fields = ["type", "date", "country", "place", "killed_exact", "killed_within", "wounded_exact",
              "wounded_within", "captured_exact", "captured_within", "attackers_exact", "targets_exact",
              "victims_exact", "sources_exact", "aggregate"]
    names = list(reports)
    lines = ["| figure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines.append("| gold / predicted / matched events | " + " | ".join(
        f"{r['gold_events']} / {r['predicted_events']} / {r['matched']}" for r in reports.values()) + " |")
    for k in keys:
        lines.append(f"| {k} | " + " | ".join(_pct(r[k]) for r in reports.values()) + " |")
    for f in fields:
        lines.append(f"| {f} (matched; of gold) | " + " | ".join(
            f"{_pct(r['accuracy'].get(f))}; {_pct(r['of_gold'].get(f))}" for r in reports.values()) + " |")
    for f in SET_FIELDS:
        lines.append(f"| {f} text F1 | " + " | ".join(_pct(r["sets_f1"].get(f, {}).get("f1"))
                                                       for r in reports.values()) + " |")
    lines.append("| triggers of no real event, left out (of them gold triggers) | " + " | ".join(
        f"{r['non_event_triggers']} ({r['non_event_triggers_gold']})" for r in reports.values()) + " |")
    return "\n".join(lines)


def _pct(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.evaluate_events", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="annotations/events.jsonl", help="gold event records (JSONL)")
    ap.add_argument("--docs", nargs="+", default=["annotations/"], help="gold documents (files or folders)")
    ap.add_argument("--predictions", help="predicted documents (python -m model.predict ... --format jsonl)")
    ap.add_argument("--as-predicted", action="store_true", help="score the events stored in --predictions as is")
    ap.add_argument("--against", help="another annotator's event file for the same gold documents: scores it "
                                      "against --gold on the gold spans (an agreement study; only its documents)")
    ap.add_argument("--split", help="only documents of this split (seeds, train, dev, test)")
    ap.add_argument("--splits-file", default="annotations/splits.json")
    ap.add_argument("--ids", help="score only the documents listed in this file (one id per line)")
    ap.add_argument("--output", help="write the report (JSON) here")
    ap.add_argument("--show-errors", action="store_true", help="print every mismatch")
    ap.add_argument("--skip-missing", action="store_true",
                    help="score only the gold documents found in --docs (e.g. --docs annotations/ant.jsonl: the "
                         "original ANT documents) instead of stopping at the first missing one")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        gold = load_gold_events(args.gold)
        docs = {d.id: d for d in load_documents(args.docs)}
        preds = {d.id: d for d in load_documents([args.predictions])} if args.predictions else None
        against = load_gold_events(args.against) if args.against else None
        if against is not None:
            gold = {d: e for d, e in gold.items() if d in against}
            if not gold:
                raise DocumentError(f"{args.against}: none of its documents has gold records in {args.gold}")
        if args.skip_missing:
            missing = [d for d in gold if d not in docs]
            gold = {d: e for d, e in gold.items() if d in docs}
            logger.info("skipped %d gold documents not in --docs", len(missing))
        if args.ids:
            gold = _only(gold, read_ids(args.ids), args.ids)
        groups = split_groups(gold, Path(args.splits_file))
        if args.split:
            gold = {d: e for d, e in gold.items() if groups.get(d) == args.split}
            if not gold:
                raise DocumentError(f"no gold event records for split {args.split!r}")
        tallies = score(gold, docs, preds, rebuild=not args.as_predicted, groups=groups, against=against)
    except (DocumentError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    reports = {name: t.report() for name, t in sorted(tallies.items(), key=lambda kv: kv[0] != "all")}
    if args.show_errors:
        for e in tallies["all"].errors:
            print("\t".join(str(x) for x in e))
    mode = f"{args.against} against" if against is not None else "end to end" if preds is not None \
        else "from gold spans and relations"
    print(f"{mode} ({args.gold})")
    print(format_table(reports))
    if args.output:
        from model.predict import write_atomic

        write_atomic(json.dumps(reports, ensure_ascii=False, indent=2) + "\n", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
