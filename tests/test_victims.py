"""model.victims: which victim spans a casualty mention counts, and as how many, on sentences of the model's VICTIM
links read on dev and unannotated ANT articles (each test builds the one record of a trigger and its victims)."""
import pytest

from conftest import spans
from model.document import Document, Relation
from model.events import build_events


def killed_by(text: str, word: str, victims: list[tuple[str, str]], label: str = "KILL") -> dict | None:
    """The `killed` (or other outcome) field of the one record a trigger `word` and its VICTIM spans make."""
    ents = spans(text, [(f"T{i + 2}", lab, v) for i, (lab, v) in enumerate(victims)])
    ents.append(spans(text, [("T1", label, word)])[0])
    doc = Document("d", text, ents, [Relation("VICTIM", "T1", f"T{i + 2}") for i in range(len(victims))])
    field = {"KILL": "killed", "INJURE": "wounded", "ARREST": "captured"}[label]
    return build_events(doc)[0][field]

def test_the_doers_told_after_on_the_hand_of_give_no_count_of_victims():
    # the bundled model's VICTIM links on unannotated ANT articles: `قتل ... على يد مجموعة من 15 سعوديا`,
    # `بواسطة عناصر وزارة الداخلية`: the killers, not the killed
    text = "وقالت المصادر إن الصحفي قتل على يد مجموعة من 15 سعوديا داخل القنصلية."
    ents = spans(text, [("T1", "PER", "الصحفي"), ("T2", "KILL", "قتل"), ("T3", "GROUP", "مجموعة من 15 سعوديا")])
    doc = Document("d", text, ents, [Relation("VICTIM", "T2", "T1"), Relation("VICTIM", "T2", "T3")])
    killed = build_events(doc)[0]["killed"]
    assert (killed["min"], killed["max"]) == (1, 1)


@pytest.mark.parametrize("text, victims, expected", [
    # the bundled model's VICTIM links on unannotated ANT articles (SK-middleEast-2244, FR-internationalNews-1876,
    # SK-middleEast-1117): a number cut off from its noun, an age told after the victim, a group inside a partitive
    ("وقتل قبل أيام 45 مسلحا مواليا للنظام جراء هجمات متتالية للتنظيم", ["45", "مسلحا"], (45, 45)),
    ("عن مقتل رجل يبلغ الثمانين. كما أشارت وكالة كيودو", ["رجل", "الثمانين"], (1, 1)),
    ("لقي 18 من قوات النظام السوري والمسلحين الموالين له مصرعهم", ["18 من", "المسلحين"], (18, 18)),
    ("قتل 24 إعلاميا وصحافيا منذ بداية العام", ["24 إعلاميا", "صحافيا"], (24, 24)),  # AL-internationalNews-953
    ("قتل خمسة جنود ومدني في الهجوم", ["خمسة جنود", "مدني"], (6, 6)),  # a civilian more
    # a vague number of its own is another group: 47 and dozens (`عشرات`, 20..99) add up
    ("قتل 47 عنصرا من الميليشيات وعشرات المسلحين في الغارات", ["47 عنصرا", "عشرات المسلحين"], (67, 146)),
])
def test_a_span_that_continues_a_number_or_tells_an_age_adds_no_one(text, victims, expected):
    trigger = "مصرعهم" if "مصرعهم" in text else "مقتل" if "مقتل" in text else "قتل"
    killed = killed_by(text, trigger, [("GROUP", v) for v in victims])
    assert (killed["min"], killed["max"]) == expected


def test_a_group_told_after_a_verb_of_the_other_outcome_is_its_victims():
    # the bundled model's VICTIM links (FR-internationalNews-867, dev): `قتلوا ... وجرح أكثر من 100 آخرين` gives the
    # dead no hundred; a named person may be both killed and hurt, so names are kept
    text = "وقتل عشرة أشخاص صباح يوم الأحد وجرح أكثر من 100 آخرين في الهجوم."
    ents = spans(text, [("T1", "KILL", "قتل"), ("T2", "GROUP", "عشرة أشخاص"), ("T3", "INJURE", "جرح"),
                        ("T4", "GROUP", "أكثر من 100 آخرين")])
    rels = [Relation("VICTIM", "T1", "T2"), Relation("VICTIM", "T1", "T4"), Relation("VICTIM", "T3", "T4")]
    ev = build_events(Document("d", text, ents, rels))[0]
    assert (ev["killed"]["min"], ev["killed"]["max"]) == (10, 10)
    assert (ev["wounded"]["min"], ev["wounded"]["max"]) == (101, None)


@pytest.mark.parametrize("text, victims, expected", [
    # the bundled model's VICTIM links on dev (CN-middleEast-1366, BB-middleEast-971, AL-internationalNews-1999): a name
    # told right after a one-person description is that person; a definite kin noun is someone told before
    ('وقالت المصادر إنه تم قتل أحد قيادات مليشيا الحوثي الانقلابية المدعو (أبو تمام) بغارة جوية',
     [("GROUP", "أحد قيادات"), ("PER", "أبو تمام")], (1, 1)),
    ("وأعلنت طالبان مقتل أحد قادة الحركة، جلال الدين حقاني، بعد مرض", [("GROUP", "أحد قادة"),
                                                                       ("PER", "جلال الدين حقاني")], (1, 1)),
    ("قتل أحد قادة الحركة وجلال الدين حقاني في الغارة", [("GROUP", "أحد قادة"), ("PER", "جلال الدين حقاني")],
     (2, 2)),  # two people, joined by و
    ("وقتل خمسة أشخاص بينما نجت الزوجة", [("GROUP", "خمسة أشخاص"), ("GROUP", "الزوجة")], (5, 5)),
])
def test_a_name_after_its_description_and_a_kin_noun_told_before_add_no_one(text, victims, expected):
    killed = killed_by(text, "مقتل" if "مقتل" in text else "قتل", victims)
    assert (killed["min"], killed["max"]) == expected


@pytest.mark.parametrize("text, label, victims, field, expected", [
    # the bundled model's VICTIM links on unannotated ANT articles (the third reading round)
    ("لوقوفه وراء اغتيال25  شخصا، بأيدي ما كان يعرف بسرية الموت", "KILL", ["شخصا"], "killed", (25, 25)),  # glued
    ("وقتل ما يربو على 40 ألف شخص في الصراع", "KILL", ["40 ألف شخص"], "killed", (40001, None)),
    ("ولقي أكثر من من مائة مدني مصرعه في الغوطة الشرقية", "KILL", ["مائة مدني"], "killed", (101, None)),
    ("ترتفع حصيلة القتلى منذ 30 آذار إلى 204 شخصا وأكثر من 22 ألف مصاب", "KILL",
     ["204 شخصا وأكثر من 22 ألف مصاب"], "killed", (204, 204)),  # the wounded part is not the dead
    ("قضت المحكمة بالسجن مدى الحياة على 18 شخصا أدينوا بقتل عسكري", "KILL", ["18 شخصا", "عسكري"], "killed",
     (1, 1)),  # the convicted are not the dead
])
def test_numbers_told_around_a_span_and_people_who_are_no_victims(text, label, victims, field, expected):
    word = next(w for w in ("اغتيال", "قتل", "مصرعه", "القتلى") if w in text)
    count = killed_by(text, word, [("GROUP", v) for v in victims], label)
    assert field == "killed" and (count["min"], count["max"]) == expected


def test_a_toll_of_the_other_outcome_and_one_told_for_both_give_the_dead_nothing():
    # ANT, the bundled model's VICTIM links: `نحو 62 قتيلا و3 آلاف جريح`; `قتل وأصيب العشرات` (11.7: neither)
    text = "وأسفرت المواجهات عن مقتل 62 شخصا و3 آلاف جريح."
    ents = spans(text, [("T1", "KILL", "مقتل"), ("T2", "GROUP", "62 شخصا"), ("T3", "GROUP", "3 آلاف جريح")])
    killed = build_events(Document("d", text, ents, [Relation("VICTIM", "T1", "T2"),
                                                     Relation("VICTIM", "T1", "T3")]))[0]["killed"]
    assert (killed["min"], killed["max"]) == (62, 62)
    text = "وقتل وأصيب العشرات في القصف."
    ents = spans(text, [("T1", "KILL", "قتل"), ("T2", "INJURE", "أصيب"), ("T3", "GROUP", "العشرات")])
    ev = build_events(Document("d", text, ents, [Relation("VICTIM", "T1", "T3"), Relation("VICTIM", "T2", "T3")]))[0]
    assert ev["killed"] is None or ev["killed"]["min"] is None
    assert ev["wounded"] is None or ev["wounded"]["min"] is None


@pytest.mark.parametrize("text, word, label, victims, expected", [
    # a fifth reading round: `وقتل 7 مدنيين وأصيب اثنان آخران`; `أودى بحياة 18 شخصا` linked to an injury
    ("وقتل 7 مدنيين وأصيب اثنان آخران في القصف", "قتل", "KILL", [("GROUP", "7 مدنيين"), ("GROUP", "اثنان آخران")],
     (7, 7)),
    ("انفجار أودى بحياة 18 شخصا وإصابة 40 آخرين", "إصابة", "INJURE", [("GROUP", "18 شخصا"), ("GROUP", "40 آخرين")],
     (40, 40)),
    ("وأسفرت الغارات عن إصابة 30 شخصا ومصرع العشرات", "إصابة", "INJURE", [("GROUP", "30 شخصا"), ("GROUP", "العشرات")],
     (30, 30)),
    ("وأسفرت المعارك عن إصابة 20 عنصرا وأسر 4 آخرين", "إصابة", "INJURE", [("GROUP", "20 عنصرا"), ("GROUP", "4 آخرين")],
     (20, 20)),  # SK-middleEast-1904: the captured
    ("وبلغت الحصيلة 770 قتيلاً و 4050 جريحاً", "قتيلاً", "KILL", [("GROUP", "770 قتيلاً و 4050 جريحاً")],
     (770, 770)),  # CN-middleEast-163: the wounded part, in the accusative
])
def test_a_group_after_the_verb_of_the_other_outcome_is_not_counted(text, word, label, victims, expected):
    count = killed_by(text, word, victims, label)
    assert (count["min"], count["max"]) == expected


def test_a_count_told_for_the_dead_and_wounded_a_few_words_on_goes_to_neither():
    # SK-middleEast-3732 (ANT): `17 عنصرا على الأقل من الميليشيات سقطوا بين قتيل وجريح` (11.7)
    text = "وأكد أن 17 عنصرا على الأقل من الميليشيات سقطوا بين قتيل وجريح."
    killed = killed_by(text, "قتيل", [("GROUP", "17 عنصرا")])
    assert killed is None or killed["min"] is None


def test_the_readings_one_by_one_on_the_articles_spans():
    from model.numbers import Count
    from model.victims import bound_before, continues_number, glued_number, is_age, is_doer, shared_in_text

    text = "عن مقتل رجل يبلغ الثمانين على يد مسلحين"
    man, age, gunmen = spans(text, [("T1", "GROUP", "رجل"), ("T2", "GROUP", "الثمانين"), ("T3", "GROUP", "مسلحين")])
    assert is_age(age, text) and not is_age(man, text)
    assert is_doer(gunmen, text) and not is_doer(man, text)
    text = "وقتل قبل أيام 45 مسلحا مواليا للنظام"
    number, noun = spans(text, [("T1", "GROUP", "45"), ("T2", "GROUP", "مسلحا")])
    assert continues_number(number, noun, text) and not continues_number(noun, number, text)
    text = "لوقوفه وراء اغتيال25  شخصا"
    people = spans(text, [("T1", "GROUP", "شخصا")])[0]
    assert (glued_number(people, text, Count(1, 1, False, "شخصا")).min, glued_number(people, text, None).max) == (25, 25)
    text = "وقتل ما يربو على 40 ألف شخص"
    toll = spans(text, [("T1", "GROUP", "40 ألف شخص")])[0]
    assert bound_before(toll, text, Count(40000, 40000, False, toll.text)) == Count(40001, None, False, toll.text)
    text = "نحو 150 بين قتيل وجريح"
    assert shared_in_text(spans(text, [("T1", "GROUP", "نحو 150")])[0], text)


def test_the_displaced_and_damage_are_no_dead():
    # FR-internationalNews-691 (ANT): `20 ألف نازح` linked to the dead; BB-internationalNews (ANT): `ودمار هائل`
    text = "ما أدى إلى مقتل 29 شخصا ونزوح 20 ألف نازح ودمار هائل في البنى التحتية"
    killed = killed_by(text, "مقتل", [("GROUP", "29 شخصا"), ("GROUP", "20 ألف نازح"), ("GROUP", "دمار هائل")])
    assert (killed["min"], killed["max"]) == (29, 29)
