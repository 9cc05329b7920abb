"""Character-level helpers shared by the validator, the annotation tools and the model's pre-tokenizer."""
from __future__ import annotations

import re
import unicodedata

from .schema import PROCLITIC_LETTERS

TATWEEL = "\u0640"
# Arabic diacritics (harakat, shadda, sukun, dagger alif, Quranic marks).
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_LETTER = r"(?:[^\W_\u0640]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
# A word: a run of letters, digits and combining marks, with tatweel allowed *between* letters (أعلنـت, بـUSCENTCOM);
# anything else that is not white space is a one-character word of its own (punctuation, quotes, a tatweel that
# ends a letter run as in بـ"داعش", symbols).
WORD_RE = re.compile(rf"{_LETTER}+(?:\u0640+{_LETTER}+)*|[^\s]")
_CLITIC_SEQ = re.compile("^(?:[وف]?[بلك]|[وف])")


def is_word_char(ch: str) -> bool:
    return ch != TATWEEL and ch != "_" and (ch.isalnum() or unicodedata.category(ch).startswith("M"))


def split_words(text: str) -> list[tuple[int, int]]:
    """Pre-tokenize into (start, end) character offsets of words and single punctuation characters."""
    return [m.span() for m in WORD_RE.finditer(text)]


def proclitic_prefixes(word: str) -> list[int]:
    """Lengths k > 0 such that word[:k] is a proclitic sequence (و ف ب ل ك and combinations, plus any tatweel after
    them: بـ in بـUSCENTCOM) and at least two letters remain. For لل (ل + the article whose alif dropped) only the
    first ل is a proclitic."""
    out = []
    for n in (1, 2):
        if not (all(c in PROCLITIC_LETTERS for c in word[:n]) and _CLITIC_SEQ.match(word[:n])):
            continue
        if n == 2 and word[:2] == "لل":
            continue
        k = n
        while k < len(word) and word[k] == TATWEEL:
            k += 1
        if len(word) - k >= 2 and TATWEEL not in word[n - 1:n]:
            out.append(k)
    return out


# Closing quote/bracket -> its opener. A span may end with a closer only when its opener is inside the span
# (تنظيم "داعش"); otherwise quotes, brackets and tatweel stay outside spans.
CLOSERS = {'"': '"', "”": "“", "»": "«", ")": "(", "]": "[", "'": "'", "’": "‘", "}": "{"}


def edge_ok(span: str, at_end: bool) -> bool:
    if not span:
        return False
    if not at_end:
        return is_word_char(span[0])
    return is_word_char(span[-1]) or (span[-1] in CLOSERS and CLOSERS[span[-1]] in span[:-1])


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink [start, end) until it begins with a letter or digit and ends with one (or with the closing quote
    of a quoted name inside it); None if nothing is left. Predicted spans pass through this."""
    while start < end and not edge_ok(text[start:end], at_end=False):
        start += 1
    while end > start and not edge_ok(text[start:end], at_end=True):
        end -= 1
    return (start, end) if start < end else None
