"""A randomly initialized encoder of a pretraining size, with a given tokenizer: the no-pretraining baseline.

    python scripts/random_encoder.py --size small --tokenizer runs/pretrain-data/tokenizer --out runs/random-small
    python -m training.train --train annotations/ --split train --dev_split dev --base_model runs/random-small ...

Fine-tuned the same way as the pretrained encoder, it shows on dev what the pretraining bought.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="small")
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    import torch
    from transformers import BertConfig, BertModel

    from model.tokenization import load_tokenizer
    from training.pretrain import SIZES

    torch.manual_seed(args.seed)
    tok = load_tokenizer(args.tokenizer)
    BertModel(BertConfig(vocab_size=len(tok), max_position_embeddings=512, **SIZES[args.size])).save_pretrained(args.out)
    tok.save_pretrained(args.out)


if __name__ == "__main__":
    main()
