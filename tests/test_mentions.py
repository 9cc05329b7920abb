"""model.mentions: sentences, definite mentions and tallies, on sentences of the seeds and ANT articles."""
from datetime import date
from pathlib import Path

import pytest

from conftest import spans
from model.document import Document, Relation, load_documents
from model.mentions import build_mentions, is_aggregate, is_definite, sentences
from model.schema import SCHEMA

ANN = Path(__file__).resolve().parents[1] / "annotations"


def seed(doc_id):
    return next(d for d in load_documents([ANN / "seeds.jsonl"]) if d.id == doc_id)


def test_sentences_end_at_punctuation_and_line_breaks():
    text = "أصيب سبعة جنود.\n\nقالت القيادة إن 15 قتلوا؟ نعم"
    assert [text[s:e].strip() for s, e in sentences(text)] == ["أصيب سبعة جنود.", "قالت القيادة إن 15 قتلوا؟", "نعم"]


def test_definite_mentions():
    doc = seed("seed-000")
    ents = doc.entity_by_id()
    ms = {m.id: m for m in build_mentions(doc, None, SCHEMA.trigger_labels)}
    assert is_definite(ms["T27"], doc.text) and is_definite(ms["T25"], doc.text)
    assert not is_definite(ms["T91"], doc.text) and ents["T91"].text == "هجوم"
    assert ms["T77"].aggregate and not ms["T18"].aggregate


def test_habitual_violence_is_an_aggregate_seed_004():
    # seed 004: "وأحياناً تتم الاستعانة بطيران التحالف الدولي في ضرب الأهداف الصعبة لبقايا داعش"
    from model.document import load_documents
    from model.events import build_events

    doc = next(d for d in load_documents([Path(__file__).resolve().parents[1] / "annotations" / "seeds.jsonl"])
               if d.id == "seed-004")
    ev = next(e for e in build_events(doc) if e["mentions"] == ["T52"])
    assert ev["aggregate"] is True


def test_split_article_construct_and_short_pronoun_are_definite():
    # SK-middleEast-2062 (dev): "تصدت للهجوم" (the span is `لهجوم`, after the first lam), "إن هجوم "سرايا الدفاع
    # عن بنغازي"" (a construct with its attacker); AL-internationalNews-1999 (dev): "وقبل مقتله"
    text = 'إن هجوم "سرايا الدفاع عن بنغازي" استهدف البوابة. وتصدت الطائرات للهجوم. وقبل مقتله كان مطلوبا. ونفذ هجوم آخر.'
    ents = spans(text, [("T1", "ATTACK", "هجوم"), ("T2", "ORG", "سرايا الدفاع عن بنغازي"), ("T3", "ATTACK", "لهجوم"),
                        ("T4", "KILL", "مقتله"), ("T5", "ATTACK", "هجوم")])
    rels = [Relation("ATTACKER", "T1", "T2")]
    doc = Document("d", text, ents, rels)
    ms = {m.id: m for m in build_mentions(doc, None, SCHEMA.trigger_labels)}
    assert is_definite(ms["T1"], text) and is_definite(ms["T3"], text) and is_definite(ms["T4"], text)
    assert not is_definite(ms["T5"], text)  # no attacker right after it: indefinite
    whole = "وتصدت الطائرات للهجوم."  # the same word as one span, `لل` included
    wdoc = Document("w", whole, spans(whole, [("T1", "ATTACK", "للهجوم")]), [])
    assert is_definite(build_mentions(wdoc, None, SCHEMA.trigger_labels)[0], whole)
    plural = "إن هجمات المقاتلين السابقين كانت أشد."  # AL-internationalNews-1712: a plural construct is generic
    pents = spans(plural, [("T1", "ATTACK", "هجمات"), ("T2", "GROUP", "المقاتلين")])
    pdoc = Document("p", plural, pents, [Relation("ATTACKER", "T1", "T2")])
    assert not is_definite(build_mentions(pdoc, None, SCHEMA.trigger_labels)[0], plural)


def test_a_number_of_attacks_is_a_tally():
    # FR-internationalNews-2677 (dev): "الجهاديين الذين نفذوا عددا من الهجمات في الأردن"
    text = "الجهاديين الذين نفذوا عددا من الهجمات في الأردن."
    ents = spans(text, [("T1", "ATTACK", "الهجمات")])
    assert build_mentions(Document("d", text, ents, []), None, SCHEMA.trigger_labels)[0].aggregate


def test_statistics_and_stretches_of_years_are_tallies():
    # AL-internationalNews-39 (train): a statistic of cases over four years
    text = ("ارتكبت 39537 جريمة، توزعت بين القتل والإصابة والاختطاف في عمران، خلال الفترة من 2014-2017م. "
            "إضافة إلى رصد 4 حالات إعدام و5 حالات اغتيال.")
    ents = spans(text, [("T1", "KILL", "القتل"), ("T2", "GPE", "عمران"), ("T3", "DATE", "2014-2017م"),
                        ("T4", "KILL", "إعدام"), ("T5", "KILL", "اغتيال")])
    doc = Document("d", text, ents, [Relation("TIME", "T1", "T3"), Relation("PLACE", "T1", "T2")])
    agg = {m.id: m.aggregate for m in build_mentions(doc, date(2018, 2, 16), SCHEMA.trigger_labels)}
    assert agg == {"T1": True, "T4": True, "T5": True}
    # one killing on one day, and `في حالة` without a number (a condition, not a count), are single events
    text = "أعلنت الشرطة مقتل شاب يوم الخميس 2018-02-15. وقالت إنها ستقوم في حالة اعتقال المشتبه به بالتحقيق."
    ents = spans(text, [("T1", "KILL", "مقتل"), ("T2", "DATE", "يوم الخميس 2018-02-15"), ("T3", "ARREST", "اعتقال")])
    doc = Document("d", text, ents, [Relation("TIME", "T1", "T2")])
    assert not any(m.aggregate for m in build_mentions(doc, date(2018, 2, 16), SCHEMA.trigger_labels))


def test_repeated_strikes_are_a_tally():
    # SK-middleEast-1797 (train): `استهدفت إسرائيل مرات عدة مواقع عسكرية في سوريا`
    text = "وخلال الأسابيع الماضية، استهدفت إسرائيل مرات عدة مواقع عسكرية في سوريا. وقصفت إسرائيل مطار حماة الجمعة."
    ents = spans(text, [("T1", "ATTACK", "استهدفت"), ("T2", "GPE", "إسرائيل"), ("T3", "ATTACK", "قصفت"),
                        ("T4", "GPE", "إسرائيل")])
    doc = Document("d", text, ents, [Relation("ATTACKER", "T1", "T2"), Relation("ATTACKER", "T3", "T4")])
    assert [is_aggregate(m, text) for m in build_mentions(doc, None, SCHEMA.trigger_labels)] == [True, False]


def test_action_kinds_of_triggers():
    from model.mentions import FAMILIES, action_kind

    # FR-internationalNews-885 (train): the headline's `الدهس` and the body's `الدهس`, `صدمت` name one ramming
    assert action_kind("الدهس") == action_kind("صدمت") == "ramming" and FAMILIES["ramming"] == "ramming"
    assert action_kind("المداهمة") == "raid" and action_kind("غارة جوية") == "airstrike"
    assert action_kind("هجوماً كيماوياً") == action_kind("الهجوم الكيماوي") == "phrase:هجوم كيماوي"
    assert action_kind("هجوم") is None and action_kind("عملية عسكرية") is None  # any attack, not one kind
    assert action_kind("صدام") is None  # a name, not `صدم`


def test_a_plural_with_a_pronoun_is_plural():
    from model.mentions import is_plural

    # BB-middleEast-604 (train): `وكثف تنظيم الدولة من هجماته`; BB-internationalNews-408: `تواصل إيران اعتقالاتها`
    assert is_plural("هجماته") and is_plural("عملياتها") and is_plural("اعتقالاتها") and is_plural("هجماتهم")
    assert not is_plural("هجومه") and not is_plural("اعتقاله") and not is_plural("مداهمته")


def test_fighting_told_in_the_imperfect_is_an_ongoing_war():
    # BB-middleEast-237 (train): `الجماعات المسلحة التي تقاتل في الغوطة الشرقية`; a fight told in the perfect is one
    text = "الجماعات المسلحة التي تقاتل في الغوطة الشرقية. وقاتل المسلحون القوات أمس."
    ents = spans(text, [("T1", "ATTACK", "تقاتل"), ("T2", "ATTACK", "وقاتل")])
    ms = build_mentions(Document("d", text, ents, []), None, SCHEMA.trigger_labels)
    assert [m.aggregate for m in ms] == [True, False]


def test_a_time_told_by_reference_takes_the_last_date_of_its_grain_before_it():
    # AL-internationalNews-1239 (published 2018-05-18): `ذلك اليوم` is the day the marches began, not the year 1948
    text = ("وبدأت مسيرات العودة، في 30 مارس/آذار الماضي، للمطالبة بعودة اللاجئين إلى قراهم التي هجروا منها عام 1948. "
            "ومنذ ذلك اليوم، لقي 110 فلسطينيين مصرعهم.")
    ents = spans(text, [("T1", "DATE", "30 مارس/آذار الماضي"), ("T2", "DATE", "عام 1948"),
                        ("T3", "DATE", "منذ ذلك اليوم"), ("T4", "KILL", "مصرعهم")])
    doc = Document("d", text, ents, [Relation("TIME", "T4", "T3")])
    kill = next(m for m in build_mentions(doc, date(2018, 5, 18), SCHEMA.trigger_labels) if m.id == "T4")
    assert [(d.start, d.end) for d in kill.dates] == [("2018-03-30", "2018-05-18")]
    year = Document("d", text, ents, [Relation("TIME", "T4", "T2")])
    kill = next(m for m in build_mentions(year, date(2018, 5, 18), SCHEMA.trigger_labels) if m.id == "T4")
    assert [(d.start, d.end) for d in kill.dates] == [("1948-01-01", "1948-12-31")]


def test_a_demonstrative_subject_with_a_ranked_attack_refers_back():
    # BB-middleEast-187 (train): `وهذا هو ثاني هجوم من نوعه يستهدف القوات الأمنية في مدينة عدن` is the blast told
    # before; BB-middleEast-996 (train): `وكان هذا أول هجوم من نوعه`. Not a rank without the demonstrative
    # (`في أخطر هجوم في تاريخ البلاد`, SK-middleEast-2869), nor a number (`هذا 3 هجمات`)
    for text, trigger, definite in (("وهذا هو ثاني هجوم من نوعه يستهدف القوات الأمنية في مدينة عدن", "هجوم", True),
                                    ("وكان هذا أول هجوم من نوعه يقع منذ عدة سنوات", "هجوم", True),
                                    ("أسفر عن مقتل أكثر من 500 شخص في أخطر هجوم في تاريخ البلاد", "هجوم", False),
                                    ("ونفذ هذا 3 هجمات أخرى", "هجمات", False)):
        doc = Document("d", text, spans(text, [("T1", "ATTACK", trigger)]), [])
        m = build_mentions(doc, None, SCHEMA.trigger_labels)[0]
        assert is_definite(m, text) == definite, text


def test_a_word_ending_like_a_quantifier_is_no_tally():
    # SK-middleEast-2062 (dev): `القاعدة` ends in `عدة` (several); the targeted base is one attack, not a tally
    text = "وأكد المتحدث العسكري أن القوات المسلحة تتخذ من القاعدة المستهدفة في تمنهنت مقرا لها. ونفذوا عدة هجمات."
    doc = Document("d", text, spans(text, [("T1", "ATTACK", "المستهدفة"), ("T2", "ATTACK", "هجمات")]), [])
    assert [m.aggregate for m in build_mentions(doc, None, SCHEMA.trigger_labels)] == [False, True]


def test_also_is_no_demonstrative():
    # SK-middleEast-3784 (train): `وكذلك اغتيال النائب العام السابق` (and also the assassination of ...) is a new
    # event; `ذلك` inside `كذلك` is not "that"; `وبهذا الهجوم` still is
    text = "إلى محاولة اغتيال وزير الداخلية السابق، محمد إبراهيم، وكذلك اغتيال النائب العام السابق، هشام بركات."
    doc = Document("d", text, spans(text, [("T1", "KILL", "اغتيال وزير"), ("T2", "KILL", "اغتيال النائب")]), [])
    assert not any(is_definite(m, text) for m in build_mentions(doc, None, SCHEMA.trigger_labels))
    text2 = "وندد الرئيس بهذا هجوم."  # the demonstrative with a one-letter prefix, before a noun without the article
    doc2 = Document("d", text2, spans(text2, [("T1", "ATTACK", "هجوم")]), [])
    assert is_definite(build_mentions(doc2, None, SCHEMA.trigger_labels)[0], text2)


def test_an_attack_annexed_to_its_date_refers_back():
    # BB-middleEast-814 (train): `لكن هجوم الأسبوع الماضي`; FR-internationalNews-684 (train): `بعيد هجمات الأربعاء`;
    # SK-middleEast-1839 (train): `ضربات 10 مايو`. Not a date told later in the clause (`هجوم على القرية الأربعاء`)
    for text, trigger, when, definite in (
            ("لكن هجوم الأسبوع الماضي كان الأعنف منذ سنوات.", "هجوم", "الأسبوع الماضي", True),
            ("وحذر المالكي بعيد هجمات الأربعاء من التصعيد.", "هجمات", "الأربعاء", True),
            ("أخطرت إسرائيل روسيا مسبقا بضربات 10 مايو التي أسفرت عن خسائر.", "ضربات", "10 مايو", True),
            ("ونفذ المسلحون هجوم على القرية الأربعاء.", "هجوم", "الأربعاء", False)):
        doc = Document("d", text, spans(text, [("T1", "ATTACK", trigger), ("T2", "DATE", when)]),
                       [Relation("TIME", "T1", "T2")])
        m = build_mentions(doc, date(2018, 5, 21), SCHEMA.trigger_labels)[0]
        assert is_definite(m, text) == definite, text


def test_a_date_span_cut_before_on_the_run_is_the_latest_of_the_run():
    # SK-middleEast-1147 (dev), the bundled model's span `[لجمعة الرابعة] على التوالي`; alone, `الجمعة الرابعة` stays
    # unresolved (which Friday of a series, the text tells elsewhere)
    from model.mentions import event_date

    for text, expected in (("وتظاهر الفلسطينيون للجمعة الرابعة على التوالي قرب السياج", ("2018-04-20", "2018-04-20")),
                           ("وقتل فلسطينيون في الجمعة الرابعة قرب السياج", (None, None))):
        start = text.index("جمعة الرابعة") - 1
        d = spans(text, [("T1", "DATE", text[start:start + 13])])[0]
        value = event_date(Document("d", text, [d], []), d, date(2018, 4, 20))
        assert (value.start, value.end) == expected and value.text == d.text, text


@pytest.mark.parametrize("text, surface, pub, expected", [
    # the bundled model's DATE spans cut before their last words (BB-middleEast-531, FR-internationalNews-607, dev)
    ("اقتحمت القوات المنزل في ساعات مبكرة من صباح الأربعاء. وكان عباس", "ساعات مبكرة من", date(2018, 5, 23),
     ("ساعات مبكرة من صباح الأربعاء", "2018-05-23", "2018-05-23")),
    ("قتل الجنود في كمين ليل الخميس إلى الجمعة. وأفاد ضابط يمني", "ليل الخميس إلى", date(2018, 4, 7),
     ("ليل الخميس إلى الجمعة", "2018-04-05", "2018-04-06")),
    # ANT articles (the model's spans): a month range read to its end, the words after it left out
    ("الغارات التي شنها التحالف في الفترة بين مارس/آذار 2015 وديسمبر/كانون الأول 2017 آلاف", "الفترة بين",
     date(2018, 3, 20), ("الفترة بين مارس/آذار 2015 وديسمبر/كانون الأول 2017", "2015-03-01", "2017-12-31")),
    # a number after `إلى` is a toll, not a year: the span reads as it is
    ("بلغ عدد القتلى منذ 18 شباط/فبراير إلى 1031 بينهم 219 طفلا", "منذ 18 شباط/فبراير إلى", date(2018, 3, 20),
     ("منذ 18 شباط/فبراير إلى", "2018-02-18", "2018-03-20")),
    ("أصيبت في الشهر الخامس من حملها، أثناء محاولتها", "الشهر الخامس من", date(2018, 3, 20),
     ("الشهر الخامس من", None, None)),  # no day, month or part of a day after it
])
def test_a_date_span_cut_before_its_last_words_is_read_on(text, surface, pub, expected):
    from model.mentions import event_date

    d = spans(text, [("T1", "DATE", surface)])[0]
    value = event_date(Document("d", text, [d], []), d, pub)
    assert (value.text, value.start, value.end) == expected


def test_the_day_of_a_statement_is_not_the_events_date():
    # FR-middleEast-26 (ANT, the bundled model's TIME link): `أعلن المرصد ... الثلاثاء أن حصيلة الغارات`; the day of
    # the raids is the Monday told after them. FR-internationalNews-684 (train): `بعيد هجمات الأربعاء من أن` keeps its
    # date, annexed to the trigger
    text = ("أعلن المرصد السوري لحقوق الإنسان الثلاثاء أن حصيلة الغارات على الغوطة الشرقية الاثنين ارتفعت. "
            "وحذر المالكي بعيد هجمات الأربعاء من أن التحالف سيرد.")
    ents = spans(text, [("T1", "ORG", "المرصد السوري لحقوق الإنسان"), ("T2", "DATE", "الثلاثاء"),
                        ("T3", "ATTACK", "الغارات"), ("T4", "DATE", "الاثنين"), ("T5", "ATTACK", "هجمات"),
                        ("T6", "DATE", "الأربعاء")])
    rels = [Relation("TIME", "T3", "T2"), Relation("TIME", "T3", "T4"), Relation("TIME", "T5", "T6")]
    ms = {m.id: m for m in build_mentions(Document("d", text, ents, rels), date(2018, 2, 20), SCHEMA.trigger_labels)}
    assert [d.text for d in ms["T3"].dates] == ["الاثنين"]
    assert [(d.text, d.start) for d in ms["T5"].dates] == [("الأربعاء", "2018-02-14")]


def test_the_day_an_announcement_tells_a_killing_is_not_the_killings_date():
    # FR-internationalNews-2677 (dev), the bundled model's TIME link: `أعلنت السلطات الأردنية الأحد مقتل ثلاثة`; the
    # killing was `مساء أمس السبت`
    from model.mentions import report_date

    text = "أعلنت السلطات الأردنية الأحد مقتل ثلاثة إرهابيين في مداهمة مساء أمس السبت."
    sunday, saturday = spans(text, [("T1", "DATE", "الأحد"), ("T2", "DATE", "مساء أمس السبت")])
    assert report_date(sunday, text) and not report_date(saturday, text)
    text = "أفاد زعماء قبائل يمنيون، الخميس، بمقتل 7 عناصر من تنظيم القاعدة"  # SK-middleEast-483 (ANT)
    assert report_date(spans(text, [("T1", "DATE", "الخميس")])[0], text)


def test_the_day_on_which_is_not_today():
    # ANT (the fourth reading round): `اليوم الذي نفذ فيه` read as publication day
    from model.mentions import event_date

    text = "ونشر الفيديو في اليوم الذي نفذ فيه الهجوم."
    d = spans(text, [("T1", "DATE", "اليوم")])[0]
    assert not event_date(Document("d", text, [d], []), d, date(2018, 3, 1)).resolved
