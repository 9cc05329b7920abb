import torch
from transformers import AutoConfig, AutoModel

from conftest import tiny_config
from model.modeling import JointIEModel, JointIEOutput


def batch(config, with_labels: bool):
    torch.manual_seed(0)
    ids = torch.randint(5, config.encoder.vocab_size, (2, 16))
    b = {"input_ids": ids, "attention_mask": torch.ones_like(ids),
         "span_bounds": torch.tensor([[[1, 2], [4, 4], [6, 8]], [[1, 1], [0, 0], [0, 0]]]),
         "span_labels": torch.tensor([[8, 1, 2], [7, -1, -1]]),  # ATTACK, ORG, GPE | GROUP
         "pair_index": torch.tensor([[[0, 1], [0, 2]], [[-1, -1], [-1, -1]]])}
    if with_labels:
        rel = torch.zeros(2, 2, len(config.relation_labels) + 1)
        rel[0, 0, 1 + config.relation_labels.index("ATTACKER")] = 1
        rel[0, 1, 1 + config.relation_labels.index("PLACE")] = 1
        b |= {"tag_labels": torch.randint(0, config.num_tags, (2, 16)), "clitic_labels": torch.full((2, 16), -100),
              "relation_labels": rel}
    return b


def test_output_fields_do_not_depend_on_labels(tokenizer):
    model = JointIEModel(tiny_config(tokenizer)).eval()
    with_l, without = model(**batch(model.config, True)), model(**batch(model.config, False))
    assert isinstance(with_l, JointIEOutput) and with_l.loss is not None and without.loss is None
    for f in ("tag_logits", "clitic_logits", "relation_logits"):
        assert getattr(with_l, f).shape == getattr(without, f).shape
    assert with_l.relation_logits.shape == (2, 2, len(model.config.relation_labels) + 1)
    assert torch.isfinite(with_l.loss)


def test_schema_mask_forbids_disallowed_relations(tokenizer):
    model = JointIEModel(tiny_config(tokenizer)).eval()
    logits = model(**batch(model.config, False)).relation_logits[0]  # pairs ATTACK->ORG, ATTACK->GPE
    rels = ["none"] + model.config.relation_labels
    allowed_0 = {rels[i] for i in range(len(rels)) if logits[0, i] > -1e3}
    allowed_1 = {rels[i] for i in range(len(rels)) if logits[1, i] > -1e3}
    assert allowed_0 == {"none", "ATTACKER", "TARGET", "SOURCE"}
    assert allowed_1 == {"none", "ATTACKER", "TARGET", "PLACE"}


def test_save_and_load_round_trip_exactly(tmp_path, tokenizer):
    model = JointIEModel(tiny_config(tokenizer)).eval()
    model.save_pretrained(tmp_path)
    assert (tmp_path / "model.safetensors").exists() and not (tmp_path / "pytorch_model.bin").exists()
    cfg = AutoConfig.from_pretrained(tmp_path)
    assert cfg.to_dict() | {"_name_or_path": ""} == model.config.to_dict() | {"_name_or_path": ""}
    loaded = AutoModel.from_pretrained(tmp_path, use_safetensors=True).eval()
    assert isinstance(loaded, JointIEModel)
    a, b = model.state_dict(), loaded.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    inputs = batch(model.config, False)
    torch.testing.assert_close(model(**inputs).relation_logits, loaded(**inputs).relation_logits)
    assert torch.equal(model.allowed_mask(torch.device("cpu")), loaded.allowed_mask(torch.device("cpu")))
    assert loaded.config.id2label[1] == "B-PER" and loaded.config.schema == model.config.schema
