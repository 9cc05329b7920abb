"""Collect per-document annotation files (one JSONL document each, named ID.jsonl) into annotations/ant.jsonl,
in the order of annotations/selection.tsv. Documents in --preferred (adjudicated versions) replace those in --from.

    python scripts/collect_annotations.py --from work/antA --preferred work/resolved --out annotations/ant.jsonl

Only documents that pass the validator are collected; the others are listed and the script exits 1.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.document import load_documents, write_jsonl  # noqa: E402
from training.validate import validate_paths  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--from", dest="src", required=True)
    ap.add_argument("--preferred")
    ap.add_argument("--selection", default=str(ROOT / "annotations" / "selection.tsv"))
    ap.add_argument("--out", default=str(ROOT / "annotations" / "ant.jsonl"))
    args = ap.parse_args()
    with open(args.selection, encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f, delimiter="\t")]
    docs, bad = [], []
    for doc_id in ids:
        for folder, how in ((args.preferred, "adjudicated from two independent passes"), (args.src, "single pass")):
            path = Path(folder or "") / f"{doc_id}.jsonl"
            if folder and path.exists():
                problems, _ = validate_paths([path])
                if any(not p.warning for p in problems):
                    bad.append(str(path))
                    break
                (doc,) = load_documents([path])
                doc.meta["annotation"] = how
                docs.append(doc)
                break
    write_jsonl(docs, args.out)
    print(f"{len(docs)} documents written to {args.out}; {len(ids) - len(docs) - len(bad)} not annotated yet")
    if bad:
        print("not collected (validator errors):\n" + "\n".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
