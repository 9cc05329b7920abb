"""Consistency checks for the gold annotations: one check per ruling of annotations/GUIDELINES.md (section 10).

Each check lists *candidates*, places where the annotation may break its ruling. A candidate is not an error: it is
read in context and then fixed in the annotation or kept, and the decision is written to the decision log
(annotations/consistency_log.tsv: doc id, rule, candidate, decision, reason). A candidate counts as reviewed when the
log holds a decision for it; a fixed candidate disappears from the output once its fix is in the annotation.

    python scripts/consistency.py                        # unreviewed candidates; exit status 1 if there are any
    python scripts/consistency.py --summary              # per rule: candidates now, kept, fixed, unreviewed
    python scripts/consistency.py --rule 10.21 --context # one rule, each candidate with its sentence rendered
    python scripts/consistency.py --all                  # every candidate with its logged decision
    python scripts/consistency.py --files new.jsonl      # check other annotation files (default: the gold files)

A log line whose decision is `fixed` but whose candidate is still reported is an error too (the fix is missing).
Candidate keys use entity ids and text offsets, which stay stable because annotation edits never renumber ids.

The checks are project-specific rulings over our own document format; no annotation library offers them (the
agreement and validation tools of brat/INCEpTION check schemas, not guideline rulings), so they are plain `re` code.
"""
from __future__ import annotations

import argparse
import csv
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from model.document import Document, load_documents  # noqa: E402

GOLD_FILES = [ROOT / "annotations" / f for f in ("seeds.jsonl", "ant.jsonl", "ant_v2_a.jsonl", "ant_v2_b.jsonl", "ant_v2_c.jsonl")]
LOG_FILE = ROOT / "annotations" / "consistency_log.tsv"
LOG_FIELDS = ("doc_id", "rule", "candidate", "decision", "reason")
DECISIONS = ("fixed", "kept")
CASUALTIES = ("KILL", "INJURE", "ARREST")
TRIGGERS = ("ATTACK",) + CASUALTIES
CLITICS = "(?:[وفبلك]|وب|ول|فب|فل|وك)?"
WORD = r"[^\s.,،:;؛!?؟()\"'«»“”]+"

log = logging.getLogger("consistency")


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    rule: str
    key: str  # stable within the document: entity ids, relation labels or a text offset
    note: str  # what the check saw, for the reader
    at: int  # a text offset, for the rendered context

    @property
    def ident(self) -> tuple[str, str, str]:
        return self.doc_id, self.rule, self.key


# ---- text helpers ----------------------------------------------------------------------------------------------------
_SENT_END = re.compile(r"[؟!\n]|\.(?!\d)")


def sentence_of(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding offset `pos` (guidelines 6.0: `.` `؟` `!` or a line break ends one)."""
    start = 0
    for m in _SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENT_END.search(text, pos)
    return start, (m.end() if m else len(text))


def render(doc: Document, start: int, end: int) -> str:
    """Text of [start, end) with every span inside shown as [text]LABEL:id."""
    out, pos = [], start
    for e in sorted(doc.entities, key=lambda e: e.start):
        if e.start < start or e.end > end:
            continue
        out.append(doc.text[pos:e.start] + f"[{e.text}]{e.label}:{e.id}")
        pos = e.end
    out.append(doc.text[pos:end])
    return "".join(out).replace("\n", " ⏎ ")


class Index:
    """Lookups one document needs: entities by id, relations by (label, head) and by key, covered offsets."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ents = doc.entity_by_id()
        self.rels = {(r.label, r.head, r.tail) for r in doc.relations}
        self.out: dict[tuple[str, str], list[str]] = {}
        for r in doc.relations:
            self.out.setdefault((r.label, r.head), []).append(r.tail)
        self.by_start = sorted(doc.entities, key=lambda e: e.start)

    def tails(self, label: str, head: str) -> list[str]:
        return self.out.get((label, head), [])

    def covering(self, pos: int):
        return next((e for e in self.doc.entities if e.start <= pos < e.end), None)

    def span_at(self, start: int, end: int):
        return [e for e in self.by_start if e.start >= start and e.end <= end]

    def sentence(self, pos: int) -> tuple[int, int]:
        return sentence_of(self.doc.text, pos)

    def same_sentence(self, *ids: str) -> bool:
        return len({self.sentence(self.ents[i].start) for i in ids}) == 1


# ---- the checks ------------------------------------------------------------------------------------------------------
Check = Callable[[Index], Iterator[Candidate]]
CHECKS: dict[str, tuple[str, Check]] = {}


def check(rule: str, what: str):
    def deco(fn: Check) -> Check:
        CHECKS[rule] = (what, fn)
        return fn
    return deco


def _pairs(ix: Index) -> Iterator[tuple[str, str]]:
    """(casualty id, attack id) for every RESULT_OF within one sentence."""
    for r in ix.doc.relations:
        if r.label == "RESULT_OF" and ix.same_sentence(r.head, r.tail):
            yield r.head, r.tail


def _attack_only(ix: Index, cas: str, atk: str, x: str) -> bool:
    """Is x the attack's alone (10.21, 10.28)? The casualty takes a place or date of its own clause only: before the
    attack's phrase when the casualty comes first, after the casualty when the attack comes first. Everything else
    (the attack's phrase, or what frames an attack that comes first) belongs to the attack."""
    c, a, t = ix.ents[cas].start, ix.ents[atk].start, ix.ents[x].start
    return not ((c < a and t < a) or (a < c < t))


@check("10.21", "a casualty's PLACE/TIME/INSTRUMENT stands in its attack's phrase or frames an attack that comes first")
def casualty_copies_attack(ix: Index) -> Iterator[Candidate]:
    for cas, atk in _pairs(ix):
        for lab in ("PLACE", "TIME", "INSTRUMENT"):
            for x in ix.tails(lab, cas):
                if ix.same_sentence(cas, x) and _attack_only(ix, cas, atk, x):
                    yield Candidate(ix.doc.id, "10.21", f"{lab} {cas}->{x}",
                                    f"{lab}({ix.ents[cas].text} -> {ix.ents[x].text}); attack {atk} "
                                    f"{ix.ents[atk].text}", ix.ents[cas].start)


@check("10.28", "a place or date of a casualty's own clause is not on both the casualty and its attack")
def own_clause_one_sided(ix: Index) -> Iterator[Candidate]:
    for cas, atk in _pairs(ix):
        for lab in ("PLACE", "TIME"):
            for x in set(ix.tails(lab, cas)) ^ set(ix.tails(lab, atk)):
                if not ix.same_sentence(cas, x) or _attack_only(ix, cas, atk, x):
                    continue
                has = cas if x in ix.tails(lab, cas) else atk
                lacks = atk if has == cas else cas
                yield Candidate(ix.doc.id, "10.28", f"{lab} {lacks}->{x}",
                                f"{lab}({ix.ents[has].text} -> {ix.ents[x].text}) but not from "
                                f"{ix.ents[lacks].label} {ix.ents[lacks].text}", ix.ents[x].start)


NATIONALITY = re.compile(
    "^ال(?:أ?مي?ري?ك|إسرائيل|اسرائيل|فلسطين|لبنان|سوري|عراق|إيران|ايران|ترك|روس|يمن|سعود|مصر|ليب|أفغان|افغان|"
    "باكستان|هند|صومال|نيجير|مالي|فرنس|بريطان|ألمان|المان|أردن|اردن|قطر|إمارات|اماراتي|كرد|كورد|تونس|جزائر|"
    "مغرب|سودان|أوكران|اوكران|صين|ياباني|كوري|سوفي[يت]|أوروب|اوروب|أطلسي|أممي|كندي|أسترال|هولند|إيطال|"
    "إسبان|بلجيك|تشاد|كيني|أوغند|إثيوب|إريتر|بحرين|كويت|عمان|إماراتي|موريتان|نيجيري|بورم|ميانمار|فلبين|"
    "إنكليز|انكليز|إنجليز|انجليز|يوغوسلاف)\\w*(?<=ي|ة|ن)$")


def _next_word(text: str, end: int) -> tuple[int, str]:
    """The word right after a span (past a closing quote), with its start; ('', -1) at a clause break."""
    m = re.compile(rf"[\"”»']?[ \u00a0]+({WORD})").match(text, end)
    return (m.start(1), m.group(1)) if m else (-1, "")


@check("10.25", "an agreeing nationality adjective is left outside an ORG or WEAPON span")
def nationality_outside(ix: Index) -> Iterator[Candidate]:
    for e in ix.doc.entities:
        if e.label not in ("ORG", "WEAPON"):
            continue
        pos, word = _next_word(ix.doc.text, e.end)
        if word and NATIONALITY.match(word) and not ix.covering(pos):
            yield Candidate(ix.doc.id, "10.25", f"{e.id} +{word}", f"{e.label} {e.text!r} + {word}", e.start)


SHORT_FORM = re.compile(r"^(?:ال(?:تنظيم|جماعة|حركة|منظمة|ميليشيا|ميليشيات|مليشيا|مليشيات|جماعات|فصائل|حزب|"
                        r"عصابات|تنظيمات))(?: ال\w+)*$")
DESCRIPTIVE = re.compile(r"^ال(?:متطرف|متشدد|إرهابي|ارهابي|جهادي|مسلح|انفصالي|انقلابي|متمرد|إسلامي|سلفي|"
                         r"تكفيري|حوثي|شيعي|سني|مسلحة|موالي|معارض)\w*$")


@check("10.29", "a short form's describing adjective is left outside its ORG span")
def short_form_adjective(ix: Index) -> Iterator[Candidate]:
    for e in ix.doc.entities:
        if e.label != "ORG" or not SHORT_FORM.match(e.text):
            continue
        pos, word = _next_word(ix.doc.text, e.end)
        if word and DESCRIPTIVE.match(word) and not ix.covering(pos):
            yield Candidate(ix.doc.id, "10.29", f"{e.id} +{word}", f"ORG {e.text!r} + {word}", e.start)


VICTIMS = re.compile(rf"(?<!\S){CLITICS}(?:ال)?(?:ضحايا|ضحية|لضحايا)(?!\w)")


@check("10.40", "ضحايا/الضحايا/ضحية annotated as a trigger, or left unannotated")
def victims_word(ix: Index) -> Iterator[Candidate]:
    for m in VICTIMS.finditer(ix.doc.text):
        e = ix.covering(m.end() - 1)
        if e is None or e.label in TRIGGERS:
            what = "unannotated" if e is None else f"{e.label} {e.id}"
            yield Candidate(ix.doc.id, "10.40", f"@{m.start()} {m.group()}", what, m.start())


MASSACRE = re.compile(rf"(?<!\S){CLITICS}(?:ال)?(?:مجزر|مذبح|مجازر|مذابح)\w*")


@check("10.41", "مجزرة/مذبحة annotated with another label than KILL, or left unannotated")
def massacre(ix: Index) -> Iterator[Candidate]:
    for m in MASSACRE.finditer(ix.doc.text):
        e = ix.covering(m.end() - 1)
        if e is None or e.label != "KILL":
            what = "unannotated" if e is None else f"{e.label} {e.id}"
            yield Candidate(ix.doc.id, "10.41", f"@{m.start()} {m.group()}", what, m.start())


INCIDENT = re.compile(rf"(?<!\S){CLITICS}(?:ال)(?:حادث|حادثة|واقعة)(?!\w)")


@check("10.44", "الحادث/الحادثة/الواقعة left unannotated in a document with attacks, or annotated as another label")
def incident(ix: Index) -> Iterator[Candidate]:
    if not any(e.label == "ATTACK" for e in ix.doc.entities):
        return
    for m in INCIDENT.finditer(ix.doc.text):
        e = ix.covering(m.end() - 1)
        if e is None or e.label != "ATTACK":
            what = "unannotated" if e is None else f"{e.label} {e.id}"
            yield Candidate(ix.doc.id, "10.44", f"@{m.start()} {m.group()}", what, m.start())


FELL_VICTIM = re.compile(r"(?<!\S)[وف]?(?:راح|ذهب|سقط)(?:ت)?\s+ضحيت(?:ه|ها|هم|هما)(?!\w)")


@check("10.48", "راح ضحيته + the dead with no KILL trigger in its sentence")
def fell_victim(ix: Index) -> Iterator[Candidate]:
    for m in FELL_VICTIM.finditer(ix.doc.text):
        s, t = ix.sentence(m.start())
        if not any(e.label == "KILL" for e in ix.span_at(s, t)):
            yield Candidate(ix.doc.id, "10.48", f"@{m.start()} {m.group()}", "no KILL in its sentence", m.start())


CLAIM = re.compile(r"مسؤولي(?:ة|ته|تها|تهم|تهما)(?!\w)|(?<!\S)[وف]?(?:ي|ت)?تبن(?:ى|ت|اه|ته|اها|يه|ي)(?!\w)")


@check("10.7", "an attack in a sentence that claims responsibility has no claimant that is both ATTACKER and SOURCE")
def claim_without_attacker(ix: Index) -> Iterator[Candidate]:
    for m in CLAIM.finditer(ix.doc.text):
        s, t = ix.sentence(m.start())
        for a in ix.span_at(s, t):
            if a.label != "ATTACK":
                continue
            both = set(ix.tails("ATTACKER", a.id)) & set(ix.tails("SOURCE", a.id))
            if not both:
                rel = "; ".join(f"{lab}={','.join(ix.ents[x].text for x in ix.tails(lab, a.id)) or '-'}"
                                for lab in ("ATTACKER", "SOURCE"))
                yield Candidate(ix.doc.id, "10.7", f"{a.id} claimed", f"{a.text}: {rel} ({m.group()})", a.start)


REPORTING = re.compile(r"(?<!\S)[وف]?(?:قال|قالت|أعلن|أعلنت|اعلن|اعلنت|ذكر|ذكرت|أفاد|أفادت|أكد|أكدت|أوضح|أوضحت|"
                       r"أضاف|أضافت|أشار|أشارت|كشف|كشفت|نقل|نقلت|أورد|أوردت|يقول|تقول)(?!\S)")


COMPLEMENTIZER = re.compile(r"(?<!\S)(?:إن|أن|ان|بأن|بان|إنه|أنه|إنها|أنها|إنهم|أنهم)(?!\S)|[:\"“«]")


def _unsourced_reports(ix: Index) -> Iterator[Candidate]:
    """Sentences with a reporting verb and a named speaker (ORG/PER) between the verb and its complementizer or
    quote, whose reported triggers all lack a SOURCE."""
    text = ix.doc.text
    for m in REPORTING.finditer(text):
        s, t = ix.sentence(m.start())
        comp = COMPLEMENTIZER.search(text, m.end(), t)
        if comp is None:
            continue
        spans = ix.span_at(s, t)
        speakers = [e for e in spans if e.label in ("ORG", "PER") and m.end() <= e.start < comp.start()]
        triggers = [e for e in spans if e.label in TRIGGERS and e.start > comp.start()]
        if speakers and triggers and not any(ix.tails("SOURCE", e.id) for e in triggers):
            for e in triggers:
                yield Candidate(ix.doc.id, "10.19", f"{e.id} SOURCE?", f"{e.label} {e.text}: no SOURCE in a sentence "
                                f"reported by {m.group()} ({', '.join(x.text for x in speakers)})", e.start)


@check("10.19", "a trigger in a reported clause without a SOURCE (others in its sentence have one, or none has)")
def reported_without_source(ix: Index) -> Iterator[Candidate]:
    yield from _unsourced_reports(ix)
    seen = set()
    for r in ix.doc.relations:
        if r.label != "SOURCE" or r.head in seen:
            continue
        s, t = ix.sentence(ix.ents[r.head].start)
        src = ix.ents[r.tail]
        begin = src.end if s <= src.start < t else s
        for e in ix.span_at(s, t):
            seen.add(e.id)
            if e.label in TRIGGERS and e.start >= begin and not ix.tails("SOURCE", e.id):
                yield Candidate(ix.doc.id, "10.19", f"{e.id} SOURCE?",
                                f"{e.label} {e.text}: no SOURCE; {ix.ents[r.head].text} has {src.text}", e.start)


DAY_WORDS = ("أمس|امس|الأمس|البارحة|اليوم|الليلة|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|"
             "السبت")
MONTHS = ("يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|"
          "شباط|آذار|نيسان|أيار|ايار|حزيران|تموز|آب|أيلول|ايلول|تشرين")
DATE_WORD = re.compile(rf"(?<![\w/]){CLITICS}(?:{DAY_WORDS}|{MONTHS}|(?:ال)?عام \d{{4}})(?![\w])")


@check("10.1", "a day, month or year word not inside any span (10.1: أمس, اليوم, weekdays are DATEs)")
def date_word_unannotated(ix: Index) -> Iterator[Candidate]:
    for m in DATE_WORD.finditer(ix.doc.text):
        if ix.covering(m.end() - 1) is None:
            yield Candidate(ix.doc.id, "10.1", f"@{m.start()} {m.group()}", "not annotated", m.start())


OPENERS_OUT = ("في", "خلال", "حتى", "إلى", "الى", "طوال", "من", "بين", "مدى", "على")
OPENERS_IN = ("منذ", "قبل", "بعد")


@check("10.27", "DATE extent: a span opening with a preposition, منذ/قبل/بعد left outside, a range split in two")
def date_extent(ix: Index) -> Iterator[Candidate]:
    text = ix.doc.text
    dates = [e for e in ix.by_start if e.label == "DATE"]
    for e in dates:
        first = e.text.split()[0]
        if first in OPENERS_OUT:
            yield Candidate(ix.doc.id, "10.27", f"{e.id} opens:{first}", f"DATE {e.text!r}", e.start)
        before = text[max(0, e.start - 20):e.start].split()
        if before and before[-1] in OPENERS_IN + tuple("و" + w for w in OPENERS_IN):
            yield Candidate(ix.doc.id, "10.27", f"{e.id} outside:{before[-1]}", f"{before[-1]} [{e.text}]", e.start)
    for a, b in zip(dates, dates[1:]):
        gap, before = text[a.end:b.start], text[max(0, a.start - 5):a.start]
        if re.fullmatch(r"\s*(?:إلى|الى|حتى|-|–)\s*", gap) or (re.fullmatch(r"\s*و\s*", gap) and "بين" in before):
            yield Candidate(ix.doc.id, "10.27", f"range {a.id}+{b.id}", f"[{a.text}]{gap}[{b.text}]", a.start)


@check("10.23", "a place is both TARGET and PLACE of the same attack")
def target_and_place(ix: Index) -> Iterator[Candidate]:
    for lab, h, t in sorted(ix.rels):
        if lab == "TARGET" and ("PLACE", h, t) in ix.rels:
            yield Candidate(ix.doc.id, "10.23", f"PLACE {h}->{t}", f"{ix.ents[h].text} -> {ix.ents[t].text}",
                            ix.ents[h].start)


CLASH = re.compile(r"اشتب|مواجه|معارك|معركة|تبادل|اصطدام|قتال")


@check("10.30", "a clash whose مع-side is ATTACKER or whose بين-sides are not both ATTACKER")
def clash_roles(ix: Index) -> Iterator[Candidate]:
    text = ix.doc.text
    for a in ix.doc.entities:
        if a.label != "ATTACK" or not CLASH.search(a.text):
            continue
        after = text[a.end:a.end + 60]
        for lab in ("ATTACKER", "TARGET"):
            for t in ix.tails(lab, a.id):
                x = ix.ents[t]
                between = text[a.end:x.start] if x.start >= a.end else ""
                if lab == "ATTACKER" and re.search(r"(?<!\S)مع(?!\S)", between) and "بين" not in between:
                    yield Candidate(ix.doc.id, "10.30", f"ATTACKER {a.id}->{t}", f"{a.text} مع ... {x.text}",
                                    a.start)
                if lab == "TARGET" and re.match(r"\s*\S*\s*بين(?!\S)", after) and x.start > a.end:
                    yield Candidate(ix.doc.id, "10.30", f"TARGET {a.id}->{t}", f"{a.text} بين ... {x.text}",
                                    a.start)


@check("10.31", "an ATTACK span that runs over the subject of a split firing phrase")
def split_firing(ix: Index) -> Iterator[Candidate]:
    for a in ix.doc.entities:
        words = a.text.split()
        if a.label == "ATTACK" and len(words) > 2 and re.match("^(?:أطلق|اطلق|فتح)", words[0]) and \
                words[-1].endswith("النار"):
            yield Candidate(ix.doc.id, "10.31", f"{a.id}", f"ATTACK {a.text!r}", a.start)


OPERATION = re.compile(r"^(?:ال)?(?:عملي(?:ة|ات|تها|اتها|اته|ته)|حمل(?:ة|ات))(?!\S)")
KIND_ADJ = re.compile(r"^ال?(?:عسكري|جوي|بري|بحري|انتحاري|أمني|امني|إرهابي|ارهابي|مسلح|قتالي)\w*$")
NOT_KIND_ADJ = re.compile(r"^ال?(?:مشترك|نوعي|ناجح|واسع|شامل|كبرى|كبير|خاطف|مستمر|منسق|محكم|متعدد|جريئ|جديد)\w*$")


@check("10.32", "an operation's extent: a kind adjective left outside عملية, another adjective inside, a campaign")
def operation_extent(ix: Index) -> Iterator[Candidate]:
    for a in ix.doc.entities:
        if a.label != "ATTACK" or not OPERATION.match(a.text):
            continue
        words = a.text.split()
        if words[0].lstrip("ال").startswith("حمل"):
            yield Candidate(ix.doc.id, "10.32", f"{a.id} campaign", f"ATTACK {a.text!r}", a.start)
        pos, nxt = _next_word(ix.doc.text, a.end)
        if nxt and KIND_ADJ.match(nxt) and not ix.covering(pos):
            yield Candidate(ix.doc.id, "10.32", f"{a.id} +{nxt}", f"ATTACK {a.text!r} + {nxt}", a.start)
        if any(NOT_KIND_ADJ.match(w) for w in words[1:]):
            yield Candidate(ix.doc.id, "10.32", f"{a.id} inside", f"ATTACK {a.text!r}", a.start)


@check("10.35", "an attack's TARGET points to both a facility and the organization or group named right after it")
def facility_and_owner(ix: Index) -> Iterator[Candidate]:
    for f, o in zip(ix.by_start, ix.by_start[1:]):
        if f.label != "FAC" or o.label not in ("ORG", "GROUP") or o.start - f.end > 3:
            continue
        for lab in ("TARGET",):
            for lab_h, h, t in ix.rels:
                if lab_h == lab and t == o.id and (lab, h, f.id) in ix.rels:
                    yield Candidate(ix.doc.id, "10.35", f"{lab} {h}->{o.id}",
                                    f"{ix.ents[h].text} -> [{f.text}] and [{o.text}]", f.start)


TYPE_WORDS = ("مدينة|محافظة|قضاء|ناحية|بلدة|قرية|منطقة|إقليم|ولاية|العاصمة|حي|مديرية|مستوطنة|محلة|قرى|بلدات|"
              "مدن|محافظات|مناطق|أحياء|مديريات")
TYPE_START = re.compile(rf"^(?:{TYPE_WORDS}) (\S+)")
ADJECTIVE_END = re.compile(r"(?:ي|ية|ة|يين|ى)$")
FRONT_WORDS = re.compile(r"(?:^|\s)[وبل]?(?:جبهة|محور)\s*$")


@check("10.36", "a type word inside a place name (or جبهة/محور left outside the place it makes a front of)")
def type_word_inside(ix: Index) -> Iterator[Candidate]:
    for e in ix.doc.entities:
        if e.label not in ("GPE", "LOC"):
            continue
        m = TYPE_START.match(e.text)
        if m and (e.label == "GPE" or not ADJECTIVE_END.search(m.group(1))):
            yield Candidate(ix.doc.id, "10.36", f"{e.id} {e.text.split()[0]}", f"{e.label} {e.text!r}", e.start)
        if FRONT_WORDS.search(ix.doc.text[max(0, e.start - 8):e.start]):
            yield Candidate(ix.doc.id, "10.36", f"{e.id} front", f"{e.label} {e.text!r} after جبهة/محور", e.start)


ISIS = re.compile(r"داعش|الدولة الإسلامية|الدولة الاسلامية")
AFTER_WILAYA = re.compile(r"(?:^|\s)[وبل]?ولاية\s*[\"“«]?$")


@check("10.37", "a place right after ولاية in a document about ISIS: its 'provinces' keep ولاية inside the name")
def isis_province(ix: Index) -> Iterator[Candidate]:
    if not ISIS.search(ix.doc.text):
        return
    for e in ix.doc.entities:
        if e.label in ("GPE", "LOC", "ORG") and AFTER_WILAYA.search(ix.doc.text[max(0, e.start - 8):e.start]):
            yield Candidate(ix.doc.id, "10.37", f"{e.id} ولاية", f"ولاية [{e.text}] {e.label}", e.start)


EUPHEMISM = re.compile(rf"(?<!\S){CLITICS}(?:مصرع\w*|حتف\w*|استشهد\w*|سقوط|سقط|توفي|توفيت|توفوا|وفاة\w*|"
                       rf"فارق\w* الحياة)(?!\w)")


@check("10.38", "a euphemism for a death left unannotated (مصرع, حتف, استشهد, سقوط + people, توفي)")
def euphemism_unannotated(ix: Index) -> Iterator[Candidate]:
    text = ix.doc.text
    for m in EUPHEMISM.finditer(text):
        if ix.covering(m.end() - 1) is not None:
            continue
        word = m.group()
        if re.search("سقط|سقوط", word):
            nxt = next((e for e in ix.by_start if e.start >= m.end()), None)
            if nxt is None or nxt.label != "GROUP" or nxt.start - m.end() > 2:
                continue
            after = next((e for e in ix.by_start if e.start >= nxt.end), None)
            if after is not None and after.label in CASUALTIES and after.start - nxt.end <= 8:
                continue  # سقوط 5 قتلى: the casualty noun is the trigger (Q11)
        yield Candidate(ix.doc.id, "10.38", f"@{m.start()} {word}", "not annotated", m.start())


@check("10.39", "a span that stops or starts inside a dotted abbreviation (only its final dot stays outside)")
def abbreviation_cut(ix: Index) -> Iterator[Candidate]:
    text = ix.doc.text
    for e in ix.doc.entities:
        after, before = text[e.end:e.end + 3], text[max(0, e.start - 3):e.start]
        if re.match(r"\.\w(?:[.\s]|\Z)", after) or re.search(r"(?:^|[\s.])\w\.\Z", before):
            yield Candidate(ix.doc.id, "10.39", f"{e.id}", f"{e.label} {e.text!r} in "
                            f"{text[max(0, e.start - 6):e.end + 6]!r}", e.start)


# ---- running and the decision log ------------------------------------------------------------------------------------
def candidates(docs: list[Document], rules: list[str] | None = None) -> list[Candidate]:
    out = []
    for doc in docs:
        ix = Index(doc)
        for rule, (_, fn) in CHECKS.items():
            if rules is None or rule in rules:
                found = {c.ident: c for c in fn(ix)}  # one candidate per key (a relation may meet two attacks)
                out.extend(sorted(found.values(), key=lambda c: (c.at, c.key)))
    return out


class LogError(ValueError):
    pass


def read_log(path: Path) -> dict[tuple[str, str, str], dict]:
    """Decisions by (doc id, rule, candidate key); a malformed line raises LogError naming the file and line."""
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or tuple(rows[0]) != LOG_FIELDS:
        raise LogError(f"{path}:1: the header must be {' '.join(LOG_FIELDS)}")
    for n, row in enumerate(rows[1:], 2):
        if not row:
            continue
        if len(row) != len(LOG_FIELDS):
            raise LogError(f"{path}:{n}: expected {len(LOG_FIELDS)} tab-separated fields, got {len(row)}")
        rec = dict(zip(LOG_FIELDS, row))
        if rec["decision"] not in DECISIONS:
            raise LogError(f"{path}:{n}: decision {rec['decision']!r} is not one of {', '.join(DECISIONS)}")
        if not rec["reason"].strip():
            raise LogError(f"{path}:{n}: a decision needs a reason")
        out[(rec["doc_id"], rec["rule"], rec["candidate"])] = rec
    return out


def review_state(cands: list[Candidate], decisions: dict) -> dict[str, list[Candidate]]:
    """Split current candidates into kept (reviewed), unreviewed, and fixed-but-still-there."""
    state = {"kept": [], "unreviewed": [], "fix missing": []}
    for c in cands:
        rec = decisions.get(c.ident)
        state["unreviewed" if rec is None else ("kept" if rec["decision"] == "kept" else "fix missing")].append(c)
    return state


def summary(cands: list[Candidate], decisions: dict, rules: list[str], doc_ids: set[str]) -> str:
    state = review_state(cands, decisions)
    now = Counter(c.rule for c in cands)
    per = {k: Counter(c.rule for c in v) for k, v in state.items()}
    fixed = Counter(k[1] for k, rec in decisions.items() if rec["decision"] == "fixed" and k[0] in doc_ids)
    lines = ["| rule | check | candidates now | kept | fixed (logged) | unreviewed |", "|---|---|---|---|---|---|"]
    for rule in rules:
        lines.append(f"| {rule} | {CHECKS[rule][0]} | {now[rule]} | {per['kept'][rule]} | {fixed[rule]} | "
                     f"{per['unreviewed'][rule] + per['fix missing'][rule]} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", nargs="+", default=[str(p) for p in GOLD_FILES], help="annotation JSONL files")
    ap.add_argument("--log", default=str(LOG_FILE), help="the decision log (TSV)")
    ap.add_argument("--rule", action="append", help="only this rule (repeatable), e.g. 10.21")
    ap.add_argument("--all", action="store_true", help="list every candidate, reviewed or not")
    ap.add_argument("--summary", action="store_true", help="print the per-rule table only")
    ap.add_argument("--context", action="store_true", help="show each candidate's sentence with its spans")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rules = args.rule or list(CHECKS)
    unknown = [r for r in rules if r not in CHECKS]
    if unknown:
        ap.error(f"unknown rule(s) {', '.join(unknown)}; known: {', '.join(CHECKS)}")
    try:
        decisions = read_log(Path(args.log))
    except LogError as err:
        print(err, file=sys.stderr)
        return 2
    docs = load_documents(args.files)
    by_id = {d.id: d for d in docs}
    cands = candidates(docs, rules)
    state = review_state(cands, decisions)
    if args.summary:
        print(summary(cands, decisions, rules, set(by_id)))
    else:
        shown = cands if args.all else state["unreviewed"] + state["fix missing"]
        for c in shown:
            rec = decisions.get(c.ident)
            tag = "UNREVIEWED" if rec is None else rec["decision"].upper() + (" (still present)" if
                                                                              rec["decision"] == "fixed" else "")
            print(f"{c.doc_id}\t{c.rule}\t{c.key}\t{tag}\t{c.note}")
            if args.context:
                s, t = sentence_of(by_id[c.doc_id].text, c.at)
                print("    " + render(by_id[c.doc_id], s, t))
    open_ = len(state["unreviewed"]) + len(state["fix missing"])
    log.info("%d documents, %d candidates: %d kept, %d unreviewed, %d logged as fixed but still present",
             len(docs), len(cands), len(state["kept"]), len(state["unreviewed"]), len(state["fix missing"]))
    return 1 if open_ else 0


if __name__ == "__main__":
    sys.exit(main())
