import numpy as np

from model.windows import encode_documents, make_windows, normalize_words, window_input_ids


def test_offsets_index_the_original_text_despite_normalization(tokenizer):
    text = "أعلنـت القيادةُ مقتلَ 15 بـ\"داعش\""
    enc = encode_documents([text], tokenizer)[0]
    assert [text[s:e] for s, e in enc.word_spans] == ["أعلنـت", "القيادةُ", "مقتلَ", "15", "ب", "ـ", '"', "داعش", '"']
    assert (enc.word_first_token >= 0).sum() == len(enc.word_spans) - 1  # only the lone tatweel has no tokens
    assert enc.word_first_token[5] == -1
    assert normalize_words(["أعلنـت", "القيادةُ"], True, True) == ["أعلنت", "القيادة"]


def test_windows_cover_a_long_document_and_cores_partition_it(seed_docs, tokenizer):
    text = "\n".join(d.text for d in seed_docs) * 3
    enc = encode_documents([text], tokenizer)[0]
    wins = make_windows(enc, 0, 126, 32)
    assert len(wins) > 10
    core = np.concatenate([np.arange(w.core_start, w.core_end) for w in wins])
    assert np.array_equal(core, np.arange(enc.n_tokens))  # every token decoded by exactly one window
    starts = set(enc.word_first_token[enc.word_first_token >= 0].tolist())
    for w in wins:
        assert w.end - w.start <= 126 and w.start in starts and w.core_start in starts
        assert w.start <= w.core_start < w.core_end <= w.end
    for a, b in zip(wins, wins[1:]):
        assert b.start < a.end  # overlap
    ids = window_input_ids(enc, wins[0], 2, 3)
    assert ids[0] == 2 and ids[-1] == 3 and len(ids) == wins[0].end - wins[0].start + 2


def test_empty_and_punctuation_only_documents(tokenizer):
    encs = encode_documents(["", "ـــ"], tokenizer)
    assert encs[0].n_tokens == 0 and make_windows(encs[0], 0, 126, 32) == []
    assert len(encs[1].word_spans) == 3


def test_the_encoder_reads_through_joiners_digits_and_presentation_forms(tokenizer):
    plain = "أعلن الجيش مقتل 15 من داعش والعراق"
    odd = "أعلن الج\u200cيش مقتل ١٥ من دا\u200dعش ﻭﺍﻟﻌﺮﺍﻕ"
    a, b = encode_documents([plain, odd], tokenizer)
    assert np.array_equal(a.token_ids, b.token_ids)  # the same sub-tokens ...
    assert [odd[s:e] for s, e in b.word_spans] == ["أعلن", "الج\u200cيش", "مقتل", "١٥", "من", "دا\u200dعش", "ﻭﺍﻟﻌﺮﺍﻕ"]
    assert normalize_words(["۱۵", "دا\u200dعش"], True, True) == ["15", "داعش"]  # ... offsets into the original


def test_batches_hold_one_padded_length_and_every_window_once(seed_docs, tokenizer):
    from model.windows import PAD_MULTIPLE, batch_windows, padded_length

    texts = [d.text for d in seed_docs] + [d.text[:200] for d in seed_docs] + ["قال الجيش"]
    encs = encode_documents(texts, tokenizer)
    wins = [w for i, e in enumerate(encs) for w in make_windows(e, i, 126, 32)]
    batches = batch_windows(wins, 4, 128)
    assert sorted((w.doc, w.start) for b, _ in batches for w in b) == sorted((w.doc, w.start) for w in wins)
    for batch, length in batches:
        assert 1 <= len(batch) <= 4 and {padded_length(w, 128) for w in batch} == {length}
        assert length <= 128 and (length % PAD_MULTIPLE == 0 or length == 128)
        assert all(w.end - w.start + 2 <= length for w in batch)
    lengths = [length for _, length in batches]
    assert lengths == sorted(lengths, reverse=True) and len(set(lengths)) > 1
