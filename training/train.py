"""Fine-tune the joint entity/relation model on annotation files, with `accelerate`.

    python -m training.train --train annotations/ --split train --dev_split dev \
        --base_model CAMeL-Lab/bert-base-arabic-camelbert-msa --output_dir runs/ie
    accelerate launch -m training.train ...        # same arguments, several GPUs

`--base_model` is a hub id or a local directory holding a BERT-family encoder and its tokenizer, or a trained
joint model (training then continues from it). The best epoch by dev score (mean of entity F1 and strict relation
F1) is saved to `--output_dir` (model, tokenizer, `metrics.json`); the accelerate state of the last epoch goes to
`--output_dir/checkpoint` and `--resume_from_checkpoint` continues from it.

Retraining on new annotations (several `--train` paths; documents that splits.json does not list are training
documents); everything is validated first against the schema of `--base_model`:

    python -m training.train --train annotations/ new/ --split train --dev_split dev \
        --base_model model/default --output_dir runs/retrained [--push_to_hub --hub_model_id user/name]

The output directory also gets a model card (README.md, `training.model_card`) with the dev metrics of the run and
this command; `--push_to_hub` uploads model, tokenizer and card with the standard `push_to_hub` methods.

A learning curve: the same command with `--max_train_documents 100` (then 200, ...) trains on nested, reproducible
subsets of the training documents (`--subset_seed`).
"""
from __future__ import annotations

import json
import logging
import math
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch.utils.data import DataLoader, Sampler

logger = logging.getLogger("training.train")


@dataclass
class DataArguments:
    train: list[str] = field(default_factory=lambda: ["annotations/"], metadata={"help": "JSONL files or directories"})
    dev: list[str] | None = field(default=None, metadata={"help": "dev JSONL files (default: --train with --dev_split)"})
    split: str | None = field(default=None, metadata={"help": "use only documents whose split (annotations/splits.json) is this"})
    dev_split: str | None = field(default=None, metadata={"help": "dev = documents of this split"})
    splits_file: str = field(default="annotations/splits.json")
    max_train_documents: int | None = field(default=None, metadata={
        "help": "train on this many documents of the training set, drawn with --subset_seed (learning curves); "
                "smaller subsets are nested in larger ones"})
    subset_seed: int = 0


@dataclass
class ModelArguments:
    base_model: str = field(default="CAMeL-Lab/bert-base-arabic-camelbert-msa")
    max_length: int = 512
    window_stride: int = 128
    tag_loss_weight: float = 1.0
    clitic_loss_weight: float = 0.5
    relation_loss_weight: float = 1.0


@dataclass
class TrainArguments:
    output_dir: str = "runs/ie"
    epochs: int = 10
    batch_size: int = 8
    gradient_accumulation_steps: int = 1
    learning_rate: float = 5e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_grad_norm: float = 1.0
    seed: int = 42
    mixed_precision: str = field(default="auto", metadata={"help": "auto (bf16 where the GPU has it), no, bf16, fp16"})
    resume_from_checkpoint: str | None = None
    eval_batch_size: int = 16
    push_to_hub: bool = field(default=False, metadata={"help": "upload model, tokenizer and card at the end"})
    hub_model_id: str | None = field(default=None, metadata={"help": "user/name (default: the output dir's name)"})
    hub_private_repo: bool = False


class EpochShuffle(Sampler):
    """A permutation fixed by (seed, epoch), so a resumed run sees the same order as an uninterrupted one."""

    def __init__(self, n: int, seed: int):
        self.n, self.seed, self.epoch = n, seed, 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __iter__(self):
        g = torch.Generator().manual_seed(self.seed + self.epoch)
        return iter(torch.randperm(self.n, generator=g).tolist())

    def __len__(self) -> int:
        return self.n


def select_split(docs: list, split: str | None, splits_file: str, unlisted: str | None = None) -> list:
    """Documents of `split`; documents the splits file does not list belong to `unlisted` (an error when None)."""
    if split is None:
        return docs
    splits = json.loads(Path(splits_file).read_text(encoding="utf-8"))
    unknown = [d.id for d in docs if d.id not in splits]
    if unknown and unlisted is None:
        raise ValueError(f"{len(unknown)} documents have no split in {splits_file}: {', '.join(unknown[:5])}")
    if unknown and split == unlisted:
        logger.info("%d documents not listed in %s (new annotations) are %s documents", len(unknown), splits_file,
                    unlisted)
    return [d for d in docs if splits.get(d.id, unlisted) == split]


def subsample(docs: list, n: int | None, seed: int) -> list:
    """`n` documents drawn reproducibly (by id, whatever the file order), kept in their original order. For one seed
    the subsets are nested: the first `n` of one fixed shuffle, so 100 documents are inside 200."""
    if n is None:
        return docs
    if n < 1 or n > len(docs):
        raise ValueError(f"--max_train_documents {n}: the training set has {len(docs)} documents")
    ids = sorted(d.id for d in docs)
    random.Random(seed).shuffle(ids)
    keep = set(ids[:n])
    return [d for d in docs if d.id in keep]


def base_schema(base_model: str):
    """The schema of a trained joint model (from its config), or the package's schema for a plain encoder."""
    from model.configuration import MODEL_TYPE
    from model.schema import SCHEMA, Schema

    cfg = Path(base_model) / "config.json"
    if cfg.is_file():
        d = json.loads(cfg.read_text(encoding="utf-8"))
        if d.get("model_type") == MODEL_TYPE and d.get("schema"):
            return Schema.from_dict(d["schema"])
    return SCHEMA


def unknown_labels(paths: list[str], schema) -> str:
    """A message naming the span and relation labels of the files that `schema` does not know, or ''."""
    from model.document import DocumentError, expand_paths, iter_jsonl

    spans, rels = Counter(), Counter()
    try:
        for path in expand_paths(paths):
            for _, d in iter_jsonl(path):
                spans.update(f"{e.get('label')} ({path})" for e in d.get("entities", [])
                             if isinstance(e, dict) and e.get("label") not in schema.span_labels)
                rels.update(f"{r.get('label')} ({path})" for r in d.get("relations", [])
                            if isinstance(r, dict) and r.get("label") not in schema.relations)
    except (DocumentError, OSError, AttributeError):
        return ""
    if not spans and not rels:
        return ""
    found = [f"span label {k}: {n}x" for k, n in spans.items()] + [f"relation {k}: {n}x" for k, n in rels.items()]
    return ("labels the base model's schema does not know:\n  " + "\n  ".join(found) + "\n"
            f"  the schema knows spans {', '.join(schema.span_labels)} and relations "
            f"{', '.join(schema.relations)}.\n  Rename or remove these labels, or add them to model/schema.py and "
            "train from an encoder (a trained model's heads are sized to its own schema).\n")


def load_checked(paths: list[str], schema=None) -> list:
    """Documents that pass the validator (against `schema`, default the package's); otherwise a ValueError listing
    every problem, labels the schema does not know first."""
    from model.document import load_documents
    from model.schema import SCHEMA
    from training.validate import validate_paths

    schema = schema or SCHEMA
    problems, _ = validate_paths(paths, schema)
    errors = [str(p) for p in problems if not p.warning]
    if errors:
        raise ValueError(unknown_labels(paths, schema) + "the annotation files have errors (python -m "
                         "training.validate):\n" + "\n".join(errors[:50]))
    return load_documents(paths)


def build_model(margs: ModelArguments):
    """A joint model and tokenizer: continued from a joint model, or new heads on a pretrained encoder."""
    from transformers import AutoConfig, AutoModel

    from model.configuration import MODEL_TYPE, JointIEConfig
    from model.modeling import JointIEModel
    from model.tokenization import load_tokenizer

    try:
        base_cfg = AutoConfig.from_pretrained(margs.base_model)
        tokenizer = load_tokenizer(margs.base_model, margs.max_length)
    except OSError as err:
        raise SystemExit(
            f"error: cannot load '{margs.base_model}' ({err.__class__.__name__}). If it is a hub id, the hub may be "
            "unreachable from here: download it elsewhere (huggingface-cli download "
            f"{margs.base_model} --local-dir DIR), copy DIR here and pass --base_model DIR.") from None
    weights = dict(tag_loss_weight=margs.tag_loss_weight, clitic_loss_weight=margs.clitic_loss_weight,
                   relation_loss_weight=margs.relation_loss_weight)
    if base_cfg.model_type == MODEL_TYPE:
        # float32 whatever the checkpoint stores: the bundled model is fp16 on disk, and fp16 weights on the CPU
        # train through a slow non-BLAS matmul with fp16 optimizer updates (118 s a step instead of ~15)
        model = JointIEModel.from_pretrained(margs.base_model, use_safetensors=True, dtype=torch.float32)
        for k, v in weights.items():
            setattr(model.config, k, v)
        return model, tokenizer
    encoder = AutoModel.from_pretrained(margs.base_model, use_safetensors=True, dtype=torch.float32)
    cfg = JointIEConfig(encoder=encoder.config.to_dict(), max_length=margs.max_length,
                        window_stride=margs.window_stride, base_model_name_or_path=margs.base_model, **weights)
    model = JointIEModel(cfg)
    missing, unexpected = model.encoder.load_state_dict(encoder.state_dict(), strict=False)
    if [k for k in missing if "pooler" not in k]:
        raise ValueError(f"encoder weights missing from {margs.base_model}: {missing[:5]}")
    return model, tokenizer


def dev_score(model, tokenizer, dev_docs: list, batch_size: int) -> dict:
    from model.extractor import Extractor
    from training.evaluate import score

    was_training = model.training
    pred = Extractor(model, tokenizer, device=next(model.parameters()).device, batch_size=batch_size, events=False)(
        [d.text for d in dev_docs], [d.id for d in dev_docs])
    model.train(was_training)
    m = score(dev_docs, pred)
    ent, rel = m["entities"]["micro"]["f1"], m["relations_strict"]["micro"]["f1"]
    return {"entity_f1": ent, "relation_strict_f1": rel, "relation_boundaries_f1": m["relations_boundaries"]["micro"]["f1"],
            "score": (ent + rel) / 2}


def make_optimizer(model, targs: TrainArguments, total_steps: int):
    from transformers import get_linear_schedule_with_warmup

    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    groups = []
    for is_encoder in (True, False):
        for decay in (True, False):
            params = [p for n, p in model.named_parameters() if n.startswith("encoder.") == is_encoder
                      and (not any(nd in n for nd in no_decay)) == decay and p.requires_grad]
            groups.append({"params": params, "weight_decay": targs.weight_decay if decay else 0.0,
                           "lr": targs.learning_rate if is_encoder else targs.head_learning_rate})
    opt = torch.optim.AdamW(groups)
    sched = get_linear_schedule_with_warmup(opt, int(targs.warmup_ratio * total_steps), total_steps)
    return opt, sched


def make_accelerator(mixed_precision: str, gradient_accumulation_steps: int, seed: int):
    """An Accelerator with bf16 where the GPU has it ("auto"), and the seed set everywhere."""
    from accelerate import Accelerator
    from accelerate.utils import set_seed

    if mixed_precision == "auto":
        mixed_precision = "bf16" if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "no"
    acc = Accelerator(gradient_accumulation_steps=gradient_accumulation_steps, mixed_precision=mixed_precision)
    set_seed(seed)
    return acc


def train(dargs: DataArguments, margs: ModelArguments, targs: TrainArguments, command: str | None = None) -> dict:
    from datasets import Dataset
    from tqdm.auto import tqdm

    from training.features import build_features, collate

    acc = make_accelerator(targs.mixed_precision, targs.gradient_accumulation_steps, targs.seed)
    schema = base_schema(margs.base_model)
    all_train = load_checked(dargs.train, schema)
    train_docs = select_split(all_train, dargs.split, dargs.splits_file, unlisted="train")
    train_docs = subsample(train_docs, dargs.max_train_documents, dargs.subset_seed)
    if dargs.dev:
        dev_docs = load_checked(dargs.dev, schema)
    else:
        dev_docs = select_split(all_train, dargs.dev_split, dargs.splits_file, "train") if dargs.dev_split else []
    if not train_docs:
        raise ValueError("no training documents")
    model, tokenizer = build_model(margs)
    feats, report = build_features(train_docs, tokenizer, model.config)
    logger.info("%d training documents -> %d windows; %s", len(train_docs), len(feats), report)
    dataset = Dataset.from_list(feats).remove_columns(["doc_id"])
    sampler = EpochShuffle(len(dataset), targs.seed)
    loader = DataLoader(dataset, batch_size=targs.batch_size, sampler=sampler,
                        collate_fn=lambda b: collate(b, tokenizer.pad_token_id))
    steps_per_epoch = math.ceil(len(loader) / targs.gradient_accumulation_steps)
    opt, sched = make_optimizer(model, targs, steps_per_epoch * targs.epochs)
    model, opt, loader, sched = acc.prepare(model, opt, loader, sched)
    out, ckpt = Path(targs.output_dir), Path(targs.output_dir) / "checkpoint"
    state = {"epoch": 0, "best_score": -1.0, "best_epoch": None, "history": []}
    if targs.resume_from_checkpoint:
        acc.load_state(targs.resume_from_checkpoint)
        state = json.loads((Path(targs.resume_from_checkpoint) / "trainer_state.json").read_text())
        logger.info("resumed from %s at epoch %d", targs.resume_from_checkpoint, state["epoch"])
    for epoch in range(state["epoch"], targs.epochs):
        loader.set_epoch(epoch)  # accelerate's loader sets its sampler's epoch from its own counter, which starts
        # at 0 in a resumed run: set both, or a resumed run sees epoch 1's order again
        model.train()
        total, n = 0.0, 0
        for batch in tqdm(loader, desc=f"epoch {epoch + 1}/{targs.epochs}", disable=not acc.is_local_main_process):
            with acc.accumulate(model):
                loss = model(**batch).loss
                acc.backward(loss)
                if acc.sync_gradients:
                    acc.clip_grad_norm_(model.parameters(), targs.max_grad_norm)
                opt.step()
                sched.step()
                opt.zero_grad()
            total, n = total + loss.item(), n + 1
        record = {"epoch": epoch + 1, "train_loss": total / max(n, 1)}
        acc.wait_for_everyone()
        if acc.is_main_process:
            unwrapped = acc.unwrap_model(model)
            if dev_docs:
                record.update(dev_score(unwrapped, tokenizer, dev_docs, targs.eval_batch_size))
            logger.info("epoch %d: %s", epoch + 1, {k: round(v, 4) for k, v in record.items()})
            improved = record.get("score", epoch) > state["best_score"] or not dev_docs
            if improved:
                state["best_score"], state["best_epoch"] = record.get("score", -1.0), epoch + 1
                unwrapped.save_pretrained(out, safe_serialization=True)
                tokenizer.save_pretrained(out)
            state["history"].append(record)
        state["epoch"] = epoch + 1
        acc.save_state(str(ckpt))
        if acc.is_main_process:
            (ckpt / "trainer_state.json").write_text(json.dumps(state, indent=2))
    metrics = {"best_epoch": state["best_epoch"], "best_dev_score": state["best_score"], "history": state["history"],
               "train_documents": len(train_docs), "dev_documents": len(dev_docs), "alignment": str(report),
               "args": {"data": asdict(dargs), "model": asdict(margs), "train": asdict(targs)}, "command": command}
    if acc.is_main_process:
        (out / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False))
        from training.model_card import write_model_card

        card = write_model_card(out, metrics, command or "(called from Python)",
                                acc.unwrap_model(model).config.schema_obj, margs.base_model)
        logger.info("model card: %s", card)
        if targs.push_to_hub:
            push_to_hub(out, targs.hub_model_id or out.resolve().name, targs.hub_private_repo)
    acc.end_training()
    return metrics


def push_to_hub(out: Path, repo_id: str, private: bool = False) -> str:
    """Upload the saved model and tokenizer with their standard `push_to_hub` methods, then the model card (last,
    so it replaces the generic card `PreTrainedModel.push_to_hub` writes into a new repository)."""
    from huggingface_hub import ModelCard

    from model.modeling import JointIEModel
    from model.tokenization import load_tokenizer

    model = JointIEModel.from_pretrained(out, use_safetensors=True)
    tokenizer = load_tokenizer(str(out), model.config.max_length)
    model.push_to_hub(repo_id, private=private, commit_message="Upload model")
    tokenizer.push_to_hub(repo_id, commit_message="Upload tokenizer")
    ModelCard.load(out / "README.md").push_to_hub(repo_id, commit_message="Model card of this run")
    logger.info("pushed %s to the hub as %s", out, repo_id)
    return repo_id


def main(argv: list[str] | None = None) -> int:
    import shlex

    from transformers import HfArgumentParser

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    parser = HfArgumentParser((DataArguments, ModelArguments, TrainArguments))
    dargs, margs, targs = parser.parse_args_into_dataclasses(args=argv)
    try:
        command = shlex.join(["python", "-m", "training.train"] + list(sys.argv[1:] if argv is None else argv))
        train(dargs, margs, targs, command)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
