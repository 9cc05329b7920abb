"""Fuzzing the pre-tokenizer and the whole extractor with Arabic-heavy Unicode text (hypothesis): diacritics,
tatweel, joiners and bidi marks, presentation forms, three digit systems, emoji, newlines and tabs, very long words.
Every span must slice to its text and sit on sensible edges; every relation and event must reference existing
spans. Examples are bounded (settings below) so CI stays fast; the seed is derived from the test name."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.text import INVISIBLE_RE, split_words

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"
PIECES = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=8),  # Arabic words
    st.sampled_from(["داعش", "والعراق", "لداعش", "بـ", "الجيش الأميركي", "مقتل 15", "غارة", "بغداد", "أمس", "قتلوا",
                     "ﻭﺍﻟﻌﺮﺍﻕ", "ﻻ", "ﷲ", "\ufdfa", "\ufe70"]),  # seed words, presentation forms and ligatures
    st.sampled_from(list("\u064b\u064e\u064f\u0650\u0651\u0652\u0670\u0640")),  # diacritics, dagger alif, tatweel
    st.sampled_from(list("\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202e\u2066\u2069\ufeff\u00ad")),
    st.text(alphabet="0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", min_size=1, max_size=6),  # three digit systems
    st.sampled_from(["😀", "👍🏽", "🇮🇶", "‍", "©", "™", "\U0001f9d1\u200d\U0001f52c"]),  # emoji, ZWJ sequences
    st.sampled_from([" ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "،", ".", '"', "«", "»", "(", ")"]),
    st.text(min_size=1, max_size=3),  # anything at all
    st.builds(lambda c, n: c * n, st.sampled_from(LETTERS + "x9"), st.integers(200, 700)),  # very long words
)
TEXTS = st.lists(PIECES, min_size=0, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_words_cover_every_visible_character_once(text):
    spans = split_words(text)
    covered = set()
    for s, e in spans:
        assert 0 <= s < e <= len(text) and not text[s].isspace() and not text[e - 1].isspace()
        assert not INVISIBLE_RE.fullmatch(text[s]) and not INVISIBLE_RE.fullmatch(text[e - 1])
        covered.update(range(s, e))
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)
    for i, ch in enumerate(text):  # everything but white space and invisible marks between words is in a word
        if not (ch.isspace() or ch == "\u200b" or INVISIBLE_RE.fullmatch(ch)):
            assert i in covered, (i, ch)


@pytest.fixture(scope="module")
def extractor(trained_dir):
    from model.extractor import Extractor

    ex = Extractor.from_pretrained(str(trained_dir), device="cpu")
    ex.batch_size = 4
    return ex


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=3), st.sampled_from([None, "seed"]))
def test_extractor_output_is_consistent_on_any_text(extractor, seed_docs, texts, mix):
    if mix:  # with a real article in the batch the tiny model finds spans, relations and events
        texts = texts + [seed_docs[0].text[:600] + texts[0]]
    docs = extractor(texts, [f"f{i}" for i in range(len(texts))])
    assert [d.text for d in docs] == texts
    for doc in docs:
        ids = [e.id for e in doc.entities]
        assert len(ids) == len(set(ids))
        last_end = 0
        for e in doc.entities:
            assert 0 <= e.start < e.end <= len(doc.text) and doc.text[e.start:e.end] == e.text
            assert e.start >= last_end  # sorted, not overlapping
            last_end = e.end
            first, last = e.text[0], e.text[-1]
            assert not first.isspace() and not last.isspace()
            assert not unicodedata.category(first).startswith("M"), "a span never begins with a combining mark"
            assert not INVISIBLE_RE.fullmatch(first) and not INVISIBLE_RE.fullmatch(last)
            assert 0.0 <= e.score <= 1.0
        known = set(ids)
        for r in doc.relations:
            assert r.head in known and r.tail in known and 0.0 <= r.score <= 1.0
        for ev in doc.extra.get("events", []):
            referenced = list(ev.get("mentions", [])) + [ev.get("place")] + list(ev.get("places", []))
            for field in ("attackers", "targets", "victims", "agents", "instruments", "sources"):
                referenced += list(ev.get(field, []))
            for count in ("killed", "wounded", "captured"):
                if ev.get(count):
                    referenced += list(ev[count].get("who", []))
            assert {x for x in referenced if x is not None} <= known, ev
