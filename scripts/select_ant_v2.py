"""Select the second batch of ANT articles for annotation (corpus v2, issue 11): more event kinds and theatres,
more ISIS operations, about 10% hard negatives, with splits and an annotation order.

    python scripts/select_ant_v2.py --corpus ../shared/corpora/ant/ant_v2.1.jsonl.xz \
        --previous annotations/selection.tsv --out annotations/selection_v2.tsv

Deterministic for a given --seed. Never picks an article of --previous (by id, title or text). Each candidate gets an
event kind from keyword counts (isis, arrest, kidnapping, bombing, shelling, ambush, execution, clash) or is a hard
negative (sport, economy, politics articles with words such as هجوم، ضربة، اعتقال but no violence vocabulary).
Each kind has a quota; within a kind, articles are drawn round-robin over (theatre, outlet) cells in a seeded order.
Splits are assigned within each kind (test first, then dev, train) so every split has every kind; `order` then
interleaves the splits, test-heavy at the start (4 test : 1 dev : 1 train until the test quota is used, then
dev and train), so any annotated prefix is balanced and the test split fills first. Annotators split the rows by
the parity of `order`.
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import logging
import lzma
import os
import random
import re
import tempfile
from pathlib import Path

log = logging.getLogger("select_ant_v2")

OUTLETS = {"BBC": "BBC", "CNN": "CNN", "france24": "France24", "alarabia": "AlArabiya", "skynews": "SkyNews"}
THEATRES = {
    "Iraq": r"العراق|بغداد|الموصل|الأنبار|كركوك|ديالى|صلاح الدين|نينوى",
    "Syria": r"سوريا|سورية|دمشق|حلب|إدلب|الرقة|دير الزور|درعا|الغوطة|عفرين",
    "Yemen": r"اليمن|الحوثي|صنعاء|الحديدة|عدن|تعز|مأرب",
    "Libya": r"ليبيا|طرابلس|بنغازي|درنة|سرت|مصراتة",
    "Afghanistan-Pakistan": r"أفغانستان|طالبان|كابل|قندهار|هلمند|باكستان|كشمير",
    "Somalia-EastAfrica": r"الصومال|مقديشو|الشباب|كينيا|إثيوبيا|السودان|دارفور",
    "Sahel-Nigeria": r"نيجيريا|بوكو حرام|مالي(?!\w)|النيجر|بوركينا|تشاد(?!\w)|الساحل(?!\w)|الكاميرون|الكونغو",
    "Israel-Palestine": r"غزة|إسرائيل|الإسرائيلي|الفلسطيني|الضفة الغربية|القدس",
    "Egypt": r"سيناء|مصر|المصري",
    "Turkey-Kurds": r"تركيا|التركي|أنقرة|الكردستاني|الأكراد|الكردية",
    "Lebanon-Iran-Gulf": r"لبنان|بيروت|حزب الله|إيران|طهران|السعودية|البحرين|الكويت",
    "Europe-Americas": r"فرنسا|باريس|بريطانيا|لندن|ألمانيا|بلجيكا|إسبانيا|روسيا|أوكرانيا|المكسيك|فنزويلا|البرازيل|"
                       r"كولومبيا|فلوريدا|تكساس|كاليفورنيا|نيويورك|كندا",
    "Asia": r"الفلبين|ميانمار|الروهينغا|إندونيسيا|الهند(?!\w)|بنغلاديش|سريلانكا|الصين",
}
# Event kinds, checked in this order; the first whose count reaches its minimum is the article's kind.
KINDS: list[tuple[str, str, int]] = [
    ("ambush", r"كمين|كمينا", 1),
    ("execution", r"إعدام|أعدم|اعدام|اعدم", 2),
    ("kidnapping", r"اختطاف|اختطف|خطف|مختطف|رهائن|رهينة", 2),
    ("isis", r"داعش|الدولة الإسلامية|تنظيم الدولة", 3),
    ("arrest", r"اعتقال|اعتقل|القبض|احتجاز|احتجز|توقيف", 3),
    ("bombing", r"تفجير|انفجار|عبوة|انتحاري|مفخخ|ناسفة", 3),
    ("shelling", r"قصف|قذائف|قذيفة|هاون|صواريخ|صاروخ|مدفعي", 3),
    ("clash", r"اشتباك|معارك|مواجهات|هجوم|هجمات|مسلح|غارة|غارات", 3),
]
QUOTAS = {"isis": 45, "arrest": 30, "kidnapping": 25, "bombing": 30, "shelling": 30, "ambush": 20, "execution": 20,
          "clash": 25, "negative-sport": 9, "negative-economy": 8, "negative-politics": 8}
VIOLENCE = re.compile(r"قتل|مقتل|قتلى|جرحى|مصرع|إصابة|أصيب|غارة|غارات|انفجار|تفجير|مسلح|قصف|اشتباك|معارك|"
                      r"اعتقال|اعتقل|القبض|عبوة|انتحاري|صاروخ|صواريخ|كمين|اختطاف|خطف|إعدام|داعش|رصاص|جنود")
AMBIGUOUS = re.compile(r"هجوم|هجوما|هجمات|الهجوم|هاجم|ضربة|ضربات|اعتقال|قصف|انفجار|سقوط|اختراق|معركة|قنبلة")
EVENT_WORDS = re.compile(
    r"(?:مقتل|قتل|قتلى|غارة|غارات|هجوم|هجمات|اشتباك|اشتباكات|تفجير|انفجار|مسلح|قصف|اعتقال|القبض على|"
    r"ضربات|ضربة|جرحى|إصابة|أصيب|مصرع|اختطاف|كمين|عبوة ناسفة|انتحاري|صاروخ)")
SPLIT_SHARE = {"test": 48, "dev": 22}  # new documents per split out of 250; the rest is train


# a name counts only at a word start, optionally after one proclitic (so مالي does not match inside الشمالية)
WORD_START = r"(?:(?<![\w])|(?<=(?<![\w])[وفبلك]))"
THEATRE_RES = {t: re.compile(WORD_START + f"(?:{p})") for t, p in THEATRES.items()}


def theatre_of(text: str) -> str:
    counts = {t: len(r.findall(text)) for t, r in THEATRE_RES.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else "Other"


def kind_of(d: dict, text: str) -> str | None:
    """The event kind of a conflict article, `negative-*` for a hard negative, None for neither."""
    cat = d["category"]
    if cat in ("sport", "economy"):
        return f"negative-{cat}" if len(AMBIGUOUS.findall(text)) >= 2 and not VIOLENCE.search(text) else None
    if cat not in ("middleEast", "internationalNews"):
        return None
    n_events = len(EVENT_WORDS.findall(text))
    if n_events >= 4:
        for name, pattern, minimum in KINDS:
            if name == "isis" and n_events < 6:  # ISIS operations like the seeds, not background pieces
                continue
            if len(re.findall(pattern, text)) >= minimum:
                return name
        return None
    if len(AMBIGUOUS.findall(text)) >= 2 and not VIOLENCE.search(text):
        return "negative-politics"
    return None


def load_previous(path: Path, corpus: Path) -> tuple[set[str], set[str], set[str]]:
    with open(path, encoding="utf-8") as f:
        ids = {row["id"] for row in csv.DictReader(f, delimiter="\t")}
    titles, texts = set(), set()
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in ids:
                titles.add(d["title"].strip())
                texts.add(d["text"].strip()[:200])
    return ids, titles, texts


def candidates(corpus: Path, previous: Path, min_words: int, max_words: int) -> list[dict]:
    prev_ids, seen_titles, seen_texts = load_previous(previous, corpus)
    out = []
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = d["text"].strip()
            n_words = len(text.split())
            title, head = d["title"].strip(), text[:200]
            if d["id"] in prev_ids or title in seen_titles or head in seen_texts:
                continue
            if not min_words <= n_words <= max_words:
                continue
            kind = kind_of(d, text)
            if kind is None:
                continue
            seen_titles.add(title)
            seen_texts.add(head)
            out.append({"id": d["id"], "outlet": OUTLETS[d["source"]], "theatre": theatre_of(text), "kind": kind,
                        "words": n_words, "title": title.replace("\t", " ")})
    return out


def draw_kind(cands: list[dict], n: int, rng: random.Random) -> list[dict]:
    """Round-robin over (theatre, outlet) cells in a seeded order."""
    cells = collections.defaultdict(list)
    for c in sorted(cands, key=lambda c: c["id"]):
        cells[(c["theatre"], c["outlet"])].append(c)
    for v in cells.values():
        rng.shuffle(v)
    keys = sorted(cells)
    rng.shuffle(keys)
    chosen: list[dict] = []
    while len(chosen) < n and any(cells.values()):
        for k in keys:
            if cells[k] and len(chosen) < n:
                chosen.append(cells[k].pop())
    if len(chosen) < n:
        raise ValueError(f"only {len(chosen)} candidates of kind {cands[0]['kind'] if cands else '?'} for {n}")
    return chosen


def select(cands: list[dict], seed: int) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    by_kind = collections.defaultdict(list)
    for c in cands:
        by_kind[c["kind"]].append(c)
    return {k: draw_kind(by_kind[k], n, rng) for k, n in QUOTAS.items()}


def assign_splits(by_kind: dict[str, list[dict]]) -> None:
    """Largest-remainder shares of the test and dev quotas per kind; within a kind, the first drawn go to test."""
    total = sum(len(v) for v in by_kind.values())
    for split, quota in SPLIT_SHARE.items():
        exact = {k: quota * len(v) / total for k, v in by_kind.items()}
        alloc = {k: int(x) for k, x in exact.items()}
        for k in sorted(exact, key=lambda k: (alloc[k] - exact[k], k))[:quota - sum(alloc.values())]:
            alloc[k] += 1
        for k, docs in by_kind.items():
            free = [c for c in docs if "split" not in c]
            for c in free[:alloc[k]]:
                c["split"] = split
    for docs in by_kind.values():
        for c in docs:
            c.setdefault("split", "train")


def interleave(items: list[dict], rng: random.Random) -> list[dict]:
    """Spread kinds evenly: order by (rank within kind + jitter) / count of the kind."""
    by_kind = collections.defaultdict(list)
    for c in items:
        by_kind[c["kind"]].append(c)
    keyed = [((i + rng.random()) / len(v), c["id"], c) for v in by_kind.values() for i, c in enumerate(v)]
    return [c for _, _, c in sorted(keyed, key=lambda t: t[:2])]


def assign_order(by_kind: dict[str, list[dict]], seed: int) -> list[dict]:
    rng = random.Random(seed + 1)
    streams = {s: interleave([c for v in by_kind.values() for c in v if c["split"] == s], rng)
               for s in ("test", "dev", "train")}
    pattern = ["test", "test", "dev", "test", "test", "train"]  # 4 test : 1 dev : 1 train while test lasts
    order: list[dict] = []
    i = 0
    while streams["test"]:
        s = pattern[i % len(pattern)]
        i += 1
        if streams[s]:
            order.append(streams[s].pop(0))
    rest = ["dev", "train", "train"]  # then 1 dev : 2 train until dev is used, then train
    i = 0
    while streams["dev"] or streams["train"]:
        s = rest[i % len(rest)]
        i += 1
        if not streams[s]:
            s = "train" if s == "dev" else "dev"
        order.append(streams[s].pop(0))
    for n, c in enumerate(order, 1):
        c["order"] = n
    return order


def write_tsv(rows: list[dict], path: Path) -> None:
    cols = ["order", "id", "outlet", "theatre", "kind", "words", "split", "annotator", "title"]
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\t".join(cols) + "\n")
        for c in rows:
            c["annotator"] = "A" if c["order"] % 2 else "B"
            f.write("\t".join(str(c[k]) for k in cols) + "\n")
    os.replace(tmp, path)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpora/ant/ant_v2.1.jsonl.xz")
    ap.add_argument("--previous", default="annotations/selection.tsv")
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--min-words", type=int, default=150)
    ap.add_argument("--max-words", type=int, default=600)
    ap.add_argument("--out", default="annotations/selection_v2.tsv")
    args = ap.parse_args()
    cands = candidates(Path(args.corpus), Path(args.previous), args.min_words, args.max_words)
    log.info("candidates per kind: %s", dict(collections.Counter(c["kind"] for c in cands)))
    by_kind = select(cands, args.seed)
    assign_splits(by_kind)
    order = assign_order(by_kind, args.seed)
    write_tsv(order, Path(args.out))
    for key in ("split", "kind", "theatre", "outlet"):
        log.info("%s: %s", key, dict(collections.Counter(c[key] for c in order)))
    for s in ("test", "dev", "train"):
        log.info("%s words: %d", s, sum(c["words"] for c in order if c["split"] == s))


if __name__ == "__main__":
    main()
