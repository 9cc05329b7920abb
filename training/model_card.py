"""The model card (README.md) of a trained model directory, in the Hugging Face format with a `model-index`.

Written by `python -m training.train` at the end of every run; to (re)write one by hand:

    python -m training.model_card runs/ie        # reads runs/ie/metrics.json and config.json

The card says what the run actually was: the schema in the model's config, the training and dev documents (files,
counts, statuses, SHA-256 of each file), the dev metrics of that run per epoch and at the saved epoch, and the
command that made it. `huggingface_hub.ModelCard` parses it; `model-index` carries the dev F1 scores (fractions, as
in metrics.json). Documents from the ANT corpus bring its citation, which its licence asks for.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from model.document import expand_paths, load_documents
from model.schema import ENTITY_LABELS, RELATIONS, TRIGGER_LABELS, Schema

ANT_CITATION = ('A. Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic Multi-source News Corpus: Experimenting on '
                'Single-document Extractive Summarization", Arabian Journal for Science and Engineering 46(8), 2021.')
DATASET_TYPE = "arabic-conflict-ie-annotations"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def describe_files(paths: list[str]) -> list[dict]:
    """One row per JSONL file: path, documents, gold/draft/predicted counts, spans, relations, sha256."""
    rows = []
    for path in expand_paths(paths):
        docs = load_documents([path])
        status = Counter(d.status for d in docs)
        rows.append({"path": str(path), "documents": len(docs), "status": dict(status),
                     "spans": sum(len(d.entities) for d in docs), "relations": sum(len(d.relations) for d in docs),
                     "sha256": _sha256(path)})
    return rows


def _is_hub_id(name: str | None) -> bool:
    return bool(name) and not Path(name).exists() and name.count("/") == 1 and not name.startswith((".", "/"))


def _schema_section(schema: Schema) -> list[str]:
    desc = {**ENTITY_LABELS, **TRIGGER_LABELS}
    lines = ["## Schema", "", "Span labels (entities, then event triggers):", "", "| label | kind | meaning |",
             "|---|---|---|"]
    for lab in schema.span_labels:
        kind = "trigger" if lab in schema.trigger_labels else "entity"
        lines.append(f"| {lab} | {kind} | {desc.get(lab, '')} |")
    lines += ["", "Relations (head -> tail):", "", "| relation | head | tail | meaning |", "|---|---|---|---|"]
    for name, (heads, tails) in schema.relations.items():
        meaning = RELATIONS[name][2] if name in RELATIONS else ""
        lines.append(f"| {name} | {', '.join(heads)} | {', '.join(tails)} | {meaning} |")
    return lines


def _data_section(train_rows: list[dict], dev_rows: list[dict], metrics: dict) -> list[str]:
    args = metrics.get("args", {}).get("data", {})
    lines = ["## Training data", "",
             f"{metrics.get('train_documents', '?')} training documents and {metrics.get('dev_documents', '?')} dev "
             f"documents (training files: `{' '.join(args.get('train') or [])}`"
             + (f", split `{args['split']}`" if args.get("split") else "")
             + (f"; dev: split `{args['dev_split']}`" if args.get("dev_split") else "")
             + (f"; dev files: `{' '.join(args['dev'])}`" if args.get("dev") else "") + ").", "",
             "| file | documents | status | spans | relations | sha256 |", "|---|---|---|---|---|---|"]
    for r in train_rows + [r for r in dev_rows if r["path"] not in {t["path"] for t in train_rows}]:
        status = ", ".join(f"{k} {v}" for k, v in sorted(r["status"].items()))
        lines.append(f"| `{r['path']}` | {r['documents']} | {status} | {r['spans']} | {r['relations']} | "
                     f"`{r['sha256'][:16]}` |")
    lines += ["", "The counts are of whole files; `--split`/`--dev_split` choose documents from them "
                  "(annotations/splits.json). Documents with status `draft` or `predicted` are not checked gold."]
    return lines


def _metrics_section(metrics: dict) -> list[str]:
    hist = metrics.get("history") or []
    best = next((h for h in hist if h.get("epoch") == metrics.get("best_epoch")), None)
    lines = ["## Dev metrics of this run", ""]
    if not best or "entity_f1" not in best:
        return lines + ["No dev documents were given, so there are no dev metrics; the last epoch was saved."]
    lines += [f"Saved epoch: {best['epoch']} of {len(hist)} (the best by the mean of entity F1 and strict relation "
              "F1 on dev). Micro F1, %:", "",
              "| entity F1 | relation F1 (strict) | relation F1 (boundaries) |", "|---|---|---|",
              f"| {100 * best['entity_f1']:.1f} | {100 * best['relation_strict_f1']:.1f} | "
              f"{100 * best['relation_boundaries_f1']:.1f} |", "",
              "Strict: both spans' offsets and labels and the relation label must match; boundaries: offsets and the "
              "relation label only. Every epoch:", "",
              "| epoch | train loss | entity F1 | relation F1 (strict) |", "|---|---|---|---|"]
    lines += [f"| {h['epoch']} | {h['train_loss']:.4f} | {100 * h.get('entity_f1', 0):.1f} | "
              f"{100 * h.get('relation_strict_f1', 0):.1f} |" for h in hist]
    return lines


def _eval_results(metrics: dict, dev_name: str) -> list:
    from huggingface_hub import EvalResult

    hist = metrics.get("history") or []
    best = next((h for h in hist if h.get("epoch") == metrics.get("best_epoch")), None)
    if not best or "entity_f1" not in best:
        return []
    common = dict(dataset_type=DATASET_TYPE, dataset_name=dev_name, dataset_split="dev", metric_type="f1")
    return [
        EvalResult(task_type="token-classification", task_name="Entity and event trigger extraction",
                   metric_name="entity F1 (micro, exact span and label)", metric_value=round(best["entity_f1"], 4),
                   **common),
        EvalResult(task_type="relation-extraction", task_name="Relation extraction",
                   metric_name="relation F1 (micro, strict)", metric_value=round(best["relation_strict_f1"], 4),
                   **common),
        EvalResult(task_type="relation-extraction", task_name="Relation extraction",
                   metric_name="relation F1 (micro, boundaries)",
                   metric_value=round(best["relation_boundaries_f1"], 4), **common),
    ]


def build_card(model_dir: str | Path, metrics: dict, command: str, schema: Schema, base_model: str | None = None):
    """A `huggingface_hub.ModelCard` for a trained model directory."""
    from huggingface_hub import ModelCard, ModelCardData

    model_dir = Path(model_dir)
    dargs = metrics.get("args", {}).get("data", {})
    train_rows = describe_files(dargs.get("train") or [])
    dev_rows = describe_files(dargs["dev"]) if dargs.get("dev") else []
    name = model_dir.resolve().name
    uses_ant = any("ANT" in json.dumps(d.meta) for d in load_documents(dargs.get("train") or []))
    targs = metrics.get("args", {}).get("train", {})
    data = ModelCardData(
        language="ar", license="apache-2.0", library_name="transformers", pipeline_tag="token-classification",
        tags=["arabic", "information-extraction", "named-entity-recognition", "relation-extraction",
              "event-extraction", "arabic-conflict-ie"],
        base_model=base_model if _is_hub_id(base_model) else None, model_name=name,
        eval_results=_eval_results(metrics, "annotations (dev split)" if dargs.get("dev_split") else "dev files")
        or None,
    )
    body = [f"# {name}", "",
            "Joint entity, event-trigger and relation extraction for Arabic conflict news, trained with the "
            "`arabic-conflict-ie` package (`JointIEModel`: a BERT-family encoder with BIO tag, clitic and relation "
            "heads). Loading it needs that package: the model type `arabic_joint_ie` is registered when `model` is "
            "imported.", "", "```python",
            "from model import Extractor", f'ex = Extractor.from_pretrained("{name}")  # this folder or its hub id',
            'doc = ex("أعلنت القيادة المركزية الأميركية مقتل 15 عنصراً من تنظيم داعش في غارة غربي العراق")[0]',
            "```", "", "Output: spans and relations with character offsets and scores, and event records built from "
            "them; model output is never gold annotation.", ""]
    body += _schema_section(schema) + [""] + _data_section(train_rows, dev_rows, metrics) + [""]
    body += ["## Training procedure", "",
             f"Base model: `{base_model or '?'}`. Epochs {targs.get('epochs')}, batch size {targs.get('batch_size')}, "
             f"learning rate {targs.get('learning_rate')} (encoder) / {targs.get('head_learning_rate')} (heads), "
             f"seed {targs.get('seed')}, max length {metrics.get('args', {}).get('model', {}).get('max_length')}. "
             f"Alignment of gold spans to tokens: {metrics.get('alignment', '?')}.", "",
             "The command that made this model:", "", "```bash", command, "```", ""]
    body += _metrics_section(metrics) + [""]
    body += ["## Limitations", "",
             "Dev figures come from one run on a small dev set; they are not test figures (tune on dev, report on "
             "test with `python -m training.evaluate --split test`). The model reads Modern Standard Arabic news "
             "about armed conflict; other genres and dialects are untested.", ""]
    if uses_ant:
        body += ["## Citation", "", "Training documents come from the ANT Corpus v2.1; its licence asks to cite:", "",
                 ANT_CITATION, "", "Article copyright stays with the outlets.", ""]
    content = f"---\n{data.to_yaml()}\n---\n\n" + "\n".join(body)
    return ModelCard(content)


def write_model_card(model_dir: str | Path, metrics: dict, command: str, schema: Schema,
                     base_model: str | None = None) -> Path:
    """Write `model_dir/README.md` (atomically) and return its path."""
    from model.predict import write_atomic

    card = build_card(model_dir, metrics, command, schema, base_model)
    path = Path(model_dir) / "README.md"
    write_atomic(str(card), str(path))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m training.model_card", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_dir", help="a directory written by python -m training.train")
    args = ap.parse_args(argv)
    model_dir = Path(args.model_dir)
    try:
        metrics = json.loads((model_dir / "metrics.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        print(f"error: {model_dir}: needs metrics.json and config.json from training ({err})", file=sys.stderr)
        return 2
    command = metrics.get("command") or "(not recorded)"
    path = write_model_card(model_dir, metrics, command, Schema.from_dict(config["schema"]),
                            metrics.get("args", {}).get("model", {}).get("base_model"))
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
