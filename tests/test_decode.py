import numpy as np

from model.decode import WindowSpans, merge_spans, relations_from_probs


def ws(starts, ends, labels, scores, owned):
    n = len(starts)
    return WindowSpans(np.array(starts), np.array(ends), np.array(labels), np.array(scores, dtype=float),
                       np.zeros((n, 2), dtype=int), np.array(owned))


def test_merge_keeps_owned_spans_and_resolves_overlaps_by_score():
    a = ws([0, 10, 20], [5, 15, 30], [1, 2, 3], [0.9, 0.8, 0.6], [True, True, True])
    b = ws([10, 22, 40], [15, 26, 45], [2, 3, 1], [0.99, 0.7, 0.9], [False, True, True])
    assert merge_spans([a, b]) == [(0, 5, 1, 0.9), (10, 15, 2, 0.8), (22, 26, 3, 0.7), (40, 45, 1, 0.9)]


def test_merge_is_deterministic_regardless_of_window_order():
    a = ws([0, 8], [6, 12], [1, 2], [0.5, 0.9], [True, True])
    b = ws([4, 30], [9, 33], [1, 1], [0.7, 0.4], [True, True])
    assert merge_spans([a, b]) == merge_spans([b, a])


def test_relations_above_no_relation_are_emitted():
    assert relations_from_probs(np.array([0.6, 0.3, 0.1])) == []
    rels = relations_from_probs(np.array([0.2, 0.1, 0.35, 0.35]))
    assert [r for r, _ in rels] == [1, 2] and all(abs(p - 0.35) < 1e-9 for _, p in rels)
