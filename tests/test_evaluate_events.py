"""training.evaluate_events: matching by mentions, event P/R, field accuracy, both modes."""
import json
from pathlib import Path

from model.document import Document, Entity, load_documents
from model.events import build_events
from training.evaluate_events import count_exact, count_within, main, match_events, score

ANN = Path(__file__).resolve().parents[1] / "annotations"


def seed(doc_id="seed-000"):
    return next(d for d in load_documents([ANN / "seeds.jsonl"]) if d.id == doc_id)


def test_count_exact_and_within():
    assert count_exact(None, None) and not count_exact({"min": 7, "max": 7}, None)
    assert count_within({"min": 5, "max": None}, {"min": 7, "max": 7})     # "at least 5" holds 7
    assert not count_within({"min": 15, "max": 15}, {"min": 16, "max": None})
    assert count_within({"min": 20, "max": 99}, {"min": 30, "max": 30}) and not count_within(None, {"min": 1})


def test_builder_against_its_own_records_scores_perfectly_and_a_wrong_count_is_caught():
    doc = seed()
    gold = build_events(doc)
    tally = score({"seed-000": gold}, {"seed-000": doc})["all"]
    rep = tally.report()
    assert rep["event_precision"] == rep["event_recall"] == 1.0 and rep["counts_exact_of_gold_fields"] == 1.0
    wrong = json.loads(json.dumps(gold))
    raid = next(e for e in wrong if "T18" in e["mentions"])
    raid["killed"]["min"] = raid["killed"]["max"] = 14
    rep = score({"seed-000": wrong}, {"seed-000": doc})["all"].report()
    assert rep["accuracy"]["killed_exact"] < 1.0 and rep["accuracy"]["killed_within"] < 1.0


def test_split_mentions_cost_precision_not_recall():
    doc = seed()
    gold = [{"id": "EV1", "type": "ATTACK", "mentions": ["T5", "T18", "T25"], "killed": None, "wounded": None,
             "captured": None}]
    pred = [{"id": "P1", "mentions": ["T5"]}, {"id": "P2", "mentions": ["T18", "T25"]}]
    assert match_events(gold, pred, doc, doc, exact=True) == [(0, 1)]


def test_end_to_end_matches_by_offsets_with_other_ids(tmp_path):
    doc = seed()
    shifted = Document(doc.id, doc.text, [Entity("P" + e.id, e.label, e.start, e.end, e.text) for e in doc.entities],
                       [type(r)(r.label, "P" + r.head, "P" + r.tail) for r in doc.relations], status="predicted")
    gold = build_events(doc)
    rep = score({"seed-000": gold}, {"seed-000": doc}, {"seed-000": shifted})["all"].report()
    assert rep["event_f1"] == 1.0 and rep["accuracy"]["place"] == 1.0 and rep["accuracy"]["attackers_exact"] == 1.0


def test_end_to_end_counts_the_triggers_left_out_as_non_events():
    # a predicted ceasefire trigger (`وقف إطلاق النار`, AL-internationalNews-1537) the gold does not have, and a
    # negated arrest the gold (wrongly, for this test) has: 2 left out, 1 of them a gold trigger
    text = "مشيراً إلى أن وقف إطلاق النار سيستمر لأسبوع. ولم يتم قط اعتقالها."
    fire, held = text.index("إطلاق"), text.index("اعتقالها")
    g = Document("d", text, [Entity("T1", "ARREST", held, held + 8, "اعتقالها")], [])
    p = Document("d", text, [Entity("T1", "ATTACK", fire, fire + 5, "إطلاق"),
                             Entity("T2", "ARREST", held, held + 8, "اعتقالها")], [], status="predicted")
    rep = score({"d": [{"id": "EV1", "type": "ARREST", "mentions": ["T1"]}]}, {"d": g}, {"d": p})["all"].report()
    assert (rep["non_event_triggers"], rep["non_event_triggers_gold"]) == (2, 1)
    assert rep["predicted_events"] == 0 and rep["event_recall"] == 0.0


def test_cli_from_gold_spans(tmp_path, capsys):
    gold_file = tmp_path / "events.jsonl"
    gold_file.write_text("".join(json.dumps({"id": d.id, "status": "gold", "events": build_events(d)},
                                            ensure_ascii=False) + "\n" for d in load_documents([ANN / "seeds.jsonl"])),
                         encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["--gold", str(gold_file), "--docs", str(ANN), "--split", "seeds", "--output", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["all"]["event_f1"] == 1.0 and "seeds" in report
    assert "| event_precision |" in capsys.readouterr().out
    assert main(["--gold", str(gold_file), "--docs", str(ANN), "--split", "test"]) == 2  # no test records there


def test_skip_missing_scores_only_the_documents_given(tmp_path, capsys):
    from training.evaluate_events import main

    ann = Path(__file__).resolve().parents[1] / "annotations"
    assert main(["--gold", str(ann / "events.jsonl"), "--docs", str(ann / "seeds.jsonl"), "--skip-missing",
                 "--output", str(tmp_path / "r.json")]) == 0
    import json
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(report) == {"all", "seeds"} and report["all"]["gold_events"] == report["seeds"]["gold_events"]
    assert main(["--gold", str(ann / "events.jsonl"), "--docs", str(ann / "seeds.jsonl")]) == 2  # missing docs: error


def test_against_scores_a_second_annotators_records_on_the_gold_spans(tmp_path):
    gold = {obj["id"]: obj for obj in map(json.loads, (ANN / "events.jsonl").read_text(encoding="utf-8").splitlines())}
    a = gold["seed-001"]
    first = a["events"][0]
    assert len(first["mentions"]) >= 2 and first["killed"]
    # annotator B splits off A's last mention of the first event and reads its killed count differently
    b1 = {**first, "id": "EVa", "mentions": first["mentions"][:-1], "killed": {**first["killed"], "min": 999, "max": 999}}
    b2 = {**first, "id": "EVb", "mentions": first["mentions"][-1:]}
    other = tmp_path / "b.jsonl"
    other.write_text(json.dumps({"id": "seed-001", "status": "gold", "events": [b1, b2] + a["events"][1:]},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["--gold", str(ANN / "events.jsonl"), "--docs", str(ANN), "--against", str(other),
                 "--output", str(out)]) == 0
    rep = json.loads(out.read_text(encoding="utf-8"))["all"]
    n = len(a["events"])  # only seed-001 is scored
    assert (rep["gold_events"], rep["predicted_events"], rep["matched"]) == (n, n + 1, n)
    assert rep["accuracy"]["killed_exact"] == round((n - 1) / n, 4)
    none = tmp_path / "none.jsonl"
    none.write_text(json.dumps({"id": "seed-404", "status": "gold", "events": []}) + "\n", encoding="utf-8")
    assert main(["--gold", str(ANN / "events.jsonl"), "--docs", str(ANN), "--against", str(none)]) == 2


def test_ids_scores_only_the_listed_documents_and_names_unknown_ones(tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("# two seeds\nseed-000\n\nseed-002  # the raid\n", encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["--gold", str(ANN / "events.jsonl"), "--docs", str(ANN), "--ids", str(ids), "--output", str(out)]) == 0
    gold = {obj["id"]: obj["events"] for obj in map(json.loads, (ANN / "events.jsonl").read_text(encoding="utf-8")
                                                      .splitlines())}
    assert json.loads(out.read_text(encoding="utf-8"))["all"]["gold_events"] == len(gold["seed-000"]) + len(gold["seed-002"])
    ids.write_text("seed-000\nseed-404\n", encoding="utf-8")
    assert main(["--gold", str(ANN / "events.jsonl"), "--docs", str(ANN), "--ids", str(ids)]) == 2
    assert main(["--gold", str(ANN / "events.jsonl"), "--docs", str(ANN), "--ids", str(tmp_path / "none.txt")]) == 2
