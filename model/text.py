"""Character-level helpers shared by the validator, the annotation tools and the model's pre-tokenizer.

Text copied from the web carries characters that change nothing a reader sees but would cut words apart: zero-width
(non-)joiners and bidi marks inside words (`دا\u200dعش`), presentation-form letters (U+FB50-FDFF, U+FE70-FEFF),
Arabic-Indic and Persian digits. Words are cut *around* the invisible marks (`split_words` keeps them inside a word),
and the encoder reads a normalized copy of each word (`normalize_chars`: NFKC, digits as 0-9, marks removed), while
every offset keeps pointing into the original text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .schema import PROCLITIC_LETTERS

TATWEEL = "\u0640"
# Arabic diacritics (harakat, shadda, sukun, dagger alif, Quranic marks).
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# Invisible format characters found inside words of copied text: soft hyphen, Arabic letter mark, ZWNJ, ZWJ,
# LRM, RLM, bidi embeddings/overrides (LRE..RLO, PDF), word joiner, bidi isolates (LRI..PDI), zero-width no-break
# space. Inside a word they join its letters; between words they are ignored. (U+200B ZERO WIDTH SPACE is a word
# break by definition: it separates words like a space.)
INVISIBLE = "\u00ad\u061c\u200c-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
# Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits, Arabic decimal/thousands separators and percent sign
# read like their Latin counterparts (NFKC leaves them alone).
DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
                       "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9\u066b\u066c\u066a",
                       "0123456789" "0123456789" ".,%")
_LETTER = r"(?:[^\W_\u0640]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])"
# A word: a run of letters, digits and combining marks, with tatweel and invisible marks allowed *between* letters
# (أعلنـت, بـUSCENTCOM, دا‍عش with a ZWJ); anything else that is not white space or an invisible mark is a
# one-character word of its own (punctuation, quotes, a tatweel that ends a letter run as in بـ"داعش", symbols).
WORD_RE = re.compile(rf"{_LETTER}+(?:[\u0640{INVISIBLE}]+{_LETTER}+)*|[^\s\u200b{INVISIBLE}]")
_CLITIC_SEQ = re.compile("^(?:[وف]?[بلك]|[وف])")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
                            "\ufb50-\ufdff\ufe70-\ufefc]")
_ANY_LETTER = re.compile(r"[^\W\d_]")


def normalize_chars(text: str, strip_diacritics: bool = True, strip_tatweel: bool = True) -> str:
    """What the encoder reads: NFKC (presentation forms -> letters), Arabic-Indic/Persian digits -> 0-9, invisible
    marks removed, and tatweel and diacritics removed unless asked to keep them. Hamza and madda stay."""
    out = INVISIBLE_RE.sub("", unicodedata.normalize("NFKC", text).translate(DIGITS))
    if strip_tatweel:
        out = out.replace(TATWEEL, "")
    if strip_diacritics:
        out = DIACRITICS.sub("", out)
    return out


@lru_cache(maxsize=4096)
def _letters_of(ch: str) -> str:
    return "".join(normalize_chars(ch).split())  # NFKC of a presentation-form haraka begins with a space


def letters_with_origin(word: str) -> tuple[str, list[int]]:
    """The word's letters as the encoder reads them (`normalize_chars`, character by character) and, for each
    of them, the index of the original character it came from (a ligature such as ﻻ gives two letters)."""
    letters, origin = [], []
    for i, ch in enumerate(word):
        for c in _letters_of(ch):
            letters.append(c)
            origin.append(i)
    return "".join(letters), origin


def arabic_share(text: str) -> tuple[float, int]:
    """(share of the text's letters that are Arabic, number of letters); (1.0, 0) for a text without letters."""
    letters = len(_ANY_LETTER.findall(text))
    if not letters:
        return 1.0, 0
    return len(_ARABIC_LETTER.findall(text)) / letters, letters


def is_word_char(ch: str) -> bool:
    return ch != TATWEEL and ch != "_" and (ch.isalnum() or unicodedata.category(ch).startswith("M"))


def split_words(text: str) -> list[tuple[int, int]]:
    """Pre-tokenize into (start, end) character offsets of words and single punctuation characters."""
    return [m.span() for m in WORD_RE.finditer(text)]


def proclitic_prefixes(word: str) -> list[int]:
    """Lengths k > 0 (in characters of `word`) such that word[:k] is a proclitic sequence (و ف ب ل ك and
    combinations, plus the tatweel, diacritics and invisible marks after them: بـ in بـUSCENTCOM, وَ in وَالعراق)
    and at least two letters remain. Letters are read as the encoder reads them, so presentation forms (ﻭﺍﻟﻌﺮﺍﻕ)
    count as the letters they show. For لل (ل + the article whose alif dropped) only the first ل is a proclitic."""
    letters, origin = letters_with_origin(word)
    out = []
    for n in (1, 2):
        if len(letters) - n < 2 or not (all(c in PROCLITIC_LETTERS for c in letters[:n])
                                         and _CLITIC_SEQ.match(letters[:n])):
            continue
        if n == 2 and letters[:2] == "لل":
            continue
        if origin[n] == origin[n - 1]:  # the boundary falls inside one original character (a ligature)
            continue
        out.append(origin[n])
    return out


# Closing quote/bracket -> its opener. A span may end with a closer only when its opener is inside the span
# (تنظيم "داعش"); otherwise quotes, brackets and tatweel stay outside spans.
CLOSERS = {'"': '"', "”": "“", "»": "«", ")": "(", "]": "[", "'": "'", "’": "‘", "}": "{"}


def edge_ok(span: str, at_end: bool) -> bool:
    if not span:
        return False
    if not at_end:  # a span never begins with a combining mark (it belongs to the character before)
        return is_word_char(span[0]) and not unicodedata.category(span[0]).startswith("M")
    return is_word_char(span[-1]) or (span[-1] in CLOSERS and CLOSERS[span[-1]] in span[:-1])


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink [start, end) until it begins with a letter or digit and ends with one (or with the closing quote
    of a quoted name inside it); None if nothing is left. Predicted spans pass through this."""
    while start < end and not edge_ok(text[start:end], at_end=False):
        start += 1
    while end > start and not edge_ok(text[start:end], at_end=True):
        end -= 1
    return (start, end) if start < end else None
