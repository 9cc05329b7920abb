"""Check event-record files (annotations/events.jsonl) against their documents and the record format.

    python -m training.validate annotations/         # validates the documents and annotations/events.jsonl
    python -m training.validate_events annotations/events.jsonl   # the event file alone (documents from its folder)

Checks: each line is {"id", "status", "events": [...]} for a document that exists; record ids unique; type one of
the trigger labels; mentions are trigger spans of that document, each in one record only; ids in date/place/
places/roles name entities of the document with labels the roles allow; dates ISO (yyyy-mm-dd) with start <= end;
country an ISO 3166-1 alpha-2 code; counts null or {min, max, approx, text, who, breakdown} with integer bounds,
min <= max. Record format: annotations/GUIDELINES.md (event section).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from model.document import EVENTS_FILE, STATUSES, expand_paths, iter_jsonl
from model.schema import SCHEMA

PLACES = {"GPE", "LOC", "FAC"}
ACTORS = {"ORG", "PER", "GROUP", "GPE"}
ROLE_LABELS = {"attackers": ACTORS, "targets": ACTORS | PLACES, "victims": {"PER", "GROUP", "ORG"},
               "agents": ACTORS, "instruments": {"WEAPON"}, "sources": {"ORG", "PER"},
               "attacker_orgs": {"ORG", "GPE"}, "target_orgs": {"ORG", "GPE"}, "victim_orgs": {"ORG", "GPE"}}
COUNT_FIELDS = ("killed", "wounded", "captured")
OUTCOME = {"killed": "KILL", "wounded": "INJURE", "captured": "ARREST"}


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _iso(v) -> bool:
    if v is None:
        return True
    try:
        return isinstance(v, str) and len(v) == 10 and date.fromisoformat(v) is not None
    except ValueError:
        return False


def check_count(name: str, c, labels: dict[str, str]) -> list[str]:
    if c is None:
        return []
    if not isinstance(c, dict):
        return [f"{name}: must be null or an object"]
    errs = []
    for key in ("min", "max"):
        if c.get(key) is not None and not (_is_int(c[key]) and c[key] >= 0):
            errs.append(f"{name}.{key}: must be a non-negative integer or null")
    if _is_int(c.get("min")) and _is_int(c.get("max")) and c["min"] > c["max"]:
        errs.append(f"{name}: min {c['min']} > max {c['max']}")
    if "approx" in c and not isinstance(c["approx"], bool):
        errs.append(f"{name}.approx: must be true or false")
    if "text" in c and not isinstance(c["text"], str):
        errs.append(f"{name}.text: must be a string")
    errs += [f"{name}.who: {i!r} names no entity of this document" for i in c.get("who", []) if i not in labels]
    for k, b in enumerate(c.get("breakdown", []) or []):
        if "breakdown" in b:
            errs.append(f"{name}.breakdown[{k}]: nested breakdown")
        errs += check_count(f"{name}.breakdown[{k}]", b, labels)
    return errs


def counts_without_outcome(ev: dict, labels: dict[str, str]) -> list[str]:
    """A count whose outcome no mention of the record has (`wounded` with no INJURE trigger): guidelines 11.7."""
    have = {labels.get(m) for m in ev.get("mentions") or []}
    return [f"{name} is counted but no mention of the record is {OUTCOME[name]} (guidelines 11.7: counts come from "
            f"the record's own casualty triggers)" for name in COUNT_FIELDS
            if ev.get(name) is not None and OUTCOME[name] not in have]


def check_record(ev: dict, labels: dict[str, str], text: str) -> tuple[list[str], list[str]]:
    """Errors and warnings for one record; `labels` maps the document's entity ids to labels."""
    errs, warns = [], []
    rid = ev.get("id", "?")
    if ev.get("type") not in SCHEMA.trigger_labels:
        errs.append(f"{rid}: type {ev.get('type')!r} is not one of {', '.join(SCHEMA.trigger_labels)}")
    mentions = ev.get("mentions")
    if not isinstance(mentions, list) or not mentions:
        errs.append(f"{rid}: mentions must be a non-empty list of trigger ids")
        mentions = []
    for m in mentions:
        if labels.get(m) not in SCHEMA.trigger_labels:
            errs.append(f"{rid}: mention {m!r} is not a trigger span of this document")
    if ev.get("evidence") and ev["evidence"].strip() not in text:
        warns.append(f"{rid}: evidence is not a passage of the document text")
    d = ev.get("date")
    if d is not None:
        if not isinstance(d, dict) or not isinstance(d.get("text"), str):
            errs.append(f"{rid}: date must be null or {{text, start, end}}")
        elif not (_iso(d.get("start")) and _iso(d.get("end"))):
            errs.append(f"{rid}: date start/end must be ISO yyyy-mm-dd or null, got {d.get('start')!r}/{d.get('end')!r}")
        elif d.get("start") and d.get("end") and d["start"] > d["end"]:
            errs.append(f"{rid}: date start {d['start']} after end {d['end']}")
    for i in ([ev["place"]] if ev.get("place") else []) + list(ev.get("places") or []):
        if labels.get(i) not in PLACES:
            errs.append(f"{rid}: place {i!r} is not a GPE/LOC/FAC span of this document")
    if ev.get("places") and ev["places"][0] != ev.get("place"):
        errs.append(f"{rid}: places must start with place")
    country = ev.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()
                                    and country in _iso_codes()):
        errs.append(f"{rid}: country {country!r} is not an ISO 3166-1 alpha-2 code")
    for role, allowed in ROLE_LABELS.items():
        for i in ev.get(role) or []:
            if labels.get(i) not in allowed:
                errs.append(f"{rid}: {role} {i!r} is {labels.get(i) or 'no entity'}, expected one of {sorted(allowed)}")
    for name in COUNT_FIELDS:
        if name not in ev:
            errs.append(f"{rid}: missing {name} (null when the text gives no number)")
        else:
            errs += [f"{rid}: {m}" for m in check_count(name, ev[name], labels)]
    errs += [f"{rid}: {m}" for m in counts_without_outcome(ev, labels)]
    if "aggregate" in ev and not isinstance(ev["aggregate"], bool):
        errs.append(f"{rid}: aggregate must be true or false")
    return errs, warns


def _iso_codes() -> set[str]:
    from model.places import NOT_ISO

    from babel import Locale

    return {c for c in Locale("en").territories if len(c) == 2 and c.isalpha() and c not in NOT_ISO}


def check_event_doc(obj: dict, doc: dict | None) -> tuple[list[str], list[str]]:
    if doc is None:
        return [f"no document with id {obj.get('id')!r} in the annotation files"], []
    if obj.get("status") not in STATUSES:
        return [f"status {obj.get('status')!r} is not one of {', '.join(STATUSES)}"], []
    if not isinstance(obj.get("events"), list):
        return ["'events' must be a list of records"], []
    labels = {e["id"]: e["label"] for e in doc.get("entities", [])}
    errs, warns, seen_ids, owner = [], [], set(), {}
    for ev in obj["events"]:
        if not isinstance(ev, dict):
            errs.append("each record must be an object")
            continue
        if ev.get("id") in seen_ids:
            errs.append(f"{ev.get('id')}: duplicate record id")
        seen_ids.add(ev.get("id"))
        for m in ev.get("mentions") or []:
            if m in owner:
                errs.append(f"{ev.get('id')}: mention {m} is already in {owner[m]}")
            owner[m] = ev.get("id")
        e, w = check_record(ev, labels, doc.get("text", ""))
        errs, warns = errs + e, warns + w
    return errs, warns


def validate_event_files(paths: list[Path], docs: dict[str, dict]):
    """Problems (training.validate.Problem) in event files; documents missing from `docs` are read from the
    event file's folder."""
    from training.validate import Problem

    problems = []
    for path in paths:
        known = dict(docs)
        for f in expand_paths([path.parent]):
            if f != path:
                for _, d in iter_jsonl(f):
                    known.setdefault(str(d.get("id")), d)
        seen = set()
        try:
            lines = list(iter_jsonl(path))
        except ValueError as err:
            problems.append(Problem(str(path), 0, "-", str(err)))
            continue
        for lineno, obj in lines:
            doc_id = str(obj.get("id", "-"))
            if doc_id in seen:
                problems.append(Problem(str(path), lineno, doc_id, "duplicate document id"))
            seen.add(doc_id)
            errs, warns = check_event_doc(obj, known.get(doc_id))
            problems += [Problem(str(path), lineno, doc_id, m) for m in errs]
            problems += [Problem(str(path), lineno, doc_id, m, warning=True) for m in warns]
    return problems


def event_files_in(paths: list[str | Path]) -> list[Path]:
    """The event files among `paths`: files named events.jsonl, and events.jsonl inside given folders."""
    out = []
    for p in map(Path, paths):
        if p.is_dir() and (p / EVENTS_FILE).is_file():
            out.append(p / EVENTS_FILE)
        elif p.name == EVENTS_FILE and p.is_file():
            out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="event files (events.jsonl) or folders holding one")
    args = ap.parse_args(argv)
    problems = validate_event_files(event_files_in(args.paths), {})
    for p in problems:
        print(p)
    n_err = sum(not p.warning for p in problems)
    print(f"{n_err} errors, {len(problems) - n_err} warnings", file=sys.stderr)
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
