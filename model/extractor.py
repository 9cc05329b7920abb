"""`Extractor`: the Python API that `python -m model.predict` is built on.

    from model import Extractor
    ex = Extractor.from_pretrained("path/or/hub-id")
    docs = ex(["نص الخبر ..."])          # list of model.document.Document, entities/relations/events with scores

Documents are encoded together; their windows are sorted by length and batched across documents; each window is
encoded once and the relation head scores the pairs from those same hidden states.
"""
from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

import numpy as np
import torch

from .decode import WindowSpans, decode_window, merge_adjacent, merge_relations, merge_spans, pair_centrality
from .document import Document, Entity, Relation
from .events import build_events
from .factuality import non_events
from .pairs import candidate_pairs, pairable_matrix
from .windows import EncodedDoc, Window, batch_windows, encode_documents, make_windows, pad_windows

logger = logging.getLogger(__name__)
DEFAULT_MODEL = Path(__file__).resolve().parent / "default"  # the model bundled with the package


class ModelLoadError(RuntimeError):
    """A model or tokenizer that cannot be loaded; the message says what to do."""


def load_model_and_tokenizer(name_or_path: str, device: str | torch.device = "cpu"):
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    from . import modeling  # noqa: F401  (registers the model type with AutoConfig/AutoModel)

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every prediction run
    from .tokenization import load_tokenizer

    local = Path(name_or_path).is_dir()
    try:
        tokenizer = load_tokenizer(name_or_path)
        # float32 whatever the checkpoint's dtype (the bundled model is stored in fp16 to halve its size);
        # GPUs get bf16/fp16 through autocast at inference
        model = AutoModel.from_pretrained(name_or_path, use_safetensors=True, dtype=torch.float32)
    except OSError as err:
        hint = ("" if local else f" If '{name_or_path}' is a hub id, this machine may be offline: download it where "
                "the hub is reachable (huggingface-cli download ID --local-dir DIR) and pass --model DIR.")
        raise ModelLoadError(f"cannot load a model from '{name_or_path}': {err}.{hint}") from None
    if not isinstance(model, modeling.JointIEModel):
        raise ModelLoadError(f"'{name_or_path}' is a {type(model).__name__}, not a joint IE model; "
                             "train one with python -m training.train")
    return model.to(device).eval(), tokenizer


# The feed-forward output projection of each layer (`layer.N.output.dense`, not `attention.output.dense`) stays in
# float: its input, after the GELU, carries the outlier activations that per-tensor int8 flattens. Quantizing it cost
# the bundled default 6.7 entity F1 on dev; quantizing every other encoder Linear costs nothing measurable
# (model_card.md, "Speed on 2 CPU cores").
INT8_KEEP_FLOAT = re.compile(r"(.*\.)?layer\.\d+\.output\.dense")


def quantize_int8(model):
    """Dynamic int8 quantization of the encoder's Linear layers (weights int8, activations quantized on the fly),
    for CPU inference, except the feed-forward output projections (`INT8_KEEP_FLOAT`); the task heads stay in
    float32. Returns the same model object, changed in place."""
    import warnings

    names = {n for n, m in model.encoder.named_modules()
             if isinstance(m, torch.nn.Linear) and not INT8_KEEP_FLOAT.fullmatch(n)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao.quantization is deprecated in favour of torchao; still works here
        from torch.ao.quantization import quantize_dynamic

        model.encoder = quantize_dynamic(model.encoder, names, dtype=torch.qint8)
    return model


class Extractor:
    progress = False  # True: a progress bar of windows on standard error (when it is a terminal)

    def __init__(self, model, tokenizer, device: str | torch.device | None = None, batch_size: int = 16,
                 docs_per_chunk: int = 256, int8: bool = False, events: bool = True):
        self.device = torch.device(device or ("cuda" if torch.cuda.is_available() else "cpu"))
        if int8:
            if self.device.type != "cpu":
                raise ValueError("int8 inference runs on the CPU only; use --device cpu or drop --int8")
            model = quantize_int8(model.to("cpu").eval())
        self.model = model.to(self.device).eval()
        self.events = events  # False: spans and relations only (training's dev scoring needs no event records)
        self.tokenizer = tokenizer
        self.config = model.config
        self.schema = self.config.schema_obj
        self.batch_size = batch_size
        self.docs_per_chunk = docs_per_chunk
        self.pairable = pairable_matrix(self.schema)

    @classmethod
    def from_pretrained(cls, name_or_path: str | None = None, device: str | None = None, **kwargs) -> "Extractor":
        """A local model directory or a hub id; without one, the model bundled in model/default."""
        dev = device or ("cuda" if torch.cuda.is_available() else "cpu")
        model, tok = load_model_and_tokenizer(name_or_path or str(DEFAULT_MODEL), dev)
        return cls(model, tok, dev, **kwargs)

    def __call__(self, texts: str | list[str], ids: list[str] | None = None) -> list[Document]:
        single = isinstance(texts, str)
        texts = [texts] if single else list(texts)
        ids = ids or [f"doc-{i}" for i in range(len(texts))]
        out = []
        for i in range(0, len(texts), self.docs_per_chunk):
            out += self._extract(texts[i:i + self.docs_per_chunk], ids[i:i + self.docs_per_chunk])
        return out

    # ---- internals --------------------------------------------------------------------------------------------------
    def _autocast(self):
        if self.device.type == "cuda":
            return torch.autocast("cuda", dtype=torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16)
        return contextlib.nullcontext()

    def _extract(self, texts: list[str], ids: list[str]) -> list[Document]:
        cfg = self.config
        docs = encode_documents(texts, self.tokenizer, cfg.strip_diacritics, cfg.strip_tatweel)
        windows = [w for i, d in enumerate(docs) for w in make_windows(d, i, cfg.max_length - 2, cfg.window_stride)]
        windows.sort(key=lambda w: w.end - w.start, reverse=True)
        spans: list[list[WindowSpans]] = [[] for _ in docs]
        rels: list[list[tuple]] = [[] for _ in docs]
        from tqdm.auto import tqdm

        bar = tqdm(total=len(windows), unit="window", desc="windows", leave=False,
                   disable=None if self.progress else True)  # None: shown only when standard error is a terminal
        with torch.inference_mode(), self._autocast():
            for batch, length in batch_windows(windows, self.batch_size, cfg.max_length):  # batch-independent output
                self._run_batch(docs, batch, spans, rels, length)
                bar.update(len(batch))
        bar.close()
        return [self._assemble(d, doc_id, s, r) for d, doc_id, s, r in zip(docs, ids, spans, rels)]

    def _run_batch(self, docs: list[EncodedDoc], batch: list[Window], spans: list, rels: list, length: int) -> None:
        cfg, tok = self.config, self.tokenizer
        input_ids, mask = pad_windows(docs, batch, tok.cls_token_id, tok.sep_token_id, tok.pad_token_id, length)  # (B, T)
        ids_t = torch.from_numpy(input_ids).to(self.device, non_blocking=True)
        mask_t = torch.from_numpy(mask).to(self.device, non_blocking=True)
        hidden = self.model.encode(ids_t, mask_t)  # (B, T, H)
        tag_logits, clitic_logits = self.model.token_logits(hidden)
        tag_probs = tag_logits.float().softmax(-1).cpu().numpy()  # (B, T, num_tags)
        clitic = clitic_logits.float().cpu().numpy()  # (B, T, K)
        decoded = [decode_window(docs[w.doc], w, tag_probs[i], clitic[i], cfg.max_clitic_chars)
                   for i, w in enumerate(batch)]
        pairs = [candidate_pairs(d.labels, d.bounds, self.pairable, cfg.max_pair_distance) for d in decoded]
        probs = self._score_pairs(hidden, decoded, pairs)
        for i, (w, d, p) in enumerate(zip(batch, decoded, pairs)):
            spans[w.doc].append(d)
            if len(p):
                rels[w.doc].append((d, p, probs[i, :len(p)], pair_centrality(d.bounds, p, w.end - w.start + 1)))

    def _score_pairs(self, hidden: torch.Tensor, decoded: list[WindowSpans], pairs: list[np.ndarray]) -> np.ndarray:
        B, S, P = len(decoded), max(1, max(len(d.labels) for d in decoded)), max(len(p) for p in pairs)
        if P == 0:
            return np.zeros((B, 0, len(self.config.relation_labels) + 1), dtype=np.float32)
        bounds = np.zeros((B, S, 2), dtype=np.int64)
        labels = np.full((B, S), -1, dtype=np.int64)
        pair_index = np.full((B, P, 2), -1, dtype=np.int64)
        for i, (d, p) in enumerate(zip(decoded, pairs)):
            bounds[i, :len(d.labels)], labels[i, :len(d.labels)], pair_index[i, :len(p)] = d.bounds, d.labels, p
        to = lambda a: torch.from_numpy(a).to(self.device, non_blocking=True)  # noqa: E731
        logits = self.model.relation_logits(hidden, to(bounds), to(labels), to(pair_index))  # (B, P, R + 1)
        return logits.float().softmax(-1).cpu().numpy()

    def _assemble(self, doc: EncodedDoc, doc_id: str, windows: list[WindowSpans], rel_parts: list) -> Document:
        labels = self.schema.span_labels
        parts = merge_spans(windows)
        kept, where = merge_adjacent(parts, doc.text) if self.config.merge_adjacent_spans else (parts, range(len(parts)))
        key_to_index = {(s, e, lab): where[i] for i, (s, e, lab, _) in enumerate(parts)}
        entities = [Entity(f"T{i + 1}", labels[lab], s, e, doc.text[s:e], sc) for i, (s, e, lab, sc) in enumerate(kept)]
        relations = [Relation(self.config.relation_labels[r], f"T{h + 1}", f"T{t + 1}", p)
                     for h, t, r, p in merge_relations(rel_parts, key_to_index, len(kept),
                                                       self.config.relation_decoding, self.config.relation_threshold)]
        out = Document(doc_id, doc.text, entities, relations, status="predicted")
        if self.events:
            out.extra["events"] = build_events(out, self.schema.trigger_labels)
            out.extra["non_events"] = non_events(out, self.schema.trigger_labels)
        return out
