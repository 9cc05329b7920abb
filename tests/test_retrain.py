"""Retraining on new annotations with training.train: several --train paths, validation against the base model's
schema first (a clear message for labels it does not know), new documents outside splits.json used for training."""
import json

from model.document import load_documents, write_jsonl


def test_retrain_from_a_trained_model_on_old_and_new_files(tmp_path, trained_dir, seed_docs):
    from training.train import main

    old, new = tmp_path / "old", tmp_path / "new"
    write_jsonl(seed_docs[:1], old / "a.jsonl")
    write_jsonl(seed_docs[1:2], new / "b.jsonl")
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({seed_docs[0].id: "train"}))
    out = tmp_path / "retrained"
    rc = main(["--train", str(old), str(new), "--split", "train", "--splits_file", str(splits),
               "--dev", str(old / "a.jsonl"), "--base_model", str(trained_dir), "--output_dir", str(out),
               "--epochs", "1", "--batch_size", "4"])
    assert rc == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["train_documents"] == 2 and metrics["dev_documents"] == 1  # b.jsonl is not in splits.json
    assert (out / "README.md").exists() and str(new) in (out / "README.md").read_text()


def test_a_label_the_base_model_does_not_know_is_named_before_training(tmp_path, trained_dir, seed_docs, capsys):
    from training.train import main

    doc = seed_docs[0].to_dict()
    doc["entities"][0]["label"] = "VEHICLE"
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "x.jsonl").write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    rc = main(["--train", str(tmp_path / "new"), "--base_model", str(trained_dir), "--output_dir", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert rc == 1 and not (tmp_path / "o").exists()
    assert "labels the base model's schema does not know" in err
    assert f"span label VEHICLE ({tmp_path / 'new' / 'x.jsonl'}): 1x" in err
    assert "add them to model/schema.py and train from an encoder" in err
    assert load_documents([tmp_path / "new"])[0].entities[0].label == "VEHICLE"


def test_a_model_stored_in_fp16_is_retrained_in_float32(tmp_path, trained_dir, tiny_encoder_dir):
    """The bundled model is fp16 on disk; training it in fp16 on the CPU took 118 s a step (no BLAS for half) with
    fp16 optimizer updates. Both starts (a joint model, a plain encoder) must come back in float32."""
    import shutil

    import torch
    from transformers import AutoModel

    from model.modeling import JointIEModel
    from training.train import ModelArguments, build_model

    half = tmp_path / "half"
    JointIEModel.from_pretrained(trained_dir, dtype=torch.float32).half().save_pretrained(half)
    for f in trained_dir.glob("tokenizer*"):
        shutil.copy(f, half)
    enc_half = tmp_path / "enc-half"
    AutoModel.from_pretrained(tiny_encoder_dir).half().save_pretrained(enc_half)
    for f in tiny_encoder_dir.iterdir():
        if f.name.startswith(("tokenizer", "special", "vocab")):
            shutil.copy(f, enc_half)
    for base in (half, enc_half):
        model, _ = build_model(ModelArguments(base_model=str(base), max_length=64))
        assert {p.dtype for p in model.parameters()} == {torch.float32}, base
