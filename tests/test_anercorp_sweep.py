"""scripts/anercorp_sweep.py: grid points see dev only; the point with the best dev F1 is the one scored on test."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import anercorp_sweep  # noqa: E402

WORDS = ["قال", "محمد", "في", "بغداد", "أمس", "."]
TAGS = ["O", "B-PERS", "O", "B-LOC", "O", "O"]


def fake_anercorp(folder: Path, n_train: int = 20, n_test: int = 4) -> Path:
    """ANERCorp.txt (token and tag per line) and the CAMeL train CSV covering its first n_train sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    sents = [list(zip(WORDS[:-1] + [str(i), "."], TAGS[:-1] + ["O", "O"])) for i in range(n_train + n_test)]
    lines = [f"{w} {t}" for sent in sents for w, t in sent]  # a number makes each sentence unique
    (folder / "ANERCorp.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(folder / "camel_train_sentences.csv", "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, ["sentence", "entities", "num_words"])
        out.writeheader()
        for sent in sents[:n_train]:
            out.writerow({"sentence": " ".join(w for w, _ in sent), "entities": repr([t for _, t in sent]),
                        "num_words": len(sent)})
    return folder


def test_choose_takes_the_best_dev_f1_and_the_earlier_point_on_a_tie():
    points = [{"best_dev_f1": 70.0, "lr": 1}, {"best_dev_f1": 72.5, "lr": 2}, {"best_dev_f1": 72.5, "lr": 3}]
    assert anercorp_sweep.choose(points)["lr"] == 2
    import pytest

    with pytest.raises(ValueError):
        anercorp_sweep.choose([])


def test_sweep_scores_only_the_chosen_point_on_test(tmp_path, tiny_encoder_dir):
    data = fake_anercorp(tmp_path / "anercorp")
    out = tmp_path / "sweep"
    env = dict(os.environ, ANERCORP_DIR=str(data), HF_HUB_OFFLINE="1")
    rc = subprocess.run([sys.executable, str(REPO / "scripts" / "anercorp_sweep.py"), "--encoder",
                         str(tiny_encoder_dir), "--output", str(out), "--lrs", "1e-5", "3e-3", "--head-lr", "3e-3",
                         "--epochs", "2", "--dev-fraction", "0.2", "--parallel", "2"], env=env,
                        capture_output=True, text=True, timeout=600)
    assert rc.returncode == 0, rc.stderr[-2000:]
    summary = json.loads((out / "sweep.json").read_text())
    grid = summary["grid"]
    assert [p["lr"] for p in grid] == [1e-5, 3e-3]
    assert all(p["micro_f1"] is None and p["per_label_f1"] is None for p in grid)  # the test half left unseen
    assert all(len(p["dev_micro_f1_per_epoch"]) == 2 for p in grid)
    best = max(grid, key=lambda p: p["best_dev_f1"])
    assert summary["chosen"]["lr"] == best["lr"] and summary["final"]["lr"] == best["lr"]
    assert 0 <= summary["final"]["micro_f1"] <= 100 and "PERS" in summary["final"]["per_label_f1"]
    assert "ANERcorp test micro F1" in rc.stdout


def test_a_failed_point_names_its_command_and_log(tmp_path):
    import argparse

    import pytest

    args = argparse.Namespace(encoder=str(tmp_path / "no-such-encoder"), epochs=1, head_lr=1e-3, max_length=32, seed=0,
                              dev_fraction=0.2)
    cmd = anercorp_sweep.point_args(args, 1e-4, 4, tmp_path / "p", skip_test=True)
    assert cmd[-1] == "--skip-test" and "--dev-fraction" in cmd
    env_dir = fake_anercorp(tmp_path / "anercorp")
    os.environ["ANERCORP_DIR"] = str(env_dir)
    try:
        with pytest.raises(RuntimeError, match="no-such-encoder"):
            anercorp_sweep.run_point(cmd, tmp_path / "p")
    finally:
        del os.environ["ANERCORP_DIR"]
    assert (tmp_path / "p" / "log.txt").stat().st_size > 0
