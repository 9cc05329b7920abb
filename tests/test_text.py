from model.text import proclitic_prefixes, split_words
from model.windows import normalize_words


def test_split_words_separates_punctuation_quotes_and_tatweel():
    text = 'قال: بـ"داعش" (البنتاغون) 04:00'
    words = [text[s:e] for s, e in split_words(text)]
    assert words == ["قال", ":", "ب", "ـ", '"', "داعش", '"', "(", "البنتاغون", ")", "04", ":", "00"]
    assert [m for m in (lambda t: [t[s:e] for s, e in split_words(t)])("أعلنـت بـUSCENTCOM")] == ["أعلنـت", "بـUSCENTCOM"]


def test_diacritics_stay_inside_words():
    text = "مقتل أميركيَّين"
    assert [text[s:e] for s, e in split_words(text)] == ["مقتل", "أميركيَّين"]


def test_proclitic_prefixes():
    assert proclitic_prefixes("لداعش") == [1]
    assert proclitic_prefixes("والعراق") == [1]
    assert proclitic_prefixes("وبالأنبار") == [1, 2]
    assert proclitic_prefixes("للجيش") == [1]  # ل + the article's remaining ل
    assert proclitic_prefixes("وللعراق") == [1, 2]
    assert proclitic_prefixes("بغداد") == [1]  # possible: the model decides
    assert proclitic_prefixes("قتل") == []
    assert proclitic_prefixes("بـUSCENTCOM") == [2]
    assert proclitic_prefixes("وبـالأنبار") == [1, 3]


def test_normalization_keeps_hamza_and_madda():
    assert normalize_words(["أُصِيبَ", "آلاف", "بـ"], True, True) == ["أصيب", "آلاف", "ب"]
    assert normalize_words(["أُصِيبَ"], False, False) == ["أُصِيبَ"]
