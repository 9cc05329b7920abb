import sys

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))


def test_camel_split_boundary_is_rebuilt_from_the_csv():
    if not (REPO.parent / "shared" / "corpora" / "anercorp" / "ANERCorp.txt").exists():
        pytest.skip("ANERcorp not beside the checkout")
    from scripts_anercorp import anercorp_split

    train, test = anercorp_split()
    assert len(train) == 3973 and sum(len(s) for s in train) == 120953
    n_test = sum(len(s) for s in test)
    assert 24000 < n_test < 26000  # "the remaining ~25K" tokens
    assert "[0, 125305)" in anercorp_split.report
    assert {t for s in test for _, t in s} <= {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}
