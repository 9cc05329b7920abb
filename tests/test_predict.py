"""`python -m model.predict` with a trained tiny model: valid, offset-exact output, and every bad input."""
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, SEED_TEXTS
from model.predict import main
from training.validate import check_document


def run_cli(args, capsys):
    rc = main(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


def assert_offset_exact(doc: dict):
    for e in doc["entities"]:
        assert doc["text"][e["start"]:e["end"]] == e["text"]
        assert 0.0 <= e["score"] <= 1.0
    errors, _ = check_document(doc)
    assert errors == [], errors


def test_each_seed_gives_valid_offset_exact_json(trained_dir, capsys):
    for path in sorted(SEED_TEXTS.glob("*.txt")):
        rc, out, _ = run_cli([str(path), "--model", str(trained_dir)], capsys)
        assert rc == 0
        doc = json.loads(out)
        assert doc["text"] == path.read_text(encoding="utf-8") and doc["status"] == "predicted"
        assert_offset_exact(doc)
        assert doc["entities"], "the tiny model finds spans on the seeds"
        for r in doc["relations"]:
            assert 0.0 <= r["score"] <= 1.0
        mentions = [m for ev in doc["events"] for m in ev["mentions"]]  # each trigger in exactly one event record
        assert sorted(mentions) == sorted(e["id"] for e in doc["entities"]
                                          if e["label"] in ("ATTACK", "KILL", "INJURE", "ARREST"))


def test_directory_formats_and_output_file(trained_dir, tmp_path, capsys):
    out = tmp_path / "o.jsonl"
    rc, _, _ = run_cli([str(SEED_TEXTS), "--model", str(trained_dir), "--format", "jsonl", "--output", str(out)], capsys)
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rc == 0 and len(docs) == 5 and all(d["id"].endswith(".txt") for d in docs)
    rc, text, _ = run_cli([str(next(SEED_TEXTS.glob("000*"))), "--model", str(trained_dir), "--format", "text"], capsys)
    assert rc == 0 and text.startswith("# ") and "\tORG\t" in text
    rc, arr, _ = run_cli([str(p) for p in sorted(SEED_TEXTS.glob("00[01]*"))] + ["--model", str(trained_dir)], capsys)
    assert rc == 0 and len(json.loads(arr)) == 2


def test_standard_input(trained_dir):
    text = next(SEED_TEXTS.glob("003*")).read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "model.predict", "-", "--model", str(trained_dir)], input=text.encode(),
                       capture_output=True, cwd=REPO, timeout=300, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    doc = json.loads(r.stdout)
    assert doc["id"] == "stdin" and doc["text"] == text
    assert_offset_exact(doc)


@pytest.mark.parametrize("content, message", [
    (None, "no such file or directory"),
    (b"\xd8\xa7\xd9\x84 ok \xff\xfe", "not valid UTF-8 at byte 8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_bad_inputs_exit_nonzero_with_a_message_naming_the_file(tmp_path, capsys, trained_dir, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    out_file = tmp_path / "out.json"
    rc, out, err = run_cli([str(path), "--model", str(trained_dir), "--output", str(out_file)], capsys)
    assert rc == 2 and str(path) in err and message in err and "Traceback" not in err
    assert not out_file.exists()


def test_directory_without_text_files(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("x")
    rc, _, err = run_cli([str(tmp_path)], capsys)
    assert rc == 2 and "no .txt files" in err


def test_empty_and_whitespace_files_give_empty_results(tmp_path, capsys, trained_dir):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_text("  \n\t ", encoding="utf-8")
    rc, out, _ = run_cli([str(tmp_path), "--model", str(trained_dir)], capsys)
    docs = json.loads(out)
    assert rc == 0 and [d["entities"] for d in docs] == [[], []] and docs[1]["text"] == "  \n\t "


def test_no_model_and_no_bundled_default_is_a_clear_error(tmp_path, capsys, monkeypatch):
    import model.predict as predict

    monkeypatch.setattr(predict, "DEFAULT_MODEL", tmp_path / "absent")
    (tmp_path / "a.txt").write_text("قال الجيش", encoding="utf-8")
    rc, _, err = run_cli([str(tmp_path / "a.txt")], capsys)
    assert rc == 2 and "--model" in err


def test_offline_hub_id_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("قال الجيش", encoding="utf-8")
    rc, _, err = run_cli([str(tmp_path / "a.txt"), "--model", "CAMeL-Lab/bert-base-arabic-camelbert-msa"], capsys)
    assert rc == 2 and "CAMeL-Lab/bert-base-arabic-camelbert-msa" in err and "--model DIR" in err


def test_a_one_megabyte_file_is_processed_whole_with_exact_offsets(tmp_path, capsys, trained_dir):
    seed = next(SEED_TEXTS.glob("000*")).read_text(encoding="utf-8")
    text = (seed + "\n") * (1_000_000 // len(seed.encode()) + 1)
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 1_000_000
    rc, out, _ = run_cli([str(path), "--model", str(trained_dir), "--batch-size", "32"], capsys)
    doc = json.loads(out)
    assert rc == 0 and doc["text"] == text
    assert_offset_exact(doc)
    assert doc["entities"][-1]["start"] > len(text) - len(seed) - 1  # spans found up to the very end


def test_streaming_jsonl_resumes_after_an_interruption(tmp_path, capsys, trained_dir):
    seeds = sorted(SEED_TEXTS.glob("*.txt"))
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                           for i, p in enumerate(seeds * 2)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli(["--input-jsonl", str(inp), "--output", str(out), "--model", str(trained_dir), "--chunk", "3"],
                   capsys)[0] == 0
    full = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in full] == [f"d{i}" for i in range(10)]
    # simulate an interruption: four complete lines and half of the fifth
    out.write_text("\n".join(full[:4]) + "\n" + full[4][: len(full[4]) // 2], encoding="utf-8")
    assert run_cli(["--input-jsonl", str(inp), "--output", str(out), "--model", str(trained_dir)], capsys)[0] == 0
    again = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in again] == [f"d{i}" for i in range(10)]
    assert again == full  # same predictions, nothing lost or duplicated


def test_python_api(trained_dir):
    from model import Extractor

    ex = Extractor.from_pretrained(str(trained_dir), device="cpu")
    text = next(SEED_TEXTS.glob("004*")).read_text(encoding="utf-8")
    (doc,) = ex([text])
    single = ex(text)[0]
    assert doc.to_dict() == single.to_dict()
    assert all(text[e.start:e.end] == e.text for e in doc.entities)


def test_accelerate_launch_splits_the_input_and_merges_the_same_output(tmp_path, capsys, trained_dir):
    seeds = sorted(SEED_TEXTS.glob("*.txt"))
    inp = tmp_path / "in.jsonl"
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                           for i, p in enumerate(seeds + seeds[:2])), encoding="utf-8")
    single = tmp_path / "single.jsonl"
    assert run_cli(["--input-jsonl", str(inp), "--output", str(single), "--model", str(trained_dir)], capsys)[0] == 0
    multi = tmp_path / "multi.jsonl"
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--cpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "model.predict", "--input-jsonl", str(inp),
           "--output", str(multi), "--model", str(trained_dir), "--chunk", "2"]
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, HF_HUB_OFFLINE="1", OMP_NUM_THREADS="1"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert multi.read_text(encoding="utf-8") == single.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".multi.jsonl.part*"))


def test_bundled_default_model_loads_and_predicts_offline(capsys):
    from model.predict import DEFAULT_MODEL

    if not (DEFAULT_MODEL / "config.json").exists():
        pytest.skip("no bundled default model in this checkout")
    assert sum(f.stat().st_size for f in DEFAULT_MODEL.iterdir()) <= 64 * 2**20  # issue 9: the bundled model may take up to 64 MB
    rc, out, err = run_cli([str(REPO / "samples" / "seed-000.txt")], capsys)
    assert rc == 0, err
    doc = json.loads(out)
    assert_offset_exact(doc)
    assert len(doc["entities"]) > 20 and doc["relations"]
