"""Candidate span pairs for the relation head: every ordered pair the schema allows, within a token distance."""
from __future__ import annotations

import numpy as np

from .schema import Schema


def pairable_matrix(schema: Schema) -> np.ndarray:
    """(L, L) bool: can a span of label i be the head and one of label j the tail of some relation?"""
    labels = schema.span_labels
    return np.array([[schema.can_pair(h, t) for t in labels] for h in labels], dtype=bool)


def candidate_pairs(labels: np.ndarray, bounds: np.ndarray, pairable: np.ndarray, max_distance: int) -> np.ndarray:
    """labels (S,), bounds (S, 2) inclusive token positions -> (P, 2) ordered (head, tail) span indices."""
    if len(labels) < 2:
        return np.zeros((0, 2), dtype=np.int64)
    ok = pairable[labels[:, None], labels[None, :]]  # (S, S)
    gap = np.maximum(bounds[None, :, 0] - bounds[:, None, 1], bounds[:, None, 0] - bounds[None, :, 1])  # (S, S)
    ok &= (gap <= max_distance) & ~np.eye(len(labels), dtype=bool)
    return np.argwhere(ok).astype(np.int64)
