import pytest
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


def test_relations_merge_takes_the_most_central_window_and_applies_the_rule():
    # two windows see the same two document spans (0: [0,5) label 8, 1: [10,15) label 1)
    w1 = ws([0, 10], [5, 15], [8, 1], [0.9, 0.9], [True, True])
    w2 = ws([0, 10], [5, 15], [8, 1], [0.9, 0.9], [False, False])
    pairs = np.array([[0, 1]])
    keys = {(0, 5, 8): 0, (10, 15, 1): 1}
    far = (w1, pairs, np.array([[0.9, 0.05, 0.05]]), np.array([3]))  # window edge: says no relation
    near = (w2, pairs, np.array([[0.2, 0.45, 0.35]]), np.array([50]))  # central: two relations above none
    out = merge_relations([far, near], keys, 2, rule="multi")
    assert [(h, t, r) for h, t, r, _ in out] == [(0, 1, 0), (0, 1, 1)]
    assert merge_relations([near, far], keys, 2, rule="multi") == out
    assert [(h, t, r) for h, t, r, _ in merge_relations([far, near], keys, 2)] == [(0, 1, 0)]  # default: best
    unmatched = (ws([0, 11], [5, 15], [8, 1], [0.9, 0.9], [True, True]), pairs, np.array([[0.0, 1.0, 0.0]]),
                 np.array([9]))
    assert merge_relations([unmatched], keys, 2) == []  # a span that is not a document span drops its pairs


def test_select_relations_rules():
    from model.decode import select_relations

    probs = np.array([[0.30, 0.32, 0.38, 0.0],   # two labels beat "none": multi keeps both, best keeps label 1
                      [0.60, 0.25, 0.15, 0.0],   # none wins
                      [0.10, 0.05, 0.05, 0.80]])  # clear label 2
    pair, rel = select_relations(probs, "multi")
    assert sorted(zip(pair.tolist(), rel.tolist())) == [(0, 0), (0, 1), (2, 2)]
    pair, rel = select_relations(probs, "best")
    assert list(zip(pair.tolist(), rel.tolist())) == [(0, 1), (2, 2)]
    pair, rel = select_relations(probs, "threshold", 0.5)
    assert list(zip(pair.tolist(), rel.tolist())) == [(2, 2)]
    pair, rel = select_relations(probs, "threshold", 0.2)
    assert list(zip(pair.tolist(), rel.tolist())) == [(0, 1), (1, 0), (2, 2)]
    with pytest.raises(ValueError, match="unknown relation decoding rule"):
        select_relations(probs, "top3")


def test_merge_adjacent_joins_split_names_only():
    from model.decode import merge_adjacent

    text = "أعلنت القوات الأميركية و الجيش العراقي، بغداد"
    a, b = text.index("القوات"), text.index("الأميركية")
    c = text.index("الجيش")
    spans = [(a, a + 6, 1, 0.9), (b, b + 9, 1, 0.6), (c, c + 5, 1, 0.8), (text.index("بغداد"), len(text), 2, 0.7)]
    merged, where = merge_adjacent(spans, text)
    assert text[merged[0][0]:merged[0][1]] == "القوات الأميركية"
    assert abs(merged[0][3] - (0.9 * 6 + 0.6 * 9) / 15) < 1e-9
    assert len(merged) == 3 and where == [0, 0, 1, 2]  # "و" between the forces keeps them apart
    para = "القوات العراقية\n\nفريق"
    two = [(0, 15, 1, 0.9), (17, 21, 1, 0.5)]
    assert merge_adjacent(two, para)[0] == two  # never across a line break
