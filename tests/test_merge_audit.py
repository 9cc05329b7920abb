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


def test_ceiling_rows_start_from_the_scorer_and_perfect_joins_reach_every_gold_event():
    from model.document import load_documents
    from training.evaluate_events import load_gold_events, score

    gold = {d: e for d, e in load_gold_events(ROOT / "annotations" / "events.jsonl").items() if d.startswith("seed-")}
    docs = {d.id: d for d in load_documents([ROOT / "annotations" / "seeds.jsonl"])}
    as_built = merge_audit.ceiling(gold, docs, None)
    report = score(gold, docs)["all"].report()  # the record builder from gold spans
    assert (as_built["P"], as_built["R"]) == (report["event_precision"], report["event_recall"])
    perfect = merge_audit.ceiling(gold, docs, "*", by_gold=True)
    assert perfect["P"] == perfect["R"] == 1.0
    assert merge_audit.ceiling(gold, docs, "*")["R"] >= as_built["R"]  # refusing wrong joins loses no gold event


def test_join_by_gold_joins_groups_by_the_event_most_of_their_mentions_belong_to():
    from types import SimpleNamespace

    def m(i, start):
        return SimpleNamespace(id=i, ent=SimpleNamespace(start=start))
    groups = [[m("T1", 0), m("T2", 5)], [m("T3", 9)], [m("T4", 12), m("T5", 20), m("T6", 30)], [m("T7", 40)]]
    owner = {"T1": "EV1", "T2": "EV1", "T3": "EV2", "T4": "EV1", "T5": "EV1", "T6": "EV2"}
    joined = merge_audit.join_by_gold(groups, owner)
    assert [[x.id for x in g] for g in joined] == [["T1", "T2", "T4", "T5", "T6"], ["T3"], ["T7"]]
