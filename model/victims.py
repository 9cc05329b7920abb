"""Which victim spans a casualty mention counts, and as how many: the readings of the words around a span that a
model's VICTIM links do not give (guidelines 11.7). A span may be no victim at all (the doer told after `على يد`, the
accused, an age, a name after its description, a group of the other outcome), may continue the number before it
(`[45] [مسلحا]`, a partitive), may take a number or a bound told outside it (`اغتيال25 شخصا`, `ما يربو على`), or may
be a count the text gives to the dead and the wounded together, which goes to neither. `model.records` adds the
counts up; the cases are the helper readers' findings on unannotated ANT articles and the gold's rules.
"""
from __future__ import annotations

import re

from .document import Entity
from .mentions import Mention, victim_count
from .numbers import (AT_LEAST, KIN_NOUNS, MORE_THAN, VAGUE, Count, _conjuncts, _numbers, add, norm_letters,
                      normalize_digits, parse_count)

_DEAD = r"(?:ال)?(?:قتيل|قتلي|قتلى|شهيد|شهداء|ضحية|ضحايا)"
_HURT = r"(?:ال)?(?:جريح|جرحي|جرحى|مصاب|مصابا|مصابين|مصابون)"
SHARED_AFTER = re.compile(rf"^\s*(?:(?:\S+\s+){{0,6}}?(?:ما\s+)?بين\s+|من\s+)?(?:{_DEAD}\s+(?:و|او)\s*{_HURT}"
                          rf"|{_HURT}\s+(?:و|او)\s*{_DEAD})")
SHARED_BEFORE = re.compile(r"(?:قتل|مقتل|مصرع|استشهاد)\s+(?:و|او)\s*(?:جرح|اصابة|اصابه|اصيب|اصيبوا)\s*"
                           r"(?:نحو|حوالي|اكثر من)?\s*$")  # `قتل وأصيب العشرات`


def shared_in_text(v: Entity, text: str) -> bool:
    """A count the text gives to the dead and the wounded together (`نحو 150 بين قتيل وجريح`, `عشرات القتلى
    والمصابين`, `مقتل وجرح العشرات`), whatever relations a model found: it goes to neither outcome (guidelines 11.7)."""
    return bool(SHARED_AFTER.match(norm_letters(text[v.end:v.end + 70]))
                or SHARED_AFTER.match(norm_letters(" ".join(v.text.split()[1:])))
                or SHARED_BEFORE.search(norm_letters(text[max(0, v.start - 30):v.start])))


# `18 شخصا أدينوا بقتل عسكري`, `المتهمين بقتل`: the accused, told right after the span
DOER_AFTER = re.compile(r"^[\s،,]*(?:الذين\s+)?(?:ادين|ادينوا|اتهم|اتهموا|المدان|المدانين|المتهم|المتهمين|متهمين|متهمون"
                        r"|يشتبه|المشتبه)\S*\s+(?:ب|في)")
DOER_BEFORE = re.compile(r"(?:^|\s)(?:علي|على)\s+(?:يد|ايدي|يدي)\s*$|(?:^|\s)(?:بواسطة|بواسطه|من قبل|برصاص)\s*$")


def _numbered(text: str) -> bool:
    """A span that tells a number, in digits or words or a vague quantity (`عشرات`)."""
    return bool(_numbers(text)) or any(re.search(p, norm_letters(text)) for p, _, _ in VAGUE)


DISPLACED = re.compile(r"(?:^|\s)(?:ال)?(?:نازح\w*|مهجر\w*|لاجئ\w*|مشرد\w*)")


def is_displaced(m: Mention, v: Entity) -> bool:
    """People told as displaced (`20 ألف نازح`, `آلاف المهجرين`): no dead or wounded, whatever a model linked."""
    return m.label in ("KILL", "INJURE") and bool(DISPLACED.search(norm_letters(v.text)))


def is_doer(v: Entity, text: str) -> bool:
    """A span told as the doer (`على يد مجموعة من 15 سعوديا`, `بواسطة عناصر وزارة الداخلية`, `برصاص الإرهابي`): the
    people who killed, not the killed, whatever a model linked; they give no count of victims."""
    return bool(DOER_BEFORE.search(norm_letters(text[max(0, v.start - 20):v.start])))


def is_accused(m: Mention, v: Entity, text: str) -> bool:
    """People told as accused of the act (`18 شخصا أدينوا بقتل عسكري`): not the dead or hurt (for an arrest they are
    the very people taken: `اعتقال 33 شخصا يشتبه بانتمائهم`)."""
    return m.label in ("KILL", "INJURE") and bool(DOER_AFTER.match(norm_letters(text[v.end:v.end + 30])))


OTHER_OUTCOME_BEFORE = {  # not capture verbs: the people held are often the people then killed (`خطف ... وقتل`)
    "KILL": re.compile(r"(?:^|\s)[وف]?(?:اصاب|اصابت|اصابوا|اصيب|اصيبت|اصيبوا|جرح|جرحت|جرحوا|اصاب[ةه])\s*$"),
    # the captured after the wounded (`وأسر 4 آخرين`); not after the dead, often the very people held
    "INJURE": re.compile(r"(?:^|\s)[وف]?(?:قتل|قتلت|قتلوا|مقتل|مصرع|(?:اودي|اودت)\s+بحيا[ةه]|اسر|اسرت|اسروا|اعتقل|اعتقال)\s*$"),
}
_OTHER_NOUNS = {"KILL": re.compile(r"(?:^|\s)(?:ال)?(?:مصاب\w*|جريح\w*|جرحي|جرحى)(?:\s|$)"),
                "INJURE": re.compile(r"(?:^|\s)(?:ال)?(?:قتيل\w*|قتلي|قتلى)(?:\s|$)")}


def own_outcome(m: Mention, v: Entity) -> Count | None:
    """The count of the groups of a coordinated span that belong to this outcome, when a group names the other one
    (`204 شخصا وأكثر من 22 ألف مصاب` of a KILL: 204), else None (the span is read whole)."""
    other = _OTHER_NOUNS.get(m.label)
    parts = _conjuncts(v.text) if other else []
    keep = [p for p in parts if not other.search(norm_letters(p))]
    if len(parts) < 2 or not keep or len(keep) == len(parts):
        return None
    return add([parse_count(p, singular=True) for p in keep], " + ".join(keep))


GLUED = re.compile(r"[^\W\d_](\d+)[\s\u00a0]*$")


def glued_number(v: Entity, text: str, c: Count | None) -> Count | None:
    """A number glued to the word before a span that has none (`لوقوفه وراء اغتيال25  [شخصا]`): the span's count."""
    m = GLUED.search(normalize_digits(text[max(0, v.start - 12):v.start]))
    if m is None or _numbers(v.text) or (c is not None and c.min not in (None, 1)):
        return c
    n = int(m.group(1))
    return Count(n, n, False, m.group(1) + " " + v.text)


def bound_before(v: Entity, text: str, c: Count | None) -> Count | None:
    """A bound told before a span that starts at its number (`ما يربو على [40 ألف شخص]`, `أكثر من من [مائة مدني]`)."""
    if c is None or c.max is None or c.min is None or c.min != c.max or not _numbers(v.text):
        return c
    before = re.sub(r"\bمن\s+من\s*$", "من ", norm_letters(text[max(0, v.start - 25):v.start]).rstrip() + " ")
    if MORE_THAN.search(before.rstrip()):
        return Count(c.min + 1, None, c.approx, c.text)
    if AT_LEAST.search(before.rstrip()):
        return Count(c.min, None, c.approx, c.text)
    return c


def other_outcome(m: Mention, v: Entity, text: str) -> bool:
    """A counted group told right after a verb of the other outcome (`قتلوا ... وجرح [أكثر من 100 آخرين]`, an
    injury's `أسفرت عن مقتل [16 من]`): that verb's victims, whatever a model linked (a named person may be both)."""
    cue = OTHER_OUTCOME_BEFORE.get(m.label)
    counted = _numbered(v.text)  # `العشرات` too
    if cue is None or v.label == "PER" or not counted:
        return False
    noun = _OTHER_NOUNS[m.label]
    if noun.search(norm_letters(v.text)) and len(_conjuncts(v.text)) == 1:
        return True  # `[3 آلاف جريح]` linked to the dead: the wounded's count
    if m.ent.end <= v.start <= m.ent.end + 2:
        return False
    if not cue.search(norm_letters(text[max(0, v.start - 15):v.start])):
        return False
    # verbs told together share their victims (`خطفوا وقتلوا 39 عامل بناء`: held, then killed)
    return not (m.ent.end <= v.start and re.fullmatch(r"[\s،,]*و?\s*\S+\s*", text[m.ent.end:v.start]))


def _accusative_single(text: str) -> bool:
    """One indefinite word in the accusative (`صحافيا`, `مسلحاً`): the counted noun after a number from 11 to 99."""
    words = text.split()
    return len(words) == 1 and not words[0].startswith("ال") and words[0].endswith(("ا", "اً", "ًا"))


def told_before(v: Entity) -> bool:
    """A definite kin noun alone (`الزوجة`, `الابن`): someone told before, who adds no one (guidelines 11.7)."""
    words = norm_letters(v.text).split()
    return len(words) == 1 and words[0].startswith("ال") and words[0][2:] in KIN_NOUNS


def named_after(prev: Entity, v: Entity, text: str) -> bool:
    """A name told right after a one-person description, with no `و` between (`أحد قيادات مليشيا الحوثي المدعو
    (أبو تمام)`, `أحد قادة الحركة، جلال الدين حقاني`): the same person, whatever a model linked (the gold has no such
    pair; the model's links on dev had three, and two more names that were no victims)."""
    if v.label != "PER" or prev.label == "PER" or len(text[prev.end:v.start]) > 40:
        return False
    c = victim_count(prev)
    return c is not None and (c.min, c.max) == (1, 1) and not re.search(r"(?:^|\s)و", norm_letters(text[prev.end:v.start]))


AGE_WORDS_BEFORE = re.compile(r"(?:^|\s)(?:يبلغ|تبلغ|البالغ|البالغة|عمره|عمرها|العمر|سن|بسن|في)\s*$")


def is_age(v: Entity, text: str) -> bool:
    """A span that is only a number with the article, told as an age (`رجل يبلغ الثمانين`, `في التاسعة والعشرين`):
    whatever a model linked, no victims of its own."""
    words = norm_letters(v.text).replace("الـ", "ال").split()
    if not words or not words[0].startswith("ال") or any(not _numbers(w) and w != "و" for w in words):
        return False
    return bool(AGE_WORDS_BEFORE.search(norm_letters(text[max(0, v.start - 15):v.start])))


PARTITIVE_AND = re.compile(r"^\s*(?:من\s+)?(?:\S+\s+){0,4}و\s*(?:ال)?$")


def continues_number(prev: Entity, v: Entity, text: str) -> bool:
    """A victim span with no number that continues the one before it: the counted noun cut off from its number
    (`[45] [مسلحا]`), or a group joined inside a partitive (`[18 من] قوات النظام السوري و[المسلحين] الموالين له`: 18
    in all). It adds no one (guidelines 11.7)."""
    if _numbered(v.text) or not _numbers(prev.text):
        return False  # `[47 عنصرا من الميليشيات] و[عشرات الجرحى]`: a number of its own
    gap = norm_letters(text[prev.end:v.start])
    if not gap.strip():
        return True
    if re.fullmatch(r"\s*و\s*", gap) and _accusative_single(v.text) and _accusative_single(prev.text.split()[-1]):
        return True  # `[24 إعلاميا] و[صحافيا]`: the number's noun goes on (11.7), unlike `5 جنود ومدني`
    partitive = norm_letters(prev.text).split()[-1] == "من" or gap.lstrip().startswith("من ")
    return partitive and bool(PARTITIVE_AND.match(gap))
