import numpy as np

from model.decode import WindowSpans, merge_relations, merge_spans


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


def test_relations_merge_takes_the_most_central_window_and_all_labels_above_none():
    # two windows see the same two document spans (0: [0,5) label 8, 1: [10,15) label 1)
    w1 = ws([0, 10], [5, 15], [8, 1], [0.9, 0.9], [True, True])
    w2 = ws([0, 10], [5, 15], [8, 1], [0.9, 0.9], [False, False])
    pairs = np.array([[0, 1]])
    keys = {(0, 5, 8): 0, (10, 15, 1): 1}
    far = (w1, pairs, np.array([[0.9, 0.05, 0.05]]), np.array([3]))  # window edge: says no relation
    near = (w2, pairs, np.array([[0.2, 0.45, 0.35]]), np.array([50]))  # central: two relations above none
    out = merge_relations([far, near], keys, 2)
    assert [(h, t, r) for h, t, r, _ in out] == [(0, 1, 0), (0, 1, 1)]
    assert merge_relations([near, far], keys, 2) == out
    unmatched = (ws([0, 11], [5, 15], [8, 1], [0.9, 0.9], [True, True]), pairs, np.array([[0.0, 1.0, 0.0]]),
                 np.array([9]))
    assert merge_relations([unmatched], keys, 2) == []  # a span that is not a document span drops its pairs
