"""Trim a SentencePiece (Unigram) encoder's vocabulary to the pieces the Arabic text here uses.

    python scripts/trim_vocab.py --model runs/e5-small --output runs/e5-trim

Kept: the special tokens; every piece that the tokenizer produces on the pretraining text (ANT minus the annotation
dev/test articles, NewsFANE + WikiFANE, the ANERcorp train half) and the annotation train documents, tokenized
word by word exactly as the model's pre-tokenizer feeds it (`model.windows.encode_documents`); and every
single-character piece of the scripts in `KEEP_SCRIPTS` (so any input still tokenizes: an unseen word falls back to
shorter pieces; a character outside those scripts and never seen becomes <unk>, as in the original model for
characters outside its vocabulary). The Unigram scores of kept pieces are unchanged, so a word whose best
segmentation uses only kept pieces segments exactly as before; the embedding rows are gathered in the same order.

Reports the parameter count before and after, the share of words whose segmentation changes, on all of ANT and
on the held-out annotation dev/test articles (text never used to choose the pieces), and the largest difference
between the original and trimmed encoders' hidden states on ten of those articles, in OUTPUT/trim.json. Where no
segmentation changes, the trimmed encoder computes exactly the original function, so fine-tuning from it is the
same run as fine-tuning from the untrimmed encoder, with 4x fewer parameters to store and update.

Library checked: `vocabtrimmer` (PyPI) trims by downloading the model and a language corpus from the hub
(mC4 through `datasets`), so it does not work offline here; trimming a Unigram tokenizer.json and an embedding
matrix is a few lines, done below.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
logger = logging.getLogger("trim_vocab")

# Unicode script prefixes (of unicodedata.name) whose single-character pieces are always kept.
KEEP_SCRIPTS = ("ARABIC", "LATIN", "DIGIT", "EXTENDED ARABIC-INDIC DIGIT", "GREEK", "CYRILLIC", "HEBREW", "PERSIAN")


def keep_single_char(piece: str) -> bool:
    """A one-character piece (with or without the word-start marker) of a kept script, or any punctuation/symbol."""
    ch = piece.replace("\u2581", "")
    if len(ch) != 1:
        return piece == "\u2581"
    cat = unicodedata.category(ch)
    if cat[0] in "PSNZ":  # punctuation, symbols, numbers, separators
        return True
    name = unicodedata.name(ch, "")
    return any(name.startswith(s) for s in KEEP_SCRIPTS)


def word_lists(texts, strip: bool = True):
    from model.text import split_words
    from model.windows import normalize_words

    for text in texts:
        words = normalize_words([text[s:e] for s, e in split_words(text)], strip, strip)
        if words:
            yield words


def count_pieces(backend, texts, batch: int = 256) -> Counter:
    """Piece id -> count over the texts, tokenized word by word as the model sees them."""
    counts: np.ndarray = np.zeros(backend.get_vocab_size(), dtype=np.int64)
    buf = []
    for words in word_lists(texts):
        buf.append(words)
        if len(buf) == batch:
            _add(backend, buf, counts)
            buf = []
    if buf:
        _add(backend, buf, counts)
    return Counter({i: int(c) for i, c in enumerate(counts) if c})


def _add(backend, docs: list[list[str]], counts: np.ndarray) -> None:
    for enc in backend.encode_batch(docs, is_pretokenized=True, add_special_tokens=False):
        np.add.at(counts, np.asarray(enc.ids, dtype=np.int64), 1)


def changed_words(old, new, texts) -> tuple[int, int]:
    """(words whose pieces differ, words) between two tokenizers (compared as piece strings)."""
    diff = total = 0
    for words in word_lists(texts):
        a = old.encode(words, is_pretokenized=True, add_special_tokens=False)
        b = new.encode(words, is_pretokenized=True, add_special_tokens=False)
        total += len(words)
        if a.tokens == b.tokens:
            continue
        for w in set(words):
            ta = old.encode([w], is_pretokenized=True, add_special_tokens=False).tokens
            if ta != new.encode([w], is_pretokenized=True, add_special_tokens=False).tokens:
                diff += words.count(w)
    return diff, total


def trimmed_tokenizer_json(spec: dict, keep: list[int]) -> dict:
    """The tokenizer.json with only the kept pieces (in their old order) and ids remapped."""
    vocab = spec["model"]["vocab"]
    new_index = {old: new for new, old in enumerate(keep)}
    spec = json.loads(json.dumps(spec))
    spec["model"]["vocab"] = [vocab[i] for i in keep]
    spec["model"]["unk_id"] = new_index[spec["model"]["unk_id"]]
    for tok in spec["added_tokens"]:
        tok["id"] = new_index[tok["id"]]
    for tok in (spec.get("post_processor") or {}).get("special_tokens", {}).values():
        tok["ids"] = [new_index[i] for i in tok["ids"]]
    return spec


def hidden_state_gap(old_model, new_model, old_tok, new_tok, texts: list[str]) -> float:
    """Largest absolute difference between the two encoders' last hidden states on the same texts (first 510
    pieces of each): 0 up to float rounding when trimming changed nothing these texts use."""
    import torch

    gap = 0.0
    with torch.no_grad():
        for text in texts:
            a = old_tok(text, truncation=True, max_length=512, return_tensors="pt")
            b = new_tok(text, truncation=True, max_length=512, return_tensors="pt")
            if a["input_ids"].shape != b["input_ids"].shape:
                return float("inf")
            ha = old_model(input_ids=a["input_ids"], attention_mask=a["attention_mask"]).last_hidden_state
            hb = new_model(input_ids=b["input_ids"], attention_mask=b["attention_mask"]).last_hidden_state
            gap = max(gap, float((ha - hb).abs().max()))
    return gap


def annotation_docs(split_wanted: set[str]) -> list[str]:
    from model.document import load_documents

    splits = json.loads((ROOT / "annotations" / "splits.json").read_text(encoding="utf-8"))
    docs = load_documents([str(ROOT / "annotations" / "seeds.jsonl"), str(ROOT / "annotations" / "ant.jsonl")])
    return [d.text for d in docs if splits.get(d.id) in split_wanted]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="runs/e5-small")
    ap.add_argument("--output", default="runs/e5-trim")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel, PreTrainedTokenizerFast

    from pretrain_corpus import ant_texts, fane_texts
    from scripts_anercorp import anercorp_split

    src = Path(args.model)
    spec = json.loads((src / "tokenizer.json").read_text(encoding="utf-8"))
    backend = Tokenizer.from_str(json.dumps(spec))
    splits = json.loads((ROOT / "annotations" / "splits.json").read_text(encoding="utf-8"))
    heldout_ids = {i for i, s in splits.items() if s in ("dev", "test")}
    train_sents, _ = anercorp_split()
    corpora = {
        "ANT (minus annotation dev/test)": lambda: ant_texts(heldout_ids),
        "FANE": fane_texts,
        "ANERcorp train": lambda: (" ".join(t for t, _ in s) for s in train_sents),
        "annotation train documents": lambda: annotation_docs({"train"}),
    }
    used: Counter = Counter()
    for name, texts in corpora.items():
        c = count_pieces(backend, texts())
        logger.info("%s: %d distinct pieces", name, len(c))
        used.update(c)
    vocab = spec["model"]["vocab"]
    special = {t["id"] for t in spec["added_tokens"]}
    singles = {i for i, (p, _) in enumerate(vocab) if keep_single_char(p)}
    keep = sorted(special | set(used) | singles)
    logger.info("kept %d of %d pieces (%d used, %d single characters, %d special)", len(keep), len(vocab),
                len(used), len(singles), len(special))

    new_spec = trimmed_tokenizer_json(spec, keep)
    new_backend = Tokenizer.from_str(json.dumps(new_spec))
    model = AutoModel.from_pretrained(src, use_safetensors=True, add_pooling_layer=False)
    before = sum(p.numel() for p in model.parameters())
    old_emb = model.get_input_embeddings().weight.data
    new_emb = torch.nn.Embedding(len(keep), old_emb.size(1))
    new_emb.weight.data = old_emb[torch.tensor(keep)].clone()
    model.set_input_embeddings(new_emb)
    remap = {old: new for new, old in enumerate(keep)}
    model.config.vocab_size = len(keep)
    for key in ("pad_token_id", "bos_token_id", "eos_token_id"):
        if getattr(model.config, key, None) is not None:
            setattr(model.config, key, remap[getattr(model.config, key)])
    after = sum(p.numel() for p in model.parameters())
    out = Path(args.output)
    model.save_pretrained(out, safe_serialization=True)
    tok = PreTrainedTokenizerFast.from_pretrained(src)
    new_tok = PreTrainedTokenizerFast(tokenizer_object=new_backend, **{k: v for k, v in tok.special_tokens_map.items()},
                                      model_max_length=tok.model_max_length)
    new_tok.save_pretrained(out)

    ant_diff, ant_total = changed_words(backend, new_backend, ant_texts(set()))
    held_diff, held_total = changed_words(backend, new_backend, annotation_docs({"dev", "test"}))
    original = AutoModel.from_pretrained(src, use_safetensors=True, add_pooling_layer=False).eval()
    gap = hidden_state_gap(original, model.eval(), tok, new_tok, annotation_docs({"dev", "test"})[:10])
    report = {"pieces_before": len(vocab), "max_hidden_state_difference_on_10_dev_test_articles": gap, "pieces_after": len(keep), "parameters_before": before,
              "parameters_after": after,
              "ant_words_changed": {"changed": ant_diff, "words": ant_total, "share": ant_diff / max(ant_total, 1)},
              "heldout_annotation_dev_test_words_changed": {"changed": held_diff, "words": held_total,
                                                            "share": held_diff / max(held_total, 1)}}
    (out / "trim.json").write_text(json.dumps(report, indent=2))
    logger.info("%s", json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
