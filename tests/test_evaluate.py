import copy
import json

from model.document import write_jsonl
from training.evaluate import main, score, word_bio


def test_perfect_predictions_score_one(seed_docs):
    m = score(seed_docs, seed_docs)
    assert m["entities"]["micro"]["f1"] == 1.0 and m["relations_strict"]["micro"]["f1"] == 1.0
    assert m["entities_seqeval"]["micro avg"]["f1-score"] == 1.0


def test_a_missing_entity_lowers_recall_and_drops_its_relations(seed_docs):
    pred = copy.deepcopy(seed_docs)
    removed = pred[0].entities.pop(0)
    pred[0].relations = [r for r in pred[0].relations if removed.id not in (r.head, r.tail)]
    m = score(seed_docs, pred)
    assert m["entities"]["micro"]["precision"] == 1.0 and m["entities"]["micro"]["recall"] < 1.0
    lost = sum(removed.id in (r.head, r.tail) for r in seed_docs[0].relations)
    assert m["relations_strict"]["micro"]["support"] - m["relations_strict"]["micro"]["predicted"] == lost


def test_strict_differs_from_boundaries_when_a_span_label_is_wrong(seed_docs):
    pred = copy.deepcopy(seed_docs)
    ent = next(e for e in pred[1].entities if e.label == "ORG" and any(r.tail == e.id for r in pred[1].relations))
    ent.label = "GPE"
    m = score(seed_docs, pred)
    assert m["relations_boundaries"]["micro"]["f1"] == 1.0 and m["relations_strict"]["micro"]["f1"] < 1.0


def test_word_view_marks_clitic_spans_on_their_word():
    from model.document import Document, Entity

    doc = Document("d", "هاجم لداعش", [Entity("T1", "ORG", 6, 10, "داعش")])
    assert word_bio(doc) == ["O", "B-ORG"]


def test_cli_writes_json_and_refuses_missing_documents(tmp_path, seed_docs, capsys):
    gold, pred = tmp_path / "g.jsonl", tmp_path / "p.jsonl"
    write_jsonl(seed_docs, gold)
    write_jsonl(seed_docs[:4], pred)
    assert main(["--gold", str(gold), "--predictions", str(pred)]) == 2
    assert seed_docs[4].id in capsys.readouterr().err
    write_jsonl(seed_docs, pred)
    assert main(["--gold", str(gold), "--predictions", str(pred), "--output", str(tmp_path / "m.json")]) == 0
    assert "Relations, strict" in capsys.readouterr().out
    assert json.loads((tmp_path / "m.json").read_text())["entities"]["micro"]["f1"] == 1.0


def test_cli_with_a_model(tmp_path, trained_dir, one_seed_file, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["--gold", str(one_seed_file), "--model", str(trained_dir), "--save-predictions", str(out),
                 "--output", str(tmp_path / "m.json")]) == 0
    m = json.loads((tmp_path / "m.json").read_text())
    assert m["entities"]["micro"]["f1"] >= 0.9 and out.exists()


def test_cli_int8_scores_the_quantized_model_close_to_fp32(tmp_path, trained_dir, one_seed_file):
    import json

    from training.evaluate import main

    fp32, int8 = tmp_path / "fp32.json", tmp_path / "int8.json"
    assert main(["--gold", str(one_seed_file), "--model", str(trained_dir), "--output", str(fp32)]) == 0
    assert main(["--gold", str(one_seed_file), "--model", str(trained_dir), "--int8", "--output", str(int8)]) == 0
    f_fp32 = json.loads(fp32.read_text())["entities"]["micro"]["f1"]
    f_int8 = json.loads(int8.read_text())["entities"]["micro"]["f1"]
    assert f_fp32 > 0.8 and abs(f_fp32 - f_int8) < 0.1  # the overfitted seed: int8 keeps nearly every span


def test_seqeval_report_is_strict_iob2():
    from training.evaluate import seqeval_report

    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    assert seqeval_report(gold, gold)["micro avg"]["f1-score"] == 1.0
    half = seqeval_report(gold, [["B-PER", "O", "O", "B-LOC"]])  # PER cut short: wrong under strict
    assert half["PER"]["f1-score"] == 0.0 and half["LOC"]["f1-score"] == 1.0
