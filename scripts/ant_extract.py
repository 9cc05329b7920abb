"""Write the chosen ANT articles out as text files plus meta JSON, ready for annotation with training.draft.

    python scripts/ant_extract.py --selection annotations/selection.tsv --out /tmp/ann/ant

For each id: OUT/ID.txt (the article's `text` field, untouched) and OUT/ID.meta.json (provenance and citation).
"""
from __future__ import annotations

import argparse
import csv
import json
import lzma
from pathlib import Path

ANT_CITATION = ("A. Chouigui, O. Ben Khiroun, B. Elayeb, \"An Arabic Multi-source News Corpus: Experimenting on "
                "Single-document Extractive Summarization\", Arabian Journal for Science and Engineering 46(8), 2021. "
                "Article copyright stays with the outlet.")


def meta_for(d: dict, outlet: str) -> dict:
    return {"origin": "ANT Corpus v2.1", "ant_id": d["id"], "outlet": outlet, "url": d["url"], "date": d["time"],
            "title": d["title"], "category": d["category"], "licence": "ANT citation licence",
            "citation": ANT_CITATION, "language": "ar"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpora/ant/ant_v2.1.jsonl.xz")
    ap.add_argument("--selection", default="annotations/selection.tsv")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.selection, encoding="utf-8") as f:
        wanted = {row["id"]: row["outlet"] for row in csv.DictReader(f, delimiter="\t")}
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with lzma.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in wanted:
                (out / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
                meta = meta_for(d, wanted[d["id"]])
                (out / f"{d['id']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
