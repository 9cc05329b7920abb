"""One event per real event: which trigger mentions of a document name the same event.

The headline, the lead and the detailed paragraph each mention the raid of seed 000; each mention is a trigger
span with its own relations. Mentions are joined (union-find) by these rules, in this order:

1. RESULT_OF: a casualty or arrest belongs to its attack.
2. "Others": a casualty whose victims are `آخرون`/`اثنان آخران` continues the casualty mention just before it (same
   or previous sentence): `أصيب خمسة جنود ... بينما أصيب اثنان آخران`.
   A killing and an injury (or a capture) of one sentence with no attack of their own are one event (`وقتل
   فلسطيني وأصيب 44 آخرون`, `مصرع العشرات ... وأسر أعداد كبيرة منهم`), but not an abduction and a killing
   (`خطفوا وقتلوا`: held, then killed). A casualty without an attack whose AGENT is the ATTACKER of an attack in its
   sentence belongs to that attack (`طيران التحالف ... دمر ... أنفاقا ... وقتل ... ذئب مكحول`); one with no attack
   and no doer joins the one attack event of its sentence, if there is one.
3. Restatement: two casualty mentions of the same type with the same exact count, compatible victims (the same
   organisation when both name one; not victims told by kinship, `ابنتها`, against others, `سيدة`), compatible time
   and place: the headline's `مقتل 15` and the body's `15 مسلحاً ... قتلوا`; tallies with the same number of
   operations (`38 عملية` in the headline, lead and body); the same participants: a named person killed, hurt, held
   or attacked in both, or the same organisation attacking the same named place, or two attacks on the same facility
   described in two words or more (`مقر قيادة`), or on the same unit on the same day (`دورية أمنية` ... `الجمعة`);
   the same organisation's attack of the same kind told again within two sentences, one of the two without a place
   (`هجوم جماعة الحوثي` ... `ميليشا الحوثي من هجوم`); the same outcome told of the same counted group (`بينهم 10
   صحافيين` twice) or at the same named place with tolls that do not disagree (`اختطاف التلميذات في دابشي`); attacks
   followed by the same quoted operation name (`عملية "السيل الجارف"`).
4. Anaphora: a definite attack mention (`الغارة`, `العملية`, `هذا الهجوم`, a pronoun suffix) joins the nearest
   earlier attack event when their time, place and attackers are compatible; a definite casualty noun with no
   attack of its own (`من بين القتلى`) joins the nearest earlier event with that kind of casualty.
5. An attack mention with no attacker of its own joins the nearest compatible event mentioned in the same sentence
   (`الضربات الجوية استهدفت المخابئ، أعقبتها عملية جوية`), unless it is `آخر`/`جديد` or both have their own tolls.
6. A heading (a short line without final punctuation) naming attacks with no arguments (`ضربات جوية وإنزال بري`)
   joins the first event of the next two sentences.
7. After those: the lead's toll told again person by person (named victims, fewer than a toll of the same outcome
   in the 3 sentences before, no date of their own) joins the lead's event; two accounts of the same day whose
   death tolls agree within 30% and whose victims are the same kind of people merge (001: CENTCOM's 15, the Joint
   Operations Command's 14), and events whose tolls add up, outcome by outcome, to a tally's are its breakdown
   (003: 6 + 2 killed, 11 + 20 captured of 8 and 31).
8. Last: the same kind of action told again (`مداهمة` ... `المداهمة`), and the same trigger word told again in its
   sentence or the next (`بعد إطلاق صواريخ` ... `وينسب إطلاق هذه الصواريخ`), join when compatible and their tolls
   agree (the same word also needs the same victims' side and arresting force, and no `كما`, "also", before it);
   an attack the headline or lead names with nothing of its own joins the next attack event within 3 sentences
   (`هجوم كيمياوي مفترض`, then the body's attack); a casualty with nothing but its source and uncounted
   victims (`جريمة قتل`, `شاهدوا أقاربهم يقتلون`) is a detail of the one of its kind told before it.
Aggregates (`38 عملية`, `عشرات الهجمات`, attacks over more than a month, `هجمات منتظمة`, `مرارا`, a statistic of
cases `5 حالات اغتيال`, `خلال الفترة من 2014-2017م`) take no part in rules 4
and 6; in rule 5 a tally joins only a tally or a plural attack noun (`العمليات ... 21 عملية ... عمليات مشتركة`).
Each join carries the name of its rule; `cluster_mentions(..., trace=[])` records them, and `scripts/merge_audit.py`
judges them against the gold records, rule by rule.
Compatibility: dates overlap, places are not in different countries nor two unrelated specific places (a generic
place, `القاعدة`, `جنوبي البلاد`, `سياج`, and a place told only by description, `حي سكني`, `جبال تربط ثلاث
محافظات`, match any place of their country), attackers share an organisation or a country
(`الجيش الأميركي` ~ `القوات العسكرية الأميركية`: US) when both name one, and nobody is the killer in one and the
dead in the other.
Definite (rule 4): the article, also after a one-letter prefix (`للهجوم`, whose span is `لهجوم`), a demonstrative, a
pronoun suffix (on casualties also a short one: `مقتله`), an attack noun annexed to a definite noun (`إطلاق
النار`), or a construct with a named or definite attacker right after it (`هجوم "سرايا الدفاع"`, not `مداهمة قوات
أمنية`) or its date (`هجوم الأسبوع الماضي`, `هجمات الأربعاء`); an attack whose only attacker is a definite unnamed
group told just before it (`الانتحاري ... اقتحم التجمع`) also refers back. A definite mention refers to the
nearest earlier mention of its own action family (raid/storm/sweep, air strike, blast, fire, ...) however far back,
else to the nearest earlier attack within 4 sentences (a bare mention, with no arguments, also further).
`آخر`, `جديد`, `مماثلة` after a trigger mark another event. An attack told as the one answered or preceding
(`ردا على تفجير`, `بعد تفجير`, `مكان التفجير`, and in a clause, `بعدما قام فلسطينيون بهجوم`) is another event
than the attack of its sentence (rules 5 and 8); equal tolls whose attacks are of different kinds are not a
restatement (rule 3).
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import overlaps
from .document import Document, Entity
from .mentions import (ATTACK, CASUALTY, FAMILIES, Mention, action_kind, entity_index, is_definite, is_plural,
                       sentences, _no_article)
from .numbers import Count, is_others, kin_of, norm_letters, parse_count
from .places import country_code, nationality_code, order_places, same_place





logger = logging.getLogger(__name__)
MAX_MERGE_MENTIONS = 400  # above this many trigger mentions in one document, only RESULT_OF merges them
ANAPHORA_SENTENCES = 4  # a definite mention refers back at most this many sentences. Of the anaphora joins on the
# seeds, dev and 60 train documents, those 5-6 sentences back were right 3 times and wrong 5; with 4 instead of 6,
# train gains 0.6 event precision, 1.1 recall and 1.1 counts exact, seeds and dev are unchanged
LEAD_SENTENCES = 2  # the headline and the lead: where an attack may be named before the body tells it
AHEAD = 3  # ... within this many sentences
NEAR = 2  # the same organisation's attack of the same kind told again within this many sentences is one
PAIR_WINDOW = 80  # pairwise merging rules compare a mention with at most this many earlier ones (a news article has
# far fewer; a 1 MB text with thousands of predicted triggers would otherwise take hours)


@dataclass(frozen=True)
class Join:
    """One join of two groups of mentions by a merging rule (`cluster_mentions(..., trace=[])`)."""

    rule: str
    first: tuple[str, ...]
    second: tuple[str, ...]


class _Clusters:
    """Union-find over mention ids; with `trace`, each join is recorded as a `Join` (the rule and the two groups);
    with `allow`, a join it refuses is not made (scripts/merge_audit.py: the figures if a rule never joined wrongly)."""

    def __init__(self, mentions: list[Mention], trace: list[Join] | None = None,
                 allow: Callable[[Join], bool] | None = None):
        self.parent = {m.id: m.id for m in mentions}
        self.by_id = {m.id: m for m in mentions}
        self.trace = trace
        self.allow = allow

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if self.trace is not None or self.allow is not None:
                join = Join(rule, tuple(m.id for m in self.members(a)), tuple(m.id for m in self.members(b)))
                if self.allow is not None and not self.allow(join):
                    return
                if self.trace is not None:
                    self.trace.append(join)
            first, second = sorted((ra, rb), key=lambda r: self.by_id[r].ent.start)
            self.parent[second] = first

    def members(self, x: str) -> list[Mention]:
        r = self.find(x)
        return [m for i, m in self.by_id.items() if self.find(i) == r]

    def groups(self) -> list[list[Mention]]:
        out: dict[str, list[Mention]] = {}
        for i, m in self.by_id.items():
            out.setdefault(self.find(i), []).append(m)
        return sorted((sorted(g, key=lambda m: m.ent.start) for g in out.values()), key=lambda g: g[0].ent.start)


GENERIC_ORG_WORDS = {"قوات", "القوات", "جيش", "الجيش", "العسكرية", "العسكري", "الامن", "الامنية", "الامني", "تنظيم",
                     "جماعة", "حركة", "القيادة", "قيادة", "المركزية", "وزارة", "الدفاع", "الداخلية", "الشرطة",
                     "من", "في", "و", "عناصر", "مسلحي", "ميليشيات", "مليشيات", "الحكومة", "حكومة", "دولة", "الدولة",
                     "التنظيم", "الجماعة", "الحركة", "عصابات", "العصابات",
                     # adjectives and nouns any side's forces bear (`الجيش الوطني`, `القوات الحكومية`, `القوات الخاصة`,
                     # `الأجهزة الأمنية`, `سلاح الجو`): no key of their own
                     "وطني", "وطنية", "حكومي", "حكومية", "مسلحة", "خاصة", "مشتركة", "اجهزة", "سلطات", "حربي",
                     "حربية", "جوية", "جوي", "طيران", "مكافحة", "ارهاب", "دفاعات", "سلاح", "الجو", "نظام", "نظامية",
                     "مجهول", "مجهولون", "مجهولين", "شرطة", "مخابرات", "استخبارات"}


def entity_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\"'«»“”()]", " ", norm_letters(text))).strip()


ISLAMIC_STATE = re.compile(r"(?:تنظيم )?الدولة الاسلامية|تنظيم الدولة|داعش")


def org_keys(text: str) -> set[str]:
    """What identifies an organisation for matching: the countries it belongs to (`القوات العراقية` -> IQ,
    `الجيش الأميركي` -> US) and its specific words (`داعش`, `التحالف`); the Islamic State by any of its names
    (`الدولة الإسلامية`, `تنظيم الدولة`, `داعش`) is one key."""
    norm = norm_letters(text)
    if ISLAMIC_STATE.search(norm):
        norm = ISLAMIC_STATE.sub(" داعش ", norm)
    keys = set()
    for w in norm.replace('"', " ").split():
        code = country_code(w) or nationality_code(w)
        if code:
            keys.add(code)
        else:
            bare = w[2:] if w.startswith("ال") and len(w) > 4 else w
            if w not in GENERIC_ORG_WORDS and bare not in GENERIC_ORG_WORDS:
                keys.add(_nisba(bare))
    return keys


def _nisba(w: str) -> str:
    """One key for a nisba's forms: `الحوثي`, `الحوثية`, `الحوثيين`, `الحوثيون` -> حوثي; and for a sound plural's
    cases: `مسلحون`, `مسلحين` -> مسلح (the same unnamed group told in two cases is not two organisations)."""
    if len(w) > 4 and w.endswith(("يه", "ية")):
        return w[:-1]
    if len(w) > 5 and w.endswith(("يين", "يون", "ون", "ين")):
        return w[:-2]
    return w


CIVILIAN = re.compile(r"مدني|مواطن|طفل|اطفال|نساء|امراة|سيدة|طالب|تلميذ|سائح|صحف|صحاف|مصور|متظاهر|محتج|مسعف|لاجئ|مهاجر")
MILITANT = re.compile(r"مسلح|ارهابي|عنصر|عناصر|مقاتل|داعشي|متشدد|جهادي|متمرد|انتحاري|مهاجم|ميليشي|مليشي|قيادي|قادة|قيادات")
SECURITY = re.compile(r"جندي|جنود|عسكري|شرطي|شرطة|ضابط|ضباط|امن|حرس|عسكريين|اعوان")


def victim_side(v: Entity, member_of: dict[str, list[Entity]]) -> set[str]:
    """Who a victim group is, for telling a restatement from another group: its organisations and nationality,
    and whether it is civilian, militant or security (`جنديين أمريكيين` -> {US, security})."""
    keys: set[str] = set()
    for o in member_of.get(v.id, []):
        keys |= org_keys(o.text)
    if v.label == "PER":
        return keys  # a name says nothing of the side (`العثامنة` is not `امن`)
    t = norm_letters(v.text)
    keys |= {c for w in t.split() if (c := nationality_code(w))}
    for name, pattern in (("civilian", CIVILIAN), ("militant", MILITANT), ("security", SECURITY)):
        if pattern.search(t):
            keys.add(name)
    return keys


def _org_keys(ents: list[Entity], doc_rel: dict[str, list[Entity]]) -> set[str]:
    keys: set[str] = set()
    for e in ents:
        for o in doc_rel.get(e.id, []) + ([e] if e.label in ("ORG", "GPE") else []):
            keys |= org_keys(o.text)
    return keys


def _keys_compatible(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def compatible(a: list[Mention], b: list[Mention], doc: Document, member_of: dict[str, list[Entity]],
               check_attackers: bool = True) -> bool:
    """Whether two clusters can be one event: overlapping dates, compatible places (PLACE, else attacked places),
    named victims in common when both name some, and compatible attackers."""
    da = [d for m in a for d in m.dates]
    db = [d for m in b for d in m.dates]
    if not all(overlaps(x, y) for x in da for y in db):
        return False
    if not same_place(event_places(a, doc, ("GPE",)), event_places(b, doc, ("GPE",)), doc):
        return False
    na = {entity_key(v.text) for m in a for v in m.role("VICTIM") + m.role("TARGET") if v.label == "PER"}
    nb = {entity_key(v.text) for m in b for v in m.role("VICTIM") + m.role("TARGET") if v.label == "PER"}
    if na and nb and not any(x in y or y in x for x in na for y in nb):
        return False
    if _doers(a) & _named_victims(b) or _doers(b) & _named_victims(a):
        return False  # the killer in one is the one killed in the other (`قتلها` by بوكن; بوكن `توفي`)
    if check_attackers:
        aa = _org_keys([e for m in a for e in m.role("ATTACKER") + m.role("AGENT")], member_of)
        ab = _org_keys([e for m in b for e in m.role("ATTACKER") + m.role("AGENT")], member_of)
        if not _keys_compatible(aa, ab):
            return False
    return True


def _other_causes(a: list[Mention], b: list[Mention]) -> bool:
    """Two casualty clusters caused by attacks of different kinds (`إصابة اثنين` by a roadside bomb, `إصابة اثنين`
    by the air strikes answering it): the same number is a coincidence, not a restatement."""
    fa, fb = _families(a), _families(b)
    return bool(fa and fb and not fa & fb)


def _kin_and_not(a: list[Mention], b: list[Mention]) -> bool:
    """One cluster's victims are all told by kinship to someone (`ابنتها`, `زوجها`), the other's none: different
    people, whatever their numbers (`القبض على سيدة` ... `احتجاز ابنتها`, BB-middleEast-125)."""
    kin = [{bool(kin_of(norm_letters(v.text).strip())) for q in group for v in q.role("VICTIM")} for group in (a, b)]
    return {frozenset(k) for k in kin} == {frozenset({True}), frozenset({False})}


def _families(group: list[Mention]) -> set[str]:
    texts = [x.text for m in group for x in m.role("RESULT_OF")] + [m.ent.text for m in group if m.label == ATTACK]
    return {FAMILIES.get(action_kind(t)) for t in texts} - {None}


def _definite_doer(m: Mention, member_of: dict[str, list[Entity]]) -> bool:
    """An attack whose attackers are only definite unnamed groups (`الانتحاري اقتحم التجمع`, `المسلحون أطلقوا`):
    they are the attackers told before, so the attack is too (BB-internationalNews-658)."""
    doers = m.role("ATTACKER")
    return m.label == ATTACK and bool(doers) and all(
        e.label == "GROUP" and not member_of.get(e.id) and norm_letters(e.text).startswith("ال")
        and len(e.text.split()) == 1 and 0 < m.ent.start - e.end < 80 for e in doers)  # the subject, told before


def _unnamed_attackers(m: Mention, member_of: dict[str, list[Entity]]) -> bool:
    """No attacker, or only unnamed groups of no stated organisation (`المسلحين`, `المهاجمين`), which refer back."""
    return all(e.label == "GROUP" and not member_of.get(e.id) for e in m.role("ATTACKER"))


def _doers(group: list[Mention]) -> set[str]:
    return {entity_key(e.text) for m in group for e in m.role("ATTACKER") + m.role("AGENT") if e.label == "PER"}


def _named_victims(group: list[Mention]) -> set[str]:
    return {entity_key(v.text) for m in group for v in m.role("VICTIM") if v.label == "PER"}


def event_places(group: list[Mention], doc: Document, target_labels=("GPE", "LOC", "FAC")) -> list[str]:
    """The places of a cluster: its PLACE spans, else the places it attacks (guidelines 11.9)."""
    return order_places([p.id for m in group for p in m.role("PLACE")], doc) or order_places(
        [t.id for m in group for t in m.role("TARGET") if t.label in target_labels], doc)


def member_of_entities(doc: Document) -> dict[str, list[Entity]]:
    """The organisations or countries each entity id belongs to (MEMBER_OF tails)."""
    ents = entity_index(doc)
    member_of: dict[str, list[Entity]] = {}
    for r in doc.relations:
        if r.label == "MEMBER_OF" and r.tail in ents:
            member_of.setdefault(r.head, []).append(ents[r.tail])
    return member_of


def cluster_mentions(doc: Document, mentions: list[Mention], trace: list[Join] | None = None,
                     allow: Callable[[Join], bool] | None = None) -> list[list[Mention]]:
    """Groups of mentions, one per event, each in text order, groups in order of their first mention. `trace`, a
    list, receives every join with the name of the rule that made it (scripts/merge_audit.py scores them); `allow`,
    a predicate on a `Join`, refuses the joins it returns False for (a diagnostic: the builder never passes it)."""
    uf = _Clusters(mentions, trace, allow)
    member_of = member_of_entities(doc)
    ids = {m.id for m in mentions}
    # 1. RESULT_OF
    for m in mentions:
        for a in m.role("RESULT_OF"):
            if a.id in ids:
                uf.union(m.id, a.id, "result_of")
    if len(mentions) > MAX_MERGE_MENTIONS:  # a book-length text: RESULT_OF only, the other rules would take hours
        logger.warning("%s: %d event mentions; merging by RESULT_OF only (the heuristic merging rules are for "
                       "articles of up to %d mentions)", doc.id, len(mentions), MAX_MERGE_MENTIONS)
        return uf.groups()
    casualties = [m for m in mentions if m.label in CASUALTY]
    # 2. "others" continue the casualty mention before them
    for i, m in enumerate(casualties):
        victims = m.role("VICTIM")
        if victims and all(is_others(v.text) for v in victims):
            prev = [p for p in casualties[max(0, i - PAIR_WINDOW):i] if m.sent - p.sent <= 1]
            if prev:
                uf.union(prev[-1].id, m.id, "others")
    # 3. restated casualty counts
    for i, m in enumerate(casualties):
        for p in casualties[max(0, i - PAIR_WINDOW):i]:
            if p.label != m.label or not p.counts or not m.counts or uf.find(p.id) == uf.find(m.id):
                continue
            if _same_total(p.counts, m.counts) and not _other_causes(uf.members(p.id), uf.members(m.id)) \
                    and not _kin_and_not(uf.members(p.id), uf.members(m.id)) \
                    and _keys_compatible(
                    _org_keys([v for q in uf.members(p.id) for v in q.role("VICTIM")], member_of),
                    _org_keys([v for q in uf.members(m.id) for v in q.role("VICTIM")], member_of)) \
                    and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "restated_toll")
    # 2a. a killing and an injury (or capture) told in one sentence, with no attack of their own, are one event
    # (11.3); an abduction and a killing are two
    for i, m in enumerate(casualties):
        if m.role("RESULT_OF"):
            continue
        for p in casualties[max(0, i - PAIR_WINDOW):i]:
            if p.sent == m.sent and p.label != m.label and "abduction" not in (action_kind(p.ent.text),
                                                                                action_kind(m.ent.text)) \
                    and uf.find(p.id) != uf.find(m.id) \
                    and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "one_sentence_casualties")
                break
    # 2b. a casualty without an attack, whose doer is the attacker of an attack in its sentence
    for m in casualties:
        if m.role("RESULT_OF") or not m.role("AGENT"):
            continue
        agents = _org_keys(m.role("AGENT"), member_of) or {entity_key(e.text) for e in m.role("AGENT")}
        for p in mentions:
            if p.label == ATTACK and p.sent == m.sent and uf.find(p.id) != uf.find(m.id):
                attackers = _org_keys(p.role("ATTACKER"), member_of) or {entity_key(e.text) for e in p.role("ATTACKER")}
                if agents & attackers and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                    uf.union(p.id, m.id, "casualty_doer_attacks")
                    break
    # 2c. a casualty with no attack and no doer of its own, in the sentence of exactly one attack event
    # (`اعتداءات ... بطائرات ركاب ... تم اختطافها`)
    for m in casualties:
        if m.role("RESULT_OF") or m.role("AGENT") or len(uf.members(m.id)) > 1:
            continue
        roots = {uf.find(p.id) for p in mentions if p.label == ATTACK and p.sent == m.sent and not p.aggregate}
        if len(roots) == 1:
            p = uf.by_id[roots.pop()]
            if compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "casualty_in_attack_sentence")
    # 3c. the same participants: a named person killed, hurt, held or attacked in both; the same attacker at the
    # same specific place
    for i, m in enumerate(mentions):
        for p in mentions[max(0, i - PAIR_WINDOW):i]:
            if uf.find(p.id) == uf.find(m.id) or p.aggregate != m.aggregate:
                continue
            if (_named(p) & _named(m) or _same_counted_group(p, m, uf, member_of) or _same_casualty_scene(p, m, doc)
                    or _same_attack_scene(p, m, doc, member_of) or _same_target(p, m)
                    or _same_arrest(p, m, member_of)) \
                    and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "same_participants")
    # 3d. a named operation told again by its name (`عملية "السيل الجارف"`, `عملية السيل الجارف`)
    _merge_named_operations(mentions, uf, doc, member_of)
    # 3b. restated tallies: `38 عملية` in the headline, the lead and the body
    tallies = [m for m in mentions if m.label == ATTACK and m.quantity]
    for i, m in enumerate(tallies):
        for p in tallies[max(0, i - PAIR_WINDOW):i]:
            if p.quantity == m.quantity and uf.find(p.id) != uf.find(m.id) \
                    and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "restated_tally")
    # 4. anaphora, 5. attacks told in one sentence, 6. headings
    sents = sentences(doc.text)
    # a mention already joined to an earlier mention of its kind (by rules 1-3) has found its antecedent
    joined_before = {m.id for m in mentions
                     if any(q.ent.start < m.ent.start and q.label == m.label for q in uf.members(m.id))}
    for i, m in enumerate(mentions):
        if m.aggregate:
            target, rule = _same_sentence(m, mentions, uf, doc, member_of), "tally_same_sentence"
        else:
            joined = m.id in joined_before
            anaphoric = (is_definite(m, doc.text) or _definite_doer(m, member_of)) and not joined
            target = _antecedent(m, mentions[max(0, i - PAIR_WINDOW):i], uf, doc, member_of) if anaphoric else None
            rule = "anaphora"
            if target is None and m.label == ATTACK and _unnamed_attackers(m, member_of) and not _another(m, doc.text):
                target, rule = _same_sentence(m, mentions, uf, doc, member_of), "same_sentence"
            if target is None and m.label == ATTACK and not m.args and _is_heading(sents[m.sent], doc.text):
                target, rule = _next_event(m, mentions, uf, doc, member_of), "heading"
        if target is not None:
            uf.union(target.id, m.id, rule)
    # 7. accounts of one day from different sources, and sub-tallies that add up to a tally
    _merge_accounts(uf, doc, member_of)
    # 8. the same kind of action told again; a bare mention continuing the event told just before it
    _merge_same_action(mentions, uf, doc, member_of)
    _merge_same_word(mentions, uf, doc, member_of)
    _merge_bare(mentions, uf, doc, member_of)
    _merge_announced(mentions, uf, doc, member_of)
    _merge_bare_casualty(mentions, uf, doc, member_of)
    _merge_subtallies(uf, doc, member_of)
    _merge_details(uf, doc, member_of)
    return uf.groups()


def _merge_details(uf: _Clusters, doc: Document, member_of) -> None:
    """The lead's toll told again person by person (SK-middleEast-1147: `قتل أربعة فلسطينيين` then `الشاب أحمد
    نبيل عقل توفي ...`, `مقتل الطفل محمد إبراهيم أيوب ...`): a casualty event whose victims are named people, with
    no date of its own, fewer than a toll of the same outcome told in the 3 sentences before it, joins that event."""
    groups = [g for g in uf.groups() if not any(m.aggregate for m in g)]
    for i, g in enumerate(groups):
        victims = [v for m in g if m.label in CASUALTY for v in m.role("VICTIM")]
        if not victims or any(v.label != "PER" for v in victims) or any(m.dates for m in g):
            continue
        lead = next((lead for lead in reversed(groups[:i]) if 0 <= g[0].sent - lead[0].sent <= 3
                     and _names_fewer_than_toll(g, lead) and compatible(lead, g, doc, member_of)), None)
        if lead is not None:
            uf.union(lead[0].id, g[0].id, "lead_details")


def _names_fewer_than_toll(detail: list[Mention], lead: list[Mention]) -> bool:
    """For some outcome, the detail names fewer people than the lead's toll of it."""
    for label in CASUALTY:
        names = {entity_key(v.text) for m in detail if m.label == label for v in m.role("VICTIM")}
        toll = _cluster_count(lead, label)
        if names and toll and (toll[0] or 0) > len(names):
            return True
    return False


def _merge_same_action(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """Two mentions of the same kind of action (`مداهمة` ... `المداهمة` ... `داهمته`), neither a tally nor `آخر`,
    with compatible dates, places and attackers, are one event (guidelines 11.2: the same kind of action)."""
    attacks = [m for m in mentions if m.label == ATTACK and not m.aggregate and not _another(m, doc.text)]
    for i, m in enumerate(attacks):
        kind = action_kind(m.ent.text)
        if kind is None:
            continue
        for p in attacks[max(0, i - PAIR_WINDOW):i]:
            if action_kind(p.ent.text) == kind and uf.find(p.id) != uf.find(m.id) \
                    and not any(q.aggregate for q in uf.members(p.id) + uf.members(m.id)) \
                    and not (_counts_of(uf.members(p.id)) and _counts_of(uf.members(m.id))
                             and not _tolls_agree(uf.members(p.id), uf.members(m.id))) \
                    and compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "same_action")
                break


def _merge_same_word(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """The same trigger word told again in its sentence or the next (`بعد إطلاق صواريخ` ... `وينسب إطلاق هذه
    الصواريخ`, FR-internationalNews-6), neither a tally nor `آخر`, with compatible dates, places, attackers and
    tolls, is the same event, whatever its kind of action."""
    told = [m for m in mentions if not m.aggregate and not _another(m, doc.text)]
    for i, m in enumerate(told):
        key = _bare_key(m.ent.text)
        for p in reversed(told[max(0, i - PAIR_WINDOW):i]):
            if m.sent - p.sent > 1:
                break
            if p.label == m.label and _bare_key(p.ent.text) == key and uf.find(p.id) != uf.find(m.id) \
                    and _same_told_again(p, m, uf, doc, member_of):
                uf.union(p.id, m.id, "same_word")
                break


def _same_told_again(p: Mention, m: Mention, uf: _Clusters, doc: Document, member_of) -> bool:
    """Whether a mention told again in the same words (`_merge_same_word`) can be the earlier one's event: no tally,
    tolls that agree and of one cause, the same victims' side, arrests by the same force (`ألقت الشرطة القبض` ...
    `ألقى الجيش القبض`: two), not told as an addition (`كما تعرضت دورية عسكرية لهجوم`), and, within one sentence,
    neither told as what came before (`بعد أيام قليلة من هجوم`)."""
    a, b = uf.members(p.id), uf.members(m.id)
    if any(q.aggregate for q in a + b) or not _tolls_agree(a, b) or _other_causes(a, b) or _kin_and_not(a, b):
        return False
    if p.sent == m.sent and any(_in_response(q, doc.text) or _in_clause(q, doc.text) for q in (p, m)):
        return False
    if ALSO.search(_words_before(m, doc.text, 40)):
        return False
    forces = [{entity_key(e.text) for q in g for e in q.role("AGENT")} for g in (a, b)]
    if m.label == "ARREST" and all(forces) and not _same_force(*forces):
        return False
    victims = [_org_keys([v for q in g for v in q.role("VICTIM")], member_of) for g in (a, b)]
    return _keys_compatible(*victims) and compatible(a, b, doc, member_of)


ALSO = re.compile(r"(?:^|[\s،,.])[وف]?كما(?:\s+\S+){0,4}\s*$")  # `كما تعرضت دورية لهجوم`: in addition, another


def _tolls_agree(a: list[Mention], b: list[Mention]) -> bool:
    for label in CASUALTY:
        ka, kb = _cluster_count(a, label), _cluster_count(b, label)
        if ka and kb and ka != kb:
            return False
    return True


def _merge_bare(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """An attack mention alone in its event that gives no date and no place of its own, and is neither a tally
    nor `آخر` nor a plural (`لشن هجمات إرهابية`), continues the nearest event told before it in its sentence (`وبادروا بإطلاق نار كثيف`), or, when it is definite
    (`الاقتحام`), in the two sentences before."""
    for m in mentions:
        if m.label != ATTACK or len(uf.members(m.id)) > 1 or m.aggregate or m.dates or m.role("PLACE") \
                or _another(m, doc.text) or is_plural(m.ent.text) or _in_response(m, doc.text) \
                or _in_clause(m, doc.text):
            continue
        reach = 2 if is_definite(m, doc.text) else 0
        before = [p for p in mentions if p.ent.start < m.ent.start and 0 <= m.sent - p.sent <= reach
                  and uf.find(p.id) != uf.find(m.id) and not any(q.aggregate for q in uf.members(p.id))]
        if before:
            p = before[-1]
            if compatible(uf.members(p.id), uf.members(m.id), doc, member_of):
                uf.union(p.id, m.id, "bare")


def _merge_bare_casualty(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """A killing, injury or arrest with no argument but its source and uncounted victims (`جريمة قتل خطيرة للغاية`
    after the journalist's killing; `معظمهم أصيبوا بجروح مروعة`; survivors `شاهدوا أقاربهم يقتلون`) adds no one to
    a toll: it is a detail of the one of its kind told before it, within a few sentences."""
    for i, m in enumerate(mentions):
        if m.label not in CASUALTY or set(m.args) - {"SOURCE", "VICTIM"} or len(uf.members(m.id)) > 1 or m.aggregate \
                or not all(v.label == "GROUP" and parse_count(v.text, singular=True) is None for v in m.role("VICTIM")):
            continue
        before = [p for p in mentions[max(0, i - PAIR_WINDOW):i] if p.label == m.label
                  and m.sent - p.sent <= ANAPHORA_SENTENCES and uf.find(p.id) != uf.find(m.id)
                  and not any(q.aggregate for q in uf.members(p.id))]
        if before and compatible(uf.members(before[-1].id), uf.members(m.id), doc, member_of):
            uf.union(before[-1].id, m.id, "bare_casualty")



def _merge_announced(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """An attack named in the headline or lead with nothing of its own (`هجوم كيمياوي مفترض`) is the event the
    body then tells: it joins the next attack event within a few sentences."""
    for m in mentions:
        if m.label != ATTACK or m.sent >= LEAD_SENTENCES or len(uf.members(m.id)) > 1 or set(m.args) - {"SOURCE"} \
                or m.aggregate or _another(m, doc.text) or is_plural(m.ent.text) or _in_response(m, doc.text) \
                or _in_clause(m, doc.text):
            continue
        later = [p for p in mentions if p.ent.start > m.ent.start and p.sent - m.sent <= AHEAD and p.label == ATTACK
                 and uf.find(p.id) != uf.find(m.id) and not any(q.aggregate for q in uf.members(p.id))]
        if later and compatible(uf.members(later[0].id), uf.members(m.id), doc, member_of):
            uf.union(later[0].id, m.id, "announced")


def _cluster_count(group: list[Mention], label: str) -> tuple | None:
    totals = [t for m in group if m.label == label and (t := _total(m.counts)) is not None]
    return max(totals, key=lambda t: (t[0] or 0, t[1] is None, t[1] or 0)) if totals else None


def _weekdays(group: list[Mention]) -> set[str]:
    from .dates import WEEKDAYS

    return {w for m in group for d in m.dates for w in WEEKDAYS if w in norm_letters(d.text)}


def _sides(group: list[Mention], member_of) -> set[str]:
    return set().union(set(), *(victim_side(v, member_of) for m in group for v in m.role("VICTIM")))


def _merge_accounts(uf: _Clusters, doc: Document, member_of) -> None:
    """Two reports of the same day (the same resolved date or weekday), compatible places, victims and attackers,
    whose death tolls agree within 30% (CENTCOM's 15 and the Joint Operations Command's 14, seed 001)."""
    groups = [g for g in uf.groups() if not any(m.aggregate for m in g)]
    for i, a in enumerate(groups):
        for b in groups[i + 1:]:
            if uf.find(a[0].id) == uf.find(b[0].id):
                continue
            ka, kb = _cluster_count(a, "KILL"), _cluster_count(b, "KILL")
            if not ka or not kb or not ka[0] or not kb[0] or abs(ka[0] - kb[0]) > 0.3 * max(ka[0], kb[0]):
                continue
            same_day = (_weekdays(a) & _weekdays(b)) or any(
                x.resolved and x == y for x in (d for m in a for d in m.dates) for y in (d for m in b for d in m.dates))
            if same_day and _sides(a, member_of) & _sides(b, member_of) and compatible(a, b, doc, member_of):
                uf.union(a[0].id, b[0].id, "accounts")


def _merge_subtallies(uf: _Clusters, doc: Document, member_of) -> None:
    """Events whose tolls add up to a tally's toll, outcome by outcome, are its breakdown (seed 003: 6 + 2 killed
    and 11 + 20 captured of the 38 operations' 8 and 31)."""
    from itertools import combinations

    groups = uf.groups()
    for tally in [g for g in groups if any(m.aggregate for m in g)]:
        labels = [lab for lab in CASUALTY if _cluster_count(tally, lab)]
        if not labels:
            continue
        others = [g for g in groups if g is not tally and all(_cluster_count(g, lab) for lab in labels)][:8]
        for k in range(2, len(others) + 1):
            found = next((c for c in combinations(others, k) if all(
                sum(_cluster_count(g, lab)[0] for g in c) == _cluster_count(tally, lab)[0] for lab in labels)), None)
            if found:
                for g in found:
                    uf.union(tally[0].id, g[0].id, "subtallies")
                return


def _named(m: Mention) -> set[str]:
    return {entity_key(v.text) for v in m.role("VICTIM") + m.role("TARGET") if v.label == "PER"}


def _same_counted_group(p: Mention, m: Mention, uf: _Clusters, member_of) -> bool:
    """The same outcome told of the same counted group, whose events name no different victims' organisations."""
    return p.label == m.label and bool(_counted_groups(p) & _counted_groups(m)) and _keys_compatible(
        _org_keys([v for q in uf.members(p.id) for v in q.role("VICTIM")], member_of),
        _org_keys([v for q in uf.members(m.id) for v in q.role("VICTIM")], member_of))


QUOTED_NAME = re.compile(r'^\s*["«“]([^"»”\n]{3,40})["»”]')


def _merge_named_operations(mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> None:
    """Attack mentions followed by the same quoted name, or by a name quoted after another of them, are one
    operation."""
    names = {norm_letters(n.group(1)).strip() for m in mentions if m.label == ATTACK
             if (n := QUOTED_NAME.match(doc.text[m.ent.end:m.ent.end + 45]))}
    if not names:
        return
    by_name: dict[str, Mention] = {}
    for m in mentions:
        if m.label != ATTACK:
            continue
        after = norm_letters(doc.text[m.ent.end:m.ent.end + 45]).lstrip(' "«“')
        name = next((n for n in names if after.startswith(n)), None)
        if name is None:
            continue
        first = by_name.setdefault(name, m)
        if first is not m and uf.find(first.id) != uf.find(m.id) \
                and compatible(uf.members(first.id), uf.members(m.id), doc, member_of):
            uf.union(first.id, m.id, "named_operation")


def _same_casualty_scene(p: Mention, m: Mention, doc: Document) -> bool:
    """The same outcome at the same named place (not a country), with tolls that do not disagree:
    `اختطفت التلميذات في دابشي` and `اختطاف التلميذات في دابشي` (AL-internationalNews-545)."""
    if p.label != m.label or p.label not in CASUALTY or _another(m, doc.text):
        return False
    tp, tm = _total(p.counts), _total(m.counts)
    if tp and tm and tp != tm:
        return False
    return bool(_specific_places(p, doc) & _specific_places(m, doc))


def _specific_places(m: Mention, doc: Document) -> set[str]:
    """The keys of a mention's places below the country level."""
    ents = entity_index(doc)
    return {entity_key(ents[i].text) for i in event_places([m], doc) if not country_code(ents[i].text)}


def _counted_groups(m: Mention) -> set[str]:
    """Victim groups given with a number of two or more (`10 صحافيين`): told again word for word by a mention of the
    same outcome, they are the same people (AL-internationalNews-981: `عشرات القتلى بينهم 10 صحافيين`, `37 شخصا على
    الأقل، بينهم 10 صحافيين`); abducted in one mention and killed in another, they are two events (FR-middleEast-206)."""
    out = set()
    for v in m.role("VICTIM"):
        c = parse_count(v.text) if v.label == "GROUP" else None
        if c is not None and c.min and c.min >= 2 and any(ch.isdigit() for ch in v.text):
            out.add(entity_key(v.text))
    return out


def _same_attack_scene(p: Mention, m: Mention, doc: Document, member_of) -> bool:
    """Two attacks by the same organisation at the same named place (not a whole country)."""
    if p.label != ATTACK or m.label != ATTACK:
        return False
    ap, am = _org_keys(p.role("ATTACKER"), member_of), _org_keys(m.role("ATTACKER"), member_of)
    if not (ap & am):
        return False
    pp, pm = _specific_places(p, doc), _specific_places(m, doc)
    if pp & pm:
        return True
    # or told again at once: the same organisation's attack of the same kind in the next sentence or two, one of
    # the two without a place (`هجوم جماعة الحوثي على ناقلة النفط` ... `ما قامت به ميليشا الحوثي من هجوم`)
    fp, fm = FAMILIES.get(action_kind(p.ent.text)), FAMILIES.get(action_kind(m.ent.text))
    return (not pp or not pm) and 0 <= m.sent - p.sent <= NEAR and (fp == fm or None in (fp, fm)) \
        and not is_plural(p.ent.text) and not is_plural(m.ent.text) and not _another(m, doc.text)


def _same_arrest(p: Mention, m: Mention, member_of) -> bool:
    """Two arrests by the same force (`أعلنت الشرطة التركية أنها ألقت القبض على أرملة` ... `قالت الشرطة ... إنها
    ألقت القبض على الزوجة`), each of one unnamed person or group; the caller checks dates and places."""
    if p.label != "ARREST" or m.label != "ARREST":
        return False
    ka = {entity_key(e.text) for e in p.role("AGENT")}
    kb = {entity_key(e.text) for e in m.role("AGENT")}
    orgs = [_org_keys(q.role("AGENT"), member_of) for q in (p, m)]
    return _same_force(ka, kb) and _keys_compatible(*orgs) and not (_named(p) or _named(m))


def _same_force(ka: set[str], kb: set[str]) -> bool:
    """Two sets of doers' keys that share one, or one that begins the other (`الشرطة` ~ `الشرطة التركية`)."""
    return any(x == y or x.startswith(y + " ") or y.startswith(x + " ") for x in ka for y in kb)


def _same_target(p: Mention, m: Mention) -> bool:
    """Two attacks on the same described facility or unit, named in two words or more (`مقر قيادة` ...
    `مقر القيادة`), neither `آخر` nor a tally (checked by the caller: the same aggregate status)."""
    if p.label != ATTACK or m.label != ATTACK:
        return False
    dated = bool(p.dates and m.dates)  # a unit (`دورية أمنية`) attacked on the same day, told twice
    return bool(_target_keys(p, dated) & _target_keys(m, dated))


def _target_keys(m: Mention, groups: bool = False) -> set[str]:
    labels = ("FAC", "ORG", "GROUP") if groups else ("FAC", "ORG")
    keys = (_bare_key(t.text) for t in m.role("TARGET") if t.label in labels)
    return {k for k in keys if len(k.split()) >= 2}


def _bare_key(text: str) -> str:
    return " ".join(_no_article(w) for w in entity_key(text).split())


RESPONSE = re.compile(r"(?:^|\s)[وف]?(?:ردا|رد|انتقاما|بعد|بعيد|عقب|اعقاب|قبل|قبيل|خلفية|مكان|موقع|منذ|اثر"
                      r"|بالتزامن|تزامنا|(?:بعد|قبل) (?:ايام|ساعات|يوم|يومين|اسبوع|اسبوعين|اسابيع|شهر|اشهر)"
                      r"(?: قليلة)?)\s*(?:علي|علي خلفية|ل|مع|من)?\s*$")


# `بعدما قام فلسطينيون بهجوم`, `عقب ما قالت إنه هجوم صاروخي`, `بعد أن أطلقت قوات إيرانية`: a clause of what came before
RESPONSE_CLAUSE = re.compile(r"(?:^|\s)[وف]?(?:بعدما|بعد ان|عقب ما|عقبما|اثر ما|قبل ان|قبلما)(?:\s+\S+){0,3}\s*$")


def _words_before(m: Mention, text: str, width: int) -> str:
    return re.sub(r"[^\w\s]", " ", norm_letters(text[max(0, m.ent.start - width):m.ent.start])).rstrip()


def _in_response(m: Mention, text: str) -> bool:
    """An attack told as the cause or the antecedent of another (`ردا على تفجير`, `بعد تفجير`, `عقب هجوم`,
    `على خلفية`), or as a place (`غير بعيد من مكان التفجير`): a different event from the attack of its sentence."""
    return bool(RESPONSE.search(_words_before(m, text, 30)))


def _in_clause(m: Mention, text: str) -> bool:
    """An attack told in a clause of what came before (`بعدما قام فلسطينيون بهجوم`, `بعد أن أطلقت قوات إيرانية`):
    another event than an attack of its sentence told outside such a clause (two in such clauses, `بعد أن اصطدمت
    ... بعد أن دهس`, are the steps of one)."""
    return bool(RESPONSE_CLAUSE.search(_words_before(m, text, 45)))


def _another(m: Mention, text: str) -> bool:
    """`هجوم آخر`, `غارة أخرى`, `عملية مماثلة`: explicitly a different event."""
    return bool(re.match(r"^\s*(?:ال)?(?:اخر|اخري|اخرى|ثان|ثانية|جديد|جديدة|مماثل|مماثلة|مماثله|مشابه|مشابهة|مشابهه)"
                         r"(?:\s|$|[،,.])",
                         norm_letters(text[m.ent.end:m.ent.end + 12])))


def _is_heading(sent: tuple[int, int], text: str) -> bool:
    line = text[sent[0]:sent[1]].strip()
    return len(line) <= 60 and not re.search(r"[.؟!?]$", line)


def _next_event(m: Mention, mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> Mention | None:
    later = [p for p in mentions if 0 < p.sent - m.sent <= 2 and uf.find(p.id) != uf.find(m.id)]
    if not later:
        return None
    p = later[0]
    return p if compatible(uf.members(p.id), uf.members(m.id), doc, member_of) else None


def _same_total(a: list[Count], b: list[Count]) -> bool:
    ta, tb = _total(a), _total(b)
    return ta is not None and ta == tb


def _total(counts: list[Count]) -> tuple | None:
    if not counts:
        return None
    lo = sum(c.min or 0 for c in counts)
    hi = None if any(c.max is None for c in counts) else sum(c.max for c in counts)
    return lo, hi


def _antecedent(m: Mention, earlier: list[Mention], uf: _Clusters, doc: Document, member_of) -> Mention | None:
    if m.label == ATTACK:
        cands = [p for p in reversed(earlier) if p.label == ATTACK and uf.find(p.id) != uf.find(m.id)]
        family = FAMILIES.get(action_kind(m.ent.text))
        alike = [p for p in cands if family and FAMILIES.get(action_kind(p.ent.text)) == family]
        if alike:  # `الاقتحام` refers back to the raid (`مداهمة`), not to the blast told just before; `التفجير`
            return _compatible_antecedent(m, alike[0], uf, doc, member_of)  # to the bombing, however far back
    elif not m.role("RESULT_OF"):
        cands = [p for p in reversed(earlier) if uf.find(p.id) != uf.find(m.id)
                 and any(q.label == m.label for q in uf.members(p.id))]
        if not cands and not m.args:  # `والجرحى` after the dead of a disaster: the casualties told before
            cands = [p for p in reversed(earlier) if uf.find(p.id) != uf.find(m.id) and p.label in CASUALTY
                     and not any(q.aggregate for q in uf.members(p.id))]
    else:
        return None
    if not cands or (m.sent - cands[0].sent > ANAPHORA_SENTENCES and set(m.args) - {"SOURCE"}):
        return None  # a bare mention (`القتلى`, `الهجوم`) may refer back further than one with arguments
    return _compatible_antecedent(m, cands[0], uf, doc, member_of)


def _compatible_antecedent(m: Mention, p: Mention, uf: _Clusters, doc: Document, member_of) -> Mention | None:
    mine = uf.members(m.id)
    theirs = uf.members(p.id)
    # a tally is referred back to only by a bare anaphor (`هذه العمليات`), not by a mention with its own place
    if any(q.aggregate for q in theirs) and (m.role("PLACE") or m.role("TIME") or m.role("ATTACKER")):
        return None
    return p if compatible(theirs, mine, doc, member_of) else None


def _same_sentence(m: Mention, mentions: list[Mention], uf: _Clusters, doc: Document, member_of) -> Mention | None:
    """The nearest mention of another compatible event in m's sentence (a tally joins only a tally or a plural)."""
    mine = uf.members(m.id)
    mine_tally = any(q.aggregate for q in mine)
    in_clause = lambda group: any(_in_clause(q, doc.text) for q in group  # noqa: E731
                                  if q.label == ATTACK and q.sent == m.sent)
    mine_clause = m.label == ATTACK and in_clause(mine)
    others = []
    for p in mentions:
        if p.sent != m.sent or uf.find(p.id) == uf.find(m.id):
            continue
        theirs = uf.members(p.id)
        if m.label == ATTACK and any(_in_response(q, doc.text) for q in mine + theirs
                                     if q.label == ATTACK and q.sent == m.sent):
            continue  # `شن غارات ... ردا على تفجير عبوة`: the attack answered is another event
        if m.label == ATTACK and mine_clause != in_clause(theirs):
            continue  # `قصفت ... بعدما قام فلسطينيون بهجوم`
        their_tally = any(q.aggregate for q in theirs)
        if mine_tally and not their_tally and not (p.label == ATTACK and is_plural(p.ent.text)):
            continue
        if their_tally and not mine_tally and not is_plural(m.ent.text):
            continue
        if _counts_of(mine) and _counts_of(theirs):
            continue  # two attacks, each with its own toll
        others.append(p)
    if not others:
        return None
    p = min(others, key=lambda p: abs(p.ent.start - m.ent.start))
    return p if compatible(uf.members(p.id), mine, doc, member_of) else None


def _counts_of(group: list[Mention]) -> bool:
    return any(q.counts for q in group)


