"""training/features.py: window features and their collation."""
from __future__ import annotations

import torch

from training.features import collate


def _window(n_tokens: int, n_pairs: int, n_rel: int = 12) -> dict:
    spans = [[1, 1], [2, 3]] if n_pairs else []
    return {"input_ids": list(range(5, 5 + n_tokens)), "tag_labels": [0] * n_tokens, "clitic_labels": [0] * n_tokens,
            "span_bounds": spans, "span_labels": [0, 8] if n_pairs else [],
            "pair_index": [[1, 0]] * n_pairs, "relation_labels": [[1.0] + [0.0] * (n_rel - 1)] * n_pairs}


def test_collate_first_window_without_pairs_later_with_pairs():
    """Regression: the first window of a batch had no candidate pairs and a later one had some (IndexError)."""
    batch = collate([_window(6, 0), _window(8, 2)], pad_id=1)
    assert batch["relation_labels"].shape == (2, 2, 12)
    assert batch["pair_index"][0].eq(-1).all() and batch["pair_index"][1].eq(torch.tensor([[1, 0], [1, 0]])).all()
    assert batch["relation_labels"][0].sum() == 0 and batch["relation_labels"][1, :, 0].eq(1).all()
    assert batch["input_ids"][0, 6:].eq(1).all() and batch["attention_mask"][0].sum() == 6


def test_collate_no_pairs_anywhere():
    batch = collate([_window(4, 0), _window(3, 0)], pad_id=0)
    assert "relation_labels" not in batch and batch["pair_index"].shape == (2, 0, 2)
