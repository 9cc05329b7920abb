"""scripts/agreement.py: two passes compared, and each pass scored against the adjudicated gold."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import agreement  # noqa: E402

from model.document import write_jsonl  # noqa: E402


def test_a_pass_missing_a_span_loses_recall_not_precision(tmp_path, seed_docs):
    gold = seed_docs[:2]
    a = gold
    b_docs = [type(d).from_dict(d.to_dict()) for d in gold]
    dropped = b_docs[0].entities[0].id
    b_docs[0].entities = b_docs[0].entities[1:]
    b_docs[0].relations = [r for r in b_docs[0].relations if dropped not in (r.head, r.tail)]
    write_jsonl(gold, tmp_path / "adj.jsonl")
    write_jsonl(a, tmp_path / "a.jsonl")
    write_jsonl(b_docs, tmp_path / "b.jsonl")
    m, n = agreement.agreement([str(tmp_path / "a.jsonl")], [str(tmp_path / "b.jsonl")])
    assert n == 2 and m["entities"]["micro"]["f1"] < 1.0
    table = agreement.single_pass({"A": [str(tmp_path / "a.jsonl")], "B": [str(tmp_path / "b.jsonl")]},
                                  [str(tmp_path / "adj.jsonl")])
    rows = {line.split("|")[1].strip(): [float(x) for x in line.split("|")[2:8]] for line in table.splitlines()
            if line.startswith("| A ") or line.startswith("| B ")}
    assert rows["A"] == [100.0] * 6
    n_gold = sum(len(d.entities) for d in gold)
    assert rows["B"][0] == 100.0 and rows["B"][1] == round(100 * (n_gold - 1) / n_gold, 1)
