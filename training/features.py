"""Documents -> training windows: input ids, BIO and clitic labels, gold spans, candidate pairs, relation targets.

Relation targets are soft: a pair with one gold relation puts all its mass on it, a pair with two (rare: an ATTACK
whose SOURCE is also its ATTACKER) splits it evenly, and every other candidate pair targets "no relation" (index 0).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from model.bio import AlignedSpan, align_span, spans_to_word_tags
from model.configuration import JointIEConfig
from model.document import Document
from model.pairs import candidate_pairs, pairable_matrix
from model.windows import EncodedDoc, encode_documents, make_windows, window_input_ids

logger = logging.getLogger(__name__)


@dataclass
class AlignmentReport:
    spans: int = 0
    inexact: int = 0
    dropped: int = 0
    relations: int = 0
    relations_out_of_reach: int = 0
    examples: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        share = self.inexact / max(self.spans, 1)
        return (f"{self.spans} gold spans: {self.inexact} not exactly representable ({share:.2%}), "
                f"{self.dropped} dropped; {self.relations} relations: {self.relations_out_of_reach} "
                f"never inside one window as a candidate pair")


def word_last_token(doc: EncodedDoc) -> np.ndarray:
    last = np.full(len(doc.word_spans), -1, dtype=np.int64)
    last[doc.token_word] = np.arange(doc.n_tokens)  # later tokens overwrite earlier ones
    return last


def align_document(doc: Document, enc: EncodedDoc, config: JointIEConfig, report: AlignmentReport
                   ) -> dict[str, AlignedSpan]:
    label_index = {lab: i for i, lab in enumerate(config.schema_obj.span_labels)}
    aligned = {}
    for e in doc.entities:
        report.spans += 1
        a = align_span(enc, e.start, e.end, label_index[e.label], config.max_clitic_chars)
        if a is None:
            report.dropped += 1
            continue
        if not a.exact:
            report.inexact += 1
            if len(report.examples) < 20:
                report.examples.append(f"{doc.id} {e.label} {e.text!r}")
        aligned[e.id] = a
    return aligned


def window_features(doc: Document, enc: EncodedDoc, aligned: dict[str, AlignedSpan], config: JointIEConfig,
                    cls_id: int, sep_id: int, pairable: np.ndarray, n_rel: int, reached: set) -> list[dict]:
    tags, clitic = spans_to_word_tags(len(enc.word_spans), list(aligned.values()))
    first_tok, last_tok = enc.word_first_token, word_last_token(enc)
    rel_index = {r: i + 1 for i, r in enumerate(config.relation_labels)}
    gold = {}
    for r in doc.relations:
        gold.setdefault((r.head, r.tail), []).append(rel_index[r.label])
    ids = list(aligned)
    feats = []
    for w in make_windows(enc, 0, config.max_length - 2, config.window_stride):
        toks = np.arange(w.start, w.end)
        is_first = first_tok[enc.token_word[toks]] == toks
        tag_labels = np.full(len(toks) + 2, -100, dtype=np.int64)
        clitic_labels = np.full(len(toks) + 2, -100, dtype=np.int64)
        tag_labels[1:-1][is_first] = tags[enc.token_word[toks[is_first]]]
        clitic_labels[1:-1][is_first] = clitic[enc.token_word[toks[is_first]]]
        inside = [i for i in ids if first_tok[aligned[i].first_word] >= w.start and last_tok[aligned[i].last_word] < w.end]
        bounds = np.array([[first_tok[aligned[i].first_word], last_tok[aligned[i].last_word]] for i in inside],
                          dtype=np.int64).reshape(-1, 2) - w.start + 1
        labels = np.array([aligned[i].label for i in inside], dtype=np.int64)
        pairs = candidate_pairs(labels, bounds, pairable, config.max_pair_distance)
        targets = np.zeros((len(pairs), n_rel + 1), dtype=np.float32)
        for p, (h, t) in enumerate(pairs):
            rels = gold.get((inside[h], inside[t]))
            if rels:
                targets[p, rels] = 1.0 / len(rels)
                reached.add((inside[h], inside[t]))
            else:
                targets[p, 0] = 1.0
        feats.append({"doc_id": doc.id, "input_ids": window_input_ids(enc, w, cls_id, sep_id).tolist(),
                      "tag_labels": tag_labels.tolist(), "clitic_labels": clitic_labels.tolist(),
                      "span_bounds": bounds.tolist(), "span_labels": labels.tolist(),
                      "pair_index": pairs.tolist(), "relation_labels": targets.tolist()})
    return feats


def build_features(docs: list[Document], tokenizer, config: JointIEConfig) -> tuple[list[dict], AlignmentReport]:
    """One feature dict per window of every document, and a report of what the token view cannot represent."""
    report = AlignmentReport()
    encs = encode_documents([d.text for d in docs], tokenizer, config.strip_diacritics, config.strip_tatweel)
    pairable = pairable_matrix(config.schema_obj)
    feats = []
    for doc, enc in zip(docs, encs):
        aligned = align_document(doc, enc, config, report)
        reached: set = set()
        feats += window_features(doc, enc, aligned, config, tokenizer.cls_token_id, tokenizer.sep_token_id,
                                 pairable, len(config.relation_labels), reached)
        report.relations += len(doc.relations)
        report.relations_out_of_reach += sum((r.head, r.tail) not in reached for r in doc.relations)
    return feats, report


def collate(batch: list[dict], pad_id: int) -> dict:
    """Pad a list of window features into tensors (spans with label -1 and pairs with index -1 are padding)."""
    import torch

    B = len(batch)
    T = max(len(f["input_ids"]) for f in batch)
    S = max(1, max(len(f["span_labels"]) for f in batch))
    P = max(1, max(len(f["pair_index"]) for f in batch))
    # relation classes (R + 1) from the first window that has candidate pairs; None when no window has any
    R = next((len(f["relation_labels"][0]) for f in batch if f["relation_labels"]), None)
    out = {"input_ids": torch.full((B, T), pad_id), "attention_mask": torch.zeros(B, T, dtype=torch.long),
           "tag_labels": torch.full((B, T), -100), "clitic_labels": torch.full((B, T), -100),
           "span_bounds": torch.zeros(B, S, 2, dtype=torch.long), "span_labels": torch.full((B, S), -1),
           "pair_index": torch.full((B, P, 2), -1)}
    rel = torch.zeros(B, P, R or 1)
    for i, f in enumerate(batch):
        n, s, p = len(f["input_ids"]), len(f["span_labels"]), len(f["pair_index"])
        out["input_ids"][i, :n] = torch.tensor(f["input_ids"])
        out["attention_mask"][i, :n] = 1
        out["tag_labels"][i, :n] = torch.tensor(f["tag_labels"])
        out["clitic_labels"][i, :n] = torch.tensor(f["clitic_labels"])
        if s:
            out["span_bounds"][i, :s] = torch.tensor(f["span_bounds"])
            out["span_labels"][i, :s] = torch.tensor(f["span_labels"])
        if p:
            out["pair_index"][i, :p] = torch.tensor(f["pair_index"])
            rel[i, :p] = torch.tensor(f["relation_labels"])
    if R is not None:
        out["relation_labels"] = rel
    else:  # no pairs anywhere in the batch
        out["pair_index"] = out["pair_index"][:, :0]
    return out
