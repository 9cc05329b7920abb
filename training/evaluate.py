"""Score predictions against gold annotations: entities and relations, per label and micro.

    python -m training.evaluate --gold annotations/test.jsonl --predictions preds.jsonl --output metrics.json
    python -m training.evaluate --gold annotations/ --split test --model runs/ie   # predict, then score
    python -m training.evaluate --gold annotations/ --split dev --model runs/ie --int8   # the int8 CPU mode

Entities: exact character offsets and label; plus seqeval (strict IOB2) on the word view of the same spans.
Relations: `boundaries` (both spans' offsets and the relation label) and `strict` (also both span labels).
Gold and predictions are matched by document id; a gold document without a prediction is an error.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from model.document import Document, DocumentError, load_documents, write_jsonl
from model.text import split_words

logger = logging.getLogger(__name__)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "support": self.tp + self.fn, "predicted": self.tp + self.fp}


def _prf(gold: set, pred: set, label_of) -> dict:
    per = defaultdict(Counts)
    for x in gold & pred:
        per[label_of(x)].tp += 1
    for x in pred - gold:
        per[label_of(x)].fp += 1
    for x in gold - pred:
        per[label_of(x)].fn += 1
    micro = Counts(sum(c.tp for c in per.values()), sum(c.fp for c in per.values()), sum(c.fn for c in per.values()))
    return {"micro": micro.scores(), "per_label": {k: per[k].scores() for k in sorted(per)}}


def entity_set(docs: list[Document]) -> set:
    return {(d.id, e.start, e.end, e.label) for d in docs for e in d.entities}


def relation_sets(docs: list[Document]) -> tuple[set, set]:
    boundaries, strict = set(), set()
    for d in docs:
        ents = d.entity_by_id()
        for r in d.relations:
            h, t = ents[r.head], ents[r.tail]
            boundaries.add((d.id, h.start, h.end, t.start, t.end, r.label))
            strict.add((d.id, h.start, h.end, h.label, t.start, t.end, t.label, r.label))
    return boundaries, strict


def word_bio(doc: Document) -> list[str]:
    """IOB2 tags over the model-independent word view (`model.text.split_words`)."""
    words = split_words(doc.text)
    tags = ["O"] * len(words)
    starts = [s for s, _ in words]
    import bisect

    for e in sorted(doc.entities, key=lambda e: e.start):
        i = max(bisect.bisect_right(starts, e.start) - 1, 0)
        first = True
        while i < len(words) and words[i][0] < e.end:
            tags[i] = ("B-" if first else "I-") + e.label
            first, i = False, i + 1
    return tags


def seqeval_report(y_true: list[list[str]], y_pred: list[list[str]]) -> dict:
    """seqeval, strict IOB2, per label and averaged ("micro avg", ...): {label: {"precision", "recall", ...}}."""
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    rep = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    return {k: {m: float(v) for m, v in vals.items()} for k, vals in rep.items()}


def seqeval_scores(gold: list[Document], pred: list[Document]) -> dict:
    return seqeval_report([word_bio(d) for d in gold], [word_bio(d) for d in pred])


def score(gold: list[Document], pred: list[Document]) -> dict:
    by_id = {d.id: d for d in pred}
    missing = [d.id for d in gold if d.id not in by_id]
    if missing:
        raise DocumentError(f"no prediction for {len(missing)} gold document(s): {', '.join(missing[:10])}")
    pred = [by_id[d.id] for d in gold]
    gb, gs = relation_sets(gold)
    pb, ps = relation_sets(pred)
    return {
        "documents": len(gold),
        "entities": _prf(entity_set(gold), entity_set(pred), lambda x: x[3]),
        "entities_seqeval": seqeval_scores(gold, pred),
        "relations_boundaries": _prf(gb, pb, lambda x: x[-1]),
        "relations_strict": _prf(gs, ps, lambda x: x[-1]),
    }


def format_table(metrics: dict) -> str:
    lines = []
    for key, title in (("entities", "Entities (exact span + label)"), ("relations_boundaries", "Relations, boundaries"),
                       ("relations_strict", "Relations, strict")):
        m = metrics[key]
        lines += [f"\n{title}", f"{'label':<12}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
        for lab, s in list(m["per_label"].items()) + [("micro", m["micro"])]:
            lines.append(f"{lab:<12}{100 * s['precision']:8.1f}{100 * s['recall']:8.1f}{100 * s['f1']:8.1f}"
                         f"{s['support']:7d}{s['predicted']:7d}")
    sq = metrics["entities_seqeval"].get("micro avg", {})
    lines.append(f"\nseqeval strict IOB2 (word view): micro F1 {100 * sq.get('f1-score', 0.0):.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", nargs="+", required=True, help="gold JSONL files or directories")
    ap.add_argument("--split", help="score only the gold documents of this split (train, dev, test)")
    ap.add_argument("--splits_file", default="annotations/splits.json")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--predictions", nargs="+", help="prediction JSONL files (same format, same ids)")
    src.add_argument("--model", help="a trained model directory or hub id: predict the gold texts, then score")
    ap.add_argument("--save-predictions", help="with --model: also write the predictions here")
    ap.add_argument("--device", default=None)
    ap.add_argument("--int8", action="store_true", help="with --model: dynamic int8 encoder on the CPU")
    ap.add_argument("--output", help="write the metrics as JSON here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        gold = load_documents(args.gold)
        if args.split:
            from training.train import select_split

            gold = select_split(gold, args.split, args.splits_file)
        if args.model:
            from model.extractor import Extractor, ModelLoadError

            try:
                ex = Extractor.from_pretrained(args.model, device="cpu" if args.int8 else args.device, int8=args.int8)
            except ModelLoadError as err:
                print(f"error: {err}", file=sys.stderr)
                return 2
            pred = ex([d.text for d in gold], [d.id for d in gold])
            if args.save_predictions:
                write_jsonl(pred, args.save_predictions)
        else:
            pred = load_documents(args.predictions)
        metrics = score(gold, pred)
    except DocumentError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(format_table(metrics))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
