"""One test per validator check, each showing the check catches its defect."""
import copy
import json

import pytest

from training.validate import check_document, main, validate_paths

TEXT = "قال الجيش الأميركي إن غارة لداعش قتلت 15 مسلحاً في بغداد"


def good_doc() -> dict:
    def ent(i, label, s):
        return {"id": f"T{i}", "label": label, "start": TEXT.index(s), "end": TEXT.index(s) + len(s), "text": s}

    ents = [ent(1, "ORG", "الجيش الأميركي"), ent(2, "ATTACK", "غارة"), ent(3, "ORG", "داعش"), ent(4, "KILL", "قتلت"),
            ent(5, "GROUP", "15 مسلحاً"), ent(6, "GPE", "بغداد")]
    rels = [{"label": "SOURCE", "head": "T2", "tail": "T1"}, {"label": "VICTIM", "head": "T4", "tail": "T5"},
            {"label": "PLACE", "head": "T4", "tail": "T6"}, {"label": "RESULT_OF", "head": "T4", "tail": "T2"}]
    return {"id": "d1", "text": TEXT, "meta": {}, "status": "gold", "entities": ents, "relations": rels}


def errors_of(doc):
    return check_document(doc)[0]


def test_good_document_passes():
    assert check_document(good_doc()) == ([], [])


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d.update(text="   "), "empty text"),
    (lambda d: d["entities"][0].update(end=999), "out of range"),
    (lambda d: d["entities"][0].update(start=d["entities"][0]["start"] + 1), "is '"),
    (lambda d: d["entities"].append(dict(d["entities"][0], id="T9")), "duplicate span"),
    (lambda d: d["entities"].append({"id": "T9", "label": "ORG", "start": 4, "end": 9, "text": TEXT[4:9]}), "overlapping"),
    (lambda d: d["entities"][0].update(start=3, text=TEXT[3:d["entities"][0]["end"]]), "white space"),
    (lambda d: d["entities"][0].update(label="PERSON"), "unknown label"),
    (lambda d: d["relations"].append({"label": "VICTIM", "head": "T4", "tail": "T99"}), "names no entity"),
    (lambda d: d["relations"].append({"label": "ATTACKER", "head": "T4", "tail": "T1"}), "does not allow"),
    (lambda d: d["relations"].append(dict(d["relations"][0])), "duplicate relation"),
    (lambda d: d["relations"].append({"label": "KINSHIP", "head": "T1", "tail": "T3"}), "unknown relation"),
    (lambda d: d["entities"].append(dict(d["entities"][0])), "duplicate entity id"),
    (lambda d: d.update(status="final"), "status"),
])
def test_each_check_catches_its_defect(mutate, expected):
    doc = copy.deepcopy(good_doc())
    mutate(doc)
    assert any(expected in e for e in errors_of(doc)), errors_of(doc)


def test_quotes_stay_outside_but_inner_quotes_of_a_name_are_kept():
    text = 'ضد تنظيم "داعش" في "سنتكوم"'
    s = text.index("تنظيم")
    doc = {"id": "q", "text": text, "status": "gold", "relations": [], "entities": [
        {"id": "T1", "label": "ORG", "start": s, "end": s + 12, "text": text[s:s + 12]}]}
    assert doc["entities"][0]["text"] == 'تنظيم "داعش"'
    assert errors_of(doc) == []  # تنظيم "داعش" with its inner quotes
    s = text.index('"سنتكوم"')
    doc["entities"] = [{"id": "T1", "label": "ORG", "start": s, "end": s + 8, "text": text[s:s + 8]}]
    assert any("quotes" in e for e in errors_of(doc))


def test_warns_on_proclitic_before_article_without_failing():
    text = "قال والعراق وكالة الأنباء"
    doc = {"id": "w", "text": text, "status": "gold", "relations": [], "entities": [
        {"id": "T1", "label": "GPE", "start": 4, "end": 11, "text": "والعراق"},
        {"id": "T2", "label": "ORG", "start": 12, "end": 25, "text": "وكالة الأنباء"}]}
    errors, warnings = check_document(doc)
    assert errors == [] and len(warnings) == 1 and "والعراق" in warnings[0]


def test_file_level_checks_report_every_problem_with_location(tmp_path):
    p = tmp_path / "a.jsonl"
    bad = good_doc()
    bad["entities"][0]["end"] = 999
    p.write_text("\n".join([json.dumps(good_doc()), "{oops", json.dumps(good_doc()), json.dumps(bad | {"id": "d2"})]),
                 encoding="utf-8")
    problems, n = validate_paths([p])
    msgs = [str(x) for x in problems]
    assert n == 3
    assert any(m.startswith(f"{p}:2 -: not valid JSON") for m in msgs)
    assert any(m.startswith(f"{p}:3 d1: duplicate document id") for m in msgs)
    assert any(m.startswith(f"{p}:4 d2:") and "out of range" in m for m in msgs)


def test_gold_annotations_pass_and_a_shifted_offset_fails_naming_the_document(tmp_path, capsys):
    from conftest import REPO

    assert main([str(REPO / "annotations")]) == 0
    lines = (REPO / "annotations" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    doc = json.loads(lines[2])
    doc["entities"][5]["start"] += 1
    lines[2] = json.dumps(doc, ensure_ascii=False)
    (tmp_path / "copy.jsonl").write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main([str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"copy.jsonl:3 {doc['id']}:" in out
