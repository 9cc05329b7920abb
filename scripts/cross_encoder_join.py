"""A cross-encoder score for pairs of the record builder's groups, for `scripts/merge_learning.py --cross_encoder true`.

The bundled model's encoder reads the first sentence of each group (its first trigger marked « »), the two
sentences as one pair input, and a linear layer on the mean of its token states says whether they tell one event.
It is fine-tuned on the pairs of one half of the documents and scores the other half, then the other way round, so
every pair's score comes from a model that never saw its document.
"""
from __future__ import annotations

import logging
import random

import torch

from model.extractor import load_model_and_tokenizer
from model.mentions import Mention, sentence_index, sentences

logger = logging.getLogger("merge_learning")
BATCH, MAX_TOKENS, LR = 16, 256, 3e-5


def group_sentence(text: str, group: list[Mention], sents: list[tuple[int, int]]) -> str:
    first = min(group, key=lambda m: m.ent.start).ent
    s0, s1 = sents[sentence_index(sents, first.start)]
    return f"{text[s0:first.start]} « {first.text} » {text[first.end:s1]}".strip()


def _examples(data, keep) -> list[tuple[tuple[int, int], str, str, float]]:
    out = []
    for n, d in enumerate(data):
        if not keep(n):
            continue
        sents = sentences(d.doc.text)
        texts = [group_sentence(d.doc.text, g, sents) for g in d.groups]
        out += [((n, k), texts[i], texts[j], float(y)) for k, ((i, j), y) in enumerate(zip(d.pairs, d.same_event))]
    return out


class PairScorer(torch.nn.Module):
    def __init__(self, encoder: torch.nn.Module):
        super().__init__()
        self.encoder = encoder
        self.out = torch.nn.Linear(encoder.config.hidden_size, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state  # (batch, tokens, hidden)
        mask = attention_mask.unsqueeze(-1).float()
        return self.out((h * mask).sum(1) / mask.sum(1)).squeeze(-1)  # (batch,)


def _train_and_score(train, test, model_dir: str, epochs: int, seed: int) -> dict:
    torch.manual_seed(seed)
    model, tok = load_model_and_tokenizer(model_dir)
    scorer = PairScorer(model.encoder)
    steps = epochs * -(-len(train) // BATCH)
    opt = torch.optim.AdamW(scorer.parameters(), lr=LR, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps))
    pos = sum(e[3] for e in train)
    weight = torch.tensor((len(train) - pos) / max(1, pos))

    def encode(batch):
        return tok([e[1] for e in batch], [e[2] for e in batch], truncation="longest_first", max_length=MAX_TOKENS,
                   padding=True, return_tensors="pt")
    scorer.train()
    for epoch in range(epochs):
        random.Random(seed + epoch).shuffle(train)
        for k in range(0, len(train), BATCH):
            batch = train[k:k + BATCH]
            b = encode(batch)
            logits = scorer(b["input_ids"], b["attention_mask"])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits, torch.tensor([e[3] for e in batch]), pos_weight=weight)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(scorer.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
        logger.info("cross-encoder epoch %d: last loss %.3f", epoch + 1, loss.item())
    scorer.eval()
    out = {}
    with torch.no_grad():
        for k in range(0, len(test), 32):
            batch = test[k:k + 32]
            b = encode(batch)
            out.update(zip((e[0] for e in batch), torch.sigmoid(scorer(b["input_ids"], b["attention_mask"])).tolist()))
    return out


def add_cross_encoder_scores(data, model_dir: str, epochs: int, seed: int) -> None:
    """Set features["cross_encoder"] of every pair, each scored by the model trained on the other half."""
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    half = {n: k % 2 for k, n in enumerate(order)}
    scores = {}
    for h in (0, 1):
        train = _examples(data, lambda n: half[n] != h)
        test = _examples(data, lambda n: half[n] == h)
        logger.info("cross-encoder half %d: %d training pairs, %d scored", h + 1, len(train), len(test))
        scores.update(_train_and_score(train, test, model_dir, epochs, seed))
    for n, d in enumerate(data):
        for k, f in enumerate(d.features):
            f["cross_encoder"] = scores[(n, k)]
