"""Event records as analyst tables: one JSON line per event, or ACLED-like CSV.

    python -m model.predict article.txt --format csv                  # straight from text
    python -m model.export preds.jsonl --format csv --output events.csv   # from predicted (or gold) documents
    python -m model.export preds.jsonl --format events --date 2018-09-02   # rebuild records with a publication date

CSV columns (`CSV_COLUMNS`): event_id, document_id, event_date (ISO start; `start/end` for an interval),
date_text, event_type, sub_type, actor1 (attackers, or the agents of a casualty), actor2 (the targets that are
actors: people, organisations, groups; else the targets' organisations, the victims' organisations, the victims,
and last the other targets: a building or a town is where the harm fell, not a side), place, country (ISO 3166-1 alpha-2), killed, wounded, captured
(`15`, `16+` for an open bound, `20-99~` for a range, `~` marking an approximation), sources, aggregate,
evidence (the sentence that states the event), mentions (trigger texts), mention_offsets (`start-end;...`).
Entity lists are joined with `; `.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys

from .document import Document, load_documents

CSV_COLUMNS = ["event_id", "document_id", "event_date", "date_text", "event_type", "sub_type", "actor1", "actor2",
               "place", "country", "killed", "wounded", "captured", "sources", "aggregate", "evidence", "mentions",
               "mention_offsets"]


def count_cell(c: dict | None) -> str:
    """`{"min": 15, "max": 15}` -> '15'; open max -> '16+'; a range -> '20-99'; '~' after approximations."""
    if not c or (c.get("min") is None and c.get("max") is None):
        return ""
    lo, hi = c.get("min"), c.get("max")
    if lo == hi:
        s = str(lo)
    elif hi is None:
        s = f"{lo}+"
    elif lo is None:
        s = f"<={hi}"
    else:
        s = f"{lo}-{hi}"
    return s + ("~" if c.get("approx") else "")


def _texts(doc: Document, ids: list[str]) -> str:
    ents = doc.entity_by_id()
    return "; ".join(dict.fromkeys(ents[i].text for i in ids if i in ents))


ACTOR_LABELS = ("PER", "ORG", "GROUP")


def _actor2(ev: dict, ents: dict) -> list[str]:
    """ACLED's second actor: the side attacked. A target that is a place or a facility (`المخابئ`) is not a side;
    the victims' organisation (`داعش` of `15 من عناصر داعش`) is."""
    targets = ev.get("targets") or []
    actors = [t for t in targets if t in ents and ents[t].label in ACTOR_LABELS]
    return actors or ev.get("target_orgs") or ev.get("victim_orgs") or ev.get("victims") or targets


def event_row(doc: Document, ev: dict) -> dict:
    ents = doc.entity_by_id()
    date = ev.get("date") or {}
    start, end = date.get("start"), date.get("end")
    actor2 = _actor2(ev, ents)
    return {
        "event_id": f"{doc.id}:{ev['id']}", "document_id": doc.id,
        "event_date": (start if start == end else f"{start or ''}/{end or ''}") if (start or end) else "",
        "date_text": date.get("text", ""), "event_type": ev["type"], "sub_type": ev.get("subtype") or "",
        "actor1": _texts(doc, ev.get("attackers") or ev.get("agents") or []), "actor2": _texts(doc, actor2),
        "place": ents[ev["place"]].text if ev.get("place") in ents else "", "country": ev.get("country") or "",
        "killed": count_cell(ev.get("killed")), "wounded": count_cell(ev.get("wounded")),
        "captured": count_cell(ev.get("captured")), "sources": _texts(doc, ev.get("sources", [])),
        "aggregate": "yes" if ev.get("aggregate") else "",
        "evidence": ev.get("evidence", ""), "mentions": _texts(doc, ev.get("mentions", [])),
        "mention_offsets": ";".join(f"{ents[i].start}-{ents[i].end}" for i in ev.get("mentions", []) if i in ents),
    }


def events_csv(docs: list[Document]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for doc in docs:
        for ev in doc.extra.get("events", []):
            w.writerow(event_row(doc, ev))
    return buf.getvalue()


def events_jsonl(docs: list[Document]) -> str:
    """One JSON object per event: the record plus `document` (the document id)."""
    return "".join(json.dumps({"document": d.id, **ev}, ensure_ascii=False) + "\n"
                   for d in docs for ev in d.extra.get("events", []))


def main(argv: list[str] | None = None) -> int:
    from .events import attach_events
    from .predict import write_atomic

    ap = argparse.ArgumentParser(prog="python -m model.export", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="JSONL files of documents (predictions or annotations)")
    ap.add_argument("--format", choices=["events", "csv"], default="csv")
    ap.add_argument("--date", help="publication date YYYY-MM-DD for documents whose meta has none")
    ap.add_argument("--output", help="write here (atomically) instead of standard output")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        docs = load_documents(args.inputs)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for d in docs:
        attach_events(d, None if d.meta.get("date") else args.date)
    write_atomic(events_csv(docs) if args.format == "csv" else events_jsonl(docs), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
