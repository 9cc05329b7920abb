"""Build the pretraining text and train the WordPiece tokenizer.

    python scripts/pretrain_corpus.py --out runs/pretrain-data --vocab-size 32000

Text: every ANT article (title and body) except the annotation dev and test articles; NewsFANE and WikiFANE
sentences; the ANERcorp train half (the CAMeL Lab split, `scripts/anercorp.py`); never the ANERcorp test half.
Writes OUT/train.txt and OUT/heldout.txt (one document or sentence block per line; 0.5% of lines held out for the
MLM loss) and the tokenizer in OUT/tokenizer.

Vocabulary: 32,000 WordPieces, CAMeLBERT's size: Arabic is morphologically rich and a smaller vocabulary splits most
inflected words into many pieces; with about 30 M words of text, 32k pieces still occur often enough to be learned.
Normalization: NFKC; diacritics and tatweel removed (as the model's input normalization does); hamza, madda, alif
forms, ta marbuta and alif maqsura kept as written; no lowercasing (Latin names keep their case).
"""
from __future__ import annotations

import argparse
import io
import json
import lzma
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpora"


def ant_texts(excluded: set[str]):
    with lzma.open(SHARED / "ant" / "ant_v2.1.jsonl.xz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] not in excluded:
                yield (d["title"] + "\n" + d["text"]).replace("\n", " ")


def fane_texts():
    with zipfile.ZipFile(SHARED / "fane" / "WikiFANE_2014_Gold_standard.zip") as z:
        for name in z.namelist():
            if not name.endswith("K.txt"):
                continue
            tokens = []
            for raw in io.TextIOWrapper(z.open(name), encoding="utf-8", errors="replace"):
                tok = raw.strip().replace("\u200e", "").split("\t")[0]
                if tok:
                    tokens.append(tok)
                if (not raw.strip() or tok in (".", "؟", "!")) and len(tokens) > 200:
                    yield " ".join(tokens)
                    tokens = []
            if tokens:
                yield " ".join(tokens)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="runs/pretrain-data")
    ap.add_argument("--vocab-size", type=int, default=32000)
    ap.add_argument("--heldout", type=float, default=0.005)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    from model.text import DIACRITICS, TATWEEL
    sys.path.insert(0, str(ROOT / "scripts"))
    from scripts_anercorp import anercorp_split

    splits = json.loads((ROOT / "annotations" / "splits.json").read_text(encoding="utf-8"))
    excluded = {i for i, s in splits.items() if s in ("dev", "test")}
    train_sents, _ = anercorp_split()
    lines = list(ant_texts(excluded)) + list(fane_texts()) + [" ".join(t for t, _ in s) for s in train_sents]
    rng = random.Random(args.seed)
    rng.shuffle(lines)
    n_held = max(1, int(len(lines) * args.heldout))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "heldout.txt").write_text("\n".join(lines[:n_held]) + "\n", encoding="utf-8")
    (out / "train.txt").write_text("\n".join(lines[n_held:]) + "\n", encoding="utf-8")
    from training.tokenizer import train_wordpiece

    clean = (DIACRITICS.sub("", l).replace(TATWEEL, "") for l in lines[n_held:])
    train_wordpiece(clean, args.vocab_size).save_pretrained(out / "tokenizer")
    words = sum(len(l.split()) for l in lines)
    print(f"{len(lines)} lines, {words} words ({n_held} lines held out); excluded {len(excluded)} annotation "
          f"dev/test articles; tokenizer with {args.vocab_size} pieces in {out / 'tokenizer'}")


if __name__ == "__main__":
    main()
