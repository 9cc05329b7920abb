"""training.validate_events (called by training.validate on a folder with events.jsonl)."""
import json
import shutil
from pathlib import Path

from model.document import load_documents
from model.events import build_events
from training.validate import validate_paths

ANN = Path(__file__).resolve().parents[1] / "annotations"


def folder_with_events(tmp_path, mutate=None):
    shutil.copy(ANN / "seeds.jsonl", tmp_path / "seeds.jsonl")
    lines = []
    for d in load_documents([ANN / "seeds.jsonl"]):
        events = build_events(d)
        if mutate and d.id == "seed-000":
            mutate(events)
        lines.append(json.dumps({"id": d.id, "status": "gold", "events": events}, ensure_ascii=False))
    (tmp_path / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def errors(tmp_path, mutate=None):
    problems, n_docs = validate_paths([folder_with_events(tmp_path, mutate)])
    return [str(p) for p in problems if not p.warning], n_docs


def test_records_of_the_builder_are_valid_and_the_event_file_is_not_a_document(tmp_path):
    errs, n_docs = errors(tmp_path)
    assert errs == [] and n_docs == 5


def test_bad_ids_types_counts_dates_and_countries_are_reported(tmp_path):
    def mutate(events):
        events[0]["mentions"].append("T1")             # an ORG, not a trigger
        events[0]["type"] = "RAID"
        events[0]["killed"] = {"min": 9, "max": 3, "approx": False, "text": "", "who": ["T999"]}
        events[0]["date"] = {"text": "يوم الخميس", "start": "2024-13-01", "end": None}
        events[0]["country"] = "XX"
        events[1]["mentions"] = list(events[0]["mentions"][:1])  # a mention in two records
    errs, _ = errors(tmp_path, mutate)
    text = "\n".join(errs)
    for needle in ("not a trigger span", "type 'RAID'", "min 9 > max 3", "T999", "ISO yyyy-mm-dd", "'XX'",
                   "already in"):
        assert needle in text, needle


def test_unknown_document(tmp_path):
    folder = folder_with_events(tmp_path)
    with open(folder / "events.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "nope", "status": "gold", "events": []}) + "\n")
    problems, _ = validate_paths([folder])
    assert any("no document with id 'nope'" in str(p) for p in problems)


def test_a_count_without_a_mention_of_its_outcome_is_reported(tmp_path):
    seed0 = next(d for d in load_documents([ANN / "seeds.jsonl"]) if d.id == "seed-000")
    injures = {e.id for e in seed0.entities if e.label == "INJURE"}

    def drop_injures(events):  # the raid keeps its 7 wounded but loses every INJURE mention
        raid = next(e for e in events if e["killed"] and e["wounded"])
        raid["mentions"] = [m for m in raid["mentions"] if m not in injures]
    errs, _ = errors(tmp_path, drop_injures)
    assert any("wounded is counted but no mention of the record is INJURE" in e for e in errs), errs
    assert not any("killed is counted" in e for e in errs)
