"""Train a BERT WordPiece tokenizer on Arabic text (hamza and madda kept, no lowercasing of Arabic needed).

Used by the tests (a tiny vocabulary from the seed texts) and by `scripts/pretrain_tokenizer.py` for the real one.
"""
from __future__ import annotations

from typing import Iterable

from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def train_wordpiece(texts: Iterable[str], vocab_size: int, min_frequency: int = 2, max_length: int = 512):
    """A `transformers` BERT tokenizer trained on `texts`, saved by `save_pretrained` as tokenizer.json."""
    from transformers import BertTokenizer

    from model.tokenization import ensure_arabic_safe

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(clean_text=True, handle_chinese_chars=True, strip_accents=False,
                                                lowercase=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(texts, trainers.WordPieceTrainer(vocab_size=vocab_size, min_frequency=min_frequency,
                                                             special_tokens=SPECIALS))
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    tok.decoder = decoders.WordPiece()
    hf = BertTokenizer(tokenizer_object=tok, do_lower_case=False, strip_accents=False, model_max_length=max_length,
                       unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
    return ensure_arabic_safe(hf, max_length)
