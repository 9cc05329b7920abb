from model.tokenization import keeps_hamza, load_tokenizer


def test_saved_tokenizer_keeps_hamza_and_max_length(tmp_path, tokenizer):
    tokenizer.save_pretrained(tmp_path)
    tok = load_tokenizer(str(tmp_path))
    assert tok.model_max_length == 512 and keeps_hamza(tok)
    assert "أ" in "".join(tok.tokenize("أعلنت إصابة"))


def test_accent_stripping_tokenizer_is_repaired(tmp_path, tokenizer):
    from tokenizers import normalizers

    tokenizer.save_pretrained(tmp_path)
    tok = load_tokenizer(str(tmp_path))
    tok.backend_tokenizer.normalizer = normalizers.BertNormalizer(strip_accents=True, lowercase=True)
    assert not keeps_hamza(tok)
    from model.tokenization import ensure_arabic_safe

    assert keeps_hamza(ensure_arabic_safe(tok))
