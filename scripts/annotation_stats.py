"""Counts for annotations/README.md: per split, documents, words, spans per label, relations per label, and the
spans the model's word view cannot represent exactly.

    python scripts/annotation_stats.py                 # print the tables
    python scripts/annotation_stats.py --update-readme # rewrite the block between the markers in annotations/README.md
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.bio import align_span  # noqa: E402
from model.document import load_documents  # noqa: E402
from model.schema import SCHEMA  # noqa: E402
from model.text import split_words  # noqa: E402
from model.windows import EncodedDoc  # noqa: E402

# every document file in annotations/ (seeds, ant.jsonl, the corpus v2 files ant_v2_*.jsonl); expand_paths leaves out
# events.jsonl and the agreement/ sub-folder
GOLD_FILES = [ROOT / "annotations"]
BEGIN, END = "<!-- stats:begin -->", "<!-- stats:end -->"


def inexact_count(doc) -> int:
    spans = np.asarray(split_words(doc.text), dtype=np.int64).reshape(-1, 2)
    enc = EncodedDoc(doc.text, spans, np.zeros(0), np.zeros(0), np.arange(len(spans)))
    return sum(not (a := align_span(enc, e.start, e.end, 0, 3)) or not a.exact for e in doc.entities)


def table(docs_by_split: dict) -> str:
    splits = list(docs_by_split)
    rows = [("documents", [len(docs_by_split[s]) for s in splits]),
            ("words", [sum(len(d.text.split()) for d in docs_by_split[s]) for s in splits]),
            ("gold status", [sum(d.status == "gold" for d in docs_by_split[s]) for s in splits])]
    ent = {s: Counter(e.label for d in docs_by_split[s] for e in d.entities) for s in splits}
    rel = {s: Counter(r.label for d in docs_by_split[s] for r in d.relations) for s in splits}
    rows += [(f"span {lab}", [ent[s][lab] for s in splits]) for lab in SCHEMA.span_labels]
    rows.append(("spans, all", [sum(ent[s].values()) for s in splits]))
    rows += [(f"relation {lab}", [rel[s][lab] for s in splits]) for lab in SCHEMA.relation_labels]
    rows.append(("relations, all", [sum(rel[s].values()) for s in splits]))
    rows.append(("spans not exactly representable", [sum(inexact_count(d) for d in docs_by_split[s]) for s in splits]))
    head = "| | " + " | ".join(splits) + " | total |\n|---|" + "---|" * (len(splits) + 1)
    body = "\n".join(f"| {name} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |" for name, vals in rows)
    return head + "\n" + body


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", default=str(ROOT / "annotations" / "splits.json"))
    ap.add_argument("--update-readme", action="store_true")
    args = ap.parse_args()
    docs = load_documents([p for p in GOLD_FILES if p.exists()])
    splits = json.loads(Path(args.splits).read_text(encoding="utf-8"))
    by_split = {s: [d for d in docs if splits.get(d.id) == s] for s in ("train", "dev", "test")}
    missing = [d.id for d in docs if d.id not in splits]
    if missing:
        sys.exit(f"documents without a split in {args.splits}: {missing[:5]}")
    out = table(by_split)
    if args.update_readme:
        readme = ROOT / "annotations" / "README.md"
        text = readme.read_text(encoding="utf-8")
        a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
        readme.write_text(text[:a] + "\n" + out + "\n" + text[b:], encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
