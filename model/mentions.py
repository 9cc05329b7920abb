"""Trigger mentions and what the merging rules read from each: its sentence, arguments, dates, counts, whether it
is definite (refers back), a tally, and which kind of action it names.

`build_mentions` turns a document's trigger spans and their relations into `Mention`s; `model.merge` joins them
into events (its docstring gives the rules, and what "definite" and "aggregate" mean).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .dates import (MONTH_RE, WEEKDAYS, DateValue, fits_grain, normalize, reference_grain, resolve_date,
                    width_days, year_before)
from .document import Document, Entity, entity_index
from .factuality import non_event
from .numbers import Count, _numbers, counts_things, norm_letters, parse_count
from .places import not_event_place

ATTACK, CASUALTY = "ATTACK", ("KILL", "INJURE", "ARREST")
SENTENCE_END = re.compile(r"[.؟?!]+|\n+")
DEMONSTRATIVE = re.compile(r"(?<!\w)[وفبل]?(?:هذه|هذا|تلك|ذلك|هذين|هاتين|هؤلاء)\s*$")  # not `كذلك` (also)
# `وهذا هو ثاني هجوم من نوعه`, `وكان هذا أول هجوم`: a demonstrative subject with an ordinal or superlative predicate
RANKED = re.compile(r"(?:هذا|هذه|ذلك|تلك)\s+(?:هو\s+|هي\s+)?(?:ال)?(?:اول|ثاني|ثان|ثالث|رابع|خامس|اكبر|اعنف|احدث|اخطر"
                    r"|اسوا|اشد|اضخم)\s*$")
# whole words, a one-letter prefix allowed (`لعشرات الهجمات`): `القاعدة` ends in `عدة` but counts nothing
QUANTIFIED = re.compile(r"(?:\d+|(?<!\w)[وفبل]?(?:عشرات|مئات|الاف|عدة|عددا? من|سلسلة|موجة|العديد من|بضع|بضعة))"
                        r"\s*(?:من\s+)?(?:ال)?$")
REPEATED = re.compile(r"^\s*(?:منتظمة|متكررة|يومية|متتالية|متفرقة)")
PERIOD = re.compile(r"(?:^|\s)(?:منذ|الي|حتي|حتى|خلال|بين|طوال|طيلة|من)(?:\s|$)")
PRONOUN_SUFFIX = re.compile(r"(?:ها|هم|هما|ه|هن)$")
ARTICLE = re.compile(r"^[وف]?(?:[بك]?ال|لل)")  # `الهجوم`, `وبالهجوم`, `للهجوم`


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: a sentence ends at . ؟ ! or a line break (annotation guidelines 6.0)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if text[start:m.start()].strip():
            out.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def sentence_index(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e:
            return i
    return len(spans) - 1


@dataclass
class Mention:
    """A trigger span with its arguments (relation label -> tail entities) and what the merging rules need."""

    ent: Entity
    sent: int
    args: dict[str, list[Entity]] = field(default_factory=dict)
    dates: list[DateValue] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    aggregate: bool = False
    quantity: int | None = None  # `38 عملية`: how many attacks a tally counts

    @property
    def id(self) -> str:
        return self.ent.id

    @property
    def label(self) -> str:
        return self.ent.label

    def role(self, name: str) -> list[Entity]:
        return self.args.get(name, [])


def build_mentions(doc: Document, pub: date | None, trigger_labels: tuple[str, ...]) -> list[Mention]:
    """The trigger spans of `doc` that name real events (`model.factuality`: not `وقف إطلاق النار`, not a negated or
    planned attack), with their arguments (no PLACE that is not where the event happened: `model.places.
    not_event_place`), dates, counts, and tally status."""
    ents = entity_index(doc)
    sents = sentences(doc.text)
    mentions = {e.id: Mention(e, sentence_index(sents, e.start)) for e in doc.entities
                if e.label in trigger_labels and not non_event(e, doc.text)}
    for r in doc.relations:
        if r.head in mentions and r.tail in ents and not (r.label == "PLACE" and not_event_place(ents[r.tail], doc.text)):
            mentions[r.head].args.setdefault(r.label, []).append(ents[r.tail])  # a backer's country is no PLACE
    for m in mentions.values():
        joint = [e for e in joint_attackers(m, doc) if e not in m.role("ATTACKER")]
        if joint:
            m.args["ATTACKER"] = m.role("ATTACKER") + joint
        m.dates = [event_date(doc, d, pub) for d in m.role("TIME")
                   if not report_date(d, doc.text) or 0 <= d.start - m.ent.end <= 2]  # `هجمات الأربعاء`: its own
        m.counts = [c for v in m.role("VICTIM") if (c := victim_count(v))]
        m.aggregate = is_aggregate(m, doc.text)
        m.quantity = quantity(m, doc.text)
    return sorted(mentions.values(), key=lambda m: m.ent.start)


JOINT = re.compile(r"^\s*(?:ال)?مشترك[ةه]?(?:\s|$)")
JOINT_WITH = re.compile(r"^\s*(?:ال)?مشترك[ةه]?\s+مع\s*$")  # all that stands between the trigger and its partner
MEDIA = re.compile(r"وكال|صحيف|جريد|قنا[ةه]|تلفزيون|اذاع|موقع|مرصد|منظم|مصدر|مصادر|شهود")


def joint_attackers(m: Mention, doc: Document) -> list[Entity]:
    """The speaker of a joint operation (`الجيش الأميركي يعلن ... غارة مشتركة مع القوات العراقية`) carried it out
    with the partner named after it (GUIDELINES, ATTACKER): the mention's SOURCE organisations, not the media or
    monitors that report it, and the organisation named right after `مشتركة مع` (an ATTACKER the model may miss).
    `build_mentions` adds them to the mention's attackers, so merging and the records read the same attackers."""
    if m.label != ATTACK or not JOINT.match(norm_letters(doc.text[m.ent.end:m.ent.end + 12])):
        return []
    speakers = [e for e in m.role("SOURCE") if e.label in ("ORG", "GPE") and not MEDIA.search(norm_letters(e.text))]
    partners = [e for e in doc.entities if e.label in ("ORG", "GPE") and m.ent.end < e.start <= m.ent.end + 20
                and JOINT_WITH.match(norm_letters(doc.text[m.ent.end:e.start]))]
    return speakers + partners


def event_date(doc: Document, d: Entity, pub: date | None) -> DateValue:
    """A TIME span resolved (guidelines 11.8): against `pub`, else a year told nearby; a reference back
    (`أبريل من العام نفسه`, `منذ ذلك اليوم`) against the last date before it that resolves by itself at the grain the
    reference names (a day for `ذلك اليوم`: `في 30 مارس ... عام 1948. ومنذ ذلك اليوم` -> 30 March)."""
    if re.fullmatch(r"(?:ال)?يوم", norm_letters(d.text).strip()) and re.match(r"^\s*(?:الذي|التي)\s", norm_letters(
            doc.text[d.end:d.end + 12])):
        return DateValue(d.text, None, None)  # `اليوم الذي نفذ فيه الهجوم`: the day on which, not today
    anchor, grain = None, reference_grain(d.text)
    if grain:
        earlier = sorted((e for e in doc.entities if e.label == "DATE" and e.end <= d.start), key=lambda e: -e.start)
        anchor = next((v for e in earlier if not reference_grain(e.text)
                       and fits_grain(v := resolve_date(e.text, pub, None if pub else year_before(doc.text, e.start)),
                                      grain)), None)
    value = resolve_date(d.text, pub, None if pub else year_before(doc.text, d.start), anchor)
    if not value.resolved and RUN_AFTER.match(doc.text[d.end:d.end + 20]):  # `[لجمعة الرابعة] على التوالي`: the
        value = resolve_date(d.text + " على التوالي", pub)  # latest of a run, the span cut before its last words
        value = DateValue(d.text, value.start, value.end)
    return _read_on(doc, d, pub) or value


DANGLING = re.compile(r"(?:^|\s)(?:من|الي|حتي|بين|علي|و|في)$")
DAY_PART = re.compile(r"(?:^|\s)(?:صباح|مساء|ليل|ليلة|ليله|فجر|ظهر|عصر)(?:\s|$)")


def _read_on(doc: Document, d: Entity, pub: date | None) -> DateValue | None:
    """A DATE span cut before its last words (`ساعات مبكرة من` [صباح الأربعاء], `ليل الخميس إلى` [الجمعة]), read on to
    the end of the phrase, at most six words, when those words name a weekday, a month or a part of a day (a bare
    number is no year here: `منذ 18 شباط/فبراير إلى` [1031 قتيلا] is a toll)."""
    if not DANGLING.search(normalize(d.text)):
        return None
    phrase = re.split(r"[.،,؛:؟!\n()\"]", doc.text[d.end:d.end + 60])[0]
    words = list(re.finditer(r"\S+", phrase))[:6]
    best = None
    for k in range(len(words), 0, -1):  # the longest reading, then the fewest words that give it
        more = normalize(phrase[:words[k - 1].end()])
        if not (MONTH_RE.search(more) or DAY_PART.search(more) or any(w in WEEKDAYS for w in more.split())):
            continue
        text = d.text + phrase[:words[k - 1].end()]
        value = resolve_date(text, pub, None if pub else year_before(doc.text, d.start))
        if value.resolved and (best is None or (value.start, value.end) == (best.start, best.end)):
            best = DateValue(text, value.start, value.end)
        elif best is not None:
            break
    return best


RUN_AFTER = re.compile(r"^\s*(?:على|علي)\s+التوالي")
SPEECH = (r"(?:قال|قالت|اعلن|اعلنت|ذكر|ذكرت|افاد|افادت|اكد|اكدت|نقل|نقلت|اوضح|اوضحت|صرح|صرحت|اضاف|اضافت|كشف|كشفت"
          r"|بين|بينت|زعم|زعمت|اشار|اشارت|اعترف|اعترفت|نفي|نفت|اتهم|اتهمت|حذر|حذرت|ادان|ادانت|دان|دانت|تبني|تبنت)")
REPORT_BEFORE = re.compile(rf"(?:^|\s)[وف]?{SPEECH}(?:\s+\S+){{0,5}}?[\s،,]*"
                           r"(?:في\s+(?:بيان|تصريح|تصريحات|مؤتمر)\S*(?:\s+\S+){0,2}[\s،,]*)?$")
REPORT_AFTER = re.compile(r"^[\s،,]*(?:\S+\s+){0,2}?(?:ان|بان|انه|انها|انهم|بانه|بانها|:)(?:\s|$)"
                          # `أعلنت السلطات الأردنية الأحد مقتل ثلاثة`: the day of the announcement, then what it told
                          r"|^[\s،,]*ب?(?:مقتل|اعتقال|القبض|اصاب[ةه]|استشهاد|مصرع|اغتيال|اختطاف|خطف|تحرير|سقوط)(?:\s|$)")


def report_date(d: Entity, text: str) -> bool:
    """A DATE told as the day of a statement (`أعلن المرصد السوري لحقوق الإنسان الثلاثاء أن حصيلة الغارات`, `أعلن
    الأردن، مساء الثلاثاء، أن`): the report's date, never the event's (guidelines 11.8), whatever a model linked."""
    before = re.split(r"[.؟?!\n]", norm_letters(text[max(0, d.start - 70):d.start]))[-1]
    return bool(REPORT_BEFORE.search(before)) and bool(REPORT_AFTER.match(norm_letters(text[d.end:d.end + 25])))


def victim_count(v: Entity) -> Count | None:
    if v.label == "PER":
        return Count(1, 1, False, v.text)
    if v.label == "GROUP" and not counts_things(v.text):
        return parse_count(v.text, singular=True)
    return None


def is_aggregate(m: Mention, text: str) -> bool:
    """A tally of many events: a quantified plural attack, repeated attacks, or a time span over a month."""
    before = norm_letters(text[max(0, m.ent.start - 25):m.ent.start])
    before = re.sub(r"[^\w\s]", " ", before).rstrip()
    if m.label == ATTACK and (QUANTIFIED.search(before) or REPEATED.match(norm_letters(text[m.ent.end:m.ent.end + 20]))):
        return True
    if m.label == ATTACK and (_habitual(m, text) or FIGHTS.match(norm_letters(m.ent.text))):
        return True
    if CASES.search(before):  # a statistic: `5 حالات اغتيال`, `658 حالة اختطاف`, `وحالتي وفاة`
        return True
    return any(d.resolved and width_days(d) > 31 and _period(t, text) for d, t in zip(m.dates, m.role("TIME")))


def _period(t: Entity, text: str) -> bool:
    """A DATE told as a stretch of time: `منذ 2016`, `خلال الفترة من 2014-2017م` (the word may precede the span), or
    a range of years."""
    before = norm_letters(text[max(0, t.start - 15):t.start])
    return bool(PERIOD.search(norm_letters(t.text)) or re.search(r"(?:منذ|خلال|طوال|طيلة)(?:\s+\S+){0,2}\s*$", before)
                or re.search(r"\d{4}\s*[-–]\s*\d{4}", t.text))


FIGHTS = re.compile(r"^[وف]?[يت]قاتل")  # `الجماعات التي تقاتل في الغوطة`, `يقاتلون ضد`: an ongoing war, not one fight
CASES = re.compile(r"(?:(?:\d[\d,.]*|[اأإآء-ي]{3,})\s+(?:حالة|حالات)|حالتي|حالتين)(?:\s+من)?\s*$")
HABITUAL = re.compile(r"(?:^|[\s\"“«(])و?(?:احيانا|غالبا|عادة|دائما|كثيرا ما|مرارا|مرات عدة|عدة مرات|مرات عديدة|"
                      r"تكرارا|من حين (?:لاخر|الي اخر|لآخر)|"
                      r"بين الحين والاخر|بين حين واخر)(?:[\s،,\"”»)]|$)")


def _habitual(m: Mention, text: str) -> bool:
    """Habitual violence (guidelines 11.5): `وأحياناً تتم الاستعانة بطيران التحالف في ضرب ...` (seed 004),
    `تفجيرات من حين لآخر`: the adverb within the clause around the trigger (60 characters before, 30 after, not
    across a sentence end)."""
    start, end = max(0, m.ent.start - 60), min(len(text), m.ent.end + 30)
    before, after = text[start:m.ent.start], text[m.ent.end:end]
    before = re.split(r"[.؟?!\n]", before)[-1]
    after = re.split(r"[.؟?!\n]", after)[0]
    return bool(HABITUAL.search(norm_letters(before)) or HABITUAL.search(norm_letters(after)))


def quantity(m: Mention, text: str) -> int | None:
    """The number right before an attack trigger (`38 عملية`, `17 عملية`), else None."""
    if m.label != ATTACK:
        return None
    before = text[max(0, m.ent.start - 20):m.ent.start]
    nums = _numbers(before)
    if nums and not before[nums[-1][1]:].strip():
        return nums[-1][2]
    return None


def is_definite(m: Mention, text: str) -> bool:
    """A definite trigger, which may refer back: the article after a one-letter prefix (`الهجوم`, `للهجوم`,
    `وبالهجوم`), a demonstrative before it (`هذا الهجوم`) or before its rank (`وهذا هو ثاني هجوم من نوعه`), a
    pronoun suffix (`هجومهم`; on a casualty also a short one: `مقتله`, `قتلها`), or a construct with its attacker
    right after it (`هجوم "سرايا الدفاع عن بنغازي"`) or its date (`هجوم الأسبوع الماضي`, `هجمات الأربعاء`)."""
    t = norm_letters(m.ent.text)
    first = t.split()[0] if t.split() else t
    if re.fullmatch(r"(?:[وف]?(?:ب|ل)?ال)?قبض", first):
        return False  # `ألقت القبض على`: the article belongs to the idiom, not a reference back
    split_article = first.startswith("ل") and text[max(0, m.ent.start - 1):m.ent.start] == "ل"  # `ل|هجوم` of `للهجوم`
    before = norm_letters(text[max(0, m.ent.start - 12):m.ent.start])
    ranked = m.label == ATTACK and bool(RANKED.search(norm_letters(text[max(0, m.ent.start - 30):m.ent.start])))
    min_len = 3 if m.label in CASUALTY else 5
    pronoun = len(first) > min_len and bool(PRONOUN_SUFFIX.search(first)) and not first.startswith("ا")
    annexed = m.label == ATTACK and len(t.split()) == 2 and t.split()[1].startswith("ال")  # `إطلاق النار`
    return bool(ARTICLE.match(first)) or split_article or bool(DEMONSTRATIVE.search(before)) or ranked or pronoun \
        or annexed or _construct(m, text)


def _construct(m: Mention, text: str) -> bool:
    """An indefinite-looking attack noun whose attacker follows it at once (idafa: `هجوم داعش`), or its date
    (`هجوم الأسبوع الماضي`, `هجمات الأربعاء`, `هجمات 11 سبتمبر`)."""
    if m.label != ATTACK or len(m.ent.text.split()) > 1:
        return False
    if any(0 <= t.start - m.ent.end <= 1 and not text[m.ent.end:t.start].strip() for t in m.role("TIME")):
        return True
    if is_plural(m.ent.text):
        return False
    gap = text[m.ent.end:m.ent.end + 3]
    return any(0 <= a.start - m.ent.end <= 2 and not gap[:max(0, a.start - m.ent.end)].strip(' "«“')
               and _definite_name(a, gap[:max(0, a.start - m.ent.end)]) for a in m.role("ATTACKER"))


INDEFINITE_HEADS = {"قوات", "عناصر", "مسلحين", "مسلحون", "مسلحي", "جماعة", "جماعات", "مجموعة", "مجموعات", "افراد",
                    "وحدات", "قوة", "رجال", "طائرات", "ميليشيات", "مليشيات", "عصابات", "خلية", "اجهزة"}


def _definite_name(a: Entity, gap: str) -> bool:
    """Whether the noun annexed to a trigger makes it definite: a name (`"سرايا الدفاع"`, `داعش`) or a definite
    noun (`الجيش`), not an indefinite phrase (`مداهمة قوات أمنية` is "a raid by security forces")."""
    first = norm_letters(a.text).split()[0] if a.text.split() else ""
    return first.startswith("ال") or bool(gap.strip()) or (first not in INDEFINITE_HEADS and a.label != "GROUP")


ACTIONS = [  # (name, pattern on the normalized trigger without its article and prefixes): kinds of action
    ("raid", r"^(?:م?داهم|دهم)"), ("storm", r"^(?:اقتحا?م|يقتحم)"), ("airstrike", r"^(?:غار|ضربات جوي|ضربة جوي|قصف جوي)"),
    ("bombing", r"^(?:تفجير|انفجار|انفجر|فجر|يفجر)"), ("shooting", r"^(?:اطلاق (?:ال)?نار|اطلق (?:ال)?نار|رصاص)"),
    ("clash", r"^(?:اشتباك|اشتبك|مواجه|معارك|معركة|قتال)"), ("shelling", r"^(?:قصف|قذائف|صواريخ|صاروخ)"),
    ("sweep", r"^(?:تمشيط)"), ("abduction", r"^(?:اختطاف|خطف|اختطف)"), ("targeting", r"^(?:استهدا?ف|يستهدف|مستهدف)"),
    ("ramming", r"^(?:دهس|يدهس|صدم|صدمت|يصدم)"),  # `حادث الدهس` ... `الدهس` (FR-internationalNews-885)
    ("ambush", r"^(?:كمين|كمائن)"), ("massacre", r"^(?:مجزر|مذبح)"),
]


FAMILIES = {"raid": "ground", "storm": "ground", "sweep": "ground", "airstrike": "air", "shelling": "fire",
            "bombing": "blast", "shooting": "fire", "clash": "fire", "abduction": "abduction", "ramming": "ramming",
            "targeting": "targeting", "ambush": "ambush", "massacre": "massacre"}


@lru_cache(maxsize=4096)
def action_kind(text: str) -> str | None:
    """The kind of action a trigger names (called per pair of mentions, hence cached by text)."""
    w = norm_letters(text).strip()
    w = re.sub(r"^(?:و|ف|ب|ل)?(?:ال)?", "", w, count=1) if not w.startswith(("اطلاق", "اطلق")) else w
    for name, pattern in ACTIONS:
        if re.search(pattern, w) or re.search(pattern, norm_letters(text).strip()):
            return name
    words = _phrase_words(text)
    if len(words) < 2 or words[-1] in GENERIC_ADJECTIVES:
        return None  # `عملية عسكرية`, `هجوم إرهابي`: any operation or attack, not one kind
    return "phrase:" + " ".join(words)  # `هجوماً كيماوياً` = `الهجوم الكيماوي`


GENERIC_ADJECTIVES = {"عسكرية", "عسكري", "امنية", "امني", "ارهابي", "ارهابية", "مسلح", "مسلحة", "واسعة", "واسع",
                      "كبير", "كبيرة", "جديد", "جديدة", "نوعية", "مشتركة", "مشترك"}


def _phrase_words(text: str) -> list[str]:
    """A multiword trigger's words without article, attached preposition or accusative ending (`هجوماً
    كيماوياً`, `الهجوم الكيماوي` -> هجوم كيماوي)."""
    out = []
    for raw in text.split():
        w = _no_article(norm_letters(raw))
        if raw.endswith(("اً", "ًا")) and w.endswith("ا"):
            w = w[:-1]
        out.append(w)
    return out


def _no_article(word: str) -> str:
    """A normalized word without its article and a preposition or conjunction before it (`وبالهجوم` -> هجوم)."""
    return re.sub(r"^[وف]?[بل]?ال(?=..)", "", word)


def is_plural(text: str) -> bool:
    w = norm_letters(text).split()[0] if text.split() else ""
    w = re.sub(r"(?<=ات)(?:هما|هم|ها|ه)$", "", w)  # `هجماته`, `عملياتها`, `اعتقالاتها`: a group's attacks
    return w.endswith(("ات", "ين", "ون")) or w in ("الهجمات", "العمليات", "الغارات", "هجمات", "عمليات", "غارات",
                                                  "الضربات", "ضربات", "معارك", "المعارك", "اشتباكات")
