"""From raw text to encoder windows, with every token traced back to a character span of the original text.

1. `split_words` cuts the text into words and single punctuation characters (character offsets).
2. Each word is normalized for the encoder (`model.text.normalize_chars`: NFKC, Arabic-Indic and Persian digits as
   0-9, invisible marks removed, tatweel and diacritics removed by default); offsets never move, because they always
   refer to the original word.
3. The tokenizer splits the words into sub-tokens in one batched call (`is_split_into_words=True`).
4. Long documents become overlapping windows of at most `max_length - 2` tokens that start and end on word
   boundaries; each window *owns* a core region (the middle of each overlap is the border), so every word is
   decoded by exactly one window, deterministically.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .text import normalize_chars, split_words


@dataclass
class EncodedDoc:
    text: str
    word_spans: np.ndarray  # (n_words, 2) character offsets [start, end)
    token_ids: np.ndarray  # (n_tokens,) sub-token ids, no special tokens
    token_word: np.ndarray  # (n_tokens,) index of the word each token belongs to
    word_first_token: np.ndarray  # (n_words,) first token of each word, -1 for words with no tokens

    @property
    def n_tokens(self) -> int:
        return len(self.token_ids)


@dataclass
class Window:
    doc: int  # index of the document in its batch
    start: int  # token range [start, end) of the document's tokens
    end: int
    core_start: int  # the tokens whose words this window decodes
    core_end: int


def normalize_words(words: list[str], strip_diacritics: bool, strip_tatweel: bool) -> list[str]:
    """Normalize many words in one pass over one joined string (words never contain a newline)."""
    out = normalize_chars("\n".join(words), strip_diacritics, strip_tatweel).split("\n")
    if len(out) != len(words):  # NFKC produced a newline (never seen); fall back word by word
        out = [normalize_words([w], strip_diacritics, strip_tatweel)[0] for w in words]
    return out


def encode_documents(texts: list[str], tokenizer, strip_diacritics: bool = True,
                     strip_tatweel: bool = True) -> list[EncodedDoc]:
    spans = [split_words(t) for t in texts]
    words = [normalize_words([t[s:e] for s, e in sp], strip_diacritics, strip_tatweel) for t, sp in zip(texts, spans)]
    nonempty = [ws if ws else [""] for ws in words]  # the tokenizer rejects empty word lists
    backend = tokenizer.backend_tokenizer  # the Rust tokenizer: batched, and whole documents are never truncated
    if backend.truncation is not None or backend.padding is not None:
        backend.no_truncation()
        backend.no_padding()
    encodings = backend.encode_batch(nonempty, is_pretokenized=True, add_special_tokens=False)
    docs = []
    for text, sp, enc in zip(texts, spans, encodings):
        ids = np.asarray(enc.ids, dtype=np.int64)
        wid = np.asarray([-1 if w is None else w for w in enc.word_ids], dtype=np.int64)
        keep = wid >= 0
        ids, wid = ids[keep], wid[keep]
        n_words = len(sp)
        first = np.full(n_words, -1, dtype=np.int64)
        if len(wid):
            is_first = np.r_[True, wid[1:] != wid[:-1]]
            first[wid[is_first]] = np.flatnonzero(is_first)
        docs.append(EncodedDoc(text, np.asarray(sp, dtype=np.int64).reshape(-1, 2), ids, wid, first))
    return docs


def make_windows(doc: EncodedDoc, doc_index: int, max_tokens: int, stride: int) -> list[Window]:
    """Overlapping windows of at most `max_tokens` tokens; consecutive windows overlap by about `stride` tokens."""
    n = doc.n_tokens
    if n == 0:
        return []
    starts = np.flatnonzero(np.r_[True, doc.token_word[1:] != doc.token_word[:-1]])  # tokens that begin a word
    bounds, start = [], 0
    while True:
        end = min(start + max_tokens, n)
        if end < n:
            i = np.searchsorted(starts, end, side="right") - 1  # last word start <= end
            end = int(starts[i]) if starts[i] > start else end
        bounds.append((start, end))
        if end >= n:
            break
        i = np.searchsorted(starts, max(end - stride, start + 1), side="left")
        nxt = int(starts[i]) if i < len(starts) and starts[i] < end else end
        start = nxt if nxt > start else end
    windows = []
    for k, (s, e) in enumerate(bounds):
        core_s = 0 if k == 0 else windows[-1].core_end
        if k + 1 < len(bounds):
            mid = (bounds[k + 1][0] + e) // 2
            i = np.searchsorted(starts, mid, side="left")
            core_e = int(starts[i]) if i < len(starts) and starts[i] < e else e
            core_e = max(core_e, bounds[k + 1][0])
        else:
            core_e = n
        windows.append(Window(doc_index, s, e, core_s, core_e))
    return windows


def window_input_ids(doc: EncodedDoc, w: Window, cls_id: int, sep_id: int) -> np.ndarray:
    """[CLS] tokens [SEP]; window token t sits at position t - w.start + 1."""
    return np.concatenate([[cls_id], doc.token_ids[w.start:w.end], [sep_id]])


# Windows are padded to a multiple of this many positions, and a batch holds windows of one padded length only:
# the encoder's arithmetic then depends on the window alone, never on which other windows (of other documents)
# share its batch. On the CPU this makes a document's output bit-identical whatever its batch (tests/test_predict.py);
# padding costs at most PAD_MULTIPLE - 1 positions per window.
PAD_MULTIPLE = 32


def padded_length(w: Window, max_positions: int) -> int:
    """Length of the window with [CLS] and [SEP], rounded up to PAD_MULTIPLE (at most `max_positions`)."""
    n = w.end - w.start + 2
    return max(n, min(-(-n // PAD_MULTIPLE) * PAD_MULTIPLE, max_positions))


def batch_windows(windows: list[Window], batch_size: int, max_positions: int) -> list[tuple[list[Window], int]]:
    """(batch, padded length) pairs: windows sorted longest first, batches of at most `batch_size` windows that all
    share one padded length."""
    ordered = sorted(windows, key=lambda w: (-padded_length(w, max_positions), -(w.end - w.start)))
    batches: list[tuple[list[Window], int]] = []
    for w in ordered:
        length = padded_length(w, max_positions)
        if not batches or batches[-1][1] != length or len(batches[-1][0]) >= batch_size:
            batches.append(([], length))
        batches[-1][0].append(w)
    return batches


def pad_windows(docs: list[EncodedDoc], windows: list[Window], cls_id: int, sep_id: int,
                pad_id: int, length: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Input ids and attention mask for a batch of windows, padded to `length` (default: the longest). (B, T) each."""
    rows = [window_input_ids(docs[w.doc], w, cls_id, sep_id) for w in windows]
    T = max(max(len(r) for r in rows), length or 0)
    ids = np.full((len(rows), T), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), T), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, :len(r)], mask[i, :len(r)] = r, 1
    return ids, mask
