"""scripts/anercorp.py: the token classifier starts from a plain encoder or from a trained joint model's encoder."""
from __future__ import annotations

import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import anercorp  # noqa: E402

LABELS = {"O": 0, "B-PER": 1, "I-PER": 2}


def test_a_joint_models_encoder_is_carried_over_exactly(trained_dir):
    from model.modeling import JointIEModel

    joint = JointIEModel.from_pretrained(trained_dir, dtype=torch.float32)
    model = anercorp.token_classifier(str(trained_dir), LABELS)
    theirs = joint.encoder.state_dict()
    mine = model.base_model.state_dict()
    assert set(mine) <= set(theirs) and len(mine) > 10
    assert all(torch.equal(mine[k], theirs[k]) for k in mine)
    assert model.config.num_labels == 3 and model.config.id2label[1] == "B-PER"
    assert {p.dtype for p in model.parameters()} == {torch.float32}


def test_a_plain_encoder_loads_too(tiny_encoder_dir):
    from transformers import AutoModel

    model = anercorp.token_classifier(str(tiny_encoder_dir), LABELS)
    enc = AutoModel.from_pretrained(tiny_encoder_dir)
    k = "embeddings.word_embeddings.weight"
    assert torch.equal(model.base_model.state_dict()[k], enc.state_dict()[k])


def test_the_new_head_gets_its_own_learning_rate(tiny_encoder_dir):
    model = anercorp.token_classifier(str(tiny_encoder_dir), LABELS)
    opt = anercorp.make_optimizer(model, 1e-4, 1e-3)
    body, head = opt.param_groups
    assert body["lr"] == 1e-4 and head["lr"] == 1e-3
    assert {id(p) for p in head["params"]} == {id(model.classifier.weight), id(model.classifier.bias)}
    assert len(body["params"]) + len(head["params"]) == len(list(model.parameters()))
    assert [g["lr"] for g in anercorp.make_optimizer(model, 1e-4).param_groups] == [1e-4, 1e-4]


def test_hold_out_takes_a_contiguous_block_from_the_end():
    sents = [[(f"w{i}", "O")] for i in range(50)]
    train, dev = anercorp.hold_out(sents, 0.1)
    assert len(dev) == 5 and train + dev == sents  # disjoint, nothing lost, order kept
    assert anercorp.hold_out(sents, 0.0) == (sents, [])
    import pytest

    with pytest.raises(ValueError, match="dev-fraction"):
        anercorp.hold_out(sents, 1.0)


def test_main_chooses_the_epoch_on_dev_and_scores_only_it(tmp_path, tiny_encoder_dir, monkeypatch):
    import json

    import scripts_anercorp

    words = ["قال", "محمد", "في", "بغداد", "أمس"]
    tags = ["O", "B-PERS", "O", "B-LOC", "O"]
    sents = [list(zip(words, tags))] * 16

    def split():
        return sents[:12], sents[12:]

    split.report = "a stub split"
    monkeypatch.setattr(scripts_anercorp, "anercorp_split", split)
    monkeypatch.setattr(sys, "argv", ["anercorp.py", "--encoder", str(tiny_encoder_dir), "--output", str(tmp_path),
                                      "--epochs", "2", "--lr", "1e-3", "--batch-size", "4", "--dev-fraction", "0.25",
                                      "--mixed-precision", "no"])
    anercorp.main()
    result = json.loads((tmp_path / "anercorp_metrics.json").read_text())
    curve = result["dev_micro_f1_per_epoch"]
    assert len(curve) == 2 and result["epoch_scored"] == 1 + curve.index(max(curve))
    assert 0 <= result["micro_f1"] <= 100 and result["dev_fraction"] == 0.25


def test_skip_test_leaves_the_test_half_unscored_and_needs_dev(tmp_path, tiny_encoder_dir, monkeypatch):
    import json

    import pytest

    import scripts_anercorp

    sents = [list(zip(["قال", "محمد", "في", "بغداد"], ["O", "B-PERS", "O", "B-LOC"]))] * 8

    def split():
        return sents[:6], sents[6:]

    split.report = "a stub split"
    monkeypatch.setattr(scripts_anercorp, "anercorp_split", split)
    monkeypatch.setattr(anercorp, "predict_tags", _counting(anercorp.predict_tags))
    argv = ["anercorp.py", "--encoder", str(tiny_encoder_dir), "--output", str(tmp_path), "--epochs", "1",
            "--batch-size", "4", "--mixed-precision", "no", "--skip-test"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit):
        anercorp.main()  # no dev: refused
    monkeypatch.setattr(sys, "argv", argv + ["--dev-fraction", "0.25"])
    anercorp.main()
    result = json.loads((tmp_path / "anercorp_metrics.json").read_text())
    assert result["micro_f1"] is None and result["best_dev_f1"] == result["dev_micro_f1_per_epoch"][0]
    assert [len(s) for s in anercorp.predict_tags.seen] == [2]  # only the 2 dev sentences were tagged


def _counting(fn):
    def wrapper(model, tok, sents, *a):
        wrapper.seen.append(sents)
        return fn(model, tok, sents, *a)

    wrapper.seen = []
    return wrapper
