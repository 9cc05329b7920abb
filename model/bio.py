"""The token view of spans: character spans <-> word-level BIO tags plus a clitic offset, and back.

A span maps to (first word, last word, k): it must end where a word ends and start where a word starts or k
letters later, k being a proclitic prefix of that word (و ف ب ل ك ..., `model.text.proclitic_prefixes`). A span
that cannot be written this way is *inexact*: training uses the nearest representable span and the counts are
reported (`python scripts/annotation_stats.py` prints them for the annotations).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .text import proclitic_prefixes
from .windows import EncodedDoc


@dataclass
class AlignedSpan:
    first_word: int
    last_word: int
    clitic: int  # letters of the first word left outside the span
    label: int  # index into schema.span_labels
    exact: bool


def align_span(doc: EncodedDoc, start: int, end: int, label: int, max_clitic: int) -> AlignedSpan | None:
    """None when the span touches no word that has tokens."""
    ws, we = doc.word_spans[:, 0], doc.word_spans[:, 1]
    w0 = int(np.searchsorted(ws, start, side="right")) - 1
    w1 = int(np.searchsorted(ws, end - 1, side="right")) - 1
    if w0 < 0 or w1 < w0 or doc.word_first_token[w0] < 0:
        w0 = int(np.searchsorted(ws, start, side="left"))  # the span starts in white space or a token-less word
        while w0 <= w1 and doc.word_first_token[w0] < 0:
            w0 += 1
        if w0 > w1:
            return None
    k = max(start - int(ws[w0]), 0)
    word = doc.text[ws[w0]:we[w0]]
    exact = (k == 0 or (k <= max_clitic and k in proclitic_prefixes(word))) and int(we[w1]) == end
    if k and not (k <= max_clitic and k in proclitic_prefixes(word)):
        k = 0
    return AlignedSpan(w0, w1, k, label, exact)


def spans_to_word_tags(n_words: int, spans: list[AlignedSpan]) -> tuple[np.ndarray, np.ndarray]:
    """Word-level tag ids (0 = O, 1 + 2*label = B, 2 + 2*label = I) and clitic labels (-100 except span starts)."""
    tags = np.zeros(n_words, dtype=np.int64)
    clitic = np.full(n_words, -100, dtype=np.int64)
    for s in spans:
        tags[s.first_word] = 1 + 2 * s.label
        tags[s.first_word + 1:s.last_word + 1] = 2 + 2 * s.label
        clitic[s.first_word] = s.clitic
    return tags, clitic


def tags_to_spans(tags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorized BIO decoding over a sequence of tag ids. An I- tag that does not continue a span of its label
    starts one. Returns (first, last, label) index arrays."""
    tags = np.asarray(tags)
    lab = np.where(tags > 0, (tags - 1) // 2, -1)
    is_b = (tags > 0) & ((tags - 1) % 2 == 0)
    prev = np.r_[-1, lab[:-1]]
    starts = np.flatnonzero((lab >= 0) & (is_b | (prev != lab)))
    nxt, nxt_b = np.r_[lab[1:], -1], np.r_[is_b[1:], True]
    ends = np.flatnonzero((lab >= 0) & ((nxt != lab) | nxt_b))
    return starts, ends, lab[starts]


def span_char_offsets(doc: EncodedDoc, first_word: int, last_word: int, clitic: int) -> tuple[int, int]:
    return int(doc.word_spans[first_word, 0]) + clitic, int(doc.word_spans[last_word, 1])
