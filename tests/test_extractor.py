"""model/extractor.py: the Python API, here its int8 CPU mode and the decoding rules read from the config."""
from __future__ import annotations

import pytest


def test_int8_quantizes_encoder_linears_and_keeps_outputs_valid(trained_dir, seed_docs):
    from model.extractor import Extractor

    fp32 = Extractor.from_pretrained(str(trained_dir), device="cpu")
    int8 = Extractor.from_pretrained(str(trained_dir), device="cpu", int8=True)
    import torch

    mods = dict(int8.model.encoder.named_modules())
    quantized = {n for n, m in mods.items() if type(m).__module__.startswith("torch.ao.nn.quantized.dynamic")}
    left_float = {n for n, m in mods.items() if type(m) is torch.nn.Linear}
    n_layers = int8.model.encoder.config.num_hidden_layers
    # every encoder Linear is int8 but the feed-forward output projections, which stay float
    assert left_float == {f"encoder.layer.{i}.output.dense" for i in range(n_layers)}
    assert {f"encoder.layer.{i}.attention.output.dense" for i in range(n_layers)} <= quantized
    assert {f"encoder.layer.{i}.intermediate.dense" for i in range(n_layers)} <= quantized
    assert len(quantized) >= 5 * n_layers
    assert type(int8.model.tag_head) is torch.nn.Linear  # heads stay float
    text = seed_docs[0].text
    a, b = fp32(text)[0], int8(text)[0]
    for doc in (a, b):
        assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)
        ids = {e.id for e in doc.entities}
        assert all(r.head in ids and r.tail in ids for r in doc.relations)
    spans_a = {(e.start, e.end, e.label) for e in a.entities}
    spans_b = {(e.start, e.end, e.label) for e in b.entities}
    overlap = len(spans_a & spans_b) / max(len(spans_a | spans_b), 1)
    assert overlap > 0.8, f"int8 changed too many spans of an overfitted model (Jaccard {overlap:.2f})"


def test_int8_refuses_a_gpu_device(trained_dir):
    from model.extractor import Extractor, load_model_and_tokenizer

    model, tok = load_model_and_tokenizer(str(trained_dir), "cpu")
    with pytest.raises(ValueError, match="CPU only"):
        Extractor(model, tok, device="cuda", int8=True)


def test_relation_rule_comes_from_the_config(trained_dir, seed_docs):
    from model.extractor import Extractor

    ex = Extractor.from_pretrained(str(trained_dir), device="cpu")
    ex.config.relation_decoding = "multi"
    multi = ex(seed_docs[0].text)[0]
    ex.config.relation_decoding = "best"
    best = ex(seed_docs[0].text)[0]
    pairs = [(r.head, r.tail) for r in best.relations]
    assert len(pairs) == len(set(pairs))  # best: at most one label per pair
    assert {(r.head, r.tail, r.label) for r in best.relations} <= {(r.head, r.tail, r.label) for r in multi.relations}


def test_predict_int8_option(tmp_path, capsys, trained_dir):
    import json

    from model.predict import main

    src = tmp_path / "a.txt"
    src.write_text("أعلنت القيادة المركزية الأميركية مقتل 15 عنصراً من تنظيم داعش في غارة غربي العراق", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main([str(src), "--model", str(trained_dir), "--int8", "--format", "jsonl", "--output", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert all(doc["text"][e["start"]:e["end"]] == e["text"] for e in doc["entities"])
    capsys.readouterr()
    assert main([str(src), "--model", str(trained_dir), "--int8", "--device", "cuda", "--output", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err  # a CPU-only torch says so first; with CUDA present, --int8 is refused
    assert "--int8 runs on the CPU only" in err or "CUDA is not available" in err
    assert not (tmp_path / "b").exists()
