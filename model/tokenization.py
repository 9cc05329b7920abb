"""Loading the tokenizer: `model_max_length` set explicitly, and hamza and madda always kept.

BERT tokenizers that lowercase also strip accents by default, and for Arabic that deletes hamza and madda
(أ إ آ -> ا), which changes words (أسر "captured" vs اسر). `load_tokenizer` asks for `strip_accents=False`
and checks the backend normalizer; if it still strips marks, it is rebuilt without accent stripping.
"""
from __future__ import annotations

from tokenizers import normalizers

HAMZA_PROBE = "أإآؤئ"


def keeps_hamza(tokenizer) -> bool:
    norm = tokenizer.backend_tokenizer.normalizer
    return norm is None or norm.normalize_str(HAMZA_PROBE) == HAMZA_PROBE


def ensure_arabic_safe(tokenizer, max_length: int = 512):
    tokenizer.model_max_length = max_length
    if not keeps_hamza(tokenizer):
        lowercase = bool(getattr(tokenizer, "do_lower_case", False))
        tokenizer.backend_tokenizer.normalizer = normalizers.BertNormalizer(
            clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=lowercase)
    if not keeps_hamza(tokenizer):
        raise ValueError("the tokenizer's normalizer removes hamza/madda and could not be fixed")
    if tokenizer.cls_token_id is None or tokenizer.sep_token_id is None or tokenizer.pad_token_id is None:
        raise ValueError("the tokenizer needs [CLS], [SEP] and [PAD] tokens (a BERT-family WordPiece tokenizer)")
    return tokenizer


def load_tokenizer(name_or_path: str, max_length: int = 512, **kwargs):
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(name_or_path, model_max_length=max_length, strip_accents=False, **kwargs)
    return ensure_arabic_safe(tok, max_length)
