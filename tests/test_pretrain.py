import json

import torch

from training.pretrain import main, mask_whole_words


def test_whole_word_masking_masks_every_piece_of_a_chosen_word(tokenizer):
    ids = torch.arange(10, 70).view(2, 30)
    wids = torch.arange(60).view(2, 30) // 3  # words of three pieces each
    inp, lab = mask_whole_words(ids, wids, tokenizer, 0.5, torch.Generator().manual_seed(0))
    assert inp.shape == (2, 32) and inp[0, 0] == tokenizer.cls_token_id and inp[0, -1] == tokenizer.sep_token_id
    chosen = (lab[:, 1:-1] != -100).view(2, 10, 3)
    assert chosen.any() and (chosen.all(-1) | ~chosen.any(-1)).all()  # all pieces of a word, or none
    assert (lab[:, 1:-1][lab[:, 1:-1] != -100] == ids[lab[:, 1:-1] != -100]).all()


def test_tiny_pretraining_run_saves_an_encoder_and_resumes(tmp_path, seed_docs, tokenizer):
    from transformers import AutoModel

    data = tmp_path / "data"
    data.mkdir()
    lines = [line for d in seed_docs for line in d.text.splitlines() if line.strip()]
    (data / "train.txt").write_text("\n".join(lines * 3), encoding="utf-8")
    (data / "heldout.txt").write_text("\n".join(lines[:10]), encoding="utf-8")
    tokenizer.save_pretrained(data / "tokenizer")
    out = tmp_path / "enc"
    common = ["--data", str(data), "--output_dir", str(out), "--size", "tiny", "--seq_len", "64", "--batch_size", "8",
              "--eval_every", "2", "--save_every", "2", "--warmup_steps", "1"]
    assert main(common + ["--max_steps", "2"]) == 0
    assert main(common + ["--max_steps", "4", "--resume_from_checkpoint", str(out / "checkpoint")]) == 0
    m = json.loads((out / "pretrain_metrics.json").read_text())
    assert m["step"] == 4 and [e["step"] for e in m["evals"]] == [2, 4] and m["tokens_seen"] == 4 * 8 * 64
    assert all(e["perplexity"] > 1 and e["perplexity"] < 1e6 for e in m["evals"])
    enc = AutoModel.from_pretrained(out)
    assert enc.config.hidden_size == 128 and (out / "tokenizer.json").exists()
