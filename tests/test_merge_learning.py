"""scripts/merge_learning.py: the learned join study's pieces (joining, matching, the classifier, the features)."""
import dataclasses
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from merge_learning import (Args, LogisticJoiner, auc, cross_validate, doc_pairs, join, load, prf,  # noqa: E402
                            tally)

from model.document import load_documents  # noqa: E402
from training.evaluate_events import load_gold_events  # noqa: E402


def test_join_takes_pairs_above_threshold_transitively():
    groups = [{"a"}, {"b"}, {"c"}, {"d"}]
    out = join(groups, [(0, 1), (1, 2), (2, 3)], [0.9, 0.8, 0.2], 0.5)
    assert sorted(sorted(g) for g in out) == [["a", "b", "c"], ["d"]]
    assert len(join(groups, [(0, 1)], [0.9], 0.95)) == 4


def test_tally_matches_events_one_to_one(seed_pairs):
    a, b, c = [m.id for g in seed_pairs.groups for m in g][:3]
    d = dataclasses.replace(seed_pairs, gold=[{a, b}, {c}])
    assert tally(d, [{a, b, c}]) == [2, 1, 1]  # one record holding two gold events matches one of them
    assert tally(d, [{a}, {b}, {c}]) == [2, 3, 2]  # a split event matches once
    assert prf([2, 3, 2]) == pytest.approx((66.67, 100.0, 80.0), abs=0.01)


def test_auc_counts_ties_half():
    assert auc([True, False], [0.9, 0.1]) == 1.0
    assert auc([True, False], [0.1, 0.9]) == 0.0
    assert auc([True, False], [0.5, 0.5]) == 0.5


def test_logistic_joiner_learns_a_separating_feature():
    feats = [{"x": float(i % 2), "noise": float(i % 3)} for i in range(60)]
    model = LogisticJoiner(["x", "noise"]).fit(feats, [f["x"] == 1.0 for f in feats])
    p = model.predict([{"x": 1.0, "noise": 0.0}, {"x": 0.0, "noise": 0.0}])
    assert p[0] > 0.9 > 0.1 > p[1]
    assert model.predict([]) == []


@pytest.fixture(scope="module")
def seed_pairs():
    gold = load_gold_events(str(REPO / "annotations" / "events.jsonl"))
    doc = next(d for d in load_documents([str(REPO / "annotations" / "seeds.jsonl")]) if d.id in gold)
    return doc_pairs(doc, gold[doc.id])


def test_doc_pairs_covers_every_pair_of_groups(seed_pairs):
    n = len(seed_pairs.groups)
    assert len(seed_pairs.pairs) == len(seed_pairs.features) == len(seed_pairs.same_event) == n * (n - 1) // 2
    for f in seed_pairs.features:
        assert 0.0 <= f["word_overlap"] <= 1.0
        assert f["compatible"] in (0.0, 1.0)
        assert set(f) == set(seed_pairs.features[0])


def test_cross_validation_scores_every_document_once(seed_pairs):
    data = [seed_pairs] * 4
    res = cross_validate(data, sorted(seed_pairs.features[0]), Args(folds=2, thresholds=[2.0]), 1.0, 0)
    gold, pred, _ = res["tallies"][2.0]  # a threshold above 1 joins nothing: the rules' groups as they are
    assert gold == 4 * len(seed_pairs.gold) and pred == 4 * len(seed_pairs.groups)


def test_test_split_is_refused():
    with pytest.raises(ValueError, match="test split"):
        load(["dev", "test"])


def test_group_sentence_marks_the_groups_first_trigger(seed_pairs):
    from cross_encoder_join import group_sentence

    from model.mentions import sentences

    text = seed_pairs.doc.text
    group = seed_pairs.groups[0]
    first = min(group, key=lambda m: m.ent.start).ent
    out = group_sentence(text, group, sentences(text))
    before, after = out.split(f"« {first.text} »")
    assert text[first.start - len(before.strip()) - 1:first.start].strip() == before.strip()
    assert text[first.end:first.end + len(after.strip()) + 1].strip() == after.strip()


def test_cross_encoder_scores_every_pair_from_the_other_half(seed_pairs, trained_dir):
    import copy

    from cross_encoder_join import add_cross_encoder_scores

    data = [copy.deepcopy(seed_pairs) for _ in range(4)]
    add_cross_encoder_scores(data, str(trained_dir), epochs=1, seed=0)
    scores = [f["cross_encoder"] for d in data for f in d.features]
    assert len(scores) == 4 * len(seed_pairs.pairs)
    assert all(0.0 <= s <= 1.0 for s in scores)
