"""Round trip through a real Label Studio server: documents -> tasks -> Label Studio -> JSON export -> documents.

    python scripts/label_studio_roundtrip.py                       # seeds + the first 20 ANT documents
    python scripts/label_studio_roundtrip.py --venv runs/ls-venv --keep   # reuse a venv, keep the server's data

1. Installs `label-studio` and `label-studio-sdk` (pinned below) from PyPI into their OWN virtual environment
   (`--venv`, default /tmp/arabic-ie-label-studio-venv; reused when present), never into the package's environment.
2. Starts `label-studio start` on 127.0.0.1 (a free port, a throw-away data folder and user token).
3. Through the SDK: creates two projects with the config generated from model/schema.py
   (`training.labelstudio.label_config`); imports the documents as gold annotations into one, and the bundled
   model's pre-annotations (predictions with scores) into the other; exports both as JSON (an export snapshot with
   full predictions).
4. Converts the exports back (`training.labelstudio.tasks_to_documents`) and checks that every document equals the
   input: id, text, meta, status, every span (id, label, offsets, text, score) and every relation (label, head,
   tail, score; compared as a set, since Label Studio stores one relation per ordered pair of regions). A
   synthetic document with emoji (a ZWJ sequence, a flag), Arabic harakat, a combining accent, a right-to-left
   mark and a CRLF line break is added to both, with spans after all of them.

Prints one line per project and exits 1 on any difference or import problem. The server is stopped at the end.

    python scripts/label_studio_roundtrip.py --accept ls/tasks.json --export ls/export.json

instead imports the given tasks (e.g. `python -m model.predict ... --format labelstudio`) into one project, submits
every prediction unchanged as an annotation (what an annotator does who accepts them all) and writes the project's
JSON export: a real export to try `python -m training.labelstudio import` on without clicking through the UI.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LABEL_STUDIO = "label-studio==1.23.2"
LABEL_STUDIO_SDK = "label-studio-sdk==2.1.2"
logger = logging.getLogger("label_studio_roundtrip")


# ---- runs inside the Label Studio venv: the SDK only --------------------------------------------------------------
def driver(url: str, token: str, workdir: Path) -> None:
    """Create the projects, import the tasks, export them as JSON (with full predictions)."""
    from label_studio_sdk import LabelStudio

    ls = LabelStudio(base_url=url, api_key=token)
    config = (workdir / "config.xml").read_text(encoding="utf-8")
    names = ["accept"] if (workdir / "accept.tasks.json").exists() else ["annotations", "predictions"]
    for name in names:
        tasks = json.loads((workdir / f"{name}.tasks.json").read_text(encoding="utf-8"))
        project = ls.projects.create(title=f"roundtrip-{name}", label_config=config)
        imported = ls.projects.import_tasks(project.id, request=tasks, return_task_ids=True)
        print(f"{name}: project {project.id}, {imported.task_count} tasks, {imported.annotation_count} annotations, "
              f"{imported.prediction_count} predictions imported", flush=True)
        if name == "accept":
            for task_id, task in zip(imported.task_ids, tasks):
                for pred in task.get("predictions", [])[:1]:
                    ls.annotations.create(task_id, result=pred["result"])
        snap = ls.projects.exports.create(project.id, title=name,
                                          serialization_options={"predictions": {"only_id": False}})
        for _ in range(300):
            snap = ls.projects.exports.get(project.id, snap.id)
            if snap.status in ("completed", "failed"):
                break
            time.sleep(1)
        if snap.status != "completed":
            raise RuntimeError(f"export of project {project.id} ended as {snap.status}")
        data = b"".join(ls.projects.exports.download(project.id, snap.id, export_type="JSON"))
        (workdir / f"{name}.export.json").write_bytes(data)


# ---- runs in the package's environment ---------------------------------------------------------------------------
def ensure_venv(venv: Path) -> Path:
    py = venv / "bin" / "python"
    probe = [str(py), "-c", "import label_studio, label_studio_sdk"]
    if py.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return py
    logger.info("installing %s and %s into %s (a few minutes)", LABEL_STUDIO, LABEL_STUDIO_SDK, venv)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", LABEL_STUDIO, LABEL_STUDIO_SDK], check=True)
    return py


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(venv: Path, data_dir: Path, port: int, token: str, log: Path) -> subprocess.Popen:
    # no version check against PyPI, no error reports to Label Studio's Sentry: nothing leaves the machine
    env = dict(os.environ, LABEL_STUDIO_BASE_DATA_DIR=str(data_dir), LATEST_VERSION_CHECK="false",
               LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK="true", SENTRY_DSN="", FRONTEND_SENTRY_DSN="")
    cmd = [str(venv / "bin" / "label-studio"), "start", "--no-browser", "--data-dir", str(data_dir),
           "--internal-host", "127.0.0.1", "--port", str(port), "--username", "roundtrip@example.com",
           "--password", secrets.token_hex(12), "--user-token", token, "--enable-legacy-api-token",
           "--log-level", "WARNING"]
    proc = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.time() + 600
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"label-studio exited with status {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(2)
    stop_server(proc)
    raise RuntimeError(f"label-studio did not answer on 127.0.0.1:{port} within 10 minutes; see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)


def run_server(venv: str, workdir: Path) -> None:
    """Start Label Studio, run the SDK driver against it in Label Studio's venv, stop the server."""
    py = ensure_venv(Path(venv))
    token, port = secrets.token_hex(20), free_port()
    t0 = time.time()
    proc = start_server(Path(venv), workdir / "ls-data", port, token, workdir / "server.log")
    logger.info("label-studio answering on 127.0.0.1:%d after %.0f s", port, time.time() - t0)
    try:
        subprocess.run([str(py), __file__, "--driver", f"http://127.0.0.1:{port}", token, str(workdir)], check=True)
    finally:
        stop_server(proc)


def synthetic_document():
    """Emoji (a ZWJ sequence with a skin tone, a flag), harakat, a combining accent, RLM and CRLF before spans."""
    from model.document import Document, Entity, Relation

    text = ("\u200fقال 👨🏻\u200d🚒 مسؤولٌ عراقيٌّ إن 🇮🇶 تنظيمَ داعشَ هاجمَ الموصلَ\r\n"
            "يومَ الأحدِ 😀، وقتل خمسةً من المدنيين. cafe\u0301")
    spans = [("ORG", "داعشَ"), ("ATTACK", "هاجمَ"), ("GPE", "الموصلَ"), ("DATE", "يومَ الأحدِ"), ("KILL", "قتل"),
             ("GROUP", "خمسةً من المدنيين")]
    ents = []
    for k, (label, s) in enumerate(spans, 1):
        start = text.index(s)
        ents.append(Entity(f"T{k}", label, start, start + len(s), s))
    rels = [Relation("ATTACKER", "T2", "T1"), Relation("TARGET", "T2", "T3"), Relation("PLACE", "T2", "T3"),
            Relation("TIME", "T2", "T4"), Relation("VICTIM", "T5", "T6"), Relation("RESULT_OF", "T5", "T2")]
    return Document("synthetic-emoji-harakat", text, ents, rels,
                    {"origin": "synthetic (label_studio_roundtrip.py)", "language": "ar"}, "gold")


def load_inputs(n_ant: int):
    from model.document import load_documents

    return (load_documents([REPO / "annotations" / "seeds.jsonl"])
            + load_documents([REPO / "annotations" / "ant.jsonl"])[:n_ant] + [synthetic_document()])


def predict(docs, model: str | None):
    from model.extractor import Extractor
    from model.predict import resolve_model

    ex = Extractor.from_pretrained(resolve_model(model), device="cpu")
    preds = ex([d.text for d in docs], [d.id for d in docs])
    for p, d in zip(preds, docs):
        p.meta, p.extra = d.meta, {}
    return preds


def canonical(doc) -> dict:
    d = doc.to_dict()
    d.pop("events", None)
    d["relations"] = sorted(d["relations"], key=lambda r: (r["head"], r["tail"], r["label"]))
    return d


def compare(name: str, sent: list, export_path: Path) -> list[str]:
    from training.labelstudio import read_export, tasks_to_documents

    back, issues = tasks_to_documents(read_export(export_path))
    problems = [str(i) for i in issues if i.error]
    got = {d.id: d for d in back}
    for doc in sent:
        if doc.id not in got:
            problems.append(f"{name}: {doc.id} did not come back")
        elif canonical(got[doc.id]) != canonical(doc):
            a, b = canonical(doc), canonical(got[doc.id])
            diff = [k for k in a if a[k] != b.get(k)]
            problems.append(f"{name}: {doc.id} differs in {diff}")
    spans, rels = sum(len(d.entities) for d in sent), sum(len(d.relations) for d in sent)
    print(f"{name}: {len(sent)} documents, {spans} spans, {rels} relations sent; {len(back)} documents back; "
          f"{len(problems)} differences or errors; notes: {sum(not i.error for i in issues)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--venv", default="/tmp/arabic-ie-label-studio-venv", help="Label Studio's own environment")
    ap.add_argument("--n-ant", type=int, default=20, help="ANT documents after the seeds")
    ap.add_argument("--model", help="model for the pre-annotations (default: model/default)")
    ap.add_argument("--workdir", help="keep the tasks, exports and server data here (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="do not delete the work folder")
    ap.add_argument("--accept", help="tasks JSON: import, submit the predictions as annotations, export")
    ap.add_argument("--export", help="with --accept: where to write the JSON export")
    ap.add_argument("--driver", nargs=3, metavar=("URL", "TOKEN", "WORKDIR"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.driver:
        driver(args.driver[0], args.driver[1], Path(args.driver[2]))
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sys.path.insert(0, str(REPO))
    from training.labelstudio import documents_to_tasks, label_config, write_json

    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="ls-roundtrip-"))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "config.xml").write_text(label_config(), encoding="utf-8")
    if args.accept:
        if not args.export:
            ap.error("--accept needs --export FILE")
        shutil.copyfile(args.accept, workdir / "accept.tasks.json")
        run_server(args.venv, workdir)
        write_json(json.loads((workdir / "accept.export.json").read_text(encoding="utf-8")), args.export)
        print(f"export written to {args.export}")
        return 0
    gold = load_inputs(args.n_ant)
    preds = predict(gold, args.model)
    write_json(documents_to_tasks(gold, "annotations"), workdir / "annotations.tasks.json")
    write_json(documents_to_tasks(preds, "predictions", "model/default"), workdir / "predictions.tasks.json")
    run_server(args.venv, workdir)
    problems = compare("annotations", gold, workdir / "annotations.export.json")
    problems += compare("predictions", preds, workdir / "predictions.export.json")
    for p in problems:
        print(p, file=sys.stderr)
    if args.keep or args.workdir:
        logger.info("work folder kept: %s", workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print("round trip: " + ("OK, every document unchanged" if not problems else f"{len(problems)} problems"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
