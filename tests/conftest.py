"""Shared fixtures: a WordPiece tokenizer trained on the seed texts and a tiny random BERT, built on the fly, and one
tiny joint model overfitted on one seed article (trained once per test session)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[1]
SEEDS_FILE = REPO / "annotations" / "seeds.jsonl"


def _seed_texts() -> Path:
    """The five seed articles as plain files: `../shared/seeds` beside the checkout, else written from the gold
    seeds (`annotations/seeds.jsonl` holds the same texts), so that a clone without `../shared` tests the same."""
    shared = REPO.parent / "shared" / "seeds"
    if shared.is_dir() and any(shared.glob("*.txt")):
        return shared
    import json
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="seed-texts-"))
    with open(SEEDS_FILE, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            (folder / f"{doc['id'].removeprefix('seed-')}_{doc['id']}.txt").write_text(doc["text"], encoding="utf-8")
    return folder


SEED_TEXTS = _seed_texts()
TRAIN_ARGS = ["--epochs", "45", "--batch_size", "4", "--learning_rate", "3e-3", "--head_learning_rate", "3e-3",
              "--max_length", "128", "--window_stride", "32", "--warmup_ratio", "0.05", "--seed", "7"]


@pytest.fixture(scope="session")
def seed_docs():
    from model.document import load_documents

    return load_documents([SEEDS_FILE])


@pytest.fixture(scope="session")
def tokenizer(seed_docs):
    from training.tokenizer import train_wordpiece

    return train_wordpiece([d.text for d in seed_docs], vocab_size=2000, min_frequency=1)


@pytest.fixture(scope="session")
def tiny_encoder_dir(tmp_path_factory, tokenizer) -> Path:
    import torch
    from transformers import BertConfig, BertModel

    torch.manual_seed(0)
    path = tmp_path_factory.mktemp("encoder")
    cfg = BertConfig(vocab_size=len(tokenizer), hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                     intermediate_size=128, max_position_embeddings=512)
    BertModel(cfg).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="session")
def one_seed_file(tmp_path_factory, seed_docs) -> Path:
    from model.document import write_jsonl

    path = tmp_path_factory.mktemp("data") / "seed-000.jsonl"
    write_jsonl([seed_docs[0]], path)
    return path


@pytest.fixture(scope="session")
def trained_dir(tmp_path_factory, tiny_encoder_dir, one_seed_file) -> Path:
    """A tiny joint model overfitted on seed-000 (fixed seed)."""
    from training.train import main

    out = tmp_path_factory.mktemp("run")
    rc = main(["--train", str(one_seed_file), "--dev", str(one_seed_file), "--base_model", str(tiny_encoder_dir),
               "--output_dir", str(out)] + TRAIN_ARGS)
    assert rc == 0
    return out


def tiny_config(tokenizer, **kwargs):
    from transformers import BertConfig

    from model.configuration import JointIEConfig

    enc = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=64)
    return JointIEConfig(encoder=enc.to_dict(), **kwargs)


def spans(text: str, items) -> list:
    """Entities for (id, label, surface) items, each found left to right in `text` (tests build documents from
    real sentences this way)."""
    from model.document import Entity

    out, pos = [], 0
    for i, label, surface in items:
        start = text.index(surface, pos)
        out.append(Entity(i, label, start, start + len(surface), surface))
        pos = start + len(surface)
    return out
