"""brat standoff (also read and written by INCEpTION) <-> this package's documents, and `annotation.conf` generated
from the schema.

    python -m training.brat export annotations/seeds.jsonl --output brat/seeds/     # ID.txt, ID.ann, annotation.conf
    python -m model.predict articles/ --format brat --output brat/new/              # pre-annotations with scores
    python -m training.brat import brat/new/ --output new/brat.jsonl [--status gold]
    python -m training.brat conf --output annotation.conf

A collection folder holds `ID.txt` (the text, byte for byte), `ID.ann` (`T1<TAB>LABEL START END<TAB>text`,
`R1<TAB>RELATION Arg1:T2 Arg2:T1`, Arg1 = head, Arg2 = tail), `ID.meta.json` (the document's id, meta and status,
which brat has no place for; brat lists only .txt documents and ignores it) and `annotation.conf`. Prediction scores
travel as brat notes (`#1<TAB>AnnotatorNotes T1<TAB>score=0.9731`), which brat shows on the span.

brat offsets are code points, as here. A span that crosses a line break is written as fragments around the break
(brat draws spans within one line) and read back as one span. Tools that count UTF-16 units (Java) are detected
from the span text and converted, with a note. Everything that cannot be read (events, attributes,
normalizations, discontinuous spans, relations to unknown ids, offsets that do not match the text) is reported as
`file:line id: problem`, and every document is checked with the validator; exit status 1 when any error was found.

Libraries checked: label-studio-converter and the converter in label-studio-sdk have no brat format; bratly parses
standoff but prints and drops the lines it cannot parse and writes no annotation.conf; so this module is hand-written.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from pathlib import Path
from typing import Iterable

from model.document import Document, Entity, Relation, load_documents
from model.schema import SCHEMA, Schema
from training.offsets import Utf16Index, resolve_span
from training.validate import Problem

logger = logging.getLogger("training.brat")

UNSAFE = re.compile(r"[^\w.\-]+")
T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
R_LINE = re.compile(r"^(R\d+)\t(\S+) (\w+):(\S+) (\w+):(\S+)\s*$")
NOTE_LINE = re.compile(r"^#\d*\tAnnotatorNotes (\S+)\t(.*)$")
SCORE_NOTE = re.compile(r"^score=([0-9.]+)$")
LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def annotation_conf(schema: Schema = SCHEMA) -> str:
    """brat's annotation.conf: span labels as entities, relations with their allowed argument types."""
    lines = ["# Generated from model/schema.py (python -m training.brat conf); triggers are entities, and events",
             "# are built from relations, so [events] is empty.", "[entities]"]
    lines += list(schema.span_labels)
    lines += ["", "[relations]"]
    lines += [f"{name}\tArg1:{'|'.join(heads)}, Arg2:{'|'.join(tails)}"
              for name, (heads, tails) in schema.relations.items()]
    lines += ["", "[events]", "", "[attributes]", ""]
    return "\n".join(lines)


# ---- documents -> brat ------------------------------------------------------------------------------------------
def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span cut at line breaks (brat spans stay within a line)."""
    frags, pos = [], start
    for m in LINE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            frags.append((pos, m.start()))
        pos = m.end()
    if end > pos:
        frags.append((pos, end))
    return frags


def document_to_ann(doc: Document) -> str:
    """The .ann text for one document; entity ids that are not T<number> are renumbered."""
    ids = {}
    for e in doc.entities:
        ids[e.id] = e.id if re.match(r"^T\d+$", e.id) and e.id not in ids.values() else None
    n = max((int(i[1:]) for i in ids.values() if i), default=0)
    for k, v in ids.items():
        if v is None:
            n += 1
            ids[k] = f"T{n}"
    lines, notes = [], []
    for e in doc.entities:
        frags = _fragments(doc.text, e.start, e.end)
        shown = " ".join(doc.text[s:t] for s, t in frags)
        lines.append(f"{ids[e.id]}\t{e.label} {';'.join(f'{s} {t}' for s, t in frags)}\t{shown}")
        if e.score is not None:
            notes.append((ids[e.id], e.score))
    for k, r in enumerate(doc.relations, 1):
        lines.append(f"R{k}\t{r.label} Arg1:{ids.get(r.head, r.head)} Arg2:{ids.get(r.tail, r.tail)}")
        if r.score is not None:
            notes.append((f"R{k}", r.score))
    lines += [f"#{k}\tAnnotatorNotes {target}\tscore={score:.4f}" for k, (target, score) in enumerate(notes, 1)]
    return "".join(line + "\n" for line in lines)


def _write(path: Path, text: str) -> None:
    from model.predict import write_atomic

    write_atomic(text, str(path))


def file_stem(doc_id: str, taken: set[str]) -> str:
    """A file name for a document id: the id itself when it is one (letters, digits, . _ -), else the id with a
    final .txt dropped and other characters replaced by _ (made unique); ID.meta.json keeps the real id."""
    stem = doc_id if not UNSAFE.search(doc_id) else UNSAFE.sub("_", re.sub(r"\.txt$", "", doc_id)).strip("_.")
    stem, base, k = stem or "doc", stem or "doc", 1
    while stem in taken:
        k += 1
        stem = f"{base}-{k}"
    taken.add(stem)
    return stem


def write_collection(docs: Iterable[Document], folder: str | Path, schema: Schema = SCHEMA) -> int:
    """Write ID.txt, ID.ann and ID.meta.json for every document and annotation.conf; the number written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n, taken = 0, set()
    for doc in docs:
        stem = file_stem(doc.id, taken)
        with open(folder / f"{stem}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(doc.text)
        _write(folder / f"{stem}.ann", document_to_ann(doc))
        extra = {k: v for k, v in doc.extra.items() if k != "events"}  # events are derived from spans and relations
        side = {"id": doc.id, "meta": doc.meta, "status": doc.status, **({"extra": extra} if extra else {})}
        _write(folder / f"{stem}.meta.json", json.dumps(side, ensure_ascii=False, indent=1) + "\n")
        n += 1
    _write(folder / "annotation.conf", annotation_conf(schema))
    return n


# ---- brat -> documents ------------------------------------------------------------------------------------------
def _read_entity(m: re.Match, text: str, index: Utf16Index, loc: tuple[str, int, str],
                 problems: list[Problem]) -> Entity | None:
    tid, label, offsets, shown = m.groups()
    frags = [tuple(map(int, f.split())) for f in offsets.split(";")]
    path, lineno, doc_id = loc
    start, end = frags[0][0], frags[-1][1]
    if len(frags) > 1:
        gaps = [(a[1], b[0]) for a, b in zip(frags, frags[1:])]
        if any(b < a or text[a:b].strip() for a, b in gaps):
            problems.append(Problem(path, lineno, doc_id, f"{tid}: discontinuous span {offsets}; not read"))
            return None
        if 0 <= start < end <= len(text) and shown == " ".join(text[a:b] for a, b in frags):
            return Entity(tid, label, start, end, text[start:end])  # one span cut around line breaks
        problems.append(Problem(path, lineno, doc_id, f"{tid}: offsets {offsets} do not match the text {shown!r}; "
                                                      "not read"))
        return None
    got = resolve_span(text, start, end, shown, index)
    if got is None:
        problems.append(Problem(path, lineno, doc_id, f"{tid}: offsets {offsets} do not match the text {shown!r}; "
                                                      "not read"))
        return None
    s, e, how = got
    if how != "codepoints":
        problems.append(Problem(path, lineno, doc_id, f"{tid}: offsets read as {how} ({offsets} -> {s} {e})", True))
    return Entity(tid, label, s, e, text[s:e])


def _read_relation(m: re.Match, ids: set[str], loc: tuple[str, int, str], problems: list[Problem]) -> Relation | None:
    rid, label, role1, a1, role2, a2 = m.groups()
    path, lineno, doc_id = loc
    roles = {role1: a1, role2: a2}
    if set(roles) != {"Arg1", "Arg2"}:
        problems.append(Problem(path, lineno, doc_id, f"{rid}: roles {role1}, {role2}; expected Arg1 (head) and "
                                                      "Arg2 (tail); not read"))
        return None
    missing = [x for x in roles.values() if x not in ids]
    if missing:
        problems.append(Problem(path, lineno, doc_id, f"{rid}: argument(s) {missing} name no span read; not read"))
        return None
    return Relation(label, roles["Arg1"], roles["Arg2"])


def parse_ann(ann: str, text: str, path: str, doc_id: str) -> tuple[list[Entity], list[Relation], list[Problem]]:
    """Spans, relations (scores from score= notes) and the problems of one .ann file."""
    problems: list[Problem] = []
    index, entities, rel_lines, notes = Utf16Index(text), [], [], {}
    for lineno, line in enumerate(ann.splitlines(), 1):
        if not line.strip():
            continue
        loc = (path, lineno, doc_id)
        if (m := T_LINE.match(line)) is not None:
            ent = _read_entity(m, text, index, loc, problems)
            if ent is not None:
                entities.append(ent)
        elif (m := R_LINE.match(line)) is not None:
            rel_lines.append((m, loc))
        elif (m := NOTE_LINE.match(line)) is not None:
            score = SCORE_NOTE.match(m.group(2).strip())
            if score:
                notes[m.group(1)] = float(score.group(1))
            else:
                problems.append(Problem(path, lineno, doc_id, f"note on {m.group(1)} not kept: {m.group(2)!r}", True))
        else:
            kind = {"E": "event", "A": "attribute", "M": "attribute", "N": "normalization", "*": "equivalence"}
            what = kind.get(line[0], "unrecognized line")
            problems.append(Problem(path, lineno, doc_id,
                                    f"{what} has no place in this format; not read: {line[:80]!r}"))
    for e in entities:
        e.score = notes.get(e.id)
    ids, relations = {e.id for e in entities}, []
    for m, loc in rel_lines:
        rel = _read_relation(m, ids, loc, problems)
        if rel is not None:
            rel.score = notes.get(m.group(1))
            relations.append(rel)
    return entities, relations, problems


def read_document(txt: Path, status: str | None = None) -> tuple[Document, list[Problem]]:
    with open(txt, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    side_path, ann_path = txt.with_suffix(".meta.json"), txt.with_suffix(".ann")
    side = json.loads(side_path.read_text(encoding="utf-8")) if side_path.exists() else {}
    doc_id = str(side.get("id") or txt.stem)
    problems = []
    if ann_path.exists():
        entities, relations, problems = parse_ann(ann_path.read_text(encoding="utf-8"), text, str(ann_path), doc_id)
    else:
        entities, relations = [], []
        problems.append(Problem(str(ann_path), 0, doc_id, "no .ann file: a document without annotations", True))
    doc_status = status or (side.get("status") if side.get("status") in ("gold", "draft", "predicted") else "draft")
    if doc_status != "predicted":  # scores belong to model output only
        entities = [Entity(e.id, e.label, e.start, e.end, e.text) for e in entities]
        relations = [Relation(r.label, r.head, r.tail) for r in relations]
    doc = Document(doc_id, text, entities, relations, dict(side.get("meta") or {}), doc_status,
                   dict(side.get("extra") or {}))
    return doc, problems


def read_collection(paths: Iterable[str | Path], status: str | None = None,
                    schema: Schema = SCHEMA) -> tuple[list[Document], list[Problem]]:
    """Documents from brat folders (their .txt files, sorted) or single .txt/.ann files, with every problem,
    including the validator's."""
    from training.validate import check_document

    docs, problems, seen = [], [], {}
    for p in map(Path, paths):
        if p.is_dir():
            txts = sorted(p.glob("*.txt"))
            problems += [Problem(str(a), 0, a.stem, "an .ann file without its .txt; not read")
                         for a in sorted(p.glob("*.ann")) if not a.with_suffix(".txt").exists()]
        elif p.suffix in (".txt", ".ann") and p.with_suffix(".txt").exists():
            txts = [p.with_suffix(".txt")]
        else:
            raise ValueError(f"{p}: not a brat folder or a .txt/.ann file with its .txt")
        if not txts:
            problems.append(Problem(str(p), 0, "-", "no .txt files"))
        for txt in txts:
            doc, found = read_document(txt, status)
            problems += found
            where = str(txt.with_suffix(".ann"))
            if doc.id in seen:
                problems.append(Problem(where, 0, doc.id, f"document id also used by {seen[doc.id]}"))
            seen.setdefault(doc.id, where)
            errors, warnings = check_document(doc.to_dict(), schema)
            problems += [Problem(where, 0, doc.id, f"validator: {m}") for m in errors]
            problems += [Problem(where, 0, doc.id, f"validator: {m}", True) for m in warnings]
            docs.append(doc)
    return docs, problems


# ---- command line -------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    from model.document import DocumentError, write_jsonl

    ap = argparse.ArgumentParser(prog="python -m training.brat", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("conf", help="write annotation.conf generated from the schema")
    c.add_argument("--output", help="file (default: standard output)")
    e = sub.add_parser("export", help="documents (JSONL) -> a brat collection folder")
    e.add_argument("paths", nargs="+", help="JSONL files or directories")
    e.add_argument("--output", required=True, help="folder")
    i = sub.add_parser("import", help="brat folders or files -> documents (JSONL)")
    i.add_argument("paths", nargs="+", help="brat collection folders, or .txt/.ann files")
    i.add_argument("--output", required=True)
    i.add_argument("--status", choices=["gold", "draft", "predicted"],
                   help="status of every document (default: the one in ID.meta.json, else draft)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.cmd == "conf":
            from model.predict import write_atomic

            write_atomic(annotation_conf(), args.output)
        elif args.cmd == "export":
            n = write_collection(load_documents(args.paths), args.output)
            logger.info("%d documents -> %s (.txt, .ann, .meta.json, annotation.conf)", n, args.output)
        else:
            docs, problems = read_collection(args.paths, args.status)
            for p in problems:
                print(p, file=sys.stderr)
            write_jsonl(docs, args.output)
            n_err = sum(not p.warning for p in problems)
            print(f"{len(docs)} documents -> {args.output}: {sum(len(d.entities) for d in docs)} spans, "
                  f"{sum(len(d.relations) for d in docs)} relations; {n_err} errors, {len(problems) - n_err} "
                  "warnings", file=sys.stderr)
            return 1 if n_err else 0
    except (ValueError, DocumentError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
