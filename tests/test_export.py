"""model.export: ACLED-like CSV and one JSON line per event."""
import csv
import io
import json
from pathlib import Path

from model.document import load_documents
from model.events import attach_events
from model.export import CSV_COLUMNS, count_cell, events_csv, events_jsonl, main

ANN = Path(__file__).resolve().parents[1] / "annotations"


def test_count_cells():
    assert count_cell(None) == "" and count_cell({"min": 15, "max": 15, "approx": False}) == "15"
    assert count_cell({"min": 16, "max": None, "approx": False}) == "16+"
    assert count_cell({"min": 20, "max": 99, "approx": True}) == "20-99~"


def test_seed_000_csv_row_of_the_raid():
    doc = attach_events(next(d for d in load_documents([ANN / "seeds.jsonl"]) if d.id == "seed-000"))
    rows = list(csv.DictReader(io.StringIO(events_csv([doc]))))
    assert list(rows[0]) == CSV_COLUMNS
    raid = next(r for r in rows if "غربي العراق" == r["place"])
    assert (raid["killed"], raid["wounded"], raid["country"], raid["event_type"]) == ("15", "7", "IQ", "ATTACK")
    assert raid["date_text"] == "يوم الخميس" and raid["event_date"] == ""
    assert "الجيش الأميركي" in raid["actor1"] and "وكالة أسوشيتد برس" in raid["sources"]
    start, end = map(int, raid["mention_offsets"].split(";")[0].split("-"))
    assert doc.text[start:end] in raid["mentions"]
    lines = [json.loads(x) for x in events_jsonl([doc]).splitlines()]
    assert len(lines) == len(rows) and all(x["document"] == "seed-000" for x in lines)


def test_cli_rebuilds_records_with_a_date(tmp_path, capsys):
    out = tmp_path / "e.jsonl"
    assert main([str(ANN / "seeds.jsonl"), "--format", "events", "--date", "2024-03-16", "--output", str(out)]) == 0
    evs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    raid = next(e for e in evs if e["document"] == "seed-000" and "T18" in e["mentions"])
    assert raid["date"]["start"] == "2024-03-14"  # the Thursday before Saturday 16 March 2024
    seed4 = [e for e in evs if e["document"] == "seed-004" and e["date"] and e["date"]["start"]]
    assert all(e["date"]["end"] <= "2021-09-10" for e in seed4)  # its own meta date wins over --date


def test_actor2_is_the_side_attacked_not_the_building():
    from model.document import Document, Entity, Relation
    from model.export import event_row

    # seed 000: "قصف المخابئ" where 15 ISIS fighters were killed: the hideouts are a target, ISIS is the side
    doc = attach_events(next(d for d in load_documents([ANN / "seeds.jsonl"]) if d.id == "seed-000"))
    raid = next(r for r in (event_row(doc, ev) for ev in doc.extra["events"]) if r["place"] == "غربي العراق")
    assert "داعش" in raid["actor2"].split("; ")
    text = "استهدفت غارة مبنى في الموصل"
    ents = [Entity("T1", "ATTACK", 6, 10, "غارة"), Entity("T2", "FAC", 11, 15, "مبنى")]
    bare = Document("d", text, ents, [Relation("TARGET", "T1", "T2")])
    ev = {"id": "EV1", "type": "ATTACK", "targets": ["T2"], "victims": [], "mentions": ["T1"]}
    assert event_row(bare, ev)["actor2"] == "مبنى"  # a targeted building with no side named is still shown
