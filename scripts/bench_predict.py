"""Inference benchmark: end to end (raw text -> output JSON) against the raw encoder forward on the same batches and
against the transformers token-classification pipeline on the same encoder weights.

    python scripts/bench_predict.py --n-docs 2000 --size base --device cuda      # random weights of BERT-base size
    python scripts/bench_predict.py --model runs/ie --n-docs 200 --device cpu    # a trained model

Articles: the first --n-docs middleEast/internationalNews articles of the ANT corpus, in corpus order (fixed).
Throughput does not depend on trained weights, so --size base measures a BERT-base-sized model (12 layers, 768
hidden) with a WordPiece vocabulary trained on the benchmark texts. Prints a table; --json writes the figures.
"""
from __future__ import annotations

import argparse
import json
import lzma
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"base": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072),
         "small": dict(hidden_size=256, num_hidden_layers=4, num_attention_heads=4, intermediate_size=1024)}


def load_articles(corpus: str, n: int) -> list[str]:
    out = []
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["category"] in ("middleEast", "internationalNews") and d["text"].strip():
                out.append(d["text"])
                if len(out) == n:
                    break
    return out


def random_model(texts: list[str], size: str, tmp: Path):
    import torch
    from transformers import BertConfig

    from model.configuration import JointIEConfig
    from model.modeling import JointIEModel
    from training.tokenizer import train_wordpiece

    tok = train_wordpiece(texts, vocab_size=30000)
    torch.manual_seed(0)
    enc = BertConfig(vocab_size=len(tok), **SIZES[size])
    model = JointIEModel(JointIEConfig(encoder=enc.to_dict()))
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    return str(tmp)


def gold_tag_density() -> float:
    """Share of words inside a gold span (word view), over the annotations."""
    from model.document import load_documents
    from training.evaluate import word_bio

    tags = [t for d in load_documents([ROOT / "annotations"]) for t in word_bio(d)]
    return sum(t != "O" for t in tags) / len(tags)


def calibrate_random_tags(ex, texts: list[str], target: float) -> float:
    """Random weights tag almost every word as a span, which inflates span and pair counts far beyond any trained
    model. Shift the O logit of the tag head (bisection) until the share of words tagged as spans matches the gold
    density, so the benchmark's decoding and relation work have a realistic size. Returns the share reached."""
    import torch

    from model.windows import encode_documents, make_windows, pad_windows

    cfg = ex.config
    docs = encode_documents(texts[:50], ex.tokenizer, cfg.strip_diacritics, cfg.strip_tatweel)
    wins = [w for i, d in enumerate(docs) for w in make_windows(d, i, cfg.max_length - 2, cfg.window_stride)][:16]
    with torch.inference_mode():
        logits = []
        tok = ex.tokenizer
        for w in wins:
            ids, _ = pad_windows(docs, [w], tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
            logits.append(ex.model.token_logits(ex.model.encode(torch.from_numpy(ids).to(ex.device)))[0][0].float())
        logits = torch.cat(logits)
    lo, hi = -50.0, 50.0
    for _ in range(40):
        mid = (lo + hi) / 2
        shifted = logits.clone()
        shifted[:, 0] += mid
        share = (shifted.argmax(-1) != 0).float().mean().item()
        lo, hi = (mid, hi) if share > target else (lo, mid)
    with torch.no_grad():
        ex.model.tag_head.bias[0] += hi
    return share


def sync(device):
    import torch

    if device.type == "cuda":
        torch.cuda.synchronize()


def peak_memory_mb(device) -> float:
    import torch

    if device.type == "cuda":
        return torch.cuda.max_memory_allocated() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def window_batches(ex, texts: list[str]) -> list[tuple]:
    """The (input_ids, attention_mask) arrays of exactly the windows and batches the extractor builds, longest first."""
    from model.windows import encode_documents, make_windows, pad_windows

    cfg, tok = ex.config, ex.tokenizer
    docs = encode_documents(texts, tok, cfg.strip_diacritics, cfg.strip_tatweel)
    wins = sorted((w for i, d in enumerate(docs) for w in make_windows(d, i, cfg.max_length - 2, cfg.window_stride)),
                  key=lambda w: w.end - w.start, reverse=True)
    return [pad_windows(docs, wins[b:b + ex.batch_size], tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
            for b in range(0, len(wins), ex.batch_size)]


def encoder_forward(ex, texts: list[str]) -> tuple[float, int]:
    """Seconds for the encoder alone over exactly the windows and batches the extractor builds."""
    import torch

    batches = [(torch.from_numpy(ids).to(ex.device), torch.from_numpy(mask).to(ex.device))
               for ids, mask in window_batches(ex, texts)]
    n_tokens = int(sum(m.sum() for _, m in batches))
    encoder_forward.window_lengths = [int(x) for _, m in batches for x in m.sum(1)]
    with torch.inference_mode(), ex._autocast():
        ex.model.encode(*batches[0])
        sync(ex.device)
        t = time.perf_counter()
        for ids, mask in batches:
            ex.model.encode(ids, mask)
        sync(ex.device)
    return time.perf_counter() - t, n_tokens


def matmul_ceiling(device) -> float:
    """Measured dense matmul FLOP/s (bf16 on GPU, fp32 on CPU)."""
    import torch

    dtype, n = (torch.bfloat16, 8192) if device.type == "cuda" else (torch.float32, 2048)
    a, b = torch.randn(n, n, device=device, dtype=dtype), torch.randn(n, n, device=device, dtype=dtype)
    for _ in range(3):
        a @ b
    sync(device)
    reps = 20 if device.type == "cuda" else 5
    t = time.perf_counter()
    for _ in range(reps):
        a @ b
    sync(device)
    return 2 * n**3 * reps / (time.perf_counter() - t)


def encoder_flops(cfg, window_lengths: list[int]) -> float:
    """Matmul FLOPs of the encoder over windows of the given lengths: 2 x (QKV + output + 2 FFN) weights per token
    plus the two attention products (2 x 2 x L^2 x hidden per layer per window)."""
    h, layers, inter = cfg.encoder.hidden_size, cfg.encoder.num_hidden_layers, cfg.encoder.intermediate_size
    n_tokens = sum(window_lengths)
    linear = 2 * (4 * h * h + 2 * h * inter) * n_tokens
    attention = sum(4 * L * L * h for L in window_lengths)
    return layers * (linear + attention)


def pipeline_run(model_dir: str, ex, texts: list[str], device) -> float:
    from transformers import BertConfig, BertForTokenClassification, pipeline

    cfg = BertConfig(**ex.config.encoder.to_dict(), num_labels=ex.config.num_tags)
    clf = BertForTokenClassification(cfg)
    clf.bert.load_state_dict(ex.model.encoder.state_dict(), strict=False)
    pipe = pipeline("token-classification", model=clf.eval(), tokenizer=ex.tokenizer, aggregation_strategy="simple",
                    device=device, stride=ex.config.window_stride)
    pipe(texts[:2])
    sync(device)
    t = time.perf_counter()
    pipe(texts, batch_size=ex.batch_size)
    sync(device)
    return time.perf_counter() - t


def cli_overhead(model_dir: str, text_file: Path) -> tuple[float, float]:
    def wall(cmd):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - t

    bare = min(wall([sys.executable, "-c", "import torch, transformers"]) for _ in range(3))
    cli = min(wall([sys.executable, "-m", "model.predict", str(text_file), "--model", model_dir]) for _ in range(3))
    return bare, cli


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="a trained model directory (default: random weights of --size)")
    ap.add_argument("--size", choices=list(SIZES), default="base")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "ant" / "ant_v2.1.jsonl.xz"))
    ap.add_argument("--n-docs", type=int, default=2000)
    ap.add_argument("--device", default=None)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--skip-pipeline", action="store_true")
    ap.add_argument("--cli", action="store_true", help="also time `python -m model.predict` on a seed article")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--int8", action="store_true", help="dynamic int8 encoder (CPU), as `model.predict --int8`")
    args = ap.parse_args()
    import tempfile

    import torch

    from model.document import dumps
    from model.extractor import Extractor

    device = torch.device(args.device or ("cuda" if torch.cuda.is_available() else "cpu"))
    texts = load_articles(args.corpus, args.n_docs)
    tmp = Path(tempfile.mkdtemp())
    model_dir = args.model or random_model(texts, args.size, tmp)
    ex = Extractor.from_pretrained(model_dir, device=str(device), batch_size=args.batch_size, int8=args.int8)
    calibration = None
    if not args.model:
        target = gold_tag_density()
        calibration = (target, calibrate_random_tags(ex, texts, target))
    ex(texts[:4])  # warm-up
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    sync(device)
    t = time.perf_counter()
    out = "".join(dumps(d) + "\n" for d in ex(texts))
    sync(device)
    e2e = time.perf_counter() - t
    mem = peak_memory_mb(device)
    enc_s, n_tokens = encoder_forward(ex, texts)
    rows = {"documents": len(texts), "tokens (windows, incl. overlap)": n_tokens, "output MB": len(out) / 2**20,
            "end-to-end s": e2e, "end-to-end docs/s": len(texts) / e2e, "end-to-end tokens/s": n_tokens / e2e,
            "encoder-only s": enc_s, "encoder-only tokens/s": n_tokens / enc_s,
            "end-to-end / encoder-only": enc_s / e2e, "peak memory MB": mem}
    if calibration:
        rows["gold share of words in spans"] = calibration[0]
        rows["random model, share after calibration"] = calibration[1]
    ceiling = matmul_ceiling(device)
    rows["encoder FLOP/s (end-to-end)"] = encoder_flops(ex.config, encoder_forward.window_lengths) / e2e
    rows["matmul ceiling FLOP/s (measured)"] = ceiling
    rows["share of ceiling"] = rows["encoder FLOP/s (end-to-end)"] / ceiling
    if not args.skip_pipeline:
        p = pipeline_run(model_dir, ex, texts, device)
        rows["pipeline s"] = p
        rows["pipeline docs/s"] = len(texts) / p
        rows["end-to-end / pipeline (docs/s)"] = p / e2e
    if args.cli:
        bare, cli = cli_overhead(model_dir, ROOT / "samples" / "seed-000.txt")
        rows["python -c 'import torch, transformers' s"] = bare
        rows["python -m model.predict seed s"] = cli
        rows["CLI overhead over bare import s"] = cli - bare
    import os

    load = os.getloadavg()[0]  # other work on the machine slows every figure: say how busy it was
    print(f"\nmodel: {args.model or 'random ' + args.size}{' (int8)' if args.int8 else ''}  device: {device}  "
          f"torch {torch.__version__}  threads {torch.get_num_threads()}  load average at the end {load:.2f}")
    print(f"{'figure':<44}{'value':>16}")
    for k, v in rows.items():
        print(f"{k:<44}{v:>16.4g}" if isinstance(v, float) else f"{k:<44}{v:>16}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
