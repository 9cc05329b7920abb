import numpy as np

from model.bio import align_span, span_char_offsets, spans_to_word_tags, tags_to_spans
from model.windows import encode_documents


def test_tags_to_spans_handles_bio_and_stray_i():
    # O B-0 I-0 I-0 O I-1 B-1 B-1 I-2
    tags = np.array([0, 1, 2, 2, 0, 4, 3, 3, 6])
    f, l, lab = tags_to_spans(tags)
    assert list(zip(f, l, lab)) == [(1, 3, 0), (5, 5, 1), (6, 6, 1), (7, 7, 1), (8, 8, 2)]


def test_round_trip_on_the_seeds_is_exact(seed_docs, tokenizer):
    """spans -> word tags + clitic offsets -> spans gives back every gold span on the seeds; the unrepresentable
    ones are counted (zero on the seeds)."""
    labels = list(dict.fromkeys(e.label for d in seed_docs for e in d.entities))
    encs = encode_documents([d.text for d in seed_docs], tokenizer)
    inexact, total = 0, 0
    for doc, enc in zip(seed_docs, encs):
        aligned = [align_span(enc, e.start, e.end, labels.index(e.label), 2) for e in doc.entities]
        inexact += sum(not a.exact for a in aligned)
        total += len(aligned)
        tags, clitic = spans_to_word_tags(len(enc.word_spans), aligned)
        has_tokens = enc.word_first_token >= 0
        words = np.flatnonzero(has_tokens)
        f, l, lab = tags_to_spans(tags[words])
        back = {(*span_char_offsets(enc, words[a], words[b], clitic[words[a]]), labels[c]) for a, b, c in zip(f, l, lab)}
        assert back == {(e.start, e.end, e.label) for e in doc.entities}
    assert total == sum(len(d.entities) for d in seed_docs) and inexact == 0


def test_clitic_spans_are_exact_and_inexact_ones_are_flagged(tokenizer):
    text = "هاجم لداعش والعراق المسلحينعن"
    enc = encode_documents([text], tokenizer)[0]
    a = align_span(enc, text.index("داعش"), text.index("داعش") + 4, 0, 2)
    assert a.exact and a.clitic == 1 and span_char_offsets(enc, a.first_word, a.last_word, a.clitic) == (6, 10)
    s = text.index("المسلحين")
    b = align_span(enc, s, s + len("المسلحين"), 0, 2)  # ends inside a glued word: not representable
    assert not b.exact
