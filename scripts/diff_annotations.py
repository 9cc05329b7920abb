"""Show where two annotations of the same document disagree: spans and relations only in A or only in B.

    python scripts/diff_annotations.py A.jsonl B.jsonl [--id DOC_ID]

Used to adjudicate double annotations: each line quotes the span text and its offsets, so a reviewer can decide
which version follows annotations/GUIDELINES.md.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.document import Document, load_documents  # noqa: E402


def span_keys(doc: Document) -> dict:
    return {(e.start, e.end, e.label): e for e in doc.entities}


def rel_keys(doc: Document) -> set:
    ents = doc.entity_by_id()
    return {(r.label, ents[r.head].start, ents[r.head].end, ents[r.head].text, ents[r.tail].start, ents[r.tail].end,
             ents[r.tail].text) for r in doc.relations}


def diff(a: Document, b: Document) -> list[str]:
    out, sa, sb = [], span_keys(a), span_keys(b)
    for tag, keys, src in (("A only", sa.keys() - sb.keys(), sa), ("B only", sb.keys() - sa.keys(), sb)):
        for k in sorted(keys):
            ctx = a.text[max(0, k[0] - 25):k[1] + 25].replace("\n", " ")
            out.append(f"{tag} span {k[2]} [{k[0]},{k[1]}) {src[k].text!r}   …{ctx}…")
    ra, rb = rel_keys(a), rel_keys(b)
    for tag, keys in (("A only", ra - rb), ("B only", rb - ra)):
        for r in sorted(keys, key=lambda r: (r[1], r[0])):
            out.append(f"{tag} relation {r[0]}: {r[3]!r}[{r[1]}] -> {r[6]!r}[{r[4]}]")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--id")
    args = ap.parse_args()
    b_docs = {d.id: d for d in load_documents([args.b])}
    for a in load_documents([args.a]):
        if a.id in b_docs and (args.id is None or a.id == args.id):
            lines = diff(a, b_docs[a.id])
            print(f"# {a.id}: {len(lines)} differences")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
