"""Label Studio <-> this package's documents: the labeling config, tasks with predictions or annotations, and the
import of a Label Studio JSON export with every problem reported.

    python -m training.labelstudio config --output ls/config.xml                 # labeling config from the schema
    python -m training.labelstudio export annotations/seeds.jsonl --output ls/tasks.json    # gold -> annotations
    python -m model.predict articles/ --format labelstudio --output ls/tasks.json           # model -> predictions
    python -m training.labelstudio import export.json --output new/ls.jsonl [--status gold]

Offsets. Label Studio's `<Text>` regions store `start`/`end` as code point offsets into the task text (its frontend
counts `[...text]`), the same as Python string indices, so they are written and read unchanged; `\\r\\n` counts
two characters in both. Label Studio versions before the code-point fix (and some other tools) wrote UTF-16 code
units, which differ after each emoji or other character outside the BMP; the importer detects that from the span
text Label Studio stores and converts, saying so in the report. Combining marks (Arabic harakat) are code points of
their own in both. The text is shown right to left (a `direction: rtl` view); direction is display only and does
not change offsets.

Relations. A region's `id` is the entity id, relations point at regions by id (`from_id` -> `to_id`, direction
"right" = head -> tail). Label Studio keeps one relation per ordered pair of regions, so relations between the same
head and tail are written as one relation carrying several labels, and read back as one relation per label.

Import. For each task the latest submitted (not skipped) annotation is read; a task without one falls back to its
latest prediction. Everything that cannot be mapped (skipped tasks, regions with no or several labels, other result
types, relations to missing regions, offsets that do not match the text) is reported with the task id, and every
document is checked with the validator (`training.validate`); the exit status is 1 when any error was found.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable
from xml.etree import ElementTree as ET

from model.document import Document, Entity, Relation, load_documents
from model.schema import ENTITY_LABELS, RELATIONS, SCHEMA, TRIGGER_LABELS, Schema
from training.offsets import Utf16Index, resolve_span

logger = logging.getLogger("training.labelstudio")

FROM_NAME, TO_NAME = "label", "text"
PALETTE = ("#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#7f7f7f", "#bcbd22", "#e377c2",
           "#d62728", "#ff7f0e", "#e6550d", "#843c39")
ENTITY_ID = re.compile(r"^T\d+$")
DOC_FIELDS = ("doc_id", "meta", "status", "extra")  # what a task's data carries besides the text


# ---- labeling config --------------------------------------------------------------------------------------------
def label_config(schema: Schema = SCHEMA) -> str:
    """The labeling config XML: span labels (with their descriptions as hints), relation labels, the text shown right
    to left, and a legend of each relation's direction and allowed argument types."""
    descriptions = {**ENTITY_LABELS, **TRIGGER_LABELS}
    view = ET.Element("View")
    rels = ET.SubElement(view, "Relations")
    for name in schema.relation_labels:
        ET.SubElement(rels, "Relation", value=name)
    labels = ET.SubElement(view, "Labels", name=FROM_NAME, toName=TO_NAME, showInline="true")
    for i, name in enumerate(schema.span_labels):
        attrs = {"value": name, "background": PALETTE[i % len(PALETTE)]}
        if name in descriptions:
            attrs["hint"] = descriptions[name]
        ET.SubElement(labels, "Label", **attrs)
    text_view = ET.SubElement(view, "View", style="direction: rtl; text-align: right; unicode-bidi: plaintext; "
                                                  "font-size: 1.15em; line-height: 1.9")
    ET.SubElement(text_view, "Text", name=TO_NAME, value=f"${TO_NAME}", granularity="symbol", saveTextResult="yes")
    legend = ET.SubElement(view, "View", style="font-size: 0.85em; margin-top: 1em")
    ET.SubElement(legend, "Header", value="Relations: draw each arrow from the head to the tail", size="6")
    for name, (heads, tails) in schema.relations.items():
        what = RELATIONS[name][2] if name in RELATIONS else ""
        line = f"{name}: {'|'.join(heads)} -> {'|'.join(tails)}" + (f" ({what})" if what else "")
        ET.SubElement(legend, "Header", value=line, size="6")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode") + "\n"


# ---- documents -> tasks -----------------------------------------------------------------------------------------
def _span_result(e: Entity, with_score: bool) -> dict:
    r = {"id": e.id, "from_name": FROM_NAME, "to_name": TO_NAME, "type": "labels",
         "value": {"start": e.start, "end": e.end, "text": e.text, "labels": [e.label]}}
    if with_score and e.score is not None:
        r["score"] = round(float(e.score), 4)
    return r


def _relation_results(relations: list[Relation], with_score: bool) -> list[dict]:
    grouped: dict[tuple[str, str], list[Relation]] = {}
    for r in relations:
        grouped.setdefault((r.head, r.tail), []).append(r)
    out = []
    for (head, tail), rs in grouped.items():
        res = {"from_id": head, "to_id": tail, "type": "relation", "direction": "right",
               "labels": [r.label for r in rs]}
        scores = [r.score for r in rs]
        if with_score and all(s is not None for s in scores):
            res["score"] = round(float(max(scores)), 4)
            res["scores"] = [round(float(s), 4) for s in scores]
        out.append(res)
    return out


def document_to_task(doc: Document, kind: str = "auto", model_version: str | None = None) -> dict:
    """One task: the text and the document's id/meta/status in `data`, its spans and relations as an annotation
    (kind "annotations") or a prediction with scores (kind "predictions"); "auto": predictions for predicted
    documents, annotations otherwise."""
    if kind == "auto":
        kind = "predictions" if doc.status == "predicted" else "annotations"
    if kind not in ("annotations", "predictions"):
        raise ValueError(f"kind must be annotations, predictions or auto, not {kind!r}")
    extra = {k: v for k, v in doc.extra.items() if k != "events"}  # events are derived from spans and relations
    data = {TO_NAME: doc.text, "doc_id": doc.id, "meta": doc.meta, "status": doc.status}
    if extra:
        data["extra"] = extra
    preds = kind == "predictions"
    result = [_span_result(e, preds) for e in doc.entities] + _relation_results(doc.relations, preds)
    task: dict[str, Any] = {"data": data}
    if preds:
        scores = [e.score for e in doc.entities if e.score is not None]
        pred = {"model_version": model_version or "arabic-conflict-ie", "result": result}
        if scores:
            pred["score"] = round(sum(scores) / len(scores), 4)
        task["predictions"] = [pred]
    else:
        task["annotations"] = [{"result": result}]
    return task


def documents_to_tasks(docs: Iterable[Document], kind: str = "auto", model_version: str | None = None) -> list[dict]:
    return [document_to_task(d, kind, model_version) for d in docs]


# ---- tasks -> documents -----------------------------------------------------------------------------------------
@dataclass
class Issue:
    """Something in a Label Studio export that was not mapped as it stood (error) or was read in a way worth
    knowing (note). `task` is Label Studio's task id, `doc` the document id."""

    task: Any
    doc: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        kind = "error" if self.error else "note"
        return f"task {self.task} ({self.doc}): {kind}: {self.message}"


def _pick_result(task: dict, issues: list[Issue], tid: Any, doc_id: str) -> tuple[list | None, str]:
    """The result list to read and where it came from ("annotation" or "prediction")."""
    anns = [a for a in task.get("annotations") or [] if isinstance(a, dict)]
    done = [a for a in anns if not a.get("was_cancelled")]
    if len(done) < len(anns):
        issues.append(Issue(tid, doc_id, f"{len(anns) - len(done)} skipped (cancelled) annotation(s) not read", False))
    if done:
        done.sort(key=lambda a: (str(a.get("updated_at") or a.get("created_at") or ""), a.get("id") or 0))
        if len(done) > 1:
            issues.append(Issue(tid, doc_id, f"{len(done)} annotations; read the latest (id {done[-1].get('id')}), "
                                             "the others were not read", False))
        return done[-1].get("result") or [], "annotation"
    preds = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    if preds:
        preds.sort(key=lambda p: (str(p.get("created_at") or ""), p.get("id") or 0))
        if len(preds) > 1:
            issues.append(Issue(tid, doc_id, f"{len(preds)} predictions; read the latest", False))
        return preds[-1].get("result") or [], "prediction"
    return None, ""


def _read_span(item: dict, text: str, index: Utf16Index, where: str,
               issues: list[Issue], tid: Any, doc_id: str) -> Entity | None:
    value = item.get("value") or {}
    labels = value.get("labels") or []
    if len(labels) != 1:
        issues.append(Issue(tid, doc_id, f"{where}: {len(labels)} labels {labels}; a span needs exactly one"))
        return None
    got = resolve_span(text, value.get("start"), value.get("end"), value.get("text"), index)
    if got is None:
        issues.append(Issue(tid, doc_id, f"{where}: offsets [{value.get('start')}, {value.get('end')}) do not "
                                         f"match the text {value.get('text')!r}; span not read"))
        return None
    s, e, how = got
    if how != "codepoints":
        issues.append(Issue(tid, doc_id, f"{where}: offsets read as {how} ([{value['start']}, {value['end']}) -> "
                                         f"[{s}, {e}))", False))
    score = item.get("score")
    return Entity(str(item.get("id")), labels[0], s, e, text[s:e],
                  float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None)


def _read_relation(item: dict, ids: dict[str, str], where: str, issues: list[Issue], tid: Any,
                   doc_id: str) -> list[Relation]:
    labels, direction = item.get("labels") or [], item.get("direction", "right")
    a, b = item.get("from_id"), item.get("to_id")
    if a not in ids or b not in ids:
        missing = [x for x in (a, b) if x not in ids]
        issues.append(Issue(tid, doc_id, f"{where}: points at region(s) {missing} that were not read; "
                                         "relation not read"))
        return []
    if not labels:
        issues.append(Issue(tid, doc_id, f"{where}: relation {a} -> {b} has no label; not read"))
        return []
    if direction not in ("right", "left"):
        issues.append(Issue(tid, doc_id, f"{where}: relation {a} <-> {b} has direction {direction!r}; "
                                         "draw it from head to tail"))
        return []
    head, tail = (a, b) if direction == "right" else (b, a)
    scores = item.get("scores") if isinstance(item.get("scores"), list) and len(item["scores"]) == len(labels) else None
    return [Relation(str(lab), ids[head], ids[tail], float(scores[k]) if scores else None)
            for k, lab in enumerate(labels)]


def _renumber(entities: list[Entity]) -> dict[str, str]:
    """Label Studio region id -> entity id: ids like T12 are kept, others (regions drawn in Label Studio) get the
    next free T number."""
    taken = {e.id for e in entities if ENTITY_ID.match(e.id)}
    next_n = max((int(i[1:]) for i in taken), default=0) + 1
    mapping = {}
    for e in entities:
        if e.id in mapping or not ENTITY_ID.match(e.id):
            while f"T{next_n}" in taken:
                next_n += 1
            mapping[e.id] = f"T{next_n}"
            taken.add(f"T{next_n}")
        else:
            mapping[e.id] = e.id
    return mapping


def task_to_document(task: dict, schema: Schema = SCHEMA,
                     status: str | None = None) -> tuple[Document | None, list[Issue]]:
    """One task -> one document (None when the task has nothing to read), and the issues met."""
    issues: list[Issue] = []
    tid, data = task.get("id", "?"), task.get("data") or {}
    text = data.get(TO_NAME)
    doc_id = str(data.get("doc_id") or (f"ls-task-{tid}" if tid != "?" else "?"))
    if not isinstance(text, str):
        return None, [Issue(tid, doc_id, f"task data has no string '{TO_NAME}'")]
    result, source = _pick_result(task, issues, tid, doc_id)
    if result is None:
        return None, issues + [Issue(tid, doc_id, "no submitted annotation and no prediction; task not read")]
    index, entities, rel_items = Utf16Index(text), [], []
    for k, item in enumerate(result):
        where = f"result #{k}"
        kind = item.get("type") if isinstance(item, dict) else None
        if kind == "relation":
            rel_items.append((where, item))
        elif kind == "labels" and item.get("from_name") == FROM_NAME and item.get("to_name") == TO_NAME:
            ent = _read_span(item, text, index, f"{where} (region {item.get('id')})", issues, tid, doc_id)
            if ent is not None:
                entities.append(ent)
        else:
            issues.append(Issue(tid, doc_id, f"{where}: result of type {kind!r} from {item.get('from_name')!r} "
                                             "has no place in this format; not read"))
    mapping = _renumber(entities)
    for e in entities:
        e.id = mapping[e.id]
    relations = [r for where, item in rel_items for r in _read_relation(item, mapping, where, issues, tid, doc_id)]
    stored = data.get("status") if data.get("status") in ("gold", "draft", "predicted") else None
    if status is None:
        status = "predicted" if source == "prediction" else ("draft" if stored in (None, "predicted") else stored)
    if source == "annotation":
        entities = [Entity(e.id, e.label, e.start, e.end, e.text) for e in entities]  # a person's spans carry no score
        relations = [Relation(r.label, r.head, r.tail) for r in relations]
    doc = Document(doc_id, text, entities, relations, dict(data.get("meta") or {}), status,
                   dict(data.get("extra") or {}))
    return doc, issues


def tasks_to_documents(tasks: list[dict], schema: Schema = SCHEMA, status: str | None = None
                       ) -> tuple[list[Document], list[Issue]]:
    """Documents from a Label Studio JSON export, and every issue, including the validator's errors and warnings."""
    from training.validate import check_document

    docs, issues, seen = [], [], {}
    for task in tasks:
        doc, found = task_to_document(task, schema, status)
        issues += found
        if doc is None:
            continue
        tid = task.get("id", "?")
        if doc.id in seen:
            issues.append(Issue(tid, doc.id, f"document id also used by task {seen[doc.id]}"))
        seen.setdefault(doc.id, tid)
        errors, warnings = check_document(doc.to_dict(), schema)
        issues += [Issue(tid, doc.id, f"validator: {m}") for m in errors]
        issues += [Issue(tid, doc.id, f"validator: {m}", False) for m in warnings]
        docs.append(doc)
    return docs, issues


def read_export(path: str | Path) -> list[dict]:
    """A Label Studio JSON export (a list of tasks; a single task object is accepted too)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}: not valid JSON ({err.msg}, line {err.lineno}); export the project as JSON") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(t, dict) for t in data):
        raise ValueError(f"{path}: expected a Label Studio JSON export (a list of task objects)")
    return data


def write_json(obj: Any, path: str | Path) -> None:
    from model.predict import write_atomic

    write_atomic(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", str(path))


# ---- command line -------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    from model.document import DocumentError, write_jsonl

    ap = argparse.ArgumentParser(prog="python -m training.labelstudio", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("config", help="write the labeling config XML generated from the schema")
    c.add_argument("--output", help="file (default: standard output)")
    e = sub.add_parser("export", help="documents (JSONL) -> Label Studio tasks (JSON)")
    e.add_argument("paths", nargs="+", help="JSONL files or directories")
    e.add_argument("--output", required=True)
    e.add_argument("--as", dest="kind", choices=["auto", "annotations", "predictions"], default="auto",
                   help="auto: predictions for predicted documents, annotations otherwise")
    i = sub.add_parser("import", help="Label Studio JSON export -> documents (JSONL)")
    i.add_argument("export", help="the JSON file exported from Label Studio")
    i.add_argument("--output", required=True)
    i.add_argument("--status", choices=["gold", "draft", "predicted"],
                   help="status of every document (default: the exported status; predicted ones a person "
                        "submitted become draft)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.cmd == "config":
            from model.predict import write_atomic

            write_atomic(label_config(), args.output)
        elif args.cmd == "export":
            tasks = documents_to_tasks(load_documents(args.paths), args.kind)
            write_json(tasks, args.output)
            logger.info("%d tasks -> %s", len(tasks), args.output)
        else:
            docs, issues = tasks_to_documents(read_export(args.export), status=args.status)
            for issue in issues:
                print(issue, file=sys.stderr)
            write_jsonl(docs, args.output)
            n_err = sum(x.error for x in issues)
            print(f"{len(docs)} documents -> {args.output}: {sum(len(d.entities) for d in docs)} spans, "
                  f"{sum(len(d.relations) for d in docs)} relations; {n_err} errors, {len(issues) - n_err} notes",
                  file=sys.stderr)
            return 1 if n_err else 0
    except (ValueError, DocumentError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
