"""ANERcorp, the external check: fine-tune a token-classification head from an encoder on the CAMeL Lab train half
of ANERcorp and score the test half with seqeval (strict IOB2, micro and per label), beside published figures.

    python scripts/anercorp.py --encoder runs/encoder --output runs/anercorp --epochs 3
    python scripts/anercorp.py --encoder model/default --output runs/anercorp-default --epochs 2   # a joint model's encoder
    python scripts/anercorp.py --encoder runs/ie-cont2 --output runs/anercorp-final --epochs 2 --lr 1e-4 --head-lr 1e-3 \
        --max-length 128                                                                     # the model card's figure
    python scripts/anercorp.py --encoder model/default --output runs/anercorp-dev --epochs 5 --dev-fraction 0.1  # epoch on dev

    python scripts/anercorp.py --encoder model/default --output runs/anercorp-lr2e-4 --epochs 10 --lr 2e-4 \
        --dev-fraction 0.1 --skip-test     # dev only: one point of a search (scripts/anercorp_sweep.py runs them)

`--encoder` is a plain encoder (directory or hub id) or a trained joint model directory, whose encoder is used
(weights loaded in float32 either way).

The split is rebuilt from shared/corpora/anercorp (see scripts/scripts_anercorp.py for how the boundary is found).
No model selection is done on the test half: epochs and learning rate are fixed before the run, or, with
`--dev-fraction 0.1`, the epoch is chosen on the last tenth of the train half (held out from training; ANERcorp's
sentences come in article order, so a contiguous block keeps articles apart) and only that epoch is scored on test.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

logger = logging.getLogger("scripts.anercorp")

PUBLISHED = {"CAMeLBERT-MSA": 82.4, "CAMeLBERT-Mix": 80.2, "CAMeLBERT-DA": 74.2, "CAMeLBERT-CA": 66.2,
             "AraBERTv0.2-base (third party)": 81.3}


def encode(sents, tok, label2id, max_len: int):
    from model.windows import normalize_words

    feats = []
    for sent in sents:
        words = normalize_words([w for w, _ in sent], True, True)
        for i in range(0, len(words), max_len // 2):  # long sentences in pieces of words
            ws, tags = words[i:i + max_len // 2], [t for _, t in sent][i:i + max_len // 2]
            enc = tok(ws, is_split_into_words=True, truncation=True, max_length=max_len)
            labels, prev = [], None
            for wid in enc.word_ids():
                labels.append(-100 if wid is None or wid == prev else label2id.get(tags[wid], 0))
                prev = wid
            feats.append({"input_ids": enc["input_ids"], "labels": labels, "n_words": len(ws)})
    return feats


def predict_tags(model, tok, sents, id2label, max_len: int, device) -> list[list[str]]:
    import torch

    from model.windows import normalize_words

    out = []
    model.eval()
    with torch.inference_mode():
        for sent in sents:
            words = normalize_words([w for w, _ in sent], True, True)
            tags = []
            for i in range(0, len(words), max_len // 2):
                ws = words[i:i + max_len // 2]
                enc = tok(ws, is_split_into_words=True, truncation=True, max_length=max_len, return_tensors="pt")
                pred = model(**{k: v.to(device) for k, v in enc.items()}).logits[0].argmax(-1).tolist()
                first = {}
                for pos, wid in enumerate(enc.word_ids()):
                    if wid is not None and wid not in first:
                        first[wid] = id2label[pred[pos]]
                tags += [first.get(j, "O") for j in range(len(ws))]
            out.append(tags)
    return out


def token_classifier(encoder: str, label2id: dict[str, int]):
    """A token-classification model on `encoder`: a plain encoder, or the encoder of a trained joint model."""
    import torch
    from transformers import AutoModelForTokenClassification

    from model.schema import MODEL_TYPE

    kw = dict(num_labels=len(label2id), id2label={i: t for t, i in label2id.items()}, label2id=label2id)
    cfg = Path(encoder) / "config.json"
    if cfg.is_file() and json.loads(cfg.read_text(encoding="utf-8")).get("model_type") == MODEL_TYPE:
        from model.modeling import JointIEModel

        joint = JointIEModel.from_pretrained(encoder, use_safetensors=True, dtype=torch.float32)
        enc_cfg = joint.encoder.config
        for k, v in kw.items():
            setattr(enc_cfg, k, v)
        model = AutoModelForTokenClassification.from_config(enc_cfg)
        missing, _ = model.base_model.load_state_dict(joint.encoder.state_dict(), strict=False)
        if [k for k in missing if "pooler" not in k]:
            raise ValueError(f"encoder weights missing from {encoder}: {missing[:5]}")
        return model
    return AutoModelForTokenClassification.from_pretrained(encoder, use_safetensors=True, dtype=torch.float32, **kw)


def collate(batch: list[dict], pad_id: int) -> dict:
    """Padded tensors: input_ids and labels (batch, length), -100 on padding and on non-first pieces."""
    import torch

    T = max(len(f["input_ids"]) for f in batch)
    ids = torch.full((len(batch), T), pad_id)
    lab = torch.full((len(batch), T), -100)
    for i, f in enumerate(batch):
        ids[i, :len(f["input_ids"])] = torch.tensor(f["input_ids"])
        lab[i, :len(f["labels"])] = torch.tensor(f["labels"])
    return {"input_ids": ids, "attention_mask": (ids != pad_id).long(), "labels": lab}


def fit(acc, model, opt, sched, loader, epochs: int, dev_f1) -> tuple[tuple, list[float]]:
    """Train for `epochs`; after each, `dev_f1(model)` (None without dev). Returns ((best dev F1, its epoch, its
    state dict on the CPU), the dev curve), the best state loaded back into the model; without dev, the last epoch."""
    best = (-1.0, epochs, None)
    curve = []
    for epoch in range(epochs):
        model.train()
        for batch in loader:
            loss = model(**batch).loss
            acc.backward(loss)
            opt.step()
            sched.step()
            opt.zero_grad()
        logger.info("epoch %d: last loss %.4f", epoch + 1, loss.item())
        f1 = dev_f1(acc.unwrap_model(model))
        if f1 is None:
            continue
        curve.append(f1)
        logger.info("epoch %d: dev micro F1 %.1f", epoch + 1, f1)
        if f1 > best[0]:
            best = (f1, epoch + 1, {k: v.detach().cpu().clone() for k, v in acc.unwrap_model(model).state_dict().items()})
    if best[2] is not None:
        acc.unwrap_model(model).load_state_dict(best[2])
    return best, curve


def dev_scorer(tok, dev: list, id2label: dict[int, str], max_len: int, device):
    """model -> dev micro F1 (seqeval strict, %), or None when there is no dev."""
    from training.evaluate import seqeval_report

    gold = [[t for _, t in s] for s in dev]

    def score(model) -> float | None:
        if not dev:
            return None
        pred = predict_tags(model, tok, dev, id2label, max_len, device)
        return 100 * seqeval_report(gold, pred)["micro avg"]["f1-score"]
    return score


def print_table(result: dict, encoder: str) -> None:
    print(f"\nANERcorp test (CAMeL Lab split), seqeval strict IOB2, F1 %\n{'model':<34}{'micro F1':>9}")
    print(f"{'this encoder: ' + Path(encoder).name:<34}{result['micro_f1']:>9.1f}   " +
          "  ".join(f"{k} {v:.1f}" for k, v in result["per_label_f1"].items()))
    for k, v in PUBLISHED.items():
        print(f"{k + ' (published)':<34}{v:>9.1f}")


def hold_out(train: list, fraction: float) -> tuple[list, list]:
    """(train, dev): the last `fraction` of the sentences as dev, a contiguous block (articles stay whole but for
    the one at the boundary)."""
    if not 0 <= fraction < 1:
        raise ValueError(f"--dev-fraction {fraction}: must be in [0, 1)")
    n_dev = round(len(train) * fraction)
    return (train[:len(train) - n_dev], train[len(train) - n_dev:]) if n_dev else (train, [])


def make_optimizer(model, lr: float, head_lr: float | None = None):
    """AdamW with the new classification head at `head_lr` (default: `lr`) and the encoder at `lr`."""
    import torch

    head = [p for n, p in model.named_parameters() if n.startswith("classifier.")]
    body = [p for n, p in model.named_parameters() if not n.startswith("classifier.")]
    if not head:
        raise ValueError("no classifier.* parameters: not a token-classification model")
    return torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": head_lr or lr}], weight_decay=0.01)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--encoder", required=True, help="pretrained encoder directory (with tokenizer) or hub id")
    ap.add_argument("--output", default="runs/anercorp")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=None,
                    help="learning rate of the new classification head (default: --lr); a fresh head learns faster "
                         "at about 10x the encoder's rate, as in training.train's --head_learning_rate")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dev-fraction", type=float, default=0.0,
                    help="hold out this share of the train half (its end) and keep the epoch that scores best on it")
    ap.add_argument("--skip-test", action="store_true",
                    help="stop after the dev curve (needs --dev-fraction): a point of a hyper-parameter search, "
                         "the test half left unseen")
    ap.add_argument("--mixed-precision", default="auto", choices=["auto", "no", "bf16"],
                    help="auto: bf16 on a GPU that has it; bf16 also works on CPUs with AVX512-BF16/AMX (faster)")
    args = ap.parse_args()
    if args.skip_test and not args.dev_fraction:
        ap.error("--skip-test needs --dev-fraction: without dev and test the run measures nothing")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    import torch
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from transformers import get_linear_schedule_with_warmup

    from model.tokenization import load_tokenizer
    from scripts_anercorp import anercorp_split
    from training.evaluate import seqeval_report

    set_seed(args.seed)
    precision = args.mixed_precision
    if precision == "auto":
        precision = "bf16" if torch.cuda.is_available() and torch.cuda.is_bf16_supported() else "no"
    acc = Accelerator(mixed_precision=precision)
    train, test = anercorp_split()
    logger.info(anercorp_split.report)
    train, dev = hold_out(train, args.dev_fraction)
    if dev:
        logger.info("dev (held out from the train half): %d sentences; train: %d", len(dev), len(train))
    labels = sorted({t for s in train for _, t in s}, key=lambda t: (t != "O", t[2:], t))
    label2id = {t: i for i, t in enumerate(labels)}
    id2label = dict(enumerate(labels))
    tok = load_tokenizer(args.encoder)
    model = token_classifier(args.encoder, label2id)
    loader = torch.utils.data.DataLoader(encode(train, tok, label2id, args.max_length), batch_size=args.batch_size,
                                         shuffle=True, collate_fn=lambda b: collate(b, tok.pad_token_id),
                                         generator=torch.Generator().manual_seed(args.seed))
    opt = make_optimizer(model, args.lr, args.head_lr)
    sched = get_linear_schedule_with_warmup(opt, len(loader) // 10, len(loader) * args.epochs)
    model, opt, loader, sched = acc.prepare(model, opt, loader, sched)
    t0 = time.time()
    best, dev_curve = fit(acc, model, opt, sched, loader, args.epochs,
                          dev_scorer(tok, dev, id2label, args.max_length, acc.device))
    result = {"encoder": args.encoder, "epochs": args.epochs, "epoch_scored": best[1],
              "dev_fraction": args.dev_fraction, "dev_micro_f1_per_epoch": dev_curve,
              "best_dev_f1": best[0] if dev else None, "lr": args.lr, "head_lr": args.head_lr or args.lr,
              "batch_size": args.batch_size, "max_length": args.max_length, "seed": args.seed,
              "mixed_precision": precision, "device": str(acc.device), "train_seconds": time.time() - t0,
              "split": anercorp_split.report, "micro_f1": None, "per_label_f1": None, "published_f1": PUBLISHED}
    Path(args.output).mkdir(parents=True, exist_ok=True)
    if args.skip_test:
        (Path(args.output) / "anercorp_metrics.json").write_text(json.dumps(result, indent=2))
        print(f"dev micro F1 per epoch: {' '.join(f'{f:.1f}' for f in dev_curve)}; test half not scored")
        return
    if dev:
        logger.info("scoring epoch %d (best on dev) on test", best[1])
    gold = [[t for _, t in s] for s in test]
    pred = predict_tags(acc.unwrap_model(model), tok, test, id2label, args.max_length, acc.device)
    rep = seqeval_report(gold, pred)
    result.update(micro_f1=100 * rep["micro avg"]["f1-score"],
                  per_label_f1={k: 100 * v["f1-score"] for k, v in rep.items() if "avg" not in k})
    (Path(args.output) / "anercorp_metrics.json").write_text(json.dumps(result, indent=2))
    print_table(result, args.encoder)


if __name__ == "__main__":
    main()
