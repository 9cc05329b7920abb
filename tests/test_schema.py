import json

from model.schema import SCHEMA, Schema


def test_bio_tags_derived_from_span_labels():
    tags = SCHEMA.bio_tags
    assert tags[0] == "O" and len(tags) == 1 + 2 * len(SCHEMA.span_labels)
    assert tags[1] == f"B-{SCHEMA.span_labels[0]}" and tags[2] == f"I-{SCHEMA.span_labels[0]}"


def test_allowed_types_follow_the_table():
    assert SCHEMA.allows("ATTACKER", "ATTACK", "ORG")
    assert not SCHEMA.allows("ATTACKER", "KILL", "ORG")
    assert SCHEMA.allows("RESULT_OF", "KILL", "ATTACK") and not SCHEMA.allows("RESULT_OF", "KILL", "ORG")
    assert set(SCHEMA.allowed_relations("KILL", "ORG")) == {"VICTIM", "AGENT", "SOURCE"}
    assert not SCHEMA.can_pair("DATE", "ORG")


def test_round_trip_keeps_relation_order_even_through_sorted_json():
    d = json.loads(json.dumps(SCHEMA.to_dict(), sort_keys=True))
    back = Schema.from_dict(d)
    assert back.relation_labels == SCHEMA.relation_labels
    assert back.allowed_matrix() == SCHEMA.allowed_matrix()
