"""Masked-language-model pretraining of a small BERT on Arabic text, with whole-word masking and `accelerate`.

    python scripts/pretrain_corpus.py --out runs/pretrain-data              # text + WordPiece tokenizer
    python -m training.pretrain --data runs/pretrain-data --size small --output_dir runs/encoder --max_steps 2000
    accelerate launch -m training.pretrain --data runs/pretrain-data --size base --seq_len 512 --batch_size 256 ...

Whole-word masking: 15% of *words* (the package's own word split) are chosen and all their sub-tokens are
replaced (80% [MASK], 10% a random token, 10% unchanged). Reports held-out MLM loss and perplexity, tokens seen and
wall time to OUTPUT/pretrain_metrics.json; the encoder and tokenizer are saved to OUTPUT (loadable with AutoModel,
so `python -m training.train --base_model OUTPUT` fine-tunes from it). `--resume_from_checkpoint` continues a run.
"""
from __future__ import annotations

import json
import logging
import math
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

logger = logging.getLogger("training.pretrain")
SIZES = {"tiny": dict(hidden_size=128, num_hidden_layers=2, num_attention_heads=2, intermediate_size=512),
         "small": dict(hidden_size=256, num_hidden_layers=4, num_attention_heads=4, intermediate_size=1024),
         "medium": dict(hidden_size=512, num_hidden_layers=8, num_attention_heads=8, intermediate_size=2048),
         "base": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072)}


@dataclass
class PretrainArguments:
    data: str = field(default="runs/pretrain-data", metadata={"help": "folder from scripts/pretrain_corpus.py"})
    output_dir: str = "runs/encoder"
    size: str = field(default="small", metadata={"help": "tiny, small, medium or base"})
    seq_len: int = 128
    batch_size: int = 32
    gradient_accumulation_steps: int = 1
    learning_rate: float = 5e-4
    warmup_steps: int = 200
    max_steps: int = 2000
    max_lines: int | None = field(default=None, metadata={"help": "use only the first N lines (CPU-scale runs)"})
    mask_prob: float = 0.15
    eval_every: int = 500
    save_every: int = 500
    seed: int = 0
    mixed_precision: str = "auto"
    resume_from_checkpoint: str | None = None


def pack(path: Path, tokenizer, seq_len: int, max_lines: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Token ids and word ids of the text, packed into rows of seq_len - 2 (+ [CLS], [SEP])."""
    from model.text import split_words
    from model.windows import normalize_words

    ids, wids, next_word = [], [], 0
    lines = path.read_text(encoding="utf-8").splitlines()[:max_lines]
    backend = tokenizer.backend_tokenizer
    for start in range(0, len(lines), 1000):
        chunk = lines[start:start + 1000]
        words = [normalize_words([l[s:e] for s, e in split_words(l)] or [""], True, True) for l in chunk]
        for enc in backend.encode_batch(words, is_pretokenized=True, add_special_tokens=False):
            w = np.asarray([-1 if x is None else x for x in enc.word_ids], dtype=np.int64)
            ids.append(np.asarray(enc.ids, dtype=np.int32))
            wids.append(w + next_word)
            next_word += int(w.max()) + 1 if len(w) else 0
    ids, wids = np.concatenate(ids), np.concatenate(wids)
    n = (len(ids) // (seq_len - 2)) * (seq_len - 2)
    return ids[:n].reshape(-1, seq_len - 2), wids[:n].reshape(-1, seq_len - 2)


def mask_whole_words(ids: torch.Tensor, wids: torch.Tensor, tokenizer, prob: float, gen: torch.Generator):
    """ids, wids (B, L) -> (input_ids, labels) with [CLS]/[SEP] added; whole words masked."""
    B = ids.size(0)
    uniq, inverse = torch.unique(wids, return_inverse=True)
    chosen = (torch.rand(len(uniq), generator=gen) < prob)[inverse]  # (B, L) every token of a chosen word
    labels = torch.where(chosen, ids, torch.full_like(ids, -100))
    r = torch.rand(ids.shape, generator=gen)
    inputs = ids.clone()
    inputs[chosen & (r < 0.8)] = tokenizer.mask_token_id
    rand_tok = torch.randint(len(tokenizer), ids.shape, generator=gen)
    swap = chosen & (r >= 0.8) & (r < 0.9)
    inputs[swap] = rand_tok[swap]
    cls = torch.full((B, 1), tokenizer.cls_token_id)
    sep = torch.full((B, 1), tokenizer.sep_token_id)
    ignore = torch.full((B, 1), -100)
    return torch.cat([cls, inputs, sep], 1), torch.cat([ignore, labels, ignore], 1)


def heldout_loss(model, rows: tuple[np.ndarray, np.ndarray], tokenizer, prob: float, device, batch: int) -> float:
    gen = torch.Generator().manual_seed(1234)  # the same masks every evaluation
    model.eval()
    total, n = 0.0, 0
    with torch.inference_mode():
        for i in range(0, len(rows[0]), batch):
            inp, lab = mask_whole_words(torch.from_numpy(rows[0][i:i + batch]).long(),
                                        torch.from_numpy(rows[1][i:i + batch]), tokenizer, prob, gen)
            out = model(input_ids=inp.to(device), labels=lab.to(device))
            k = int((lab != -100).sum())
            total, n = total + out.loss.item() * k, n + k
    model.train()
    return total / max(n, 1)


def pretrain(args: PretrainArguments) -> dict:
    from transformers import BertConfig, BertForMaskedLM, get_linear_schedule_with_warmup
    from tqdm.auto import tqdm

    from model.tokenization import load_tokenizer
    from training.train import make_accelerator

    acc = make_accelerator(args.mixed_precision, args.gradient_accumulation_steps, args.seed)
    mp = acc.mixed_precision
    data = Path(args.data)
    tok = load_tokenizer(str(data / "tokenizer"), max_length=512)
    train_rows = pack(data / "train.txt", tok, args.seq_len, args.max_lines)
    held_rows = pack(data / "heldout.txt", tok, args.seq_len, None)
    logger.info("%d training rows of %d tokens; %d held-out rows", len(train_rows[0]), args.seq_len, len(held_rows[0]))
    cfg = BertConfig(vocab_size=len(tok), max_position_embeddings=512, **SIZES[args.size])
    model = BertForMaskedLM(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01, betas=(0.9, 0.98))
    sched = get_linear_schedule_with_warmup(opt, args.warmup_steps, args.max_steps)
    model, opt, sched = acc.prepare(model, opt, sched)
    out, ckpt = Path(args.output_dir), Path(args.output_dir) / "checkpoint"
    state = {"step": 0, "tokens_seen": 0, "seconds": 0.0, "evals": []}
    if args.resume_from_checkpoint:
        acc.load_state(args.resume_from_checkpoint)
        state = json.loads((Path(args.resume_from_checkpoint) / "pretrain_state.json").read_text())
    gen = torch.Generator().manual_seed(args.seed + state["step"])
    rng = np.random.default_rng(args.seed + state["step"])
    per_step = args.batch_size * args.gradient_accumulation_steps
    t0, bar = time.time(), tqdm(total=args.max_steps, initial=state["step"], disable=not acc.is_local_main_process)
    model.train()
    while state["step"] < args.max_steps:
        for _ in range(args.gradient_accumulation_steps):
            idx = rng.integers(0, len(train_rows[0]), args.batch_size // acc.num_processes)
            inp, lab = mask_whole_words(torch.from_numpy(train_rows[0][idx]).long(), torch.from_numpy(train_rows[1][idx]),
                                        tok, args.mask_prob, gen)
            with acc.accumulate(model):
                loss = model(input_ids=inp.to(acc.device), labels=lab.to(acc.device)).loss
                acc.backward(loss)
                if acc.sync_gradients:
                    acc.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
        state["step"] += 1
        state["tokens_seen"] += per_step * args.seq_len
        bar.update(1)
        bar.set_postfix(loss=f"{loss.item():.3f}")
        last = state["step"] == args.max_steps
        if acc.is_main_process and (state["step"] % args.eval_every == 0 or last):
            h = heldout_loss(acc.unwrap_model(model), held_rows, tok, args.mask_prob, acc.device, 64)
            state["evals"].append({"step": state["step"], "heldout_mlm_loss": h, "perplexity": math.exp(h),
                                   "tokens_seen": state["tokens_seen"]})
            logger.info("step %d: held-out MLM loss %.4f, perplexity %.2f", state["step"], h, math.exp(h))
        if state["step"] % args.save_every == 0 or last:
            state["seconds"] += time.time() - t0
            t0 = time.time()
            acc.save_state(str(ckpt))
            if acc.is_main_process:
                (ckpt / "pretrain_state.json").write_text(json.dumps(state, indent=2))
    if acc.is_main_process:
        unwrapped = acc.unwrap_model(model)
        unwrapped.save_pretrained(out)
        tok.save_pretrained(out)
        metrics = dict(state, device=str(acc.device), processes=acc.num_processes, mixed_precision=mp,
                       parameters=sum(p.numel() for p in unwrapped.parameters()), args=asdict(args))
        (out / "pretrain_metrics.json").write_text(json.dumps(metrics, indent=2))
        return metrics
    return state


def main(argv: list[str] | None = None) -> int:
    from transformers import HfArgumentParser

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    (args,) = HfArgumentParser(PretrainArguments).parse_args_into_dataclasses(args=argv)
    pretrain(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
