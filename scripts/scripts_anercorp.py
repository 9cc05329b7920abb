"""ANERcorp and the CAMeL Lab train/test split (shared by scripts/anercorp.py and scripts/pretrain_corpus.py).

The CAMeL Lab train half is given as sentences (`camel_train_sentences.csv`, 3,973 rows with `num_words`); it is
the beginning of `ANERCorp.txt`. The boundary is therefore the sum of `num_words` over the CSV: every token before
it is train, every token after it is test. `anercorp_split` checks that the CSV's tokens equal the file's first
tokens and reports the boundary; the test half (no sentence breaks in the file) is cut into sentences after each
token that ends with `.`, `؟` or `!`.

The two files are read from `../shared/corpora/anercorp` beside the checkout, or from the folder that the
environment variable `ANERCORP_DIR` names (a copy elsewhere, such as on a GPU machine).
"""
from __future__ import annotations

import ast
import csv
import os
import re
import unicodedata
from pathlib import Path

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")


def _key(word: str) -> str:
    """Comparison key: the CSV and the file sometimes order combining marks differently."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", word))

SHARED = Path(os.environ.get("ANERCORP_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpora" / "anercorp")


def read_tokens(path: Path = SHARED / "ANERCorp.txt") -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").rsplit(" ", 1)
            if len(parts) == 2 and parts[1].strip():
                # some lines carry "X  O" (an extra space); some have an empty token where the CSV has "-"
                out.append((parts[0].strip() or "-", parts[1].strip()))
    return out


def anercorp_split() -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
    """(train sentences, test sentences) as lists of (token, tag). Train: the CSV's sentences with their tags. The
    file and the CSV tokenize a few places differently (the CSV drops most sentence-final stops, splits
    `الأمن1706`), so the boundary is found by locating the CSV's last eight words as a run in the file; the file
    tokens after that run (and its closing stop) are the test half. The first eight words are checked too."""
    tokens = read_tokens()
    with open(SHARED / "camel_train_sentences.csv", encoding="utf-8") as f:
        train = [list(zip(r["sentence"].split(), ast.literal_eval(r["entities"]))) for r in csv.DictReader(f)]
    words = [w for sent in train for w, _ in sent]
    keys = [_key(t) for t, _ in tokens]
    if [_key(w) for w in words[:8]] != keys[:8]:
        raise ValueError("ANERcorp split: the CSV does not start where ANERCorp.txt starts")
    tail = [_key(w) for w in words[-8:]]
    ends = [i + 8 for i in range(len(keys) - 8) if keys[i:i + 8] == tail]
    if len(ends) != 1:
        raise ValueError(f"ANERcorp split: the CSV's last words occur {len(ends)} times in the file")
    pos = ends[0]
    while pos < len(tokens) and tokens[pos][0] in (".", "؟", "!"):
        pos += 1
    test, cur = [], []
    for tok, tag in tokens[pos:]:
        cur.append((tok, tag))
        if tok.endswith((".", "؟", "!")) and len(cur) > 1:
            test.append(cur)
            cur = []
    if cur:
        test.append(cur)
    anercorp_split.report = (
        f"ANERCorp.txt: {len(tokens)} tokens. CAMeL train half: {len(train)} CSV sentences, {len(words)} words, "
        f"= file tokens [0, {pos}) (its last 8 words found once, ending at token {ends[0]}). Test half: file tokens "
        f"[{pos}, {len(tokens)}) = {len(tokens) - pos} tokens in {len(test)} sentences.")
    return train, test
