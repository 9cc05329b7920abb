"""Inter-annotator agreement between two independent annotation passes of the same documents.

    python scripts/agreement.py --a annotations/ant.jsonl --b annotations/agreement/pass_b.jsonl
    python scripts/agreement.py --a annotations/agreement/v2_pass_a.jsonl --b annotations/agreement/v2_pass_b.jsonl \
        --adjudicated annotations/ant_v2_c.jsonl --markdown

With --adjudicated (the gold version an adjudicator made from the two passes) it also scores each single pass
against that gold: precision and recall of its spans and strict relations, which is what a document annotated
once (the rest of the corpus) is worth.

Only documents present in both passes are compared (pass A is the reference; F1 is symmetric). Prints a table of
entity F1 (exact span and label) and strict relation F1 (both spans' offsets and labels, relation label), per label
and micro, and with --markdown the same as a Markdown table for annotations/README.md.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.document import load_documents  # noqa: E402
from training.evaluate import score  # noqa: E402


def agreement(a_paths: list[str], b_paths: list[str]) -> tuple[dict, int]:
    a, b = load_documents(a_paths), load_documents(b_paths)
    b_ids = {d.id for d in b}
    a = [d for d in a if d.id in b_ids]
    b = [d for d in b if d.id in {d.id for d in a}]
    return score(a, b), len(a)


def markdown(m: dict, n_docs: int) -> str:
    lines = [f"Agreement over {n_docs} documents annotated twice, independently (F1, %; A = first pass, B = second).",
             "", "| label | entity F1 | A spans | B spans | | relation | strict F1 | A rels | B rels |",
             "|---|---|---|---|---|---|---|---|---|"]
    ents = list(m["entities"]["per_label"].items()) + [("micro", m["entities"]["micro"])]
    rels = list(m["relations_strict"]["per_label"].items()) + [("micro", m["relations_strict"]["micro"])]
    for i in range(max(len(ents), len(rels))):
        e = ents[i] if i < len(ents) else None
        r = rels[i] if i < len(rels) else None
        left = f"| {e[0]} | {100 * e[1]['f1']:.1f} | {e[1]['support']} | {e[1]['predicted']} |" if e else "| | | | |"
        right = f" | {r[0]} | {100 * r[1]['f1']:.1f} | {r[1]['support']} | {r[1]['predicted']} |" if r else " | | | | |"
        lines.append(left + right)
    return "\n".join(lines)


def single_pass(passes: dict[str, list[str]], adjudicated: list[str]) -> str:
    """A Markdown table: each pass scored against the adjudicated gold (P / R / F1 of spans and strict relations)."""
    passed = set.intersection(*({d.id for d in load_documents(paths)} for paths in passes.values()))
    gold = [d for d in load_documents(adjudicated) if d.id in passed]  # the adjudicated file may hold more
    ids = {d.id for d in gold}
    lines = [f"Each single pass against the adjudicated gold ({len(gold)} documents; %).", "",
             "| pass | spans P | spans R | spans F1 | relations P | relations R | relations F1 |",
             "|---|---|---|---|---|---|---|"]
    for name, paths in passes.items():
        docs = [d for d in load_documents(paths) if d.id in ids]
        if {d.id for d in docs} != ids:
            raise SystemExit(f"error: pass {name} lacks {sorted(ids - {d.id for d in docs})[:3]}")
        m = score(gold, docs)
        e, r = m["entities"]["micro"], m["relations_strict"]["micro"]
        lines.append(f"| {name} | {100 * e['precision']:.1f} | {100 * e['recall']:.1f} | {100 * e['f1']:.1f} | "
                     f"{100 * r['precision']:.1f} | {100 * r['recall']:.1f} | {100 * r['f1']:.1f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", nargs="+", required=True)
    ap.add_argument("--b", nargs="+", required=True)
    ap.add_argument("--adjudicated", nargs="+", help="the adjudicated gold of the same documents")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    m, n = agreement(args.a, args.b)
    if args.markdown:
        print(markdown(m, n))
        if args.adjudicated:
            print("\n" + single_pass({"A": args.a, "B": args.b}, args.adjudicated))
        return
    from training.evaluate import format_table

    print(f"{n} documents in both passes")
    print(format_table(m).replace("Entities (exact span + label)", "Entities, A vs B"))
    if args.adjudicated:
        print("\n" + single_pass({"A": args.a, "B": args.b}, args.adjudicated))


if __name__ == "__main__":
    main()
