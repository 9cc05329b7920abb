"""Model scores -> spans and relations, per window, then merged over the windows of each document.

Spans: the BIO tags of each word's first token (argmax) are decoded by `bio.tags_to_spans`; the clitic head moves
a span's start past a proclitic; a window keeps only the spans that start in its core, so every span comes from
exactly one window. Relations: a pair is scored in every window that holds both spans; the window where the pair
sits furthest from the edges decides. Which relations are emitted is the model config's `relation_decoding` rule
(`select_relations`: the best label per pair by default), chosen on dev with `scripts/tune_decoding.py`; with
`merge_adjacent_spans`, two spans of the same label with nothing but white space between them become one span
(the tagger sometimes splits a name: القوات + الأميركية).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bio import span_char_offsets, tags_to_spans
from .text import proclitic_prefixes, trim_span
from .windows import EncodedDoc, Window


@dataclass
class WindowSpans:
    """Spans decoded in one window; token bounds are window positions (1 = the first token after [CLS])."""

    starts: np.ndarray  # (S,) character offsets
    ends: np.ndarray  # (S,)
    labels: np.ndarray  # (S,) span label index
    scores: np.ndarray  # (S,)
    bounds: np.ndarray  # (S, 2) first and last token position, inclusive
    owned: np.ndarray  # (S,) bool: the span starts in this window's core


def decode_window(doc: EncodedDoc, w: Window, tag_probs: np.ndarray, clitic_logits: np.ndarray,
                  max_clitic: int) -> WindowSpans:
    """tag_probs (T, num_tags) and clitic_logits (T, K) for this window's positions, [CLS] at 0."""
    toks = np.arange(w.start, w.end)
    first = doc.word_first_token[doc.token_word[toks]] == toks
    pos = np.flatnonzero(first) + 1  # window positions of word-first tokens
    tags = tag_probs[pos].argmax(-1)
    p_tag = tag_probs[pos, tags]
    f, l, lab = tags_to_spans(tags)
    words = doc.token_word[pos - 1 + w.start]  # word index of each word-first position
    first_words, last_words = words[f], words[l]
    cum = np.r_[0.0, np.cumsum(p_tag)]
    scores = (cum[l + 1] - cum[f]) / (l - f + 1)
    last_pos = np.r_[pos[1:] - 1, w.end - w.start][l]  # last token of the span's last word
    starts, ends = np.empty(len(f), dtype=np.int64), np.empty(len(f), dtype=np.int64)
    keep = np.ones(len(f), dtype=bool)
    for i, (fw, lw, p) in enumerate(zip(first_words, last_words, pos[f])):
        ws, we = doc.word_spans[fw]
        valid = [0] + [k for k in proclitic_prefixes(doc.text[ws:we]) if k <= max_clitic]
        k = max(valid, key=lambda k: clitic_logits[p, k])
        trimmed = trim_span(doc.text, *span_char_offsets(doc, fw, lw, k))  # no span of bare punctuation or quotes
        if trimmed is None:
            keep[i] = False
        else:
            starts[i], ends[i] = trimmed
    owned = (pos[f] - 1 + w.start >= w.core_start) & (pos[f] - 1 + w.start < w.core_end)
    bounds = np.stack([pos[f], last_pos], -1).reshape(-1, 2)
    return WindowSpans(starts[keep], ends[keep], lab[keep].astype(np.int64), scores[keep], bounds[keep], owned[keep])


def merge_spans(windows: list[WindowSpans]) -> list[tuple[int, int, int, float]]:
    """Owned spans of all windows of a document, sorted, overlaps resolved by score (then earlier start)."""
    cands = sorted((int(s), int(e), int(l), float(sc)) for ws in windows
                   for s, e, l, sc, o in zip(ws.starts, ws.ends, ws.labels, ws.scores, ws.owned) if o)
    kept: list[tuple[int, int, int, float]] = []
    for c in cands:
        if kept and c[0] < kept[-1][1]:
            if c[3] > kept[-1][3]:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


def merge_adjacent(spans: list[tuple[int, int, int, float]], text: str
                   ) -> tuple[list[tuple[int, int, int, float]], list[int]]:
    """Join consecutive spans (start, end, label, score) of one label separated only by spaces (never a line break).
    Returns the joined spans (scores: length-weighted means of the parts) and, for each input span, the index of
    the span it ended up in (so relations scored on the parts can be moved onto the joined span)."""
    out: list[tuple[int, int, int, float]] = []
    where: list[int] = []
    for s, e, lab, sc in spans:
        gap = text[out[-1][1]:s] if out else ""
        if out and out[-1][2] == lab and out[-1][1] <= s and not gap.strip() and "\n" not in gap:
            ps, pe, _, psc = out[-1]
            out[-1] = (ps, e, lab, (psc * (pe - ps) + sc * (e - s)) / max((pe - ps) + (e - s), 1))
        else:
            out.append((s, e, lab, sc))
        where.append(len(out) - 1)
    return out, where


def pair_centrality(bounds: np.ndarray, pairs: np.ndarray, length: int) -> np.ndarray:
    """How far each pair sits from its window's edges, in tokens (larger = more context on both sides)."""
    lo = np.minimum(bounds[pairs[:, 0], 0], bounds[pairs[:, 1], 0])
    hi = np.maximum(bounds[pairs[:, 0], 1], bounds[pairs[:, 1], 1])
    return np.minimum(lo, length - hi)


RELATION_RULES = ("multi", "best", "threshold")


def select_relations(probs: np.ndarray, rule: str = "best", threshold: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """probs (K, R + 1), index 0 = no relation -> (pair index, relation index) of the relations to emit.

    multi: every relation more probable than "no relation" (one pair may get several roles);
    best: the single most probable class per pair, when it is a relation;
    threshold: the most probable relation per pair when its probability is at least `threshold`."""
    if rule == "multi":
        return np.nonzero(probs[:, 1:] > probs[:, :1])
    if rule not in RELATION_RULES:
        raise ValueError(f"unknown relation decoding rule {rule!r}; expected one of {RELATION_RULES}")
    best = probs[:, 1:].argmax(-1)  # (K,)
    p_best = probs[np.arange(len(probs)), best + 1]
    keep = p_best > probs[:, 0] if rule == "best" else p_best >= threshold
    return np.flatnonzero(keep), best[keep]


def merge_relations(rel_parts: list, key_to_index: dict, n_spans: int, rule: str = "best",
                    threshold: float = 0.5) -> list[tuple[int, int, int, float]]:
    """Vectorized: map each window's pairs to document spans, keep each pair's verdict from the window where it is
    most central (ties: the earlier window), and return (head, tail, relation, probability) for the relations that
    `select_relations(rule, threshold)` emits, sorted."""
    keys, cents, probs = [], [], []
    for d, pairs, pr, central in rel_parts:
        local = np.array([key_to_index.get((int(s), int(e), int(lab)), -1)
                          for s, e, lab in zip(d.starts, d.ends, d.labels)], dtype=np.int64)
        if len(local) == 0:
            continue
        h, t = local[pairs[:, 0]], local[pairs[:, 1]]
        ok = (h >= 0) & (t >= 0) & (h != t)  # h == t: both parts of one joined span
        keys.append(h[ok] * n_spans + t[ok])
        cents.append(central[ok])
        probs.append(pr[ok])
    if not keys:
        return []
    keys, cents, probs = np.concatenate(keys), np.concatenate(cents), np.concatenate(probs)
    if len(keys) == 0:
        return []
    order = np.lexsort((-cents, keys))  # by key, most central first (stable: earlier window wins ties)
    first = order[np.r_[True, keys[order][1:] != keys[order][:-1]]]
    best_keys, best_probs = keys[first], probs[first]  # (K,), (K, R + 1)
    pair_i, rel_i = select_relations(best_probs, rule, threshold)
    return [(int(best_keys[i] // n_spans), int(best_keys[i] % n_spans), int(r), float(best_probs[i, r + 1]))
            for i, r in zip(pair_i, rel_i)]
