"""Label Studio conversion (training/labelstudio.py) without a server: config, round trips of the seeds and 20 ANT
documents, and an export written by a real Label Studio 1.23.2 (tests/data, made by
scripts/label_studio_roundtrip.py). The live round trip is tests/test_label_studio_live.py."""
import json
from xml.etree import ElementTree as ET

import pytest

from conftest import REPO
from model.document import Document, Entity, Relation, load_documents
from model.schema import SCHEMA
from training.labelstudio import (documents_to_tasks, label_config, main, task_to_document, tasks_to_documents)

EXPORT_1_23 = REPO / "tests" / "data" / "label_studio_1.23.2_export.json"


def canonical(doc: Document) -> dict:
    d = doc.to_dict()
    d["relations"] = sorted(d["relations"], key=lambda r: (r["head"], r["tail"], r["label"]))
    return d


@pytest.fixture(scope="module")
def corpus():
    return (load_documents([REPO / "annotations" / "seeds.jsonl"])
            + load_documents([REPO / "annotations" / "ant.jsonl"])[:20])


def exported(tasks: list[dict]) -> list[dict]:
    """What a Label Studio export adds: task ids and annotation ids."""
    out = json.loads(json.dumps(tasks))
    for k, t in enumerate(out, 1):
        t["id"] = k
        for j, a in enumerate(t.get("annotations", []), 1):
            a.update(id=100 * k + j, was_cancelled=False, updated_at="2026-01-01T00:00:00Z")
    return out


def test_config_is_generated_from_the_schema_and_shows_the_text_right_to_left():
    root = ET.fromstring(label_config())
    assert [x.get("value") for x in root.iter("Label")] == list(SCHEMA.span_labels)
    assert [x.get("value") for x in root.iter("Relation")] == list(SCHEMA.relation_labels)
    labels, text = root.find("Labels"), next(root.iter("Text"))
    assert labels.get("toName") == text.get("name") and text.get("value") == "$" + text.get("name")
    assert any("direction: rtl" in (v.get("style") or "") and v.find("Text") is not None for v in root.iter("View"))
    legend = [h.get("value") for h in root.iter("Header")]
    assert "ATTACKER: ATTACK -> ORG|PER|GROUP|GPE (who carried out the attack)" in legend


def test_seeds_and_20_ant_documents_round_trip_as_annotations(corpus):
    back, issues = tasks_to_documents(exported(documents_to_tasks(corpus)))
    assert not [i for i in issues if i.error]
    assert [canonical(d) for d in back] == [canonical(d) for d in corpus]
    assert [d.entities for d in back] == [d.entities for d in corpus]  # span order and ids kept too
    assert sum(len(d.relations) for d in back) == sum(len(d.relations) for d in corpus)


def test_relations_between_the_same_spans_travel_as_one_label_studio_relation(corpus):
    doc = corpus[0]
    tasks = documents_to_tasks([doc])
    rels = [r for r in tasks[0]["annotations"][0]["result"] if r["type"] == "relation"]
    pairs = {(r.head, r.tail) for r in doc.relations}
    assert len(rels) == len(pairs) and {(r["from_id"], r["to_id"]) for r in rels} == pairs
    assert sum(len(r["labels"]) for r in rels) == len(doc.relations)


def test_predictions_keep_their_scores_and_come_back_as_predicted(corpus):
    doc = corpus[1]
    pred = Document(doc.id, doc.text, [Entity(e.id, e.label, e.start, e.end, e.text, 0.5 + k / 1000)
                                       for k, e in enumerate(doc.entities)],
                    [Relation(r.label, r.head, r.tail, 0.9 - k / 1000) for k, r in enumerate(doc.relations)],
                    doc.meta, "predicted", {"events": [{"type": "ATTACK"}]})
    task = exported(documents_to_tasks([pred]))[0]
    assert "annotations" not in task and task["predictions"][0]["result"][0]["score"] == 0.5
    back, issues = task_to_document(task)
    assert not [i for i in issues if i.error]
    expected = canonical(pred)
    expected.pop("events")  # derived from spans and relations; not sent
    assert canonical(back) == expected and back.status == "predicted"


def test_a_real_label_studio_export_with_emoji_harakat_and_crlf_reads_back_exactly():
    tasks = json.loads(EXPORT_1_23.read_text(encoding="utf-8"))
    (doc,), issues = tasks_to_documents(tasks)
    assert not issues
    assert "\r\n" in doc.text and "👨🏻\u200d🚒" in doc.text and "\u0301" in doc.text
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
    assert [e.text for e in doc.entities][:3] == ["داعشَ", "هاجمَ", "الموصلَ"]
    assert {(r.label, r.head, r.tail) for r in doc.relations} >= {("ATTACKER", "T2", "T1"), ("PLACE", "T2", "T3")}


def test_utf16_offsets_of_older_label_studio_versions_are_converted_with_a_note():
    text = "قال 😀 إن داعش هاجم 👍 الموصل"
    start = text.index("الموصل")
    utf16 = start + 2  # two emoji before it, each two UTF-16 code units
    task = {"id": 7, "data": {"text": text}, "annotations": [{"id": 1, "result": [
        {"id": "x", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": utf16, "end": utf16 + 6, "text": "الموصل", "labels": ["GPE"]}}]}]}
    doc, issues = task_to_document(task)
    assert (doc.entities[0].start, doc.entities[0].end) == (start, start + 6)
    assert len(issues) == 1 and not issues[0].error and "utf16" in issues[0].message


def test_everything_that_cannot_be_mapped_is_reported_with_the_task_id():
    text = "هاجم تنظيم داعش مدينة الموصل"
    r = lambda rid, label, s: {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",  # noqa: E731
                               "value": {"start": text.index(s), "end": text.index(s) + len(s), "text": s,
                                         "labels": label}}
    result = [r("a1", ["ATTACK"], "هاجم"), r("a2", ["ORG", "GROUP"], "داعش"), r("a3", ["GPE"], "الموصل"),
              r("a4", ["VEHICLE"], "مدينة"),
              {"id": "bad", "from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 0, "end": 4, "text": "غلط", "labels": ["ORG"]}},
              {"from_id": "a1", "to_id": "a2", "type": "relation", "direction": "right", "labels": ["ATTACKER"]},
              {"from_id": "a1", "to_id": "a3", "type": "relation", "direction": "bi", "labels": ["PLACE"]},
              {"from_id": "a3", "to_id": "a1", "type": "relation", "direction": "left", "labels": ["PLACE"]},
              {"from_id": "a1", "to_id": "a3", "type": "relation", "direction": "right", "labels": []},
              {"id": "c", "from_name": "doc_ok", "to_name": "text", "type": "choices", "value": {"choices": ["ok"]}}]
    tasks = [{"id": 41, "data": {"text": text, "doc_id": "d41", "status": "draft"},
              "annotations": [{"id": 1, "was_cancelled": True, "result": []},
                              {"id": 2, "updated_at": "2026-01-01", "result": []},
                              {"id": 3, "updated_at": "2026-02-01", "result": result}]},
             {"id": 42, "data": {"text": text}}]
    (doc,), issues = tasks_to_documents(tasks)
    messages = [str(i) for i in issues]
    assert all(m.startswith(("task 41 (d41)", "task 42 (ls-task-42)")) for m in messages)
    for needle in ("skipped (cancelled)", "read the latest (id 3)", "2 labels ['ORG', 'GROUP']",
                   "do not match the text 'غلط'", "'a2'] that were not read", "direction 'bi'", "has no label",
                   "type 'choices'", "unknown label 'VEHICLE'", "no submitted annotation and no prediction"):
        assert any(needle in m for m in messages), (needle, messages)
    assert [(e.label, e.text) for e in doc.entities] == [("ATTACK", "هاجم"), ("GPE", "الموصل"), ("VEHICLE", "مدينة")]
    assert [(x.label, x.head, x.tail) for x in doc.relations] == [("PLACE", "T1", "T2")]  # "left": head = to_id
    assert doc.status == "draft" and all(e.score is None for e in doc.entities)


def test_regions_drawn_in_label_studio_get_new_entity_ids_and_relations_follow():
    text = "قتل مسلحون خمسة جنود"
    res = [{"id": "T3", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": 0, "end": 3, "text": "قتل", "labels": ["KILL"]}},
           {"id": "Xq81_zz", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": 11, "end": 20, "text": "خمسة جنود", "labels": ["GROUP"]}},
           {"from_id": "T3", "to_id": "Xq81_zz", "type": "relation", "direction": "right", "labels": ["VICTIM"]}]
    doc, issues = task_to_document({"id": 1, "data": {"text": text, "status": "gold"},
                                    "annotations": [{"id": 9, "result": res}]})
    assert [e.id for e in doc.entities] == ["T3", "T4"] and doc.status == "gold"
    assert [(r.label, r.head, r.tail) for r in doc.relations] == [("VICTIM", "T3", "T4")]


def test_corrected_predictions_become_draft_unless_a_status_is_given(corpus):
    doc = corpus[2]
    task = exported(documents_to_tasks([Document(doc.id, doc.text, doc.entities, doc.relations, doc.meta,
                                                 "predicted")], "annotations"))[0]
    assert task_to_document(task)[0].status == "draft"
    assert task_to_document(task, status="gold")[0].status == "gold"


def test_command_line_export_and_import(tmp_path, corpus, capsys):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in corpus[:3]), encoding="utf-8")
    assert main(["export", str(src), "--output", str(tmp_path / "tasks.json")]) == 0
    tasks = exported(json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8")))
    (tmp_path / "export.json").write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(tmp_path / "export.json"), "--output", str(tmp_path / "back.jsonl")]) == 0
    assert [canonical(d) for d in load_documents([tmp_path / "back.jsonl"])] == [canonical(d) for d in corpus[:3]]
    tasks[0]["annotations"][0]["result"][0]["value"]["labels"] = ["VEHICLE"]
    (tmp_path / "export.json").write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["import", str(tmp_path / "export.json"), "--output", str(tmp_path / "back.jsonl")]) == 1
    assert "unknown label 'VEHICLE'" in capsys.readouterr().err
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    assert main(["import", str(tmp_path / "broken.json"), "--output", str(tmp_path / "x.jsonl")]) == 2
    assert main(["config", "--output", str(tmp_path / "config.xml")]) == 0
    assert ET.parse(tmp_path / "config.xml").getroot().tag == "View"


def test_predict_writes_label_studio_tasks_with_the_models_scores(tmp_path, trained_dir, seed_docs):
    from model.predict import main as predict

    (tmp_path / "a.txt").write_text(seed_docs[0].text, encoding="utf-8")
    assert predict([str(tmp_path / "a.txt"), "--model", str(trained_dir), "--format", "labelstudio", "--output",
                    str(tmp_path / "tasks.json"), "--quiet"]) == 0
    assert predict([str(tmp_path / "a.txt"), "--model", str(trained_dir), "--format", "jsonl", "--output",
                    str(tmp_path / "pred.jsonl"), "--quiet"]) == 0
    (task,) = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    pred = task["predictions"][0]
    assert "annotations" not in task and pred["result"] and all("score" in r for r in pred["result"])
    back, issues = task_to_document(dict(task, id=1))
    expected = load_documents([tmp_path / "pred.jsonl"])[0]
    assert not [i for i in issues if i.error] and back.status == "predicted"
    assert back.entities == expected.entities
    assert sorted(back.relations, key=str) == sorted(expected.relations, key=str)
