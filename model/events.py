"""Event records: each trigger with its arguments, built from a document's spans and relations."""
from __future__ import annotations

from .document import Document


def build_events(doc: Document, trigger_labels: tuple[str, ...]) -> list[dict]:
    """One record per trigger span: type, trigger text and offsets, and arguments by role (relation label).

    RESULT_OF links a casualty to its attack both ways: the casualty lists the attack under `RESULT_OF`, and the
    attack lists the casualty under `RESULTS`, so an attack's record shows who was killed, injured or captured.
    """
    ents = doc.entity_by_id()
    events = {e.id: {"trigger": e.id, "type": e.label, "text": e.text, "start": e.start, "end": e.end,
                     "arguments": {}} for e in doc.entities if e.label in trigger_labels}
    for r in doc.relations:
        if r.head in events and r.tail in ents:
            tail = ents[r.tail]
            arg = {"id": tail.id, "label": tail.label, "text": tail.text}
            if r.score is not None:
                arg["score"] = round(float(r.score), 4)
            events[r.head]["arguments"].setdefault(r.label, []).append(arg)
            if r.label == "RESULT_OF" and r.tail in events:
                events[r.tail]["arguments"].setdefault("RESULTS", []).append(
                    {"id": r.head, "label": events[r.head]["type"], "text": events[r.head]["text"]})
    return list(events.values())
