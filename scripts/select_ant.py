"""Select armed-conflict reports from the ANT corpus for annotation, spread over outlets and theatres.

    python scripts/select_ant.py --corpus ../shared/corpora/ant/ant_v2.1.jsonl.xz --n 150 --out annotations/selection.tsv

Deterministic for a given --seed. Writes the chosen ids in order, each with its outlet, theatre, word count, split
(about 70/15/15, stratified by outlet), whether it is one of the double-annotated agreement articles, and title.
Rerun with a larger --n to extend the list: the first N rows of a longer run are the same as a shorter run's.
"""
from __future__ import annotations

import argparse
import collections
import json
import lzma
import random
import re
from pathlib import Path

EVENT_WORDS = re.compile(
    r"(?:مقتل|قتل|قتلى|غارة|غارات|هجوم|هجمات|اشتباك|اشتباكات|تفجير|انفجار|مسلح|قصف|اعتقال|القبض على|"
    r"ضربات|ضربة|جرحى|إصابة|أصيب|مصرع|اختطاف|كمين|عبوة ناسفة|انتحاري|صاروخ)")
THEATRES = {
    "Iraq": r"العراق|بغداد|الموصل|الأنبار|كركوك|ديالى|صلاح الدين|نينوى",
    "Syria": r"سوريا|سورية|دمشق|حلب|إدلب|الرقة|دير الزور|درعا|الغوطة|عفرين",
    "Yemen": r"اليمن|الحوثي|صنعاء|الحديدة|عدن|تعز|مأرب",
    "Libya": r"ليبيا|طرابلس|بنغازي|درنة|سرت|مصراتة",
    "Afghanistan": r"أفغانستان|طالبان|كابل|قندهار|هلمند",
    "Somalia": r"الصومال|مقديشو|الشباب",
    "Sahel-Nigeria": r"نيجيريا|بوكو حرام|مالي|النيجر|بوركينا|تشاد|الساحل",
    "Israel-Palestine": r"غزة|إسرائيل|الإسرائيلي|الفلسطيني|الضفة الغربية|القدس",
    "Egypt": r"سيناء|مصر|المصري",
    "Other": r".",
}
OUTLETS = {"BBC": "BBC", "CNN": "CNN", "france24": "France24", "alarabia": "AlArabiya", "skynews": "SkyNews"}


def theatre_of(text: str) -> str:
    counts = {t: len(re.findall(p, text)) for t, p in THEATRES.items() if t != "Other"}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else "Other"


def candidates(corpus: Path, min_words: int, max_words: int, min_events: int) -> list[dict]:
    seen_titles, out = set(), []
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["category"] not in ("middleEast", "internationalNews"):
                continue
            text = d["text"].strip()
            n_words = len(text.split())
            if not min_words <= n_words <= max_words or d["title"] in seen_titles:
                continue
            n_events = len(EVENT_WORDS.findall(text))
            if n_events < min_events:
                continue
            seen_titles.add(d["title"])
            out.append({"id": d["id"], "outlet": OUTLETS[d["source"]], "theatre": theatre_of(text),
                        "words": n_words, "events": n_events, "title": d["title"].replace("\t", " ")})
    return out


def select(cands: list[dict], n: int, seed: int) -> list[dict]:
    """Round-robin over (outlet, theatre) cells in a seeded order, so outlets and theatres are spread evenly."""
    rng = random.Random(seed)
    cells = collections.defaultdict(list)
    for c in sorted(cands, key=lambda c: c["id"]):
        cells[(c["outlet"], c["theatre"])].append(c)
    for v in cells.values():
        rng.shuffle(v)
    keys = sorted(cells)
    rng.shuffle(keys)
    chosen = []
    while len(chosen) < n and any(cells.values()):
        for k in keys:
            if cells[k] and len(chosen) < n:
                chosen.append(cells[k].pop())
    return chosen


def assign_splits(chosen: list[dict], seed: int, n_double: int) -> None:
    """Split ~70/15/15 within each outlet, by position in a seeded shuffle; mark n_double articles for agreement."""
    rng = random.Random(seed + 1)
    by_outlet = collections.defaultdict(list)
    for c in chosen:
        by_outlet[c["outlet"]].append(c)
    for docs in by_outlet.values():
        order = list(range(len(docs)))
        rng.shuffle(order)
        for rank, i in enumerate(order):
            frac = rank / len(docs)
            docs[i]["split"] = "train" if frac < 0.70 else "dev" if frac < 0.85 else "test"
    for c in rng.sample(chosen, n_double):
        c["double"] = 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpora/ant/ant_v2.1.jsonl.xz")
    ap.add_argument("--n", type=int, default=150)
    ap.add_argument("--double", type=int, default=25, help="articles annotated twice for agreement")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-words", type=int, default=150)
    ap.add_argument("--max-words", type=int, default=600)
    ap.add_argument("--min-events", type=int, default=4, help="conflict-event keyword hits an article needs")
    ap.add_argument("--out", default="annotations/selection.tsv")
    args = ap.parse_args()
    chosen = select(candidates(Path(args.corpus), args.min_words, args.max_words, args.min_events), args.n, args.seed)
    assign_splits(chosen, args.seed, args.double)
    cols = ["id", "outlet", "theatre", "words", "split", "double", "title"]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for c in chosen:
            f.write("\t".join(str(c.get(k, 0)) for k in cols) + "\n")
    print(collections.Counter(c["outlet"] for c in chosen), collections.Counter(c["theatre"] for c in chosen),
          collections.Counter(c["split"] for c in chosen))


if __name__ == "__main__":
    main()
