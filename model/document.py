"""The one document format that annotations, training data, predictions and evaluation all share.

One JSON object per line (JSON Lines)::

    {"id": "...", "text": "<original article, untouched>", "meta": {...}, "status": "gold" | "draft" | "predicted",
     "entities": [{"id": "T1", "label": "ORG", "start": 0, "end": 5, "text": "داعش", "score": 0.98}],
     "relations": [{"label": "ATTACKER", "head": "T2", "tail": "T1", "score": 0.91}],
     "events": [...], "non_events": [...]}

Offsets are Python string indices (Unicode code points) into `text`: `text[start:end] == entity["text"]`.
`score` appears on predictions only; `events` is derived from spans and relations (see `model.events`), and
`non_events` lists the trigger spans that name no real event, with the reason (`model.factuality`).
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

STATUSES = ("gold", "draft", "predicted")


class DocumentError(ValueError):
    """A file that is not in the document format; the message names the file and line."""


@dataclass
class Entity:
    id: str
    label: str
    start: int
    end: int
    text: str
    score: float | None = None

    def to_dict(self) -> dict:
        d = {"id": self.id, "label": self.label, "start": self.start, "end": self.end, "text": self.text}
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d


@dataclass
class Relation:
    label: str
    head: str
    tail: str
    score: float | None = None

    def to_dict(self) -> dict:
        d = {"label": self.label, "head": self.head, "tail": self.tail}
        if self.score is not None:
            d["score"] = round(float(self.score), 4)
        return d


@dataclass
class Document:
    id: str
    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    status: str = "draft"
    extra: dict[str, Any] = field(default_factory=dict)  # any other top-level field, kept on round trips

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        known = {"id", "text", "entities", "relations", "meta", "status"}
        return cls(
            id=str(d["id"]),
            text=d["text"],
            entities=[Entity(e["id"], e["label"], e["start"], e["end"], e["text"], e.get("score"))
                      for e in d.get("entities", [])],
            relations=[Relation(r["label"], r["head"], r["tail"], r.get("score")) for r in d.get("relations", [])],
            meta=dict(d.get("meta", {})),
            status=d.get("status", "draft"),
            extra={k: v for k, v in d.items() if k not in known},
        )

    def to_dict(self) -> dict:
        d = {"id": self.id, "text": self.text, "meta": self.meta, "status": self.status,
             "entities": [e.to_dict() for e in self.entities],
             "relations": [r.to_dict() for r in self.relations]}
        d.update(self.extra)
        return d

    def entity_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def entity_index(doc: Document) -> dict:
    """`doc.entity_by_id()`, built once per document while its event records are built, where it is read for every
    pair of mentions (cached on the document; rebuilt when its entity list changes length)."""
    cache = doc.__dict__.get("_entity_index")
    if cache is None or cache[0] != len(doc.entities):
        cache = (len(doc.entities), doc.entity_by_id())
        doc.__dict__["_entity_index"] = cache
    return cache[1]


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict]]:
    """Yield (line number, object) for every non-blank line; raise DocumentError naming file:line on bad JSON."""
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise DocumentError(f"{path}:{lineno}: not valid JSON ({err.msg}, column {err.colno})") from None
            if not isinstance(obj, dict):
                raise DocumentError(f"{path}:{lineno}: expected a JSON object, got {type(obj).__name__}")
            yield lineno, obj


EVENTS_FILE = "events.jsonl"  # gold event records beside the documents (model/events.py), not documents


def expand_paths(paths: Iterable[str | Path], suffixes: tuple[str, ...] = (".jsonl",)) -> list[Path]:
    """Files as given, and the files with one of `suffixes` directly inside each directory (sorted; sub-folders
    are not read, so annotations/agreement/ with its second annotation pass stays out of annotations/; nor is the
    event-record file `events.jsonl`)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix in suffixes and f.name != EVENTS_FILE))
        else:
            out.append(p)
    return out


def load_documents(paths: Iterable[str | Path]) -> list[Document]:
    """Read documents from JSONL files or directories of them. Malformed input raises DocumentError."""
    docs = []
    for path in expand_paths(paths):
        if not path.exists():
            raise DocumentError(f"{path}: no such file")
        for lineno, obj in iter_jsonl(path):
            try:
                docs.append(Document.from_dict(obj))
            except (KeyError, TypeError) as err:
                raise DocumentError(f"{path}:{lineno}: missing or malformed field {err}") from None
    return docs


def write_jsonl(docs: Iterable[Document | dict], path: str | Path) -> None:
    """Write atomically: a temporary file in the same folder, renamed over `path` only when complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(dumps(d) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(doc: Document | dict, indent: int | None = None) -> str:
    d = doc.to_dict() if isinstance(doc, Document) else doc
    return json.dumps(d, ensure_ascii=False, indent=indent)
