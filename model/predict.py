"""Extract entities, triggers, relations and event records from Arabic text files.

    python -m model.predict article.txt                          # one JSON document on stdout
    python -m model.predict a.txt b.txt dir/ --format jsonl --output out.jsonl
    python -m model.predict article.txt --format html --output report.html   # right-to-left view, spans coloured
    cat article.txt | python -m model.predict - --format text
    python -m model.predict --input-jsonl docs.jsonl --output out.jsonl   # stream {"id","text"} lines; resumable
    accelerate launch --num_processes 2 -m model.predict --input-jsonl docs.jsonl --output out.jsonl  # split, merged

`--model` takes a local directory or a hub id (default: the model bundled in model/default when present).
Offsets in the output index the text exactly as read (UTF-8, a leading byte-order mark removed).

Every option, the output path and the model path are checked before the model is loaded. Exit status: 0 done;
2 a usage or input error (message `error: ...` naming the file or option; nothing written); 1 anything else
(a write that failed half way, e.g. a full disk, with `error: ...`; an unexpected failure, with a traceback).
The output is never left half-written: `--output` is written to a temporary file and renamed, and an interrupted
`--input-jsonl` run resumes where it stopped.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

DEFAULT_MODEL = Path(__file__).resolve().parent / "default"
HUB_TIMEOUT_S = 5.0  # how long to wait for the model hub before saying it cannot be reached
ARABIC_MIN_SHARE = 0.3  # warn when fewer of a text's letters are Arabic
MAX_SCRIPT_WARNINGS = 20
logger = logging.getLogger("model.predict")


class InputError(Exception):
    """A user error: bad path, option, model or input file. Printed without a traceback; exit status 2."""


@dataclass
class Source:
    id: str
    text: str
    meta: dict | None = None  # carried into the output; meta["date"] is the publication date for event records


# ---- reading ---------------------------------------------------------------------------------------------------------
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
    """Files as given, the .txt files of directories (sorted), and '-' for standard input. A file named twice is
    predicted twice: every input gives one output document, in order."""
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


def _jsonl_objects(path: Path) -> Iterator[tuple[int, dict]]:
    from .document import DocumentError, iter_jsonl

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        for n, obj in iter_jsonl(path):
            if not isinstance(obj.get("id"), (str, int)) or not isinstance(obj.get("text"), str):
                raise InputError(f"{path}:{n}: expected a JSON object with an 'id' and a string 'text'")
            yield n, obj
    except DocumentError as err:
        raise InputError(str(err)) from None
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 ({err.reason} at byte {err.start} of a line)") from None


def scan_jsonl(path: Path) -> set[str]:
    """Check the whole input before any prediction: every line a document, every id used once (the output is
    matched to the input by id, so a repeated id would lose a document). Returns the ids."""
    first_line: dict[str, int] = {}
    for n, obj in _jsonl_objects(path):
        key = str(obj["id"])
        if key in first_line:
            raise InputError(f"{path}:{n}: id {key!r} already used on line {first_line[key]}; ids must be unique "
                             "(each output line is matched to its input by id)")
        first_line[key] = n
    return set(first_line)


def iter_jsonl_sources(path: Path, skip: set[str]) -> Iterator[Source]:
    for _, obj in _jsonl_objects(path):
        if str(obj["id"]) not in skip:
            yield Source(str(obj["id"]), obj["text"], obj.get("meta") if isinstance(obj.get("meta"), dict) else None)


# ---- output formats: name -> function(documents) -> text; add a format by adding an entry ---------------------------
_LINE_BREAKS = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\v": "\\v", "\f": "\\f", "\x1c": "\\x1c",
                "\x1d": "\\x1d", "\x1e": "\\x1e", "\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPES = str.maketrans(_LINE_BREAKS)


def one_line(value) -> str:
    """A field of the text format: tabs and every kind of line break escaped (\\t, \\n, ...; a backslash as \\\\),
    so each entity stays on one line with tab-separated fields."""
    return str(value).translate(_ESCAPES)


def render_text(doc) -> str:
    lines = [f"# {one_line(doc.id)}"]
    lines += [f"{e.id}\t{e.label}\t{e.start}-{e.end}\t{e.score or 0:.3f}\t{one_line(e.text)}" for e in doc.entities]
    ents = doc.entity_by_id()
    lines += [f"{r.label}\t{r.head} {one_line(ents[r.head].text)} -> {r.tail} {one_line(ents[r.tail].text)}\t"
              f"{r.score or 0:.3f}" for r in doc.relations]
    from .export import event_row

    for ev in doc.extra.get("events", []):
        row = event_row(doc, ev)
        lines.append("EVENT\t" + "\t".join(f"{k}={one_line(row[k])}" for k in (
            "event_id", "event_type", "event_date", "place", "country", "actor1", "actor2", "killed", "wounded",
            "captured", "sources") if row[k]))
    lines += [f"NOT AN EVENT\t{n['mention']}\t{n['reason']}\t{one_line(n['text'])}"
              for n in doc.extra.get("non_events", [])]
    return "\n".join(lines)


def format_json(docs: list) -> str:
    from .document import dumps

    if len(docs) == 1:
        return dumps(docs[0], indent=2) + "\n"
    return json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2) + "\n"


def format_jsonl(docs: list) -> str:
    from .document import dumps

    return "".join(dumps(d) + "\n" for d in docs)


def format_text(docs: list) -> str:
    return "\n\n".join(render_text(d) for d in docs) + "\n"


def format_events(docs: list) -> str:
    from .export import events_jsonl

    return events_jsonl(docs)


def format_csv(docs: list) -> str:
    from .export import events_csv

    return events_csv(docs)


def format_html(docs: list) -> str:
    from .html import render_html

    return render_html(docs, title="model.predict")


def format_labelstudio(docs: list) -> str:
    """Label Studio tasks with the model's spans and relations as predictions with scores (training/labelstudio.py)."""
    from training.labelstudio import documents_to_tasks

    return json.dumps(documents_to_tasks(docs, "predictions"), ensure_ascii=False, indent=1) + "\n"


def write_brat(docs: list, output: str) -> None:
    """A brat collection: ID.txt, ID.ann (scores as notes), ID.meta.json, annotation.conf (training/brat.py)."""
    from training.brat import write_collection

    try:
        write_collection(docs, output)
    except ValueError as err:
        raise InputError(str(err)) from None


FORMATS: dict[str, Callable[[list], str]] = {
    "json": format_json, "jsonl": format_jsonl, "text": format_text, "events": format_events, "csv": format_csv,
    "html": format_html, "labelstudio": format_labelstudio,
}
STREAM_FORMATS = ("jsonl",)  # what --input-jsonl can write (appended line by line, resumable)
FOLDER_FORMATS: dict[str, Callable[[list, str], None]] = {"brat": write_brat}  # --output is a folder of files


def format_docs(docs: list, fmt: str) -> str:
    return FORMATS[fmt](docs)


# ---- writing ---------------------------------------------------------------------------------------------------------
def new_file_mode(path: Path) -> int:
    """The mode a plain open() would give: the existing file's, else 0666 minus the umask (usually 0644)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(text: str, output: str | None) -> None:
    """Standard output, or `output` via a temporary file in the same folder renamed over it when complete."""
    if output is None:
        sys.stdout.write(text)
        return
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    mode = new_file_mode(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)  # mkstemp creates 0600
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_writable(output: str, append: bool = False, folder: bool = False) -> None:
    """Fail now, before the model runs, if `output` cannot be written: its folder (for `folder` formats, the
    output itself) is created if missing and a temporary file is made and removed there; an existing file to
    append to is opened for appending."""
    out = Path(output)
    if out.is_dir() and not folder:
        raise InputError(f"{out}: is a directory; --output takes a file name")
    where = out if folder else out.parent
    blocker = next((p for p in [where, *where.parents] if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise InputError(f"{out}: cannot write the output: {blocker} is a file, not a directory")
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{out.name}.", suffix=".check")
        os.close(fd)
        os.unlink(tmp)
        if append and out.exists():
            with open(out, "ab"):
                pass
    except OSError as err:
        where = err.filename or out.parent
        raise InputError(f"{out}: cannot write the output ({err.strerror}: {where})") from None


# ---- options and the model -------------------------------------------------------------------------------------------
def positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def check_device(name: str | None) -> None:
    """cpu, cuda, cuda:N or mps, and only what this machine has."""
    if name is None:
        return
    import torch

    try:
        dev = torch.device(name)
    except (RuntimeError, ValueError):
        raise InputError(f"--device {name}: not a device name; use cpu, cuda, cuda:N (N-th GPU) or mps") from None
    if dev.type == "cuda":
        if not torch.cuda.is_available():
            why = "this torch build has no CUDA support" if torch.version.cuda is None else "no CUDA GPU is visible"
            raise InputError(f"--device {name}: CUDA is not available ({why}); use --device cpu")
        if dev.index is not None and dev.index >= torch.cuda.device_count():
            raise InputError(f"--device {name}: there are only {torch.cuda.device_count()} CUDA device(s)")
    elif dev.type == "mps":
        if not torch.backends.mps.is_available():
            raise InputError(f"--device {name}: MPS (Apple GPU) is not available here; use --device cpu")
    elif dev.type != "cpu":
        raise InputError(f"--device {name}: unsupported device type {dev.type!r}; use cpu, cuda, cuda:N or mps")


def check_options(args) -> None:
    """Everything about the options that can be checked without the model."""
    if args.input_jsonl:
        if not args.output:
            raise InputError("--input-jsonl needs --output (the file that is appended to and resumed)")
        if args.format not in (None, *STREAM_FORMATS):
            hint = (f"python -m model.export {args.output} --format {args.format}" if args.format in ("events", "csv")
                    else f"python -m model.html {args.output} --output report.html" if args.format == "html"
                    else "drop --format")
            raise InputError(f"--input-jsonl writes documents as JSON Lines (resumable), not --format {args.format}; "
                             f"convert them afterwards: {hint}")
        if Path(args.output).resolve() == Path(args.input_jsonl).resolve():
            raise InputError(f"{args.output}: --output must not be the --input-jsonl file")
    elif not args.inputs:
        raise InputError("give at least one input file, directory or - (or --input-jsonl FILE)")
    if args.format in FOLDER_FORMATS and not args.output:
        raise InputError(f"--format {args.format} writes a folder of files: give it with --output FOLDER")
    if args.date:
        from datetime import date

        try:
            date.fromisoformat(args.date)
        except ValueError:
            raise InputError(f"--date {args.date!r}: expected YYYY-MM-DD") from None
    check_device(args.device)
    if getattr(args, "int8", False) and args.device and not args.device.startswith("cpu"):
        raise InputError(f"--int8 runs on the CPU only; drop --device {args.device} or --int8")
    if args.output:
        check_writable(args.output, append=bool(args.input_jsonl), folder=args.format in FOLDER_FORMATS)


def hub_problem(repo_id: str, timeout: float = HUB_TIMEOUT_S) -> str | None:
    """None when the model hub answers for `repo_id` within `timeout` seconds; otherwise what went wrong. One
    request, no retries (huggingface_hub retries an unreachable hub for about a minute)."""
    from huggingface_hub import constants, get_session
    from huggingface_hub.utils import build_hf_headers

    url = f"{constants.ENDPOINT}/api/models/{repo_id}"
    result: dict = {}

    def probe() -> None:
        try:
            result["status"] = get_session().head(url, headers=build_hf_headers(), timeout=timeout,
                                                  follow_redirects=True).status_code
        except Exception as err:  # noqa: BLE001  (any failure means: not reachable)
            result["error"] = err

    thread = threading.Thread(target=probe, daemon=True)  # a name lookup can hang longer than any socket timeout
    thread.start()
    thread.join(timeout + 1)
    if "status" in result:
        status = result["status"]
        if status in (401, 403, 404):
            return (f"the model hub ({constants.ENDPOINT}) has no model {repo_id!r} that this machine may read "
                    f"(HTTP {status})")
        return None if status < 400 else f"the model hub ({constants.ENDPOINT}) answered HTTP {status}"
    reason = str(result.get("error") or f"no answer within {timeout:.0f} s")
    return f"the model hub ({constants.ENDPOINT}) cannot be reached from here ({reason})"


def resolve_model(name: str | None) -> str:
    """A local model directory, or a hub id that is in the local cache or that the hub answers for, checked in
    seconds; otherwise InputError saying what is missing."""
    if not name:
        if (DEFAULT_MODEL / "config.json").exists():
            return str(DEFAULT_MODEL)
        raise InputError("no bundled default model in this checkout: pass --model with a trained model directory "
                         "(python -m training.train writes one) or a hub id")
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise InputError(f"{name}: not a model directory (no config.json); python -m training.train writes one")
        return str(path)
    if path.exists():
        raise InputError(f"{name}: is a file; --model takes a model directory or a hub id")
    from huggingface_hub import constants, try_to_load_from_cache
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(name)
    except HFValidationError:
        raise InputError(f"{name}: no such directory") from None
    if isinstance(try_to_load_from_cache(name, "config.json"), str):
        if not constants.HF_HUB_OFFLINE and hub_problem(name):
            constants.HF_HUB_OFFLINE = True  # use the cached copy without a minute of retries
        return name
    if constants.HF_HUB_OFFLINE:
        problem = "HF_HUB_OFFLINE is set and it is not in the local hub cache"
    else:
        problem = hub_problem(name)
        if problem is None:
            return name
    raise InputError(f"{name}: no such directory, and not a usable hub id: {problem}. Pass --model DIR with a "
                     f"local model directory, or download the model where the hub is reachable "
                     f"(hf download {name} --local-dir DIR) and pass --model DIR")


def load_extractor(args, model_path: str):
    from .extractor import Extractor, ModelLoadError

    try:
        ex = Extractor.from_pretrained(model_path, device=args.device, batch_size=args.batch_size,
                                       int8=getattr(args, "int8", False))
    except ModelLoadError as err:
        raise InputError(str(err)) from None
    ex.progress = not args.quiet
    return ex


# ---- predicting ------------------------------------------------------------------------------------------------------
class ScriptCheck:
    """Warns (never fails) when a text has almost no Arabic letters: the model reads Arabic, and on English or
    other scripts it finds spans that mean nothing."""

    def __init__(self):
        self.count = 0

    def __call__(self, src: Source) -> None:
        from .text import arabic_share

        share, letters = arabic_share(src.text)
        if share >= ARABIC_MIN_SHARE:
            return
        self.count += 1
        if self.count <= MAX_SCRIPT_WARNINGS:
            logger.warning("%s: only %.0f%% of its %d letters are Arabic; the model reads Arabic text, and its output "
                           "on other scripts is not meaningful", src.id, 100 * share, letters)

    def summary(self) -> None:
        if self.count > MAX_SCRIPT_WARNINGS:
            logger.warning("%d documents in all have almost no Arabic letters (the first %d are named above)",
                           self.count, MAX_SCRIPT_WARNINGS)


def predict_sources(extractor, sources: list[Source]) -> list:
    """One predicted document per source, in order (empty and white-space-only texts give empty results)."""
    from .document import Document
    from .events import attach_events

    texts = [i for i, s in enumerate(sources) if s.text.strip()]
    found = {}
    if texts:
        found = dict(zip(texts, extractor([sources[i].text for i in texts], [sources[i].id for i in texts])))
    docs = [found.get(i) or Document(s.id, s.text, status="predicted", extra={"events": []})
            for i, s in enumerate(sources)]
    for s, d in zip(sources, docs):  # the publication date resolves weekdays, أمس, ... in the event records
        if s.meta:
            d.meta = dict(s.meta)
            if d.entities and d.meta.get("date"):
                attach_events(d)
    return docs


def with_date(src: Source, day: str | None) -> Source:
    """`src` with meta["date"] = `day` when it has no publication date of its own."""
    if day and not (src.meta or {}).get("date"):
        src.meta = {**(src.meta or {}), "date": day}
    return src


# ---- streaming JSONL -------------------------------------------------------------------------------------------------
def completed_ids(output: Path) -> set[str]:
    """Ids already written by an earlier run. A last line cut off by an interruption is removed; a complete last
    line that only lacks its newline is kept and the newline added. A bad line before the last one means the
    file is not this command's output: InputError, nothing changed."""
    if not output.exists():
        return set()
    done: set[str] = set()
    good_end, size = 0, output.stat().st_size
    with open(output, "rb") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
                done.add(str(obj["id"]))
            except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError):
                if good_end + len(line) < size:
                    raise InputError(f"{output}:{n}: not a document line, and not the last line either, so not "
                                     "left by an interrupted run; move this file away or choose another --output")
                break
            good_end += len(line)
    if good_end < size:
        logger.warning("%s: removing an incomplete last line left by an interrupted run", output)
        with open(output, "r+b") as f:
            f.truncate(good_end)
    elif size and not line.endswith(b"\n"):
        with open(output, "ab") as f:
            f.write(b"\n")
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


def stream_jsonl(args, model_path: str) -> int:
    """Bounded memory: read `--chunk` documents, predict, append, flush; skip ids already in the output. Under
    `accelerate launch`, process r of W takes every W-th remaining document into its own part file (resumable
    too), and process 0 then merges the parts into the output in input order."""
    state, out, inp = process_state(), Path(args.output), Path(args.input_jsonl)
    rank, world = state.process_index, state.num_processes
    ids = scan_jsonl(inp)  # every line checked, ids unique: before anything is written or loaded
    if rank == 0:
        completed_ids(out)  # removes a cut-off last line before anyone reads the file
    state.wait_for_everyone()
    done = completed_ids(out)
    mine = (with_date(src, args.date) for k, src in enumerate(iter_jsonl_sources(inp, done)) if k % world == rank)
    target = out if world == 1 else part_path(out, rank)
    if world > 1:
        part_done = completed_ids(target)
        mine = (src for src in mine if src.id not in part_done)
    first = next(mine, None)
    if args.device is None and state.device is not None:
        args.device = str(state.device)
    if first is not None:
        extractor = load_extractor(args, model_path)
        extractor.progress = extractor.progress and rank == 0  # one process draws the bars
        progress = tqdm_bar(len(ids), len(done & ids), rank == 0 and not args.quiet)
        _predict_into(extractor, first, mine, target, args.chunk, progress)
    state.wait_for_everyone()
    if world > 1 and rank == 0:
        merge_parts(inp, out, done, world)
    return 0


def tqdm_bar(total: int, initial: int, show: bool):
    from tqdm.auto import tqdm

    return tqdm(desc="documents", unit="doc", total=total, initial=initial, disable=None if show else True)


def _predict_into(extractor, first: Source, rest: Iterator[Source], target: Path, chunk_size: int, bar) -> None:
    from .document import dumps

    script_check = ScriptCheck()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a", encoding="utf-8") as f:
        chunk = [first]
        for src in rest:
            chunk.append(src)
            if len(chunk) >= chunk_size:
                _write_chunk(f, extractor, chunk, script_check, dumps)
                bar.update(len(chunk))
                chunk = []
        if chunk:
            _write_chunk(f, extractor, chunk, script_check, dumps)
            bar.update(len(chunk))
    bar.close()
    script_check.summary()


def _write_chunk(f, extractor, chunk: list[Source], script_check: ScriptCheck, dumps) -> None:
    for src in chunk:
        script_check(src)
    f.write("".join(dumps(d) + "\n" for d in predict_sources(extractor, chunk)))
    f.flush()


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


# ---- command line ----------------------------------------------------------------------------------------------------
class _Messages(logging.Formatter):
    """Info as is, warnings and errors prefixed with their level (`warning: ...`)."""

    def format(self, record: logging.LogRecord) -> str:
        msg = super().format(record)
        return msg if record.levelno < logging.WARNING else f"{record.levelname.lower()}: {msg}"


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m model.predict", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="text files, directories of .txt files, or - for standard input")
    ap.add_argument("--input-jsonl", help="stream documents from a JSONL file of {id, text} objects (unique ids)")
    ap.add_argument("--model", help="trained model directory or hub id (default: model/default)")
    ap.add_argument("--format", choices=[*FORMATS, *FOLDER_FORMATS], default=None,
                    help="json (default), jsonl, text, html (a self-contained right-to-left page); events: one JSON "
                    "line per event record; csv: ACLED-like event table (see model/export.py); labelstudio: tasks with "
                    "the predictions and scores for Label Studio; brat: a brat/INCEpTION folder (--output FOLDER)")
    ap.add_argument("--date", help="publication date YYYY-MM-DD, for relative dates in the event records of inputs "
                    "without one (JSONL meta.date wins)")
    ap.add_argument("--output", help="write here instead of standard output (written atomically)")
    ap.add_argument("--device", help="cpu, cuda, cuda:1, mps (default: cuda when available)")
    ap.add_argument("--batch-size", type=positive_int, default=16, help="windows per encoder batch")
    ap.add_argument("--chunk", type=positive_int, default=256, help="with --input-jsonl: documents per chunk")
    ap.add_argument("--quiet", action="store_true", help="no progress bar and no info messages (warnings stay)")
    ap.add_argument("--int8", action="store_true",
                    help="CPU only: dynamic int8 encoder (faster on CPU; see model_card.md for its dev F1)")
    return ap


def run(args) -> int:
    check_options(args)
    model_path = resolve_model(args.model)
    if args.input_jsonl:
        return stream_jsonl(args, model_path)
    sources = [with_date(s, args.date) for s in collect_sources(args.inputs)]
    script_check = ScriptCheck()
    for s in sources:
        if s.text.strip():
            script_check(s)
    script_check.summary()
    extractor = load_extractor(args, model_path) if any(s.text.strip() for s in sources) else None
    docs = predict_sources(extractor, sources)
    if args.format in FOLDER_FORMATS:
        FOLDER_FORMATS[args.format](docs, args.output)
    else:
        write_atomic(format_docs(docs, args.format or "json"), args.output)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(_Messages("%(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logger.setLevel(logging.WARNING if args.quiet else logging.INFO)
    try:
        return run(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # after the checks: a full disk, a file system gone read-only, ...
        print(f"error: {err}; no output was left half-written", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
