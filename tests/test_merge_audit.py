"""scripts/merge_audit.py: every join of the record builder on gold documents, judged against the gold records."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import merge_audit  # noqa: E402
from model.merge import Join  # noqa: E402


def test_a_join_is_right_wrong_or_mixed_by_the_gold_events_of_its_mentions():
    owner = {"T1": "EV1", "T2": "EV1", "T3": "EV2", "T4": "EV2"}
    assert merge_audit.judge(Join("anaphora", ("T1",), ("T2",)), owner) == "right"
    assert merge_audit.judge(Join("anaphora", ("T1", "T2"), ("T3",)), owner) == "wrong"
    assert merge_audit.judge(Join("anaphora", ("T1", "T3"), ("T4",)), owner) == "mixed"


def test_the_table_counts_every_join_of_the_seeds_once(capsys):
    assert merge_audit.main(["--split", "seeds"]) == 0
    out = capsys.readouterr().out
    joins = int(out.split(" joins")[0].rsplit(", ", 1)[1])
    rows = [line.split("|") for line in out.splitlines() if line.startswith("| ") and not line.startswith("| rule")]
    assert sum(int(r[2]) for r in rows) == joins > 0
    assert all(int(r[2]) == int(r[3]) + int(r[4]) + int(r[5]) for r in rows)
    assert "| result_of |" in out


def test_test_split_is_refused():
    assert merge_audit.main(["--split", "dev", "test"]) == 2
