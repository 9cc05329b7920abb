"""End to end on a fixed seed: train a tiny model, save, load, predict, evaluate."""
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO
from model.document import load_documents


def test_overfit_one_seed_both_heads_learn(trained_dir, one_seed_file):
    """Proof that both heads learn: entity F1 >= 0.9 and strict relation F1 >= 0.8 on the article trained on."""
    from model.extractor import Extractor
    from training.evaluate import score

    gold = load_documents([one_seed_file])
    pred = Extractor.from_pretrained(str(trained_dir), device="cpu")([d.text for d in gold], [d.id for d in gold])
    m = score(gold, pred)
    assert m["entities"]["micro"]["f1"] >= 0.9, m["entities"]["micro"]
    assert m["relations_strict"]["micro"]["f1"] >= 0.8, m["relations_strict"]["micro"]
    metrics = json.loads((trained_dir / "metrics.json").read_text())
    assert metrics["best_epoch"] >= 1 and len(metrics["history"]) == 45
    assert "0 not exactly representable" in metrics["alignment"]
    for f in ("config.json", "model.safetensors", "tokenizer.json"):
        assert (trained_dir / f).exists()


def test_resume_from_checkpoint_continues_to_the_same_epoch_count(tmp_path, tiny_encoder_dir, one_seed_file):
    from training.train import main

    common = ["--train", str(one_seed_file), "--base_model", str(tiny_encoder_dir), "--max_length", "128",
              "--window_stride", "32", "--seed", "3", "--batch_size", "4"]
    assert main(common + ["--output_dir", str(tmp_path / "a"), "--epochs", "2"]) == 0
    state = json.loads((tmp_path / "a" / "checkpoint" / "trainer_state.json").read_text())
    assert state["epoch"] == 2
    assert main(common + ["--output_dir", str(tmp_path / "a"), "--epochs", "3",
                          "--resume_from_checkpoint", str(tmp_path / "a" / "checkpoint")]) == 0
    metrics = json.loads((tmp_path / "a" / "metrics.json").read_text())
    assert [h["epoch"] for h in metrics["history"]] == [1, 2, 3]


def test_invalid_annotations_are_refused(tmp_path, tiny_encoder_dir, one_seed_file, capsys):
    from training.train import main

    doc = json.loads(one_seed_file.read_text(encoding="utf-8"))
    doc["entities"][0]["start"] += 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["--train", str(bad), "--base_model", str(tiny_encoder_dir), "--output_dir", str(tmp_path / "o")]) == 1
    assert "bad.jsonl:1 seed-000" in capsys.readouterr().err


def test_unreachable_hub_id_names_the_id_and_the_local_directory_option(tmp_path, one_seed_file):
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    r = subprocess.run([sys.executable, "-m", "training.train", "--train", str(one_seed_file), "--base_model",
                        "CAMeL-Lab/bert-base-arabic-camelbert-msa", "--output_dir", str(tmp_path)],
                       cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "CAMeL-Lab/bert-base-arabic-camelbert-msa" in r.stderr and "--base_model DIR" in r.stderr


def test_training_runs_under_accelerate_launch_with_two_processes(tmp_path, tiny_encoder_dir, one_seed_file):
    pytest.importorskip("accelerate")
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--cpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "training.train",
           "--train", str(one_seed_file), "--dev", str(one_seed_file), "--base_model", str(tiny_encoder_dir),
           "--output_dir", str(tmp_path / "ddp"), "--epochs", "2", "--max_length", "128", "--window_stride", "32"]
    r = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    metrics = json.loads((tmp_path / "ddp" / "metrics.json").read_text())
    assert len(metrics["history"]) == 2 and "entity_f1" in metrics["history"][-1]
    assert (tmp_path / "ddp" / "model.safetensors").exists()


KILL_IN_EPOCH_3 = """
import os, signal, sys
import training.train as T

plain_iter = T.EpochShuffle.__iter__


def killing_iter(self):  # SIGKILL this process when epoch 3 asks for its last example (after its first steps)
    for k, i in enumerate(plain_iter(self)):
        if self.epoch == 2 and k == self.n - 1:
            os.kill(os.getpid(), signal.SIGKILL)
        yield i


T.EpochShuffle.__iter__ = killing_iter
sys.exit(T.main(sys.argv[1:]))
"""


def test_training_killed_and_resumed_ends_with_the_same_weights_and_metrics(tmp_path, tiny_encoder_dir, one_seed_file):
    """Same seed, CPU, one thread: a run SIGKILLed in its third epoch (checkpoint of epoch 2 on disk, weights of
    epoch 3 half trained in memory) and resumed from its checkpoint ends bit-identical to an uninterrupted run."""
    from safetensors.torch import load_file

    common = ["--train", str(one_seed_file), "--dev", str(one_seed_file), "--base_model", str(tiny_encoder_dir),
              "--max_length", "128", "--window_stride", "32", "--seed", "11", "--batch_size", "2", "--epochs", "3",
              "--learning_rate", "1e-3", "--head_learning_rate", "1e-3"]
    env = dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1", PYTHONPATH=str(REPO))

    def run(args, code=None):
        cmd = [sys.executable] + (["-c", code] if code else ["-m", "training.train"]) + args
        return subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)

    whole, cut = tmp_path / "whole", tmp_path / "cut"
    r = run(common + ["--output_dir", str(whole)])
    assert r.returncode == 0, r.stderr[-3000:]
    r = run(common + ["--output_dir", str(cut)], KILL_IN_EPOCH_3)
    assert r.returncode == -9, r.stderr[-3000:]  # killed, not finished
    assert json.loads((cut / "checkpoint" / "trainer_state.json").read_text())["epoch"] == 2
    assert not (cut / "metrics.json").exists()
    r = run(common + ["--output_dir", str(cut), "--resume_from_checkpoint", str(cut / "checkpoint")])
    assert r.returncode == 0, r.stderr[-3000:]

    keys = ("best_epoch", "best_dev_score", "history", "train_documents", "dev_documents", "alignment")
    m_whole, m_cut = (json.loads((d / "metrics.json").read_text()) for d in (whole, cut))
    assert len(m_whole["history"]) == 3 and {k: m_cut[k] for k in keys} == {k: m_whole[k] for k in keys}
    for weights in ("model.safetensors", "checkpoint/model.safetensors"):
        a, b = load_file(whole / weights), load_file(cut / weights)
        assert a.keys() == b.keys() and all(torch_equal(a[k], b[k]) for k in a), weights


def torch_equal(a, b) -> bool:
    import torch

    return a.dtype == b.dtype and a.shape == b.shape and bool(torch.equal(a, b))


def test_subsample_is_reproducible_nested_and_independent_of_file_order():
    from types import SimpleNamespace

    from training.train import subsample

    docs = [SimpleNamespace(id=f"d{i:02d}") for i in range(30)]
    small, large = subsample(docs, 10, seed=3), subsample(docs, 20, seed=3)
    assert len(small) == 10 and len(large) == 20
    assert {d.id for d in small} < {d.id for d in large}  # nested: 10 documents inside the 20
    assert [d.id for d in subsample(docs[::-1], 10, seed=3)] == [d.id for d in small][::-1]  # same set, file order kept
    assert {d.id for d in subsample(docs, 10, seed=4)} != {d.id for d in small}
    assert subsample(docs, None, seed=3) is docs
    with pytest.raises(ValueError, match="30 documents"):
        subsample(docs, 31, seed=3)
