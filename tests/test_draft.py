import pytest

from training.draft import DraftError, parse_draft

TEXT = "أعلن الجيش العراقي مقتل 15 عنصراً لداعش في العراق والعراقيون"


def test_spans_found_in_reading_order_on_word_boundaries():
    draft = "T1\tORG\tالجيش العراقي\nT2\tKILL\tمقتل\nT3\tGROUP\t15 عنصراً\nT4\tORG\tداعش\nT5\tGPE\tالعراق\nR\tVICTIM\tT2\tT3\n"
    ents, rels = parse_draft(TEXT, draft, "d")
    assert [(e.id, TEXT[e.start:e.end]) for e in ents] == [
        ("T1", "الجيش العراقي"), ("T2", "مقتل"), ("T3", "15 عنصراً"), ("T4", "داعش"), ("T5", "العراق")]
    assert ents[3].start == TEXT.index("لداعش") + 1  # after the proclitic
    assert ents[4].start == TEXT.index("في العراق") + 3  # not inside العراقي
    assert rels[0].label == "VICTIM" and (rels[0].head, rels[0].tail) == ("T2", "T3")


def test_missing_span_and_pinned_offset():
    with pytest.raises(DraftError, match="not found"):
        parse_draft(TEXT, "T1\tORG\tطالبان\n", "d")
    ents, _ = parse_draft(TEXT, f"T1\tGPE\tالعراق\t@{TEXT.index('في العراق') + 3}\n", "d")
    assert ents[0].start == TEXT.index("في العراق") + 3
