from model.document import Document, Entity, Relation
from model.events import build_events


def test_events_group_arguments_by_role_and_link_results_back():
    text = "غارة قتلت 5 في بغداد"
    ents = [Entity("T1", "ATTACK", 0, 4, "غارة"), Entity("T2", "KILL", 5, 9, "قتلت"), Entity("T3", "GROUP", 10, 11, "5"),
            Entity("T4", "GPE", 15, 20, "بغداد")]
    rels = [Relation("VICTIM", "T2", "T3"), Relation("RESULT_OF", "T2", "T1"), Relation("PLACE", "T1", "T4")]
    events = {e["trigger"]: e for e in build_events(Document("d", text, ents, rels), ("ATTACK", "KILL"))}
    assert events["T2"]["arguments"]["VICTIM"][0]["text"] == "5"
    assert events["T1"]["arguments"]["RESULTS"][0]["id"] == "T2"
    assert events["T1"]["arguments"]["PLACE"][0]["text"] == "بغداد" and "T3" not in events
