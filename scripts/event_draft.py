"""Reading aid and checker for the gold event records (`annotations/events.jsonl`, format in the guidelines' Events
section). It never writes records: every record is decided by a person reading the article.

    python scripts/event_draft.py show seed-000            # sentences with spans inline, triggers with arguments
    python scripts/event_draft.py check [--strict]         # ids, labels, shapes and coverage of events.jsonl

`show` prints the publication date with its weekday, each sentence (split at . ؟ ! and line breaks) with every span
as [text]LABEL:id, then each trigger with its relations, then MEMBER_OF and LOCATED_IN. `check` reports every
problem in the records (each trigger of a covered document in exactly one record, ids with the labels their
fields allow, count shapes, evidence copied from the text) and exits non-zero if there is one; it lists the seeds
and test documents not covered yet, which is an error only with --strict. `python -m training.validate
annotations/` runs the project's own event validator as well.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import json
import logging
import sys
from pathlib import Path

from model.document import Document, load_documents
from training.validate_events import COUNT_FIELDS, ROLE_LABELS
from training.validate_events import check_record as validate_record
from model.mentions import sentences

log = logging.getLogger("event_draft")
ANN = Path(__file__).resolve().parent.parent / "annotations"
TRIGGERS = {"ATTACK", "KILL", "INJURE", "ARREST"}
COUNT_KEYS = {"min", "max", "approx", "text", "who", "breakdown"}
# a gold record's fields (the builder's records carry target_orgs, victim_orgs, subtype and offsets besides)
GOLD_ROLES = ("attackers", "targets", "victims", "agents", "instruments", "sources", "attacker_orgs")
RECORD_KEYS = {"id", "type", "mentions", "evidence", "date", "place", "places", "country", "killed", "wounded",
               "captured", "aggregate"} | set(GOLD_ROLES)


def publication_date(meta: dict) -> dt.date | None:
    """meta.date as a date: ISO (`2021-09-10`) or RFC 2822 (`Tue, 05 Jun 2018 09:07:11 GMT`, ANT)."""
    raw = (meta or {}).get("date")
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return email.utils.parsedate_to_datetime(raw).date()


def show(doc: Document) -> str:
    pub = publication_date(doc.meta)
    lines = [f"# {doc.id}  published {pub} ({pub.strftime('%A') if pub else '-'})  meta.date={doc.meta.get('date')}"]
    ents = sorted(doc.entities, key=lambda e: e.start)
    for n, (s, e) in enumerate(sentences(doc.text)):
        out, pos = [], s
        for ent in ents:
            if s <= ent.start < e:
                out.append(doc.text[pos:ent.start] + f"[{ent.text}]{ent.label}:{ent.id}")
                pos = ent.end
        out.append(doc.text[pos:e])
        lines.append(f"S{n} @{s}: " + "".join(out).strip())
    by_id = doc.entity_by_id()
    name = lambda i: f"{i}:{by_id[i].text}" if i in by_id else f"{i}:?"
    lines.append("\n# triggers")
    for ent in ents:
        if ent.label in TRIGGERS:
            args = [f"{r.label}={name(r.tail)}" for r in doc.relations if r.head == ent.id]
            lines.append(f"{ent.id} {ent.label} [{ent.text}] @{ent.start}: " + "; ".join(args))
    for lab in ("MEMBER_OF", "LOCATED_IN"):
        lines.append(f"\n# {lab}: " + "; ".join(f"{name(r.head)} -> {name(r.tail)}"
                                               for r in doc.relations if r.label == lab))
    return "\n".join(lines)


def _check_count_shape(c, where: str, by_id: dict, probs: list[str]) -> None:
    """A count object written by hand has all its keys, and its `who` are victims (PER, GROUP, ORG)."""
    if c is None:
        return
    if not isinstance(c, dict) or set(c) - COUNT_KEYS or not {"min", "max", "approx", "text", "who"} <= set(c):
        probs.append(f"{where}: count must have min, max, approx, text, who (and breakdown): {c}")
        return
    for part in [c] + list(c.get("breakdown") or []):
        for i in part.get("who", []):
            if i in by_id and by_id[i].label not in ROLE_LABELS["victims"]:
                probs.append(f"{where}: who {i} is not PER/GROUP/ORG")


def check_record(rec: dict, doc: Document, probs: list[str]) -> None:
    """The validator's checks (`training.validate_events.check_record`, its warnings counted as problems: a gold
    record's evidence must be a passage of the text), and what a record written by hand must also satisfy: exactly
    the format's keys, type ATTACK when an ATTACK is among its mentions, count objects with all their keys."""
    by_id, where = doc.entity_by_id(), f"{doc.id} {rec.get('id')}"
    errs, warns = validate_record(rec, {i: e.label for i, e in by_id.items()}, doc.text)
    probs += [f"{doc.id} {m}" for m in errs + warns]
    if set(rec) != RECORD_KEYS:
        probs.append(f"{where}: keys differ from the format: missing {RECORD_KEYS - set(rec)}, extra "
                     f"{set(rec) - RECORD_KEYS}")
    if not rec.get("evidence"):
        probs.append(f"{where}: evidence is missing")
    labels = {by_id[i].label for i in rec.get("mentions") or [] if i in by_id}
    if "ATTACK" in labels and rec.get("type") != "ATTACK":
        probs.append(f"{where}: an ATTACK mention makes the type ATTACK")
    for k in COUNT_FIELDS:
        _check_count_shape(rec.get(k), f"{where} {k}", by_id, probs)


def gold_documents() -> dict[str, Document]:
    """Every gold document in the annotations folder (the event file itself is skipped by load_documents)."""
    return {d.id: d for d in load_documents([ANN])}


def check(path: Path) -> tuple[list[str], list[str]]:
    """(problems in the records, seeds and test documents without a line in the event file)."""
    docs = gold_documents()
    splits = json.loads((ANN / "splits.json").read_text(encoding="utf-8"))
    want = {i for i in docs if i.startswith("seed-")} | {i for i, s in splits.items() if s == "test"}
    probs, seen = [], set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        obj = json.loads(line)
        if obj["id"] not in docs or obj["id"] in seen:
            probs.append(f"line {n}: unknown or repeated document {obj['id']}")
            continue
        seen.add(obj["id"])
        ids = [r["id"] for r in obj["events"]]
        if len(ids) != len(set(ids)):
            probs.append(f"{obj['id']}: repeated event ids")
        for rec in obj["events"]:
            check_record(rec, docs[obj["id"]], probs)
        mentions = [m for rec in obj["events"] for m in rec.get("mentions") or []]
        triggers = {e.id for e in docs[obj["id"]].entities if e.label in TRIGGERS}
        probs += [f"{obj['id']}: trigger {t} is in no record" for t in sorted(triggers - set(mentions))]
        probs += [f"{obj['id']}: mention {m} is in more than one record"
                  for m in sorted({m for m in mentions if mentions.count(m) > 1})]
    return probs, sorted(want - seen)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("doc_id")
    chk = sub.add_parser("check")
    chk.add_argument("--events", default=str(ANN / "events.jsonl"))
    chk.add_argument("--strict", action="store_true", help="a seed or test document without records is an error")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.cmd == "show":
        docs = gold_documents()
        if args.doc_id not in docs:
            log.error("no document %s in the annotation files of %s", args.doc_id, ANN)
            return 1
        sys.stdout.write(show(docs[args.doc_id]) + "\n")
        return 0
    path = Path(args.events)
    if not path.is_file():
        log.error("%s: no such event file", path)
        return 1
    probs, missing = check(path)
    for p in probs:
        log.error("%s: %s", path, p)
    if missing:
        (log.error if args.strict else log.warning)("%d seed/test document(s) without records: %s", len(missing),
                                                    ", ".join(missing))
    log.info("%d problem(s) in the records", len(probs))
    return 1 if probs or (missing and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
