"""Event records: one per real event, assembled from the merged mentions (`model.merge`).

A record (format: annotations/GUIDELINES.md, 11.0) says what happened (type, an ACLED-like
sub-type), when (`model.dates`), where (`model.places`), who attacked whom with which organisations behind them
(MEMBER_OF), who was killed, wounded or captured and how many (`model.numbers`), who reported it, and the sentence
that states its core.

Counts per outcome (`killed` from KILL mentions, `wounded` from INJURE, `captured` from ARREST):
- each mention's victims give parts; victims preceded by `بينهم`/`منهم` (or a casualty noun after `من بين`) are a
  subset of the total, listed in the breakdown with `"subset": true` and not added;
- parts of one mention add up (`3 جنود و5 مدنيين` -> 8); a mention whose victims are `آخرون` adds to the
  statement before it (`خمسة ... بينما أصيب اثنان آخران` -> 7, breakdown 5 + 2);
- in one mention, a group whose number is the sum of the others' is their total (`23 عنصرا على الأقل، خمسة ...
  و18 ...` -> 23..null), and `آخرون` told again with the same number are not more people;
- restatements (headline, lead, body) are alternatives, not added: the total is the statement with the largest
  lower bound (ties: an exact number over a bound or an approximation, then the earliest); the breakdown is the
  multi-part statement whose sum agrees with that total when there is one; disagreeing totals give a range;
- statements a larger one includes are subsets, not disagreeing figures: people of one kind (`عشرة صحافيين`) within a
  larger count of people of no kind, named people or `أحد المخطوفين` within a larger count, or names told again
  with others (`ماري كولفن`, then `ماري كولفن` and `ريمي أوتشليك`); `N من القتلى` after a total is a subset too;
- a bound written after the span, also past its trigger (`[40] [قتيلا] على الأقل`), opens the maximum.
"""
from __future__ import annotations

import re
from datetime import date

from .dates import DateValue, width_days
from .document import Document, Entity
from .merge import cluster_mentions, event_places, victim_side
from .mentions import ATTACK, Mention, build_mentions, entity_index, is_plural, sentences
from .numbers import (Count, add, counts_things, is_correcting, is_others, is_partial, is_preliminary, is_subset, is_superseded,
                      norm_letters)
from .places import LED_BY, country_code, document_country, document_country_counts, in_dateline, span_country
from .victims import (bound_before, continues_number, glued_number, is_accused, is_age, is_displaced, is_doer,
                      named_after, other_outcome, own_outcome, shared_in_text, told_before)

OUTCOMES = {"KILL": "killed", "INJURE": "wounded", "ARREST": "captured"}
ROLE_FIELDS = {"ATTACKER": "attackers", "TARGET": "targets", "VICTIM": "victims", "AGENT": "agents",
               "INSTRUMENT": "instruments", "SOURCE": "sources"}
SUBTYPES = [  # (pattern on the normalized trigger text and instruments, sub-type); first match wins
    (r"انتحاري|انتحارية", "suicide bomb"),
    (r"غار|ضرب(?:ة|ات) جوي|قصف جوي|طائر|طيران|مسير", "air/drone strike"),
    (r"قصف|صاروخ|صواريخ|قذائف|قذيفة|هاون|مدفع", "shelling/artillery/missile attack"),
    (r"انفجار|تفجير|فجر|عبوة|ناسف|مفخخ|لغم|الغام", "remote explosive/landmine/IED"),
    (r"اشتباك|اشتبك|معارك|معركة|مواجهات|قتال|تبادل", "armed clash"),
    (r"اقتحام|اقتحم|مداهمة|داهم|انزال|انزال جوي", "raid"),
    (r"اطلاق النار|اطلق النار|رصاص|طعن|هجوم|هجمات|اعتداء", "attack"),
    (r"اختطاف|خطف|اختطف|رهائن", "abduction/forced disappearance"),
    (r"اعتقال|القبض|اعتقل|احتجاز|توقيف|اسر", "arrest"),
    (r"تحرير|استعاد|استعادة|سيطرة|اجتياح|طرد", "government regains territory"),
    (r"هدم|تدمير|دمر", "destruction of property"),
]


def build_records(doc: Document, pub: date | None, trigger_labels: tuple[str, ...]) -> list[dict]:
    """All event records of a document, in order of their first mention; ids EV1, EV2, ..."""
    mentions = build_mentions(doc, pub, trigger_labels)
    return records_of_groups(doc, pub, cluster_mentions(doc, mentions)) if mentions else []


def records_of_groups(doc: Document, pub: date | None, groups: list[list[Mention]]) -> list[dict]:
    """One record per group of merged mentions (`model.merge.cluster_mentions`), ids EV1, EV2, ... in order."""
    member_of = _member_of(doc)
    sents = sentences(doc.text)
    return [_record(f"EV{k}", group, doc, pub, member_of, sents) for k, group in enumerate(groups, 1)]


def _member_of(doc: Document) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in doc.relations:
        if r.label == "MEMBER_OF":
            out.setdefault(r.head, []).append(r.tail)
    return out


def _ids(entities: list[Entity]) -> list[str]:
    return list(dict.fromkeys(e.id for e in sorted(entities, key=lambda e: e.start)))


def _record(rid: str, group: list[Mention], doc: Document, pub: date | None, member_of: dict[str, list[str]],
            sents: list[tuple[int, int]]) -> dict:
    roles = {f: _ids([e for m in group for e in m.role(r)]) for r, f in ROLE_FIELDS.items()}
    places = event_places(group, doc)
    core = _core_sentence(group, sents)
    rec = {
        "id": rid,
        "type": ATTACK if any(m.label == ATTACK for m in group) else group[0].label,
        "subtype": subtype(group),
        "mentions": [m.id for m in group],
        "evidence": doc.text[sents[core][0]:sents[core][1]].strip() if sents else "",
        "date": _date(group),
        "place": places[0] if places else None,
        "places": places,
        "country": event_country(places, doc, sents[core] if sents else None),
    }
    rec.update(roles)
    rec["attacker_orgs"] = _orgs(roles["attackers"] + roles["agents"], member_of)
    rec["target_orgs"] = _orgs(roles["targets"], member_of)
    rec["victim_orgs"] = _orgs(roles["victims"], member_of)
    shared = _shared_victims(group, doc.text)
    index = entity_index(doc)  # once per document, not twice per member
    ents_member = {k: [index[t] for t in v if t in index] for k, v in member_of.items()}
    died = _died_of_wounds(group)
    shared -= died
    for label, name in OUTCOMES.items():
        rec[name] = outcome_count([m for m in group if m.label == label], doc.text, ents_member, shared,
                                  drop=died if label == "INJURE" else set())
    rec["aggregate"] = is_aggregate_record(group, rec["date"])
    rec["offsets"] = [[m.ent.start, m.ent.end] for m in group]
    return rec


def _died_of_wounds(group: list[Mention]) -> set[str]:
    """Named people hurt and later dead of their wounds (`قبل أن تتوفى الأربعاء`, guidelines 11.3): the ids of their
    INJURE victim spans, which count as killed only."""
    from .merge import entity_key

    dead = {entity_key(v.text) for m in group if m.label == "KILL" for v in m.role("VICTIM") if v.label == "PER"}
    return {v.id for m in group if m.label == "INJURE" for v in m.role("VICTIM")
            if v.label == "PER" and entity_key(v.text) in dead}


def _shared_victims(group: list[Mention], text: str) -> set[str]:
    """Victims counted for two outcomes at once (`أسر أو قتل العشرات`): their number goes to neither. A group told
    right after the other outcome's verb is that verb's alone (`other_outcome`)."""
    kinds: dict[str, set[str]] = {}
    for m in group:
        for v in m.role("VICTIM"):
            if not other_outcome(m, v, text):
                kinds.setdefault(v.id, set()).add(m.label)
    return {v for v, k in kinds.items() if len(k) > 1}


def _orgs(ids: list[str], member_of: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(o for i in ids for o in member_of.get(i, [])))


def is_aggregate_record(group: list[Mention], date: dict | None) -> bool:
    """A tally, repeated violence or a campaign: a mention says so (`38 عملية`, `هجمات منتظمة`, a period), the date
    spans more than a year, or every attack noun is plural (`هجماته` too) and no single day is given; many strikes
    on one day are one event (guidelines 11.5)."""
    value = DateValue(date.get("text", ""), date.get("start"), date.get("end")) if date else None
    one_day = bool(value and value.resolved and _one_day(value))
    if value and value.resolved and width_days(value) > 366:
        return True  # more than a year (`عامي 2002 و2004`, `منذ 2016`): violence over a stretch of years
    if any(m.aggregate for m in group):
        return not (one_day and all(not m.dates or all(_one_day(d) for d in m.dates if d.resolved)
                                    for m in group if m.aggregate))
    attacks = [m for m in group if m.label == ATTACK]
    if not one_day and any(CAMPAIGN.search(norm_letters(m.ent.text)) for m in attacks):
        return True  # a campaign (`حملة عسكرية`, `العملية العسكرية في درعا`) with no single day (11.5)
    return bool(attacks) and all(is_plural(m.ent.text) for m in attacks) and not one_day


CAMPAIGN = re.compile(r"(?:^|\s)[وب]?(?:ال)?(?:حمل[ةه]|عملي[ةه]\s+(?:ال)?عسكري[ةه])(?:\s|$)")


def _one_day(d: DateValue) -> bool:
    """A single day, or one night across two (`ليلة الاثنين- الثلاثاء`: `أكثر من 20 غارة` then are one event)."""
    night = re.match(r"^\s*(?:ال)?(?:ليل|ليلة|ليله)(?:\s|$)", norm_letters(d.text))
    return width_days(d) == 0 or (bool(night) and width_days(d) <= 1)


def _date(group: list[Mention]) -> dict | None:
    """The event's date: the most precise of its mentions' dates (the first one when none resolves)."""
    dates: list[DateValue] = [d for m in group for d in m.dates]
    if not dates:
        return None
    resolved = [d for d in dates if d.resolved]
    best = min(resolved, key=width_days) if resolved else dates[0]
    return best.to_dict()


def event_country(places: list[str], doc: Document, sent: tuple[int, int] | None) -> str | None:
    """The country of the event's places (a country name, in the phrase or a CLDR city), a border (`الحدود مع
    باكستان`) counting only when no other place gives one; null when they span several countries; else the one country its core sentence places events in; else, for an event at a named place
    (a city, a base, `أنحاء البلاد`) or with no place at all, the country the document is about (guidelines 11.9:
    the text leaves no doubt), when one country dominates it."""
    ents = entity_index(doc)
    doc_counts = document_country_counts(doc)
    inner = [p for p in places if p in ents and not BORDER.search(norm_letters(ents[p].text))]
    codes = list(dict.fromkeys(c for p in (inner or places) if p in ents
                               and (c := span_country(ents[p], doc, doc_counts))))
    if len(codes) > 1:
        return None
    if codes:
        return codes[0]
    actors = {r.tail for r in doc.relations if r.label not in ("PLACE", "LOCATED_IN")}
    in_sentence = {country_code(e.text) for e in doc.entities
                   if e.label == "GPE" and sent and sent[0] <= e.start < sent[1] and e.id not in actors
                   and not in_dateline(e, doc.text)
                   and not LED_BY.search(norm_letters(doc.text[max(0, e.start - 16):e.start]))} - {None}
    if len(in_sentence) == 1:
        return in_sentence.pop()
    # a named place (a city, a base, `أنحاء البلاد`) lies in the country the document is about; a described area
    # (`المناطق النائية`, `أماكن أخرى من العالم`) does not say
    named = [p for p in places if p in ents and not GENERIC_PLACE.match(norm_letters(ents[p].text))
             or p in ents and "البلاد" in ents[p].text]
    # an event with no place at all happened where the document's events happen, when one country dominates
    # the document (guidelines 11.9; dev: country right on 74.4% of matched events, against 67.4% leaving it null)
    return document_country(doc) if named or not places else None


# a border names the country across it (`الحدود مع باكستان` of an event in Kunar): the event's other places say
# on which side it happened
BORDER = re.compile(r"(?:^|\s)[وب]?(?:ال|لل)?حدود")
# a described area (`المناطق النائية`), a sea or strait (`البحر الأحمر`, `مضيق هرمز`) or a continent (`أوروبا`) that lies
# in no one country
GENERIC_PLACE = re.compile(r"^(?:ال)?(?:مناطق|منطقه|منطقة|اماكن|مكان|انحاء|مختلف|جميع|بعض|كل|بحر|محيط|مضيق|اوروبا|اسيا|"
                           r"افريقيا|قارة|القارة|العالم|الشرق الاوسط|الاتحاد السوفي?يتي)(?:\s|$)")
def _core_sentence(group: list[Mention], sents: list[tuple[int, int]]) -> int:
    """The sentence whose mentions of this event give the most: attackers, victims with counts, place, time."""
    score: dict[int, set] = {}
    for m in group:
        s = score.setdefault(m.sent, set())
        s.update(r for r in ("ATTACKER", "TARGET", "VICTIM", "PLACE", "TIME", "AGENT") if m.role(r))
        if m.counts:
            s.add(("count", m.label))
    return max(score, key=lambda i: (len(score[i]), -i))


def subtype(group: list[Mention]) -> str | None:
    words = " ".join(norm_letters(m.ent.text) for m in group if m.label == ATTACK)
    words += " " + " ".join(norm_letters(w.text) for m in group for w in m.role("INSTRUMENT"))
    if not words.strip():
        words = " ".join(norm_letters(m.ent.text) for m in group)
    for pattern, name in SUBTYPES:
        if re.search(pattern, words):
            return name
    return None


# ---- counts ------------------------------------------------------------------------------------------------------
Part = tuple[Entity, "Count | None"]
AT_LEAST_AFTER_SPAN = re.compile(r"^[\s،,]*(?:على|علي) الاقل")
ONE_OF = re.compile(r"^(?:احد|احدي)(?:\s+ال\S+|هم|هما|هن|ها)$")  # one of a group told before: `أحد المخطوفين`,
# `إحدى الرهائن`, `أحدهم`
SUBSET_AFTER = re.compile(r"^\s*(?:منهم|منهن|منهما|من (?:بين )?(?:القتلي|الضحايا|الجرحي|المصابين|المعتقلين|المخطوفين))(?:\W|$)")


def _cut_bound(v: Entity, text: str) -> bool:
    """A span that ends inside `على الأقل` (a predicted span `[تسعة أطفال على] الأقل`)."""
    return bool(re.search(r"(?:^|\s)(?:على|علي)$", norm_letters(v.text).strip())
                and re.match(r"^\s*الاقل", norm_letters(text[v.end:v.end + 12])))


def _after_count(v: Entity, m: Mention, text: str) -> str:
    """The words after a victim span, past its trigger when the trigger follows at once (`[40] [قتيلا] على الأقل`)."""
    end = m.ent.end if m.ent.start >= v.end and not text[v.end:m.ent.start].strip() else v.end
    return text[end:end + 20]


def _parts(m: Mention, text: str, shared: set[str], drop: set[str] = frozenset(),
           after_total: bool = False) -> tuple[list[Part], list[Part]]:
    """(parts, subset parts) of one casualty mention; a count shared with another outcome gives no number;
    victims in `drop` are left out; `after_total`: a total of this outcome was stated before (so `اثنين منهم` is
    a part of it)."""
    from .mentions import victim_count

    trigger_subset = is_subset(text[max(0, m.ent.start - 25):m.ent.start])
    parts, subset = [], []
    prev_subset_end = None  # where the last subset victim ended: `بينهم عسكريون ومدنيون` are both a subset
    victims = sorted(m.role("VICTIM"), key=lambda e: e.start)
    for k, v in enumerate(victims):
        if v.id in drop or is_doer(v, text) or is_accused(m, v, text) or is_age(v, text) or is_displaced(m, v) \
                or other_outcome(m, v, text) or (v.label == "GROUP" and counts_things(v.text)) \
                or (k and (continues_number(victims[k - 1], v, text) or named_after(victims[k - 1], v, text))):
            continue
        c = None if v.id in shared or shared_in_text(v, text) else own_outcome(m, v) or victim_count(v)
        if c is None and told_before(v):
            continue  # `الزوجة` beside `خمسة أشخاص`: someone counted already, who leaves the total closed
        c = glued_number(v, text, c)
        if c is not None and c.max is not None and (AT_LEAST_AFTER_SPAN.match(norm_letters(_after_count(v, m, text)))
                                                    or _cut_bound(v, text)):
            c = Count(c.min, None, c.approx, c.text)  # `سبعة أشخاص على الأقل` with the bound left outside the span
        c = bound_before(v, text, c)
        if c is not None and c.max is not None and (
                is_partial(text[max(0, v.start - 45):v.start]) or is_partial(text[max(0, m.ent.start - 45):m.ent.start])):
            c = Count(c.min, None, c.approx, c.text)  # `تم نقل25 مصابا`: a part of the total, which may be larger
        coordinated = prev_subset_end is not None and re.fullmatch(r"[\s،,]*و?\s*", text[prev_subset_end:v.start])
        told_as_part = re.match(r"^(?:معظم|غالبي[ةه]|اغلب)(?:هم|هن)(?:\s|$)", norm_letters(v.text))  # `معظمهم من التونسيين`
        if trigger_subset or is_subset(text[max(0, v.start - 25):v.start]) or coordinated or told_as_part:
            prev_subset_end = v.end
            if c is not None:
                subset.append((v, c))
            continue
        prev_subset_end = None
        if c is not None and (parts or after_total) and (SUBSET_AFTER.match(norm_letters(text[v.end:v.end + 12]))
                                                         or (after_total and _definite_dual(v.text))):
            # `جرح أربعة من جنوده، إصابة اثنين منهم "بالغة"`: two of the four; later `الجنديَّين المصابَين`: the same two
            subset.append((v, c))
        else:
            parts.append((v, c))
    return parts, subset


def _definite_dual(text: str) -> bool:
    """A definite dual (`الجنديَّين`, `الشرطيان`): two people already counted, referred to again."""
    words = norm_letters(text).split()
    return len(words) == 1 and words[0].startswith("ال") and words[0].endswith(("ين", "ان"))


def _value(parts: list[Part]) -> Count | None:
    """A statement's number: its numbered parts added; an unnumbered plural beside them leaves max open."""
    numbered = [c for _, c in parts if c is not None]
    if not numbered:
        return None
    whole = _sum_of_the_rest(numbered)
    if whole is not None:  # `23 عنصرا على الأقل، هم خمسة ... و18 عنصرا`: the total and its breakdown
        return whole
    total = add(numbered, " + ".join(v.text for v, _ in parts) if len(parts) > 1 else numbered[0].text)
    if len(numbered) < len(parts):
        total = Count(total.min, None, total.approx, total.text)
    return total


def _sum_of_the_rest(numbered: list[Count]) -> Count | None:
    """In one statement of three or more numbered groups, the group whose number is the sum of the others' exact
    numbers is their total, not one more group (`مقتل 23 عنصرا على الأقل، خمسة من قوات النظام و18 من
    المقاتلين`, FR-internationalNews-1182; `ستة من أفراد الدورية، أربعة ... واثنين`, CN-middleEast-1176)."""
    if len(numbered) < 3:
        return None
    for k, c in enumerate(numbered):
        rest = numbered[:k] + numbered[k + 1:]
        if c.min and all(r.min is not None and r.min == r.max for r in rest) and sum(r.min for r in rest) == c.min:
            return c
    return None


def _agree(a: Count, b: Count) -> bool:
    lo_a, hi_a = a.min or 0, a.max if a.max is not None else 10**12
    lo_b, hi_b = b.min or 0, b.max if b.max is not None else 10**12
    return lo_a <= hi_b and lo_b <= hi_a


def _parts_of_larger(statements: list[tuple[Count, list[Part]]], member_of: dict[str, list[Entity]]) -> list[Part]:
    """Statements that a larger statement of the same outcome includes: they are a subset of it, not a
    disagreeing figure (guidelines 11.7). People of one kind (`عشرة صحافيين`) within a larger number of people of
    no stated kind (`ما لا يقل عن سبعة وثلاثين شخصا`, FR-internationalNews-1020); named people (`أحمد نبيل عقل`,
    `أحمد رشاد العثامنة`) or one of a group told before (`أحد المخطوفين`) within a larger count (`أربعة
    فلسطينيين`, SK-middleEast-1147); names told again with others (`ماري كولفن`, then `ماري كولفن` and `ريمي
    أوتشليك`, BB-middleEast-322). Their parts are taken out of `statements` (left empty) and returned."""
    generic = [val.min for val, parts in statements
               if not _side(parts, member_of) and not _named(parts) and val.min]
    counted = [val.min for val, parts in statements if not _named(parts) and val.min]
    out = []
    for k, (val, parts) in enumerate(statements):
        larger = counted if _named(parts) else generic if _side(parts, member_of) else []
        told_again = _named(parts) and any(_names(parts) < _names(p) for j, (_, p) in enumerate(statements) if j != k)
        if (larger and val.max is not None and val.max < max(larger)) or told_again:
            out += parts
            statements[k] = (val, [])
    return out


def _side(parts: list[Part], member_of: dict[str, list[Entity]]) -> set[str]:
    return set().union(*(victim_side(v, member_of) for v, _ in parts))


def _named(parts: list[Part]) -> bool:
    """Named people, or one of a group told before (`أحد المخطوفين`)."""
    return all(v.label == "PER" or ONE_OF.match(norm_letters(v.text)) for v, _ in parts)


def _names(parts: list[Part]) -> set[str]:
    return {norm_letters(v.text) for v, _ in parts}


def _class_total(statements: list[tuple[Count, list[Part]]]) -> tuple[Count, list[Part]]:
    """One count from statements of the same people: parts that add up to the largest, the most precise of
    agreeing figures, or the range of disagreeing ones."""
    best_val, best_parts = max(statements, key=lambda st: (st[0].min or 0, -statements.index(st)))
    smaller = [st for st in statements if (st[0].min or 0) < (best_val.min or 0)]
    if smaller and sum(st[0].min or 0 for st in smaller) == best_val.min and best_val.max == best_val.min:
        return best_val, [p for st in smaller for p in st[1]]
    if all(_agree(a[0], b[0]) for a in statements for b in statements):
        val, parts = max(statements, key=lambda st: (not st[0].approx, st[0].min or 0, st[0].max is not None,
                                                      len(st[1]), -statements.index(st)))
        return val, parts
    lo = min(st[0].min or 0 for st in statements)
    hi = None if any(st[0].max is None for st in statements) else max(st[0].max for st in statements)
    texts = " | ".join(dict.fromkeys(st[0].text for st in statements))
    return Count(lo, hi, any(st[0].approx for st in statements), texts), [p for st in statements for p in st[1]]


def outcome_count(mentions: list[Mention], text: str, member_of: dict[str, list[Entity]] | None = None,
                  shared: set[str] | None = None, drop: set[str] = frozenset()) -> dict | None:
    """The `killed`/`wounded`/`captured` field for the casualty mentions of one outcome type, or None."""
    member_of = member_of or {}
    statements: list[list[Part]] = []
    status: list[str] = []  # per statement: "preliminary", "correcting" or ""
    subsets: list[Part] = []
    prev_sent = None
    for m in mentions:
        parts, sub = _parts(m, text, shared or set(), drop, after_total=bool(statements))
        subsets += sub
        if not parts:
            continue
        if statements and all(is_others(v.text) for v, _ in parts) and prev_sent is not None \
                and m.sent - prev_sent <= 1 and not _restated_others(statements[-1], parts):
            statements[-1] = statements[-1] + parts
        else:
            statements.append(parts)
            status.append(_toll_status(m, text))
        prev_sent = m.sent
    valued = [(v, st) for v, st in _replaced([(_value(st), st, kind) for st, kind in zip(statements, status)])
              if v is not None]
    if not valued:
        if not subsets:
            return None
        lo = sum(c.min or 0 for _, c in subsets)
        return {"min": lo, "max": None, "approx": any(c.approx for _, c in subsets),
                "text": " + ".join(v.text for v, _ in subsets), "who": [v.id for st in statements for v, _ in st],
                "breakdown": [_entry(v, c, True) for v, c in subsets]}
    classes: list[list[tuple[Count, list[Part]]]] = []
    for st in valued:
        side = _side(st[1], member_of)
        for cl in classes:
            cl_side = _side([p for _, parts in cl for p in parts], member_of)
            if not side or not cl_side or side & cl_side:
                cl.append(st)
                break
        else:
            classes.append([st])
    for cl in classes:
        subsets += _parts_of_larger(cl, member_of)
    totals = [_class_total([st for st in cl if st[1]]) for cl in classes]
    total = add([t for t, _ in totals], " + ".join(t.text for t, _ in totals))
    if any(c is None for _, parts in totals for _, c in parts):
        total = Count(total.min, None, total.approx, total.text)
    who = list(dict.fromkeys(v.id for st in statements for v, _ in st))
    breakdown = [_entry(v, c) for _, parts in totals for v, c in parts] + [_entry(v, c, True) for v, c in subsets]
    return {"min": total.min, "max": total.max, "approx": total.approx, "text": total.text, "who": who,
            "breakdown": breakdown}


def _restated_others(before: list[Part], parts: list[Part]) -> bool:
    """`وإصابة ستة آخرين` told again after `وأصيب ستة آخرين`: the same others, not more of them
    (AL-internationalNews-183)."""
    return bool(_others_counts(parts)) and _others_counts(parts) == _others_counts(before)


def _others_counts(parts: list[Part]) -> list[tuple | None]:
    return [(c.min, c.max) if c else None for v, c in parts if is_others(v.text)]


def _toll_status(m: Mention, text: str) -> str:
    before = text[max(0, m.ent.start - 80):m.ent.start]
    if is_superseded(before):
        return "superseded"
    return "correcting" if is_correcting(before) else "preliminary" if is_preliminary(before) else ""


def _replaced(statements: list[tuple[Count | None, list[Part], str]]) -> list[tuple[Count | None, list[Part]]]:
    """The statements of one outcome left after corrections (guidelines 11.7): a toll the text gives as
    correcting an earlier one (`في وقت لاحق ... استشهاد ستة`) replaces the statements before it, and a preliminary
    toll (`حصيلة أولية`) gives way to any later statement."""
    if any(k != "superseded" and v is not None for v, _, k in statements):
        statements = [st for st in statements if st[2] != "superseded"]
    last_fix = max((i for i, (v, _, k) in enumerate(statements) if k == "correcting" and v is not None), default=0)
    kept = statements[last_fix:]
    later = [i for i, (v, _, k) in enumerate(kept) if k != "preliminary" and v is not None]
    if later:
        kept = [st for i, st in enumerate(kept) if st[2] != "preliminary" or i > max(later)]
    return [(v, parts) for v, parts, _ in kept]


def _entry(v: Entity, c: Count | None, subset: bool = False) -> dict:
    d = {"who": [v.id], "min": c.min if c else None, "max": c.max if c else None,
         "approx": c.approx if c else False, "text": c.text if c else v.text}
    if subset:
        d["subset"] = True
    return d
