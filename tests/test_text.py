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


# ---- invisible marks, presentation forms, digits (issue 13) -------------------------------------------------------------
from model.text import arabic_share, letters_with_origin, normalize_chars, trim_span  # noqa: E402

ZWNJ, ZWJ, RLM, LRE, PDF = "\u200c", "\u200d", "\u200f", "\u202a", "\u202c"


def words_of(text):
    return [text[s:e] for s, e in split_words(text)]


def test_joiners_and_bidi_marks_inside_a_word_keep_it_whole():
    for mark in (ZWNJ, ZWJ, RLM, "\u061c", "\u00ad", "\u2066", "\ufeff"):
        text = f"تنظيم دا{mark}عش في الع{mark}{mark}راق"
        assert words_of(text) == ["تنظيم", f"دا{mark}عش", "في", f"الع{mark}{mark}راق"], repr(mark)


def test_invisible_marks_between_words_are_not_words():
    text = f"{RLM}قال {LRE}الجيش{PDF} ،{ZWJ} 15"
    assert words_of(text) == ["قال", "الجيش", "،", "15"]
    assert words_of("a\u200bb") == ["a", "b"]  # ZERO WIDTH SPACE is a word break


def test_normalize_chars_reads_marks_forms_and_digits_like_plain_text():
    assert normalize_chars(f"دا{ZWJ}عش") == "داعش"
    assert normalize_chars("١٥ و۱۵ و٢٠٢٠") == "15 و15 و2020"
    assert normalize_chars("١٬٥٠٠ و٣٫٥ و٤٠٪") == "1,500 و3.5 و40%"
    assert normalize_chars("ﻭﺍﻟﻌﺮﺍﻕ") == "والعراق"  # presentation forms (U+FE70-FEFF) -> letters
    assert normalize_chars("أُصِيبَ آلاف") == "أصيب آلاف"  # hamza and madda stay


def test_letters_with_origin_points_into_the_original_word():
    letters, origin = letters_with_origin(f"وَ{ZWNJ}ﺍﻟﻌﺮﺍﻕ")
    assert letters == "والعراق" and origin == [0, 3, 4, 5, 6, 7, 8]
    letters, origin = letters_with_origin("ﻻﺟﺊ")  # the ligature ﻻ gives two letters from one character
    assert letters[:2] == "لا" and origin[:2] == [0, 0]


def test_proclitics_through_presentation_forms_diacritics_and_marks():
    assert proclitic_prefixes("ﻭﺍﻟﻌﺮﺍﻕ") == [1]  # presentation-form و
    assert proclitic_prefixes("ﻭﺑﺎﻷﻧﺒﺎﺭ") == [1, 2]
    assert proclitic_prefixes("وَالعراق") == [2]  # the fatha stays with its و; a span never starts on it
    assert proclitic_prefixes(f"و{ZWNJ}العراق") == [2]
    assert proclitic_prefixes("ﻟﻼﺟﺊ") == [1]  # ل + ligature ﻻ: the boundary after ل is a character boundary
    assert proclitic_prefixes("له") == []  # fewer than two letters would remain


def test_spans_never_begin_with_a_combining_mark():
    text = "قال \u064eالجيش"
    assert trim_span(text, 4, len(text)) == (5, len(text))


def test_arabic_share():
    assert arabic_share("قال الجيش العراقي")[0] == 1.0
    assert arabic_share("The army said 15 were killed")[0] == 0.0
    share, letters = arabic_share("قال CNN")
    assert letters == 6 and abs(share - 0.5) < 1e-9
    assert arabic_share("15 - 20") == (1.0, 0)  # no letters: nothing to judge
