"""scripts/bundle_model.py: a trained model written as the fp16 bundle loads (in float32) and predicts what the
float32 model predicts; over the size limit nothing is written."""
from __future__ import annotations

import sys
from pathlib import Path

from safetensors import safe_open

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import bundle_model  # noqa: E402


def test_bundle_is_fp16_and_predicts_like_the_float32_model(tmp_path, trained_dir, seed_docs):
    import torch

    from model.extractor import Extractor, load_model_and_tokenizer

    out = tmp_path / "default"
    assert bundle_model.main(["--model", str(trained_dir), "--output", str(out)]) == 0
    with safe_open(str(out / "model.safetensors"), "pt") as f:
        dtypes = {str(f.get_tensor(k).dtype) for k in f.keys()}
    assert dtypes == {"torch.float16"}
    assert (out / "model.safetensors").stat().st_size < 0.6 * (trained_dir / "model.safetensors").stat().st_size
    text = seed_docs[0].text
    full = Extractor.from_pretrained(str(trained_dir), device="cpu", events=False)(text)[0]
    half = Extractor.from_pretrained(str(out), device="cpu", events=False)(text)[0]
    assert {p.dtype for p in load_model_and_tokenizer(str(out), "cpu")[0].parameters()} == {torch.float32}
    spans = lambda d: [(e.start, e.end, e.label) for e in d.entities]  # noqa: E731
    assert len(spans(full)) > 10
    # fp16 rounding of the weights may flip a borderline span; nearly all must agree
    same = len(set(spans(full)) & set(spans(half)))
    assert same >= 0.95 * max(len(spans(full)), len(spans(half)))


def test_over_the_size_limit_nothing_is_written(tmp_path, trained_dir, capsys):
    out = tmp_path / "default"
    out.mkdir()
    (out / "keep.txt").write_text("old bundle")
    assert bundle_model.main(["--model", str(trained_dir), "--output", str(out), "--max-mb", "0.001"]) == 2
    assert "over the 0.001 MB limit" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["keep.txt"] and not (tmp_path / "default.tmp").exists()


def test_a_folder_without_a_model_is_a_clear_error(tmp_path, capsys):
    assert bundle_model.main(["--model", str(tmp_path), "--output", str(tmp_path / "out")]) == 2
    assert "no config.json" in capsys.readouterr().err and not (tmp_path / "out").exists()
