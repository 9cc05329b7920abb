"""Can a learned model join the record builder's groups better than its rules? A study, not part of the package.

The builder's merging rules (model/merge.py) leave some mentions of one gold event in separate groups. This script
trains a classifier on pairs of the rules' groups (join or not), joins the pairs it scores above a threshold
(highest first), and scores the resulting events against the gold records by grouped cross-validation over the
documents (a document's pairs never train the model that joins them):

    python scripts/merge_learning.py                                  # logistic regression on the pair features
    python scripts/merge_learning.py --fractions 0.125 0.25 0.5 1 --repeats 3   # learning curve: part of the folds
    python scripts/merge_learning.py --cross_encoder true             # + a fine-tuned cross-encoder's score

Features of a pair of groups: the rules' compatibility test, shared attackers, targets, victims, places, sources,
weapons and dates, conflicting organisations, dates, places and tolls, the distance in sentences, whether either is
in the lead, their sizes, types, action families and word overlap. The cross-encoder (`--cross_encoder true`) is the
bundled model's encoder fine-tuned on the two groups' first sentences (trigger marked) in two halves of the
documents (about 10 minutes per half on 2 CPU cores); its out-of-half score becomes one more feature.

Events are matched to gold events by shared mentions (as `python -m training.evaluate_events` does from gold
spans); the first row is the rules alone. Tune on seeds, dev and train only: the test split is refused.
"""
from __future__ import annotations

import logging
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import HfArgumentParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.dates import overlaps, publication_date  # noqa: E402
from model.document import Document, load_documents  # noqa: E402
from model.merge import (_cluster_count, _counts_of, _org_keys, _specific_places, cluster_mentions,  # noqa: E402
                         compatible, entity_key, event_places, member_of_entities)
from model.mentions import ATTACK, CASUALTY, FAMILIES, Mention, action_kind, build_mentions, sentences  # noqa: E402
from model.numbers import norm_letters  # noqa: E402
from model.places import same_place  # noqa: E402
from model.schema import SCHEMA  # noqa: E402
from training.evaluate_events import load_gold_events, match_events, split_groups  # noqa: E402

logger = logging.getLogger("merge_learning")
ROLES = {"doer": ("ATTACKER", "AGENT"), "target": ("TARGET",), "victim": ("VICTIM",), "place": ("PLACE",),
         "source": ("SOURCE",), "instrument": ("INSTRUMENT",), "time": ("TIME",)}


@dataclass
class Args:
    split: list[str] = field(default_factory=lambda: ["seeds", "dev", "train"], metadata={"help": "not test"})
    folds: int = 5
    thresholds: list[float] = field(default_factory=lambda: [0.5, 0.6, 0.7, 0.8, 0.9])
    fractions: list[float] = field(default_factory=lambda: [1.0], metadata={"help": "share of the training folds"})
    repeats: int = field(default=1, metadata={"help": "draws of the training documents per fraction, summed"})
    cross_encoder: bool = False
    ce_epochs: int = 2
    model: str = str(ROOT / "model" / "default")
    seed: int = 0


@dataclass
class DocPairs:
    """The rules' groups of one document, every pair of them with its features and gold answer."""
    doc: Document
    gold: list[set[str]]  # the gold events' mention ids
    groups: list[list[Mention]]
    pairs: list[tuple[int, int]]
    features: list[dict[str, float]]
    same_event: list[bool]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]{3,}", norm_letters(text)))


@dataclass
class GroupView:
    """What the pair features read of one group, computed once per group rather than once per pair."""
    mentions: list[Mention]
    sents: set[int]
    aggregate: bool
    attack: bool
    families: set[str]
    roles: dict[str, set[str]]
    orgs: set[str]
    dates: list
    specific_places: set[str]
    counts: dict[str, tuple | None]
    counted: bool
    words: set[str]


def group_view(doc: Document, group: list[Mention], member_of: dict, sents: list) -> GroupView:
    s = {m.sent for m in group}
    return GroupView(
        group, s, any(m.aggregate for m in group), any(m.label == ATTACK for m in group),
        {FAMILIES.get(action_kind(m.ent.text)) for m in group if m.label == ATTACK} - {None},
        {name: {entity_key(e.text) for m in group for label in labels for e in m.role(label)}
         for name, labels in ROLES.items()},
        _org_keys([e for m in group for e in m.role("ATTACKER") + m.role("AGENT")], member_of),
        [d for m in group for d in m.dates if d.resolved],
        set().union(*(_specific_places(m, doc) for m in group)),
        {label: _cluster_count(group, label) for label in CASUALTY}, _counts_of(group),
        set().union(*(_words(doc.text[slice(*sents[i])]) for i in s)))


def pair_features(doc: Document, a: GroupView, b: GroupView, member_of: dict) -> dict[str, float]:
    f = {"gap": math.log1p(min(abs(x - y) for x in a.sents for y in b.sents)),
         "lead": float(min(a.sents) < 2 or min(b.sents) < 2),
         "size": math.log(len(a.mentions)) + math.log(len(b.mentions)),
         "compatible": float(compatible(a.mentions, b.mentions, doc, member_of)),
         "aggregate_differs": float(a.aggregate != b.aggregate), "both_attack": float(a.attack and b.attack),
         "family_same": float(bool(a.families & b.families)),
         "family_differs": float(bool(a.families and b.families and not a.families & b.families)),
         "org_shared": float(bool(a.orgs & b.orgs)), "org_conflict": float(bool(a.orgs and b.orgs and not a.orgs & b.orgs)),
         "date_conflict": float(bool(a.dates and b.dates) and not all(overlaps(x, y) for x in a.dates for y in b.dates)),
         "specific_place_shared": float(bool(a.specific_places & b.specific_places)),
         "both_counted": float(a.counted and b.counted),
         "word_overlap": len(a.words & b.words) / max(1, len(a.words | b.words))}
    for name in ROLES:
        ka, kb = a.roles[name], b.roles[name]
        f[f"{name}_shared"], f[f"{name}_both"] = float(bool(ka & kb)), float(bool(ka and kb))
    pa, pb = event_places(a.mentions, doc), event_places(b.mentions, doc)
    f["place_conflict"] = float(bool(pa and pb) and not same_place(pa, pb, doc))
    for label in CASUALTY:
        ca, cb = a.counts[label], b.counts[label]
        f[f"{label}_same"], f[f"{label}_differs"] = float(bool(ca) and ca == cb), float(bool(ca and cb and ca != cb))
    return f


def doc_pairs(doc: Document, gold_events: list[dict]) -> DocPairs:
    mentions = build_mentions(doc, publication_date(doc.meta), tuple(SCHEMA.trigger_labels))
    member_of = member_of_entities(doc)
    groups = cluster_mentions(doc, mentions) if mentions else []
    owner = {m: k for k, e in enumerate(gold_events) for m in e["mentions"]}
    major = [Counter(owner.get(m.id) for m in g).most_common(1)[0][0] for g in groups]
    sents = sentences(doc.text)
    views = [group_view(doc, g, member_of, sents) for g in groups]
    pairs = [(i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))]
    feats = [pair_features(doc, views[i], views[j], member_of) for i, j in pairs]
    same = [major[i] is not None and major[i] == major[j] for i, j in pairs]
    return DocPairs(doc, [set(e["mentions"]) for e in gold_events], groups, pairs, feats, same)


def load(splits: list[str]) -> list[DocPairs]:
    if "test" in splits:
        raise ValueError("the test split is not for tuning; pass seeds, dev or train")
    gold = load_gold_events(str(ROOT / "annotations" / "events.jsonl"))
    split_of = split_groups(gold, ROOT / "annotations" / "splits.json")
    docs = {d.id: d for d in load_documents([str(ROOT / "annotations")])}
    return [doc_pairs(docs[i], events) for i, events in gold.items() if split_of.get(i) in splits]


def join(groups: list[set[str]], pairs: list[tuple[int, int]], probs: list[float], threshold: float) -> list[set[str]]:
    """Join the pairs scored above the threshold, the most likely first (union-find over group indices)."""
    parent = list(range(len(groups)))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x
    for (i, j), p in sorted(zip(pairs, probs), key=lambda z: -z[1]):
        if p > threshold:
            parent[find(j)] = find(i)
    out: dict[int, set[str]] = {}
    for k, g in enumerate(groups):
        out.setdefault(find(k), set()).update(g)
    return list(out.values())


def tally(d: DocPairs, groups: list[set[str]]) -> list[int]:
    """[gold events, predicted events, matched], matched one to one by shared mentions as the event scorer does."""
    gold = [{"mentions": sorted(g)} for g in d.gold]
    pred = [{"mentions": sorted(g)} for g in groups]
    return [len(gold), len(pred), len(match_events(gold, pred, d.doc, d.doc, exact=True))]


def add(total: list[int], more: list[int]) -> list[int]:
    return [a + b for a, b in zip(total, more)]


def prf(counts: list[int]) -> tuple[float, float, float]:
    """(P, R, F1) in percent from [gold, predicted, matched]."""
    g, p, m = counts
    prec, rec = m / max(1, p), m / max(1, g)
    return 100 * prec, 100 * rec, 200 * prec * rec / max(1e-9, prec + rec)


class LogisticJoiner:
    """L2-regularised logistic regression on standardised features (torch L-BFGS; no extra dependency)."""

    def __init__(self, names: list[str], l2: float = 1e-2):
        self.names, self.l2 = names, l2

    def _x(self, feats: list[dict]) -> torch.Tensor:
        return torch.tensor([[f[n] for n in self.names] for f in feats], dtype=torch.float64)

    def fit(self, feats: list[dict], labels: list[bool]) -> "LogisticJoiner":
        x, y = self._x(feats), torch.tensor(labels, dtype=torch.float64)
        self.mean, self.std = x.mean(0), x.std(0).clamp_min(1e-6)
        x = (x - self.mean) / self.std  # (pairs, features)
        self.w = torch.zeros(x.shape[1], dtype=torch.float64, requires_grad=True)
        self.b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        opt = torch.optim.LBFGS([self.w, self.b], max_iter=500, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(x @ self.w + self.b, y) + self.l2 * (self.w ** 2).sum()
            loss.backward()
            return loss
        opt.step(closure)
        return self

    def predict(self, feats: list[dict]) -> list[float]:
        if not feats:
            return []
        with torch.no_grad():
            return torch.sigmoid(((self._x(feats) - self.mean) / self.std) @ self.w + self.b).tolist()


def auc(labels: list[bool], scores: list[float]) -> float:
    """Area under the ROC curve: the chance a joined pair outscores a pair kept apart (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / max(1, len(pos) * len(neg))


def folds_of(data: list[DocPairs], k: int, seed: int) -> list[int]:
    order = list(range(len(data)))
    random.Random(seed).shuffle(order)
    fold = [0] * len(data)
    for n, i in enumerate(order):
        fold[i] = n % k
    return fold


def cross_validate(data: list[DocPairs], names: list[str], args: Args, fraction: float, repeat: int) -> dict:
    """Event [gold, predicted, matched] per threshold, and the pairs' out-of-fold scores."""
    fold = folds_of(data, args.folds, args.seed)
    tallies = {t: [0, 0, 0] for t in args.thresholds}
    labels, scores = [], []
    for k in range(args.folds):
        train = [d for d, f in zip(data, fold) if f != k]
        random.Random(repeat).shuffle(train)
        train = train[:max(1, round(len(train) * fraction))]
        model = LogisticJoiner(names).fit([x for d in train for x in d.features], [y for d in train for y in d.same_event])
        for d, f in zip(data, fold):
            if f != k:
                continue
            probs = model.predict(d.features)
            labels += d.same_event
            scores += probs
            groups = [{m.id for m in g} for g in d.groups]
            for t in args.thresholds:
                out = join(groups, d.pairs, probs, t)
                tallies[t] = add(tallies[t], tally(d, out))
    return {"tallies": tallies, "auc": auc(labels, scores)}


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    (args,) = HfArgumentParser(Args).parse_args_into_dataclasses()
    try:
        data = load(args.split)
    except ValueError as err:
        logger.error("merge_learning: %s", err)
        return 2
    names = sorted(data[0].features[0]) if data and data[0].features else []
    if args.cross_encoder:
        from cross_encoder_join import add_cross_encoder_scores  # scripts/cross_encoder_join.py
        add_cross_encoder_scores(data, args.model, args.ce_epochs, args.seed)
        names.append("cross_encoder")
    rules = [0, 0, 0]
    for d in data:
        groups = [{m.id for m in g} for g in d.groups]
        rules = add(rules, tally(d, groups))
    n_pairs = sum(len(d.pairs) for d in data)
    logger.info("%d documents, %d pairs of groups, %d of one gold event", len(data), n_pairs,
                sum(sum(d.same_event) for d in data))
    print("| model | threshold | event P | event R | event F1 | pair AUC |\n|---|---|---|---|---|---|")
    print("| rules | | %.1f | %.1f | %.1f | |" % prf(rules))
    if args.cross_encoder:  # its score alone as the join probability
        tallies = {t: [0, 0, 0] for t in args.thresholds}
        for d in data:
            groups = [{m.id for m in g} for g in d.groups]
            for t in args.thresholds:
                out = join(groups, d.pairs, [f["cross_encoder"] for f in d.features], t)
                tallies[t] = add(tallies[t], tally(d, out))
        ce_auc = auc([y for d in data for y in d.same_event], [f["cross_encoder"] for d in data for f in d.features])
        for t, counts in tallies.items():
            print(f"| cross-encoder alone | {t:g} | %.1f | %.1f | %.1f | {ce_auc:.3f} |" % prf(counts))
    for fraction in args.fractions:  # with --repeats N: N draws of the training documents, their tallies summed
        runs = [cross_validate(data, names, args, fraction, repeat) for repeat in range(args.repeats)]
        label = (f"logistic{' + cross-encoder' if args.cross_encoder else ''}, {fraction:g} of the training folds"
                 + (f" ({args.repeats} draws)" if args.repeats > 1 else ""))
        mean_auc = sum(r["auc"] for r in runs) / len(runs)
        for t in args.thresholds:
            counts = [sum(r["tallies"][t][i] for r in runs) for i in range(3)]
            print(f"| {label} | {t:g} | %.1f | %.1f | %.1f | {mean_auc:.3f} |" % prf(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
