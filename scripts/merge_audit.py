"""How good is each merging rule? Every join the record builder makes on the gold documents, scored against the
gold event records: right (both groups belong to one gold event), wrong (the groups belong to different gold
events) or mixed (one group already held mentions of several gold events, one of them shared).

    python scripts/merge_audit.py --split train dev seeds            # one row per rule
    python scripts/merge_audit.py --split dev --show wrong --rule anaphora   # the wrong joins of one rule, in text
    python scripts/merge_audit.py --split train dev --ceiling                # the figures if a rule never joined wrongly

`--ceiling` scores the records (event P / R / F1, counts exact of the gold fields, as
`python -m training.evaluate_events` does from gold spans) built as the builder builds them, then with the wrong joins
of each rule refused, one rule at a time, then of every rule: what a perfect veto on that rule could gain (mixed
joins are kept; a refused join can change the joins made after it). The last two rows also join the groups that
belong to one gold event (by the gold event most of their mentions belong to): what perfect missing joins add.

The builder runs on the gold spans and relations (as `python -m training.evaluate_events` does from gold spans);
only documents with gold event records are read. Tune on seeds, dev and train; never pass test here.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.dates import publication_date  # noqa: E402
from model.document import Document, DocumentError, load_documents  # noqa: E402
from model.merge import Join, cluster_mentions  # noqa: E402
from model.mentions import Mention, build_mentions, sentence_index, sentences  # noqa: E402
from model.records import records_of_groups  # noqa: E402
from model.schema import SCHEMA  # noqa: E402
from training.evaluate_events import load_gold_events, score, split_groups  # noqa: E402

logger = logging.getLogger("merge_audit")
KINDS = ("right", "wrong", "mixed")


def judge(join: Join, owner: dict[str, str]) -> str:
    """right / wrong / mixed for one join, from the gold event of each mention (`owner`: mention id -> event id)."""
    a = {owner.get(m) for m in join.first}
    b = {owner.get(m) for m in join.second}
    if len(a | b) == 1:
        return "right"
    return "mixed" if a & b else "wrong"


Prepared = dict[str, tuple[date | None, list[Mention], dict[str, str]]]


def prepare(gold: dict[str, list[dict]], docs: dict[str, Document]) -> Prepared:
    """Per gold document, read once: its publication date, its trigger mentions and the gold event of each mention
    (`cluster_mentions` and the records only read the mentions, so every row of the ceiling table shares them)."""
    out = {}
    for doc_id, events in gold.items():
        doc = docs[doc_id]
        pub = publication_date(doc.meta)
        owner = {m: ev["id"] for ev in events for m in ev.get("mentions", [])}
        out[doc_id] = pub, build_mentions(doc, pub, tuple(SCHEMA.trigger_labels)), owner
    return out


def audit(gold: dict[str, list[dict]], docs: dict[str, Document], prepared: Prepared | None = None
          ) -> list[tuple[str, Join, str]]:
    """(document id, join, verdict) for every join the builder makes on the gold documents."""
    out = []
    for doc_id, (_, mentions, owner) in (prepared or prepare(gold, docs)).items():
        trace: list[Join] = []
        if mentions:
            cluster_mentions(docs[doc_id], mentions, trace)
        out += [(doc_id, j, judge(j, owner)) for j in trace]
    return out


def join_by_gold(groups: list[list], owner: dict[str, str]) -> list[list]:
    """Groups whose mentions mostly belong to one gold event joined into one (groups in order of first mention)."""
    joined: dict[str, list] = {}
    for k, group in enumerate(groups):
        votes = Counter(owner.get(m.id) for m in group)
        event = max(votes, key=lambda e: (e is not None, votes[e]))
        joined.setdefault(event if event is not None else f"#{k}", []).extend(group)
    return sorted((sorted(g, key=lambda m: m.ent.start) for g in joined.values()), key=lambda g: g[0].ent.start)


def refusing_wrong(rule: str, owner: dict[str, str]) -> Callable[[Join], bool]:
    """An `allow` predicate for `cluster_mentions`: every join but the wrong ones of `rule` ("*": of every rule)."""
    return lambda join: not ((rule == "*" or join.rule == rule) and judge(join, owner) == "wrong")


def ceiling(gold: dict[str, list[dict]], docs: dict[str, Document], rule: str | None, by_gold: bool = False,
            prepared: Prepared | None = None) -> dict:
    """Event figures of the records built with the wrong joins of `rule` refused ("*": of every rule; None: none),
    and with `by_gold`, the groups of one gold event then joined."""
    records = {}
    for doc_id, (pub, mentions, owner) in (prepared or prepare(gold, docs)).items():
        doc = docs[doc_id]
        allow = None if rule is None else refusing_wrong(rule, owner)
        groups = cluster_mentions(doc, mentions, allow=allow) if mentions else []
        records[doc_id] = records_of_groups(doc, pub, join_by_gold(groups, owner) if by_gold else groups)
    report = score(gold, docs, against=records)["all"].report()
    return {"P": report["event_precision"], "R": report["event_recall"], "F1": report["event_f1"],
            "counts": report["counts_exact_of_gold_fields"]}


def ceiling_table(gold: dict[str, list[dict]], docs: dict[str, Document], rules: list[str],
                  prepared: Prepared | None = None) -> str:
    prepared = prepared or prepare(gold, docs)
    lines = ["| wrong joins refused | event P | event R | event F1 | counts exact |", "|---|---|---|---|---|"]
    rows = [("none (as built)", None, False)] + [(r, r, False) for r in rules] + [("every rule's", "*", False),
            ("none, then the groups of one gold event joined", None, True),
            ("every rule's, then the groups of one gold event joined", "*", True)]
    for name, rule, by_gold in rows:
        f = ceiling(gold, docs, rule, by_gold, prepared)
        lines.append(f"| {name} | " + " | ".join(f"{100 * f[k]:.1f}" for k in ("P", "R", "F1", "counts")) + " |")
    return "\n".join(lines)


def table(rows: list[tuple[str, Join, str]]) -> str:
    tally: dict[str, Counter] = defaultdict(Counter)
    for _, join, verdict in rows:
        tally[join.rule][verdict] += 1
    lines = ["| rule | joins | right | wrong | mixed | right % |", "|---|---|---|---|---|---|"]
    for rule, c in sorted(tally.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        n = sum(c.values())
        lines.append(f"| {rule} | {n} | {c['right']} | {c['wrong']} | {c['mixed']} | {100 * c['right'] / n:.1f} |")
    return "\n".join(lines)


def show(doc: Document, join: Join, verdict: str) -> str:
    """The two groups' first mentions, each in its sentence with the trigger marked."""
    ents = doc.entity_by_id()
    sents = sentences(doc.text)

    def context(mention_id: str) -> str:
        e = ents[mention_id]
        s, t = sents[sentence_index(sents, e.start)]
        return (doc.text[s:e.start] + "[[" + e.text + "]]" + doc.text[e.end:t]).strip().replace("\n", " ")
    return (f"{doc.id} {join.rule} {verdict}: {','.join(join.first)} + {','.join(join.second)}\n"
            f"    {context(join.first[0])}\n    {context(join.second[0])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "annotations" / "events.jsonl"), help="gold event records")
    ap.add_argument("--docs", nargs="+", default=[str(ROOT / "annotations")], help="gold documents")
    ap.add_argument("--split", nargs="+", default=["seeds", "dev", "train"], help="seeds, dev, train (not test)")
    ap.add_argument("--splits-file", default=str(ROOT / "annotations" / "splits.json"))
    ap.add_argument("--show", choices=KINDS, help="print the joins of this verdict, in their sentences")
    ap.add_argument("--rule", help="with --show: only this rule's joins")
    ap.add_argument("--ceiling", action="store_true",
                    help="event figures with each rule's wrong joins refused (rules with a wrong join)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if "test" in args.split:
        logger.error("error: --split test: rules are tuned on seeds, dev and train only")
        return 2
    try:
        gold = load_gold_events(args.gold)
        groups = split_groups(gold, Path(args.splits_file))
        gold = {d: e for d, e in gold.items() if groups.get(d) in args.split}
        docs = {d.id: d for d in load_documents(args.docs)}
        missing = sorted(set(gold) - set(docs))
        if missing:
            raise DocumentError(f"gold events name documents not in --docs: {', '.join(missing[:5])}")
    except DocumentError as err:
        logger.error("error: %s", err)
        return 2
    prepared = prepare(gold, docs)
    rows = audit(gold, docs, prepared)
    print(f"{len(gold)} documents ({', '.join(args.split)}), {len(rows)} joins")
    print(table(rows))
    if args.ceiling:
        wrong = Counter(join.rule for _, join, verdict in rows if verdict == "wrong")
        print(ceiling_table(gold, docs, [r for r, _ in wrong.most_common()], prepared))
    if args.show:
        for doc_id, join, verdict in rows:
            if verdict == args.show and (args.rule is None or join.rule == args.rule):
                print(show(docs[doc_id], join, verdict))
    return 0


if __name__ == "__main__":
    sys.exit(main())
