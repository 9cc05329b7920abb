"""Build a small demo model on CPU from the gold annotations, so a fresh clone can run `model.predict` before a
bundled default model exists. It is trained from random weights (no pretraining) and is weak; it shows the
pipeline, not the quality the package aims at.

    python scripts/demo_model.py --output runs/demo          # about a minute on 2 CPU cores
    python -m model.predict samples/seed-000.txt --model runs/demo --format text
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", default="runs/demo")
    ap.add_argument("--annotations", default=str(ROOT / "annotations" / "seeds.jsonl"))
    ap.add_argument("--epochs", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import torch
    from transformers import BertConfig, BertModel

    from model.document import load_documents
    from training.tokenizer import train_wordpiece
    from training.train import main as train_main

    torch.manual_seed(args.seed)
    docs = load_documents([args.annotations])
    base = Path(args.output) / "base-encoder"
    tok = train_wordpiece([d.text for d in docs], vocab_size=4000, min_frequency=1)
    BertModel(BertConfig(vocab_size=len(tok), hidden_size=128, num_hidden_layers=2, num_attention_heads=4,
                         intermediate_size=256)).save_pretrained(base)
    tok.save_pretrained(base)
    return train_main(["--train", args.annotations, "--base_model", str(base), "--output_dir", args.output,
                       "--epochs", str(args.epochs), "--batch_size", "4", "--learning_rate", "2e-3",
                       "--head_learning_rate", "2e-3", "--max_length", "256", "--window_stride", "64",
                       "--seed", str(args.seed)])


if __name__ == "__main__":
    sys.exit(main())
