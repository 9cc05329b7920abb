"""Check annotation (or prediction) files against the document format and the schema.

    python -m training.validate annotations/            # files or directories of .jsonl files

Every problem is reported, not only the first, as `file:line doc-id: problem`. Exit status 1 when any error was
found, 0 otherwise; warnings (likely boundary mistakes the guidelines rule out) never change the exit status.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from model.document import STATUSES, expand_paths
from model.schema import SCHEMA, Schema
from model.text import edge_ok
CLITIC_BEFORE_ARTICLE = re.compile(r"^(?:[وف]?[بك]ال|[وف]?لل|[وف]ال)")
# Words that begin like a proclitic + article but are whole words (و of وكالة is a root letter).
CLITIC_LOOKALIKES = re.compile(r"^(?:وكال|فال[^\s]*$)")


@dataclass
class Problem:
    path: str
    line: int
    doc_id: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line} {self.doc_id}: {kind}{self.message}"


def _span_edges(text: str, s: str) -> list[str]:
    out = []
    if s != s.strip():
        out.append(f"span {s!r} begins or ends with white space")
    elif not edge_ok(s, at_end=False):
        out.append(f"span {s!r} begins with {s[0]!r}: quotes, brackets and tatweel stay outside")
    elif not edge_ok(s, at_end=True):
        out.append(f"span {s!r} ends with {s[-1]!r}: quotes, brackets and tatweel stay outside")
    return out


def check_entities(doc: dict, schema: Schema) -> tuple[list[str], list[str]]:
    errors, warnings, seen_ids, spans = [], [], set(), []
    text = doc["text"]
    for i, e in enumerate(doc.get("entities", [])):
        where = f"entity {e.get('id', f'#{i}')!s}"
        missing = [k for k in ("id", "label", "start", "end", "text") if k not in e]
        if missing:
            errors.append(f"{where}: missing field(s) {', '.join(missing)}")
            continue
        if e["id"] in seen_ids:
            errors.append(f"{where}: duplicate entity id")
        seen_ids.add(e["id"])
        if e["label"] not in schema.span_labels:
            errors.append(f"{where}: unknown label {e['label']!r}")
        s, t = e["start"], e["end"]
        if not (isinstance(s, int) and isinstance(t, int)) or isinstance(s, bool) or isinstance(t, bool):
            errors.append(f"{where}: start and end must be integers")
            continue
        if not 0 <= s < t <= len(text):
            errors.append(f"{where}: offsets [{s}, {t}) out of range for a text of {len(text)} characters")
            continue
        if text[s:t] != e["text"]:
            errors.append(f"{where}: text[{s}:{t}] is {text[s:t]!r}, not {e['text']!r}")
            continue
        errors += [f"{where}: {m}" for m in _span_edges(text, e["text"])]
        if "score" in e and not (isinstance(e["score"], (int, float)) and 0 <= e["score"] <= 1):
            errors.append(f"{where}: score must be a number in [0, 1]")
        if CLITIC_BEFORE_ARTICLE.match(e["text"]) and not CLITIC_LOOKALIKES.match(e["text"]):
            warnings.append(f"{where}: {e['text']!r} starts with an attached conjunction or preposition before "
                            "the article; it should stay outside the span")
        spans.append((s, t, e["id"]))
    spans.sort()
    for (s1, t1, id1), (s2, t2, id2) in zip(spans, spans[1:]):
        if (s1, t1) == (s2, t2):
            errors.append(f"entities {id1} and {id2}: duplicate span [{s1}, {t1})")
        elif s2 < t1:
            errors.append(f"entities {id1} and {id2}: overlapping spans [{s1}, {t1}) and [{s2}, {t2})")
    return errors, warnings


def check_relations(doc: dict, schema: Schema) -> list[str]:
    errors, seen = [], set()
    labels = {e.get("id"): e.get("label") for e in doc.get("entities", [])}
    for i, r in enumerate(doc.get("relations", [])):
        missing = [k for k in ("label", "head", "tail") if k not in r]
        if missing:
            errors.append(f"relation #{i}: missing field(s) {', '.join(missing)}")
            continue
        where = f"relation {r['label']}({r['head']} -> {r['tail']})"
        key = (r["label"], r["head"], r["tail"])
        if key in seen:
            errors.append(f"{where}: duplicate relation")
        seen.add(key)
        if r["label"] not in schema.relations:
            errors.append(f"{where}: unknown relation label {r['label']!r}")
            continue
        for role in ("head", "tail"):
            if r[role] not in labels:
                errors.append(f"{where}: {role} {r[role]!r} names no entity of this document")
        if r["head"] in labels and r["tail"] in labels:
            h, t = labels[r["head"]], labels[r["tail"]]
            if not schema.allows(r["label"], h, t):
                heads, tails = schema.relations[r["label"]]
                errors.append(f"{where}: {r['label']} does not allow {h} -> {t} "
                              f"(head: {', '.join(heads)}; tail: {', '.join(tails)})")
        if r["head"] == r["tail"]:
            errors.append(f"{where}: head and tail are the same entity")
    return errors


def check_document(doc: dict, schema: Schema = SCHEMA) -> tuple[list[str], list[str]]:
    """Errors and warnings for one parsed JSON object."""
    errors = []
    if not isinstance(doc.get("id"), str) or not doc.get("id"):
        errors.append("missing or empty 'id' (a string)")
    if not isinstance(doc.get("text"), str):
        return errors + ["missing 'text' (a string)"], []
    if not doc["text"].strip():
        errors.append("empty text")
    if not isinstance(doc.get("meta", {}), dict):
        errors.append("'meta' must be an object")
    if doc.get("status") not in STATUSES:
        errors.append(f"status {doc.get('status')!r} is not one of {', '.join(STATUSES)}")
    for key in ("entities", "relations"):
        if not isinstance(doc.get(key, []), list):
            return errors + [f"'{key}' must be a list"], []
    ent_errors, warnings = check_entities(doc, schema)
    return errors + ent_errors + check_relations(doc, schema), warnings


def validate_paths(paths: list[str | Path], schema: Schema = SCHEMA) -> tuple[list[Problem], int]:
    """All problems in the given files and directories, and the number of documents read."""
    from training.validate_events import event_files_in, validate_event_files

    problems, first_seen, n_docs, docs = [], {}, 0, {}
    events = event_files_in(paths)  # annotations/events.jsonl: event records, checked against the documents
    files = [f for f in expand_paths(paths) if f not in events]
    if not files and not events:
        problems.append(Problem(" ".join(map(str, paths)), 0, "-", "no .jsonl files found"))
    for path in files:
        if not path.is_file():
            problems.append(Problem(str(path), 0, "-", "no such file"))
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as err:
            problems.append(Problem(str(path), 0, "-", f"not UTF-8 (byte {err.start})"))
            continue
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(Problem(str(path), lineno, "-", f"not valid JSON: {err.msg} (column {err.colno})"))
                continue
            if not isinstance(doc, dict):
                problems.append(Problem(str(path), lineno, "-", "expected a JSON object"))
                continue
            n_docs += 1
            doc_id = str(doc.get("id", "-"))
            if doc_id in first_seen:
                problems.append(Problem(str(path), lineno, doc_id, f"duplicate document id (first at {first_seen[doc_id]})"))
            first_seen.setdefault(doc_id, f"{path}:{lineno}")
            docs.setdefault(doc_id, doc)
            errors, warnings = check_document(doc, schema)
            problems += [Problem(str(path), lineno, doc_id, m) for m in errors]
            problems += [Problem(str(path), lineno, doc_id, m, warning=True) for m in warnings]
    return problems + validate_event_files(events, docs), n_docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", help="JSONL files or directories")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    problems, n_docs = validate_paths(args.paths)
    for p in problems:
        print(p)
    n_err = sum(not p.warning for p in problems)
    print(f"{n_docs} documents: {n_err} errors, {len(problems) - n_err} warnings", file=sys.stderr)
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
