"""Extract entities, triggers, relations and event records from Arabic text files.

    python -m model.predict article.txt                          # one JSON document on stdout
    python -m model.predict a.txt b.txt dir/ --format jsonl --output out.jsonl
    cat article.txt | python -m model.predict - --format text
    python -m model.predict --input-jsonl docs.jsonl --output out.jsonl   # stream {"id","text"} lines; resumable
    accelerate launch --num_processes 2 -m model.predict --input-jsonl docs.jsonl --output out.jsonl  # split, merged

`--model` takes a local directory or a hub id (default: the model bundled in model/default when present).
Offsets in the output index the text exactly as read (UTF-8, a leading byte-order mark removed).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_MODEL = Path(__file__).resolve().parent / "default"
logger = logging.getLogger("model.predict")


class InputError(Exception):
    """A user error: bad path, undecodable or binary file. Printed without a traceback; exit status 2."""


@dataclass
class Source:
    id: str
    text: str
    meta: dict | None = None  # carried into the output; meta["date"] is the publication date for event records


def read_text_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(f"{path}: looks like a binary file (NUL byte at position {nul}); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 at byte {err.start} (byte 0x{data[err.start]:02x}); "
                         "convert it to UTF-8 first") from None


def collect_sources(inputs: list[str]) -> list[Source]:
    """Files as given, the .txt files of directories (sorted), and '-' for standard input."""
    sources = []
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read()
            try:
                sources.append(Source("stdin", data.decode("utf-8-sig")))
            except UnicodeDecodeError as err:
                raise InputError(f"standard input: not valid UTF-8 at byte {err.start}") from None
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                raise InputError(f"{path}: directory contains no .txt files")
            sources += [Source(str(f), read_text_file(f)) for f in files]
        elif path.exists():
            sources.append(Source(str(path), read_text_file(path)))
        else:
            raise InputError(f"{path}: no such file or directory")
    return sources


def iter_jsonl_sources(path: Path, skip: set[str]) -> Iterator[Source]:
    from .document import DocumentError, iter_jsonl

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        for n, obj in iter_jsonl(path):
            if not isinstance(obj.get("id"), (str, int)) or not isinstance(obj.get("text"), str):
                raise InputError(f"{path}:{n}: expected a JSON object with an 'id' and a string 'text'")
            if str(obj["id"]) not in skip:
                yield Source(str(obj["id"]), obj["text"], obj.get("meta") if isinstance(obj.get("meta"), dict) else None)
    except DocumentError as err:
        raise InputError(str(err)) from None


def render_text(doc) -> str:
    lines = [f"# {doc.id}"]
    lines += [f"{e.id}\t{e.label}\t{e.start}-{e.end}\t{e.score or 0:.3f}\t{e.text}"
              for e in doc.entities]
    ents = doc.entity_by_id()
    lines += [f"{r.label}\t{r.head} {ents[r.head].text} -> {r.tail} {ents[r.tail].text}\t{r.score or 0:.3f}" for r in doc.relations]
    from .export import event_row

    for ev in doc.extra.get("events", []):
        row = event_row(doc, ev)
        lines.append("EVENT\t" + "\t".join(f"{k}={row[k]}" for k in ("event_id", "event_type", "event_date", "place",
                     "country", "actor1", "actor2", "killed", "wounded", "captured", "sources") if row[k]))
    return "\n".join(lines)


def write_atomic(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def format_docs(docs: list, fmt: str) -> str:
    from .document import dumps

    if fmt == "jsonl":
        return "".join(dumps(d) + "\n" for d in docs)
    if fmt == "text":
        return "\n\n".join(render_text(d) for d in docs) + "\n"
    if fmt in ("events", "csv"):
        from .export import events_csv, events_jsonl

        return events_csv(docs) if fmt == "csv" else events_jsonl(docs)
    if len(docs) == 1:
        return dumps(docs[0], indent=2) + "\n"
    return json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2) + "\n"


def resolve_model(name: str | None) -> str:
    if name:
        return name
    if (DEFAULT_MODEL / "config.json").exists():
        return str(DEFAULT_MODEL)
    raise InputError("no bundled default model in this checkout yet: pass --model with a trained model directory "
                     "(python -m training.train writes one) or a hub id")


def load_extractor(args):
    from .extractor import Extractor, ModelLoadError

    try:
        return Extractor.from_pretrained(resolve_model(args.model), device=args.device, batch_size=args.batch_size)
    except ModelLoadError as err:
        raise InputError(str(err)) from None


def predict_sources(extractor, sources: list[Source]) -> list:
    from .document import Document

    texts = [s for s in sources if s.text.strip()]
    results = {}
    if texts:
        results = dict(zip([s.id for s in texts], extractor([s.text for s in texts], [s.id for s in texts])))
    docs = [results.get(s.id) or Document(s.id, s.text, status="predicted", extra={"events": []}) for s in sources]
    from .events import attach_events

    for s, d in zip(sources, docs):  # the publication date resolves weekdays, أمس, ... in the event records
        if s.meta:
            d.meta = dict(s.meta)
            if d.entities and d.meta.get("date"):
                attach_events(d)
    return docs


def with_date(src: Source, day: str | None) -> Source:
    """`src` with meta["date"] = `day` when it has no publication date of its own."""
    if day and not (src.meta or {}).get("date"):
        from datetime import date

        try:
            date.fromisoformat(day)
        except ValueError:
            raise InputError(f"--date {day!r}: expected YYYY-MM-DD") from None
        src.meta = {**(src.meta or {}), "date": day}
    return src


def completed_ids(output: Path) -> set[str]:
    """Ids already written by an earlier run; a last line cut off by an interruption is removed."""
    if not output.exists():
        return set()
    done, good_end = set(), 0
    with open(output, "rb") as f:
        for line in f:
            try:
                done.add(str(json.loads(line)["id"]))
                good_end += len(line)
            except (json.JSONDecodeError, KeyError, UnicodeDecodeError):
                break
    if good_end < output.stat().st_size:
        logger.warning("%s: removing an incomplete last line left by an interrupted run", output)
        with open(output, "r+b") as f:
            f.truncate(good_end)
    return done


class _Single:
    """Stand-in for accelerate's PartialState in a plain single-process run (no accelerate import)."""

    process_index, num_processes, device = 0, 1, None

    def wait_for_everyone(self) -> None:
        pass


def process_state():
    """accelerate's PartialState when started by `accelerate launch` with several processes, else a single one."""
    if int(os.environ.get("WORLD_SIZE", "1")) > 1:
        from accelerate import PartialState

        return PartialState()
    return _Single()


def part_path(out: Path, rank: int) -> Path:
    return out.with_name(f".{out.name}.part{rank}")


def stream_jsonl(args) -> int:
    """Bounded memory: read `--chunk` documents, predict, append, flush; skip ids already in the output. Under
    `accelerate launch`, process r of W takes every W-th remaining document into its own part file (resumable
    too), and process 0 then merges the parts into the output in input order."""
    if not args.output:
        raise InputError("--input-jsonl needs --output (the file that is appended to and resumed)")
    state, out, inp = process_state(), Path(args.output), Path(args.input_jsonl)
    rank, world = state.process_index, state.num_processes
    if rank == 0:
        completed_ids(out)  # removes a cut-off last line before anyone reads the file
    state.wait_for_everyone()
    done = completed_ids(out)
    mine = (with_date(src, args.date) for k, src in enumerate(iter_jsonl_sources(inp, done)) if k % world == rank)
    target = out if world == 1 else part_path(out, rank)
    if world > 1:
        part_done = completed_ids(target)
        mine = (src for src in mine if src.id not in part_done)
    first = next(mine, None)  # surface input errors before loading the model
    if args.device is None and state.device is not None:
        args.device = str(state.device)
    if first is not None:
        _predict_into(load_extractor(args), first, mine, target, args.chunk, len(done), rank == 0)
    state.wait_for_everyone()
    if world > 1 and rank == 0:
        merge_parts(inp, out, done, world)
    return 0


def _predict_into(extractor, first: Source, rest: Iterator[Source], target: Path, chunk_size: int, initial: int,
                  show: bool) -> None:
    from tqdm.auto import tqdm

    from .document import dumps

    target.parent.mkdir(parents=True, exist_ok=True)
    bar = tqdm(desc="documents", unit="doc", initial=initial, disable=not show)
    with open(target, "a", encoding="utf-8") as f:
        chunk = [first]
        for src in rest:
            chunk.append(src)
            if len(chunk) >= chunk_size:
                f.write("".join(dumps(d) + "\n" for d in predict_sources(extractor, chunk)))
                f.flush()
                bar.update(len(chunk))
                chunk = []
        if chunk:
            f.write("".join(dumps(d) + "\n" for d in predict_sources(extractor, chunk)))
            bar.update(len(chunk))
    bar.close()


def merge_parts(inp: Path, out: Path, done: set[str], world: int) -> None:
    """Append the parts to the output in input order (round robin, as they were dealt), then delete them."""
    parts = [open(part_path(out, r), encoding="utf-8") for r in range(world) if part_path(out, r).exists()]
    if len(parts) != world:
        raise InputError(f"{out}: {world - len(parts)} part file(s) missing; rerun to complete them")
    with open(out, "a", encoding="utf-8") as f:
        for k, src in enumerate(iter_jsonl_sources(inp, done)):
            line = parts[k % world].readline()
            if json.loads(line)["id"] != src.id:
                raise InputError(f"{out}: part {k % world} is out of step at {src.id}; delete the part files and rerun")
            f.write(line)
    for r, p in enumerate(parts):
        p.close()
        part_path(out, r).unlink()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m model.predict", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="text files, directories of .txt files, or - for standard input")
    ap.add_argument("--input-jsonl", help="stream documents from a JSONL file of {id, text} objects")
    ap.add_argument("--model", help="trained model directory or hub id (default: model/default)")
    ap.add_argument("--format", choices=["json", "jsonl", "text", "events", "csv"], default="json",
                    help="events: one JSON line per event record; csv: ACLED-like event table (see model/export.py)")
    ap.add_argument("--date", help="publication date YYYY-MM-DD, for relative dates in the event records of inputs "
                    "without one (JSONL meta.date wins)")
    ap.add_argument("--output", help="write here instead of standard output (written atomically)")
    ap.add_argument("--device", help="cpu, cuda, cuda:1, ... (default: cuda when available)")
    ap.add_argument("--batch-size", type=int, default=16, help="windows per encoder batch")
    ap.add_argument("--chunk", type=int, default=256, help="with --input-jsonl: documents per chunk")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        if args.input_jsonl:
            if args.format in ("events", "csv"):
                raise InputError(f"--input-jsonl writes documents (JSONL, resumable); convert them with "
                                 f"python -m model.export {args.output or 'OUT.jsonl'} --format {args.format}")
            return stream_jsonl(args)
        if not args.inputs:
            ap.error("give at least one input file, directory or -")
        sources = [with_date(s, args.date) for s in collect_sources(args.inputs)]
        extractor = load_extractor(args) if any(s.text.strip() for s in sources) else None
        docs = predict_sources(extractor, sources)
        write_atomic(format_docs(docs, args.format), args.output)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
