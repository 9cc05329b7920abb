"""Choose a trained model's decoding rules on dev: relation rule (multi / best / threshold) and adjacent-span joining.

    python scripts/tune_decoding.py --model runs/ie --gold annotations/ --split dev [--write]

The encoder runs once; every combination is decoded from the same scores and scored with `training.evaluate`.
Prints one row per combination (entity F1, strict and boundaries relation F1, the dev score used for model
selection = mean of entity and strict relation F1) and, with `--write`, saves the best combination into the
model's config.json (`relation_decoding`, `relation_threshold`, `merge_adjacent_spans`), where the Extractor reads it.
Tune on dev only: never pass --split test here.
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
logger = logging.getLogger("tune_decoding")

RULES = [("multi", 0.5), ("best", 0.5)] + [("threshold", t) for t in (0.3, 0.4, 0.5, 0.6, 0.7)]


class RecordingExtractor:
    """Runs an Extractor once and keeps what `_assemble` receives, to decode it again under other settings."""

    def __init__(self, extractor):
        self.ex, self.calls = extractor, []
        original = extractor._assemble

        def record(*args):
            self.calls.append(args)
            return original(*args)

        extractor._assemble = record

    def redecode(self, rule: str, threshold: float, merge_adjacent: bool) -> list:
        cfg = self.ex.config
        cfg.relation_decoding, cfg.relation_threshold, cfg.merge_adjacent_spans = rule, threshold, merge_adjacent
        return [type(self.ex)._assemble(self.ex, *args) for args in self.calls]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--gold", nargs="+", default=["annotations/"])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--splits_file", default="annotations/splits.json")
    ap.add_argument("--write", action="store_true", help="save the best combination into the model's config.json")
    args = ap.parse_args(argv)
    if args.split == "test":
        ap.error("decoding rules are chosen on dev; the test split is scored once, with python -m training.evaluate")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    from model.document import load_documents
    from model.extractor import Extractor
    from training.evaluate import score
    from training.train import select_split

    gold = select_split(load_documents(args.gold), args.split, args.splits_file)
    ex = Extractor.from_pretrained(args.model, device="cpu")
    rec = RecordingExtractor(ex)
    ex([d.text for d in gold], [d.id for d in gold])
    rows = []
    for (rule, thr), adj in itertools.product(RULES, (False, True)):
        m = score(gold, rec.redecode(rule, thr, adj))
        ent, strict = m["entities"]["micro"]["f1"], m["relations_strict"]["micro"]["f1"]
        rows.append({"relation_decoding": rule, "relation_threshold": thr, "merge_adjacent_spans": adj,
                     "entity_f1": ent, "relation_strict_f1": strict,
                     "relation_boundaries_f1": m["relations_boundaries"]["micro"]["f1"], "score": (ent + strict) / 2})
    print(f"{len(gold)} {args.split} documents, model {args.model}")
    print(f"{'relations':<16}{'join adjacent':<15}{'entity F1':>10}{'rel strict':>12}{'rel bound.':>12}{'score':>8}")
    for r in rows:
        name = r["relation_decoding"] + (f" {r['relation_threshold']}" if r["relation_decoding"] == "threshold" else "")
        print(f"{name:<16}{str(r['merge_adjacent_spans']):<15}{100 * r['entity_f1']:>10.1f}"
              f"{100 * r['relation_strict_f1']:>12.1f}{100 * r['relation_boundaries_f1']:>12.1f}{100 * r['score']:>8.1f}")
    best = max(rows, key=lambda r: r["score"])
    print("best:", json.dumps({k: best[k] for k in ("relation_decoding", "relation_threshold", "merge_adjacent_spans")}))
    if args.write:
        cfg_path = Path(args.model) / "config.json"
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        cfg.update({k: best[k] for k in ("relation_decoding", "relation_threshold", "merge_adjacent_spans")})
        tmp = cfg_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(cfg_path)
        (Path(args.model) / "decoding_dev.json").write_text(json.dumps(rows, indent=2))
        print(f"wrote the best combination into {cfg_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
