"""Tests for scripts/event_draft.py: the reading view marks spans and arguments, the record checker catches what a
wrong record gets wrong, and the gold event file has no problem against the current gold documents."""
import datetime as dt
import sys

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))

import event_draft as E  # noqa: E402
from model.document import Document, Entity, Relation  # noqa: E402

TEXT = "قالت القيادة المركزية إن 15 مسلحاً قتلوا في غارة غربي العراق يوم الخميس."


def doc() -> Document:
    spans = [("T1", "ORG", "القيادة المركزية"), ("T2", "GROUP", "15 مسلحاً"), ("T3", "KILL", "قتلوا"),
             ("T4", "ATTACK", "غارة"), ("T5", "LOC", "غربي العراق"), ("T6", "DATE", "يوم الخميس")]
    ents = []
    for sid, label, surface in spans:
        s = TEXT.index(surface)
        ents.append(Entity(sid, label, s, s + len(surface), surface))
    rels = [Relation("VICTIM", "T3", "T2"), Relation("RESULT_OF", "T3", "T4"), Relation("PLACE", "T4", "T5"),
            Relation("TIME", "T4", "T6"), Relation("SOURCE", "T3", "T1")]
    return Document("d1", TEXT, ents, rels, {"date": "Sat, 07 Jul 2018 13:13:40 +0400"}, "gold")


def record(**change) -> dict:
    count = {"min": 15, "max": 15, "approx": False, "text": "15 مسلحاً", "who": ["T2"],
             "breakdown": [{"who": ["T2"], "min": 15, "max": 15, "approx": False, "text": "15 مسلحاً"}]}
    rec = {"id": "EV1", "type": "ATTACK", "mentions": ["T3", "T4"], "evidence": TEXT,
           "date": {"text": "يوم الخميس", "start": "2018-07-05", "end": "2018-07-05"}, "place": "T5",
           "places": ["T5"], "country": "IQ", "attackers": [], "targets": [], "victims": ["T2"], "agents": [],
           "instruments": [], "sources": ["T1"], "attacker_orgs": [], "killed": count, "wounded": None,
           "captured": None, "aggregate": False}
    rec.update(change)
    return rec


def test_publication_date_reads_rfc2822_and_iso():
    assert E.publication_date({"date": "Sat, 07 Jul 2018 13:13:40 +0400"}) == dt.date(2018, 7, 7)
    assert E.publication_date({"date": "2021-09-10"}) == dt.date(2021, 9, 10)
    assert E.publication_date({"date": None}) is None


def test_show_marks_spans_and_arguments():
    out = E.show(doc())
    assert "[15 مسلحاً]GROUP:T2" in out
    assert "T3 KILL [قتلوا]" in out and "VICTIM=T2:15 مسلحاً" in out and "RESULT_OF=T4:غارة" in out
    assert "Saturday" in out


def test_a_correct_record_passes():
    probs = []
    E.check_record(record(), doc(), probs)
    assert probs == []


def test_wrong_records_are_caught():
    cases = {
        "mention": record(mentions=["T2"]),                       # a GROUP is no trigger
        "type ATTACK": record(type="KILL"),                       # an ATTACK mention makes it ATTACK
        "evidence": record(evidence="ليس في النص"),
        "place": record(place="T1", places=["T1"]),               # an ORG is no place
        "places must start": record(place=None),                 # places without their place
        "country": record(country="Iraq"),
        "min 16 > max 15": record(killed=record()["killed"] | {"min": 16}),
        "victims": record(victims=["T4"]),
        "aggregate": record(aggregate="no"),
        "wounded": record(wounded=record()["killed"]),              # a count with no INJURE mention (11.7)
    }
    for expect, rec in cases.items():
        probs = []
        E.check_record(rec, doc(), probs)
        assert any(expect.split()[0] in p for p in probs), (expect, probs)


def test_gold_event_file_has_no_problem():
    probs, _missing = E.check(REPO / "annotations" / "events.jsonl")
    assert probs == []


def test_second_reading_of_the_dev_records_has_no_problem_and_covers_the_dev_documents():
    import json

    path = REPO / "annotations" / "agreement" / "events_dev_b.jsonl"
    probs, _missing = E.check(path)
    assert probs == []
    splits = json.loads((REPO / "annotations" / "splits.json").read_text(encoding="utf-8"))
    ids = {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    gold = {json.loads(line)["id"] for line in (REPO / "annotations" / "events.jsonl").read_text(encoding="utf-8")
            .splitlines()}
    assert ids == {d for d in gold if splits.get(d) == "dev"}
