"""Turn a quick annotation draft into a document in the annotation format, with exact character offsets.

A draft lists spans in reading order, one per line, tab-separated: `ID<TAB>LABEL<TAB>span text`, and relations as
`R<TAB>LABEL<TAB>HEAD-ID<TAB>TAIL-ID`. Lines starting with `#` are comments. Each span is searched forward from
the end of the previous one and must sit on word boundaries (a proclitic such as و ب ل may precede it); add
`<TAB>@123` to pin a span to start offset 123.

    python -m training.draft --text article.txt --draft article.ann --id my-doc --status draft -o doc.jsonl
    python -m training.draft --text article.txt --draft article.ann --id my-doc --render   # inline review view
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from model.document import Document, Entity, Relation, dumps
from model.text import is_word_char, proclitic_prefixes


class DraftError(ValueError):
    pass


def _on_boundaries(text: str, start: int, end: int) -> bool:
    if end < len(text) and is_word_char(text[end]) and end > start and is_word_char(text[end - 1]):
        return False
    if start == 0 or not is_word_char(text[start - 1]) or not is_word_char(text[start]):
        return True
    ws = start  # the span starts inside a word: only a proclitic may precede it
    while ws > 0 and is_word_char(text[ws - 1]):
        ws -= 1
    return (start - ws) in proclitic_prefixes(text[ws:end + 1] if end > ws else text[ws:])


def find_span(text: str, needle: str, cursor: int) -> int:
    pos = text.find(needle, cursor)
    while pos != -1:
        if _on_boundaries(text, pos, pos + len(needle)):
            return pos
        pos = text.find(needle, pos + 1)
    return -1


def parse_draft(text: str, draft: str, doc_id: str) -> tuple[list[Entity], list[Relation]]:
    entities, relations, cursor, errors = [], [], 0, []
    for n, raw in enumerate(draft.splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "R":
            if len(cols) != 4:
                errors.append(f"line {n}: a relation needs R<TAB>LABEL<TAB>HEAD<TAB>TAIL: {line!r}")
                continue
            relations.append(Relation(cols[1].strip(), cols[2].strip(), cols[3].strip()))
            continue
        if len(cols) not in (3, 4):
            errors.append(f"line {n}: a span needs ID<TAB>LABEL<TAB>TEXT[<TAB>@START]: {line!r}")
            continue
        sid, label, needle = cols[0].strip(), cols[1].strip(), cols[2]
        if len(cols) == 4:
            start = int(cols[3].strip().lstrip("@"))
            if text[start:start + len(needle)] != needle:
                errors.append(f"line {n}: {needle!r} is not at offset {start}")
                continue
        else:
            start = find_span(text, needle, cursor)
            if start < 0:
                errors.append(f"line {n}: {sid} {label} {needle!r} not found after offset {cursor}")
                continue
        entities.append(Entity(sid, label, start, start + len(needle), needle))
        cursor = start + len(needle)
    if errors:
        raise DraftError(f"{doc_id}: " + f"\n{doc_id}: ".join(errors))
    entities.sort(key=lambda e: e.start)
    return entities, relations


def render(doc: Document) -> str:
    """The text with every span marked as [text]LABEL:id, then the relations with their span texts."""
    out, pos = [], 0
    for e in sorted(doc.entities, key=lambda e: e.start):
        out.append(doc.text[pos:e.start] + f"[{e.text}]{e.label}:{e.id}")
        pos = e.end
    out.append(doc.text[pos:])
    ents = doc.entity_by_id()
    rels = [f"{r.label}: {r.head} {ents[r.head].text if r.head in ents else '?'} -> "
            f"{r.tail} {ents[r.tail].text if r.tail in ents else '?'}" for r in doc.relations]
    return "".join(out) + "\n\n" + "\n".join(rels)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text", required=True, help="the article as a UTF-8 text file")
    ap.add_argument("--draft", required=True, help="the draft (.ann) file")
    ap.add_argument("--id", required=True, help="document id")
    ap.add_argument("--meta", default="{}", help="meta as a JSON object, or @file.json")
    ap.add_argument("--status", default="draft", choices=["gold", "draft"])
    ap.add_argument("-o", "--output", help="append the document to this JSONL file (default: stdout)")
    ap.add_argument("--render", action="store_true", help="print the inline review view instead")
    args = ap.parse_args(argv)
    text = Path(args.text).read_text(encoding="utf-8")
    meta = json.loads(Path(args.meta[1:]).read_text(encoding="utf-8") if args.meta.startswith("@") else args.meta)
    try:
        ents, rels = parse_draft(text, Path(args.draft).read_text(encoding="utf-8"), args.id)
    except DraftError as err:
        print(err, file=sys.stderr)
        return 1
    doc = Document(args.id, text, ents, rels, meta, args.status)
    if args.render:
        print(render(doc))
    elif args.output:
        with open(args.output, "a", encoding="utf-8") as f:
            f.write(dumps(doc) + "\n")
    else:
        print(dumps(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
