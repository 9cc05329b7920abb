"""brat standoff conversion (training/brat.py): annotation.conf from the schema, round trips of the seeds and 20 ANT
documents, pre-annotations with scores, and every line that cannot be read reported as file:line."""
import json

import pytest

from conftest import REPO
from model.document import Document, Entity, Relation, load_documents
from model.schema import SCHEMA
from training.brat import annotation_conf, document_to_ann, main, read_collection, write_collection


@pytest.fixture(scope="module")
def corpus():
    return (load_documents([REPO / "annotations" / "seeds.jsonl"])
            + load_documents([REPO / "annotations" / "ant.jsonl"])[:20])


def test_annotation_conf_lists_every_label_and_the_allowed_argument_types():
    conf = annotation_conf()
    sections = conf.split("[relations]")
    for label in SCHEMA.span_labels:
        assert f"\n{label}\n" in sections[0]
    for name, (heads, tails) in SCHEMA.relations.items():
        assert f"\n{name}\tArg1:{'|'.join(heads)}, Arg2:{'|'.join(tails)}\n" in sections[1]
    assert "[events]" in conf and "[attributes]" in conf


def test_seeds_and_20_ant_documents_round_trip_unchanged(tmp_path, corpus):
    assert write_collection(corpus, tmp_path) == len(corpus)
    back, problems = read_collection([tmp_path])
    assert not [p for p in problems if not p.warning], problems
    by_id = {d.id: d for d in back}
    assert sorted(by_id) == sorted(d.id for d in corpus)
    for doc in corpus:
        assert by_id[doc.id].to_dict() == doc.to_dict()
    assert (tmp_path / f"{corpus[0].id}.txt").read_bytes() == corpus[0].text.encode("utf-8")


def test_predictions_travel_with_scores_as_brat_notes(tmp_path):
    text = "أعلن الجيش مقتل 15 مسلحاً"
    ents = [Entity("T1", "ORG", 5, 10, "الجيش", 0.91), Entity("T2", "KILL", 11, 15, "مقتل", 0.8),
            Entity("T3", "GROUP", 16, 25, "15 مسلحاً", 0.77)]
    doc = Document("p1", text, ents, [Relation("VICTIM", "T2", "T3", 0.66)], {}, "predicted", {"events": []})
    ann = document_to_ann(doc)
    assert "#1\tAnnotatorNotes T1\tscore=0.9100" in ann and "AnnotatorNotes R1\tscore=0.6600" in ann
    write_collection([doc], tmp_path)
    (back,), problems = read_collection([tmp_path])
    assert not problems
    assert [e.score for e in back.entities] == [0.91, 0.8, 0.77] and back.relations[0].score == 0.66
    (human,), _ = read_collection([tmp_path], status="draft")  # corrected by a person: no model scores
    assert all(e.score is None for e in human.entities) and human.relations[0].score is None


def test_a_span_across_a_line_break_becomes_fragments_and_comes_back_whole(tmp_path):
    text = "قالت وزارة\nالدفاع إن"
    doc = Document("lb", text, [Entity("T1", "ORG", 5, 17, "وزارة\nالدفاع")], [], {}, "gold")
    assert "T1\tORG 5 10;11 17\tوزارة الدفاع" in document_to_ann(doc)
    write_collection([doc], tmp_path)
    (back,), problems = read_collection([tmp_path])
    assert back.entities == doc.entities and not [p for p in problems if not p.warning]


def test_offsets_counted_in_utf16_by_java_tools_are_converted_with_a_warning(tmp_path):
    text = "😀 هاجم داعش الموصل"
    (tmp_path / "u.txt").write_text(text, encoding="utf-8")
    (tmp_path / "u.ann").write_text("T1\tATTACK 3 7\tهاجم\nT2\tORG 8 12\tداعش\nR1\tATTACKER Arg1:T1 Arg2:T2\t\n",
                                    encoding="utf-8")
    (doc,), problems = read_collection([tmp_path])
    assert [(e.start, e.text) for e in doc.entities] == [(2, "هاجم"), (7, "داعش")]
    assert doc.relations == [Relation("ATTACKER", "T1", "T2")]
    assert [p.warning for p in problems] == [True, True] and "utf16" in problems[0].message
    assert doc.status == "draft" and doc.id == "u"


def test_lines_that_cannot_be_read_are_reported_with_file_and_line(tmp_path):
    text = "هاجم تنظيم داعش مدينة الموصل"
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    ann = ["T1\tATTACK 0 4\tهاجم", "T2\tORG 11 15\tداعش", "T3\tGPE 0 3;22 28\tهاج الموصل", "T4\tGPE 22 28\tغلط",
           "R1\tATTACKER Arg1:T1 Arg2:T2", "R2\tPLACE Arg1:T1 Arg2:T9", "R3\tPLACE Head:T1 Tail:T2",
           "E1\tATTACK:T1 Attacker:T2", "A1\tNegated T1", "#1\tAnnotatorNotes T2\tcheck this",
           "T5\tVEHICLE 16 21\tمدينة"]
    (tmp_path / "d.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    (tmp_path / "orphan.ann").write_text("", encoding="utf-8")
    (doc,), problems = read_collection([tmp_path])
    where = {(p.line, p.warning): p.message for p in problems if p.line}
    assert "discontinuous span" in where[(3, False)] and "do not match the text 'غلط'" in where[(4, False)]
    assert "['T9'] name no span" in where[(6, False)] and "expected Arg1 (head)" in where[(7, False)]
    assert "event has no place" in where[(8, False)] and "attribute has no place" in where[(9, False)]
    assert "note on T2 not kept" in where[(10, True)]
    messages = [str(p) for p in problems]
    assert any("orphan.ann:0" in m and "without its .txt" in m for m in messages)
    assert any("d.ann:0 d: validator: entity T5: unknown label 'VEHICLE'" in m for m in messages)
    assert [e.id for e in doc.entities] == ["T1", "T2", "T5"] and doc.relations == [Relation("ATTACKER", "T1", "T2")]


def test_ids_that_are_not_file_names_are_kept_in_the_meta_file(tmp_path):
    docs = [Document("articles/a 1.txt", "نص أول", [], [], {"x": 1}, "draft"),
            Document("articles/a_1", "نص ثان", [], [], {}, "draft")]
    write_collection(docs, tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == ["articles_a_1-2.txt", "articles_a_1.txt"]
    back, _ = read_collection([tmp_path])
    assert sorted(d.id for d in back) == sorted(d.id for d in docs) and back[0].meta in ({"x": 1}, {})


def test_command_line(tmp_path, corpus, capsys):
    src = tmp_path / "docs.jsonl"
    src.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in corpus[:2]), encoding="utf-8")
    assert main(["export", str(src), "--output", str(tmp_path / "brat")]) == 0
    assert (tmp_path / "brat" / "annotation.conf").read_text() == annotation_conf()
    assert main(["import", str(tmp_path / "brat"), "--output", str(tmp_path / "back.jsonl"), "--status", "gold"]) == 0
    assert sorted(d.id for d in load_documents([tmp_path / "back.jsonl"])) == sorted(d.id for d in corpus[:2])
    assert "2 documents" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nothing-here"), "--output", str(tmp_path / "x.jsonl")]) == 2


def test_predict_writes_a_brat_collection_with_scores(tmp_path, trained_dir, seed_docs):
    from model.predict import main as predict

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(seed_docs[0].text, encoding="utf-8")
    assert predict([str(tmp_path / "in" / "a.txt"), "--model", str(trained_dir), "--format", "brat", "--output",
                    str(tmp_path / "brat"), "--quiet"]) == 0
    assert predict([str(tmp_path / "in" / "a.txt"), "--model", str(trained_dir), "--format", "brat", "--quiet"]) == 2
    assert predict([str(tmp_path / "in" / "a.txt"), "--model", str(trained_dir), "--format", "jsonl", "--output",
                    str(tmp_path / "pred.jsonl"), "--quiet"]) == 0
    (back,), problems = read_collection([tmp_path / "brat"])
    expected = load_documents([tmp_path / "pred.jsonl"])[0]
    assert not [p for p in problems if not p.warning] and back.id == expected.id and back.status == "predicted"
    assert back.entities == expected.entities and back.relations == expected.relations
    assert all(e.score is not None for e in back.entities)
