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
    try:
        rc = main(args)
    except SystemExit as stop:  # argparse: usage errors exit with status 2
        rc = stop.code
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
        # each trigger in exactly one event record, or listed as naming no real event (model.factuality)
        mentions = [m for ev in doc["events"] for m in ev["mentions"]] + [n["mention"] for n in doc["non_events"]]
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
    """The same output although the two runs batch different documents together (chunks of 2 in two processes of
    one thread, chunks of 256 in one process): windows are batched by padded length (model.windows.batch_windows)."""
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
    read = lambda p: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]  # noqa: E731
    # Stated tolerance: one unit of the 4th decimal the output is rounded to (the flaky case was 0.5158 vs
    # 0.5159); everything else identical. With batch_windows the two files are byte-identical in practice.
    assert same_predictions(read(multi), read(single), 1e-4 + 1e-9)
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


def test_bundled_model_reads_seed_000_as_one_joint_raid(capsys):
    """Issue 10's end-to-end case: one joint raid, 15 ISIS fighters killed, 7 US soldiers wounded (5 + 2), the
    Thursday before the Saturday statement, western Iraq, US and Iraqi forces against ISIS, CENTCOM and AP."""
    import csv
    import io

    from model.predict import DEFAULT_MODEL

    if not (DEFAULT_MODEL / "config.json").exists():
        pytest.skip("no bundled default model in this checkout")
    rc, out, err = run_cli([str(REPO / "samples" / "seed-000.txt"), "--format", "csv", "--date", "2024-03-16"], capsys)
    assert rc == 0, err
    raids = [r for r in csv.DictReader(io.StringIO(out)) if r["killed"] == "15"]
    assert len(raids) == 1  # the headline, the lead and the body's mentions in one record
    raid = raids[0]
    assert (raid["wounded"], raid["event_date"], raid["country"], raid["place"]) == ("7", "2024-03-14", "IQ", "غربي العراق")
    actor1, actor2, sources = (raid[k].split("; ") for k in ("actor1", "actor2", "sources"))
    assert any("الأميركي" in a for a in actor1) and any("العراقي" in a for a in actor1)
    assert "داعش" in actor2
    assert {"القيادة المركزية الأميركية", "وكالة أسوشيتد برس"} <= set(sources)


# ---- what users actually feed it (issue 13) ----------------------------------------------------------------------------
def seed_text(n: int = 0) -> str:
    return next(SEED_TEXTS.glob(f"{n:03d}*")).read_text(encoding="utf-8")


def write_jsonl_input(path, docs):
    path.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in docs),
                    encoding="utf-8")
    return path


@pytest.fixture
def no_model_load(monkeypatch):
    """Fails the test if the model is loaded: the checks must come first."""
    import model.predict as predict

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded before the input/option check")

    monkeypatch.setattr(predict, "load_extractor", refuse)


def test_duplicate_ids_in_input_jsonl_are_refused_before_anything_runs(tmp_path, capsys, trained_dir, no_model_load):
    inp = write_jsonl_input(tmp_path / "in.jsonl", [("a", "قال الجيش"), ("b", "مقتل 15"), ("a", "نص آخر")])
    out = tmp_path / "out.jsonl"
    rc, _, err = run_cli(["--input-jsonl", str(inp), "--output", str(out), "--model", str(trained_dir)], capsys)
    assert rc == 2 and f"{inp}:3" in err and "'a'" in err and "line 1" in err and "Traceback" not in err
    assert not out.exists()


def test_resume_keeps_a_complete_last_line_that_lacks_its_newline(tmp_path, capsys, trained_dir):
    inp = write_jsonl_input(tmp_path / "in.jsonl", [(f"d{i}", seed_text(i)) for i in range(4)])
    out = tmp_path / "out.jsonl"
    args = ["--input-jsonl", str(inp), "--output", str(out), "--model", str(trained_dir)]
    assert run_cli(args, capsys)[0] == 0
    full = out.read_text(encoding="utf-8").splitlines()
    marked = json.loads(full[1])
    marked["meta"] = {"kept": True}  # a mark that a recomputation would not reproduce
    out.write_text(full[0] + "\n" + json.dumps(marked, ensure_ascii=False), encoding="utf-8")  # no final newline
    rc, _, err = run_cli(args, capsys)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert rc == 0 and out.read_text(encoding="utf-8").endswith("\n") and "incomplete" not in err
    assert [json.loads(x)["id"] for x in lines] == ["d0", "d1", "d2", "d3"]  # valid JSONL, nothing glued
    assert json.loads(lines[1])["meta"] == {"kept": True} and lines[2:] == full[2:]


def test_resume_refuses_an_output_with_a_bad_line_before_the_last(tmp_path, capsys, trained_dir, no_model_load):
    inp = write_jsonl_input(tmp_path / "in.jsonl", [("d0", "قال الجيش"), ("d1", "مقتل 15")])
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "d0"}\nnot json\n{"id": "x"}\n', encoding="utf-8")
    before = out.read_bytes()
    rc, _, err = run_cli(["--input-jsonl", str(inp), "--output", str(out), "--model", str(trained_dir)], capsys)
    assert rc == 2 and f"{out}:2" in err and out.read_bytes() == before


def _immutable(path):
    """Make `path` unwritable even for root (chattr +i) or by mode for other users; returns an undo function."""
    if os.geteuid() == 0:
        r = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if r.returncode != 0:
            pytest.skip(f"running as root and chattr +i failed ({r.stderr.decode().strip()}): cannot make a "
                        "read-only directory")
        return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    return lambda: path.chmod(mode)


@pytest.mark.parametrize("case", ["read-only directory", "parent is a file", "jsonl output not writable",
                                  "output is a directory"])
def test_unwritable_outputs_fail_before_the_model_loads(tmp_path, capsys, trained_dir, no_model_load, case):
    src = tmp_path / "a.txt"
    src.write_text("قال الجيش", encoding="utf-8")
    inp = write_jsonl_input(tmp_path / "in.jsonl", [("d0", "قال الجيش")])
    locked, undo = tmp_path / "locked", None
    locked.mkdir()
    if case == "read-only directory":
        undo = _immutable(locked)
        args, message = [str(src), "--output", str(locked / "out.json")], "cannot write the output"
    elif case == "parent is a file":
        args, message = [str(src), "--output", str(src / "out.json")], "is a file, not a directory"
    elif case == "jsonl output not writable":
        out = locked / "out.jsonl"
        out.write_text("", encoding="utf-8")
        undo = _immutable(out)
        args, message = ["--input-jsonl", str(inp), "--output", str(out)], "cannot write the output"
    else:
        args, message = [str(src), "--output", str(locked)], "is a directory"
    try:
        rc, _, err = run_cli(args + ["--model", str(trained_dir)], capsys)
    finally:
        if undo:
            undo()
    assert rc == 2 and message in err and "Traceback" not in err, err
    assert sorted(p.name for p in locked.iterdir()) == (["out.jsonl"] if case == "jsonl output not writable" else [])


@pytest.mark.parametrize("option, message", [
    (["--device", "gpu"], "--device gpu: not a device name"),
    (["--device", "cuda"], "--device cuda: CUDA is not available"),
    (["--device", "cpu", "--batch-size", "0"], "--batch-size: must be at least 1"),
    (["--chunk", "-3"], "--chunk: must be at least 1"),
    (["--batch-size", "many"], "--batch-size: expected a whole number"),
    (["--date", "yesterday"], "--date 'yesterday': expected YYYY-MM-DD"),
])
def test_bad_options_are_clear_errors_before_the_model_loads(tmp_path, capsys, trained_dir, no_model_load, option,
                                                            message):
    import torch

    if option[:2] == ["--device", "cuda"] and torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    src = tmp_path / "a.txt"
    src.write_text("قال الجيش", encoding="utf-8")
    rc, _, err = run_cli([str(src), "--model", str(trained_dir), "--output", str(tmp_path / "o.json")] + option,
                         capsys)
    assert rc == 2 and message in err and "Traceback" not in err, err
    assert not (tmp_path / "o.json").exists()


def test_model_paths_fail_fast_with_what_is_missing(tmp_path, capsys, no_model_load):
    src = tmp_path / "a.txt"
    src.write_text("قال الجيش", encoding="utf-8")
    rc, _, err = run_cli([str(src), "--model", "/no/such/dir"], capsys)
    assert rc == 2 and "/no/such/dir: no such directory" in err and "Repo id" not in err
    (tmp_path / "empty").mkdir()
    rc, _, err = run_cli([str(src), "--model", str(tmp_path / "empty")], capsys)
    assert rc == 2 and "not a model directory (no config.json)" in err


def test_a_missing_local_model_without_offline_mode_does_not_retry_the_hub(tmp_path):
    """Without HF_HUB_OFFLINE `runs/demo` looks like a hub id; the hub is asked once (a few seconds at most), not
    retried for a minute, and the message says there is no such directory."""
    src = tmp_path / "a.txt"
    src.write_text("قال الجيش", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    r = subprocess.run([sys.executable, "-m", "model.predict", str(src), "--model", "runs/demo"], cwd=tmp_path,
                       env=dict(env, PYTHONPATH=str(REPO)), capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "runs/demo: no such directory" in r.stderr, r.stderr[-2000:]
    assert "Retry" not in r.stderr and "Traceback" not in r.stderr and "--model DIR" in r.stderr


def test_output_files_get_the_umask_mode(tmp_path, capsys, trained_dir):
    src = tmp_path / "a.txt"
    src.write_text("قال الجيش", encoding="utf-8")
    old = os.umask(0o022)
    try:
        assert run_cli([str(src), "--model", str(trained_dir), "--output", str(tmp_path / "o.json")], capsys)[0] == 0
        (tmp_path / "kept.json").write_text("{}")
        (tmp_path / "kept.json").chmod(0o640)
        assert run_cli([str(src), "--model", str(trained_dir), "--output", str(tmp_path / "kept.json")], capsys)[0] == 0
    finally:
        os.umask(old)
    assert (tmp_path / "o.json").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "kept.json").stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode
    assert not list(tmp_path.glob(".*.tmp")) and not list(tmp_path.glob(".*.check"))


def test_text_format_keeps_one_entity_per_line_when_a_span_crosses_a_newline_or_tab():
    from model.document import Document, Entity, Relation
    from model.predict import render_text

    text = "قال الجيش\nالعراقي\tفي بغداد \\ أمس"
    doc = Document("x\ny", text, [Entity("T1", "ORG", 4, 17, text[4:17], 0.9),
                                  Entity("T2", "GPE", 21, 33, text[21:33], 0.8)],
                   [Relation("LOCATED_IN", "T1", "T2", 0.5)], extra={"events": []})
    lines = render_text(doc).split("\n")
    assert len(lines) == 4 and lines[0] == "# x\\ny"
    assert lines[1].split("\t") == ["T1", "ORG", "4-17", "0.900", "الجيش\\nالعراقي"]
    assert lines[2].split("\t")[-1] == "بغداد \\\\ أمس"
    assert lines[3].split("\t")[1] == "T1 الجيش\\nالعراقي -> T2 بغداد \\\\ أمس"


def test_text_format_lists_the_triggers_that_name_no_event():
    from model.document import Document, Entity
    from model.events import attach_events
    from model.predict import render_text

    text = "مشيراً إلى أن وقف إطلاق النار سيستمر لأسبوع"  # AL-internationalNews-1537
    start = text.index("إطلاق")
    doc = attach_events(Document("x", text, [Entity("T1", "ATTACK", start, start + 5, "إطلاق", 0.9)], []))
    assert doc.extra["events"] == []
    assert render_text(doc).split("\n")[-1].split("\t") == ["NOT AN EVENT", "T1", "ceasefire", "إطلاق"]


def test_warns_when_a_text_has_almost_no_arabic_letters(tmp_path, capsys, caplog, trained_dir):
    (tmp_path / "en.txt").write_text("The army said fifteen fighters were killed in the west.", encoding="utf-8")
    (tmp_path / "ar.txt").write_text(seed_text(0)[:300] + " (CNN, Reuters)", encoding="utf-8")
    with caplog.at_level("WARNING", logger="model.predict"):
        rc, out, _ = run_cli([str(tmp_path), "--model", str(trained_dir), "--format", "jsonl"], capsys)
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert rc == 0 and len(out.splitlines()) == 2  # a warning, not a failure
    assert len(warned) == 1 and "en.txt" in warned[0] and "0% of its 45 letters are Arabic" in warned[0]


def _predict(trained_dir, text):
    from model.extractor import Extractor

    return Extractor.from_pretrained(str(trained_dir), device="cpu")(text)[0]


def test_zero_width_joiners_inside_words_do_not_split_them(trained_dir):
    text = seed_text(0)
    plain = _predict(trained_dir, text)
    assert len(plain.entities) > 20
    inserts = sorted({e.start + 2 for e in plain.entities if e.end - e.start > 3})  # a joiner inside every long span
    marked, shift = "", 0
    for k, i in enumerate(inserts):
        marked += text[shift:i] + ("\u200c" if k % 2 else "\u200d")
        shift = i
    marked += text[shift:]
    noisy = _predict(trained_dir, marked)

    def back(doc):  # offsets of the marked text -> offsets of the plain text
        return [(e.start - sum(i < e.start for i in inserts_m), e.end - sum(i < e.end for i in inserts_m), e.label)
                for e in doc.entities]

    inserts_m = [i + k for k, i in enumerate(inserts)]  # where the marks sit in the marked text
    assert back(noisy) == [(e.start, e.end, e.label) for e in plain.entities]
    assert all(marked[e.start:e.end] == e.text for e in noisy.entities)


def test_arabic_indic_and_persian_digits_read_like_latin_digits(trained_dir):
    text = seed_text(0)
    assert any(c.isdigit() for c in text)
    latin = _predict(trained_dir, text)
    for digits in ("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"):
        other = _predict(trained_dir, text.translate(str.maketrans("0123456789", digits)))
        assert [(e.start, e.end, e.label) for e in other.entities] == [(e.start, e.end, e.label) for e in latin.entities]
        assert [(r.head, r.tail, r.label) for r in other.relations] == [(r.head, r.tail, r.label) for r in latin.relations]


def test_presentation_forms_give_the_same_spans_with_proclitics_outside(trained_dir):
    import unicodedata

    forms = {}  # letter -> its isolated presentation form (one character for one, so offsets do not move)
    for cp in range(0xFE70, 0xFEFD):
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(n) == 1 and "ISOLATED" in unicodedata.name(chr(cp), "") and n not in forms:
            forms[n] = chr(cp)
    text = seed_text(0)
    shown = text.translate(str.maketrans(forms))
    assert shown != text and len(shown) == len(text)
    plain, pres = _predict(trained_dir, text), _predict(trained_dir, shown)
    clitic = [e for e in plain.entities if e.start > 1 and text[e.start - 1] in "وبلفك" and text[e.start - 2].isspace()]
    assert clitic, "seed 000 has spans after a proclitic (والعراق, لداعش)"
    assert [(e.start, e.end, e.label) for e in pres.entities] == [(e.start, e.end, e.label) for e in plain.entities]


def same_predictions(a: list[dict], b: list[dict], tol: float) -> bool:
    """Same ids, spans, labels, relations and event mentions; scores within `tol`."""
    def skeleton(d):
        return (d["id"], [(e["id"], e["label"], e["start"], e["end"]) for e in d["entities"]],
                [(r["label"], r["head"], r["tail"]) for r in d["relations"]],
                [sorted(ev.get("mentions", [])) for ev in d.get("events", [])])

    def scores(d):
        return [x["score"] for x in d["entities"] + d["relations"]]

    return [skeleton(d) for d in a] == [skeleton(d) for d in b] and all(
        abs(x - y) <= tol for da, db in zip(a, b) for x, y in zip(scores(da), scores(db)))


def test_a_documents_output_does_not_depend_on_its_batch(trained_dir, tokenizer):
    """Each window is padded to a length of its own (model.windows.batch_windows), so a document's windows are
    computed with the same shapes whatever shares their batch. On this project's CPU machines that makes the raw
    scores bit-identical (measured: 0.0 difference over repeated runs with 1, 2 and 4 threads); one full-suite run
    saw a difference all the same, so scores are compared with a stated tolerance of 1e-6 (float32 rounding of the
    encoder's sums; the old batching differed by up to 5e-7 *and* in its padded shapes, checked first)."""
    from model.extractor import Extractor
    from model.windows import batch_windows, encode_documents, make_windows

    texts = [seed_text(i) for i in range(5)] + [seed_text(i)[:250] for i in range(5)] + ["قال الجيش إن 15 قتلوا"]

    def shapes(group, batch_size):  # (document, window start) -> padded length of the batch it runs in
        encs = encode_documents([texts[i] for i in group], tokenizer)
        wins = [w for k, e in enumerate(encs) for w in make_windows(e, k, 126, 32)]
        return {(group[w.doc], w.start): length for batch, length in batch_windows(wins, batch_size, 128)
                for w in batch}

    alone_shapes = {}
    for i in range(len(texts)):
        alone_shapes.update(shapes([i], 16))
    assert shapes(list(range(len(texts))), 16) == alone_shapes == shapes(list(range(len(texts)))[::-1], 3)

    def unrounded(doc) -> dict:  # to_dict() rounds scores to 4 decimals
        d = doc.to_dict()
        for item, obj in zip(d["entities"] + d["relations"], doc.entities + doc.relations):
            item["score"] = float(obj.score)
        return d

    ex = Extractor.from_pretrained(str(trained_dir), device="cpu")
    ids = [f"doc-{i}" for i in range(len(texts))]
    alone = [unrounded(ex(t, ids=[i])[0]) for t, i in zip(texts, ids)]
    assert sum(len(d["entities"]) for d in alone) > 50
    assert same_predictions([unrounded(d) for d in ex(texts)], alone, 1e-6)
    ex.batch_size = 3
    assert same_predictions([unrounded(d) for d in ex(texts[::-1], ids=ids[::-1])][::-1], alone, 1e-6)


def test_progress_bar_for_file_inputs_only_on_a_terminal_and_not_with_quiet(tmp_path, trained_dir):
    import fcntl
    import pty
    import struct
    import termios

    src = tmp_path / "big.txt"
    src.write_text((seed_text(0) + "\n") * 8, encoding="utf-8")

    def stderr_of(extra, tty):
        cmd = [sys.executable, "-m", "model.predict", str(src), "--model", str(trained_dir), "--output",
               str(tmp_path / "o.json"), "--batch-size", "2"] + extra
        env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(REPO))
        if not tty:
            return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300).stderr
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
        proc = subprocess.Popen(cmd, env=env, stderr=follower, stdout=subprocess.DEVNULL)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        assert proc.wait(timeout=300) == 0
        os.close(leader)
        return b"".join(chunks).decode("utf-8", "replace")

    shown = stderr_of([], tty=True)
    assert "windows" in shown and "%|" in shown
    assert "%|" not in stderr_of(["--quiet"], tty=True)
    assert "%|" not in stderr_of([], tty=False)


def test_predicting_needs_none_of_the_training_dependencies(tmp_path, trained_dir):
    """The base install (no datasets, accelerate, seqeval) runs python -m model.predict: here they are made
    unimportable as if not installed."""
    src = tmp_path / "a.txt"
    src.write_text(seed_text(1), encoding="utf-8")
    code = ("import sys\nfor m in ('datasets', 'accelerate', 'seqeval'): sys.modules[m] = None\n"
            "from model.predict import main\nsys.exit(main(sys.argv[1:]))")
    r = subprocess.run([sys.executable, "-c", code, str(src), "--model", str(trained_dir), "--format", "html",
                        "--output", str(tmp_path / "o.html")], cwd=REPO, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert 'dir="rtl"' in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_readme_python_api_example_runs_on_a_clone():
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "README has a Python API example"
    r = subprocess.run([sys.executable, "-c", blocks[0]], cwd=REPO, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, HF_HUB_OFFLINE="1"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip(), "the example prints what it found"
