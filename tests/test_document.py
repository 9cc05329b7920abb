import json

import pytest

from model.document import Document, DocumentError, Entity, load_documents, write_jsonl


def test_json_round_trip_is_exact(tmp_path, seed_docs):
    path = tmp_path / "out.jsonl"
    write_jsonl(seed_docs, path)
    again = load_documents([path])
    assert [d.to_dict() for d in again] == [d.to_dict() for d in seed_docs]
    raw = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert raw[0]["text"] == seed_docs[0].text


def test_unknown_fields_survive_and_scores_are_optional(tmp_path):
    doc = Document("d", "قال داعش", [Entity("T1", "ORG", 4, 8, "داعش", 0.9)], [], extra={"events": [1]})
    write_jsonl([doc], tmp_path / "a.jsonl")
    back = load_documents([tmp_path / "a.jsonl"])[0]
    assert back.extra == {"events": [1]} and back.entities[0].score == 0.9
    assert "score" not in Document("d", "x", [Entity("T1", "ORG", 0, 1, "x")]).to_dict()["entities"][0]


def test_bad_json_names_file_and_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"bad.jsonl:2"):
        load_documents([p])


def test_failed_write_leaves_no_partial_file(tmp_path):
    class Boom(Document):
        def to_dict(self):
            raise RuntimeError("boom")

    target = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        write_jsonl([Document("a", "x"), Boom("b", "y")], target)
    assert not target.exists() and list(tmp_path.iterdir()) == []
